-- 0002_ledger.sql — the transparency ledger (sổ minh bạch): an append-only
-- RFC 6962 Merkle log of every public event, its perfect-subtree nodes, and
-- every signed checkpoint. Hashes are lower-case hex SHA-256.

-- One leaf per public event, in commit order. leaf: the canonical bytes
-- (UTF-8 JSON, see docs/ledger.md); hash: SHA-256(0x00 || leaf).
CREATE TABLE ledger_leaves (
  idx      INTEGER PRIMARY KEY,                 -- 0-based position in the log
  event_id INTEGER NOT NULL UNIQUE REFERENCES events(id),
  leaf     TEXT NOT NULL,
  hash     TEXT NOT NULL
);

-- Perfect subtrees: node (level, idx) covers leaves [idx*2^level, (idx+1)*2^level).
-- Level 0 holds the leaf hashes. Any tree hash or proof reads O(log n) of them.
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  TEXT NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- Every checkpoint ever signed: the C2SP signed note, kept whole.
CREATE TABLE ledger_checkpoints (
  size INTEGER PRIMARY KEY,
  root TEXT NOT NULL,                           -- base64 root hash
  at   INTEGER NOT NULL,
  note TEXT NOT NULL
);

CREATE TRIGGER ledger_leaves_no_update BEFORE UPDATE ON ledger_leaves
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_leaves_no_delete BEFORE DELETE ON ledger_leaves
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_checkpoints_no_update BEFORE UPDATE ON ledger_checkpoints
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_checkpoints_no_delete BEFORE DELETE ON ledger_checkpoints
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
