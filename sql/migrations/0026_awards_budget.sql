-- 0026_awards_budget.sql — measures 4 and 5 of Law 10/2022 Art. 8 and the
-- money behind all of them (issue #12): commendations, model examples and
-- violations of the prohibited acts (Art. 9) with how each was handled
-- (Art. 10); yearly budget estimates per unit, activity and source (state
-- budget, socialised sources) and the spending recorded against them.
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
