// Upsert people by id and where they work: (:Person)-[:WORKS_AT]->(:Organization), the
// organization's id also kept on the person as `org_id` (schema 3: a read takes it with the
// person's properties instead of following the relationship; check.cypher compares them).
// $rows: [{id, org_id, props}]. Formal superiors are a second pass (import_reports_to).
// _graphcrm_new marks a node created by this statement; it is removed before commit.
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
  ON CREATE SET p._graphcrm_new = true
WITH row, p, p._graphcrm_new IS NOT NULL AS created, properties(p) AS before
SET p += row.props
REMOVE p._graphcrm_new
WITH row, p, created, before,
     [(p)-[w:WORKS_AT]->(o) WHERE o.id <> row.org_id | w] AS stale,
     [(p)-[:WORKS_AT]->(o) | o.id] AS was
MATCH (org:Organization {id: row.org_id})
FOREACH (r IN stale | DELETE r)
FOREACH (_ IN CASE WHEN row.org_id IN was THEN [] ELSE [1] END |
  CREATE (p)-[:WORKS_AT]->(org))
SET p.org_id = org.id
RETURN collect(CASE WHEN created THEN row.id END) AS created,
       collect(CASE WHEN NOT created AND (before <> properties(p) OR was <> [row.org_id])
               THEN row.id END) AS updated
