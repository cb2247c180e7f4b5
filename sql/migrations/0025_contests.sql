-- 0025_contests.sql — online law-knowledge contests (issue #12, measure 2 of
-- the resolutions: "communication and legal education, including law
-- contests"): a question bank with difficulty levels, rounds with their
-- dates, entrants (one per phone number and per citizen ID in a contest) and
-- their attempts, each with its own random draw and a time limit kept here.
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
