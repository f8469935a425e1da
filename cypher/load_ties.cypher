// The ties among the people in $ids (each tie is stored once, so once returned), as one row
// of [source, target, type, properties]. $members maps each of those ids to true: looking an
// id up in a map is one hash probe, where `b.id IN $ids` scans the list for every tie
// (quadratic when a whole file's people are planned against the store).
UNWIND $ids AS id
MATCH (a:Person {id: id})-[r:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(b:Person)
WHERE $members[b.id]
// Dates travel as ISO text: the driver's Date objects cost more to decode than the query.
RETURN collect([a.id, b.id, type(r),
                r {.*, since: toString(r.since), last_contact: toString(r.last_contact)}])
       AS ties
