// What graphcrm's own model promises, checked on the server: every person works at one
// organization, every stakeholder role and interaction points at a person. Rows: problem text.
MATCH (p:Person) WHERE NOT (p)-[:WORKS_AT]->(:Organization)
RETURN 'person ' + p.id + ' works at no organization' AS problem
UNION ALL
MATCH (p:Person)-[:WORKS_AT]->(:Organization) WITH p, count(*) AS n WHERE n > 1
RETURN 'person ' + p.id + ' works at ' + toString(n) + ' organizations' AS problem
UNION ALL
MATCH (i:Interaction) WHERE NOT (i)-[:WITH]->(:Person)
RETURN 'interaction ' + i.key + ' is with nobody' AS problem
