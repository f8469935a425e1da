// The ties from the people in $ids to those in $members (each tie is stored once, so once
// returned, from its source; a neighbourhood's people come in batches), as one row
// of [source, target, type, the contract's properties in $columns' order, [[name, value]] of
// the others]. A list per tie, not a map: the driver decodes a map's keys for every tie (a
// third of the read at 60,000 ties). $members maps each of those ids to true: looking an id
// up in a map is one hash probe, where `b.id IN $ids` scans the list for every tie
// (quadratic when a whole file's people are planned against the store).
UNWIND $ids AS id
MATCH (a:Person {id: id})-[r:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(b:Person)
WHERE $members[b.id]
// Dates travel as ISO text: the driver's Date objects cost more to decode than the query.
RETURN collect([a.id, b.id, type(r)] + [c IN $columns | CASE
                  WHEN c IN ['since', 'last_contact'] THEN toString(r[c]) ELSE r[c] END]
               + [[k IN keys(r) WHERE NOT k IN $columns | [k, r[k]]]]) AS ties
