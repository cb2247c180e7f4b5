-- 0047_ballot_fk_hot_path.sql — PostgreSQL only (see the .pg.sql twin).
SELECT 1;
