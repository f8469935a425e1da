// The contacts calendar and mail imports could not match, with their meetings (a JSON list
// of [date, our person id, channel]) and what the user decided (open, ignored, accepted,
// merged). $keys: only these entries (null: all).
MATCH (r:GraphcrmReviewEntry)
WHERE $keys IS NULL OR r.key IN $keys
RETURN r.key AS key, r.address AS address, r.name AS name, r.status AS status,
       r.meetings AS meetings
ORDER BY r.key
