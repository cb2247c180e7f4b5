/*
 * server.h — the running application: its database, settings and metrics,
 * the libmicrohttpd server, and app_handle, the socket-free seam that runs one
 * request through identification, routing, flag checks and the handler (used
 * by the server, the unit tests and the fuzzers).
 */
#ifndef COSO_SERVER_H
#define COSO_SERVER_H
#include "http.h"
#include "../db/db.h"
#include <stdatomic.h>
#include <time.h>

#define METRIC_STATUSES 17
#define APP_MAX_ROUTES 320 /* routes, including the last slot for unmatched requests */
#define METRIC_BUCKETS 12

struct metrics {
	_Atomic uint64_t req[APP_MAX_ROUTES][METRIC_STATUSES]; /* by route (last = unmatched) and status */
	_Atomic uint64_t lat[METRIC_BUCKETS];      /* latency histogram, cumulative at export */
	_Atomic uint64_t lat_sum_us;               /* total latency */
	_Atomic uint64_t lat_count;                /* requests timed */
	_Atomic int64_t in_flight;                 /* requests being handled */
	_Atomic uint64_t cache_hits, cache_misses; /* micro-cache */
};

/* Connection limits (guard.c; `coso serve` flags, docs/deploy.md). */
struct conn_limits {
	unsigned max_conns;      /* connections in all */
	unsigned per_ip;         /* per client address, 0: none (behind a proxy) */
	unsigned reserve;        /* the last ones, only for addresses that hold none */
	unsigned header_timeout; /* seconds to send the first request's headers, 0: none */
	unsigned idle_timeout;   /* seconds an idle keep-alive connection is kept */
};

struct app {
	struct db *db;                 /* database */
	struct http_limits lim;        /* request limits */
	bool secure_cookies;           /* add Secure to cookies (TLS or behind a TLS proxy) */
	bool trust_proxy;              /* believe X-Forwarded-For / -Proto */
	unsigned threads;              /* worker threads */
	struct conn_limits conn;       /* connection limits */
	struct metrics metrics;        /* counters for /metrics */
	time_t started;                /* process start */
	struct resp_cache *cache;      /* micro-cache of public responses, or NULL */
	const char *ledger_vkey;       /* the ledger's verifier key line */
	_Atomic int ledger_halted;     /* the signer stopped: the log does not extend what it signed */
	bool ledger_may_sign;          /* this host holds the ledger's private key */
	int replica_fresh_s;           /* reads from replicas: how long one who wrote reads from the primary; 0: none */
	_Atomic int ledger_signer;     /* 1 while this node holds the signer's lease (it signs) */
	const char *public_url;        /* "https://host" people reach, or NULL (from Host) */
	void *_Atomic constant[APP_MAX_ROUTES];    /* prebuilt MHD responses of constant routes (server.c) */
	atomic_bool closing;           /* shutting down: deferred writes run at once (server.c) */
	_Atomic int64_t suspended;     /* connections waiting for their group commit (server.c) */
	/* what the server runs for each request, set by the program (main.c):
	 * app_handle and app_finish; the server knows no route or module */
	void (*handle)(struct req *r, struct resp *w);
	void (*finish)(struct req *r, struct resp *w);
};

/* A write answered after the group commit without holding a server thread
 * (app_defer_write). */
typedef void (*app_then_fn)(struct req *r, struct resp *w, enum app_err e, void *arg);
struct deferred {
	db_write_fn fn;  /* the work, on the writer's connection */
	void *arg;       /* in the request arena */
	app_then_fn then;/* builds the response once the work is durable or failed */
	db_batch_fn batch; /* the same work for many at once (db_write_async_batch), or NULL */
};

/* The thread's database connection, or NULL after an error response was
 * queued (the caller just returns). */
struct dbc *app_conn_or_respond(struct req *r, struct resp *w);
/* The public base URL for absolute links (QR codes, feeds): --public-url, or
 * the scheme and Host of the request. No trailing '/'. */
const char *app_public_url(struct req *r);
/* The handler records fn and returns; the server suspends the connection,
 * queues fn for the next group commit and, once it is durable (or failed),
 * calls then(r, w, result, arg) on a server thread to build the response. So
 * a burst of writes waits on one commit without a thread per request. Where
 * that cannot be (PostgreSQL, tests calling app_handle, shutting down) fn runs
 * at once through db_write and then follows. arg must live in r->a. */
void app_defer_write(struct req *r, struct resp *w, db_write_fn fn, void *arg, app_then_fn then);
/* The same for a write that can also run with others like it (db_batch_fn). */
void app_defer_write_batch(struct req *r, struct resp *w, db_write_fn fn, db_batch_fn batch, void *arg,
			   app_then_fn then);
/* Runs the request; w must be initialised. */
void app_handle(struct req *r, struct resp *w);
/* Post-processing shared by every response: ETag/304 for public GETs. */
void app_finish(struct req *r, struct resp *w);
/* Counts a response in app->metrics (server.c); the statuses and latency
 * buckets counted apart, for /metrics. */
void metrics_observe(struct app *app, int route, int status, int64_t dur_us);
extern const int metric_statuses[METRIC_STATUSES - 1];
extern const double metric_buckets[METRIC_BUCKETS - 1];
/* Serves until SIGINT/SIGTERM. listen is "ADDR:PORT". */
int server_run(struct app *app, const char *listen);
/* Frees the prebuilt responses of constant routes (at shutdown). */
void server_free_constants(struct app *app);

/* The connection guard (guard.c), wired into libmicrohttpd by server.c. */
struct MHD_Connection;
struct sockaddr;
void guard_start(const struct conn_limits *lim);
void guard_stop(void);
/* Counters for /metrics: open connections, refused, ended for slow headers. */
void guard_stats(uint64_t *open, uint64_t *refused, uint64_t *timed_out);
#endif
