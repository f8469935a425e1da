// load_people.cypher for people whose element ids are known (a neighbourhood's: found on
// the way, neighbourhood_step_people.cypher): $people is [[element id, id]], each person
// found by their element id, not through the id index (at 1,000,000 people, 77,000 people
// in 0.31 s on the server instead of 0.53). An element id may be reused once its node is
// deleted: the caller checks that each person read is one asked for (in the query, that
// check cost as much again) and else reads them by id.
UNWIND $people AS person
MATCH (p:Person) WHERE elementId(p) = person[0]
RETURN collect(properties(p)) AS people
