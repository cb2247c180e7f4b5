/*
 * reminders.c — what the signed-in person has to do about village decisions, with
 * its deadline, as tasks for their /me page (module.h): the in-app reminder of Art. 20 and 21(2).
 * A village head: meetings of the coming week (attendance is taken on the
 * day), minutes still to sign and send (5 working days, overdue flagged),
 * closed results not yet published (Art. 23). A commune officer or chair,
 * or a Front officer: decisions waiting for their recognition (5 working
 * days from receipt, overdue flagged).
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../module.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "mpages.h"
#include <string.h>
#include <time.h>

#define REMINDER_MATTERS 200 /* newest matters looked at per role */

static void item(struct req *r, struct module_tasks *out, const struct matter *m, const char *what, int64_t due, bool late)
{
	module_task_add(out, &(struct module_task){arena_printf(r->a, "/matters/%lld", (long long)m->id), m->title,
						    m->unit.title, what, due, late});
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
static size_t head_items(struct req *r, struct module_tasks *h, struct dbc *c, const struct role *ro, int64_t now, int64_t today)
{
	struct matter *ms;
	size_t n = role_matters(r, c, ro, &ms), k = 0;
	for (size_t i = 0; i < n; i++) {
		struct matter *m = &ms[i];
		if (strcmp(m->unit.path, ro->unit_path))
			continue;
		struct meeting g;
		bool meeting = m->form == FORM_MEETING && !meeting_get(r->a, c, m->id, &g);
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
static size_t recognise_items(struct req *r, struct module_tasks *h, struct dbc *c, const struct role *ro, const char *recogniser,
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

enum app_err decisions_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	int64_t today = cal_today((time_t)now);
	for (size_t i = 0; r->user && i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		bool seen = false; /* two roles at one unit: its duties once */
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(r->user->roles[j].unit_path, ro->unit_path);
		unsigned d = seen ? 0 : decisions_duties_at(r->user, ro->unit_path);
		if (d & DUTY_HEAD)
			head_items(r, out, c, ro, now, today);
		if (d & DUTY_COMMUNE)
			recognise_items(r, out, c, ro, "commune", now, today);
		if (d & DUTY_FRONT)
			recognise_items(r, out, c, ro, "front", now, today);
	}
	return APP_OK;
}
