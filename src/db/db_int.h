/*
 * db_int.h — what db.c shares with its two backends. Not for other modules.
 */
#ifndef COSO_DB_INT_H
#define COSO_DB_INT_H
#include "db.h"
#include <pthread.h>
#include <stdatomic.h>

struct db_backend;

struct dbc {
	struct db *db;                 /* owner */
	const struct db_backend *be;   /* backend operations */
	void *h;                       /* sqlite3 * or PGconn * */
	struct db_stmt **stmts;        /* STMT__MAX prepared statements, or NULL before prepare */
	bool read_only;                /* a reader connection of a serving SQLite database */
	bool reading;                  /* in a request's read transaction (dbc_begin_read) */
	const char *target;            /* a replica's URL (db.c), or NULL: the database's own */
	void *tx[8];                   /* SQLite: transaction statements, prepared once (db_sqlite.c) */
	struct dbc *next;              /* in db->conns */
};

struct db_stmt {
	struct dbc *c;        /* connection */
	enum stmt_id id;      /* which statement */
	void *h;              /* sqlite3_stmt *, or backend state */
	int nparam;           /* parameters the text takes */
	enum app_err err;     /* first binding error, reported by step */
};

struct db_backend {
	enum app_err (*open)(struct db *db, struct dbc *c, char **err);
	void (*close)(struct dbc *c);
	enum app_err (*prepare)(struct dbc *c, enum stmt_id id, struct db_stmt *s);
	void (*finalize)(struct db_stmt *s);
	void (*bind_i64)(struct db_stmt *s, int idx, int64_t v);
	void (*bind_text)(struct db_stmt *s, int idx, const char *v);
	void (*bind_blob)(struct db_stmt *s, int idx, const void *p, size_t n);
	enum app_err (*step)(struct db_stmt *s, bool *row);
	int64_t (*col_i64)(struct db_stmt *s, int col);
	bool (*col_null)(struct db_stmt *s, int col);
	const char *(*col_text)(struct db_stmt *s, int col);
	const void *(*col_blob)(struct db_stmt *s, int col, size_t *n);
	void (*reset)(struct db_stmt *s);
	/* Runs SQL text with no parameters (migrations, BEGIN/COMMIT). */
	enum app_err (*exec)(struct dbc *c, const char *sql, char **err);
	/* Whether the connection was lost (the server went away); NULL if never. */
	bool (*broken)(struct dbc *c);
	/* Reconnects a lost connection (prepared statements are gone with it). */
	enum app_err (*reconnect)(struct dbc *c);
	/* Runs SQL with ?N text parameters, no rows (migration bookkeeping). */
	enum app_err (*exec_params)(struct dbc *c, const char *sql, int n, const char *const *vals);
	/* Runs a one-integer query; APP_ENOTFOUND when no row. */
	enum app_err (*query_int)(struct dbc *c, const char *sql, int64_t *out);
	const char *begin_write; /* BEGIN text for a write transaction */
	const char *begin_read;  /* BEGIN text for a read transaction */
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

#define DB_MAX_WRITERS 16
#define DB_MAX_REPLICAS 8

struct db {
	enum db_kind kind;           /* backend */
	const struct db_backend *be; /* its operations */
	char *target;                /* SQLite file path or libpq connection URL */
	bool serve;                  /* writer thread + read-only readers (SQLite) */
	int max_batch;               /* jobs per group commit (COSO_MAX_BATCH, 1 = a commit per job) */
	pthread_key_t tls;           /* the calling thread's struct dbc * */
	pthread_mutex_t mu;          /* guards everything below */
	struct dbc *conns;           /* every open connection, closed by db_close */
	/* group commit (serve mode): one writer on SQLite, several on PostgreSQL */
	pthread_t writer[DB_MAX_WRITERS]; /* writer threads */
	int nwriter;                 /* how many (COSO_DB_WRITERS on PostgreSQL) */
	int writers_live;            /* still running: the syncer ends when none is and it is drained */
	bool writer_on;              /* writer threads started */
	bool stopping;               /* db_close asked the writer to stop */
	pthread_cond_t cv_job;       /* a job was queued */
	struct write_job *head, *tail; /* queue */
	/* committed without fsync, waiting for the syncer (db.c) */
	pthread_t syncer;            /* fsyncs the log behind the writer */
	bool syncer_on;
	pthread_cond_t cv_sync;      /* a batch was committed */
	struct write_job *unsynced, *unsynced_tail;
	char *wal_path;              /* the SQLite log the syncer fsyncs */
	struct db_stats stats;       /* counters */
	_Atomic uint64_t generation; /* committed writes (db_generation) */
	/* reads from replicas (db_replica_add; PostgreSQL, a server) */
	char *replica[DB_MAX_REPLICAS];           /* their URLs */
	int nreplica;
	int64_t replica_bound_ms;                 /* the staleness allowed */
	_Atomic int64_t replica_stale_ms[DB_MAX_REPLICAS]; /* measured by the monitor; INT64_MAX: unusable */
	pthread_key_t tls_replica;                /* the calling thread's struct replica_tls * */
	pthread_t monitor;                        /* measures the replicas' staleness */
	bool monitor_on;
	atomic_bool monitor_stop;
	_Atomic unsigned replica_rr;              /* round robin over the fresh replicas */
	_Atomic uint64_t reads_replica, reads_primary; /* anonymous reads sent to each */
};

/* Rewrites ?N placeholders to $N (PostgreSQL), outside string literals.
 * Returns a new string (caller frees) and the highest N in *nparam. */
char *db_pg_placeholders(const char *sql, int *nparam);
/* Statement texts: sqlite text, and pg text (NULL: same as sqlite). */
extern const char *const db_stmt_sqlite[STMT__MAX];
extern const char *const db_stmt_pg[STMT__MAX];
extern const char *const db_stmt_name[STMT__MAX];
/* SQLite: the path of the write-ahead log of the connection's database (a
 * new string). */
char *db_sqlite_wal_path(struct dbc *c);
/* The newest migration applied to a connection's database (0: none). */
enum app_err db_schema_version_of(struct dbc *c, int64_t *v);
/* Fault injection: true when this step should fail. */
bool db_fault_now(void);
#endif
