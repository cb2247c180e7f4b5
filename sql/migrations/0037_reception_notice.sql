-- 0037_reception_notice.sql — a refusal to receive citizens is notified in
-- writing within 3 working days (Decree 154/2026 as reported, unconfirmed):
-- its deadline and the day it was sent, and the index of those still waiting.
ALTER TABLE reception ADD COLUMN notice_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reception ADD COLUMN notified_day INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reception_notice ON reception(unit_id, notice_due) WHERE refused = 1 AND notified_day = 0;
