// Whether a snapshot named $name exists.
RETURN EXISTS { MATCH (:GraphcrmSnapshot {name: $name}) } AS taken
