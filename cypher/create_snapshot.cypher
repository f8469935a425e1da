// Name the current state: the last change set (the counter on the import lock node, which
// the caller's transaction holds). The snapshot_name constraint refuses a name used twice.
MATCH (l:GraphcrmImportLock {id: 'import'})
CREATE (s:GraphcrmSnapshot {name: $name, change_set: coalesce(l.change_sets, 0), at: $at,
                            author: $author})
RETURN s.change_set AS change_set
