// The stakeholder roles in the projects whose ids are in $ids.
UNWIND $ids AS id
MATCH (p:Person)-[s:STAKEHOLDER_IN]->(prj:Project {id: id})
RETURN prj.id AS project_id, p.id AS person_id, properties(s) AS props
