// Set each person's formal superior: (:Person)-[:REPORTS_TO]->(:Person), the superior's id
// also kept on the person as `reports_to` (schema 3, as import_people keeps `org_id`).
// $rows: [{id, reports_to}]; a null reports_to removes the superior.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
WITH row, p, [(p)-[r:REPORTS_TO]->() | r] AS olds,
     [(p)-[:REPORTS_TO]->(b) | b.id] AS was
WITH row, p, olds, was,
     was = CASE WHEN row.reports_to IS NULL THEN [] ELSE [row.reports_to] END AS same
OPTIONAL MATCH (boss:Person {id: row.reports_to})
FOREACH (r IN CASE WHEN same THEN [] ELSE olds END | DELETE r)
FOREACH (_ IN CASE WHEN same OR boss IS NULL THEN [] ELSE [1] END |
  CREATE (p)-[:REPORTS_TO]->(boss))
SET p.reports_to = CASE WHEN same THEN was[0] ELSE boss.id END
RETURN [] AS created, collect(CASE WHEN NOT same THEN row.id END) AS updated
