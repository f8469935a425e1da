// A dump's snapshots as they were. $rows: [{name, change_set, at, author}].
UNWIND $rows AS row
CREATE (:GraphcrmSnapshot {name: row.name, change_set: row.change_set, at: row.at,
                           author: row.author})
RETURN count(*) AS snapshots
