// Where a project's neighbourhood starts: its stakeholders, our bid team among them.
MATCH (p:Person)-[:STAKEHOLDER_IN]->(:Project {id: $project})
RETURN DISTINCT p.id AS id
