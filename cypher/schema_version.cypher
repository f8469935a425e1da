// The store schema graphcrm last wrote (null: schema 1, before history) and whether the
// database holds any graphcrm data.
OPTIONAL MATCH (l:GraphcrmImportLock {id: 'import'})
RETURN l.schema AS schema,
       EXISTS { MATCH (:Organization) } OR EXISTS { MATCH (:Person) } AS has_data
