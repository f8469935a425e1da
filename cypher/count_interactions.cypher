// How many interactions the store holds (from the count store: no scan).
MATCH (i:Interaction)
RETURN count(i) AS n
