// The changes of the change sets after $after, in the order they were made.
MATCH (c:GraphcrmChanges)
WHERE c.set_id > $after
RETURN c.set_id AS set_id, c.changes AS changes
ORDER BY c.set_id, c.seq
