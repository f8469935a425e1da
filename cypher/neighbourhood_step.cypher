// The people one tie (of any kind, either direction) away from the people in $ids.
UNWIND $ids AS id
MATCH (:Person {id: id})-[:KNOWS|INFLUENCES|REFERRED|REPORTS_TO]-(q:Person)
RETURN DISTINCT q.id AS id
