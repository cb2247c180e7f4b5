-- 0012_dismissals.pg.sql — the PostgreSQL twin of 0012_dismissals.sql: relieving a village head (Decree 59/2023 Art. 9): on
-- their own written request, on the Front committee head's proposal, or on a
-- petition of at least 50% of the households; decided at a meeting (more than
-- half of ALL households), recognised by the commune within 5 working days; a
-- new election within 60 days of that, an acting head meanwhile.
CREATE TABLE dismissals (
  matter_id     BIGINT PRIMARY KEY REFERENCES matters(id),
  trigger       TEXT NOT NULL CHECK (trigger IN ('own_request','front','petition')),
  initiative_id BIGINT REFERENCES initiatives(id),
  acting_head   TEXT NOT NULL DEFAULT '',
  acting_at     INTEGER
);
