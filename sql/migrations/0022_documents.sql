-- 0022_documents.sql — official documents (issue #11). Every paper coso
-- issues carries a number of its unit, year and type ("12/TB-UBND", Decree
-- 30/2020/NĐ-CP Art. 15 and App. III), kept here and never reused; a signed
-- one is stored once, as signed (blobs). Postings may carry a recorded reading
-- for the loudspeakers (Law 10/2022 Art. 12(1)(c), 13(3)).
CREATE TABLE doc_series (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  year    INTEGER NOT NULL,
  type    TEXT NOT NULL,
  last    INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, type)
);
CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  type       TEXT NOT NULL,          -- TB, BB, BC, GM (Decree 30/2020 App. III)
  year       INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  number     TEXT NOT NULL,          -- as printed: 12/TB-UBND
  about      TEXT NOT NULL,          -- posting, matter, register
  about_id   INTEGER NOT NULL,
  part       TEXT NOT NULL,          -- which paper of it: notice.1, withdrawal, minutes, 2026-Q3
  title      TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,
  pdf_sha256 TEXT REFERENCES blobs(sha256), -- the signed PDF as issued; NULL when not signed
  signer     TEXT NOT NULL DEFAULT '',      -- the signing certificate's subject
  UNIQUE (unit_id, type, year, seq),
  UNIQUE (about, about_id, part)
);
CREATE INDEX documents_number ON documents(number);
CREATE INDEX documents_pdf ON documents(pdf_sha256);
ALTER TABLE postings ADD COLUMN audio_sha256 TEXT REFERENCES blobs(sha256);
