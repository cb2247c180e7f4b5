-- 0023_targets.sql — the resolution's targets (issue #12). A resolution on
-- measures (Law 10/2022 Arts. 85(2), 86(1)(a)) is kept as the file it was
-- loaded from, one row per version (its unit, code and effective date); the
-- figures are computed from the modules' records, and each quarter's figures
-- are stored once, never rewritten (their public event carries them).
CREATE TABLE resolutions (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),  -- the issuing unit (its People's Council)
  code      TEXT NOT NULL,
  title     TEXT NOT NULL,
  effective INTEGER NOT NULL,                       -- day it took effect (days since 1970)
  year_from INTEGER NOT NULL,
  year_to   INTEGER NOT NULL,
  source    TEXT NOT NULL,                          -- the file, as loaded
  sha256    TEXT NOT NULL,
  loaded_at INTEGER NOT NULL,
  loaded_by INTEGER REFERENCES users(id),
  UNIQUE (unit_id, code, effective)
);
CREATE TABLE target_snapshots (
  resolution_id INTEGER NOT NULL REFERENCES resolutions(id),
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  quarter       TEXT NOT NULL,                      -- 2026-Q3: the year to that quarter's end
  target        TEXT NOT NULL,
  num           INTEGER NOT NULL,
  den           INTEGER NOT NULL,
  taken_at      INTEGER NOT NULL,
  PRIMARY KEY (resolution_id, quarter, unit_id, target)
);
CREATE INDEX target_snapshots_unit ON target_snapshots(unit_id, quarter);
