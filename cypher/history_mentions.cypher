// The history chunks that mention the person $id (forget rewrites them without it).
MATCH (c:GraphcrmChanges)
WHERE $id IN c.people
RETURN c.set_id AS set_id, c.seq AS seq, c.changes AS changes
