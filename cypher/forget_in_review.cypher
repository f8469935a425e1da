// The review list without a forgotten person: $gone, the keys of the entries about them;
// $kept: [{key, meetings}], entries whose meetings they had as one of ours, without those.
MATCH (r:GraphcrmReviewEntry)
WHERE r.key IN $gone
DETACH DELETE r
WITH count(*) AS deleted
UNWIND $kept AS row
MATCH (r:GraphcrmReviewEntry {key: row.key})
SET r.meetings = row.meetings
RETURN deleted, count(r) AS rewritten
