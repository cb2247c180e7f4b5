/*
 * cases_bench.c — `coso cases bench-seed`, run by `make bench`: COUNT cases
 * (default 1,000,000) over the demo province's communes, in every status,
 * with their deadlines; a tenth of them (100,000) handled by the demo's
 * officer of Lục Ngạn (canbo.lucngan), many of those overdue, so that a
 * handler's overdue list is read over a million cases. Writes the tracking
 * codes of 10,000 of them to a file, one a line, for wrk to look up. Added
 * once (a database that has them already is left as it is). For make bench
 * only: it writes no events.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../util/cal.h"
#include "cases.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 20000 /* cases a transaction */

struct seed_job {
	const int64_t *units;
	size_t nunit;
	int64_t handler, lucngan, now, from, to;
	FILE *codes;
};

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static enum app_err seed_fn(struct dbc *c, void *arg)
{
	struct seed_job *j = arg;
	enum app_err e = APP_OK;
	int64_t today = cal_today((time_t)j->now);
	for (int64_t k = j->from; k < j->to && !e; k++) {
		/* a code from k (unique, in the alphabet), not drawn: seeding must not collide */
		char code[32], r[7];
		uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
		for (int i = 0; i < 6; i++)
			r[i] = alphabet[(k >> (5 * i)) & 31];
		r[6] = 0;
		snprintf(code, sizeof code, "PAKN-0001-%s", r); /* 2^30 codes of the alphabet */
		bool mine = k % 10 == 0; /* a tenth: the demo officer's */
		int64_t unit = mine ? j->lucngan : j->units[x % j->nunit];
		int st = (int)((x >> 20) % 10); /* 3 in 10 open */
		const char *status = st == 0 ? "received" : st == 1 ? "accepted" : st == 2 ? "in_progress" : "closed";
		int64_t recv = today - (int64_t)((x >> 30) % 400);
		int64_t due = st <= 2 ? recv + 15 : 0; /* the open ones: overdue when received 15 days ago or more */
		struct db_stmt *s = dbc_stmt(c, STMT_CASE_BENCH_INSERT);
		db_bind_text(s, 1, code);
		db_bind_i64(s, 2, unit);
		db_bind_text(s, 3, status);
		db_bind_i64(s, 4, recv * 86400 + 3600);
		db_bind_i64(s, 5, recv);
		db_bind_text(s, 6, st <= 2 ? (st == 0 ? "accept" : "resolve") : "");
		db_bind_i64(s, 7, due);
		db_bind_i64(s, 8, mine ? j->handler : 0);
		db_bind_i64(s, 9, st > 2 ? recv + 8 : 0);
		e = db_exec(s);
		if (!e && j->codes && k % 100 == 0)
			fprintf(j->codes, "%s\n", code);
	}
	return e;
}

int cases_bench_seed(struct db *db, long n, const char *codes_path)
{
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	struct unit prov, lucngan;
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_BENCH_COUNT);
	enum app_err e;
	int64_t have = db_one_i64(s, 0, &e);
	int64_t handler = auth_user_id(c, "canbo.lucngan");
	if (e || !handler || units_get(&a, c, "24", &prov) || units_get(&a, c, "07582", &lucngan)) {
		fprintf(stderr, "coso: the bench database needs the demo (coso init --demo)\n");
		arena_free(&a);
		return 1;
	}
	struct unit *kids;
	size_t nk = 0;
	if (units_children(&a, c, prov.id, &kids, &nk) || !nk) {
		arena_free(&a);
		return 1;
	}
	int64_t *units = arena_alloc(&a, nk * sizeof *units);
	size_t nu = 0;
	for (size_t i = 0; i < nk; i++)
		if (units_kind_is_commune_level(kids[i].kind))
			units[nu++] = kids[i].id;
	FILE *codes = have >= n ? NULL : fopen(codes_path, "w");
	if (have < n && !codes) {
		fprintf(stderr, "coso: cannot write %s\n", codes_path);
		arena_free(&a);
		return 1;
	}
	struct seed_job j = {.units = units, .nunit = nu, .handler = handler, .lucngan = lucngan.id,
			     .now = (int64_t)time(NULL), .codes = codes};
	for (int64_t k = have; k < n && !e; k += BATCH) {
		j.from = k;
		j.to = k + BATCH < n ? k + BATCH : n;
		e = db_write(db, seed_fn, &j);
	}
	if (codes)
		fclose(codes);
	arena_free(&a);
	if (e) {
		fprintf(stderr, "coso: seeding cases failed (%s)\n", app_err_code(e));
		return 1;
	}
	printf("%lld\n", (long long)handler);
	return 0;
}
