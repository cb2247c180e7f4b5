-- 0032_notify_delivery.sql — notifications (issue #14), delivery: the
-- gateways an administrator configures per province, each message's
-- attempts, opting out, a person's choices, the one-time codes of SMS
-- ballots and the inbound messages already handled.
ALTER TABLE outbox ADD COLUMN province TEXT NOT NULL DEFAULT '';   -- the province's code: whose gateway sends it
ALTER TABLE outbox ADD COLUMN resident_id INTEGER REFERENCES residents(id);
ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;   -- sent in quiet hours too (what the law makes urgent)
ALTER TABLE outbox ADD COLUMN gateway_ref TEXT NOT NULL DEFAULT ''; -- the gateway's id of the message
CREATE INDEX outbox_address ON outbox(address, done_at);
-- an SMS is matched to the representative whose number sent it
CREATE INDEX residents_phone ON residents(phone) WHERE phone IS NOT NULL;
-- A channel's gateway for a province ('*': every province without its own).
-- config is the JSON an administrator loads (docs/notify.md); it names where
-- secrets are (an environment variable or a file), never holds them.
CREATE TABLE notify_gateways (
  province   TEXT NOT NULL,
  channel    TEXT NOT NULL CHECK (channel IN ('sms','zalo','email')),
  name       TEXT NOT NULL UNIQUE,          -- the {gateway} of /hooks/sms/{gateway}
  config     TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  PRIMARY KEY (province, channel)
);
-- Every try to send a message: when, whether the gateway took it, its answer (cut).
CREATE TABLE notify_attempts (
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  at        INTEGER NOT NULL,
  ok        INTEGER NOT NULL,
  answer    TEXT NOT NULL
);
CREATE INDEX notify_attempts_msg ON notify_attempts(outbox_id, at);
-- Numbers and addresses that asked for nothing more (by reply or by link).
CREATE TABLE notify_optout (
  address TEXT PRIMARY KEY,
  at      INTEGER NOT NULL,
  via     TEXT NOT NULL CHECK (via IN ('sms','link','web'))
);
-- A person's choices: channels (sms, zalo, email; in-app always), topics
-- (village, commune, cases, reminders), where to reach them.
CREATE TABLE notify_prefs (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id),
  channels   TEXT NOT NULL,
  topics     TEXT NOT NULL,
  phone      TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
-- The Zalo access token of a gateway, refreshed before it expires; the
-- rotated refresh token is stored at once; the daily quota left.
CREATE TABLE notify_tokens (
  gateway       TEXT PRIMARY KEY,
  access_token  TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  expires_at    INTEGER NOT NULL,
  quota         INTEGER NOT NULL DEFAULT -1,
  updated_at    INTEGER NOT NULL
);
-- A one-time code sent to a representative's number about a subject (an
-- online vote: "BQ 4821 DONG Y" from that number votes for the household).
CREATE TABLE notify_codes (
  subject      TEXT NOT NULL,
  household_id INTEGER NOT NULL REFERENCES households(id),
  phone        TEXT NOT NULL,
  code         TEXT NOT NULL,
  wrong        INTEGER NOT NULL DEFAULT 0,   -- wrong codes sent from that number
  PRIMARY KEY (subject, household_id)
);
CREATE INDEX notify_codes_phone ON notify_codes(phone);
-- Inbound messages already answered (a gateway that posts twice is answered once).
CREATE TABLE sms_inbound (
  gateway TEXT NOT NULL,
  ref     TEXT NOT NULL,
  at      INTEGER NOT NULL,
  PRIMARY KEY (gateway, ref)
);
-- A household may vote by SMS from its representative's registered number,
-- without an account: the turnout records the way (and the account, if any).
CREATE TABLE matter_turnout_new (
  matter_id    INTEGER NOT NULL REFERENCES matters(id),
  stage        TEXT NOT NULL CHECK (stage IN ('prepoll','vote')),
  household_id INTEGER NOT NULL REFERENCES households(id),
  user_id      INTEGER REFERENCES users(id),
  at           INTEGER NOT NULL,
  via          TEXT NOT NULL DEFAULT 'web' CHECK (via IN ('web','sms')),
  PRIMARY KEY (matter_id, stage, household_id)
);
INSERT INTO matter_turnout_new(matter_id, stage, household_id, user_id, at)
  SELECT matter_id, stage, household_id, user_id, at FROM matter_turnout;
DROP TABLE matter_turnout;
ALTER TABLE matter_turnout_new RENAME TO matter_turnout;
CREATE TRIGGER matter_turnout_electorate BEFORE INSERT ON matter_turnout
  WHEN NOT EXISTS (SELECT 1 FROM matter_electorate WHERE matter_id = NEW.matter_id AND household_id = NEW.household_id)
  BEGIN SELECT RAISE(ABORT, 'the household is not in the electorate of the matter'); END;
