// A dump's history as it was: $rows: [{id, at, author, command, files, counts, chunks:
// [{seq, changes, people}]}]; then the change-set counter on the import lock node is $last.
UNWIND $rows AS row
CREATE (s:GraphcrmChangeSet {id: row.id, at: row.at, author: row.author,
                             command: row.command, files: row.files, counts: row.counts})
WITH s, row
UNWIND row.chunks AS chunk
CREATE (:GraphcrmChanges {set_id: s.id, seq: chunk.seq, changes: chunk.changes,
                          people: chunk.people})
RETURN count(*) AS chunks
