// A forgotten person's name out of the change sets' authors and file names.
// $name: their name; $forgotten: what it becomes.
MATCH (s:GraphcrmChangeSet)
WHERE s.author CONTAINS $name OR any(f IN s.files WHERE f CONTAINS $name)
SET s.author = replace(s.author, $name, $forgotten),
    s.files = [f IN s.files | replace(f, $name, $forgotten)]
RETURN count(s) AS changed
