// The change sets' file entries rewritten where they named a forgotten person.
// $rows: [{id, files}] (computed by graphcrm.stores.base.Traces.file).
UNWIND $rows AS row
MATCH (s:GraphcrmChangeSet {id: row.id})
SET s.files = row.files
RETURN count(s) AS changed
