-- 0020_sealed_ballots.sql — the sealed ballot box (src/decisions/ballot_box.c):
-- a ballot is stored as a box only the server's ballot key opens (its choice,
-- its receipt and the MAC of the household's change key), found by a keyed
-- tag of its receipt. Nothing in a row tells a SQL reader the receipt or the
-- choice, so nothing a reader can pair with the turnout (a transaction id on
-- PostgreSQL, the physical order, the time) links a household to its choice
-- (Law 10/2022 Art. 19; issue #9 items 1-2). The ballots written before are
-- kept in matter_votes_legacy and sealed by the server, which holds the key,
-- when it next starts (`coso serve` or `coso init`), then removed from it.
DROP TRIGGER matter_votes_count_insert;
DROP TRIGGER matter_votes_count_delete;
DROP INDEX matter_votes_household;
ALTER TABLE matter_votes RENAME TO matter_votes_legacy;
CREATE TABLE matter_votes (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  tag          BLOB NOT NULL,   -- keyed BLAKE2b-128 of (matter, stage, receipt)
  box          BLOB NOT NULL,   -- XSalsa20-Poly1305 of (choice, receipt, change-key MAC); nonce derived from the tag
  household_id INTEGER REFERENCES households(id), -- open votes only; NULL when secret
  PRIMARY KEY (matter_id, stage, tag)
) WITHOUT ROWID;
CREATE INDEX matter_votes_household ON matter_votes(matter_id, stage, household_id) WHERE household_id IS NOT NULL;
-- the counts start again from the sealed rows (the server moves the legacy ones in)
DELETE FROM matter_ballot_counts;
CREATE TRIGGER matter_votes_count_insert AFTER INSERT ON matter_votes BEGIN
  INSERT INTO matter_ballot_counts(matter_id, stage, shard, ballots, cap)
    VALUES (NEW.matter_id, NEW.stage, 0, 1, (SELECT eligible FROM matters WHERE id = NEW.matter_id))
    ON CONFLICT (matter_id, stage, shard) DO UPDATE SET ballots = ballots + 1;
END;
CREATE TRIGGER matter_votes_count_delete AFTER DELETE ON matter_votes BEGIN
  UPDATE matter_ballot_counts SET ballots = ballots - 1 WHERE matter_id = OLD.matter_id AND stage = OLD.stage AND shard = 0;
END;
