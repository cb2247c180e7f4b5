-- 0017_ballot_distribution.sql — household ballots handed out by the ballot
-- team (Decree 59/2023 Art. 4): which household got its ballot, when and from
-- whom. The collection is the ballot entered (matter_turnout), and only a
-- household that was given a ballot can hand one back.
CREATE TABLE ballot_distribution (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  given_by     INTEGER NOT NULL REFERENCES users(id),
  given_at     INTEGER NOT NULL,
  PRIMARY KEY (matter_id, household_id)
);
