// The ties from the people in $ids to those in $members (each tie is stored once, so once
// returned, from its source; a neighbourhood's people come in batches), as one row of
// [source, target, type, the contract's properties in $columns' order, [[name, value]] of
// the others]. A list per tie, not a map: the driver decodes a map's keys for every tie (a
// third of the read at 60,000 ties). $members maps the element id of each of those people to
// true (person_element_ids.cypher): a hash probe on the far end's element id, which, unlike
// its `id` property, is known without reading the node (`b.id IN $ids` would scan the list
// for every tie). $contract maps the contract's property names to true.
UNWIND $ids AS id
MATCH (a:Person {id: id})-[r:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(b)
WHERE $members[elementId(b)]
// each tie's properties read once; dates travel as ISO text: the driver's Date objects cost
// more to decode than the query
WITH a, b, r, properties(r) AS m
RETURN collect([a.id, b.id, type(r)] + [c IN $columns | CASE
                  WHEN c IN ['since', 'last_contact'] THEN toString(m[c]) ELSE m[c] END]
               + [[k IN keys(m) WHERE $contract[k] IS NULL | [k, m[k]]]]) AS ties
