// Where a project's neighbourhood starts: its stakeholders, our bid team among them, each
// with their element id (see neighbourhood_step_people.cypher).
MATCH (p:Person)-[:STAKEHOLDER_IN]->(:Project {id: $project})
RETURN DISTINCT p.id AS id, elementId(p) AS element
