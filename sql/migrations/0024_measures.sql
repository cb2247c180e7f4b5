-- 0024_measures.sql — the measures of the resolution that move its targets
-- (issue #12; Law 10/2022 Art. 8): training courses and who completed them,
-- outreach and legal education, and the rules in force at each unit (its
-- democracy regulation, a commune council's resolution on measures).
CREATE TABLE courses (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),  -- the organising unit
  title      TEXT NOT NULL,
  topic      TEXT NOT NULL DEFAULT '',
  organiser  TEXT NOT NULL DEFAULT '',
  form       TEXT NOT NULL CHECK (form IN ('in_person','online')),
  groups     TEXT NOT NULL DEFAULT '',                -- target groups, space separated
  starts     INTEGER NOT NULL,                        -- days since 1970
  ends       INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX courses_unit ON courses(unit_id, ends);
CREATE TABLE course_participants (
  course_id   INTEGER NOT NULL REFERENCES courses(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),  -- where the person serves
  full_name   TEXT NOT NULL,
  name_fold   TEXT NOT NULL,
  completed   INTEGER NOT NULL,
  certificate TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (course_id, unit_id, name_fold)
);
CREATE INDEX course_participants_person ON course_participants(unit_id, name_fold);
CREATE TABLE outreach (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  kind       TEXT NOT NULL CHECK (kind IN ('conference','broadcast','poster','online','contest','meeting')),
  title      TEXT NOT NULL,
  held_on    INTEGER NOT NULL,                        -- day
  audience   TEXT NOT NULL DEFAULT '',
  reach      INTEGER NOT NULL DEFAULT 0,              -- people reached
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX outreach_unit ON outreach(unit_id, held_on);
CREATE TABLE regulations (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  kind       TEXT NOT NULL CHECK (kind IN ('regulation','measures_resolution')),
  number     TEXT NOT NULL,                           -- as printed: 05/QĐ-UBND
  title      TEXT NOT NULL,
  issued_on  INTEGER NOT NULL,                        -- day
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX regulations_unit ON regulations(unit_id, kind, issued_on);
