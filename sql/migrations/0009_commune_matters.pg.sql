-- 0009_commune_matters.pg.sql — the PostgreSQL twin of 0009_commune_matters.sql: commune-wide items 1-2 (Law 10/2022 Arts. 16,
-- 21(1)): the commune chair puts a matter to every village of the commune;
-- each village decides at its own meeting (a child matter, parent_id), and the
-- commune's decision passes when enough villages approve (decision_rules,
-- scope commune).
ALTER TABLE matters ADD COLUMN parent_id BIGINT REFERENCES matters(id);
CREATE INDEX matters_parent ON matters(parent_id);
