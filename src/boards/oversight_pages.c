/*
 * oversight_pages.c — the people's inspection and supervision on the web and
 * the API (issue #17): a unit's boards (/units/{code}/boards: what is
 * overdue first, then its People's Inspection Board with every broken rule
 * named, its projects' supervision boards), a board's workspace
 * (/boards/{id}: members, vacancies, plans, inspections, recommendations and
 * petitions with their clocks, reports), an inspection's record, the
 * project register and tracker (/units/{code}/projects, /projects/{id}),
 * conferences, the calendar (/units/{code}/events.ics) and the API. Forms are
 * shown to who may use them; every write is checked again by the domain
 * (oversight.h), so a supervisor reads everything and changes nothing. No
 * SQL here.
 */
#include "oversight.h"
#include "../auth/auth.h"
#include "../cases/cases.h"
#include "../disclosure/dpages.h"
#include "../doc/doc.h"
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

/* ---- helpers ---- */

const char *ovp_day(struct req *r, int64_t day)
{
	return day ? msg_day(r->a, day) : "—";
}

void ovp_field(struct req *r, struct html *h, const struct problems *pr, const char *name, enum msg_id label,
	       const char *type, bool required)
{
	ovp_field_id(r, h, pr, name, NULL, label, type, required);
}

void ovp_field_id(struct req *r, struct html *h, const struct problems *pr, const char *name, const char *id,
		  enum msg_id label, const char *type, bool required)
{
	form_field(h, &(struct form_field){.name = name, .id = id, .label = msg(label), .type = type,
					   .value = pr ? req_form(r, name) : NULL, .required = required},
		   pr);
}

/* A select of a name table with its labels (id: f-ID, or f-NAME when NULL). */
static void sel(struct html *h, const char *name, const char *id, enum msg_id label, const char *const *names,
		const enum msg_id *labels, int n, const struct problems *pr)
{
	if (!id)
		id = name;
	html_printf(h, "<label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">", id, msg(label), id, name);
	for (int i = 0; i < n; i++)
		html_printf(h, "<option value=\"%s\">%s</option>", names[i], msg(labels[i]));
	html_lit(h, "</select>\n");
	form_error(h, pr, name);
}

static void check(struct html *h, const char *name, const char *label)
{
	html_printf(h, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"> %s</label>\n", name, label);
}

void ovp_list_begin(struct html *h, size_t n, const char *tag, const char *cls)
{
	if (n && cls)
		html_printf(h, "<%s class=\"%s\">\n", tag, cls);
	else if (n)
		html_printf(h, "<%s>\n", tag);
	else
		html_printf(h, "<p class=\"meta\">%s</p>\n", msg(MSG_OVP_NONE_YET));
}

void ovp_list_end(struct html *h, size_t n, const char *tag)
{
	if (n)
		html_printf(h, "</%s>\n", tag);
}

bool ovp_id(struct req *r, struct resp *w, int idx, int64_t *id)
{
	if (!str_to_i64(r->param[idx], 1, INT64_MAX, id))
		return true;
	http_send_error(r, w, APP_ENOTFOUND, NULL);
	return false;
}

void ovp_end(struct req *r, struct resp *w, struct html *h, const struct problems *pr)
{
	layout_end(r, h);
	if (pr && pr->n)
		w->status = w->status >= 400 ? w->status : 400;
	w->max_age = 30;
	w->cache_public = !r->user;
}

void ovp_answer(struct req *r, struct resp *w, enum app_err e, const struct problems *pr, ovp_show_fn *show, int64_t id,
		   const char *location)
{
	if (e == APP_EINVAL && !r->is_api)
		show(r, w, id, pr);
	else
		http_answer(r, w, e, pr, location);
}

/* Whether the caller watches over the unit (supervisors, board members, the
 * Front): they see the boards' working records (findings). */
static bool oversees(const struct req *r, const struct unit *u)
{
	return r->user && (auth_caps_at(r->user, u->path) & (CAP_OVERSEE | CAP_BOARDS | CAP_BOARD_WORK | CAP_FRONT));
}

static void flags_list(struct html *h, const struct ov_flags *f)
{
	if (!f->n)
		return;
	html_lit(h, "<ul class=\"problems\">\n");
	for (size_t i = 0; i < f->n; i++)
		html_printf(h, "<li>%s <span class=\"meta\">(%s)</span></li>\n", f->v[i].what, f->v[i].cite);
	html_lit(h, "</ul>\n");
}

/* ---- the unit's section, the hub ---- */

void ov_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	(void)c;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\">", msg(MSG_OVP_SECTION));
	if (ov_board_unit(u->kind))
		html_printf(h, "<li><a href=\"/units/%s/boards\">%s</a></li>", u->code, msg(MSG_OVP_BOARDS));
	if (units_kind_is_commune_level(u->kind))
		html_printf(h, "<li><a href=\"/units/%s/inspection-board\">%s</a></li><li><a href=\"/units/%s/projects\">%s</a></li>",
			    u->code, msg(MSG_OVP_ELECTED), u->code, msg(MSG_OVP_PROJECTS));
	html_printf(h, "<li><a href=\"/units/%s/conferences\">%s</a></li><li><a href=\"/units/%s/events.ics\">%s</a></li></ul>\n",
		    u->code, msg(MSG_OVP_CONFERENCES), u->code, msg(MSG_OVP_ICS));
	(void)r;
}

static void overdue_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u, int64_t today)
{
	struct conf_overdue *od;
	size_t n;
	if (conf_overdue(r->a, c, u, today, &od, &n) || !n)
		return;
	html_printf(h, "<h2 id=\"overdue\">%s</h2>\n<ul class=\"problems\">\n", msg(MSG_OVP_OVERDUE));
	for (size_t i = 0; i < n; i++)
		html_printf(h, "<li><a href=\"/units/%s/conferences\">%s</a>: %s %lld (%s %s)</li>\n", od[i].unit.code, od[i].unit.title,
			    msg(od[i].kind == CF_VILLAGE ? MSG_OVP_NO_VILLAGE_CONF : MSG_OVP_NO_STAFF_CONF), (long long)od[i].year,
			    msg(MSG_OVP_DUE), msg_day(r->a, od[i].due_day));
	html_lit(h, "</ul>\n");
}

static void page_unit_boards_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr);

/* GET /units/{code}/boards */
void page_unit_boards(struct req *r, struct resp *w)
{
	page_unit_boards_show(r, w, 0, NULL);
}

static void page_unit_boards_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	(void)id;
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	if (!ov_board_unit(u.kind)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_OV_NOT_BOARD_UNIT));
		return;
	}
	int64_t now = time(NULL), today = cal_today((time_t)now);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_OVP_BOARDS), u.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, msg(MSG_OVP_BOARDS));
	if (pr)
		form_problems(&h, pr);
	overdue_section(r, &h, c, &u, today);
	struct oboard *bs;
	size_t nb;
	if (oboards_of(r->a, c, &u, &bs, &nb))
		nb = 0;
	bool insp = false;
	struct ov_flags iflags = {0};
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_OVP_BOARD), msg(MSG_OVP_TERM), msg(MSG_OVP_MEMBERS), msg(MSG_OVP_RULES));
	for (size_t i = 0; i < nb; i++) {
		struct board_view v;
		if (oboard_view(r->a, c, &bs[i], today, &v))
			continue;
		insp = insp || bs[i].kind == BK_INSPECTION;
		html_printf(&h, "<tr><td><a href=\"/boards/%lld\">%s</a></td><td>%s – %s</td><td class=\"num\">%zu</td><td>",
			    (long long)bs[i].id, bs[i].title, ovp_day(r, bs[i].term_start), ovp_day(r, bs[i].term_end), v.nmember);
		if (bs[i].dissolved_day)
			html_printf(&h, "%s %s", msg(MSG_OVP_DISSOLVED_ON), msg_day(r->a, bs[i].dissolved_day));
		else if (v.flags.n)
			html_printf(&h, "<strong class=\"badge withdrawn\">%s %zu</strong>", msg(MSG_OVP_BROKEN), v.flags.n);
		else
			html_printf(&h, "<span class=\"badge published\">%s</span>", msg(MSG_OVP_OK));
		html_lit(&h, "</td></tr>\n");
		if (bs[i].kind == BK_INSPECTION)
			iflags = v.flags;
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	flags_list(&h, &iflags);
	if (!insp)
		html_printf(&h, "<p class=\"error\">%s</p>\n", msg(MSG_OV_NO_BOARD_YET));
	bool agency = ov_agency_unit(u.kind);
	if (agency)
		html_printf(&h, "<p>%s: <strong>%lld</strong></p>\n", msg(MSG_OVP_STAFF), (long long)unit_staff(c, u.id));
	if (ov_may_constitute(r->user, &u) || (agency && ov_may_convene(r->user, &u))) {
		if (agency) {
			html_printf(&h, "<h2>%s</h2>\n", msg(MSG_OVP_STAFF));
			form_begin(r, &h, arena_printf(r->a, "/units/%s/staff", u.code), false);
			ovp_field(r, &h, pr, "staff", MSG_OVP_STAFF, "number", true);
			html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
			form_end(&h);
		}
	}
	if (ov_may_constitute(r->user, &u)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_OVP_CONSTITUTE));
		form_begin(r, &h, arena_printf(r->a, "/units/%s/boards", u.code), false);
		if (units_kind_is_commune_level(u.kind)) {
			struct project *ps;
			size_t np;
			if (projects_of(r->a, c, &u, &ps, &np))
				np = 0;
			html_printf(&h, "<label for=\"f-project\">%s</label><select id=\"f-project\" name=\"project\"><option value=\"\">%s</option>",
				    msg(MSG_OVP_KIND), msg(MSG_OV_INSPECTION_BOARD));
			for (size_t i = 0; i < np; i++)
				if (!ps[i].board_id && ps[i].status != PS_DONE && !ps[i].parent_id)
					html_printf(&h, "<option value=\"%lld\">%s — %s</option>", (long long)ps[i].id, msg(MSG_OV_INVEST_BOARD),
						    ps[i].title);
			html_lit(&h, "</select>\n");
		}
		ovp_field(r, &h, pr, "term_start", MSG_OVP_TERM_START, "date", true);
		if (units_kind_is_commune_level(u.kind)) {
			ovp_field(r, &h, pr, "notice_day", MSG_OVP_NOTICE_DAY, "date", false);
			ovp_field(r, &h, pr, "supervision_day", MSG_OVP_SUPERVISION_DAY, "date", false);
		}
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_CONSTITUTE));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* POST /units/{code}/boards — term_start, project (a supervision board), notice_day, supervision_day */
void page_board_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	int64_t project = 0, id = 0;
	const char *p = req_form(r, "project");
	if (p && *p && str_to_i64(p, 1, INT64_MAX, &project))
		project = -1;
	struct board_input in = {req_form(r, "term_start"), NULL, req_form(r, "notice_day"), req_form(r, "supervision_day")};
	struct problems pr = {.a = r->a};
	enum app_err e = project < 0 ? (problems_add(&pr, "project", msg(MSG_OV_NO_PROJECT)), APP_EINVAL)
				     : oboard_create(r->app->db, r->user, &u, project, &in, time(NULL), &id, &pr);
	ovp_answer(r, w, e, &pr, page_unit_boards_show, 0, arena_printf(r->a, "/boards/%lld", (long long)id));
}

/* POST /units/{code}/staff — staff */
void page_unit_staff(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = unit_staff_set(r->app->db, r->user, &u, req_form(r, "staff"), time(NULL), &pr);
	ovp_answer(r, w, e, &pr, page_unit_boards_show, 0, arena_printf(r->a, "/units/%s/boards", u.code));
}

/* ---- a board ---- */

static void member_rows(struct req *r, struct html *h, const struct member *m, size_t n, bool former, bool leave)
{
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<tr><th scope=\"row\">%s%s</th><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
				"<td data-label=\"%s\">%s, %s</td><td data-label=\"%s\">%s – %s</td><td>",
			    m[i].full_name, m[i].by_election ? msg(MSG_OVP_BY_ELECTION_MARK) : "", msg(MSG_OVP_POSITION),
			    msg(member_position_labels[m[i].position]), msg(MSG_OVP_FROM),
			    *m[i].village_title ? m[i].village_title : m[i].represents, msg(MSG_OVP_DECISION), m[i].decision_ref,
			    ovp_day(r, m[i].decision_day), msg(MSG_OVP_TERM), ovp_day(r, m[i].term_start), ovp_day(r, m[i].term_end));
		if (m[i].matter_id)
			html_printf(h, "<a href=\"/matters/%lld\">%s</a> ", (long long)m[i].matter_id, msg(MSG_OVP_ELECTION));
		if (former)
			html_printf(h, "%s %s: %s", msg(MSG_OVP_LEFT), ovp_day(r, m[i].left_day), m[i].left_reason);
		else if (leave) {
			html_printf(h, "<details><summary>%s</summary>", msg(MSG_OVP_LEAVE));
			form_begin(r, h, arena_printf(r->a, "/board-members/%lld/leave", (long long)m[i].id), false);
			form_hidden(h, "board", arena_printf(r->a, "%lld", (long long)m[i].board_id));
			form_field(h, &(struct form_field){.name = "day", .label = msg(MSG_OVP_DAY), .type = "date",
							   .id = arena_printf(r->a, "day-%lld", (long long)m[i].id)}, NULL);
			form_field(h, &(struct form_field){.name = "reason", .label = msg(MSG_OVP_REASON), .type = "text", .required = true,
							   .id = arena_printf(r->a, "reason-%lld", (long long)m[i].id)}, NULL);
			html_printf(h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_LEAVE));
			form_end(h);
			html_lit(h, "</details>");
		}
		html_lit(h, "</td></tr>\n");
	}
}

static void board_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	struct dbc *c = app_conn_or_respond(r, w);
	struct oboard b;
	if (!c)
		return;
	enum app_err e = oboard_get(r->a, c, id, &b);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	int64_t now = time(NULL), today = cal_today((time_t)now);
	struct board_view v;
	if ((e = oboard_view(r->a, c, &b, today, &v))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	bool constitute = ov_may_constitute(r->user, &b.unit) && !b.dissolved_day, work = ov_may_work(c, r->user, &b);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, b.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/boards\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), b.unit.code, b.unit.title, b.unit.code, msg(MSG_OVP_BOARDS), b.title);
	if (pr)
		form_problems(&h, pr);
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s – %s</dd>", msg(MSG_OVP_TERM), ovp_day(r, b.term_start),
		    ovp_day(r, b.term_end));
	if (b.kind == BK_INVESTMENT)
		html_printf(&h, "<dt>%s</dt><dd><a href=\"/projects/%lld\">%s</a></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
			    msg(MSG_OVP_PROJECT), (long long)b.project_id, b.project_title, msg(MSG_OVP_NOTICE_DAY),
			    ovp_day(r, b.notice_day), msg(MSG_OVP_SUPERVISION_DAY), ovp_day(r, b.supervision_day));
	if (b.dissolved_day)
		html_printf(&h, "<dt>%s</dt><dd>%s — %s</dd>", msg(MSG_OVP_DISSOLVED_ON), msg_day(r->a, b.dissolved_day),
			    b.dissolved_reason);
	html_lit(&h, "</dl>\n");
	if (v.flags.n) {
		html_printf(&h, "<h2 id=\"rules\">%s</h2>\n", msg(MSG_OVP_RULES_BROKEN));
		flags_list(&h, &v.flags);
	} else if (!b.dissolved_day) {
		html_printf(&h, "<p class=\"ok\">%s</p>\n", msg(MSG_OVP_RULES_MET));
	}
	html_printf(&h, "<h2 id=\"members\">%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"></th></tr></thead>\n<tbody>\n",
		    msg(MSG_OVP_MEMBERS), msg(MSG_OVP_NAME), msg(MSG_OVP_POSITION), msg(MSG_OVP_FROM), msg(MSG_OVP_DECISION),
		    msg(MSG_OVP_TERM));
	member_rows(r, &h, v.members, v.nmember, false, constitute);
	member_rows(r, &h, v.former, v.nformer, true, false);
	html_lit(&h, "</tbody>\n</table></div>\n");
	for (size_t i = 0; i < v.nvacancy; i++)
		if (!v.vacancies[i].filled)
			html_printf(&h, "<p class=\"meta\">%s %s: %s %lld %s — %s</p>\n", msg(MSG_OVP_VACANCY), v.vacancies[i].left->full_name,
				    msg(MSG_OVP_MONTHS_LEFT), (long long)v.vacancies[i].months_left, msg(MSG_OVP_MONTHS),
				    msg(v.vacancies[i].by_election_due ? MSG_OVP_BY_ELECTION_DUE : MSG_OVP_NO_BY_ELECTION));
	if (constitute) {
		html_printf(&h, "<h3 id=\"add-member\">%s</h3>\n", msg(MSG_OVP_ADD_MEMBER));
		form_begin(r, &h, arena_printf(r->a, "/boards/%lld/members", (long long)b.id), false);
		ovp_field(r, &h, pr, "full_name", MSG_OVP_NAME, "text", true);
		sel(&h, "position", NULL, MSG_OVP_POSITION, member_position_names, member_position_labels, MP__N, pr);
		if (b.kind == BK_INSPECTION && !ov_agency_unit(b.unit.kind)) {
			struct unit *kids;
			size_t nk;
			if (units_children(r->a, c, b.unit.id, &kids, &nk))
				nk = 0;
			html_printf(&h, "<label for=\"f-village\">%s</label><select id=\"f-village\" name=\"village\">", msg(MSG_OVP_FROM));
			for (size_t i = 0; i < nk; i++)
				if (units_kind_is_village(kids[i].kind))
					html_printf(&h, "<option value=\"%s\">%s</option>", kids[i].code, kids[i].title);
			html_lit(&h, "</select>\n");
			form_error(&h, pr, "village");
			ovp_field(r, &h, pr, "matter", MSG_OVP_MATTER, "number", false);
		}
		if (b.kind == BK_INVESTMENT) {
			static const char *const reps[] = {"front", "inspection", "resident"};
			static const enum msg_id rl[] = {MSG_OVP_REP_FRONT, MSG_OVP_REP_INSPECTION, MSG_OVP_REP_RESIDENT};
			sel(&h, "represents", NULL, MSG_OVP_REPRESENTS, reps, rl, 3, pr);
			ovp_field(r, &h, pr, "village", MSG_OVP_VILLAGE_CODE, "text", false);
		}
		ovp_field(r, &h, pr, "username", MSG_OVP_USERNAME, "text", false);
		ovp_field(r, &h, pr, "elected_day", MSG_OVP_ELECTED_DAY, "date", true);
		ovp_field(r, &h, pr, "decision_ref", MSG_OVP_DECISION, "text", true);
		ovp_field(r, &h, pr, "decision_day", MSG_OVP_DECISION_DAY, "date", true);
		html_printf(&h, "<fieldset><legend>%s</legend>", msg(MSG_OVP_DECLARATION));
		if (b.kind == BK_INSPECTION && ov_agency_unit(b.unit.kind))
			check(&h, "not_leader", msg(MSG_OV_DECL_AGENCY));
		else {
			check(&h, "resident", msg(MSG_OVP_DECL_RESIDENT));
			check(&h, "not_official", msg(MSG_OVP_DECL_NOT_OFFICIAL));
		}
		if (b.kind == BK_INVESTMENT)
			check(&h, "no_relatives", msg(MSG_OV_DECL_RELATIVES));
		check(&h, "by_election", msg(MSG_OVP_BY_ELECTION));
		for (const char *const *f = (const char *const[]){"resident", "not_official", "not_leader", "no_relatives", NULL}; *f; f++)
			form_error(&h, pr, *f);
		html_printf(&h, "</fieldset><button type=\"submit\">%s</button>", msg(MSG_OVP_ADD_MEMBER));
		form_end(&h);
	}
	/* plans */
	struct plan *ps;
	size_t np;
	if (plans_of(r->a, c, b.id, false, &ps, &np))
		np = 0;
	html_printf(&h, "<h2 id=\"plans\">%s</h2>\n", msg(MSG_OVP_PLANS));
	for (size_t i = 0; i < np; i++)
		html_printf(&h, "<article class=\"plan%s\"><h3>%s %s – %s (%s %lld)%s</h3><p><strong>%s:</strong> %s</p><p><strong>%s:</strong> %s</p>"
				"<p><strong>%s:</strong> %s</p><p><strong>%s:</strong> %s</p><p class=\"meta\">%s %s%s%s</p></article>\n",
			    ps[i].current ? "" : " old", msg(plan_period_labels[ps[i].period]), ovp_day(r, ps[i].from_day),
			    ovp_day(r, ps[i].to_day), msg(MSG_OVP_VERSION), (long long)ps[i].version,
			    ps[i].current ? "" : msg(MSG_OVP_REPLACED), msg(MSG_OVP_PURPOSE), ps[i].purpose, msg(MSG_OVP_CONTENT),
			    ps[i].content, msg(MSG_OVP_TIMING), ps[i].timing, msg(MSG_OVP_ORGANISATION), ps[i].organisation,
			    msg(MSG_OVP_BUDGET), msg_day(r->a, cal_today((time_t)ps[i].at)), *ps[i].reason ? " — " : "", ps[i].reason);
	if (work) {
		html_printf(&h, "<h3 id=\"new-plan\">%s</h3>\n", msg(MSG_OVP_NEW_PLAN));
		form_begin(r, &h, arena_printf(r->a, "/boards/%lld/plans", (long long)b.id), false);
		html_printf(&h, "<label for=\"f-series\">%s</label><select id=\"f-series\" name=\"series\"><option value=\"\">%s</option>",
			    msg(MSG_OVP_AMEND), msg(MSG_OVP_NEW_PLAN));
		for (size_t i = 0; i < np; i++)
			if (ps[i].current)
				html_printf(&h, "<option value=\"%lld\">%s %s – %s</option>", (long long)ps[i].series,
					    msg(plan_period_labels[ps[i].period]), ovp_day(r, ps[i].from_day), ovp_day(r, ps[i].to_day));
		html_lit(&h, "</select>\n");
		sel(&h, "period", NULL, MSG_OVP_PERIOD, plan_period_names, plan_period_labels, PP__N, pr);
		ovp_field(r, &h, pr, "from", MSG_OVP_FROM_DAY, "date", true);
		ovp_field(r, &h, pr, "to", MSG_OVP_TO_DAY, "date", true);
		ovp_field(r, &h, pr, "purpose", MSG_OVP_PURPOSE, "textarea", true);
		ovp_field(r, &h, pr, "requirements", MSG_OVP_REQUIREMENTS, "textarea", false);
		ovp_field(r, &h, pr, "content", MSG_OVP_CONTENT, "textarea", true);
		ovp_field(r, &h, pr, "timing", MSG_OVP_TIMING, "text", false);
		ovp_field(r, &h, pr, "budget", MSG_OVP_BUDGET_VND, "number", false);
		ovp_field(r, &h, pr, "organisation", MSG_OVP_ORGANISATION, "textarea", false);
		ovp_field(r, &h, pr, "reason", MSG_OVP_AMEND_REASON, "text", false);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_SAVE));
		form_end(&h);
	}
	/* inspections */
	struct inspection *is;
	size_t ni;
	if (inspections_of(r->a, c, b.id, &is, &ni))
		ni = 0;
	html_printf(&h, "<h2 id=\"inspections\">%s</h2>\n", msg(MSG_OVP_INSPECTIONS));
	ovp_list_begin(&h, ni, "ul", "postings");
	for (size_t i = 0; i < ni; i++)
		html_printf(&h, "<li><a href=\"/inspections/%lld\">%s: %s</a> <span class=\"meta\">%s – %s · %s %s · %s</span></li>\n",
			    (long long)is[i].id, msg(strcmp(is[i].kind, "visit") ? MSG_OV_INSPECTION : MSG_OV_VISIT), is[i].subject,
			    ovp_day(r, is[i].start_day), ovp_day(r, is[i].end_day), msg(MSG_OVP_NOTIFIED), ovp_day(r, is[i].notified_day),
			    msg(strcmp(is[i].status, "recorded") ? MSG_OVP_OPEN : MSG_OVP_RECORDED));
	ovp_list_end(&h, ni, "ul");
	if (work) {
		html_printf(&h, "<h3 id=\"new-inspection\">%s</h3>\n", msg(MSG_OVP_NEW_INSPECTION));
		form_begin(r, &h, arena_printf(r->a, "/boards/%lld/inspections", (long long)b.id), false);
		static const char *const kinds[] = {"inspection", "visit"};
		static const enum msg_id kl[] = {MSG_OV_INSPECTION, MSG_OV_VISIT};
		sel(&h, "kind", NULL, MSG_OVP_KIND, kinds, kl, 2, pr);
		ovp_field(r, &h, pr, "subject", MSG_OVP_SUBJECT, "text", true);
		ovp_field_id(r, &h, pr, "content", "inspection-content", MSG_OVP_CONTENT, "textarea", true);
		ovp_field(r, &h, pr, "experts", MSG_OVP_EXPERTS, "text", false);
		ovp_field(r, &h, pr, "notified", MSG_OVP_NOTIFIED_DAY, "date", false);
		ovp_field(r, &h, pr, "start", MSG_OVP_FROM_DAY, "date", true);
		ovp_field(r, &h, pr, "end", MSG_OVP_TO_DAY, "date", true);
		html_printf(&h, "<p class=\"meta\">%s</p><button type=\"submit\">%s</button>", msg(MSG_OVP_NOTICE_RULE),
			    msg(MSG_OVP_NOTIFY));
		form_end(&h);
	}
	/* recommendations and petitions */
	struct board_case *ks;
	size_t nk;
	if (oboard_cases(r->a, c, &b, &ks, &nk))
		nk = 0;
	html_printf(&h, "<h2 id=\"cases\">%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_OVP_RECS), msg(MSG_OVP_CASE), msg(MSG_OVP_RECEIVED), msg(MSG_OVP_DUE), msg(MSG_OVP_ANSWER));
	for (size_t i = 0; i < nk; i++) {
		html_printf(&h, "<tr><td><a href=\"/track/%s\">%s</a> %s<br><span class=\"meta\">%s</span></td><td data-label=\"%s\">%s</td>"
				"<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			    ks[i].code, ks[i].code, ks[i].title, msg(strcmp(ks[i].kind, "board_rec") ? MSG_OVP_PETITION : MSG_OVP_REC),
			    msg(MSG_OVP_RECEIVED), ovp_day(r, ks[i].received_day), msg(MSG_OVP_DUE), ovp_day(r, ks[i].due_day),
			    msg(MSG_OVP_ANSWER));
		if (ks[i].on_time < 0)
			html_printf(&h, "%s", msg(ks[i].due_day && ks[i].due_day < today ? MSG_OVP_LATE_OPEN : MSG_OVP_WAITING));
		else
			html_printf(&h, "%s %s<br>%s", msg(ks[i].on_time ? MSG_OVP_ON_TIME : MSG_OVP_LATE), ovp_day(r, ks[i].resolved_day),
				    ks[i].answer);
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	if (work) {
		html_printf(&h, "<h3 id=\"petition\">%s</h3>\n", msg(MSG_OVP_NEW_PETITION));
		form_begin(r, &h, arena_printf(r->a, "/boards/%lld/petitions", (long long)b.id), false);
		static const char *const ch[] = {"in_person", "paper"};
		static const enum msg_id cl[] = {MSG_OVP_IN_PERSON, MSG_OVP_BOX};
		sel(&h, "channel", NULL, MSG_OVP_CHANNEL, ch, cl, 2, pr);
		ovp_field(r, &h, pr, "title", MSG_OVP_TITLE, "text", true);
		ovp_field(r, &h, pr, "body", MSG_OVP_CONTENT, "textarea", true);
		ovp_field(r, &h, pr, "name", MSG_OVP_PETITIONER, "text", false);
		ovp_field(r, &h, pr, "phone", MSG_OVP_PHONE, "tel", false);
		ovp_field(r, &h, pr, "address", MSG_OVP_ADDRESS, "text", false);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_RECEIVE));
		form_end(&h);
	}
	/* reports */
	struct board_report *rs;
	size_t nr;
	if (board_reports_of(r->a, c, b.id, &rs, &nr))
		nr = 0;
	html_printf(&h, "<h2 id=\"reports\">%s</h2>\n", msg(MSG_OVP_REPORTS));
	ovp_list_begin(&h, nr, "ul", "postings");
	for (size_t i = 0; i < nr; i++)
		html_printf(&h, "<li><a href=\"/board-reports/%lld.pdf\">%s %s – %s</a> <span class=\"meta\">%lld %s, %lld %s</span></li>\n",
			    (long long)rs[i].id, msg(plan_period_labels[rs[i].period]), ovp_day(r, rs[i].from_day),
			    ovp_day(r, rs[i].to_day), (long long)rs[i].inspections, msg(MSG_OVP_N_INSPECTIONS), (long long)rs[i].recs,
			    msg(MSG_OVP_N_RECS));
	ovp_list_end(&h, nr, "ul");
	if (work) {
		form_begin(r, &h, arena_printf(r->a, "/boards/%lld/reports", (long long)b.id), false);
		sel(&h, "period", "report-period", MSG_OVP_PERIOD, plan_period_names, plan_period_labels, PP__N, pr);
		ovp_field_id(r, &h, pr, "from", "report-from", MSG_OVP_FROM_DAY, "date", true);
		ovp_field_id(r, &h, pr, "to", "report-to", MSG_OVP_TO_DAY, "date", true);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_ISSUE_REPORT));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* GET /boards/{id} */
void page_board(struct req *r, struct resp *w)
{
	int64_t id;
	if (ovp_id(r, w, 0, &id))
		board_show(r, w, id, NULL);
}

/* POST /boards/{id}/members */
void page_member_add(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct member_input in = {req_form(r, "full_name"), req_form(r, "position"), req_form(r, "village"),
				  req_form(r, "represents"), req_form(r, "matter"), req_form(r, "username"),
				  req_form(r, "decision_ref"), req_form(r, "decision_day"), req_form(r, "elected_day"),
				  req_form(r, "by_election"), str_eq(req_form(r, "resident"), "1"),
				  str_eq(req_form(r, "not_official"), "1"), str_eq(req_form(r, "not_leader"), "1"),
				  str_eq(req_form(r, "no_relatives"), "1")};
	struct problems pr = {.a = r->a};
	enum app_err e = member_add(r->app->db, r->user, id, &in, time(NULL), NULL, &pr);
	ovp_answer(r, w, e, &pr, board_show, id, arena_printf(r->a, "/boards/%lld#members", (long long)id));
}

/* POST /board-members/{id}/leave — day, reason */
void page_member_leave(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = member_leave(r->app->db, r->user, id, req_form(r, "day"), req_form(r, "reason"), time(NULL), &pr);
	int64_t board = 0;
	const char *bv = req_form(r, "board");
	if (!bv || str_to_i64(bv, 1, INT64_MAX, &board))
		board = 0;
	http_answer(r, w, e, &pr, board ? arena_printf(r->a, "/boards/%lld#members", (long long)board) : "/me");
}

/* POST /boards/{id}/plans — series (an amendment), period, from, to, purpose, ... */
void page_plan_save(struct req *r, struct resp *w)
{
	int64_t id, series = 0;
	if (!ovp_id(r, w, 0, &id))
		return;
	const char *sv = req_form(r, "series");
	if (sv && *sv && str_to_i64(sv, 1, INT64_MAX, &series))
		series = 0;
	struct plan_input in = {req_form(r, "period"), req_form(r, "from"), req_form(r, "to"), req_form(r, "purpose"),
				req_form(r, "requirements"), req_form(r, "content"), req_form(r, "timing"), req_form(r, "budget"),
				req_form(r, "organisation"), req_form(r, "reason")};
	struct problems pr = {.a = r->a};
	enum app_err e = plan_save(r->app->db, r->user, id, series, &in, time(NULL), NULL, &pr);
	ovp_answer(r, w, e, &pr, board_show, id, arena_printf(r->a, "/boards/%lld#plans", (long long)id));
}

/* POST /boards/{id}/inspections — kind, subject, content, experts, notified, start, end, plan */
void page_inspection_create(struct req *r, struct resp *w)
{
	int64_t id, iid = 0;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct inspection_input in = {req_form(r, "kind"), req_form(r, "plan"), req_form(r, "subject"), req_form(r, "content"),
				      req_form(r, "experts"), req_form(r, "notified"), req_form(r, "start"), req_form(r, "end")};
	struct problems pr = {.a = r->a};
	enum app_err e = inspection_create(r->app->db, r->user, id, &in, time(NULL), &iid, &pr);
	ovp_answer(r, w, e, &pr, board_show, id, arena_printf(r->a, "/inspections/%lld", (long long)iid));
}

/* POST /boards/{id}/petitions — channel, title, body, name, phone, address */
void page_petition_create(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	const char *code = NULL;
	enum app_err e = petition_create(r->app->db, r->a, r->user, id, req_form(r, "channel"), req_form(r, "title"),
					 req_form(r, "body"), req_form(r, "name"), req_form(r, "phone"), req_form(r, "address"),
					 time(NULL), &code, &pr);
	ovp_answer(r, w, e, &pr, board_show, id, arena_printf(r->a, "/boards/%lld#cases", (long long)id));
}

/* POST /boards/{id}/reports — period, from, to */
void page_report_issue(struct req *r, struct resp *w)
{
	int64_t id, rid = 0;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = board_report_issue(r->app->db, r->a, r->user, id, req_form(r, "period"), req_form(r, "from"),
					    req_form(r, "to"), time(NULL), &rid, &pr);
	ovp_answer(r, w, e, &pr, board_show, id, arena_printf(r->a, "/boards/%lld#reports", (long long)id));
}

/* ---- the report as an official document ---- */

struct report_doc {
	struct req *r;
	const struct oboard *b;
	const struct board_report *rep;
	const struct doc_record *d;
	struct board_case *ks;
	size_t nk;
	struct inspection *is;
	size_t ni;
};

static enum app_err report_make(void *arg, struct buf *out)
{
	struct report_doc *p = arg;
	struct req *r = p->r;
	char *upper = str_upper(p->b->unit.title);
	struct doc_issuer is = {.parent = arena_printf(r->a, "ỦY BAN MTTQ VIỆT NAM %s", upper ? upper : ""),
				.name = "BAN THANH TRA NHÂN DÂN", .abbr = "BTTND", .place = p->b->unit.name, .level = ""};
	if (p->b->kind == BK_INVESTMENT)
		is.name = "BAN GIÁM SÁT ĐẦU TƯ\nCỦA CỘNG ĐỒNG";
	free(upper);
	struct doc_head hd = {.type = DOC_REPORT, .issuer = &is, .number = p->d->number, .day = cal_today((time_t)p->d->issued_at),
			      .title = "BÁO CÁO",
			      .subject = arena_printf(r->a, "Kết quả hoạt động %s từ %s đến %s", msg(plan_period_labels[p->rep->period]),
						      msg_day(r->a, p->rep->from_day), msg_day(r->a, p->rep->to_day)),
			      .created = p->d->issued_at};
	struct pdf *pdf = doc_begin(&hd, hd.subject);
	if (!pdf)
		return APP_EDB;
	doc_para(pdf, arena_printf(r->a, "%s %s %s %s, %s:", p->b->title, msg(MSG_OVP_R_INTRO), msg_day(r->a, p->rep->from_day),
				    msg(MSG_OVP_R_TO), msg_day(r->a, p->rep->to_day)));
	doc_para(pdf, arena_printf(r->a, "1. %s: %lld; %s: %lld.", msg(MSG_OVP_R_INSPECTIONS), (long long)p->rep->inspections,
				    msg(MSG_OVP_R_FINDINGS), (long long)p->rep->findings));
	for (size_t i = 0; i < p->ni; i++)
		if (p->is[i].start_day >= p->rep->from_day && p->is[i].start_day <= p->rep->to_day)
			doc_para(pdf, arena_printf(r->a, "- %s (%s – %s)%s%s", p->is[i].subject, msg_day(r->a, p->is[i].start_day),
						    msg_day(r->a, p->is[i].end_day), *p->is[i].conclusion ? ": " : ".",
						    p->is[i].conclusion));
	doc_para(pdf, arena_printf(r->a, "2. %s: %lld; %s: %lld, %s: %lld.", msg(MSG_OVP_R_RECS), (long long)p->rep->recs,
				    msg(MSG_OVP_R_ANSWERED), (long long)p->rep->recs_answered, msg(MSG_OVP_R_ON_TIME),
				    (long long)p->rep->recs_on_time));
	for (size_t i = 0; i < p->nk; i++)
		if (!strcmp(p->ks[i].kind, "board_rec") && p->ks[i].received_day >= p->rep->from_day &&
		    p->ks[i].received_day <= p->rep->to_day)
			doc_para(pdf, arena_printf(r->a, "- %s (%s): %s", p->ks[i].title, p->ks[i].code,
						    p->ks[i].on_time < 0 ? msg(MSG_OVP_WAITING) : p->ks[i].answer));
	doc_para(pdf, arena_printf(r->a, "3. %s: %lld.", msg(MSG_OVP_R_PETITIONS), (long long)p->rep->petitions));
	const char *const to[] = {"Ban Thường trực Ủy ban MTTQ Việt Nam xã", "Ủy ban nhân dân xã"};
	doc_end(pdf, &(struct doc_signer){.authority = "TM. BAN", .title = "TRƯỞNG BAN", .name = NULL}, to, 2);
	return pdf_finish(pdf, out);
}

/* GET /board-reports/{id}.pdf */
void page_report_pdf(struct req *r, struct resp *w)
{
	int64_t id;
	char *dot = strchr(r->param[0], '.');
	if (dot && !strcmp(dot, ".pdf"))
		*dot = 0;
	if (!dot || !ovp_id(r, w, 0, &id))
		return (void)(dot ? 0 : (http_send_error(r, w, APP_ENOTFOUND, NULL), 0));
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct board_report rep;
	struct oboard b;
	struct doc_record d;
	enum app_err e = board_report_get(r->a, c, id, &rep);
	if (!e)
		e = oboard_get(r->a, c, rep.board_id, &b);
	if (!e)
		e = doc_get(r->a, c, "board_report", id, "report", &d);
	struct report_doc p = {.r = r, .b = &b, .rep = &rep, .d = &d};
	if (!e)
		e = oboard_cases(r->a, c, &b, &p.ks, &p.nk);
	if (!e)
		e = inspections_of(r->a, c, b.id, &p.is, &p.ni);
	if (!e)
		e = doc_pdf(r->app->db, &d, b.unit.code, report_make, &p, &w->body);
	if (e) {
		resp_reset(w);
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	w->cache_public = true;
	w->max_age = 300;
}

/* ---- an inspection ---- */

static void inspection_show(struct req *r, struct resp *w, int64_t id, const struct problems *pr)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct inspection i;
	struct oboard b;
	enum app_err e = inspection_get(r->a, c, id, &i);
	if (!e)
		e = oboard_get(r->a, c, i.board_id, &b);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	bool work = ov_may_work(c, r->user, &b), open = !strcmp(i.status, "notified");
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s: %s", msg(strcmp(i.kind, "visit") ? MSG_OV_INSPECTION : MSG_OV_VISIT), i.subject);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/boards/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), b.unit.code, b.unit.title, (long long)b.id, b.title, title);
	if (pr)
		form_problems(&h, pr);
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s – %s</dd><dt>%s</dt><dd>%s</dd>", msg(MSG_OVP_NOTIFIED),
		    ovp_day(r, i.notified_day), msg(MSG_OVP_WHEN), ovp_day(r, i.start_day), ovp_day(r, i.end_day), msg(MSG_OVP_CONTENT),
		    i.content);
	if (*i.experts)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_OVP_EXPERTS), i.experts);
	if (!open)
		html_printf(&h, "<dt>%s</dt><dd>%s (%s)</dd>", msg(MSG_OVP_CONCLUSION), i.conclusion, ovp_day(r, i.recorded_day));
	html_lit(&h, "</dl>\n");
	if (oversees(r, &b.unit) || !open) {
		struct finding *fs;
		size_t nf;
		if (findings_of(r->a, c, id, &fs, &nf))
			nf = 0;
		html_printf(&h, "<h2 id=\"findings\">%s</h2>\n", msg(MSG_OVP_FINDINGS));
		ovp_list_begin(&h, nf, "ol", NULL);
		for (size_t k = 0; k < nf; k++) {
			html_printf(&h, "<li>%s", fs[k].finding);
			if (*fs[k].evidence)
				html_printf(&h, "<br><span class=\"meta\">%s: %s</span>", msg(MSG_OVP_EVIDENCE), fs[k].evidence);
			if (*fs[k].sha256)
				html_printf(&h, " <a href=\"/inspections/%lld/files/%s\">%s</a>", (long long)id, fs[k].sha256, fs[k].filename);
			html_lit(&h, "</li>\n");
		}
		ovp_list_end(&h, nf, "ol");
	}
	if (work && open) {
		html_printf(&h, "<h2 id=\"finding\">%s</h2>\n", msg(MSG_OVP_ADD_FINDING));
		form_begin(r, &h, arena_printf(r->a, "/inspections/%lld/findings", (long long)id), true);
		ovp_field(r, &h, pr, "finding", MSG_OVP_FINDING, "textarea", true);
		ovp_field(r, &h, pr, "evidence", MSG_OVP_EVIDENCE, "text", false);
		form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_OVP_FILE), .type = "file",
						    .accept = CASE_FILE_TYPES},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_ADD_FINDING));
		form_end(&h);
		html_printf(&h, "<h2 id=\"record\">%s</h2>\n", msg(MSG_OVP_RECORD));
		form_begin(r, &h, arena_printf(r->a, "/inspections/%lld/record", (long long)id), false);
		ovp_field(r, &h, pr, "conclusion", MSG_OVP_CONCLUSION, "textarea", true);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_OVP_RECORD));
		form_end(&h);
	}
	if (work) {
		html_printf(&h, "<h2 id=\"recommend\">%s</h2>\n", msg(MSG_OVP_RECOMMEND));
		form_begin(r, &h, arena_printf(r->a, "/inspections/%lld/recommendations", (long long)id), false);
		ovp_field(r, &h, pr, "title", MSG_OVP_TITLE, "text", true);
		ovp_field(r, &h, pr, "body", MSG_OVP_CONTENT, "textarea", true);
		html_printf(&h, "<p class=\"meta\">%s</p><button type=\"submit\">%s</button>", msg(MSG_OVP_REC_RULE), msg(MSG_OVP_RECOMMEND));
		form_end(&h);
	}
	ovp_end(r, w, &h, pr);
}

/* GET /inspections/{id} */
void page_inspection(struct req *r, struct resp *w)
{
	int64_t id;
	if (ovp_id(r, w, 0, &id))
		inspection_show(r, w, id, NULL);
}

/* POST /inspections/{id}/findings — finding, evidence, file (multipart) */
void page_finding_add(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	struct posting_file f = {0};
	struct finding_input in = {req_form(r, "finding"), req_form(r, "evidence"), NULL, NULL};
	const struct upload *up = req_file(r, "file");
	if (up && up->len) {
		const char *why = case_file_check(up->data, up->len, &f);
		if (why) {
			problems_add(&pr, "file", why);
		} else {
			char *sha = (char *)f.sha256;
			f.sha256 = arena_strdup(r->a, sha);
			free(sha);
			f.filename = req_upload_name(r, up);
			f.seq = 1;
			in.file = &f;
			in.data = up->data;
		}
	}
	enum app_err e = pr.n ? APP_EINVAL : finding_add(r->app->db, r->user, id, &in, time(NULL), &pr);
	ovp_answer(r, w, e, &pr, inspection_show, id, arena_printf(r->a, "/inspections/%lld#findings", (long long)id));
}

/* POST /inspections/{id}/record — conclusion */
void page_inspection_record(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = inspection_record(r->app->db, r->user, id, req_form(r, "conclusion"), time(NULL), &pr);
	ovp_answer(r, w, e, &pr, inspection_show, id, arena_printf(r->a, "/inspections/%lld", (long long)id));
}

/* POST /inspections/{id}/recommendations — title, body */
void page_rec_create(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	struct inspection i;
	if (!c)
		return;
	enum app_err e = inspection_get(r->a, c, id, &i);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct problems pr = {.a = r->a};
	const char *code = NULL;
	e = rec_create(r->app->db, r->a, r->user, i.board_id, id, req_form(r, "title"), req_form(r, "body"), time(NULL), NULL,
		       &code, &pr);
	ovp_answer(r, w, e, &pr, inspection_show, id, code ? arena_printf(r->a, "/track/%s", code) : "/");
}

/* GET /inspections/{id}/files/{sha256} — evidence, for who oversees the unit, or once recorded */
void page_inspection_file(struct req *r, struct resp *w)
{
	int64_t id;
	if (!ovp_id(r, w, 0, &id))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct inspection i;
	struct oboard b;
	struct finding *fs;
	size_t nf = 0;
	enum app_err e = inspection_get(r->a, c, id, &i);
	if (!e)
		e = oboard_get(r->a, c, i.board_id, &b);
	if (!e)
		e = findings_of(r->a, c, id, &fs, &nf);
	if (!e && strcmp(i.status, "recorded") && !oversees(r, &b.unit))
		e = APP_ENOTFOUND;
	for (size_t k = 0; !e && k < nf; k++)
		if (!strcmp(fs[k].sha256, r->param[1])) {
			dp_blob_respond(r, w, c, fs[k].sha256, fs[k].filename);
			return;
		}
	http_send_error(r, w, e ? e : APP_ENOTFOUND, NULL);
}
