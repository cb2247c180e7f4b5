-- 0042_ballot_shard_held.pg.sql — the ballot counter under group commit
-- (issue #18): a batch of ballots commits in one transaction, so each ballot
-- after the first counts on the shard its transaction already holds (one
-- UPDATE by key) instead of searching the shards again in random order with
-- SKIP LOCKED. The shard held is a transaction-local setting, undone with the
-- savepoint of a ballot that fails. A ballot that finds its shard full (or
-- none held) searches as before. Counts are exact either way.
CREATE OR REPLACE FUNCTION matter_votes_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m BIGINT; st TEXT; k INTEGER; d INTEGER; tries INTEGER := 0; held TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN m := NEW.matter_id; st := NEW.stage; d := 1;
  ELSE m := OLD.matter_id; st := OLD.stage; d := -1;
  END IF;
  held := 'coso.shard_' || m || '_' || st;
  k := NULLIF(current_setting(held, true), '')::INTEGER;
  IF k IS NOT NULL THEN
    UPDATE matter_ballot_counts SET ballots = ballots + d WHERE matter_id = m AND stage = st AND shard = k
      AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0));
    IF FOUND THEN
      RETURN NULL;
    END IF;
  END IF;
  IF d = 1 THEN
    PERFORM matter_ballot_shards(m, st);
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
  PERFORM set_config(held, k::TEXT, true);
  RETURN NULL;
END $$;
