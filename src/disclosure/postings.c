/* postings.c — disclosure postings (see postings.h). */
#include "postings.h"
#include "../notify/notify.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../doc/doc.h"
#include "../units/units.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include "../util/crypto.h"
#include <ctype.h>
#include <jansson.h>
#include <magic.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const posting_status_names[POSTING__N] = {"draft", "published", "withdrawn"};

enum posting_status posting_status_of(const char *name)
{
	for (int k = 0; name && k < POSTING__N; k++)
		if (!strcmp(name, posting_status_names[k]))
			return (enum posting_status)k;
	return POSTING__N;
}

const char *posting_state(const struct posting *p, const char *today)
{
	if (p->status == POSTING_DRAFT)
		return "draft";
	if (p->status == POSTING_WITHDRAWN)
		return "withdrawn";
	if (*p->end_date && strcmp(p->end_date, today) < 0)
		return "archived";
	return "current";
}

int64_t posting_deadline(const struct ditem *d, const struct cal_table *hol, int64_t decision_day)
{
	/* Art. 12(2) communes and Art. 48 agencies: 5 working days; Art. 65
	 * enterprises: 15 days (calendar). The days are data in the catalogue. */
	if (d->deadline_working)
		return cal_add_working_days(hol, decision_day, d->deadline_days);
	return decision_day + d->deadline_days;
}

/* ---- permissions ---- */

bool posting_member(const struct user *u, const char *unit_path)
{
	for (size_t i = 0; u && i < u->nrole; i++) {
		const char *rp = u->roles[i].unit_path;
		if (str_starts(unit_path, rp))
			return true;
	}
	return false;
}

bool posting_may_publish(const struct user *u, const struct unit *unit)
{
	if (!u || !catalogue_scope_of_kind(unit->kind))
		return false;
	return (auth_caps_own(u, unit->path) & CAP_DISCLOSE) ||
	       (auth_caps_at(u, unit->path) & CAP_DISCLOSE_ALL);
}

bool posting_visible(const struct user *u, const struct posting *p)
{
	if (p->status == POSTING_DRAFT)
		return posting_may_publish(u, &p->unit);
	return p->is_public || posting_member(u, p->unit.path);
}

/* ---- validation ---- */

static void problem(struct posting_problem *pr, size_t *n, const char *field, const char *reason)
{
	if (*n < POSTING_MAX_PROBLEMS)
		pr[(*n)++] = (struct posting_problem){field, reason};
}

/* Splits a list of dates (';', ',' or spaces) into sorted unique days; false
 * when one is not a date. */
static bool parse_days(struct arena *a, const char *s, int64_t **out, size_t *n)
{
	size_t cap = 8, k = 0;
	int64_t *v = arena_alloc(a, cap * sizeof *v);
	char tmp[16];
	while (s && *s) {
		while (*s == ';' || *s == ',' || isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		size_t l = strcspn(s, ";, \t\r\n");
		if (l >= sizeof tmp)
			return false;
		memcpy(tmp, s, l);
		tmp[l] = 0;
		s += l;
		int64_t d;
		if (!cal_parse_date(tmp, &d))
			return false;
		v = arena_grow(a, v, k, &cap, sizeof *v);
		size_t i = k;
		while (i > 0 && v[i - 1] > d)
			i--;
		if (i > 0 && v[i - 1] == d)
			continue;
		memmove(v + i + 1, v + i, (k - i) * sizeof *v);
		v[i] = d;
		k++;
	}
	*out = v;
	*n = k;
	return true;
}

int posting_radio_run(struct arena *a, const char *dates)
{
	int64_t *d;
	size_t n;
	if (!parse_days(a, dates, &d, &n))
		return 0;
	int best = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = i > 0 && d[i] == d[i - 1] + 1 ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	return best;
}

/* Normalises a radio date list to sorted yyyy-mm-dd;... */
static const char *days_text(struct arena *a, const char *s)
{
	int64_t *d;
	size_t n;
	if (!parse_days(a, s, &d, &n) || !n)
		return "";
	char *t = arena_alloc(a, n * 11 + 1), *o = t;
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = ';';
		cal_format_iso(d[i], o);
		o += 10;
	}
	*o = 0;
	return t;
}

size_t posting_validate(struct arena *a, struct dbc *c, const struct unit *u,
			struct posting_input *in, int64_t today, bool correction, struct ditem *item,
			struct posting_problem *pr)
{
	size_t n = 0;
	if (!in->title || !*in->title || str_utf8_len(in->title) > POSTING_TITLE_MAX)
		problem(pr, &n, "title", msg(MSG_DP_BAD_TITLE));
	if (in->summary && str_utf8_len(in->summary) > POSTING_SUMMARY_MAX)
		problem(pr, &n, "summary", msg(MSG_DP_BAD_SUMMARY));
	if (in->body && strlen(in->body) > POSTING_BODY_MAX)
		problem(pr, &n, "body", msg(MSG_DP_BAD_BODY));
	if (correction) {
		if (!in->change_note || str_utf8_len(in->change_note) < POSTING_REASON_MIN)
			problem(pr, &n, "change_note", msg(MSG_DP_BAD_NOTE));
		return n;
	}
	const char *scope = catalogue_scope_of_kind(u->kind);
	int64_t dd = 0;
	if (!scope) {
		problem(pr, &n, "unit", msg(MSG_DP_BAD_UNIT));
		return n;
	}
	if (!in->decision_date || !cal_parse_date(in->decision_date, &dd) || dd > today) {
		problem(pr, &n, "decision_date", msg(MSG_DP_BAD_DECISION_DATE));
		return n;
	}
	char day[11];
	cal_format_iso(dd, day);
	in->decision_date = arena_strdup(a, day);
	if (!in->decision_ref || !*in->decision_ref || str_utf8_len(in->decision_ref) > 200)
		problem(pr, &n, "decision_ref", msg(MSG_DP_BAD_REF));
	struct ditem *rules;
	size_t nr;
	bool found = false;
	if (!catalogue_in_force(a, c, day, scope, &rules, &nr))
		for (size_t i = 0; i < nr; i++)
			if (rules[i].number == in->item_number) {
				*item = rules[i];
				found = true;
			}
	if (!found) {
		problem(pr, &n, "item", msg(MSG_DP_BAD_ITEM));
		return n;
	}
	/* forms: at least one, each allowed by the item (Art. 12(1), 47(1)) */
	size_t nforms = 0;
	bool has_posting = false, has_radio = false, bad_form = false;
	for (const char *p = in->forms ? in->forms : ""; *p;) {
		size_t l = strcspn(p, ";");
		char *f = arena_strndup(a, p, l);
		p += l + (p[l] == ';');
		if (!*f)
			continue;
		nforms++;
		if (!catalogue_item_allows(item, f))
			bad_form = true;
		has_posting |= !strcmp(f, "posting");
		has_radio |= !strcmp(f, "radio");
	}
	if (!nforms || bad_form)
		problem(pr, &n, "forms", msg(MSG_DP_BAD_FORMS));
	if (has_posting && (!in->location || !*in->location))
		problem(pr, &n, "location", msg(MSG_DP_NEED_LOCATION));
	if (in->location && str_utf8_len(in->location) > 300)
		problem(pr, &n, "location", msg(MSG_DP_NEED_LOCATION));
	int64_t *rd;
	size_t nrd;
	if (!parse_days(a, in->radio_dates, &rd, &nrd))
		problem(pr, &n, "radio_dates", msg(MSG_DP_BAD_RADIO));
	else if (has_radio && !nrd)
		problem(pr, &n, "radio_dates", msg(MSG_DP_NEED_RADIO));
	else
		in->radio_dates = days_text(a, in->radio_dates);
	/* period: permanent items stay posted (Art. 13(2)); others at least the
	 * minimum unless a reason is given, which compliance still flags */
	if (in->period_days < 0) /* not given: the item's minimum */
		in->period_days = item->min_days ? item->min_days : 30;
	if (item->permanent) {
		in->period_days = 0;
	} else if (in->period_days <= 0 || in->period_days > POSTING_PERIOD_MAX) {
		problem(pr, &n, "period_days", msg(MSG_DP_BAD_PERIOD));
	} else if (in->period_days < item->min_days &&
		   (!in->short_reason || str_utf8_len(in->short_reason) < POSTING_REASON_MIN)) {
		problem(pr, &n, "short_reason", msg(MSG_DP_NEED_SHORT_REASON));
	}
	if (in->period_days >= item->min_days || item->permanent)
		in->short_reason = "";
	if (!strcmp(scope, "commune"))
		in->is_public = true; /* Art. 11: communes disclose to the people */
	return n;
}

/* ---- files ---- */

static const char *const allowed_mime[] = {
	"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
	"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
	"application/vnd.oasis.opendocument.presentation"};

static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t magic_db;

/* Whether forms ("posting;portal;radio") include the loudspeakers. */
static bool has_radio(const char *forms)
{
	struct ditem d = {.forms = forms};
	return catalogue_item_allows(&d, "radio");
}

static const char *const audio_mime[] = {"audio/ogg", "audio/x-wav", "audio/wav", "audio/mpeg", "audio/x-m4a",
					  "audio/mp4"};

/* The type of the bytes (libmagic) when it is one of allowed: f->mime,
 * f->size and f->sha256 set; a Vietnamese reason otherwise. */
const char *blob_check(const char *data, size_t n, struct posting_file *f, const char *const *allowed, size_t nallowed,
		       enum msg_id refusal)
{
	if (!n)
		return msg(MSG_DP_FILE_EMPTY);
	pthread_mutex_lock(&magic_lock);
	if (!magic_db) {
		magic_db = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
		if (magic_db && magic_load(magic_db, NULL) != 0) {
			log_msg(LOG_ERROR, "libmagic: %s", magic_error(magic_db));
			magic_close(magic_db);
			magic_db = NULL;
		}
	}
	const char *m = magic_db ? magic_buffer(magic_db, data, n) : NULL;
	char mime[128] = "";
	if (m)
		snprintf(mime, sizeof mime, "%s", m);
	pthread_mutex_unlock(&magic_lock);
	for (size_t i = 0; i < nallowed; i++)
		if (!strcmp(mime, allowed[i])) {
			f->mime = allowed[i];
			f->size = (int64_t)n;
			char *hex = xmalloc(CRYPTO_HASH_HEX);
			crypto_sha256_hex(data, n, hex);
			f->sha256 = hex; /* the caller moves it into its arena */
			return NULL;
		}
	log_msg(LOG_INFO, "refused a file of type %s", *mime ? mime : "unknown");
	return msg(refusal);
}

const char *posting_file_check(const char *data, size_t n, struct posting_file *f)
{
	return blob_check(data, n, f, allowed_mime, sizeof allowed_mime / sizeof *allowed_mime, MSG_DP_FILE_TYPE);
}

const char *posting_audio_check(const char *data, size_t n, struct posting_file *f)
{
	return blob_check(data, n, f, audio_mime, sizeof audio_mime / sizeof *audio_mime, MSG_DP_AUDIO_TYPE);
}

struct rec_job {
	const struct posting_file *f;
	const char *data;
	int64_t id, actor, on_behalf, now;
};

static enum app_err recording_fn(struct dbc *c, void *arg)
{
	struct rec_job *j = arg;
	enum app_err e = blob_put(c, j->f, j->data, j->now);
	if (!e)
		e = db_run(c, STMT_POSTING_SET_AUDIO, "it", j->id, j->f->sha256);
	struct arena a;
	arena_init(&a);
	struct posting p;
	if (!e)
		e = posting_get(&a, c, j->id, &p);
	if (!e) {
		char payload[160];
		snprintf(payload, sizeof payload, "{\"sha256\":\"%s\",\"mime\":\"%s\"}", j->f->sha256, j->f->mime);
		struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->on_behalf, .unit = p.unit.id,
				   .kind = "disclosure.recording", .about = "posting", .about_id = j->id,
				   .public = p.is_public && p.status != POSTING_DRAFT, .payload = payload};
		e = events_add(c, &ev, NULL);
	}
	arena_free(&a);
	return e;
}

enum app_err posting_set_recording(struct db *db, const struct user *u, const struct posting *p,
				   const struct posting_file *f, const char *data, int64_t now)
{
	if (!posting_may_publish(u, &p->unit))
		return APP_EFORBID;
	if (!has_radio(p->forms))
		return APP_ECONFLICT;
	struct rec_job j = {f, data, p->id, u->id, u->assist_resident, now};
	return db_write(db, recording_fn, &j);
}

const char *posting_recording(struct arena *a, struct dbc *c, int64_t id)
{
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_AUDIO_GET);
	db_bind_i64(s, 1, id);
	const char *sha = NULL;
	if (!db_row(s) && !db_col_null(s, 0))
		sha = arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	return sha;
}

bool posting_has_radio(const struct posting *p)
{
	return has_radio(p->forms);
}

/* ---- content hash ---- */

/* SHA-256 (hex) of the canonical JSON of a version (docs/disclosure.md). */
static void content_hash(const struct unit *u, const struct ditem *d, const char *decision_date,
			 const char *decision_ref, int version, const char *title, const char *summary,
			 const char *body, const struct posting_file *files, size_t nfile, char out[65])
{
	json_t *fl = json_array();
	for (size_t i = 0; i < nfile; i++)
		json_array_append_new(fl, json_pack("{s:s, s:s}", "filename", files[i].filename, "sha256",
						    files[i].sha256));
	char item[32];
	snprintf(item, sizeof item, "%s/%d", d->scope, d->number);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:i}", "unit", u->code, "item",
			      item, "decision_date", decision_date, "decision_ref", decision_ref, "files", fl,
			      "title", title, "summary", summary, "body", body, "format",
			      "coso-disclosure-v1", "version", version);
	char *t = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
	crypto_sha256_hex(t, strlen(t), out);
	free(t);
	json_decref(o);
}

/* The search token of a unit code: "u" and its letters and digits, lower
 * case ("07582-UB" -> "u07582xub"); one word for the full-text tokenizers. */
static void scope_token(struct buf *b, const char *code, size_t n)
{
	buf_putc(b, 'u');
	for (size_t i = 0; i < n; i++)
		buf_putc(b, isalnum((unsigned char)code[i]) ? (char)tolower((unsigned char)code[i]) : 'x');
}

char *posting_search_doc(const char *unit_path, const char *title, const char *summary, const char *body)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s\n%s\n%s", title, summary ? summary : "", body ? body : "");
	char *f = str_fold(buf_str(&b));
	buf_reset(&b);
	/* the unit and every unit above it, so that a search within any subtree is
	 * one more word for the index to intersect */
	for (const char *p = unit_path; *p;) {
		p += *p == '/';
		size_t n = strcspn(p, "/");
		if (!n)
			break;
		scope_token(&b, p, n);
		buf_putc(&b, ' ');
		p += n;
	}
	buf_puts(&b, f);
	free(f);
	return buf_steal(&b);
}

/* ---- writes ---- */

struct pjob {
	int64_t id;                     /* posting (in/out) */
	const struct unit *u;
	const struct ditem *item;
	const struct posting_input *in;
	int64_t actor, on_behalf;
	int64_t now, today; /* the instant of the act, its day (UTC+7) */
	const char *reason;
	struct arena *a;
};

/* Runs a job in one durable write with a scratch arena. */
static enum app_err run_job(struct db *db, db_write_fn fn, struct pjob *j)
{
	struct arena a;
	arena_init(&a);
	j->a = &a;
	enum app_err e = db_write(db, fn, j);
	arena_free(&a);
	return e;
}

/* The job's posting, which must be in the given status (else a conflict). */
static enum app_err load_in_status(struct dbc *c, struct pjob *j, enum posting_status status, struct posting *p)
{
	enum app_err e = posting_get(j->a, c, j->id, p);
	if (!e && p->status != status)
		e = APP_ECONFLICT;
	return e;
}

enum app_err blob_put(struct dbc *c, const struct posting_file *f, const char *data, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_BLOB_PUT);
	db_bind_text(s, 1, f->sha256);
	db_bind_text(s, 2, f->mime);
	db_bind_i64(s, 3, f->size);
	db_bind_blob(s, 4, data, (size_t)f->size);
	db_bind_i64(s, 5, now);
	return db_exec(s);
}

static enum app_err put_files(struct dbc *c, int64_t id, int version, const struct posting_input *in,
			      int seq0, int64_t now)
{
	for (size_t i = 0; i < in->nfile; i++) {
		enum app_err e = blob_put(c, &in->files[i], in->file_data[i], now);
		if (e)
			return e;
		struct db_stmt *s = dbc_stmt(c, STMT_POSTING_FILE_INSERT);
		db_bind_i64(s, 1, id);
		db_bind_i64(s, 2, version);
		db_bind_i64(s, 3, seq0 + (int)i + 1);
		db_bind_text(s, 4, in->files[i].sha256);
		db_bind_text(s, 5, in->files[i].filename);
		if ((e = db_exec(s)))
			return e;
	}
	return APP_OK;
}

/* The notice of a version, or of the withdrawal, numbered in the act's own
 * write (Decree 30/2020 Art. 15): what the printed paper carries. */
static enum app_err issue_notice(struct dbc *c, const struct pjob *j, const struct posting *p, const char *part)
{
	struct doc_record d;
	return doc_issue(c, p->unit.id, DOC_NOTICE, doc_abbr(p->unit.kind, units_kind_is_commune_level(p->unit.kind)),
			 "posting", p->id, part, p->title, j->now, &d, j->a);
}

static enum app_err add_event(struct dbc *c, const struct pjob *j, const char *kind, bool public,
			      json_t *payload)
{
	char *t = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(payload);
	struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->on_behalf, .unit = j->u->id, .kind = kind,
			   .about = "posting", .about_id = j->id, .public = public, .payload = t};
	enum app_err e = events_add(c, &ev, NULL);
	free(t);
	return e;
}

static enum app_err insert_version(struct dbc *c, const struct pjob *j, int version, const char *decision_date,
				   const char *decision_ref, const struct posting_file *files, size_t nfile,
				   char sha[65])
{
	const struct posting_input *in = j->in;
	content_hash(j->u, j->item, decision_date, decision_ref, version, in->title, in->summary ? in->summary : "",
		     in->body ? in->body : "", files, nfile, sha);
	return db_run(c, STMT_POSTING_VERSION_INSERT, "iitttttii", (int64_t)j->id, (int64_t)version, in->title, in->summary ? in->summary : "", in->body ? in->body : "", version > 1 ? in->change_note : "", sha, (int64_t)j->actor, (int64_t)j->now);
}

static enum app_err draft_fn(struct dbc *c, void *arg)
{
	struct pjob *j = arg;
	const struct posting_input *in = j->in;
	char *doc = posting_search_doc(j->u->path, in->title, in->summary, in->body);
	struct db_stmt *s = dbc_stmt(c, j->id ? STMT_POSTING_UPDATE_DRAFT : STMT_POSTING_INSERT);
	db_bind_i64(s, 1, j->id ? j->id : j->u->id);
	db_bind_i64(s, 2, j->item->id);
	db_bind_text(s, 3, in->decision_date);
	db_bind_text(s, 4, in->decision_ref);
	db_bind_i64(s, 5, in->is_public);
	db_bind_text(s, 6, in->forms);
	db_bind_text(s, 7, in->location ? in->location : "");
	db_bind_text(s, 8, in->radio_dates ? in->radio_dates : "");
	db_bind_i64(s, 9, in->period_days);
	db_bind_text(s, 10, in->short_reason ? in->short_reason : "");
	db_bind_text(s, 11, doc);
	if (!j->id) {
		db_bind_i64(s, 12, j->actor);
		db_bind_i64(s, 13, j->now);
	}
	bool row;
	enum app_err e = db_step(s, &row);
	free(doc);
	if (!e && !j->id) {
		if (!row)
			e = APP_EDB;
		else
			j->id = db_col_i64(s, 0);
	}
	db_reset(s);
	if (e)
		return e;
	/* a draft keeps its previous files unless new ones replace them */
	const struct posting_file *files = in->files;
	size_t nfile = in->nfile;
	bool keep = in->keep_files && !in->nfile;
	if (keep) {
		struct posting_version *v;
		size_t nv;
		if ((e = posting_versions(j->a, c, j->id, &v, &nv)))
			return e;
		files = nv ? v[0].files : NULL;
		nfile = nv ? v[0].nfile : 0;
	}
	s = dbc_stmt(c, STMT_POSTING_DRAFT_CLEAR_FILES);
	db_bind_i64(s, 1, j->id);
	if ((e = db_exec(s)))
		return e;
	s = dbc_stmt(c, STMT_POSTING_DRAFT_CLEAR_VERSION);
	db_bind_i64(s, 1, j->id);
	if ((e = db_exec(s)))
		return e;
	char sha[65];
	if ((e = insert_version(c, j, 1, in->decision_date, in->decision_ref, files, nfile, sha)))
		return e;
	if (!keep)
		e = put_files(c, j->id, 1, in, 0, j->now);
	for (size_t i = 0; keep && !e && i < nfile; i++) {
		e = db_run(c, STMT_POSTING_FILE_INSERT, "iiitt", (int64_t)j->id, (int64_t)1, (int64_t)(files[i].seq), files[i].sha256, files[i].filename);
	}
	if (e)
		return e;
	/* the decision is recorded: an internal act; compliance counts from it */
	return add_event(c, j, "disclosure.draft", false,
			 json_pack("{s:I, s:s, s:i, s:s}", "posting", (json_int_t)j->id, "item_scope",
				   j->item->scope, "item", j->item->number, "decision_date", in->decision_date));
}

enum app_err posting_save_draft(struct db *db, const struct unit *u, const struct ditem *item,
				const struct posting_input *in, int64_t actor, int64_t on_behalf, int64_t now,
				int64_t *id)
{
	struct pjob j = {.id = *id, .u = u, .item = item, .in = in, .actor = actor, .on_behalf = on_behalf, .now = now};
	enum app_err e = run_job(db, draft_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}

static json_t *posting_payload(const struct posting *p, int version, const char *sha)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:s, s:i, s:s, s:s, s:s}", "posting", (json_int_t)p->id, "unit",
			 p->unit.code, "item_scope", p->item.scope, "item", p->item.number, "title", p->title,
			 "version", version, "content_sha256", sha, "start_date", p->start_date, "end_date",
			 p->end_date);
}

static enum app_err fts_set(struct dbc *c, int64_t id, const char *doc)
{
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_FTS_DELETE);
	db_bind_i64(s, 1, id);
	enum app_err e = db_exec(s);
	if (e)
		return e;
	return db_run(c, STMT_POSTING_FTS_INSERT, "it", (int64_t)id, doc);
}

/* The households of the unit that chose to hear of its disclosures learn of
 * a public posting, in the same transaction (issue #14; Law 10/2022 Art. 11:
 * what is disclosed is also announced to the people). */
static enum app_err notify_posted(struct dbc *c, struct pjob *j, const struct posting *p, const char *title)
{
	char from[11];
	cal_format_vn(j->today, from);
	const struct notify_param pm[] = {{"unit", p->unit.title}, {"title", title}, {"when", from}};
	struct notify_msg m = {.kind = "disclosure.posted", .subject = arena_printf(j->a, "posting:%lld", (long long)j->id),
			       .href = arena_printf(j->a, "/disclosures/%lld", (long long)j->id), .params = pm,
			       .nparams = ARRAY_SIZE(pm)};
	return notify_households(c, p->unit.id, &m, false, j->now);
}

static enum app_err publish_fn(struct dbc *c, void *arg)
{
	struct pjob *j = arg;
	struct posting p;
	enum app_err e = load_in_status(c, j, POSTING_DRAFT, &p);
	if (e)
		return e;
	char start[11], end[11];
	cal_format_iso(j->today, start);
	cal_format_iso(j->today + p.period_days - 1, end);
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_PUBLISH);
	db_bind_i64(s, 1, j->id);
	db_bind_text(s, 2, start);
	db_bind_text(s, 3, p.period_days ? end : NULL);
	db_bind_i64(s, 4, j->now);
	if ((e = db_exec(s)))
		return e;
	p.start_date = start;
	p.end_date = p.period_days ? end : "";
	struct posting_version *v;
	size_t nv;
	if ((e = posting_versions(j->a, c, j->id, &v, &nv)) || !nv)
		return e ? e : APP_EDB;
	char *doc = posting_search_doc(p.unit.path, v[nv - 1].title, v[nv - 1].summary, v[nv - 1].body);
	e = fts_set(c, j->id, doc);
	free(doc);
	if (e)
		return e;
	j->u = &p.unit;
	if ((e = issue_notice(c, j, &p, arena_printf(j->a, "notice.%d", p.version))))
		return e;
	if (p.is_public && (e = notify_posted(c, j, &p, v[nv - 1].title)))
		return e;
	return add_event(c, j, "disclosure.publish", p.is_public, posting_payload(&p, p.version, p.content_sha256));
}

enum app_err posting_publish(struct db *db, int64_t id, int64_t actor, int64_t on_behalf, int64_t now)
{
	struct pjob j = {.id = id, .actor = actor, .on_behalf = on_behalf, .now = now, .today = cal_today(now)};
	return run_job(db, publish_fn, &j);
}

static enum app_err correct_fn(struct dbc *c, void *arg)
{
	struct pjob *j = arg;
	struct posting p;
	enum app_err e = load_in_status(c, j, POSTING_PUBLISHED, &p);
	if (e)
		return e;
	struct posting_version *v;
	size_t nv;
	if ((e = posting_versions(j->a, c, j->id, &v, &nv)) || !nv)
		return e ? e : APP_EDB;
	const struct posting_version *last = &v[nv - 1];
	int version = p.version + 1;
	j->u = &p.unit;
	j->item = &p.item;
	/* files of the new version: the previous ones (kept) then the new ones */
	size_t nk = j->in->keep_files ? last->nfile : 0;
	struct posting_file *all = arena_alloc(j->a, (nk + j->in->nfile + 1) * sizeof *all);
	if (nk)
		memcpy(all, last->files, nk * sizeof *all);
	if (j->in->nfile)
		memcpy(all + nk, j->in->files, j->in->nfile * sizeof *all);
	char sha[65];
	if ((e = insert_version(c, j, version, p.decision_date, p.decision_ref, all, nk + j->in->nfile, sha)))
		return e;
	if (nk) {
		struct db_stmt *s = dbc_stmt(c, STMT_POSTING_FILES_CARRY);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, last->version);
		db_bind_i64(s, 3, version);
		if ((e = db_exec(s)))
			return e;
	}
	int maxseq = 0;
	for (size_t i = 0; i < nk; i++)
		if (all[i].seq > maxseq)
			maxseq = all[i].seq;
	if ((e = put_files(c, j->id, version, j->in, maxseq, j->now)))
		return e;
	char *doc = posting_search_doc(p.unit.path, j->in->title, j->in->summary, j->in->body);
	e = db_run(c, STMT_POSTING_SET_VERSION, "iit", (int64_t)j->id, (int64_t)version, doc);
	if (!e)
		e = fts_set(c, j->id, doc);
	free(doc);
	if (e)
		return e;
	p.title = j->in->title;
	if ((e = issue_notice(c, j, &p, arena_printf(j->a, "notice.%d", version))))
		return e;
	json_t *pl = posting_payload(&p, version, sha);
	json_object_set_new(pl, "change_note", json_string(j->in->change_note));
	json_object_set_new(pl, "previous_sha256", json_string(last->content_sha256));
	return add_event(c, j, "disclosure.correct", p.is_public, pl);
}

enum app_err posting_correct(struct db *db, int64_t id, const struct posting_input *in, int64_t actor,
			     int64_t on_behalf, int64_t now)
{
	struct pjob j = {.id = id, .in = in, .actor = actor, .on_behalf = on_behalf, .now = now};
	return run_job(db, correct_fn, &j);
}

static enum app_err withdraw_fn(struct dbc *c, void *arg)
{
	struct pjob *j = arg;
	struct posting p;
	enum app_err e = load_in_status(c, j, POSTING_PUBLISHED, &p);
	if (e)
		return e;
	/* the last day posted is the day before the withdrawal, never before the first */
	char last[11];
	int64_t sd;
	cal_parse_date(p.start_date, &sd);
	cal_format_iso(j->today - 1 < sd ? sd : j->today - 1, last);
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_WITHDRAW);
	db_bind_i64(s, 1, j->id);
	db_bind_text(s, 2, j->reason);
	db_bind_i64(s, 3, j->now);
	db_bind_text(s, 4, last);
	if ((e = db_exec(s)))
		return e;
	j->u = &p.unit;
	if ((e = issue_notice(c, j, &p, "withdrawal")))
		return e;
	json_t *pl = posting_payload(&p, p.version, p.content_sha256);
	json_object_set_new(pl, "reason", json_string(j->reason));
	return add_event(c, j, "disclosure.withdraw", p.is_public, pl);
}

enum app_err posting_withdraw(struct db *db, int64_t id, const char *reason, int64_t actor, int64_t on_behalf,
			      int64_t now)
{
	struct pjob j = {.id = id, .reason = reason, .actor = actor, .on_behalf = on_behalf, .now = now,
			 .today = cal_today(now)};
	return run_job(db, withdraw_fn, &j);
}

/* ---- reads ---- */

static void read_posting(struct arena *a, struct db_stmt *s, struct posting *p)
{
	db_cols(s, a, 0, DB_COL(&p->id), DB_COL(&p->unit.id), DB_COL(&p->unit.code), DB_COL(&p->unit.kind),
		DB_COL(&p->unit.name), DB_COL(&p->unit.title), DB_COL(&p->unit.path));
	p->unit.parent_code = "";
	p->decision_date = arena_strdup(a, db_col_text(s, 7));
	p->decision_ref = arena_strdup(a, db_col_text(s, 8));
	p->status = posting_status_of(db_col_text(s, 9));
	db_cols(s, a, 10, DB_COL(&p->is_public), DB_COL(&p->forms), DB_COL(&p->location), DB_COL(&p->radio_dates),
		DB_COL(&p->period_days), DB_COL(&p->short_reason), DB_COL(&p->start_date), DB_COL(&p->end_date),
		DB_COL(&p->version), DB_COL(&p->created_at), DB_COL(&p->published_at), DB_COL(&p->withdrawn_at),
		DB_COL(&p->withdraw_reason), DB_COL(&p->title), DB_COL(&p->summary), DB_COL(&p->content_sha256),
		DB_COL(&p->updated_at), DB_COL(&p->created_by));
	catalogue_read_row(a, s, 28, &p->item);
}

static void posting_row(struct arena *a, struct db_stmt *s, void *out)
{
	read_posting(a, s, out);
}

enum app_err posting_get(struct arena *a, struct dbc *c, int64_t id, struct posting *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, posting_row, out);
}

enum app_err posting_versions(struct arena *a, struct dbc *c, int64_t id, struct posting_version **out,
			      size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_VERSIONS);
	db_bind_i64(s, 1, id);
	size_t cap = 4, k = 0;
	struct posting_version *v = arena_alloc(a, cap * sizeof *v);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		v = arena_grow(a, v, k, &cap, sizeof *v);
		struct posting_version *x = &v[k++];
		memset(x, 0, sizeof *x);
		db_cols(s, a, 0, DB_COL(&x->version), DB_COL(&x->title), DB_COL(&x->summary), DB_COL(&x->body),
			DB_COL(&x->change_note), DB_COL(&x->content_sha256), DB_COL(&x->at), DB_COL(&x->by));
	}
	db_reset(s);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_POSTING_FILES);
	db_bind_i64(s, 1, id);
	while (!(e = db_step(s, &row)) && row) {
		int ver = (int)db_col_i64(s, 0);
		for (size_t i = 0; i < k; i++) {
			if (v[i].version != ver)
				continue;
			if (!v[i].files)
				v[i].files = arena_alloc(a, POSTING_MAX_FILES * 4 * sizeof *v[i].files);
			if (v[i].nfile == POSTING_MAX_FILES * 4)
				break;
			struct posting_file *f = &v[i].files[v[i].nfile++];
			db_cols(s, a, 1, DB_COL(&f->seq), DB_COL(&f->sha256), DB_COL(&f->filename), DB_COL(&f->mime),
				DB_COL(&f->size));
		}
	}
	db_reset(s);
	*out = v;
	*n = k;
	return e;
}

enum app_err postings_read(struct arena *a, struct db_stmt *s, size_t cap, struct posting **out, size_t *n)
{
	(void)cap;
	return db_get_rows(s, a, posting_row, sizeof **out, (void **)out, n);
}

const char *posting_search_query(struct arena *a, const char *q, bool pg, const char *scope_code)
{
	if (!q)
		return NULL;
	char *f = str_fold(q);
	struct buf b;
	buf_init(&b);
	int words = 0;
	for (char *p = f; *p && words < 8;) {
		while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
			p++;
		size_t l = 0;
		while (p[l] && (isalnum((unsigned char)p[l]) || ((unsigned char)p[l] & 0x80)))
			l++;
		if (!l)
			break;
		/* the last word may be unfinished (typed as you search): a prefix,
		 * unless it is a single character, which would match too much */
		bool last = (!p[l] || !p[l + strspn(p + l, " \t")]) && l > 1;
		if (pg)
			buf_printf(&b, "%s'%.*s'%s", words ? " & " : "", (int)l, p, last ? ":*" : "");
		else
			buf_printf(&b, "%s\"%.*s\"%s", words ? " " : "", (int)l, p, last ? "*" : "");
		words++;
		p += l;
	}
	free(f);
	if (words && scope_code) {
		struct buf t;
		buf_init(&t);
		buf_puts(&t, pg ? "'" : "\"");
		scope_token(&t, scope_code, strlen(scope_code));
		buf_puts(&t, pg ? "' & " : "\" ");
		buf_puts(&t, buf_str(&b));
		buf_reset(&b);
		b = t;
	}
	const char *r = words ? arena_strdup(a, buf_str(&b)) : NULL;
	buf_reset(&b);
	return r;
}

/* ?2-?7 of the list statements (stmts.def). */
static void bind_filters(struct db_stmt *s, const struct posting_filter *f)
{
	db_bind_i64(s, 2, f->item);
	db_bind_text(s, 3, f->state ? f->state : "");
	db_bind_text(s, 4, f->today);
	db_bind_i64(s, 5, f->include_private);
	db_bind_text(s, 6, f->from ? f->from : "");
	db_bind_text(s, 7, f->to ? f->to : "");
}

enum app_err posting_list(struct arena *a, struct dbc *c, const struct posting_filter *f, struct posting **out,
			  size_t *n, int64_t *total, bool *exact)
{
	if (exact)
		*exact = true;
	/* the scope of a search is one more word of the query (posting_search_doc) */
	const char *scope = NULL, *lo = f->path ? f->path : "/";
	if (f->unit) {
		scope = f->unit->code;
	} else if (strcmp(lo, "/")) {
		const char *end = lo + strlen(lo) - 1, *start = end;
		while (start > lo && start[-1] != '/')
			start--;
		scope = arena_strndup(a, start, (size_t)(end - start));
	}
	const char *sq = posting_search_query(a, f->q, dbc_kind(c) == DB_PG, scope);
	struct db_stmt *s = dbc_stmt(c, sq ? STMT_POSTING_SEARCH : f->unit ? STMT_POSTING_LIST_UNIT : STMT_POSTING_LIST_TREE);
	if (sq) {
		db_bind_text(s, 1, sq);
	} else if (f->unit) {
		db_bind_i64(s, 1, f->unit->id);
	} else {
		db_bind_subtree(s, 1, 12, lo);
	}
	bind_filters(s, f);
	db_bind_i64(s, 8, f->limit);
	db_bind_i64(s, 9, f->offset);
	db_bind_i64(s, 10, f->after_id);
	db_bind_text(s, 11, f->after_id && !sq ? f->after_date : "");
	enum app_err e = postings_read(a, s, f->limit > 0 && f->limit < 1000 ? (size_t)f->limit : 64, out, n);
	if (e || !total)
		return e;
	/* the first page holds them all: no need to count them again (a search
	 * would run its full-text query twice) */
	if (!f->after_id && !f->offset && (f->limit <= 0 || *n < (size_t)f->limit)) {
		*total = (int64_t)*n;
		return APP_OK;
	}
	if (sq) {
		/* a search that goes on past this page is not counted to its end:
		 * counting runs the full-text query over every match, which costs
		 * more than the page (a common word over a province matches tens of
		 * thousands); what was found is a lower bound (*exact false) */
		*total = f->offset + (int64_t)*n;
		if (exact)
			*exact = false;
		return APP_OK;
	}
	s = dbc_stmt(c, f->unit ? STMT_POSTING_COUNT_UNIT : STMT_POSTING_COUNT_TREE);
	if (f->unit)
		db_bind_i64(s, 1, f->unit->id);
	else
		db_bind_subtree(s, 1, 8, lo);
	bind_filters(s, f);
	*total = db_one_i64(s, 0, &e);
	return e;
}

enum app_err blob_get(struct arena *a, struct dbc *c, const char *sha256, const char **mime, const char **data,
		      size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_BLOB_GET);
	db_bind_text(s, 1, sha256);
	enum app_err e = db_row(s);
	if (!e) {
		*mime = arena_strdup(a, db_col_text(s, 0));
		const void *p = db_col_blob(s, 1, n);
		char *d = arena_alloc(a, *n + 1);
		if (*n)
			memcpy(d, p, *n);
		d[*n] = 0;
		*data = d;
	}
	db_reset(s);
	return e;
}
