/*
 * targets_bench.c — the country for make bench (`coso country bench-seed`):
 * 30 villages under each of the 3,321 communes (99,630), HOUSEHOLDS (270 by
 * default: 26.9 million) households each, generated in SQL; a village head
 * for every village, 60 % of them trained in a provincial course;
 * regulations, councils' resolutions and outreach at 70 %, 66 % and 75 % of
 * communes; conventions recognised in 60 % of villages and half of them
 * reviewed; every province's resolution (the Bắc Ninh draft, issued by each
 * province). Done once (a second run finds the villages and stops). Not for
 * real databases: it writes no events.
 */
#include "../db/db.h"
#include "../util/cal.h"
#include "../util/embed.h"
#include "../util/problems.h"
#include "targets.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct step {
	enum stmt_id id;
	const char *fmt;
	int64_t v[3];
	const char *t;
};

static enum app_err step_fn(struct dbc *c, void *arg)
{
	const struct step *s = arg;
	if (s->t)
		return db_run(c, s->id, "t", s->t);
	switch (strlen(s->fmt)) {
	case 0:
		return db_run(c, s->id, "");
	case 1:
		return db_run(c, s->id, "i", s->v[0]);
	case 2:
		return db_run(c, s->id, "ii", s->v[0], s->v[1]);
	default:
		return db_run(c, s->id, "iii", s->v[0], s->v[1], s->v[2]);
	}
}

static double secs(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int country_bench_seed(struct db *db, long households, const char *unused);
int country_bench_seed(struct db *db, long households, const char *unused)
{
	(void)unused;
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	/* the two long steps (villages, households) and the rest are each done once */
	enum app_err e, e2;
	bool units_made = db_one_i64(dbc_stmt(c, STMT_BENCH_GENERATED), 0, &e) > 50000;
	bool rest_made = db_one_i64(dbc_stmt(c, STMT_BENCH_HEADS_MADE), 0, &e2) > 0;
	if (e || e2)
		return 1;
	if (units_made && rest_made) {
		printf("the country is there already\n");
		return 0;
	}
	int64_t now = time(NULL), today = cal_today((time_t)now);
	int y, m, d;
	cal_civil_from_days(today, &y, &m, &d);
	int64_t jan = cal_days_from_civil(y, 1, 1);
	const struct step steps[] = {
		{STMT_BENCH_VILLAGES, "iii", {30, households, now}, NULL},
		{STMT_BENCH_HOUSEHOLDS, "ii", {households, now}, NULL},
		{STMT_BENCH_HEADS, "i", {now}, NULL},
		{STMT_BENCH_HEAD_ROLES, "", {0}, NULL},
		{STMT_BENCH_COURSES, "iii", {jan + 40, jan + 42, now}, NULL},
		{STMT_BENCH_PARTICIPANTS, "", {0}, "truong thon "},
		{STMT_BENCH_REGULATIONS, "ii", {today, now}, NULL},
		{STMT_BENCH_RESOLUTIONS, "ii", {today, now}, NULL},
		{STMT_BENCH_OUTREACH, "ii", {jan + 60, now}, NULL},
		{STMT_BENCH_CONVENTIONS, "ii", {today, now}, NULL},
		{STMT_BENCH_REVIEWS, "ii", {jan + 100, now}, NULL},
	};
	static const char *const what[] = {"villages", "households", "village heads", "their roles", "courses",
					   "trained", "regulations", "councils' resolutions", "outreach",
					   "conventions", "reviews"};
	for (size_t i = units_made ? 2 : 0; i < sizeof steps / sizeof *steps; i++) {
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		struct step s = steps[i];
		if ((e = db_write(db, step_fn, &s))) {
			fprintf(stderr, "coso: country bench-seed, %s: %s\n", what[i], app_err_code(e));
			return 1;
		}
		printf("%s: %.1f s\n", what[i], secs(&t0));
		fflush(stdout);
	}
	/* every province issues its resolution: the Bắc Ninh draft's targets */
	const struct embed_file *f = embed_find("data/resolutions/bac-ninh-2025.txt");
	struct arena a;
	arena_init(&a);
	struct unit *ps;
	size_t np;
	if ((e = units_provinces(&a, c, &ps, &np))) {
		arena_free(&a);
		return 1;
	}
	for (size_t i = 0; i < np && !e; i++) {
		if (!strcmp(ps[i].code, "24"))
			continue;
		char *text = arena_strdup(&a, f->data);
		const char *keys[2][2] = {{"resolution: bac-ninh-2025", arena_printf(&a, "resolution: bench-%s", ps[i].code)},
					  {"issuer: 24", arena_printf(&a, "issuer: %s", ps[i].code)}};
		for (int k = 0; k < 2; k++) {
			char *at = strstr(text, keys[k][0]);
			if (at)
				text = arena_printf(&a, "%.*s%s%s", (int)(at - text), text, keys[k][1], at + strlen(keys[k][0]));
		}
		struct problems pr = {.a = &a};
		e = targets_load(db, NULL, text, strlen(text), now, NULL, &pr);
		if (e == APP_ECONFLICT)
			e = APP_OK;
		if (e)
			fprintf(stderr, "coso: country bench-seed, resolution of %s: %s\n", ps[i].code,
				pr.n ? pr.v[0].message : app_err_code(e));
	}
	arena_free(&a);
	return e ? 1 : 0;
}


/* The roll-up's workers: each takes the next province, on a connection of its
 * own (the database answers one while the other waits). */
struct rollup {
	struct db *db;
	const struct unit *ps;
	size_t np;
	const char *q;
	int64_t now;
	atomic_size_t next;
	atomic_llong figures;
	atomic_size_t done;
	atomic_int err;
};

static void *rollup_worker(void *arg)
{
	struct rollup *r = arg;
	for (size_t i; !atomic_load(&r->err) && (i = atomic_fetch_add(&r->next, 1)) < r->np;) {
		int64_t n = 0;
		enum app_err e = targets_quarter_figures(r->db, &r->ps[i], r->q, r->now, false, &n);
		if (e == APP_ENOTFOUND)
			continue; /* no resolution in force there */
		if (e) {
			atomic_store(&r->err, (int)e);
			break;
		}
		atomic_fetch_add(&r->figures, (long long)n);
		atomic_fetch_add(&r->done, 1);
	}
	return NULL;
}

#define ROLLUP_THREADS 4

enum app_err targets_rollup_all(struct db *db, const char *quarter, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct unit *ps;
	size_t np;
	if ((e = units_provinces(&a, c, &ps, &np))) {
		arena_free(&a);
		return e;
	}
	int64_t qstart;
	targets_quarter_of(&a, cal_today((time_t)now), &qstart, NULL);
	struct rollup r = {.db = db, .ps = ps, .np = np, .now = now,
			   .q = quarter ? quarter : targets_quarter_of(&a, qstart - 1, NULL, NULL)};
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_t th[ROLLUP_THREADS];
	int nt = 0;
	for (; nt < ROLLUP_THREADS; nt++)
		if (pthread_create(&th[nt], NULL, rollup_worker, &r))
			break;
	if (!nt)
		rollup_worker(&r);
	for (int k = 0; k < nt; k++)
		pthread_join(th[k], NULL);
	e = (enum app_err)atomic_load(&r.err);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	if (!e)
		printf("roll-up %s: %zu provinces, %lld figures (every target at every province and commune), %.1f s with %d "
		       "connections, peak memory %ld MB\n",
		       r.q, atomic_load(&r.done), (long long)atomic_load(&r.figures), secs(&t0), nt ? nt : 1,
		       ru.ru_maxrss / 1024);
	arena_free(&a);
	return e;
}
