// Ties between organizations, for the organization view of a big network: for each pair of
// organizations, how many ties (with a strength) join their people, and how strong on average.
MATCH (a:Person)-[r:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE]->(b:Person)
WHERE r.strength IS NOT NULL
MATCH (a)-[:WORKS_AT]->(oa:Organization), (b)-[:WORKS_AT]->(ob:Organization)
WHERE oa.id <> ob.id
WITH CASE WHEN oa.id < ob.id THEN oa.id ELSE ob.id END AS first,
     CASE WHEN oa.id < ob.id THEN ob.id ELSE oa.id END AS second, r.strength AS strength
RETURN first, second, count(*) AS ties, avg(strength) AS strength
