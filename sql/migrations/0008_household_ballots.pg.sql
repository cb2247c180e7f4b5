-- 0008_household_ballots.pg.sql — the PostgreSQL twin of 0008_household_ballots.sql: ballots to every household (Law 10/2022 Art. 19;
-- Decree 59 Art. 4): allowed only after a meeting on the same matter could not
-- gather enough households (follows), distributed and collected by a ballot
-- team of 3 to 5 people (team), one ballot per household, entered by the team.
ALTER TABLE matters ADD COLUMN follows BIGINT REFERENCES matters(id);
ALTER TABLE matters ADD COLUMN team TEXT NOT NULL DEFAULT '';
