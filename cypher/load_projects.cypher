// The projects whose ids are in $ids, with their customer, as one row of
// [properties, customer's id] per project (one row for all: see load_organizations.cypher).
UNWIND $ids AS id
MATCH (prj:Project {id: id})
OPTIONAL MATCH (prj)-[:FOR]->(customer:Organization)
RETURN collect([properties(prj), customer.id]) AS projects
