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
#include "../util/str.h"
#include "measures_pages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *day_vn(struct arena *a, int64_t day)
{
	char *s = arena_alloc(a, 11);
	cal_format_vn(day, s);
	return s;
}

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
		       "<li><a href=\"/units/%s/outreach\">%s</a></li><li><a href=\"/units/%s/regulations\">%s</a></li></ul>\n",
		    msg(MSG_MS_SECTION), u->code, msg(MSG_MS_TRAINING), u->code, msg(MSG_MS_OUTREACH), u->code,
		    msg(MSG_MS_REGULATIONS));
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
						    day_vn(r->a, d[i].trained_on));
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
			    cs[i].title, cs[i].unit.title, day_vn(r->a, cs[i].starts), day_vn(r->a, cs[i].ends),
			    (long long)cs[i].completed, (long long)cs[i].participants, msg(MSG_MS_COMPLETED_OF));
	if (nc)
		html_lit(&h, "</ul>\n");
	if (measures_may_record(r->user, u))
		course_form(r, &h, u, pr);
	layout_end(r, &h);
	if (pr)
		w->status = 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/training */
void page_unit_training(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (c)
		training_page(r, w, c, &u, NULL);
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
	if (e == APP_EINVAL && !r->is_api) {
		training_page(r, w, c, &u, &pr);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/courses/%lld", (long long)id));
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
		    day_vn(r->a, co.starts), day_vn(r->a, co.ends), msg(MSG_MS_FORM),
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
						    .accept = ".csv,text/csv", .required = true},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_MS_IMPORT_DO));
		form_end(&h);
	}
	layout_end(r, &h);
	if (pr)
		w->status = 400;
	w->max_age = 60;
	w->cache_public = !r->user;
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

/* POST /courses/{id}/attendance — multipart: file (CSV) */
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
				    msg(MSG_MS_HELD_ON), day_vn(r->a, o[i].held_on), msg(MSG_MS_KIND), outreach_label(o[i].kind),
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
	layout_end(r, &h);
	if (pr)
		w->status = 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/outreach */
void page_unit_outreach(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (c)
		outreach_page(r, w, c, &u, NULL);
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
	if (e == APP_EINVAL && !r->is_api) {
		outreach_page(r, w, c, &u, &pr);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/units/%s/outreach", u.code));
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
				    msg(MSG_MS_ISSUED_ON), day_vn(r->a, g[i].issued_on), msg(MSG_MS_NUMBER), g[i].number,
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
	layout_end(r, &h);
	if (pr)
		w->status = 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/regulations */
void page_unit_regulations(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = unit_or_respond(r, w, &u);
	if (c)
		regulations_page(r, w, c, &u, NULL);
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
	if (e == APP_EINVAL && !r->is_api) {
		regulations_page(r, w, c, &u, &pr);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/units/%s/regulations", u.code));
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
