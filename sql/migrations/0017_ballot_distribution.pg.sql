-- 0017_ballot_distribution.pg.sql — the PostgreSQL twin: household ballots handed out by the ballot
-- team (Decree 59/2023 Art. 4): which household got its ballot, when and from
-- whom. The collection is the ballot entered (matter_turnout), and only a
-- household that was given a ballot can hand one back.
CREATE TABLE ballot_distribution (
  matter_id    BIGINT NOT NULL REFERENCES matters(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  given_by     BIGINT NOT NULL REFERENCES users(id),
  given_at     BIGINT NOT NULL,
  PRIMARY KEY (matter_id, household_id)
);
