/*
 * indicators.c — target T5 of the resolutions ("every People's Inspection
 * Board and Community Investment Supervision Board constituted, supported
 * and working") computed from the boards' records: constituted without a
 * broken rule, with a plan for the period, active in it (an inspection, a
 * visit or a report); and the conferences held (a village's community
 * conference, the commune's dialogue).
 */
#include "oversight.h"
#include "../db/db.h"
#include "../indicator.h"
#include "../util/cal.h"
#include <string.h>

typedef bool board_test(struct arena *a, struct dbc *c, const struct oboard *b, int64_t from, int64_t to, int64_t now,
			enum app_err *e);

/* The communes of u (itself, or its children). */
static enum app_err communes_of(struct arena *a, struct dbc *c, const struct unit *u, struct unit **out, size_t *n)
{
	if (units_kind_is_commune_level(u->kind)) {
		*out = (struct unit *)u;
		*n = 1;
		return APP_OK;
	}
	if (strcmp(u->kind, "province")) {
		*n = 0;
		return APP_OK;
	}
	return units_children(a, c, u->id, out, n);
}

/* Every commune must have its inspection board; every board of the subtree
 * that is not dissolved is counted by test. */
static enum app_err over_boards(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to, int64_t now,
				struct indicator_value *out, board_test *test)
{
	struct unit *cs;
	size_t nc;
	struct oboard *bs;
	size_t nb;
	enum app_err e = communes_of(a, c, u, &cs, &nc);
	if (e || (e = oboards_under(a, c, u->path, &bs, &nb)))
		return e;
	for (size_t i = 0; i < nc; i++) {
		if (!units_kind_is_commune_level(cs[i].kind))
			continue;
		bool has = false;
		for (size_t k = 0; k < nb && !has; k++)
			has = bs[k].unit.id == cs[i].id && bs[k].kind == BK_INSPECTION;
		if (!has) {
			out->den++;
			indicator_record_add(a, out, arena_printf(a, "/units/%s/boards", cs[i].code),
					     arena_printf(a, "%s — %s", cs[i].title, msg(MSG_OV_NO_BOARD_YET)), false);
		}
	}
	for (size_t k = 0; k < nb; k++) {
		if (bs[k].dissolved_day)
			continue;
		bool ok = test(a, c, &bs[k], from, to, now, &e);
		if (e)
			return e;
		out->den++;
		out->num += ok;
		indicator_record_add(a, out, arena_printf(a, "/boards/%lld", (long long)bs[k].id), bs[k].title, ok);
	}
	return APP_OK;
}

static bool constituted(struct arena *a, struct dbc *c, const struct oboard *b, int64_t from, int64_t to, int64_t now,
			enum app_err *e)
{
	(void)from;
	(void)now;
	struct board_view v;
	/* as it stood on the period's last day */
	*e = oboard_view(a, c, b, to - 1, &v);
	return !*e && !v.flags.n && v.nmember;
}

static bool planned(struct arena *a, struct dbc *c, const struct oboard *b, int64_t from, int64_t to, int64_t now,
		    enum app_err *e)
{
	(void)a;
	(void)now;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_PLAN_IN_PERIOD);
	db_bind_i64(s, 1, b->id);
	db_bind_i64(s, 2, from);
	db_bind_i64(s, 3, to);
	return db_one_i64(s, 0, e) > 0;
}

static bool active(struct arena *a, struct dbc *c, const struct oboard *b, int64_t from, int64_t to, int64_t now,
		   enum app_err *e)
{
	(void)a;
	(void)now;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_INSPECTIONS_IN_PERIOD);
	db_bind_i64(s, 1, b->id);
	db_bind_i64(s, 2, from);
	db_bind_i64(s, 3, to);
	if (db_one_i64(s, 0, e) > 0 || *e)
		return !*e;
	s = dbc_stmt(c, STMT_OV_REPORTS_IN_PERIOD);
	db_bind_i64(s, 1, b->id);
	db_bind_i64(s, 2, from * 86400 - 7 * 3600);
	db_bind_i64(s, 3, to * 86400 - 7 * 3600);
	return db_one_i64(s, 0, e) > 0;
}

enum app_err ov_indicator_constituted(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				      int64_t now, struct indicator_value *out)
{
	return over_boards(a, c, u, from, to, now, out, constituted);
}

enum app_err ov_indicator_planned(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				  int64_t now, struct indicator_value *out)
{
	return over_boards(a, c, u, from, to, now, out, planned);
}

enum app_err ov_indicator_active(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				 int64_t now, struct indicator_value *out)
{
	return over_boards(a, c, u, from, to, now, out, active);
}

/* A unit's conference of its kind held in the period. */
static enum app_err held(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
			 struct indicator_value *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_HELD_IN);
	db_bind_i64(s, 1, u->id);
	db_bind_i64(s, 2, from * 86400 - 7 * 3600);
	db_bind_i64(s, 3, to * 86400 - 7 * 3600);
	enum app_err e;
	bool ok = db_one_i64(s, 0, &e) > 0;
	if (e)
		return e;
	out->den++;
	out->num += ok;
	indicator_record_add(a, out, arena_printf(a, "/units/%s/conferences", u->code), u->title, ok);
	return APP_OK;
}

/* Each commune's dialogue (Art. 32(1)) held in the period and, with villages,
 * each village's community conference (Law Art. 33). */
static enum app_err conferences_over(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				     bool villages, struct indicator_value *out)
{
	struct unit *cs;
	size_t nc;
	enum app_err e = communes_of(a, c, u, &cs, &nc);
	for (size_t i = 0; !e && i < nc; i++) {
		if (!units_kind_is_commune_level(cs[i].kind))
			continue;
		struct unit *vs;
		size_t nv;
		if ((e = held(a, c, &cs[i], from, to, out)) || !villages || (e = units_children(a, c, cs[i].id, &vs, &nv)))
			continue;
		for (size_t k = 0; !e && k < nv; k++)
			if (units_kind_is_village(vs[k].kind))
				e = held(a, c, &vs[k], from, to, out);
	}
	if (!e && villages && units_kind_is_village(u->kind))
		e = held(a, c, u, from, to, out);
	return e;
}

enum app_err ov_indicator_conferences(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				      int64_t now, struct indicator_value *out)
{
	(void)now;
	return conferences_over(a, c, u, from, to, true, out);
}

/* The legal-access criterion's item 4.1 (Decision 25/2021): the commune's
 * dialogue with the people alone. */
enum app_err ov_indicator_dialogue(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				   int64_t now, struct indicator_value *out)
{
	(void)now;
	return conferences_over(a, c, u, from, to, false, out);
}
