-- 0006_meetings.pg.sql — the PostgreSQL twin of 0006_meetings.sql: community meetings (Law 10/2022 Art. 18; Decree 59
-- Art. 3): the meeting of a matter, attendance per household (in clusters
-- for villages of 200 households or more, Art. 18(3)), the show-of-hands or
-- ballot count per cluster, and the sign-off of the minutes (Art. 20).

CREATE TABLE meetings (
  matter_id BIGINT PRIMARY KEY REFERENCES matters(id),
  starts_at INTEGER NOT NULL,            -- notice at least 2 days before (Decree 59 Art. 3(3))
  location  TEXT NOT NULL,
  clusters  INTEGER NOT NULL CHECK (clusters BETWEEN 1 AND 20),
  method    TEXT NOT NULL CHECK (method IN ('hands','secret')), -- as the meeting decides (Art. 18(4))
  ended_at  INTEGER,                     -- when the last cluster's count was recorded
  sent_at   INTEGER                      -- when the minutes were signed by all four (sent to the commune)
);

CREATE TABLE meeting_attendance (
  matter_id    BIGINT NOT NULL REFERENCES matters(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  cluster      INTEGER NOT NULL,
  recorded_by  BIGINT NOT NULL REFERENCES users(id),
  at           INTEGER NOT NULL,
  PRIMARY KEY (matter_id, household_id)
);

CREATE TABLE meeting_results (
  matter_id     BIGINT NOT NULL REFERENCES matters(id),
  cluster       INTEGER NOT NULL,
  votes_for     INTEGER NOT NULL,
  votes_against INTEGER NOT NULL,
  votes_abstain INTEGER NOT NULL,
  recorded_by   BIGINT NOT NULL REFERENCES users(id),
  at            INTEGER NOT NULL,
  PRIMARY KEY (matter_id, cluster)
);

-- Art. 20: the minutes are signed by the village head, the head of the Front
-- committee and two household representatives.
CREATE TABLE matter_signoffs (
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  slot      TEXT NOT NULL CHECK (slot IN ('village_head','front','household_1','household_2')),
  user_id   BIGINT NOT NULL REFERENCES users(id),
  at        INTEGER NOT NULL,
  PRIMARY KEY (matter_id, slot),
  UNIQUE (matter_id, user_id)
);
