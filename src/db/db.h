/*
 * db.h — the one storage interface every module uses. Two backends sit behind
 * it: SQLite (embedded, the default) and PostgreSQL (libpq). Only src/db/
 * calls sqlite3 or libpq.
 *
 * Statements are listed once in stmts.def and prepared on every connection
 * when it opens, so bad SQL fails at start-up. Values are always bound.
 *
 * Reads run on a connection private to the calling thread (db_conn). Writes go
 * through db_write: in a server, writer threads commit the queued jobs of many
 * requests in one transaction (group commit), each job in a savepoint, and
 * answer each caller only after that transaction is durable: one writer on
 * SQLite, several on PostgreSQL (COSO_DB_WRITERS, each with its connection,
 * synchronous commit). In a command the job runs in its own transaction on the
 * caller's connection.
 */
#ifndef COSO_DB_H
#define COSO_DB_H
#include "../app.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum stmt_id {
#define STMT(id, sql, pgsql) STMT_##id,
#include "stmts.def"
#undef STMT
	STMT__MAX
};

enum db_kind { DB_SQLITE, DB_PG };

struct db;      /* opaque: the database and its connections */
struct dbc;     /* opaque: one connection */
struct db_stmt; /* opaque: one prepared statement of one connection */

/* Opens a database from a URL: a file path, sqlite:PATH, postgres://... or
 * postgresql://... . With serve set, SQLite starts its writer thread and
 * per-thread connections are read-only. On failure *err names the reason in
 * plain words (caller frees). */
enum app_err db_open(const char *url, bool serve, struct db **out, char **err);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
enum db_kind dbc_kind(const struct dbc *c);      /* of a connection's database */

/* Schema: applies every migration newer than the database's (init), or checks
 * that the database is exactly at this binary's version (serve). */
enum app_err db_migrate(struct db *db, char **err);
enum app_err db_check_schema(struct db *db, char **err);
int db_schema_version(void); /* newest migration this binary knows */

/* The calling thread's connection, opened and prepared on first use. */
enum app_err db_conn(struct db *db, struct dbc **out);

/* Runs fn(conn, arg) inside a transaction that is durable when this returns
 * APP_OK. If fn returns an error, its changes are undone and that error is
 * returned. fn must not begin or commit transactions itself. */
typedef enum app_err (*db_write_fn)(struct dbc *c, void *arg);
enum app_err db_write(struct db *db, db_write_fn fn, void *arg);
/* The same for a write no page shows (the ledger signer's lease): caches of
 * what was read before are not told (db_generation does not move). */
enum app_err db_write_quiet(struct db *db, db_write_fn fn, void *arg);
/* The same without waiting (a server only): fn joins the next group commit
 * and done(done_arg, result) is called on the writer thread once it is
 * durable or failed. false when this database cannot (a command, shutting
 * down): run db_write instead. */
typedef void (*db_done_fn)(void *done_arg, enum app_err result);
bool db_write_async(struct db *db, db_write_fn fn, void *arg, db_done_fn done, void *done_arg);
/* The same for a job that can also run together with others like it: on
 * PostgreSQL the writer hands consecutive queued jobs of the same batch
 * function to it at once (one statement for many instead of many). batch
 * fills results[i] for args[i] (an error: that job refused, its effects left
 * out by batch itself) and returns APP_OK; any other return undoes the whole
 * group, which the writer then runs job by job with fn. */
typedef enum app_err (*db_batch_fn)(struct dbc *c, void **args, enum app_err *results, int n);
bool db_write_async_batch(struct db *db, db_write_fn fn, db_batch_fn batch, void *arg, db_done_fn done,
			  void *done_arg);
/* Whether db_write_async can be used at all here. */
bool db_can_write_async(const struct db *db);

/* Increases by one after every committed write of this process: caches of
 * what was read before can tell that they may be stale. */
uint64_t db_generation(struct db *db);

/* Readiness: APP_OK when the database accepts writes (not a standby, not
 * read-only) and its schema is this binary's; else an error and *why (static
 * English, for the probe's body). */
enum app_err db_ready(struct db *db, const char **why);

/* A write from a request that reads (a GET that issues a document the first
 * time it is printed): where the write would share this thread's connection
 * (a command), the read transaction ends, the write
 * commits and a new read transaction begins, which sees it. */
enum app_err db_write_in_read(struct db *db, db_write_fn fn, void *arg);
/* Read transaction helpers for a consistent multi-statement read. A lost
 * connection is revived and the read begun once more; APP_EBUSY when the
 * server cannot be reached. */
enum app_err dbc_begin_read(struct dbc *c);
void dbc_end_read(struct dbc *c);

/* The statement, reset and with its bindings cleared. Borrowed from c. */
struct db_stmt *dbc_stmt(struct dbc *c, enum stmt_id id);
/* Binders check the index (1-based). Errors surface at db_step. */
void db_bind_i64(struct db_stmt *s, int idx, int64_t v);
void db_bind_text(struct db_stmt *s, int idx, const char *v); /* NULL binds SQL NULL */
void db_bind_null(struct db_stmt *s, int idx);
void db_bind_id(struct db_stmt *s, int idx, int64_t id); /* an optional reference: 0 binds SQL NULL */
/* Runs a statement that returns no row with its values bound in order: fmt
 * has one letter a value, 'i' an int64_t, 't' a string (NULL binds NULL).
 * The one way to write "this statement with these values". */
enum app_err db_run(struct dbc *c, enum stmt_id id, const char *fmt, ...);
/* Steps s once, reads column col of its row as an integer (0 when there is
 * no row) and resets s; *err (may be NULL) receives the step's error. The
 * one way to read a count, an id or a single number. */
int64_t db_one_i64(struct db_stmt *s, int col, enum app_err *err);
/* Binds a subtree range (stmts.def): lo is the unit's path ("/24/07210/"),
 * hi the same with its last '/' made '0', so lo <= path < hi is the unit and
 * everything below it. */
void db_bind_subtree(struct db_stmt *s, int lo, int hi, const char *path);
void db_bind_blob(struct db_stmt *s, int idx, const void *p, size_t n); /* bytes (BLOB/bytea) */
/* Advances: *row is true while a row is available. APP_ECONFLICT on a unique
 * or foreign-key violation, APP_EBUSY when locked, APP_EDB otherwise. */
enum app_err db_step(struct db_stmt *s, bool *row);
/* Steps once to the one row expected: APP_ENOTFOUND when there is none,
 * the step's error otherwise; the row is read with db_col_* before a reset. */
enum app_err db_row(struct db_stmt *s);
/* Steps to completion, ignoring rows. */
enum app_err db_exec(struct db_stmt *s);
int64_t db_col_i64(struct db_stmt *s, int col);      /* 0 for NULL */
bool db_col_null(struct db_stmt *s, int col);
/* Borrowed until the next step or reset; "" for NULL. */
const char *db_col_text(struct db_stmt *s, int col);
/* Bytes of a BLOB/bytea column, borrowed like db_col_text; NULL for NULL. */
const void *db_col_blob(struct db_stmt *s, int col, size_t *n);
void db_reset(struct db_stmt *s);
/* Steps once: on a row, read(a, s, out) copies it; APP_ENOTFOUND when there is
 * none. Resets the statement. */
struct arena;
typedef void (*db_row_fn)(struct arena *a, struct db_stmt *s, void *out);
enum app_err db_get_row(struct db_stmt *s, struct arena *a, db_row_fn read, void *out);
/* Reads the row's columns col, col+1, ... into the places given, each
 * wrapped in DB_COL(&place): its type says how (int64_t, int, bool, or a
 * string copied into a). A place of any other type does not compile.
 *   db_cols(s, a, 0, DB_COL(&u->id), DB_COL(&u->code), DB_COL(&u->title));
 * The one way a row becomes a struct. */
enum db_col_kind { DB_COL_END, DB_COL_I64, DB_COL_INT, DB_COL_BOOL, DB_COL_TEXT };
struct db_col_ref {
	enum db_col_kind kind;
	void *p;
};
#define DB_COL(place)                                                                                            \
	((struct db_col_ref){_Generic((place), int64_t *: DB_COL_I64, int *: DB_COL_INT, bool *: DB_COL_BOOL,      \
				      const char **: DB_COL_TEXT, char **: DB_COL_TEXT),                            \
			     (void *)(place)})
void db_cols_(struct db_stmt *s, struct arena *a, int col, const struct db_col_ref *refs);
#define db_cols(s, a, col, ...) db_cols_((s), (a), (col), (const struct db_col_ref[]){__VA_ARGS__, {DB_COL_END, NULL}})
/* A db_row_fn for the first column as an int64_t. */
void db_row_i64(struct arena *a, struct db_stmt *s, void *out);
/* Every row into an arena array of elements of size bytes (*out, *n). */
enum app_err db_get_rows(struct db_stmt *s, struct arena *a, db_row_fn read, size_t size, void **out, size_t *n);

/* Metrics: sizes of SQLite commit groups, and jobs waiting. */
struct db_stats {
	uint64_t commits;          /* write transactions committed */
	uint64_t jobs;             /* write jobs run */
	uint64_t batch_hist[8];    /* commits with 1, 2, 3-4, 5-8, 9-16, 17-32, 33-64, >64 jobs */
	int queue_depth;           /* jobs waiting now */
	uint64_t grouped;          /* jobs written together by their batch function (PostgreSQL) */
	uint64_t group_fallbacks;  /* groups that failed and were written one by one */
};
void db_get_stats(struct db *db, struct db_stats *out);

/* Reads from replicas (issue #18; PostgreSQL, a server): standbys the
 * reads of anonymous public pages may go to, added before serving, then
 * watched (db_replicas_start) with the staleness allowed. db_read_replica(db,
 * true) before such a request's reads: true when this thread's db_conn now
 * answers with a standby fresh enough (within max_lag_seconds), false when the
 * primary will (none is); db_read_replica(db, false) after. */
enum app_err db_replica_add(struct db *db, const char *url, char **err);
void db_replicas_start(struct db *db, int max_lag_seconds);
bool db_read_replica(struct db *db, bool on);
struct db_replica_stats {
	int n;
	int64_t bound_ms;
	int64_t stale_ms[8];     /* INT64_MAX: unreachable or beyond what is kept */
	uint64_t reads_replica;  /* anonymous reads answered by a standby */
	uint64_t reads_primary;  /* anonymous reads the primary answered, none being fresh enough */
};
void db_replica_stats(struct db *db, struct db_replica_stats *out);

/* Test hook: make the nth statement step from now fail (0 disables). */
void db_fail_after(int n);
#endif
