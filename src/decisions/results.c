/*
 * results.c — the result of a closed matter published through the disclosure
 * module (Law 10/2022 Art. 23: the village head publishes the results; the
 * commune's item 14 of Art. 11, "other content under the law or the commune's
 * democracy regulation"). One posting per matter, linked both ways: the
 * matter page and its JSON show the posting, the posting links the matter.
 * The posting then follows the disclosure rules like any other (period,
 * compliance, register, feed, notice PDF, ledger). The domain;
 * results_pages.c shows it.
 */
#include "decisions_int.h"
#include "../auth/auth.h"
#include "../disclosure/postings.h"
#include "../i18n/msg.h"
#include "../util/problems.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define RESULT_ITEM 14   /* Art. 11 item 14 of the commune catalogue */
#define RESULT_DAYS 30   /* posted for 30 days, as the other items of Art. 11 */

int64_t matter_posting(struct dbc *c, int64_t matter)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_POSTING);
	db_bind_i64(s, 1, matter);
	int64_t id = db_one_i64(s, 0, NULL);
	return id;
}

/* The commune whose portal carries the result: the matter's own unit for a
 * commune-wide matter, else the village's parent (the path's second-last part). */
static enum app_err commune_of(struct arena *a, struct dbc *c, const struct matter *m, struct unit *out)
{
	if (!strcmp(m->scope, "commune"))
		return units_get(a, c, m->unit.code, out);
	const char *p = m->unit.path;
	size_t n = strlen(p);
	if (n < 2)
		return APP_ENOTFOUND;
	const char *end = p + n - 1; /* the final '/' */
	const char *start = end;
	while (start > p && start[-1] != '/')
		start--;
	const char *pend = start - 1;
	const char *pstart = pend;
	while (pstart > p && pstart[-1] != '/')
		pstart--;
	if (pend <= pstart)
		return APP_ENOTFOUND;
	return units_get(a, c, arena_strndup(a, pstart, (size_t)(pend - pstart)), out);
}

/* The day the result was reached: the count at a meeting, else the close. */
static int64_t decided_at(struct arena *a, struct dbc *c, const struct matter *m)
{
	struct meeting g;
	if (m->form == FORM_MEETING && !meeting_get(a, c, m->id, &g) && g.ended_at)
		return g.ended_at;
	return m->closes_at;
}

static const char *form_label(enum matter_form form)
{
	return form == FORM_MEETING ? msg(MSG_MT_FORM_MEETING) : form == FORM_BALLOT ? msg(MSG_MT_FORM_BALLOT) : msg(MSG_MT_FORM_ONLINE);
}

/* The posting's text: what was decided, how, the count against all
 * households, and where the details and minutes are. */
static void result_input(struct arena *a, const char *base_url, const struct matter *m, const struct decision_rule *rule,
			 const struct matter_result *res, int64_t day, struct posting_input *in)
{
	memset(in, 0, sizeof *in);
	bool villages = !strcmp(rule->counts, "villages");
	in->title = arena_printf(a, "%s: %s — %s", msg(MSG_MT_RESULT_OF), m->title, m->unit.title);
	in->summary = arena_printf(a, "%s %lld/%lld %s.", res->passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED),
				   (long long)res->votes_for, (long long)m->eligible,
				   villages ? msg(MSG_MT_VILLAGES_FOR) : msg(MSG_MT_HOUSEHOLDS_FOR));
	char dv[11];
	cal_format_vn(day, dv);
	in->body = arena_printf(
		a,
		"- %s: %s\n- %s: %s\n- %s: %s\n- %s: %lld\n- %s: %lld\n- %s: %lld\n- %s: %lld\n- %s: %lld\n- %s: %lld/%lld (%s %d/%d, %s)\n\n"
		"**%s**\n\n%s: %s/matters/%lld\n",
		msg(MSG_MT_SUBJECT), m->title, msg(MSG_MT_FORM), form_label(m->form), msg(MSG_MT_DECIDED_ON), dv,
		villages ? msg(MSG_MT_VILLAGES) : msg(MSG_MT_ELIGIBLE), (long long)m->eligible, msg(MSG_MT_TURNOUT),
		(long long)res->turnout, msg(MSG_MT_FOR), (long long)res->votes_for, msg(MSG_MT_AGAINST),
		(long long)res->votes_against, msg(MSG_MT_ABSTAIN), (long long)res->votes_abstain, msg(MSG_MT_THRESHOLD),
		(long long)res->needed, (long long)m->eligible, rule->strict ? msg(MSG_MT_MORE_THAN) : msg(MSG_MT_AT_LEAST),
		rule->num, rule->den, rule->legal_basis, res->passed ? msg(MSG_MT_PASSED) : msg(MSG_MT_NOT_PASSED),
		msg(MSG_MT_DETAILS_AT), base_url, (long long)m->id);
	char iso[11];
	cal_format_iso(day, iso);
	in->decision_date = arena_strdup(a, iso);
	in->decision_ref = arena_printf(a, "coso #%lld", (long long)m->id);
	in->item_number = RESULT_ITEM;
	in->forms = "portal;village_head";
	in->period_days = RESULT_DAYS;
	in->is_public = true;
}

struct link_job {
	int64_t matter, posting;
};

static enum app_err link_fn(struct dbc *c, void *arg)
{
	struct link_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_SET_POSTING);
	db_bind_i64(s, 1, j->matter);
	db_bind_i64(s, 2, j->posting);
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	return e ? e : row ? APP_OK : APP_ECONFLICT; /* another publication was first */
}

enum app_err matter_result_publish(struct db *db, struct dbc *c, const struct user *u, const struct matter *m,
				   const char *base_url, int64_t now, struct problems *pr, int64_t *posting)
{
	if (!decisions_may_publish_result(u, m)) {
		problems_add(pr, "", msg(MSG_MT_PUBLISH_WHO));
		return APP_EFORBID;
	}
	struct arena a;
	arena_init(&a);
	struct decision_rule rule;
	struct matter_result res;
	enum app_err e = matter_outcome(&a, c, m, now, &rule, &res);
	if (!e && !res.closed) {
		problems_add(pr, "", msg(MSG_MT_PUBLISH_NOT_CLOSED));
		e = APP_ECONFLICT;
	}
	int64_t today = cal_today((time_t)now), pid = e ? 0 : matter_posting(c, m->id);
	struct posting p;
	if (pid && !posting_get(&a, c, pid, &p) && p.status != POSTING_DRAFT) {
		problems_add(pr, "", msg(MSG_MT_PUBLISH_ALREADY));
		e = APP_ECONFLICT;
	}
	struct unit commune;
	if (!e)
		e = commune_of(&a, c, m, &commune);
	if (!e && !pid) {
		struct posting_input in;
		result_input(&a, base_url, m, &rule, &res, cal_today((time_t)decided_at(&a, c, m)), &in);
		struct ditem item;
		struct posting_problem pp[POSTING_MAX_PROBLEMS];
		size_t npp = posting_validate(&a, c, &commune, &in, today, false, &item, pp);
		for (size_t i = 0; i < npp; i++)
			problems_add(pr, pp[i].field, arena_strdup(pr->a, pp[i].reason));
		if (npp)
			e = APP_EINVAL;
		/* the draft is linked before it is published: a retry finds it */
		struct link_job lj = {m->id, 0};
		if (!e && !(e = posting_save_draft(db, &commune, &item, &in, u->id, u->assist_resident, now, &lj.posting)))
			e = db_write(db, link_fn, &lj);
		pid = lj.posting;
	}
	if (!e)
		e = posting_publish(db, pid, u->id, u->assist_resident, now);
	if (e == APP_ECONFLICT && !pr->n)
		problems_add(pr, "", msg(MSG_MT_PUBLISH_ALREADY));
	arena_free(&a);
	*posting = pid;
	return e;
}
