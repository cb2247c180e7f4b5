/* test_db.c — the DB layer on both backends (SQLite always, PostgreSQL when
 * COSO_TEST_PG_URL names a server): migrations, schema checks, transactions,
 * all-or-nothing imports, fault injection, group commit under concurrency;
 * and the handler seam (app_handle) with faults injected. */
#include "test.h"
#include "ledger/ledger.h"
#include "auth/auth.h"
#include "db/db.h"
#include "events/events.h"
#include "http/server.h"
#include "units/units.h"
#include "util/crypto.h"
#include "util/log.h"
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

static char url[512];
static int backend; /* 0 sqlite, 1 pg */

static int setup_db(void)
{
	static int n;
	n++;
	if (backend == 0) {
		snprintf(url, sizeof url, "/tmp/coso-unit-%d-%d.db", (int)getpid(), n);
		unlink(url);
		return 0;
	}
	const char *base = getenv("COSO_TEST_PG_URL");
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "psql -X -q -d '%s/postgres' -c 'CREATE DATABASE unit_%d_%d' >/dev/null", base,
		 (int)getpid(), n);
	if (system(cmd) != 0)
		return -1;
	snprintf(url, sizeof url, "%s/unit_%d_%d", base, (int)getpid(), n);
	return 0;
}

static void drop_db(void)
{
	if (backend == 0) {
		char p[600];
		unlink(url);
		snprintf(p, sizeof p, "%s-wal", url);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", url);
		unlink(p);
	}
}

static struct db *fresh(bool serve)
{
	assert_int_equal(setup_db(), 0);
	struct db *db;
	char *err = NULL;
	assert_int_equal(db_open(url, false, &db, &err), APP_OK);
	assert_int_equal(db_migrate(db, &err), APP_OK);
	if (serve) {
		db_close(db);
		assert_int_equal(db_open(url, true, &db, &err), APP_OK);
	}
	assert_int_equal(db_check_schema(db, &err), APP_OK);
	return db;
}

static int64_t count(struct db *db, enum stmt_id id)
{
	struct dbc *c;
	assert_int_equal(db_conn(db, &c), APP_OK);
	struct db_stmt *s = dbc_stmt(c, id);
	bool row;
	assert_int_equal(db_step(s, &row), APP_OK);
	int64_t v = row ? db_col_i64(s, 0) : -1;
	db_reset(s);
	return v;
}

static int64_t households(struct db *db)
{
	struct dbc *c;
	assert_int_equal(db_conn(db, &c), APP_OK);
	struct db_stmt *s = dbc_stmt(c, STMT_HH_STATS);
	db_bind_text(s, 1, "/");
	db_bind_text(s, 2, "0");
	bool row;
	assert_int_equal(db_step(s, &row), APP_OK);
	int64_t v = db_col_i64(s, 0);
	db_reset(s);
	return v;
}

struct csv_job {
	const char *csv;            /* input */
	bool units;                 /* units or households */
	struct import_report rep;   /* output */
};

static enum app_err import_fn(struct dbc *c, void *arg)
{
	struct csv_job *j = arg;
	return j->units ? units_import_csv(c, j->csv, strlen(j->csv), time(NULL), &j->rep)
			: households_import_csv(c, j->csv, strlen(j->csv), NULL, 0, 0, time(NULL), &j->rep);
}

static enum app_err run_import(struct db *db, struct arena *a, const char *csv, bool units, size_t *nproblem)
{
	struct csv_job j = {.csv = csv, .units = units};
	import_report_init(&j.rep, a);
	enum app_err e = db_write(db, import_fn, &j);
	*nproblem = j.rep.nproblem;
	return e;
}

static const char *UNITS = "province_code,province_name,commune_code,commune_name,commune_type\n"
			   "24,Bắc Ninh,07210,Bắc Giang,phường\n"
			   "24,Bắc Ninh,07582,Lục Ngạn,xã\n";

static enum app_err add_village(struct dbc *c, void *arg)
{
	struct arena a;
	arena_init(&a);
	struct unit p;
	enum app_err e = units_get(&a, c, "07582", &p);
	if (!e)
		e = units_create(c, &p, arg, "village", "Thôn Thử", time(NULL), NULL);
	arena_free(&a);
	return e;
}

static void test_migrate_and_schema(void **s)
{
	struct db *db;
	char *err = NULL;
	assert_int_equal(db_open(backend ? "postgresql://nobody@127.0.0.1:1/x" : "/nonexistent/x/y.db", false, &db, &err),
			 APP_EDB);
	assert_non_null(err);
	free(err);
	err = NULL;
	assert_int_equal(db_open("sqlite:", false, &db, &err), APP_EINVAL);
	free(err);
	db = fresh(false);
	assert_int_equal(db_migrate(db, &err), APP_OK); /* idempotent */
	assert_int_equal(count(db, STMT_UNIT_TOTAL), 0);
	/* reads from replicas (issue #18): PostgreSQL standbys beside a PostgreSQL
	 * database only, at most 8; one that cannot be reached is never read from */
	assert_int_equal(db_replica_add(db, backend ? "/tmp/x.db" : "postgresql://coso@127.0.0.1:1/x", &err), APP_EINVAL);
	assert_non_null(err);
	free(err);
	err = NULL;
	if (backend) {
		for (int i = 0; i < 8; i++)
			assert_int_equal(db_replica_add(db, "postgresql://coso@127.0.0.1:1/x?connect_timeout=1", &err), APP_OK);
		assert_int_equal(db_replica_add(db, "postgresql://coso@127.0.0.1:1/x", &err), APP_EINVAL);
		free(err);
		err = NULL;
		assert_false(db_read_replica(db, true)); /* not watched yet */
		db_replicas_start(db, 5);
		usleep(800000); /* a round of the monitor */
		assert_false(db_read_replica(db, true));
		struct db_replica_stats st;
		db_replica_stats(db, &st);
		assert_int_equal(st.n, 8);
		assert_int_equal(st.bound_ms, 5000);
		assert_true(st.stale_ms[0] == INT64_MAX);
		assert_int_equal(st.reads_replica, 0);
		assert_int_equal(st.reads_primary, 1);
	}
	db_close(db);
	drop_db();
}

static void test_imports_all_or_nothing(void **s)
{
	struct db *db = fresh(false);
	struct arena a;
	arena_init(&a);
	size_t np;
	assert_int_equal(run_import(db, &a, UNITS, true, &np), APP_OK);
	assert_int_equal(count(db, STMT_UNIT_TOTAL), 3);
	/* a bad line anywhere: nothing changes */
	const char *bad = "province_code,province_name,commune_code,commune_name,commune_type\n"
			  "24,Bắc Ninh,07999,Mới,xã\n"
			  "24,Bắc Ninh,0799,Sai,xã\n";
	assert_int_equal(run_import(db, &a, bad, true, &np), APP_EINVAL);
	assert_int_equal(np, 1);
	assert_int_equal(count(db, STMT_UNIT_TOTAL), 3);
	assert_int_equal(db_write(db, add_village, "07582-01"), APP_OK);
	assert_int_equal(db_write(db, add_village, "07582-01"), APP_ECONFLICT);
	assert_int_equal(db_write(db, add_village, "bad code"), APP_EINVAL);
	const char *hh = "village_code,household_code,head,address,members,representative,phone\n"
			 "07582-01,H1,Nguyễn Văn A,Số 1,3,,\n"
			 "07582-01,H2,Trần Thị B,Số 2,2,Lê Văn C,0912345678\n";
	const char *hh_bad = "village_code,household_code,head,address,members,representative,phone\n"
			     "07582-01,H3,Nguyễn Văn D,Số 3,3,,\n"
			     "07582-01,H1,Phạm Văn E,Số 1,3,,\n"
			     "07210,H4,Phạm Văn F,Số 4,3,,\n";
	assert_int_equal(run_import(db, &a, hh, false, &np), APP_OK);
	assert_int_equal(households(db), 2);
	assert_int_equal(run_import(db, &a, hh_bad, false, &np), APP_EINVAL);
	assert_int_equal(np, 2); /* duplicate H1, 07210 is not a village */
	assert_int_equal(households(db), 2);
	arena_free(&a);
	db_close(db);
	drop_db();
}

static void test_fault_injection(void **s)
{
	struct db *db = fresh(false);
	struct arena a;
	arena_init(&a);
	size_t np;
	assert_int_equal(run_import(db, &a, UNITS, true, &np), APP_OK);
	assert_int_equal(db_write(db, add_village, "07582-01"), APP_OK);
	const char *hh = "village_code,household_code,head,address,members,representative,phone\n"
			 "07582-01,F1,Nguyễn Văn A,Số 1,3,,\n"
			 "07582-01,F2,Trần Thị B,Số 2,2,Lê Văn C,0912345678\n"
			 "07582-01,F3,Đỗ Văn D,Số 3,1,,\n";
	/* Fail the Nth statement, N upward, until the import goes through:
	 * every failed attempt leaves nothing behind. */
	int n;
	for (n = 1; n < 100; n++) {
		db_fail_after(n);
		enum app_err e = run_import(db, &a, hh, false, &np);
		db_fail_after(0);
		if (e == APP_OK)
			break;
		assert_int_equal(e, APP_EDB);
		assert_int_equal(households(db), 0);
	}
	assert_true(n > 5 && n < 100);
	assert_int_equal(households(db), 3);
	arena_free(&a);
	db_close(db);
	drop_db();
}

struct thr {
	struct db *db; /* shared */
	int n;         /* writes to do */
	int ok;        /* writes that succeeded */
};

static enum app_err event_fn(struct dbc *c, void *arg)
{
	struct event ev = {.kind = "test.write", .subject = "x"};
	return events_add(c, &ev, NULL);
}

/* A job that writes, then fails: its savepoint undoes it, not the batch. */
static enum app_err undone_fn(struct dbc *c, void *arg)
{
	struct event ev = {.kind = "test.undone", .subject = "x"};
	enum app_err e = events_add(c, &ev, NULL);
	return e ? e : APP_ECONFLICT;
}

static void *writer(void *arg)
{
	struct thr *t = arg;
	for (int i = 0; i < t->n; i++) {
		if (i % 5 == 4)
			assert_int_equal(db_write(t->db, undone_fn, NULL), APP_ECONFLICT);
		else
			t->ok += db_write(t->db, event_fn, NULL) == APP_OK;
	}
	return NULL;
}

static void async_done(void *arg, enum app_err e)
{
	atomic_store((_Atomic int *)arg, (int)e);
}

static bool has_event(struct db *db, const char *kind)
{
	struct dbc *c;
	assert_int_equal(db_conn(db, &c), APP_OK);
	struct db_stmt *s = dbc_stmt(c, STMT_EVENT_LAST_PAYLOAD);
	db_bind_text(s, 1, kind);
	bool row;
	assert_int_equal(db_step(s, &row), APP_OK);
	db_reset(s);
	return row;
}

static void test_group_commit(void **s)
{
	struct db *db = fresh(true);
	struct thr t[8];
	pthread_t th[8];
	for (int i = 0; i < 8; i++) {
		t[i] = (struct thr){db, 50, 0};
		pthread_create(&th[i], NULL, writer, &t[i]);
	}
	int ok = 0;
	for (int i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		ok += t[i].ok;
	}
	assert_int_equal(ok, 320);
	/* the failed jobs undid only themselves, on both backends */
	assert_false(has_event(db, "test.undone"));
	assert_true(has_event(db, "test.write"));
	/* a job queued without waiting (a server on either backend) */
	assert_true(db_can_write_async(db));
	_Atomic int done = -1;
	assert_true(db_write_async(db, event_fn, NULL, async_done, (void *)&done));
	for (int i = 0; i < 500 && atomic_load(&done) < 0; i++)
		usleep(10000);
	assert_int_equal(atomic_load(&done), APP_OK);
	struct db_stats st;
	db_get_stats(db, &st);
	assert_int_equal(st.jobs, 401);
	assert_true(st.commits <= st.jobs);
	assert_int_equal(st.queue_depth, 0);
	db_close(db);
	/* durable: a new handle sees every write */
	char *err = NULL;
	assert_int_equal(db_open(url, false, &db, &err), APP_OK);
	struct dbc *c;
	assert_int_equal(db_conn(db, &c), APP_OK);
	struct db_stmt *q = dbc_stmt(c, STMT_EVENT_RECENT);
	db_close(db);
	(void)q;
	drop_db();
}

/* ---- the handler seam ---- */

static void request(struct app *app, const char *method, const char *path, int *status, struct buf *body)
{
	struct arena a;
	arena_init(&a);
	struct req r = {.a = &a, .app = app, .method = method, .path = path, .rid = "t", .remote = "127.0.0.1",
			.route = -1, .body = "", .at = 1764547200};
	struct resp w;
	resp_init(&w);
	app_handle(&r, &w);
	app_finish(&r, &w);
	*status = w.status;
	if (body) {
		buf_reset(body);
		buf_append(body, buf_str(&w.body), w.body.n);
	}
	resp_reset(&w);
	arena_free(&a);
}

static void test_seam(void **s)
{
	struct db *db = fresh(true);
	struct arena a;
	arena_init(&a);
	size_t np;
	assert_int_equal(run_import(db, &a, UNITS, true, &np), APP_OK);
	arena_free(&a);
	struct app app = {.db = db, .lim = http_default_limits, .threads = 1};
	int st;
	struct buf b;
	buf_init(&b);
	request(&app, "GET", "/api/v1/units/24", &st, &b);
	assert_int_equal(st, 200);
	assert_non_null(strstr(buf_str(&b), "\"title\":\"Tỉnh Bắc Ninh\""));
	request(&app, "GET", "/units/07582", &st, &b);
	assert_int_equal(st, 200);
	request(&app, "POST", "/admin/units", &st, NULL);
	assert_int_equal(st, 401);
	request(&app, "POST", "/login", &st, NULL);
	assert_int_equal(st, 403); /* no CSRF token */
	request(&app, "GET", "/api/v1/nope", &st, &b);
	assert_int_equal(st, 404);
	assert_non_null(strstr(buf_str(&b), "\"code\":\"not_found\""));
	/* Faults on the Nth statement: a clean 500, never a crash or a half page. */
	int errors = 0;
	for (int n = 1; n <= 8; n++) {
		db_fail_after(n);
		request(&app, "GET", "/units/07582", &st, &b);
		db_fail_after(0);
		assert_true(st == 200 || st == 500);
		if (st == 500) {
			errors++;
			assert_non_null(strstr(buf_str(&b), "Đã xảy ra lỗi hệ thống"));
			assert_null(strstr(buf_str(&b), "SELECT"));
		}
	}
	assert_true(errors >= 3);
	request(&app, "GET", "/healthz", &st, NULL);
	assert_int_equal(st, 200);
	db_fail_after(1);
	request(&app, "GET", "/healthz", &st, NULL);
	db_fail_after(0);
	assert_int_equal(st, 503);
	buf_reset(&b);
	db_close(db);
	drop_db();
}

static int group_sqlite(void **s)
{
	backend = 0;
	return 0;
}

static int group_pg(void **s)
{
	backend = 1;
	return getenv("COSO_TEST_PG_URL") ? 0 : -1;
}

int main(void)
{
	ledger_listen(); /* public events become ledger leaves, as in the program */
	crypto_init();
	/* the injected faults are logged as errors on purpose; keep the output readable */
	log_set_level(getenv("COSO_TEST_VERBOSE") ? LOG_DEBUG : LOG_OFF);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_and_schema),
		cmocka_unit_test(test_imports_all_or_nothing),
		cmocka_unit_test(test_fault_injection),
		cmocka_unit_test(test_group_commit),
		cmocka_unit_test(test_seam),
	};
	int rc = cmocka_run_group_tests_name("sqlite", tests, group_sqlite, NULL);
	if (getenv("COSO_TEST_PG_URL"))
		rc |= cmocka_run_group_tests_name("postgresql", tests, group_pg, NULL);
	else
		printf("COSO_TEST_PG_URL not set: PostgreSQL group not run\n");
	return rc;
}
