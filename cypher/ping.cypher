// A no-op read: does the database answer?
RETURN 1 AS ok
