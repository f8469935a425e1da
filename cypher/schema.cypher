// Constraints and indexes graphcrm needs; every statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (p:Project) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT interaction_key IF NOT EXISTS FOR (i:Interaction) REQUIRE i.key IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (o:Organization) ON (o.name);
CREATE INDEX organization_kind IF NOT EXISTS FOR (o:Organization) ON (o.kind);
CREATE INDEX project_name IF NOT EXISTS FOR (p:Project) ON (p.name);
CREATE CONSTRAINT import_lock_id IF NOT EXISTS FOR (l:GraphcrmImportLock) REQUIRE l.id IS UNIQUE;
MERGE (:GraphcrmImportLock {id: 'import'});
CREATE CONSTRAINT change_set_id IF NOT EXISTS FOR (s:GraphcrmChangeSet) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT snapshot_name IF NOT EXISTS FOR (s:GraphcrmSnapshot) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT review_key IF NOT EXISTS FOR (r:GraphcrmReviewEntry) REQUIRE r.key IS UNIQUE;
CREATE INDEX change_chunk_set IF NOT EXISTS FOR (c:GraphcrmChanges) ON (c.set_id);
