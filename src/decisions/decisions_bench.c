/*
 * decisions_bench.c — `coso decisions bench-seed`, run by `make bench`: a
 * residential group of many households ("09187-BV"), each with a
 * representative who has an account and an API token (tokens are written to
 * a file, one per line, for wrk), then a new online matter in its first step,
 * so that every household may cast one ballot. Households and tokens are
 * made once; each run adds a matter. Accounts have no usable password.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../util/crypto.h"
#include "decisions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_VILLAGE "09187-BV"

struct hh_job {
	int64_t village;
	long from, n;
	FILE *tokens;
};

static enum app_err hh_fn(struct dbc *c, void *arg)
{
	struct hh_job *j = arg;
	int64_t now = time(NULL);
	enum app_err e = APP_OK;
	for (long k = j->from; k < j->from + j->n && !e; k++) {
		char code[24], name[64], user[32];
		snprintf(code, sizeof code, "B%06ld", k);
		snprintf(name, sizeof name, "Hộ thử tải %ld", k);
		snprintf(user, sizeof user, "bv.%06ld", k);
		struct db_stmt *s = dbc_stmt(c, STMT_HH_INSERT);
		db_bind_i64(s, 1, j->village);
		db_bind_text(s, 2, code);
		db_bind_text(s, 3, name);
		db_bind_text(s, 4, "Tổ dân phố thử tải");
		db_bind_i64(s, 5, 3);
		db_bind_i64(s, 6, now);
		bool row;
		e = db_step(s, &row);
		int64_t hid = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			break;
		s = dbc_stmt(c, STMT_UNIT_ADD_HOUSEHOLD);
		db_bind_i64(s, 1, j->village);
		db_bind_i64(s, 2, 3);
		if ((e = db_exec(s)))
			break;
		s = dbc_stmt(c, STMT_RESIDENT_INSERT);
		db_bind_i64(s, 1, hid);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, name);
		db_bind_null(s, 4);
		db_bind_i64(s, 5, 1);
		db_bind_null(s, 6);
		e = db_step(s, &row);
		int64_t rid = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			break;
		s = dbc_stmt(c, STMT_USER_INSERT);
		db_bind_text(s, 1, user);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, "!"); /* no password can match */
		db_bind_i64(s, 4, rid);
		db_bind_i64(s, 5, now);
		e = db_step(s, &row);
		int64_t uid = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			break;
		s = dbc_stmt(c, STMT_ROLE_INSERT);
		db_bind_i64(s, 1, uid);
		db_bind_text(s, 2, "resident");
		db_bind_i64(s, 3, j->village);
		if ((e = db_exec(s)))
			break;
		char token[CRYPTO_TOKEN_LEN];
		if (!(e = auth_token_new(c, uid, "bench", token)))
			fprintf(j->tokens, "%s\n", token);
	}
	return e;
}

struct unit_job {
	const struct unit *parent;
	int64_t id;
};

static enum app_err unit_fn(struct dbc *c, void *arg)
{
	struct unit_job *j = arg;
	return units_create(c, j->parent, BENCH_VILLAGE, "residential_group", "Tổ dân phố thử tải", &j->id);
}

int decisions_bench_seed(struct db *db, long want, const char *tokens_path)
{
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int rc = 1;
	struct unit parent, v;
	struct db_stmt *s;
	bool row;
	int64_t actor = auth_user_id(c, "sysadmin");
	enum app_err e = actor ? units_get(&a, c, "09187", &parent) : APP_ENOTFOUND;
	if (e) {
		fprintf(stderr, "decisions bench: needs a demo database (coso init --demo)\n");
		goto out;
	}
	if (units_get(&a, c, BENCH_VILLAGE, &v)) {
		struct unit_job uj = {&parent, 0};
		if ((e = db_write(db, unit_fn, &uj)) || (e = units_get(&a, c, BENCH_VILLAGE, &v))) {
			fprintf(stderr, "decisions bench: cannot create the village (%s)\n", app_err_code(e));
			goto out;
		}
	}
	s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
	db_bind_i64(s, 1, v.id);
	long have = !db_step(s, &row) && row ? (long)db_col_i64(s, 0) : 0;
	db_reset(s);
	if (have < want) {
		FILE *f = fopen(tokens_path, have ? "a" : "w");
		if (!f) {
			fprintf(stderr, "decisions bench: cannot write %s\n", tokens_path);
			goto out;
		}
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long k = have; k < want && !e; k += 5000) {
			struct hh_job j = {v.id, k, want - k < 5000 ? want - k : 5000, f};
			e = db_write(db, hh_fn, &j);
		}
		fclose(f);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (e) {
			fprintf(stderr, "decisions bench: seeding failed (%s)\n", app_err_code(e));
			goto out;
		}
		fprintf(stderr, "decisions bench: %ld households with accounts and tokens in %.1f s\n", want - have,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	/* a new matter in its first step: every household may vote once */
	int64_t now = time(NULL), id = 0;
	struct matter_input in = {6, "online", "Thử tải hòm phiếu trực tuyến", "", true, false, true, now + 86400,
				  now + 2 * 86400, 0, NULL, 1, NULL, 0, NULL, 0};
	if ((e = matter_create(db, &v, &in, 0, actor, 0, &id))) {
		fprintf(stderr, "decisions bench: cannot create the matter (%s)\n", app_err_code(e));
		goto out;
	}
	printf("%lld\n", (long long)id);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
