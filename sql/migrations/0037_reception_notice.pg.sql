-- 0037_reception_notice.pg.sql — the PostgreSQL twin of 0037_reception_notice.sql.
ALTER TABLE reception ADD COLUMN notice_due BIGINT NOT NULL DEFAULT 0;
ALTER TABLE reception ADD COLUMN notified_day BIGINT NOT NULL DEFAULT 0;
CREATE INDEX reception_notice ON reception(unit_id, notice_due) WHERE refused = 1 AND notified_day = 0;
