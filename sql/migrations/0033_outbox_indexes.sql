-- 0033_outbox_indexes.sql — notifications (issue #14): the outbox's indexes
-- cover only the rows their queries read, so that an in-app message (never
-- waiting, no address) written inside a ballot's transaction updates two
-- indexes, not four: the worker claims among the waiting, the daily cap and
-- opting out look up addresses.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(due_at) WHERE status = 'waiting';
DROP INDEX outbox_address;
CREATE INDEX outbox_address ON outbox(address, done_at) WHERE address <> '';
