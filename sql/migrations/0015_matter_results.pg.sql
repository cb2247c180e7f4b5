-- 0015_matter_results.pg.sql — the PostgreSQL twin of 0015_matter_results.sql:
-- the disclosure posting that publishes a matter's result on the commune's
-- portal (Law 10/2022 Art. 23; Art. 11 item 14).
ALTER TABLE matters ADD COLUMN posting_id BIGINT REFERENCES postings(id);
