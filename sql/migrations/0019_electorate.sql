-- 0019_electorate.sql — the electorate of each matter, fixed when it is
-- announced: the active households of its village at that moment (Law
-- 10/2022 Art. 21(1) counts "all households of the village"; the notice of
-- Decree 59 Art. 3(3) goes to those households; docs/decisions.md gives the
-- reasoning). Only they vote, are counted present, are given a paper ballot
-- or sign the minutes for the households. The application checks this first;
-- the database refuses it again (triggers below), and keeps the counts
-- within the electorate: votes never exceed the eligible households, a
-- cluster's count never exceeds the households present in it.
CREATE TABLE matter_electorate (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  PRIMARY KEY (matter_id, household_id)
) WITHOUT ROWID;

-- matters announced before this migration: the village's households now and
-- every household that already took part in them
INSERT INTO matter_electorate SELECT m.id, h.id FROM matters m JOIN households h ON h.village_id = m.unit_id AND h.active = 1
  WHERE m.scope = 'village';
INSERT OR IGNORE INTO matter_electorate SELECT matter_id, household_id FROM matter_turnout;
INSERT OR IGNORE INTO matter_electorate SELECT matter_id, household_id FROM meeting_attendance;
INSERT OR IGNORE INTO matter_electorate SELECT matter_id, household_id FROM ballot_distribution;

CREATE TRIGGER matter_turnout_electorate BEFORE INSERT ON matter_turnout
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
CREATE TRIGGER meeting_attendance_electorate BEFORE INSERT ON meeting_attendance
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
CREATE TRIGGER ballot_distribution_electorate BEFORE INSERT ON ballot_distribution
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
-- the two household representatives who sign the minutes (Art. 20)
CREATE TRIGGER matter_signoffs_electorate BEFORE INSERT ON matter_signoffs
  WHEN NEW.slot IN ('household_1', 'household_2') AND NOT EXISTS (
    SELECT 1 FROM users u JOIN residents r ON r.id = u.resident_id AND r.is_representative = 1
    JOIN matter_electorate e ON e.matter_id = NEW.matter_id AND e.household_id = r.household_id WHERE u.id = NEW.user_id)
  BEGIN SELECT RAISE(ABORT, 'the signer represents no household of the electorate'); END;

-- a cluster's count: never more than the households present in that cluster
CREATE TRIGGER meeting_results_bound_insert BEFORE INSERT ON meeting_results
  WHEN NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.votes_abstain < 0
    OR NEW.votes_for + NEW.votes_against + NEW.votes_abstain >
       (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id AND cluster = NEW.cluster)
  BEGIN SELECT RAISE(ABORT, 'the count exceeds the households present'); END;
CREATE TRIGGER meeting_results_bound_update BEFORE UPDATE ON meeting_results
  WHEN NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.votes_abstain < 0
    OR NEW.votes_for + NEW.votes_against + NEW.votes_abstain >
       (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id AND cluster = NEW.cluster)
  BEGIN SELECT RAISE(ABORT, 'the count exceeds the households present'); END;
-- an election's votes: never more in all than the households present
CREATE TRIGGER election_votes_bound AFTER UPDATE OF votes ON election_candidates
  WHEN (SELECT COALESCE(SUM(votes), 0) FROM election_candidates WHERE matter_id = NEW.matter_id) >
       (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id)
  BEGIN SELECT RAISE(ABORT, 'the votes exceed the households present'); END;

-- ballots (online and paper) per matter and step, kept by the database itself:
-- never more than the eligible households. On SQLite, with its one writer, a
-- single row per step (shard 0, cap = eligible): one row update per ballot,
-- not a count. PostgreSQL spreads the count over shards (its twin migration).
CREATE TABLE matter_ballot_counts (
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  stage     TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  shard     INTEGER NOT NULL,
  ballots   INTEGER NOT NULL,
  cap       INTEGER NOT NULL,      -- this shard's share of the eligible households
  PRIMARY KEY (matter_id, stage, shard),
  CHECK (ballots >= 0 AND ballots <= cap)
) WITHOUT ROWID;
INSERT INTO matter_ballot_counts SELECT v.matter_id, v.stage, 0, COUNT(*), MAX(m.eligible, COUNT(*)) FROM matter_votes v
  JOIN matters m ON m.id = v.matter_id GROUP BY v.matter_id, v.stage;
CREATE TRIGGER matter_votes_count_insert AFTER INSERT ON matter_votes BEGIN
  INSERT INTO matter_ballot_counts(matter_id, stage, shard, ballots, cap)
    VALUES (NEW.matter_id, NEW.stage, 0, 1, (SELECT eligible FROM matters WHERE id = NEW.matter_id))
    ON CONFLICT (matter_id, stage, shard) DO UPDATE SET ballots = ballots + 1;
END;
CREATE TRIGGER matter_votes_count_delete AFTER DELETE ON matter_votes BEGIN
  UPDATE matter_ballot_counts SET ballots = ballots - 1 WHERE matter_id = OLD.matter_id AND stage = OLD.stage AND shard = 0;
END;
