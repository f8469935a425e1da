// A database without graphcrm data gets the current store schema on the import lock node
// (one with data and no schema is schema 1 and is upgraded instead).
MATCH (l:GraphcrmImportLock {id: 'import'})
WHERE l.schema IS NULL AND NOT EXISTS { MATCH (:Organization) } AND NOT EXISTS { MATCH (:Person) }
SET l.schema = $schema
RETURN l.schema AS schema
