/*
 * boards_pages.c — the inspection board of a commune: the page
 * /units/{code}/inspection-board and /api/v1/units/{code}/inspection-board.
 */
#include "boards.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "boards_pages.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

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

/* The unit page's section (boards_module.c): a commune's board. */
void boards_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	if (!units_kind_is_commune_level(u->kind))
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/inspection-board\">%s</a></li></ul>\n",
		    msg(MSG_BD_TITLE), u->code, msg(MSG_BD_TITLE));
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
