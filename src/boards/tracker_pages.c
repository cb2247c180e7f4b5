/*
 * tracker_pages.c — the commune's project register and its public tracker
 * (/units/{code}/projects, /projects/{id}: progress with a bar residents can
 * read on a phone, parts and how the whole is computed, milestones, the
 * history of each figure), a unit's conferences (/units/{code}/conferences,
 * /conferences/{id}: agenda, questions and answers, resolutions with the
 * quorum arithmetic, follow-up tasks), the calendar feed, the JSON API and
 * the module's /me tasks. No SQL here.
 */
#include "oversight.h"
#include "../auth/auth.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../pages.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "oversight_pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *iso_s(struct req *r, int64_t day)
{
	char *s = arena_alloc(r->a, 11);
	if (day)
		cal_format_iso(day, s);
	return s;
}

static void progress_bar(struct html *h, int64_t pct)
{
	html_printf(h, "<span class=\"progress\"><progress max=\"100\" value=\"%lld\">%lld%%</progress> <strong>%lld%%</strong></span>",
		    (long long)pct, (long long)pct, (long long)pct);
}

/* ---- the register ---- */

static void register_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	(void)id;
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	if (!units_kind_is_commune_level(u.kind)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_OV_PROJECTS_COMMUNE));
		return;
	}
	struct project *ps;
	size_t n;
	if (projects_of(r->a, c, &u, &ps, &n))
		n = 0;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_OVP_PROJECTS), u.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, msg(MSG_OVP_PROJECTS));
	if (pr)
		form_problems(&h, pr);
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_OVP_PROJECT), msg(MSG_OVP_BUDGET_VND), msg(MSG_OVP_WHEN), msg(MSG_OVP_PROGRESS));
	for (size_t i = 0; i < n; i++) {
		if (ps[i].parent_id)
			continue;
		html_printf(&h, "<tr><td><a href=\"/projects/%lld\">%s</a><br><span class=\"meta\">%s · %s</span></td>"
				"<td class=\"num\" data-label=\"%s\">",
			    (long long)ps[i].id, ps[i].title, msg(project_kind_labels[ps[i].kind]), msg(project_status_labels[ps[i].status]), msg(MSG_OVP_BUDGET_VND));
		html_count(&h, ps[i].budget);
		html_printf(&h, "</td><td data-label=\"%s\">%s – %s</td><td data-label=\"%s\">", msg(MSG_OVP_WHEN), ovp_day(r, ps[i].start_day),
			    ovp_day(r, ps[i].end_day), msg(MSG_OVP_PROGRESS));
		progress_bar(&h, ps[i].progress);
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	if (ov_may_projects(r->user, &u)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_OVP_NEW_PROJECT));
		form_begin(r, &h, arena_printf(r->a, "/units/%s/projects", u.code), false);
		ovp_field(r, &h, pr, "title", MSG_OVP_TITLE, "text", true);
		html_printf(&h, "<label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\">", msg(MSG_OVP_KIND));
		for (int k = 0; k < PK__N; k++)
			html_printf(&h, "<option value=\"%s\">%s</option>", project_kind_names[k], msg(project_kind_labels[k]));
		html_lit(&h, "</select>\n");
		html_printf(&h, "<label for=\"f-parent\">%s</label><select id=\"f-parent\" name=\"parent\"><option value=\"\">—</option>",
			    msg(MSG_OVP_PARENT));
		for (size_t i = 0; i < n; i++)
			html_printf(&h, "<option value=\"%lld\">%s</option>", (long long)ps[i].id, ps[i].title);
		html_lit(&h, "</select>\n");
		ovp_field(r, &h, pr, "weight", MSG_OVP_WEIGHT, "number", false);
		ovp_field(r, &h, pr, "budget", MSG_OVP_BUDGET_VND, "number", true);
		ovp_field(r, &h, pr, "sources", MSG_OVP_SOURCES, "text", false);
		ovp_field(r, &h, pr, "investor", MSG_OVP_INVESTOR, "text", true);
		ovp_field(r, &h, pr, "contractor", MSG_OVP_CONTRACTOR, "text", false);
		ovp_field(r, &h, pr, "location", MSG_OVP_LOCATION, "text", false);
		ovp_field(r, &h, pr, "start", MSG_OVP_FROM_DAY, "date", true);
		ovp_field(r, &h, pr, "end", MSG_OVP_TO_DAY, "date", true);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* GET /units/{code}/projects */
void page_unit_projects(struct req *r, struct resp *w)
{
	register_show(r, w, 0, NULL);
}

/* POST /units/{code}/projects */
void page_project_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct project_input in = {req_form(r, "title"),      req_form(r, "kind"),     req_form(r, "budget"),
				   req_form(r, "sources"),    req_form(r, "investor"), req_form(r, "contractor"),
				   req_form(r, "location"),   req_form(r, "start"),    req_form(r, "end"),
				   req_form(r, "weight"),     req_form(r, "parent")};
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = project_create(r->app->db, r->user, &u, &in, time(NULL), &id, &pr);
	ovp_answer(r, w, e, &pr, register_show, 0, arena_printf(r->a, "/projects/%lld", (long long)id));
}

/* ---- the tracker ---- */

static void project_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct project p;
	enum app_err e = project_get(r->a, c, id, &p);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct project *parts;
	struct milestone *ms;
	struct progress_entry *hs;
	size_t np = 0, nm = 0, nh = 0;
	if (project_parts(r->a, c, id, &parts, &np) || project_milestones(r->a, c, id, &ms, &nm) ||
	    project_history(r->a, c, id, &hs, &nh)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	int64_t today = cal_today(time(NULL));
	bool keep = ov_may_projects(r->user, &p.unit) && p.status != PS_DONE;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, p.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/projects\">%s</a></li>",
		    msg(MSG_BREADCRUMB), p.unit.code, p.unit.title, p.unit.code, msg(MSG_OVP_PROJECTS));
	if (p.parent_id)
		html_printf(&h, "<li><a href=\"/projects/%lld\">%s</a></li>", (long long)p.parent_id, msg(MSG_OVP_PARENT));
	html_printf(&h, "</ol></nav>\n<h1>%s</h1>\n", p.title);
	if (pr)
		form_problems(&h, pr);
	html_printf(&h, "<p class=\"lead\">%s: ", msg(MSG_OVP_PROGRESS));
	progress_bar(&h, p.progress);
	if (p.nparts)
		html_printf(&h, " <span class=\"meta\">%s</span>", msg(p.weighted ? MSG_OVP_WEIGHTED : MSG_OVP_MEAN));
	html_lit(&h, "</p>\n");
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s · %s</dd><dt>%s</dt><dd>", msg(MSG_OVP_KIND),
		    msg(project_kind_labels[p.kind]), msg(project_status_labels[p.status]), msg(MSG_OVP_BUDGET_VND));
	html_count(&h, p.budget);
	html_printf(&h, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
			"<dt>%s</dt><dd>%s – %s</dd>",
		    msg(MSG_OVP_SOURCES), p.sources, msg(MSG_OVP_INVESTOR), p.investor, msg(MSG_OVP_CONTRACTOR), p.contractor,
		    msg(MSG_OVP_LOCATION), p.location, msg(MSG_OVP_WHEN), ovp_day(r, p.start_day), ovp_day(r, p.end_day));
	if (p.done_day)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_OV_PS_DONE), ovp_day(r, p.done_day));
	if (p.board_id)
		html_printf(&h, "<dt>%s</dt><dd><a href=\"/boards/%lld\">%s</a></dd>", msg(MSG_OV_INVEST_BOARD), (long long)p.board_id,
			    msg(MSG_OVP_SEE_BOARD));
	html_lit(&h, "</dl>\n");
	if (np) {
		html_printf(&h, "<h2 id=\"parts\">%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_OVP_PARTS), msg(MSG_OVP_PROJECT), msg(MSG_OVP_WEIGHT), msg(MSG_OVP_PROGRESS));
		for (size_t i = 0; i < np; i++) {
			html_printf(&h, "<tr><td><a href=\"/projects/%lld\">%s</a></td><td class=\"num\">%lld</td><td>", (long long)parts[i].id,
				    parts[i].title, (long long)parts[i].weight);
			progress_bar(&h, parts[i].progress);
			html_lit(&h, "</td></tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	html_printf(&h, "<h2 id=\"milestones\">%s</h2>\n", msg(MSG_OVP_MILESTONES));
	ovp_list_begin(&h, nm, "ul", "postings");
	for (size_t i = 0; i < nm; i++) {
		html_printf(&h, "<li>%s — %s %s", ms[i].title, msg(MSG_OVP_DUE), ovp_day(r, ms[i].due_day));
		if (ms[i].done_day)
			html_printf(&h, " · <strong>%s %s</strong>", msg(MSG_OVP_DONE_ON), ovp_day(r, ms[i].done_day));
		else if (ms[i].due_day < today)
			html_printf(&h, " · <strong class=\"badge withdrawn\">%s</strong>", msg(MSG_OVP_LATE_OPEN));
		if (keep && !ms[i].done_day) {
			form_begin(r, &h, arena_printf(r->a, "/projects/%lld/milestones/%lld/done", (long long)id, (long long)ms[i].id), false);
			html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_MARK_DONE));
			form_end(&h);
		}
		html_lit(&h, "</li>\n");
	}
	ovp_list_end(&h, nm, "ul");
	if (nh) {
		html_printf(&h, "<h2 id=\"history\">%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_OVP_HISTORY), msg(MSG_OVP_DAY), msg(MSG_OVP_PROGRESS), msg(MSG_OVP_NOTE));
		for (size_t i = 0; i < nh; i++)
			html_printf(&h, "<tr><td>%s</td><td class=\"num\">%lld%%</td><td>%s</td></tr>\n", ovp_day(r, hs[i].day),
				    (long long)hs[i].percent, hs[i].note);
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (keep) {
		if (!p.nparts) {
			html_printf(&h, "<h2 id=\"update\">%s</h2>\n", msg(MSG_OVP_UPDATE_PROGRESS));
			form_begin(r, &h, arena_printf(r->a, "/projects/%lld/progress", (long long)id), false);
			ovp_field(r, &h, pr, "percent", MSG_OVP_PERCENT, "number", true);
			ovp_field(r, &h, pr, "day", MSG_OVP_DAY, "date", false);
			ovp_field(r, &h, pr, "note", MSG_OVP_NOTE, "text", false);
			html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
			form_end(&h);
		}
		html_printf(&h, "<h2 id=\"milestone\">%s</h2>\n", msg(MSG_OVP_ADD_MILESTONE));
		form_begin(r, &h, arena_printf(r->a, "/projects/%lld/milestones", (long long)id), false);
		ovp_field(r, &h, pr, "title", MSG_OVP_TITLE, "text", true);
		ovp_field(r, &h, pr, "due", MSG_OVP_DUE, "date", true);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
		form_end(&h);
		html_printf(&h, "<h2 id=\"finish\">%s</h2>\n", msg(MSG_OVP_FINISH));
		form_begin(r, &h, arena_printf(r->a, "/projects/%lld/finish", (long long)id), false);
		ovp_field_id(r, &h, pr, "day", "finish-day", MSG_OVP_DAY, "date", false);
		html_printf(&h, "<p class=\"meta\">%s</p><button type=\"submit\">%s</button>", msg(MSG_OV_DISSOLVED_DONE), msg(MSG_OVP_FINISH));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* GET /projects/{id} */
void page_project(struct req *r, struct resp *w)
{
	int64_t id;
	if (ovp_id(r, w, 0, &id))
		project_show(r, w, id, NULL);
}

/* POST /projects/{id}/progress — percent, day, note */
void page_project_progress(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = project_progress(r->app->db, r->user, id, req_form(r, "percent"), req_form(r, "day"), req_form(r, "note"),
					  time(NULL), &pr);
	ovp_answer(r, w, e, &pr, project_show, id, arena_printf(r->a, "/projects/%lld", (long long)id));
}

/* POST /projects/{id}/milestones — title, due */
void page_milestone_add(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = project_milestone_add(r->app->db, r->user, id, req_form(r, "title"), req_form(r, "due"), time(NULL), &pr);
	ovp_answer(r, w, e, &pr, project_show, id, arena_printf(r->a, "/projects/%lld#milestones", (long long)id));
}

/* POST /projects/{id}/milestones/{mid}/done — day */
void page_milestone_done(struct req *r, struct resp *w)
{
	int64_t id, mid;
	if (!ovp_id(r, w, 0, &id))
		return;
	if (str_to_i64(r->param[1], 1, INT64_MAX, &mid)) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	struct problems pr = {.a = r->a};
	enum app_err e = project_milestone_done(r->app->db, r->user, id, mid, req_form(r, "day"), time(NULL), &pr);
	ovp_answer(r, w, e, &pr, project_show, id, arena_printf(r->a, "/projects/%lld#milestones", (long long)id));
}

/* POST /projects/{id}/finish — day */
void page_project_finish(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = project_finish(r->app->db, r->user, id, req_form(r, "day"), time(NULL), &pr);
	ovp_answer(r, w, e, &pr, project_show, id, arena_printf(r->a, "/projects/%lld", (long long)id));
}

/* ---- conferences ---- */

static void confs_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	(void)id;
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct conference *fs;
	size_t n;
	if (conferences_of(r->a, c, &u, true, &fs, &n))
		n = 0;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_OVP_CONFERENCES), u.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n"
			"<p><a href=\"/units/%s/events.ics\">%s</a></p>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, msg(MSG_OVP_CONFERENCES), u.code, msg(MSG_OVP_ICS));
	if (pr)
		form_problems(&h, pr);
	struct conf_overdue *od;
	size_t no;
	if (!conf_overdue(r->a, c, &u, cal_today(time(NULL)), &od, &no) && no) {
		html_printf(&h, "<h2>%s</h2>\n<ul class=\"problems\">\n", msg(MSG_OVP_OVERDUE));
		for (size_t i = 0; i < no; i++)
			html_printf(&h, "<li>%s: %s %lld</li>\n", od[i].unit.title,
				    msg(od[i].kind == CF_VILLAGE ? MSG_OVP_NO_VILLAGE_CONF : MSG_OVP_NO_STAFF_CONF), (long long)od[i].year);
		html_lit(&h, "</ul>\n");
	}
	ovp_list_begin(&h, n, "ul", "postings");
	for (size_t i = 0; i < n; i++) {
		char when[20];
		cal_format_time_vn((time_t)fs[i].starts_at, when);
		html_printf(&h, "<li><a href=\"/conferences/%lld\">%s</a> <span class=\"meta\">%s · %s · %s · %s</span></li>\n",
			    (long long)fs[i].id, fs[i].title, msg(conf_kind_labels[fs[i].kind]), fs[i].unit.title, when,
			    msg(!strcmp(fs[i].status, "held") ? MSG_OVP_HELD : !strcmp(fs[i].status, "cancelled") ? MSG_OV_CANCELLED : MSG_OVP_PLANNED));
	}
	ovp_list_end(&h, n, "ul");
	if (ov_may_convene(r->user, &u)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_OVP_NEW_CONFERENCE));
		form_begin(r, &h, arena_printf(r->a, "/units/%s/conferences", u.code), false);
		html_printf(&h, "<label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\">", msg(MSG_OVP_KIND));
		for (int k = 0; k < CF__N; k++)
			html_printf(&h, "<option value=\"%s\">%s</option>", conf_kind_names[k], msg(conf_kind_labels[k]));
		html_lit(&h, "</select>\n");
		ovp_field(r, &h, pr, "year", MSG_OVP_YEAR, "number", true);
		ovp_field(r, &h, pr, "title", MSG_OVP_TITLE, "text", true);
		ovp_field(r, &h, pr, "starts", MSG_OVP_STARTS, "datetime-local", true);
		ovp_field(r, &h, pr, "place", MSG_OVP_LOCATION, "text", true);
		ovp_field(r, &h, pr, "notice", MSG_OVP_NOTICE, "date", false);
		ovp_field(r, &h, pr, "agreed", MSG_OVP_AGREED, "date", false);
		ovp_field(r, &h, pr, "summoned", MSG_OVP_SUMMONED, "number", false);
		ovp_field(r, &h, pr, "agenda", MSG_OVP_AGENDA, "textarea", false);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* GET /units/{code}/conferences */
void page_unit_conferences(struct req *r, struct resp *w)
{
	confs_show(r, w, 0, NULL);
}

/* POST /units/{code}/conferences */
void page_conference_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct conference_input in = {req_form(r, "kind"),   req_form(r, "year"),   req_form(r, "title"),
				      req_form(r, "starts"), req_form(r, "place"),  req_form(r, "notice"),
				      req_form(r, "agreed"), req_form(r, "summoned"), req_form(r, "agenda")};
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = conference_create(r->app->db, r->user, &u, &in, time(NULL), &id, &pr);
	ovp_answer(r, w, e, &pr, confs_show, 0, arena_printf(r->a, "/conferences/%lld", (long long)id));
}

static void conf_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct conference f;
	struct conf_item *it;
	size_t n = 0;
	enum app_err e = conference_get(r->a, c, id, &f);
	if (!e)
		e = conf_items(r->a, c, id, &it, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	bool run = ov_may_convene(r->user, &f.unit), held = !strcmp(f.status, "held");
	int64_t today = cal_today(time(NULL));
	struct html h = {.b = &w->body};
	layout_begin(r, &h, f.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/conferences\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), f.unit.code, f.unit.title, f.unit.code, msg(MSG_OVP_CONFERENCES), f.title);
	if (pr)
		form_problems(&h, pr);
	char when[20];
	cal_format_time_vn((time_t)f.starts_at, when);
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s, %s</dd><dt>%s</dt><dd>%s</dd>",
		    msg(MSG_OVP_KIND), msg(conf_kind_labels[f.kind]), msg(MSG_OVP_WHEN), when, f.place, msg(MSG_OVP_NOTICE),
		    ovp_day(r, f.notice_day));
	if (!strcmp(f.status, "cancelled"))
		html_printf(&h, "<dt>%s</dt><dd><strong class=\"badge withdrawn\">%s</strong> %s</dd>", msg(MSG_OVP_STATUS), msg(MSG_OV_CANCELLED),
			    f.change_reason);
	else if (f.sequence)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_OVP_RESCHEDULED), f.change_reason);
	if (f.agreed_day)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_OVP_AGREED), ovp_day(r, f.agreed_day));
	if (f.summoned)
		html_printf(&h, "<dt>%s</dt><dd>%lld</dd>", msg(MSG_OVP_SUMMONED), (long long)f.summoned);
	if (held) {
		html_printf(&h, "<dt>%s</dt><dd>%lld", msg(MSG_OVP_ATTENDED), (long long)f.attended);
		if (conf_needs_quorum(f.kind))
			html_printf(&h, " — <strong>%s</strong>",
				    msg(conf_quorum(f.attended, f.summoned, cal_today((time_t)f.starts_at)) ? MSG_OVP_QUORUM : MSG_OVP_NO_QUORUM));
		html_printf(&h, "</dd><dt>%s</dt><dd>%s</dd>", msg(MSG_OVP_MINUTES), f.minutes);
		if (f.kind == CF_VILLAGE)
			html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_OVP_REPORT_DAY), ovp_day(r, f.report_day));
	}
	html_lit(&h, "</dl>\n");
	static const char *const kinds[] = {"agenda", "question", "resolution", "task"};
	static const enum msg_id heads[] = {MSG_OVP_AGENDA, MSG_OVP_QUESTIONS, MSG_OVP_RESOLUTIONS, MSG_OVP_TASKS};
	for (int k = 0; k < 4; k++) {
		size_t of = 0;
		for (size_t i = 0; i < n; i++)
			of += !strcmp(it[i].kind, kinds[k]);
		html_printf(&h, "<h2 id=\"%s\">%s</h2>\n", kinds[k], msg(heads[k]));
		ovp_list_begin(&h, of, "ol", NULL);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(it[i].kind, kinds[k]))
				continue;
			html_printf(&h, "<li>%s", it[i].text);
			if (k == 1)
				html_printf(&h, "<br><span class=\"meta\">%s</span> %s%s", it[i].who, *it[i].answer ? "— " : "",
					    *it[i].answer ? it[i].answer : msg(MSG_OVP_WAITING));
			if (k == 2)
				html_printf(&h, " — %lld/%lld %s: <strong>%s</strong>", (long long)it[i].votes_for, (long long)f.attended,
					    msg(MSG_OVP_FOR), msg(it[i].adopted ? MSG_OVP_ADOPTED : MSG_OVP_NOT_ADOPTED));
			if (k == 3) {
				html_printf(&h, " — %s, %s %s", *it[i].owner ? it[i].owner : it[i].who, msg(MSG_OVP_DUE), ovp_day(r, it[i].due_day));
				if (it[i].done_day)
					html_printf(&h, " · %s %s", msg(MSG_OVP_DONE_ON), ovp_day(r, it[i].done_day));
				else if (it[i].due_day < today)
					html_printf(&h, " · <strong class=\"badge withdrawn\">%s</strong>", msg(MSG_OVP_LATE_OPEN));
				if (!it[i].done_day && r->user && (run || r->user->id == it[i].owner_id)) {
					form_begin(r, &h, arena_printf(r->a, "/conference-items/%lld/done", (long long)it[i].id), false);
					html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_MARK_DONE));
					form_end(&h);
				}
			}
			html_lit(&h, "</li>\n");
		}
		ovp_list_end(&h, of, "ol");
	}
	bool planned = !strcmp(f.status, "planned");
	if (run && planned) {
		html_printf(&h, "<h2 id=\"change\">%s</h2>\n<details><summary>%s</summary>\n", msg(MSG_OVP_CHANGE), msg(MSG_OVP_RESCHEDULE));
		form_begin(r, &h, arena_printf(r->a, "/conferences/%lld/reschedule", (long long)id), false);
		ovp_field(r, &h, pr, "starts", MSG_OVP_NEW_TIME, "datetime-local", true);
		ovp_field(r, &h, pr, "place", MSG_OVP_NEW_PLACE, "text", false);
		ovp_field(r, &h, pr, "reason", MSG_OVP_REASON, "text", true);
		html_printf(&h, "<p class=\"meta\">%s</p><button type=\"submit\">%s</button>", msg(MSG_OVP_RESCHEDULE_RULE),
			    msg(MSG_OVP_RESCHEDULE));
		form_end(&h);
		html_printf(&h, "</details>\n<details><summary>%s</summary>\n", msg(MSG_OVP_CANCEL));
		form_begin(r, &h, arena_printf(r->a, "/conferences/%lld/cancel", (long long)id), false);
		ovp_field_id(r, &h, pr, "reason", "cancel-reason", MSG_OVP_REASON, "text", true);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_CANCEL));
		form_end(&h);
		html_lit(&h, "</details>\n");
	}
	if (run && planned) {
		html_printf(&h, "<h2 id=\"held\">%s</h2>\n", msg(MSG_OVP_RECORD_HELD));
		form_begin(r, &h, arena_printf(r->a, "/conferences/%lld/held", (long long)id), false);
		ovp_field(r, &h, pr, "attended", MSG_OVP_ATTENDED, "number", true);
		ovp_field(r, &h, pr, "minutes", MSG_OVP_MINUTES, "textarea", true);
		if (f.kind == CF_VILLAGE)
			ovp_field(r, &h, pr, "report_day", MSG_OVP_REPORT_DAY, "date", false);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
		form_end(&h);
	}
	if (run) {
		html_printf(&h, "<h2 id=\"add\">%s</h2>\n", msg(MSG_OVP_ADD_ITEM));
		form_begin(r, &h, arena_printf(r->a, "/conferences/%lld/items", (long long)id), false);
		html_printf(&h, "<label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\"><option value=\"question\">%s</option>"
				"<option value=\"resolution\">%s</option><option value=\"task\">%s</option></select>\n",
			    msg(MSG_OVP_KIND), msg(MSG_OVP_QUESTIONS), msg(MSG_OVP_RESOLUTIONS), msg(MSG_OVP_TASKS));
		ovp_field(r, &h, pr, "text", MSG_OVP_CONTENT, "textarea", true);
		ovp_field(r, &h, pr, "who", MSG_OVP_WHO, "text", false);
		ovp_field(r, &h, pr, "answer", MSG_OVP_ANSWER, "textarea", false);
		ovp_field(r, &h, pr, "votes_for", MSG_OVP_FOR, "number", false);
		ovp_field(r, &h, pr, "owner", MSG_OVP_USERNAME, "text", false);
		ovp_field(r, &h, pr, "due", MSG_OVP_DUE, "date", false);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* GET /conferences/{id} */
void page_conference(struct req *r, struct resp *w)
{
	int64_t id;
	if (ovp_id(r, w, 0, &id))
		conf_show(r, w, id, NULL);
}

/* POST /conferences/{id}/held — attended, minutes, report_day */
void page_conference_held(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = conference_held(r->app->db, r->user, id, req_form(r, "attended"), req_form(r, "minutes"),
					 req_form(r, "report_day"), time(NULL), &pr);
	ovp_answer(r, w, e, &pr, conf_show, id, arena_printf(r->a, "/conferences/%lld", (long long)id));
}

/* POST /conferences/{id}/reschedule — starts, place, reason; /conferences/{id}/cancel — reason */
static void change(struct req *r, struct resp *w, bool cancel)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = conference_change(r->app->db, r->user, id, req_form(r, "starts"), req_form(r, "place"),
					   req_form(r, "reason"), cancel, time(NULL), &pr);
	ovp_answer(r, w, e, &pr, conf_show, id, arena_printf(r->a, "/conferences/%lld", (long long)id));
}

void page_conference_reschedule(struct req *r, struct resp *w)
{
	change(r, w, false);
}

void page_conference_cancel(struct req *r, struct resp *w)
{
	change(r, w, true);
}

/* POST /conferences/{id}/items — kind, text, who, answer, votes_for, owner, due */
void page_conference_item(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct conf_item_input in = {req_form(r, "kind"),      req_form(r, "text"),  req_form(r, "who"), req_form(r, "answer"),
				     req_form(r, "votes_for"), req_form(r, "owner"), req_form(r, "due")};
	struct problems pr = {.a = r->a};
	enum app_err e = conf_item_add(r->app->db, r->user, id, &in, time(NULL), &pr);
	ovp_answer(r, w, e, &pr, conf_show, id, arena_printf(r->a, "/conferences/%lld", (long long)id));
}

/* POST /conference-items/{id}/done */
void page_conference_task_done(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = conf_task_done(r->app->db, r->user, id, time(NULL), &pr);
	http_answer(r, w, e, &pr, "/me");
}

/* ---- the calendar ---- */

/* GET /units/{code}/events.ics */
void page_unit_ics(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	enum app_err e = ov_calendar(r->a, c, &u, app_public_url(r), time(NULL), &w->body);
	if (e) {
		resp_reset(w);
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "text/calendar; charset=utf-8";
	w->cache_public = true;
	w->max_age = 300;
}

/* ---- the API ---- */

/* The unit of ?unit=, or NULL after answering. */
static struct dbc *api_unit(struct req *r, struct resp *w, struct unit *u)
{
	const char *code = req_query(r, "unit");
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return NULL;
	enum app_err e = code ? units_get(r->a, c, code, u) : APP_EINVAL;
	if (e) {
		http_send_json_error(r, w, e == APP_EINVAL ? APP_EINVAL : e, "unit", msg(MSG_OVP_API_UNIT));
		return NULL;
	}
	return c;
}

/* GET /api/v1/boards?unit=CODE — every board of the unit with its members and broken rules */
void api_boards(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = api_unit(r, w, &u);
	if (!c)
		return;
	struct oboard *bs;
	size_t n;
	int64_t today = cal_today(time(NULL));
	enum app_err e = oboards_of(r->a, c, &u, &bs, &n);
	json_t *items = json_array();
	for (size_t i = 0; !e && i < n; i++) {
		struct board_view v;
		if ((e = oboard_view(r->a, c, &bs[i], today, &v)))
			break;
		json_t *ms = json_array(), *fl = json_array();
		for (size_t k = 0; k < v.nmember; k++)
			json_array_append_new(ms, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "name", v.members[k].full_name,
							    "position", member_position_names[v.members[k].position], "village",
							    v.members[k].village_title, "decision", v.members[k].decision_ref, "term_start",
							    iso_s(r, v.members[k].term_start), "term_end", iso_s(r, v.members[k].term_end),
							    "by_election", v.members[k].by_election));
		for (size_t k = 0; k < v.flags.n; k++)
			json_array_append_new(fl, json_pack("{s:s, s:s}", "rule", v.flags.v[k].what, "cite", v.flags.v[k].cite));
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:I}", "id", (json_int_t)bs[i].id, "kind",
				      board_kind_names[bs[i].kind], "title", bs[i].title, "term_start", iso_s(r, bs[i].term_start),
				      "term_end", iso_s(r, bs[i].term_end), "members", ms, "broken_rules", fl, "constituted",
				      !v.flags.n && v.nmember && !bs[i].dissolved_day, "former_members", (json_int_t)v.nformer);
		if (bs[i].project_id)
			json_object_set_new(o, "project", json_integer(bs[i].project_id));
		if (bs[i].dissolved_day)
			json_object_set_new(o, "dissolved", json_string(iso_s(r, bs[i].dissolved_day)));
		json_array_append_new(items, o);
	}
	if (e) {
		json_decref(items);
		http_send_error(r, w, e, NULL);
		return;
	}
	http_send_array_page(r, w, items, json_pack("{s:s}", "unit", u.code));
}

/* GET /api/v1/projects?unit=CODE — the register with computed progress */
void api_projects(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = api_unit(r, w, &u);
	if (!c)
		return;
	struct project *ps;
	size_t n;
	enum app_err e = projects_of(r->a, c, &u, &ps, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct milestone *ms;
		size_t nm = 0;
		if (project_milestones(r->a, c, ps[i].id, &ms, &nm))
			nm = 0;
		json_t *mj = json_array();
		for (size_t k = 0; k < nm; k++)
			json_array_append_new(mj, json_pack("{s:s, s:s, s:o}", "title", ms[k].title, "due", iso_s(r, ms[k].due_day), "done",
							    ms[k].done_day ? json_string(iso_s(r, ms[k].done_day)) : json_null()));
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:o}", "id",
				      (json_int_t)ps[i].id, "title", ps[i].title, "kind", project_kind_names[ps[i].kind], "status",
				      project_status_names[ps[i].status], "budget", (json_int_t)ps[i].budget, "sources", ps[i].sources,
				      "investor", ps[i].investor, "contractor", ps[i].contractor, "location", ps[i].location,
				      "start", iso_s(r, ps[i].start_day), "end", iso_s(r, ps[i].end_day), "progress",
				      (json_int_t)ps[i].progress, "weight", (json_int_t)ps[i].weight, "progress_from",
				      ps[i].nparts ? (ps[i].weighted ? "weighted" : "mean") : "own", "milestones", mj);
		json_object_set_new(o, "parent", ps[i].parent_id ? json_integer(ps[i].parent_id) : json_null());
		json_object_set_new(o, "board", ps[i].board_id ? json_integer(ps[i].board_id) : json_null());
		json_array_append_new(items, o);
	}
	http_send_array_page(r, w, items, json_pack("{s:s}", "unit", u.code));
}

/* GET /api/v1/conferences?unit=CODE — the unit's and the units' below, newest first */
void api_conferences(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = api_unit(r, w, &u);
	if (!c)
		return;
	struct conference *fs;
	size_t n;
	enum app_err e = conferences_of(r->a, c, &u, true, &fs, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct conf_item *it;
		size_t ni = 0;
		if (conf_items(r->a, c, fs[i].id, &it, &ni))
			ni = 0;
		json_t *res = json_array(), *tasks = json_array(), *qs = json_array();
		for (size_t k = 0; k < ni; k++) {
			if (!strcmp(it[k].kind, "resolution"))
				json_array_append_new(res, json_pack("{s:s, s:I, s:b}", "text", it[k].text, "votes_for",
								     (json_int_t)it[k].votes_for, "adopted", it[k].adopted));
			if (!strcmp(it[k].kind, "task"))
				json_array_append_new(tasks, json_pack("{s:s, s:s, s:s, s:o}", "text", it[k].text, "owner",
								       *it[k].owner ? it[k].owner : it[k].who, "due", iso_s(r, it[k].due_day),
								       "done", it[k].done_day ? json_string(iso_s(r, it[k].done_day)) : json_null()));
			if (!strcmp(it[k].kind, "question"))
				json_array_append_new(qs, json_pack("{s:s, s:s, s:s}", "question", it[k].text, "who", it[k].who, "answer",
								    it[k].answer));
		}
		bool held = !strcmp(fs[i].status, "held");
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o}", "id",
				      (json_int_t)fs[i].id, "unit", fs[i].unit.code, "kind", conf_kind_names[fs[i].kind], "title",
				      fs[i].title, "year", (json_int_t)fs[i].year, "starts_at", (json_int_t)fs[i].starts_at, "place",
				      fs[i].place, "status", fs[i].status, "summoned", (json_int_t)fs[i].summoned, "attended",
				      held ? json_integer(fs[i].attended) : json_null(), "quorum",
				      held && conf_needs_quorum(fs[i].kind)
					      ? json_boolean(conf_quorum(fs[i].attended, fs[i].summoned, cal_today((time_t)fs[i].starts_at)))
					      : json_null(),
				      "questions", qs, "resolutions", res, "tasks", tasks);
		if (fs[i].sequence)
			json_object_set_new(o, "change_reason", json_string(fs[i].change_reason));
		json_array_append_new(items, o);
	}
	http_send_array_page(r, w, items, json_pack("{s:s}", "unit", u.code));
}

/* ---- /me ---- */

enum app_err ov_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	const struct user *u = r->user;
	int64_t today = cal_today((time_t)now);
	/* follow-up tasks of conferences owned by the person */
	struct conf_task *ts;
	size_t nt;
	enum app_err e = conf_tasks_of(r->a, c, u->id, &ts, &nt);
	for (size_t k = 0; !e && k < nt && out->n < 30; k++)
		module_task_add(out, &(struct module_task){.href = arena_printf(r->a, "/conferences/%lld#task", (long long)ts[k].conference_id),
							   .title = ts[k].text, .unit = ts[k].title, .what = msg(MSG_OVP_TASK_DO),
							   .due = ts[k].due_day, .late = ts[k].due_day < today});
	struct conf_overdue *od;
	size_t no;
	for (size_t i = 0; !e && i < u->nrole; i++) {
		unsigned caps = auth_caps_own(u, u->roles[i].unit_path);
		struct unit unit = {.id = u->roles[i].unit_id, .code = u->roles[i].unit_code, .title = u->roles[i].unit_title,
				    .path = u->roles[i].unit_path, .kind = ""};
		/* supervisors and the Front: the conferences overdue in their area */
		if ((caps & (CAP_OVERSEE | CAP_BOARDS)) && *unit.path && !(e = conf_overdue(r->a, c, &unit, today, &od, &no)))
			for (size_t k = 0; k < no && out->n < 30; k++)
				module_task_add(out, &(struct module_task){.href = arena_printf(r->a, "/units/%s/conferences", od[k].unit.code),
									   .title = msg(conf_kind_labels[od[k].kind]),
									   .unit = od[k].unit.title, .what = msg(MSG_OVP_TASK_OVERDUE),
									   .due = od[k].due_day, .late = true});
		/* the Front and the union: boards that break a rule */
		if ((caps & CAP_BOARDS) && !e) {
			struct oboard *bs;
			size_t nb;
			if ((e = oboards_under(r->a, c, unit.path, &bs, &nb)))
				break;
			for (size_t k = 0; k < nb && out->n < 30; k++) {
				struct board_view v;
				if (bs[k].dissolved_day || (e = oboard_view(r->a, c, &bs[k], today, &v)))
					continue;
				if (v.flags.n)
					module_task_add(out, &(struct module_task){.href = arena_printf(r->a, "/boards/%lld", (long long)bs[k].id),
										   .title = bs[k].title, .unit = bs[k].unit.title,
										   .what = v.flags.v[0].what, .due = 0, .late = false});
			}
		}
	}
	return e;
}
