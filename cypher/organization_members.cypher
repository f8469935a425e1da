// Every organization with its name, kind and number of people.
MATCH (o:Organization)
OPTIONAL MATCH (p:Person)-[:WORKS_AT]->(o)
RETURN o.id AS id, o.name AS name, o.kind AS kind, count(p) AS people
