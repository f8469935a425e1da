// load_people.cypher for people whose element ids are known (a neighbourhood's: found on
// the way, neighbourhood_step_people.cypher): $people is [[id, element id]], each person
// found by their element id, not through the id index (at 1,000,000 people, 77,000 people
// in 0.35 s on the server instead of 0.9). A person is read only if the node still carries
// the id asked for: an element id may be reused once its node is deleted.
UNWIND $people AS person
MATCH (p:Person) WHERE elementId(p) = person[1]
WITH p, person WHERE p.id = person[0]
RETURN collect(properties(p)) AS people
