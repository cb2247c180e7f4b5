-- 0002_ledger.pg.sql — the transparency ledger for PostgreSQL: the same
-- tables as 0002_ledger.sql with BIGINT keys and PL/pgSQL triggers.

CREATE TABLE ledger_leaves (
  idx      BIGINT PRIMARY KEY,
  event_id BIGINT NOT NULL UNIQUE REFERENCES events(id),
  leaf     TEXT NOT NULL,
  hash     TEXT NOT NULL
);

CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx   BIGINT NOT NULL,
  hash  TEXT NOT NULL,
  PRIMARY KEY (level, idx)
);

CREATE TABLE ledger_checkpoints (
  size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  at   BIGINT NOT NULL,
  note TEXT NOT NULL
);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$;
CREATE TRIGGER ledger_leaves_append_only BEFORE UPDATE OR DELETE ON ledger_leaves
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE ON ledger_nodes
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
