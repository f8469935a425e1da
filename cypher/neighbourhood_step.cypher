// Everyone one tie (any type, either direction, or the org chart) from the people in $ids,
// in one row: a row per person would cost the driver more than the query costs the server.
UNWIND $ids AS id
MATCH (:Person {id: id})-[:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE|REPORTS_TO]-(q:Person)
RETURN collect(DISTINCT q.id) AS ids
