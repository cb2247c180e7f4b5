/*
 * boards.c — the People's Inspection Board of a commune (Ban Thanh tra nhân
 * dân), checked as a whole: its members are elected at the meetings of the
 * villages (item 5 of Law 10/2022 Art. 15) and recognised by the commune
 * Front; there are as many as villages, and never fewer than 5 (Law Art.
 * 36(1)); a commune with fewer than 5 villages elects 5, so some villages
 * elect two (Decree 59 Art. 13(2)). The domain (boards.h).
 */
#include "boards.h"
#include "../db/db.h"
#include "../indicator.h"
#include <string.h>

int64_t board_target(int64_t villages)
{
	return villages > BOARD_MIN ? villages : BOARD_MIN;
}

/* The members a village's inspection-board elections put in office. */
static enum app_err village_members(struct arena *a, struct dbc *c, struct board_village *bv, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_BOARD_ELECTIONS);
	db_bind_i64(s, 1, bv->village.id);
	int64_t *ids;
	size_t n;
	enum app_err e = db_get_rows(s, a, db_row_i64, sizeof *ids, (void **)&ids, &n);
	bv->members = arena_alloc(a, (n + 1) * sizeof *bv->members);
	bv->matters = arena_alloc(a, (n + 1) * sizeof *bv->matters);
	for (size_t i = 0; i < n && !e; i++) {
		struct matter m;
		struct decision_rule rule;
		struct matter_result res;
		struct matter_standing st;
		struct candidate *cs;
		size_t nc;
		if ((e = matter_get(a, c, ids[i], &m)) || (e = matter_outcome(a, c, &m, now, &rule, &res)))
			break;
		if (!res.closed) {
			bv->electing = true;
			continue;
		}
		if (!res.passed || (e = matter_standing_get(a, c, &m, &res, &st)) || !st.in_force ||
		    (e = candidates_get(a, c, m.id, &cs, &nc)))
			continue;
		/* the winner: the candidate with the most votes */
		const char *who = NULL;
		int64_t best = -1;
		for (size_t k = 0; k < nc; k++)
			if (cs[k].votes > best)
				best = cs[k].votes, who = cs[k].name;
		if (who) {
			bv->members[bv->nmember] = who;
			bv->matters[bv->nmember++] = m.id;
		}
	}
	return e;
}

enum app_err board_get(struct arena *a, struct dbc *c, const struct unit *commune, int64_t now, struct board *out)
{
	memset(out, 0, sizeof *out);
	struct unit *kids;
	size_t nk;
	enum app_err e = units_children(a, c, commune->id, &kids, &nk);
	if (e)
		return e;
	out->v = arena_alloc(a, (nk + 1) * sizeof *out->v);
	for (size_t i = 0; i < nk && !e; i++) {
		if (!units_kind_is_village(kids[i].kind))
			continue;
		struct board_village *bv = &out->v[out->nv++];
		memset(bv, 0, sizeof *bv);
		bv->village = kids[i];
		e = village_members(a, c, bv, now);
		out->members += (int64_t)bv->nmember;
		out->unrepresented += bv->nmember == 0;
	}
	out->target = board_target((int64_t)out->nv);
	return e;
}

/* Law 10/2022 Art. 36: every commune has its board, complete. Of the
 * communes in the unit's subtree (or the unit itself), those whose board has
 * as many members in office as its target and a member from every village,
 * at the instant now (the period does not change who is in office). */
enum app_err boards_indicator_complete(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				       int64_t now, struct indicator_value *out)
{
	(void)from;
	(void)to;
	struct unit *communes = NULL;
	size_t n = 0;
	enum app_err e;
	if (units_kind_is_commune_level(u->kind)) {
		communes = (struct unit *)u;
		n = 1;
	} else if ((e = units_children(a, c, u->id, &communes, &n))) {
		return e;
	}
	for (size_t i = 0; i < n; i++) {
		if (!units_kind_is_commune_level(communes[i].kind))
			continue;
		struct board b;
		if ((e = board_get(a, c, &communes[i], now, &b)))
			return e;
		bool complete = b.members >= b.target && !b.unrepresented;
		out->den++;
		out->num += complete;
		indicator_record_add(a, out, arena_printf(a, "/units/%s/inspection-board", communes[i].code), communes[i].title,
				     complete);
	}
	return APP_OK;
}
