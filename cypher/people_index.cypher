// Every person's name, organization and roles by project: enough to find people by name and
// to know our bid team and the stakeholders without loading the graph.
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organization)
OPTIONAL MATCH (p)-[s:STAKEHOLDER_IN]->(prj:Project)
RETURN p.id AS id, p.name AS name, o.id AS org_id, o.name AS org_name, o.kind AS org_kind,
       collect(CASE WHEN prj IS NULL THEN null ELSE [prj.id, s.role] END) AS roles
