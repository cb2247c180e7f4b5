/* holidays.c — the holiday table (see holidays.h). */
#include "holidays.h"
#include "../db/db.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table as last read, and the version of the rows it was read from
 * (holidays_version, moved by triggers on every change, migration 0036): a
 * deadline computed on a hot path (a case filed) copies it instead of parsing
 * every row again, and any change, by this process or another, reads anew. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cal_table cache;
static int64_t cache_fp[4] = {-1, -1, -1, -1};

static enum app_err load_rows(struct dbc *c, struct cal_table *t);

enum app_err holidays_load(struct dbc *c, struct cal_table *t)
{
	struct db_stmt *s = dbc_stmt(c, STMT_HOLIDAY_FINGERPRINT);
	enum app_err e = db_row(s);
	if (e == APP_ENOTFOUND) { /* no version row (it was deleted by hand): read the rows */
		db_reset(s);
		return load_rows(c, t);
	}
	int64_t fp[4] = {0};
	if (!e)
		fp[0] = db_col_i64(s, 0);
	db_reset(s);
	if (e)
		return e;
	pthread_mutex_lock(&cache_lock);
	bool hit = !memcmp(fp, cache_fp, sizeof fp);
	if (hit) {
		t->n = cache.n;
		t->a = malloc((cache.n ? cache.n : 1) * sizeof *t->a);
		if (!t->a)
			abort();
		memcpy(t->a, cache.a, cache.n * sizeof *t->a);
	}
	pthread_mutex_unlock(&cache_lock);
	if (hit || (e = load_rows(c, t)))
		return e;
	pthread_mutex_lock(&cache_lock);
	free(cache.a);
	cache.n = t->n;
	cache.a = malloc((t->n ? t->n : 1) * sizeof *t->a);
	if (!cache.a)
		abort();
	memcpy(cache.a, t->a, t->n * sizeof *t->a);
	memcpy(cache_fp, fp, sizeof fp);
	pthread_mutex_unlock(&cache_lock);
	return APP_OK;
}

static enum app_err load_rows(struct dbc *c, struct cal_table *t)
{
	size_t cap = 128;
	t->n = 0;
	t->a = malloc(cap * sizeof *t->a);
	if (!t->a)
		abort();
	struct db_stmt *s = dbc_stmt(c, STMT_HOLIDAY_LIST);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		int64_t day;
		if (!cal_parse_date(db_col_text(s, 0), &day))
			continue; /* the column is written by us only; skip if mangled */
		if (t->n == cap) {
			cap *= 2;
			t->a = realloc(t->a, cap * sizeof *t->a);
			if (!t->a)
				abort();
		}
		struct cal_day *d = &t->a[t->n++];
		d->day = day;
		d->kind = strcmp(db_col_text(s, 2), "workday") ? CAL_HOLIDAY : CAL_WORKDAY;
		snprintf(d->name, sizeof d->name, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	if (e) {
		free(t->a);
		t->a = NULL;
		t->n = 0;
		return e;
	}
	cal_table_sort(t);
	return APP_OK;
}

enum app_err holidays_seed(struct dbc *c, int y0, int y1)
{
	struct cal_table t;
	cal_seed_holidays(y0, y1, &t);
	enum app_err e = APP_OK;
	for (size_t i = 0; i < t.n && !e; i++) {
		char iso[11];
		cal_format_iso(t.a[i].day, iso);
		e = db_run(c, STMT_HOLIDAY_INSERT_NEW, "ttt", iso, t.a[i].name, "holiday");
	}
	free(t.a);
	return e;
}
