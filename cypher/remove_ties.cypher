// Remove the ties of the given types between two people, in either direction (a KNOWS tie is
// stored once, from the smaller id; INFLUENCES and REFERRED keep their direction).
// $a, $b: person ids; $types: a list of tie types. Returns how many went.
MATCH (a:Person {id: $a})-[t:KNOWS|INFLUENCES|REFERRED]-(b:Person {id: $b})
WHERE type(t) IN $types
DELETE t
RETURN count(t) AS removed
