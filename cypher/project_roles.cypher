// Every project's stakeholders counted by role.
MATCH (:Person)-[s:STAKEHOLDER_IN]->(prj:Project)
RETURN prj.id AS project_id, s.role AS role, count(*) AS n
