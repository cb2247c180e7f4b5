/* elections.c — electing a village head or an inspection board, and relieving a village head (Decree 59 Arts. 7-9) (see decisions.h). */
#include "decisions.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "decisions_int.h"
#include "../auth/auth.h"
#include "../util/problems.h"

/* ---- village head elections ---- */

static void election_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct election *el = out;
	db_cols(s, a, 0, DB_COL(&el->plan_at), DB_COL(&el->team), DB_COL(&el->team_at), DB_COL(&el->notice_at),
		DB_COL(&el->list_at), DB_COL(&el->kind));
}

enum app_err election_get(struct arena *a, struct dbc *c, int64_t matter_id, struct election *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ELECTION_GET);
	db_bind_i64(s, 1, matter_id);
	return db_get_row(s, a, election_row, out);
}

static void candidate_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct candidate *v = out;
	db_cols(s, a, 0, DB_COL(&v->seq), DB_COL(&v->name), DB_COL(&v->source), DB_COL(&v->votes));
}

enum app_err candidates_get(struct arena *a, struct dbc *c, int64_t matter_id, struct candidate **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CANDIDATE_LIST);
	db_bind_i64(s, 1, matter_id);
	return db_get_rows(s, a, candidate_row, sizeof **out, (void **)out, n);
}

struct election_job {
	const struct user *u;
	const char *kind;
	const struct unit *village;
	struct matter_input in;
	int64_t matter, actor, id, now;
	const char *step, *text;
	bool at_meeting;
	const int64_t *votes;
	size_t nvotes;
	enum msg_id why;
};

static enum app_err election_create_fn(struct dbc *c, void *arg)
{
	struct election_job *j = arg;
	struct create_job cj = {j->village, &j->in, j->actor, j->u->assist_resident, 0, j->now};
	enum app_err e = matter_create_fn(c, &cj);
	if (e)
		return e;
	j->id = cj.id;
	return db_run(c, STMT_ELECTION_INSERT, "iit", (int64_t)j->id, (int64_t)cj.now, j->kind);
}

enum app_err election_create(struct db *db, const struct unit *village, const char *kind, int64_t meeting_at,
			     const char *location, const char *method, const struct user *u, int64_t now, int64_t *id,
			     struct problems *pr)
{
	size_t before = pr->n; /* the problems this call adds */
	bool head = kind && !strcmp(kind, "village_head");
	/* the commune chair decides a village head's election; the Front or the chair a board's */
	if (!decisions_may_call_election(u, village, head)) {
		problems_add(pr, "", msg(MSG_EL_CHAIR_ONLY));
		return APP_EFORBID;
	}
	if (!head && (!kind || (strcmp(kind, "inspection_board") && strcmp(kind, "investment_board"))))
		problems_add(pr, "kind", msg(MSG_EL_BAD_KIND));
	/* Decree 59 Art. 6: the plan at least 20 days before the election meeting;
	 * board members: the meeting's notice of 2 days */
	if (meeting_at < now + (head ? 20 : 2) * 86400 || meeting_at > now + 365 * 86400)
		problems_add(pr, "meeting_at", msg(head ? MSG_EL_PLAN_20 : MSG_MT_NOTICE_2_DAYS));
	if (!location || !*location || str_utf8_len(location) > 300)
		problems_add(pr, "location", msg(MSG_MT_NEED_LOCATION));
	if (!method || (strcmp(method, "hands") && strcmp(method, "secret")))
		problems_add(pr, "method", msg(MSG_MT_BAD_METHOD));
	if (pr->n > before)
		return APP_EINVAL;
	struct election_job j = {.u = u, .kind = kind, .village = village, .actor = u->id, .now = now};
	j.in = (struct matter_input){.item = head ? 4 : 5, .form = "meeting", .front_agreed = true, .meeting_at = meeting_at,
				     .location = location, .clusters = 1, .method = method,
				     .title = head ? "Bầu Trưởng thôn, Tổ trưởng tổ dân phố"
					  : !strcmp(kind, "inspection_board") ? "Bầu thành viên Ban Thanh tra nhân dân"
									      : "Bầu thành viên Ban Giám sát đầu tư của cộng đồng",
				     .description = ""};
	enum app_err e = db_write(db, election_create_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}

static enum app_err election_step_fn(struct dbc *c, void *arg)
{
	struct election_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct election el;
	struct meeting g;
	int64_t now = j->now;
	struct matter m;
	enum app_err e = election_get(&a, c, j->matter, &el);
	if (!e)
		e = meeting_get(&a, c, j->matter, &g);
	if (e == APP_ENOTFOUND)
		j->why = MSG_EL_NOT_ELECTION;
	if (!e)
		e = matter_get(&a, c, j->matter, &m);
	/* the Front's list of candidates is the Front's; the rest the election team's */
	bool front_list = !strcmp(j->step, "candidate") && !j->at_meeting;
	if (!e && !(front_list ? decisions_holds_above(j->u, &m.unit, CAP_FRONT)
			       : decisions_may_run_meeting(j->u, &m, decisions_meeting_kind(&a, c, &m))))
		e = APP_EFORBID, j->why = MSG_MT_CANNOT_ACT;
	if (!e && g.ended_at)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_ENDED;
	bool board = !e && strcmp(el.kind, "village_head");
	if (board && strcmp(j->step, "candidate"))
		e = APP_EINVAL, j->why = MSG_EL_BAD_KIND;
	/* Decree 59 Arts. 6-7: each step by its deadline before the meeting (a
	 * board's candidates: until the meeting) */
	int days = !strcmp(j->step, "team") ? 10 : !strcmp(j->step, "notice") ? 7 : board ? 0 : 15;
	bool meeting_started = now >= g.starts_at - 3600;
	if (!e && !(j->at_meeting && !strcmp(j->step, "candidate")) && now > g.starts_at - (int64_t)days * 86400)
		e = APP_ECONFLICT, j->why = !strcmp(j->step, "team") ? MSG_EL_TEAM_10 : !strcmp(j->step, "notice") ? MSG_EL_NOTICE_7
													  : MSG_EL_LIST_15;
	if (!e && j->at_meeting && !meeting_started)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_NOT_STARTED;
	if (!e && !strcmp(j->step, "team")) {
		e = db_run(c, STMT_ELECTION_SET_TEAM, "iti", (int64_t)j->matter, j->text, (int64_t)now);
	} else if (!e && !strcmp(j->step, "notice")) {
		e = db_run(c, STMT_ELECTION_SET_NOTICE, "ii", (int64_t)j->matter, (int64_t)now);
	} else if (!e) {
		/* candidates may not sit on the election team */
		if (el.team && *el.team && strstr(el.team, j->text))
			e = APP_EINVAL, j->why = MSG_EL_CANDIDATE_ON_TEAM;
		if (!e) {
			e = db_run(c, STMT_CANDIDATE_INSERT, "itt", (int64_t)j->matter, j->text, j->at_meeting ? "meeting" : "front");
		}
		if (!e && !j->at_meeting) {
			e = db_run(c, STMT_ELECTION_SET_LIST, "ii", (int64_t)j->matter, (int64_t)now);
		}
	}
	arena_free(&a);
	return e;
}

enum app_err election_step(struct db *db, int64_t matter_id, const char *step, const char *text, bool at_meeting,
			   const struct user *u, int64_t now, struct problems *pr)
{
	if (!step || (strcmp(step, "team") && strcmp(step, "notice") && strcmp(step, "candidate"))) {
		problems_add(pr, "step", msg(MSG_ERR_INVALID));
		return APP_EINVAL;
	}
	bool text_step = !strcmp(step, "team") || !strcmp(step, "candidate");
	if (text_step && (!text || str_utf8_len(text) < 2 || str_utf8_len(text) > 500)) {
		problems_add(pr, "text", msg(!strcmp(step, "team") ? MSG_MT_BAD_TEAM : MSG_EL_BAD_CANDIDATE));
		return APP_EINVAL;
	}
	struct election_job j = {.u = u, .matter = matter_id, .actor = u->id, .now = now, .step = step, .text = text,
				 .at_meeting = at_meeting, .why = MSG__MAX};
	enum app_err e = db_write(db, election_step_fn, &j);
	if (e && j.why != MSG__MAX)
		problems_add(pr, "", msg(j.why));
	return e;
}

static enum app_err election_count_fn(struct dbc *c, void *arg)
{
	struct election_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct meeting g;
	struct candidate *cs;
	size_t nc;
	struct meeting_job mj = {.u = j->u, .matter = j->matter, .cluster = 1, .actor = j->actor, .now = j->now, .why = MSG__MAX};
	enum app_err e = meeting_open(c, &a, &mj, &m, &g);
	if (!e)
		e = meeting_count_board_ready(c, &mj, &g);
	if (e)
		j->why = mj.why;
	if (!e)
		e = candidates_get(&a, c, j->matter, &cs, &nc);
	if (!e && (nc == 0 || j->nvotes != nc))
		e = APP_EINVAL, j->why = MSG_EL_BAD_COUNT;
	int64_t present = 0, total = 0;
	if (!e)
		e = meeting_present(c, j->matter, 0, &present);
	for (size_t i = 0; !e && i < nc; i++) {
		if (j->votes[i] < 0)
			e = APP_EINVAL, j->why = MSG_EL_BAD_COUNT;
		total += j->votes[i];
	}
	/* each household present has one vote */
	if (!e && total > present)
		e = APP_EINVAL, j->why = MSG_MT_COUNT_EXCEEDS;
	for (size_t i = 0; !e && i < nc; i++) {
		e = db_run(c, STMT_CANDIDATE_VOTES, "iii", (int64_t)j->matter, (int64_t)(cs[i].seq), (int64_t)(j->votes[i]));
	}
	if (!e)
		e = meeting_end(c, j->matter, m.unit.id, j->actor, j->now);
	arena_free(&a);
	return e;
}

enum app_err election_count(struct db *db, int64_t matter_id, const int64_t *votes, size_t n, const struct user *u,
			    int64_t now, struct problems *pr)
{
	struct election_job j = {.u = u, .matter = matter_id, .actor = u->id, .now = now, .votes = votes, .nvotes = n,
				 .why = MSG__MAX};
	enum app_err e = db_write(db, election_count_fn, &j);
	if (e && j.why != MSG__MAX)
		problems_add(pr, "", msg(j.why));
	return e;
}

/* ---- relieving a village head ---- */

/* Consents given before this instant have lapsed: 3 calendar months before now (local days). */
int64_t initiative_consent_cutoff(int64_t now)
{
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)now), &y, &m, &d);
	m -= 3;
	if (m < 1) {
		m += 12;
		y--;
	}
	int64_t day = cal_days_from_civil(y, m, d);
	int y2, m2, d2; /* 31 May - 3 months: no 31 February; the last day of that month */
	cal_civil_from_days(day, &y2, &m2, &d2);
	while (m2 != m) {
		day--;
		cal_civil_from_days(day, &y2, &m2, &d2);
	}
	return day * 86400 - 7 * 3600; /* midnight UTC+7 */
}


static void dismissal_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct dismissal *d = out;
	db_cols(s, a, 0, DB_COL(&d->trigger), DB_COL(&d->initiative_id), DB_COL(&d->acting_head),
		DB_COL(&d->acting_at));
}

enum app_err dismissal_get(struct arena *a, struct dbc *c, int64_t matter_id, struct dismissal *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DISMISSAL_GET);
	db_bind_i64(s, 1, matter_id);
	return db_get_row(s, a, dismissal_row, out);
}

struct dismissal_job {
	const struct unit *village;
	struct matter_input in;
	const char *trigger, *name;
	int64_t initiative, actor, on_behalf, id, now;
	enum msg_id why;
};

static enum app_err dismissal_fn(struct dbc *c, void *arg)
{
	struct dismissal_job *j = arg;
	int64_t now = j->now;
	enum app_err e = APP_OK;
	if (!strcmp(j->trigger, "petition")) {
		/* at least 50% of the households, consents of the last 3 months */
		struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_PETITION);
		db_bind_i64(s, 1, j->initiative);
		db_bind_i64(s, 2, initiative_consent_cutoff(now));
		bool row;
		int64_t village = 0, item = 0, consents = 0, households = 0;
		if (!(e = db_step(s, &row)) && row) {
			village = db_col_i64(s, 0);
			item = db_col_i64(s, 1);
			consents = db_col_i64(s, 2);
		}
		db_reset(s);
		s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
		db_bind_i64(s, 1, j->village->id);
		if (!e && !(e = db_step(s, &row)) && row)
			households = db_col_i64(s, 0);
		db_reset(s);
		if (!e && (village != j->village->id || item != 4 || consents * 2 < households))
			e = APP_EINVAL, j->why = MSG_DM_PETITION_50;
	}
	struct create_job cj = {j->village, &j->in, j->actor, j->on_behalf, 0, now};
	if (!e)
		e = matter_create_fn(c, &cj);
	if (!e) {
		j->id = cj.id;
		struct db_stmt *s = dbc_stmt(c, STMT_DISMISSAL_INSERT);
		db_bind_i64(s, 1, j->id);
		db_bind_text(s, 2, j->trigger);
		db_bind_id(s, 3, j->initiative);
		e = db_exec(s);
	}
	return e;
}

enum app_err dismissal_create(struct db *db, const struct unit *village, const char *trigger, int64_t initiative_id,
			      int64_t meeting_at, const char *location, const char *method, const struct user *u, int64_t now,
			      int64_t *id, struct problems *pr)
{
	size_t before = pr->n; /* the problems this call adds */
	bool known = trigger && (!strcmp(trigger, "own_request") || !strcmp(trigger, "front") || !strcmp(trigger, "petition"));
	if (!known) {
		problems_add(pr, "trigger", msg(MSG_DM_BAD_TRIGGER));
		return APP_EINVAL;
	}
	/* the head's own request comes from the head; the Front proposes; a
	 * petition of the households is brought by the Front or the commune chair */
	if (!decisions_may_call_dismissal(u, village, trigger)) {
		problems_add(pr, "", msg(MSG_MT_CANNOT_ACT));
		return APP_EFORBID;
	}
	if (meeting_at < now + 2 * 86400 || meeting_at > now + 365 * 86400)
		problems_add(pr, "meeting_at", msg(MSG_MT_NOTICE_2_DAYS));
	if (!location || !*location || str_utf8_len(location) > 300)
		problems_add(pr, "location", msg(MSG_MT_NEED_LOCATION));
	if (!method || (strcmp(method, "hands") && strcmp(method, "secret")))
		problems_add(pr, "method", msg(MSG_MT_BAD_METHOD));
	if (pr->n > before)
		return APP_EINVAL;
	struct dismissal_job j = {.village = village, .trigger = trigger, .initiative = initiative_id, .actor = u->id,
				  .on_behalf = u->assist_resident, .now = now, .why = MSG__MAX};
	j.in = (struct matter_input){.item = 4, .form = "meeting", .front_agreed = true, .meeting_at = meeting_at,
				     .location = location, .clusters = 1, .method = method,
				     .title = "Cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố", .description = ""};
	enum app_err e = db_write(db, dismissal_fn, &j);
	if (e && j.why != MSG__MAX)
		problems_add(pr, "initiative", msg(j.why));
	if (!e)
		*id = j.id;
	return e;
}

static enum app_err acting_fn(struct dbc *c, void *arg)
{
	struct dismissal_job *j = arg;
	return db_run(c, STMT_DISMISSAL_ACTING, "iti", (int64_t)j->id, j->name, (int64_t)j->now);
}

enum app_err dismissal_acting(struct db *db, struct dbc *c, const struct user *u, const struct matter *m, const char *name,
			      int64_t now, struct problems *pr)
{
	struct arena a;
	arena_init(&a);
	struct dismissal dm;
	bool ok = !dismissal_get(&a, c, m->id, &dm) && decisions_may_set_acting(u, m);
	arena_free(&a);
	if (!ok) { /* the commune chair, for a dismissal */
		problems_add(pr, "", msg(MSG_MT_CANNOT_ACT));
		return APP_EFORBID;
	}
	if (!name || str_utf8_len(name) < 2 || str_utf8_len(name) > 100) {
		problems_add(pr, "name", msg(MSG_EL_BAD_CANDIDATE));
		return APP_EINVAL;
	}
	struct dismissal_job j = {.id = m->id, .name = name, .now = now};
	return db_write(db, acting_fn, &j);
}
