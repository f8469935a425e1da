// Erase a person and everything attached: their ties, stakeholder roles and interactions
// (as contact or as one of our people); their subordinates keep no superior. Returns counts.
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[t:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]-(:Person)
WITH p, count(DISTINCT t) AS ties
OPTIONAL MATCH (p)-[s:STAKEHOLDER_IN]->(:Project)
WITH p, ties, count(s) AS roles
OPTIONAL MATCH (i:Interaction)-[:WITH|BY]->(p)
WITH p, ties, roles, collect(DISTINCT i) AS interactions
OPTIONAL MATCH (sub:Person)-[:REPORTS_TO]->(p)
WITH p, ties, roles, interactions, collect(sub) AS subs
// nor is their id kept on them (import_reports_to.cypher)
FOREACH (sub IN subs | REMOVE sub.reports_to)
WITH p, ties, roles, interactions, size(subs) AS subordinates
// the roles they were the owner of (我方负责人) keep no owner
CALL (p) {
  MATCH ()-[owned:STAKEHOLDER_IN {owner: p.id}]->()
  REMOVE owned.owner
}
// their successors keep no predecessor (前任)
CALL (p) {
  MATCH (successor:Person {predecessor: p.id})
  REMOVE successor.predecessor
}
FOREACH (i IN interactions | DETACH DELETE i)
DETACH DELETE p
RETURN ties, roles, size(interactions) AS interactions, subordinates
