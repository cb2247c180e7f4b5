/* matters.c — matters: the rules and thresholds in force, reading and listing matters, turnout and outcome, creating a village or commune-wide matter (see decisions.h). */
#include "decisions.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "../notify/notify.h"
#include "../util/arena.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "decisions_int.h"
#include "../auth/auth.h"
#include "../util/problems.h"

enum app_err decision_rule_get(struct arena *a, struct dbc *c, int item, const char *scope, const char *day,
			       struct decision_rule *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_RULE_IN_FORCE);
	db_bind_i64(s, 1, item);
	db_bind_text(s, 2, scope);
	db_bind_text(s, 3, day);
	enum app_err e = db_row(s);
	if (!e) {
		db_cols(s, a, 0, DB_COL(&out->num), DB_COL(&out->den), DB_COL(&out->strict), DB_COL(&out->counts),
			DB_COL(&out->forms), DB_COL(&out->legal_basis), DB_COL(&out->confirmed));
	}
	db_reset(s);
	return e;
}

int64_t decision_needed(const struct decision_rule *r, int64_t all)
{
	/* strict: the least v with v*den > num*all; else the least with v*den >= num*all */
	int64_t p = (int64_t)r->num * all;
	return r->strict ? p / r->den + 1 : (p + r->den - 1) / r->den;
}

bool decision_passes(const struct decision_rule *r, int64_t votes, int64_t all)
{
	int64_t lhs = votes * r->den, rhs = (int64_t)r->num * all;
	return all > 0 && (r->strict ? lhs > rhs : lhs >= rhs);
}

/* Decree 59 Art. 5: the online vote goes ahead only when more than half of
 * ALL households agreed to vote online. */
static bool prepoll_ok(const struct matter *m, int64_t yes)
{
	return yes * 2 > m->eligible;
}

const char *const matter_form_names[FORM__N] = {"meeting", "ballot", "online"};
const char *const matter_stage_names[STAGE__N] = {"scheduled", "prepoll", "rejected_online", "open", "meeting", "closed"};

enum matter_form matter_form_of(const char *name)
{
	for (int f = 0; name && f < FORM__N; f++)
		if (!strcmp(name, matter_form_names[f]))
			return (enum matter_form)f;
	return FORM__N;
}

enum matter_stage matter_stage(const struct matter *m, int64_t now, int64_t prepoll_yes)
{
	if (now < m->opens_at)
		return STAGE_SCHEDULED;
	if (now < m->prepoll_closes_at)
		return STAGE_PREPOLL;
	if (m->form == FORM_ONLINE && m->prepoll_closes_at > m->opens_at && !prepoll_ok(m, prepoll_yes))
		return STAGE_REJECTED_ONLINE;
	return now < m->closes_at ? STAGE_OPEN : STAGE_CLOSED;
}

static void read_matter(struct arena *a, struct db_stmt *s, struct matter *m)
{
	db_cols(s, a, 0, DB_COL(&m->id), DB_COL(&m->unit.id), DB_COL(&m->unit.code), DB_COL(&m->unit.kind),
		DB_COL(&m->unit.name), DB_COL(&m->unit.title), DB_COL(&m->unit.path));
	m->unit.parent_code = "";
	m->item = (int)db_col_i64(s, 7);
	m->scope = arena_strdup(a, db_col_text(s, 8));
	m->form = matter_form_of(db_col_text(s, 9));
	db_cols(s, a, 10, DB_COL(&m->title), DB_COL(&m->description), DB_COL(&m->secret), DB_COL(&m->allow_change),
		DB_COL(&m->front_agreed), DB_COL(&m->eligible), DB_COL(&m->opens_at), DB_COL(&m->prepoll_closes_at),
		DB_COL(&m->closes_at), DB_COL(&m->created_at), DB_COL(&m->proposer), DB_COL(&m->prepoll_yes),
		DB_COL(&m->follows), DB_COL(&m->team), DB_COL(&m->parent_id));
}

static void matter_row(struct arena *a, struct db_stmt *s, void *out)
{
	read_matter(a, s, out);
}

enum app_err meeting_present(struct dbc *c, int64_t matter, int cluster, int64_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ATTEND_COUNT);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, cluster);
	enum app_err e;
	*n = db_one_i64(s, 0, &e);
	return e;
}

/* Whether a household is in a matter's electorate. */
enum app_err matter_electorate_has(struct dbc *c, int64_t matter, int64_t household, bool *in)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ELECTORATE_HAS);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, household);
	enum app_err e = db_step(s, in);
	db_reset(s);
	return e;
}

enum app_err matter_household_check(struct dbc *c, const struct matter *m, int64_t household, enum msg_id *why)
{
	bool in = false;
	enum app_err e = household_in_village(c, household, m->unit.id, &in);
	if (!e && !in) {
		*why = MSG_MT_OTHER_VILLAGE_HOUSEHOLD;
		return APP_EINVAL;
	}
	if (!e && !(e = matter_electorate_has(c, m->id, household, &in)) && !in) {
		*why = MSG_MT_NOT_ELECTORATE;
		e = APP_EINVAL;
	}
	return e;
}

enum app_err household_in_village(struct dbc *c, int64_t household, int64_t village, bool *in)
{
	struct db_stmt *s = dbc_stmt(c, STMT_HOUSEHOLD_IN_VILLAGE);
	db_bind_i64(s, 1, household);
	db_bind_i64(s, 2, village);
	enum app_err e = db_step(s, in);
	db_reset(s);
	return e;
}

enum app_err matter_get(struct arena *a, struct dbc *c, int64_t id, struct matter *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, matter_row, out);
}

/* Reads every row of a statement selecting MATTER_COLS. */
static enum app_err read_matters(struct arena *a, struct db_stmt *s, struct matter **out, size_t *n)
{
	return db_get_rows(s, a, matter_row, sizeof **out, (void **)out, n);
}

enum app_err matter_list(struct arena *a, struct dbc *c, const char *path, int limit, struct matter **out, size_t *n)
{
	return matter_list_page(a, c, path, limit, NULL, out, n, NULL);
}

enum app_err matter_list_page(struct arena *a, struct dbc *c, const char *path, int limit, const struct matter_cursor *after,
			 struct matter **out, size_t *n, int64_t *total)
{
	struct db_stmt *s;
	enum app_err e = APP_OK;
	if (total) {
		s = dbc_stmt(c, STMT_MATTER_TOTAL);
		db_bind_subtree(s, 1, 2, path);
		*total = db_one_i64(s, 0, &e);
		if (e)
			return e;
	}
	s = dbc_stmt(c, after ? STMT_MATTER_PAGE : STMT_MATTER_LIST);
	db_bind_subtree(s, 1, 2, path);
	db_bind_i64(s, 3, limit);
	if (after) {
		db_bind_i64(s, 4, after->closes_at);
		db_bind_i64(s, 5, after->id);
	}
	return read_matters(a, s, out, n);
}

enum app_err matter_search(struct arena *a, struct dbc *c, const char *q, int limit, struct matter **out, size_t *n)
{
	/* folded like the titles: "den chieu sang" finds "Lắp đèn chiếu sáng" */
	char *f = str_fold(q);
	struct buf p;
	buf_init(&p);
	buf_putc(&p, '%');
	for (const char *s = f; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_putc(&p, '\\');
		buf_putc(&p, *s == ' ' ? '%' : *s);
	}
	buf_putc(&p, '%');
	free(f);
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_SEARCH);
	db_bind_text(s, 1, buf_str(&p));
	db_bind_i64(s, 2, limit);
	buf_reset(&p);
	return read_matters(a, s, out, n);
}

/* Fills the folded titles of matters made before migration 0030. */
static enum app_err fold_fn(struct dbc *c, void *arg)
{
	bool *more = arg;
	struct arena a;
	arena_init(&a);
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_FOLD_PENDING);
	bool row;
	enum app_err e;
	int64_t *ids = NULL;
	const char **titles = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	while (!(e = db_step(s, &row)) && row) {
		ids = arena_grow(&a, ids, n, &cap, sizeof *ids);
		titles = arena_grow(&a, titles, n, &cap2, sizeof *titles);
		ids[n] = db_col_i64(s, 0);
		titles[n++] = arena_strdup(&a, db_col_text(s, 1));
	}
	db_reset(s);
	for (size_t i = 0; !e && i < n; i++) {
		char *f = str_fold(titles[i]);
		/* a title that folds to nothing still leaves the to-do list */
		e = db_run(c, STMT_MATTER_FOLD_SET, "it", ids[i], *f ? f : " ");
		free(f);
	}
	*more = !e && n == 1000;
	arena_free(&a);
	return e;
}

enum app_err matters_fold_backfill(struct db *db)
{
	bool more = true;
	enum app_err e = APP_OK;
	while (!e && more)
		e = db_write(db, fold_fn, &more);
	return e;
}

/* Households that took part in a step. */
static enum app_err turnout(struct dbc *c, int64_t matter, const char *stage, int64_t *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_TURNOUT_COUNT);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	enum app_err e;
	*out = db_one_i64(s, 0, &e);
	return e;
}

enum app_err matter_result(struct dbc *c, const struct matter *m, const struct decision_rule *rule, int64_t now,
			   struct matter_result *out)
{
	memset(out, 0, sizeof *out);
	int64_t t, v[3] = {0, 0, 0}; /* turnout; for, against, abstain from the sealed boxes */
	/* A secret vote's choices are not opened before its close (nothing shows
	 * them, and the tally opens every box), except the pre-poll's once it
	 * closed and until its result is recorded: it decides the stage. */
	bool running = m->secret && now < m->closes_at;
	/* a step is final some seconds after its close: no ballot accepted before
	 * it can still be on its way to the disk */
	bool prepoll_final = now >= m->prepoll_closes_at + 10, vote_final = now >= m->closes_at + 10;
	enum app_err e = turnout(c, m->id, "prepoll", &t);
	if (!e && (!running || (now >= m->prepoll_closes_at && m->prepoll_yes < 0)))
		e = ballot_box_tally(c, m->id, "prepoll", prepoll_final, v);
	if (e)
		return e;
	out->prepoll_turnout = t;
	out->prepoll_yes = m->prepoll_yes >= 0 ? m->prepoll_yes : v[0];
	out->prepoll_no = v[1];
	out->prepoll_abstain = v[2];
	out->prepoll_passed = prepoll_ok(m, out->prepoll_yes);
	out->stage = matter_stage(m, now, out->prepoll_yes);
	v[0] = v[1] = v[2] = 0;
	if ((e = turnout(c, m->id, "vote", &t)) || (!running && (e = ballot_box_tally(c, m->id, "vote", vote_final, v))))
		return e;
	out->turnout = t;
	out->votes_for = v[0];
	out->votes_against = v[1];
	out->votes_abstain = v[2];
	out->needed = decision_needed(rule, m->eligible);
	if (m->form == FORM_MEETING && !strcmp(m->scope, "village")) {
		struct arena a;
		arena_init(&a);
		struct meeting g;
		if (!(e = meeting_get(&a, c, m->id, &g))) {
			out->stage = meeting_stage(&g, now);
			e = meeting_present(c, m->id, 0, &out->turnout);
			bool row;
			struct db_stmt *s = dbc_stmt(c, STMT_RESULT_SUM);
			db_bind_i64(s, 1, m->id);
			if (!e && !(e = db_step(s, &row)) && row) {
				out->votes_for = db_col_i64(s, 0);
				out->votes_against = db_col_i64(s, 1);
				out->votes_abstain = db_col_i64(s, 2);
			}
			db_reset(s);
		}
		arena_free(&a);
		if (e)
			return e;
	}
	if ((m->item == 4 || m->item == 5) && m->form == FORM_MEETING) {
		/* an election: the leading candidate against all households */
		struct arena a;
		arena_init(&a);
		struct election el;
		struct candidate *cs;
		size_t nc;
		if (!election_get(&a, c, m->id, &el) && !candidates_get(&a, c, m->id, &cs, &nc)) {
			int64_t best = 0, total = 0;
			for (size_t i = 0; i < nc; i++) {
				if (cs[i].votes > best)
					best = cs[i].votes;
				total += cs[i].votes > 0 ? cs[i].votes : 0;
			}
			out->votes_for = best;
			out->votes_against = total - best;
		}
		arena_free(&a);
	}
	if (!strcmp(m->scope, "commune")) {
		/* Art. 21(1): counted in villages, each by its own threshold */
		struct arena a;
		arena_init(&a);
		struct matter *kids;
		size_t nk;
		e = matter_children(&a, c, m->id, &kids, &nk);
		int64_t done = 0, yes = 0;
		bool started = false;
		for (size_t i = 0; i < nk && !e; i++) {
			struct decision_rule kr;
			struct matter_result kres;
			if ((e = matter_outcome(&a, c, &kids[i], now, &kr, &kres)))
				break;
			done += kres.closed;
			yes += kres.closed && kres.passed;
			started |= kres.stage != STAGE_SCHEDULED;
		}
		arena_free(&a);
		if (e)
			return e;
		out->turnout = done;
		out->votes_for = yes;
		out->votes_against = done - yes;
		out->votes_abstain = 0;
		out->stage = done == (int64_t)nk && nk ? STAGE_CLOSED : started ? STAGE_MEETING : STAGE_SCHEDULED;
	}
	out->closed = out->stage == STAGE_CLOSED || out->stage == STAGE_REJECTED_ONLINE;
	out->passed = out->stage == STAGE_CLOSED && decision_passes(rule, out->votes_for, m->eligible);
	return APP_OK;
}

enum app_err matter_outcome(struct arena *a, struct dbc *c, const struct matter *m, int64_t now,
			    struct decision_rule *rule, struct matter_result *res)
{
	char day[11];
	cal_format_iso(cal_today((time_t)m->created_at), day);
	enum app_err e = decision_rule_get(a, c, m->item, m->scope, day, rule);
	return e ? e : matter_result(c, m, rule, now, res);
}

/* ---- creating a matter ---- */

static bool form_listed(const char *forms, const char *form)
{
	size_t n = strlen(form);
	for (const char *p = forms; *p;) {
		size_t k = strcspn(p, ";");
		if (k == n && !strncmp(p, form, n))
			return true;
		p += k + (p[k] == ';');
	}
	return false;
}

/* Decree 59 Art. 4: a ballot team of 3 to 5 people, one per line or ';'. */
static bool team_ok(const char *team)
{
	int names = 0;
	for (const char *p = team ? team : ""; *p;) {
		size_t l = strcspn(p, ";\n");
		size_t k = 0;
		while (k < l && (p[k] == ' ' || p[k] == '\r'))
			k++;
		names += k < l;
		p += l + (p[l] != 0);
	}
	return names >= 3 && names <= 5 && strlen(team) <= 500;
}

void matter_check(struct arena *a, struct dbc *c, const struct unit *village, const struct matter_input *in, int64_t now,
		  struct problems *pr)
{
	if (!units_kind_is_village(village->kind)) {
		problems_add(pr, "item", msg(MSG_MT_NOT_VILLAGE));
		return;
	}
	struct decision_rule r;
	char day[11];
	cal_format_iso(cal_today((time_t)now), day);
	bool item_ok = in->item >= 1 && in->item <= 6;
	if (!item_ok)
		problems_add(pr, "item", msg(MSG_MT_BAD_ITEM));
	/* Items 4 and 5 are elections and dismissals, each with its own convener
	 * and timeline: a village head is elected on the commune chair's decision
	 * with the election team (Decree 59 Arts. 6-8) and relieved at a meeting
	 * the Front convenes (Art. 9); board members are put by the commune Front
	 * (Law Art. 36; Decree 59 Art. 13). Never as an ordinary matter. */
	else if (in->item == 4 || in->item == 5)
		problems_add(pr, "item", msg(MSG_MT_ITEM45_FLOW)), item_ok = false;
	if (!in->title || !*in->title || str_utf8_len(in->title) > 300)
		problems_add(pr, "title", msg(MSG_DP_BAD_TITLE));
	if (in->description && strlen(in->description) > 20000)
		problems_add(pr, "description", msg(MSG_DP_BAD_BODY));
	bool known = in->form && (!strcmp(in->form, "online") || !strcmp(in->form, "meeting") || !strcmp(in->form, "ballot"));
	if (!known || (item_ok && decision_rule_get(a, c, in->item, "village", day, &r))) {
		problems_add(pr, "form", msg(MSG_MT_BAD_FORM));
		return;
	}
	/* Art. 17(2): items 3, 4, 5 at a meeting; ballots only after a meeting
	 * that could not gather enough households; online only for item 6 */
	if (item_ok && !strcmp(in->form, "online") && !form_listed(r.forms, "online"))
		problems_add(pr, "form", msg(MSG_MT_ONLINE_ITEM6));
	if (!strcmp(in->form, "ballot")) {
		/* Art. 17(2), 19(1)(b): only after a meeting on it could not gather
		 * enough households to reach the threshold */
		struct matter prev;
		struct decision_rule rp;
		struct matter_result pres;
		if (!in->follows || matter_get(a, c, in->follows, &prev) || prev.unit.id != village->id ||
		    prev.item != in->item || prev.form != FORM_MEETING || matter_outcome(a, c, &prev, now, &rp, &pres) ||
		    !pres.closed || pres.turnout >= pres.needed)
			problems_add(pr, "follows", msg(MSG_MT_BALLOT_AFTER_MEETING));
		if (!team_ok(in->team))
			problems_add(pr, "team", msg(MSG_MT_BAD_TEAM));
		/* residents are told at least 2 days before the ballots go out */
		if (in->opens_at < now + 2 * 86400 || in->opens_at > now + 365 * 86400)
			problems_add(pr, "opens_at", msg(MSG_MT_BALLOT_NOTICE));
		if (in->closes_at <= in->opens_at || in->closes_at > in->opens_at + 90 * 86400)
			problems_add(pr, "closes_at", msg(MSG_MT_BAD_TIMES));
		return;
	}
	if (!strcmp(in->form, "meeting")) {
		/* Decree 59 Art. 3(3)-(4): the notice (and for items 1-3 the
		 * documents, published with it) at least 2 days before */
		if (in->meeting_at < now + 2 * 86400 || in->meeting_at > now + 365 * 86400)
			problems_add(pr, "meeting_at", msg(MSG_MT_NOTICE_2_DAYS));
		if (!in->location || !*in->location || str_utf8_len(in->location) > 300)
			problems_add(pr, "location", msg(MSG_MT_NEED_LOCATION));
		struct db_stmt *s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
		db_bind_i64(s, 1, village->id);
		int64_t hh = db_one_i64(s, 0, NULL);
		/* Art. 18(3): villages of 200 households or more may meet in clusters */
		if (in->clusters < 1 || in->clusters > 20 || (in->clusters > 1 && hh < 200))
			problems_add(pr, "clusters", msg(MSG_MT_BAD_CLUSTERS));
		if (!in->method || (strcmp(in->method, "hands") && strcmp(in->method, "secret")))
			problems_add(pr, "method", msg(MSG_MT_BAD_METHOD));
		return;
	}
	/* Decree 59 Art. 5(1): the Front committee agrees to an online vote */
	if (!in->front_agreed)
		problems_add(pr, "front_agreed", msg(MSG_MT_FRONT));
	if (in->prepoll_closes_at <= now || in->prepoll_closes_at > now + 90 * 86400)
		problems_add(pr, "prepoll_closes_at", msg(MSG_MT_BAD_TIMES));
	if (in->closes_at <= in->prepoll_closes_at || in->closes_at > in->prepoll_closes_at + 90 * 86400)
		problems_add(pr, "closes_at", msg(MSG_MT_BAD_TIMES));
}

/* Every household representative of the village learns that a matter was
 * put, in the same transaction (issue #14): the vote's steps or the
 * meeting's time and place (Decree 59 Art. 3(3): the notice of a meeting).
 * An online vote gives each household a one-time code: its representative
 * may vote by SMS from the registered number (sms.c). */
static enum app_err notify_opened(struct dbc *c, const struct create_job *j, bool meeting, bool ballot)
{
	const struct matter_input *in = j->in;
	char t1[MSG_TIME_LEN], t2[MSG_TIME_LEN];
	char when[256], subject[32], href[40];
	if (meeting)
		msg_time(in->meeting_at, when);
	else if (ballot)
		msg_time(in->opens_at, when);
	else
		snprintf(when, sizeof when, "%s %s; %s %s.", msg(MSG_NT_MATTER_STEP1), msg_time(in->prepoll_closes_at, t1),
			 msg(MSG_NT_MATTER_STEP2), msg_time(in->closes_at, t2));
	snprintf(subject, sizeof subject, "matter:%lld", (long long)j->id);
	snprintf(href, sizeof href, "/matters/%lld", (long long)j->id);
	const struct notify_param p[] = {{"village", j->v->title}, {"title", in->title}, {"when", when},
					 {"place", in->location ? in->location : ""}};
	struct notify_msg m = {.kind = meeting ? "meeting.notice" : ballot ? "matter.ballot" : "matter.opened",
			       .subject = subject, .href = href, .params = p, .nparams = ARRAY_SIZE(p)};
	return notify_households(c, j->v->id, &m, !meeting && !ballot, j->now);
}

enum app_err matter_create_fn(struct dbc *c, void *arg)
{
	struct create_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_INSERT);
	const struct matter_input *in = j->in;
	bool row;
	enum app_err e;
	db_bind_i64(s, 1, j->v->id);
	db_bind_i64(s, 2, in->item);
	db_bind_text(s, 3, "village");
	db_bind_text(s, 4, in->form);
	db_bind_text(s, 5, in->title);
	db_bind_text(s, 6, in->description ? in->description : "");
	db_bind_i64(s, 7, in->secret);
	db_bind_i64(s, 8, in->allow_change);
	db_bind_i64(s, 9, in->front_agreed);
	db_bind_i64(s, 10, 0); /* set from the electorate below */
	db_bind_i64(s, 11, j->now);
	bool meeting = !strcmp(in->form, "meeting"), ballot = !strcmp(in->form, "ballot");
	if (ballot)
		db_bind_i64(s, 11, in->opens_at);
	db_bind_i64(s, 12, meeting ? j->now : ballot ? in->opens_at : in->prepoll_closes_at);
	db_bind_i64(s, 13, meeting ? in->meeting_at : in->closes_at);
	db_bind_i64(s, 14, j->actor);
	db_bind_i64(s, 15, j->now);
	char *fold = str_fold(in->title);
	db_bind_text(s, 16, fold);
	e = db_step(s, &row);
	free(fold);
	j->id = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e || !j->id)
		return e ? e : APP_EDB;
	/* the electorate: the village's households now, and only they (Art. 21(1)) */
	s = dbc_stmt(c, STMT_ELECTORATE_SNAPSHOT);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, j->v->id);
	if ((e = db_exec(s)))
		return e;
	s = dbc_stmt(c, STMT_MATTER_SET_ELIGIBLE);
	db_bind_i64(s, 1, j->id);
	e = db_step(s, &row);
	int64_t eligible = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e)
		return e;
	if (ballot) {
		s = dbc_stmt(c, STMT_MATTER_SET_BALLOT);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, in->follows);
		db_bind_text(s, 3, in->team);
		if ((e = db_exec(s)))
			return e;
	}
	if (!strcmp(in->form, "meeting")) {
		s = dbc_stmt(c, STMT_MEETING_INSERT);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, in->meeting_at);
		db_bind_text(s, 3, in->location);
		db_bind_i64(s, 4, in->clusters);
		db_bind_text(s, 5, in->method);
		if ((e = db_exec(s)))
			return e;
	}
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:s, s:I, s:I, s:I, s:b}", "matter", (json_int_t)j->id, "unit",
			      j->v->code, "item", in->item, "form", in->form, "title", in->title, "eligible",
			      (json_int_t)eligible, "prepoll_closes_at", (json_int_t)in->prepoll_closes_at, "closes_at",
			      (json_int_t)in->closes_at, "secret", in->secret);
	char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->on_behalf, .unit = j->v->id, .kind = "matter.create",
			   .about = "matter", .about_id = j->id, .public = true, .payload = payload};
	e = events_add(c, &ev, NULL);
	free(payload);
	if (!e)
		e = notify_opened(c, j, meeting, ballot);
	return e;
}

enum app_err matter_create(struct db *db, struct dbc *c, const struct unit *village, const struct matter_input *in,
			   const struct user *u, int64_t now, int64_t *id, struct problems *pr)
{
	/* the village head puts a matter to the village (Art. 15, 17) */
	if (!decisions_may_convene(u, village)) {
		problems_add(pr, "", msg(MSG_MT_HEAD_ONLY));
		return APP_EFORBID;
	}
	size_t before = pr->n;
	struct arena a;
	arena_init(&a);
	matter_check(&a, c, village, in, now, pr);
	arena_free(&a);
	if (pr->n > before)
		return APP_EINVAL;
	struct create_job j = {village, in, u->id, u->assist_resident, 0, now};
	enum app_err e = db_write(db, matter_create_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}

/* ---- commune-wide matters ---- */

enum app_err matter_children(struct arena *a, struct dbc *c, int64_t id, struct matter **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_CHILDREN);
	db_bind_i64(s, 1, id);
	return read_matters(a, s, out, n);
}

void commune_matter_check(struct arena *a, struct dbc *c, const struct unit *commune, const struct matter_input *in,
			  int64_t now, struct problems *pr)
{
	if (!units_kind_is_commune_level(commune->kind)) {
		problems_add(pr, "item", msg(MSG_MT_NOT_COMMUNE));
		return;
	}
	struct decision_rule r;
	char day[11];
	cal_format_iso(cal_today((time_t)now), day);
	if (in->item < 1 || in->item > 6 || decision_rule_get(a, c, in->item, "commune", day, &r))
		problems_add(pr, "item", msg(MSG_MT_COMMUNE_ITEMS));
	if (!in->title || !*in->title || str_utf8_len(in->title) > 300)
		problems_add(pr, "title", msg(MSG_DP_BAD_TITLE));
	/* Art. 16: the chair decides content and form after agreeing with the Front */
	if (!in->front_agreed)
		problems_add(pr, "front_agreed", msg(MSG_MT_FRONT_COMMUNE));
	if (!in->form || strcmp(in->form, "meeting"))
		problems_add(pr, "form", msg(MSG_MT_COMMUNE_MEETING));
	if (in->meeting_at < now + 2 * 86400 || in->meeting_at > now + 365 * 86400)
		problems_add(pr, "meeting_at", msg(MSG_MT_NOTICE_2_DAYS));
	if (!in->location || !*in->location || str_utf8_len(in->location) > 300)
		problems_add(pr, "location", msg(MSG_MT_NEED_LOCATION));
}

struct commune_job {
	const struct unit *commune;
	const struct matter_input *in;
	int64_t actor, on_behalf, id, now;
};

static enum app_err commune_fn(struct dbc *c, void *arg)
{
	struct commune_job *j = arg;
	struct arena a;
	arena_init(&a);
	int64_t now = j->now;
	struct unit *vs = NULL;
	size_t nv = 0, cap = 16;
	struct db_stmt *s = dbc_stmt(c, STMT_COMMUNE_VILLAGES);
	db_bind_i64(s, 1, j->commune->id);
	bool row;
	enum app_err e;
	vs = arena_alloc(&a, cap * sizeof *vs);
	while (!(e = db_step(s, &row)) && row) {
		vs = arena_grow(&a, vs, nv, &cap, sizeof *vs);
		struct unit *u = &vs[nv++];
		u->id = db_col_i64(s, 0);
		u->code = arena_strdup(&a, db_col_text(s, 1));
		u->title = arena_strdup(&a, db_col_text(s, 2));
		u->path = arena_strdup(&a, db_col_text(s, 3));
		u->kind = "village";
	}
	db_reset(s);
	if (!e && !nv)
		e = APP_EINVAL;
	/* the commune's matter, counted in villages */
	struct matter_input in = *j->in;
	in.clusters = 1;
	in.method = in.method ? in.method : "hands";
	if (!e) {
		s = dbc_stmt(c, STMT_MATTER_INSERT);
		db_bind_i64(s, 1, j->commune->id);
		db_bind_i64(s, 2, in.item);
		db_bind_text(s, 3, "commune");
		db_bind_text(s, 4, "meeting");
		db_bind_text(s, 5, in.title);
		db_bind_text(s, 6, in.description ? in.description : "");
		db_bind_i64(s, 7, 0);
		db_bind_i64(s, 8, 0);
		db_bind_i64(s, 9, 1);
		db_bind_i64(s, 10, (int64_t)nv);
		db_bind_i64(s, 11, now);
		db_bind_i64(s, 12, now);
		db_bind_i64(s, 13, in.meeting_at);
		db_bind_i64(s, 14, j->actor);
		db_bind_i64(s, 15, now);
		char *fold = str_fold(in.title);
		db_bind_text(s, 16, fold);
		e = db_step(s, &row);
		free(fold);
		j->id = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (!e && !j->id)
			e = APP_EDB;
	}
	/* one meeting per village, each deciding by its own threshold */
	for (size_t i = 0; i < nv && !e; i++) {
		struct create_job cj = {&vs[i], &in, j->actor, j->on_behalf, 0, now};
		if ((e = matter_create_fn(c, &cj)))
			break;
		e = db_run(c, STMT_MATTER_SET_PARENT, "ii", (int64_t)cj.id, (int64_t)j->id);
	}
	if (!e) {
		json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:I}", "matter", (json_int_t)j->id, "unit", j->commune->code, "item",
				      in.item, "title", in.title, "villages", (json_int_t)nv);
		char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(o);
		struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->on_behalf, .unit = j->commune->id,
				   .kind = "matter.create", .about = "matter", .about_id = j->id, .public = true, .payload = payload};
		e = events_add(c, &ev, NULL);
		free(payload);
	}
	arena_free(&a);
	return e;
}

enum app_err commune_matter_create(struct db *db, struct dbc *c, const struct unit *commune, const struct matter_input *in,
				   const struct user *u, int64_t now, int64_t *id, struct problems *pr)
{
	/* the commune chair, with the Front's agreement (Art. 16) */
	if (!decisions_may_chair(u, commune)) {
		problems_add(pr, "", msg(MSG_MT_COMMUNE_CHAIR_ONLY));
		return APP_EFORBID;
	}
	size_t before = pr->n;
	struct arena a;
	arena_init(&a);
	commune_matter_check(&a, c, commune, in, now, pr);
	arena_free(&a);
	if (pr->n > before)
		return APP_EINVAL;
	struct commune_job j = {commune, in, u->id, u->assist_resident, 0, now};
	enum app_err e = db_write(db, commune_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}
