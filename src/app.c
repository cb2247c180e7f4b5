/*
 * app.c — app_handle, the socket-free seam that runs one request: identify
 * the caller, match the route, enforce its flags (login, CSRF, admin), parse
 * the body, call the handler. Also ETag/304 for public GETs, the metrics, and
 * the small system routes (/healthz, /metrics, /static/).
 */
#include "http/cache.h"
#include "http/server.h"
#include "idem.h"
#include "module.h"
#include "auth/auth.h"
#include "db/db.h"
#include "i18n/msg.h"
#include "util/crypto.h"
#include "util/embed.h"
#include "util/log.h"
#include <string.h>
#include <strings.h>

static bool is_post(const struct req *r)
{
	return strcmp(r->method, "POST") == 0;
}

/* Parses a POST body by its content type into r->form / r->files. */
static enum app_err parse_body(struct req *r)
{
	const char *ct = req_header(r, "content-type");
	if (!ct || !r->body_len)
		return APP_OK;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return http_parse_urlencoded(r->a, r->body, r->body_len, &r->app->lim, &r->form,
					     &r->nform);
	if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		return http_parse_multipart(r->a, r->body, r->body_len, ct, &r->app->lim, &r->form,
					    &r->nform, &r->files, &r->nfile);
	if (strncasecmp(ct, "application/json", 16) == 0)
		return http_parse_json(r->a, r->body, r->body_len, &r->app->lim, &r->json);
	return APP_EINVAL;
}

const char *app_public_url(struct req *r)
{
	if (r->app && r->app->public_url)
		return r->app->public_url;
	const char *host = req_header(r, "host");
	/* a Host with characters outside a host name is not echoed into links */
	if (!host || !*host || strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
				       strlen(host))
		host = "localhost";
	return arena_printf(r->a, "%s://%s", r->https ? "https" : "http", host);
}

struct dbc *app_conn_or_respond(struct req *r, struct resp *w)
{
	struct dbc *c;
	enum app_err e = db_conn(r->app->db, &c);
	if (e) {
		http_send_error(r, w, e, NULL);
		return NULL;
	}
	return c;
}

void app_defer_write(struct req *r, struct resp *w, db_write_fn fn, void *arg, app_then_fn then)
{
	app_defer_write_batch(r, w, fn, NULL, arg, then);
}

void app_defer_write_batch(struct req *r, struct resp *w, db_write_fn fn, db_batch_fn batch, void *arg,
			   app_then_fn then)
{
	if (r->can_defer) {
		struct deferred *d = arena_alloc(r->a, sizeof *d);
		*d = (struct deferred){fn, arg, then, batch};
		r->deferred = d;
		return;
	}
	then(r, w, db_write(r->app->db, fn, arg), arg);
}

/* Issue #18: an anonymous visitor's public read may be answered by a standby
 * (within COSO_REPLICA_MAX_LAG, db_read_replica); one who has just written
 * reads from the primary for that long (the FRESH_COOKIE), so that they see
 * their own act; signed-in people always read from the primary. */
#define FRESH_COOKIE "coso_fresh"

static bool may_read_replica(struct req *r, const struct route *rt)
{
	size_t n = strlen(r->path);
	return r->app->replica_fresh_s && !r->user && (rt->flags & ROUTE_PUBLIC) && !is_post(r) &&
	       !req_cookie(r, FRESH_COOKIE) &&
	       !(n > 4 && !strcmp(r->path + n - 4, ".pdf")); /* a document is numbered when first printed: a write */
}

void app_handle(struct req *r, struct resp *w)
{
	/* the API and the gateways' webhooks answer JSON */
	r->is_api = strncmp(r->path, "/api/", 5) == 0 || strncmp(r->path, "/hooks/", 7) == 0;
	const char *cookie = req_header(r, "cookie");
	if (cookie && !r->cookies)
		http_parse_cookies(r->a, cookie, &r->cookies, &r->ncookie);
	bool found;
	size_t nroutes;
	const struct route *routes = module_routes(&nroutes);
	r->route = router_match(routes, nroutes, r, &found);
	if (r->route < 0) {
		auth_identify(r);
		if (found) {
			resp_header(r, w, "Allow", "GET, HEAD, POST");
			w->status = 405;
			if (r->is_api)
				http_send_json_error(r, w, APP_EINVAL, NULL, msg(MSG_ERR_METHOD));
			else
				http_send_error(r, w, APP_EINVAL, msg(MSG_ERR_METHOD));
			w->status = 405;
			return;
		}
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	const struct route *rt = &routes[r->route];
	r->quiet = rt->flags & ROUTE_QUIET;
	enum app_err e = parse_body(r);
	if (e) {
		auth_identify(r);
		http_send_error(r, w, e, e == APP_ETOOBIG ? msg(MSG_ERR_TOO_BIG_DETAIL) : msg(MSG_ERR_BAD_BODY));
		return;
	}
	if ((rt->flags & ROUTE_PUBLIC) && !is_post(r) && r->app->cache && !req_cookie(r, AUTH_SESSION_COOKIE) &&
	    !req_cookie(r, FRESH_COOKIE) && !req_header(r, "authorization")) {
		const char *key = arena_printf(r->a, "%s?%s", r->path, r->query_raw ? r->query_raw : "");
		const char *ae = req_header(r, "accept-encoding");
		bool gz = ae && strstr(ae, "gzip") && !strcmp(r->method, "GET");
		if (resp_cache_get(r->app->cache, key, db_generation(r->app->db), w, r->etag, gz)) {
			atomic_fetch_add(&r->app->metrics.cache_hits, 1);
			w->cache_public = true;
			r->cache_key = key;
			r->cache_entry = true;
			return;
		}
		atomic_fetch_add(&r->app->metrics.cache_misses, 1);
		r->cache_key = key;
	}
	if (rt->flags & ROUTE_RAW) {
		rt->fn(r, w);
		return;
	}
	uint64_t gen = db_generation(r->app->db);
	const char *authz = req_header(r, "authorization");
	if ((rt->flags & ROUTE_TOKEN_IN_WRITE) && r->is_api && is_post(r) && authz && !strncmp(authz, "Bearer ", 7)) {
		/* the handler's write checks the token (auth_bearer_hash; it answers
		 * 401 if the token is not valid); bearer requests carry no CSRF token */
		if (!idem_begin(r, w, r->at))
			rt->fn(r, w);
		return;
	}
	/* A GET reads one consistent snapshot in a read-only transaction: one
	 * lock for all its statements on SQLite, READ ONLY on PostgreSQL. On a
	 * SQLite server it starts before the caller is identified, so that the
	 * session or token, the user, the roles and the page share it: every new
	 * read transaction after a commit drops the connection's page cache. (A
	 * SQLite server's writes, a session's touch included, go to the writer's
	 * connection; elsewhere they use this thread's, so there the transaction
	 * starts after identification, and a POST identifies outside one.) */
	struct dbc *c = NULL;
	bool reading = db_can_write_async(r->app->db) && db_conn(r->app->db, &c) == APP_OK && dbc_begin_read(c) == APP_OK;
	enum app_err down = auth_identify(r);
	if (down && !reading)
		down = auth_identify(r); /* read-only, so safe once more: a lost connection is made again first */
	if (reading && (is_post(r) || down)) {
		dbc_end_read(c);
		reading = false;
	}
	enum app_err deny = APP_OK;
	const char *why = NULL;
	if (down) /* the database did not answer: not "please log in", but "try again" */
		deny = APP_EBUSY, why = msg(MSG_ERR_DB_DOWN);
	else if ((rt->flags & (ROUTE_LOGIN | ROUTE_ADMIN)) && !r->user)
		deny = APP_EAUTH;
	else if (r->user && r->user->via_token && !auth_token_allows(r->user->token_scope, r->method, rt->flags))
		deny = APP_EFORBID, why = msg(MSG_TOKEN_SCOPE);
	else if ((rt->flags & ROUTE_CSRF) && is_post(r) && !auth_csrf_ok(r))
		deny = APP_EFORBID, why = msg(MSG_ERR_CSRF);
	else if ((rt->flags & ROUTE_ADMIN) &&
		 !auth_has_cap(r->user, CAP_USERS | CAP_IMPORT | CAP_HOLIDAYS | CAP_ASSIST | CAP_UNITS))
		deny = APP_EFORBID;
	if (deny) {
		if (reading)
			dbc_end_read(c);
		http_send_error(r, w, deny, why);
		return;
	}
	if (is_post(r) && idem_begin(r, w, r->at))
		return; /* the answer kept for a retry, or a refused key */
	if (rt->flags & ROUTE_PUBLIC)
		w->cache_public = true;
	bool replica = may_read_replica(r, rt) && db_read_replica(r->app->db, true);
	if (replica && reading) { /* begun on the primary before the caller was known */
		dbc_end_read(c);
		reading = false;
	}
	if (!reading && !is_post(r)) {
		enum app_err e = db_conn(r->app->db, &c);
		if (!e)
			e = dbc_begin_read(c);
		if (e == APP_EBUSY) {
			if (replica)
				db_read_replica(r->app->db, false);
			http_send_error(r, w, APP_EBUSY, msg(MSG_ERR_DB_DOWN));
			return;
		}
		reading = !e;
	}
	rt->fn(r, w);
	if (reading)
		dbc_end_read(c);
	if (replica)
		db_read_replica(r->app->db, false);
	/* Store what any anonymous visitor would get: no session, no form token. */
	if (r->cache_key && w->status == 200 && !r->user && !r->used_csrf && !r->set_csrf_cookie &&
	    w->cache_public) {
		crypto_etag(w->body.p ? w->body.p : "", w->body.n, r->etag);
		resp_cache_put(r->app->cache, r->cache_key, gen, w, r->etag);
		r->cache_entry = true;
	}
}

void app_finish(struct req *r, struct resp *w)
{
	idem_end(r, w);
	/* after idem_end: a kept answer never carries it */
	if (r->app->replica_fresh_s && is_post(r) && w->status < 400)
		resp_header(r, w, "Set-Cookie",
			    arena_printf(r->a, FRESH_COOKIE "=1; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
					 r->app->replica_fresh_s, r->https || r->app->secure_cookies ? "; Secure" : ""));
	bool get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
	if (!w->cache_public || w->status != 200 || !get) {
		if (!w->cache_public)
			resp_header(r, w, "Cache-Control", "no-store");
		return;
	}
	char etag[19];
	if (r->etag[0])
		memcpy(etag, r->etag, sizeof etag);
	else
		crypto_etag(w->body.p ? w->body.p : "", w->body.n, etag);
	resp_header(r, w, "ETag", etag);
	/* pages can change with the viewer (login), so shared caches must not keep them */
	resp_header(r, w, "Cache-Control",
		    arena_printf(r->a, "%s, max-age=%d", r->user ? "private" : "public", w->max_age));
	const char *inm = req_header(r, "if-none-match");
	if (inm && strstr(inm, etag)) {
		w->status = 304;
		buf_reset(&w->body);
	}
	if (!strcmp(r->method, "HEAD"))
		buf_reset(&w->body);
}

/* ---- metrics ---- */

/* GET /metrics — Prometheus text format. */
void page_metrics(struct req *r, struct resp *w)
{
	struct metrics *m = &r->app->metrics;
	struct buf *b = &w->body;
	w->ctype = "text/plain; version=0.0.4; charset=utf-8";
	buf_puts(b, "# HELP coso_http_requests_total HTTP requests by route and status.\n"
		    "# TYPE coso_http_requests_total counter\n");
	size_t nroutes;
	const struct route *routes = module_routes(&nroutes);
	for (int ri = 0; ri < APP_MAX_ROUTES; ri++) {
		const char *name = ri < (int)nroutes ? routes[ri].name : "unmatched";
		if (ri >= (int)nroutes && ri != APP_MAX_ROUTES - 1)
			continue;
		for (int si = 0; si < METRIC_STATUSES; si++) {
			uint64_t v = atomic_load(&m->req[ri][si]);
			if (!v)
				continue;
			if (si < METRIC_STATUSES - 1)
				buf_printf(b, "coso_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
					   name, metric_statuses[si], (unsigned long long)v);
			else
				buf_printf(b, "coso_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
					   name, (unsigned long long)v);
		}
	}
	buf_puts(b, "# HELP coso_http_request_duration_seconds Request handling time.\n"
		    "# TYPE coso_http_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (int i = 0; i < METRIC_BUCKETS; i++) {
		cum += atomic_load(&m->lat[i]);
		if (i < METRIC_BUCKETS - 1)
			buf_printf(b, "coso_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
				   metric_buckets[i], (unsigned long long)cum);
		else
			buf_printf(b, "coso_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
				   (unsigned long long)cum);
	}
	buf_printf(b, "coso_http_request_duration_seconds_sum %.6f\n",
		   (double)atomic_load(&m->lat_sum_us) / 1e6);
	buf_printf(b, "coso_http_request_duration_seconds_count %llu\n",
		   (unsigned long long)atomic_load(&m->lat_count));
	buf_printf(b, "# HELP coso_http_in_flight Requests being handled.\n"
		      "# TYPE coso_http_in_flight gauge\ncoso_http_in_flight %lld\n",
		   (long long)atomic_load(&m->in_flight));
	buf_printf(b, "# HELP coso_cache_requests_total Public responses served from the micro-cache or not.\n"
		      "# TYPE coso_cache_requests_total counter\n"
		      "coso_cache_requests_total{result=\"hit\"} %llu\ncoso_cache_requests_total{result=\"miss\"} %llu\n",
		   (unsigned long long)atomic_load(&m->cache_hits), (unsigned long long)atomic_load(&m->cache_misses));
	struct db_stats st;
	db_get_stats(r->app->db, &st);
	static const char *const le[] = {"1", "2", "4", "8", "16", "32", "64", "+Inf"};
	buf_puts(b, "# HELP coso_db_commit_batch_jobs Write jobs per committed transaction.\n"
		    "# TYPE coso_db_commit_batch_jobs histogram\n");
	cum = 0;
	for (int i = 0; i < 8; i++) {
		cum += st.batch_hist[i];
		buf_printf(b, "coso_db_commit_batch_jobs_bucket{le=\"%s\"} %llu\n", le[i],
			   (unsigned long long)cum);
	}
	buf_printf(b, "coso_db_commit_batch_jobs_sum %llu\ncoso_db_commit_batch_jobs_count %llu\n",
		   (unsigned long long)st.jobs, (unsigned long long)st.commits);
	buf_printf(b, "# HELP coso_ledger_signing_halted 1 when the signer stopped: the log does not extend the last checkpoint it signed\n"
		      "# TYPE coso_ledger_signing_halted gauge\ncoso_ledger_signing_halted %d\n",
		   atomic_load(&r->app->ledger_halted));
	struct db_replica_stats rs;
	db_replica_stats(r->app->db, &rs);
	if (rs.n) {
		buf_printf(b, "# HELP coso_db_replica_reads_total Anonymous public reads, by who answered them.\n"
			      "# TYPE coso_db_replica_reads_total counter\n"
			      "coso_db_replica_reads_total{by=\"replica\"} %llu\ncoso_db_replica_reads_total{by=\"primary\"} %llu\n"
			      "# HELP coso_db_replica_staleness_seconds How old each standby may be (-1: unreachable or too far behind).\n"
			      "# TYPE coso_db_replica_staleness_seconds gauge\n",
			   (unsigned long long)rs.reads_replica, (unsigned long long)rs.reads_primary);
		for (int i = 0; i < rs.n; i++)
			buf_printf(b, "coso_db_replica_staleness_seconds{replica=\"%d\"} %.1f\n", i + 1,
				   rs.stale_ms[i] == INT64_MAX ? -1.0 : (double)rs.stale_ms[i] / 1000.0);
		buf_printf(b, "coso_db_replica_staleness_bound_seconds %.1f\n", (double)rs.bound_ms / 1000.0);
	}
	buf_printf(b, "# HELP coso_ledger_signer 1 while this node holds the signer's lease and signs the checkpoints\n"
		      "# TYPE coso_ledger_signer gauge\ncoso_ledger_signer %d\n"
		      "# HELP coso_ledger_key_present 1 when this host holds the ledger's private key (it may sign)\n"
		      "# TYPE coso_ledger_key_present gauge\ncoso_ledger_key_present %d\n",
		   atomic_load(&r->app->ledger_signer), r->app->ledger_may_sign ? 1 : 0);
	uint64_t open, refused, slow;
	guard_stats(&open, &refused, &slow);
	buf_printf(b, "# HELP coso_connections_open Client connections open.\n# TYPE coso_connections_open gauge\n"
		      "coso_connections_open %llu\n"
		      "# HELP coso_connections_refused_total Connections refused by the per-address limit or the reserve.\n"
		      "# TYPE coso_connections_refused_total counter\ncoso_connections_refused_total %llu\n"
		      "# HELP coso_connections_header_timeout_total Connections ended for not sending a request in time.\n"
		      "# TYPE coso_connections_header_timeout_total counter\ncoso_connections_header_timeout_total %llu\n",
		   (unsigned long long)open, (unsigned long long)refused, (unsigned long long)slow);
	buf_printf(b, "# HELP coso_db_grouped_jobs_total Write jobs written together by one statement for many (PostgreSQL).\n"
		      "# TYPE coso_db_grouped_jobs_total counter\ncoso_db_grouped_jobs_total %llu\n"
		      "# HELP coso_db_group_fallbacks_total Groups written one by one instead (a kind they do not take, or a failure).\n"
		      "# TYPE coso_db_group_fallbacks_total counter\ncoso_db_group_fallbacks_total %llu\n",
		   (unsigned long long)st.grouped, (unsigned long long)st.group_fallbacks);
	buf_printf(b, "# HELP coso_db_write_queue_depth Write jobs waiting for the writer.\n"
		      "# TYPE coso_db_write_queue_depth gauge\ncoso_db_write_queue_depth %d\n",
		   st.queue_depth);
	/* what the modules count (the outbox, ...), in the request's read transaction, as of
	 * the request's instant (this handler reads the clock; the modules are given it) */
	const int64_t now = (int64_t)time(NULL);
	struct dbc *c;
	if (!db_conn(r->app->db, &c))
		module_metrics(c, now, b);
}

/* GET /readyz — readiness for a load balancer: 200 "ready" when the
 * database accepts writes (not a standby, not read-only) and its schema is
 * this binary's; 503 with the reason otherwise. /healthz stays liveness. */
void page_readyz(struct req *r, struct resp *w)
{
	const char *why;
	w->ctype = "text/plain; charset=utf-8";
	if (db_ready(r->app->db, &why) ||
	    (atomic_load(&r->app->ledger_halted) && (why = "ledger signing stopped: the log does not extend the last checkpoint signed"))) {
		w->status = 503;
		resp_header(r, w, "Retry-After", "5");
		buf_printf(&w->body, "not ready: %s\n", why);
		return;
	}
	buf_puts(&w->body, "ready\n");
}

/* GET /healthz — liveness: 200 "ok" when the database answers, 503 otherwise. */
void page_healthz(struct req *r, struct resp *w)
{
	struct dbc *c;
	w->ctype = "text/plain; charset=utf-8";
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = db_exec(dbc_stmt(c, STMT_HEALTH));
	if (e) {
		w->status = 503;
		buf_puts(&w->body, "db unavailable\n");
		return;
	}
	buf_puts(&w->body, "ok\n");
	w->constant = true; /* checked every time, answered with the same bytes */
}

/* GET /static/{file} — embedded assets, cached for a day. */
void page_static(struct req *r, struct resp *w)
{
	const char *name = arena_printf(r->a, "static/%s", r->param[0]);
	const struct embed_file *f = strchr(r->param[0], '/') ? NULL : embed_find(name);
	if (!f) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	const char *dot = strrchr(name, '.');
	w->ctype = dot && !strcmp(dot, ".css") ? "text/css; charset=utf-8"
		   : dot && !strcmp(dot, ".svg") ? "image/svg+xml"
						 : "application/octet-stream";
	buf_append(&w->body, f->data, f->len);
	w->max_age = 86400;
}
