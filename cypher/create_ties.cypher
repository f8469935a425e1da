// Bulk path of import_ties, used only while the database holds no tie of this type yet (a
// first import): the ties are created without looking for existing ones. The input was
// validated, so it names each tie once. __TYPE__ is filled in from a fixed whitelist.
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
MATCH (b:Person {id: row.target})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN collect(row.source + '|' + row.target + '|' + type(r)) AS created, [] AS updated
