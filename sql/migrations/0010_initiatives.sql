-- 0010_initiatives.sql — citizens' initiatives (Law 10/2022 Art. 16): a
-- resident proposes a matter to the village; households consent online or on
-- paper; it goes forward with the consent of at least 10% of the village's
-- households (or the Front committee's approval below that). Consents are valid
-- for 3 months.
CREATE TABLE initiatives (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  item         INTEGER NOT NULL CHECK (item BETWEEN 1 AND 6),
  title        TEXT NOT NULL,
  description  TEXT NOT NULL,
  initiator_id INTEGER NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  forwarded_at INTEGER,                 -- reached 10% (or approved by the Front)
  front_approved INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX initiatives_unit ON initiatives(unit_id, created_at);
CREATE TABLE initiative_consents (
  initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
  household_id  INTEGER NOT NULL REFERENCES households(id),
  user_id       INTEGER NOT NULL REFERENCES users(id), -- the representative, or who recorded the paper
  paper         INTEGER NOT NULL,                      -- 1: recorded from a signed paper list
  at            INTEGER NOT NULL,
  PRIMARY KEY (initiative_id, household_id)
);
