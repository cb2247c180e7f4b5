/* notify.c — the outbox: writing messages inside the act's write, a
 * person's messages and choices, opting out, one-time codes, and the
 * outbox as administrators see it (see notify.h). */
#include "notify.h"
#include "../db/db.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../units/units.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/problems.h"
#include "../util/str.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const notify_channels[] = {"sms", "zalo", "email", NULL};
const char *const notify_topics[] = {"village", "commune", "cases", "reminders", NULL};

#define LOCAL_OFFSET (7 * 3600)
int64_t notify_not_quiet(const struct notify_gateway *g, int64_t t)
{
	/* no SMS between 21:00 and 07:00 unless a province says otherwise (docs/notify.md) */
	int from = g ? g->quiet_from : 21, to = g ? g->quiet_to : 7;
	if (from == to)
		return t;
	int64_t local = t + LOCAL_OFFSET;
	int64_t day = local / 86400 * 86400, hour = local % 86400 / 3600;
	bool quiet = from > to ? (hour >= from || hour < to) : (hour >= from && hour < to);
	if (!quiet)
		return t;
	/* the end: today's "to" hour, or tomorrow's */
	int64_t end = day + to * 3600 - LOCAL_OFFSET;
	return end > t ? end : end + 86400;
}

/* The province's code of a unit's path ("/24/07210/" -> "24"). */
static const char *province_of(struct arena *a, const char *path)
{
	if (!*path)
		return "";
	const char *p = path + (*path == '/');
	const char *e = strchr(p, '/');
	return e ? arena_strndup(a, p, (size_t)(e - p)) : "";
}

/* A kind's words, ready for each channel: in-app and e-mail title and body,
 * the SMS text (as the province's SMS gateway wants it), the Zalo body. */
struct rendered {
	const struct module_message *m;
	const char *title, *body, *sms, *zalo;
};

/* The Zalo message's body: {"template_id", "params", "sms"} (the SMS for the
 * fallback, as the province's SMS gateway wants it); NULL without a Zalo template. */
static const char *zalo_body(struct arena *a, const struct notify_tpls *t, const struct notify_tpl *tp,
			     const struct notify_msg *m, const struct notify_gateway *sms_gw)
{
	if (!tp->zalo_id)
		return NULL;
	json_t *o = json_object(), *p = json_object();
	for (const char *s = tp->zalo_params; *s;) {
		const char *e = strchr(s, ' ');
		size_t l = e ? (size_t)(e - s) : strlen(s);
		const char *eq = memchr(s, '=', l);
		char *name = arena_strndup(a, s, (size_t)(eq - s));
		char *val = notify_render(a, arena_strndup(a, eq + 1, l - (size_t)(eq - s) - 1), m->params, m->nparams);
		json_object_set_new(p, name, json_string(val));
		s = e ? e + 1 : s + l;
	}
	json_object_set_new(o, "template_id", json_string(tp->zalo_id));
	json_object_set_new(o, "params", p);
	json_object_set_new(o, "sms", json_string(notify_render_sms(a, t, tp->sms, m->params, m->nparams,
								     sms_gw && sms_gw->unicode)));
	char *j = json_dumps(o, JSON_COMPACT);
	const char *out = arena_strdup(a, j);
	free(j);
	json_decref(o);
	return out;
}

static bool render(struct arena *a, const struct notify_msg *m, const char *province, struct rendered *r)
{
	const struct notify_tpls *t = notify_templates();
	const struct notify_tpl *tp = notify_tpl_of(t, m->kind);
	memset(r, 0, sizeof *r);
	r->m = module_message(m->kind);
	if (!tp || !r->m) {
		log_msg(LOG_ERROR, "notify: no template for %s", m->kind);
		return false;
	}
	r->title = notify_render(a, tp->title, m->params, m->nparams);
	r->body = notify_render(a, tp->body, m->params, m->nparams);
	const struct notify_gateway *g = notify_gateway_for(province, "sms");
	r->sms = notify_render_sms(a, t, tp->sms, m->params, m->nparams, g && g->unicode);
	r->zalo = zalo_body(a, t, tp, m, g);
	return true;
}

/* One-time codes for every representative with a number, about subject. */
static enum app_err issue_codes(struct dbc *c, const struct unit *u, const char *subject)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_REPS_PHONES);
	db_bind_subtree(s, 1, 2, u->path);
	bool row;
	enum app_err e;
	struct arena a;
	arena_init(&a);
	struct hp {
		int64_t household;
		const char *phone;
	} *v = NULL;
	size_t n = 0, cap = 0;
	while (!(e = db_step(s, &row)) && row) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			struct hp *w = arena_alloc(&a, cap * sizeof *w);
			if (n)
				memcpy(w, v, n * sizeof *w);
			v = w;
		}
		v[n].household = db_col_i64(s, 0);
		v[n++].phone = arena_strdup(&a, db_col_text(s, 1));
	}
	db_reset(s);
	for (size_t i = 0; !e && i < n; i++) {
		char code[8];
		snprintf(code, sizeof code, "%04u", (unsigned)randombytes_uniform(10000));
		e = db_run(c, STMT_NOTIFY_CODE_INSERT, "titt", subject, v[i].household, v[i].phone, code);
	}
	arena_free(&a);
	return e;
}

enum app_err notify_households(struct dbc *c, int64_t unit, const struct notify_msg *m, bool codes, int64_t now)
{
	notify_gateways_fresh(c);
	struct arena a;
	arena_init(&a);
	struct unit u;
	enum app_err e = units_get_id(&a, c, unit, &u);
	const char *province = e ? "" : province_of(&a, u.path);
	struct rendered r;
	if (e || !render(&a, m, province, &r)) {
		arena_free(&a);
		return e;
	}
	if (codes)
		e = issue_codes(c, &u, m->subject);
	const char *href = m->href ? m->href : "";
	/* in-app: those with an account */
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, m->once ? STMT_NOTIFY_HH_INAPP_REPLACE : STMT_NOTIFY_HH_INAPP);
		db_bind_subtree(s, 1, 2, u.path);
		db_bind_text(s, 3, m->kind);
		db_bind_text(s, 4, m->subject);
		db_bind_text(s, 5, r.title);
		db_bind_text(s, 6, r.body);
		db_bind_text(s, 7, href);
		db_bind_i64(s, 8, now);
		db_bind_text(s, 9, r.m->topic);
		e = db_exec(s);
	}
	for (int i = 0; !e && notify_channels[i]; i++) {
		const char *ch = notify_channels[i];
		const struct notify_gateway *g = notify_gateway_for(province, ch);
		if (!g)
			continue; /* a channel nobody configured for the province is off */
		int64_t due = r.m->urgent ? now : notify_not_quiet(g, now);
		bool email = !strcmp(ch, "email");
		struct db_stmt *s = dbc_stmt(c, email ? STMT_NOTIFY_HH_EMAIL : STMT_NOTIFY_HH_PHONE);
		db_bind_subtree(s, 1, 2, u.path);
		db_bind_text(s, 3, ch);
		db_bind_text(s, 4, m->kind);
		db_bind_text(s, 5, m->subject);
		db_bind_text(s, 6, r.title);
		db_bind_text(s, 7, !strcmp(ch, "sms") ? r.sms : !strcmp(ch, "zalo") ? (r.zalo ? r.zalo : "") : r.body);
		db_bind_text(s, 8, href);
		db_bind_i64(s, 9, email ? now : due);
		db_bind_i64(s, 10, now);
		db_bind_text(s, 11, province);
		db_bind_i64(s, 12, r.m->urgent);
		db_bind_text(s, 13, r.m->topic);
		db_bind_text(s, 14, m->once ? m->once : "");
		if (!strcmp(ch, "zalo") && !r.zalo)
			continue;
		e = db_exec(s);
	}
	arena_free(&a);
	return e;
}

/* Whether the space-separated list has the word. */
static bool list_has(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = list; p && (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

enum app_err notify_user(struct dbc *c, int64_t user, const struct notify_msg *m, int64_t now)
{
	notify_gateways_fresh(c);
	/* one read says where the person is and what they chose; the words for a
	 * channel are made only when the person hears on it (a ballot's notice is
	 * in the ballot box's write: it must cost little) */
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_USER_TARGET);
	db_bind_i64(s, 1, user);
	enum app_err e = db_row(s);
	if (e) {
		db_reset(s);
		return e == APP_ENOTFOUND ? APP_OK : e;
	}
	struct arena a;
	arena_init(&a);
	const char *channels = NULL, *topics = NULL, *phone, *email;
	bool chose = !db_col_null(s, 0);
	db_cols(s, &a, 0, DB_COL(&channels), DB_COL(&topics), DB_COL(&phone), DB_COL(&email));
	db_reset(s);
	/* the province (whose gateways) matters only to someone who hears beyond in-app */
	const char *province = "";
	if (chose) {
		s = dbc_stmt(c, STMT_NOTIFY_USER_PATH);
		db_bind_i64(s, 1, user);
		if (!(e = db_row(s)))
			province = province_of(&a, db_col_text(s, 0));
		db_reset(s);
		if (e && e != APP_ENOTFOUND) {
			arena_free(&a);
			return e;
		}
		e = APP_OK;
	}
	const struct module_message *mm = module_message(m->kind);
	const struct notify_tpls *t = notify_templates();
	const struct notify_tpl *tp = notify_tpl_of(t, m->kind);
	if (!mm || !tp) {
		log_msg(LOG_ERROR, "notify: no template for %s", m->kind);
		arena_free(&a);
		return APP_OK;
	}
	const char *title = notify_render(&a, tp->title, m->params, m->nparams);
	const char *body = notify_render(&a, tp->body, m->params, m->nparams);
	const char *href = m->href ? m->href : "";
	char idem[256];
	if (!mm->no_inapp)
		e = db_run(c, STMT_NOTIFY_INAPP_INSERT, "ittttti", user, m->kind, m->subject, title, body, href, now);
	bool hears = chose && list_has(topics, mm->topic);
	for (int i = 0; !e && hears && notify_channels[i]; i++) {
		const char *ch = notify_channels[i];
		const struct notify_gateway *g = notify_gateway_for(province, ch);
		bool mail = !strcmp(ch, "email");
		const char *address = mail ? email : phone;
		if (!list_has(channels, ch) || !g || !address || !*address)
			continue;
		const char *text = body;
		if (!strcmp(ch, "sms"))
			text = notify_render_sms(&a, t, tp->sms, m->params, m->nparams, g->unicode);
		else if (!strcmp(ch, "zalo") && !(text = zalo_body(&a, t, tp, m, notify_gateway_for(province, "sms"))))
			continue;
		int64_t due = mm->urgent || mail ? now : notify_not_quiet(g, now);
		snprintf(idem, sizeof idem, "%s|%s|u%lld|%s", m->kind, m->subject, (long long)user, ch);
		e = db_run(c, STMT_NOTIFY_ONE_INSERT, "ittttttttiiti", user, ch, address, m->kind, m->subject, title, text,
			   href, idem, due, now, province, (int64_t)mm->urgent);
	}
	arena_free(&a);
	return e;
}

enum app_err notify_contact(struct dbc *c, const char *unit_path, const char *phone, const char *email,
			    const struct notify_msg *m, int64_t now)
{
	notify_gateways_fresh(c);
	struct arena a;
	arena_init(&a);
	const char *province = province_of(&a, unit_path);
	struct rendered r;
	enum app_err e = APP_OK;
	if (!render(&a, m, province, &r)) {
		arena_free(&a);
		return APP_OK;
	}
	const char *href = m->href ? m->href : "";
	char idem[256];
	for (int i = 0; !e && i < 2; i++) {
		const char *ch = i ? "email" : "sms", *address = i ? email : phone;
		const struct notify_gateway *g = notify_gateway_for(province, ch);
		if (!g || !address || !*address)
			continue;
		int64_t due = r.m->urgent || i ? now : notify_not_quiet(g, now);
		snprintf(idem, sizeof idem, "%s|%s|%s", m->kind, m->subject, ch);
		e = db_run(c, STMT_NOTIFY_ONE_INSERT, "ittttttttiiti", (int64_t)0, ch, address, m->kind, m->subject,
			   r.title, i ? r.body : r.sms, href, idem, due, now, province, (int64_t)r.m->urgent);
	}
	arena_free(&a);
	return e;
}

enum app_err notify_sms_to(struct dbc *c, const char *province, const char *phone, const char *text, const char *idem,
			   int64_t now)
{
	return db_run(c, STMT_NOTIFY_SMS_INSERT, "tttti", province, phone, text, idem, now);
}

#define CODE_TRIES 5

enum app_err notify_code_check(struct dbc *c, const char *subject_prefix, const char *phone, const char *code,
			       char *subject, size_t subject_len, int64_t *household)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_CODES_OF);
	db_bind_text(s, 1, phone);
	db_bind_text(s, 2, subject_prefix);
	bool row, any = false, locked = false;
	enum app_err e;
	*household = 0;
	while (!(e = db_step(s, &row)) && row) {
		any = true;
		if (db_col_i64(s, 3) >= CODE_TRIES)
			locked = true;
		else if (!*household && sodium_memcmp(db_col_text(s, 2), code, 5) == 0 && strlen(code) == 4) {
			snprintf(subject, subject_len, "%s", db_col_text(s, 0));
			*household = db_col_i64(s, 1);
		}
	}
	db_reset(s);
	if (e)
		return e;
	if (!any)
		return APP_ENOTFOUND;
	if (*household && !locked)
		return APP_OK;
	*household = 0;
	if (!locked)
		e = db_run(c, STMT_NOTIFY_CODE_WRONG, "tt", phone, subject_prefix);
	return e ? e : APP_EINVAL;
}

enum app_err notify_opt_out(struct dbc *c, const char *address, const char *via, int64_t now)
{
	enum app_err e = db_run(c, STMT_NOTIFY_OPTOUT_INSERT, "tit", address, now, via);
	if (!e)
		e = db_run(c, STMT_NOTIFY_CANCEL_ADDRESS, "ti", address, now);
	return e;
}

enum app_err notify_opt_in(struct dbc *c, const char *address)
{
	return db_run(c, STMT_NOTIFY_OPTOUT_DELETE, "t", address);
}

/* ---- a person's in-app messages ---- */

static void row_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct notification *x = p;
	db_cols(s, a, 0, DB_COL(&x->kind), DB_COL(&x->title), DB_COL(&x->body), DB_COL(&x->href), DB_COL(&x->at),
		DB_COL(&x->read_at));
}

enum app_err notify_list(struct arena *a, struct dbc *c, int64_t user, int max, struct notification **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_LIST);
	db_bind_i64(s, 1, user);
	db_bind_i64(s, 2, max);
	return db_get_rows(s, a, row_read, sizeof **out, (void **)out, n);
}

enum app_err notify_unread(struct dbc *c, int64_t user, int64_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_UNREAD);
	db_bind_i64(s, 1, user);
	enum app_err e;
	*n = db_one_i64(s, 0, &e);
	return e;
}

enum app_err notify_read_all(struct dbc *c, int64_t user, int64_t now)
{
	return db_run(c, STMT_NOTIFY_READ_ALL, "ii", user, now);
}

/* ---- choices ---- */

enum app_err notify_prefs_get(struct arena *a, struct dbc *c, int64_t user, struct notify_prefs *out)
{
	memset(out, 0, sizeof *out);
	out->channels = "sms";
	out->topics = "village"; /* without a choice: the village's votes and meetings, by SMS */
	out->phone = out->email = out->registry_phone = "";
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_PREFS_GET);
	db_bind_i64(s, 1, user);
	enum app_err e = db_row(s);
	if (!e) {
		out->saved = !db_col_null(s, 0);
		if (out->saved)
			db_cols(s, a, 0, DB_COL(&out->channels), DB_COL(&out->topics), DB_COL(&out->phone),
				DB_COL(&out->email));
		db_cols(s, a, 4, DB_COL(&out->registry_phone));
	}
	db_reset(s);
	if (e == APP_ENOTFOUND)
		e = APP_OK;
	const char *ph = *out->phone ? out->phone : out->registry_phone;
	if (!e && *ph) {
		s = dbc_stmt(c, STMT_NOTIFY_OPTED_OUT);
		db_bind_text(s, 1, ph);
		out->opted_out = db_one_i64(s, 0, &e) > 0;
	}
	return e;
}

enum app_err notify_prefs_set(struct dbc *c, int64_t user, const struct notify_prefs *p, int64_t now)
{
	return db_run(c, STMT_NOTIFY_PREFS_SET, "itttti", user, p->channels, p->topics, p->phone, p->email, now);
}

static bool word_of(const char *const *list, const char *w, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(list[i], w, n))
			return true;
	return false;
}

/* Every word of s is one of list. */
static bool words_ok(const char *const *list, const char *s)
{
	for (const char *p = s; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l && !word_of(list, p, l))
			return false;
		p = e ? e + 1 : p + l;
	}
	return true;
}

void notify_prefs_check(struct arena *a, struct notify_prefs *p, struct problems *pr)
{
	if (!words_ok(notify_channels, p->channels))
		problems_add(pr, "channels", msg(MSG_ERR_INVALID));
	if (!words_ok(notify_topics, p->topics))
		problems_add(pr, "topics", msg(MSG_ERR_INVALID));
	if (*p->phone) {
		char ph[STR_PHONE_LEN];
		if (!str_phone(p->phone, ph))
			problems_add(pr, "phone", msg(MSG_IMPORT_BAD_PHONE));
		else
			p->phone = arena_strdup(a, ph);
	}
	if (*p->email) {
		const char *at = strchr(p->email, '@');
		if (!at || at == p->email || !strchr(at, '.') || strlen(p->email) > 200 || strpbrk(p->email, " <>\r\n,;"))
			problems_add(pr, "email", msg(MSG_NT_BAD_EMAIL));
	}
	if (strstr(p->channels, "email") && !*p->email)
		problems_add(pr, "email", msg(MSG_NT_EMAIL_NEEDED));
	if ((strstr(p->channels, "sms") || strstr(p->channels, "zalo")) && !*p->phone && !*p->registry_phone)
		problems_add(pr, "phone", msg(MSG_NT_PHONE_NEEDED));
}

/* ---- the outbox for administrators ---- */

static void outbox_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct outbox_row *x = p;
	db_cols(s, a, 0, DB_COL(&x->id), DB_COL(&x->user_id), DB_COL(&x->channel), DB_COL(&x->address), DB_COL(&x->kind),
		DB_COL(&x->subject), DB_COL(&x->title), DB_COL(&x->body), DB_COL(&x->status), DB_COL(&x->attempts),
		DB_COL(&x->due_at), DB_COL(&x->created_at), DB_COL(&x->done_at), DB_COL(&x->last_error),
		DB_COL(&x->province), DB_COL(&x->gateway_ref));
}

enum app_err notify_outbox(struct arena *a, struct dbc *c, const struct outbox_filter *f, struct outbox_row **out,
			   size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_OUTBOX);
	db_bind_text(s, 1, f->status ? f->status : "");
	db_bind_text(s, 2, f->channel ? f->channel : "");
	db_bind_text(s, 3, f->province ? f->province : "");
	db_bind_i64(s, 4, f->before > 0 ? f->before : INT64_MAX);
	db_bind_i64(s, 5, f->limit);
	return db_get_rows(s, a, outbox_read, sizeof **out, (void **)out, n);
}

enum app_err notify_outbox_get(struct arena *a, struct dbc *c, int64_t id, struct outbox_row *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_OUTBOX_GET);
	db_bind_i64(s, 1, id);
	enum app_err e = db_row(s);
	if (!e)
		outbox_read(a, s, out);
	db_reset(s);
	return e;
}

static void attempt_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct outbox_attempt *x = p;
	db_cols(s, a, 0, DB_COL(&x->at), DB_COL(&x->ok), DB_COL(&x->answer));
}

enum app_err notify_attempts(struct arena *a, struct dbc *c, int64_t id, struct outbox_attempt **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_ATTEMPTS);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, attempt_read, sizeof **out, (void **)out, n);
}

/* Runs a one-row update; APP_ECONFLICT when no row was in a state for it. */
static enum app_err one_change(struct dbc *c, enum stmt_id id, int64_t msg_id, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, id);
	db_bind_i64(s, 1, msg_id);
	db_bind_i64(s, 2, now);
	enum app_err e = db_row(s);
	db_reset(s);
	return e == APP_ENOTFOUND ? APP_ECONFLICT : e;
}

enum app_err notify_retry(struct dbc *c, int64_t id, int64_t now)
{
	return one_change(c, STMT_NOTIFY_RETRY, id, now);
}

enum app_err notify_cancel(struct dbc *c, int64_t id, int64_t now)
{
	return one_change(c, STMT_NOTIFY_CANCEL, id, now);
}

/* ---- metrics ---- */

void notify_metrics(struct dbc *c, int64_t now, struct buf *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_COUNTS);
	buf_puts(out, "# HELP coso_outbox_messages Messages in the outbox by channel, kind and status.\n"
		      "# TYPE coso_outbox_messages gauge\n");
	bool row;
	while (!db_step(s, &row) && row)
		buf_printf(out, "coso_outbox_messages{channel=\"%s\",kind=\"%s\",status=\"%s\"} %lld\n", db_col_text(s, 0),
			   db_col_text(s, 1), db_col_text(s, 2), (long long)db_col_i64(s, 3));
	db_reset(s);
	s = dbc_stmt(c, STMT_NOTIFY_QUEUE);
	enum app_err e = db_row(s);
	if (!e) {
		int64_t depth = db_col_i64(s, 0), oldest = db_col_i64(s, 1);
		buf_printf(out,
			   "# HELP coso_outbox_queue_depth Messages waiting to be sent (due now or later).\n"
			   "# TYPE coso_outbox_queue_depth gauge\ncoso_outbox_queue_depth %lld\n"
			   "# HELP coso_outbox_oldest_due_seconds Age of the oldest message due and not yet sent.\n"
			   "# TYPE coso_outbox_oldest_due_seconds gauge\ncoso_outbox_oldest_due_seconds %lld\n",
			   (long long)depth, (long long)(oldest && oldest < now ? now - oldest : 0));
	}
	db_reset(s);
}
