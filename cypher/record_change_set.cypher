// Record a change set; its id is the next of the counter on the import lock node (which the
// caller's transaction holds). $chunks: [{seq, changes (JSON text), people (person ids)}].
MATCH (l:GraphcrmImportLock {id: 'import'})
SET l.change_sets = coalesce(l.change_sets, 0) + 1
CREATE (s:GraphcrmChangeSet {id: l.change_sets, at: $at, author: $author,
                             command: $command, files: $files, counts: $counts})
WITH s
UNWIND $chunks AS chunk
CREATE (:GraphcrmChanges {set_id: s.id, seq: chunk.seq, changes: chunk.changes,
                          people: chunk.people})
RETURN count(*) AS chunks
