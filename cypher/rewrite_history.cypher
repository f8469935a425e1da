// Replace history chunks (forget: the same chunks without the changes naming a person).
// $rows: [{set_id, seq, changes, people}].
UNWIND $rows AS row
MATCH (c:GraphcrmChanges {set_id: row.set_id, seq: row.seq})
SET c.changes = row.changes, c.people = row.people
RETURN count(c) AS rewritten
