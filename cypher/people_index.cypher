// Every person's name, organization and roles by project: enough to find people by name and
// to know our bid team and the stakeholders without loading the graph.
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organization)
OPTIONAL MATCH (p)-[s:STAKEHOLDER_IN]->(prj:Project)
WITH p, o, collect(CASE WHEN prj IS NULL THEN null ELSE [prj.id, s.role] END) AS roles
// one row of [id, name, organization id, name and kind, roles, e-mail, phone, status,
// department, title, predecessor]: a row per
// person would cost the driver more than the query costs the server
RETURN collect([p.id, p.name, o.id, o.name, o.kind, roles, p.email, p.phone, p.status,
                p.department, p.title, p.predecessor]) AS people
