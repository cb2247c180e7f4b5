/*
 * stats.c — participation in a consultation (per village, per day) and the
 * indicators the resolution's targets are computed from: consultations
 * whose synthesis was published (every comment answered, Law 10/2022 Art.
 * 28(3)), and communes that consulted on their democracy regulation (Art.
 * 25 item 7).
 */
#include "consult.h"
#include "../db/db.h"
#include "../indicator.h"
#include "../util/arena.h"
#include "../util/cal.h"
#include <string.h>

static void village_stat_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct consult_village_stat *v = out;
	db_cols(s, a, 0, DB_COL(&v->code), DB_COL(&v->title), DB_COL(&v->comments), DB_COL(&v->people));
}

enum app_err consult_stats_villages(struct arena *a, struct dbc *c, int64_t id, struct consult_village_stat **out,
				    size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_STATS_VILLAGES);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, village_stat_read, sizeof **out, (void **)out, n);
}

static void day_stat_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct consult_day_stat *d = out;
	db_cols(s, a, 0, DB_COL(&d->day), DB_COL(&d->comments));
}

enum app_err consult_stats_days(struct arena *a, struct dbc *c, int64_t id, struct consult_day_stat **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_STATS_DAYS);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, day_stat_read, sizeof **out, (void **)out, n);
}

enum app_err consult_unit_villages(struct arena *a, struct dbc *c, const char *path, struct consult_village_stat **out,
				   size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_UNIT_VILLAGES);
	db_bind_subtree(s, 1, 2, path);
	return db_get_rows(s, a, village_stat_read, sizeof **out, (void **)out, n);
}

enum app_err consult_unit_months(struct arena *a, struct dbc *c, const char *path, struct consult_day_stat **out, size_t *n)
{
	struct consult_day_stat *days;
	size_t nd = 0, cap = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_UNIT_DAYS);
	db_bind_subtree(s, 1, 2, path);
	enum app_err e = db_get_rows(s, a, day_stat_read, sizeof *days, (void **)&days, &nd);
	*out = NULL;
	*n = 0;
	for (size_t i = 0; !e && i < nd; i++) {
		int y, m, d;
		cal_civil_from_days(days[i].day, &y, &m, &d);
		int64_t first = cal_days_from_civil(y, m, 1);
		if (!*n || (*out)[*n - 1].day != first) {
			*out = arena_grow(a, *out, *n, &cap, sizeof **out);
			(*out)[(*n)++] = (struct consult_day_stat){first, 0};
		}
		(*out)[*n - 1].comments += days[i].comments;
	}
	return e;
}

/* Rows (id or code, title, counted) of an indicator's statement into out,
 * each record linked to its consultation or its unit's consultations. */
static enum app_err indicator_rows(struct arena *a, struct dbc *c, enum stmt_id id, const struct unit *u, int64_t from,
				   int64_t to, bool by_code, struct indicator_value *out)
{
	struct db_stmt *s = dbc_stmt(c, id);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		bool done = db_col_i64(s, 2);
		out->den++;
		out->num += done;
		const char *href = by_code ? arena_printf(a, "/units/%s/consultations", db_col_text(s, 0))
					   : arena_printf(a, "/consultations/%lld", (long long)db_col_i64(s, 0));
		indicator_record_add(a, out, href, arena_strdup(a, db_col_text(s, 1)), done);
	}
	db_reset(s);
	return e;
}

enum app_err consult_indicator_answered(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					int64_t now, struct indicator_value *out)
{
	(void)now;
	return indicator_rows(a, c, STMT_CONSULT_IND_ANSWERED, u, from, to, false, out);
}

enum app_err consult_indicator_regulation(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					  int64_t now, struct indicator_value *out)
{
	(void)now;
	return indicator_rows(a, c, STMT_CONSULT_IND_REGULATION, u, from, to, true, out);
}
