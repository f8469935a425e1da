// Upsert people by id and where they work: (:Person)-[:WORKS_AT]->(:Organization).
// $rows: [{id, org_id, props}]. Formal superiors are a second pass (import_reports_to).
UNWIND $rows AS row
OPTIONAL MATCH (old:Person {id: row.id})
OPTIONAL MATCH (old)-[:WORKS_AT]->(was:Organization)
WITH row, old IS NULL AS created, properties(old) AS before, collect(was.id) AS was
MERGE (p:Person {id: row.id})
SET p += row.props
WITH row, p, created, before, was
MATCH (org:Organization {id: row.org_id})
OPTIONAL MATCH (p)-[stale:WORKS_AT]->(other:Organization)
  WHERE other.id <> row.org_id
WITH row, p, org, created, before, was, collect(stale) AS stales
FOREACH (r IN stales | DELETE r)
MERGE (p)-[:WORKS_AT]->(org)
RETURN collect(CASE WHEN created THEN row.id END) AS created,
       collect(CASE WHEN NOT created AND (before <> properties(p) OR was <> [row.org_id])
               THEN row.id END) AS updated
