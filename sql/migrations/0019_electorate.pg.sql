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

CREATE TABLE matter_ballot_counts (
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  stage     TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  ballots   INTEGER NOT NULL,
  eligible  INTEGER NOT NULL,
  PRIMARY KEY (matter_id, stage),
  CHECK (ballots >= 0 AND ballots <= eligible)
);
INSERT INTO matter_ballot_counts SELECT v.matter_id, v.stage, COUNT(*), GREATEST(MAX(m.eligible), COUNT(*)) FROM matter_votes v
  JOIN matters m ON m.id = v.matter_id GROUP BY v.matter_id, v.stage;
CREATE FUNCTION matter_votes_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO matter_ballot_counts(matter_id, stage, ballots, eligible)
      VALUES (NEW.matter_id, NEW.stage, 1, (SELECT eligible FROM matters WHERE id = NEW.matter_id))
      ON CONFLICT (matter_id, stage) DO UPDATE SET ballots = matter_ballot_counts.ballots + 1;
  ELSE
    UPDATE matter_ballot_counts SET ballots = ballots - 1 WHERE matter_id = OLD.matter_id AND stage = OLD.stage;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER matter_votes_count AFTER INSERT OR DELETE ON matter_votes
  FOR EACH ROW EXECUTE FUNCTION matter_votes_count();
