// Every snapshot, oldest first.
MATCH (s:GraphcrmSnapshot)
RETURN s.name AS name, s.change_set AS change_set, s.at AS at, s.author AS author
ORDER BY s.change_set, s.at
