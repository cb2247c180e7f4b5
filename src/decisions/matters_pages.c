/*
 * matters_pages.c — matters for people and programs: a unit's matters, a
 * matter page with its timeline, threshold, live turnout, the ballot for the
 * household's representative, the result and the published receipts; the
 * village head's form; the JSON API with the ballot box.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
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

static const enum msg_id item_labels[7] = {MSG_MT_ITEM_6, MSG_MT_ITEM_1, MSG_MT_ITEM_2, MSG_MT_ITEM_3,
					   MSG_MT_ITEM_4, MSG_MT_ITEM_5, MSG_MT_ITEM_6};

const char *matters_item_label(int item)
{
	return msg(item_labels[item >= 1 && item <= 6 ? item : 0]);
}

static const char *stage_label(enum matter_stage st)
{
	static const enum msg_id labels[STAGE__N] = {MSG_MT_STAGE_SCHEDULED, MSG_MT_STAGE_PREPOLL, MSG_MT_STAGE_REJECTED,
						     MSG_MT_STAGE_OPEN, MSG_MT_STAGE_MEETING, MSG_MT_STAGE_CLOSED};
	return msg(labels[st < STAGE__N ? st : STAGE_CLOSED]);
}

const char *matters_when(struct req *r, int64_t t)
{
	char *o = arena_alloc(r->a, MSG_TIME_LEN);
	msg_time((long long)t, o);
	return o;
}

static const char *iso_time(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char *o = arena_alloc(r->a, 21);
	strftime(o, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return o;
}

/* A datetime-local field (UTC+7) or RFC 3339 in UTC or +07:00 (util/cal.h). */
bool matters_parse_time(const char *s, int64_t *out)
{
	return cal_parse_datetime(s, out);
}

/* The site search's matters (decisions_module.c). */
enum app_err decisions_search_hits(struct req *r, struct dbc *c, const char *q, struct module_hits *out)
{
	struct matter *ms;
	size_t n;
	enum app_err e = matter_search(r->a, c, q, (int)out->limit, &ms, &n);
	for (size_t i = 0; !e && i < n; i++)
		module_hit_add(out, &(struct module_hit){arena_printf(r->a, "/matters/%lld", (long long)ms[i].id), ms[i].title,
							 msg(MSG_MT_LIST), units_where(r->a, c, &ms[i].unit, true)});
	return e;
}

/* The unit page's section (decisions_module.c): a village's matters,
 * initiatives and meeting calendar; a commune's matters and the calendar of
 * its villages' meetings. */
static void open_now(struct req *r, struct html *h, struct dbc *c, const struct unit *u);

void decisions_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	bool village = units_kind_is_village(u->kind);
	if (!village && !units_kind_is_commune_level(u->kind))
		return;
	open_now(r, h, c, u);
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/matters\">%s</a></li>", msg(MSG_MT_LIST),
		    u->code, msg(village ? MSG_MT_LIST : MSG_MT_COMMUNE_LIST));
	if (village)
		html_printf(h, "<li><a href=\"/units/%s/initiatives\">%s</a></li>", u->code, msg(MSG_IN_LIST));
	html_printf(h, "<li><a href=\"/units/%s/meetings.ics\">%s</a></li></ul>\n", u->code, msg(MSG_MT_CALENDAR));
}

/* ---- JSON of a matter ---- */

static json_t *matter_json(struct req *r, struct dbc *c, const struct matter *m, bool full)
{
	struct decision_rule rule;
	struct matter_result res;
	json_t *o = json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:b, s:b, s:I, s:s, s:s, s:s, s:s}", "id",
			      (json_int_t)m->id, "unit", m->unit.code, "unit_title", m->unit.title, "item", m->item, "scope",
			      m->scope, "form", matter_form_names[m->form], "title", m->title, "secret", m->secret, "allow_change",
			      m->allow_change, "eligible", (json_int_t)m->eligible, "opens_at", iso_time(r, m->opens_at),
			      "prepoll_closes_at", iso_time(r, m->prepoll_closes_at), "closes_at", iso_time(r, m->closes_at),
			      "url", arena_printf(r->a, "/matters/%lld", (long long)m->id));
	if (matter_outcome(r->a, c, m, time(NULL), &rule, &res))
		return o;
	json_object_set_new(o, "status", json_string(matter_stage_names[res.stage]));
	json_object_set_new(o, "threshold", json_pack("{s:i, s:i, s:b, s:s, s:I, s:s}", "num", rule.num, "den", rule.den,
						      "strict", rule.strict, "of", rule.counts, "needed",
						      (json_int_t)res.needed, "legal_basis", rule.legal_basis));
	json_object_set_new(o, "turnout", json_pack("{s:I, s:I}", "prepoll", (json_int_t)res.prepoll_turnout, "vote",
						    (json_int_t)res.turnout));
	if (full)
		json_object_set_new(o, "description", json_string(m->description));
	if (m->form == FORM_MEETING)
		meeting_json(r, c, m, o);
	if (m->form == FORM_BALLOT)
		json_object_set_new(o, "ballot", json_pack("{s:I, s:s, s:I}", "follows", (json_int_t)m->follows, "team", m->team,
							   "distributed", (json_int_t)ballot_distributed(c, m->id)));
	if (full) {
		standing_json(r, c, m, &res, o);
		documents_json(r, c, m, o);
	}
	bool show = res.closed || !m->secret; /* secret choices only after the close */
	if (res.stage != STAGE_PREPOLL && res.stage != STAGE_SCHEDULED)
		json_object_set_new(o, "prepoll", json_pack("{s:I, s:b}", "yes", (json_int_t)res.prepoll_yes, "passed",
							    res.prepoll_passed));
	if (show && res.stage == STAGE_CLOSED)
		json_object_set_new(o, "result",
				    json_pack("{s:I, s:I, s:I, s:I, s:I, s:b}", "eligible", (json_int_t)m->eligible, "for",
					      (json_int_t)res.votes_for, "against", (json_int_t)res.votes_against, "abstain",
					      (json_int_t)res.votes_abstain, "threshold", (json_int_t)res.needed, "passed",
					      res.passed));
	else if (show && !m->secret && res.stage == STAGE_PREPOLL)
		json_object_set_new(o, "live", json_pack("{s:I, s:I, s:I}", "for", (json_int_t)res.prepoll_yes, "against",
							 (json_int_t)res.prepoll_no, "abstain",
							 (json_int_t)res.prepoll_abstain));
	else if (show && !m->secret)
		json_object_set_new(o, "live", json_pack("{s:I, s:I, s:I}", "for", (json_int_t)res.votes_for, "against",
							 (json_int_t)res.votes_against, "abstain",
							 (json_int_t)res.votes_abstain));
	if (full && res.closed && m->secret) {
		json_t *rc = json_array();
		struct ballot_receipt *v;
		size_t n;
		if (!ballot_box_receipts(r->a, c, m->id, "vote", &v, &n))
			for (size_t i = 0; i < n; i++)
				json_array_append_new(rc, json_pack("{s:s, s:s}", "receipt", v[i].receipt, "choice", v[i].choice));
		json_object_set_new(o, "receipts", rc);
	}
	return o;
}

/* ---- pages ---- */

/* A matter's stage for a list, without counting its ballots: a meeting's
 * from the meeting (held and counted is closed, whatever the matter's
 * times), a vote's from its times and its stored pre-poll count; *when is
 * the meeting's start or the vote's close. */
static enum matter_stage list_stage(struct req *r, struct dbc *c, const struct matter *m, int64_t now, int64_t *when,
				    bool *meeting)
{
	struct meeting g;
	*meeting = m->form == FORM_MEETING && !meeting_get(r->a, c, m->id, &g);
	if (*meeting) {
		*when = g.starts_at;
		return meeting_stage(&g, now);
	}
	*when = m->closes_at;
	enum matter_stage st = matter_stage(m, now, m->prepoll_yes >= 0 ? m->prepoll_yes : m->eligible);
	return st == STAGE_REJECTED_ONLINE && m->prepoll_yes < 0 ? STAGE_OPEN : st;
}

static void list_item(struct req *r, struct html *h, struct dbc *c, const struct matter *m, int64_t now)
{
	int64_t when;
	bool meeting;
	enum matter_stage st = list_stage(r, c, m, now, &when, &meeting);
	html_printf(h, "<li><a href=\"/matters/%lld\">%s</a> <span class=\"badge%s\">%s</span><br><span class=\"meta\">%s · %s · %s %s</span></li>\n",
		    (long long)m->id, m->title, st == STAGE_CLOSED ? "" : " current",
		    meeting && st == STAGE_SCHEDULED ? msg(MSG_MT_STAGE_MEETING_SOON) : stage_label(st), m->unit.title,
		    matters_item_label(m->item), meeting ? msg(MSG_MT_MEETS) : msg(MSG_MT_CLOSES), matters_when(r, when));
}

#define SECTION_OPEN 10 /* open votes and coming meetings on a unit's page */

/* What is open now at a village or in a commune: votes and coming meetings,
 * soonest first, at the top of the unit's page (where a resident looks). */
static void open_now(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	struct matter *ms;
	size_t n;
	if (matter_list(r->a, c, u->path, 200, &ms, &n))
		return;
	int64_t now = time(NULL);
	const struct matter **open = arena_alloc(r->a, (n + 1) * sizeof *open);
	int64_t *at = arena_alloc(r->a, (n + 1) * sizeof *at);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t when;
		bool meeting;
		if (ms[i].parent_id || list_stage(r, c, &ms[i], now, &when, &meeting) == STAGE_CLOSED)
			continue;
		size_t j = k++;
		for (; j > 0 && at[j - 1] > when; j--)
			open[j] = open[j - 1], at[j] = at[j - 1];
		open[j] = &ms[i], at[j] = when;
	}
	html_printf(h, "<section class=\"open-now\"><h2>%s <span class=\"count\">(%zu)</span></h2>\n", msg(MSG_MT_OPEN_NOW), k);
	if (!k)
		html_printf(h, "<p>%s</p>\n", msg(MSG_MT_OPEN_NONE));
	html_lit(h, "<ul class=\"postings\">\n");
	for (size_t i = 0; i < k && i < SECTION_OPEN; i++)
		list_item(r, h, c, open[i], now);
	html_lit(h, "</ul>\n</section>\n");
}

/* GET /units/{code}/matters — a village's matters, or those of a commune's villages. */
void page_unit_matters(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_get(r->a, c, r->param[0], &u);
	struct matter *ms = NULL;
	size_t n = 0;
	if (!e)
		e = matter_list(r->a, c, u.path, 200, &ms, &n);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_UNIT_NOT_FOUND) : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_MT_LIST), u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, title);
	if (units_kind_is_commune_level(u.kind))
		html_printf(&h, "<p><a href=\"/units/%s/inspection-board\">%s</a></p>\n", u.code, msg(MSG_BD_TITLE));
	if ((units_kind_is_village(u.kind) && decisions_may_convene(r->user, &u)) ||
	    (units_kind_is_commune_level(u.kind) && decisions_may_chair(r->user, &u)))
		html_printf(&h, "<p><a class=\"button\" href=\"/units/%s/matters/new\">%s</a></p>\n", u.code, msg(MSG_MT_NEW));
	int64_t now = time(NULL);
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_MT_NONE));
	html_lit(&h, "<ul class=\"postings\">\n");
	for (size_t i = 0; i < n; i++)
		list_item(r, &h, c, &ms[i], now);
	html_lit(&h, "</ul>\n");
	layout_end(r, &h);
	w->max_age = 10;
}

/* A commune-wide matter: each village's meeting and result, then the commune's. */
static void commune_body(struct req *r, struct html *h, struct dbc *c, const struct matter *m,
			 const struct decision_rule *rule, const struct matter_result *res)
{
	struct matter *kids;
	size_t nk;
	if (matter_children(r->a, c, m->id, &kids, &nk))
		return;
	html_printf(h, "<p>%s: <strong>%lld / %lld</strong> (%s %lld — %s %d/%d %s; %s)</p>\n", msg(MSG_MT_VILLAGES_PASSED),
		    (long long)res->votes_for, (long long)m->eligible, msg(MSG_MT_VILLAGES_NEEDED), (long long)res->needed,
		    rule->strict ? msg(MSG_MT_MORE_THAN) : msg(MSG_MT_AT_LEAST), rule->num, rule->den, msg(MSG_MT_OF_VILLAGES),
		    msg_cite(r->a, rule->legal_basis));
	html_printf(h, "<h2>%s</h2>\n<ul class=\"postings\">\n", msg(MSG_MT_BY_VILLAGE));
	int64_t now = time(NULL);
	for (size_t i = 0; i < nk; i++) {
		struct decision_rule kr;
		struct matter_result kres;
		if (matter_outcome(r->a, c, &kids[i], now, &kr, &kres))
			continue;
		html_printf(h, "<li><a href=\"/matters/%lld\">%s</a> <span class=\"badge\">%s</span>", (long long)kids[i].id,
			    kids[i].unit.title, stage_label(kres.stage));
		if (kres.closed)
			html_printf(h, " <span class=\"badge %s\">%s</span>", kres.passed ? "current" : "withdrawn",
				    kres.passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED));
		html_printf(h, "<br><span class=\"meta\">%s %lld/%lld · %s %lld</span></li>\n", msg(MSG_MT_REPRESENTED),
			    (long long)kres.turnout, (long long)kids[i].eligible, msg(MSG_MT_FOR), (long long)kres.votes_for);
	}
	html_lit(h, "</ul>\n");
	if (res->closed)
		html_printf(h, "<p class=\"%s\">%s</p>\n", res->passed ? "ok" : "error", res->passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED));
	standing_section(r, h, c, m, res);
}

static const char *choice_label(const char *ch)
{
	return !strcmp(ch, "for") ? msg(MSG_MT_FOR) : !strcmp(ch, "against") ? msg(MSG_MT_AGAINST) : msg(MSG_MT_ABSTAIN);
}

#define RECEIPTS_PAGE 50

/* A closed secret vote's receipts with their choices, a page at a time. */
static void receipts_published(struct req *r, struct html *h, struct dbc *c, const struct matter *m)
{
	struct ballot_receipt *v;
	size_t n = 0;
	(void)ballot_box_receipts(r->a, c, m->id, "vote", &v, &n);
	size_t pages = n ? (n + RECEIPTS_PAGE - 1) / RECEIPTS_PAGE : 1;
	int64_t pg = 1;
	const char *ps = req_query(r, "page");
	if (ps && (str_to_i64(ps, 1, (int64_t)pages, &pg)))
		pg = 1;
	html_printf(h, "<h2 id=\"receipts\">%s <span class=\"count\">(%zu)</span></h2>\n<p>%s</p>\n", msg(MSG_MT_RECEIPTS), n,
		    msg(MSG_MT_RECEIPTS_LEAD));
	html_printf(h, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		    msg(MSG_MT_RECEIPT), msg(MSG_MT_CHOICE));
	for (size_t i = (size_t)(pg - 1) * RECEIPTS_PAGE; i < n && i < (size_t)pg * RECEIPTS_PAGE; i++)
		html_printf(h, "<tr><td><code>%s</code></td><td>%s</td></tr>\n", v[i].receipt, choice_label(v[i].choice));
	html_lit(h, "</tbody></table></div>\n");
	if (pages > 1) {
		html_printf(h, "<nav class=\"pager\" aria-label=\"%s\"><p>", msg(MSG_PAGES));
		if (pg > 1)
			html_printf(h, "<a href=\"/matters/%lld?page=%lld#receipts\">%s</a> ", (long long)m->id, (long long)(pg - 1),
				    msg(MSG_PREV));
		html_printf(h, "%s %lld/%zu", msg(MSG_PAGE), (long long)pg, pages);
		if ((size_t)pg < pages)
			html_printf(h, " <a href=\"/matters/%lld?page=%lld#receipts\">%s</a>", (long long)m->id, (long long)(pg + 1),
				    msg(MSG_NEXT));
		html_lit(h, "</p></nav>\n");
	}
}

/* One field: found (with the choice recorded, where it may be seen: an
 * open vote, or a secret one after its close) or not found. */
static void receipt_check(struct req *r, struct html *h, struct dbc *c, const struct matter *m,
			  const struct matter_result *res)
{
	const char *typed = req_query(r, "receipt");
	html_printf(h, "<h2 id=\"check\">%s</h2>\n<p>%s</p>\n", msg(MSG_MT_CHECK_TITLE), msg(MSG_MT_CHECK_LEAD));
	form_search(h, arena_printf(r->a, "/matters/%lld#check", (long long)m->id), msg(MSG_MT_YOUR_RECEIPT), "receipt", typed);
	form_search_end(h, msg(MSG_MT_CHECK));
	if (!typed || !*typed)
		return;
	char rc[RECEIPT_LEN];
	const char *choice = NULL;
	bool prepoll = false;
	enum app_err e = ballot_box_find(c, m->id, "vote", typed, rc, &choice);
	if (e == APP_ENOTFOUND && !(e = ballot_box_find(c, m->id, "prepoll", typed, rc, &choice)))
		prepoll = true;
	if (e) {
		html_printf(h, "<div class=\"error\" role=\"status\" id=\"checked\"><p><strong>%s</strong></p><p>%s</p></div>\n",
			    msg(MSG_MT_CHECK_NOT_FOUND), msg(MSG_MT_CHECK_NOT_FOUND_HINT));
		return;
	}
	html_printf(h, "<div class=\"ok\" role=\"status\" id=\"checked\"><p><strong>%s</strong> <code>%s</code> — %s</p>", msg(MSG_MT_CHECK_FOUND),
		    rc, prepoll ? msg(MSG_MT_BALLOT_PREPOLL) : msg(MSG_MT_BALLOT));
	if (res->closed || !m->secret)
		html_printf(h, "<p>%s: <strong>%s</strong></p>", msg(MSG_MT_CHECK_CHOICE), choice_label(choice));
	else
		html_printf(h, "<p>%s</p>", msg(MSG_MT_CHECK_SECRET));
	html_lit(h, "</div>\n");
}

/* What the signed-in person can do here: vote, or see that their household
 * has; a visitor is asked to log in and comes back here. */
static void household_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m,
			      const struct matter_result *res, bool just_voted)
{
	bool pre = res->stage == STAGE_PREPOLL, open = pre || res->stage == STAGE_OPEN;
	if (!r->user) {
		if (open)
			html_printf(h, "<h2>%s</h2>\n<p>%s</p>\n<p><a class=\"button\" href=\"/login?next=/matters/%lld\">%s</a></p>\n",
				    pre ? msg(MSG_MT_BALLOT_PREPOLL) : msg(MSG_MT_BALLOT), msg(MSG_MT_WHO_VOTES), (long long)m->id,
				    msg(MSG_MT_LOGIN_TO_VOTE));
		return;
	}
	int64_t household, village;
	decisions_voter(c, r->user->id, &household, &village);
	if (!household || village != m->unit.id) {
		if (open)
			html_printf(h, "<p class=\"meta\">%s</p>\n", msg(MSG_MT_NOT_YOUR_VILLAGE));
		return;
	}
	/* the step the household is at: the current one, else the vote */
	const char *stage = pre ? "prepoll" : "vote";
	bool voted = decisions_household_voted(c, m->id, stage, household);
	if (voted) {
		html_printf(h, "<div class=\"ok\" role=\"status\" id=\"voted\"><p><strong>%s</strong></p>",
			    pre ? msg(MSG_MT_HOUSEHOLD_ANSWERED) : msg(MSG_MT_HOUSEHOLD_VOTED));
		char rc[RECEIPT_LEN];
		const char *choice;
		/* only an open vote keeps the household with its ballot; only its voter sees this */
		if (!m->secret && !ballot_box_of_household(c, m->id, stage, household, rc, &choice))
			html_printf(h, "<p>%s: <strong>%s</strong> · %s <code>%s</code></p>", msg(MSG_MT_CHECK_CHOICE),
				    choice_label(choice), msg(MSG_MT_RECEIPT), rc);
		else if (!just_voted)
			html_printf(h, "<p>%s</p>", msg(MSG_MT_VOTED_SECRET));
		html_lit(h, "</div>\n");
	}
	if (!open || (voted && !m->allow_change))
		return;
	html_printf(h, "<h2>%s</h2>\n<p>%s</p>\n", voted ? msg(MSG_MT_CHANGE_TITLE) : pre ? msg(MSG_MT_BALLOT_PREPOLL) : msg(MSG_MT_BALLOT),
		    pre ? msg(MSG_MT_PREPOLL_QUESTION) : m->title);
	form_begin(r, h, arena_printf(r->a, "/matters/%lld/vote", (long long)m->id), false);
	html_printf(h, "<fieldset><legend>%s</legend>\n", msg(MSG_MT_CHOICE));
	static const char *const ch[] = {"for", "against", "abstain"};
	const enum msg_id lab[] = {MSG_MT_FOR, MSG_MT_AGAINST, MSG_MT_ABSTAIN};
	for (int i = 0; i < 3; i++)
		html_printf(h, "<label class=\"check\"><input type=\"radio\" name=\"choice\" value=\"%s\"%s> %s</label>\n", ch[i],
			    i == 0 ? " required" : "", msg(lab[i]));
	html_lit(h, "</fieldset>\n");
	if (m->allow_change && voted) {
		form_field(h, &(struct form_field){.name = "replaces", .id = "rep", .label = msg(MSG_MT_REPLACES), .type = "text",
						   .autocomplete = "off", .required = true}, NULL);
		form_field(h, &(struct form_field){.name = "change_key", .id = "key", .label = msg(MSG_MT_CHANGE_KEY),
						   .type = "text", .autocomplete = "off", .required = true}, NULL);
	}
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_MT_SEND_VOTE));
	form_end(h);
}

/* The matter page; receipt: a receipt just issued to this household, or NULL,
 * with its change key when the matter allows a change (else ""). */
static void matter_page(struct req *r, struct resp *w, struct dbc *c, const struct matter *m, const char *receipt,
			const char *change_key, const char *problem)
{
	struct decision_rule rule;
	struct matter_result res;
	enum app_err e = matter_outcome(r->a, c, m, time(NULL), &rule, &res);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	int status = w->status;
	resp_reset(w);
	w->status = status;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, m->title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/matters\">%s</a></li></ol></nav>\n",
		    msg(MSG_BREADCRUMB), m->unit.code, m->unit.title, m->unit.code, msg(MSG_MT_LIST));
	html_printf(&h, "<p class=\"meta\">%s · %s %d: %s</p>\n<h1>%s</h1>\n<p><span class=\"badge\">%s</span></p>\n",
		    m->unit.title, msg(MSG_DP_ITEM), m->item, matters_item_label(m->item), m->title, stage_label(res.stage));
	form_done(r, &h);
	if (receipt) {
		/* the receipt to copy (selectable, one tap on a phone) or to print */
		html_printf(&h, "<div class=\"ok receipt\" role=\"status\" id=\"receipt\"><p>%s</p>"
				"<p><input class=\"receipt-code\" readonly value=\"%s\" aria-label=\"%s\"></p><p>%s</p>"
				"<p><a href=\"/matters/%lld/receipt.pdf?receipt=%s\">%s</a></p>\n",
			    msg(MSG_MT_RECORDED), receipt, msg(MSG_MT_RECEIPT), msg(MSG_MT_KEEP_RECEIPT), (long long)m->id, receipt,
			    msg(MSG_MT_RECEIPT_PRINT));
		if (change_key && *change_key)
			html_printf(&h, "<p>%s</p><p><strong><code>%s</code></strong></p>\n", msg(MSG_MT_CHANGE_KEY_SHOWN), change_key);
		html_lit(&h, "</div>\n");
	}
	if (problem)
		html_printf(&h, "<p class=\"error\" role=\"alert\">%s</p>\n", problem);
	if (*m->description)
		html_markdown(&h, m->description);
	if (m->parent_id)
		html_printf(&h, "<p class=\"meta\">%s: <a href=\"/matters/%lld\">#%lld</a></p>\n", msg(MSG_MT_PART_OF),
			    (long long)m->parent_id, (long long)m->parent_id);
	documents_section(r, &h, c, m, &res);
	if (!strcmp(m->scope, "commune")) {
		commune_body(r, &h, c, m, &rule, &res);
		layout_end(r, &h);
		return;
	}
	if (m->form == FORM_MEETING || m->form == FORM_BALLOT) {
		(m->form == FORM_MEETING ? meeting_body : ballot_body)(r, &h, c, m, &rule, &res);
		layout_end(r, &h);
		return;
	}
	html_printf(&h, "<h2>%s</h2>\n<dl class=\"facts\">\n", msg(MSG_MT_TIMELINE));
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_FORM), msg(MSG_MT_FORM_ONLINE));
	if (m->prepoll_closes_at > m->opens_at)
		html_printf(&h, "<dt>%s</dt><dd>%s %s %s %s</dd>\n", msg(MSG_MT_STEP1), msg(MSG_MT_FROM), matters_when(r, m->opens_at),
			    msg(MSG_MT_TO), matters_when(r, m->prepoll_closes_at));
	html_printf(&h, "<dt>%s</dt><dd>%s %s %s %s</dd>\n", msg(MSG_MT_STEP2), msg(MSG_MT_FROM), matters_when(r, m->prepoll_closes_at),
		    msg(MSG_MT_TO), matters_when(r, m->closes_at));
	html_printf(&h, "<dt>%s</dt><dd>%s (%s)</dd>\n", msg(MSG_MT_VOTING), m->secret ? msg(MSG_MT_SECRET) : msg(MSG_MT_OPEN_VOTE),
		    m->allow_change ? msg(MSG_MT_CHANGE_OK) : msg(MSG_MT_CHANGE_NO));
	html_printf(&h, "<dt>%s</dt><dd>%s %lld/%lld %s (%s %d/%d %s; %s)</dd>\n", msg(MSG_MT_THRESHOLD), msg(MSG_MT_NEEDS),
		    (long long)res.needed, (long long)m->eligible, msg(MSG_MT_HOUSEHOLDS_FOR), rule.strict ? msg(MSG_MT_MORE_THAN) : msg(MSG_MT_AT_LEAST),
		    rule.num, rule.den, msg(MSG_MT_OF_ALL), msg_cite(r->a, rule.legal_basis));
	html_printf(&h, "<dt>%s</dt><dd>%lld / %lld</dd>\n", msg(MSG_MT_TURNOUT_PREPOLL), (long long)res.prepoll_turnout,
		    (long long)m->eligible);
	if (res.stage != STAGE_PREPOLL && res.stage != STAGE_SCHEDULED)
		html_printf(&h, "<dt>%s</dt><dd>%lld %s — %s</dd>\n", msg(MSG_MT_PREPOLL_RESULT), (long long)res.prepoll_yes,
			    msg(MSG_MT_HOUSEHOLDS_FOR), res.prepoll_passed ? msg(MSG_MT_PREPOLL_PASSED) : msg(MSG_MT_PREPOLL_FAILED));
	html_printf(&h, "<dt>%s</dt><dd>%lld / %lld</dd>\n</dl>\n", msg(MSG_MT_TURNOUT), (long long)res.turnout, (long long)m->eligible);
	if (res.stage == STAGE_CLOSED) {
		html_printf(&h, "<h2>%s</h2>\n<ul class=\"stats\"><li><span>%s</span> <strong>%lld</strong></li><li><span>%s</span> <strong>%lld</strong></li>"
				"<li><span>%s</span> <strong>%lld</strong></li><li><span>%s</span> <strong>%lld</strong></li></ul>\n<p class=\"%s\">%s</p>\n",
			    msg(MSG_MT_RESULT), msg(MSG_MT_FOR), (long long)res.votes_for, msg(MSG_MT_AGAINST), (long long)res.votes_against,
			    msg(MSG_MT_ABSTAIN), (long long)res.votes_abstain, msg(MSG_MT_ELIGIBLE), (long long)m->eligible,
			    res.passed ? "ok" : "error", res.passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED));
		if (m->secret)
			receipts_published(r, &h, c, m);
	} else if (!m->secret && res.stage != STAGE_SCHEDULED) {
		html_printf(&h, "<p>%s: %s %lld, %s %lld, %s %lld</p>\n", msg(MSG_MT_LIVE), msg(MSG_MT_FOR), (long long)res.votes_for,
			    msg(MSG_MT_AGAINST), (long long)res.votes_against, msg(MSG_MT_ABSTAIN), (long long)res.votes_abstain);
	}
	standing_section(r, &h, c, m, &res);
	household_section(r, &h, c, m, &res, receipt != NULL);
	/* a household without a smartphone votes by SMS (sms.c, docs/notify.md) */
	if (m->form == FORM_ONLINE && (res.stage == STAGE_PREPOLL || res.stage == STAGE_OPEN))
		html_printf(&h, "<p class=\"meta\" id=\"sms\">%s</p>\n", msg(m->secret ? MSG_MT_BY_SMS_SECRET : MSG_MT_BY_SMS));
	if (res.stage != STAGE_SCHEDULED)
		receipt_check(r, &h, c, m, &res);
	layout_end(r, &h);
}

bool matters_matter_or_respond(struct req *r, struct resp *w, struct dbc **c, struct matter *m)
{
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	int64_t id;
	enum app_err e = str_to_i64(r->param[0], 1, INT64_MAX, &id) ? APP_ENOTFOUND : matter_get(r->a, *c, id, m);
	if (e) {
		if (r->is_api)
			http_send_json_error(r, w, e, "id", msg(MSG_MT_NOT_FOUND));
		else
			http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_MT_NOT_FOUND) : NULL);
		return false;
	}
	return true;
}

/* GET /matters/{id}/receipt.pdf?receipt= — a household's receipt to print
 * or keep: the matter, the step, the receipt and a QR code of the page that
 * checks it. Never the choice of a secret vote before its close. */
void page_matter_receipt_pdf(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	char rc[RECEIPT_LEN];
	const char *choice, *typed = req_query(r, "receipt");
	bool prepoll = false;
	enum app_err e = ballot_box_find(c, m.id, "vote", typed, rc, &choice);
	if (e == APP_ENOTFOUND && !(e = ballot_box_find(c, m.id, "prepoll", typed, rc, &choice)))
		prepoll = true;
	struct decision_rule rule;
	struct matter_result res;
	if (!e)
		e = matter_outcome(r->a, c, &m, time(NULL), &rule, &res);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_MT_CHECK_NOT_FOUND) : NULL);
		return;
	}
	struct pdf *d = pdf_open(&(struct pdf_opts){.title = msg(MSG_MT_RECEIPT_TITLE)});
	pdf_para(d, msg(MSG_MT_RECEIPT_TITLE), 16, PDF_BOLD, PDF_CENTER);
	pdf_space(d, 12);
	pdf_para(d, units_where(r->a, c, &m.unit, true), 12, 0, PDF_LEFT);
	pdf_para(d, m.title, 13, PDF_BOLD, PDF_LEFT);
	pdf_para(d, prepoll ? msg(MSG_MT_BALLOT_PREPOLL) : msg(MSG_MT_BALLOT), 12, 0, PDF_LEFT);
	pdf_space(d, 12);
	pdf_para(d, msg(MSG_MT_RECEIPT), 12, 0, PDF_CENTER);
	pdf_para(d, rc, 28, PDF_BOLD, PDF_CENTER);
	pdf_space(d, 12);
	if (res.closed || !m.secret)
		pdf_para(d, arena_printf(r->a, "%s: %s", msg(MSG_MT_CHECK_CHOICE), choice_label(choice)), 12, 0, PDF_LEFT);
	else
		pdf_para(d, msg(MSG_MT_CHECK_SECRET), 12, 0, PDF_LEFT);
	pdf_space(d, 12);
	const char *url = arena_printf(r->a, "%s/matters/%lld#check", app_public_url(r), (long long)m.id);
	pdf_qr(d, url, 90, arena_printf(r->a, "%s: %s", msg(MSG_MT_CHECK_TITLE), url));
	if ((e = pdf_finish(d, &w->body))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	resp_header(r, w, "Content-Disposition", arena_printf(r->a, "inline; filename=\"bien-nhan-%s.pdf\"", rc));
}

/* GET /matters/{id}?receipt= */
void page_matter(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	matter_page(r, w, c, &m, NULL, NULL, NULL);
}

/* POST /matters/{id}/vote — choice, replaces (optional); csrf. */
/* A ballot from the page, kept in the request while it waits for its commit. */
struct page_ballot {
	struct ballot_job j;
	struct matter m;
};

/* The page again, with the receipt once the ballot is durable, or the reason
 * it was refused. */
static void page_ballot_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct page_ballot *b = arg;
	const char *why = e && b->j.pr->n ? b->j.pr->v[0].message : NULL;
	struct dbc *c;
	if ((e && !why) || !(c = app_conn_or_respond(r, w))) {
		if (e && !why)
			http_send_error(r, w, e, NULL);
		return;
	}
	w->status = e ? http_status_of(e) : 200;
	matter_page(r, w, c, &b->m, e ? NULL : b->j.receipt, b->j.change_key, why);
	w->status = e ? http_status_of(e) : 200;
}

/* POST /matters/{id}/vote — choice, replaces: a ballot from the page; like
 * the API, answered after the group commit without holding a thread. */
void page_matter_vote(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct page_ballot *b = arena_alloc(r->a, sizeof *b);
	if (!matters_matter_or_respond(r, w, &c, &b->m))
		return;
	const char *replaces = req_form(r, "replaces"), *key = req_form(r, "change_key");
	struct problems *pr = arena_alloc(r->a, sizeof *pr);
	pr->a = r->a;
	enum app_err e = ballot_prepare(&b->j, b->m.id, r->user->id, req_form(r, "choice"),
					replaces && *replaces ? replaces : NULL, key && *key ? key : NULL, time(NULL), pr);
	if (e) {
		w->status = http_status_of(e);
		matter_page(r, w, c, &b->m, NULL, NULL, pr->n ? pr->v[0].message : NULL);
		w->status = http_status_of(e);
		return;
	}
	app_defer_write(r, w, ballot_write, &b->j, page_ballot_answer);
}

/* GET /units/{code}/matters/new — the village head's form. */
/* The form to propose a matter; again with every problem and what was typed
 * when pr is given (status already set). */
static void new_form(struct req *r, struct resp *w, const struct unit *u, const struct problems *pr)
{
	int status = w->status;
	resp_reset(w);
	w->status = status;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_MT_NEW));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s/matters\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u->code, msg(MSG_MT_LIST), msg(MSG_MT_NEW));
	form_problems(&h, pr);
	/* first the form of decision, then only its fields (no script needed) */
	const char *form = req_form(r, "form") ? req_form(r, "form") : req_query(r, "form");
	if (units_kind_is_commune_level(u->kind))
		form = "meeting"; /* a commune-wide matter is decided in each village's meeting */
	static const char *const forms[] = {"online", "meeting", "ballot"};
	const enum msg_id names[] = {MSG_MT_FORM_ONLINE, MSG_MT_FORM_MEETING, MSG_MT_FORM_BALLOT};
	const enum msg_id leads[] = {MSG_MT_FORM_ONLINE_LEAD, MSG_MT_FORM_MEETING_LEAD, MSG_MT_FORM_BALLOT_LEAD};
	int f = -1;
	for (int i = 0; i < 3 && form; i++)
		if (!strcmp(form, forms[i]))
			f = i;
	if (f < 0) {
		html_printf(&h, "<h2>%s</h2>\n<ul class=\"tasks\">\n", msg(MSG_MT_CHOOSE_FORM));
		for (int i = 0; i < 3; i++)
			html_printf(&h, "<li><a href=\"/units/%s/matters/new?form=%s\">%s</a><br><span class=\"meta\">%s</span></li>\n",
				    u->code, forms[i], msg(names[i]), msg(leads[i]));
		html_lit(&h, "</ul>\n");
		layout_end(r, &h);
		return;
	}
	html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_MT_NEW_LEAD));
	html_printf(&h, "<p>%s: <strong>%s</strong>", msg(MSG_MT_FORM), msg(names[f]));
	if (!units_kind_is_commune_level(u->kind))
		html_printf(&h, " · <a href=\"/units/%s/matters/new\">%s</a>", u->code, msg(MSG_MT_OTHER_FORM));
	html_lit(&h, "</p>\n");
	form_begin(r, &h, arena_printf(r->a, "/units/%s/matters", u->code), false);
	form_hidden(&h, "form", forms[f]);
	const char *item = req_form(r, "item");
	html_printf(&h, "<p><label for=\"f-item\">%s</label><select id=\"f-item\" name=\"item\">", msg(MSG_DP_ITEM));
	for (int i = 1; i <= 6; i++)
		if (i != 4 && i != 5) /* elections and dismissals have their own flow */
			html_printf(&h, "<option value=\"%d\"%s>%d. %s</option>", i, item && atoi(item) == i ? " selected" : (!item && i == 6 ? " selected" : ""), i,
				    matters_item_label(i));
	html_lit(&h, "</select>");
	form_error(&h, pr, "item");
	html_printf(&h, "</p>\n<p class=\"meta\">%s</p>\n", msg(MSG_MT_ITEM45_FLOW));
	form_error(&h, pr, "form");
#define FIELD(n, l, t, ...) form_field(&h, &(struct form_field){.name = n, .label = msg(l), .type = t, .value = req_form(r, n), __VA_ARGS__}, pr)
	FIELD("title", MSG_DP_TITLE, "text", .required = true, .max = 300);
	FIELD("description", MSG_DP_BODY, "textarea");
	if (f == 1) {
		FIELD("meeting_at", MSG_MT_MEETING_AT, "datetime-local");
		FIELD("location", MSG_MT_LOCATION, "text", .max = 300);
		form_field(&h, &(struct form_field){.name = "clusters", .label = msg(MSG_MT_CLUSTERS), .type = "number", .max = 20,
						    .value = req_form(r, "clusters") ? req_form(r, "clusters") : "1"}, pr);
		const char *method = req_form(r, "method");
		html_printf(&h, "<p><label for=\"f-method\">%s</label><select id=\"f-method\" name=\"method\"><option value=\"hands\">%s</option>"
				"<option value=\"secret\"%s>%s</option></select>",
			    msg(MSG_MT_VOTING), msg(MSG_MT_METHOD_HANDS), method && !strcmp(method, "secret") ? " selected" : "",
			    msg(MSG_MT_METHOD_SECRET));
		form_error(&h, pr, "method");
		html_lit(&h, "</p>\n");
	} else if (f == 2) {
		FIELD("follows", MSG_MT_FOLLOWS, "number");
		FIELD("team", MSG_MT_TEAM, "textarea");
		FIELD("opens_at", MSG_MT_BALLOT_OPENS, "datetime-local");
	} else {
		FIELD("prepoll_closes_at", MSG_MT_STEP1_END, "datetime-local");
		FIELD("closes_at", MSG_MT_STEP2_END, "datetime-local");
	}
#undef FIELD
	bool again = pr != NULL;
	html_lit(&h, "<p>");
	if (f == 0)
		html_printf(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"secret\" value=\"1\"%s> %s</label>"
				"<label class=\"check\"><input type=\"checkbox\" name=\"allow_change\" value=\"1\"%s> %s</label>",
			    !again || req_form(r, "secret") ? " checked" : "", msg(MSG_MT_SECRET),
			    again && req_form(r, "allow_change") ? " checked" : "", msg(MSG_MT_CHANGE_OK));
	html_printf(&h, "<label class=\"check\"><input id=\"f-front_agreed\" type=\"checkbox\" name=\"front_agreed\" value=\"1\"%s> %s</label>",
		    again && req_form(r, "front_agreed") ? " checked" : "", msg(MSG_MT_FRONT_AGREED));
	form_error(&h, pr, "front_agreed");
	html_printf(&h, "</p>\n<p><button type=\"submit\">%s</button></p>\n", msg(MSG_MT_CREATE));
	form_end(&h);
	layout_end(r, &h);
}

/* The unit of the path and the right to put a matter there (Art. 16): the
 * village head for a village, the commune chair for commune-wide items. */
static bool village_head_or_respond(struct req *r, struct resp *w, struct dbc **c, struct unit *u)
{
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	enum app_err e = units_get(r->a, *c, r->param[0], u);
	bool commune = !e && units_kind_is_commune_level(u->kind);
	if (!e && !units_kind_is_village(u->kind) && !commune)
		e = APP_ENOTFOUND;
	if (!e && !(commune ? decisions_may_chair(r->user, u) : decisions_may_convene(r->user, u)))
		e = APP_EFORBID;
	if (e) {
		const char *why = e == APP_EFORBID ? msg(commune ? MSG_MT_COMMUNE_CHAIR_ONLY : MSG_MT_HEAD_ONLY)
						   : msg(MSG_UNIT_NOT_FOUND);
		if (r->is_api)
			http_send_json_error(r, w, e, "unit", why);
		else
			http_send_error(r, w, e, why);
		return false;
	}
	return true;
}

/* Checks and creates a matter for a village, or a commune-wide one. */
static enum app_err propose(struct req *r, struct dbc *c, const struct unit *u, const struct matter_input *in,
			    struct problems *pr, int64_t *id)
{
	return units_kind_is_commune_level(u->kind) ? commune_matter_create(r->app->db, c, u, in, r->user, time(NULL), id, pr)
						    : matter_create(r->app->db, c, u, in, r->user, time(NULL), id, pr);
}

void page_matter_new(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (village_head_or_respond(r, w, &c, &u))
		new_form(r, w, &u, NULL);
}

/* POST /units/{code}/matters — the village head proposes a matter. */
void page_matter_create(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!village_head_or_respond(r, w, &c, &u))
		return;
	int64_t item = 0;
	struct matter_input in = {.form = req_form(r, "form"), .title = req_form(r, "title"),
				  .description = req_form(r, "description"), .secret = req_form(r, "secret") != NULL,
				  .allow_change = req_form(r, "allow_change") != NULL,
				  .front_agreed = req_form(r, "front_agreed") != NULL};
	if (req_form(r, "item") && !str_to_i64(req_form(r, "item"), 1, 6, &item))
		in.item = (int)item;
	if (!matters_parse_time(req_form(r, "prepoll_closes_at"), &in.prepoll_closes_at))
		in.prepoll_closes_at = 0;
	if (!matters_parse_time(req_form(r, "closes_at"), &in.closes_at))
		in.closes_at = 0;
	if (!matters_parse_time(req_form(r, "meeting_at"), &in.meeting_at))
		in.meeting_at = 0;
	int64_t cl = 1;
	in.location = req_form(r, "location");
	in.method = req_form(r, "method");
	in.clusters = req_form(r, "clusters") && *req_form(r, "clusters") && str_to_i64(req_form(r, "clusters"), 1, 20, &cl) ? 0 : (int)cl;
	int64_t fol = 0;
	if (req_form(r, "follows") && *req_form(r, "follows") && !str_to_i64(req_form(r, "follows"), 1, INT64_MAX, &fol))
		in.follows = fol;
	in.team = req_form(r, "team");
	if (!matters_parse_time(req_form(r, "opens_at"), &in.opens_at))
		in.opens_at = 0;
	int64_t id = 0;
	struct problems pr = {.a = r->a};
	enum app_err e = propose(r, c, &u, &in, &pr, &id);
	if (e == APP_EINVAL) { /* the form again, with every problem and what was typed */
		w->status = 400;
		new_form(r, w, &u, &pr);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld", (long long)id));
}

/* ---- API ---- */

/* GET /api/v1/matters?unit=CODE */
void api_matters(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const char *code = req_query(r, "unit");
	struct unit u;
	enum app_err e = code && *code ? units_get(r->a, c, code, &u) : APP_ENOTFOUND;
	if (e) {
		http_send_json_error(r, w, e, "unit", msg(MSG_UNIT_NOT_FOUND));
		return;
	}
	/* the one list shape; the cursor is "CLOSES_AT.ID" of the last one shown */
	int limit;
	const char *cs;
	if (!http_list_args(r, w, &limit, &cs))
		return;
	struct matter_cursor cur;
	long long ca = 0, ci = 0;
	int used = 0;
	if (cs && (sscanf(cs, "%lld.%lld%n", &ca, &ci, &used) != 2 || used != (int)strlen(cs) || ci < 1)) {
		http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_API_BAD_LIMIT));
		return;
	}
	cur = (struct matter_cursor){ca, ci};
	struct matter *ms;
	size_t n;
	int64_t total;
	if ((e = matter_list_page(r->a, c, u.path, limit + 1, cs ? &cur : NULL, &ms, &n, &total))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	bool more = n > (size_t)limit;
	if (more)
		n = (size_t)limit;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, matter_json(r, c, &ms[i], false));
	http_send_list(w, arr, total,
		       more ? arena_printf(r->a, "%lld.%lld", (long long)ms[n - 1].closes_at, (long long)ms[n - 1].id) : NULL, NULL);
	w->max_age = 5;
}

/* GET /api/v1/matters/{id} */
void api_matter(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	http_send_json(w, matter_json(r, c, &m, true));
	w->max_age = 2;
}

/* The second half of a ballot: 201 with the receipt once it is durable. */
static void ballot_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	const struct ballot_job *j = arg;
	if (e) {
		if (!j->pr->n && e == APP_ENOTFOUND)
			problems_add(j->pr, "id", msg(MSG_MT_NOT_FOUND));
		http_send_problems(r, w, e, j->pr);
		return;
	}
	json_t *o = json_pack("{s:s, s:I}", "receipt", j->receipt, "matter", (json_int_t)j->matter);
	if (*j->change_key) /* handed out once, never stored */
		json_object_set_new(o, "change_key", json_string(j->change_key));
	http_send_json(w, o);
	w->status = 201;
}

/* POST /api/v1/matters/{id}/ballots — {"choice": "for"|"against"|"abstain",
 * "replaces": receipt?, "change_key": the change key of that receipt?} from the household's representative (session with
 * X-CSRF-Token, or bearer token). 201 with the receipt once durable. */
void api_matter_ballot(struct req *r, struct resp *w)
{
	int64_t id;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_json_error(r, w, APP_ENOTFOUND, "id", msg(MSG_MT_NOT_FOUND));
		return;
	}
	json_t *choice = r->json ? json_object_get(r->json, "choice") : NULL;
	json_t *rep = r->json ? json_object_get(r->json, "replaces") : NULL;
	json_t *key = r->json ? json_object_get(r->json, "change_key") : NULL;
	if (!r->json || !json_is_string(choice) || (rep && !json_is_string(rep) && !json_is_null(rep)) ||
	    (key && !json_is_string(key) && !json_is_null(key))) {
		http_send_json_error(r, w, APP_EINVAL, "choice", msg(MSG_MT_BAD_CHOICE));
		return;
	}
	struct ballot_job *j = arena_alloc(r->a, sizeof *j);
	struct problems *pr = arena_alloc(r->a, sizeof *pr);
	pr->a = r->a;
	enum app_err e = ballot_prepare(j, id, r->user ? r->user->id : 0, json_string_value(choice),
					json_is_string(rep) ? arena_strdup(r->a, json_string_value(rep)) : NULL,
					json_is_string(key) ? arena_strdup(r->a, json_string_value(key)) : NULL, time(NULL), pr);
	if (e) {
		http_send_problems(r, w, e, pr);
		return;
	}
	j->choice = arena_strdup(r->a, j->choice); /* the JSON may be gone when the writer runs */
	j->token_hash = r->user ? NULL : auth_bearer_hash(r); /* verified by the write */
	/* with others like it where it can (PostgreSQL: one statement for many) */
	app_defer_write_batch(r, w, ballot_write, ballot_write_batch, j, ballot_answer);
}

/* POST /api/v1/units/{code}/matters — the village head proposes a matter:
 * {"item", "form", "title", "description", "secret", "allow_change",
 *  "front_agreed", "prepoll_closes_at", "closes_at" (RFC 3339)}. */
void api_matter_create(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!village_head_or_respond(r, w, &c, &u))
		return;
	json_t *j = r->json;
	if (!j) {
		http_send_json_error(r, w, APP_EINVAL, "body", msg(MSG_ERR_BAD_BODY));
		return;
	}
	json_t *it = json_object_get(j, "item");
	struct matter_input in = {.item = json_is_integer(it) ? (int)json_integer_value(it) : 0,
				  .form = json_string_value(json_object_get(j, "form")),
				  .title = json_string_value(json_object_get(j, "title")),
				  .description = json_string_value(json_object_get(j, "description")),
				  .secret = json_is_true(json_object_get(j, "secret")),
				  .allow_change = json_is_true(json_object_get(j, "allow_change")),
				  .front_agreed = json_is_true(json_object_get(j, "front_agreed"))};
	if (!matters_parse_time(json_string_value(json_object_get(j, "prepoll_closes_at")), &in.prepoll_closes_at))
		in.prepoll_closes_at = 0;
	if (!matters_parse_time(json_string_value(json_object_get(j, "closes_at")), &in.closes_at))
		in.closes_at = 0;
	if (!matters_parse_time(json_string_value(json_object_get(j, "meeting_at")), &in.meeting_at))
		in.meeting_at = 0;
	json_t *cl = json_object_get(j, "clusters");
	in.location = json_string_value(json_object_get(j, "location"));
	in.method = json_string_value(json_object_get(j, "method"));
	in.clusters = !cl ? 1 : json_is_integer(cl) ? (int)json_integer_value(cl) : 0;
	json_t *fol = json_object_get(j, "follows");
	in.follows = json_is_integer(fol) ? (int64_t)json_integer_value(fol) : 0;
	in.team = json_string_value(json_object_get(j, "team"));
	if (!matters_parse_time(json_string_value(json_object_get(j, "opens_at")), &in.opens_at))
		in.opens_at = 0;
	int64_t id = 0;
	struct problems pr = {.a = r->a};
	enum app_err e = propose(r, c, &u, &in, &pr, &id);
	if (e) {
		http_send_problems(r, w, e, &pr);
		return;
	}
	struct matter m;
	if ((e = matter_get(r->a, c, id, &m))) {
		http_send_json(w, json_pack("{s:I}", "id", (json_int_t)id));
	} else {
		http_send_json(w, matter_json(r, c, &m, true));
	}
	w->status = 201;
}
