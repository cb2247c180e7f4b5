/*
 * db.c — the storage interface (db.h): URL parsing, per-thread connections,
 * statement tables, the SQLite group-commit writer, and dispatch to the
 * backend in db_sqlite.c or db_pg.c.
 */
#include "db_int.h"
#include "../util/arena.h"
#include "../util/log.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#define MAX_BATCH 128   /* jobs per group commit by default */
#define MAX_BATCH_PG 60 /* on PostgreSQL: below its 64 cached subtransactions */

const char *const db_stmt_sqlite[STMT__MAX] = {
#define STMT(id, sql, pgsql) sql,
#include "stmts.def"
#undef STMT
};
const char *const db_stmt_pg[STMT__MAX] = {
#define STMT(id, sql, pgsql) pgsql,
#include "stmts.def"
#undef STMT
};
const char *const db_stmt_name[STMT__MAX] = {
#define STMT(id, sql, pgsql) #id,
#include "stmts.def"
#undef STMT
};

struct write_job {
	db_write_fn fn;          /* the work */
	void *arg;               /* its argument */
	enum app_err result;     /* set by the writer */
	bool done;               /* set by the writer when durable or failed */
	pthread_cond_t cv;       /* signalled when done: only this job's thread wakes */
	db_done_fn on_done;      /* db_write_async: called instead, then the job freed */
	void *done_arg;
	bool quiet;              /* db_write_quiet: nothing a page shows changes */
	db_batch_fn batch;       /* db_write_async_batch: run with its like at once, or NULL */
	struct write_job *next;  /* queue link */
};

/* ---- fault injection (tests) ---- */

static atomic_int fault_countdown;

void db_fail_after(int n)
{
	atomic_store(&fault_countdown, n);
}

bool db_fault_now(void)
{
	int v = atomic_load(&fault_countdown);
	while (v > 0) {
		if (atomic_compare_exchange_weak(&fault_countdown, &v, v - 1))
			return v == 1;
	}
	return false;
}

/* ---- connections ---- */

static enum app_err conn_open_target(struct db *db, bool read_only, const char *target, struct dbc **out, char **err)
{
	struct dbc *c = xcalloc(1, sizeof *c);
	c->db = db;
	c->be = db->be;
	c->read_only = read_only;
	c->target = target;
	enum app_err r = c->be->open(db, c, err);
	if (r) {
		free(c);
		return r;
	}
	pthread_mutex_lock(&db->mu);
	c->next = db->conns;
	db->conns = c;
	pthread_mutex_unlock(&db->mu);
	*out = c;
	return APP_OK;
}

static enum app_err conn_open(struct db *db, bool read_only, struct dbc **out, char **err)
{
	return conn_open_target(db, read_only, NULL, out, err);
}

static enum app_err conn_open_at(struct db *db, const char *target, struct dbc **out, char **err)
{
	return conn_open_target(db, false, target, out, err);
}

static enum app_err conn_prepare(struct dbc *c)
{
	if (c->stmts)
		return APP_OK;
	struct db_stmt **a = xcalloc(STMT__MAX, sizeof *a);
	for (int i = 0; i < STMT__MAX; i++) {
		struct db_stmt *s = xcalloc(1, sizeof *s);
		s->c = c;
		s->id = (enum stmt_id)i;
		enum app_err r = c->be->prepare(c, (enum stmt_id)i, s);
		if (r) {
			free(s);
			for (int j = 0; j < i; j++) {
				c->be->finalize(a[j]);
				free(a[j]);
			}
			free(a);
			return r;
		}
		a[i] = s;
	}
	c->stmts = a;
	return APP_OK;
}

/* Drops the prepared statements of a connection. */
static void unprepare(struct dbc *c)
{
	if (!c->stmts)
		return;
	for (int i = 0; i < STMT__MAX; i++) {
		c->be->finalize(c->stmts[i]);
		free(c->stmts[i]);
	}
	free(c->stmts);
	c->stmts = NULL;
}

static void conn_close(struct dbc *c)
{
	unprepare(c);
	c->be->close(c);
	free(c);
}

/* Makes a lost connection usable again: reconnects and prepares every
 * statement anew. APP_EBUSY while the server cannot be reached. */
static enum app_err conn_revive(struct dbc *c)
{
	log_msg(LOG_WARN, "db: connection lost, reconnecting");
	unprepare(c);
	enum app_err r = c->be->reconnect(c);
	return r ? APP_EBUSY : conn_prepare(c);
}

/* Whether the connection was lost (and a retry may help). */
static bool conn_lost(struct dbc *c)
{
	return c->be->broken && c->be->broken(c);
}

/* ---- reads from replicas (issue #18) ----
 * A server on PostgreSQL may send the reads of anonymous public pages to
 * standbys (db_replica_add). A monitor thread measures each one's staleness
 * twice a second: the primary's WAL position is sampled with its time, and a
 * standby that has replayed up to a sample is at most as old as that sample.
 * A request reads from a standby (db_read_replica) only while that bound is
 * within COSO_REPLICA_MAX_LAG; otherwise, and for every write and every
 * signed-in person, the primary answers. */

struct replica_tls {
	struct dbc *c[DB_MAX_REPLICAS]; /* this thread's connection to each, opened on first use */
	int use;                        /* the replica this request reads from, or -1 */
};

static enum app_err conn_open_at(struct db *db, const char *target, struct dbc **out, char **err);

static struct replica_tls *replica_tls(struct db *db)
{
	struct replica_tls *t = pthread_getspecific(db->tls_replica);
	if (!t) {
		t = xcalloc(1, sizeof *t);
		t->use = -1;
		pthread_setspecific(db->tls_replica, t);
	}
	return t;
}

static void replica_tls_free(void *p)
{
	free(p);
}

enum app_err db_replica_add(struct db *db, const char *url, char **err)
{
	*err = NULL;
	if (db->kind != DB_PG || !(str_starts(url, "postgres://") || str_starts(url, "postgresql://"))) {
		*err = xstrdup("a replica is a PostgreSQL URL, beside a PostgreSQL database");
		return APP_EINVAL;
	}
	if (db->nreplica >= DB_MAX_REPLICAS) {
		*err = xstrdup("too many replicas");
		return APP_EINVAL;
	}
	if (!db->nreplica)
		pthread_key_create(&db->tls_replica, replica_tls_free);
	db->replica[db->nreplica] = xstrdup(url);
	atomic_store(&db->replica_stale_ms[db->nreplica], INT64_MAX);
	db->nreplica++;
	return APP_OK;
}

bool db_read_replica(struct db *db, bool on)
{
	if (!db->nreplica || !db->monitor_on)
		return false;
	struct replica_tls *t = replica_tls(db);
	t->use = -1;
	if (!on)
		return false;
	unsigned start = atomic_fetch_add(&db->replica_rr, 1);
	for (int k = 0; k < db->nreplica; k++) {
		int i = (int)((start + (unsigned)k) % (unsigned)db->nreplica);
		if (atomic_load(&db->replica_stale_ms[i]) <= db->replica_bound_ms) {
			t->use = i;
			atomic_fetch_add(&db->reads_replica, 1);
			return true;
		}
	}
	atomic_fetch_add(&db->reads_primary, 1);
	return false;
}

/* The request's replica connection; on failure the replica is set aside
 * until the monitor sees it again, and the caller reads from the primary. */
static bool replica_conn(struct db *db, struct replica_tls *t, struct dbc **out)
{
	int i = t->use;
	char *err = NULL;
	if (!t->c[i] && conn_open_at(db, db->replica[i], &t->c[i], &err)) {
		log_msg(LOG_WARN, "db: replica %d cannot be reached: %s", i + 1, err ? err : "?");
		free(err);
		t->c[i] = NULL;
	}
	struct dbc *c = t->c[i];
	if (c && conn_lost(c) && conn_revive(c))
		c = NULL;
	if (c && conn_prepare(c))
		c = NULL;
	if (!c) {
		atomic_store(&db->replica_stale_ms[i], INT64_MAX);
		t->use = -1;
		return false;
	}
	*out = c;
	return true;
}

#define MONITOR_SAMPLES 256

struct wal_sample {
	int64_t at, lsn; /* when (monotonic ms), the primary's WAL position then */
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *monitor_main(void *arg)
{
	struct db *db = arg;
	struct dbc *p = NULL, *r[DB_MAX_REPLICAS] = {0};
	struct wal_sample ring[MONITOR_SAMPLES];
	int n = 0, head = 0; /* samples kept; the next slot */
	while (!atomic_load(&db->monitor_stop)) {
		for (int k = 0; k < 5 && !atomic_load(&db->monitor_stop); k++)
			usleep(100000);
		char *err = NULL;
		if (!p && conn_open_at(db, NULL, &p, &err))
			p = NULL;
		free(err);
		err = NULL;
		int64_t lsn;
		if (p && conn_lost(p))
			conn_revive(p);
		if (p && !p->be->query_int(p, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", &lsn)) {
			ring[head] = (struct wal_sample){mono_ms(), lsn};
			head = (head + 1) % MONITOR_SAMPLES;
			n += n < MONITOR_SAMPLES;
		}
		for (int i = 0; i < db->nreplica; i++) {
			if (!r[i] && conn_open_at(db, db->replica[i], &r[i], &err))
				r[i] = NULL;
			free(err);
			err = NULL;
			if (r[i] && conn_lost(r[i]))
				conn_revive(r[i]);
			int64_t at = -1;
			if (r[i] && !r[i]->be->query_int(r[i],
							 "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
							 " ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint",
							 &at)) {
				/* the newest sample it has replayed: it is no older than that */
				int64_t stale = INT64_MAX, now = mono_ms();
				for (int k = 0; k < n; k++) {
					int j = (head - 1 - k + MONITOR_SAMPLES) % MONITOR_SAMPLES;
					if (ring[j].lsn <= at) {
						stale = now - ring[j].at;
						break;
					}
				}
				atomic_store(&db->replica_stale_ms[i], stale);
			} else {
				atomic_store(&db->replica_stale_ms[i], INT64_MAX);
			}
		}
	}
	return NULL;
}

void db_replicas_start(struct db *db, int max_lag_seconds)
{
	if (!db->nreplica || db->monitor_on)
		return;
	db->replica_bound_ms = (int64_t)max_lag_seconds * 1000;
	db->monitor_on = pthread_create(&db->monitor, NULL, monitor_main, db) == 0;
}

void db_replica_stats(struct db *db, struct db_replica_stats *out)
{
	memset(out, 0, sizeof *out);
	out->n = db->nreplica;
	out->bound_ms = db->replica_bound_ms;
	for (int i = 0; i < db->nreplica; i++)
		out->stale_ms[i] = atomic_load(&db->replica_stale_ms[i]);
	out->reads_replica = atomic_load(&db->reads_replica);
	out->reads_primary = atomic_load(&db->reads_primary);
}

enum app_err db_conn(struct db *db, struct dbc **out)
{
	if (db->nreplica) {
		struct replica_tls *t = pthread_getspecific(db->tls_replica);
		if (t && t->use >= 0 && replica_conn(db, t, out))
			return APP_OK;
	}
	struct dbc *c = pthread_getspecific(db->tls);
	if (!c) {
		char *err = NULL;
		bool ro = db->serve && db->kind == DB_SQLITE;
		enum app_err r = conn_open(db, ro, &c, &err);
		if (r) {
			log_msg(LOG_ERROR, "db: cannot open connection: %s", err ? err : "?");
			free(err);
			/* a server that cannot be reached now: try again later (503) */
			return db->kind == DB_PG ? APP_EBUSY : r;
		}
		pthread_setspecific(db->tls, c);
	}
	/* the server restarted, failed over or dropped us since the last use:
	 * reconnect before the request instead of failing its first statement */
	if (conn_lost(c)) {
		enum app_err r = conn_revive(c);
		if (r)
			return r;
	}
	enum app_err r = conn_prepare(c);
	if (r)
		return r;
	*out = c;
	return APP_OK;
}

/* ---- URL ---- */

enum app_err db_open(const char *url, bool serve, struct db **out, char **err)
{
	*out = NULL;
	*err = NULL;
	if (!url || !*url) {
		*err = xstrdup("empty database URL");
		return APP_EINVAL;
	}
	struct db *db = xcalloc(1, sizeof *db);
	if (str_starts(url, "postgres://") || str_starts(url, "postgresql://")) {
		db->kind = DB_PG;
		db->be = &db_pg_backend;
		db->target = xstrdup(url);
	} else {
		db->kind = DB_SQLITE;
		db->be = &db_sqlite_backend;
		db->target = xstrdup(strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url);
		if (!*db->target) {
			free(db->target);
			free(db);
			*err = xstrdup("empty SQLite path");
			return APP_EINVAL;
		}
	}
	db->serve = serve;
	/* COSO_MAX_BATCH=1 measures the one-commit-per-request ceiling (make bench) */
	const char *mb = getenv("COSO_MAX_BATCH");
	long mbv = mb ? strtol(mb, NULL, 10) : 0;
	/* PostgreSQL: each job of a batch is a subtransaction, and past 64 of them
	 * (PGPROC_MAX_CACHED_SUBXIDS) every other transaction's snapshot must
	 * look them up in pg_subtrans: 60 measured 12 % faster than 128 */
	db->max_batch = mbv >= 1 && mbv <= 4096 ? (int)mbv : db->kind == DB_PG ? MAX_BATCH_PG : MAX_BATCH;
	/* SQLite has one writer; PostgreSQL as many as COSO_DB_WRITERS (default 2,
	 * the best measured on 2 cores: docs/deploy.md): each holds a connection
	 * and commits while the others run the next batches */
	const char *nw = getenv("COSO_DB_WRITERS");
	long nwv = nw ? strtol(nw, NULL, 10) : 0;
	db->nwriter = db->kind == DB_SQLITE ? 1 : nwv >= 1 && nwv <= DB_MAX_WRITERS ? (int)nwv : 2;
	pthread_key_create(&db->tls, NULL);
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv_job, NULL);
	pthread_cond_init(&db->cv_sync, NULL);
	/* Open one connection now so that a wrong URL fails here, clearly. */
	struct dbc *c;
	enum app_err r = conn_open(db, db->serve && db->kind == DB_SQLITE, &c, err);
	if (r) {
		db_close(db);
		return r;
	}
	pthread_setspecific(db->tls, c);
	*out = db;
	return APP_OK;
}

enum db_kind dbc_kind(const struct dbc *c)
{
	return db_kind(c->db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

/* ---- writes ---- */

/* Begins a write transaction; on a connection found lost, nothing was done
 * yet: it is made anew and the begin tried once more (APP_EBUSY if the
 * server cannot be reached). */
static enum app_err begin_write(struct dbc *c)
{
	char *err = NULL;
	enum app_err r = c->be->exec(c, c->be->begin_write, &err);
	if (r && conn_lost(c)) {
		free(err);
		err = NULL;
		if (conn_revive(c))
			return APP_EBUSY;
		r = c->be->exec(c, c->be->begin_write, &err);
	}
	if (r)
		log_msg(LOG_ERROR, "db: begin failed: %s", err ? err : "?");
	free(err);
	return r;
}

static enum app_err run_tx(struct dbc *c, db_write_fn fn, void *arg)
{
	char *err = NULL;
	enum app_err r = begin_write(c);
	if (r)
		return r;
	r = fn(c, arg);
	if (r == APP_OK) {
		r = c->be->exec(c, "COMMIT", &err);
		if (r) {
			log_msg(LOG_ERROR, "db: commit failed: %s", err ? err : "?");
			free(err);
			c->be->exec(c, "ROLLBACK", NULL);
		}
	} else {
		c->be->exec(c, "ROLLBACK", NULL);
	}
	return r;
}

uint64_t db_generation(struct db *db)
{
	return atomic_load(&db->generation);
}

static void count_batch(struct db *db, int n, bool quiet)
{
	if (!quiet)
		atomic_fetch_add(&db->generation, 1);
	int b = n <= 1 ? 0 : n == 2 ? 1 : n <= 4 ? 2 : n <= 8 ? 3 : n <= 16 ? 4 : n <= 32 ? 5 : n <= 64 ? 6 : 7;
	db->stats.batch_hist[b]++;
	db->stats.commits++;
	db->stats.jobs += (uint64_t)n;
}


/* Wakes the callers of a finished batch (their results set); with db->mu
 * held, which the async callbacks (resuming connections) run without. */
static void complete(struct db *db, struct write_job *batch)
{
	struct write_job *async = NULL;
	for (struct write_job *j = batch, *next; j; j = next) {
		next = j->next; /* j lives on its caller's stack: read the link first */
		if (j->on_done) {
			j->next = async;
			async = j;
			continue;
		}
		j->done = true;
		pthread_cond_signal(&j->cv);
	}
	if (!async)
		return;
	pthread_mutex_unlock(&db->mu);
	for (struct write_job *j = async, *next; j; j = next) {
		next = j->next;
		j->on_done(j->done_arg, j->result);
		free(j);
	}
	pthread_mutex_lock(&db->mu);
}

/* fdatasync of the log, reopened if SQLite made a new file. */
static enum app_err sync_log(struct db *db, int *fd)
{
	struct stat a, b;
	if (*fd >= 0 && (stat(db->wal_path, &a) || fstat(*fd, &b) || a.st_ino != b.st_ino || a.st_dev != b.st_dev)) {
		close(*fd);
		*fd = -1;
	}
	if (*fd < 0 && (*fd = open(db->wal_path, O_RDWR | O_CLOEXEC)) < 0) {
		log_msg(LOG_ERROR, "db: cannot open the log %s: %s", db->wal_path, strerror(errno));
		return APP_EDB;
	}
	if (fdatasync(*fd)) {
		log_msg(LOG_ERROR, "db: fdatasync of the log failed: %s", strerror(errno));
		return APP_EDB;
	}
	return APP_OK;
}

/* The syncer: one fdatasync of the log makes every batch the writer has
 * committed since the last one durable; then their callers are answered.
 * While it waits on the disk the writer runs the next batch. */
static void *syncer_main(void *arg)
{
	struct db *db = arg;
	int fd = -1;
	pthread_mutex_lock(&db->mu);
	for (;;) {
		while (!db->unsynced && db->writers_live)
			pthread_cond_wait(&db->cv_sync, &db->mu);
		if (!db->unsynced)
			break;
		struct write_job *batch = db->unsynced;
		db->unsynced = db->unsynced_tail = NULL;
		pthread_mutex_unlock(&db->mu);
		enum app_err e = sync_log(db, &fd);
		pthread_mutex_lock(&db->mu);
		for (struct write_job *j = batch; j; j = j->next)
			if (!j->result && e)
				j->result = e;
		complete(db, batch);
	}
	pthread_mutex_unlock(&db->mu);
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* Begins the write transaction of a batch on the writer's connection; a
 * connection lost since the last batch (PostgreSQL restarted or failed
 * over) is made anew first: nothing of the batch was done yet. */
static enum app_err writer_begin(struct db *db, struct dbc **cp)
{
	char *err = NULL;
	if (!*cp && db->kind == DB_PG && conn_open(db, false, cp, &err)) {
		free(err);
		*cp = NULL;
		return APP_EBUSY; /* the server cannot be reached yet */
	}
	struct dbc *c = *cp;
	if (!c)
		return APP_EDB;
	if (conn_lost(c) && conn_revive(c))
		return APP_EBUSY;
	if (conn_prepare(c))
		return APP_EDB;
	return begin_write(c);
}

#define GROUP_MAX 64

/* Runs the jobs from j on that share its batch function, at most GROUP_MAX,
 * in one call: the last of them when it succeeded (each job's result set),
 * NULL when it failed (the caller undoes it and runs the jobs one by one). */
static struct write_job *run_group(struct db *db, struct dbc *c, struct write_job *j)
{
	void *args[GROUP_MAX];
	enum app_err res[GROUP_MAX];
	struct write_job *jobs[GROUP_MAX], *k = j;
	int n = 0;
	for (; k && k->batch == j->batch && n < GROUP_MAX; k = k->next)
		jobs[n] = k, args[n++] = k->arg;
	if (j->batch(c, args, res, n)) {
		for (int i = 0; i < n; i++)
			jobs[i]->batch = NULL; /* one by one from here, not as a group again */
		pthread_mutex_lock(&db->mu);
		db->stats.group_fallbacks++;
		pthread_mutex_unlock(&db->mu);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		jobs[i]->result = res[i];
	pthread_mutex_lock(&db->mu);
	db->stats.grouped += (uint64_t)n;
	pthread_mutex_unlock(&db->mu);
	return jobs[n - 1];
}

/* A writer: takes the queued jobs (at most max_batch), runs each in a
 * savepoint of one transaction, so that a job that fails undoes only its own
 * work, and commits once; the callers are answered when the batch is
 * durable.
 * - SQLite (one writer): with batches (the default) the commit does not
 *   fsync (synchronous=NORMAL on this connection): the batch goes to the
 *   syncer, which answers its callers after fdatasync of the log, while this
 *   thread goes on with the next batch. With COSO_MAX_BATCH=1 every commit
 *   fsyncs itself (synchronous=FULL) and is answered here: the
 *   one-commit-per-request ceiling that make bench compares with.
 * - PostgreSQL (several writers, each its own connection): the commit is
 *   synchronous (synchronous_commit=on, and on a cluster the standby's
 *   acknowledgement): durable when it returns, answered here. While one
 *   writer waits on its commit the next takes the following batch. */
static void *writer_main(void *arg)
{
	struct db *db = arg;
	struct dbc *c = NULL;
	char *err = NULL;
	if (conn_open(db, false, &c, &err) || conn_prepare(c)) {
		log_msg(LOG_ERROR, "db: writer cannot open: %s", err ? err : "?");
		free(err);
		err = NULL;
		if (db->kind != DB_PG)
			c = NULL; /* PostgreSQL: opened or prepared again at the next batch */
	}
	bool sqlite = db->kind == DB_SQLITE;
	bool piped = sqlite && c && db->max_batch > 1 && (db->wal_path = db_sqlite_wal_path(c)) &&
		     !c->be->exec(c, "PRAGMA synchronous=NORMAL", NULL) &&
		     !pthread_create(&db->syncer, NULL, syncer_main, db);
	if (sqlite && c && db->max_batch > 1 && !piped)
		c->be->exec(c, "PRAGMA synchronous=FULL", NULL);
	pthread_mutex_lock(&db->mu);
	if (piped)
		db->syncer_on = true;
	for (;;) {
		while (!db->head && !db->stopping)
			pthread_cond_wait(&db->cv_job, &db->mu);
		if (!db->head && db->stopping)
			break;
		struct write_job *batch = db->head, *last = batch;
		int n = 1;
		while (last->next && n < db->max_batch) {
			last = last->next;
			n++;
		}
		db->head = last->next;
		if (!db->head)
			db->tail = NULL;
		else
			pthread_cond_signal(&db->cv_job); /* more for another writer */
		last->next = NULL;
		db->stats.queue_depth -= n;
		pthread_mutex_unlock(&db->mu);

		enum app_err br = writer_begin(db, &c);
		for (struct write_job *j = batch; j; j = j->next) {
			if (br) {
				j->result = br;
				continue;
			}
			if (sqlite || j == batch)
				c->be->exec(c, "SAVEPOINT job", NULL);
			if (j->batch && j->next && j->next->batch == j->batch) {
				/* jobs of one kind together (PostgreSQL): the group in
				 * the savepoint, or each alone when the group fails */
				struct write_job *last = run_group(db, c, j);
				if (last) {
					j = last;
					c->be->exec(c, last->next ? "RELEASE job; SAVEPOINT job" : "RELEASE job", NULL);
					continue;
				}
				c->be->exec(c, "ROLLBACK TO job", NULL);
			}
			j->result = j->fn(c, j->arg);
			if (sqlite) {
				if (j->result)
					c->be->exec(c, "ROLLBACK TO job", NULL);
				c->be->exec(c, "RELEASE job", NULL);
			} else {
				/* PostgreSQL: one round trip between two jobs, the next
				 * savepoint sent with this one's release */
				static const char *const after[2][2] = {
					{"RELEASE job", "RELEASE job; SAVEPOINT job"},
					{"ROLLBACK TO job; RELEASE job", "ROLLBACK TO job; RELEASE job; SAVEPOINT job"}};
				c->be->exec(c, after[j->result != APP_OK][j->next != NULL], NULL);
			}
		}
		bool committed = !br;
		if (!br && c->be->exec(c, "COMMIT", &err)) {
			log_msg(LOG_ERROR, "db: group commit failed: %s", err ? err : "?");
			free(err);
			err = NULL;
			c->be->exec(c, "ROLLBACK", NULL);
			committed = false;
			for (struct write_job *j = batch; j; j = j->next)
				if (!j->result)
					j->result = conn_lost(c) ? APP_EBUSY : APP_EDB;
		}
		bool quiet = true;
		for (struct write_job *j = batch; j; j = j->next)
			quiet &= j->quiet;
		pthread_mutex_lock(&db->mu);
		count_batch(db, n, quiet);
		if (piped && committed) {
			if (db->unsynced_tail)
				db->unsynced_tail->next = batch;
			else
				db->unsynced = batch;
			db->unsynced_tail = last;
			pthread_cond_signal(&db->cv_sync);
		} else {
			complete(db, batch);
		}
	}
	db->writers_live--;
	pthread_cond_signal(&db->cv_sync);
	pthread_mutex_unlock(&db->mu);
	return NULL;
}

/* Starts the writer if needed and queues j; with db->mu held. */
static bool enqueue(struct db *db, struct write_job *j)
{
	if (!db->writer_on) {
		for (int i = 0; i < db->nwriter; i++) {
			if (pthread_create(&db->writer[i], NULL, writer_main, db) != 0) {
				db->nwriter = i;
				break;
			}
			db->writers_live++;
		}
		if (!db->nwriter)
			return false;
		db->writer_on = true;
	}
	if (db->tail)
		db->tail->next = j;
	else
		db->head = j;
	db->tail = j;
	db->stats.queue_depth++;
	pthread_cond_signal(&db->cv_job);
	return true;
}

bool db_can_write_async(const struct db *db)
{
	return db->serve;
}

bool db_write_async(struct db *db, db_write_fn fn, void *arg, db_done_fn done, void *done_arg)
{
	return db_write_async_batch(db, fn, NULL, arg, done, done_arg);
}

bool db_write_async_batch(struct db *db, db_write_fn fn, db_batch_fn batch, void *arg, db_done_fn done,
			  void *done_arg)
{
	if (!db_can_write_async(db))
		return false;
	struct write_job *j = xcalloc(1, sizeof *j);
	*j = (struct write_job){.fn = fn, .arg = arg, .on_done = done, .done_arg = done_arg,
				.batch = db->kind == DB_PG ? batch : NULL};
	pthread_mutex_lock(&db->mu);
	bool ok = !db->stopping && enqueue(db, j);
	pthread_mutex_unlock(&db->mu);
	if (!ok)
		free(j);
	return ok;
}

static enum app_err write_wait(struct db *db, db_write_fn fn, void *arg, bool quiet)
{
	if (db->serve) {
		pthread_mutex_lock(&db->mu);
		struct write_job j = {.fn = fn, .arg = arg, .quiet = quiet};
		pthread_cond_init(&j.cv, NULL);
		if (!enqueue(db, &j)) {
			pthread_mutex_unlock(&db->mu);
			pthread_cond_destroy(&j.cv);
			return APP_EDB;
		}
		while (!j.done)
			pthread_cond_wait(&j.cv, &db->mu);
		pthread_mutex_unlock(&db->mu);
		pthread_cond_destroy(&j.cv);
		return j.result;
	}
	struct dbc *c;
	enum app_err r = db_conn(db, &c);
	if (r)
		return r;
	r = run_tx(c, fn, arg);
	if (!r) {
		pthread_mutex_lock(&db->mu);
		count_batch(db, 1, quiet);
		pthread_mutex_unlock(&db->mu);
	}
	return r;
}

enum app_err db_write(struct db *db, db_write_fn fn, void *arg)
{
	return write_wait(db, fn, arg, false);
}

enum app_err db_write_quiet(struct db *db, db_write_fn fn, void *arg)
{
	return write_wait(db, fn, arg, true);
}

enum app_err dbc_begin_read(struct dbc *c)
{
	enum app_err r = c->be->exec(c, c->be->begin_read, NULL);
	if (r && conn_lost(c) && !(r = conn_revive(c))) /* a read is always safe to start again */
		r = c->be->exec(c, c->be->begin_read, NULL);
	c->reading = !r;
	return r && conn_lost(c) ? APP_EBUSY : r;
}

enum app_err db_write_in_read(struct db *db, db_write_fn fn, void *arg)
{
	struct dbc *c;
	if (db_can_write_async(db) || db_conn(db, &c) || !c->reading)
		return db_write(db, fn, arg); /* the writer's own connection, or no read open */
	dbc_end_read(c);
	enum app_err r = db_write(db, fn, arg);
	enum app_err b = dbc_begin_read(c);
	return r ? r : b;
}

enum app_err db_ready(struct db *db, const char **why)
{
	struct dbc *c;
	*why = "db unavailable";
	enum app_err r = db_conn(db, &c);
	if (r)
		return r;
	int64_t v = 0;
	if (db->kind == DB_PG) {
		/* a standby (or a server set read-only) accepts no writes */
		r = c->be->query_int(c, "SELECT CASE WHEN pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
				       " THEN 1 ELSE 0 END", &v);
		if (r)
			return conn_lost(c) ? APP_EBUSY : r;
		if (v) {
			*why = "database is read-only (a standby)";
			return APP_EBUSY;
		}
	} else {
		pthread_mutex_lock(&db->mu);
		bool writer = !db->serve || (db->writer_on && !db->stopping);
		pthread_mutex_unlock(&db->mu);
		if (!writer) {
			*why = "no writer";
			return APP_EBUSY;
		}
	}
	r = db_schema_version_of(c, &v);
	if (r)
		return conn_lost(c) ? APP_EBUSY : r;
	if (v != db_schema_version()) {
		*why = "schema version differs from this binary's";
		return APP_ECONFLICT;
	}
	*why = NULL;
	return APP_OK;
}

void dbc_end_read(struct dbc *c)
{
	c->be->exec(c, "COMMIT", NULL);
	c->reading = false;
}

void db_get_stats(struct db *db, struct db_stats *out)
{
	pthread_mutex_lock(&db->mu);
	*out = db->stats;
	pthread_mutex_unlock(&db->mu);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	pthread_mutex_lock(&db->mu);
	db->stopping = true;
	pthread_cond_broadcast(&db->cv_job);
	bool on = db->writer_on;
	pthread_mutex_unlock(&db->mu);
	for (int i = 0; on && i < db->nwriter; i++)
		pthread_join(db->writer[i], NULL);
	if (db->monitor_on) {
		atomic_store(&db->monitor_stop, true);
		pthread_join(db->monitor, NULL);
	}
	if (db->syncer_on)
		pthread_join(db->syncer, NULL);
	free(db->wal_path);
	struct dbc *c = db->conns;
	while (c) {
		struct dbc *next = c->next;
		conn_close(c);
		c = next;
	}
	pthread_key_delete(db->tls);
	if (db->nreplica)
		pthread_key_delete(db->tls_replica);
	for (int i = 0; i < db->nreplica; i++)
		free(db->replica[i]);
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv_job);
	pthread_cond_destroy(&db->cv_sync);
	free(db->target);
	free(db);
}

/* ---- statements ---- */

struct db_stmt *dbc_stmt(struct dbc *c, enum stmt_id id)
{
	struct db_stmt *s = c->stmts[id];
	c->be->reset(s);
	s->err = APP_OK;
	return s;
}

static bool idx_ok(struct db_stmt *s, int idx)
{
	if (idx < 1 || idx > s->nparam) {
		log_msg(LOG_ERROR, "db: %s: parameter %d out of range 1..%d", db_stmt_name[s->id],
			idx, s->nparam);
		s->err = APP_EDB;
		return false;
	}
	return true;
}

void db_bind_i64(struct db_stmt *s, int idx, int64_t v)
{
	if (idx_ok(s, idx))
		s->c->be->bind_i64(s, idx, v);
}

void db_bind_text(struct db_stmt *s, int idx, const char *v)
{
	if (idx_ok(s, idx))
		s->c->be->bind_text(s, idx, v);
}

enum app_err db_run(struct dbc *c, enum stmt_id id, const char *fmt, ...)
{
	struct db_stmt *s = dbc_stmt(c, id);
	va_list ap;
	va_start(ap, fmt);
	for (int k = 0; fmt[k]; k++) {
		if (fmt[k] == 'i')
			db_bind_i64(s, k + 1, va_arg(ap, int64_t));
		else
			db_bind_text(s, k + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	return db_exec(s);
}

int64_t db_one_i64(struct db_stmt *s, int col, enum app_err *err)
{
	bool row = false;
	enum app_err e = db_step(s, &row);
	int64_t v = !e && row ? db_col_i64(s, col) : 0;
	db_reset(s);
	if (err)
		*err = e;
	return v;
}

void db_bind_subtree(struct db_stmt *s, int lo, int hi, const char *path)
{
	char buf[256];
	size_t n = strlen(path);
	db_bind_text(s, lo, path);
	if (n >= sizeof buf || !n || path[n - 1] != '/') {
		s->err = APP_EINVAL; /* paths are short and end in '/' (units.c) */
		return;
	}
	memcpy(buf, path, n + 1);
	buf[n - 1] = '0'; /* the byte after '/' */
	db_bind_text(s, hi, buf);
}

void db_bind_blob(struct db_stmt *s, int idx, const void *p, size_t n)
{
	if (idx_ok(s, idx))
		s->c->be->bind_blob(s, idx, p, n);
}

void db_bind_null(struct db_stmt *s, int idx)
{
	db_bind_text(s, idx, NULL);
}

void db_bind_id(struct db_stmt *s, int idx, int64_t id)
{
	if (id)
		db_bind_i64(s, idx, id);
	else
		db_bind_null(s, idx);
}

enum app_err db_step(struct db_stmt *s, bool *row)
{
	*row = false;
	if (s->err)
		return s->err;
	if (db_fault_now()) {
		log_msg(LOG_ERROR, "db: %s: injected fault", db_stmt_name[s->id]);
		return APP_EDB;
	}
	return s->c->be->step(s, row);
}

enum app_err db_row(struct db_stmt *s)
{
	bool row;
	enum app_err e = db_step(s, &row);
	return e ? e : row ? APP_OK : APP_ENOTFOUND;
}

enum app_err db_exec(struct db_stmt *s)
{
	bool row;
	enum app_err r;
	do
		r = db_step(s, &row);
	while (!r && row);
	db_reset(s);
	return r;
}

int64_t db_col_i64(struct db_stmt *s, int col)
{
	return s->c->be->col_i64(s, col);
}

bool db_col_null(struct db_stmt *s, int col)
{
	return s->c->be->col_null(s, col);
}

const char *db_col_text(struct db_stmt *s, int col)
{
	const char *t = s->c->be->col_text(s, col);
	return t ? t : "";
}

const void *db_col_blob(struct db_stmt *s, int col, size_t *n)
{
	return s->c->be->col_blob(s, col, n);
}

void db_cols_(struct db_stmt *s, struct arena *a, int col, const struct db_col_ref *refs)
{
	for (; refs->kind != DB_COL_END; refs++, col++) {
		switch (refs->kind) {
		case DB_COL_I64: *(int64_t *)refs->p = db_col_i64(s, col); break;
		case DB_COL_INT: *(int *)refs->p = (int)db_col_i64(s, col); break;
		case DB_COL_BOOL: *(bool *)refs->p = db_col_i64(s, col) != 0; break;
		case DB_COL_TEXT: *(const char **)refs->p = arena_strdup(a, db_col_text(s, col)); break;
		case DB_COL_END: break;
		}
	}
}

void db_row_i64(struct arena *a, struct db_stmt *s, void *out)
{
	(void)a;
	*(int64_t *)out = db_col_i64(s, 0);
}

enum app_err db_get_rows(struct db_stmt *s, struct arena *a, db_row_fn read, size_t size, void **out, size_t *n)
{
	size_t cap = 16, k = 0;
	char *v = arena_alloc(a, cap * size);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		v = arena_grow(a, v, k, &cap, size);
		read(a, s, v + k++ * size);
	}
	db_reset(s);
	*out = v;
	*n = k;
	return e;
}

enum app_err db_get_row(struct db_stmt *s, struct arena *a, db_row_fn read, void *out)
{
	enum app_err e = db_row(s);
	if (!e)
		read(a, s, out);
	db_reset(s);
	return e;
}

void db_reset(struct db_stmt *s)
{
	s->c->be->reset(s);
}

char *db_pg_placeholders(const char *sql, int *nparam)
{
	size_t n = strlen(sql);
	char *out = xmalloc(n + 1);
	size_t o = 0;
	int maxp = 0;
	bool quote = false;
	for (size_t i = 0; i < n; i++) {
		char ch = sql[i];
		if (ch == '\'')
			quote = !quote;
		if (!quote && ch == '?' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
			out[o++] = '$';
			int v = 0;
			while (i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
				v = v * 10 + (sql[i + 1] - '0');
				out[o++] = sql[++i];
			}
			if (v > maxp)
				maxp = v;
			continue;
		}
		out[o++] = ch;
	}
	out[o] = '\0';
	*nparam = maxp;
	return out;
}
