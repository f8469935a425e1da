// Add or update review entries. $rows: [{key, address, name, meetings}]; meetings already
// merged with the stored ones (a JSON list); a decision taken earlier (status) is kept.
UNWIND $rows AS row
MERGE (r:GraphcrmReviewEntry {key: row.key})
  ON CREATE SET r.status = 'open'
SET r.address = row.address, r.name = coalesce(r.name, row.name), r.meetings = row.meetings
