// Upsert organizations by id. $rows: [{id, props}]; props holds the columns the file
// carried (a null removes the property) and the extra columns. Parents are a second pass.
UNWIND $rows AS row
OPTIONAL MATCH (old:Organization {id: row.id})
WITH row, old IS NULL AS created, properties(old) AS before
MERGE (o:Organization {id: row.id})
SET o += row.props
RETURN collect(CASE WHEN created THEN row.id END) AS created,
       collect(CASE WHEN NOT created AND before <> properties(o) THEN row.id END) AS updated
