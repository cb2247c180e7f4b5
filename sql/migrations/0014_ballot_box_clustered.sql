-- 0014_ballot_box_clustered.sql — the ballot box's two tables stored in the
-- order of their keys (SQLite WITHOUT ROWID): one B-tree each instead of a
-- table and its key index, so a ballot writes fewer pages; and the stored
-- order of the secret choices (by random receipt) no longer follows the order
-- in which households voted, which the turnout keeps (Law 10/2022 Art. 19:
-- a secret vote must not be linkable to the household that cast it).
CREATE TABLE matter_votes_c (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  receipt      TEXT NOT NULL,
  choice       TEXT NOT NULL CHECK (choice IN ('for','against','abstain')),
  household_id INTEGER REFERENCES households(id),
  PRIMARY KEY (matter_id, stage, receipt)
) WITHOUT ROWID;
INSERT INTO matter_votes_c SELECT matter_id, stage, receipt, choice, household_id FROM matter_votes ORDER BY matter_id, stage, receipt;
DROP TABLE matter_votes;
ALTER TABLE matter_votes_c RENAME TO matter_votes;
-- secret choices carry no household: only open votes are indexed by it
CREATE INDEX matter_votes_household ON matter_votes(matter_id, stage, household_id) WHERE household_id IS NOT NULL;
