// The change sets that name files (forget rewrites the entries that name the person).
MATCH (s:GraphcrmChangeSet)
WHERE size(s.files) > 0
RETURN s.id AS id, s.files AS files
