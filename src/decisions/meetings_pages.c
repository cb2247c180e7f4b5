/*
 * meetings_pages.c — community meetings on a matter's page: the notice, the
 * village head's attendance list (one tap per household, works without
 * JavaScript on a slow network), the count per cluster, the minutes with the
 * contents of Art. 20 and their four signatures, the deadline to send them,
 * and a village's or commune's meetings as an iCalendar feed.
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
#include "../doc/doc.h"
#include "../ledger/ledger.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum meeting_kind meeting_kind_of(const struct election *el, bool dismissal);
static void notice_section(struct req *r, struct html *h, const struct matter *m, const struct meeting *g,
			   const struct decision_rule *rule, const struct matter_result *res);
static const char *procedure_label(const char *kind);
static const char *procedure_subject(const struct procedure *p);
static void procedures_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct meeting *g,
			       bool may_record);

static const enum msg_id slot_labels[4] = {MSG_MT_SLOT_VILLAGE_HEAD, MSG_MT_SLOT_FRONT, MSG_MT_SLOT_HOUSEHOLD_1,
					   MSG_MT_SLOT_HOUSEHOLD_2};

/* One step of the meeting's workflow: done, the current one, or to come. */
static void step(struct html *h, int state, const char *label, const char *detail)
{
	static const char *const cls[] = {"later", "now", "done"};
	static const enum msg_id mark[] = {MSG_MT_STEP_LATER, MSG_MT_STEP_NOW, MSG_MT_STEP_DONE};
	html_printf(h, "<li class=\"%s\"><strong>%s</strong> <span class=\"badge\">%s</span>", cls[state], label,
		    msg(mark[state]));
	if (detail && *detail)
		html_printf(h, "<br><span class=\"meta\">%s</span>", detail);
	html_lit(h, "</li>\n");
}

/* The meeting as its workflow (Decree 59 Art. 3; Law 10/2022 Arts. 20-22):
 * notice, documents to the households, attendance (with how many are
 * present against what a decision needs), procedural votes, the count, the
 * minutes, their four signatures, the commune's recognition; each done, the
 * current one, or to come. */
static void steps_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct meeting *g,
			  const struct matter_result *res)
{
	int64_t now = time(NULL);
	bool started = now >= g->starts_at - 3600, ended = g->ended_at != 0;
	struct matter_doc *docs;
	size_t nd = 0;
	if (matter_documents(r->a, c, m->id, &docs, &nd))
		nd = 0;
	struct procedure *ps;
	size_t np = 0;
	if (meeting_procedures(r->a, c, m->id, &ps, &np))
		np = 0;
	struct signoff *so;
	size_t nso = 0;
	if (meeting_signoffs(r->a, c, m->id, &so, &nso))
		nso = 0;
	struct matter_standing st = {0};
	bool standing = ended && res->passed && !matter_standing_get(r->a, c, m, res, &st) && st.recogniser;
	int state[8] = {2, nd ? 2 : started ? 2 : 1, ended ? 2 : started ? 1 : 0, ended || np ? 2 : started ? 1 : 0,
			ended ? 2 : started ? 1 : 0, ended ? 2 : 0, g->sent_at ? 2 : ended ? 1 : 0,
			standing && st.act ? 2 : standing && g->sent_at ? 1 : 0};
	/* only one current step: the first not done */
	bool seen = false;
	for (int i = 0; i < 8; i++) {
		if (state[i] == 1 && seen)
			state[i] = 0;
		seen |= state[i] != 2;
	}
	html_printf(h, "<h2>%s</h2>\n<ol class=\"steps\">\n", msg(MSG_MT_STEPS));
	step(h, state[0], msg(MSG_MT_STEP_NOTICE), matters_when(r, m->created_at));
	step(h, state[1], msg(MSG_MT_STEP_DOCUMENTS),
	     nd ? arena_printf(r->a, "%zu %s", nd, msg(MSG_MT_STEP_DOCS_N)) : msg(MSG_MT_STEP_DOCS_NONE));
	step(h, state[2], msg(MSG_MT_STEP_ATTENDANCE),
	     started ? arena_printf(r->a, "%lld/%lld %s", (long long)res->turnout, (long long)m->eligible, msg(MSG_MT_STEP_PRESENT))
		     : matters_when(r, g->starts_at));
	if (started && !ended) {
		/* the quorum meter: a decision needs this many households for it, so at least as many present */
		html_lit(h, "<li class=\"meter\">");
		html_bar(h, m->eligible ? res->turnout * 1000 / m->eligible : 0,
			 m->eligible ? (int)((res->needed * 100 + m->eligible - 1) / m->eligible) : 100);
		html_printf(h, "<span>%s %lld/%lld %s; %s %lld %s</span></li>\n", msg(MSG_MT_STEP_PRESENT_NOW), (long long)res->turnout,
			    (long long)m->eligible, msg(MSG_MT_HOUSEHOLDS), msg(MSG_MT_STEP_NEEDS), (long long)res->needed,
			    msg(MSG_MT_STEP_NEEDS_FOR));
	}
	step(h, state[3], msg(MSG_MT_STEP_PROCEDURES), np ? arena_printf(r->a, "%zu %s", np, msg(MSG_MT_STEP_PROC_N)) : "");
	step(h, state[4], msg(MSG_MT_STEP_COUNT),
	     ended ? arena_printf(r->a, "%s %lld, %s %lld, %s %lld", msg(MSG_MT_FOR), (long long)res->votes_for, msg(MSG_MT_AGAINST),
				  (long long)res->votes_against, msg(MSG_MT_ABSTAIN), (long long)res->votes_abstain)
		   : "");
	step(h, state[5], msg(MSG_MT_STEP_MINUTES), "");
	step(h, state[6], msg(MSG_MT_STEP_SIGNATURES), arena_printf(r->a, "%zu/4", nso));
	if (ended && !res->passed)
		step(h, 2, msg(MSG_MT_STEP_RECOGNITION), msg(MSG_MT_STEP_NOT_NEEDED));
	else
		step(h, state[7], msg(MSG_MT_STEP_RECOGNITION), st.act ? matters_act_label(st.act) : "");
	html_lit(h, "</ol>\n");
}

void meeting_body(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct decision_rule *rule,
		  const struct matter_result *res)
{
	struct meeting g;
	if (meeting_get(r->a, c, m->id, &g))
		return;
	struct election el;
	struct dismissal dm;
	bool election = (m->item == 4 || m->item == 5) && !election_get(r->a, c, m->id, &el);
	bool dismissal = m->item == 4 && !dismissal_get(r->a, c, m->id, &dm);
	bool head = decisions_may_run_meeting(r->user, m, meeting_kind_of(election ? &el : NULL, dismissal));
	if (election)
		election_section(r, h, c, m, &el, &g, res);
	if (dismissal)
		dismissal_section(r, h, c, m, &dm, res);
	steps_section(r, h, c, m, &g, res);
	html_printf(h, "<h2>%s</h2>\n<dl class=\"facts\">\n", msg(MSG_MT_MEETING));
	html_printf(h, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_MEETING_AT), matters_when(r, g.starts_at),
		    msg(MSG_MT_LOCATION), g.location);
	html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_VOTING),
		    !strcmp(g.method, "secret") ? msg(MSG_MT_METHOD_SECRET) : msg(MSG_MT_METHOD_HANDS));
	if (g.clusters > 1)
		html_printf(h, "<dt>%s</dt><dd>%d</dd>\n", msg(MSG_MT_CLUSTERS), g.clusters);
	html_printf(h, "<dt>%s</dt><dd>%s %lld/%lld %s (%s %d/%d %s; %s)</dd>\n", msg(MSG_MT_THRESHOLD), msg(MSG_MT_NEEDS),
		    (long long)res->needed, (long long)m->eligible, msg(MSG_MT_HOUSEHOLDS_FOR),
		    rule->strict ? msg(MSG_MT_MORE_THAN) : msg(MSG_MT_AT_LEAST), rule->num, rule->den, msg(MSG_MT_OF_ALL),
		    msg_cite(r->a, rule->legal_basis));
	html_printf(h, "<dt>%s</dt><dd>%lld / %lld</dd>\n</dl>\n", msg(MSG_MT_REPRESENTED), (long long)res->turnout,
		    (long long)m->eligible);
	if (!g.ended_at)
		notice_section(r, h, m, &g, rule, res);
	bool running = !g.ended_at && time(NULL) >= g.starts_at - 3600;
	procedures_section(r, h, c, m, &g, head && running);
	if (head && running) {
		html_printf(h, "<p><a class=\"button\" href=\"/matters/%lld/attendance\">%s</a></p>\n", (long long)m->id,
			    msg(MSG_MT_ATTENDANCE));
		html_printf(h, "<h2>%s</h2>\n", msg(MSG_MT_RECORD_COUNT));
		for (int k = 1; k <= g.clusters && !election; k++) {
			form_begin(r, h, arena_printf(r->a, "/matters/%lld/count", (long long)m->id), false);
			form_hidden(h, "cluster", arena_printf(r->a, "%d", k));
			if (g.clusters > 1)
				html_printf(h, "<p><strong>%s %d</strong></p>", msg(MSG_MT_CLUSTER), k);
			/* one form a cluster: the ids carry its number */
			form_field(h, &(struct form_field){.name = "for", .id = arena_printf(r->a, "for-%d", k), .label = msg(MSG_MT_FOR),
							   .type = "number", .min = "0", .required = true}, NULL);
			form_field(h, &(struct form_field){.name = "against", .id = arena_printf(r->a, "ag-%d", k),
							   .label = msg(MSG_MT_AGAINST), .type = "number", .min = "0", .required = true}, NULL);
			form_field(h, &(struct form_field){.name = "abstain", .id = arena_printf(r->a, "ab-%d", k),
							   .label = msg(MSG_MT_ABSTAIN), .type = "number", .min = "0", .value = "0"}, NULL);
			html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_MT_RECORD_COUNT));
			form_end(h);
		}
	}
	if (!g.ended_at)
		return;
	/* the minutes: Art. 20 */
	html_printf(h, "<h2>%s</h2>\n<dl class=\"facts\">\n", msg(MSG_MT_MINUTES));
	html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_MEETING_AT), matters_when(r, g.starts_at));
	html_printf(h, "<dt>%s</dt><dd>%lld</dd>\n<dt>%s</dt><dd>%lld</dd>\n<dt>%s</dt><dd>%lld</dd>\n", msg(MSG_MT_ELIGIBLE),
		    (long long)m->eligible, msg(MSG_MT_REPRESENTED), (long long)res->turnout, msg(MSG_MT_NOT_REPRESENTED),
		    (long long)(m->eligible - res->turnout));
	html_printf(h, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s (%s)</dd>\n", msg(MSG_DP_ITEM), m->title, msg(MSG_MT_FORM),
		    msg(MSG_MT_FORM_MEETING), !strcmp(g.method, "secret") ? msg(MSG_MT_METHOD_SECRET) : msg(MSG_MT_METHOD_HANDS));
	html_printf(h, "<dt>%s</dt><dd>%s %lld, %s %lld, %s %lld</dd>\n", msg(MSG_MT_RESULT), msg(MSG_MT_FOR), (long long)res->votes_for,
		    msg(MSG_MT_AGAINST), (long long)res->votes_against, msg(MSG_MT_ABSTAIN), (long long)res->votes_abstain);
	html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_DECISION), res->passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED));
	struct procedure *ps;
	size_t np;
	if (!meeting_procedures(r->a, c, m->id, &ps, &np))
		for (size_t i = 0; i < np; i++)
			if (ps[i].passed && strcmp(ps[i].kind, "option"))
				html_printf(h, "<dt>%s</dt><dd>%s (%lld/%lld)</dd>\n", procedure_label(ps[i].kind),
					    procedure_subject(&ps[i]), (long long)ps[i].votes_for, (long long)ps[i].present);
	int64_t due = meeting_minutes_due(c, &g);
	char dv[11];
	cal_format_vn(due, dv);
	html_printf(h, "<dt>%s</dt><dd>%s", msg(MSG_MT_MINUTES_DUE), dv);
	if (g.sent_at)
		html_printf(h, " — %s %s", msg(MSG_MT_MINUTES_SENT), matters_when(r, g.sent_at));
	else if (cal_today(time(NULL)) > due)
		html_printf(h, " — <strong class=\"badge withdrawn\">%s</strong>", msg(MSG_MT_MINUTES_OVERDUE));
	html_lit(h, "</dd>\n</dl>\n");
	/* signatures */
	html_printf(h, "<p><a class=\"button\" href=\"/matters/%lld/minutes.pdf\">%s</a></p>\n", (long long)m->id, msg(MSG_MT_MINUTES_PDF));
	html_printf(h, "<h3>%s</h3>\n<ul class=\"postings\">\n", msg(MSG_MT_SIGNATURES));
	struct signoff *so;
	size_t nso = 0;
	if (meeting_signoffs(r->a, c, m->id, &so, &nso))
		nso = 0;
	for (size_t k = 0; k < nso; k++)
		for (int i = 0; i < 4; i++)
			if (!strcmp(so[k].slot, meeting_slots[i]))
				html_printf(h, "<li>%s: %s <span class=\"meta\">%s</span></li>\n", msg(slot_labels[i]), so[k].name,
					    matters_when(r, so[k].at));
	html_lit(h, "</ul>\n");
	const char *mine = meeting_sign_slot(r->a, c, r->user, m);
	if (mine) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/sign", (long long)m->id), false);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_MT_SIGN));
		form_end(h);
	}
	standing_section(r, h, c, m, res);
}

static const char *procedure_label(const char *kind)
{
	return !strcmp(kind, "secretary")     ? msg(MSG_MT_PROC_SECRETARY)
	       : !strcmp(kind, "count_board") ? msg(MSG_MT_PROC_COUNT_BOARD)
	       : !strcmp(kind, "method")      ? msg(MSG_MT_PROC_METHOD)
					      : msg(MSG_MT_PROC_OPTION);
}

static const char *procedure_subject(const struct procedure *p)
{
	if (strcmp(p->kind, "method"))
		return p->subject;
	return !strcmp(p->subject, "secret") ? msg(MSG_MT_METHOD_SECRET) : msg(MSG_MT_METHOD_HANDS);
}

/* The procedural votes of the meeting (Decree 59 Art. 3(5)), and for the
 * person running it, the form that records one. */
static void procedures_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct meeting *g,
			       bool may_record)
{
	struct procedure *ps;
	size_t n;
	if (meeting_procedures(r->a, c, m->id, &ps, &n) || (!n && !may_record))
		return;
	html_printf(h, "<h2>%s</h2>\n", msg(MSG_MT_PROCEDURES));
	if (!n)
		html_printf(h, "<p class=\"meta\">%s</p>\n", msg(MSG_MT_PROC_NONE));
	else
		html_lit(h, "<ul class=\"postings\">\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(h, "<li>%s: %s — %lld/%lld, <strong class=\"%s\">%s</strong>", procedure_label(ps[i].kind),
			    procedure_subject(&ps[i]), (long long)ps[i].votes_for, (long long)ps[i].present,
			    ps[i].passed ? "ok" : "error", ps[i].passed ? msg(MSG_MT_PROC_ADOPTED) : msg(MSG_MT_PROC_REJECTED));
		if (g->clusters > 1)
			html_printf(h, " <span class=\"meta\">(%s %d)</span>", msg(MSG_MT_CLUSTER), ps[i].cluster);
		html_lit(h, "</li>\n");
	}
	if (n)
		html_lit(h, "</ul>\n");
	if (!may_record)
		return;
	form_begin(r, h, arena_printf(r->a, "/matters/%lld/procedure", (long long)m->id), false);
	html_printf(h, "<p class=\"meta\">%s</p>", msg(MSG_MT_PROC_RULE));
	if (g->clusters > 1)
		form_field(h, &(struct form_field){.name = "cluster", .id = "pcl", .label = msg(MSG_MT_CLUSTER), .type = "number",
						   .min = "1", .max = g->clusters, .value = "1"}, NULL);
	html_printf(h, "<p><label for=\"f-pkind\">%s</label><select id=\"f-pkind\" name=\"kind\">"
		       "<option value=\"secretary\">%s</option><option value=\"count_board\">%s</option>"
		       "<option value=\"method\">%s</option><option value=\"option\">%s</option></select></p>",
		    msg(MSG_MT_PROC_KIND), msg(MSG_MT_PROC_SECRETARY), msg(MSG_MT_PROC_COUNT_BOARD), msg(MSG_MT_PROC_METHOD),
		    msg(MSG_MT_PROC_OPTION));
	form_field(h, &(struct form_field){.name = "subject", .id = "psub", .label = msg(MSG_MT_PROC_SUBJECT), .type = "textarea",
					   .required = true}, NULL);
	form_field(h, &(struct form_field){.name = "for", .id = "pfor", .label = msg(MSG_MT_PROC_FOR), .type = "number",
					   .min = "0", .required = true}, NULL);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_MT_PROC_RECORD));
	form_end(h);
}

/* POST /matters/{id}/procedure — cluster, kind, subject, for: a procedural
 * vote by show of hands, recorded by whoever runs the meeting. */
void page_matter_procedure(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!head_matter_or_respond(r, w, &c, &m))
		return;
	int64_t cl = 1, vf;
	const char *cs = req_form(r, "cluster"), *fs = req_form(r, "for");
	if ((cs && *cs && str_to_i64(cs, 1, 20, &cl)) || !fs || str_to_i64(fs, 0, 1000000, &vf)) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_MT_COUNT_EXCEEDS));
		return;
	}
	struct problems pr = {.a = r->a};
	bool passed;
	enum app_err e = meeting_procedure(r->app->db, m.id, (int)cl, req_form(r, "kind"), req_form(r, "subject"), vf,
					   r->user, time(NULL), &passed, &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld", (long long)m.id));
}

void meeting_json(struct req *r, struct dbc *c, const struct matter *m, json_t *o)
{
	struct meeting g;
	if (meeting_get(r->a, c, m->id, &g))
		return;
	json_t *mj = json_pack("{s:s, s:s, s:i, s:s}", "starts_at", arena_printf(r->a, "%lld", (long long)g.starts_at),
			       "location", g.location, "clusters", g.clusters, "method", g.method);
	time_t t = (time_t)g.starts_at;
	struct tm tm;
	gmtime_r(&t, &tm);
	char iso[21];
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(mj, "starts_at", json_string(iso));
	if (g.ended_at) {
		char due[11];
		cal_format_iso(meeting_minutes_due(c, &g), due);
		json_object_set_new(mj, "minutes_due", json_string(due));
		json_object_set_new(mj, "minutes_sent", json_boolean(g.sent_at != 0));
	}
	struct procedure *ps;
	size_t n;
	if (!meeting_procedures(r->a, c, m->id, &ps, &n)) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:I, s:I, s:b}", "cluster", ps[i].cluster, "kind",
							   ps[i].kind, "subject", ps[i].subject, "for",
							   (json_int_t)ps[i].votes_for, "present", (json_int_t)ps[i].present,
							   "passed", ps[i].passed));
		json_object_set_new(mj, "procedures", a);
	}
	json_object_set_new(o, "meeting", mj);
}

/* Whether a household matches the search of a list: its code, or its head's
 * name without case or diacritics (qf: the folded query, NULL = all). */
bool household_matches(const char *qf, const char *q, const char *code, const char *head)
{
	if (!qf)
		return true;
	char *hf = str_fold(head);
	bool hit = strstr(hf, qf) || strstr(code, q);
	free(hf);
	return hit;
}

/* GET /matters/{id}/attendance?q= — the village head's list: one button per household. */
void page_matter_attendance(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct meeting g;
	enum app_err e = meeting_get(r->a, c, m.id, &g);
	if (!e && !decisions_may_convene(r->user, &m.unit))
		e = APP_EFORBID;
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_MT_HEAD_ONLY) : msg(MSG_MT_NOT_MEETING));
		return;
	}
	const char *q = req_query(r, "q");
	char *qf = q && *q ? str_fold(q) : NULL;
	int64_t cl = 1;
	const char *cq = req_query(r, "cluster");
	if (cq && str_to_i64(cq, 1, g.clusters, &cl))
		cl = 1;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_MT_ATTENDANCE));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/matters/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), (long long)m.id, m.title, msg(MSG_MT_ATTENDANCE));
	int64_t present;
	meeting_present(c, m.id, 0, &present);
	/* the count stays in view while the list scrolls */
	html_printf(&h, "<p role=\"status\" class=\"sticky\"><strong>%s: %lld / %lld</strong></p>\n", msg(MSG_MT_REPRESENTED),
		    (long long)present, (long long)m.eligible);
	form_search(&h, arena_printf(r->a, "/matters/%lld/attendance", (long long)m.id), msg(MSG_MT_SEARCH_HOUSEHOLD), "q", q);
	if (g.clusters > 1)
		html_printf(&h, "<label for=\"cl\">%s</label><input id=\"cl\" name=\"cluster\" type=\"number\" min=\"1\" max=\"%d\" value=\"%lld\">",
			    msg(MSG_MT_CLUSTER), g.clusters, (long long)cl);
	form_search_end(&h, msg(MSG_DITEM_SHOW));
	html_lit(&h, "<ul class=\"postings attendance\">\n");
	const char *csrf = http_csrf_token(r);
	struct roll_row *roll;
	size_t nroll = 0;
	if (meeting_roll(r->a, c, &m, &roll, &nroll))
		nroll = 0;
	for (size_t k = 0; k < nroll; k++) {
		const char *code = roll[k].code, *head = roll[k].head;
		if (!household_matches(qf, q, code, head))
			continue;
		int64_t hid = roll[k].household, at = roll[k].cluster;
		html_printf(&h, "<li id=\"h%lld\"><form method=\"post\" action=\"/matters/%lld/attendance\">"
				"<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"household\" value=\"%lld\">"
				"<input type=\"hidden\" name=\"cluster\" value=\"%lld\"><input type=\"hidden\" name=\"q\" value=\"%s\">"
				"<input type=\"hidden\" name=\"present\" value=\"%s\">"
				"<button type=\"submit\" class=\"%s\">%s</button> %s · %s</form></li>\n",
			    (long long)hid, (long long)m.id, csrf, (long long)hid, (long long)cl, q ? q : "", at ? "0" : "1",
			    at ? "present" : "absent", at ? msg(MSG_MT_PRESENT) : msg(MSG_MT_ABSENT), code, head);
	}
	r->used_csrf = true;
	html_lit(&h, "</ul>\n");
	free(qf);
	layout_end(r, &h);
}

/* The matter of the path, for its village head only. */
bool head_matter_or_respond(struct req *r, struct resp *w, struct dbc **c, struct matter *m)
{
	if (!matters_matter_or_respond(r, w, c, m))
		return false;
	struct election el;
	struct dismissal dm;
	bool election = (m->item == 4 || m->item == 5) && !election_get(r->a, *c, m->id, &el);
	bool dismissal = m->item == 4 && !dismissal_get(r->a, *c, m->id, &dm);
	/* an election meeting is run by the election team the commune sets up (a
	 * board's by the commune or the Front); a dismissal meeting by the Front
	 * (Decree 59 Arts. 7, 9), never by the head */
	bool ok = decisions_may_run_meeting(r->user, m, meeting_kind_of(election ? &el : NULL, dismissal));
	if (!ok) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_MT_HEAD_ONLY));
		return false;
	}
	return true;
}

/* The attendance list again at the household just tapped, once the tap is durable. */
static void attendance_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	if (e) {
		http_send_problems(r, w, e, meeting_attendance_problems(arg));
		return;
	}
	const char *cs = req_form(r, "cluster"), *q = req_form(r, "q");
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "/matters/%s/attendance?cluster=%s&q=", r->param[0], cs && *cs ? cs : "1");
	for (const unsigned char *x = (const unsigned char *)(q ? q : ""); *x; x++)
		if ((*x >= 'a' && *x <= 'z') || (*x >= 'A' && *x <= 'Z') || (*x >= '0' && *x <= '9'))
			buf_putc(&b, (char)*x);
		else
			buf_printf(&b, "%%%02X", *x);
	buf_printf(&b, "#h%s", req_form(r, "household"));
	http_redirect(r, w, arena_strdup(r->a, buf_str(&b)));
	buf_reset(&b);
}

/* POST /matters/{id}/attendance — household, present (1/0), cluster, q: one
 * tap of the village head, answered after the group commit without holding
 * a thread (a meeting of hundreds of households is many taps). */
void page_matter_attendance_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!head_matter_or_respond(r, w, &c, &m))
		return;
	int64_t hid = 0, cl = 1;
	const char *hs = req_form(r, "household"), *cs = req_form(r, "cluster"), *p = req_form(r, "present");
	if (!hs || str_to_i64(hs, 1, INT64_MAX, &hid) || (cs && str_to_i64(cs, 1, 20, &cl)) || !p) {
		http_send_error(r, w, APP_EINVAL, NULL);
		return;
	}
	struct problems *pr = arena_alloc(r->a, sizeof *pr);
	pr->a = r->a;
	app_defer_write(r, w, meeting_attendance_write,
			meeting_attendance_new(r->a, m.id, hid, (int)cl, !strcmp(p, "1"), r->user, time(NULL), pr),
			attendance_answer);
}

/* POST /matters/{id}/count — cluster, for, against, abstain. */
void page_matter_count(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!head_matter_or_respond(r, w, &c, &m))
		return;
	int64_t cl = 1, vf, va, vb = 0;
	const char *ab = req_form(r, "abstain");
	if ((req_form(r, "cluster") && str_to_i64(req_form(r, "cluster"), 1, 20, &cl)) || !req_form(r, "for") ||
	    str_to_i64(req_form(r, "for"), 0, 1000000, &vf) || !req_form(r, "against") ||
	    str_to_i64(req_form(r, "against"), 0, 1000000, &va) || (ab && *ab && str_to_i64(ab, 0, 1000000, &vb))) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_MT_COUNT_EXCEEDS));
		return;
	}
	static const char *const fields[] = {"cluster", "for", "against", "abstain", NULL};
	const char *shown[] = {msg(MSG_MT_CLUSTER), msg(MSG_MT_FOR), msg(MSG_MT_AGAINST), msg(MSG_MT_ABSTAIN), NULL};
	if (!form_confirmed(r, w, &(struct confirm){msg(MSG_MT_CONFIRM_COUNT),
						     arena_printf(r->a, "«%s» — %s. %s", m.title, m.unit.title,
								  msg(MSG_MT_CONFIRM_COUNT_WHAT)),
						     msg(MSG_MT_RECORD_COUNT), arena_printf(r->a, "/matters/%lld", (long long)m.id),
						     fields, shown}))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = meeting_count(r->app->db, m.id, (int)cl, vf, va, vb, r->user, time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld?done=counted", (long long)m.id));
}

/* POST /matters/{id}/sign — the minutes, in the caller's slot. */
void page_matter_sign(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = matter_sign(r->app->db, m.id, r->user, time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld", (long long)m.id));
}

/* iCalendar text: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
static void ics_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			buf_putc(b, '\\');
		if (*s == '\n') {
			buf_puts(b, "\\n");
			continue;
		}
		if (*s != '\r')
			buf_putc(b, *s);
	}
}

/* GET /units/{code}/meetings.ics — the meetings of a village, or of the villages of a commune. */
void page_unit_meetings_ics(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct meeting_entry *me;
	size_t nme;
	if (meetings_of_tree(r->a, c, u.path, &me, &nme)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	struct buf *b = &w->body;
	buf_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//coso//meetings//VI\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:");
	ics_text(b, arena_printf(r->a, "%s — %s", msg(MSG_MT_CALENDAR), u.title));
	buf_puts(b, "\r\n");
	const char *base = app_public_url(r);
	time_t now = time(NULL);
	struct tm tm;
	char stamp[17], start[17];
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	for (size_t k = 0; k < nme; k++) {
		time_t st = (time_t)me[k].starts_at;
		gmtime_r(&st, &tm);
		strftime(start, sizeof start, "%Y%m%dT%H%M%SZ", &tm);
		buf_printf(b, "BEGIN:VEVENT\r\nUID:matter-%lld@coso\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDURATION:PT2H\r\nSUMMARY:",
			   (long long)me[k].matter, stamp, start);
		ics_text(b, me[k].title);
		buf_puts(b, "\r\nLOCATION:");
		ics_text(b, arena_printf(r->a, "%s, %s", me[k].location, me[k].unit_title));
		buf_printf(b, "\r\nURL:%s/matters/%lld\r\nEND:VEVENT\r\n", base, (long long)me[k].matter);
	}
	buf_puts(b, "END:VCALENDAR\r\n");
	w->ctype = "text/calendar; charset=utf-8";
	w->max_age = 60;
}


/* What kind of meeting a matter's is, for who runs it. */
static enum meeting_kind meeting_kind_of(const struct election *el, bool dismissal)
{
	if (el)
		return strcmp(el->kind, "village_head") ? MEETING_BOARD_ELECTION : MEETING_HEAD_ELECTION;
	return dismissal ? MEETING_DISMISSAL : MEETING_ORDINARY;
}

static size_t notice_lines(struct req *r, const struct matter *m, const struct meeting *g, const struct decision_rule *rule,
			   const struct matter_result *res, const char *out[8])
{
	char by[11];
	cal_format_vn(cal_today((time_t)(g->starts_at - 2 * 86400)), by);
	size_t n = 0;
	out[n++] = arena_printf(r->a, "%s %s.", msg(MSG_MT_NOTICE_TO), m->unit.title);
	out[n++] = arena_printf(r->a, "%s: %s.", msg(MSG_MT_MEETING_AT), matters_when(r, g->starts_at));
	out[n++] = arena_printf(r->a, "%s: %s.", msg(MSG_MT_LOCATION), g->location);
	out[n++] = arena_printf(r->a, "%s: %s (%s %d: %s).", msg(MSG_MT_SUBJECT), m->title, msg(MSG_DP_ITEM), m->item,
				matters_item_label(m->item));
	out[n++] = arena_printf(r->a, "%s: %s %lld/%lld %s (%s).", msg(MSG_MT_THRESHOLD), msg(MSG_MT_NEEDS), (long long)res->needed,
				(long long)m->eligible, msg(MSG_MT_HOUSEHOLDS_FOR), msg_cite(r->a, rule->legal_basis));
	out[n++] = arena_printf(r->a, "%s: %s.", msg(MSG_MT_VOTING),
				!strcmp(g->method, "secret") ? msg(MSG_MT_METHOD_SECRET) : msg(MSG_MT_METHOD_HANDS));
	/* items 1-3: the documents reach every household 2 days before (Art. 3(4)) */
	if (m->item >= 1 && m->item <= 3)
		out[n++] = arena_printf(r->a, "%s %s %s", msg(MSG_MT_NOTICE_DOCUMENTS), by, msg(MSG_MT_NOTICE_DOCUMENTS_BASIS));
	out[n++] = arena_printf(r->a, "%s %s %s", msg(MSG_MT_NOTICE_POSTED), by, msg(MSG_MT_NOTICE_POSTED_BASIS));
	return n;
}

static void notice_section(struct req *r, struct html *h, const struct matter *m, const struct meeting *g,
			   const struct decision_rule *rule, const struct matter_result *res)
{
	const char *lines[8];
	size_t n = notice_lines(r, m, g, rule, res, lines);
	html_printf(h, "<details><summary>%s</summary>\n<p><strong>%s</strong></p>\n", msg(MSG_MT_NOTICE),
		    msg(MSG_PDF_NOTICE_MEETING_TITLE));
	for (size_t i = 0; i < n; i++)
		html_printf(h, "<p>%s</p>\n", lines[i]);
	html_printf(h, "<p><a class=\"button\" href=\"/matters/%lld/notice.pdf\">%s</a></p>\n</details>\n", (long long)m->id,
		    msg(MSG_MT_NOTICE_PDF));
}

/* A matter's paper: its issuer (the village under its commune, or the
 * commune), the head, and the foot with the QR code to the matter's page. */
struct matter_paper {
	struct req *r;
	const struct matter *m;
	const struct doc_record *d; /* NULL: not final yet, printed as a draft */
	const char *title, *file;
	const char *const *lines;
	size_t nlines;
	const char *const *signed_by; /* the minutes' four slots, or NULL */
	struct doc_issuer is;
	struct doc_signer sg;
	const char *leaf;   /* the ledger leaf hash of the last public act before it was issued, or NULL */
	int64_t ledger_idx;
};

static void paper_issuer(struct req *r, struct dbc *c, const struct matter *m, struct matter_paper *mp)
{
	bool commune = units_kind_is_commune_level(m->unit.kind);
	struct unit u, parent;
	bool up = !commune && !units_get(r->a, c, m->unit.code, &u) && *u.parent_code &&
		  !units_get(r->a, c, u.parent_code, &parent);
	doc_issuer_of(r->a, m->unit.kind, commune, m->unit.title, m->unit.name, up ? parent.title : NULL,
		      up ? parent.name : NULL, &mp->is);
	mp->sg = commune ? (struct doc_signer){.authority = msg(MSG_DOC_TM_PC), .title = msg(MSG_DOC_CHAIR),
					       .name = auth_holder_name(r->a, c, m->unit.id, CAP_CHAIR)}
			 : (struct doc_signer){.title = msg(strcmp(m->unit.kind, "village") ? MSG_DOC_GROUP_HEAD
											  : MSG_DOC_VILLAGE_HEAD),
					       .name = auth_holder_name(r->a, c, m->unit.id, CAP_CONVENE)};
}

static enum app_err paper_make(void *arg, struct buf *out)
{
	struct matter_paper *mp = arg;
	struct req *r = mp->r;
	const struct matter *m = mp->m;
	bool minutes = mp->signed_by != NULL;
	struct doc_head h = {.type = minutes ? DOC_MINUTES : DOC_NOTICE, .issuer = &mp->is,
			     .number = mp->d ? mp->d->number : NULL,
			     .day = cal_today((time_t)(mp->d ? mp->d->issued_at : time(NULL))), .title = mp->title,
			     .subject = m->title, .mark = mp->d ? NULL : msg(MSG_DOC_DRAFT_MARK),
			     .created = mp->d ? mp->d->issued_at : 0};
	struct pdf *d = doc_begin(&h, arena_printf(r->a, "%s — %s", mp->title, m->title));
	for (size_t i = 0; i < mp->nlines; i++)
		doc_para(d, mp->lines[i]);
	if (minutes) {
		doc_para_style(d, msg(MSG_MT_SIGNATURES), PDF_BOLD);
		for (int i = 0; i < 4; i++)
			doc_para(d, arena_printf(r->a, "%s: %s", msg(slot_labels[i]),
						 *mp->signed_by[i] ? mp->signed_by[i] : "................................"));
	}
	pdf_space(d, 4);
	const char *url = arena_printf(r->a, "%s/matters/%lld", app_public_url(r), (long long)m->id);
	pdf_qr(d, mp->leaf ? arena_printf(r->a, "%s#leaf-%s", url, mp->leaf) : url, 80,
	       mp->leaf ? arena_printf(r->a, "%s\n%s\n%s #%lld: %s", msg(MSG_PDF_ONLINE), url, msg(MSG_LEDGER),
				       (long long)mp->ledger_idx, mp->leaf)
			: arena_printf(r->a, "%s\n%s", msg(MSG_PDF_ONLINE), url));
	const char *to_notice[] = {msg(MSG_DOC_TO_HOUSEHOLDS), msg(MSG_DOC_TO_FRONT_VILLAGE),
				   arena_printf(r->a, "%s %s %s", msg(MSG_DOC_PC_SHORT), mp->is.level, msg(MSG_DOC_FOR_REPORT))};
	const char *to_minutes[] = {
		arena_printf(r->a, "%s %s %s", msg(MSG_DOC_PC_SHORT), mp->is.level, msg(MSG_DOC_FOR_RECOGNITION)),
		msg(MSG_DOC_TO_FRONT_VILLAGE)};
	doc_end(d, &mp->sg, minutes ? to_minutes : to_notice, minutes ? 2 : 3);
	return pdf_finish(d, out);
}

/* Answers with the paper: issued (numbered, signed and stored when the unit
 * holds a key) when final, else a draft. */
static void paper_respond(struct req *r, struct resp *w, struct dbc *c, struct matter_paper *mp)
{
	/* the QR code carries the matter's ledger entry as of the paper's issue */
	mp->ledger_idx = mp->d ? ledger_index_of_subject_at(c, arena_printf(r->a, "matter:%lld", (long long)mp->m->id),
							    mp->d->issued_at)
			       : -1;
	struct ledger_entry le;
	if (mp->ledger_idx >= 0 && !ledger_entry_get(r->a, c, mp->ledger_idx, &le))
		mp->leaf = le.hash;
	enum app_err e = mp->d ? doc_pdf(r->app->db, mp->d, mp->m->unit.code, paper_make, mp, &w->body)
			       : paper_make(mp, &w->body);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "inline; filename=\"%s-%lld.pdf\"", mp->file, (long long)mp->m->id));
}

/* The matter of the path, its meeting (counted, when asked) and its outcome;
 * answers 404 with the reason otherwise. */
static bool meeting_doc_or_respond(struct req *r, struct resp *w, struct dbc **c, struct matter *m, struct meeting *g,
				   struct decision_rule *rule, struct matter_result *res, bool counted)
{
	if (!matters_matter_or_respond(r, w, c, m))
		return false;
	enum app_err e = meeting_get(r->a, *c, m->id, g);
	enum msg_id why = MSG_MT_NOT_MEETING;
	if (!e && counted && !g->ended_at)
		e = APP_ENOTFOUND, why = MSG_MT_NOT_COUNTED;
	if (!e)
		e = matter_outcome(r->a, *c, m, time(NULL), rule, res);
	if (e)
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(why) : NULL);
	return !e;
}

/* GET /matters/{id}/notice.pdf — the meeting notice for the notice board,
 * numbered as of the day the matter was put. */
void page_matter_notice_pdf(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	struct meeting g;
	struct decision_rule rule;
	struct matter_result res;
	if (!meeting_doc_or_respond(r, w, &c, &m, &g, &rule, &res, false))
		return;
	const char *lines[8];
	struct matter_paper mp = {.r = r, .m = &m, .title = msg(MSG_PDF_NOTICE_MEETING_TITLE), .file = "thong-bao-hop",
				  .lines = lines, .nlines = notice_lines(r, &m, &g, &rule, &res, lines)};
	paper_issuer(r, c, &m, &mp);
	struct doc_record d;
	enum app_err e = matter_doc(r->app->db, r->a, c, &m, DOC_NOTICE, "meeting", m.created_at, &d);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	mp.d = &d;
	paper_respond(r, w, c, &mp);
}

/* GET /matters/{id}/minutes.pdf — the minutes; numbered and final once its
 * four signatures are given, a draft before. */
void page_matter_minutes_pdf(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	struct meeting g;
	struct decision_rule rule;
	struct matter_result res;
	if (!meeting_doc_or_respond(r, w, &c, &m, &g, &rule, &res, true))
		return;
	const char *lines[] = {
		arena_printf(r->a, "%s: %s, %s.", msg(MSG_MT_MEETING_AT), matters_when(r, g.starts_at), g.location),
		arena_printf(r->a, "%s: %lld. %s: %lld. %s: %lld.", msg(MSG_MT_ELIGIBLE), (long long)m.eligible,
			     msg(MSG_MT_REPRESENTED), (long long)res.turnout, msg(MSG_MT_NOT_REPRESENTED),
			     (long long)(m.eligible - res.turnout)),
		arena_printf(r->a, "%s: %d. %s", msg(MSG_DP_ITEM), m.item, m.title),
		arena_printf(r->a, "%s: %s (%s).", msg(MSG_MT_FORM), msg(MSG_MT_FORM_MEETING),
			     !strcmp(g.method, "secret") ? msg(MSG_MT_METHOD_SECRET) : msg(MSG_MT_METHOD_HANDS)),
		arena_printf(r->a, "%s: %s %lld, %s %lld, %s %lld (%s %lld/%lld).", msg(MSG_MT_RESULT), msg(MSG_MT_FOR),
			     (long long)res.votes_for, msg(MSG_MT_AGAINST), (long long)res.votes_against, msg(MSG_MT_ABSTAIN),
			     (long long)res.votes_abstain, msg(MSG_MT_NEEDS), (long long)res.needed, (long long)m.eligible),
		arena_printf(r->a, "%s: %s", msg(MSG_MT_DECISION), res.passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED)),
	};
	const char *all[16];
	size_t n = 0;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		all[n++] = lines[i];
	/* what the meeting adopted on its procedure: secretary, count board, method */
	struct procedure *ps;
	size_t np;
	if (!meeting_procedures(r->a, c, m.id, &ps, &np))
		for (size_t i = 0; i < np && n < 16; i++)
			if (ps[i].passed && strcmp(ps[i].kind, "option"))
				all[n++] = arena_printf(r->a, "%s: %s (%lld/%lld)", procedure_label(ps[i].kind),
							procedure_subject(&ps[i]), (long long)ps[i].votes_for,
							(long long)ps[i].present);
	const char *signed_by[4] = {"", "", "", ""};
	struct signoff *so;
	size_t nso = 0;
	if (meeting_signoffs(r->a, c, m.id, &so, &nso))
		nso = 0;
	int64_t last = 0;
	int nsigned = 0;
	for (size_t k = 0; k < nso; k++)
		for (int i = 0; i < 4; i++)
			if (!strcmp(so[k].slot, meeting_slots[i])) {
				signed_by[i] = arena_printf(r->a, "%s (%s %s)", so[k].name, msg(MSG_MT_SIGNED_IN_APP),
							    matters_when(r, so[k].at));
				last = so[k].at > last ? so[k].at : last;
				nsigned++;
			}
	struct matter_paper mp = {.r = r, .m = &m, .title = msg(MSG_PDF_MINUTES_TITLE), .file = "bien-ban", .lines = all,
				  .nlines = n, .signed_by = signed_by};
	paper_issuer(r, c, &m, &mp);
	struct doc_record d;
	if (nsigned == 4) { /* final: every slot signed */
		enum app_err e = matter_doc(r->app->db, r->a, c, &m, DOC_MINUTES, "minutes", last, &d);
		if (e) {
			http_send_error(r, w, e, NULL);
			return;
		}
		mp.d = &d;
	}
	paper_respond(r, w, c, &mp);
}
