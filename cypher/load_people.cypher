// The people whose ids are in $ids, with their organization and formal superior, as one row
// of [properties, organization id, superior's id].
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organization)
OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:Person)
RETURN collect([properties(p), o.id, boss.id]) AS people
