// How many ties of type __TYPE__ the database holds (answered from the count store).
MATCH ()-[r:__TYPE__]->()
RETURN count(r) AS n
