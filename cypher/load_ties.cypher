// The ties out of the people in $ids (each tie is stored once, so once returned). The
// caller keeps those whose other end is in $ids too: a list membership test here
// (`WHERE b.id IN $ids`) costs the length of the list for every tie, which is quadratic
// when a whole file's people are planned against the store.
UNWIND $ids AS id
MATCH (a:Person {id: id})-[r:KNOWS|INFLUENCES|REFERRED]->(b:Person)
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
