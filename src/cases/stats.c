/*
 * stats.c — the cases' figures for a unit's subtree (cases.h): counts by
 * kind, status and channel, on time, handling time, satisfaction; and the
 * indicator the resolution's targets read (feedback answered on time).
 */
#include "cases.h"
#include "../db/db.h"
#include "../indicator.h"
#include <string.h>

enum app_err case_stats(struct dbc *c, const char *path, int64_t from, int64_t to, int64_t today,
			struct case_stats *out)
{
	memset(out, 0, sizeof *out);
	/* all time: the counts the triggers keep, and what is overdue from the deadline index;
	 * a period: the cases themselves */
	bool all = !from && !to;
	struct db_stmt *s = dbc_stmt(c, all ? STMT_CASE_STATS_ALL : STMT_CASE_STATS);
	db_bind_subtree(s, 1, 2, path);
	if (!all) {
		db_bind_i64(s, 3, from);
		db_bind_i64(s, 4, to);
		db_bind_i64(s, 5, today);
	}
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		int k = case_name_index(case_kind_names, CK__N, db_col_text(s, 0));
		int st = case_name_index(case_status_names, CST__N, db_col_text(s, 1));
		int ch = case_name_index(case_channel_names, CC__N, db_col_text(s, 2));
		const struct case_category *cats, *cat = case_category(db_col_text(s, 3));
		size_t ncat = case_categories(&cats);
		int64_t n = db_col_i64(s, 4);
		if (cat && (size_t)(cat - cats) < ncat && cat - cats < CASE_MAX_CATEGORIES)
			out->by_category[cat - cats] += n;
		out->total += n;
		if (k >= 0)
			out->by_kind[k] += n;
		if (st >= 0) {
			out->by_status[st] += n;
			if (case_status_open((enum case_status)st))
				out->open += n;
		}
		if (ch >= 0)
			out->by_channel[ch] += n;
		out->on_time += db_col_i64(s, 5);
		out->resolved += db_col_i64(s, 6);
		out->handling_days += db_col_i64(s, 7);
		out->late_open += db_col_i64(s, 8);
	}
	db_reset(s);
	if (!e && all) {
		s = dbc_stmt(c, STMT_CASE_OVERDUE_UNDER);
		db_bind_subtree(s, 1, 2, path);
		db_bind_i64(s, 3, today);
		out->late_open = db_one_i64(s, 0, &e);
	}
	if (e)
		return e;
	s = dbc_stmt(c, STMT_CASE_STATS_RATINGS);
	db_bind_subtree(s, 1, 2, path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	while (!(e = db_step(s, &row)) && row) {
		int64_t level = db_col_i64(s, 0), n = db_col_i64(s, 1);
		if (level >= 1 && level <= 5) {
			out->rating_n[level] += n;
			out->rating_sum += level * n;
			out->rated += n;
		}
	}
	db_reset(s);
	return e;
}

enum app_err cases_indicator_on_time(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				     int64_t now, struct indicator_value *out)
{
	/* cases received in the period and answered: how many by their deadline */
	struct case_stats st;
	enum app_err e = case_stats(c, u->path, from, to, cal_today((time_t)now), &st);
	if (e)
		return e;
	out->num = st.on_time;
	out->den = st.resolved + st.late_open;
	if (out->no_records)
		return APP_OK;
	/* the cases behind it, named by their code and kind only (a denunciation's words are not public) */
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_IND_RECORDS);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	db_bind_i64(s, 5, cal_today((time_t)now));
	db_bind_i64(s, 6, INDICATOR_MAX_RECORDS);
	bool row;
	while (!(e = db_step(s, &row)) && row) {
		const char *code = db_col_text(s, 0);
		int k = case_name_index(case_kind_names, CK__N, db_col_text(s, 1));
		indicator_record_add(a, out, arena_printf(a, "/track/%s", code),
				     arena_printf(a, "%s (%s)", code, msg(case_kind_labels[k < 0 ? 0 : k])),
				     db_col_i64(s, 2) == 1);
	}
	db_reset(s);
	return e;
}

static void desk_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct case_desk_stat *d = out;
	db_cols(s, a, 0, DB_COL(&d->desk), DB_COL(&d->cases), DB_COL(&d->rated), DB_COL(&d->satisfied));
}

enum app_err case_desk_stats(struct arena *a, struct dbc *c, const char *path, struct case_desk_stat **out, size_t *n)
{
	*n = 0;
	if (!c)
		return APP_EDB;
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_DESK_STATS);
	db_bind_subtree(s, 1, 2, path);
	return db_get_rows(s, a, desk_read, sizeof **out, (void **)out, n);
}
