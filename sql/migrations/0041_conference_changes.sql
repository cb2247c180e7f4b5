-- 0041_conference_changes — a planned conference rescheduled or cancelled
-- (issue #17): the reason given, and how many times it changed (the
-- calendar's SEQUENCE, so calendar applications replace the old entry).
-- Each change is also a public event with the old and the new time.
ALTER TABLE conferences ADD COLUMN change_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE conferences ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
