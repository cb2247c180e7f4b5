/*
 * paper_pages.c — household ballots on paper: the vote's part of a matter's page, the team's list to hand ballots out and enter them (one tap per household).
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

/* ---- household ballots on paper ---- */

void ballot_body(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct decision_rule *rule,
		 const struct matter_result *res)
{
	html_printf(h, "<h2>%s</h2>\n<dl class=\"facts\">\n", msg(MSG_MT_FORM_BALLOT));
	html_printf(h, "<dt>%s</dt><dd><a href=\"/matters/%lld\">#%lld</a></dd>\n", msg(MSG_MT_FOLLOWS), (long long)m->follows,
		    (long long)m->follows);
	html_printf(h, "<dt>%s</dt><dd>", msg(MSG_MT_TEAM));
	char *team = arena_strdup(r->a, m->team);
	bool first = true;
	for (char *save = NULL, *t = strtok_r(team, ";\n", &save); t; t = strtok_r(NULL, ";\n", &save)) {
		html_printf(h, "%s%s", first ? "" : ", ", t);
		first = false;
	}
	html_printf(h, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_BALLOT_OPENS), matters_when(r, m->opens_at),
		    msg(MSG_MT_BALLOT_CLOSES), matters_when(r, m->closes_at));
	html_printf(h, "<dt>%s</dt><dd>%s %lld/%lld %s (%s %d/%d %s; %s)</dd>\n", msg(MSG_MT_THRESHOLD), msg(MSG_MT_NEEDS),
		    (long long)res->needed, (long long)m->eligible, msg(MSG_MT_HOUSEHOLDS_FOR),
		    rule->strict ? msg(MSG_MT_MORE_THAN) : msg(MSG_MT_AT_LEAST), rule->num, rule->den, msg(MSG_MT_OF_ALL),
		    msg_cite(r->a, rule->legal_basis));
	html_printf(h, "<dt>%s</dt><dd>%lld / %lld</dd>\n", msg(MSG_MT_DISTRIBUTED), (long long)ballot_distributed(c, m->id),
		    (long long)m->eligible);
	html_printf(h, "<dt>%s</dt><dd>%lld / %lld</dd>\n</dl>\n", msg(MSG_MT_PAPER_RECEIVED), (long long)res->turnout,
		    (long long)m->eligible);
	if (res->stage == STAGE_CLOSED) {
		html_printf(h, "<h2>%s</h2>\n<p>%s %lld, %s %lld, %s %lld</p>\n<p class=\"%s\">%s</p>\n", msg(MSG_MT_RESULT),
			    msg(MSG_MT_FOR), (long long)res->votes_for, msg(MSG_MT_AGAINST), (long long)res->votes_against,
			    msg(MSG_MT_ABSTAIN), (long long)res->votes_abstain, res->passed ? "ok" : "error",
			    res->passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED));
		standing_section(r, h, c, m, res);
	} else if (res->stage == STAGE_OPEN && decisions_may_convene(r->user, &m->unit)) {
		html_printf(h, "<p><a class=\"button\" href=\"/matters/%lld/paper\">%s</a></p>\n", (long long)m->id,
			    msg(MSG_MT_ENTER_BALLOTS));
	}
}

/* GET /matters/{id}/paper?q= — the ballot team's entry list: three buttons per household. */
void page_matter_paper(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!head_matter_or_respond(r, w, &c, &m))
		return;
	if (m.form != FORM_BALLOT) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_MT_NOT_BALLOT));
		return;
	}
	const char *q = req_query(r, "q");
	char *qf = q && *q ? str_fold(q) : NULL;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_MT_ENTER_BALLOTS));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/matters/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), (long long)m.id, m.title, msg(MSG_MT_ENTER_BALLOTS));
	form_search(&h, arena_printf(r->a, "/matters/%lld/paper", (long long)m.id), msg(MSG_MT_SEARCH_HOUSEHOLD), "q", q);
	form_search_end(&h, msg(MSG_DITEM_SHOW));
	html_printf(&h, "<p class=\"meta\">%s: %lld / %lld</p>\n", msg(MSG_MT_DISTRIBUTED),
		    (long long)ballot_distributed(c, m.id), (long long)m.eligible);
	form_begin(r, &h, arena_printf(r->a, "/matters/%lld/distribute", (long long)m.id), false);
	form_hidden(&h, "household", "all");
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_MT_GIVE_ALL));
	form_end(&h);
	html_lit(&h, "<ul class=\"postings attendance\">\n");
	/* received: from the turnout (the choice is not linked to the household) */
	const char *csrf = http_csrf_token(r);
	struct roll_row *roll;
	size_t nroll = 0;
	if (paper_roll(r->a, c, &m, &roll, &nroll))
		nroll = 0;
	for (size_t k = 0; k < nroll; k++) {
		const char *code = roll[k].code, *head = roll[k].head;
		if (!household_matches(qf, q, code, head))
			continue;
		int64_t hid = roll[k].household;
		if (roll[k].received) {
			html_printf(&h, "<li id=\"h%lld\"><span class=\"badge current\">%s</span> %s · %s</li>\n", (long long)hid,
				    msg(MSG_MT_PAPER_RECEIVED), code, head);
			continue;
		}
		if (!roll[k].distributed) {
			/* not given a ballot yet: the team records it when it does */
			html_printf(&h, "<li id=\"h%lld\"><form method=\"post\" action=\"/matters/%lld/distribute\">"
					"<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"household\" value=\"%lld\">"
					"<button type=\"submit\" class=\"absent\">%s</button> %s · %s</form></li>\n",
				    (long long)hid, (long long)m.id, csrf, (long long)hid, msg(MSG_MT_GIVE), code, head);
			continue;
		}
		html_printf(&h, "<li id=\"h%lld\"><form method=\"post\" action=\"/matters/%lld/paper\">"
				"<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"household\" value=\"%lld\">"
				"<input type=\"hidden\" name=\"q\" value=\"%s\">"
				"<button type=\"submit\" name=\"choice\" value=\"for\">%s</button>"
				"<button type=\"submit\" name=\"choice\" value=\"against\" class=\"absent\">%s</button>"
				"<button type=\"submit\" name=\"choice\" value=\"abstain\" class=\"absent\">%s</button> %s · %s</form></li>\n",
			    (long long)hid, (long long)m.id, csrf, (long long)hid, q ? q : "", msg(MSG_MT_FOR), msg(MSG_MT_AGAINST),
			    msg(MSG_MT_ABSTAIN), code, head);
	}
	r->used_csrf = true;
	html_lit(&h, "</ul>\n");
	free(qf);
	layout_end(r, &h);
}

/* The ballot team's two acts on the paper list: give a household its ballot
 * (household "all": every household not yet given one), or enter the ballot
 * it returned (choice). */
static void paper_act(struct req *r, struct resp *w, bool give)
{
	struct dbc *c;
	struct matter m;
	if (!head_matter_or_respond(r, w, &c, &m))
		return;
	int64_t hid = 0;
	const char *hs = req_form(r, "household");
	if (!hs || ((!give || strcmp(hs, "all")) && str_to_i64(hs, 1, INT64_MAX, &hid))) {
		http_send_error(r, w, APP_EINVAL, NULL);
		return;
	}
	struct problems pr = {.a = r->a};
	enum app_err e = give ? ballot_distribute(r->app->db, m.id, hid, r->user, time(NULL), &pr)
			      : ballot_enter(r->app->db, m.id, hid, req_form(r, "choice"), r->user, time(NULL), &pr);
	http_answer(r, w, e, &pr, hid ? arena_printf(r->a, "/matters/%lld/paper#h%lld", (long long)m.id, (long long)hid)
				: arena_printf(r->a, "/matters/%lld/paper", (long long)m.id));
}

/* POST /matters/{id}/distribute — household (an id, or "all"). */
void page_matter_distribute(struct req *r, struct resp *w)
{
	paper_act(r, w, true);
}

/* POST /matters/{id}/paper — household, choice: one household's paper ballot. */
void page_matter_paper_post(struct req *r, struct resp *w)
{
	paper_act(r, w, false);
}

/* GET /matters/{id}/minutes.pdf — the minutes of a counted meeting (Art. 20), for print. */
/* The notice of a meeting (Decree 59 Art. 3(3)-(4); Form 01), as lines for
 * the page (to copy into a loudspeaker script or the village's chat group)
 * and for the PDF posted at the cultural house. */
