/* events.c — append-only events (see events.h). */
#include "events.h"
#include "../db/db.h"
#include "../util/log.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static events_sink public_sink;

void events_set_public_sink(events_sink fn)
{
	public_sink = fn;
}

static void bind_opt(struct db_stmt *s, int idx, int64_t v)
{
	if (v)
		db_bind_i64(s, idx, v);
	else
		db_bind_null(s, idx);
}

/* The code of a unit, for the ledger leaf ("" when none). */
static enum app_err unit_code(struct dbc *c, int64_t unit, char *out, size_t n)
{
	out[0] = '\0';
	if (!unit)
		return APP_OK;
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_BY_ID);
	db_bind_i64(s, 1, unit);
	bool row;
	enum app_err r = db_step(s, &row);
	if (!r && row)
		snprintf(out, n, "%s", db_col_text(s, 1));
	db_reset(s);
	return r;
}

enum app_err events_add(struct dbc *c, const struct event *e, int64_t *id)
{
	int64_t at = e->at ? e->at : time(NULL);
	char built[96];
	const char *subject = e->subject;
	if (!subject && e->about) { /* "matter:12", "unit:09187-01" */
		if (e->about_code)
			snprintf(built, sizeof built, "%s:%s", e->about, e->about_code);
		else
			snprintf(built, sizeof built, "%s:%lld", e->about, (long long)e->about_id);
		subject = built;
	}
	struct db_stmt *s = dbc_stmt(c, STMT_EVENT_INSERT);
	db_bind_i64(s, 1, at);
	bind_opt(s, 2, e->actor);
	bind_opt(s, 3, e->on_behalf);
	bind_opt(s, 4, e->unit);
	db_bind_text(s, 5, e->kind);
	db_bind_text(s, 6, subject ? subject : "");
	db_bind_i64(s, 7, e->public);
	db_bind_text(s, 8, e->payload ? e->payload : "{}");
	enum app_err r;
	int64_t eid = db_one_i64(s, 0, &r);
	if (r)
		return r;
	if (id)
		*id = eid;
	if (!e->public)
		return APP_OK;
	/* a public act reaches its sink (the transparency ledger) in the same transaction */
	if (!public_sink) {
		log_msg(LOG_ERROR, "events: %s is public but nothing listens (ledger_listen)", e->kind);
		return APP_EDB;
	}
	char code[64];
	if ((r = unit_code(c, e->unit, code, sizeof code)))
		return r;
	struct event ev = *e;
	ev.subject = subject ? subject : "";
	return public_sink(c, eid, at, &ev, code);
}

enum app_err events_recent(struct arena *a, struct dbc *c, const char *path,
			   bool public_only, int limit, struct event_row **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_EVENT_RECENT);
	db_bind_subtree(s, 1, 2, path);
	db_bind_i64(s, 3, public_only);
	db_bind_i64(s, 4, limit);
	struct event_row *v = arena_alloc(a, (size_t)limit * sizeof *v);
	size_t k = 0;
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row && k < (size_t)limit) {
		struct event_row *r = &v[k++];
		db_cols(s, a, 0, DB_COL(&r->id), DB_COL(&r->at), DB_COL(&r->kind), DB_COL(&r->subject),
			DB_COL(&r->actor), DB_COL(&r->on_behalf), DB_COL(&r->unit_code), DB_COL(&r->unit_title),
			DB_COL(&r->ledger_idx), DB_COL(&r->actor_role));
	}
	db_reset(s);
	*out = v;
	*n = k;
	return e;
}
