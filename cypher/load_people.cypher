// The people whose ids are in $ids, each as their properties, in one row: their
// organization's and formal superior's ids among them (`org_id`, `reports_to`: kept on the
// person by import_people and import_reports_to, schema 3), so that no relationship is
// followed (at 1,000,000 people, the two expansions were 0.9 of the 1.5 s this query took
// on the server for a neighbourhood's 77,000 people).
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN collect(properties(p)) AS people
