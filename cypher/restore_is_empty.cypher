// Whether the database holds anything graphcrm wrote (a dump restores into an empty one).
RETURN EXISTS { MATCH (:Organization) } OR EXISTS { MATCH (:Person) }
       OR EXISTS { MATCH (:GraphcrmChangeSet) } AS taken
