-- 0007_recognition.sql — what the commune does with a village's decision
-- (Law 10/2022 Arts. 21(2), 22): recognition by the commune People's
-- Committee (items 3, 4) or the commune Front committee (item 5) within 5
-- working days, refusal with written reasons, annulment or a request to amend.
-- Append-only: the newest act is the decision's standing.
CREATE TABLE matter_acts (
  id        INTEGER PRIMARY KEY,
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  act       TEXT NOT NULL CHECK (act IN ('recognised','refused','annulled','amend')),
  reason    TEXT NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users(id),
  at        INTEGER NOT NULL
);
CREATE INDEX matter_acts_matter ON matter_acts(matter_id, id);
