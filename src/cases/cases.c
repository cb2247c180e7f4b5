/*
 * cases.c — filing, acting on and reading feedback, complaints and
 * denunciations (cases.h).
 */
#include "cases.h"
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../notify/notify.h"
#include "../util/crypto.h"
#include "../util/str.h"
#include "ident.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- who may ---- */

bool cases_may_handle(const struct user *u, const struct unit *unit)
{
	return u && !u->via_token ? (auth_caps_at(u, unit->path) & CAP_CASES) != 0
				  : u && (auth_caps_at(u, unit->path) & CAP_CASES) && str_eq(u->token_scope, "write");
}

bool cases_may_head(const struct user *u, const struct unit *unit)
{
	return u && (auth_caps_at(u, unit->path) & CAP_CASES_HEAD);
}

bool cases_may_see(const struct user *u, const struct fcase *k)
{
	return u && ((k->user_id && k->user_id == u->id) || cases_may_handle(u, &k->unit));
}

bool cases_may_see_ident(const struct user *u, const struct fcase *k)
{
	/* Law 10/2022 Art. 9; Law on Denunciations Art. 47: the handler and the head, no one else */
	return u && !u->via_token &&
	       ((k->handler_id == u->id && cases_may_handle(u, &k->unit)) || cases_may_head(u, &k->unit));
}

/* ---- codes ---- */

static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; /* Crockford base32 */
static const char *const code_prefix[CK__N] = {"PAKN", "KN", "TC", "KNB", "PAKN"};

void case_code_make(enum case_kind k, int64_t now, char out[CASE_CODE_LEN + 1])
{
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)now), &y, &m, &d);
	char r[7];
	unsigned char b[6];
	randombytes_buf(b, sizeof b); /* one draw: 32 divides 256, so each character is uniform */
	for (int i = 0; i < 6; i++)
		r[i] = code_alphabet[b[i] & 31];
	r[6] = 0;
	snprintf(out, CASE_CODE_LEN + 1, "%s-%02d%02d-%s", code_prefix[k], y % 100, m, r);
}

bool case_code_norm(const char *s, char out[CASE_CODE_LEN + 1])
{
	/* "pakn 2611 7kq3x9", "PAKN-2611-7KQ3X9": letters upper-cased, O read as 0, I and L as 1 */
	char t[CASE_CODE_LEN + 1];
	size_t n = 0, parts = 0;
	bool sep = false; /* a separator seen: written before the next letter */
	for (const char *p = s ? s : ""; *p; p++) {
		char ch = *p;
		if (ch == ' ' || ch == '-' || ch == '.') {
			sep = n > 0;
			continue;
		}
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) || n + sep >= CASE_CODE_LEN + 1)
			return false;
		if (sep)
			t[n++] = '-', parts++, sep = false;
		t[n++] = ch;
	}
	t[n] = 0;
	if (parts != 2)
		return false;
	char *a = strchr(t, '-'), *b = strchr(a + 1, '-');
	size_t lp = (size_t)(a - t), lm = (size_t)(b - a - 1), lr = strlen(b + 1);
	if (lp < 2 || lp > 4 || lm != 4 || lr != 6)
		return false;
	for (char *q = b + 1; *q; q++) {
		if (*q == 'O')
			*q = '0';
		else if (*q == 'I' || *q == 'L')
			*q = '1';
		if (!strchr(code_alphabet, *q))
			return false;
	}
	for (char *q = a + 1; q < b; q++)
		if (*q < '0' || *q > '9')
			return false;
	memcpy(out, t, n + 1);
	return true;
}

/* ---- files ---- */

static const char *const case_mime[] = {
	"image/jpeg", "image/png", "application/pdf", "application/msword",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};

const char *case_file_check(const char *data, size_t n, struct posting_file *f)
{
	if (n > CASE_FILE_MAX)
		return msg(MSG_CASE_FILE_BIG);
	return blob_check(data, n, f, case_mime, ARRAY_SIZE(case_mime), MSG_CASE_FILE_TYPE);
}

/* ---- checking an input ---- */

static bool text_len(const char *s, size_t min, size_t max)
{
	size_t n = s ? str_utf8_len(s) : 0;
	return n >= min && n <= max;
}

/* Markup in a text: a '<' that opens a tag or a comment. Pages escape
 * everything anyway; a description is plain words, and a tag in one is
 * refused so that no copy of it (an export, an Open311 client) carries it. */
static bool has_markup(const char *s)
{
	for (; s && (s = strchr(s, '<')); s++) {
		char ch = s[1];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '/' || ch == '!' || ch == '?')
			return true;
	}
	return false;
}

/* A decimal degree within ±lim into micro-degrees. */
static bool degrees(const char *s, double lim, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	double v = strtod(s, &end);
	if (*end || v != v || v < -lim || v > lim)
		return false;
	*out = (int64_t)(v * 1e6 + (v < 0 ? -0.5 : 0.5));
	return true;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at > s && strchr(at, '.') && !strchr(s, ' ') && strlen(s) <= 200 && !strchr(at + 1, '@');
}

/* Units that take cases: a commune, ward, special zone, a province, or an agency. */
static bool takes_cases(const struct unit *u)
{
	return strcmp(u->kind, "village") && strcmp(u->kind, "residential_group");
}

void case_check(struct arena *a, struct dbc *c, const struct user *u, const struct unit *unit, struct case_input *in,
		struct problems *pr)
{
	bool officer = cases_may_handle(u, unit);
	int kind = case_name_index(case_kind_names, CK__N, in->kind);
	int channel = case_name_index(case_channel_names, CC__N, in->channel);
	if (!takes_cases(unit))
		problems_add(pr, "", msg(MSG_CASE_UNIT_KIND));
	if (kind < 0)
		problems_add(pr, "kind", msg(MSG_CASE_BAD_KIND));
	else if ((kind == CK_BOARD_REC || kind == CK_BOARD_PETITION) && !officer && !in->by_board)
		problems_add(pr, "kind", msg(MSG_CASE_BOARD_KIND));
	if (channel < 0)
		problems_add(pr, "channel", msg(MSG_CASE_BAD_CHANNEL));
	else if (!officer && !in->by_board && channel != CC_WEB && channel != CC_API && channel != CC_SMS && channel != CC_OPEN311)
		problems_add(pr, "channel", msg(MSG_CASE_CHANNEL_OFFICER));
	const struct case_category *cat = NULL;
	if (!in->category || !*in->category)
		in->category = "khac";
	if (!(cat = case_category(in->category)))
		problems_add(pr, "category", msg(MSG_CASE_BAD_CATEGORY));
	if (!text_len(in->body, 10, CASE_BODY_MAX))
		problems_add(pr, "body", msg(MSG_CASE_BAD_BODY));
	else if (has_markup(in->body))
		problems_add(pr, "body", msg(MSG_CASE_MARKUP));
	if (!in->title || !*in->title) {
		/* a title from the first words of the description */
		const char *b = in->body ? in->body : "";
		size_t n = 0, chars = 0;
		while (b[n] && b[n] != '\n' && chars < 80) {
			n++;
			while ((b[n] & 0xC0) == 0x80)
				n++;
			chars++;
		}
		in->title = arena_strndup(a, b, n);
	} else if (!text_len(in->title, 3, CASE_TITLE_MAX))
		problems_add(pr, "title", msg(MSG_CASE_BAD_TITLE));
	else if (has_markup(in->title))
		problems_add(pr, "title", msg(MSG_CASE_MARKUP));
	/* identity: petitions may be anonymous; complaints and denunciations need
	 * a name and an address (Law on Complaints Art. 8; Law on Denunciations Art. 23) */
	bool needs_id = kind == CK_COMPLAINT || kind == CK_DENUNCIATION;
	if (needs_id && in->anonymous)
		problems_add(pr, "anonymous", msg(MSG_CASE_NEEDS_ID));
	if (in->anonymous && !needs_id)
		in->name = in->phone = in->email = in->address = in->id_number = "";
	else {
		if (!text_len(in->name, 2, 100) && !(channel == CC_SMS && kind == CK_PETITION))
			problems_add(pr, "name", msg(MSG_CASE_BAD_NAME));
		if (needs_id && !text_len(in->address, 5, 300))
			problems_add(pr, "address", msg(MSG_CASE_BAD_ADDRESS));
		else if (in->address && !text_len(in->address, 0, 300))
			problems_add(pr, "address", msg(MSG_CASE_BAD_ADDRESS));
	}
	if (in->phone && *in->phone) {
		char ph[STR_PHONE_LEN];
		if (!str_phone(in->phone, ph))
			problems_add(pr, "phone", msg(MSG_CASE_BAD_PHONE));
		else
			in->phone = arena_strdup(a, ph);
	} else
		in->phone = "";
	if (in->email && *in->email && !email_ok(in->email))
		problems_add(pr, "email", msg(MSG_CASE_BAD_EMAIL));
	if (!in->email)
		in->email = "";
	if (in->id_number && *in->id_number && !text_len(in->id_number, 9, 12))
		problems_add(pr, "id_number", msg(MSG_CASE_BAD_ID_NUMBER));
	if (!in->id_number)
		in->id_number = "";
	if (!in->address)
		in->address = "";
	if (!in->name)
		in->name = "";
	/* where */
	int64_t lat, lon;
	bool has_lat = in->lat && *in->lat, has_lon = in->lon && *in->lon;
	if (has_lat != has_lon || (has_lat && (!degrees(in->lat, 90, &lat) || !degrees(in->lon, 180, &lon))))
		problems_add(pr, "lat", msg(MSG_CASE_BAD_POINT));
	if (in->location && !text_len(in->location, 0, 300))
		problems_add(pr, "location", msg(MSG_CASE_BAD_LOCATION));
	if (!in->location)
		in->location = "";
	if (in->village && *in->village) {
		struct unit v;
		size_t lp = strlen(unit->path);
		if (units_get(a, c, in->village, &v) || strncmp(v.path, unit->path, lp) || takes_cases(&v))
			problems_add(pr, "village", msg(MSG_CASE_BAD_VILLAGE));
	}
	if (cat && cat->needs_location && !has_lat && !*in->location && !(in->village && *in->village))
		problems_add(pr, "location", msg(MSG_CASE_NEEDS_LOCATION));
	if (kind == CK_COMPLAINT) {
		int64_t d;
		if (!in->act_date || !cal_parse_date(in->act_date, &d))
			problems_add(pr, "act_date", msg(MSG_CASE_BAD_ACT_DATE));
	}
	if (in->nfile > CASE_MAX_FILES)
		problems_add(pr, "files", msg(MSG_CASE_TOO_MANY_FILES));
	if (in->media_url && *in->media_url &&
	    (strlen(in->media_url) > 2000 || (strncmp(in->media_url, "https://", 8) && strncmp(in->media_url, "http://", 7)) ||
	     strpbrk(in->media_url, " \"<>'")))
		problems_add(pr, "media_url", msg(MSG_CASE_BAD_MEDIA_URL));
	if (in->desk && *in->desk && (!officer || !text_len(in->desk, 2, 100)))
		problems_add(pr, "desk", msg(MSG_CASE_BAD_DESK));
	if (in->idem && (!*in->idem || strlen(in->idem) > 200))
		problems_add(pr, "Idempotency-Key", msg(MSG_CASE_BAD_IDEM));
}

/* ---- the clock ---- */

/* The petition's answer period set by the province (cases_petition_days), or 0. */
static int petition_days(struct dbc *c)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SETTING_GET);
	db_bind_text(s, 1, "cases_petition_days");
	bool row;
	int64_t v = 0;
	if (!db_step(s, &row) && row && str_to_i64(db_col_text(s, 0), 1, 90, &v))
		v = 0;
	db_reset(s);
	return (int)v;
}

/* Starts clock on the case (its deadline from the rule in force): accept
 * from receipt; resolve from acceptance or receipt as the rule says. */
static void clock_start(struct dbc *c, const struct cal_table *hol, struct fcase *k, const char *clock)
{
	const struct case_rule *r = NULL;
	const char *kind = case_kind_names[k->kind];
	int64_t from = k->received_day;
	if (!strcmp(clock, "resolve")) {
		case_deadline(hol, kind, k->instance, "resolve", k->complexity, k->remote, k->received_day, &r);
		if (r && r->from_accepted && k->accepted_day)
			from = k->accepted_day;
	}
	int64_t due = case_deadline(hol, kind, k->instance, clock, k->complexity, k->remote, from, &r);
	if (!strcmp(clock, "resolve") && k->kind == CK_PETITION) {
		int days = petition_days(c);
		if (days)
			due = cal_add_working_days(hol, from, days);
	}
	if (r) {
		k->clock = clock;
		k->due_day = due;
	} else if (!strcmp(clock, "accept")) {
		clock_start(c, hol, k, "resolve"); /* no acceptance step: the answer's clock runs from receipt */
	} else {
		k->clock = "";
		k->due_day = 0;
	}
}

/* ---- filing ---- */

void case_read_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct fcase *k = out;
	const char *kind, *status;
	db_cols(s, a, 0, DB_COL(&k->id), DB_COL(&k->code), DB_COL(&kind), DB_COL(&k->instance), DB_COL(&k->parent_id),
		DB_COL(&k->village_id), DB_COL(&k->village_title), DB_COL(&k->category), DB_COL(&k->channel),
		DB_COL(&k->title), DB_COL(&k->body), DB_COL(&status), DB_COL(&k->anonymous), DB_COL(&k->name),
		DB_COL(&k->phone), DB_COL(&k->email), DB_COL(&k->address), DB_COL(&k->id_number), DB_COL(&k->sealed),
		DB_COL(&k->user_id), DB_COL(&k->has_point), DB_COL(&k->lat_e6), DB_COL(&k->lon_e6),
		DB_COL(&k->location), DB_COL(&k->act_day), DB_COL(&k->late_filing), DB_COL(&k->complexity),
		DB_COL(&k->remote), DB_COL(&k->extensions), DB_COL(&k->received_at), DB_COL(&k->received_day),
		DB_COL(&k->accepted_day), DB_COL(&k->clock), DB_COL(&k->due_day), DB_COL(&k->paused_left),
		DB_COL(&k->handler_id), DB_COL(&k->handler_name), DB_COL(&k->answer), DB_COL(&k->decision_ref),
		DB_COL(&k->resolved_day), DB_COL(&k->on_time), DB_COL(&k->escalated), DB_COL(&k->updated_at),
		DB_COL(&k->rating), DB_COL(&k->media_url), DB_COL(&k->desk));
	int i = case_name_index(case_kind_names, CK__N, kind);
	k->kind = i < 0 ? CK_PETITION : (enum case_kind)i;
	i = case_name_index(case_status_names, CST__N, status);
	k->status = i < 0 ? CST_RECEIVED : (enum case_status)i;
	units_read_at(a, s, 46, &k->unit);
}

enum app_err case_get(struct arena *a, struct dbc *c, int64_t id, struct fcase *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, case_read_row, out);
}

enum app_err case_by_code(struct arena *a, struct dbc *c, const char *code, struct fcase *out)
{
	char norm[CASE_CODE_LEN + 1];
	if (!case_code_norm(code, norm))
		return APP_ENOTFOUND;
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_BY_CODE);
	db_bind_text(s, 1, norm);
	return db_get_row(s, a, case_read_row, out);
}

/* The filer hears of every change: their account (in-app and the channels
 * they chose), else the number and address they gave; a denouncer only
 * through an account (the identity stays sealed, Law 10/2022 Art. 9). */
static enum app_err tell_filer(struct dbc *c, const struct fcase *k, const char *kind, int64_t event, const char *token,
			       int64_t now)
{
	char subject[48], href[96];
	snprintf(subject, sizeof subject, "case:%lld/%lld", (long long)k->id, (long long)event);
	if (token)
		snprintf(href, sizeof href, "/rate/%s?t=%s", k->code, token);
	else
		snprintf(href, sizeof href, "/track/%s", k->code);
	const struct notify_param p[] = {
		{"code", k->code}, {"status", msg(case_status_labels[k->status])}, {"unit", k->unit.title}};
	struct notify_msg m = {.kind = kind, .subject = subject, .href = href, .params = p, .nparams = ARRAY_SIZE(p)};
	if (k->user_id)
		return notify_user(c, k->user_id, &m, now);
	if (k->kind == CK_DENUNCIATION || k->sealed)
		return APP_OK;
	return notify_contact(c, k->unit.path, k->phone, k->email, &m, now);
}

/* Records an act: its row in case_events, and a public event (the ledger)
 * with what anyone may know: the code, the act, the status, the day. */
static enum app_err record(struct dbc *c, const struct fcase *k, const struct user *u, enum case_action act,
			   int64_t day, const char *note, int64_t now, int64_t *event)
{
	enum app_err e;
	if (act == CA_FILE) {
		/* the timeline's first entry is the case's own row (CASE_EVENTS): only the ledger's event */
		*event = 0;
		goto public;
	}
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_EVENT_INSERT);
	db_bind_i64(s, 1, k->id);
	db_bind_i64(s, 2, now);
	db_bind_i64(s, 3, day);
	db_bind_i64(s, 4, u ? u->id : 0);
	db_bind_text(s, 5, case_action_names[act]);
	db_bind_text(s, 6, case_status_names[k->status]);
	db_bind_text(s, 7, note ? note : "");
	bool row;
	e = db_step(s, &row);
	*event = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e)
		return e;
public:;
	char kind[32], payload[160];
	snprintf(kind, sizeof kind, "case.%s", case_action_names[act]);
	/* the subject is "case:ID" (ids grow: the events' subject index takes it in order); the code is in the payload */
	snprintf(payload, sizeof payload, "{\"code\":\"%s\",\"day\":%lld,\"kind\":\"%s\",\"status\":\"%s\"}", k->code,
		 (long long)day, case_kind_names[k->kind], case_status_names[k->status]);
	struct event ev = {.actor = u ? u->id : 0, .on_behalf = u ? u->assist_resident : 0, .unit = k->unit.id,
			   .kind = kind, .about = "case", .about_id = k->id, .public = true, .payload = payload,
			   .at = now};
	return events_add(c, &ev, NULL);
}

enum app_err case_submit_job_init(struct arena *a, struct dbc *c, struct case_submit_job *j)
{
	struct case_input *in = j->in;
	j->village_id = 0;
	if (in->village && *in->village) {
		struct unit v;
		enum app_err e = units_get(a, c, in->village, &v);
		if (e)
			return e;
		j->village_id = v.id;
	}
	j->ident = NULL;
	if (!strcmp(in->kind, "denunciation")) {
		/* sealed before it reaches the database; the plain columns stay empty */
		j->ident = case_ident_seal(a, in->name, in->phone, in->email, in->address, in->id_number);
		if (!j->ident)
			return APP_EDB;
	}
	/* the clock, read here (in the request's own thread, not the one writer
	 * of a group commit): received on the day of now */
	struct cal_table hol;
	enum app_err e = holidays_load(c, &hol);
	if (e)
		return e;
	struct fcase k = {.kind = (enum case_kind)case_name_index(case_kind_names, CK__N, in->kind),
			  .instance = 1,
			  .unit = *j->unit,
			  .received_day = cal_today((time_t)j->now)};
	if (k.kind == CK_COMPLAINT && in->act_date && cal_parse_date(in->act_date, &k.act_day)) {
		/* the 90 days of Art. 9: recorded anyway, flagged for the handler */
		const struct case_rule *r;
		int64_t limit = case_deadline(&hol, "complaint", 1, "file_limit", 0, false, k.act_day, &r);
		k.late_filing = r && k.received_day > limit;
	}
	clock_start(c, &hol, &k, "accept");
	free(hol.a);
	j->act_day = k.act_day;
	j->late_filing = k.late_filing;
	j->clock = k.clock;
	j->due_day = k.due_day;
	return APP_OK;
}

enum app_err case_submit_write(struct dbc *c, void *arg)
{
	struct case_submit_job *j = arg;
	struct case_input *in = j->in;
	enum app_err e;
	bool idem_again = false;
	if (in->idem) {
	idem:;
		struct db_stmt *s = dbc_stmt(c, STMT_CASE_BY_IDEM);
		db_bind_text(s, 1, in->idem);
		if (!(e = db_row(s))) {
			j->id = db_col_i64(s, 0);
			snprintf(j->code, sizeof j->code, "%s", db_col_text(s, 1));
			j->again = true;
		}
		db_reset(s);
		if (e != APP_ENOTFOUND)
			return e;
	}
	struct fcase k = {.kind = (enum case_kind)case_name_index(case_kind_names, CK__N, in->kind),
			  .instance = 1,
			  .status = CST_RECEIVED,
			  .unit = *j->unit,
			  .received_day = cal_today((time_t)j->now),
			  .user_id = j->u ? j->u->id : 0,
			  .phone = in->phone,
			  .email = in->email,
			  .sealed = j->ident != NULL,
			  .act_day = j->act_day,
			  .late_filing = j->late_filing,
			  .clock = j->clock,
			  .due_day = j->due_day};
	for (int tries = 0;; tries++) {
		case_code_make(k.kind, j->now, j->code);
		struct db_stmt *s = dbc_stmt(c, STMT_CASE_INSERT);
		int n = 1;
		db_bind_text(s, n++, j->code);
		db_bind_text(s, n++, in->kind);
		db_bind_i64(s, n++, j->unit->id);
		db_bind_i64(s, n++, j->village_id);
		db_bind_text(s, n++, in->category);
		db_bind_text(s, n++, in->channel);
		db_bind_text(s, n++, in->title);
		db_bind_text(s, n++, in->body);
		db_bind_i64(s, n++, in->anonymous);
		bool sealed = j->ident != NULL;
		db_bind_text(s, n++, sealed ? "" : in->name);
		db_bind_text(s, n++, sealed ? "" : in->phone);
		db_bind_text(s, n++, sealed ? "" : in->email);
		db_bind_text(s, n++, sealed ? "" : in->address);
		db_bind_text(s, n++, sealed ? "" : in->id_number);
		db_bind_text(s, n++, sealed ? j->ident : "");
		db_bind_i64(s, n++, k.user_id);
		db_bind_text(s, n++, in->lat && *in->lat ? in->lat : NULL);
		db_bind_text(s, n++, in->lon && *in->lon ? in->lon : NULL);
		db_bind_text(s, n++, in->location);
		db_bind_i64(s, n++, k.act_day);
		db_bind_i64(s, n++, k.late_filing);
		db_bind_i64(s, n++, j->now);
		db_bind_i64(s, n++, k.received_day);
		db_bind_text(s, n++, k.clock);
		db_bind_i64(s, n++, k.due_day);
		db_bind_text(s, n++, in->idem);
		db_bind_text(s, n++, in->o311_token);
		db_bind_text(s, n++, in->media_url ? in->media_url : "");
		db_bind_text(s, n++, in->desk ? in->desk : "");
		bool row;
		e = db_step(s, &row);
		k.id = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e == APP_ECONFLICT && in->idem && !idem_again) {
			/* the same key in the same group commit: the first one's case */
			idem_again = true;
			goto idem;
		}
		if (e != APP_ECONFLICT || tries == 4)
			break; /* a code drawn twice (one in a billion a month): draw again */
	}
	if (e)
		return e;
	j->id = k.id;
	k.code = j->code;
	for (size_t i = 0; !e && i < in->nfile; i++) {
		const struct posting_file *f = &in->files[i];
		if (!(e = blob_put(c, f, in->file_data[i], j->now)))
			e = db_run(c, STMT_CASE_FILE_INSERT, "iittti", k.id, (int64_t)i + 1, f->sha256, f->filename,
				   f->mime, f->size);
	}
	int64_t ev;
	if (!e)
		e = record(c, &k, j->u, CA_FILE, k.received_day, "", j->now, &ev);
	if (!e && strcmp(in->channel, "sms")) /* by SMS the webhook's answer says it */
		e = tell_filer(c, &k, "case.received", ev, NULL, j->now);
	return e;
}

enum app_err case_submit(struct db *db, struct arena *a, const struct user *u, const struct unit *unit,
			 struct case_input *in, int64_t now, int64_t *id, const char **code, bool *again,
			 struct problems *pr)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	case_check(a, c, u, unit, in, pr);
	if (pr->n) /* the input's problems, and any the caller found already (an attachment's) */
		return APP_EINVAL;
	struct case_submit_job j = {.u = u, .unit = unit, .in = in, .now = now};
	if ((e = case_submit_job_init(a, c, &j)))
		return e;
	if ((e = db_write(db, case_submit_write, &j)))
		return e;
	*id = j.id;
	*code = arena_strdup(a, j.code);
	if (again)
		*again = j.again;
	return APP_OK;
}

/* ---- acting ---- */

bool case_action_allowed(const struct fcase *k, enum case_action a)
{
	enum case_status s = k->status;
	bool intake = s == CST_RECEIVED || s == CST_CLASSIFIED;
	bool working = s == CST_ACCEPTED || s == CST_IN_PROGRESS;
	switch (a) {
	case CA_CLASSIFY:
	case CA_ACCEPT:
	case CA_REJECT:
	case CA_FORWARD:
		return intake;
	case CA_TAKE:
		return case_status_open(s);
	case CA_START:
		return s == CST_ACCEPTED;
	case CA_EXTEND:
		return working || (intake && k->kind == CK_DENUNCIATION && !k->extensions);
	case CA_SUSPEND:
	case CA_RESOLVE:
		return working;
	case CA_RESUME:
		return s == CST_SUSPENDED;
	case CA_RATE:
		return s == CST_RESOLVED;
	case CA_CLOSE:
		return s == CST_RESOLVED || s == CST_RATED || s == CST_REJECTED || s == CST_FORWARDED;
	case CA_REOPEN:
		return s == CST_RESOLVED || s == CST_RATED || s == CST_CLOSED || s == CST_REJECTED;
	case CA_APPEAL:
		/* a second complaint: after the first decision, or when its deadline lapsed (Art. 33) */
		return k->kind == CK_COMPLAINT && k->instance == 1 &&
		       (s == CST_RESOLVED || s == CST_RATED || s == CST_CLOSED || s == CST_REJECTED);
	default:
		return false;
	}
}

struct act_job {
	const struct user *u;
	int64_t id, now, today;
	const struct case_act *act;
	struct problems *pr;
	struct arena *a;
	const char *token; /* out: the rating token (resolve) */
	int64_t to_unit;   /* forward: the unit within coso */
	const char *to_unit_title;
	int64_t new_case;  /* appeal: the second instance */
};

static enum app_err save(struct dbc *c, const struct fcase *k, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_UPDATE);
	int n = 1;
	db_bind_i64(s, n++, k->id);
	db_bind_text(s, n++, case_kind_names[k->kind]);
	db_bind_text(s, n++, k->category);
	db_bind_i64(s, n++, k->unit.id);
	db_bind_text(s, n++, case_status_names[k->status]);
	db_bind_i64(s, n++, k->complexity);
	db_bind_i64(s, n++, k->remote);
	db_bind_i64(s, n++, k->extensions);
	db_bind_i64(s, n++, k->received_day);
	db_bind_i64(s, n++, k->accepted_day);
	db_bind_text(s, n++, k->clock);
	db_bind_i64(s, n++, k->due_day);
	db_bind_i64(s, n++, k->paused_left);
	db_bind_i64(s, n++, k->handler_id);
	db_bind_text(s, n++, k->answer);
	db_bind_text(s, n++, k->decision_ref);
	db_bind_i64(s, n++, k->resolved_day);
	db_bind_i64(s, n++, k->on_time);
	db_bind_i64(s, n++, k->escalated);
	db_bind_i64(s, n++, now);
	return db_exec(s);
}

/* A decision's day: "" is today; never after today. */
static bool act_day(struct problems *pr, const char *v, int64_t today, int64_t *day)
{
	*day = today;
	if (!v || !*v)
		return true;
	if (!cal_parse_date(v, day) || *day > today) {
		problems_add(pr, "day", msg(MSG_CASE_BAD_DAY));
		return false;
	}
	return true;
}

static void rate_token_new(struct arena *a, struct fcase *k, const char **token, char hash[CRYPTO_HASH_HEX])
{
	char t[CRYPTO_TOKEN_LEN];
	crypto_token(t);
	t[22] = 0; /* 128 bits are plenty for a one-time rating link and keep the QR code small */
	crypto_hash_token(t, hash);
	*token = arena_strdup(a, t);
	(void)k;
}

static enum app_err act_fn(struct dbc *c, void *arg)
{
	struct act_job *j = arg;
	struct fcase k;
	const struct case_act *act = j->act;
	enum app_err e = case_get(j->a, c, j->id, &k);
	if (e)
		return e;
	if (!cases_may_handle(j->u, &k.unit) &&
	    !(act->action == CA_APPEAL && k.user_id && j->u && k.user_id == j->u->id)) {
		problems_add(j->pr, "", msg(MSG_CASE_NOT_YOURS));
		return APP_EFORBID;
	}
	if (!case_action_allowed(&k, act->action)) {
		problems_add(j->pr, "", msg(MSG_CASE_WRONG_STATUS));
		return APP_ECONFLICT;
	}
	bool needs_note = act->action == CA_REJECT || act->action == CA_FORWARD || act->action == CA_EXTEND ||
			  act->action == CA_SUSPEND || act->action == CA_RESUME || act->action == CA_REOPEN ||
			  act->action == CA_APPEAL;
	if (needs_note && !text_len(act->note, CASE_NOTE_MIN, CASE_NOTE_MAX))
		problems_add(j->pr, "note", msg(MSG_CASE_BAD_NOTE));
	else if (act->note && !text_len(act->note, 0, CASE_NOTE_MAX))
		problems_add(j->pr, "note", msg(MSG_CASE_BAD_NOTE));
	int64_t day;
	act_day(j->pr, act->day, j->today, &day);
	struct cal_table hol;
	if ((e = holidays_load(c, &hol)))
		return e;
	const struct case_rule *r = case_clock_rule(&k);
	const char *event = "case.status";
	switch (act->action) {
	case CA_CLASSIFY: {
		int kind = act->kind && *act->kind ? case_name_index(case_kind_names, CK__N, act->kind) : (int)k.kind;
		if (kind < 0)
			problems_add(j->pr, "kind", msg(MSG_CASE_BAD_KIND));
		if (act->category && *act->category && !case_category(act->category))
			problems_add(j->pr, "category", msg(MSG_CASE_BAD_CATEGORY));
		int64_t cx = k.complexity;
		if (act->complexity && *act->complexity && str_to_i64(act->complexity, 0, 2, &cx))
			problems_add(j->pr, "complexity", msg(MSG_CASE_BAD_COMPLEXITY));
		if (kind == CK_DENUNCIATION && k.kind != CK_DENUNCIATION && !k.sealed)
			problems_add(j->pr, "kind", msg(MSG_CASE_TO_DENUNCIATION));
		if (j->pr->n)
			break;
		k.kind = (enum case_kind)kind;
		if (act->category && *act->category)
			k.category = act->category;
		k.complexity = (int)cx;
		k.remote = str_eq(act->remote, "1") || str_eq(act->remote, "on") || str_eq(act->remote, "true");
		k.status = CST_CLASSIFIED;
		clock_start(c, &hol, &k, "accept"); /* the kind's own acceptance period, from receipt */
		if (!k.handler_id && j->u)
			k.handler_id = j->u->id;
		break;
	}
	case CA_TAKE:
		k.handler_id = j->u->id;
		break;
	case CA_ACCEPT:
		k.status = CST_ACCEPTED;
		k.accepted_day = day;
		k.extensions = 0; /* the resolution's extensions are counted apart from the acceptance's (its events keep both) */
		clock_start(c, &hol, &k, "resolve");
		if (!k.handler_id)
			k.handler_id = j->u->id;
		event = "case.status";
		break;
	case CA_REJECT:
		k.status = CST_REJECTED;
		k.clock = "";
		k.due_day = 0;
		break;
	case CA_FORWARD:
		if (act->to_unit && *act->to_unit) {
			struct unit to;
			if (units_get(j->a, c, act->to_unit, &to) || to.id == k.unit.id || !takes_cases(&to)) {
				problems_add(j->pr, "to_unit", msg(MSG_CASE_BAD_TO_UNIT));
				break;
			}
			/* the competent unit receives it now: its own clocks start (Law on Denunciations Art. 24(2)) */
			k.unit = to;
			k.status = CST_RECEIVED;
			k.received_day = day;
			k.handler_id = 0;
			k.accepted_day = 0;
			clock_start(c, &hol, &k, "accept");
		} else if (act->to_body && text_len(act->to_body, 3, 300)) {
			k.status = CST_FORWARDED;
			k.clock = "";
			k.due_day = 0;
		} else
			problems_add(j->pr, "to_unit", msg(MSG_CASE_BAD_TO_UNIT));
		break;
	case CA_START:
		k.status = CST_IN_PROGRESS;
		break;
	case CA_EXTEND:
		if (!strcmp(k.clock, "accept")) {
			/* verification at several places: up to 10 working days (Law on Denunciations Art. 24(1)) */
			const struct case_rule *x;
			int64_t due = case_deadline(&hol, "denunciation", 1, "accept_ext", 0, false, k.received_day, &x);
			if (!x || due <= k.due_day) {
				problems_add(j->pr, "", msg(MSG_CASE_NO_EXTENSION));
				break;
			}
			k.due_day = due;
			k.extensions = 1;
			break;
		}
		if (k.kind == CK_DENUNCIATION) {
			/* Art. 30(2): one extension for a complex case, two for a very complex one, 30 days each */
			int64_t cx = k.complexity;
			if (act->complexity && *act->complexity && str_to_i64(act->complexity, 1, 2, &cx))
				problems_add(j->pr, "complexity", msg(MSG_CASE_BAD_COMPLEXITY));
			if (!cx)
				cx = 1;
			const char *ruleclock = cx == 2 ? "extensions_very_complex" : "extensions_complex";
			const struct case_rule *mx = case_rule(case_rules(), "denunciation", ruleclock, k.received_day);
			const struct case_rule *ext = case_rule(case_rules(), "denunciation", "extend", k.received_day);
			int done = k.extensions;
			if (!mx || !ext || done >= mx->n || !k.due_day) {
				problems_add(j->pr, "", msg(MSG_CASE_NO_EXTENSION));
				break;
			}
			k.complexity = (int)cx;
			k.extensions = done + 1;
			k.due_day += ext->n;
		} else if (k.kind == CK_COMPLAINT) {
			/* Arts. 28, 37: a complex case has the longer period, counted from acceptance */
			if (k.complexity || !k.due_day) {
				problems_add(j->pr, "", msg(MSG_CASE_NO_EXTENSION));
				break;
			}
			int64_t anchor = k.accepted_day ? k.accepted_day : k.received_day;
			int64_t d0 = case_deadline(&hol, "complaint", k.instance, "resolve", 0, k.remote, anchor, NULL);
			int64_t d1 = case_deadline(&hol, "complaint", k.instance, "resolve", 1, k.remote, anchor, NULL);
			k.complexity = 1;
			k.extensions++;
			k.due_day += d1 - d0;
		} else
			problems_add(j->pr, "", msg(MSG_CASE_NO_EXTENSION));
		break;
	case CA_SUSPEND:
		/* the suspended time does not count (Law on Denunciations Art. 34; Decree 155/2026) */
		k.paused_left = case_left(&hol, r, day, k.due_day);
		k.status = CST_SUSPENDED;
		k.due_day = 0;
		break;
	case CA_RESUME:
		/* the period runs again from the day of the decision to resume */
		k.status = CST_IN_PROGRESS;
		k.due_day = case_resume_due(&hol, r, day, k.paused_left);
		k.paused_left = 0;
		break;
	case CA_RESOLVE: {
		if (!text_len(act->answer, 10, CASE_NOTE_MAX) || has_markup(act->answer)) {
			problems_add(j->pr, "answer", msg(MSG_CASE_BAD_ANSWER));
			break;
		}
		if (act->decision_ref && !text_len(act->decision_ref, 0, 200)) {
			problems_add(j->pr, "decision_ref", msg(MSG_CASE_BAD_DECISION_REF));
			break;
		}
		k.status = CST_RESOLVED;
		k.answer = act->answer;
		k.decision_ref = act->decision_ref ? act->decision_ref : "";
		k.resolved_day = day;
		k.on_time = !k.due_day || day <= k.due_day;
		k.clock = "";
		k.due_day = 0;
		event = "case.resolved";
		break;
	}
	case CA_CLOSE:
		k.status = CST_CLOSED;
		break;
	case CA_REOPEN:
		k.status = CST_IN_PROGRESS;
		k.resolved_day = 0;
		k.on_time = -1;
		if (!k.accepted_day)
			k.accepted_day = day;
		{
			const struct case_rule *rr;
			k.clock = "resolve";
			k.due_day = case_deadline(&hol, case_kind_names[k.kind], k.instance, "resolve", k.complexity,
						  k.remote, day, &rr);
			if (!rr)
				k.clock = "", k.due_day = 0;
		}
		break;
	case CA_APPEAL:
		break; /* below: a new case */
	default:
		problems_add(j->pr, "action", msg(MSG_ERR_INVALID));
	}
	if (j->pr->n) {
		free(hol.a);
		return APP_EINVAL;
	}
	int64_t ev = 0;
	if (act->action == CA_APPEAL) {
		/* the second instance at the unit above, with the same complainant (Art. 33) */
		struct unit up;
		if (!*k.unit.parent_code || units_get(j->a, c, k.unit.parent_code, &up)) {
			free(hol.a);
			problems_add(j->pr, "", msg(MSG_CASE_NO_SUPERIOR));
			return APP_ECONFLICT;
		}
		struct fcase n = k;
		n.id = 0;
		n.instance = 2;
		n.parent_id = k.id;
		n.unit = up;
		n.status = CST_RECEIVED;
		n.received_day = j->today;
		n.accepted_day = n.resolved_day = 0;
		n.handler_id = 0;
		n.on_time = -1;
		n.answer = n.decision_ref = "";
		n.complexity = 0;
		n.extensions = 0;
		n.act_day = k.resolved_day ? k.resolved_day : k.received_day;
		const struct case_rule *lr;
		int64_t limit = case_deadline(&hol, "complaint", 2, "file_limit", 0, false, n.act_day, &lr);
		n.late_filing = lr && n.received_day > limit;
		clock_start(c, &hol, &n, "accept");
		char code[CASE_CODE_LEN + 1];
		case_code_make(CK_COMPLAINT, j->now, code);
		n.code = arena_strdup(j->a, code);
		e = db_run(c, STMT_CASE_APPEAL_INSERT, "itiiiiitii", k.id, n.code, up.id, n.act_day, (int64_t)n.late_filing,
			   j->now, n.received_day, n.clock, n.due_day, j->now);
		if (!e) {
			struct db_stmt *s = dbc_stmt(c, STMT_CASE_BY_CODE_ID);
			db_bind_text(s, 1, n.code);
			n.id = db_one_i64(s, 0, &e);
			j->new_case = n.id;
		}
		if (!e)
			e = db_run(c, STMT_CASE_FILES_COPY, "ii", n.id, k.id);
		if (!e)
			e = record(c, &n, j->u, CA_FILE, n.received_day, act->note, j->now, &ev);
		if (!e)
			e = record(c, &k, j->u, CA_APPEAL, day, act->note, j->now, &ev);
		if (!e)
			e = tell_filer(c, &n, "case.received", ev, NULL, j->now);
		free(hol.a);
		return e;
	}
	free(hol.a);
	char hash[CRYPTO_HASH_HEX];
	if (act->action == CA_RESOLVE) {
		rate_token_new(j->a, &k, &j->token, hash);
		e = db_run(c, STMT_CASE_RATE_SET, "it", k.id, hash);
	}
	if (!e)
		e = save(c, &k, j->now);
	const char *note = act->note;
	if (act->action == CA_FORWARD && act->to_body && *act->to_body && !(act->to_unit && *act->to_unit))
		note = arena_printf(j->a, "%s: %s", act->to_body, act->note ? act->note : "");
	if (!e)
		e = record(c, &k, j->u, act->action, day, note, j->now, &ev);
	if (!e && act->action != CA_TAKE && act->action != CA_CLASSIFY)
		e = tell_filer(c, &k, event, ev, j->token, j->now);
	return e;
}

enum app_err case_act(struct db *db, struct arena *a, const struct user *u, int64_t id, const struct case_act *act,
		      int64_t now, const char **rate_token, struct problems *pr)
{
	if (!u) {
		problems_add(pr, "", msg(MSG_CASE_NOT_YOURS));
		return APP_EFORBID;
	}
	struct act_job j = {.u = u, .id = id, .now = now, .today = cal_today((time_t)now), .act = act, .pr = pr, .a = a};
	enum app_err e = db_write(db, act_fn, &j);
	if (!e && rate_token)
		*rate_token = j.token;
	return e;
}

/* ---- ratings ---- */

struct rate_job {
	const char *code;
	const struct case_rating_input *in;
	int64_t level, on_time, attitude, visits, now;
	struct problems *pr;
	struct arena *a;
};

static enum app_err rate_fn(struct dbc *c, void *arg)
{
	struct rate_job *j = arg;
	struct fcase k;
	enum app_err e = case_by_code(j->a, c, j->code, &k);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_RATE_HASH);
	db_bind_i64(s, 1, k.id);
	const char *stored = "";
	if (!(e = db_row(s)))
		stored = arena_strdup(j->a, db_col_text(s, 0));
	db_reset(s);
	if (e)
		return e;
	char hash[CRYPTO_HASH_HEX];
	crypto_hash_token(j->in->token ? j->in->token : "", hash);
	if (!*stored || !crypto_eq(stored, hash)) {
		/* used already, replaced by a newer QR code, or never issued */
		problems_add(j->pr, "token", msg(MSG_CASE_RATE_TOKEN));
		return APP_EFORBID;
	}
	if (k.status != CST_RESOLVED) {
		problems_add(j->pr, "", msg(MSG_CASE_WRONG_STATUS));
		return APP_ECONFLICT;
	}
	if ((e = db_run(c, STMT_CASE_RATING_INSERT, "iiiiiiti", k.id, k.unit.id, j->level, j->on_time, j->attitude,
			j->visits, j->in->comment ? j->in->comment : "", j->now)))
		return e;
	if ((e = db_run(c, STMT_CASE_RATE_SET, "it", k.id, "")))
		return e;
	k.status = CST_RATED;
	if ((e = db_run(c, STMT_CASE_SET_STATUS, "iti", k.id, case_status_names[CST_RATED], j->now)))
		return e;
	int64_t ev;
	char note[16];
	snprintf(note, sizeof note, "%lld/5", (long long)j->level);
	return record(c, &k, NULL, CA_RATE, cal_today((time_t)j->now), note, j->now, &ev);
}

/* An optional number of a form: "" is -1 (not said). */
static bool opt_int(const char *v, int64_t lo, int64_t hi, int64_t *out)
{
	*out = -1;
	return !v || !*v || !str_to_i64(v, lo, hi, out);
}

enum app_err case_rate(struct db *db, const char *code, const struct case_rating_input *in, int64_t now,
		       struct problems *pr)
{
	struct rate_job j = {.code = code, .in = in, .now = now, .pr = pr, .a = pr->a};
	if (!in->level || str_to_i64(in->level, 1, 5, &j.level))
		problems_add(pr, "level", msg(MSG_CASE_BAD_LEVEL));
	if (!opt_int(in->on_time, 0, 1, &j.on_time))
		problems_add(pr, "on_time", msg(MSG_ERR_INVALID));
	if (!opt_int(in->attitude, 1, 5, &j.attitude))
		problems_add(pr, "attitude", msg(MSG_CASE_BAD_LEVEL));
	if (!opt_int(in->visits, 1, 50, &j.visits))
		problems_add(pr, "visits", msg(MSG_CASE_BAD_VISITS));
	if (in->comment && (!text_len(in->comment, 0, 2000) || has_markup(in->comment)))
		problems_add(pr, "comment", msg(MSG_CASE_BAD_COMMENT));
	if (pr->n)
		return APP_EINVAL;
	return db_write(db, rate_fn, &j);
}

struct token_job {
	const struct user *u;
	int64_t id;
	struct arena *a;
	const char *token;
};

static enum app_err token_fn(struct dbc *c, void *arg)
{
	struct token_job *j = arg;
	struct fcase k;
	enum app_err e = case_get(j->a, c, j->id, &k);
	if (e)
		return e;
	if (!cases_may_handle(j->u, &k.unit))
		return APP_EFORBID;
	if (k.status != CST_RESOLVED)
		return APP_ECONFLICT;
	char hash[CRYPTO_HASH_HEX];
	rate_token_new(j->a, &k, &j->token, hash);
	return db_run(c, STMT_CASE_RATE_SET, "it", k.id, hash);
}

enum app_err case_rate_token(struct db *db, struct arena *a, const struct user *u, int64_t id, int64_t now,
			     const char **token)
{
	(void)now;
	struct token_job j = {.u = u, .id = id, .a = a};
	enum app_err e = db_write(db, token_fn, &j);
	if (!e)
		*token = j.token;
	return e;
}

/* ---- reads ---- */

static void event_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct case_event *e = out;
	db_cols(s, a, 0, DB_COL(&e->at), DB_COL(&e->day), DB_COL(&e->action), DB_COL(&e->status), DB_COL(&e->note),
		DB_COL(&e->by), DB_COL(&e->public));
}

enum app_err case_events(struct arena *a, struct dbc *c, int64_t id, bool public_only, struct case_event **out,
			 size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_EVENTS);
	db_bind_i64(s, 1, id);
	db_bind_i64(s, 2, public_only);
	return db_get_rows(s, a, event_read, sizeof **out, (void **)out, n);
}

static void file_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct posting_file *f = out;
	db_cols(s, a, 0, DB_COL(&f->seq), DB_COL(&f->sha256), DB_COL(&f->filename), DB_COL(&f->mime), DB_COL(&f->size));
}

enum app_err case_files(struct arena *a, struct dbc *c, int64_t id, struct posting_file **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_FILES);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, file_read, sizeof **out, (void **)out, n);
}

static void filter_bind(struct db_stmt *s, const struct case_filter *f)
{
	db_bind_subtree(s, 1, 2, f->path);
	db_bind_text(s, 3, f->kind >= 0 ? case_kind_names[f->kind] : NULL);
	db_bind_text(s, 4, f->status >= 0 ? case_status_names[f->status] : NULL);
	db_bind_text(s, 5, f->category);
	db_bind_i64(s, 6, f->user_id);
}

enum app_err cases_list(struct arena *a, struct dbc *c, const struct case_filter *f, struct fcase **out, size_t *n,
			int64_t *total)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_LIST);
	filter_bind(s, f);
	db_bind_i64(s, 7, f->after_id);
	db_bind_i64(s, 8, f->limit);
	enum app_err e = db_get_rows(s, a, case_read_row, sizeof **out, (void **)out, n);
	if (!e && total) {
		s = dbc_stmt(c, STMT_CASE_COUNT);
		filter_bind(s, f);
		*total = db_one_i64(s, 0, &e);
	}
	return e;
}

enum app_err cases_due_own(struct arena *a, struct dbc *c, int64_t unit, int64_t by, int limit, struct fcase **out,
			   size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_DUE_UNIT_OWN);
	db_bind_i64(s, 1, unit);
	db_bind_i64(s, 2, by);
	db_bind_i64(s, 3, limit);
	return db_get_rows(s, a, case_read_row, sizeof **out, (void **)out, n);
}

enum app_err cases_due(struct arena *a, struct dbc *c, const char *path, int64_t handler, int64_t by, int limit,
		       struct fcase **out, size_t *n)
{
	struct db_stmt *s;
	if (handler) {
		s = dbc_stmt(c, STMT_CASE_DUE_HANDLER);
		db_bind_i64(s, 1, handler);
		db_bind_i64(s, 2, by);
		db_bind_i64(s, 3, limit);
	} else {
		s = dbc_stmt(c, STMT_CASE_DUE_UNIT);
		db_bind_subtree(s, 1, 2, path);
		db_bind_i64(s, 3, by);
		db_bind_i64(s, 4, limit);
	}
	return db_get_rows(s, a, case_read_row, sizeof **out, (void **)out, n);
}
