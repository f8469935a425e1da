// Record what the user decided for a review entry: $status is open, ignored, accepted or
// merged.
MATCH (r:GraphcrmReviewEntry {key: $key})
SET r.status = $status
RETURN count(r) AS found
