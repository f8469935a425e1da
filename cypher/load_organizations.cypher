// Every organization with its parent.
MATCH (o:Organization)
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organization)
RETURN properties(o) AS props, parent.id AS parent_id
