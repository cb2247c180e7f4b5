-- 0034_notifications.sql — notifications (issue #14): a person's in-app
-- messages in a table of their own: a row appended and one small index
-- entry (so that a notice written inside a ballot's transaction costs
-- little), once per person, kind and subject. They were outbox rows of the channel
-- 'inapp' (never sent anywhere, never retried); the outbox keeps what a
-- gateway sends.
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  href       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at    INTEGER,
  UNIQUE (user_id, kind, subject)
);
INSERT INTO notifications(user_id, kind, subject, title, body, href, created_at, read_at)
  SELECT user_id, kind, subject, title, body, href, created_at, read_at FROM outbox
  WHERE channel = 'inapp' AND user_id IS NOT NULL ON CONFLICT DO NOTHING;
DELETE FROM outbox WHERE channel = 'inapp';
-- the outbox is no longer listed by person (that was the in-app list)
DROP INDEX outbox_user;
