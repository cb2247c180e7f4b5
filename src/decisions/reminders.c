/*
 * reminders.c — what the signed-in person has to do about village decisions, with
 * its deadline, on their /me page: the in-app reminder of Art. 20 and 21(2).
 * A village head: meetings of the coming week (attendance is taken on the
 * day), minutes still to sign and send (5 working days, overdue flagged),
 * closed results not yet published (Art. 23). A commune officer or chair,
 * or a Front officer: decisions waiting for their recognition (5 working
 * days from receipt, overdue flagged).
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "mpages.h"
#include <string.h>
#include <time.h>

#define REMINDER_MATTERS 200 /* newest matters looked at per role */

static void item(struct req *r, struct html *h, const struct matter *m, const char *what, int64_t due, bool late)
{
	html_printf(h, "<li><a href=\"/matters/%lld\">%s</a> <span class=\"meta\">(%s)</span> — %s", (long long)m->id, m->title,
		    m->unit.title, what);
	if (due) {
		char dv[11];
		cal_format_vn(due, dv);
		html_printf(h, " %s %s", msg(MSG_TD_BY), dv);
	}
	if (late)
		html_printf(h, " <strong class=\"badge withdrawn\">%s</strong>", msg(MSG_TD_OVERDUE));
	html_lit(h, "</li>\n");
}

/* The newest matters in the role's unit and below (0 on an error). */
static size_t role_matters(struct req *r, struct dbc *c, const struct role *ro, struct matter **ms)
{
	size_t n = 0;
	if (matter_list(r->a, c, ro->unit_path, REMINDER_MATTERS, ms, &n))
		return 0;
	return n;
}

/* A village head's list for their village. */
static size_t head_items(struct req *r, struct html *h, struct dbc *c, const struct role *ro, int64_t now, int64_t today)
{
	struct matter *ms;
	size_t n = role_matters(r, c, ro, &ms), k = 0;
	for (size_t i = 0; i < n; i++) {
		struct matter *m = &ms[i];
		if (strcmp(m->unit.path, ro->unit_path))
			continue;
		struct meeting g;
		bool meeting = !strcmp(m->form, "meeting") && !meeting_get(r->a, c, m->id, &g);
		if (meeting && !g.ended_at && g.starts_at > now - 86400 && g.starts_at < now + 7 * 86400) {
			item(r, h, m, arena_printf(r->a, "%s %s", msg(MSG_TD_MEETING), matters_when(r, g.starts_at)), 0, false);
			k++;
		}
		if (meeting && g.ended_at && !g.sent_at) {
			int64_t due = meeting_minutes_due(c, &g);
			item(r, h, m, msg(MSG_TD_MINUTES), due, today > due);
			k++;
		}
		struct decision_rule rule;
		struct matter_result res;
		if (!matter_outcome(r->a, c, m, now, &rule, &res) && res.closed && !matter_posting(c, m->id)) {
			item(r, h, m, msg(MSG_TD_PUBLISH), 0, false);
			k++;
		}
	}
	return k;
}

/* Decisions of the villages under a commune waiting for this recogniser. */
static size_t recognise_items(struct req *r, struct html *h, struct dbc *c, const struct role *ro, const char *recogniser,
			      int64_t now, int64_t today)
{
	struct matter *ms;
	size_t n = role_matters(r, c, ro, &ms), k = 0;
	for (size_t i = 0; i < n; i++) {
		struct matter *m = &ms[i];
		const char *who = matter_recogniser(m);
		if (m->parent_id || !who || strcmp(who, recogniser))
			continue;
		struct decision_rule rule;
		struct matter_result res;
		struct matter_standing st;
		if (matter_outcome(r->a, c, m, now, &rule, &res) || !res.closed || !res.passed ||
		    matter_standing_get(r->a, c, m, &res, &st) || st.act || !st.received_at)
			continue;
		item(r, h, m, msg(MSG_TD_RECOGNISE), st.due, st.due && today > st.due);
		k++;
	}
	return k;
}

void decisions_reminders(struct req *r, struct html *h)
{
	struct dbc *c;
	if (!r->user || db_conn(r->app->db, &c))
		return;
	int64_t now = time(NULL), today = cal_today((time_t)now);
	size_t k = 0;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"postings\">\n", msg(MSG_TD_TITLE));
	for (size_t i = 0; i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		if (!strcmp(ro->role, "village_head"))
			k += head_items(r, h, c, ro, now, today);
		else if (!strcmp(ro->role, "commune_chair") || !strcmp(ro->role, "commune_officer"))
			k += recognise_items(r, h, c, ro, "commune", now, today);
		else if (!strcmp(ro->role, "front_officer"))
			k += recognise_items(r, h, c, ro, "front", now, today);
	}
	if (!k)
		html_printf(h, "<li>%s</li>\n", msg(MSG_TD_NONE));
	html_lit(h, "</ul>\n");
}
