-- 0043_idempotency.sql — writes that are safe to retry (issue #18): the answer
-- to a POST carrying an Idempotency-Key (the API) or a page's one-time form
-- key, kept a day, so that a request retried after an unclear failure (a 502
-- from the proxy, a dropped connection) acts once and gets the same answer.
-- scope: who sent it (an account, a token, or "anon"); request: SHA-256 of
-- the method, path, content type and body; status 0 while the first is being
-- answered.
CREATE TABLE idem_keys (
  scope        TEXT NOT NULL,
  key          TEXT NOT NULL,
  request      TEXT NOT NULL,
  status       INTEGER NOT NULL DEFAULT 0,
  location     TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  body         BLOB,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idem_keys_created ON idem_keys(created_at);
