// Whether the project $project exists.
OPTIONAL MATCH (prj:Project {id: $project})
RETURN prj IS NOT NULL AS found
