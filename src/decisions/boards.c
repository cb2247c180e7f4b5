/*
 * boards.c — the People's Inspection Board of a commune (Ban Thanh tra nhân
 * dân), checked as a whole: its members are elected at the meetings of the
 * villages (item 5 of Law 10/2022 Art. 15) and recognised by the commune
 * Front; there are as many as villages, and never fewer than 5 (Law Art.
 * 36(1)); a commune with fewer than 5 villages elects 5, so some villages
 * elect two (Decree 59 Art. 13(2)). Page /units/{code}/inspection-board and
 * API /api/v1/units/{code}/inspection-board.
 */
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../units/units.h"
#include "mpages.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

#define BOARD_MIN 5 /* Law Art. 36(1); Decree 59 Art. 13(2) */

int64_t board_target(int64_t villages)
{
	return villages > BOARD_MIN ? villages : BOARD_MIN;
}

/* One village and the members it elected who are in office (elected with
 * more than half of all households, recognised by the Front, not annulled). */
struct board_village {
	struct unit village;
	const char **members;
	int64_t *matters;
	size_t nmember;
	bool electing; /* an election of a member is under way */
};

struct board {
	struct board_village *v;
	size_t nv;
	int64_t members, target;
	size_t unrepresented;
};

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

static enum app_err board_get(struct arena *a, struct dbc *c, const struct unit *commune, int64_t now, struct board *out)
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

/* The commune of the path and its board; answers 404 (page or JSON) or the
 * error otherwise. */
static bool board_or_respond(struct req *r, struct resp *w, struct unit *u, struct board *b)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return false;
	enum app_err e = units_get(r->a, c, r->param[0], u);
	if (!e && !units_kind_is_commune_level(u->kind))
		e = APP_ENOTFOUND;
	if (!e)
		e = board_get(r->a, c, u, time(NULL), b);
	if (!e)
		return true;
	const char *why = e == APP_ENOTFOUND ? msg(MSG_BD_NOT_COMMUNE) : NULL;
	if (r->is_api)
		http_send_json_error(r, w, e, "code", why);
	else
		http_send_error(r, w, e, why);
	return false;
}

/* GET /units/{code}/inspection-board */
void page_inspection_board(struct req *r, struct resp *w)
{
	struct unit u;
	struct board b;
	if (!board_or_respond(r, w, &u, &b))
		return;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_BD_TITLE), u.title));
	html_printf(&h, "<h1>%s</h1>\n<p class=\"meta\"><a href=\"/units/%s\">%s</a> · %s</p>\n", msg(MSG_BD_TITLE), u.code,
		    u.title, msg(MSG_BD_BASIS));
	bool full = b.members >= b.target && !b.unrepresented;
	html_printf(&h, "<ul class=\"stats\"><li><span>%s</span> <strong>%zu</strong></li><li><span>%s</span> <strong>%lld</strong></li>"
			"<li><span>%s</span> <strong>%lld</strong></li><li><span>%s</span> <strong>%zu</strong></li></ul>\n",
		    msg(MSG_BD_VILLAGES), b.nv, msg(MSG_BD_TARGET), (long long)b.target, msg(MSG_BD_MEMBERS),
		    (long long)b.members, msg(MSG_BD_UNREPRESENTED), b.unrepresented);
	if (full)
		html_printf(&h, "<p class=\"ok\">%s</p>\n", msg(MSG_BD_COMPLETE));
	else
		html_printf(&h, "<p class=\"error\">%s %lld. %s %zu.</p>\n", msg(MSG_BD_MISSING),
			    (long long)(b.target > b.members ? b.target - b.members : 0), msg(MSG_BD_UNREPRESENTED), b.unrepresented);
	html_printf(&h, "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_BD_VILLAGE), msg(MSG_BD_MEMBER));
	for (size_t i = 0; i < b.nv; i++) {
		const struct board_village *bv = &b.v[i];
		html_printf(&h, "<tr><td><a href=\"/units/%s/matters\">%s</a></td><td>", bv->village.code, bv->village.title);
		for (size_t k = 0; k < bv->nmember; k++)
			html_printf(&h, "%s<a href=\"/matters/%lld\">%s</a>", k ? ", " : "", (long long)bv->matters[k], bv->members[k]);
		if (!bv->nmember)
			html_printf(&h, "<strong class=\"badge withdrawn\">%s</strong>",
				    bv->electing ? msg(MSG_BD_ELECTING) : msg(MSG_BD_NONE));
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody>\n</table>\n");
	layout_end(r, &h);
	w->cache_public = true;
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/inspection-board */
void api_inspection_board(struct req *r, struct resp *w)
{
	struct unit u;
	struct board b;
	if (!board_or_respond(r, w, &u, &b))
		return;
	json_t *vs = json_array();
	for (size_t i = 0; i < b.nv; i++) {
		json_t *ms = json_array();
		for (size_t k = 0; k < b.v[i].nmember; k++)
			json_array_append_new(ms, json_pack("{s:s, s:I}", "name", b.v[i].members[k], "matter",
							    (json_int_t)b.v[i].matters[k]));
		json_array_append_new(vs, json_pack("{s:s, s:s, s:o, s:b}", "code", b.v[i].village.code, "title",
						    b.v[i].village.title, "members", ms, "electing", b.v[i].electing));
	}
	http_send_json(w, json_pack("{s:s, s:I, s:I, s:I, s:I, s:b, s:o, s:s}", "unit", u.code, "villages", (json_int_t)b.nv,
				    "target", (json_int_t)b.target, "members", (json_int_t)b.members, "unrepresented",
				    (json_int_t)b.unrepresented, "complete", b.members >= b.target && !b.unrepresented,
				    "by_village", vs, "legal_basis", msg(MSG_BD_BASIS)));
	w->cache_public = true;
	w->max_age = 60;
}
