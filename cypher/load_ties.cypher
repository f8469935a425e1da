// The ties among the people in $ids (each tie is stored once, so once returned).
UNWIND $ids AS id
MATCH (a:Person {id: id})-[r:KNOWS|INFLUENCES|REFERRED]->(b:Person)
WHERE b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
