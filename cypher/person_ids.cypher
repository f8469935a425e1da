// Every person's id.
MATCH (p:Person) RETURN p.id AS id
