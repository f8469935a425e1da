// What graphcrm's own model promises, checked on the server: every person works at one
// organization, every stakeholder role and interaction points at a person, and the ids a
// person keeps of their organization and superior (`org_id`, `reports_to`: what a read takes)
// are those of the relationships (a hand edit in Neo4j Browser may have changed one and not
// the other). Rows: problem text.
MATCH (p:Person) WHERE NOT (p)-[:WORKS_AT]->(:Organization)
RETURN 'person ' + p.id + ' works at no organization' AS problem
UNION ALL
MATCH (p:Person)-[:WORKS_AT]->(:Organization) WITH p, count(*) AS n WHERE n > 1
RETURN 'person ' + p.id + ' works at ' + toString(n) + ' organizations' AS problem
UNION ALL
MATCH (i:Interaction) WHERE NOT (i)-[:WITH]->(:Person)
RETURN 'interaction ' + i.key + ' is with nobody' AS problem
UNION ALL
MATCH (p:Person)
WITH p, [(p)-[:WORKS_AT]->(o:Organization) | o.id] AS orgs
WHERE size(orgs) <= 1 AND coalesce(p.org_id, '') <> coalesce(orgs[0], '')
RETURN 'person ' + p.id + ' says it works at ' + coalesce(p.org_id, 'no organization') +
       ' but WORKS_AT ' + coalesce(orgs[0], 'no organization') AS problem
UNION ALL
MATCH (p:Person)
WITH p, [(p)-[:REPORTS_TO]->(b:Person) | b.id] AS bosses
WHERE size(bosses) <= 1 AND coalesce(p.reports_to, '') <> coalesce(bosses[0], '')
RETURN 'person ' + p.id + ' says it reports to ' + coalesce(p.reports_to, 'nobody') +
       ' but REPORTS_TO ' + coalesce(bosses[0], 'nobody') AS problem
UNION ALL
MATCH (p:Person)-[:REPORTS_TO]->(:Person) WITH p, count(*) AS n WHERE n > 1
RETURN 'person ' + p.id + ' reports to ' + toString(n) + ' people' AS problem
