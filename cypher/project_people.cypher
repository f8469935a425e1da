// The people with a stakeholder role in any of the projects whose ids are in $ids.
MATCH (p:Person)-[:STAKEHOLDER_IN]->(prj:Project)
WHERE prj.id IN $ids
RETURN DISTINCT p.id AS id
