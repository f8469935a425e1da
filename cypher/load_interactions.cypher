// The interactions with the people whose ids are in $ids, as one row of [properties, the
// contact's id, the id of whichever of our people had it].
UNWIND $ids AS id
MATCH (i:Interaction)-[:WITH]->(contact:Person {id: id})
OPTIONAL MATCH (i)-[:BY]->(ours:Person)
RETURN collect([properties(i), contact.id, ours.id]) AS interactions
