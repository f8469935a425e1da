// The ids of every organization, person and project, by label.
MATCH (n:Organization) RETURN 'organizations' AS table, collect(n.id) AS ids
UNION ALL
MATCH (n:Person) RETURN 'people' AS table, collect(n.id) AS ids
UNION ALL
MATCH (n:Project) RETURN 'projects' AS table, collect(n.id) AS ids
