// The ids of the people working at the organizations whose ids are in $ids (a synced people
// sheet's organizations: the people of theirs it no longer lists have left).
UNWIND $ids AS id
MATCH (p:Person)-[:WORKS_AT]->(:Organization {id: id})
RETURN collect(p.id) AS ids
