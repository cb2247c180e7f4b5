-- 0039_consultations.sql — public consultation on drafts (tham gia ý kiến,
-- issue #16; Law 10/2022 Arts. 25-29, 53-55; Decree 61/2023 Art. 9): the
-- consultation and its plan, its audience, the draft's structured text by
-- version with stable anchors, comments with what they quote, agree/disagree
-- on a clause, moderation kept for the record, the answers of the
-- synthesis. Days are days since 1970 (UTC+7), 0 = none.
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
-- item 8: the persons a decision affects, told one by one and heard (Art. 27)
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
-- the draft's text, one row a unit (part, chapter, section, article, clause, point, paragraph)
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
-- hidden or shown again, by whom and why: nothing is deleted
CREATE TABLE comment_moderation (
  id         INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES consultation_comments(id),
  at         INTEGER NOT NULL,
  actor      INTEGER REFERENCES users(id),
  action     TEXT NOT NULL CHECK (action IN ('hide','show')),
  reason     TEXT NOT NULL
);
CREATE INDEX comment_moderation_c ON comment_moderation(comment_id, id);
-- agree (1) or disagree (-1) on a clause, one per person
CREATE TABLE consultation_votes (
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  anchor          TEXT NOT NULL,
  user_id         INTEGER NOT NULL REFERENCES users(id),
  value           INTEGER NOT NULL CHECK (value IN (-1, 1)),
  at              INTEGER NOT NULL,
  PRIMARY KEY (consultation_id, anchor, user_id)
);
-- per unit of text: visible comments, those answered, agree and disagree,
-- kept by triggers so that a consultation of a million comments is counted
-- by reading a few rows
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
