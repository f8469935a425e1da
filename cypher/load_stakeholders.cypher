// The stakeholder roles in the projects whose ids are in $ids, as one row of
// [project id, person id, properties] per role (one row for all: see
// load_organizations.cypher).
UNWIND $ids AS id
MATCH (p:Person)-[s:STAKEHOLDER_IN]->(prj:Project {id: id})
RETURN collect([prj.id, p.id, properties(s)]) AS roles
