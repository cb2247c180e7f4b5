-- 0027_conventions.sql — village conventions (hương ước, quy ước) through the
-- lifecycle of Decree 61/2023/NĐ-CP (issue #12): proposal (Art. 7), drafting
-- team (Art. 8), the draft published for comments (Art. 9), adoption by the
-- community (Art. 10, a matter on item 3 of the decisions module), the file
-- sent and recognised (Art. 11), distribution (Art. 18(1)(a)), publication
-- (Art. 15(1)), yearly review (Art. 15(4)), suspension (Art. 12), amendment
-- (Art. 13) and annulment (Art. 14). The text and every step are public.
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
);
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
