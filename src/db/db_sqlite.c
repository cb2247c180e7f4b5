/*
 * db_sqlite.c — the SQLite backend of db.h.
 *
 * Settings, for every connection: WAL journal (readers never block the
 * writer), foreign keys on, a 5 s busy timeout. synchronous=FULL: in WAL mode
 * this fsyncs the log at every commit, so a commit that returned survives a
 * power cut; NORMAL would only survive a crash of the process. Group commit
 * (db.c) spreads the one fsync over every request of the batch, which is
 * why FULL costs little here.
 */
#include "db_int.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum app_err sq_code(int rc)
{
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? APP_EBUSY
	       : rc == SQLITE_CONSTRAINT              ? APP_ECONFLICT
						      : APP_EDB;
}

/* The statements the group-commit writer runs around every job and batch:
 * prepared once per connection instead of parsed at each sqlite3_exec. */
static const char *const tx_sql[] = {"BEGIN",	 "BEGIN IMMEDIATE", "COMMIT",	   "ROLLBACK",
				     "SAVEPOINT job", "RELEASE job",	 "ROLLBACK TO job"};

static enum app_err sq_exec(struct dbc *c, const char *sql, char **err)
{
	_Static_assert(ARRAY_SIZE(tx_sql) <= ARRAY_SIZE(c->tx), "room for the transaction statements");
	for (size_t i = 0; i < ARRAY_SIZE(tx_sql); i++) {
		if (strcmp(sql, tx_sql[i]))
			continue;
		sqlite3_stmt *st = c->tx[i];
		if (!st && sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
			break; /* sqlite3_exec below reports it */
		c->tx[i] = st;
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return APP_OK;
		if (err)
			*err = xstrdup(sqlite3_errmsg(c->h));
		return sq_code(rc);
	}
	char *msg = NULL;
	int rc = sqlite3_exec(c->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		if (err)
			*err = xstrdup(msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return sq_code(rc);
	}
	return APP_OK;
}

/* Process-wide settings, before SQLite initialises: each connection is used
 * by one thread at a time (no per-connection mutexes), and no global memory
 * statistics (their mutex serialises every allocation of every thread). */
static void sq_global(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

static enum app_err sq_open(struct db *db, struct dbc *c, char **err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_global);
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(db->target, &h, flags, NULL);
	if (rc != SQLITE_OK) {
		*err = xstrdup(h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return APP_EDB;
	}
	c->h = h;
	sqlite3_busy_timeout(h, 5000);
	sqlite3_extended_result_codes(h, 0);
	/* memory-mapped reads (COSO_SQLITE_MMAP bytes; default 0 = off): mapped
	 * reads are faster for a read-only load, but under writes every reader
	 * keeps remapping the growing file (measured: online ballots fell from
	 * 10,000/s to 1,300/s with 256 MiB mapped) */
	const char *mm = getenv("COSO_SQLITE_MMAP");
	long long mmap_size = mm && *mm ? strtoll(mm, NULL, 10) : 0;
	char pragmas[256];
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
		 " PRAGMA temp_store=MEMORY; PRAGMA mmap_size=%lld; PRAGMA cache_size=-32768;",
		 mmap_size < 0 ? 0 : mmap_size);
	enum app_err r = sq_exec(c, pragmas, err);
	/* the file grows in 32 MiB steps: memory maps of readers are remapped
	 * once per step instead of at nearly every checkpoint */
	int chunk = 32 << 20;
	sqlite3_file_control(h, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
	if (!r && c->read_only)
		r = sq_exec(c, "PRAGMA query_only=1", err);
	if (r) {
		sqlite3_close(h);
		c->h = NULL;
	}
	return r;
}

char *db_sqlite_wal_path(struct dbc *c)
{
	const char *db = sqlite3_db_filename(c->h, "main");
	return db ? xstrdup(sqlite3_filename_wal(db)) : NULL;
}

static void sq_close(struct dbc *c)
{
	for (size_t i = 0; i < ARRAY_SIZE(c->tx); i++)
		sqlite3_finalize(c->tx[i]);
	sqlite3_close(c->h);
}

static enum app_err sq_prepare(struct dbc *c, enum stmt_id id, struct db_stmt *s)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(c->h, db_stmt_sqlite[id], -1, SQLITE_PREPARE_PERSISTENT, &st,
				    NULL);
	if (rc != SQLITE_OK) {
		log_msg(LOG_ERROR, "db: prepare %s: %s", db_stmt_name[id], sqlite3_errmsg(c->h));
		return APP_EDB;
	}
	s->h = st;
	s->nparam = sqlite3_bind_parameter_count(st);
	return APP_OK;
}

static void sq_finalize(struct db_stmt *s)
{
	sqlite3_finalize(s->h);
}

static void sq_bind_i64(struct db_stmt *s, int idx, int64_t v)
{
	if (sqlite3_bind_int64(s->h, idx, v) != SQLITE_OK)
		s->err = APP_EDB;
}

static void sq_bind_text(struct db_stmt *s, int idx, const char *v)
{
	int rc = v ? sqlite3_bind_text(s->h, idx, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s->h, idx);
	if (rc != SQLITE_OK)
		s->err = APP_EDB;
}

static void sq_bind_blob(struct db_stmt *s, int idx, const void *p, size_t n)
{
	if (sqlite3_bind_blob64(s->h, idx, n ? p : "", n, SQLITE_TRANSIENT) != SQLITE_OK)
		s->err = APP_EDB;
}

static enum app_err sq_step(struct db_stmt *s, bool *row)
{
	int rc = sqlite3_step(s->h);
	if (rc == SQLITE_ROW) {
		*row = true;
		return APP_OK;
	}
	if (rc == SQLITE_DONE)
		return APP_OK;
	sqlite3 *h = s->c->h;
	enum app_err r = rc == SQLITE_CONSTRAINT                    ? APP_ECONFLICT
			 : rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? APP_EBUSY
								    : APP_EDB;
	log_msg(r == APP_ECONFLICT ? LOG_DEBUG : LOG_ERROR, "db: %s: %s", db_stmt_name[s->id],
		sqlite3_errmsg(h));
	sqlite3_reset(s->h);
	return r;
}

static int64_t sq_col_i64(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(s->h, col);
}

static bool sq_col_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(s->h, col) == SQLITE_NULL;
}

static const char *sq_col_text(struct db_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s->h, col);
}

static const void *sq_col_blob(struct db_stmt *s, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(s->h, col);
	*n = (size_t)sqlite3_column_bytes(s->h, col);
	return p;
}

static void sq_reset(struct db_stmt *s)
{
	sqlite3_reset(s->h);
	sqlite3_clear_bindings(s->h);
}

static enum app_err sq_query_int(struct dbc *c, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->h, sql, -1, &st, NULL) != SQLITE_OK)
		return APP_EDB;
	int rc = sqlite3_step(st);
	enum app_err r = APP_ENOTFOUND;
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		r = APP_OK;
	} else if (rc != SQLITE_DONE) {
		r = APP_EDB;
	}
	sqlite3_finalize(st);
	return r;
}

static enum app_err sq_exec_params(struct dbc *c, const char *sql, int n, const char *const *vals)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->h, sql, -1, &st, NULL) != SQLITE_OK)
		return APP_EDB;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? APP_OK : APP_EDB;
}

const struct db_backend db_sqlite_backend = {
	.exec_params = sq_exec_params,
	.open = sq_open,
	.close = sq_close,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_i64 = sq_bind_i64,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.col_i64 = sq_col_i64,
	.col_null = sq_col_null,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.reset = sq_reset,
	.exec = sq_exec,
	.query_int = sq_query_int,
	.begin_write = "BEGIN IMMEDIATE",
	.begin_read = "BEGIN",
};
