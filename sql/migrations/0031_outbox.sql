-- 0031_outbox.sql — notifications (issue #14): the outbox, written in the
-- same transaction as the act that causes a message, so that the message
-- commits or rolls back with it. The in-app channel is delivered at once
-- (the person's /me/notifications); the other channels are sent by the
-- delivery worker (next steps of issue #14).
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER REFERENCES users(id),
  channel    TEXT NOT NULL CHECK (channel IN ('inapp','sms','zalo','email','file')),
  address    TEXT NOT NULL DEFAULT '',       -- phone or e-mail: never logged, never public
  kind       TEXT NOT NULL,                  -- the kind of message: matter.opened, ...
  subject    TEXT NOT NULL,                  -- what it is about: "matter:12"
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  href       TEXT NOT NULL DEFAULT '',       -- where to act on it
  idem       TEXT NOT NULL UNIQUE,           -- idempotency key: kind, subject, person, channel
  status     TEXT NOT NULL CHECK (status IN ('waiting','sent','delivered','failed','cancelled')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  due_at     INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  done_at    INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  read_at    INTEGER
);
CREATE INDEX outbox_due ON outbox(status, due_at);
CREATE INDEX outbox_user ON outbox(user_id, channel, id);
