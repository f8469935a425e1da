// neighbourhood_step.cypher for a read's scope: everyone one tie from the people in $ids,
// each as [id, element id], in one row. The element ids are what a read of their ties tests
// a tie's far end against (person_element_ids.cypher): found on the way, they need no
// second query (at 1,000,000 people, 77,000 index seeks more before the ties can start).
// neighbourhood_step.cypher stays ids only: a path's region walks it step after step and
// wants no element ids (their text is work on both sides).
UNWIND $ids AS id
MATCH (:Person {id: id})-[:KNOWS|INFLUENCES|REFERRED|DOTTED_LINE|REPORTS_TO]-(q:Person)
WITH DISTINCT q
RETURN collect([q.id, elementId(q)]) AS people
