// The people index for some people only: those whose id or name is one of $names, and, when
// $involved, everyone at our own organizations and everyone with a role in a project. Each
// part is an index seek or a short walk, so a question about a few people never reads every
// person of a large store.
CALL () {
  UNWIND $names AS text
  MATCH (p:Person {id: text})
  RETURN p
  UNION
  UNWIND $names AS text
  MATCH (p:Person {name: text})
  RETURN p
  UNION
  MATCH (p:Person)-[:WORKS_AT]->(:Organization {kind: $own})
  WHERE $involved
  RETURN p
  UNION
  MATCH (p:Person)-[:STAKEHOLDER_IN]->(:Project)
  WHERE $involved
  RETURN DISTINCT p
}
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organization)
OPTIONAL MATCH (p)-[s:STAKEHOLDER_IN]->(prj:Project)
WITH p, o, collect(CASE WHEN prj IS NULL THEN null ELSE [prj.id, s.role] END) AS roles
// one row of [id, name, organization id, name and kind, roles, e-mail, phone, status,
// department, title, predecessor]: a row per
// person would cost the driver more than the query costs the server
RETURN collect([p.id, p.name, o.id, o.name, o.kind, roles, p.email, p.phone, p.status,
                p.department, p.title, p.predecessor]) AS people
