// What graphcrm's own model promises, checked on the server: every person works at one
// organization and has at most one formal superior, every interaction is with a person, and
// the ids a person keeps of their organization and superior (`org_id`, `reports_to`: what a
// read takes) are those of the relationships (a hand edit in Neo4j Browser may have changed
// one and not the other). Rows: one per problem, its kind (a `check.<kind>` sentence of the
// catalogue, worded in the reader's language by graphcrm) and its values: the person's or
// interaction's id, a count, the id kept on the person and the one the relationship gives.
MATCH (p:Person) WHERE NOT (p)-[:WORKS_AT]->(:Organization)
RETURN 'no_org' AS kind, p.id AS id, null AS n, null AS kept, null AS linked
UNION ALL
MATCH (p:Person)-[:WORKS_AT]->(:Organization) WITH p, count(*) AS n WHERE n > 1
RETURN 'orgs' AS kind, p.id AS id, n, null AS kept, null AS linked
UNION ALL
MATCH (i:Interaction) WHERE NOT (i)-[:WITH]->(:Person)
RETURN 'interaction_alone' AS kind, i.key AS id, null AS n, null AS kept, null AS linked
UNION ALL
MATCH (p:Person)
WITH p, [(p)-[:WORKS_AT]->(o:Organization) | o.id] AS orgs
WHERE size(orgs) <= 1 AND coalesce(p.org_id, '') <> coalesce(orgs[0], '')
RETURN 'org_id' AS kind, p.id AS id, null AS n, p.org_id AS kept, orgs[0] AS linked
UNION ALL
MATCH (p:Person)
WITH p, [(p)-[:REPORTS_TO]->(b:Person) | b.id] AS bosses
WHERE size(bosses) <= 1 AND coalesce(p.reports_to, '') <> coalesce(bosses[0], '')
RETURN 'reports_to' AS kind, p.id AS id, null AS n, p.reports_to AS kept,
       bosses[0] AS linked
UNION ALL
MATCH (p:Person)-[:REPORTS_TO]->(:Person) WITH p, count(*) AS n WHERE n > 1
RETURN 'bosses' AS kind, p.id AS id, n, null AS kept, null AS linked
