-- 0003_disclosure_catalogue.sql — what must be disclosed (công khai), as data:
-- the items of Law 10/2022 Art. 11 (communes), Art. 46 (agencies and public
-- units) and Art. 64 (state-owned enterprises), with their legal basis, the
-- forms allowed, the deadline after the underlying decision, the minimum
-- posting period and the loudspeaker minimum. A change of the law is a new row
-- effective from a date: rows are never changed, so history is never
-- rewritten. The rule in force on a day is the row with the latest
-- effective_from not after it.
CREATE TABLE disclosure_items (
  id               INTEGER PRIMARY KEY,
  scope            TEXT NOT NULL CHECK (scope IN ('commune','agency','soe')),
  number           INTEGER NOT NULL,       -- the item's number in its article
  title            TEXT NOT NULL,
  legal_basis      TEXT NOT NULL,
  forms            TEXT NOT NULL,          -- allowed forms, codes separated by ';'
  deadline_days    INTEGER NOT NULL,       -- after the decision or document
  deadline_working INTEGER NOT NULL,       -- 1: working days, 0: calendar days
  min_days         INTEGER NOT NULL,       -- minimum consecutive posting days, 0: none
  permanent        INTEGER NOT NULL,       -- 1: posted permanently (Art. 13(2))
  radio_days       INTEGER NOT NULL,       -- minimum consecutive loudspeaker days, 0: none
  effective_from   TEXT NOT NULL,          -- yyyy-mm-dd
  confirmed        TEXT NOT NULL CHECK (confirmed IN ('C','S','U')), -- LAW.md markers
  created_at       INTEGER NOT NULL,
  UNIQUE (scope, number, effective_from)
);
CREATE TRIGGER disclosure_items_no_update BEFORE UPDATE ON disclosure_items
  BEGIN SELECT RAISE(ABORT, 'the disclosure catalogue keeps its history: add a rule from a date'); END;
CREATE TRIGGER disclosure_items_no_delete BEFORE DELETE ON disclosure_items
  BEGIN SELECT RAISE(ABORT, 'the disclosure catalogue keeps its history: add a rule from a date'); END;
