// The stakeholder roles, in every project, of the people whose ids are in $ids.
UNWIND $ids AS id
MATCH (p:Person {id: id})-[s:STAKEHOLDER_IN]->(prj:Project)
RETURN prj.id AS project_id, p.id AS person_id, properties(s) AS props
