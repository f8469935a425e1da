// Upsert projects by id and their customer: (:Project)-[:FOR]->(:Organization).
// $rows: [{id, customer_id, props}].
UNWIND $rows AS row
MERGE (prj:Project {id: row.id})
  ON CREATE SET prj._graphcrm_new = true
WITH row, prj, prj._graphcrm_new IS NOT NULL AS created, properties(prj) AS before
SET prj += row.props
REMOVE prj._graphcrm_new
WITH row, prj, created, before,
     [(prj)-[f:FOR]->(o) WHERE o.id <> row.customer_id | f] AS stale,
     [(prj)-[:FOR]->(o) | o.id] AS was
MATCH (customer:Organization {id: row.customer_id})
FOREACH (r IN stale | DELETE r)
FOREACH (_ IN CASE WHEN row.customer_id IN was THEN [] ELSE [1] END |
  CREATE (prj)-[:FOR]->(customer))
RETURN collect(CASE WHEN created THEN row.id END) AS created,
       collect(CASE WHEN NOT created AND (before <> properties(prj) OR was <> [row.customer_id])
               THEN row.id END) AS updated
