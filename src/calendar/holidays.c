/* holidays.c — the holiday table (see holidays.h). */
#include "holidays.h"
#include "../db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum app_err holidays_load(struct dbc *c, struct cal_table *t)
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
