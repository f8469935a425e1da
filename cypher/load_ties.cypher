// The ties from the people in $ids to those in $members (each tie is stored once, so once
// returned, from its source; a neighbourhood's people come in batches), as one row of
// [source, target, type, the contract's properties in its order (strength, level, since,
// last_contact, notes: tests/stores/test_neo4j_store.py checks them against the contract),
// [[name, value]] of the others]. A list per tie, not a map: the driver decodes a map's keys
// for every tie (a third of the read at 60,000 ties). $members maps the element id of each
// of those people to their number (person_element_ids.cypher): a hash probe on the far end's
// element id, which, unlike its `id` property, is known without reading the node (`b.id IN
// $ids` would scan the list for every tie); both ends are sent as those numbers, not ids.
// $contract maps the contract's property names to true.
UNWIND $ids AS id
MATCH (a:Person {id: id})
WITH a, $members[elementId(a)] AS source
MATCH (a)-[r:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(b)
WITH source, $members[elementId(b)] AS target, r
WHERE target IS NOT NULL
// each tie's properties read once; dates travel as ISO text: the driver's Date objects cost
// more to decode than the query. The columns named one by one, not by a list comprehension
// over their names: 0.06 of the 0.43 s at 100,000
WITH source, target, r, properties(r) AS m
RETURN collect([source, target, type(r), m.strength, m.level, toString(m.since),
                toString(m.last_contact), m.notes,
                [k IN keys(m) WHERE $contract[k] IS NULL | [k, m[k]]]]) AS ties
