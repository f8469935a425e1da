// Upsert interactions: (:Interaction {key, date, channel, sentiment, notes})-[:WITH]->(:Person)
// and, when one of our people took part, (:Interaction)-[:BY]->(:Person).
// $rows: [{key, person_id, our_person_id, props}]; key = date, person, our person, channel.
UNWIND $rows AS row
MERGE (i:Interaction {key: row.key})
  ON CREATE SET i._graphcrm_new = true
WITH row, i, i._graphcrm_new IS NOT NULL AS created, properties(i) AS before
SET i += row.props
REMOVE i._graphcrm_new
WITH row, i, created, before
MATCH (contact:Person {id: row.person_id})
OPTIONAL MATCH (ours:Person {id: row.our_person_id})
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (i)-[:WITH]->(contact))
FOREACH (_ IN CASE WHEN created AND ours IS NOT NULL THEN [1] ELSE [] END |
  CREATE (i)-[:BY]->(ours))
RETURN collect(CASE WHEN created THEN row.key END) AS created,
       collect(CASE WHEN NOT created AND before <> properties(i) THEN row.key END) AS updated
