// The interactions with the people whose ids are in $ids.
UNWIND $ids AS id
MATCH (i:Interaction)-[:WITH]->(contact:Person {id: id})
OPTIONAL MATCH (i)-[:BY]->(ours:Person)
RETURN properties(i) AS props, contact.id AS person_id, ours.id AS our_person_id
