// Counts by kind: organizations by kind, people by their organization's kind, ties by type,
// projects by stage, stakeholder roles by role, interactions by channel.
MATCH (o:Organization) RETURN 'organizations' AS category, o.kind AS kind, count(*) AS n
UNION ALL
MATCH (:Person)-[:WORKS_AT]->(o:Organization)
RETURN 'people' AS category, o.kind AS kind, count(*) AS n
UNION ALL
MATCH (:Person)-[r:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(:Person)
RETURN 'relationships' AS category, type(r) AS kind, count(*) AS n
UNION ALL
MATCH (prj:Project) RETURN 'projects' AS category, prj.stage AS kind, count(*) AS n
UNION ALL
MATCH (:Person)-[s:STAKEHOLDER_IN]->(:Project)
RETURN 'stakeholders' AS category, s.role AS kind, count(*) AS n
UNION ALL
MATCH (i:Interaction) RETURN 'interactions' AS category, i.channel AS kind, count(*) AS n
