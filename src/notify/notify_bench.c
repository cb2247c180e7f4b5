/*
 * notify_bench.c — `coso notify bench-seed`, run by `make bench`: a commune
 * BENCH-TB of two villages whose households' representatives each have a
 * number, an account and the choice of hearing the commune's disclosures by
 * SMS (subscribers, made once); the SMS gateway set to the bench's local
 * HTTP server; then a commune-wide notice enqueued in one write, timed.
 * Prints "MESSAGES SECONDS". Not for real databases.
 */
#include "notify.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../units/units.h"
#include "../util/arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_COMMUNE "BENCH-TB"
#define BENCH_VILLAGES 2

struct fill_job {
	int64_t village;
	long from, n;
	int vi;
};

static enum app_err fill_fn(struct dbc *c, void *arg)
{
	struct fill_job *j = arg;
	int64_t now = time(NULL);
	enum app_err e = APP_OK;
	for (long k = j->from; k < j->from + j->n && !e; k++) {
		char code[32], name[96], user[48], phone[48];
		snprintf(code, sizeof code, "T%06ld", k);
		snprintf(name, sizeof name, "Hộ thuê bao %d-%ld", j->vi, k);
		snprintf(user, sizeof user, "tb%d.%06ld", j->vi, k);
		snprintf(phone, sizeof phone, "03%d%07ld", j->vi, k);
		struct db_stmt *s = dbc_stmt(c, STMT_HH_INSERT);
		db_bind_i64(s, 1, j->village);
		db_bind_text(s, 2, code);
		db_bind_text(s, 3, name);
		db_bind_text(s, 4, "Thôn thử tải");
		db_bind_i64(s, 5, 3);
		db_bind_i64(s, 6, now);
		int64_t hid = 0, rid = 0, uid = 0;
		if (!(e = db_row(s)))
			hid = db_col_i64(s, 0);
		db_reset(s);
		if (!e)
			e = db_run(c, STMT_UNIT_ADD_HOUSEHOLD, "ii", j->village, (int64_t)3);
		if (!e) {
			s = dbc_stmt(c, STMT_RESIDENT_INSERT);
			db_bind_i64(s, 1, hid);
			db_bind_text(s, 2, name);
			db_bind_text(s, 3, name);
			db_bind_null(s, 4);
			db_bind_i64(s, 5, 1);
			db_bind_text(s, 6, phone);
			if (!(e = db_row(s)))
				rid = db_col_i64(s, 0);
			db_reset(s);
		}
		if (!e)
			e = auth_user_add_unset(c, user, name, rid, now, &uid);
		struct notify_prefs p = {.channels = "sms", .topics = "village commune", .phone = "", .email = ""};
		if (!e)
			e = notify_prefs_set(c, uid, &p, now);
	}
	return e;
}

struct gw_job {
	const char *config;
	int64_t now;
};

static enum app_err gw_fn(struct dbc *c, void *arg)
{
	struct gw_job *j = arg;
	enum app_err e = notify_gateway_set(c, "*", "sms", "bench-sms", j->config, j->now, 0);
	/* what earlier runs left waiting is not this run's */
	if (!e)
		e = db_run(c, STMT_NOTIFY_BENCH_CLEAR, "i", j->now);
	if (!e)
		e = notify_gateways_reload(c, true);
	return e;
}

struct notice_job {
	int64_t commune, now;
};

static enum app_err notice_fn(struct dbc *c, void *arg)
{
	struct notice_job *j = arg;
	char subject[48];
	snprintf(subject, sizeof subject, "posting:bench-%lld", (long long)j->now);
	const struct notify_param p[] = {{"unit", "Xã thử tải"}, {"title", "Dự toán ngân sách năm 2027"}, {"when", "01/12/2026"}};
	struct notify_msg m = {.kind = "disclosure.posted", .subject = subject, .href = "/units/" BENCH_COMMUNE, .params = p, .nparams = 3};
	return notify_households(c, j->commune, &m, false, j->now);
}

static double since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int notify_bench_seed(struct db *db, long want, const char *gateway_url)
{
	struct dbc *c;
	if (db_conn(db, &c) || !gateway_url) {
		fprintf(stderr, "notify bench: usage: coso notify bench-seed SUBSCRIBERS GATEWAY_URL\n");
		return 1;
	}
	struct arena a;
	arena_init(&a);
	int rc = 1;
	struct unit prov, commune, v;
	enum app_err e = units_get(&a, c, "24", &prov);
	if (!e)
		e = units_ensure(db, &a, c, &prov, BENCH_COMMUNE, "commune", "Xã thử tải thông báo", time(NULL), &commune);
	for (int vi = 1; !e && vi <= BENCH_VILLAGES; vi++) {
		char code[32], title[64];
		snprintf(code, sizeof code, "%s-%02d", BENCH_COMMUNE, vi);
		snprintf(title, sizeof title, "Thôn thử tải %d", vi);
		if ((e = units_ensure(db, &a, c, &commune, code, "village", title, time(NULL), &v)))
			break;
		struct db_stmt *s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
		db_bind_i64(s, 1, v.id);
		long have = (long)db_one_i64(s, 0, NULL), per = want / BENCH_VILLAGES;
		for (long k = have; k < per && !e; k += 5000) {
			struct fill_job j = {v.id, k, per - k < 5000 ? per - k : 5000, vi};
			e = db_write(db, fill_fn, &j);
		}
	}
	if (e) {
		fprintf(stderr, "notify bench: seeding failed (%s); needs a demo database\n", app_err_code(e));
		goto out;
	}
	char config[1024];
	snprintf(config, sizeof config,
		 "{\"type\": \"http\", \"url\": \"%s\", \"body\": \"{\\\"to\\\": \\\"{to84}\\\", \\\"text\\\": \\\"{text}\\\", \\\"id\\\": \\\"{id}\\\"}\","
		 " \"ok_contains\": \"ok\", \"parallel\": 64, \"rate\": 100000, \"quiet_from\": 0, \"quiet_to\": 0,"
		 " \"daily_cap\": 1000, \"inbound_secret_env\": \"COSO_BENCH_HOOK_SECRET\", \"timeout_ms\": 5000}",
		 gateway_url);
	struct notify_gateway g;
	const char *why = NULL;
	struct gw_job gj = {config, (int64_t)time(NULL)};
	if (notify_gateway_parse(&a, "*", "sms", "bench-sms", config, &g, &why) || (e = db_write(db, gw_fn, &gj))) {
		fprintf(stderr, "notify bench: the gateway: %s\n", why ? why : app_err_code(e));
		goto out;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct notice_job nj = {commune.id, (int64_t)time(NULL)};
	if ((e = db_write(db, notice_fn, &nj))) {
		fprintf(stderr, "notify bench: the notice failed (%s)\n", app_err_code(e));
		goto out;
	}
	double secs = since(&t0);
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_QUEUE);
	long waiting = (long)db_one_i64(s, 0, NULL);
	printf("%ld %.2f\n", waiting, secs);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
