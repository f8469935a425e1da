// The change sets after $after, oldest first.
MATCH (s:GraphcrmChangeSet)
WHERE s.id > $after
RETURN s.id AS id, s.at AS at, s.author AS author, s.command AS command, s.files AS files,
       s.counts AS counts
ORDER BY s.id
