/*
 * measures_pages.c — a unit's training (who must be trained and whether they
 * are, its courses), a course with its attendance and the list import, the
 * unit's outreach and its regulations, each with the form that records one;
 * and their API.
 */
#include "measures.h"
#include "../auth/auth.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include "measures_pages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* The unit of the path; NULL after answering 404. */
static struct dbc *unit_or_respond(struct req *r, struct resp *w, struct unit *u)
{
	return units_path_unit_or_respond(r, w, false, u);
}

static void head(struct req *r, struct html *h, const struct unit *u, enum msg_id title)
{
	const char *t = arena_printf(r->a, "%s — %s", msg(title), u->title);
	layout_begin(r, h, t);
	html_printf(h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
		       "<li><a href=\"/units/%s/targets\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, u->code, msg(MSG_TG_TITLE), t);
}

void measures_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	if (strcmp(u->kind, "province") && !units_kind_is_commune_level(u->kind) && !units_kind_is_village(u->kind))
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/training\">%s</a></li>"
		       "<li><a href=\"/units/%s/outreach\">%s</a></li><li><a href=\"/units/%s/network\">%s</a></li>"
		       "<li><a href=\"/units/%s/regulations\">%s</a></li>"
		       "<li><a href=\"/units/%s/awards\">%s</a></li><li><a href=\"/units/%s/budget\">%s</a></li></ul>\n",
		    msg(MSG_MS_SECTION), u->code, msg(MSG_MS_TRAINING), u->code, msg(MSG_MS_OUTREACH), u->code,
		    msg(MSG_MS_NETWORK), u->code, msg(MSG_MS_REGULATIONS), u->code, msg(MSG_MS_AWARDS), u->code,
		    msg(MSG_MS_BUDGET));
}

/* The end of a unit's measures page: refused forms answer 400; public pages
 * are cached a minute for visitors. */
static void page_end(struct req *r, struct resp *w, struct html *h, const struct problems *pr)
{
	layout_end(r, h);
	if (pr)
		w->status = w->status >= 400 ? w->status : 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

typedef void unit_page_fn(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr);

/* GET of a unit's page */
static void show(struct req *r, struct resp *w, unit_page_fn *page)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (c)
		page(r, w, c, &u, NULL);
}

/* After a form's write: the page again with every problem and what was
 * typed, or the answer (a redirect to location, the API's JSON, an error). */
static void after_form(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, enum app_err e,
		       const struct problems *pr, unit_page_fn *page, const char *location)
{
	if (e == APP_EINVAL && !r->is_api)
		page(r, w, c, u, pr);
	else
		http_answer(r, w, e, pr, location);
}

/* ---- training ---- */

static void course_form(struct req *r, struct html *h, const struct unit *u, const struct problems *pr)
{
	html_printf(h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_MS_NEW_COURSE));
	if (pr)
		form_problems(h, pr);
	form_begin(r, h, arena_printf(r->a, "/units/%s/courses", u->code), false);
	form_field(h, &(struct form_field){.name = "title", .label = msg(MSG_MS_COURSE_TITLE), .type = "text",
					   .value = pr ? req_form(r, "title") : NULL, .required = true, .max = 300},
		   pr);
	form_field(h, &(struct form_field){.name = "topic", .label = msg(MSG_MS_TOPIC), .type = "text",
					   .value = pr ? req_form(r, "topic") : NULL, .max = 300},
		   pr);
	form_field(h, &(struct form_field){.name = "organiser", .label = msg(MSG_MS_ORGANISER), .type = "text",
					   .value = pr ? req_form(r, "organiser") : NULL, .max = 200},
		   pr);
	const char *form = pr ? req_form(r, "form") : NULL;
	html_printf(h, "<fieldset><legend>%s</legend>", msg(MSG_MS_FORM));
	for (int k = 0; k < 2; k++)
		html_printf(h, "<label><input type=\"radio\" name=\"form\" value=\"%s\"%s> %s</label> ", course_forms[k],
			    str_eq(form, course_forms[k]) || (!form && !k) ? " checked" : "",
			    msg(k ? MSG_MS_ONLINE : MSG_MS_IN_PERSON));
	form_error(h, pr, "form");
	html_lit(h, "</fieldset>\n");
	form_field(h, &(struct form_field){.name = "groups", .label = msg(MSG_MS_GROUPS), .type = "text",
					   .value = pr ? req_form(r, "groups") : NULL, .max = 300, .hint = msg(MSG_MS_GROUPS_HINT)},
		   pr);
	form_field(h, &(struct form_field){.name = "starts", .label = msg(MSG_MS_STARTS), .type = "date",
					   .value = pr ? req_form(r, "starts") : NULL, .required = true},
		   pr);
	form_field(h, &(struct form_field){.name = "ends", .label = msg(MSG_MS_ENDS), .type = "date",
					   .value = pr ? req_form(r, "ends") : NULL, .required = true},
		   pr);
	html_printf(h, "<button type=\"submit\">%s</button>", msg(MSG_MS_CREATE));
	form_end(h);
}

static void training_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	int64_t now = time(NULL);
	struct duty_person *d;
	size_t nd;
	struct course *cs;
	size_t nc;
	enum app_err e = duty_people(r->a, c, u, now, 0, &d, &nd);
	if (!e)
		e = courses_under(r->a, c, u, &cs, &nc);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	head(r, &h, u, MSG_MS_TRAINING);
	size_t trained = 0;
	for (size_t i = 0; i < nd; i++)
		trained += d[i].trained_on != 0;
	html_printf(&h, "<p>%s</p>\n<ul class=\"stats\"><li><span>%s</span> <strong>%zu</strong></li>"
			"<li><span>%s</span> <strong>%zu</strong></li><li><span>%s</span> <strong>%zu</strong></li></ul>\n",
		    msg(MSG_MS_TRAINING_LEAD), msg(MSG_MS_MUST), nd, msg(MSG_MS_TRAINED), trained, msg(MSG_MS_NOT_YET),
		    nd - trained);
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_MS_WHO_MUST));
	if (!nd) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NOBODY));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_MS_PERSON), msg(MSG_MS_HOLDS), msg(MSG_DC_UNIT), msg(MSG_MS_STATUS));
		/* those not yet trained first */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < nd; i++) {
				if ((d[i].trained_on != 0) != (pass == 1))
					continue;
				html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
						"<td data-label=\"%s\"><a href=\"/units/%s\">%s</a></td><td data-label=\"%s\">",
					    msg(MSG_MS_PERSON), d[i].name, msg(MSG_MS_HOLDS), d[i].why, msg(MSG_DC_UNIT),
					    d[i].unit.code, d[i].unit.title, msg(MSG_MS_STATUS));
				if (d[i].trained_on)
					html_printf(&h, "<strong class=\"badge current\">%s %s</strong>", msg(MSG_MS_TRAINED_ON),
						    msg_day(r->a, d[i].trained_on));
				else
					html_printf(&h, "<strong class=\"badge withdrawn\">%s</strong>", msg(MSG_MS_NOT_YET));
				html_lit(&h, "</td></tr>\n");
			}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_MS_COURSES));
	if (!nc)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_COURSES));
	else
		html_lit(&h, "<ul>\n");
	for (size_t i = 0; i < nc; i++)
		html_printf(&h, "<li><a href=\"/courses/%lld\">%s</a> — %s, %s–%s · %lld/%lld %s</li>\n", (long long)cs[i].id,
			    cs[i].title, cs[i].unit.title, msg_day(r->a, cs[i].starts), msg_day(r->a, cs[i].ends),
			    (long long)cs[i].completed, (long long)cs[i].participants, msg(MSG_MS_COMPLETED_OF));
	if (nc)
		html_lit(&h, "</ul>\n");
	if (measures_may_record(r->user, u))
		course_form(r, &h, u, pr);
	page_end(r, w, &h, pr);
}

/* GET /units/{code}/training */
void page_unit_training(struct req *r, struct resp *w)
{
	show(r, w, training_page);
}

/* POST /units/{code}/courses — title, topic, organiser, form, groups, starts, ends */
void page_course_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct course_input in = {req_form(r, "title"), req_form(r, "topic"),  req_form(r, "organiser"), req_form(r, "form"),
				  req_form(r, "groups"), req_form(r, "starts"), req_form(r, "ends")};
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = course_create(r->app->db, r->user, &u, &in, time(NULL), &id, &pr);
	after_form(r, w, c, &u, e, &pr, training_page, arena_printf(r->a, "/courses/%lld", (long long)id));
}

static void course_page(struct req *r, struct resp *w, struct dbc *c, int64_t id, const struct problems *pr, int64_t added)
{
	struct course co;
	struct participant *p;
	size_t np;
	enum app_err e = course_get(r->a, c, id, &co);
	if (!e)
		e = course_participants(r->a, c, id, &p, &np);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_MS_NO_COURSE) : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, co.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/training\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), co.unit.code, co.unit.title, co.unit.code, msg(MSG_MS_TRAINING), co.title);
	html_printf(&h, "<dl class=\"meta\"><dt>%s</dt><dd>%s–%s</dd><dt>%s</dt><dd>%s</dd>", msg(MSG_MS_DATES),
		    msg_day(r->a, co.starts), msg_day(r->a, co.ends), msg(MSG_MS_FORM),
		    msg(co.form == COURSE_ONLINE ? MSG_MS_ONLINE : MSG_MS_IN_PERSON));
	if (*co.topic)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_MS_TOPIC), co.topic);
	if (*co.organiser)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_MS_ORGANISER), co.organiser);
	if (*co.groups)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_MS_GROUPS), co.groups);
	html_lit(&h, "</dl>\n");
	if (added)
		html_printf(&h, "<p class=\"ok\" role=\"status\">%s %lld.</p>\n", msg(MSG_MS_IMPORTED), (long long)added);
	html_printf(&h, "<h2>%s (%zu)</h2>\n", msg(MSG_MS_PARTICIPANTS), np);
	if (!np) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_PARTICIPANTS));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_MS_PERSON), msg(MSG_DC_UNIT), msg(MSG_MS_STATUS), msg(MSG_MS_CERTIFICATE));
		for (size_t i = 0; i < np; i++)
			html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
					"<td data-label=\"%s\">%s</td></tr>\n",
				    msg(MSG_MS_PERSON), p[i].name, msg(MSG_DC_UNIT), p[i].unit.title, msg(MSG_MS_STATUS),
				    p[i].completed ? msg(MSG_MS_DONE) : msg(MSG_MS_ATTENDED), msg(MSG_MS_CERTIFICATE),
				    p[i].certificate);
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (measures_may_record(r->user, &co.unit)) {
		html_printf(&h, "<h2 id=\"import\">%s</h2>\n<p>%s</p>\n", msg(MSG_MS_IMPORT), msg(MSG_MS_IMPORT_HINT));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/courses/%lld/attendance", (long long)id), true);
		form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_MS_FILE), .type = "file",
						    .accept = ".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .required = true},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_IMPORT_DO));
		form_end(&h);
	}
	page_end(r, w, &h, pr);
}

static bool id_param(struct req *r, struct resp *w, int64_t *id)
{
	if (str_to_i64(r->param[0], 1, INT64_MAX, id)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_MS_NO_COURSE));
		return false;
	}
	return true;
}

/* GET /courses/{id} */
void page_course(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (id_param(r, w, &id) && (c = app_conn_or_respond(r, w)))
		course_page(r, w, c, id, NULL, 0);
}

/* POST /courses/{id}/attendance — multipart: file (CSV or XLSX) */
void page_course_import(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (!id_param(r, w, &id) || !(c = app_conn_or_respond(r, w)))
		return;
	const struct upload *f = req_file(r, "file");
	struct problems pr = {.a = r->a};
	int64_t added = 0;
	enum app_err e;
	if (!f || !f->len) {
		problems_add(&pr, "file", msg(MSG_MS_NO_FILE));
		e = APP_EINVAL;
	} else {
		e = course_import(r->app->db, r->user, id, f->data, f->len, time(NULL), &added, &pr);
	}
	if (r->is_api || (e && e != APP_EINVAL)) {
		http_answer(r, w, e, &pr, arena_printf(r->a, "/courses/%lld", (long long)id));
		return;
	}
	course_page(r, w, c, id, e ? &pr : NULL, added);
}

/* ---- outreach ---- */

static const enum msg_id outreach_labels[OUTREACH_NKINDS] = {MSG_MS_OR_CONFERENCE, MSG_MS_OR_BROADCAST, MSG_MS_OR_POSTER,
							     MSG_MS_OR_ONLINE,     MSG_MS_OR_CONTEST,   MSG_MS_OR_MEETING};

static const char *outreach_label(const char *kind)
{
	for (int k = 0; k < OUTREACH_NKINDS; k++)
		if (!strcmp(kind, outreach_kinds[k]))
			return msg(outreach_labels[k]);
	return kind;
}

static void outreach_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	struct outreach *o;
	size_t n;
	enum app_err e = outreach_under(r->a, c, u, &o, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	head(r, &h, u, MSG_MS_OUTREACH);
	html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_OUTREACH_LEAD));
	if (!n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_OUTREACH));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_MS_HELD_ON), msg(MSG_MS_KIND), msg(MSG_MS_ACTIVITY), msg(MSG_DC_UNIT), msg(MSG_MS_AUDIENCE),
			    msg(MSG_MS_REACH));
		for (size_t i = 0; i < n; i++) {
			html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
					"<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
				    msg(MSG_MS_HELD_ON), msg_day(r->a, o[i].held_on), msg(MSG_MS_KIND), outreach_label(o[i].kind),
				    msg(MSG_MS_ACTIVITY), o[i].title, msg(MSG_DC_UNIT), o[i].unit.title, msg(MSG_MS_AUDIENCE),
				    o[i].audience, msg(MSG_MS_REACH));
			html_count(&h, o[i].reach);
			html_lit(&h, "</td></tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (measures_may_record(r->user, u)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_MS_NEW_OUTREACH));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/units/%s/outreach", u->code), false);
		const char *kind = pr ? req_form(r, "kind") : NULL;
		html_printf(&h, "<label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\">", msg(MSG_MS_KIND));
		for (int k = 0; k < OUTREACH_NKINDS; k++)
			html_printf(&h, "<option value=\"%s\"%s>%s</option>", outreach_kinds[k],
				    str_eq(kind, outreach_kinds[k]) ? " selected" : "", msg(outreach_labels[k]));
		html_lit(&h, "</select>");
		form_error(&h, pr, "kind");
		form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_MS_ACTIVITY), .type = "text",
						    .value = pr ? req_form(r, "title") : NULL, .required = true, .max = 300},
			   pr);
		form_field(&h, &(struct form_field){.name = "held_on", .label = msg(MSG_MS_HELD_ON), .type = "date",
						    .value = pr ? req_form(r, "held_on") : NULL, .required = true},
			   pr);
		form_field(&h, &(struct form_field){.name = "audience", .label = msg(MSG_MS_AUDIENCE), .type = "text",
						    .value = pr ? req_form(r, "audience") : NULL, .max = 300},
			   pr);
		form_field(&h, &(struct form_field){.name = "reach", .label = msg(MSG_MS_REACH), .type = "number",
						    .value = pr ? req_form(r, "reach") : NULL, .min = "0"},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_CREATE));
		form_end(&h);
	}
	page_end(r, w, &h, pr);
}

/* GET /units/{code}/outreach */
void page_unit_outreach(struct req *r, struct resp *w)
{
	show(r, w, outreach_page);
}

/* POST /units/{code}/outreach — kind, title, held_on, audience, reach */
void page_outreach_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct outreach_input in = {req_form(r, "kind"), req_form(r, "title"), req_form(r, "held_on"),
				    req_form(r, "audience"), req_form(r, "reach")};
	struct problems pr = {.a = r->a};
	enum app_err e = outreach_create(r->app->db, r->user, &u, &in, time(NULL), NULL, &pr);
	after_form(r, w, c, &u, e, &pr, outreach_page, arena_printf(r->a, "/units/%s/outreach", u.code));
}

/* ---- regulations ---- */

static void regulations_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	struct regulation *g;
	size_t n;
	enum app_err e = regulations_under(r->a, c, u, &g, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	head(r, &h, u, MSG_MS_REGULATIONS);
	html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_REGULATIONS_LEAD));
	if (!n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_REGULATIONS));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"</tr></thead>\n<tbody>\n",
			    msg(MSG_MS_ISSUED_ON), msg(MSG_MS_NUMBER), msg(MSG_MS_REG_TITLE), msg(MSG_MS_KIND), msg(MSG_DC_UNIT));
		for (size_t i = 0; i < n; i++)
			html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
					"<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>\n",
				    msg(MSG_MS_ISSUED_ON), msg_day(r->a, g[i].issued_on), msg(MSG_MS_NUMBER), g[i].number,
				    msg(MSG_MS_REG_TITLE), g[i].title, msg(MSG_MS_KIND),
				    msg(strcmp(g[i].kind, "regulation") ? MSG_MS_REG_RESOLUTION : MSG_MS_REG_REGULATION),
				    msg(MSG_DC_UNIT), g[i].unit.title);
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (measures_may_record(r->user, u)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_MS_NEW_REGULATION));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/units/%s/regulations", u->code), false);
		const char *kind = pr ? req_form(r, "kind") : NULL;
		html_printf(&h, "<fieldset><legend>%s</legend>", msg(MSG_MS_KIND));
		html_printf(&h, "<label><input type=\"radio\" name=\"kind\" value=\"regulation\"%s> %s</label> ",
			    !kind || str_eq(kind, "regulation") ? " checked" : "", msg(MSG_MS_REG_REGULATION));
		html_printf(&h, "<label><input type=\"radio\" name=\"kind\" value=\"measures_resolution\"%s> %s</label>",
			    str_eq(kind, "measures_resolution") ? " checked" : "", msg(MSG_MS_REG_RESOLUTION));
		form_error(&h, pr, "kind");
		html_lit(&h, "</fieldset>\n");
		form_field(&h, &(struct form_field){.name = "number", .label = msg(MSG_MS_NUMBER), .type = "text",
						    .value = pr ? req_form(r, "number") : NULL, .required = true, .max = 60},
			   pr);
		form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_MS_REG_TITLE), .type = "text",
						    .value = pr ? req_form(r, "title") : NULL, .required = true, .max = 300},
			   pr);
		form_field(&h, &(struct form_field){.name = "issued_on", .label = msg(MSG_MS_ISSUED_ON), .type = "date",
						    .value = pr ? req_form(r, "issued_on") : NULL, .required = true},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_CREATE));
		form_end(&h);
	}
	page_end(r, w, &h, pr);
}

/* GET /units/{code}/regulations */
void page_unit_regulations(struct req *r, struct resp *w)
{
	show(r, w, regulations_page);
}

/* POST /units/{code}/regulations — kind, number, title, issued_on */
void page_regulation_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct regulation_input in = {req_form(r, "kind"), req_form(r, "number"), req_form(r, "title"),
				      req_form(r, "issued_on")};
	struct problems pr = {.a = r->a};
	enum app_err e = regulation_create(r->app->db, r->user, &u, &in, time(NULL), NULL, &pr);
	after_form(r, w, c, &u, e, &pr, regulations_page, arena_printf(r->a, "/units/%s/regulations", u.code));
}

/* ---- API ---- */

/* GET /api/v1/units/{code}/training — who must be trained at the unit and below, and whether they are.
 * Names of people who hold public duties; no contact data. */
void api_unit_training(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct duty_person *d;
	size_t nd;
	enum app_err e = duty_people(r->a, c, &u, time(NULL), 0, &d, &nd);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *all = json_array();
	for (size_t i = 0; i < nd; i++) {
		char day[11] = "";
		if (d[i].trained_on)
			cal_format_iso(d[i].trained_on, day);
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "unit", d[i].unit.code, "name", d[i].name, "holds", d[i].why,
				      "officer", d[i].officer);
		json_object_set_new(o, "trained_on", d[i].trained_on ? json_string(day) : json_null());
		json_array_append_new(all, o);
	}
	http_send_array_page(r, w, all, json_pack("{s:s}", "unit", u.code));
	w->max_age = 60;
}

/* GET /api/v1/courses/{id} — a course and its participants */
void api_course(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_json_error(r, w, APP_ENOTFOUND, "id", msg(MSG_MS_NO_COURSE));
		return;
	}
	if (!(c = app_conn_or_respond(r, w)))
		return;
	struct course co;
	struct participant *p;
	size_t np;
	enum app_err e = course_get(r->a, c, id, &co);
	if (!e)
		e = course_participants(r->a, c, id, &p, &np);
	if (e) {
		http_send_json_error(r, w, e, "id", e == APP_ENOTFOUND ? msg(MSG_MS_NO_COURSE) : NULL);
		return;
	}
	json_t *ps = json_array();
	for (size_t i = 0; i < np; i++)
		json_array_append_new(ps, json_pack("{s:s, s:s, s:b, s:s}", "unit", p[i].unit.code, "name", p[i].name,
						    "completed", p[i].completed, "certificate", p[i].certificate));
	char d0[11], d1[11];
	cal_format_iso(co.starts, d0);
	cal_format_iso(co.ends, d1);
	http_send_json(w, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)co.id, "unit",
				    co.unit.code, "title", co.title, "topic", co.topic, "organiser", co.organiser, "form",
				    course_forms[co.form], "groups", co.groups, "starts", d0, "ends", d1, "participants", ps));
	w->max_age = 60;
}

/* ---- awards and violations ---- */

static const enum msg_id award_kind_labels[AWARD_NKINDS] = {MSG_MS_AW_COMMENDATION, MSG_MS_AW_MODEL, MSG_MS_AW_VIOLATION};
static const enum msg_id award_level_labels[AWARD_NLEVELS] = {MSG_MS_LV_CENTRAL, MSG_MS_LV_PROVINCE, MSG_MS_LV_COMMUNE,
							      MSG_MS_LV_UNIT};
static const enum msg_id handling_labels[AWARD_NHANDLINGS] = {MSG_MS_HD_PENDING, MSG_MS_HD_ADMINISTRATIVE,
							     MSG_MS_HD_DISCIPLINARY, MSG_MS_HD_CRIMINAL,
							     MSG_MS_HD_COMPENSATION};

/* The label of name among names, "" when absent. */
static const char *label_of(const char *const *names, const enum msg_id *labels, int n, const char *name)
{
	for (int k = 0; k < n; k++)
		if (str_eq(name, names[k]))
			return msg(labels[k]);
	return "";
}

/* A select of names with their labels, keeping what was typed. */
static void select_of(struct html *h, const char *field, enum msg_id label, const char *const *names,
		      const enum msg_id *labels, int n, const char *typed, const struct problems *pr)
{
	html_printf(h, "<p><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">", field, msg(label), field, field);
	for (int k = 0; k < n; k++)
		html_printf(h, "<option value=\"%s\"%s>%s</option>", names[k], str_eq(typed, names[k]) ? " selected" : "",
			    msg(labels[k]));
	html_lit(h, "</select>");
	form_error(h, pr, field);
	html_lit(h, "</p>\n");
}

/* The links to a table's CSV and XLSX of the year. */
static void downloads(struct req *r, struct html *h, const struct unit *u, const char *what, int year)
{
	(void)r;
	html_printf(h, "<p class=\"noprint\">%s: <a href=\"/units/%s/%s.csv?year=%d\">CSV</a> · "
		       "<a href=\"/units/%s/%s.xlsx?year=%d\">XLSX</a></p>\n",
		    msg(MSG_TG_DOWNLOAD), u->code, what, year, u->code, what, year);
}

/* ?year= (default this year): the year and its days [from, to) */
static int year_param(struct req *r, int64_t *from, int64_t *to)
{
	int y, m, d;
	cal_civil_from_days(cal_today(time(NULL)), &y, &m, &d);
	int64_t v;
	const char *q = req_query(r, "year");
	if (q && !str_to_i64(q, 2000, 2100, &v))
		y = (int)v;
	*from = cal_days_from_civil(y, 1, 1);
	*to = cal_days_from_civil(y + 1, 1, 1);
	return y;
}

static void awards_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	int64_t from, to;
	int year = year_param(r, &from, &to);
	struct award *v;
	size_t n;
	enum app_err e = awards_under(r->a, c, u, from, to, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	head(r, &h, u, MSG_MS_AWARDS);
	html_printf(&h, "<p>%s</p>\n<p>%s %d.</p>\n", msg(MSG_MS_AWARDS_LEAD), msg(MSG_MS_YEAR), year);
	size_t cnt[AWARD_NKINDS] = {0};
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < AWARD_NKINDS; k++)
			cnt[k] += !strcmp(v[i].kind, award_kinds[k]);
	html_printf(&h, "<ul class=\"stats\"><li><span>%s</span> <strong>%zu</strong></li><li><span>%s</span> <strong>%zu</strong></li>"
			"<li><span>%s</span> <strong>%zu</strong></li></ul>\n",
		    msg(MSG_MS_AW_COMMENDATION), cnt[0], msg(MSG_MS_AW_MODEL), cnt[1], msg(MSG_MS_AW_VIOLATION), cnt[2]);
	downloads(r, &h, u, "awards", year);
	if (!n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_AWARDS));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_MS_DECIDED_ON), msg(MSG_MS_KIND), msg(MSG_MS_RECIPIENT), msg(MSG_DC_UNIT), msg(MSG_MS_REASON),
			    msg(MSG_MS_DECISION_OR_HANDLING));
		for (size_t i = 0; i < n; i++) {
			const struct award *a = &v[i];
			bool viol = !strcmp(a->kind, "violation");
			html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s%s%s</td><td data-label=\"%s\">%s%s</td>"
					"<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s%s%s</td></tr>\n",
				    msg(MSG_MS_DECIDED_ON), msg_day(r->a, a->decided_on), msg(MSG_MS_KIND),
				    label_of(award_kinds, award_kind_labels, AWARD_NKINDS, a->kind), *a->level ? " — " : "",
				    label_of(award_levels, award_level_labels, AWARD_NLEVELS, a->level), msg(MSG_MS_RECIPIENT),
				    a->recipient, a->collective ? msg(MSG_MS_COLLECTIVE_MARK) : "", msg(MSG_DC_UNIT), a->unit.title,
				    msg(MSG_MS_REASON), a->reason, msg(MSG_MS_DECISION_OR_HANDLING),
				    viol ? label_of(award_handlings, handling_labels, AWARD_NHANDLINGS, a->handling) : "",
				    viol && *a->decision ? " — " : "", a->decision);
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (measures_may_record(r->user, u)) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_MS_NEW_AWARD));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/units/%s/awards", u->code), false);
		select_of(&h, "kind", MSG_MS_KIND, award_kinds, award_kind_labels, AWARD_NKINDS, pr ? req_form(r, "kind") : NULL, pr);
		form_field(&h, &(struct form_field){.name = "recipient", .label = msg(MSG_MS_RECIPIENT), .type = "text",
						    .value = pr ? req_form(r, "recipient") : NULL, .required = true, .max = 300},
			   pr);
		html_printf(&h, "<p><label><input type=\"checkbox\" name=\"collective\" value=\"1\"%s> %s</label></p>\n",
			    pr && req_form(r, "collective") ? " checked" : "", msg(MSG_MS_COLLECTIVE));
		select_of(&h, "level", MSG_MS_LEVEL, award_levels, award_level_labels, AWARD_NLEVELS, pr ? req_form(r, "level") : NULL,
			  pr);
		form_field(&h, &(struct form_field){.name = "reason", .label = msg(MSG_MS_REASON), .type = "textarea",
						    .value = pr ? req_form(r, "reason") : NULL, .required = true, .max = 2000,
						    .hint = msg(MSG_MS_REASON_HINT)},
			   pr);
		form_field(&h, &(struct form_field){.name = "decision", .label = msg(MSG_MS_DECISION), .type = "text",
						    .value = pr ? req_form(r, "decision") : NULL, .max = 100},
			   pr);
		form_field(&h, &(struct form_field){.name = "decided_on", .label = msg(MSG_MS_DECIDED_ON), .type = "date",
						    .value = pr ? req_form(r, "decided_on") : NULL, .required = true},
			   pr);
		select_of(&h, "handling", MSG_MS_HANDLING, award_handlings, handling_labels, AWARD_NHANDLINGS,
			  pr ? req_form(r, "handling") : NULL, pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_CREATE));
		form_end(&h);
	}
	page_end(r, w, &h, pr);
}

/* GET /units/{code}/awards?year= */
void page_unit_awards(struct req *r, struct resp *w)
{
	show(r, w, awards_page);
}

/* POST /units/{code}/awards — kind, recipient, collective, level, reason, decision, decided_on, handling */
void page_award_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct award_input in = {req_form(r, "kind"),	  req_form(r, "recipient"), req_form(r, "collective"),
				 req_form(r, "level"),	  req_form(r, "reason"),    req_form(r, "decision"),
				 req_form(r, "decided_on"), req_form(r, "handling")};
	struct problems pr = {.a = r->a};
	enum app_err e = award_create(r->app->db, r->user, &u, &in, time(NULL), NULL, &pr);
	after_form(r, w, c, &u, e, &pr, awards_page, arena_printf(r->a, "/units/%s/awards", u.code));
}

/* ---- the budget ---- */

static const enum msg_id activity_labels[BUDGET_NACTIVITIES] = {MSG_MS_BA_TRAINING, MSG_MS_BA_OUTREACH, MSG_MS_BA_CONTEST,
								 MSG_MS_BA_IT,	     MSG_MS_BA_AWARDS,	 MSG_MS_BA_BOARDS,
								 MSG_MS_BA_OTHER};
static const enum msg_id source_labels[2] = {MSG_MS_SRC_STATE, MSG_MS_SRC_SOCIALISED};

/* "12,5 %" of spent over estimate, "—" without an estimate */
static const char *rate(struct arena *a, int64_t spent, int64_t estimate)
{
	if (estimate <= 0)
		return "—";
	int64_t pm = (spent * 1000 + estimate / 2) / estimate;
	return arena_printf(a, "%lld,%lld %%", (long long)(pm / 10), (long long)(pm % 10));
}

static void money(struct html *h, int64_t v)
{
	html_count(h, v);
	html_lit(h, " đ");
}

static void budget_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	int64_t from, to;
	int year = year_param(r, &from, &to);
	struct budget_line *v;
	size_t n;
	enum app_err e = budget_lines_under(r->a, c, u, year, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	head(r, &h, u, MSG_MS_BUDGET);
	html_printf(&h, "<p>%s</p>\n<p>%s %d.</p>\n", msg(MSG_MS_BUDGET_LEAD), msg(MSG_MS_YEAR), year);
	int64_t est[2] = {0}, sp[2] = {0};
	for (size_t i = 0; i < n; i++) {
		int s = !strcmp(v[i].source, "socialised");
		est[s] += v[i].estimate;
		sp[s] += v[i].spent;
	}
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table>\n<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_MS_BY_SOURCE), msg(MSG_MS_SOURCE), msg(MSG_MS_ESTIMATE), msg(MSG_MS_SPENT), msg(MSG_MS_EXECUTION));
	for (int s = 0; s <= 2; s++) {
		int64_t e1 = s < 2 ? est[s] : est[0] + est[1], s1 = s < 2 ? sp[s] : sp[0] + sp[1];
		html_printf(&h, "<tr><th scope=\"row\">%s</th><td>", s < 2 ? msg(source_labels[s]) : msg(MSG_MS_TOTAL));
		money(&h, e1);
		html_lit(&h, "</td><td>");
		money(&h, s1);
		html_printf(&h, "</td><td>%s</td></tr>\n", rate(r->a, s1, e1));
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	downloads(r, &h, u, "budget", year);
	bool may = measures_may_record(r->user, u);
	if (!n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_BUDGET));
	} else {
		html_printf(&h, "<h2>%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_MS_LINES), msg(MSG_DC_UNIT), msg(MSG_MS_ACTIVITY_B), msg(MSG_MS_SOURCE), msg(MSG_MS_ESTIMATE),
			    msg(MSG_MS_SPENT), msg(MSG_MS_EXECUTION));
		for (size_t i = 0; i < n; i++) {
			const struct budget_line *l = &v[i];
			html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
					"<td data-label=\"%s\">",
				    msg(MSG_DC_UNIT), l->unit.title, msg(MSG_MS_ACTIVITY_B),
				    label_of(budget_activities, activity_labels, BUDGET_NACTIVITIES, l->activity), msg(MSG_MS_SOURCE),
				    label_of(budget_sources, source_labels, 2, l->source), msg(MSG_MS_ESTIMATE));
			money(&h, l->estimate);
			html_printf(&h, "</td><td data-label=\"%s\">", msg(MSG_MS_SPENT));
			money(&h, l->spent);
			html_printf(&h, "</td><td data-label=\"%s\">%s", msg(MSG_MS_EXECUTION), rate(r->a, l->spent, l->estimate));
			if (may && measures_may_record(r->user, &l->unit)) {
				/* spending against this line, without leaving the page */
				form_begin(r, &h, arena_printf(r->a, "/budget-lines/%lld/spending", (long long)l->id), false);
				const char *id = arena_printf(r->a, "%lld", (long long)l->id);
				form_field(&h, &(struct form_field){.name = "amount", .label = msg(MSG_MS_AMOUNT), .type = "number",
								    .min = "1", .required = true, .id = arena_printf(r->a, "amount-%s", id)},
					   NULL);
				form_field(&h, &(struct form_field){.name = "spent_on", .label = msg(MSG_MS_SPENT_ON), .type = "date",
								    .required = true, .id = arena_printf(r->a, "spent-%s", id)},
					   NULL);
				form_field(&h, &(struct form_field){.name = "note", .label = msg(MSG_MS_NOTE), .type = "text",
								    .max = 500, .id = arena_printf(r->a, "note-%s", id)},
					   NULL);
				html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_ADD_SPENDING));
				form_end(&h);
			}
			html_lit(&h, "</td></tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (may) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_MS_NEW_LINE));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/units/%s/budget", u->code), false);
		form_field(&h, &(struct form_field){.name = "year", .label = msg(MSG_MS_YEAR), .type = "number",
						    .value = pr ? req_form(r, "year") : arena_printf(r->a, "%d", year), .required = true},
			   pr);
		select_of(&h, "activity", MSG_MS_ACTIVITY_B, budget_activities, activity_labels, BUDGET_NACTIVITIES,
			  pr ? req_form(r, "activity") : NULL, pr);
		select_of(&h, "source", MSG_MS_SOURCE, budget_sources, source_labels, 2, pr ? req_form(r, "source") : NULL, pr);
		form_field(&h, &(struct form_field){.name = "estimate", .label = msg(MSG_MS_ESTIMATE_VND), .type = "number",
						    .value = pr ? req_form(r, "estimate") : NULL, .required = true, .min = "0",
						    .hint = msg(MSG_MS_ESTIMATE_HINT)},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_CREATE));
		form_end(&h);
	}
	layout_end(r, &h);
	if (pr)
		w->status = w->status >= 400 ? w->status : 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/budget?year= */
void page_unit_budget(struct req *r, struct resp *w)
{
	show(r, w, budget_page);
}

/* POST /units/{code}/budget — year, activity, source, estimate */
void page_budget_put(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct budget_input in = {req_form(r, "year"), req_form(r, "activity"), req_form(r, "source"), req_form(r, "estimate")};
	struct problems pr = {.a = r->a};
	enum app_err e = budget_put(r->app->db, r->user, &u, &in, time(NULL), NULL, &pr);
	after_form(r, w, c, &u, e, &pr, budget_page, arena_printf(r->a, "/units/%s/budget?year=%s", u.code, in.year ? in.year : ""));
}

/* POST /budget-lines/{id}/spending — spent_on, amount, note */
void page_spending_add(struct req *r, struct resp *w)
{
	int64_t id;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	struct spending_input in = {req_form(r, "spent_on"), req_form(r, "amount"), req_form(r, "note")};
	struct problems pr = {.a = r->a};
	struct budget_line l = {0};
	enum app_err e = spending_add(r->app->db, r->user, id, &in, time(NULL), &l, &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/units/%s/budget?year=%d", l.unit.code, l.year));
}

/* GET /api/v1/units/{code}/budget?year= — the lines with estimate, spent and execution */
void api_unit_budget(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	int64_t from, to;
	int year = year_param(r, &from, &to);
	struct budget_line *v;
	size_t n;
	enum app_err e = budget_lines_under(r->a, c, &u, year, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *all = json_array();
	json_int_t est = 0, spent = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)v[i].id, "unit",
						     v[i].unit.code, "activity", v[i].activity, "source", v[i].source,
						     "estimate", (json_int_t)v[i].estimate, "spent", (json_int_t)v[i].spent));
		est += v[i].estimate;
		spent += v[i].spent;
	}
	http_send_array_page(r, w, all,
			     json_pack("{s:s, s:i, s:I, s:I, s:o}", "unit", u.code, "year", year, "estimate", est, "spent", spent,
				       "execution", est > 0 ? json_real((double)spent / (double)est) : json_null()));
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/awards?year= — commendations, model examples, violations */
void api_unit_awards(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	int64_t from, to;
	int year = year_param(r, &from, &to);
	struct award *v;
	size_t n;
	enum app_err e = awards_under(r->a, c, &u, from, to, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++) {
		char day[11];
		cal_format_iso(v[i].decided_on, day);
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s}", "id",
						     (json_int_t)v[i].id, "unit", v[i].unit.code, "kind", v[i].kind, "recipient",
						     v[i].recipient, "collective", v[i].collective, "level", v[i].level, "reason",
						     v[i].reason, "decision", v[i].decision, "decided_on", day, "handling",
						     v[i].handling));
	}
	http_send_array_page(r, w, all, json_pack("{s:s, s:i}", "unit", u.code, "year", year));
	w->max_age = 60;
}

/* ---- the information network ---- */

static const enum msg_id relay_kind_labels[RELAY_NKINDS] = {MSG_MS_NK_FRONT, MSG_MS_NK_MASS_ORG, MSG_MS_NK_RESPECTED,
							    MSG_MS_NK_OTHER};
static const enum msg_id relay_channel_labels[RELAY_NCHANNELS] = {MSG_MS_NC_LOUDSPEAKER, MSG_MS_NC_MEETING, MSG_MS_NC_DOOR,
								  MSG_MS_NC_ZALO,	 MSG_MS_NC_FACEBOOK, MSG_MS_NC_PHONE,
								  MSG_MS_NC_OTHER};

/* "Zalo, họp tổ" from "zalo meeting" */
static const char *channels_text(struct arena *a, const char *list)
{
	struct buf b = {0};
	char *l = arena_strdup(a, list);
	for (char *save = NULL, *t = strtok_r(l, " ", &save); t; t = strtok_r(NULL, " ", &save))
		buf_printf(&b, "%s%s", b.n ? ", " : "", label_of(relay_channels, relay_channel_labels, RELAY_NCHANNELS, t));
	const char *s = arena_strdup(a, b.p ? b.p : "");
	free(b.p);
	return s;
}

static void network_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	struct relay *v;
	size_t n;
	enum app_err e = relays_under(r->a, c, u, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	bool may = measures_may_record(r->user, u);
	struct html h = {.b = &w->body};
	head(r, &h, u, MSG_MS_NETWORK);
	html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NETWORK_LEAD));
	int64_t reach = 0;
	for (size_t i = 0; i < n; i++)
		reach += v[i].reach;
	html_printf(&h, "<ul class=\"stats\"><li><span>%s</span> <strong>%zu</strong></li><li><span>%s</span> <strong>",
		    msg(MSG_MS_RELAYS), n, msg(MSG_MS_REACH));
	html_count(&h, reach);
	html_lit(&h, "</strong></li></ul>\n");
	if (!n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MS_NO_RELAYS));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
			    msg(MSG_MS_RELAY_NAME), msg(MSG_MS_KIND), msg(MSG_DC_UNIT), msg(MSG_MS_CHANNELS), msg(MSG_MS_REACH));
		if (may)
			html_printf(&h, "<th scope=\"col\">%s</th>", msg(MSG_MS_CONTACT));
		html_lit(&h, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
					"<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
				    msg(MSG_MS_RELAY_NAME), v[i].name, msg(MSG_MS_KIND),
				    label_of(relay_kinds, relay_kind_labels, RELAY_NKINDS, v[i].kind), msg(MSG_DC_UNIT), v[i].unit.title,
				    msg(MSG_MS_CHANNELS), channels_text(r->a, v[i].channels), msg(MSG_MS_REACH));
			html_count(&h, v[i].reach);
			html_lit(&h, "</td>");
			if (may)
				html_printf(&h, "<td data-label=\"%s\">%s</td>", msg(MSG_MS_CONTACT), v[i].contact);
			html_lit(&h, "</tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (may) {
		html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_MS_NEW_RELAY));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/units/%s/network", u->code), false);
		select_of(&h, "kind", MSG_MS_KIND, relay_kinds, relay_kind_labels, RELAY_NKINDS, pr ? req_form(r, "kind") : NULL, pr);
		form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_MS_RELAY_NAME), .type = "text",
						    .value = pr ? req_form(r, "name") : NULL, .required = true, .max = 300},
			   pr);
		html_printf(&h, "<fieldset><legend>%s</legend>", msg(MSG_MS_CHANNELS));
		for (int k = 0; k < RELAY_NCHANNELS; k++)
			html_printf(&h, "<label><input type=\"checkbox\" name=\"ch_%s\" value=\"1\"%s> %s</label> ", relay_channels[k],
				    pr && req_form(r, arena_printf(r->a, "ch_%s", relay_channels[k])) ? " checked" : "",
				    msg(relay_channel_labels[k]));
		form_error(&h, pr, "channels");
		html_lit(&h, "</fieldset>\n");
		form_field(&h, &(struct form_field){.name = "reach", .label = msg(MSG_MS_REACH), .type = "number",
						    .value = pr ? req_form(r, "reach") : NULL, .min = "0"},
			   pr);
		form_field(&h, &(struct form_field){.name = "contact", .label = msg(MSG_MS_CONTACT), .type = "text",
						    .value = pr ? req_form(r, "contact") : NULL, .max = 200, .hint = msg(MSG_MS_CONTACT_HINT)},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_CREATE));
		form_end(&h);
	}
	page_end(r, w, &h, pr);
	if (may)
		w->cache_public = false; /* contacts are for officers */
}

/* GET /units/{code}/network */
void page_unit_network(struct req *r, struct resp *w)
{
	show(r, w, network_page);
}

/* POST /units/{code}/network — kind, name, ch_CHANNEL..., reach, contact */
void page_relay_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	struct buf ch = {0};
	for (int k = 0; k < RELAY_NCHANNELS; k++)
		if (req_form(r, arena_printf(r->a, "ch_%s", relay_channels[k])))
			buf_printf(&ch, "%s%s", ch.n ? " " : "", relay_channels[k]);
	struct relay_input in = {req_form(r, "kind"), req_form(r, "name"),
				 req_form(r, "channels") ? req_form(r, "channels") : arena_strdup(r->a, ch.p ? ch.p : ""),
				 req_form(r, "reach"), req_form(r, "contact")};
	free(ch.p);
	struct problems pr = {.a = r->a};
	enum app_err e = relay_create(r->app->db, r->user, &u, &in, time(NULL), NULL, &pr);
	after_form(r, w, c, &u, e, &pr, network_page, arena_printf(r->a, "/units/%s/network", u.code));
}

/* A unit's list as JSON in the one list shape: fill appends the items. */
typedef enum app_err unit_items_fn(struct req *r, struct dbc *c, const struct unit *u, json_t *all);
static void api_unit_items(struct req *r, struct resp *w, unit_items_fn *fill)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	json_t *all = json_array();
	enum app_err e = fill(r, c, &u, all);
	if (e) {
		json_decref(all);
		http_send_error(r, w, e, NULL);
		return;
	}
	http_send_array_page(r, w, all, json_pack("{s:s}", "unit", u.code));
	w->max_age = 60;
}

static enum app_err network_items(struct req *r, struct dbc *c, const struct unit *u, json_t *all)
{
	struct relay *v;
	size_t n;
	enum app_err e = relays_under(r->a, c, u, &v, &n);
	for (size_t i = 0; i < n && !e; i++)
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)v[i].id, "unit",
						     v[i].unit.code, "kind", v[i].kind, "name", v[i].name, "channels",
						     v[i].channels, "reach", (json_int_t)v[i].reach));
	return e;
}

/* GET /api/v1/units/{code}/network — who relays information, through what (no contacts) */
void api_unit_network(struct req *r, struct resp *w)
{
	api_unit_items(r, w, network_items);
}

static enum app_err outreach_items(struct req *r, struct dbc *c, const struct unit *u, json_t *all)
{
	struct outreach *o;
	size_t n;
	enum app_err e = outreach_under(r->a, c, u, &o, &n);
	for (size_t i = 0; i < n && !e; i++) {
		char day[11];
		cal_format_iso(o[i].held_on, day);
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)o[i].id, "unit",
						     o[i].unit.code, "kind", o[i].kind, "title", o[i].title, "held_on", day,
						     "audience", o[i].audience, "reach", (json_int_t)o[i].reach));
	}
	return e;
}

/* GET /api/v1/units/{code}/outreach — outreach and legal-education activities at the unit and below */
void api_unit_outreach(struct req *r, struct resp *w)
{
	api_unit_items(r, w, outreach_items);
}

static enum app_err regulation_items(struct req *r, struct dbc *c, const struct unit *u, json_t *all)
{
	struct regulation *g;
	size_t n;
	enum app_err e = regulations_under(r->a, c, u, &g, &n);
	for (size_t i = 0; i < n && !e; i++) {
		char day[11];
		cal_format_iso(g[i].issued_on, day);
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)g[i].id, "unit",
						     g[i].unit.code, "kind", g[i].kind, "number", g[i].number, "title",
						     g[i].title, "issued_on", day));
	}
	return e;
}

/* GET /api/v1/units/{code}/regulations — democracy regulations and councils' resolutions at the unit and below */
void api_unit_regulations(struct req *r, struct resp *w)
{
	api_unit_items(r, w, regulation_items);
}

/* ---- the budget and the awards as files (CSV, XLSX) ---- */

#define BG_COLS 8
static enum app_err budget_sheet(struct req *r, struct dbc *c, const struct unit *u, int year, struct sheet *s)
{
	struct budget_line *v;
	size_t n;
	enum app_err e = budget_lines_under(r->a, c, u, year, &v, &n);
	if (e)
		return e;
	const char **cell = arena_alloc(r->a, (n ? n : 1) * BG_COLS * sizeof *cell);
	for (size_t i = 0; i < n; i++) {
		const char **row = &cell[i * BG_COLS];
		row[0] = v[i].unit.code;
		row[1] = v[i].unit.title;
		row[2] = label_of(budget_activities, activity_labels, BUDGET_NACTIVITIES, v[i].activity);
		row[3] = label_of(budget_sources, source_labels, 2, v[i].source);
		row[4] = arena_printf(r->a, "%lld", (long long)v[i].estimate);
		row[5] = arena_printf(r->a, "%lld", (long long)v[i].spent);
		row[6] = v[i].estimate > 0 ? arena_printf(r->a, "%.1f", 100.0 * (double)v[i].spent / (double)v[i].estimate) : "";
		row[7] = arena_printf(r->a, "%d", year);
	}
	const char **head = arena_alloc(r->a, BG_COLS * sizeof *head);
	head[0] = msg(MSG_CT_COL_UNIT_CODE), head[1] = msg(MSG_DC_UNIT), head[2] = msg(MSG_MS_ACTIVITY_B);
	head[3] = msg(MSG_MS_SOURCE), head[4] = msg(MSG_MS_ESTIMATE), head[5] = msg(MSG_MS_SPENT);
	head[6] = arena_printf(r->a, "%s (%%)", msg(MSG_MS_EXECUTION)), head[7] = msg(MSG_MS_YEAR);
	static const double width[BG_COLS] = {10, 30, 36, 18, 16, 16, 14, 8};
	static const bool numeric[BG_COLS] = {false, false, false, false, true, true, true, true};
	*s = (struct sheet){.name = msg(MSG_MS_RP_BUDGET_SHEET), .ncol = BG_COLS, .head = head, .width = width,
			    .numeric = numeric, .cell = cell, .nrow = n};
	return APP_OK;
}

#define AW_COLS 9
static enum app_err awards_sheet(struct req *r, struct dbc *c, const struct unit *u, int year, struct sheet *s)
{
	struct award *v;
	size_t n;
	enum app_err e = awards_under(r->a, c, u, cal_days_from_civil(year, 1, 1), cal_days_from_civil(year + 1, 1, 1), &v, &n);
	if (e)
		return e;
	const char **cell = arena_alloc(r->a, (n ? n : 1) * AW_COLS * sizeof *cell);
	for (size_t i = 0; i < n; i++) {
		const char **row = &cell[i * AW_COLS];
		char day[11];
		cal_format_iso(v[i].decided_on, day);
		row[0] = arena_strdup(r->a, day);
		row[1] = label_of(award_kinds, award_kind_labels, AWARD_NKINDS, v[i].kind);
		row[2] = v[i].recipient;
		row[3] = v[i].collective ? msg(MSG_MS_COLLECTIVE) : "";
		row[4] = label_of(award_levels, award_level_labels, AWARD_NLEVELS, v[i].level);
		row[5] = v[i].reason;
		row[6] = v[i].decision;
		row[7] = label_of(award_handlings, handling_labels, AWARD_NHANDLINGS, v[i].handling);
		row[8] = v[i].unit.title;
	}
	const char **head = arena_alloc(r->a, AW_COLS * sizeof *head);
	head[0] = msg(MSG_MS_DECIDED_ON), head[1] = msg(MSG_MS_KIND), head[2] = msg(MSG_MS_RECIPIENT);
	head[3] = msg(MSG_MS_COLLECTIVE), head[4] = msg(MSG_MS_LEVEL), head[5] = msg(MSG_MS_REASON);
	head[6] = msg(MSG_MS_DECISION), head[7] = msg(MSG_MS_HANDLING), head[8] = msg(MSG_DC_UNIT);
	static const double width[AW_COLS] = {12, 18, 30, 10, 16, 50, 16, 24, 26};
	*s = (struct sheet){.name = msg(MSG_MS_RP_AWARDS_SHEET), .ncol = AW_COLS, .head = head, .width = width,
			    .cell = cell, .nrow = n};
	return APP_OK;
}

typedef enum app_err sheet_fn(struct req *r, struct dbc *c, const struct unit *u, int year, struct sheet *s);

/* A unit's table of the year (?year=) as a download. */
static void unit_file(struct req *r, struct resp *w, sheet_fn *make, const char *base, bool xlsx)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (!c)
		return;
	int64_t from, to;
	int year = year_param(r, &from, &to);
	struct sheet s;
	enum app_err e = make(r, c, &u, year, &s);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_send_sheet(r, w, &s, arena_printf(r->a, "%s-%s-%d", base, u.code, year), xlsx);
}

/* GET /units/{code}/budget.csv|.xlsx?year= */
void page_unit_budget_csv(struct req *r, struct resp *w)
{
	unit_file(r, w, budget_sheet, "kinh-phi", false);
}
void page_unit_budget_xlsx(struct req *r, struct resp *w)
{
	unit_file(r, w, budget_sheet, "kinh-phi", true);
}

/* GET /units/{code}/awards.csv|.xlsx?year= */
void page_unit_awards_csv(struct req *r, struct resp *w)
{
	unit_file(r, w, awards_sheet, "khen-thuong", false);
}
void page_unit_awards_xlsx(struct req *r, struct resp *w)
{
	unit_file(r, w, awards_sheet, "khen-thuong", true);
}
