-- 0018_matter_documents.pg.sql — the PostgreSQL twin of 0018_matter_documents.sql:
-- the documents of a matter, stored once by content (Decree 59/2023 Art. 3(4)).
CREATE TABLE matter_files (
  matter_id  BIGINT NOT NULL REFERENCES matters(id),
  seq        INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  filename   TEXT NOT NULL,
  added_by   BIGINT NOT NULL REFERENCES users(id),
  added_at   BIGINT NOT NULL,
  PRIMARY KEY (matter_id, seq)
);
