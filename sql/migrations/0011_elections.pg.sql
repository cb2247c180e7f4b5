-- 0011_elections.pg.sql — the PostgreSQL twin of 0011_elections.sql: electing a village head (Decree 59/2023 Arts. 6-8): the
-- plan (at least 20 days before the meeting), the election team (10 days), the
-- public notice (7 days), the Front's candidates (15 days), nominations at the
-- meeting, the count per candidate; elected with more than half of ALL
-- households (Art. 21(1) item 4), in office on the commune's recognition.
CREATE TABLE elections (
  matter_id BIGINT PRIMARY KEY REFERENCES matters(id),
  plan_at   INTEGER NOT NULL,
  team      TEXT NOT NULL DEFAULT '',
  team_at   INTEGER,
  notice_at INTEGER,
  list_at   INTEGER
);
CREATE TABLE election_candidates (
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  seq       INTEGER NOT NULL,
  name      TEXT NOT NULL,
  source    TEXT NOT NULL CHECK (source IN ('front','meeting')),
  votes     INTEGER,
  PRIMARY KEY (matter_id, seq)
);
