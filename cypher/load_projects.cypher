// The projects whose ids are in $ids, with their customer.
UNWIND $ids AS id
MATCH (prj:Project {id: id})
OPTIONAL MATCH (prj)-[:FOR]->(customer:Organization)
RETURN properties(prj) AS props, customer.id AS customer_id
