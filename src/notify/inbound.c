/* inbound.c — what a feature phone sends (POST /hooks/sms/{gateway}):
 * opting out and in, and the keywords modules declare (module.h), each
 * answered by SMS; every message handled once however often the gateway
 * posts it (see notify.h, docs/notify.md). */
#include "notify.h"
#include "../db/db.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* upper case, no diacritics, single spaces, trimmed: "  bq 4821  đồng ý" -> "BQ 4821 DONG Y" */
static char *fold_sms(const char *text)
{
	char *u = str_unmark(text);
	char *out = xmalloc(strlen(u) + 1);
	size_t n = 0;
	bool space = true;
	for (const char *p = u; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ',' || ch == '.' || ch == ':') {
			if (!space)
				out[n++] = ' ';
			space = true;
		} else {
			out[n++] = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
			space = false;
		}
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	free(u);
	return out;
}

static bool is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static const char *const stop_words[] = {"TU CHOI", "TUCHOI", "TC", "STOP", "HUY", "HUY DK", NULL};
static const char *const start_words[] = {"NHAN TIN", "NHANTIN", "DK", "DANG KY", "START", NULL};

struct inbound_job {
	const struct notify_inbound *in;
	struct notify_inbound_result *out;
	struct buf reply;
	const char *province;
	char idem[160];
	bool failed; /* the handler refused: its writes rolled back, the answer still sent */
};

/* The province of the sender (the village it represents), else the gateway's. */
static const char *sender_province(struct arena *a, struct dbc *c, const char *from, const char *dflt)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_PHONE_PROVINCE);
	db_bind_text(s, 1, from);
	const char *p = dflt;
	if (!db_row(s)) {
		const char *path = db_col_text(s, 0) + 1;
		const char *e = strchr(path, '/');
		if (e)
			p = arena_strndup(a, path, (size_t)(e - path));
	}
	db_reset(s);
	return p;
}

static enum app_err answer(struct dbc *c, struct inbound_job *j)
{
	const struct notify_gateway *g = notify_gateway_for(j->province, "sms");
	char *text = g && g->unicode ? NULL : str_unmark(j->reply.p ? j->reply.p : "");
	enum app_err e = notify_sms_to(c, j->province, j->in->from, text ? text : j->reply.p, j->idem, j->in->now);
	free(text);
	snprintf(j->out->reply, sizeof j->out->reply, "%s", j->reply.p ? j->reply.p : "");
	return e;
}

static enum app_err seen(struct dbc *c, struct inbound_job *j)
{
	enum app_err e = db_run(c, STMT_NOTIFY_INBOUND_SEEN, "tti", j->in->gateway->name, j->in->ref, j->in->now);
	if (e == APP_ECONFLICT)
		j->out->duplicate = true;
	return e;
}

static enum app_err inbound_fn(struct dbc *c, void *arg)
{
	struct inbound_job *j = arg;
	buf_reset(&j->reply);
	enum app_err e = seen(c, j);
	if (e)
		return e == APP_ECONFLICT ? APP_OK : e;
	struct arena a;
	arena_init(&a);
	j->province = arena_strdup(j->out->a, sender_province(&a, c, j->in->from, j->in->gateway->province));
	char *f = fold_sms(j->in->text);
	const char *rest;
	const struct module_sms_keyword *k;
	if (is_one_of(f, stop_words)) {
		e = notify_opt_out(c, j->in->from, "sms", j->in->now);
		buf_puts(&j->reply, msg(MSG_NT_SMS_OUT));
		j->out->action = "opt_out";
	} else if (is_one_of(f, start_words)) {
		e = notify_opt_in(c, j->in->from);
		buf_puts(&j->reply, msg(MSG_NT_SMS_IN));
		j->out->action = "opt_in";
	} else if ((k = module_sms_keyword(f, &rest))) {
		/* the same words as sent: after the first (the keyword), trimmed */
		const char *raw = j->in->text;
		raw += strspn(raw, " \t\r\n");
		raw += strcspn(raw, " \t\r\n.,:");
		raw += strspn(raw, " \t\r\n.,:");
		char *rw = NULL;
		if (str_clean(raw, strlen(raw), &rw))
			rw = NULL;
		e = k->handle(c, j->province, j->in->from, rest, rw ? rw : "", j->in->now, &j->reply);
		free(rw);
		j->out->action = k->keyword;
		if (e)
			j->failed = true;
	} else {
		buf_puts(&j->reply, msg(MSG_NT_SMS_HELP));
		j->out->action = "help";
	}
	free(f);
	arena_free(&a);
	if (!e)
		e = answer(c, j);
	return e;
}

/* after a refusal rolled back: only that it was seen, and the answer */
static enum app_err refused_fn(struct dbc *c, void *arg)
{
	struct inbound_job *j = arg;
	enum app_err e = seen(c, j);
	if (e)
		return e == APP_ECONFLICT ? APP_OK : e;
	return answer(c, j);
}

struct inbound_job *notify_inbound_job(struct arena *a, const struct notify_inbound *in,
				       struct notify_inbound_result *out)
{
	struct inbound_job *j = arena_alloc(a, sizeof *j);
	memset(j, 0, sizeof *j);
	j->in = in;
	j->out = out;
	buf_init(&j->reply);
	snprintf(j->idem, sizeof j->idem, "reply|%s|%s", in->gateway->name, in->ref);
	return j;
}

enum app_err notify_inbound_write(struct dbc *c, void *job)
{
	return inbound_fn(c, job);
}

enum app_err notify_inbound_done(struct db *db, struct inbound_job *j, enum app_err e)
{
	if (e && j->failed) { /* the keyword's handler refused: only the answer, and that it was seen */
		j->out->refused = true;
		e = db_write(db, refused_fn, j);
	}
	buf_reset(&j->reply);
	return e;
}

enum app_err notify_inbound(struct db *db, const struct notify_inbound *in, struct notify_inbound_result *out)
{
	struct arena a;
	arena_init(&a);
	struct inbound_job *j = notify_inbound_job(&a, in, out);
	enum app_err e = notify_inbound_done(db, j, db_write(db, notify_inbound_write, j));
	arena_free(&a);
	return e;
}
