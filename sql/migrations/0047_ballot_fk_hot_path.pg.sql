-- 0047_ballot_fk_hot_path.pg.sql — the ballot box under group commit on
-- PostgreSQL (issue #18). Each ballot of a batch is a subtransaction, and each
-- foreign key check locks the parent row FOR KEY SHARE: the one row of the
-- matter, locked by every ballot of the batch, became a multixact that grew
-- with each one (GetMultiXactIdMembers in the profile). A turnout row's matter
-- and household are already checked by its key into the matter's electorate
-- (matter_turnout_electorate), whose own keys reference matters and
-- households: those two checks are dropped. A sealed ballot's keys are checked
-- once, at commit, by the batch's own transaction (deferred): the same
-- integrity, one lock on the matter's row a batch. SQLite takes no such locks
-- (0047_ballot_fk_hot_path.sql changes nothing).
ALTER TABLE matter_turnout DROP CONSTRAINT matter_turnout_matter_id_fkey;
ALTER TABLE matter_turnout DROP CONSTRAINT matter_turnout_household_id_fkey;
ALTER TABLE matter_votes ALTER CONSTRAINT matter_votes_matter_id_fkey1 DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE matter_votes ALTER CONSTRAINT matter_votes_household_id_fkey1 DEFERRABLE INITIALLY DEFERRED;
