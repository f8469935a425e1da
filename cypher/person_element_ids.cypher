// The element ids of the people whose ids are in $ids, as one row of [element id, the
// person's place in $ids]: a read of their ties tests whether a tie's far end is one of
// them by its element id, which needs no property read (at 1,000,000 people a path's region
// reads 578,000 ties to keep 92,000), and sends each end as that place, a number, not its
// id: no property read of the far end on the server, no text to decode on the client.
UNWIND range(0, size($ids) - 1) AS n
MATCH (p:Person {id: $ids[n]})
RETURN collect([elementId(p), n]) AS ids
