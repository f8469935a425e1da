// Upsert stakeholder roles: (:Person)-[:STAKEHOLDER_IN {role, influence, stance}]->(:Project),
// one relationship per project, person and role. $rows: [{project_id, person_id, role, props}].
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (prj:Project {id: row.project_id})
MERGE (p)-[s:STAKEHOLDER_IN {role: row.role}]->(prj)
  ON CREATE SET s._graphcrm_new = true
WITH row, s, s._graphcrm_new IS NOT NULL AS created, properties(s) AS before
SET s += row.props
REMOVE s._graphcrm_new
RETURN collect(CASE WHEN created THEN row.project_id + '|' + row.person_id + '|' + row.role END)
         AS created,
       collect(CASE WHEN NOT created AND before <> properties(s)
               THEN row.project_id + '|' + row.person_id + '|' + row.role END) AS updated
