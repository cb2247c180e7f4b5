-- 0038_case_counts.sql — the cases' published statistics (issue #15).
-- The published statistics of a province read a few rows, not a million
-- cases: counts per unit and kind, status, channel and category, kept by
-- triggers on every change of a case (what is overdue depends on the day and
-- is counted from the open cases' deadline index), and the cases received at
-- a one-stop desk found without reading the others.
CREATE TABLE case_counts (
  unit_id       INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL,
  channel       TEXT NOT NULL,
  category      TEXT NOT NULL,
  n             INTEGER NOT NULL,
  on_time       INTEGER NOT NULL,
  resolved      INTEGER NOT NULL,
  handling_days INTEGER NOT NULL,
  PRIMARY KEY (unit_id, kind, status, channel, category)
);
INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
  SELECT unit_id, kind, status, channel, category, COUNT(*), SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END),
         SUM(CASE WHEN resolved_day > 0 THEN 1 ELSE 0 END),
         SUM(CASE WHEN resolved_day > 0 THEN resolved_day - received_day ELSE 0 END)
  FROM cases GROUP BY unit_id, kind, status, channel, category;
CREATE TRIGGER case_counts_ins AFTER INSERT ON cases BEGIN
  INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
    VALUES (NEW.unit_id, NEW.kind, NEW.status, NEW.channel, NEW.category, 1,
            CASE WHEN NEW.on_time = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.resolved_day > 0 THEN 1 ELSE 0 END,
            CASE WHEN NEW.resolved_day > 0 THEN NEW.resolved_day - NEW.received_day ELSE 0 END)
    ON CONFLICT (unit_id, kind, status, channel, category) DO UPDATE SET n = n + 1,
      on_time = on_time + excluded.on_time, resolved = resolved + excluded.resolved,
      handling_days = handling_days + excluded.handling_days;
END;
CREATE TRIGGER case_counts_upd AFTER UPDATE OF unit_id, kind, status, channel, category, on_time, resolved_day, received_day
  ON cases BEGIN
  UPDATE case_counts SET n = n - 1, on_time = on_time - CASE WHEN OLD.on_time = 1 THEN 1 ELSE 0 END,
    resolved = resolved - CASE WHEN OLD.resolved_day > 0 THEN 1 ELSE 0 END,
    handling_days = handling_days - CASE WHEN OLD.resolved_day > 0 THEN OLD.resolved_day - OLD.received_day ELSE 0 END
    WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND status = OLD.status AND channel = OLD.channel AND category = OLD.category;
  INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
    VALUES (NEW.unit_id, NEW.kind, NEW.status, NEW.channel, NEW.category, 1,
            CASE WHEN NEW.on_time = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.resolved_day > 0 THEN 1 ELSE 0 END,
            CASE WHEN NEW.resolved_day > 0 THEN NEW.resolved_day - NEW.received_day ELSE 0 END)
    ON CONFLICT (unit_id, kind, status, channel, category) DO UPDATE SET n = n + 1,
      on_time = on_time + excluded.on_time, resolved = resolved + excluded.resolved,
      handling_days = handling_days + excluded.handling_days;
END;
CREATE TRIGGER case_counts_del AFTER DELETE ON cases BEGIN
  UPDATE case_counts SET n = n - 1, on_time = on_time - CASE WHEN OLD.on_time = 1 THEN 1 ELSE 0 END,
    resolved = resolved - CASE WHEN OLD.resolved_day > 0 THEN 1 ELSE 0 END,
    handling_days = handling_days - CASE WHEN OLD.resolved_day > 0 THEN OLD.resolved_day - OLD.received_day ELSE 0 END
    WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND status = OLD.status AND channel = OLD.channel AND category = OLD.category;
END;
CREATE INDEX cases_desk ON cases(unit_id, desk) WHERE desk <> '';
