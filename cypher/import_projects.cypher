// Upsert projects by id and their customer: (:Project)-[:FOR]->(:Organization).
// $rows: [{id, customer_id, props}].
UNWIND $rows AS row
OPTIONAL MATCH (old:Project {id: row.id})
OPTIONAL MATCH (old)-[:FOR]->(was:Organization)
WITH row, old IS NULL AS created, properties(old) AS before, collect(was.id) AS was
MERGE (prj:Project {id: row.id})
SET prj += row.props
WITH row, prj, created, before, was
MATCH (customer:Organization {id: row.customer_id})
OPTIONAL MATCH (prj)-[stale:FOR]->(other:Organization)
  WHERE other.id <> row.customer_id
WITH row, prj, customer, created, before, was, collect(stale) AS stales
FOREACH (r IN stales | DELETE r)
MERGE (prj)-[:FOR]->(customer)
RETURN collect(CASE WHEN created THEN row.id END) AS created,
       collect(CASE WHEN NOT created AND (before <> properties(prj) OR was <> [row.customer_id])
               THEN row.id END) AS updated
