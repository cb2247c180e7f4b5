-- 0018_matter_documents.sql — the documents of a matter (the draft convention,
-- the estimate, the plan...), stored once by content like disclosure files;
-- for items 1-3 they reach every household 2 days before the meeting (Decree
-- 59/2023 Art. 3(4)).
CREATE TABLE matter_files (
  matter_id  INTEGER NOT NULL REFERENCES matters(id),
  seq        INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  filename   TEXT NOT NULL,
  added_by   INTEGER NOT NULL REFERENCES users(id),
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (matter_id, seq)
);
