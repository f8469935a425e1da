// A dump's review list, decisions included. $rows: [{key, address, name, status, meetings}]
// (meetings as JSON text).
UNWIND $rows AS row
CREATE (:GraphcrmReviewEntry {key: row.key, address: row.address, name: row.name,
                              status: row.status, meetings: row.meetings})
RETURN count(*) AS entries
