-- 0005_matters.sql — matters the people discuss and decide (Law 10/2022
-- Arts. 15-23, Decree 59/2023 Arts. 3-5): the thresholds as data, matters,
-- and the ballot box, where who took part is stored apart from what was
-- chosen (secret votes). Times are UTC seconds.

-- Art. 21(1): what passes, per item and scope, as data. A change of the law
-- is a new row from a date. counts: the denominator is ALL households of the
-- village, or all villages of the commune for commune-wide items 1-2 (each
-- village by its own threshold: LAW.md marks that reading unconfirmed).
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
INSERT INTO decision_rules VALUES
  (1, 'village', 2, 3, 0, 'households', 'meeting;ballot', '2023-07-01', 'Luật 10/2022/QH15, Điều 21 khoản 1', 'C'),
  (2, 'village', 2, 3, 0, 'households', 'meeting;ballot', '2023-07-01', 'Luật 10/2022/QH15, Điều 21 khoản 1', 'C'),
  (3, 'village', 1, 2, 1, 'households', 'meeting', '2023-07-01', 'Luật 10/2022/QH15, Điều 17 khoản 2; Điều 21 khoản 1', 'C'),
  (4, 'village', 1, 2, 1, 'households', 'meeting', '2023-07-01', 'Luật 10/2022/QH15, Điều 17 khoản 2; Điều 21 khoản 1', 'C'),
  (5, 'village', 1, 2, 1, 'households', 'meeting', '2023-07-01', 'Luật 10/2022/QH15, Điều 17 khoản 2; Điều 21 khoản 1', 'C'),
  (6, 'village', 1, 2, 1, 'households', 'meeting;ballot;online', '2023-07-01', 'Luật 10/2022/QH15, Điều 17; Điều 21 khoản 1', 'C'),
  (1, 'commune', 2, 3, 0, 'villages', 'meeting;ballot', '2023-07-01', 'Luật 10/2022/QH15, Điều 21 khoản 1 (mỗi thôn theo ngưỡng 2/3 của thôn)', 'U'),
  (2, 'commune', 2, 3, 0, 'villages', 'meeting;ballot', '2023-07-01', 'Luật 10/2022/QH15, Điều 21 khoản 1 (mỗi thôn theo ngưỡng 2/3 của thôn)', 'U');

-- A matter put to a village's households. The online form (Decree 59 Art. 5)
-- has two steps: a poll on voting online at all (prepoll_closes_at), which
-- must gather more than half of ALL households, then the vote (closes_at).
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
);
CREATE INDEX matters_unit ON matters(unit_id, closes_at);

-- Who took part, one row per household and step: turnout, and one per household.
CREATE TABLE matter_turnout (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  household_id INTEGER NOT NULL REFERENCES households(id),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  at           INTEGER NOT NULL,
  PRIMARY KEY (matter_id, stage, household_id)
);

-- What was chosen, by receipt. For a secret vote household_id is NULL: nothing
-- links a household to its choice; the household keeps its receipt.
CREATE TABLE matter_votes (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  receipt      TEXT NOT NULL,
  choice       TEXT NOT NULL CHECK (choice IN ('for','against','abstain')),
  household_id INTEGER REFERENCES households(id),
  PRIMARY KEY (matter_id, stage, receipt)
);
CREATE INDEX matter_votes_household ON matter_votes(matter_id, stage, household_id);
