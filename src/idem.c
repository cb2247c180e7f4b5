/*
 * idem.c — writes that are safe to retry (issue #18). A POST may carry a key:
 * the API's Idempotency-Key header, or a page's one-time form key (the hidden
 * field form_key that form_begin writes into every form). The first request
 * with a key claims it, is handled, and its answer (status, Location, type,
 * body) is kept for a day; a retry of the same request (a 502 from the proxy,
 * a dropped connection, a double tap) gets that answer again without acting.
 * The same key with another request is refused (422); while the first is
 * still being answered, 409. A 5xx answer is not kept, nor one that sets a
 * cookie (a sign-in): the retry acts. Keys
 * are scoped to who sends them (an account, a bearer token, or nobody:
 * random keys do not collide).
 *
 * What this does not cover, said plainly: a process that dies after its
 * write committed but before the answer was kept leaves the key claimed
 * without an answer, and a retry gets 409 for the rest of the day rather
 * than a second act.
 */
#include "idem.h"
#include "app.h"
#include "auth/auth.h"
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "i18n/msg.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/log.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define IDEM_KEEP (24 * 3600) /* how long an answer is kept */

/* The key of a request, if it is one worth keeping: printable ASCII, 1 to
 * 200 bytes (a UUID, a random token). */
static const char *key_of(struct req *r)
{
	const char *k = req_header(r, "idempotency-key");
	if (!k && !r->is_api)
		k = req_form(r, "form_key");
	if (!k)
		return NULL;
	size_t n = strlen(k);
	if (!n || n > 200)
		return "";
	for (size_t i = 0; i < n; i++)
		if (k[i] <= ' ' || k[i] > '~')
			return "";
	return k;
}

/* Who sends it: an account, else the bearer token (the ballot box's requests
 * are identified inside their write), else nobody. */
static const char *scope_of(struct req *r)
{
	if (r->user)
		return arena_printf(r->a, "u%lld", (long long)r->user->id);
	const char *authz = req_header(r, "authorization");
	if (authz) {
		char h[CRYPTO_HASH_HEX];
		crypto_sha256_hex(authz, strlen(authz), h);
		return arena_printf(r->a, "t%.32s", h);
	}
	return "anon";
}

/* What the request is: method, path, query, type and body. */
static const char *request_hash(struct req *r)
{
	struct buf b;
	buf_init(&b);
	const char *ct = req_header(r, "content-type");
	buf_printf(&b, "%s\n%s\n%s\n%s\n", r->method, r->path, r->query_raw ? r->query_raw : "", ct ? ct : "");
	if (r->body && r->body_len)
		buf_append(&b, r->body, r->body_len);
	char h[CRYPTO_HASH_HEX];
	crypto_sha256_hex(b.p ? b.p : "", b.n, h);
	buf_reset(&b);
	return arena_strdup(r->a, h);
}

struct claim_job {
	const char *scope, *key, *request;
	int64_t now;
	bool claimed;
};

static enum app_err claim_fn(struct dbc *c, void *arg)
{
	struct claim_job *j = arg;
	enum app_err e = db_run(c, STMT_IDEM_EXPIRE, "i", j->now - IDEM_KEEP);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_IDEM_CLAIM);
	db_bind_text(s, 1, j->scope);
	db_bind_text(s, 2, j->key);
	db_bind_text(s, 3, j->request);
	db_bind_i64(s, 4, j->now);
	j->claimed = db_one_i64(s, 0, &e) == 1;
	return e;
}

/* Answers as the first time (a replay), or refuses the key's reuse. */
static void answer_kept(struct req *r, struct resp *w, const struct claim_job *j)
{
	struct dbc *c;
	enum app_err e = db_conn(r->app->db, &c);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct db_stmt *s = dbc_stmt(c, STMT_IDEM_GET);
	db_bind_text(s, 1, j->scope);
	db_bind_text(s, 2, j->key);
	db_bind_i64(s, 3, j->now - IDEM_KEEP);
	bool row;
	if ((e = db_step(s, &row)) || !row) {
		db_reset(s);
		/* gone between the claim and now (expired): the client may send it anew */
		http_send_error(r, w, e ? e : APP_ECONFLICT, msg(MSG_IDEM_BUSY));
		return;
	}
	const char *request = arena_strdup(r->a, db_col_text(s, 0));
	int status = (int)db_col_i64(s, 1);
	const char *location = arena_strdup(r->a, db_col_text(s, 2));
	const char *ctype = arena_strdup(r->a, db_col_text(s, 3));
	size_t n = 0;
	const void *body = db_col_blob(s, 4, &n);
	if (strcmp(request, j->request)) {
		db_reset(s);
		if (r->is_api)
			http_send_json_error(r, w, APP_EINVAL, "Idempotency-Key", msg(MSG_IDEM_OTHER));
		else
			http_send_error(r, w, APP_EINVAL, msg(MSG_IDEM_OTHER));
		w->status = 422;
		return;
	}
	if (!status) {
		db_reset(s);
		http_send_error(r, w, APP_ECONFLICT, msg(MSG_IDEM_BUSY));
		return;
	}
	buf_reset(&w->body);
	if (n)
		buf_append(&w->body, body, n);
	db_reset(s);
	w->status = status;
	w->ctype = *ctype ? ctype : NULL;
	if (*location)
		resp_header(r, w, "Location", location);
	resp_header(r, w, "Idempotent-Replayed", "true");
}

bool idem_begin(struct req *r, struct resp *w, int64_t now)
{
	const char *key = key_of(r);
	if (!key)
		return false;
	if (!*key) {
		if (r->is_api)
			http_send_json_error(r, w, APP_EINVAL, "Idempotency-Key", msg(MSG_IDEM_BAD_KEY));
		else
			http_send_error(r, w, APP_EINVAL, msg(MSG_IDEM_BAD_KEY));
		return true;
	}
	struct claim_job j = {.scope = scope_of(r), .key = arena_strdup(r->a, key), .request = request_hash(r),
			      .now = now};
	enum app_err e = db_write(r->app->db, claim_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return true;
	}
	if (!j.claimed) {
		answer_kept(r, w, &j);
		return true;
	}
	r->idem_scope = j.scope;
	r->idem_key = j.key;
	return false;
}

struct done_job {
	const char *scope, *key, *location, *ctype;
	const struct resp *w;
	bool forget;
};

static enum app_err done_fn(struct dbc *c, void *arg)
{
	struct done_job *j = arg;
	if (j->w->status >= 500 || j->forget)
		return db_run(c, STMT_IDEM_FORGET, "tt", j->scope, j->key);
	struct db_stmt *s = dbc_stmt(c, STMT_IDEM_DONE);
	db_bind_text(s, 1, j->scope);
	db_bind_text(s, 2, j->key);
	db_bind_i64(s, 3, j->w->status);
	db_bind_text(s, 4, j->location);
	db_bind_text(s, 5, j->ctype);
	db_bind_blob(s, 6, j->w->body.p ? j->w->body.p : "", j->w->body.n);
	return db_exec(s);
}

void idem_end(struct req *r, const struct resp *w)
{
	if (!r->idem_key)
		return;
	struct done_job j = {.scope = r->idem_scope, .key = r->idem_key, .location = "", .ctype = w->ctype ? w->ctype : "", .w = w};
	for (size_t i = 0; i < w->nhdr; i++)
		if (!strcasecmp(w->hdr[i].k, "location"))
			j.location = w->hdr[i].v;
		else if (!strcasecmp(w->hdr[i].k, "set-cookie"))
			j.forget = true; /* a sign-in: the cookie is not kept; acting again is harmless */
	enum app_err e = db_write(r->app->db, done_fn, &j);
	if (e)
		log_msg(LOG_WARN, "idem: the answer to a keyed request was not kept (%s)", app_err_code(e));
	r->idem_key = NULL;
}
