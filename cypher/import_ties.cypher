// Upsert ties of one type between people: (:Person)-[:__TYPE__ {...}]->(:Person).
// __TYPE__ is KNOWS, INFLUENCES or REFERRED, filled in by graphcrm from a fixed whitelist.
// A KNOWS tie is mutual and stored once, from the smaller id to the larger.
// $rows: [{source, target, props}].
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
MATCH (b:Person {id: row.target})
OPTIONAL MATCH (a)-[old:__TYPE__]->(b)
WITH row, a, b, old IS NULL AS created, properties(old) AS before
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props
RETURN collect(CASE WHEN created THEN row.source + '|' + row.target + '|' + type(r) END) AS created,
       collect(CASE WHEN NOT created AND before <> properties(r)
               THEN row.source + '|' + row.target + '|' + type(r) END) AS updated
