// Remove people, projects and organizations by id (a revert of the change set that created
// them; the caller has checked that nothing it keeps refers to them). Their own edges go
// with them: WORKS_AT, REPORTS_TO, PART_OF, FOR. $people, $projects, $organizations: [id].
CALL (){
  UNWIND $people AS id
  MATCH (p:Person {id: id})
  // anyone left reporting to them keeps no superior's id (import_reports_to.cypher)
  CALL (p) {
    MATCH (sub:Person)-[:REPORTS_TO]->(p)
    REMOVE sub.reports_to
  }
  DETACH DELETE p
}
CALL (){
  UNWIND $projects AS id
  MATCH (j:Project {id: id})
  DETACH DELETE j
}
CALL (){
  UNWIND $organizations AS id
  MATCH (o:Organization {id: id})
  // anyone left working there keeps no organization's id (import_people.cypher)
  CALL (o) {
    MATCH (staff:Person)-[:WORKS_AT]->(o)
    REMOVE staff.org_id
  }
  DETACH DELETE o
}
RETURN 1 AS done
