-- 0001_core.sql — the platform core (SQLite; PostgreSQL uses 0001_core.pg.sql).
-- Times are UTC seconds since the epoch. Booleans are 0/1 integers.

-- The administrative and workplace hierarchy. path is the chain of codes from
-- the root, e.g. '/24/07210/07210-01/', so "everything below a unit" is a
-- range scan on path. name_fold is the search key (see str_fold). households
-- and people count a village's own households, so totals for any subtree are
-- a sum over its units instead of a scan of every household.
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('province','commune','ward','special_zone',
               'village','residential_group','agency','public_unit','employer')),
  name       TEXT NOT NULL,            -- short name, 'Bắc Ninh'
  title      TEXT NOT NULL,            -- name with its prefix, 'Tỉnh Bắc Ninh'
  name_fold  TEXT NOT NULL,            -- folded title for search
  parent_id  INTEGER REFERENCES units(id),
  path       TEXT NOT NULL UNIQUE,
  households INTEGER NOT NULL DEFAULT 0,  -- active households of this village itself
  people     INTEGER NOT NULL DEFAULT 0,  -- their members (kept with every household write)
  created_at INTEGER NOT NULL
);
CREATE INDEX units_parent ON units(parent_id, code);
-- covers the subtree summaries (counts by kind, households, people)
CREATE INDEX units_subtree ON units(path, kind, households, people);

-- Households of a village or residential group (hộ gia đình): the voting base.
CREATE TABLE households (
  id         INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES units(id),
  code       TEXT NOT NULL,            -- unique within the village
  head_name  TEXT NOT NULL,
  address    TEXT NOT NULL,
  members    INTEGER NOT NULL CHECK (members BETWEEN 1 AND 100),
  active     INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  UNIQUE (village_id, code)
);

-- Residents; is_representative marks the household representative (Art. 18(2)).
CREATE TABLE residents (
  id                INTEGER PRIMARY KEY,
  household_id      INTEGER NOT NULL REFERENCES households(id),
  full_name         TEXT NOT NULL,
  name_fold         TEXT NOT NULL,
  birth_year        INTEGER,
  is_representative INTEGER NOT NULL DEFAULT 0,
  phone             TEXT
);
CREATE INDEX residents_household ON residents(household_id);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  full_name     TEXT NOT NULL,
  password_hash TEXT NOT NULL,          -- argon2id string
  resident_id   INTEGER REFERENCES residents(id),
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);

-- A role held at a unit reaches that unit and everything below it.
-- unit_id NULL: the whole country (sysadmin only).
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('resident','village_head','commune_officer',
            'commune_chair','front_officer','board_member','supervisor','agency_head',
            'union_officer','province_admin','sysadmin')),
  unit_id INTEGER REFERENCES units(id),
  UNIQUE (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit ON user_roles(unit_id);

-- Login sessions; the cookie holds the token, the table only its hash.
-- assist_*: an officer acting for a resident who is present (assisted participation).
CREATE TABLE sessions (
  token_hash         TEXT PRIMARY KEY,
  user_id            INTEGER NOT NULL REFERENCES users(id),
  csrf               TEXT NOT NULL,
  created_at         INTEGER NOT NULL,
  seen_at            INTEGER NOT NULL,
  assist_resident_id INTEGER REFERENCES residents(id),
  assist_until       INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Bearer tokens for machine clients of the API (hash stored, never the token).
CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  label      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked    INTEGER NOT NULL DEFAULT 0
);

-- Append-only record of acts. Every module writes its public acts here in the
-- same transaction as the act; the ledger and notifications read it.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     INTEGER REFERENCES users(id),
  on_behalf_of INTEGER REFERENCES residents(id),
  unit_id      INTEGER REFERENCES units(id),
  kind         TEXT NOT NULL,           -- 'user.create', 'households.import', ...
  subject      TEXT NOT NULL,           -- what it is about, e.g. 'user:12'
  public       INTEGER NOT NULL DEFAULT 0,
  payload      TEXT NOT NULL DEFAULT '{}'  -- JSON object
);
CREATE INDEX events_unit ON events(unit_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Days off and make-up working days (Labour Code 2019 Art. 112), by local date.
CREATE TABLE holidays (
  day  TEXT PRIMARY KEY,                -- 'yyyy-mm-dd'
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday'))
);

-- Failed logins per account ('u:NAME') and per address ('a:IP'), for delays.
CREATE TABLE login_throttle (
  key      TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at  INTEGER NOT NULL
);
