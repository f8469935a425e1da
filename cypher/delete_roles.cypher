// Remove stakeholder roles by key (a removal in the change plan, or `graphcrm remove role`).
// $rows: [{project_id, person_id, role}]. Returns how many went.
UNWIND $rows AS row
MATCH (:Person {id: row.person_id})-[s:STAKEHOLDER_IN {role: row.role}]->
      (:Project {id: row.project_id})
DELETE s
RETURN count(s) AS removed
