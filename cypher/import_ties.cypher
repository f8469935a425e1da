// Upsert ties of one type between people: (:Person)-[:__TYPE__ {...}]->(:Person).
// __TYPE__ is KNOWS, INFLUENCES, REFERRED or DOTTED_LINE, filled in by graphcrm from a fixed whitelist.
// A KNOWS tie is mutual and stored once, from the smaller id to the larger.
// $rows: [{source, target, props}]. _graphcrm_new marks a tie created here; removed at once.
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
MATCH (b:Person {id: row.target})
MERGE (a)-[r:__TYPE__]->(b)
  ON CREATE SET r._graphcrm_new = true
WITH row, r, r._graphcrm_new IS NOT NULL AS created, properties(r) AS before
SET r += row.props
REMOVE r._graphcrm_new
RETURN collect(CASE WHEN created THEN row.source + '|' + row.target + '|' + type(r) END)
         AS created,
       collect(CASE WHEN NOT created AND before <> properties(r)
               THEN row.source + '|' + row.target + '|' + type(r) END) AS updated
