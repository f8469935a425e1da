// Set each organization's parent: (:Organization)-[:PART_OF]->(:Organization).
// $rows: [{id, parent_id}]; a null parent_id removes the parent.
UNWIND $rows AS row
MATCH (o:Organization {id: row.id})
WITH row, o, [(o)-[r:PART_OF]->() | r] AS olds,
     [(o)-[:PART_OF]->(p) | p.id] AS was
WITH row, o, olds,
     was = CASE WHEN row.parent_id IS NULL THEN [] ELSE [row.parent_id] END AS same
OPTIONAL MATCH (parent:Organization {id: row.parent_id})
FOREACH (r IN CASE WHEN same THEN [] ELSE olds END | DELETE r)
FOREACH (_ IN CASE WHEN same OR parent IS NULL THEN [] ELSE [1] END |
  CREATE (o)-[:PART_OF]->(parent))
RETURN [] AS created, collect(CASE WHEN NOT same THEN row.id END) AS updated
