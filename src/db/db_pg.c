/*
 * db_pg.c — the PostgreSQL backend of db.h (libpq). Every statement is
 * prepared by name on the connection when it opens. Values travel as text;
 * integers are written and read in decimal. Commits are synchronous (the
 * server default, set explicitly), so a returned commit is durable.
 */
#include "db_int.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_MAX_PARAMS 32

struct pg_stmt {
	char name[16];                   /* prepared statement name */
	char *values[PG_MAX_PARAMS];     /* bound values (owned), NULL = SQL NULL */
	PGresult *res;                   /* result of the last execution */
	int row;                         /* next row to return, -1 before execution */
	unsigned char *blob;             /* last column decoded by col_blob (PQfreemem) */
};

static enum app_err pg_status(PGresult *res, const char *what)
{
	ExecStatusType st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return APP_OK;
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	enum app_err r = APP_EDB;
	if (state && (strcmp(state, "23505") == 0 || strcmp(state, "23503") == 0 ||
		      strcmp(state, "23514") == 0))
		r = APP_ECONFLICT;
	else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
			   strcmp(state, "55P03") == 0))
		r = APP_EBUSY;
	log_msg(r == APP_ECONFLICT ? LOG_DEBUG : LOG_ERROR, "db: %s: %s", what,
		PQresultErrorMessage(res));
	return r;
}

static enum app_err pg_exec(struct dbc *c, const char *sql, char **err)
{
	PGresult *res = PQexec(c->h, sql);
	ExecStatusType st = PQresultStatus(res);
	enum app_err r = APP_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		if (err)
			*err = xstrdup(PQresultErrorMessage(res));
		r = PQstatus(c->h) == CONNECTION_BAD ? APP_EBUSY : APP_EDB;
	}
	PQclear(res);
	return r;
}

static void notice_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static enum app_err pg_open(struct db *db, struct dbc *c, char **err)
{
	PGconn *h = PQconnectdb(c->target ? c->target : db->target);
	if (PQstatus(h) != CONNECTION_OK) {
		/* libpq's message does not include the password. */
		*err = xstrdup(PQerrorMessage(h));
		PQfinish(h);
		return APP_EDB;
	}
	PQsetNoticeProcessor(h, notice_quiet, NULL);
	c->h = h;
	enum app_err r = pg_exec(c, "SET synchronous_commit = on; SET client_encoding = 'UTF8';"
				    " SET client_min_messages = warning",
				 err);
	if (r) {
		PQfinish(h);
		c->h = NULL;
	}
	return r;
}

static void pg_close(struct dbc *c)
{
	PQfinish(c->h);
}

static enum app_err pg_prepare(struct dbc *c, enum stmt_id id, struct db_stmt *s)
{
	const char *text = db_stmt_pg[id] ? db_stmt_pg[id] : db_stmt_sqlite[id];
	int np = 0;
	char *sql = db_pg_placeholders(text, &np);
	struct pg_stmt *p = xcalloc(1, sizeof *p);
	snprintf(p->name, sizeof p->name, "s%d", (int)id);
	p->row = -1;
	if (np > PG_MAX_PARAMS) {
		log_msg(LOG_ERROR, "db: %s: too many parameters", db_stmt_name[id]);
		free(sql);
		free(p);
		return APP_EDB;
	}
	PGresult *res = PQprepare(c->h, p->name, sql, np, NULL);
	enum app_err r = pg_status(res, db_stmt_name[id]);
	PQclear(res);
	free(sql);
	if (r) {
		free(p);
		return APP_EDB;
	}
	s->h = p;
	s->nparam = np;
	return APP_OK;
}

static void pg_reset(struct db_stmt *s)
{
	struct pg_stmt *p = s->h;
	for (int i = 0; i < PG_MAX_PARAMS; i++) {
		free(p->values[i]);
		p->values[i] = NULL;
	}
	PQclear(p->res);
	p->res = NULL;
	p->row = -1;
	if (p->blob)
		PQfreemem(p->blob);
	p->blob = NULL;
}

static void pg_finalize(struct db_stmt *s)
{
	if (!s->h)
		return;
	pg_reset(s);
	free(s->h);
}

static void pg_bind_text(struct db_stmt *s, int idx, const char *v)
{
	struct pg_stmt *p = s->h;
	free(p->values[idx - 1]);
	p->values[idx - 1] = v ? xstrdup(v) : NULL;
}

/* bytea goes as text in PostgreSQL's hex format, \\x0a1b... */
static void pg_bind_blob(struct db_stmt *s, int idx, const void *v, size_t n)
{
	struct pg_stmt *p = s->h;
	static const char hex[] = "0123456789abcdef";
	const unsigned char *b = v;
	char *t = xmalloc(2 * n + 3);
	t[0] = '\\';
	t[1] = 'x';
	for (size_t i = 0; i < n; i++) {
		t[2 + 2 * i] = hex[b[i] >> 4];
		t[3 + 2 * i] = hex[b[i] & 15];
	}
	t[2 + 2 * n] = 0;
	free(p->values[idx - 1]);
	p->values[idx - 1] = t;
}

static void pg_bind_i64(struct db_stmt *s, int idx, int64_t v)
{
	char tmp[24];
	snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	pg_bind_text(s, idx, tmp);
}

static enum app_err pg_step(struct db_stmt *s, bool *row)
{
	struct pg_stmt *p = s->h;
	if (p->row < 0) {
		p->res = PQexecPrepared(s->c->h, p->name, s->nparam, (const char *const *)p->values,
					NULL, NULL, 0);
		enum app_err r = pg_status(p->res, db_stmt_name[s->id]);
		if (r) {
			PQclear(p->res);
			p->res = NULL;
			return PQstatus(s->c->h) == CONNECTION_BAD ? APP_EBUSY : r;
		}
		p->row = 0;
	} else {
		p->row++;
	}
	*row = p->row < PQntuples(p->res);
	return APP_OK;
}

static bool pg_col_null(struct db_stmt *s, int col)
{
	struct pg_stmt *p = s->h;
	return !p->res || PQgetisnull(p->res, p->row, col);
}

static const char *pg_col_text(struct db_stmt *s, int col)
{
	struct pg_stmt *p = s->h;
	if (pg_col_null(s, col))
		return NULL;
	return PQgetvalue(p->res, p->row, col);
}

static const void *pg_col_blob(struct db_stmt *s, int col, size_t *n)
{
	struct pg_stmt *p = s->h;
	*n = 0;
	const char *t = pg_col_text(s, col);
	if (!t)
		return NULL;
	if (p->blob)
		PQfreemem(p->blob);
	p->blob = PQunescapeBytea((const unsigned char *)t, n);
	return p->blob;
}

static int64_t pg_col_i64(struct db_stmt *s, int col)
{
	const char *t = pg_col_text(s, col);
	return t ? strtoll(t, NULL, 10) : 0;
}

static enum app_err pg_query_int(struct dbc *c, const char *sql, int64_t *out)
{
	PGresult *res = PQexec(c->h, sql);
	enum app_err r = pg_status(res, "query");
	if (!r) {
		if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
			*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		else
			r = APP_ENOTFOUND;
	}
	PQclear(res);
	return r;
}

static enum app_err pg_exec_params(struct dbc *c, const char *sql, int n, const char *const *vals)
{
	int np;
	char *text = db_pg_placeholders(sql, &np);
	PGresult *res = PQexecParams(c->h, text, n, NULL, vals, NULL, NULL, 0);
	free(text);
	enum app_err r = pg_status(res, "exec");
	PQclear(res);
	return r;
}

/* Lost, or closed by the server while idle: a server that shuts down or a
 * backend that is terminated sends its last message and closes the socket,
 * which an idle connection sees as something to read. Reading it (without
 * blocking) lets libpq mark the connection bad now, before a request uses it. */
static bool pg_broken(struct dbc *c)
{
	PGconn *h = c->h;
	if (PQstatus(h) == CONNECTION_BAD)
		return true;
	if (PQtransactionStatus(h) != PQTRANS_IDLE)
		return false;
	/* a server that goes away sends its reason, then the end of the stream:
	 * read while there is something (a few times at most) */
	for (int k = 0; k < 4 && PQstatus(h) == CONNECTION_OK; k++) {
		struct pollfd p = {.fd = PQsocket(h), .events = POLLIN};
		if (p.fd < 0 || poll(&p, 1, 0) <= 0)
			break;
		if (!PQconsumeInput(h))
			break;
		PGnotify *n;
		while ((n = PQnotifies(h)))
			PQfreemem(n);
	}
	return PQstatus(h) == CONNECTION_BAD;
}

static enum app_err pg_reconnect(struct dbc *c)
{
	PQreset(c->h);
	if (PQstatus(c->h) != CONNECTION_OK) {
		log_msg(LOG_ERROR, "db: reconnect failed: %s", PQerrorMessage(c->h));
		return APP_EBUSY;
	}
	return pg_exec(c, "SET synchronous_commit = on; SET client_encoding = 'UTF8';"
			  " SET client_min_messages = warning",
		       NULL);
}

const struct db_backend db_pg_backend = {
	.broken = pg_broken,
	.reconnect = pg_reconnect,
	.exec_params = pg_exec_params,
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_i64 = pg_bind_i64,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.col_i64 = pg_col_i64,
	.col_null = pg_col_null,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.reset = pg_reset,
	.exec = pg_exec,
	.query_int = pg_query_int,
	.begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED",
	.begin_read = "BEGIN READ ONLY",
};
