-- 0019_electorate.pg.sql — the PostgreSQL twin of 0019_electorate.sql: the
-- electorate of each matter, fixed when it is announced, and the database's
-- own checks that only it takes part and that counts stay within it. Here the
-- membership checks are composite foreign keys.
CREATE TABLE matter_electorate (
  matter_id    BIGINT NOT NULL REFERENCES matters(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  PRIMARY KEY (matter_id, household_id)
);

INSERT INTO matter_electorate SELECT m.id, h.id FROM matters m JOIN households h ON h.village_id = m.unit_id AND h.active = 1
  WHERE m.scope = 'village';
INSERT INTO matter_electorate SELECT matter_id, household_id FROM matter_turnout ON CONFLICT DO NOTHING;
INSERT INTO matter_electorate SELECT matter_id, household_id FROM meeting_attendance ON CONFLICT DO NOTHING;
INSERT INTO matter_electorate SELECT matter_id, household_id FROM ballot_distribution ON CONFLICT DO NOTHING;

ALTER TABLE matter_turnout ADD CONSTRAINT matter_turnout_electorate
  FOREIGN KEY (matter_id, household_id) REFERENCES matter_electorate(matter_id, household_id);
ALTER TABLE meeting_attendance ADD CONSTRAINT meeting_attendance_electorate
  FOREIGN KEY (matter_id, household_id) REFERENCES matter_electorate(matter_id, household_id);
ALTER TABLE ballot_distribution ADD CONSTRAINT ballot_distribution_electorate
  FOREIGN KEY (matter_id, household_id) REFERENCES matter_electorate(matter_id, household_id);

CREATE FUNCTION matter_signoffs_electorate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.slot IN ('household_1', 'household_2') AND NOT EXISTS (
      SELECT 1 FROM users u JOIN residents r ON r.id = u.resident_id AND r.is_representative = 1
      JOIN matter_electorate e ON e.matter_id = NEW.matter_id AND e.household_id = r.household_id WHERE u.id = NEW.user_id) THEN
    RAISE EXCEPTION 'the signer represents no household of the electorate' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER matter_signoffs_electorate BEFORE INSERT ON matter_signoffs
  FOR EACH ROW EXECUTE FUNCTION matter_signoffs_electorate();

CREATE FUNCTION meeting_results_bound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.votes_abstain < 0
     OR NEW.votes_for + NEW.votes_against + NEW.votes_abstain >
        (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id AND cluster = NEW.cluster) THEN
    RAISE EXCEPTION 'the count exceeds the households present' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER meeting_results_bound BEFORE INSERT OR UPDATE ON meeting_results
  FOR EACH ROW EXECUTE FUNCTION meeting_results_bound();

CREATE FUNCTION election_votes_bound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT COALESCE(SUM(votes), 0) FROM election_candidates WHERE matter_id = NEW.matter_id) >
     (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id) THEN
    RAISE EXCEPTION 'the votes exceed the households present' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER election_votes_bound AFTER UPDATE OF votes ON election_candidates
  FOR EACH ROW EXECUTE FUNCTION election_votes_bound();

-- Ballots per matter and step, never more than the eligible households. Each
-- ballot is its own transaction here, and a single count row would be locked
-- by each until its commit is on disk, so the ballots of a matter would
-- commit one after another: the count is spread over 8 shards whose caps add
-- up to the eligible households, and a ballot takes a shard with room that no
-- other ballot holds (SKIP LOCKED), waiting only when every such shard is
-- held. The total can never pass the eligible households; a ballot is refused
-- only when every shard is full.
CREATE TABLE matter_ballot_counts (
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  stage     TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  shard     INTEGER NOT NULL,
  ballots   INTEGER NOT NULL,
  cap       INTEGER NOT NULL,
  PRIMARY KEY (matter_id, stage, shard),
  CHECK (ballots >= 0 AND ballots <= cap)
);
-- the shards of a step, made with its first ballot
CREATE FUNCTION matter_ballot_shards(m BIGINT, st TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE e INTEGER;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM matter_ballot_counts WHERE matter_id = m AND stage = st) THEN
    SELECT eligible INTO e FROM matters WHERE id = m;
    INSERT INTO matter_ballot_counts
      SELECT m, st, k, 0, e / 8 + CASE WHEN k < e % 8 THEN 1 ELSE 0 END FROM generate_series(0, 7) k
      ON CONFLICT DO NOTHING;
  END IF;
END $$;
CREATE FUNCTION matter_votes_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m BIGINT; st TEXT; k INTEGER; d INTEGER; tries INTEGER := 0;
BEGIN
  IF TG_OP = 'INSERT' THEN m := NEW.matter_id; st := NEW.stage; d := 1; PERFORM matter_ballot_shards(m, st);
  ELSE m := OLD.matter_id; st := OLD.stage; d := -1;
  END IF;
  LOOP
    -- a shard with room (a ballot in) or with ballots (one taken back) that nobody holds
    SELECT shard INTO k FROM matter_ballot_counts WHERE matter_id = m AND stage = st
      AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0)) ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
    EXIT WHEN FOUND;
    -- every such shard is held by another ballot: wait for one
    SELECT shard INTO k FROM matter_ballot_counts WHERE matter_id = m AND stage = st
      AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0)) LIMIT 1 FOR UPDATE;
    EXIT WHEN FOUND;
    tries := tries + 1;
    IF tries >= 3 OR NOT EXISTS (SELECT 1 FROM matter_ballot_counts WHERE matter_id = m AND stage = st
        AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0))) THEN
      RAISE EXCEPTION 'the ballots would exceed the eligible households' USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  UPDATE matter_ballot_counts SET ballots = ballots + d WHERE matter_id = m AND stage = st AND shard = k;
  RETURN NULL;
END $$;
CREATE TRIGGER matter_votes_count AFTER INSERT OR DELETE ON matter_votes
  FOR EACH ROW EXECUTE FUNCTION matter_votes_count();
