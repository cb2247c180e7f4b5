/* ballots.c — the ballot box's write path: checking and storing a ballot, online or for a household in person (ballot_box.c seals them) (see decisions.h). */
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
#include <stdatomic.h>
#include "../notify/notify.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "decisions_int.h"
#include "../util/problems.h"

/* ---- the ballot box ---- */

static atomic_bool notify_ballots;
static enum app_err ballot_notice(struct dbc *c, const struct ballot_job *j, int64_t matter);

/* A refusal found while writing, into the job's problems (the one refusal shape). */
static enum app_err refuse(struct ballot_job *j, enum msg_id why, enum app_err e)
{
	problems_add(j->pr, why == MSG_MT_BAD_RECEIPT ? "replaces" : "choice", msg(why));
	return e;
}

/* The matter's columns from column at on (MATTER_BALLOT's order). */
static void ballot_matter_read(struct db_stmt *s, int at, struct matter *m)
{
	memset(m, 0, sizeof *m);
	m->id = db_col_i64(s, at);
	m->unit.id = db_col_i64(s, at + 1);
	m->form = matter_form_of(db_col_text(s, at + 2));
	db_cols(s, NULL, at + 3, DB_COL(&m->secret), DB_COL(&m->allow_change), DB_COL(&m->eligible), DB_COL(&m->opens_at),
		DB_COL(&m->prepoll_closes_at), DB_COL(&m->closes_at), DB_COL(&m->prepoll_yes));
}

/* The matter as the ballot box needs it (form, secrecy, times, households). */
static enum app_err ballot_matter(struct dbc *c, int64_t id, struct matter *m)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_BALLOT);
	db_bind_i64(s, 1, id);
	enum app_err e = db_row(s);
	if (!e)
		ballot_matter_read(s, 0, m);
	db_reset(s);
	return e;
}

enum app_err ballot_write(struct dbc *c, void *arg)
{
	struct ballot_job *j = arg;
	struct matter m;
	int64_t now = j->now; /* the close is exact: the ballot's arrival, checked when it is written */
	int64_t household = 0, village = 0;
	bool row, have_matter = false;
	int electorate = -1; /* -1: not looked at yet; else whether the household is in it */
	enum app_err e = APP_OK;
	if (j->token_hash) {
		/* a bearer token, verified here (ROUTE_TOKEN_IN_WRITE): 401 before
		 * anything else; the electorate and the matter in the same round trip */
		struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_VOTER_BALLOT);
		db_bind_text(s, 1, j->token_hash);
		db_bind_i64(s, 2, now);
		db_bind_i64(s, 3, j->matter);
		e = db_step(s, &row);
		if (!e && !row)
			e = APP_EAUTH;
		if (!e) {
			j->user = db_col_i64(s, 0);
			household = db_col_i64(s, 1);
			village = db_col_i64(s, 2);
			electorate = (int)db_col_i64(s, 4);
			ballot_matter_read(s, 5, &m);
			have_matter = true;
			/* a read-only token does not vote (issue #9 item 5) */
			if (strcmp(db_col_text(s, 3), "read") == 0)
				e = refuse(j, MSG_TOKEN_SCOPE, APP_EFORBID);
			else if (!m.id)
				e = APP_ENOTFOUND;
		}
		db_reset(s);
	}
	if (!e && !have_matter)
		e = ballot_matter(c, j->matter, &m);
	const char *stage = NULL;
	if (!e && m.form != FORM_ONLINE)
		e = refuse(j, MSG_MT_NOT_ONLINE, APP_ECONFLICT);
	if (!e) {
		int64_t yes = m.prepoll_yes;
		if (now >= m.prepoll_closes_at && yes < 0) {
			/* the pre-poll closed: count it once and keep the count */
			int64_t v[3];
			if (!(e = ballot_box_tally(c, m.id, "prepoll", false, v))) {
				yes = v[0];
				e = db_run(c, STMT_MATTER_SET_PREPOLL, "ii", (int64_t)m.id, (int64_t)yes);
			}
		}
		enum matter_stage st = matter_stage(&m, now, yes);
		if (e)
			;
		else if (st == STAGE_PREPOLL)
			stage = "prepoll";
		else if (st == STAGE_OPEN)
			stage = "vote";
		else if (st == STAGE_SCHEDULED)
			e = refuse(j, MSG_MT_NOT_YET, APP_ECONFLICT);
		else if (st == STAGE_REJECTED_ONLINE)
			e = refuse(j, MSG_MT_REJECTED_ONLINE, APP_ECONFLICT);
		else
			e = refuse(j, MSG_MT_CLOSED, APP_ECONFLICT);
	}
	if (!e && j->household) {
		/* by SMS: the household whose representative's number sent its one-time code */
		household = j->household;
		struct db_stmt *s = dbc_stmt(c, STMT_HH_VILLAGE);
		db_bind_i64(s, 1, household);
		village = db_one_i64(s, 0, &e);
		if (!e && !village)
			household = 0;
		if (!e && m.secret && !j->sms_secret_ok)
			e = refuse(j, MSG_NT_SMS_NO_SECRET, APP_EFORBID);
	} else if (!e && !j->token_hash) {
		struct db_stmt *s = dbc_stmt(c, STMT_VOTER_HOUSEHOLD);
		db_bind_i64(s, 1, j->user);
		e = db_step(s, &row);
		if (!e && row) {
			household = db_col_i64(s, 0);
			village = db_col_i64(s, 1);
		}
		db_reset(s);
	}
	if (!e && !household)
		e = refuse(j, MSG_MT_NOT_REPRESENTATIVE, APP_EFORBID);
	else if (!e && village != m.unit.id)
		e = refuse(j, MSG_MT_OTHER_VILLAGE, APP_EFORBID);
	/* only the households of the village when the matter was announced */
	if (!e && electorate < 0 && !(e = matter_electorate_has(c, m.id, household, &row)))
		electorate = row;
	if (!e && !electorate)
		e = refuse(j, MSG_MT_NOT_ELECTORATE, APP_EFORBID);
	if (!e && j->replaces) {
		/* a change of vote: the household has voted, and gives back its receipt */
		if (!m.allow_change)
			e = refuse(j, MSG_MT_NO_CHANGE, APP_ECONFLICT);
		struct db_stmt *s;
		bool row = false;
		if (!e) {
			s = dbc_stmt(c, STMT_TURNOUT_HAS);
			db_bind_i64(s, 1, m.id);
			db_bind_text(s, 2, stage);
			db_bind_i64(s, 3, household);
			e = db_step(s, &row);
			db_reset(s);
		}
		if (!e && row) {
			/* only with the change key handed to this household with that receipt */
			e = ballot_box_take_back(c, m.id, stage, j->replaces, j->replaces_key, household);
			if (e == APP_ENOTFOUND)
				e = refuse(j, MSG_MT_BAD_RECEIPT, APP_EINVAL);
		} else if (!e)
			e = refuse(j, MSG_MT_BAD_RECEIPT, APP_EINVAL);
	} else if (!e) {
		/* one household, one vote: the primary key decides a race */
		if (j->household)
			e = db_run(c, STMT_TURNOUT_INSERT_SMS, "itii", (int64_t)m.id, stage, (int64_t)household, (int64_t)now);
		else
			e = db_run(c, STMT_TURNOUT_INSERT, "itiii", (int64_t)m.id, stage, (int64_t)household, (int64_t)j->user, (int64_t)now);
		if (e == APP_ECONFLICT)
			refuse(j, m.allow_change ? MSG_MT_ALREADY_CHANGE : MSG_MT_ALREADY, e);
	}
	if (!e)
		e = ballot_box_put(c, m.id, stage, j->choice, household, !m.secret, j->receipt,
				   m.allow_change ? j->change_key : NULL);
	if (!e && j->user && atomic_load(&notify_ballots))
		e = ballot_notice(c, j, m.id);
	return e;
}

/* ---- many ballots at once (issue #18) ---- */

#define GROUP_MAX 64

/* What ballot_write decides before it writes, for a ballot whose voter and
 * matter are known: the stage it counts in, or a refusal (*why, the error);
 * -1 when the pre-poll must be counted first (ballot_write does that). */
static int ballot_stage(const struct matter *m, int64_t now, int64_t household, int64_t village, int electorate,
			const char **stage, enum msg_id *why)
{
	*stage = NULL;
	if (m->form != FORM_ONLINE)
		return *why = MSG_MT_NOT_ONLINE, APP_ECONFLICT;
	if (now >= m->prepoll_closes_at && m->prepoll_yes < 0)
		return -1;
	enum matter_stage st = matter_stage(m, now, m->prepoll_yes);
	if (st == STAGE_PREPOLL)
		*stage = "prepoll";
	else if (st == STAGE_OPEN)
		*stage = "vote";
	else
		return *why = st == STAGE_SCHEDULED	   ? MSG_MT_NOT_YET
			      : st == STAGE_REJECTED_ONLINE ? MSG_MT_REJECTED_ONLINE
							    : MSG_MT_CLOSED,
		       APP_ECONFLICT;
	if (!household)
		return *why = MSG_MT_NOT_REPRESENTATIVE, APP_EFORBID;
	if (village != m->unit.id)
		return *why = MSG_MT_OTHER_VILLAGE, APP_EFORBID;
	if (!electorate)
		return *why = MSG_MT_NOT_ELECTORATE, APP_EFORBID;
	return APP_OK;
}

enum app_err ballot_write_batch(struct dbc *c, void **jobs, enum app_err *res, int n)
{
	/* bearer-token ballots only, no change of vote, no notices: else one by one */
	if (n > GROUP_MAX || atomic_load(&notify_ballots))
		return APP_ECONFLICT;
	struct ballot_job *j[GROUP_MAX];
	for (int i = 0; i < n; i++) {
		j[i] = jobs[i];
		if (!j[i]->token_hash || j[i]->replaces || j[i]->household)
			return APP_ECONFLICT;
	}
	/* 1. every token, its household, the electorate and the matter: one statement */
	json_t *q = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(q, json_pack("{s:i, s:s, s:I, s:I}", "ord", i, "hash", j[i]->token_hash, "matter",
						   (json_int_t)j[i]->matter, "at", (json_int_t)j[i]->now));
	char *text = json_dumps(q, JSON_COMPACT);
	json_decref(q);
	if (!text)
		return APP_EIO;
	struct voter {
		bool found, read_only;
		int64_t household, village;
		int electorate;
		struct matter m;
	} v[GROUP_MAX] = {0};
	struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_VOTERS_MANY);
	db_bind_text(s, 1, text);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		int64_t i = db_col_i64(s, 0);
		if (i < 0 || i >= n)
			continue;
		v[i].found = true;
		j[i]->user = db_col_i64(s, 1);
		v[i].household = db_col_i64(s, 2);
		v[i].village = db_col_i64(s, 3);
		v[i].read_only = !strcmp(db_col_text(s, 4), "read");
		v[i].electorate = (int)db_col_i64(s, 5);
		ballot_matter_read(s, 6, &v[i].m);
	}
	db_reset(s);
	free(text);
	if (e)
		return e;
	/* 2. what ballot_write would refuse, refused alike (nothing written yet) */
	const char *stage[GROUP_MAX];
	enum msg_id why[GROUP_MAX];
	for (int i = 0; i < n; i++) {
		why[i] = MSG__MAX;
		stage[i] = NULL;
		if (!v[i].found)
			res[i] = APP_EAUTH; /* 401 before anything else */
		else if (v[i].read_only)
			res[i] = APP_EFORBID, why[i] = MSG_TOKEN_SCOPE;
		else if (!v[i].m.id)
			res[i] = APP_ENOTFOUND;
		else {
			int r = ballot_stage(&v[i].m, j[i]->now, v[i].household, v[i].village, v[i].electorate, &stage[i],
					     &why[i]);
			if (r < 0)
				return APP_ECONFLICT; /* the pre-poll to count first: one by one */
			res[i] = (enum app_err)r;
		}
	}
	/* 3. one household, one vote: the turnout in one statement, the first of
	 * the batch winning as it would one by one */
	q = json_array();
	for (int i = 0; i < n; i++)
		if (!res[i])
			json_array_append_new(q, json_pack("{s:i, s:I, s:s, s:I, s:I, s:I}", "ord", i, "matter",
							   (json_int_t)v[i].m.id, "stage", stage[i], "household",
							   (json_int_t)v[i].household, "usr", (json_int_t)j[i]->user, "at",
							   (json_int_t)j[i]->now));
	text = json_dumps(q, JSON_COMPACT);
	json_decref(q);
	if (!text)
		return APP_EIO;
	bool written[GROUP_MAX] = {false};
	s = dbc_stmt(c, STMT_TURNOUT_INSERT_MANY);
	db_bind_text(s, 1, text);
	while (!(e = db_step(s, &row)) && row) {
		int64_t mid = db_col_i64(s, 0), hh = db_col_i64(s, 2);
		const char *st = db_col_text(s, 1);
		for (int i = 0; i < n; i++)
			if (!res[i] && !written[i] && v[i].m.id == mid && v[i].household == hh && !strcmp(stage[i], st)) {
				written[i] = true;
				break;
			}
	}
	db_reset(s);
	free(text);
	if (e)
		return e;
	/* 4. the sealed ballots of those written: one statement */
	struct ballot_put put[GROUP_MAX];
	int np = 0;
	for (int i = 0; i < n; i++) {
		if (res[i])
			continue;
		if (!written[i]) {
			res[i] = APP_ECONFLICT;
			why[i] = v[i].m.allow_change ? MSG_MT_ALREADY_CHANGE : MSG_MT_ALREADY;
			continue;
		}
		put[np++] = (struct ballot_put){v[i].m.id, v[i].household, stage[i], j[i]->choice, !v[i].m.secret,
					       j[i]->receipt, v[i].m.allow_change ? j[i]->change_key : NULL};
	}
	if (np && (e = ballot_box_put_many(c, put, np)))
		return e;
	/* the refusals' reasons, now that the group stands */
	for (int i = 0; i < n; i++)
		if (why[i] != MSG__MAX)
			refuse(j[i], why[i], res[i]);
	return APP_OK;
}

/* ---- the notice of a ballot (issue #14) ---- */

void decisions_notify_ballots(bool on)
{
	atomic_store(&notify_ballots, on);
}

/* The voter hears that the household's ballot was recorded, with its receipt
 * (never the choice), in the ballot's write: a ballot cast by someone else
 * with the account is seen at once. */
static enum app_err ballot_notice(struct dbc *c, const struct ballot_job *j, int64_t matter)
{
	char when[MSG_TIME_LEN], subject[80], href[40];
	msg_time(j->now, when);
	/* one a ballot: the account and the instant (a changed vote is another ballot) */
	snprintf(subject, sizeof subject, "ballot:%lld:%lld:%lld", (long long)matter, (long long)j->user, (long long)j->now);
	snprintf(href, sizeof href, "/matters/%lld", (long long)matter);
	const struct notify_param p[] = {{"when", when}, {"receipt", j->receipt}};
	struct notify_msg msg = {.kind = "ballot.cast", .subject = subject, .href = href, .params = p, .nparams = ARRAY_SIZE(p)};
	return notify_user(c, j->user, &msg, j->now);
}

enum app_err ballot_prepare(struct ballot_job *j, int64_t matter_id, int64_t user_id, const char *choice,
			    const char *replaces, const char *change_key, int64_t now, struct problems *pr)
{
	size_t before = pr->n;
	if (!choice || (strcmp(choice, "for") && strcmp(choice, "against") && strcmp(choice, "abstain")))
		problems_add(pr, "choice", msg(MSG_MT_BAD_CHOICE));
	if (replaces && (strlen(replaces) > 64 || !change_key || strlen(change_key) > 64))
		problems_add(pr, "replaces", msg(MSG_MT_BAD_RECEIPT));
	if (pr->n > before)
		return APP_EINVAL;
	*j = (struct ballot_job){.matter = matter_id, .user = user_id, .now = now, .choice = choice, .replaces = replaces,
				 .replaces_key = change_key, .pr = pr};
	return APP_OK;
}
