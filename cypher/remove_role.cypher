// Remove one stakeholder role of a person in a project. Returns how many went (0 or 1).
MATCH (:Person {id: $person})-[s:STAKEHOLDER_IN {role: $role}]->(:Project {id: $project})
DELETE s
RETURN count(s) AS removed
