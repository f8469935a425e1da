// Remove interactions by key (a revert of their import). $keys: ["date|person|ours|channel"].
UNWIND $keys AS key
MATCH (i:Interaction {key: key})
DETACH DELETE i
RETURN count(*) AS removed
