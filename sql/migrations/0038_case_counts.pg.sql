-- 0038_case_counts.pg.sql — the PostgreSQL twin of 0038_case_counts.sql.
-- the published statistics' counts, kept by a trigger (see 0038_case_counts.sql)
CREATE TABLE case_counts (
  unit_id       BIGINT NOT NULL,
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL,
  channel       TEXT NOT NULL,
  category      TEXT NOT NULL,
  n             BIGINT NOT NULL,
  on_time       BIGINT NOT NULL,
  resolved      BIGINT NOT NULL,
  handling_days BIGINT NOT NULL,
  PRIMARY KEY (unit_id, kind, status, channel, category)
);
INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
  SELECT unit_id, kind, status, channel, category, COUNT(*), SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END),
         SUM(CASE WHEN resolved_day > 0 THEN 1 ELSE 0 END),
         SUM(CASE WHEN resolved_day > 0 THEN resolved_day - received_day ELSE 0 END)
  FROM cases GROUP BY unit_id, kind, status, channel, category;
CREATE FUNCTION case_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE case_counts SET n = n - 1, on_time = on_time - CASE WHEN OLD.on_time = 1 THEN 1 ELSE 0 END,
      resolved = resolved - CASE WHEN OLD.resolved_day > 0 THEN 1 ELSE 0 END,
      handling_days = handling_days - CASE WHEN OLD.resolved_day > 0 THEN OLD.resolved_day - OLD.received_day ELSE 0 END
      WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND status = OLD.status AND channel = OLD.channel
        AND category = OLD.category;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
      VALUES (NEW.unit_id, NEW.kind, NEW.status, NEW.channel, NEW.category, 1,
              CASE WHEN NEW.on_time = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.resolved_day > 0 THEN 1 ELSE 0 END,
              CASE WHEN NEW.resolved_day > 0 THEN NEW.resolved_day - NEW.received_day ELSE 0 END)
      ON CONFLICT (unit_id, kind, status, channel, category) DO UPDATE SET n = case_counts.n + 1,
        on_time = case_counts.on_time + excluded.on_time, resolved = case_counts.resolved + excluded.resolved,
        handling_days = case_counts.handling_days + excluded.handling_days;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_counts_keep AFTER INSERT OR DELETE OR UPDATE OF unit_id, kind, status, channel, category, on_time,
  resolved_day, received_day ON cases FOR EACH ROW EXECUTE FUNCTION case_counts_keep();
CREATE INDEX cases_desk ON cases(unit_id, desk) WHERE desk <> '';
