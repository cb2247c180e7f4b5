-- 0020_sealed_ballots.pg.sql — the PostgreSQL twin of 0020_sealed_ballots.sql:
-- ballots stored as boxes only the server's ballot key opens, found by a keyed
-- tag of their receipt. The turnout row and the box share a transaction id
-- (xmin) and sit side by side in the heap, but the box tells a SQL reader
-- neither the receipt nor the choice.
DROP TRIGGER matter_votes_count ON matter_votes;
DROP INDEX matter_votes_household;
ALTER TABLE matter_votes RENAME TO matter_votes_legacy;
ALTER TABLE matter_votes_legacy RENAME CONSTRAINT matter_votes_pkey TO matter_votes_legacy_pkey;
CREATE TABLE matter_votes (
  matter_id    BIGINT NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  tag          BYTEA NOT NULL,
  box          BYTEA NOT NULL,
  household_id BIGINT REFERENCES households(id),
  PRIMARY KEY (matter_id, stage, tag)
);
CREATE INDEX matter_votes_household ON matter_votes(matter_id, stage, household_id) WHERE household_id IS NOT NULL;
DELETE FROM matter_ballot_counts;
CREATE TRIGGER matter_votes_count AFTER INSERT OR DELETE ON matter_votes
  FOR EACH ROW EXECUTE FUNCTION matter_votes_count();
