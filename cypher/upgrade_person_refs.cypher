// Schema 2 → 3: every person keeps their organization's and formal superior's ids as
// properties (`org_id`, `reports_to`), as import_people and import_reports_to now write
// them; the relationships stay as they are. Run under the import lock, in the upgrade's
// one transaction. Returns how many people it went through.
MATCH (p:Person)
SET p.org_id = [(p)-[:WORKS_AT]->(o:Organization) | o.id][0],
    p.reports_to = [(p)-[:REPORTS_TO]->(b:Person) | b.id][0]
RETURN count(p) AS people
