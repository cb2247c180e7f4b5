/*
 * elections_pages.c — electing a village head or an inspection board and relieving a village head on a matter's page and through the API (Decree 59 Arts. 7-9).
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/pdf.h"
#include "../util/str.h"
#include "mpages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- village head elections ---- */

static void step_line(struct req *r, struct html *h, enum msg_id label, int64_t done, int64_t by)
{
	char bv[11];
	cal_format_vn(cal_today((time_t)by), bv);
	html_printf(h, "<li>%s %s: ", done ? "✓" : "○", msg(label));
	if (done)
		html_printf(h, "%s %s", msg(MSG_EL_DONE), matters_when(r, done));
	else
		html_printf(h, "%s %s", msg(MSG_EL_BY), bv);
	html_lit(h, "</li>\n");
}

void election_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m,
			     const struct election *el, const struct meeting *g, const struct matter_result *res)
{
	bool head_election = !strcmp(el->kind, "village_head");
	if (head_election) {
		html_printf(h, "<h2>%s</h2>\n<ul class=\"postings\">\n", msg(MSG_EL_TIMELINE));
		step_line(r, h, MSG_EL_STEP_PLAN, el->plan_at, g->starts_at - 20 * 86400);
		step_line(r, h, MSG_EL_STEP_TEAM, el->team_at, g->starts_at - 10 * 86400);
		step_line(r, h, MSG_EL_STEP_NOTICE, el->notice_at, g->starts_at - 7 * 86400);
		step_line(r, h, MSG_EL_STEP_LIST, el->list_at, g->starts_at - 15 * 86400);
		html_lit(h, "</ul>\n");
	}
	if (*el->team)
		html_printf(h, "<p>%s: %s</p>\n", msg(MSG_MT_TEAM), el->team);
	struct candidate *cs;
	size_t nc;
	if (candidates_get(r->a, c, m->id, &cs, &nc))
		return;
	html_printf(h, "<h3>%s</h3>\n<ul class=\"postings\">\n", msg(MSG_EL_CANDIDATES));
	for (size_t i = 0; i < nc; i++) {
		html_printf(h, "<li>%s <span class=\"meta\">%s</span>", cs[i].name,
			    !strcmp(cs[i].source, "front") ? msg(MSG_EL_FROM_FRONT) : msg(MSG_EL_FROM_MEETING));
		if (cs[i].votes >= 0)
			html_printf(h, " — <strong>%lld</strong> %s", (long long)cs[i].votes, msg(MSG_EL_VOTES));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
	if (g->ended_at) {
		/* elected: more than half of ALL households (Art. 21(1) items 4, 5) */
		bool any = false;
		for (size_t i = 0; i < nc; i++)
			if (cs[i].votes * 2 > m->eligible) {
				html_printf(h, "<p class=\"ok\">%s <strong>%s</strong></p>\n", msg(MSG_EL_ELECTED), cs[i].name);
				any = true;
			}
		if (!any)
			html_printf(h, "<p class=\"error\">%s</p>\n", msg(MSG_EL_NO_WINNER));
		return;
	}
	bool officer = decisions_may_run_meeting(r->user, m, head_election ? MEETING_HEAD_ELECTION : MEETING_BOARD_ELECTION);
	bool front = decisions_holds_above(r->user, &m->unit, CAP_FRONT);
	bool started = time(NULL) >= g->starts_at - 3600;
	const char *act = arena_printf(r->a, "/matters/%lld/election", (long long)m->id);
	if (officer && head_election && !el->team_at) {
		form_begin(r, h, act, false);
		form_hidden(h, "step", "team");
		form_field(h, &(struct form_field){.name = "text", .id = "team", .label = msg(MSG_MT_TEAM), .type = "textarea"},
			   NULL);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_EL_DO_TEAM));
		form_end(h);
	}
	if (officer && head_election && !el->notice_at) {
		form_begin(r, h, act, false);
		form_hidden(h, "step", "notice");
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_EL_DO_NOTICE));
		form_end(h);
	}
	if ((front && !started) || (officer && started)) {
		form_begin(r, h, act, false);
		form_hidden(h, "step", "candidate");
		if (started)
			form_hidden(h, "at_meeting", "1");
		form_field(h, &(struct form_field){.name = "text", .id = "cand", .label = msg(MSG_EL_CANDIDATES), .type = "text"},
			   NULL);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_EL_DO_CANDIDATE));
		form_end(h);
	}
	if (officer && started && nc) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/elect", (long long)m->id), false);
		for (size_t i = 0; i < nc; i++)
			form_field(h, &(struct form_field){.name = arena_printf(r->a, "v%d", cs[i].seq), .label = cs[i].name,
							   .type = "number", .min = "0", .required = true}, NULL);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_EL_DO_COUNT));
		form_end(h);
	}
	(void)res;
}

/* The API's answer to a new election or dismissal: 201 with its address, or the error. */
static void answer_created(struct req *r, struct resp *w, enum app_err e, const struct problems *pr, int64_t id)
{
	if (e) {
		http_send_problems(r, w, e, pr);
		return;
	}
	http_send_json(w, json_pack("{s:I, s:s}", "id", (json_int_t)id, "url", arena_printf(r->a, "/matters/%lld", (long long)id)));
	w->status = 201;
}

/* POST /api/v1/units/{code}/elections — {meeting_at, location, method}: the
 * commune chair decides to hold the election of the village head. */
void api_election_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, true, &u);
	if (!c)
		return;
	json_t *j = r->json;
	const char *kind = j && json_object_get(j, "kind") ? json_string_value(json_object_get(j, "kind")) : "village_head";
	int64_t when = 0;
	if (!j || !matters_parse_time(json_string_value(json_object_get(j, "meeting_at")), &when))
		when = 0;
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = election_create(r->app->db, &u, kind, when, j ? json_string_value(json_object_get(j, "location")) : NULL,
					 j ? json_string_value(json_object_get(j, "method")) : NULL, r->user, time(NULL), &id, &pr);
	answer_created(r, w, e, &pr, id);
}

/* POST /matters/{id}/election — step (team, notice, candidate), text, at_meeting. */
void page_election_step(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = election_step(r->app->db, m.id, req_form(r, "step"), req_form(r, "text"), req_form(r, "at_meeting") != NULL,
				       r->user, time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld", (long long)m.id));
}

/* POST /matters/{id}/elect — v{seq} = votes of each candidate. */
void page_election_count(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!head_matter_or_respond(r, w, &c, &m))
		return;
	struct candidate *cs;
	size_t nc;
	if (candidates_get(r->a, c, m.id, &cs, &nc)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	int64_t *votes = arena_alloc(r->a, (nc + 1) * sizeof *votes);
	for (size_t i = 0; i < nc; i++) {
		const char *v = req_form(r, arena_printf(r->a, "v%d", cs[i].seq));
		if (!v || str_to_i64(v, 0, 1000000, &votes[i])) {
			http_send_error(r, w, APP_EINVAL, msg(MSG_EL_BAD_COUNT));
			return;
		}
	}
	struct problems pr = {.a = r->a};
	enum app_err e = election_count(r->app->db, m.id, votes, nc, r->user, time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld", (long long)m.id));
}

/* ---- relieving a village head ---- */

void dismissal_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m,
			      const struct dismissal *dm, const struct matter_result *res)
{
	html_printf(h, "<dl class=\"facts\"><dt>%s</dt><dd>%s", msg(MSG_DM_TRIGGER),
		    !strcmp(dm->trigger, "own_request") ? msg(MSG_DM_OWN_REQUEST)
		    : !strcmp(dm->trigger, "front")     ? msg(MSG_DM_FRONT)
							: msg(MSG_DM_PETITION));
	if (dm->initiative_id)
		html_printf(h, " (<a href=\"/initiatives/%lld\">#%lld</a>)", (long long)dm->initiative_id, (long long)dm->initiative_id);
	html_lit(h, "</dd>\n");
	if (*dm->acting_head)
		html_printf(h, "<dt>%s</dt><dd>%s (%s)</dd>\n", msg(MSG_DM_ACTING), dm->acting_head, matters_when(r, dm->acting_at));
	struct matter_standing st;
	if (res->closed && res->passed && !matter_standing_get(r->a, c, m, res, &st) && st.act && !strcmp(st.act, "recognised")) {
		/* Decree 59 Art. 9: a new election decided within 60 days of the recognition */
		char due[11];
		cal_format_vn(cal_today((time_t)st.at) + 60, due);
		html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DM_NEW_ELECTION_BY), due);
	}
	html_lit(h, "</dl>\n");
	if (res->closed && res->passed && decisions_may_set_acting(r->user, m)) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/acting", (long long)m->id), false);
		form_field(h, &(struct form_field){.name = "name", .id = "acting", .label = msg(MSG_DM_ACTING), .type = "text",
						   .required = true}, NULL);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_DM_SET_ACTING));
		form_end(h);
	}
}

/* POST /api/v1/units/{code}/dismissals — {trigger, initiative, meeting_at, location, method}. */
void api_dismissal_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, true, &u);
	if (!c)
		return;
	json_t *j = r->json;
	const char *trigger = j ? json_string_value(json_object_get(j, "trigger")) : NULL;
	int64_t when = 0;
	if (!matters_parse_time(json_string_value(json_object_get(j, "meeting_at")), &when))
		when = 0;
	json_t *ini = json_object_get(j, "initiative");
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = dismissal_create(r->app->db, &u, trigger, json_is_integer(ini) ? (int64_t)json_integer_value(ini) : 0,
					  when, json_string_value(json_object_get(j, "location")),
					  json_string_value(json_object_get(j, "method")), r->user, time(NULL), &id, &pr);
	answer_created(r, w, e, &pr, id);
}

/* POST /matters/{id}/acting — name: the commune chair appoints an acting head. */
void page_dismissal_acting(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = dismissal_acting(r->app->db, c, r->user, &m, req_form(r, "name"), time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld", (long long)m.id));
}
