/*
 * units_pages.c — public pages of the hierarchy: the home page with search,
 * a page per unit, and the household list of a village (non-public: only for
 * roles that reach that village).
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "units_pages.h"
#include "../pages.h"
#include "../util/str.h"
#include "../events/events.h"
#include "../util/cal.h"
#include "../util/csv.h"
#include "units.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unit_link(struct html *h, const struct unit *u)
{
	html_lit(h, "<a href=\"/units/");
	html_url_arg(h, u->code);
	html_lit(h, "\">");
	html_text(h, u->title);
	html_lit(h, "</a>");
}

static void search_form(struct html *h, const char *q)
{
	html_lit(h, "<form method=\"get\" action=\"/\" class=\"search\" role=\"search\">\n<label for=\"q\">");
	html_text(h, msg(MSG_SEARCH_LABEL));
	html_lit(h, "</label>\n<input id=\"q\" name=\"q\" type=\"search\"");
	if (q)
		html_printf(h, " value=\"%s\"", q);
	html_printf(h, " placeholder=\"%s\">\n<button type=\"submit\">%s</button>\n</form>\n",
		    msg(MSG_SEARCH_PLACEHOLDER), msg(MSG_SEARCH_BUTTON));
}

/* The site search's units (units_module.c): names folded for case and
 * diacritics, "xa luc ngan" finds Xã Lục Ngạn. */
enum app_err units_search_hits(struct req *r, struct dbc *c, const char *q, struct module_hits *out)
{
	struct unit *a;
	size_t n;
	enum app_err e = units_search(r->a, c, q, &a, &n);
	for (size_t i = 0; !e && i < n && i < out->limit; i++)
		module_hit_add(out, &(struct module_hit){arena_printf(r->a, "/units/%s", a[i].code), a[i].title,
							 msg(MSG_SEARCH_KIND_UNITS),
							 arena_printf(r->a, "%s · %s", msg_kind(a[i].kind),
								      units_where(r->a, c, &a[i], false))});
	return e;
}

/* Writes a list of units with their kind. */
static void unit_list(struct req *r, struct html *h, const struct unit *a, size_t n, bool with_parent)
{
	(void)r;
	html_lit(h, "<ul class=\"units\">\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<li>");
		unit_link(h, &a[i]);
		html_printf(h, " <span class=\"kind\">%s</span>", msg_kind(a[i].kind));
		if (with_parent && *a[i].parent_code)
			html_printf(h, " <span class=\"code\">%s</span>", a[i].code);
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
}

/* The newest acts about this unit and those below it: public ones for
 * everybody, every act for roles that may read the unit's people (officers,
 * supervisors). A lookup failure leaves the section out, not the page. */
static void activity(struct req *r, struct html *h, struct dbc *c, const struct unit *u, unsigned caps)
{
	bool all = caps & CAP_READ_PEOPLE;
	struct event_row *ev;
	size_t n;
	if (events_recent(r->a, c, u->path, !all, 10, &ev, &n))
		return;
	html_printf(h, "<section aria-labelledby=\"act\">\n<h2 id=\"act\">%s</h2>\n", msg(MSG_RECENT_ACTIVITY));
	if (all)
		html_printf(h, "<p class=\"meta\">%s</p>\n", msg(MSG_RECENT_ACTIVITY_ALL));
	if (!n)
		html_printf(h, "<p>%s</p>\n", msg(MSG_NO_ACTIVITY));
	html_lit(h, "<ul class=\"activity\">\n");
	for (size_t i = 0; i < n; i++) {
		char when[MSG_TIME_LEN];
		msg_time((long long)ev[i].at, when);
		html_printf(h, "<li><span class=\"meta\">%s</span> %s — ", when, module_event_label(ev[i].kind));
		/* the act first (what it is about, where it is seen), its ledger entry second */
		const char *href, *title;
		if (module_subject(r, c, ev[i].subject, &href, &title)) {
			html_printf(h, "<a href=\"%s\">%s</a>", href, title);
		} else {
			html_lit(h, "<a href=\"/units/");
			html_url_arg(h, ev[i].unit_code);
			html_printf(h, "\">%s</a>", ev[i].unit_title);
		}
		if (all && *ev[i].actor)
			html_printf(h, " <span class=\"meta\">(%s %s", msg(MSG_BY), ev[i].actor);
		if (all && *ev[i].actor && *ev[i].actor_role) /* the person's title, not their login */
			html_printf(h, ", %s", msg_role(ev[i].actor_role));
		if (all && *ev[i].actor && *ev[i].on_behalf)
			html_printf(h, ", %s %s", msg(MSG_ON_BEHALF), ev[i].on_behalf);
		if (all && *ev[i].actor)
			html_lit(h, ")</span>");
		if (ev[i].ledger_idx >= 0)
			html_printf(h, " · <a href=\"/ledger/%lld\">%s #%lld</a>", (long long)ev[i].ledger_idx,
				    msg(MSG_LEDGER_INDEX), (long long)ev[i].ledger_idx);
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n</section>\n");
}

#define SEARCH_PER_MODULE 20

/* GET / — home: the site search (units by name, diacritics optional, and
 * what every module adds), the provinces. ?q= search text. */
void page_home(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const char *q = req_query(r, "q");
	if (q && strlen(q) > 200)
		q = NULL;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_HOME_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", msg(MSG_HOME_TITLE), msg(MSG_HOME_LEAD));
	if (r->user && r->user->nrole) {
		/* the signed-in person's own units first: their village, their commune */
		html_printf(&h, "<section class=\"mine\"><h2>%s</h2>\n<ul class=\"menu\">", msg(MSG_HOME_MINE));
		for (size_t i = 0; i < r->user->nrole; i++) {
			const struct role *ro = &r->user->roles[i];
			bool seen = !*ro->unit_code;
			for (size_t j = 0; j < i && !seen; j++)
				seen = !strcmp(r->user->roles[j].unit_code, ro->unit_code);
			if (seen)
				continue;
			html_lit(&h, "<li><a href=\"/units/");
			html_url_arg(&h, ro->unit_code);
			html_printf(&h, "\">%s</a></li>", ro->unit_title);
		}
		html_printf(&h, "<li><a href=\"/me#tasks\">%s</a></li></ul></section>\n", msg(MSG_TD_TITLE));
	}
	search_form(&h, q);
	struct unit *a;
	size_t n;
	enum app_err e;
	if (q && *q) {
		char *clean;
		if (str_clean(q, strlen(q), &clean) == APP_OK) {
			/* every module's hits: units, postings, matters... (module.h) */
			struct module_hits hits = {.a = r->a};
			module_search(r, c, arena_strdup(r->a, clean), SEARCH_PER_MODULE, &hits);
			free(clean);
			html_printf(&h, "<h2>%s <span class=\"count\">(%zu)</span></h2>\n", msg(MSG_SEARCH_RESULTS), hits.n);
			if (!hits.n)
				html_printf(&h, "<p>%s</p>\n", msg(MSG_SEARCH_NONE));
			/* grouped by what they are, in the order the kinds first come */
			for (size_t i = 0; i < hits.n; i++) {
				bool before = false;
				for (size_t j = 0; j < i && !before; j++)
					before = !strcmp(hits.v[j].kind, hits.v[i].kind);
				if (before)
					continue;
				size_t k = 0;
				for (size_t j = i; j < hits.n; j++)
					k += !strcmp(hits.v[j].kind, hits.v[i].kind);
				html_printf(&h, "<h3>%s <span class=\"count\">(%zu)</span></h3>\n<ul class=\"units\">\n", hits.v[i].kind, k);
				for (size_t j = i; j < hits.n; j++)
					if (!strcmp(hits.v[j].kind, hits.v[i].kind))
						html_printf(&h, "<li><a href=\"%s\">%s</a> <span class=\"code\">%s</span></li>\n",
							    hits.v[j].href, hits.v[j].title, hits.v[j].meta);
				html_lit(&h, "</ul>\n");
			}
		}
	}
	if ((e = units_provinces(r->a, c, &a, &n))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_PROVINCES));
	html_lit(&h, "<ul class=\"grid\">\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(&h, "<li>");
		unit_link(&h, &a[i]);
		html_lit(&h, "</li>\n");
	}
	html_lit(&h, "</ul>\n");
	layout_end(r, &h);
	w->max_age = 60;
}

/* GET /units/{code} — a unit: where it sits, what is below it, counts. */
/* GET /units/{code} */
void page_unit(struct req *r, struct resp *w)
{
	units_page(r, w, r->param[0], NULL);
}

void units_page(struct req *r, struct resp *w, const char *code, const struct problems *pr)
{
	struct dbc *c;
	struct unit u;
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = units_get(r->a, c, code, &u);
	struct unit *anc = NULL, *kids = NULL;
	size_t nanc = 0, nkids = 0;
	struct unit_stats st;
	if (!e)
		e = units_ancestors(r->a, c, u.path, &anc, &nanc);
	if (!e)
		e = units_children(r->a, c, u.id, &kids, &nkids);
	if (!e)
		e = units_stats(c, &u, &st);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_UNIT_NOT_FOUND) : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, u.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol>", msg(MSG_BREADCRUMB));
	for (size_t i = 0; i < nanc; i++) {
		html_lit(&h, "<li>");
		unit_link(&h, &anc[i]);
		html_lit(&h, "</li>");
	}
	html_printf(&h, "<li><strong>%s</strong></li></ol></nav>\n", u.title);
	html_printf(&h, "<h1>%s</h1>\n<p class=\"meta\">%s · %s %s</p>\n", u.title, msg_kind(u.kind),
		    msg(MSG_CODE), u.code);

	html_printf(&h, "<section aria-labelledby=\"sum\">\n<h2 id=\"sum\">%s</h2>\n<ul class=\"stats\">\n",
		    msg(MSG_SUMMARY));
	for (size_t i = 0; i < units_nkinds; i++)
		if (st.nkind[i]) {
			html_printf(&h, "<li><span>%s</span> <strong>", msg_kind(units_kinds[i]));
			html_count(&h, st.nkind[i]);
			html_lit(&h, "</strong></li>\n");
		}
	html_printf(&h, "<li><span>%s</span> <strong>", msg(MSG_HOUSEHOLDS));
	html_count(&h, st.households);
	html_printf(&h, "</strong></li>\n<li><span>%s</span> <strong>", msg(MSG_PEOPLE));
	html_count(&h, st.people);
	html_lit(&h, "</strong></li>\n</ul>\n</section>\n");

	unsigned caps = auth_caps_at(r->user, u.path);
	if (units_kind_is_village(u.kind) && (caps & CAP_READ_PEOPLE)) {
		html_lit(&h, "<p><a class=\"button\" href=\"/units/");
		html_url_arg(&h, u.code);
		html_printf(&h, "/households\">%s</a></p>\n", msg(MSG_HOUSEHOLD_LIST));
	}
	/* what the modules show here, open votes and meetings first, then the units below */
	module_unit_sections(r, &h, c, &u);
	if (nkids) {
		html_printf(&h, "<section aria-labelledby=\"below\">\n<h2 id=\"below\">%s (%zu)</h2>\n",
			    msg(MSG_UNITS_BELOW), nkids);
		unit_list(r, &h, kids, nkids, false);
		html_lit(&h, "</section>\n");
	} else {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_NO_UNITS_BELOW));
	}
	activity(r, &h, c, &u, caps);
	if ((caps & CAP_UNITS) && !units_kind_is_village(u.kind) && strcmp(u.kind, "agency") &&
	    strcmp(u.kind, "public_unit") && strcmp(u.kind, "employer")) {
		html_printf(&h, "<section aria-labelledby=\"add\">\n<h2 id=\"add\">%s</h2>\n", msg(MSG_UNIT_ADD));
		form_problems(&h, pr);
		form_begin(r, &h, "/admin/units", false);
		form_hidden(&h, "parent", u.code);
		form_field(&h, &(struct form_field){.name = "code", .label = msg(MSG_UNIT_CODE), .type = "text",
						    .value = pr ? req_form(r, "code") : NULL, .required = true, .max = 32}, pr);
		form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_UNIT_NAME), .type = "text",
						    .value = pr ? req_form(r, "name") : NULL, .required = true, .max = 200}, pr);
		const char *kind = pr ? req_form(r, "kind") : NULL;
		html_printf(&h, "<p><label for=\"f-kind\">%s</label>\n<select id=\"f-kind\" name=\"kind\">", msg(MSG_UNIT_KIND));
		for (size_t i = 1; i < units_nkinds; i++) {
			bool ok = !strcmp(u.kind, "province") ? (i <= 3 || i >= 6) : (i >= 4);
			if (ok)
				html_printf(&h, "<option value=\"%s\"%s>%s</option>", units_kinds[i],
					    kind && !strcmp(kind, units_kinds[i]) ? " selected" : "", msg_kind(units_kinds[i]));
		}
		html_lit(&h, "</select>");
		form_error(&h, pr, "kind");
		html_printf(&h, "</p>\n<p><button type=\"submit\">%s</button></p>\n", msg(MSG_CREATE));
		form_end(&h);
		html_lit(&h, "</section>\n");
	}
	layout_end(r, &h);
	w->max_age = 60;
}

struct dbc *units_path_unit_or_respond(struct req *r, struct resp *w, bool village, struct unit *u)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return NULL;
	enum app_err e = units_get(r->a, c, r->param[0], u);
	if (!e && village && !units_kind_is_village(u->kind))
		e = APP_ENOTFOUND;
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_UNIT_NOT_FOUND) : NULL);
		return NULL;
	}
	return c;
}

enum app_err units_village_for_people(struct req *r, struct dbc *c, const char *code, struct unit *u)
{
	enum app_err e = units_get(r->a, c, code, u);
	if (!e && !units_kind_is_village(u->kind))
		e = APP_ENOTFOUND;
	if (!e && !(auth_caps_at(r->user, u->path) & CAP_READ_PEOPLE))
		e = APP_EFORBID;
	return e;
}

/* GET /units/{code}/households?page=N — the households of a village (personal
 * data: only roles that reach the village). */
void page_households(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_village_for_people(r, c, r->param[0], &u);
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (!e && ps && str_to_i64(ps, 1, 100000, &page))
		e = APP_EINVAL;
	const char *q = req_query(r, "q");
	if (q && strlen(q) > 100)
		q = NULL;
	struct household *hh = NULL;
	size_t n = 0;
	const int per = 50; /* a phone's screenfuls, not a thousand rows */
	if (!e)
		e = households_list(r->a, c, u.id, q, per + 1, (int)(page - 1) * per, &hh, &n);
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_HOUSEHOLD_LIST), u.title);
	layout_begin(r, &h, title);
	html_lit(&h, "<p><a href=\"/units/");
	html_url_arg(&h, u.code);
	html_printf(&h, "\">← %s</a></p>\n<h1>%s</h1>\n", u.title, title);
	form_search(&h, arena_printf(r->a, "/units/%s/households", u.code), msg(MSG_HH_SEARCH), "q", q);
	form_search_end(&h, msg(MSG_SEARCH_BUTTON));
	if (q && *q)
		html_printf(&h, "<p>%s «%s» · <a href=\"/units/%s/households\">%s</a></p>\n", msg(MSG_HH_SEARCHED), q, u.code,
			    msg(MSG_HH_ALL));
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_HOUSEHOLD_CAPTION), msg(MSG_HH_CODE), msg(MSG_HH_HEAD), msg(MSG_HH_ADDRESS),
		    msg(MSG_HH_MEMBERS), msg(MSG_HH_REP));
	for (size_t i = 0; i < n && i < (size_t)per; i++)
		html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
				"<td data-label=\"%s\">%s</td><td data-label=\"%s\">%lld</td><td data-label=\"%s\">%s</td></tr>\n",
			    msg(MSG_HH_CODE), hh[i].code, msg(MSG_HH_HEAD), hh[i].head, msg(MSG_HH_ADDRESS),
			    hh[i].address, msg(MSG_HH_MEMBERS), (long long)hh[i].members, msg(MSG_HH_REP), hh[i].rep);
	html_lit(&h, "</tbody>\n</table></div>\n");
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(q && *q ? MSG_HH_NONE_FOUND : MSG_NO_HOUSEHOLDS));
	html_lit(&h, "<p class=\"pager\">");
	html_lit(&h, "<a href=\"/units/");
	html_url_arg(&h, u.code);
	html_printf(&h, "/households.csv\">%s</a> ", msg(MSG_DOWNLOAD_CSV));
	if (page > 1) {
		html_lit(&h, "<a href=\"/units/");
		html_url_arg(&h, u.code);
		html_printf(&h, "/households?page=%lld", (long long)page - 1);
		if (q && *q) {
			html_lit(&h, "&amp;q=");
			html_url_arg(&h, q);
		}
		html_printf(&h, "\">%s</a> ", msg(MSG_PREV));
	}
	if (n > (size_t)per) {
		html_lit(&h, "<a href=\"/units/");
		html_url_arg(&h, u.code);
		html_printf(&h, "/households?page=%lld", (long long)page + 1);
		if (q && *q) {
			html_lit(&h, "&amp;q=");
			html_url_arg(&h, q);
		}
		html_printf(&h, "\">%s</a>", msg(MSG_NEXT));
	}
	html_lit(&h, "</p>\n");
	layout_end(r, &h);
}

/* GET /units/{code}/households.csv — every active household of a village, in
 * the import format (UTF-8 with BOM, CRLF), for the roles that may read them. */
void page_households_csv(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_village_for_people(r, c, r->param[0], &u);
	struct household *hh = NULL;
	size_t n = 0;
	if (!e)
		e = households_list(r->a, c, u.id, NULL, 100000, 0, &hh, &n);
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	w->ctype = "text/csv; charset=utf-8";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"ho-gia-dinh-%s.csv\"", u.code));
	struct buf *b = &w->body;
	csv_bom(b);
	for (size_t i = 0; i < 7; i++)
		csv_field(b, households_csv_vi[i], i == 0);
	csv_end_row(b);
	for (size_t i = 0; i < n; i++) {
		char members[24];
		snprintf(members, sizeof members, "%lld", (long long)hh[i].members);
		const char *f[] = {u.code, hh[i].code, hh[i].head, hh[i].address, members,
				   strcmp(hh[i].rep, hh[i].head) ? hh[i].rep : "", hh[i].phone};
		for (size_t k = 0; k < 7; k++)
			csv_field(b, f[k], k == 0);
		csv_end_row(b);
	}
}
