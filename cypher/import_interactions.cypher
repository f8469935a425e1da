// Upsert interactions: (:Interaction {key, date, channel, sentiment, notes})-[:WITH]->(:Person)
// and, when one of our people took part, (:Interaction)-[:BY]->(:Person).
// $rows: [{key, person_id, our_person_id, props}]; key = date, person, our person, channel.
UNWIND $rows AS row
OPTIONAL MATCH (old:Interaction {key: row.key})
WITH row, old IS NULL AS created, properties(old) AS before
MERGE (i:Interaction {key: row.key})
SET i += row.props
WITH row, i, created, before
MATCH (contact:Person {id: row.person_id})
MERGE (i)-[:WITH]->(contact)
WITH row, i, created, before
OPTIONAL MATCH (ours:Person {id: row.our_person_id})
FOREACH (_ IN CASE WHEN ours IS NULL THEN [] ELSE [1] END | MERGE (i)-[:BY]->(ours))
RETURN collect(CASE WHEN created THEN row.key END) AS created,
       collect(CASE WHEN NOT created AND before <> properties(i) THEN row.key END) AS updated
