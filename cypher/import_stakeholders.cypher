// Upsert stakeholder roles: (:Person)-[:STAKEHOLDER_IN {role, influence, stance}]->(:Project),
// one relationship per project, person and role. $rows: [{project_id, person_id, role, props}].
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (prj:Project {id: row.project_id})
OPTIONAL MATCH (p)-[old:STAKEHOLDER_IN {role: row.role}]->(prj)
WITH row, p, prj, old IS NULL AS created, properties(old) AS before
MERGE (p)-[s:STAKEHOLDER_IN {role: row.role}]->(prj)
SET s += row.props
RETURN collect(CASE WHEN created THEN row.project_id + '|' + row.person_id + '|' + row.role END) AS created,
       collect(CASE WHEN NOT created AND before <> properties(s)
               THEN row.project_id + '|' + row.person_id + '|' + row.role END) AS updated
