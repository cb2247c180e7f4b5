-- 0042_ballot_shard_held.sql — nothing for SQLite: its one writer counts
-- ballots without shards. The PostgreSQL twin lets a batch of ballots count
-- on the shard its transaction already holds (issue #18).
SELECT 1;
