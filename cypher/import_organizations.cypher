// Upsert organizations by id. $rows: [{id, props}]; props holds the columns the file
// carried (a null removes the property) and the extra columns. Parents are a second pass.
// _graphcrm_new marks a node created by this statement; it is removed before commit.
UNWIND $rows AS row
MERGE (o:Organization {id: row.id})
  ON CREATE SET o._graphcrm_new = true
WITH row, o, o._graphcrm_new IS NOT NULL AS created, properties(o) AS before
SET o += row.props
REMOVE o._graphcrm_new
RETURN collect(CASE WHEN created THEN row.id END) AS created,
       collect(CASE WHEN NOT created AND before <> properties(o) THEN row.id END) AS updated
