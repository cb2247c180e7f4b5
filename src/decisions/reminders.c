/*
 * reminders.c — what the signed-in person has to do about village decisions, with
 * its deadline, as tasks for their /me page (module.h): the in-app reminder of Art. 20 and 21(2).
 * A village head: meetings of the coming week (attendance is taken on the
 * day), minutes still to sign and send (5 working days, overdue flagged),
 * closed results not yet published (Art. 23). A commune officer or chair,
 * or a Front officer: decisions waiting for their recognition (5 working
 * days from receipt, overdue flagged); a Front officer also the minutes
 * waiting for the Front's signature (Art. 20: sent within 5 working days), a
 * commune officer the results of commune-wide matters still to publish.
 * A household's representative: the pre-poll answer and the vote still
 * missing from their household (due when the step closes) and the village's
 * meetings of the coming two weeks (Decree 59 Art. 3(3): notice 2 days ahead).
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

/* A household representative's: what their household has still to answer,
 * and the meetings coming in their village. */
static void voter_items(struct req *r, struct module_tasks *h, struct dbc *c, int64_t now)
{
	int64_t household, village;
	decisions_voter(c, r->user->id, &household, &village);
	struct unit v;
	if (!household || units_get_id(r->a, c, village, &v))
		return;
	struct matter *ms;
	size_t n = 0;
	if (matter_list(r->a, c, v.path, REMINDER_MATTERS, &ms, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		struct matter *m = &ms[i];
		if (m->unit.id != village)
			continue;
		if (m->form == FORM_MEETING) {
			struct meeting g;
			if (!meeting_get(r->a, c, m->id, &g) && !g.ended_at && g.starts_at > now - 86400 &&
			    g.starts_at < now + 14 * 86400)
				item(r, h, m, arena_printf(r->a, "%s %s, %s", msg(MSG_TD_MEETING_AT), matters_when(r, g.starts_at), g.location),
				     cal_today((time_t)g.starts_at), false);
			continue;
		}
		if (m->form != FORM_ONLINE)
			continue;
		struct decision_rule rule;
		struct matter_result res;
		if (matter_outcome(r->a, c, m, now, &rule, &res))
			continue;
		if (res.stage == STAGE_PREPOLL && !decisions_household_voted(c, m->id, "prepoll", household))
			item(r, h, m, msg(MSG_TD_PREPOLL), cal_today((time_t)(m->prepoll_closes_at - 1)), false);
		else if (res.stage == STAGE_OPEN && !decisions_household_voted(c, m->id, "vote", household))
			item(r, h, m, msg(MSG_TD_VOTE), cal_today((time_t)(m->closes_at - 1)), false);
	}
}

/* Whether the Front has signed a meeting's minutes. */
static bool front_signed(struct req *r, struct dbc *c, int64_t matter)
{
	struct signoff *so;
	size_t ns;
	bool done = false;
	if (meeting_signoffs(r->a, c, matter, &so, &ns))
		return true; /* unreadable: not listed as waiting */
	for (size_t k = 0; k < ns; k++)
		done |= !strcmp(so[k].slot, meeting_slots[1]);
	return done;
}

/* What the commune (duty DUTY_COMMUNE) or the Front (DUTY_FRONT) has to do
 * about the matters under the role's unit, looked at once: decisions waiting
 * for their recognition; the commune's own results still to publish
 * (Art. 23); minutes waiting for the Front's signature (Art. 20; 5 working
 * days from the meeting). */
static void commune_items(struct req *r, struct module_tasks *h, struct dbc *c, const struct role *ro, unsigned d,
			  int64_t now, int64_t today)
{
	struct matter *ms;
	size_t n = role_matters(r, c, ro, &ms);
	for (size_t i = 0; i < n; i++) {
		struct matter *m = &ms[i];
		struct meeting g;
		if ((d & DUTY_FRONT) && m->form == FORM_MEETING && !meeting_get(r->a, c, m->id, &g) && g.ended_at &&
		    !g.sent_at && !front_signed(r, c, m->id)) {
			int64_t due = meeting_minutes_due(c, &g);
			item(r, h, m, msg(MSG_TD_FRONT_SIGN), due, today > due);
		}
		struct decision_rule rule;
		struct matter_result res;
		if (m->parent_id || matter_outcome(r->a, c, m, now, &rule, &res) || !res.closed)
			continue;
		if ((d & DUTY_COMMUNE) && !strcmp(m->scope, "commune") && !matter_posting(c, m->id))
			item(r, h, m, msg(MSG_TD_PUBLISH), 0, false);
		const char *who = matter_recogniser(m);
		struct matter_standing st;
		/* a village's Front committee signs its minutes; the recognition is the commune Front's */
		if (!who || !res.passed || !(d & (!strcmp(who, "front") ? DUTY_FRONT : DUTY_COMMUNE)) ||
		    !decisions_may_recognise(r->user, m, who) || matter_standing_get(r->a, c, m, &res, &st) || st.act || !st.received_at)
			continue;
		item(r, h, m, msg(MSG_TD_RECOGNISE), st.due, st.due && today > st.due);
	}
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
		if (d & (DUTY_COMMUNE | DUTY_FRONT))
			commune_items(r, out, c, ro, d, now, today);
	}
	if (r->user)
		voter_items(r, out, c, now);
	return APP_OK;
}
