// Record the store schema on the import lock node (taken by the caller). Returns it.
MATCH (l:GraphcrmImportLock {id: 'import'})
SET l.schema = $schema
RETURN l.schema AS schema
