-- 0021_token_scopes.pg.sql — the PostgreSQL twin of 0021_token_scopes.sql: API tokens with a scope and an expiry (issue #9
-- item 5): read (GET under /api/ only), ballot (read, and the household's
-- ballots), write (every API route). Tokens are accepted on /api/ routes only,
-- revoked with a reason and a time, and all of an account's are revoked when
-- its password is reset or it is deactivated. Tokens made before this had
-- full power and no end: they keep their power and end a year after they
-- were made.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read','ballot','write'));
ALTER TABLE api_tokens ADD COLUMN revoked_at BIGINT;
UPDATE api_tokens SET expires_at = created_at + 365 * 86400 WHERE expires_at IS NULL;
CREATE INDEX api_tokens_user ON api_tokens(user_id, created_at);
