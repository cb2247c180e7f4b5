-- 0036_open311_reception.sql — feedback (issue #15), continued: the keys of
-- Open311 clients (only their SHA-256 kept), a case's media URL and the
-- one-stop desk that received it (ratings aggregate per desk), and the
-- citizen reception register (sổ tiếp công dân, the columns of Form 03/TCD).
CREATE TABLE open311_keys (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,                   -- who uses it (an app, a partner)
  key_hash    TEXT NOT NULL UNIQUE,            -- SHA-256 of the key: the key itself is shown once
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
ALTER TABLE cases ADD COLUMN media_url TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN desk TEXT NOT NULL DEFAULT '';
CREATE TABLE reception (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  day           INTEGER NOT NULL,                -- the day of the visit
  name          TEXT NOT NULL,                   -- who came: never public
  address       TEXT NOT NULL DEFAULT '',
  id_number     TEXT NOT NULL DEFAULT '',
  summary       TEXT NOT NULL,
  kind          TEXT NOT NULL,                   -- complaint, denunciation, petition, reflection
  people        INTEGER NOT NULL DEFAULT 1,      -- how many came with the same matter
  handled_by    TEXT NOT NULL DEFAULT '',        -- a body that already handled it
  in_competence INTEGER NOT NULL DEFAULT 1,
  guidance      TEXT NOT NULL DEFAULT '',        -- what the person was told, with the document's number
  accepted_by   TEXT NOT NULL DEFAULT '',        -- the body that accepted the case, and its forwarding number
  follow_up     TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  refused       INTEGER NOT NULL DEFAULT 0,      -- a refusal to receive (with its reason in notes)
  case_id       INTEGER REFERENCES cases(id),    -- the case it became
  received_by   TEXT NOT NULL DEFAULT '',        -- who received (the chair, or who received for them)
  created_by    INTEGER REFERENCES users(id),
  created_at    INTEGER NOT NULL
);
CREATE INDEX reception_unit ON reception(unit_id, day);
-- the holiday table's version, moved by triggers on every change: deadlines
-- computed on a hot path (a case filed) reuse the table they parsed while
-- the version is the same (src/calendar/holidays.c)
CREATE TABLE holidays_version (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  v   INTEGER NOT NULL
);
INSERT INTO holidays_version(id, v) VALUES (1, 0);
CREATE TRIGGER holidays_version_ins AFTER INSERT ON holidays BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_version_upd AFTER UPDATE ON holidays BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_version_del AFTER DELETE ON holidays BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; END;
