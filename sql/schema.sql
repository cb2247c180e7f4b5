-- The schema a fresh `coso init` makes on SQLite (migrations 0001-0047),
-- kept by tools/schema.sh; a test fails when the migrations and this file differ. Read-only:
-- change the schema with a new migration in sql/migrations/, then `make schema`.
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);
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
CREATE INDEX units_subtree ON units(path, kind, households, people);
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
CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  label      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked    INTEGER NOT NULL DEFAULT 0
, scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read','ballot','write')), revoked_at INTEGER);
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
CREATE TABLE holidays (
  day  TEXT PRIMARY KEY,                -- 'yyyy-mm-dd'
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday'))
);
CREATE TABLE login_throttle (
  key      TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at  INTEGER NOT NULL
);
CREATE TABLE ledger_leaves (
  idx      INTEGER PRIMARY KEY,                 -- 0-based position in the log
  event_id INTEGER NOT NULL UNIQUE REFERENCES events(id),
  leaf     TEXT NOT NULL,
  hash     TEXT NOT NULL
);
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  TEXT NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE ledger_checkpoints (
  size INTEGER PRIMARY KEY,
  root TEXT NOT NULL,                           -- base64 root hash
  at   INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE TRIGGER ledger_leaves_no_update BEFORE UPDATE ON ledger_leaves
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_leaves_no_delete BEFORE DELETE ON ledger_leaves
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_checkpoints_no_update BEFORE UPDATE ON ledger_checkpoints
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_checkpoints_no_delete BEFORE DELETE ON ledger_checkpoints
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
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
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,         -- lower-case hex
  mime       TEXT NOT NULL,            -- type found by content (libmagic)
  size       INTEGER NOT NULL,
  data       BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE postings (
  id              INTEGER PRIMARY KEY,
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  item_id         INTEGER NOT NULL REFERENCES disclosure_items(id), -- rule in force on decision_date
  decision_date   TEXT NOT NULL,          -- the underlying decision or document
  decision_ref    TEXT NOT NULL,          -- its number and name
  status          TEXT NOT NULL CHECK (status IN ('draft','published','withdrawn')),
  is_public       INTEGER NOT NULL,       -- agency and enterprise postings: 0 = staff only
  forms           TEXT NOT NULL,          -- form codes separated by ';'
  location        TEXT NOT NULL,          -- where it is physically posted
  radio_dates     TEXT NOT NULL,          -- loudspeaker broadcast days, yyyy-mm-dd;...
  period_days     INTEGER NOT NULL,       -- requested posting period, 0 = permanent
  short_reason    TEXT NOT NULL,          -- why the period is shorter than the minimum
  start_date      TEXT,                   -- first day posted (day of publication)
  end_date        TEXT,                   -- last day posted, NULL = permanent or draft
  version         INTEGER NOT NULL,       -- current version
  search_doc      TEXT NOT NULL,          -- folded title, summary and body (search)
  created_by      INTEGER NOT NULL REFERENCES users(id),
  created_at      INTEGER NOT NULL,
  published_at    INTEGER,
  withdrawn_at    INTEGER,
  withdraw_reason TEXT NOT NULL
, audio_sha256 TEXT REFERENCES blobs(sha256));
CREATE INDEX postings_unit ON postings(unit_id, status, start_date);
CREATE INDEX postings_pub ON postings(status, published_at);
CREATE TABLE posting_versions (
  posting_id     INTEGER NOT NULL REFERENCES postings(id),
  version        INTEGER NOT NULL,
  title          TEXT NOT NULL,
  summary        TEXT NOT NULL,
  body           TEXT NOT NULL,          -- Markdown
  change_note    TEXT NOT NULL,          -- what changed and why ('' for version 1)
  content_sha256 TEXT NOT NULL,          -- of the canonical content (docs/disclosure.md)
  created_by     INTEGER NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (posting_id, version)
);
CREATE TABLE posting_files (
  posting_id INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  filename   TEXT NOT NULL,
  PRIMARY KEY (posting_id, version, seq),
  FOREIGN KEY (posting_id, version) REFERENCES posting_versions(posting_id, version)
);
CREATE VIRTUAL TABLE postings_fts USING fts5(doc, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')
/* postings_fts(doc) */;
CREATE TABLE IF NOT EXISTS 'postings_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'postings_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'postings_fts_content'(id INTEGER PRIMARY KEY, c0);
CREATE TABLE IF NOT EXISTS 'postings_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'postings_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE info_requests (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,       -- tracking code given to the requester
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  item_number INTEGER NOT NULL,           -- catalogue item asked for, 0 = other
  posting_id  INTEGER REFERENCES postings(id),
  reason      TEXT NOT NULL CHECK (reason IN ('not_published','expired','unreachable','other')),
  question    TEXT NOT NULL,
  name        TEXT NOT NULL,
  contact     TEXT NOT NULL,              -- phone or e-mail: never public
  created_at  INTEGER NOT NULL,
  due_date    TEXT NOT NULL,              -- working-day deadline
  status      TEXT NOT NULL CHECK (status IN ('open','answered')),
  handler_id  INTEGER REFERENCES users(id),
  answer      TEXT NOT NULL,
  answered_at INTEGER
);
CREATE INDEX info_requests_unit ON info_requests(unit_id, status, created_at);
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TRIGGER posting_versions_no_update BEFORE UPDATE ON posting_versions
  BEGIN SELECT RAISE(ABORT, 'a published version is never edited: add a correction'); END;
CREATE TRIGGER posting_versions_no_delete BEFORE DELETE ON posting_versions
  WHEN (SELECT status FROM postings WHERE id = OLD.posting_id) <> 'draft'
  BEGIN SELECT RAISE(ABORT, 'a published version is never deleted'); END;
CREATE INDEX events_subject ON events(subject, id);
CREATE TABLE decision_rules (
  item           INTEGER NOT NULL CHECK (item BETWEEN 1 AND 6),
  scope          TEXT NOT NULL CHECK (scope IN ('village','commune')),
  num            INTEGER NOT NULL,
  den            INTEGER NOT NULL,
  strict         INTEGER NOT NULL,       -- 1: more than num/den; 0: at least num/den
  counts         TEXT NOT NULL CHECK (counts IN ('households','villages')),
  forms          TEXT NOT NULL,          -- forms the law allows directly, ';' separated (Art. 17)
  effective_from TEXT NOT NULL,
  legal_basis    TEXT NOT NULL,
  confirmed      TEXT NOT NULL CHECK (confirmed IN ('C','S','U')),
  PRIMARY KEY (item, scope, effective_from)
);
CREATE TABLE matters (
  id                INTEGER PRIMARY KEY,
  unit_id           INTEGER NOT NULL REFERENCES units(id),
  item              INTEGER NOT NULL CHECK (item BETWEEN 1 AND 6),
  scope             TEXT NOT NULL CHECK (scope IN ('village','commune')),
  form              TEXT NOT NULL CHECK (form IN ('meeting','ballot','online')),
  title             TEXT NOT NULL,
  description       TEXT NOT NULL,
  secret            INTEGER NOT NULL,
  allow_change      INTEGER NOT NULL,    -- a household may change its vote until the close
  front_agreed      INTEGER NOT NULL,    -- the village Front committee head agreed (Art. 16)
  eligible          INTEGER NOT NULL,    -- the village's households when the matter opened
  opens_at          INTEGER NOT NULL,
  prepoll_closes_at INTEGER NOT NULL,    -- = opens_at when there is no pre-poll
  closes_at         INTEGER NOT NULL,
  prepoll_yes       INTEGER,             -- households for voting online, counted once the pre-poll closed
  proposer_id       INTEGER NOT NULL REFERENCES users(id),
  created_at        INTEGER NOT NULL
, follows INTEGER REFERENCES matters(id), team TEXT NOT NULL DEFAULT '', parent_id INTEGER REFERENCES matters(id), posting_id INTEGER REFERENCES postings(id), title_fold TEXT NOT NULL DEFAULT '');
CREATE INDEX matters_unit ON matters(unit_id, closes_at);
CREATE TABLE meetings (
  matter_id INTEGER PRIMARY KEY REFERENCES matters(id),
  starts_at INTEGER NOT NULL,            -- notice at least 2 days before (Decree 59 Art. 3(3))
  location  TEXT NOT NULL,
  clusters  INTEGER NOT NULL CHECK (clusters BETWEEN 1 AND 20),
  method    TEXT NOT NULL CHECK (method IN ('hands','secret')), -- as the meeting decides (Art. 18(4))
  ended_at  INTEGER,                     -- when the last cluster's count was recorded
  sent_at   INTEGER                      -- when the minutes were signed by all four (sent to the commune)
);
CREATE TABLE meeting_attendance (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  cluster      INTEGER NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  at           INTEGER NOT NULL,
  PRIMARY KEY (matter_id, household_id)
);
CREATE TABLE meeting_results (
  matter_id     INTEGER NOT NULL REFERENCES matters(id),
  cluster       INTEGER NOT NULL,
  votes_for     INTEGER NOT NULL,
  votes_against INTEGER NOT NULL,
  votes_abstain INTEGER NOT NULL,
  recorded_by   INTEGER NOT NULL REFERENCES users(id),
  at            INTEGER NOT NULL,
  PRIMARY KEY (matter_id, cluster)
);
CREATE TABLE matter_signoffs (
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  slot      TEXT NOT NULL CHECK (slot IN ('village_head','front','household_1','household_2')),
  user_id   INTEGER NOT NULL REFERENCES users(id),
  at        INTEGER NOT NULL,
  PRIMARY KEY (matter_id, slot),
  UNIQUE (matter_id, user_id)
);
CREATE TABLE matter_acts (
  id        INTEGER PRIMARY KEY,
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  act       TEXT NOT NULL CHECK (act IN ('recognised','refused','annulled','amend')),
  reason    TEXT NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users(id),
  at        INTEGER NOT NULL
);
CREATE INDEX matter_acts_matter ON matter_acts(matter_id, id);
CREATE INDEX matters_parent ON matters(parent_id);
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
CREATE TABLE elections (
  matter_id INTEGER PRIMARY KEY REFERENCES matters(id),
  plan_at   INTEGER NOT NULL,
  team      TEXT NOT NULL DEFAULT '',
  team_at   INTEGER,
  notice_at INTEGER,
  list_at   INTEGER
, kind TEXT NOT NULL DEFAULT 'village_head'
  CHECK (kind IN ('village_head','inspection_board','investment_board')));
CREATE TABLE election_candidates (
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  seq       INTEGER NOT NULL,
  name      TEXT NOT NULL,
  source    TEXT NOT NULL CHECK (source IN ('front','meeting')),
  votes     INTEGER,
  PRIMARY KEY (matter_id, seq)
);
CREATE TABLE dismissals (
  matter_id     INTEGER PRIMARY KEY REFERENCES matters(id),
  trigger       TEXT NOT NULL CHECK (trigger IN ('own_request','front','petition')),
  initiative_id INTEGER REFERENCES initiatives(id),
  acting_head   TEXT NOT NULL DEFAULT '',
  acting_at     INTEGER
);
CREATE TABLE IF NOT EXISTS "matter_votes_legacy" (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  receipt      TEXT NOT NULL,
  choice       TEXT NOT NULL CHECK (choice IN ('for','against','abstain')),
  household_id INTEGER REFERENCES households(id),
  PRIMARY KEY (matter_id, stage, receipt)
) WITHOUT ROWID;
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
CREATE TABLE ballot_distribution (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  given_by     INTEGER NOT NULL REFERENCES users(id),
  given_at     INTEGER NOT NULL,
  PRIMARY KEY (matter_id, household_id)
);
CREATE TABLE matter_files (
  matter_id  INTEGER NOT NULL REFERENCES matters(id),
  seq        INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  filename   TEXT NOT NULL,
  added_by   INTEGER NOT NULL REFERENCES users(id),
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (matter_id, seq)
);
CREATE TABLE matter_electorate (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  PRIMARY KEY (matter_id, household_id)
) WITHOUT ROWID;
CREATE TRIGGER meeting_attendance_electorate BEFORE INSERT ON meeting_attendance
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
CREATE TRIGGER ballot_distribution_electorate BEFORE INSERT ON ballot_distribution
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
CREATE TRIGGER matter_signoffs_electorate BEFORE INSERT ON matter_signoffs
  WHEN NEW.slot IN ('household_1', 'household_2') AND NOT EXISTS (
    SELECT 1 FROM users u JOIN residents r ON r.id = u.resident_id AND r.is_representative = 1
    JOIN matter_electorate e ON e.matter_id = NEW.matter_id AND e.household_id = r.household_id WHERE u.id = NEW.user_id)
  BEGIN SELECT RAISE(ABORT, 'the signer represents no household of the electorate'); END;
CREATE TRIGGER meeting_results_bound_insert BEFORE INSERT ON meeting_results
  WHEN NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.votes_abstain < 0
    OR NEW.votes_for + NEW.votes_against + NEW.votes_abstain >
       (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id AND cluster = NEW.cluster)
  BEGIN SELECT RAISE(ABORT, 'the count exceeds the households present'); END;
CREATE TRIGGER meeting_results_bound_update BEFORE UPDATE ON meeting_results
  WHEN NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.votes_abstain < 0
    OR NEW.votes_for + NEW.votes_against + NEW.votes_abstain >
       (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id AND cluster = NEW.cluster)
  BEGIN SELECT RAISE(ABORT, 'the count exceeds the households present'); END;
CREATE TRIGGER election_votes_bound AFTER UPDATE OF votes ON election_candidates
  WHEN (SELECT COALESCE(SUM(votes), 0) FROM election_candidates WHERE matter_id = NEW.matter_id) >
       (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id)
  BEGIN SELECT RAISE(ABORT, 'the votes exceed the households present'); END;
CREATE TABLE matter_ballot_counts (
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  stage     TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  shard     INTEGER NOT NULL,
  ballots   INTEGER NOT NULL,
  cap       INTEGER NOT NULL,      -- this shard's share of the eligible households
  PRIMARY KEY (matter_id, stage, shard),
  CHECK (ballots >= 0 AND ballots <= cap)
) WITHOUT ROWID;
CREATE TABLE matter_votes (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  tag          BLOB NOT NULL,   -- keyed BLAKE2b-128 of (matter, stage, receipt)
  box          BLOB NOT NULL,   -- XSalsa20-Poly1305 of (choice, receipt, change-key MAC); nonce derived from the tag
  household_id INTEGER REFERENCES households(id), -- open votes only; NULL when secret
  PRIMARY KEY (matter_id, stage, tag)
) WITHOUT ROWID;
CREATE INDEX matter_votes_household ON matter_votes(matter_id, stage, household_id) WHERE household_id IS NOT NULL;
CREATE TRIGGER matter_votes_count_insert AFTER INSERT ON matter_votes BEGIN
  INSERT INTO matter_ballot_counts(matter_id, stage, shard, ballots, cap)
    VALUES (NEW.matter_id, NEW.stage, 0, 1, (SELECT eligible FROM matters WHERE id = NEW.matter_id))
    ON CONFLICT (matter_id, stage, shard) DO UPDATE SET ballots = ballots + 1;
END;
CREATE TRIGGER matter_votes_count_delete AFTER DELETE ON matter_votes BEGIN
  UPDATE matter_ballot_counts SET ballots = ballots - 1 WHERE matter_id = OLD.matter_id AND stage = OLD.stage AND shard = 0;
END;
CREATE INDEX api_tokens_user ON api_tokens(user_id, created_at);
CREATE TABLE doc_series (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  year    INTEGER NOT NULL,
  type    TEXT NOT NULL,
  last    INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, type)
);
CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  type       TEXT NOT NULL,          -- TB, BB, BC, GM (Decree 30/2020 App. III)
  year       INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  number     TEXT NOT NULL,          -- as printed: 12/TB-UBND
  about      TEXT NOT NULL,          -- posting, matter, register
  about_id   INTEGER NOT NULL,
  part       TEXT NOT NULL,          -- which paper of it: notice.1, withdrawal, minutes, 2026-Q3
  title      TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,
  pdf_sha256 TEXT REFERENCES blobs(sha256), -- the signed PDF as issued; NULL when not signed
  signer     TEXT NOT NULL DEFAULT '',      -- the signing certificate's subject
  UNIQUE (unit_id, type, year, seq),
  UNIQUE (about, about_id, part)
);
CREATE INDEX documents_number ON documents(number);
CREATE INDEX documents_pdf ON documents(pdf_sha256);
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
CREATE TABLE contests (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES units(id),  -- the organiser (a province or a commune)
  title        TEXT NOT NULL,
  rules        TEXT NOT NULL DEFAULT '',
  n_easy       INTEGER NOT NULL,                        -- questions drawn per attempt, by level
  n_medium     INTEGER NOT NULL,
  n_hard       INTEGER NOT NULL,
  minutes      INTEGER NOT NULL,                        -- time limit of an attempt
  max_attempts INTEGER NOT NULL,                        -- per entrant and round
  prediction   TEXT NOT NULL,                           -- the tie-break question
  created_at   INTEGER NOT NULL,
  created_by   INTEGER REFERENCES users(id)
);
CREATE INDEX contests_unit ON contests(unit_id);
CREATE TABLE contest_questions (
  id         INTEGER PRIMARY KEY,
  contest_id INTEGER NOT NULL REFERENCES contests(id),
  body       TEXT NOT NULL,
  choices    TEXT NOT NULL,                             -- one a line, 2 to 6
  answer     INTEGER NOT NULL,                          -- index of the right choice, from 0
  level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3)
);
CREATE INDEX contest_questions_contest ON contest_questions(contest_id, level);
CREATE TABLE contest_rounds (
  id           INTEGER PRIMARY KEY,
  contest_id   INTEGER NOT NULL REFERENCES contests(id),
  no           INTEGER NOT NULL,
  opens_at     INTEGER NOT NULL,                        -- seconds
  closes_at    INTEGER NOT NULL,
  published_at INTEGER,                                 -- results published
  UNIQUE (contest_id, no)
);
CREATE TABLE contest_entrants (
  id         INTEGER PRIMARY KEY,
  contest_id INTEGER NOT NULL REFERENCES contests(id),
  phone      TEXT NOT NULL,                             -- normalised: ten digits from the leading 0
  citizen_id TEXT NOT NULL,                             -- 12 digits
  full_name  TEXT NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES units(id),     -- where they live (below the organiser)
  created_at INTEGER NOT NULL,
  UNIQUE (contest_id, phone),
  UNIQUE (contest_id, citizen_id)
);
CREATE TABLE contest_attempts (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES contest_rounds(id),
  entrant_id   INTEGER NOT NULL REFERENCES contest_entrants(id),
  token        TEXT NOT NULL UNIQUE,                    -- the attempt's secret address
  questions    TEXT NOT NULL,                           -- question ids in the order shown, comma separated
  total        INTEGER NOT NULL,                        -- how many
  started_ms   INTEGER NOT NULL,
  deadline_ms  INTEGER NOT NULL,
  submitted_ms INTEGER,                                 -- NULL until handed in
  answers      TEXT,                                    -- the chosen index of each question (-1 none)
  correct      INTEGER,                                 -- NULL: not scored (not handed in, or late)
  prediction   INTEGER,
  late         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contest_attempts_entrant ON contest_attempts(entrant_id, round_id);
CREATE INDEX contest_attempts_round ON contest_attempts(round_id);
CREATE TABLE awards (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),   -- the recipient's unit, or where the violation happened
  kind       TEXT NOT NULL CHECK (kind IN ('commendation','model','violation')),
  recipient  TEXT NOT NULL,                            -- a person or a collective
  collective INTEGER NOT NULL,
  level      TEXT NOT NULL DEFAULT '',                 -- commendation: central, province, commune, unit
  reason     TEXT NOT NULL,                            -- what for; for a violation, the act (Art. 9)
  decision   TEXT NOT NULL DEFAULT '',                 -- the decision's number
  decided_on INTEGER NOT NULL,                         -- day
  handling   TEXT NOT NULL DEFAULT '',                 -- violation: pending, administrative, disciplinary, criminal, compensation
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX awards_unit ON awards(unit_id, decided_on);
CREATE TABLE budget_lines (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  year       INTEGER NOT NULL,
  activity   TEXT NOT NULL CHECK (activity IN ('training','outreach','contest','it','awards','boards','other')),
  source     TEXT NOT NULL CHECK (source IN ('state','socialised')),
  estimate   INTEGER NOT NULL,                         -- đồng
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (unit_id, year, activity, source)
);
CREATE TABLE budget_spending (
  id         INTEGER PRIMARY KEY,
  line_id    INTEGER NOT NULL REFERENCES budget_lines(id),
  spent_on   INTEGER NOT NULL,                         -- day
  amount     INTEGER NOT NULL,                         -- đồng
  note       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX budget_spending_line ON budget_spending(line_id);
CREATE TABLE conventions (
  id             INTEGER PRIMARY KEY,
  village_id     INTEGER NOT NULL REFERENCES units(id),
  kind           TEXT NOT NULL CHECK (kind IN ('huong_uoc','quy_uoc')),
  title          TEXT NOT NULL,
  parent_id      INTEGER REFERENCES conventions(id),    -- the convention it amends or replaces
  proposer       TEXT NOT NULL CHECK (proposer IN ('village_head','residents')),
  consents       INTEGER NOT NULL DEFAULT 0,             -- households consenting to a residents' proposal
  households     INTEGER NOT NULL DEFAULT 0,             -- households of the village at the proposal
  front_approved INTEGER NOT NULL DEFAULT 0,             -- below 10 %, the Front let it proceed
  stage          TEXT NOT NULL,
  team           TEXT NOT NULL DEFAULT '',               -- the drafting team, one person a line
  draft          TEXT NOT NULL DEFAULT '',               -- the text as published for comments, then as adopted
  comment_from   INTEGER NOT NULL DEFAULT 0,             -- days
  comment_to     INTEGER NOT NULL DEFAULT 0,
  matter_id      INTEGER REFERENCES matters(id),         -- the community's vote adopting it
  adopted_on     INTEGER NOT NULL DEFAULT 0,
  sent_on        INTEGER NOT NULL DEFAULT 0,
  recognised_on  INTEGER NOT NULL DEFAULT 0,
  decision       TEXT NOT NULL DEFAULT '',               -- the recognition decision's number
  channels       TEXT NOT NULL DEFAULT '',               -- where it was published, space separated
  created_at     INTEGER NOT NULL,
  created_by     INTEGER REFERENCES users(id)
, consultation_id INTEGER REFERENCES consultations(id));
CREATE INDEX conventions_village ON conventions(village_id);
CREATE TABLE convention_steps (
  id            INTEGER PRIMARY KEY,
  convention_id INTEGER NOT NULL REFERENCES conventions(id),
  step          TEXT NOT NULL,
  day           INTEGER NOT NULL,                        -- when it was done (days since 1970, UTC+7)
  due           INTEGER NOT NULL DEFAULT 0,              -- by when the decree wanted it, 0 if no deadline
  note          TEXT NOT NULL DEFAULT '',
  at            INTEGER NOT NULL,
  done_by       INTEGER REFERENCES users(id)
);
CREATE INDEX convention_steps_convention ON convention_steps(convention_id, id);
CREATE TABLE scorecard_points (
  unit_id    INTEGER NOT NULL REFERENCES units(id),   -- the province
  card       TEXT NOT NULL CHECK (card IN ('democracy','legal_access')),
  item       TEXT NOT NULL,                            -- a target's id, or the criterion's item
  points     INTEGER NOT NULL,
  set_at     INTEGER NOT NULL,
  set_by     INTEGER REFERENCES users(id),
  PRIMARY KEY (unit_id, card, item)
);
CREATE TABLE info_network (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),   -- a commune, or a village of it
  kind       TEXT NOT NULL CHECK (kind IN ('front','mass_org','respected_person','other')),
  name       TEXT NOT NULL,
  channels   TEXT NOT NULL,                            -- space separated
  reach      INTEGER NOT NULL DEFAULT 0,               -- people it reaches, as estimated
  contact    TEXT NOT NULL DEFAULT '',                 -- shown to officers only
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX info_network_unit ON info_network(unit_id);
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER REFERENCES users(id),
  channel    TEXT NOT NULL CHECK (channel IN ('inapp','sms','zalo','email','file')),
  address    TEXT NOT NULL DEFAULT '',       -- phone or e-mail: never logged, never public
  kind       TEXT NOT NULL,                  -- the kind of message: matter.opened, ...
  subject    TEXT NOT NULL,                  -- what it is about: "matter:12"
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  href       TEXT NOT NULL DEFAULT '',       -- where to act on it
  idem       TEXT NOT NULL UNIQUE,           -- idempotency key: kind, subject, person, channel
  status     TEXT NOT NULL CHECK (status IN ('waiting','sent','delivered','failed','cancelled')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  due_at     INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  done_at    INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  read_at    INTEGER
, province TEXT NOT NULL DEFAULT '', resident_id INTEGER REFERENCES residents(id), urgent INTEGER NOT NULL DEFAULT 0, gateway_ref TEXT NOT NULL DEFAULT '');
CREATE INDEX residents_phone ON residents(phone) WHERE phone IS NOT NULL;
CREATE TABLE notify_gateways (
  province   TEXT NOT NULL,
  channel    TEXT NOT NULL CHECK (channel IN ('sms','zalo','email')),
  name       TEXT NOT NULL UNIQUE,          -- the {gateway} of /hooks/sms/{gateway}
  config     TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  PRIMARY KEY (province, channel)
);
CREATE TABLE notify_attempts (
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  at        INTEGER NOT NULL,
  ok        INTEGER NOT NULL,
  answer    TEXT NOT NULL
);
CREATE INDEX notify_attempts_msg ON notify_attempts(outbox_id, at);
CREATE TABLE notify_optout (
  address TEXT PRIMARY KEY,
  at      INTEGER NOT NULL,
  via     TEXT NOT NULL CHECK (via IN ('sms','link','web'))
);
CREATE TABLE notify_prefs (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id),
  channels   TEXT NOT NULL,
  topics     TEXT NOT NULL,
  phone      TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE TABLE notify_tokens (
  gateway       TEXT PRIMARY KEY,
  access_token  TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  expires_at    INTEGER NOT NULL,
  quota         INTEGER NOT NULL DEFAULT -1,
  updated_at    INTEGER NOT NULL
);
CREATE TABLE notify_codes (
  subject      TEXT NOT NULL,
  household_id INTEGER NOT NULL REFERENCES households(id),
  phone        TEXT NOT NULL,
  code         TEXT NOT NULL,
  wrong        INTEGER NOT NULL DEFAULT 0,   -- wrong codes sent from that number
  PRIMARY KEY (subject, household_id)
);
CREATE INDEX notify_codes_phone ON notify_codes(phone);
CREATE TABLE sms_inbound (
  gateway TEXT NOT NULL,
  ref     TEXT NOT NULL,
  at      INTEGER NOT NULL,
  PRIMARY KEY (gateway, ref)
);
CREATE TABLE IF NOT EXISTS "matter_turnout" (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  household_id INTEGER NOT NULL REFERENCES households(id),
  user_id      INTEGER REFERENCES users(id),
  at           INTEGER NOT NULL,
  via          TEXT NOT NULL DEFAULT 'web' CHECK (via IN ('web','sms')),
  PRIMARY KEY (matter_id, stage, household_id)
);
CREATE TRIGGER matter_turnout_electorate BEFORE INSERT ON matter_turnout
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
CREATE INDEX outbox_due ON outbox(due_at) WHERE status = 'waiting';
CREATE INDEX outbox_address ON outbox(address, done_at) WHERE address <> '';
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  href       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at    INTEGER,
  UNIQUE (user_id, kind, subject)
);
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
, media_url TEXT NOT NULL DEFAULT '', desk TEXT NOT NULL DEFAULT '');
CREATE INDEX cases_unit ON cases(unit_id, id);
CREATE INDEX cases_unit_due ON cases(unit_id, due_day) WHERE due_day > 0;
CREATE INDEX cases_handler_due ON cases(handler_id, due_day) WHERE due_day > 0 AND handler_id IS NOT NULL;
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
CREATE TABLE open311_keys (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,                   -- who uses it (an app, a partner)
  key_hash    TEXT NOT NULL UNIQUE,            -- SHA-256 of the key: the key itself is shown once
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
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
, notice_due INTEGER NOT NULL DEFAULT 0, notified_day INTEGER NOT NULL DEFAULT 0);
CREATE INDEX reception_unit ON reception(unit_id, day);
CREATE TABLE holidays_version (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  v   INTEGER NOT NULL
);
CREATE TRIGGER holidays_version_ins AFTER INSERT ON holidays BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_version_upd AFTER UPDATE ON holidays BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_version_del AFTER DELETE ON holidays BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; END;
CREATE INDEX reception_notice ON reception(unit_id, notice_due) WHERE refused = 1 AND notified_day = 0;
CREATE TABLE case_counts (
  unit_id       INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL,
  channel       TEXT NOT NULL,
  category      TEXT NOT NULL,
  n             INTEGER NOT NULL,
  on_time       INTEGER NOT NULL,
  resolved      INTEGER NOT NULL,
  handling_days INTEGER NOT NULL,
  PRIMARY KEY (unit_id, kind, status, channel, category)
);
CREATE TRIGGER case_counts_ins AFTER INSERT ON cases BEGIN
  INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
    VALUES (NEW.unit_id, NEW.kind, NEW.status, NEW.channel, NEW.category, 1,
            CASE WHEN NEW.on_time = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.resolved_day > 0 THEN 1 ELSE 0 END,
            CASE WHEN NEW.resolved_day > 0 THEN NEW.resolved_day - NEW.received_day ELSE 0 END)
    ON CONFLICT (unit_id, kind, status, channel, category) DO UPDATE SET n = n + 1,
      on_time = on_time + excluded.on_time, resolved = resolved + excluded.resolved,
      handling_days = handling_days + excluded.handling_days;
END;
CREATE TRIGGER case_counts_upd AFTER UPDATE OF unit_id, kind, status, channel, category, on_time, resolved_day, received_day
  ON cases BEGIN
  UPDATE case_counts SET n = n - 1, on_time = on_time - CASE WHEN OLD.on_time = 1 THEN 1 ELSE 0 END,
    resolved = resolved - CASE WHEN OLD.resolved_day > 0 THEN 1 ELSE 0 END,
    handling_days = handling_days - CASE WHEN OLD.resolved_day > 0 THEN OLD.resolved_day - OLD.received_day ELSE 0 END
    WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND status = OLD.status AND channel = OLD.channel AND category = OLD.category;
  INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
    VALUES (NEW.unit_id, NEW.kind, NEW.status, NEW.channel, NEW.category, 1,
            CASE WHEN NEW.on_time = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.resolved_day > 0 THEN 1 ELSE 0 END,
            CASE WHEN NEW.resolved_day > 0 THEN NEW.resolved_day - NEW.received_day ELSE 0 END)
    ON CONFLICT (unit_id, kind, status, channel, category) DO UPDATE SET n = n + 1,
      on_time = on_time + excluded.on_time, resolved = resolved + excluded.resolved,
      handling_days = handling_days + excluded.handling_days;
END;
CREATE TRIGGER case_counts_del AFTER DELETE ON cases BEGIN
  UPDATE case_counts SET n = n - 1, on_time = on_time - CASE WHEN OLD.on_time = 1 THEN 1 ELSE 0 END,
    resolved = resolved - CASE WHEN OLD.resolved_day > 0 THEN 1 ELSE 0 END,
    handling_days = handling_days - CASE WHEN OLD.resolved_day > 0 THEN OLD.resolved_day - OLD.received_day ELSE 0 END
    WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND status = OLD.status AND channel = OLD.channel AND category = OLD.category;
END;
CREATE INDEX cases_desk ON cases(unit_id, desk) WHERE desk <> '';
CREATE TABLE consultations (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),  -- commune, agency, or a village (a convention's draft)
  subject       TEXT NOT NULL,                 -- data/consult/subjects.txt
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  plan_content  TEXT NOT NULL DEFAULT '',      -- the plan (Art. 28(1)): content, forms, method, deadline, owner
  plan_forms    TEXT NOT NULL DEFAULT '',      -- Art. 26(1) letters, ';'-separated
  plan_method   TEXT NOT NULL DEFAULT '',
  plan_owner    TEXT NOT NULL DEFAULT '',
  plan_deadline INTEGER NOT NULL DEFAULT 0,    -- the synthesis due
  audience      TEXT NOT NULL CHECK (audience IN ('unit','villages','staff','persons')),
  status        TEXT NOT NULL CHECK (status IN ('draft','open','published')),
  min_days      INTEGER NOT NULL DEFAULT 0,    -- the shortest period of its subject's rule
  opens_day     INTEGER NOT NULL DEFAULT 0,    -- published (the period runs from it)
  closes_day    INTEGER NOT NULL DEFAULT 0,    -- the last day comments are taken
  opened_at     INTEGER NOT NULL DEFAULT 0,
  closed_at     INTEGER NOT NULL DEFAULT 0,    -- the closing recorded (its event)
  version       INTEGER NOT NULL DEFAULT 1,    -- the draft's current version
  decision      TEXT NOT NULL DEFAULT '',      -- the final decision, at sign-off
  against_majority INTEGER NOT NULL DEFAULT 0,
  majority_reasons TEXT NOT NULL DEFAULT '',   -- Art. 28(4): why, when against the majority
  signed_by     INTEGER REFERENCES users(id),  -- the chair's sign-off
  published_at  INTEGER NOT NULL DEFAULT 0,    -- the synthesis published
  posting_id    INTEGER REFERENCES postings(id), -- disclosure item 11
  created_by    INTEGER REFERENCES users(id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX consultations_unit ON consultations(unit_id, id);
CREATE TABLE consultation_villages (
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  village_id      INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (consultation_id, village_id)
);
CREATE TABLE consultation_persons (
  id              INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  name            TEXT NOT NULL,
  user_id         INTEGER REFERENCES users(id),
  contact         TEXT NOT NULL DEFAULT '',
  notified_day    INTEGER NOT NULL DEFAULT 0,
  heard_day       INTEGER NOT NULL DEFAULT 0,
  hearing         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultation_persons_c ON consultation_persons(consultation_id, id);
CREATE INDEX consultation_persons_user ON consultation_persons(user_id) WHERE user_id IS NOT NULL;
CREATE TABLE draft_units (
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  version         INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  anchor          TEXT NOT NULL,               -- stable: dieu-3-khoan-2
  kind            TEXT NOT NULL,
  depth           INTEGER NOT NULL,
  label           TEXT NOT NULL DEFAULT '',    -- "Điều 3.", "2."
  heading         TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (consultation_id, version, seq),
  UNIQUE (consultation_id, version, anchor)
);
CREATE TABLE consultation_answers (
  id              INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  disposition     TEXT NOT NULL CHECK (disposition IN ('accepted','partly','explained')),
  theme           TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL,
  by_user         INTEGER REFERENCES users(id),
  at              INTEGER NOT NULL
);
CREATE INDEX consultation_answers_c ON consultation_answers(consultation_id, id);
CREATE TABLE consultation_comments (
  id              INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  version         INTEGER NOT NULL,            -- the draft commented on
  anchor          TEXT NOT NULL DEFAULT '',    -- '' the whole draft
  quote           TEXT NOT NULL DEFAULT '',    -- the words quoted, with their context
  ctx_before      TEXT NOT NULL DEFAULT '',
  ctx_after       TEXT NOT NULL DEFAULT '',
  cur_anchor      TEXT NOT NULL DEFAULT '',    -- where it sits in the current version
  attach          TEXT NOT NULL DEFAULT 'ok' CHECK (attach IN ('ok','moved','lost')),
  body            TEXT NOT NULL,
  user_id         INTEGER REFERENCES users(id),
  village_id      INTEGER REFERENCES units(id),
  show_name       INTEGER NOT NULL DEFAULT 0,
  author          TEXT NOT NULL DEFAULT '',    -- a name shown by choice, or the person or body an officer entered
  channel         TEXT NOT NULL,               -- web, api, meeting, letter, box, hotline, front, social
  entered_by      INTEGER REFERENCES users(id),
  at              INTEGER NOT NULL,
  idem            TEXT,
  hidden          INTEGER NOT NULL DEFAULT 0,
  hide_reason     TEXT NOT NULL DEFAULT '',
  answer_id       INTEGER REFERENCES consultation_answers(id)
);
CREATE INDEX consultation_comments_c ON consultation_comments(consultation_id, cur_anchor, id);
CREATE INDEX consultation_comments_answer ON consultation_comments(answer_id) WHERE answer_id IS NOT NULL;
CREATE UNIQUE INDEX consultation_comments_idem ON consultation_comments(idem) WHERE idem IS NOT NULL;
CREATE TABLE comment_moderation (
  id         INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES consultation_comments(id),
  at         INTEGER NOT NULL,
  actor      INTEGER REFERENCES users(id),
  action     TEXT NOT NULL CHECK (action IN ('hide','show')),
  reason     TEXT NOT NULL
);
CREATE INDEX comment_moderation_c ON comment_moderation(comment_id, id);
CREATE TABLE consultation_votes (
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  anchor          TEXT NOT NULL,
  user_id         INTEGER NOT NULL REFERENCES users(id),
  value           INTEGER NOT NULL CHECK (value IN (-1, 1)),
  at              INTEGER NOT NULL,
  PRIMARY KEY (consultation_id, anchor, user_id)
);
CREATE TABLE consultation_tallies (
  consultation_id INTEGER NOT NULL,
  anchor          TEXT NOT NULL,
  comments        INTEGER NOT NULL DEFAULT 0,
  answered        INTEGER NOT NULL DEFAULT 0,
  agree           INTEGER NOT NULL DEFAULT 0,
  disagree        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (consultation_id, anchor)
) WITHOUT ROWID;
CREATE TRIGGER consultation_tallies_c_ins AFTER INSERT ON consultation_comments WHEN NEW.hidden = 0 BEGIN
  INSERT INTO consultation_tallies(consultation_id, anchor, comments, answered)
    VALUES (NEW.consultation_id, NEW.cur_anchor, 1, CASE WHEN NEW.answer_id IS NULL THEN 0 ELSE 1 END)
    ON CONFLICT (consultation_id, anchor) DO UPDATE SET comments = comments + 1, answered = answered + excluded.answered;
END;
CREATE TRIGGER consultation_tallies_c_upd AFTER UPDATE OF cur_anchor, hidden, answer_id ON consultation_comments BEGIN
  UPDATE consultation_tallies SET comments = comments - 1,
    answered = answered - CASE WHEN OLD.answer_id IS NULL THEN 0 ELSE 1 END
    WHERE consultation_id = OLD.consultation_id AND anchor = OLD.cur_anchor AND OLD.hidden = 0;
  INSERT INTO consultation_tallies(consultation_id, anchor, comments, answered)
    SELECT NEW.consultation_id, NEW.cur_anchor, 1, CASE WHEN NEW.answer_id IS NULL THEN 0 ELSE 1 END WHERE NEW.hidden = 0
    ON CONFLICT (consultation_id, anchor) DO UPDATE SET comments = comments + 1, answered = answered + excluded.answered;
END;
CREATE TRIGGER consultation_tallies_v_ins AFTER INSERT ON consultation_votes BEGIN
  INSERT INTO consultation_tallies(consultation_id, anchor, agree, disagree)
    VALUES (NEW.consultation_id, NEW.anchor, CASE WHEN NEW.value = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.value = -1 THEN 1 ELSE 0 END)
    ON CONFLICT (consultation_id, anchor) DO UPDATE SET agree = agree + excluded.agree, disagree = disagree + excluded.disagree;
END;
CREATE TRIGGER consultation_tallies_v_upd AFTER UPDATE OF value ON consultation_votes BEGIN
  UPDATE consultation_tallies SET agree = agree - CASE WHEN OLD.value = 1 THEN 1 ELSE 0 END + CASE WHEN NEW.value = 1 THEN 1 ELSE 0 END,
    disagree = disagree - CASE WHEN OLD.value = -1 THEN 1 ELSE 0 END + CASE WHEN NEW.value = -1 THEN 1 ELSE 0 END
    WHERE consultation_id = NEW.consultation_id AND anchor = NEW.anchor;
END;
CREATE TRIGGER consultation_tallies_v_del AFTER DELETE ON consultation_votes BEGIN
  UPDATE consultation_tallies SET agree = agree - CASE WHEN OLD.value = 1 THEN 1 ELSE 0 END,
    disagree = disagree - CASE WHEN OLD.value = -1 THEN 1 ELSE 0 END
    WHERE consultation_id = OLD.consultation_id AND anchor = OLD.anchor;
END;
CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),   -- the commune whose register it is in
  parent_id   INTEGER REFERENCES projects(id),         -- a part of a larger project
  title       TEXT NOT NULL,
  title_fold  TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('public','ppp','community','sponsored')),
  budget      INTEGER NOT NULL DEFAULT 0,               -- đồng
  sources     TEXT NOT NULL DEFAULT '',
  investor    TEXT NOT NULL DEFAULT '',
  contractor  TEXT NOT NULL DEFAULT '',
  location    TEXT NOT NULL DEFAULT '',
  start_day   INTEGER NOT NULL,
  end_day     INTEGER NOT NULL,
  weight      INTEGER NOT NULL DEFAULT 0,               -- its share of the parent (0: none given)
  progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100), -- percent (a part without parts)
  status      TEXT NOT NULL CHECK (status IN ('ongoing','done','suspended')),
  done_day    INTEGER NOT NULL DEFAULT 0,
  created_by  INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX projects_unit ON projects(unit_id, id);
CREATE INDEX projects_parent ON projects(parent_id);
CREATE TABLE project_progress (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  day         INTEGER NOT NULL,
  percent     INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note        TEXT NOT NULL DEFAULT '',
  by_user     INTEGER REFERENCES users(id),
  at          INTEGER NOT NULL
);
CREATE INDEX project_progress_project ON project_progress(project_id, id);
CREATE TABLE project_milestones (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  title       TEXT NOT NULL,
  due_day     INTEGER NOT NULL,
  done_day    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX project_milestones_project ON project_milestones(project_id, due_day);
CREATE TABLE boards (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),   -- a commune, an agency or enterprise
  kind        TEXT NOT NULL CHECK (kind IN ('inspection','investment')),
  project_id  INTEGER REFERENCES projects(id),         -- a supervision board's project
  title       TEXT NOT NULL,
  term_start  INTEGER NOT NULL,
  term_end    INTEGER NOT NULL,
  notice_day  INTEGER NOT NULL DEFAULT 0,              -- the Front's notice to the investor (Art. 45(1)(b))
  supervision_day INTEGER NOT NULL DEFAULT 0,          -- supervision starts
  dissolved_day INTEGER NOT NULL DEFAULT 0,
  dissolved_reason TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX boards_inspection ON boards(unit_id) WHERE kind = 'inspection';
CREATE UNIQUE INDEX boards_project ON boards(project_id) WHERE project_id IS NOT NULL;
CREATE TABLE board_members (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  full_name   TEXT NOT NULL,
  position    TEXT NOT NULL CHECK (position IN ('head','deputy','member')),
  village_id  INTEGER REFERENCES units(id),            -- elected from (a commune's board, residents of a project)
  represents  TEXT NOT NULL DEFAULT '' CHECK (represents IN ('','front','inspection','resident')),
  matter_id   INTEGER REFERENCES matters(id),          -- the village's election, when it was held on coso
  user_id     INTEGER REFERENCES users(id),            -- the member's account, if any
  decision_ref TEXT NOT NULL,                          -- the recognising decision
  decision_day INTEGER NOT NULL,
  elected_day INTEGER NOT NULL,
  term_start  INTEGER NOT NULL,
  term_end    INTEGER NOT NULL,
  by_election INTEGER NOT NULL DEFAULT 0,
  declared    TEXT NOT NULL DEFAULT '',                -- the eligibility declared, as the form said it
  left_day    INTEGER NOT NULL DEFAULT 0,
  left_reason TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX board_members_board ON board_members(board_id, left_day);
CREATE INDEX board_members_user ON board_members(user_id) WHERE user_id IS NOT NULL;
CREATE TABLE unit_staff (
  unit_id     INTEGER PRIMARY KEY REFERENCES units(id),
  staff       INTEGER NOT NULL CHECK (staff >= 0),
  day         INTEGER NOT NULL
);
CREATE TABLE board_plans (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  series      INTEGER NOT NULL,                        -- the id of its first version
  version     INTEGER NOT NULL,
  current     INTEGER NOT NULL DEFAULT 1,
  period      TEXT NOT NULL CHECK (period IN ('quarter','half','year','term')),
  from_day    INTEGER NOT NULL,
  to_day      INTEGER NOT NULL,
  purpose     TEXT NOT NULL,
  requirements TEXT NOT NULL DEFAULT '',
  content     TEXT NOT NULL,
  timing      TEXT NOT NULL DEFAULT '',
  budget      INTEGER NOT NULL DEFAULT 0,
  organisation TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT '',                -- why it was amended
  by_user     INTEGER REFERENCES users(id),
  at          INTEGER NOT NULL,
  UNIQUE (series, version)
);
CREATE INDEX board_plans_board ON board_plans(board_id, current, from_day);
CREATE TABLE inspections (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  kind        TEXT NOT NULL CHECK (kind IN ('inspection','visit')),
  plan_id     INTEGER REFERENCES board_plans(id),
  subject     TEXT NOT NULL,                            -- who or what is inspected
  content     TEXT NOT NULL,
  experts     TEXT NOT NULL DEFAULT '',                 -- invited to a supervision visit
  notified_day INTEGER NOT NULL,                        -- to the Front, the chair and the subject
  start_day   INTEGER NOT NULL,
  end_day     INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('notified','recorded')),
  conclusion  TEXT NOT NULL DEFAULT '',
  recorded_day INTEGER NOT NULL DEFAULT 0,
  by_user     INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX inspections_board ON inspections(board_id, start_day);
CREATE TABLE inspection_findings (
  id          INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  finding     TEXT NOT NULL,
  evidence    TEXT NOT NULL DEFAULT '',
  sha256      TEXT REFERENCES blobs(sha256),
  filename    TEXT NOT NULL DEFAULT '',
  mime        TEXT NOT NULL DEFAULT '',
  size        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX inspection_findings_insp ON inspection_findings(inspection_id, id);
CREATE TABLE board_recs (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  inspection_id INTEGER REFERENCES inspections(id),
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  by_user     INTEGER REFERENCES users(id),
  at          INTEGER NOT NULL
);
CREATE INDEX board_recs_board ON board_recs(board_id, id);
CREATE TABLE board_reports (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  period      TEXT NOT NULL CHECK (period IN ('quarter','half','year','term')),
  from_day    INTEGER NOT NULL,
  to_day      INTEGER NOT NULL,
  inspections INTEGER NOT NULL,
  findings    INTEGER NOT NULL,
  recs        INTEGER NOT NULL,
  recs_answered INTEGER NOT NULL,
  recs_on_time INTEGER NOT NULL,
  petitions   INTEGER NOT NULL,
  by_user     INTEGER REFERENCES users(id),
  at          INTEGER NOT NULL,
  UNIQUE (board_id, period, from_day)
);
CREATE TABLE conferences (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  kind        TEXT NOT NULL CHECK (kind IN ('village','dialogue','staff','workplace','worker','review')),
  year        INTEGER NOT NULL,                        -- the work year it answers for
  title       TEXT NOT NULL,
  starts_at   INTEGER NOT NULL,                        -- UTC seconds
  place       TEXT NOT NULL,
  notice_day  INTEGER NOT NULL,                        -- notice to households, or the content exchanged
  agreed_day  INTEGER NOT NULL DEFAULT 0,              -- a village's plan agreed (Decree 59 Art. 10)
  summoned    INTEGER NOT NULL DEFAULT 0,              -- staff or delegates summoned, households
  attended    INTEGER NOT NULL DEFAULT -1,             -- -1 until held
  status      TEXT NOT NULL CHECK (status IN ('planned','held','cancelled')),
  minutes     TEXT NOT NULL DEFAULT '',
  report_day  INTEGER NOT NULL DEFAULT 0,              -- a village's written report to the commune
  by_user     INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL
, change_reason TEXT NOT NULL DEFAULT '', sequence INTEGER NOT NULL DEFAULT 0);
CREATE INDEX conferences_unit ON conferences(unit_id, year, kind);
CREATE TABLE conference_items (
  id          INTEGER PRIMARY KEY,
  conference_id INTEGER NOT NULL REFERENCES conferences(id),
  kind        TEXT NOT NULL CHECK (kind IN ('agenda','question','resolution','task')),
  text        TEXT NOT NULL,
  who         TEXT NOT NULL DEFAULT '',                -- who asked; a task's owner by name
  answer      TEXT NOT NULL DEFAULT '',
  votes_for   INTEGER NOT NULL DEFAULT 0,
  adopted     INTEGER NOT NULL DEFAULT 0,
  owner_id    INTEGER REFERENCES users(id),            -- a task's owner's account
  due_day     INTEGER NOT NULL DEFAULT 0,
  done_day    INTEGER NOT NULL DEFAULT 0,
  at          INTEGER NOT NULL
);
CREATE INDEX conference_items_conf ON conference_items(conference_id, kind, id);
CREATE INDEX conference_items_owner ON conference_items(owner_id, done_day) WHERE kind = 'task';
CREATE TABLE idem_keys (
  scope        TEXT NOT NULL,
  key          TEXT NOT NULL,
  request      TEXT NOT NULL,
  status       INTEGER NOT NULL DEFAULT 0,
  location     TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  body         BLOB,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idem_keys_created ON idem_keys(created_at);
CREATE TABLE IF NOT EXISTS "user_roles" (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('resident','village_head','front_committee_head',
            'commune_officer','commune_chair','front_officer','board_member','supervisor',
            'agency_head','union_officer','province_admin','sysadmin')),
  unit_id INTEGER REFERENCES units(id),
  UNIQUE (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit ON user_roles(unit_id);
CREATE TABLE ledger_signer (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  holder     TEXT NOT NULL,     -- the node: COSO_NODE_NAME, else host and address
  since      INTEGER NOT NULL,  -- when it took the lease (UTC seconds)
  expires_at INTEGER NOT NULL   -- its lease runs out then unless renewed
);
