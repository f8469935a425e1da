// Of the ids a file refers to, those the database holds, by table: checked under the
// import lock, so that a person a colleague's import just added counts.
// $organizations, $people, $projects: the ids wanted.
UNWIND $organizations AS id
MATCH (:Organization {id: id})
RETURN 'organizations' AS table, id
UNION ALL
UNWIND $people AS id
MATCH (:Person {id: id})
RETURN 'people' AS table, id
UNION ALL
UNWIND $projects AS id
MATCH (:Project {id: id})
RETURN 'projects' AS table, id
