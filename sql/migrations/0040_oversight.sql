-- 0040_oversight.sql — the people's inspection and supervision (kiểm tra,
-- giám sát; issue #17; Law 10/2022 Arts. 30-45, 51, 60-63, 73, 77; Decree
-- 59/2023 Arts. 10-26): the commune's register of investment projects with
-- their milestones and progress; the People's Inspection Boards of communes
-- and agencies and the Community Investment Supervision Board of each
-- project, with their members; the boards' plans (every version kept),
-- inspections and supervision visits with findings and evidence,
-- recommendations (each a board_rec case: cases.id), reports; the
-- conferences where units answer to their people, with their agenda,
-- questions and answers, resolutions and follow-up tasks; an agency's staff
-- count. Days are days since 1970 (UTC+7), 0 = none.
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
);
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
