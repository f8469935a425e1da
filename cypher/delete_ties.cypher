// Remove ties by key (a removal in the change plan, or `graphcrm remove tie`).
// $rows: [{source, target, type}]; a KNOWS tie is stored from the smaller id, as its key is.
// Only graphcrm's tie types match. Returns how many went.
UNWIND $rows AS row
MATCH (:Person {id: row.source})-[t:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(:Person {id: row.target})
WHERE type(t) = row.type
DELETE t
RETURN count(t) AS removed
