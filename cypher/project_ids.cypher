// Every project's id.
MATCH (prj:Project) RETURN prj.id AS id
