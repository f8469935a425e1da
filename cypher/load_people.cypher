// The people whose ids are in $ids, with their organization and formal superior.
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organization)
OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:Person)
RETURN properties(p) AS props, o.id AS org_id, boss.id AS reports_to
