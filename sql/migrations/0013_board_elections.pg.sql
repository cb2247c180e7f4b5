-- 0013_board_elections.pg.sql — the PostgreSQL twin of 0013_board_elections.sql: the same election mechanics for the members of
-- the People's Inspection Board and of the Community Investment Supervision
-- Board (Law 10/2022 Art. 15 item 5; recognised by the commune Front).
ALTER TABLE elections ADD COLUMN kind TEXT NOT NULL DEFAULT 'village_head'
  CHECK (kind IN ('village_head','inspection_board','investment_board'));
