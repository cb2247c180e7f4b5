-- 0004_disclosures.sql — postings (công khai) with their versions and files,
-- the content-addressed file store, full-text search, information requests
-- (Law 10/2022 Art. 14(2)) and settings an administrator may change.
-- Times are UTC seconds; dates are local (UTC+7) yyyy-mm-dd.

-- Files, stored once per content: the key is the SHA-256 of the bytes.
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,         -- lower-case hex
  mime       TEXT NOT NULL,            -- type found by content (libmagic)
  size       INTEGER NOT NULL,
  data       BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

-- One posting of one catalogue item at one unit. status: draft (editable,
-- not public), published (never edited again: corrections are versions),
-- withdrawn (with a reason; stays visible as withdrawn). "Archived" is not
-- stored: a published posting whose end_date has passed.
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
);
CREATE INDEX postings_unit ON postings(unit_id, status, start_date);
CREATE INDEX postings_pub ON postings(status, published_at);

-- Every version of a posting's content. Version 1 is what was first
-- published; each correction adds one with what changed and why.
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

-- Files of a version (a correction carries its files forward or replaces them).
CREATE TABLE posting_files (
  posting_id INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  filename   TEXT NOT NULL,
  PRIMARY KEY (posting_id, version, seq),
  FOREIGN KEY (posting_id, version) REFERENCES posting_versions(posting_id, version)
);

-- Search: folded text of the current version of published postings, with
-- prefix indexes so that an unfinished last word ("hoc ph") is cheap.
CREATE VIRTUAL TABLE postings_fts USING fts5(doc, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- Requests for information that is not published, expired or unreachable.
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
-- Art. 14(2): the deadline to answer an information request, in working days.
INSERT INTO settings(key, value) VALUES ('info_request_days', '10');

CREATE TRIGGER posting_versions_no_update BEFORE UPDATE ON posting_versions
  BEGIN SELECT RAISE(ABORT, 'a published version is never edited: add a correction'); END;
CREATE TRIGGER posting_versions_no_delete BEFORE DELETE ON posting_versions
  WHEN (SELECT status FROM postings WHERE id = OLD.posting_id) <> 'draft'
  BEGIN SELECT RAISE(ABORT, 'a published version is never deleted'); END;

-- pages link a posting to its newest act in the ledger
CREATE INDEX events_subject ON events(subject, id);
