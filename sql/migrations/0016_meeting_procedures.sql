-- 0016_meeting_procedures.sql — procedural votes at a community meeting
-- (Decree 59/2023 Art. 3(5)): the secretary, the vote-count board (3 to 5
-- people), show of hands or secret ballot, a choice between options; each by
-- show of hands, adopted by more than half of the household representatives
-- PRESENT in that cluster (present is the attendance when it was voted).
CREATE TABLE meeting_procedures (
  id          INTEGER PRIMARY KEY,
  matter_id   INTEGER NOT NULL REFERENCES matters(id),
  cluster     INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('secretary','count_board','method','option')),
  subject     TEXT NOT NULL,
  votes_for   INTEGER NOT NULL CHECK (votes_for >= 0),
  present     INTEGER NOT NULL CHECK (present >= votes_for),
  passed      INTEGER NOT NULL CHECK (passed IN (0,1)),
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  at          INTEGER NOT NULL
);
CREATE INDEX meeting_procedures_matter ON meeting_procedures(matter_id, cluster, kind);
