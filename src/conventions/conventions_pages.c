/*
 * conventions_pages.c — a village's conventions and the proposal form; a
 * commune's or province's register with what is due and late; a convention's
 * public page (its text, its steps with the day each was done and the day it
 * was due) with the form of the next step for whoever takes it; the API.
 */
#include "conventions.h"
#include "../consult/consult.h"
#include "../decisions/decisions.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "conventions_pages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static const enum msg_id channel_labels[CONVENTION_NCHANNELS] = {MSG_CV_CH_HOUSE,  MSG_CV_CH_CONFERENCE, MSG_CV_CH_NETWORK,
								MSG_CV_CH_COPIES, MSG_CV_CH_SOCIAL,	MSG_CV_CH_LEGAL,
								MSG_CV_CH_OTHER};

void conventions_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	(void)r;
	(void)c;
	if (strcmp(u->kind, "province") && !units_kind_is_commune_level(u->kind) && !units_kind_is_village(u->kind))
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/conventions\">%s</a></li></ul>\n",
		    msg(MSG_CV_TITLE), u->code, msg(MSG_CV_REGISTER));
}

static void badge(struct html *h, enum convention_stage s)
{
	static const char *const cls[CV__N] = {"draft", "draft", "draft", "draft", "draft",
					       "current", "withdrawn", "withdrawn", "withdrawn", "withdrawn"};
	html_printf(h, "<strong class=\"badge %s\">%s</strong>", cls[s], msg(convention_stage_labels[s]));
}

static void next_cell(struct req *r, struct html *h, const struct convention_next *nx)
{
	if (nx->step == CS__N)
		return;
	html_printf(h, "%s", msg(convention_step_labels[nx->step]));
	if (nx->due)
		html_printf(h, " — %s %s", msg(nx->step == CS_ADOPT ? MSG_CV_FROM : MSG_CV_DUE), msg_day(r->a, nx->due));
	if (nx->late)
		html_printf(h, " <strong class=\"badge withdrawn\">%s</strong>", msg(MSG_CV_LATE));
}

/* ---- a unit's conventions ---- */

static void propose_form(struct req *r, struct html *h, const struct unit *u, const struct problems *pr)
{
	html_printf(h, "<h2 id=\"new\">%s</h2>\n<p>%s</p>\n", msg(MSG_CV_NEW), msg(MSG_CV_NEW_HINT));
	if (pr)
		form_problems(h, pr);
	form_begin(r, h, arena_printf(r->a, "/units/%s/conventions", u->code), false);
	const char *kind = pr ? req_form(r, "kind") : NULL, *by = pr ? req_form(r, "proposer") : NULL;
	html_printf(h, "<fieldset><legend>%s</legend><label><input type=\"radio\" name=\"kind\" value=\"huong_uoc\"%s> %s</label> "
		       "<label><input type=\"radio\" name=\"kind\" value=\"quy_uoc\"%s> %s</label>",
		    msg(MSG_CV_KIND), !str_eq(kind, "quy_uoc") ? " checked" : "", msg(MSG_CV_HUONG_UOC),
		    str_eq(kind, "quy_uoc") ? " checked" : "", msg(MSG_CV_QUY_UOC));
	form_error(h, pr, "kind");
	html_lit(h, "</fieldset>\n");
	form_field(h, &(struct form_field){.name = "title", .label = msg(MSG_CV_NAME), .type = "text",
					   .value = pr ? req_form(r, "title") : NULL, .required = true, .max = 300},
		   pr);
	html_printf(h, "<fieldset><legend>%s</legend><label><input type=\"radio\" name=\"proposer\" value=\"village_head\"%s> %s</label> "
		       "<label><input type=\"radio\" name=\"proposer\" value=\"residents\"%s> %s</label>",
		    msg(MSG_CV_PROPOSER), !str_eq(by, "residents") ? " checked" : "", msg(MSG_CV_BY_HEAD),
		    str_eq(by, "residents") ? " checked" : "", msg(MSG_CV_BY_RESIDENTS));
	form_error(h, pr, "proposer");
	html_lit(h, "</fieldset>\n");
	form_field(h, &(struct form_field){.name = "consents", .label = msg(MSG_CV_CONSENTS), .type = "number",
					   .value = pr ? req_form(r, "consents") : NULL, .min = "0", .hint = msg(MSG_CV_CONSENTS_HINT)},
		   pr);
	html_printf(h, "<p><label><input type=\"checkbox\" name=\"front_approved\" value=\"1\"%s> %s</label></p>\n",
		    pr && req_form(r, "front_approved") ? " checked" : "", msg(MSG_CV_FRONT_APPROVED));
	form_field(h, &(struct form_field){.name = "parent", .label = msg(MSG_CV_PARENT), .type = "number",
					   .value = pr ? req_form(r, "parent") : NULL, .min = "1", .hint = msg(MSG_CV_PARENT_HINT)},
		   pr);
	form_field(h, &(struct form_field){.name = "day", .label = msg(MSG_CV_DAY), .type = "date",
					   .value = pr ? req_form(r, "day") : NULL, .required = true},
		   pr);
	html_printf(h, "<button type=\"submit\">%s</button>", msg(MSG_CV_PROPOSE));
	form_end(h);
}

static void unit_conventions(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	struct convention *v;
	size_t n;
	enum app_err e = conventions_under(r->a, c, u, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	int64_t today = cal_today(time(NULL));
	struct html h = {.b = &w->body};
	const char *t = arena_printf(r->a, "%s — %s", msg(MSG_CV_TITLE), u->title);
	layout_begin(r, &h, t);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, t, msg(MSG_CV_LEAD));
	if (!n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CV_NONE));
	} else {
		size_t late = 0;
		struct convention_next *nx = arena_alloc(r->a, n * sizeof *nx);
		for (size_t i = 0; i < n && !e; i++)
			if (!(e = convention_next(c, &v[i], today, &nx[i])))
				late += nx[i].late;
		if (e) {
			http_send_error(r, w, e, NULL);
			return;
		}
		html_printf(&h, "<ul class=\"stats\"><li><span>%s</span> <strong>%zu</strong></li><li><span>%s</span> <strong>%zu</strong></li></ul>\n",
			    msg(MSG_CV_COUNT), n, msg(MSG_CV_LATE_COUNT), late);
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_CV_NAME), msg(MSG_DC_UNIT), msg(MSG_CV_STAGE), msg(MSG_CV_NEXT));
		/* late first: what the commune must act on */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < n; i++) {
				if (nx[i].late != (pass == 0))
					continue;
				html_printf(&h, "<tr><td data-label=\"%s\"><a href=\"/conventions/%lld\">%s</a></td><td data-label=\"%s\">%s</td>"
						"<td data-label=\"%s\">",
					    msg(MSG_CV_NAME), (long long)v[i].id, v[i].title, msg(MSG_DC_UNIT), v[i].village.title,
					    msg(MSG_CV_STAGE));
				badge(&h, v[i].stage);
				html_printf(&h, "</td><td data-label=\"%s\">", msg(MSG_CV_NEXT));
				next_cell(r, &h, &nx[i]);
				html_lit(&h, "</td></tr>\n");
			}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (units_kind_is_village(u->kind) && conventions_may(r->user, u, CS_PROPOSE))
		propose_form(r, &h, u, pr);
	layout_end(r, &h);
	if (pr)
		w->status = w->status >= 400 ? w->status : 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/conventions */
void page_unit_conventions(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (c)
		unit_conventions(r, w, c, &u, NULL);
}

/* POST /units/{code}/conventions — kind, title, proposer, consents, front_approved, parent, day */
void page_convention_propose(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct convention_input in = {req_form(r, "kind"),	     req_form(r, "title"),  req_form(r, "proposer"),
				      req_form(r, "consents"),	     req_form(r, "front_approved"), req_form(r, "parent"),
				      req_form(r, "day")};
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = convention_propose(r->app->db, r->user, &u, &in, time(NULL), &id, &pr);
	if (e == APP_EINVAL && !r->is_api)
		unit_conventions(r, w, c, &u, &pr);
	else
		http_answer(r, w, e, &pr, arena_printf(r->a, "/conventions/%lld", (long long)id));
}

/* ---- a convention ---- */

/* Several steps' forms share a page: their fields' ids carry the step's
 * name, except in the form that was refused, whose problems link to f-NAME. */
static const char *field_id(struct req *r, const char *step, const char *name, const struct problems *pr)
{
	return pr ? NULL : arena_printf(r->a, "%s-%s", step, name);
}

static void field_day(struct req *r, struct html *h, const char *step, const char *name, enum msg_id label,
		      const struct problems *pr)
{
	form_field(h, &(struct form_field){.name = name, .label = msg(label), .type = "date",
					   .value = pr ? req_form(r, name) : NULL, .required = true,
					   .id = field_id(r, step, name, pr)},
		   pr);
}

static void field_text_opt(struct req *r, struct html *h, const char *step, const char *name, enum msg_id label,
			   const char *type, bool required, const struct problems *pr)
{
	form_field(h, &(struct form_field){.name = name, .label = msg(label), .type = type,
					   .value = pr ? req_form(r, name) : NULL, .required = required,
					   .id = field_id(r, step, name, pr)},
		   pr);
}

static void field_text(struct req *r, struct html *h, const char *step, const char *name, enum msg_id label,
		       const char *type, const struct problems *pr)
{
	field_text_opt(r, h, step, name, label, type, true, pr);
}

/* The village's published consultations on a convention's draft, to carry
 * the comment period (Decree 61/2023 Art. 9) through the consultation module. */
static void consultation_choice(struct req *r, struct html *h, struct dbc *c, const struct convention *cv,
				const struct problems *pr)
{
	struct consultation *ks;
	size_t n = 0;
	int64_t total;
	if (consult_list(r->a, c, cv->village.path, false, 0, 50, &ks, &n, &total))
		n = 0;
	const char *chosen = pr ? req_form(r, "consultation") : NULL;
	const char *fid = pr ? "f-consultation" : field_id(r, "consult", "consultation", pr); /* as form_field names it */
	html_printf(h, "<p><label for=\"%s\">%s</label><select id=\"%s\" name=\"consultation\"><option value=\"\">—</option>",
		    fid, msg(MSG_CV_CONSULTATION), fid);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(ks[i].subject, "convention") || ks[i].unit.id != cv->village.id)
			continue;
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)ks[i].id);
		html_printf(h, "<option value=\"%s\"%s>%s: %s (%s – %s)</option>", id,
			    chosen && !strcmp(chosen, id) ? " selected" : "", id, ks[i].title, msg_day(r->a, ks[i].opens_day),
			    msg_day(r->a, ks[i].closes_day));
	}
	html_lit(h, "</select></p>\n");
	form_error(h, pr, "consultation");
}

/* The form of one step on the convention's page. */
static void step_form(struct req *r, struct html *h, struct dbc *c, const struct convention *cv, enum convention_step s,
		      const struct problems *pr)
{
	const char *st = convention_steps[s];
	html_printf(h, "<h3 id=\"step-%s\">%s</h3>\n", st, msg(convention_step_labels[s]));
	form_begin(r, h, arena_printf(r->a, "/conventions/%lld/%s", (long long)cv->id, convention_steps[s]), false);
	switch (s) {
	case CS_TEAM:
		field_text(r, h, st, "team", MSG_CV_TEAM, "textarea", pr);
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
		break;
	case CS_CONSULT:
		consultation_choice(r, h, c, cv, pr);
		html_printf(h, "<p>%s</p>\n", msg(MSG_CV_OR_BY_HAND));
		field_text_opt(r, h, st, "draft", MSG_CV_DRAFT, "textarea", false, pr);
		field_text_opt(r, h, st, "comment_from", MSG_CV_COMMENT_FROM, "date", false, pr);
		field_text_opt(r, h, st, "comment_to", MSG_CV_COMMENT_TO, "date", false, pr);
		html_printf(h, "<p>%s</p>\n", msg(MSG_CV_COMMENT_HINT));
		break;
	case CS_ADOPT: {
		/* the village's votes on its convention (item 3) */
		struct matter *ms;
		size_t n = 0;
		if (matter_list(r->a, c, cv->village.path, 200, &ms, &n))
			n = 0;
		html_printf(h, "<p><label for=\"f-matter\">%s</label><select id=\"f-matter\" name=\"matter\">", msg(MSG_CV_MATTER));
		for (size_t i = 0; i < n; i++)
			if (ms[i].item == 3 && ms[i].unit.id == cv->village.id)
				html_printf(h, "<option value=\"%lld\">%s</option>", (long long)ms[i].id, ms[i].title);
		html_lit(h, "</select>");
		form_error(h, pr, "matter");
		html_printf(h, "</p>\n<p>%s <a href=\"/units/%s/matters/new\">%s</a></p>\n", msg(MSG_CV_MATTER_HINT),
			    cv->village.code, msg(MSG_CV_NEW_MATTER));
		break;
	}
	case CS_RECOGNISE:
		field_text(r, h, st, "decision", MSG_CV_DECISION, "text", pr);
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
		break;
	case CS_REFUSE:
		field_text(r, h, st, "reason", MSG_CV_REASON, "textarea", pr);
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
		break;
	case CS_PUBLISH:
		html_printf(h, "<fieldset><legend>%s</legend>", msg(MSG_CV_CHANNELS));
		for (int k = 0; k < CONVENTION_NCHANNELS; k++)
			html_printf(h, "<label><input type=\"checkbox\" name=\"ch_%s\" value=\"1\"%s> %s</label><br>", convention_channels[k],
				    pr && req_form(r, arena_printf(r->a, "ch_%s", convention_channels[k])) ? " checked" : "",
				    msg(channel_labels[k]));
		form_error(h, pr, "channels");
		html_lit(h, "</fieldset>\n");
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
		break;
	case CS_REVIEW:
		field_text(r, h, st, "outcome", MSG_CV_OUTCOME, "textarea", pr);
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
		break;
	case CS_SUSPEND:
	case CS_ANNUL:
		html_printf(h, "<fieldset><legend>%s</legend><label><input type=\"radio\" name=\"extent\" value=\"full\" checked> %s</label> "
			       "<label><input type=\"radio\" name=\"extent\" value=\"part\"> %s</label>",
			    msg(MSG_CV_EXTENT), msg(MSG_CV_FULL), msg(MSG_CV_PART));
		form_error(h, pr, "extent");
		html_lit(h, "</fieldset>\n");
		field_text(r, h, st, "reason", MSG_CV_REASON, "textarea", pr);
		field_day(r, h, st, "complaint_on", MSG_CV_GROUNDS_ON, pr);
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
		break;
	default:
		field_day(r, h, st, "day", MSG_CV_DAY, pr);
	}
	html_printf(h, "<button type=\"submit\">%s</button>", msg(MSG_CV_RECORD));
	form_end(h);
}

/* The steps that may follow the convention's stage. */
static size_t possible(const struct convention *cv, enum convention_step *out)
{
	size_t n = 0;
	switch (cv->stage) {
	case CV_PROPOSED: out[n++] = CS_TEAM; break;
	case CV_DRAFTING: out[n++] = CS_CONSULT; break;
	case CV_CONSULTING: out[n++] = CS_ADOPT; break;
	case CV_ADOPTED: out[n++] = CS_SEND; break;
	case CV_SENT: out[n++] = CS_RECOGNISE, out[n++] = CS_REFUSE; break;
	case CV_RECOGNISED:
		out[n++] = CS_DISTRIBUTE, out[n++] = CS_PUBLISH, out[n++] = CS_REVIEW, out[n++] = CS_SUSPEND, out[n++] = CS_ANNUL;
		break;
	case CV_SUSPENDED: out[n++] = CS_REVIEW, out[n++] = CS_ANNUL; break;
	default: break;
	}
	return n;
}

/* A convention with its steps and what is due next. */
static enum app_err load(struct req *r, struct dbc *c, int64_t id, struct convention *cv, struct convention_event **hs,
			 size_t *nh, struct convention_next *nx)
{
	enum app_err e = convention_get(r->a, c, id, cv);
	if (!e)
		e = convention_history(r->a, c, id, hs, nh);
	if (!e)
		e = convention_next(c, cv, cal_today(time(NULL)), nx);
	return e;
}

static void convention_page(struct req *r, struct resp *w, struct dbc *c, int64_t id, enum convention_step failed,
			    const struct problems *pr)
{
	struct convention cv;
	struct convention_event *hs;
	size_t nh;
	struct convention_next nx;
	enum app_err e = load(r, c, id, &cv, &hs, &nh, &nx);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CV_NOT_FOUND) : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, cv.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/conventions\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>",
		    msg(MSG_BREADCRUMB), cv.village.code, cv.village.title, cv.village.code, msg(MSG_CV_TITLE), cv.title);
	badge(&h, cv.stage);
	html_printf(&h, " %s</p>\n", msg(strcmp(cv.kind, "quy_uoc") ? MSG_CV_HUONG_UOC : MSG_CV_QUY_UOC));
	if (nx.step != CS__N) {
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s: ", msg(MSG_CV_NEXT));
		next_cell(r, &h, &nx);
		html_lit(&h, "</p>\n");
	}
	if (cv.parent_id)
		html_printf(&h, "<p>%s <a href=\"/conventions/%lld\">%s</a>.</p>\n", msg(MSG_CV_AMENDS), (long long)cv.parent_id,
			    msg(MSG_CV_PREVIOUS));
	if (cv.comment_from)
		html_printf(&h, "<p>%s %s – %s.</p>\n", msg(MSG_CV_COMMENTS_WERE), msg_day(r->a, cv.comment_from),
			    msg_day(r->a, cv.comment_to));
	if (cv.consultation_id)
		html_printf(&h, "<p><a href=\"/consultations/%lld\">%s</a></p>\n", (long long)cv.consultation_id,
			    msg(MSG_CV_SEE_CONSULTATION));
	if (cv.matter_id)
		html_printf(&h, "<p><a href=\"/matters/%lld\">%s</a></p>\n", (long long)cv.matter_id, msg(MSG_CV_SEE_VOTE));
	if (*cv.decision)
		html_printf(&h, "<p>%s %s, %s %s.</p>\n", msg(MSG_CV_DECISION), cv.decision, msg(MSG_CV_ON_DAY),
			    msg_day(r->a, cv.recognised_on));
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_CV_HISTORY));
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_CV_STEP), msg(MSG_CV_DAY), msg(MSG_CV_DUE_COL), msg(MSG_CV_NOTE));
	for (size_t i = 0; i < nh; i++) {
		int k = 0;
		while (k < CS__N && strcmp(convention_steps[k], hs[i].step))
			k++;
		bool late = hs[i].due && hs[i].day > hs[i].due;
		html_printf(&h, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s%s%s</td>"
				"<td data-label=\"%s\">%s</td></tr>\n",
			    msg(MSG_CV_STEP), k < CS__N ? msg(convention_step_labels[k]) : hs[i].step, msg(MSG_CV_DAY),
			    msg_day(r->a, hs[i].day), msg(MSG_CV_DUE_COL), msg_day(r->a, hs[i].due), late ? " — " : "",
			    late ? msg(MSG_CV_WAS_LATE) : "", msg(MSG_CV_NOTE), k == CS_CONSULT ? "" : hs[i].note);
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	if (*cv.draft) {
		html_printf(&h, "<h2>%s</h2>\n<div class=\"text\">", msg(cv.stage >= CV_ADOPTED ? MSG_CV_TEXT : MSG_CV_DRAFT));
		html_markdown(&h, cv.draft);
		html_lit(&h, "</div>\n");
	}
	if (*cv.team)
		html_printf(&h, "<h2>%s</h2>\n<p class=\"pre\">%s</p>\n", msg(MSG_CV_TEAM), cv.team);
	enum convention_step steps[8];
	size_t ns = possible(&cv, steps);
	bool any = false;
	for (size_t i = 0; i < ns; i++) {
		if (!conventions_may(r->user, &cv.village, steps[i]))
			continue;
		if (!any)
			html_printf(&h, "<h2 id=\"steps\">%s</h2>\n", msg(MSG_CV_RECORD_STEP)), any = true;
		if (pr && failed == steps[i])
			form_problems(&h, pr);
		step_form(r, &h, c, &cv, steps[i], failed == steps[i] ? pr : NULL);
	}
	if (pr && failed == CS__N)
		form_problems(&h, pr);
	layout_end(r, &h);
	w->max_age = 60;
	w->cache_public = !r->user;
}

static bool id_param(struct req *r, struct resp *w, int64_t *id)
{
	if (str_to_i64(r->param[0], 1, INT64_MAX, id)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CV_NOT_FOUND));
		return false;
	}
	return true;
}

/* GET /conventions/{id} */
void page_convention(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (id_param(r, w, &id) && (c = app_conn_or_respond(r, w)))
		convention_page(r, w, c, id, CS__N, NULL);
}

/* POST /conventions/{id}/{step} — the step's fields (conventions.h) */
void page_convention_step(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (!id_param(r, w, &id) || !(c = app_conn_or_respond(r, w)))
		return;
	int k = 0;
	while (k < CS__N && strcmp(convention_steps[k], r->param[1]))
		k++;
	struct problems pr = {.a = r->a};
	/* the channels are checkboxes ch_NAME */
	struct buf ch = {0};
	for (int i = 0; i < CONVENTION_NCHANNELS; i++)
		if (req_form(r, arena_printf(r->a, "ch_%s", convention_channels[i])))
			buf_printf(&ch, "%s%s", ch.n ? " " : "", convention_channels[i]);
	const char *channels = req_form(r, "channels") ? req_form(r, "channels") : arena_strdup(r->a, ch.p ? ch.p : "");
	free(ch.p);
	struct convention_fields f = {req_form(r, "team"),	   req_form(r, "draft"),  req_form(r, "comment_from"),
				      req_form(r, "comment_to"),   req_form(r, "matter"), req_form(r, "day"),
				      req_form(r, "decision"),	   req_form(r, "reason"), channels,
				      req_form(r, "extent"),	   req_form(r, "complaint_on"), req_form(r, "outcome"),
				      req_form(r, "consultation")};
	enum app_err e = k == CS__N ? APP_ENOTFOUND : convention_step(r->app->db, r->user, id, (enum convention_step)k, &f, time(NULL), &pr);
	if (e == APP_ENOTFOUND) {
		http_send_error(r, w, e, msg(MSG_CV_NOT_FOUND));
		return;
	}
	if (r->is_api || !e || (e != APP_EINVAL && e != APP_ECONFLICT)) {
		http_answer(r, w, e, &pr, arena_printf(r->a, "/conventions/%lld", (long long)id));
		return;
	}
	w->status = http_status_of(e);
	/* problems not tied to a field of the step's form are shown at the top */
	convention_page(r, w, c, id, e == APP_ECONFLICT ? CS__N : (enum convention_step)k, &pr);
	w->status = http_status_of(e);
}

/* ---- API ---- */

static json_t *convention_json(struct arena *a, const struct convention *cv, const struct convention_next *nx)
{
	char d[5][11];
	const int64_t days[5] = {cv->comment_from, cv->comment_to, cv->adopted_on, cv->sent_on, cv->recognised_on};
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:b}", "id", (json_int_t)cv->id, "village",
			      cv->village.code, "kind", cv->kind, "title", cv->title, "stage", convention_stages[cv->stage],
			      "proposer", cv->proposer, "consents", (json_int_t)cv->consents, "households",
			      (json_int_t)cv->households, "front_approved", cv->front_approved);
	static const char *const names[5] = {"comment_from", "comment_to", "adopted_on", "sent_on", "recognised_on"};
	for (int k = 0; k < 5; k++) {
		if (days[k])
			cal_format_iso(days[k], d[k]);
		json_object_set_new(o, names[k], days[k] ? json_string(d[k]) : json_null());
	}
	json_object_set_new(o, "parent", cv->parent_id ? json_integer(cv->parent_id) : json_null());
	json_object_set_new(o, "matter", cv->matter_id ? json_integer(cv->matter_id) : json_null());
	json_object_set_new(o, "consultation", cv->consultation_id ? json_integer(cv->consultation_id) : json_null());
	json_object_set_new(o, "decision", json_string(cv->decision));
	if (nx && nx->step != CS__N) {
		char due[11] = "";
		if (nx->due)
			cal_format_iso(nx->due, due);
		json_object_set_new(o, "next", json_pack("{s:s, s:o, s:b}", "step", convention_steps[nx->step], "due",
							 nx->due ? json_string(due) : json_null(), "late", nx->late));
	}
	(void)a;
	return o;
}

/* GET /api/v1/conventions/{id} — the convention, its text and its steps */
void api_convention(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_json_error(r, w, APP_ENOTFOUND, "id", msg(MSG_CV_NOT_FOUND));
		return;
	}
	if (!(c = app_conn_or_respond(r, w)))
		return;
	struct convention cv;
	struct convention_event *hs;
	size_t nh;
	struct convention_next nx;
	enum app_err e = load(r, c, id, &cv, &hs, &nh, &nx);
	if (e) {
		http_send_json_error(r, w, e, "id", e == APP_ENOTFOUND ? msg(MSG_CV_NOT_FOUND) : NULL);
		return;
	}
	json_t *o = convention_json(r->a, &cv, &nx);
	json_t *steps = json_array();
	for (size_t i = 0; i < nh; i++) {
		char d[11], due[11] = "";
		cal_format_iso(hs[i].day, d);
		if (hs[i].due)
			cal_format_iso(hs[i].due, due);
		json_array_append_new(steps, json_pack("{s:s, s:s, s:o, s:b, s:s}", "step", hs[i].step, "day", d, "due",
						       hs[i].due ? json_string(due) : json_null(), "late",
						       hs[i].due && hs[i].day > hs[i].due, "note", hs[i].note));
	}
	json_object_set_new(o, "steps", steps);
	json_object_set_new(o, "team", json_string(cv.team));
	json_object_set_new(o, "text", json_string(cv.draft));
	http_send_json(w, o);
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/conventions — the conventions at the unit and below, with what is due */
void api_unit_conventions(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct convention *v;
	size_t n;
	enum app_err e = conventions_under(r->a, c, &u, &v, &n);
	json_t *all = json_array();
	int64_t today = cal_today(time(NULL));
	for (size_t i = 0; i < n && !e; i++) {
		struct convention_next nx;
		if (!(e = convention_next(c, &v[i], today, &nx)))
			json_array_append_new(all, convention_json(r->a, &v[i], &nx));
	}
	if (e) {
		json_decref(all);
		http_send_error(r, w, e, NULL);
		return;
	}
	http_send_array_page(r, w, all, json_pack("{s:s}", "unit", u.code));
	w->max_age = 60;
}
