/* paper.c — household ballots on paper: handing them out and entering them (see decisions.h). */
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

/* ---- household ballots on paper ---- */

struct enter_job {
	const struct user *u;
	int64_t matter, household, actor; /* household 0: every household (distribution) */
	int64_t now;
	const char *choice;
	enum msg_id why;
};

/* The ballot matter, open now, and (when given) a household of its village. */
static enum app_err open_ballot(struct dbc *c, struct arena *a, struct enter_job *j, struct matter *m)
{
	int64_t now = j->now;
	enum app_err e = matter_get(a, c, j->matter, m);
	/* the ballot team of the village: the village head runs it (Decree 59 Art. 4) */
	if (!e && !decisions_may_run_meeting(j->u, m, MEETING_ORDINARY))
		e = APP_EFORBID, j->why = MSG_MT_HEAD_ONLY;
	if (!e && m->form != FORM_BALLOT)
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_BALLOT;
	if (!e && now < m->opens_at)
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_YET;
	if (!e && now >= m->closes_at)
		e = APP_ECONFLICT, j->why = MSG_MT_CLOSED;
	if (!e && j->household)
		e = matter_household_check(c, m, j->household, &j->why);
	return e;
}

/* Decree 59 Art. 4: the ballot team records whom it gave a ballot. */
static enum app_err distribute_fn(struct dbc *c, void *arg)
{
	struct enter_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	enum app_err e = open_ballot(c, &a, j, &m);
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, j->household ? STMT_DISTRIBUTE_ONE : STMT_DISTRIBUTE_ALL);
		db_bind_i64(s, 1, j->matter);
		if (j->household) {
			db_bind_i64(s, 2, j->household);
			db_bind_i64(s, 3, j->actor);
			db_bind_i64(s, 4, j->now);
		} else {
			db_bind_i64(s, 2, j->actor);
			db_bind_i64(s, 3, j->now);
			db_bind_i64(s, 4, m.unit.id);
		}
		e = db_exec(s);
		if (e == APP_ECONFLICT)
			j->why = MSG_MT_ALREADY_GIVEN;
	}
	arena_free(&a);
	return e;
}

enum app_err ballot_distribute(struct db *db, int64_t matter_id, int64_t household, const struct user *u, int64_t now,
			       struct problems *pr)
{
	struct enter_job j = {u, matter_id, household, u->id, now, NULL, MSG__MAX};
	enum app_err e = db_write(db, distribute_fn, &j);
	if (e && j.why != MSG__MAX)
		problems_add(pr, "household", msg(j.why));
	return e;
}

int64_t ballot_distributed(struct dbc *c, int64_t matter_id)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DISTRIBUTED_COUNT);
	db_bind_i64(s, 1, matter_id);
	int64_t n = db_one_i64(s, 0, NULL);
	return n;
}

static enum app_err enter_fn(struct dbc *c, void *arg)
{
	struct enter_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	int64_t now = j->now;
	enum app_err e = j->household ? open_ballot(c, &a, j, &m) : APP_EINVAL;
	bool row;
	if (!e) {
		/* a ballot comes back from a household that was given one */
		struct db_stmt *s = dbc_stmt(c, STMT_DISTRIBUTED_HAS);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, j->household);
		e = db_step(s, &row);
		db_reset(s);
		if (!e && !row)
			e = APP_ECONFLICT, j->why = MSG_MT_NOT_GIVEN;
	}
	if (!e) {
		/* one ballot per household (Art. 19): the primary key decides */
		e = db_run(c, STMT_TURNOUT_INSERT, "itiii", (int64_t)m.id, "vote", (int64_t)j->household, (int64_t)j->actor, (int64_t)now);
		if (e == APP_ECONFLICT)
			j->why = MSG_MT_PAPER_ALREADY;
	}
	if (!e) {
		/* the paper ballot is not linked to its household, and cannot be changed */
		char receipt[RECEIPT_LEN];
		e = ballot_box_put(c, m.id, "vote", j->choice, j->household, false, receipt, NULL);
	}
	arena_free(&a);
	return e;
}

enum app_err ballot_enter(struct db *db, int64_t matter_id, int64_t household, const char *choice, const struct user *u,
			  int64_t now, struct problems *pr)
{
	if (!choice || (strcmp(choice, "for") && strcmp(choice, "against") && strcmp(choice, "abstain"))) {
		problems_add(pr, "choice", msg(MSG_MT_BAD_CHOICE));
		return APP_EINVAL;
	}
	struct enter_job j = {u, matter_id, household, u->id, now, choice, MSG__MAX};
	enum app_err e = db_write(db, enter_fn, &j);
	if (e && j.why != MSG__MAX)
		problems_add(pr, "household", msg(j.why));
	return e;
}
