// Serialize imports: every import transaction first takes the write lock of the one
// :GraphcrmImportLock node (made with the schema), held until it commits. Two imports at
// once then MERGE one after the other instead of both creating the same tie.
MATCH (l:GraphcrmImportLock {id: 'import'})
SET l.taken = timestamp()
RETURN count(l) AS locked
