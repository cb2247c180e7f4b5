-- 0035_cases.sql — feedback, complaints and denunciations (issue #15):
-- every case with its tracking code, its running clock and its events;
-- attachments by content in blobs; ratings once per case; who looked at a
-- denouncer's identity. Days are days since 1970 (UTC+7), 0 = none.
CREATE TABLE cases (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,          -- tracking code, PAKN-2611-7KQ3X9: public
  kind          TEXT NOT NULL CHECK (kind IN ('petition','complaint','denunciation','board_rec','board_petition')),
  instance      INTEGER NOT NULL DEFAULT 1,    -- complaints: first or second instance
  parent_id     INTEGER REFERENCES cases(id),  -- a second instance: its first
  unit_id       INTEGER NOT NULL REFERENCES units(id), -- the unit responsible now
  village_id    INTEGER REFERENCES units(id),  -- where it happened, when given
  category      TEXT NOT NULL DEFAULT '',      -- data/cases/categories.txt (the Open311 services)
  channel       TEXT NOT NULL,                 -- web, paper, phone, in_person, api, sms, open311, reception
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  status        TEXT NOT NULL,
  anonymous     INTEGER NOT NULL DEFAULT 0,
  name          TEXT NOT NULL DEFAULT '',      -- the filer: never public; empty for a denunciation
  phone         TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  id_number     TEXT NOT NULL DEFAULT '',
  ident         TEXT NOT NULL DEFAULT '',      -- a denouncer's identity, sealed (secretbox, base64)
  user_id       INTEGER REFERENCES users(id),  -- the filer's account, when signed in
  lat_e6        INTEGER,                       -- micro-degrees, when given
  lon_e6        INTEGER,
  location      TEXT NOT NULL DEFAULT '',      -- an address of the place
  act_day       INTEGER NOT NULL DEFAULT 0,    -- complaints: the day the act became known (the 90 days)
  late_filing   INTEGER NOT NULL DEFAULT 0,    -- filed after the limit: for the handler to decide
  complexity    INTEGER NOT NULL DEFAULT 0,    -- 0 ordinary, 1 complex, 2 very complex
  remote        INTEGER NOT NULL DEFAULT 0,    -- a remote or hard-to-reach area
  extensions    INTEGER NOT NULL DEFAULT 0,
  received_at   INTEGER NOT NULL,
  received_day  INTEGER NOT NULL,
  accepted_day  INTEGER NOT NULL DEFAULT 0,
  clock         TEXT NOT NULL DEFAULT '',      -- the clock running: accept, resolve ('' none)
  due_day       INTEGER NOT NULL DEFAULT 0,    -- its deadline; 0 while stopped or done
  paused_left   INTEGER NOT NULL DEFAULT 0,    -- suspended: what was left of it
  handler_id    INTEGER REFERENCES users(id),
  answer        TEXT NOT NULL DEFAULT '',      -- the public answer
  decision_ref  TEXT NOT NULL DEFAULT '',
  resolved_day  INTEGER NOT NULL DEFAULT 0,
  on_time       INTEGER,                       -- resolved by its deadline (NULL until resolved)
  escalated     INTEGER NOT NULL DEFAULT 0,    -- overdue: the unit head told
  rate_hash     TEXT NOT NULL DEFAULT '',      -- SHA-256 of the one-time rating token; '' when none or used
  idem          TEXT,                          -- the API's Idempotency-Key, by client (unique when given)
  o311_token    TEXT,                          -- Open311's token for the request (unique when given)
  updated_at    INTEGER NOT NULL
);
CREATE INDEX cases_unit ON cases(unit_id, id);
CREATE INDEX cases_unit_due ON cases(unit_id, due_day) WHERE due_day > 0;
CREATE INDEX cases_handler_due ON cases(handler_id, due_day) WHERE due_day > 0 AND handler_id IS NOT NULL;
-- partial: a case filed without them costs no index entry (intake is a hot write)
CREATE UNIQUE INDEX cases_idem ON cases(idem) WHERE idem IS NOT NULL;
CREATE UNIQUE INDEX cases_o311_token ON cases(o311_token) WHERE o311_token IS NOT NULL;
CREATE INDEX cases_user ON cases(user_id) WHERE user_id IS NOT NULL;
CREATE TABLE case_events (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  at        INTEGER NOT NULL,
  day       INTEGER NOT NULL,                  -- the day the act takes effect (a decision's day)
  actor     INTEGER REFERENCES users(id),
  action    TEXT NOT NULL,                     -- file, classify, accept, reject, forward, ...
  status    TEXT NOT NULL,                     -- the status after it
  note      TEXT NOT NULL DEFAULT '',          -- why: public unless private
  public    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX case_events_case ON case_events(case_id, id);
CREATE TABLE case_files (
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  seq       INTEGER NOT NULL,
  sha256    TEXT NOT NULL REFERENCES blobs(sha256),
  filename  TEXT NOT NULL,
  mime      TEXT NOT NULL,
  size      INTEGER NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE TABLE case_ratings (
  case_id   INTEGER PRIMARY KEY REFERENCES cases(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), -- 5 Rất hài lòng .. 1 Rất không hài lòng
  on_time   INTEGER,                           -- optional criteria: 1 yes, 0 no, NULL not said
  attitude  INTEGER CHECK (attitude BETWEEN 1 AND 5),
  visits    INTEGER,
  comment   TEXT NOT NULL DEFAULT '',
  at        INTEGER NOT NULL
);
CREATE INDEX case_ratings_unit ON case_ratings(unit_id);
CREATE TABLE case_ident_views (
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  user_id   INTEGER NOT NULL REFERENCES users(id),
  at        INTEGER NOT NULL
);
CREATE INDEX case_ident_views_case ON case_ident_views(case_id);
