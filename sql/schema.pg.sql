-- The schema a fresh `coso init` makes on PostgreSQL (migrations 0001-0047),
-- kept by tools/schema.sh; a test fails when the migrations and this file differ. Read-only:
-- change the schema with a new migration in sql/migrations/, then `make schema`.

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

CREATE FUNCTION public.case_counts_keep() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE case_counts SET n = n - 1, on_time = on_time - CASE WHEN OLD.on_time = 1 THEN 1 ELSE 0 END,
      resolved = resolved - CASE WHEN OLD.resolved_day > 0 THEN 1 ELSE 0 END,
      handling_days = handling_days - CASE WHEN OLD.resolved_day > 0 THEN OLD.resolved_day - OLD.received_day ELSE 0 END
      WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND status = OLD.status AND channel = OLD.channel
        AND category = OLD.category;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO case_counts(unit_id, kind, status, channel, category, n, on_time, resolved, handling_days)
      VALUES (NEW.unit_id, NEW.kind, NEW.status, NEW.channel, NEW.category, 1,
              CASE WHEN NEW.on_time = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.resolved_day > 0 THEN 1 ELSE 0 END,
              CASE WHEN NEW.resolved_day > 0 THEN NEW.resolved_day - NEW.received_day ELSE 0 END)
      ON CONFLICT (unit_id, kind, status, channel, category) DO UPDATE SET n = case_counts.n + 1,
        on_time = case_counts.on_time + excluded.on_time, resolved = case_counts.resolved + excluded.resolved,
        handling_days = case_counts.handling_days + excluded.handling_days;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public.consultation_tallies_comments() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hidden = 0 THEN
    UPDATE consultation_tallies SET comments = comments - 1,
      answered = answered - CASE WHEN OLD.answer_id IS NULL THEN 0 ELSE 1 END
      WHERE consultation_id = OLD.consultation_id AND anchor = OLD.cur_anchor;
  END IF;
  IF NEW.hidden = 0 THEN
    INSERT INTO consultation_tallies(consultation_id, anchor, comments, answered)
      VALUES (NEW.consultation_id, NEW.cur_anchor, 1, CASE WHEN NEW.answer_id IS NULL THEN 0 ELSE 1 END)
      ON CONFLICT (consultation_id, anchor) DO UPDATE SET comments = consultation_tallies.comments + 1,
        answered = consultation_tallies.answered + excluded.answered;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public.consultation_tallies_votes() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE consultation_tallies SET agree = agree - CASE WHEN OLD.value = 1 THEN 1 ELSE 0 END,
      disagree = disagree - CASE WHEN OLD.value = -1 THEN 1 ELSE 0 END
      WHERE consultation_id = OLD.consultation_id AND anchor = OLD.anchor;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO consultation_tallies(consultation_id, anchor, agree, disagree)
      VALUES (NEW.consultation_id, NEW.anchor, CASE WHEN NEW.value = 1 THEN 1 ELSE 0 END, CASE WHEN NEW.value = -1 THEN 1 ELSE 0 END)
      ON CONFLICT (consultation_id, anchor) DO UPDATE SET agree = consultation_tallies.agree + excluded.agree,
        disagree = consultation_tallies.disagree + excluded.disagree;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public.disclosure_items_history() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the disclosure catalogue keeps its history: add a rule from a date'; END $$;

CREATE FUNCTION public.election_votes_bound() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF (SELECT COALESCE(SUM(votes), 0) FROM election_candidates WHERE matter_id = NEW.matter_id) >
     (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id) THEN
    RAISE EXCEPTION 'the votes exceed the households present' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION public.events_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$;

CREATE FUNCTION public.holidays_version_bump() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN UPDATE holidays_version SET v = v + 1 WHERE id = 1; RETURN NULL; END $$;

CREATE FUNCTION public.ledger_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$;

CREATE FUNCTION public.matter_ballot_shards(m bigint, st text) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE e INTEGER;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM matter_ballot_counts WHERE matter_id = m AND stage = st) THEN
    SELECT eligible INTO e FROM matters WHERE id = m;
    INSERT INTO matter_ballot_counts
      SELECT m, st, k, 0, e / 8 + CASE WHEN k < e % 8 THEN 1 ELSE 0 END FROM generate_series(0, 7) k
      ON CONFLICT DO NOTHING;
  END IF;
END $$;

CREATE FUNCTION public.matter_signoffs_electorate() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF NEW.slot IN ('household_1', 'household_2') AND NOT EXISTS (
      SELECT 1 FROM users u JOIN residents r ON r.id = u.resident_id AND r.is_representative = 1
      JOIN matter_electorate e ON e.matter_id = NEW.matter_id AND e.household_id = r.household_id WHERE u.id = NEW.user_id) THEN
    RAISE EXCEPTION 'the signer represents no household of the electorate' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION public.matter_votes_count() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  m BIGINT; st TEXT; k INTEGER; d INTEGER; tries INTEGER := 0; held TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN m := NEW.matter_id; st := NEW.stage; d := 1;
  ELSE m := OLD.matter_id; st := OLD.stage; d := -1;
  END IF;
  held := 'coso.shard_' || m || '_' || st;
  k := NULLIF(current_setting(held, true), '')::INTEGER;
  IF k IS NOT NULL THEN
    UPDATE matter_ballot_counts SET ballots = ballots + d WHERE matter_id = m AND stage = st AND shard = k
      AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0));
    IF FOUND THEN
      RETURN NULL;
    END IF;
  END IF;
  IF d = 1 THEN
    PERFORM matter_ballot_shards(m, st);
  END IF;
  LOOP
    -- a shard with room (a ballot in) or with ballots (one taken back) that nobody holds
    SELECT shard INTO k FROM matter_ballot_counts WHERE matter_id = m AND stage = st
      AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0)) ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
    EXIT WHEN FOUND;
    -- every such shard is held by another ballot: wait for one
    SELECT shard INTO k FROM matter_ballot_counts WHERE matter_id = m AND stage = st
      AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0)) LIMIT 1 FOR UPDATE;
    EXIT WHEN FOUND;
    tries := tries + 1;
    IF tries >= 3 OR NOT EXISTS (SELECT 1 FROM matter_ballot_counts WHERE matter_id = m AND stage = st
        AND ((d = 1 AND ballots < cap) OR (d = -1 AND ballots > 0))) THEN
      RAISE EXCEPTION 'the ballots would exceed the eligible households' USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  UPDATE matter_ballot_counts SET ballots = ballots + d WHERE matter_id = m AND stage = st AND shard = k;
  PERFORM set_config(held, k::TEXT, true);
  RETURN NULL;
END $$;

CREATE FUNCTION public.meeting_results_bound() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.votes_abstain < 0
     OR NEW.votes_for + NEW.votes_against + NEW.votes_abstain >
        (SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = NEW.matter_id AND cluster = NEW.cluster) THEN
    RAISE EXCEPTION 'the count exceeds the households present' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION public.posting_versions_keep() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'a published version is never edited: add a correction';
  END IF;
  IF (SELECT status FROM postings WHERE id = OLD.posting_id) <> 'draft' THEN
    RAISE EXCEPTION 'a published version is never deleted';
  END IF;
  RETURN OLD;
END $$;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.api_tokens (
    id bigint NOT NULL,
    token_hash text NOT NULL,
    user_id bigint NOT NULL,
    label text NOT NULL,
    created_at bigint NOT NULL,
    expires_at integer,
    revoked integer DEFAULT 0 NOT NULL,
    scope text DEFAULT 'write'::text NOT NULL,
    revoked_at bigint,
    CONSTRAINT api_tokens_scope_check CHECK ((scope = ANY (ARRAY['read'::text, 'ballot'::text, 'write'::text])))
);

ALTER TABLE public.api_tokens ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.api_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.awards (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    recipient text NOT NULL,
    collective bigint NOT NULL,
    level text DEFAULT ''::text NOT NULL,
    reason text NOT NULL,
    decision text DEFAULT ''::text NOT NULL,
    decided_on bigint NOT NULL,
    handling text DEFAULT ''::text NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    CONSTRAINT awards_kind_check CHECK ((kind = ANY (ARRAY['commendation'::text, 'model'::text, 'violation'::text])))
);

ALTER TABLE public.awards ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.awards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.ballot_distribution (
    matter_id bigint NOT NULL,
    household_id bigint NOT NULL,
    given_by bigint NOT NULL,
    given_at bigint NOT NULL
);

CREATE TABLE public.blobs (
    sha256 text NOT NULL,
    mime text NOT NULL,
    size integer NOT NULL,
    data bytea NOT NULL,
    created_at integer NOT NULL
);

CREATE TABLE public.board_members (
    id bigint NOT NULL,
    board_id bigint NOT NULL,
    full_name text NOT NULL,
    "position" text NOT NULL,
    village_id bigint,
    represents text DEFAULT ''::text NOT NULL,
    matter_id bigint,
    user_id bigint,
    decision_ref text NOT NULL,
    decision_day bigint NOT NULL,
    elected_day bigint NOT NULL,
    term_start bigint NOT NULL,
    term_end bigint NOT NULL,
    by_election bigint DEFAULT 0 NOT NULL,
    declared text DEFAULT ''::text NOT NULL,
    left_day bigint DEFAULT 0 NOT NULL,
    left_reason text DEFAULT ''::text NOT NULL,
    created_by bigint,
    created_at bigint NOT NULL,
    CONSTRAINT board_members_position_check CHECK (("position" = ANY (ARRAY['head'::text, 'deputy'::text, 'member'::text]))),
    CONSTRAINT board_members_represents_check CHECK ((represents = ANY (ARRAY[''::text, 'front'::text, 'inspection'::text, 'resident'::text])))
);

ALTER TABLE public.board_members ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.board_members_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.board_plans (
    id bigint NOT NULL,
    board_id bigint NOT NULL,
    series bigint NOT NULL,
    version bigint NOT NULL,
    current bigint DEFAULT 1 NOT NULL,
    period text NOT NULL,
    from_day bigint NOT NULL,
    to_day bigint NOT NULL,
    purpose text NOT NULL,
    requirements text DEFAULT ''::text NOT NULL,
    content text NOT NULL,
    timing text DEFAULT ''::text NOT NULL,
    budget bigint DEFAULT 0 NOT NULL,
    organisation text DEFAULT ''::text NOT NULL,
    reason text DEFAULT ''::text NOT NULL,
    by_user bigint,
    at bigint NOT NULL,
    CONSTRAINT board_plans_period_check CHECK ((period = ANY (ARRAY['quarter'::text, 'half'::text, 'year'::text, 'term'::text])))
);

ALTER TABLE public.board_plans ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.board_plans_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.board_recs (
    id bigint NOT NULL,
    board_id bigint NOT NULL,
    inspection_id bigint,
    case_id bigint NOT NULL,
    by_user bigint,
    at bigint NOT NULL
);

ALTER TABLE public.board_recs ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.board_recs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.board_reports (
    id bigint NOT NULL,
    board_id bigint NOT NULL,
    period text NOT NULL,
    from_day bigint NOT NULL,
    to_day bigint NOT NULL,
    inspections bigint NOT NULL,
    findings bigint NOT NULL,
    recs bigint NOT NULL,
    recs_answered bigint NOT NULL,
    recs_on_time bigint NOT NULL,
    petitions bigint NOT NULL,
    by_user bigint,
    at bigint NOT NULL,
    CONSTRAINT board_reports_period_check CHECK ((period = ANY (ARRAY['quarter'::text, 'half'::text, 'year'::text, 'term'::text])))
);

ALTER TABLE public.board_reports ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.board_reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.boards (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    project_id bigint,
    title text NOT NULL,
    term_start bigint NOT NULL,
    term_end bigint NOT NULL,
    notice_day bigint DEFAULT 0 NOT NULL,
    supervision_day bigint DEFAULT 0 NOT NULL,
    dissolved_day bigint DEFAULT 0 NOT NULL,
    dissolved_reason text DEFAULT ''::text NOT NULL,
    created_by bigint,
    created_at bigint NOT NULL,
    CONSTRAINT boards_kind_check CHECK ((kind = ANY (ARRAY['inspection'::text, 'investment'::text])))
);

ALTER TABLE public.boards ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.boards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.budget_lines (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    year bigint NOT NULL,
    activity text NOT NULL,
    source text NOT NULL,
    estimate bigint NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    CONSTRAINT budget_lines_activity_check CHECK ((activity = ANY (ARRAY['training'::text, 'outreach'::text, 'contest'::text, 'it'::text, 'awards'::text, 'boards'::text, 'other'::text]))),
    CONSTRAINT budget_lines_source_check CHECK ((source = ANY (ARRAY['state'::text, 'socialised'::text])))
);

ALTER TABLE public.budget_lines ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.budget_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.budget_spending (
    id bigint NOT NULL,
    line_id bigint NOT NULL,
    spent_on bigint NOT NULL,
    amount bigint NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint
);

ALTER TABLE public.budget_spending ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.budget_spending_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.case_counts (
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    channel text NOT NULL,
    category text NOT NULL,
    n bigint NOT NULL,
    on_time bigint NOT NULL,
    resolved bigint NOT NULL,
    handling_days bigint NOT NULL
);

CREATE TABLE public.case_events (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    at bigint NOT NULL,
    day bigint NOT NULL,
    actor bigint,
    action text NOT NULL,
    status text NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    public bigint DEFAULT 1 NOT NULL
);

ALTER TABLE public.case_events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.case_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.case_files (
    case_id bigint NOT NULL,
    seq bigint NOT NULL,
    sha256 text NOT NULL,
    filename text NOT NULL,
    mime text NOT NULL,
    size bigint NOT NULL
);

CREATE TABLE public.case_ident_views (
    case_id bigint NOT NULL,
    user_id bigint NOT NULL,
    at bigint NOT NULL
);

CREATE TABLE public.case_ratings (
    case_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    level bigint NOT NULL,
    on_time bigint,
    attitude bigint,
    visits bigint,
    comment text DEFAULT ''::text NOT NULL,
    at bigint NOT NULL,
    CONSTRAINT case_ratings_attitude_check CHECK (((attitude >= 1) AND (attitude <= 5))),
    CONSTRAINT case_ratings_level_check CHECK (((level >= 1) AND (level <= 5)))
);

CREATE TABLE public.cases (
    id bigint NOT NULL,
    code text NOT NULL,
    kind text NOT NULL,
    instance bigint DEFAULT 1 NOT NULL,
    parent_id bigint,
    unit_id bigint NOT NULL,
    village_id bigint,
    category text DEFAULT ''::text NOT NULL,
    channel text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    status text NOT NULL,
    anonymous bigint DEFAULT 0 NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    phone text DEFAULT ''::text NOT NULL,
    email text DEFAULT ''::text NOT NULL,
    address text DEFAULT ''::text NOT NULL,
    id_number text DEFAULT ''::text NOT NULL,
    ident text DEFAULT ''::text NOT NULL,
    user_id bigint,
    lat_e6 bigint,
    lon_e6 bigint,
    location text DEFAULT ''::text NOT NULL,
    act_day bigint DEFAULT 0 NOT NULL,
    late_filing bigint DEFAULT 0 NOT NULL,
    complexity bigint DEFAULT 0 NOT NULL,
    remote bigint DEFAULT 0 NOT NULL,
    extensions bigint DEFAULT 0 NOT NULL,
    received_at bigint NOT NULL,
    received_day bigint NOT NULL,
    accepted_day bigint DEFAULT 0 NOT NULL,
    clock text DEFAULT ''::text NOT NULL,
    due_day bigint DEFAULT 0 NOT NULL,
    paused_left bigint DEFAULT 0 NOT NULL,
    handler_id bigint,
    answer text DEFAULT ''::text NOT NULL,
    decision_ref text DEFAULT ''::text NOT NULL,
    resolved_day bigint DEFAULT 0 NOT NULL,
    on_time bigint,
    escalated bigint DEFAULT 0 NOT NULL,
    rate_hash text DEFAULT ''::text NOT NULL,
    idem text,
    o311_token text,
    updated_at bigint NOT NULL,
    media_url text DEFAULT ''::text NOT NULL,
    desk text DEFAULT ''::text NOT NULL,
    CONSTRAINT cases_kind_check CHECK ((kind = ANY (ARRAY['petition'::text, 'complaint'::text, 'denunciation'::text, 'board_rec'::text, 'board_petition'::text])))
);

ALTER TABLE public.cases ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cases_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.comment_moderation (
    id bigint NOT NULL,
    comment_id bigint NOT NULL,
    at bigint NOT NULL,
    actor bigint,
    action text NOT NULL,
    reason text NOT NULL,
    CONSTRAINT comment_moderation_action_check CHECK ((action = ANY (ARRAY['hide'::text, 'show'::text])))
);

ALTER TABLE public.comment_moderation ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.comment_moderation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.conference_items (
    id bigint NOT NULL,
    conference_id bigint NOT NULL,
    kind text NOT NULL,
    text text NOT NULL,
    who text DEFAULT ''::text NOT NULL,
    answer text DEFAULT ''::text NOT NULL,
    votes_for bigint DEFAULT 0 NOT NULL,
    adopted bigint DEFAULT 0 NOT NULL,
    owner_id bigint,
    due_day bigint DEFAULT 0 NOT NULL,
    done_day bigint DEFAULT 0 NOT NULL,
    at bigint NOT NULL,
    CONSTRAINT conference_items_kind_check CHECK ((kind = ANY (ARRAY['agenda'::text, 'question'::text, 'resolution'::text, 'task'::text])))
);

ALTER TABLE public.conference_items ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.conference_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.conferences (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    year bigint NOT NULL,
    title text NOT NULL,
    starts_at bigint NOT NULL,
    place text NOT NULL,
    notice_day bigint NOT NULL,
    agreed_day bigint DEFAULT 0 NOT NULL,
    summoned bigint DEFAULT 0 NOT NULL,
    attended bigint DEFAULT '-1'::integer NOT NULL,
    status text NOT NULL,
    minutes text DEFAULT ''::text NOT NULL,
    report_day bigint DEFAULT 0 NOT NULL,
    by_user bigint,
    created_at bigint NOT NULL,
    change_reason text DEFAULT ''::text NOT NULL,
    sequence integer DEFAULT 0 NOT NULL,
    CONSTRAINT conferences_kind_check CHECK ((kind = ANY (ARRAY['village'::text, 'dialogue'::text, 'staff'::text, 'workplace'::text, 'worker'::text, 'review'::text]))),
    CONSTRAINT conferences_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'held'::text, 'cancelled'::text])))
);

ALTER TABLE public.conferences ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.conferences_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.consultation_answers (
    id bigint NOT NULL,
    consultation_id bigint NOT NULL,
    disposition text NOT NULL,
    theme text DEFAULT ''::text NOT NULL,
    body text NOT NULL,
    by_user bigint,
    at bigint NOT NULL,
    CONSTRAINT consultation_answers_disposition_check CHECK ((disposition = ANY (ARRAY['accepted'::text, 'partly'::text, 'explained'::text])))
);

ALTER TABLE public.consultation_answers ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.consultation_answers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.consultation_comments (
    id bigint NOT NULL,
    consultation_id bigint NOT NULL,
    version bigint NOT NULL,
    anchor text DEFAULT ''::text NOT NULL,
    quote text DEFAULT ''::text NOT NULL,
    ctx_before text DEFAULT ''::text NOT NULL,
    ctx_after text DEFAULT ''::text NOT NULL,
    cur_anchor text DEFAULT ''::text NOT NULL,
    attach text DEFAULT 'ok'::text NOT NULL,
    body text NOT NULL,
    user_id bigint,
    village_id bigint,
    show_name bigint DEFAULT 0 NOT NULL,
    author text DEFAULT ''::text NOT NULL,
    channel text NOT NULL,
    entered_by bigint,
    at bigint NOT NULL,
    idem text,
    hidden bigint DEFAULT 0 NOT NULL,
    hide_reason text DEFAULT ''::text NOT NULL,
    answer_id bigint,
    CONSTRAINT consultation_comments_attach_check CHECK ((attach = ANY (ARRAY['ok'::text, 'moved'::text, 'lost'::text])))
);

ALTER TABLE public.consultation_comments ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.consultation_comments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.consultation_persons (
    id bigint NOT NULL,
    consultation_id bigint NOT NULL,
    name text NOT NULL,
    user_id bigint,
    contact text DEFAULT ''::text NOT NULL,
    notified_day bigint DEFAULT 0 NOT NULL,
    heard_day bigint DEFAULT 0 NOT NULL,
    hearing text DEFAULT ''::text NOT NULL
);

ALTER TABLE public.consultation_persons ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.consultation_persons_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.consultation_tallies (
    consultation_id bigint NOT NULL,
    anchor text NOT NULL,
    comments bigint DEFAULT 0 NOT NULL,
    answered bigint DEFAULT 0 NOT NULL,
    agree bigint DEFAULT 0 NOT NULL,
    disagree bigint DEFAULT 0 NOT NULL
);

CREATE TABLE public.consultation_villages (
    consultation_id bigint NOT NULL,
    village_id bigint NOT NULL
);

CREATE TABLE public.consultation_votes (
    consultation_id bigint NOT NULL,
    anchor text NOT NULL,
    user_id bigint NOT NULL,
    value bigint NOT NULL,
    at bigint NOT NULL,
    CONSTRAINT consultation_votes_value_check CHECK ((value = ANY (ARRAY[('-1'::integer)::bigint, (1)::bigint])))
);

CREATE TABLE public.consultations (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    subject text NOT NULL,
    title text NOT NULL,
    summary text DEFAULT ''::text NOT NULL,
    plan_content text DEFAULT ''::text NOT NULL,
    plan_forms text DEFAULT ''::text NOT NULL,
    plan_method text DEFAULT ''::text NOT NULL,
    plan_owner text DEFAULT ''::text NOT NULL,
    plan_deadline bigint DEFAULT 0 NOT NULL,
    audience text NOT NULL,
    status text NOT NULL,
    min_days bigint DEFAULT 0 NOT NULL,
    opens_day bigint DEFAULT 0 NOT NULL,
    closes_day bigint DEFAULT 0 NOT NULL,
    opened_at bigint DEFAULT 0 NOT NULL,
    closed_at bigint DEFAULT 0 NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    decision text DEFAULT ''::text NOT NULL,
    against_majority bigint DEFAULT 0 NOT NULL,
    majority_reasons text DEFAULT ''::text NOT NULL,
    signed_by bigint,
    published_at bigint DEFAULT 0 NOT NULL,
    posting_id bigint,
    created_by bigint,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    CONSTRAINT consultations_audience_check CHECK ((audience = ANY (ARRAY['unit'::text, 'villages'::text, 'staff'::text, 'persons'::text]))),
    CONSTRAINT consultations_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'open'::text, 'published'::text])))
);

ALTER TABLE public.consultations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.consultations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.contest_attempts (
    id bigint NOT NULL,
    round_id bigint NOT NULL,
    entrant_id bigint NOT NULL,
    token text NOT NULL,
    questions text NOT NULL,
    total bigint NOT NULL,
    started_ms bigint NOT NULL,
    deadline_ms bigint NOT NULL,
    submitted_ms bigint,
    answers text,
    correct bigint,
    prediction bigint,
    late bigint DEFAULT 0 NOT NULL
);

ALTER TABLE public.contest_attempts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.contest_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.contest_entrants (
    id bigint NOT NULL,
    contest_id bigint NOT NULL,
    phone text NOT NULL,
    citizen_id text NOT NULL,
    full_name text NOT NULL,
    unit_id bigint NOT NULL,
    created_at bigint NOT NULL
);

ALTER TABLE public.contest_entrants ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.contest_entrants_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.contest_questions (
    id bigint NOT NULL,
    contest_id bigint NOT NULL,
    body text NOT NULL,
    choices text NOT NULL,
    answer bigint NOT NULL,
    level bigint NOT NULL,
    CONSTRAINT contest_questions_level_check CHECK (((level >= 1) AND (level <= 3)))
);

ALTER TABLE public.contest_questions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.contest_questions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.contest_rounds (
    id bigint NOT NULL,
    contest_id bigint NOT NULL,
    no bigint NOT NULL,
    opens_at bigint NOT NULL,
    closes_at bigint NOT NULL,
    published_at bigint
);

ALTER TABLE public.contest_rounds ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.contest_rounds_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.contests (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    title text NOT NULL,
    rules text DEFAULT ''::text NOT NULL,
    n_easy bigint NOT NULL,
    n_medium bigint NOT NULL,
    n_hard bigint NOT NULL,
    minutes bigint NOT NULL,
    max_attempts bigint NOT NULL,
    prediction text NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint
);

ALTER TABLE public.contests ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.contests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.convention_steps (
    id bigint NOT NULL,
    convention_id bigint NOT NULL,
    step text NOT NULL,
    day bigint NOT NULL,
    due bigint DEFAULT 0 NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    at bigint NOT NULL,
    done_by bigint
);

ALTER TABLE public.convention_steps ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.convention_steps_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.conventions (
    id bigint NOT NULL,
    village_id bigint NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    parent_id bigint,
    proposer text NOT NULL,
    consents bigint DEFAULT 0 NOT NULL,
    households bigint DEFAULT 0 NOT NULL,
    front_approved bigint DEFAULT 0 NOT NULL,
    stage text NOT NULL,
    team text DEFAULT ''::text NOT NULL,
    draft text DEFAULT ''::text NOT NULL,
    comment_from bigint DEFAULT 0 NOT NULL,
    comment_to bigint DEFAULT 0 NOT NULL,
    matter_id bigint,
    adopted_on bigint DEFAULT 0 NOT NULL,
    sent_on bigint DEFAULT 0 NOT NULL,
    recognised_on bigint DEFAULT 0 NOT NULL,
    decision text DEFAULT ''::text NOT NULL,
    channels text DEFAULT ''::text NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    consultation_id bigint,
    CONSTRAINT conventions_kind_check CHECK ((kind = ANY (ARRAY['huong_uoc'::text, 'quy_uoc'::text]))),
    CONSTRAINT conventions_proposer_check CHECK ((proposer = ANY (ARRAY['village_head'::text, 'residents'::text])))
);

ALTER TABLE public.conventions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.conventions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.course_participants (
    course_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    full_name text NOT NULL,
    name_fold text NOT NULL,
    completed integer NOT NULL,
    certificate text DEFAULT ''::text NOT NULL
);

CREATE TABLE public.courses (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    title text NOT NULL,
    topic text DEFAULT ''::text NOT NULL,
    organiser text DEFAULT ''::text NOT NULL,
    form text NOT NULL,
    groups text DEFAULT ''::text NOT NULL,
    starts bigint NOT NULL,
    ends bigint NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    CONSTRAINT courses_form_check CHECK ((form = ANY (ARRAY['in_person'::text, 'online'::text])))
);

ALTER TABLE public.courses ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.courses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.decision_rules (
    item integer NOT NULL,
    scope text NOT NULL,
    num integer NOT NULL,
    den integer NOT NULL,
    strict integer NOT NULL,
    counts text NOT NULL,
    forms text NOT NULL,
    effective_from text NOT NULL,
    legal_basis text NOT NULL,
    confirmed text NOT NULL,
    CONSTRAINT decision_rules_confirmed_check CHECK ((confirmed = ANY (ARRAY['C'::text, 'S'::text, 'U'::text]))),
    CONSTRAINT decision_rules_counts_check CHECK ((counts = ANY (ARRAY['households'::text, 'villages'::text]))),
    CONSTRAINT decision_rules_item_check CHECK (((item >= 1) AND (item <= 6))),
    CONSTRAINT decision_rules_scope_check CHECK ((scope = ANY (ARRAY['village'::text, 'commune'::text])))
);

CREATE TABLE public.disclosure_items (
    id bigint NOT NULL,
    scope text NOT NULL,
    number integer NOT NULL,
    title text NOT NULL,
    legal_basis text NOT NULL,
    forms text NOT NULL,
    deadline_days integer NOT NULL,
    deadline_working integer NOT NULL,
    min_days integer NOT NULL,
    permanent integer NOT NULL,
    radio_days integer NOT NULL,
    effective_from text NOT NULL,
    confirmed text NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT disclosure_items_confirmed_check CHECK ((confirmed = ANY (ARRAY['C'::text, 'S'::text, 'U'::text]))),
    CONSTRAINT disclosure_items_scope_check CHECK ((scope = ANY (ARRAY['commune'::text, 'agency'::text, 'soe'::text])))
);

ALTER TABLE public.disclosure_items ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.disclosure_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.dismissals (
    matter_id bigint NOT NULL,
    trigger text NOT NULL,
    initiative_id bigint,
    acting_head text DEFAULT ''::text NOT NULL,
    acting_at integer,
    CONSTRAINT dismissals_trigger_check CHECK ((trigger = ANY (ARRAY['own_request'::text, 'front'::text, 'petition'::text])))
);

CREATE TABLE public.doc_series (
    unit_id bigint NOT NULL,
    year integer NOT NULL,
    type text NOT NULL,
    last integer NOT NULL
);

CREATE TABLE public.documents (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    type text NOT NULL,
    year integer NOT NULL,
    seq integer NOT NULL,
    number text NOT NULL,
    about text NOT NULL,
    about_id bigint NOT NULL,
    part text NOT NULL,
    title text NOT NULL,
    issued_at bigint NOT NULL,
    pdf_sha256 text,
    signer text DEFAULT ''::text NOT NULL
);

ALTER TABLE public.documents ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.documents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.draft_units (
    consultation_id bigint NOT NULL,
    version bigint NOT NULL,
    seq bigint NOT NULL,
    anchor text NOT NULL,
    kind text NOT NULL,
    depth bigint NOT NULL,
    label text DEFAULT ''::text NOT NULL,
    heading text DEFAULT ''::text NOT NULL,
    body text DEFAULT ''::text NOT NULL
);

CREATE TABLE public.election_candidates (
    matter_id bigint NOT NULL,
    seq integer NOT NULL,
    name text NOT NULL,
    source text NOT NULL,
    votes integer,
    CONSTRAINT election_candidates_source_check CHECK ((source = ANY (ARRAY['front'::text, 'meeting'::text])))
);

CREATE TABLE public.elections (
    matter_id bigint NOT NULL,
    plan_at integer NOT NULL,
    team text DEFAULT ''::text NOT NULL,
    team_at integer,
    notice_at integer,
    list_at integer,
    kind text DEFAULT 'village_head'::text NOT NULL,
    CONSTRAINT elections_kind_check CHECK ((kind = ANY (ARRAY['village_head'::text, 'inspection_board'::text, 'investment_board'::text])))
);

CREATE TABLE public.events (
    id bigint NOT NULL,
    at bigint NOT NULL,
    actor_id bigint,
    on_behalf_of bigint,
    unit_id bigint,
    kind text NOT NULL,
    subject text NOT NULL,
    public integer DEFAULT 0 NOT NULL,
    payload text DEFAULT '{}'::text NOT NULL
);

ALTER TABLE public.events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.holidays (
    day text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    CONSTRAINT holidays_kind_check CHECK ((kind = ANY (ARRAY['holiday'::text, 'workday'::text])))
);

CREATE TABLE public.holidays_version (
    id bigint NOT NULL,
    v bigint NOT NULL,
    CONSTRAINT holidays_version_id_check CHECK ((id = 1))
);

CREATE TABLE public.households (
    id bigint NOT NULL,
    village_id bigint NOT NULL,
    code text NOT NULL,
    head_name text NOT NULL,
    address text NOT NULL,
    members integer NOT NULL,
    active integer DEFAULT 1 NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT households_members_check CHECK (((members >= 1) AND (members <= 100)))
);

ALTER TABLE public.households ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.households_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.idem_keys (
    scope text NOT NULL,
    key text NOT NULL,
    request text NOT NULL,
    status integer DEFAULT 0 NOT NULL,
    location text DEFAULT ''::text NOT NULL,
    content_type text DEFAULT ''::text NOT NULL,
    body bytea,
    created_at bigint NOT NULL
);

CREATE TABLE public.info_network (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    channels text NOT NULL,
    reach bigint DEFAULT 0 NOT NULL,
    contact text DEFAULT ''::text NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    CONSTRAINT info_network_kind_check CHECK ((kind = ANY (ARRAY['front'::text, 'mass_org'::text, 'respected_person'::text, 'other'::text])))
);

ALTER TABLE public.info_network ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.info_network_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.info_requests (
    id bigint NOT NULL,
    code text NOT NULL,
    unit_id bigint NOT NULL,
    item_number integer NOT NULL,
    posting_id bigint,
    reason text NOT NULL,
    question text NOT NULL,
    name text NOT NULL,
    contact text NOT NULL,
    created_at integer NOT NULL,
    due_date text NOT NULL,
    status text NOT NULL,
    handler_id bigint,
    answer text NOT NULL,
    answered_at integer,
    CONSTRAINT info_requests_reason_check CHECK ((reason = ANY (ARRAY['not_published'::text, 'expired'::text, 'unreachable'::text, 'other'::text]))),
    CONSTRAINT info_requests_status_check CHECK ((status = ANY (ARRAY['open'::text, 'answered'::text])))
);

ALTER TABLE public.info_requests ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.info_requests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.initiative_consents (
    initiative_id bigint NOT NULL,
    household_id bigint NOT NULL,
    user_id bigint NOT NULL,
    paper integer NOT NULL,
    at integer NOT NULL
);

CREATE TABLE public.initiatives (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    item integer NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    initiator_id bigint NOT NULL,
    created_at integer NOT NULL,
    forwarded_at integer,
    front_approved integer DEFAULT 0 NOT NULL,
    CONSTRAINT initiatives_item_check CHECK (((item >= 1) AND (item <= 6)))
);

ALTER TABLE public.initiatives ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.initiatives_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.inspection_findings (
    id bigint NOT NULL,
    inspection_id bigint NOT NULL,
    finding text NOT NULL,
    evidence text DEFAULT ''::text NOT NULL,
    sha256 text,
    filename text DEFAULT ''::text NOT NULL,
    mime text DEFAULT ''::text NOT NULL,
    size bigint DEFAULT 0 NOT NULL
);

ALTER TABLE public.inspection_findings ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.inspection_findings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.inspections (
    id bigint NOT NULL,
    board_id bigint NOT NULL,
    kind text NOT NULL,
    plan_id bigint,
    subject text NOT NULL,
    content text NOT NULL,
    experts text DEFAULT ''::text NOT NULL,
    notified_day bigint NOT NULL,
    start_day bigint NOT NULL,
    end_day bigint NOT NULL,
    status text NOT NULL,
    conclusion text DEFAULT ''::text NOT NULL,
    recorded_day bigint DEFAULT 0 NOT NULL,
    by_user bigint,
    created_at bigint NOT NULL,
    CONSTRAINT inspections_kind_check CHECK ((kind = ANY (ARRAY['inspection'::text, 'visit'::text]))),
    CONSTRAINT inspections_status_check CHECK ((status = ANY (ARRAY['notified'::text, 'recorded'::text])))
);

ALTER TABLE public.inspections ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.inspections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.ledger_checkpoints (
    size bigint NOT NULL,
    root text NOT NULL,
    at bigint NOT NULL,
    note text NOT NULL
);

CREATE TABLE public.ledger_leaves (
    idx bigint NOT NULL,
    event_id bigint NOT NULL,
    leaf text NOT NULL,
    hash text NOT NULL
);

CREATE TABLE public.ledger_nodes (
    level integer NOT NULL,
    idx bigint NOT NULL,
    hash text NOT NULL
);

CREATE TABLE public.ledger_signer (
    id integer NOT NULL,
    holder text NOT NULL,
    since bigint NOT NULL,
    expires_at bigint NOT NULL,
    CONSTRAINT ledger_signer_id_check CHECK ((id = 1))
);

CREATE TABLE public.login_throttle (
    key text NOT NULL,
    failures bigint NOT NULL,
    last_at integer NOT NULL
);

CREATE TABLE public.matter_acts (
    id bigint NOT NULL,
    matter_id bigint NOT NULL,
    act text NOT NULL,
    reason text NOT NULL,
    user_id bigint NOT NULL,
    at integer NOT NULL,
    CONSTRAINT matter_acts_act_check CHECK ((act = ANY (ARRAY['recognised'::text, 'refused'::text, 'annulled'::text, 'amend'::text])))
);

ALTER TABLE public.matter_acts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matter_acts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.matter_ballot_counts (
    matter_id bigint NOT NULL,
    stage text NOT NULL,
    shard integer NOT NULL,
    ballots integer NOT NULL,
    cap integer NOT NULL,
    CONSTRAINT matter_ballot_counts_check CHECK (((ballots >= 0) AND (ballots <= cap))),
    CONSTRAINT matter_ballot_counts_stage_check CHECK ((stage = ANY (ARRAY['prepoll'::text, 'vote'::text])))
);

CREATE TABLE public.matter_electorate (
    matter_id bigint NOT NULL,
    household_id bigint NOT NULL
);

CREATE TABLE public.matter_files (
    matter_id bigint NOT NULL,
    seq integer NOT NULL,
    sha256 text NOT NULL,
    filename text NOT NULL,
    added_by bigint NOT NULL,
    added_at bigint NOT NULL
);

CREATE TABLE public.matter_signoffs (
    matter_id bigint NOT NULL,
    slot text NOT NULL,
    user_id bigint NOT NULL,
    at integer NOT NULL,
    CONSTRAINT matter_signoffs_slot_check CHECK ((slot = ANY (ARRAY['village_head'::text, 'front'::text, 'household_1'::text, 'household_2'::text])))
);

CREATE TABLE public.matter_turnout (
    matter_id bigint NOT NULL,
    stage text NOT NULL,
    household_id bigint NOT NULL,
    user_id bigint,
    at integer NOT NULL,
    via text DEFAULT 'web'::text NOT NULL,
    CONSTRAINT matter_turnout_stage_check CHECK ((stage = ANY (ARRAY['prepoll'::text, 'vote'::text]))),
    CONSTRAINT matter_turnout_via_check CHECK ((via = ANY (ARRAY['web'::text, 'sms'::text])))
);

CREATE TABLE public.matter_votes (
    matter_id bigint NOT NULL,
    stage text NOT NULL,
    tag bytea NOT NULL,
    box bytea NOT NULL,
    household_id bigint,
    CONSTRAINT matter_votes_stage_check1 CHECK ((stage = ANY (ARRAY['prepoll'::text, 'vote'::text])))
);

CREATE TABLE public.matter_votes_legacy (
    matter_id bigint NOT NULL,
    stage text NOT NULL,
    receipt text NOT NULL,
    choice text NOT NULL,
    household_id bigint,
    CONSTRAINT matter_votes_choice_check CHECK ((choice = ANY (ARRAY['for'::text, 'against'::text, 'abstain'::text]))),
    CONSTRAINT matter_votes_stage_check CHECK ((stage = ANY (ARRAY['prepoll'::text, 'vote'::text])))
);

CREATE TABLE public.matters (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    item integer NOT NULL,
    scope text NOT NULL,
    form text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    secret integer NOT NULL,
    allow_change integer NOT NULL,
    front_agreed integer NOT NULL,
    eligible integer NOT NULL,
    opens_at integer NOT NULL,
    prepoll_closes_at integer NOT NULL,
    closes_at integer NOT NULL,
    prepoll_yes integer,
    proposer_id bigint NOT NULL,
    created_at integer NOT NULL,
    follows bigint,
    team text DEFAULT ''::text NOT NULL,
    parent_id bigint,
    posting_id bigint,
    title_fold text DEFAULT ''::text NOT NULL,
    CONSTRAINT matters_form_check CHECK ((form = ANY (ARRAY['meeting'::text, 'ballot'::text, 'online'::text]))),
    CONSTRAINT matters_item_check CHECK (((item >= 1) AND (item <= 6))),
    CONSTRAINT matters_scope_check CHECK ((scope = ANY (ARRAY['village'::text, 'commune'::text])))
);

ALTER TABLE public.matters ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matters_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.meeting_attendance (
    matter_id bigint NOT NULL,
    household_id bigint NOT NULL,
    cluster integer NOT NULL,
    recorded_by bigint NOT NULL,
    at integer NOT NULL
);

CREATE TABLE public.meeting_procedures (
    id bigint NOT NULL,
    matter_id bigint NOT NULL,
    cluster integer NOT NULL,
    kind text NOT NULL,
    subject text NOT NULL,
    votes_for bigint NOT NULL,
    present bigint NOT NULL,
    passed integer NOT NULL,
    recorded_by bigint NOT NULL,
    at bigint NOT NULL,
    CONSTRAINT meeting_procedures_check CHECK ((present >= votes_for)),
    CONSTRAINT meeting_procedures_kind_check CHECK ((kind = ANY (ARRAY['secretary'::text, 'count_board'::text, 'method'::text, 'option'::text]))),
    CONSTRAINT meeting_procedures_passed_check CHECK ((passed = ANY (ARRAY[0, 1]))),
    CONSTRAINT meeting_procedures_votes_for_check CHECK ((votes_for >= 0))
);

ALTER TABLE public.meeting_procedures ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meeting_procedures_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.meeting_results (
    matter_id bigint NOT NULL,
    cluster integer NOT NULL,
    votes_for integer NOT NULL,
    votes_against integer NOT NULL,
    votes_abstain integer NOT NULL,
    recorded_by bigint NOT NULL,
    at integer NOT NULL
);

CREATE TABLE public.meetings (
    matter_id bigint NOT NULL,
    starts_at integer NOT NULL,
    location text NOT NULL,
    clusters integer NOT NULL,
    method text NOT NULL,
    ended_at integer,
    sent_at integer,
    CONSTRAINT meetings_clusters_check CHECK (((clusters >= 1) AND (clusters <= 20))),
    CONSTRAINT meetings_method_check CHECK ((method = ANY (ARRAY['hands'::text, 'secret'::text])))
);

CREATE TABLE public.notifications (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    kind text NOT NULL,
    subject text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    href text DEFAULT ''::text NOT NULL,
    created_at bigint NOT NULL,
    read_at bigint
);

ALTER TABLE public.notifications ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.notify_attempts (
    outbox_id bigint NOT NULL,
    at bigint NOT NULL,
    ok bigint NOT NULL,
    answer text NOT NULL
);

CREATE TABLE public.notify_codes (
    subject text NOT NULL,
    household_id bigint NOT NULL,
    phone text NOT NULL,
    code text NOT NULL,
    wrong bigint DEFAULT 0 NOT NULL
);

CREATE TABLE public.notify_gateways (
    province text NOT NULL,
    channel text NOT NULL,
    name text NOT NULL,
    config text NOT NULL,
    updated_at bigint NOT NULL,
    updated_by bigint,
    CONSTRAINT notify_gateways_channel_check CHECK ((channel = ANY (ARRAY['sms'::text, 'zalo'::text, 'email'::text])))
);

CREATE TABLE public.notify_optout (
    address text NOT NULL,
    at bigint NOT NULL,
    via text NOT NULL,
    CONSTRAINT notify_optout_via_check CHECK ((via = ANY (ARRAY['sms'::text, 'link'::text, 'web'::text])))
);

CREATE TABLE public.notify_prefs (
    user_id bigint NOT NULL,
    channels text NOT NULL,
    topics text NOT NULL,
    phone text DEFAULT ''::text NOT NULL,
    email text DEFAULT ''::text NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE public.notify_tokens (
    gateway text NOT NULL,
    access_token text NOT NULL,
    refresh_token text NOT NULL,
    expires_at bigint NOT NULL,
    quota bigint DEFAULT '-1'::integer NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE public.open311_keys (
    id bigint NOT NULL,
    name text NOT NULL,
    key_hash text NOT NULL,
    created_at bigint NOT NULL,
    revoked_at bigint
);

ALTER TABLE public.open311_keys ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.open311_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.outbox (
    id bigint NOT NULL,
    user_id bigint,
    channel text NOT NULL,
    address text DEFAULT ''::text NOT NULL,
    kind text NOT NULL,
    subject text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    href text DEFAULT ''::text NOT NULL,
    idem text NOT NULL,
    status text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL,
    due_at bigint NOT NULL,
    created_at bigint NOT NULL,
    done_at bigint,
    last_error text DEFAULT ''::text NOT NULL,
    read_at bigint,
    province text DEFAULT ''::text NOT NULL,
    resident_id bigint,
    urgent bigint DEFAULT 0 NOT NULL,
    gateway_ref text DEFAULT ''::text NOT NULL,
    CONSTRAINT outbox_channel_check CHECK ((channel = ANY (ARRAY['inapp'::text, 'sms'::text, 'zalo'::text, 'email'::text, 'file'::text]))),
    CONSTRAINT outbox_status_check CHECK ((status = ANY (ARRAY['waiting'::text, 'sent'::text, 'delivered'::text, 'failed'::text, 'cancelled'::text])))
);

ALTER TABLE public.outbox ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.outreach (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    held_on bigint NOT NULL,
    audience text DEFAULT ''::text NOT NULL,
    reach integer DEFAULT 0 NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    CONSTRAINT outreach_kind_check CHECK ((kind = ANY (ARRAY['conference'::text, 'broadcast'::text, 'poster'::text, 'online'::text, 'contest'::text, 'meeting'::text])))
);

ALTER TABLE public.outreach ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.outreach_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.posting_files (
    posting_id bigint NOT NULL,
    version integer NOT NULL,
    seq integer NOT NULL,
    sha256 text NOT NULL,
    filename text NOT NULL
);

CREATE TABLE public.posting_versions (
    posting_id bigint NOT NULL,
    version integer NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    body text NOT NULL,
    change_note text NOT NULL,
    content_sha256 text NOT NULL,
    created_by bigint NOT NULL,
    created_at integer NOT NULL
);

CREATE TABLE public.postings (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    item_id bigint NOT NULL,
    decision_date text NOT NULL,
    decision_ref text NOT NULL,
    status text NOT NULL,
    is_public integer NOT NULL,
    forms text NOT NULL,
    location text NOT NULL,
    radio_dates text NOT NULL,
    period_days integer NOT NULL,
    short_reason text NOT NULL,
    start_date text,
    end_date text,
    version integer NOT NULL,
    search_doc text NOT NULL,
    created_by bigint NOT NULL,
    created_at integer NOT NULL,
    published_at integer,
    withdrawn_at integer,
    withdraw_reason text NOT NULL,
    audio_sha256 text,
    CONSTRAINT postings_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'published'::text, 'withdrawn'::text])))
);

ALTER TABLE public.postings ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.postings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.project_milestones (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    title text NOT NULL,
    due_day bigint NOT NULL,
    done_day bigint DEFAULT 0 NOT NULL
);

ALTER TABLE public.project_milestones ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.project_milestones_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.project_progress (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    day bigint NOT NULL,
    percent bigint NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    by_user bigint,
    at bigint NOT NULL,
    CONSTRAINT project_progress_percent_check CHECK (((percent >= 0) AND (percent <= 100)))
);

ALTER TABLE public.project_progress ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.project_progress_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.projects (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    parent_id bigint,
    title text NOT NULL,
    title_fold text NOT NULL,
    kind text NOT NULL,
    budget bigint DEFAULT 0 NOT NULL,
    sources text DEFAULT ''::text NOT NULL,
    investor text DEFAULT ''::text NOT NULL,
    contractor text DEFAULT ''::text NOT NULL,
    location text DEFAULT ''::text NOT NULL,
    start_day bigint NOT NULL,
    end_day bigint NOT NULL,
    weight bigint DEFAULT 0 NOT NULL,
    progress bigint DEFAULT 0 NOT NULL,
    status text NOT NULL,
    done_day bigint DEFAULT 0 NOT NULL,
    created_by bigint,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    CONSTRAINT projects_kind_check CHECK ((kind = ANY (ARRAY['public'::text, 'ppp'::text, 'community'::text, 'sponsored'::text]))),
    CONSTRAINT projects_progress_check CHECK (((progress >= 0) AND (progress <= 100))),
    CONSTRAINT projects_status_check CHECK ((status = ANY (ARRAY['ongoing'::text, 'done'::text, 'suspended'::text])))
);

ALTER TABLE public.projects ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.reception (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    day bigint NOT NULL,
    name text NOT NULL,
    address text DEFAULT ''::text NOT NULL,
    id_number text DEFAULT ''::text NOT NULL,
    summary text NOT NULL,
    kind text NOT NULL,
    people bigint DEFAULT 1 NOT NULL,
    handled_by text DEFAULT ''::text NOT NULL,
    in_competence bigint DEFAULT 1 NOT NULL,
    guidance text DEFAULT ''::text NOT NULL,
    accepted_by text DEFAULT ''::text NOT NULL,
    follow_up text DEFAULT ''::text NOT NULL,
    notes text DEFAULT ''::text NOT NULL,
    refused bigint DEFAULT 0 NOT NULL,
    case_id bigint,
    received_by text DEFAULT ''::text NOT NULL,
    created_by bigint,
    created_at bigint NOT NULL,
    notice_due bigint DEFAULT 0 NOT NULL,
    notified_day bigint DEFAULT 0 NOT NULL
);

ALTER TABLE public.reception ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reception_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.regulations (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    kind text NOT NULL,
    number text NOT NULL,
    title text NOT NULL,
    issued_on bigint NOT NULL,
    created_at bigint NOT NULL,
    created_by bigint,
    CONSTRAINT regulations_kind_check CHECK ((kind = ANY (ARRAY['regulation'::text, 'measures_resolution'::text])))
);

ALTER TABLE public.regulations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.regulations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.residents (
    id bigint NOT NULL,
    household_id bigint NOT NULL,
    full_name text NOT NULL,
    name_fold text NOT NULL,
    birth_year integer,
    is_representative integer DEFAULT 0 NOT NULL,
    phone text
);

ALTER TABLE public.residents ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.residents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.resolutions (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    effective bigint NOT NULL,
    year_from integer NOT NULL,
    year_to integer NOT NULL,
    source text NOT NULL,
    sha256 text NOT NULL,
    loaded_at bigint NOT NULL,
    loaded_by bigint
);

ALTER TABLE public.resolutions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.resolutions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at bigint NOT NULL
);

CREATE TABLE public.scorecard_points (
    unit_id bigint NOT NULL,
    card text NOT NULL,
    item text NOT NULL,
    points bigint NOT NULL,
    set_at bigint NOT NULL,
    set_by bigint,
    CONSTRAINT scorecard_points_card_check CHECK ((card = ANY (ARRAY['democracy'::text, 'legal_access'::text])))
);

CREATE TABLE public.sessions (
    token_hash text NOT NULL,
    user_id bigint NOT NULL,
    csrf text NOT NULL,
    created_at bigint NOT NULL,
    seen_at bigint NOT NULL,
    assist_resident_id bigint,
    assist_until integer
);

CREATE TABLE public.settings (
    key text NOT NULL,
    value text NOT NULL
);

CREATE TABLE public.sms_inbound (
    gateway text NOT NULL,
    ref text NOT NULL,
    at bigint NOT NULL
);

CREATE TABLE public.target_snapshots (
    resolution_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    quarter text NOT NULL,
    target text NOT NULL,
    num bigint NOT NULL,
    den bigint NOT NULL,
    taken_at bigint NOT NULL
);

CREATE TABLE public.unit_staff (
    unit_id bigint NOT NULL,
    staff bigint NOT NULL,
    day bigint NOT NULL,
    CONSTRAINT unit_staff_staff_check CHECK ((staff >= 0))
);

CREATE TABLE public.units (
    id bigint NOT NULL,
    code text NOT NULL COLLATE pg_catalog."C",
    kind text NOT NULL,
    name text NOT NULL,
    title text NOT NULL,
    name_fold text NOT NULL COLLATE pg_catalog."C",
    parent_id bigint,
    path text NOT NULL COLLATE pg_catalog."C",
    households integer DEFAULT 0 NOT NULL,
    people integer DEFAULT 0 NOT NULL,
    created_at integer NOT NULL,
    CONSTRAINT units_kind_check CHECK ((kind = ANY (ARRAY['province'::text, 'commune'::text, 'ward'::text, 'special_zone'::text, 'village'::text, 'residential_group'::text, 'agency'::text, 'public_unit'::text, 'employer'::text])))
);

ALTER TABLE public.units ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.units_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.user_roles (
    user_id bigint NOT NULL,
    role text NOT NULL,
    unit_id bigint,
    CONSTRAINT user_roles_role_check CHECK ((role = ANY (ARRAY['resident'::text, 'village_head'::text, 'front_committee_head'::text, 'commune_officer'::text, 'commune_chair'::text, 'front_officer'::text, 'board_member'::text, 'supervisor'::text, 'agency_head'::text, 'union_officer'::text, 'province_admin'::text, 'sysadmin'::text])))
);

CREATE TABLE public.users (
    id bigint NOT NULL,
    username text NOT NULL,
    full_name text NOT NULL,
    password_hash text NOT NULL,
    resident_id bigint,
    active integer DEFAULT 1 NOT NULL,
    created_at integer NOT NULL
);

ALTER TABLE public.users ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY public.awards
    ADD CONSTRAINT awards_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ballot_distribution
    ADD CONSTRAINT ballot_distribution_pkey PRIMARY KEY (matter_id, household_id);

ALTER TABLE ONLY public.blobs
    ADD CONSTRAINT blobs_pkey PRIMARY KEY (sha256);

ALTER TABLE ONLY public.board_members
    ADD CONSTRAINT board_members_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.board_plans
    ADD CONSTRAINT board_plans_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.board_plans
    ADD CONSTRAINT board_plans_series_version_key UNIQUE (series, version);

ALTER TABLE ONLY public.board_recs
    ADD CONSTRAINT board_recs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.board_reports
    ADD CONSTRAINT board_reports_board_id_period_from_day_key UNIQUE (board_id, period, from_day);

ALTER TABLE ONLY public.board_reports
    ADD CONSTRAINT board_reports_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.boards
    ADD CONSTRAINT boards_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.budget_lines
    ADD CONSTRAINT budget_lines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.budget_lines
    ADD CONSTRAINT budget_lines_unit_id_year_activity_source_key UNIQUE (unit_id, year, activity, source);

ALTER TABLE ONLY public.budget_spending
    ADD CONSTRAINT budget_spending_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.case_counts
    ADD CONSTRAINT case_counts_pkey PRIMARY KEY (unit_id, kind, status, channel, category);

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.case_files
    ADD CONSTRAINT case_files_pkey PRIMARY KEY (case_id, seq);

ALTER TABLE ONLY public.case_ratings
    ADD CONSTRAINT case_ratings_pkey PRIMARY KEY (case_id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_code_key UNIQUE (code);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.comment_moderation
    ADD CONSTRAINT comment_moderation_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.conference_items
    ADD CONSTRAINT conference_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.conferences
    ADD CONSTRAINT conferences_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.consultation_answers
    ADD CONSTRAINT consultation_answers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.consultation_comments
    ADD CONSTRAINT consultation_comments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.consultation_persons
    ADD CONSTRAINT consultation_persons_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.consultation_tallies
    ADD CONSTRAINT consultation_tallies_pkey PRIMARY KEY (consultation_id, anchor);

ALTER TABLE ONLY public.consultation_villages
    ADD CONSTRAINT consultation_villages_pkey PRIMARY KEY (consultation_id, village_id);

ALTER TABLE ONLY public.consultation_votes
    ADD CONSTRAINT consultation_votes_pkey PRIMARY KEY (consultation_id, anchor, user_id);

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.contest_attempts
    ADD CONSTRAINT contest_attempts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.contest_attempts
    ADD CONSTRAINT contest_attempts_token_key UNIQUE (token);

ALTER TABLE ONLY public.contest_entrants
    ADD CONSTRAINT contest_entrants_contest_id_citizen_id_key UNIQUE (contest_id, citizen_id);

ALTER TABLE ONLY public.contest_entrants
    ADD CONSTRAINT contest_entrants_contest_id_phone_key UNIQUE (contest_id, phone);

ALTER TABLE ONLY public.contest_entrants
    ADD CONSTRAINT contest_entrants_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.contest_questions
    ADD CONSTRAINT contest_questions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.contest_rounds
    ADD CONSTRAINT contest_rounds_contest_id_no_key UNIQUE (contest_id, no);

ALTER TABLE ONLY public.contest_rounds
    ADD CONSTRAINT contest_rounds_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.contests
    ADD CONSTRAINT contests_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.convention_steps
    ADD CONSTRAINT convention_steps_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.conventions
    ADD CONSTRAINT conventions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.course_participants
    ADD CONSTRAINT course_participants_pkey PRIMARY KEY (course_id, unit_id, name_fold);

ALTER TABLE ONLY public.courses
    ADD CONSTRAINT courses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.decision_rules
    ADD CONSTRAINT decision_rules_pkey PRIMARY KEY (item, scope, effective_from);

ALTER TABLE ONLY public.disclosure_items
    ADD CONSTRAINT disclosure_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.disclosure_items
    ADD CONSTRAINT disclosure_items_scope_number_effective_from_key UNIQUE (scope, number, effective_from);

ALTER TABLE ONLY public.dismissals
    ADD CONSTRAINT dismissals_pkey PRIMARY KEY (matter_id);

ALTER TABLE ONLY public.doc_series
    ADD CONSTRAINT doc_series_pkey PRIMARY KEY (unit_id, year, type);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_about_about_id_part_key UNIQUE (about, about_id, part);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_unit_id_type_year_seq_key UNIQUE (unit_id, type, year, seq);

ALTER TABLE ONLY public.draft_units
    ADD CONSTRAINT draft_units_consultation_id_version_anchor_key UNIQUE (consultation_id, version, anchor);

ALTER TABLE ONLY public.draft_units
    ADD CONSTRAINT draft_units_pkey PRIMARY KEY (consultation_id, version, seq);

ALTER TABLE ONLY public.election_candidates
    ADD CONSTRAINT election_candidates_pkey PRIMARY KEY (matter_id, seq);

ALTER TABLE ONLY public.elections
    ADD CONSTRAINT elections_pkey PRIMARY KEY (matter_id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.holidays
    ADD CONSTRAINT holidays_pkey PRIMARY KEY (day);

ALTER TABLE ONLY public.holidays_version
    ADD CONSTRAINT holidays_version_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_village_id_code_key UNIQUE (village_id, code);

ALTER TABLE ONLY public.idem_keys
    ADD CONSTRAINT idem_keys_pkey PRIMARY KEY (scope, key);

ALTER TABLE ONLY public.info_network
    ADD CONSTRAINT info_network_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.info_requests
    ADD CONSTRAINT info_requests_code_key UNIQUE (code);

ALTER TABLE ONLY public.info_requests
    ADD CONSTRAINT info_requests_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.initiative_consents
    ADD CONSTRAINT initiative_consents_pkey PRIMARY KEY (initiative_id, household_id);

ALTER TABLE ONLY public.initiatives
    ADD CONSTRAINT initiatives_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.inspection_findings
    ADD CONSTRAINT inspection_findings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ledger_checkpoints
    ADD CONSTRAINT ledger_checkpoints_pkey PRIMARY KEY (size);

ALTER TABLE ONLY public.ledger_leaves
    ADD CONSTRAINT ledger_leaves_event_id_key UNIQUE (event_id);

ALTER TABLE ONLY public.ledger_leaves
    ADD CONSTRAINT ledger_leaves_pkey PRIMARY KEY (idx);

ALTER TABLE ONLY public.ledger_nodes
    ADD CONSTRAINT ledger_nodes_pkey PRIMARY KEY (level, idx);

ALTER TABLE ONLY public.ledger_signer
    ADD CONSTRAINT ledger_signer_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.login_throttle
    ADD CONSTRAINT login_throttle_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.matter_acts
    ADD CONSTRAINT matter_acts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.matter_ballot_counts
    ADD CONSTRAINT matter_ballot_counts_pkey PRIMARY KEY (matter_id, stage, shard);

ALTER TABLE ONLY public.matter_electorate
    ADD CONSTRAINT matter_electorate_pkey PRIMARY KEY (matter_id, household_id);

ALTER TABLE ONLY public.matter_files
    ADD CONSTRAINT matter_files_pkey PRIMARY KEY (matter_id, seq);

ALTER TABLE ONLY public.matter_signoffs
    ADD CONSTRAINT matter_signoffs_matter_id_user_id_key UNIQUE (matter_id, user_id);

ALTER TABLE ONLY public.matter_signoffs
    ADD CONSTRAINT matter_signoffs_pkey PRIMARY KEY (matter_id, slot);

ALTER TABLE ONLY public.matter_turnout
    ADD CONSTRAINT matter_turnout_pkey PRIMARY KEY (matter_id, stage, household_id);

ALTER TABLE ONLY public.matter_votes_legacy
    ADD CONSTRAINT matter_votes_legacy_pkey PRIMARY KEY (matter_id, stage, receipt);

ALTER TABLE ONLY public.matter_votes
    ADD CONSTRAINT matter_votes_pkey PRIMARY KEY (matter_id, stage, tag);

ALTER TABLE ONLY public.matters
    ADD CONSTRAINT matters_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.meeting_attendance
    ADD CONSTRAINT meeting_attendance_pkey PRIMARY KEY (matter_id, household_id);

ALTER TABLE ONLY public.meeting_procedures
    ADD CONSTRAINT meeting_procedures_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.meeting_results
    ADD CONSTRAINT meeting_results_pkey PRIMARY KEY (matter_id, cluster);

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_pkey PRIMARY KEY (matter_id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_kind_subject_key UNIQUE (user_id, kind, subject);

ALTER TABLE ONLY public.notify_codes
    ADD CONSTRAINT notify_codes_pkey PRIMARY KEY (subject, household_id);

ALTER TABLE ONLY public.notify_gateways
    ADD CONSTRAINT notify_gateways_name_key UNIQUE (name);

ALTER TABLE ONLY public.notify_gateways
    ADD CONSTRAINT notify_gateways_pkey PRIMARY KEY (province, channel);

ALTER TABLE ONLY public.notify_optout
    ADD CONSTRAINT notify_optout_pkey PRIMARY KEY (address);

ALTER TABLE ONLY public.notify_prefs
    ADD CONSTRAINT notify_prefs_pkey PRIMARY KEY (user_id);

ALTER TABLE ONLY public.notify_tokens
    ADD CONSTRAINT notify_tokens_pkey PRIMARY KEY (gateway);

ALTER TABLE ONLY public.open311_keys
    ADD CONSTRAINT open311_keys_key_hash_key UNIQUE (key_hash);

ALTER TABLE ONLY public.open311_keys
    ADD CONSTRAINT open311_keys_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_idem_key UNIQUE (idem);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outreach
    ADD CONSTRAINT outreach_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.posting_files
    ADD CONSTRAINT posting_files_pkey PRIMARY KEY (posting_id, version, seq);

ALTER TABLE ONLY public.posting_versions
    ADD CONSTRAINT posting_versions_pkey PRIMARY KEY (posting_id, version);

ALTER TABLE ONLY public.postings
    ADD CONSTRAINT postings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.project_milestones
    ADD CONSTRAINT project_milestones_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.project_progress
    ADD CONSTRAINT project_progress_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.reception
    ADD CONSTRAINT reception_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.regulations
    ADD CONSTRAINT regulations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.residents
    ADD CONSTRAINT residents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.resolutions
    ADD CONSTRAINT resolutions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.resolutions
    ADD CONSTRAINT resolutions_unit_id_code_effective_key UNIQUE (unit_id, code, effective);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.scorecard_points
    ADD CONSTRAINT scorecard_points_pkey PRIMARY KEY (unit_id, card, item);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_hash);

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.sms_inbound
    ADD CONSTRAINT sms_inbound_pkey PRIMARY KEY (gateway, ref);

ALTER TABLE ONLY public.target_snapshots
    ADD CONSTRAINT target_snapshots_pkey PRIMARY KEY (resolution_id, quarter, unit_id, target);

ALTER TABLE ONLY public.unit_staff
    ADD CONSTRAINT unit_staff_pkey PRIMARY KEY (unit_id);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_code_key UNIQUE (code);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_path_key UNIQUE (path);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT user_roles_user_id_role_unit_id_key UNIQUE (user_id, role, unit_id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_username_key UNIQUE (username);

CREATE INDEX api_tokens_user ON public.api_tokens USING btree (user_id, created_at);

CREATE INDEX awards_unit ON public.awards USING btree (unit_id, decided_on);

CREATE INDEX board_members_board ON public.board_members USING btree (board_id, left_day);

CREATE INDEX board_members_user ON public.board_members USING btree (user_id) WHERE (user_id IS NOT NULL);

CREATE INDEX board_plans_board ON public.board_plans USING btree (board_id, current, from_day);

CREATE INDEX board_recs_board ON public.board_recs USING btree (board_id, id);

CREATE UNIQUE INDEX boards_inspection ON public.boards USING btree (unit_id) WHERE (kind = 'inspection'::text);

CREATE UNIQUE INDEX boards_project ON public.boards USING btree (project_id) WHERE (project_id IS NOT NULL);

CREATE INDEX budget_spending_line ON public.budget_spending USING btree (line_id);

CREATE INDEX case_events_case ON public.case_events USING btree (case_id, id);

CREATE INDEX case_ident_views_case ON public.case_ident_views USING btree (case_id);

CREATE INDEX case_ratings_unit ON public.case_ratings USING btree (unit_id);

CREATE INDEX cases_desk ON public.cases USING btree (unit_id, desk) WHERE (desk <> ''::text);

CREATE INDEX cases_handler_due ON public.cases USING btree (handler_id, due_day) WHERE ((due_day > 0) AND (handler_id IS NOT NULL));

CREATE UNIQUE INDEX cases_idem ON public.cases USING btree (idem) WHERE (idem IS NOT NULL);

CREATE UNIQUE INDEX cases_o311_token ON public.cases USING btree (o311_token) WHERE (o311_token IS NOT NULL);

CREATE INDEX cases_unit ON public.cases USING btree (unit_id, id);

CREATE INDEX cases_unit_due ON public.cases USING btree (unit_id, due_day) WHERE (due_day > 0);

CREATE INDEX cases_user ON public.cases USING btree (user_id) WHERE (user_id IS NOT NULL);

CREATE INDEX comment_moderation_c ON public.comment_moderation USING btree (comment_id, id);

CREATE INDEX conference_items_conf ON public.conference_items USING btree (conference_id, kind, id);

CREATE INDEX conference_items_owner ON public.conference_items USING btree (owner_id, done_day) WHERE (kind = 'task'::text);

CREATE INDEX conferences_unit ON public.conferences USING btree (unit_id, year, kind);

CREATE INDEX consultation_answers_c ON public.consultation_answers USING btree (consultation_id, id);

CREATE INDEX consultation_comments_answer ON public.consultation_comments USING btree (answer_id) WHERE (answer_id IS NOT NULL);

CREATE INDEX consultation_comments_c ON public.consultation_comments USING btree (consultation_id, cur_anchor, id);

CREATE UNIQUE INDEX consultation_comments_idem ON public.consultation_comments USING btree (idem) WHERE (idem IS NOT NULL);

CREATE INDEX consultation_persons_c ON public.consultation_persons USING btree (consultation_id, id);

CREATE INDEX consultation_persons_user ON public.consultation_persons USING btree (user_id) WHERE (user_id IS NOT NULL);

CREATE INDEX consultations_unit ON public.consultations USING btree (unit_id, id);

CREATE INDEX contest_attempts_entrant ON public.contest_attempts USING btree (entrant_id, round_id);

CREATE INDEX contest_attempts_round ON public.contest_attempts USING btree (round_id);

CREATE INDEX contest_questions_contest ON public.contest_questions USING btree (contest_id, level);

CREATE INDEX contests_unit ON public.contests USING btree (unit_id);

CREATE INDEX convention_steps_convention ON public.convention_steps USING btree (convention_id, id);

CREATE INDEX conventions_village ON public.conventions USING btree (village_id);

CREATE INDEX course_participants_person ON public.course_participants USING btree (unit_id, name_fold);

CREATE INDEX courses_unit ON public.courses USING btree (unit_id, ends);

CREATE INDEX documents_number ON public.documents USING btree (number);

CREATE INDEX documents_pdf ON public.documents USING btree (pdf_sha256);

CREATE INDEX events_subject ON public.events USING btree (subject, id);

CREATE INDEX events_unit ON public.events USING btree (unit_id, id);

CREATE INDEX idem_keys_created ON public.idem_keys USING btree (created_at);

CREATE INDEX info_network_unit ON public.info_network USING btree (unit_id);

CREATE INDEX info_requests_unit ON public.info_requests USING btree (unit_id, status, created_at);

CREATE INDEX initiatives_unit ON public.initiatives USING btree (unit_id, created_at);

CREATE INDEX inspection_findings_insp ON public.inspection_findings USING btree (inspection_id, id);

CREATE INDEX inspections_board ON public.inspections USING btree (board_id, start_day);

CREATE INDEX matter_acts_matter ON public.matter_acts USING btree (matter_id, id);

CREATE INDEX matter_votes_household ON public.matter_votes USING btree (matter_id, stage, household_id) WHERE (household_id IS NOT NULL);

CREATE INDEX matters_parent ON public.matters USING btree (parent_id);

CREATE INDEX matters_unit ON public.matters USING btree (unit_id, closes_at);

CREATE INDEX meeting_procedures_matter ON public.meeting_procedures USING btree (matter_id, cluster, kind);

CREATE INDEX notify_attempts_msg ON public.notify_attempts USING btree (outbox_id, at);

CREATE INDEX notify_codes_phone ON public.notify_codes USING btree (phone);

CREATE INDEX outbox_address ON public.outbox USING btree (address, done_at) WHERE (address <> ''::text);

CREATE INDEX outbox_due ON public.outbox USING btree (due_at) WHERE (status = 'waiting'::text);

CREATE INDEX outreach_unit ON public.outreach USING btree (unit_id, held_on);

CREATE INDEX postings_pub ON public.postings USING btree (status, published_at);

CREATE INDEX postings_search ON public.postings USING gin (to_tsvector('simple'::regconfig, search_doc)) WHERE (status <> 'draft'::text);

CREATE INDEX postings_unit ON public.postings USING btree (unit_id, status, start_date);

CREATE INDEX project_milestones_project ON public.project_milestones USING btree (project_id, due_day);

CREATE INDEX project_progress_project ON public.project_progress USING btree (project_id, id);

CREATE INDEX projects_parent ON public.projects USING btree (parent_id);

CREATE INDEX projects_unit ON public.projects USING btree (unit_id, id);

CREATE INDEX reception_notice ON public.reception USING btree (unit_id, notice_due) WHERE ((refused = 1) AND (notified_day = 0));

CREATE INDEX reception_unit ON public.reception USING btree (unit_id, day);

CREATE INDEX regulations_unit ON public.regulations USING btree (unit_id, kind, issued_on);

CREATE INDEX residents_household ON public.residents USING btree (household_id);

CREATE INDEX residents_phone ON public.residents USING btree (phone) WHERE (phone IS NOT NULL);

CREATE INDEX sessions_user ON public.sessions USING btree (user_id);

CREATE INDEX target_snapshots_unit ON public.target_snapshots USING btree (unit_id, quarter);

CREATE INDEX units_parent ON public.units USING btree (parent_id, code);

CREATE INDEX units_subtree ON public.units USING btree (path, kind, households, people);

CREATE INDEX user_roles_unit ON public.user_roles USING btree (unit_id);

CREATE TRIGGER case_counts_keep AFTER INSERT OR DELETE OR UPDATE OF unit_id, kind, status, channel, category, on_time, resolved_day, received_day ON public.cases FOR EACH ROW EXECUTE FUNCTION public.case_counts_keep();

CREATE TRIGGER consultation_tallies_comments AFTER INSERT OR UPDATE OF cur_anchor, hidden, answer_id ON public.consultation_comments FOR EACH ROW EXECUTE FUNCTION public.consultation_tallies_comments();

CREATE TRIGGER consultation_tallies_votes AFTER INSERT OR DELETE OR UPDATE OF value ON public.consultation_votes FOR EACH ROW EXECUTE FUNCTION public.consultation_tallies_votes();

CREATE TRIGGER disclosure_items_keep_history BEFORE DELETE OR UPDATE ON public.disclosure_items FOR EACH ROW EXECUTE FUNCTION public.disclosure_items_history();

CREATE TRIGGER election_votes_bound AFTER UPDATE OF votes ON public.election_candidates FOR EACH ROW EXECUTE FUNCTION public.election_votes_bound();

CREATE TRIGGER events_no_update BEFORE DELETE OR UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.events_append_only();

CREATE TRIGGER holidays_version_bump AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.holidays FOR EACH STATEMENT EXECUTE FUNCTION public.holidays_version_bump();

CREATE TRIGGER ledger_checkpoints_append_only BEFORE DELETE OR UPDATE ON public.ledger_checkpoints FOR EACH ROW EXECUTE FUNCTION public.ledger_append_only();

CREATE TRIGGER ledger_leaves_append_only BEFORE DELETE OR UPDATE ON public.ledger_leaves FOR EACH ROW EXECUTE FUNCTION public.ledger_append_only();

CREATE TRIGGER ledger_nodes_append_only BEFORE DELETE OR UPDATE ON public.ledger_nodes FOR EACH ROW EXECUTE FUNCTION public.ledger_append_only();

CREATE TRIGGER matter_signoffs_electorate BEFORE INSERT ON public.matter_signoffs FOR EACH ROW EXECUTE FUNCTION public.matter_signoffs_electorate();

CREATE TRIGGER matter_votes_count AFTER INSERT OR DELETE ON public.matter_votes FOR EACH ROW EXECUTE FUNCTION public.matter_votes_count();

CREATE TRIGGER meeting_results_bound BEFORE INSERT OR UPDATE ON public.meeting_results FOR EACH ROW EXECUTE FUNCTION public.meeting_results_bound();

CREATE TRIGGER posting_versions_keep BEFORE DELETE OR UPDATE ON public.posting_versions FOR EACH ROW EXECUTE FUNCTION public.posting_versions_keep();

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.awards
    ADD CONSTRAINT awards_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.awards
    ADD CONSTRAINT awards_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.ballot_distribution
    ADD CONSTRAINT ballot_distribution_electorate FOREIGN KEY (matter_id, household_id) REFERENCES public.matter_electorate(matter_id, household_id);

ALTER TABLE ONLY public.ballot_distribution
    ADD CONSTRAINT ballot_distribution_given_by_fkey FOREIGN KEY (given_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.ballot_distribution
    ADD CONSTRAINT ballot_distribution_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.ballot_distribution
    ADD CONSTRAINT ballot_distribution_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.board_members
    ADD CONSTRAINT board_members_board_id_fkey FOREIGN KEY (board_id) REFERENCES public.boards(id);

ALTER TABLE ONLY public.board_members
    ADD CONSTRAINT board_members_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.board_members
    ADD CONSTRAINT board_members_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.board_members
    ADD CONSTRAINT board_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.board_members
    ADD CONSTRAINT board_members_village_id_fkey FOREIGN KEY (village_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.board_plans
    ADD CONSTRAINT board_plans_board_id_fkey FOREIGN KEY (board_id) REFERENCES public.boards(id);

ALTER TABLE ONLY public.board_plans
    ADD CONSTRAINT board_plans_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.board_recs
    ADD CONSTRAINT board_recs_board_id_fkey FOREIGN KEY (board_id) REFERENCES public.boards(id);

ALTER TABLE ONLY public.board_recs
    ADD CONSTRAINT board_recs_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.board_recs
    ADD CONSTRAINT board_recs_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.board_recs
    ADD CONSTRAINT board_recs_inspection_id_fkey FOREIGN KEY (inspection_id) REFERENCES public.inspections(id);

ALTER TABLE ONLY public.board_reports
    ADD CONSTRAINT board_reports_board_id_fkey FOREIGN KEY (board_id) REFERENCES public.boards(id);

ALTER TABLE ONLY public.board_reports
    ADD CONSTRAINT board_reports_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.boards
    ADD CONSTRAINT boards_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.boards
    ADD CONSTRAINT boards_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id);

ALTER TABLE ONLY public.boards
    ADD CONSTRAINT boards_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.budget_lines
    ADD CONSTRAINT budget_lines_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.budget_lines
    ADD CONSTRAINT budget_lines_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.budget_spending
    ADD CONSTRAINT budget_spending_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.budget_spending
    ADD CONSTRAINT budget_spending_line_id_fkey FOREIGN KEY (line_id) REFERENCES public.budget_lines(id);

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_actor_fkey FOREIGN KEY (actor) REFERENCES public.users(id);

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.case_files
    ADD CONSTRAINT case_files_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.case_files
    ADD CONSTRAINT case_files_sha256_fkey FOREIGN KEY (sha256) REFERENCES public.blobs(sha256);

ALTER TABLE ONLY public.case_ident_views
    ADD CONSTRAINT case_ident_views_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.case_ident_views
    ADD CONSTRAINT case_ident_views_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.case_ratings
    ADD CONSTRAINT case_ratings_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.case_ratings
    ADD CONSTRAINT case_ratings_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_handler_id_fkey FOREIGN KEY (handler_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_village_id_fkey FOREIGN KEY (village_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.comment_moderation
    ADD CONSTRAINT comment_moderation_actor_fkey FOREIGN KEY (actor) REFERENCES public.users(id);

ALTER TABLE ONLY public.comment_moderation
    ADD CONSTRAINT comment_moderation_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES public.consultation_comments(id);

ALTER TABLE ONLY public.conference_items
    ADD CONSTRAINT conference_items_conference_id_fkey FOREIGN KEY (conference_id) REFERENCES public.conferences(id);

ALTER TABLE ONLY public.conference_items
    ADD CONSTRAINT conference_items_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.conferences
    ADD CONSTRAINT conferences_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.conferences
    ADD CONSTRAINT conferences_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.consultation_answers
    ADD CONSTRAINT consultation_answers_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultation_answers
    ADD CONSTRAINT consultation_answers_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.consultation_comments
    ADD CONSTRAINT consultation_comments_answer_id_fkey FOREIGN KEY (answer_id) REFERENCES public.consultation_answers(id);

ALTER TABLE ONLY public.consultation_comments
    ADD CONSTRAINT consultation_comments_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.consultation_comments
    ADD CONSTRAINT consultation_comments_entered_by_fkey FOREIGN KEY (entered_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultation_comments
    ADD CONSTRAINT consultation_comments_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultation_comments
    ADD CONSTRAINT consultation_comments_village_id_fkey FOREIGN KEY (village_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.consultation_persons
    ADD CONSTRAINT consultation_persons_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.consultation_persons
    ADD CONSTRAINT consultation_persons_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultation_villages
    ADD CONSTRAINT consultation_villages_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.consultation_villages
    ADD CONSTRAINT consultation_villages_village_id_fkey FOREIGN KEY (village_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.consultation_votes
    ADD CONSTRAINT consultation_votes_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.consultation_votes
    ADD CONSTRAINT consultation_votes_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.postings(id);

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_signed_by_fkey FOREIGN KEY (signed_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.contest_attempts
    ADD CONSTRAINT contest_attempts_entrant_id_fkey FOREIGN KEY (entrant_id) REFERENCES public.contest_entrants(id);

ALTER TABLE ONLY public.contest_attempts
    ADD CONSTRAINT contest_attempts_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.contest_rounds(id);

ALTER TABLE ONLY public.contest_entrants
    ADD CONSTRAINT contest_entrants_contest_id_fkey FOREIGN KEY (contest_id) REFERENCES public.contests(id);

ALTER TABLE ONLY public.contest_entrants
    ADD CONSTRAINT contest_entrants_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.contest_questions
    ADD CONSTRAINT contest_questions_contest_id_fkey FOREIGN KEY (contest_id) REFERENCES public.contests(id);

ALTER TABLE ONLY public.contest_rounds
    ADD CONSTRAINT contest_rounds_contest_id_fkey FOREIGN KEY (contest_id) REFERENCES public.contests(id);

ALTER TABLE ONLY public.contests
    ADD CONSTRAINT contests_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.contests
    ADD CONSTRAINT contests_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.convention_steps
    ADD CONSTRAINT convention_steps_convention_id_fkey FOREIGN KEY (convention_id) REFERENCES public.conventions(id);

ALTER TABLE ONLY public.convention_steps
    ADD CONSTRAINT convention_steps_done_by_fkey FOREIGN KEY (done_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.conventions
    ADD CONSTRAINT conventions_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.conventions
    ADD CONSTRAINT conventions_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.conventions
    ADD CONSTRAINT conventions_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.conventions
    ADD CONSTRAINT conventions_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.conventions(id);

ALTER TABLE ONLY public.conventions
    ADD CONSTRAINT conventions_village_id_fkey FOREIGN KEY (village_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.course_participants
    ADD CONSTRAINT course_participants_course_id_fkey FOREIGN KEY (course_id) REFERENCES public.courses(id);

ALTER TABLE ONLY public.course_participants
    ADD CONSTRAINT course_participants_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.courses
    ADD CONSTRAINT courses_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.courses
    ADD CONSTRAINT courses_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.dismissals
    ADD CONSTRAINT dismissals_initiative_id_fkey FOREIGN KEY (initiative_id) REFERENCES public.initiatives(id);

ALTER TABLE ONLY public.dismissals
    ADD CONSTRAINT dismissals_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.doc_series
    ADD CONSTRAINT doc_series_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pdf_sha256_fkey FOREIGN KEY (pdf_sha256) REFERENCES public.blobs(sha256);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.draft_units
    ADD CONSTRAINT draft_units_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES public.consultations(id);

ALTER TABLE ONLY public.election_candidates
    ADD CONSTRAINT election_candidates_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.elections
    ADD CONSTRAINT elections_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_on_behalf_of_fkey FOREIGN KEY (on_behalf_of) REFERENCES public.residents(id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_village_id_fkey FOREIGN KEY (village_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.info_network
    ADD CONSTRAINT info_network_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.info_network
    ADD CONSTRAINT info_network_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.info_requests
    ADD CONSTRAINT info_requests_handler_id_fkey FOREIGN KEY (handler_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.info_requests
    ADD CONSTRAINT info_requests_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.postings(id);

ALTER TABLE ONLY public.info_requests
    ADD CONSTRAINT info_requests_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.initiative_consents
    ADD CONSTRAINT initiative_consents_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.initiative_consents
    ADD CONSTRAINT initiative_consents_initiative_id_fkey FOREIGN KEY (initiative_id) REFERENCES public.initiatives(id);

ALTER TABLE ONLY public.initiative_consents
    ADD CONSTRAINT initiative_consents_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.initiatives
    ADD CONSTRAINT initiatives_initiator_id_fkey FOREIGN KEY (initiator_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.initiatives
    ADD CONSTRAINT initiatives_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.inspection_findings
    ADD CONSTRAINT inspection_findings_inspection_id_fkey FOREIGN KEY (inspection_id) REFERENCES public.inspections(id);

ALTER TABLE ONLY public.inspection_findings
    ADD CONSTRAINT inspection_findings_sha256_fkey FOREIGN KEY (sha256) REFERENCES public.blobs(sha256);

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_board_id_fkey FOREIGN KEY (board_id) REFERENCES public.boards(id);

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES public.board_plans(id);

ALTER TABLE ONLY public.ledger_leaves
    ADD CONSTRAINT ledger_leaves_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id);

ALTER TABLE ONLY public.matter_acts
    ADD CONSTRAINT matter_acts_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matter_acts
    ADD CONSTRAINT matter_acts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.matter_ballot_counts
    ADD CONSTRAINT matter_ballot_counts_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matter_electorate
    ADD CONSTRAINT matter_electorate_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.matter_electorate
    ADD CONSTRAINT matter_electorate_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matter_files
    ADD CONSTRAINT matter_files_added_by_fkey FOREIGN KEY (added_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.matter_files
    ADD CONSTRAINT matter_files_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matter_files
    ADD CONSTRAINT matter_files_sha256_fkey FOREIGN KEY (sha256) REFERENCES public.blobs(sha256);

ALTER TABLE ONLY public.matter_signoffs
    ADD CONSTRAINT matter_signoffs_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matter_signoffs
    ADD CONSTRAINT matter_signoffs_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.matter_turnout
    ADD CONSTRAINT matter_turnout_electorate FOREIGN KEY (matter_id, household_id) REFERENCES public.matter_electorate(matter_id, household_id);

ALTER TABLE ONLY public.matter_turnout
    ADD CONSTRAINT matter_turnout_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.matter_votes_legacy
    ADD CONSTRAINT matter_votes_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.matter_votes
    ADD CONSTRAINT matter_votes_household_id_fkey1 FOREIGN KEY (household_id) REFERENCES public.households(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.matter_votes_legacy
    ADD CONSTRAINT matter_votes_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matter_votes
    ADD CONSTRAINT matter_votes_matter_id_fkey1 FOREIGN KEY (matter_id) REFERENCES public.matters(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.matters
    ADD CONSTRAINT matters_follows_fkey FOREIGN KEY (follows) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matters
    ADD CONSTRAINT matters_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.matters
    ADD CONSTRAINT matters_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.postings(id);

ALTER TABLE ONLY public.matters
    ADD CONSTRAINT matters_proposer_id_fkey FOREIGN KEY (proposer_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.matters
    ADD CONSTRAINT matters_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.meeting_attendance
    ADD CONSTRAINT meeting_attendance_electorate FOREIGN KEY (matter_id, household_id) REFERENCES public.matter_electorate(matter_id, household_id);

ALTER TABLE ONLY public.meeting_attendance
    ADD CONSTRAINT meeting_attendance_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.meeting_attendance
    ADD CONSTRAINT meeting_attendance_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.meeting_attendance
    ADD CONSTRAINT meeting_attendance_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.meeting_procedures
    ADD CONSTRAINT meeting_procedures_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.meeting_procedures
    ADD CONSTRAINT meeting_procedures_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.meeting_results
    ADD CONSTRAINT meeting_results_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.meeting_results
    ADD CONSTRAINT meeting_results_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_matter_id_fkey FOREIGN KEY (matter_id) REFERENCES public.matters(id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.notify_attempts
    ADD CONSTRAINT notify_attempts_outbox_id_fkey FOREIGN KEY (outbox_id) REFERENCES public.outbox(id);

ALTER TABLE ONLY public.notify_codes
    ADD CONSTRAINT notify_codes_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.notify_gateways
    ADD CONSTRAINT notify_gateways_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.notify_prefs
    ADD CONSTRAINT notify_prefs_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_resident_id_fkey FOREIGN KEY (resident_id) REFERENCES public.residents(id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.outreach
    ADD CONSTRAINT outreach_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.outreach
    ADD CONSTRAINT outreach_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.posting_files
    ADD CONSTRAINT posting_files_posting_id_version_fkey FOREIGN KEY (posting_id, version) REFERENCES public.posting_versions(posting_id, version);

ALTER TABLE ONLY public.posting_files
    ADD CONSTRAINT posting_files_sha256_fkey FOREIGN KEY (sha256) REFERENCES public.blobs(sha256);

ALTER TABLE ONLY public.posting_versions
    ADD CONSTRAINT posting_versions_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.posting_versions
    ADD CONSTRAINT posting_versions_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.postings(id);

ALTER TABLE ONLY public.postings
    ADD CONSTRAINT postings_audio_sha256_fkey FOREIGN KEY (audio_sha256) REFERENCES public.blobs(sha256);

ALTER TABLE ONLY public.postings
    ADD CONSTRAINT postings_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.postings
    ADD CONSTRAINT postings_item_id_fkey FOREIGN KEY (item_id) REFERENCES public.disclosure_items(id);

ALTER TABLE ONLY public.postings
    ADD CONSTRAINT postings_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.project_milestones
    ADD CONSTRAINT project_milestones_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id);

ALTER TABLE ONLY public.project_progress
    ADD CONSTRAINT project_progress_by_user_fkey FOREIGN KEY (by_user) REFERENCES public.users(id);

ALTER TABLE ONLY public.project_progress
    ADD CONSTRAINT project_progress_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.projects(id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.reception
    ADD CONSTRAINT reception_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

ALTER TABLE ONLY public.reception
    ADD CONSTRAINT reception_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.reception
    ADD CONSTRAINT reception_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.regulations
    ADD CONSTRAINT regulations_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.regulations
    ADD CONSTRAINT regulations_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.residents
    ADD CONSTRAINT residents_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id);

ALTER TABLE ONLY public.resolutions
    ADD CONSTRAINT resolutions_loaded_by_fkey FOREIGN KEY (loaded_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.resolutions
    ADD CONSTRAINT resolutions_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.scorecard_points
    ADD CONSTRAINT scorecard_points_set_by_fkey FOREIGN KEY (set_by) REFERENCES public.users(id);

ALTER TABLE ONLY public.scorecard_points
    ADD CONSTRAINT scorecard_points_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_assist_resident_id_fkey FOREIGN KEY (assist_resident_id) REFERENCES public.residents(id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.target_snapshots
    ADD CONSTRAINT target_snapshots_resolution_id_fkey FOREIGN KEY (resolution_id) REFERENCES public.resolutions(id);

ALTER TABLE ONLY public.target_snapshots
    ADD CONSTRAINT target_snapshots_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.unit_staff
    ADD CONSTRAINT unit_staff_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT user_roles_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_resident_id_fkey FOREIGN KEY (resident_id) REFERENCES public.residents(id);

