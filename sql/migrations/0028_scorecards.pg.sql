-- 0028_scorecards.pg.sql — the PostgreSQL twin of 0028_scorecards.sql: the points of the scorecards
-- #12): the weight of each target of its resolution in the democracy
-- scorecard (Bắc Ninh 2025 Art. 4(3)(đ): performance evaluation, emulation
-- ranking), and the point split of the grassroots-democracy criterion of the
-- commune legal-access standard (Decision 25/2021/QĐ-TTg; its items and
-- default points in data/scorecards/). Without a row the defaults apply.
CREATE TABLE scorecard_points (
  unit_id    BIGINT NOT NULL REFERENCES units(id),   -- the province
  card       TEXT NOT NULL CHECK (card IN ('democracy','legal_access')),
  item       TEXT NOT NULL,                            -- a target's id, or the criterion's item
  points     BIGINT NOT NULL,
  set_at     BIGINT NOT NULL,
  set_by     BIGINT REFERENCES users(id),
  PRIMARY KEY (unit_id, card, item)
);
