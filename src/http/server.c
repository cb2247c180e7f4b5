/*
 * server.c — libmicrohttpd glue: a thread pool with epoll; each request gets
 * an arena and a body buffer capped by the limits; the response is queued on
 * the handler's last call (never the first, so keep-alive holds); a request
 * log line and metrics per response; gzip when the client accepts it.
 */
#include "server.h"
#include "cache.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

struct conn_state {
	struct arena a;        /* request arena */
	struct buf body;       /* body received so far */
	size_t limit;          /* body limit for this request */
	bool too_big;          /* body exceeded the limit */
	bool responded;        /* the response was queued before the body was read */
	struct timespec t0;    /* arrival */
	struct req r;          /* the request, kept while its write waits (deferred) */
	struct resp w;
	struct MHD_Connection *conn; /* suspended until the write is done */
	enum app_err written;  /* the deferred write's result */
	atomic_bool resumed;   /* the write is done: answer on the next call */
};

/* guard.c, with libmicrohttpd's types */
enum MHD_Result guard_accept_ok(void *cls, const struct sockaddr *addr, socklen_t addrlen);
void guard_connection_event(void *cls, struct MHD_Connection *conn, void **socket_context,
			    enum MHD_ConnectionNotificationCode code);
void guard_headers_arrived(struct MHD_Connection *conn);

static _Atomic uint64_t rid_counter;
static unsigned rid_prefix;

static int64_t elapsed_us(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (int64_t)(t1.tv_sec - t0->tv_sec) * 1000000 + (t1.tv_nsec - t0->tv_nsec) / 1000;
}

/* "pppppppp-nnnnnnnnnn": a per-process prefix and a counter, in hex. */
static const char *request_id(struct arena *a)
{
	static const char hex[] = "0123456789abcdef";
	char *id = arena_alloc(a, 24);
	uint64_t n = atomic_fetch_add(&rid_counter, 1);
	for (int i = 0; i < 8; i++)
		id[i] = hex[(rid_prefix >> (28 - 4 * i)) & 15];
	id[8] = '-';
	for (int i = 0; i < 10; i++)
		id[9 + i] = hex[(n >> (36 - 4 * i)) & 15];
	id[19] = '\0';
	return id;
}

struct hdr_ctx {
	struct req *r; /* request being filled */
};

/* Headers the application reads; others are ignored. */
static const char *const wanted[] = {"authorization", "cookie", "content-type", "accept",
				     "accept-encoding", "if-none-match", "x-forwarded-for",
				     "x-forwarded-proto", "host", "user-agent", "x-csrf-token", "x-coso-secret",
				     "idempotency-key"};

static enum MHD_Result on_header(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct hdr_ctx *h = cls;
	struct req *r = h->r;
	(void)kind;
	if (r->nhdr == HTTP_MAX_HEADERS || !value)
		return MHD_YES;
	for (size_t i = 0; i < ARRAY_SIZE(wanted); i++) {
		if (strcasecmp(key, wanted[i]) == 0) {
			r->hdr[r->nhdr].k = wanted[i];
			r->hdr[r->nhdr].v = arena_strdup(r->a, value);
			r->hdr[r->nhdr].vlen = strlen(value);
			r->nhdr++;
			break;
		}
	}
	return MHD_YES;
}

/* gzip of the body when it pays; true when w->body was replaced. */
static bool gzip_body(struct resp *w)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	size_t cap = deflateBound(&z, w->body.n);
	char *out = xmalloc(cap);
	z.next_in = (Bytef *)w->body.p;
	z.avail_in = (uInt)w->body.n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	size_t n = cap - z.avail_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || n >= w->body.n) {
		free(out);
		return false;
	}
	buf_reset(&w->body);
	w->body.p = out;
	w->body.n = n;
	w->body.cap = cap;
	return true;
}

static bool compressible(const char *ctype)
{
	return strncmp(ctype, "text/", 5) == 0 || strncmp(ctype, "application/json", 16) == 0 ||
	       strncmp(ctype, "application/xml", 15) == 0 || strstr(ctype, "+xml");
}

/* Adds the headers of a response. */
static void add_headers(struct MHD_Response *resp, struct req *r, struct resp *w, bool gz)
{
	for (size_t i = 0; i < http_nsecurity_headers; i++)
		MHD_add_response_header(resp, http_security_headers[i].k, http_security_headers[i].v);
	if (w->status != 304 || w->ctype)
		MHD_add_response_header(resp, "Content-Type", w->ctype);
	if (!w->constant)
		MHD_add_response_header(resp, "X-Request-Id", r->rid);
	if (gz)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	if (w->cache_public)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding, Cookie");
	for (size_t i = 0; i < w->nhdr; i++)
		MHD_add_response_header(resp, w->hdr[i].k, w->hdr[i].v);
	if (r->set_csrf_cookie) {
		char *c = arena_printf(r->a, "coso_csrf=%s; Path=/; HttpOnly; SameSite=Lax%s",
				       r->set_csrf_cookie,
				       r->https || r->app->secure_cookies ? "; Secure" : "");
		MHD_add_response_header(resp, "Set-Cookie", c);
	}
}

/* A constant route's response, built on its first use and kept for the life
 * of the process (MHD responses may be queued on many connections). */
static struct MHD_Response *constant_resp(struct req *r, struct resp *w)
{
	struct app *app = r->app;
	if (r->route < 0 || r->route >= APP_MAX_ROUTES || w->status != 200 || w->nhdr > 1 || r->set_csrf_cookie)
		return NULL;
	void *have = atomic_load(&app->constant[r->route]);
	if (have)
		return have;
	size_t len = w->body.n;
	char *body = buf_steal(&w->body);
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return NULL;
	}
	add_headers(resp, r, w, false);
	void *expected = NULL;
	if (!atomic_compare_exchange_strong(&app->constant[r->route], &expected, resp)) {
		MHD_destroy_response(resp); /* another thread built it first */
		return expected;
	}
	return resp;
}

void server_free_constants(struct app *app)
{
	for (int i = 0; i < APP_MAX_ROUTES; i++) {
		struct MHD_Response *resp = atomic_exchange(&app->constant[i], NULL);
		if (resp)
			MHD_destroy_response(resp);
	}
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct req *r, struct resp *w)
{
	if (w->constant) {
		struct MHD_Response *shared = constant_resp(r, w);
		if (shared)
			return MHD_queue_response(conn, (unsigned)w->status, shared);
	}
	const char *ae = req_header(r, "accept-encoding");
	bool gz = w->gzipped && w->status == 200;
	if (!gz && ae && strstr(ae, "gzip") && w->body.n > 1024 && compressible(w->ctype) &&
	    strcmp(r->method, "HEAD") != 0) {
		gz = gzip_body(w);
		/* the micro-cache's entry keeps its gzip form: the next visitor's is not compressed again */
		if (gz && w->status == 200 && r->cache_entry && r->cache_key && r->app->cache)
			resp_cache_put_gz(r->app->cache, r->cache_key, r->etag, w->body.p, w->body.n);
	}
	size_t len = w->body.n;
	char *body = buf_steal(&w->body);
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	add_headers(resp, r, w, gz);
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)w->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static const char *client_addr(struct MHD_Connection *conn, struct arena *a)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char tmp[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, tmp, sizeof tmp);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, tmp, sizeof tmp);
	}
	return arena_strdup(a, tmp);
}

/* Re-encodes MHD's decoded query arguments as a=b&... for our parser, which
 * applies the limits and UTF-8/NFC checks in one place. */
static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct buf *q = cls;
	(void)kind;
	static const char hex[] = "0123456789ABCDEF";
	if (q->n)
		buf_putc(q, '&');
	for (int part = 0; part < 2; part++) {
		const char *s = part ? value : key;
		if (part) {
			if (!value)
				break;
			buf_putc(q, '=');
		}
		for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.') {
				buf_putc(q, (char)*p);
			} else {
				char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
				buf_append(q, e, 3);
			}
		}
	}
	return MHD_YES;
}

static enum MHD_Result finish(struct app *app, struct MHD_Connection *conn, struct conn_state *st,
			      const char *url, const char *method);
static enum MHD_Result respond(struct app *app, struct MHD_Connection *conn, struct conn_state *st);

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct app *app = cls;
	struct conn_state *st = *con_cls;
	(void)version;
	if (st && atomic_load(&st->resumed)) {
		/* back from the group commit: the handler's second half answers */
		struct deferred *d = st->r.deferred;
		atomic_store(&st->resumed, false);
		st->r.deferred = NULL;
		d->then(&st->r, &st->w, st->written, d->arg);
		return respond(app, conn, st);
	}
	if (!st) {
		guard_headers_arrived(conn); /* a complete request: the header time no longer applies */
		st = xcalloc(1, sizeof *st);
		arena_init(&st->a);
		buf_init(&st->body);
		clock_gettime(CLOCK_MONOTONIC, &st->t0);
		const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
		st->limit = ct && strncasecmp(ct, "multipart/form-data", 19) == 0 ? app->lim.max_upload_body
										  : app->lim.max_body;
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		*con_cls = st;
		atomic_fetch_add(&app->metrics.in_flight, 1);
		unsigned long long announced = cl ? strtoull(cl, NULL, 10) : 0;
		if (announced > st->limit)
			st->too_big = true;
		if (announced > 8 * app->lim.max_upload_body) {
			/* far too big: answer 413 at once, before any of the body is
			 * read (no 100 Continue); MHD then closes the connection. A body
			 * only somewhat too big is read and dropped instead, so that a
			 * browser still sees the 413 page rather than a reset. */
			st->responded = true;
			return finish(app, conn, st, url, method);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* a body over the limit is dropped as it comes; 413 at the end */
		if (st->body.n + *upload_data_size > st->limit)
			st->too_big = true;
		else if (!st->too_big)
			buf_append(&st->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (st->responded)
		return MHD_YES;

	return finish(app, conn, st, url, method);
}

/* The writer thread: the deferred write is durable (or failed); wake the
 * connection, whose server thread then calls on_request again. */
static void on_written(void *arg, enum app_err e)
{
	struct conn_state *st = arg;
	struct app *app = st->r.app;
	st->written = e;
	atomic_store(&st->resumed, true);
	MHD_resume_connection(st->conn);
	atomic_fetch_sub(&app->suspended, 1);
}

/* Builds the request from the connection, runs it and queues the response. */
static enum MHD_Result finish(struct app *app, struct MHD_Connection *conn, struct conn_state *st,
			      const char *url, const char *method)
{
	struct req *r = &st->r;
	memset(r, 0, sizeof *r);
	r->a = &st->a;
	r->app = app;
	r->route = -1;
	r->method = arena_strdup(r->a, method);
	r->rid = request_id(r->a);
	r->remote = client_addr(conn, r->a);
	r->at = (int64_t)time(NULL); /* the one clock read of a request's layer */
	struct hdr_ctx hc = {r};
	MHD_get_connection_values(conn, MHD_HEADER_KIND, on_header, &hc);
	if (app->trust_proxy) {
		const char *xff = req_header(r, "x-forwarded-for");
		if (xff) {
			size_t n = strcspn(xff, ", ");
			r->remote = arena_strndup(r->a, xff, n);
		}
		const char *xfp = req_header(r, "x-forwarded-proto");
		r->https = xfp && strcmp(xfp, "https") == 0;
	}
	/* MHD hands over the path percent-decoded and the query as decoded
	 * pairs; the pairs are re-encoded (collect_query) so that one parser
	 * applies the limits and the UTF-8/NFC checks to every query. */
	r->path = arena_strdup(r->a, url);
	r->body = st->body.p ? st->body.p : "";
	r->body_len = st->body.n;
	r->can_defer = db_can_write_async(app->db);

	struct resp *w = &st->w;
	resp_init(w);
	enum app_err perr = st->too_big ? APP_ETOOBIG : APP_OK;
	/* query string: MHD keeps it apart; collect as raw pairs */
	if (!perr) {
		struct buf q;
		buf_init(&q);
		MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &q);
		perr = http_parse_urlencoded(r->a, buf_str(&q), q.n, &app->lim, &r->query, &r->nquery);
		r->query_raw = arena_strndup(r->a, buf_str(&q), q.n);
		buf_reset(&q);
	}
	if (perr) {
		r->is_api = strncmp(r->path, "/api/", 5) == 0;
		http_send_error(r, w, perr, NULL);
	} else {
		app->handle(r, w);
	}
	struct deferred *d = r->deferred;
	if (d) {
		/* counted before the flag is read: shutdown waits for every
		 * suspended connection, or this one sees the flag */
		atomic_fetch_add(&app->suspended, 1);
		if (!atomic_load(&app->closing)) {
			st->conn = conn;
			MHD_suspend_connection(conn);
			if (!db_write_async_batch(app->db, d->fn, d->batch, d->arg, on_written, st))
				on_written(st, db_write(app->db, d->fn, d->arg)); /* cannot queue */
			return MHD_YES;
		}
		atomic_fetch_sub(&app->suspended, 1);
		r->deferred = NULL;
		d->then(r, w, db_write(app->db, d->fn, d->arg), d->arg);
	}
	return respond(app, conn, st);
}

const int metric_statuses[METRIC_STATUSES - 1] = {200, 201, 204, 301, 303, 304, 400, 401,
						403, 404, 405, 409, 413, 429, 500, 503};
const double metric_buckets[METRIC_BUCKETS - 1] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
						  0.05, 0.1, 0.25, 0.5, 1.0};

void metrics_observe(struct app *app, int route, int status, int64_t dur_us)
{
	struct metrics *m = &app->metrics;
	int ri = route >= 0 && route < APP_MAX_ROUTES - 1 ? route : APP_MAX_ROUTES - 1;
	int si = METRIC_STATUSES - 1;
	for (int i = 0; i < METRIC_STATUSES - 1; i++)
		if (metric_statuses[i] == status)
			si = i;
	atomic_fetch_add(&m->req[ri][si], 1);
	int bi = METRIC_BUCKETS - 1;
	for (int i = 0; i < METRIC_BUCKETS - 1; i++)
		if ((double)dur_us / 1e6 <= metric_buckets[i]) {
			bi = i;
			break;
		}
	atomic_fetch_add(&m->lat[bi], 1);
	atomic_fetch_add(&m->lat_sum_us, (uint64_t)dur_us);
	atomic_fetch_add(&m->lat_count, 1);
}

/* Queues the response of st and logs it. */
static enum MHD_Result respond(struct app *app, struct MHD_Connection *conn, struct conn_state *st)
{
	struct req *r = &st->r;
	struct resp *w = &st->w;
	app->finish(r, w);
	enum MHD_Result ret = send_resp(conn, r, w);
	int64_t dur = elapsed_us(&st->t0);
	metrics_observe(app, r->route, w->status, dur);
	/* load balancers and Prometheus poll all the time: their successful
	 * probes are counted in /metrics, not written to the log */
	if (w->status != 200 || r->route < 0 || !r->quiet)
		log_request(r->rid, r->method, r->path, w->status, dur);
	resp_reset(w);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct app *app = cls;
	struct conn_state *st = *con_cls;
	(void)conn;
	(void)toe;
	if (!st)
		return;
	atomic_fetch_sub(&app->metrics.in_flight, 1);
	arena_free(&st->a);
	buf_reset(&st->body);
	free(st);
	*con_cls = NULL;
}

static volatile sig_atomic_t stop_flag;

/* The first SIGTERM or SIGINT stops the server gracefully: requests in flight
 * are answered, queued writes committed. A second one ends the process at
 * once: a commit the database holds back (a synchronous standby gone in
 * strict synchronous mode) would otherwise keep it waiting; nothing it had
 * not acknowledged is lost, and what it had is durable. */
static void on_signal(int sig)
{
	(void)sig;
	if (stop_flag) {
		static const char m[] = "serve: stopped at once (second signal)\n";
		ssize_t w = write(2, m, sizeof m - 1);
		(void)w;
		_exit(1);
	}
	stop_flag = 1;
}

int server_run(struct app *app, const char *listen)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host) {
		log_msg(LOG_ERROR, "serve: --listen must be ADDR:PORT, got '%s'", listen);
		return 2;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	long port = strtol(colon + 1, NULL, 10);
	if (port <= 0 || port > 65535) {
		log_msg(LOG_ERROR, "serve: bad port in '%s'", listen);
		return 2;
	}
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &sa.sin_addr) != 1) {
		log_msg(LOG_ERROR, "serve: bad IPv4 address '%s'", host);
		return 2;
	}
	rid_prefix = (unsigned)getpid() ^ (unsigned)time(NULL);
	guard_start(&app->conn);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME, (uint16_t)port,
		guard_accept_ok, NULL, on_request, app, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, app->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
		app, MHD_OPTION_NOTIFY_CONNECTION, guard_connection_event, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, app->conn.idle_timeout,
		/* the guard decides; libmicrohttpd's own limit is shared out between
		 * the pool's threads, unevenly loaded, so each gets the whole of it */
		MHD_OPTION_CONNECTION_LIMIT, (app->conn.max_conns + 64) * app->threads, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		MHD_OPTION_END);
	if (!d) {
		guard_stop();
		log_msg(LOG_ERROR, "serve: cannot listen on %s", listen);
		return 1;
	}
	struct sigaction act;
	memset(&act, 0, sizeof act);
	act.sa_handler = on_signal;
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_msg(LOG_INFO, "serve: listening on http://%s (%u threads)", listen, app->threads);
	log_start_flusher();
	while (!stop_flag)
		pause();
	/* libmicrohttpd must not stop with a suspended connection: new writes run
	 * at once from here, and those already queued are let finish */
	MHD_socket ls = MHD_quiesce_daemon(d);
	atomic_store(&app->closing, true);
	for (int i = 0; i < 10000 && atomic_load(&app->suspended) > 0; i++)
		usleep(1000);
	MHD_stop_daemon(d);
	guard_stop();
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	server_free_constants(app);
	log_msg(LOG_INFO, "serve: stopped");
	log_flush();
	return 0;
}
