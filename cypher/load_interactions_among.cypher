// The interactions with the people $members names (person_element_ids.cypher), as one row
// of [properties, the contact's id, the id of whichever of our people had it]: the rows of
// load_interactions.cypher, found from the interactions' side. When the store holds fewer
// interactions than a few per person read, scanning them all costs the server less than an
// expansion of each person's relationships (a neighbourhood of 77,288 people at 1,000,000,
// 200,000 interactions: 0.4 s against 1.0 s).
MATCH (i:Interaction)-[:WITH]->(contact:Person)
WHERE $members[elementId(contact)] IS NOT NULL
OPTIONAL MATCH (i)-[:BY]->(ours:Person)
RETURN collect([properties(i), contact.id, ours.id]) AS interactions
