// Where a project's neighbourhood starts: its stakeholders and our own people.
MATCH (p:Person)-[:STAKEHOLDER_IN]->(:Project {id: $project})
RETURN p.id AS id
UNION
MATCH (p:Person)-[:WORKS_AT]->(:Organization {kind: 'own'})
RETURN p.id AS id
