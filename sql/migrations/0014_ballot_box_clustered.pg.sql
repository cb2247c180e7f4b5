-- 0014_ballot_box_clustered.pg.sql — the PostgreSQL twin of
-- 0014_ballot_box_clustered.sql. SQLite stores the ballot box's tables in key
-- order (WITHOUT ROWID); PostgreSQL keeps heap tables, whose physical order is
-- not visible through the application (docs/decisions.md says what an operator
-- with direct database access could still see). Nothing to change here.
SELECT 1;
