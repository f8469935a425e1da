// The stakeholder roles, in every project, of the people whose ids are in $ids, as one row
// of [project id, person id, properties] per role (one row for all: see
// load_organizations.cypher).
UNWIND $ids AS id
MATCH (p:Person {id: id})-[s:STAKEHOLDER_IN]->(prj:Project)
RETURN collect([prj.id, p.id, properties(s)]) AS roles
