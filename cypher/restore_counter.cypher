// After a restore: the next change set is numbered after the dump's last ($last).
MATCH (l:GraphcrmImportLock {id: 'import'})
SET l.change_sets = $last
RETURN l.change_sets AS last
