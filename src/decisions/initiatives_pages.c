/*
 * initiatives_pages.c — citizens' initiatives on pages: a village's list and
 * the form to propose one, an initiative with its consents, the buttons to
 * consent (online or on paper) and for the Front to approve.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/str.h"
#include "mpages.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A village's initiatives and the form to propose one; the form again with
 * its problems and what was typed when pr is given (status already set). */
static void initiatives_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *up, const struct problems *pr)
{
	const struct unit u = *up;
	struct initiative *xs;
	size_t nx;
	if (initiative_list(r->a, c, u.path, &xs, &nx)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	int status = w->status;
	resp_reset(w);
	w->status = status;
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_IN_LIST), u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/matters\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, u.code, msg(MSG_MT_LIST), title, msg(MSG_IN_LEAD));
	html_lit(&h, "<ul class=\"postings\">\n");
	for (size_t i = 0; i < nx; i++)
		html_printf(&h, "<li><a href=\"/initiatives/%lld\">%s</a> <span class=\"badge\">%s</span><br><span class=\"meta\">%s · %s</span></li>\n",
			    (long long)xs[i].id, xs[i].title, xs[i].forwarded_at ? msg(MSG_IN_FORWARDED) : msg(MSG_IN_COLLECTING),
			    xs[i].initiator, matters_when(r, xs[i].created_at));
	html_lit(&h, "</ul>\n");
	if (r->user && decisions_represented_household(c, r->user->id, u.id)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_IN_NEW));
		form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/units/%s/initiatives", u.code), false);
		const char *item = pr ? req_form(r, "item") : NULL;
		html_printf(&h, "<p><label for=\"f-item\">%s</label><select id=\"f-item\" name=\"item\">", msg(MSG_DP_ITEM));
		for (int i = 1; i <= 6; i++) {
			bool sel = item ? atoi(item) == i : i == 6;
			html_printf(&h, "<option value=\"%d\"%s>%d</option>", i, sel ? " selected" : "", i);
		}
		html_lit(&h, "</select></p>\n");
		form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_DP_TITLE), .type = "text", .required = true,
						    .max = 300, .value = pr ? req_form(r, "title") : NULL}, pr);
		form_field(&h, &(struct form_field){.name = "description", .label = msg(MSG_DP_BODY), .type = "textarea",
						    .value = pr ? req_form(r, "description") : NULL}, pr);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_IN_NEW));
		form_end(&h);
	}
	layout_end(r, &h);
}

/* GET /units/{code}/initiatives — a village's initiatives, and the form. */
void page_unit_initiatives(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, true, &u);
	if (c)
		initiatives_page(r, w, c, &u, NULL);
}

/* POST /units/{code}/initiatives — a household's representative proposes. */
void page_initiative_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, true, &u);
	if (!c)
		return;
	int64_t item = 0, id = 0;
	struct problems pr = {.a = r->a};
	if (str_to_i64(req_form(r, "item") ? req_form(r, "item") : "", 1, 6, &item))
		item = 0;
	enum app_err e = initiative_create(r->app->db, c, r->user, &u, (int)item, req_form(r, "title"), req_form(r, "description"),
					   time(NULL), &pr, &id);
	if (e == APP_EINVAL) { /* the form again, with every problem and what was typed */
		w->status = 400;
		initiatives_page(r, w, c, &u, &pr);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/initiatives/%lld", (long long)id));
}

static bool initiative_or_respond(struct req *r, struct resp *w, struct dbc **c, struct initiative *x)
{
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	int64_t id;
	enum app_err e = str_to_i64(r->param[0], 1, INT64_MAX, &id) ? APP_ENOTFOUND : initiative_get(r->a, *c, id, x);
	if (e)
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_IN_NOT_FOUND) : NULL);
	return !e;
}

/* GET /initiatives/{id} */
void page_initiative(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct initiative x;
	if (!initiative_or_respond(r, w, &c, &x))
		return;
	int64_t now = time(NULL), valid = initiative_valid_consents(c, x.id, now), need = initiative_consents_needed(x.households);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, x.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s/initiatives\">%s</a></li></ol></nav>\n"
			"<p class=\"meta\">%s · %s %d</p>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), x.unit.code, msg(MSG_IN_LIST), x.unit.title, msg(MSG_DP_ITEM), x.item, x.title);
	if (*x.description)
		html_markdown(&h, x.description);
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s, %s</dd>\n", msg(MSG_IN_INITIATOR), x.initiator,
		    matters_when(r, x.created_at));
	html_printf(&h, "<dt>%s</dt><dd><strong>%lld</strong> / %lld (%s %lld)</dd>\n", msg(MSG_IN_CONSENTS), (long long)valid,
		    (long long)x.households, msg(MSG_IN_NEEDED), (long long)need);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd></dl>\n", msg(MSG_DP_STATE),
		    x.forwarded_at ? (x.front_approved ? msg(MSG_IN_FRONT_APPROVED) : msg(MSG_IN_FORWARDED)) : msg(MSG_IN_COLLECTING));
	html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_IN_VALIDITY));
	if (r->user && decisions_represented_household(c, r->user->id, x.unit.id)) {
		form_begin(r, &h, arena_printf(r->a, "/initiatives/%lld/consent", (long long)x.id), false);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_IN_CONSENT));
		form_end(&h);
	}
	if (r->user && (r->user->id == x.initiator_id || decisions_may_convene(r->user, &x.unit))) {
		form_begin(r, &h, arena_printf(r->a, "/initiatives/%lld/consent", (long long)x.id), false);
		form_field(&h, &(struct form_field){.name = "household", .id = "hh", .label = msg(MSG_IN_PAPER_HOUSEHOLD),
						    .type = "text", .required = true}, NULL);
		html_printf(&h, "<p><button type=\"submit\" name=\"paper\" value=\"1\">%s</button></p>", msg(MSG_IN_RECORD_PAPER));
		form_end(&h);
	}
	if (!x.forwarded_at && decisions_may_front(r->user, &x.unit)) {
		form_begin(r, &h, arena_printf(r->a, "/initiatives/%lld/approve", (long long)x.id), false);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_IN_APPROVE));
		form_end(&h);
	}
	layout_end(r, &h);
}

/* POST /initiatives/{id}/consent — the representative's consent, or (paper=1,
 * household=CODE) a consent signed on paper, recorded by the initiator or the village head. */
void page_initiative_consent(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct initiative x;
	if (!initiative_or_respond(r, w, &c, &x))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = initiative_consent(r->app->db, c, r->user, &x, req_form(r, "paper") ? req_form(r, "household") ? req_form(r, "household") : "" : NULL,
					    time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/initiatives/%lld", (long long)x.id));
}

/* POST /initiatives/{id}/approve — the Front forwards an initiative below 10%. */
void page_initiative_approve(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct initiative x;
	if (!initiative_or_respond(r, w, &c, &x))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = initiative_approve(r->app->db, r->user, &x, time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/initiatives/%lld", (long long)x.id));
}
