-- 0045_ledger_signer.sql — one signer of the ledger at a time (issue #18):
-- among the nodes that hold the ledger's private key, the one holding this
-- lease signs the checkpoints; the others serve proofs. A node renews it while
-- it lives (every 2 s, for 10 s); a checkpoint is signed only in a transaction
-- that renews it, so two nodes never sign, whatever their clocks say.
CREATE TABLE ledger_signer (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  holder     TEXT NOT NULL,     -- the node: COSO_NODE_NAME, else host and address
  since      INTEGER NOT NULL,  -- when it took the lease (UTC seconds)
  expires_at INTEGER NOT NULL   -- its lease runs out then unless renewed
);
