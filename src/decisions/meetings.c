/* meetings.c — village meetings: attendance, procedural votes (Decree 59 Art. 3(5)), the count and the minutes with their signatures (see decisions.h). */
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
#include "../doc/doc.h"
#include "../auth/auth.h"
#include "../util/problems.h"

/* ---- meetings ---- */

enum app_err meeting_get(struct arena *a, struct dbc *c, int64_t matter_id, struct meeting *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MEETING_GET);
	db_bind_i64(s, 1, matter_id);
	enum app_err e = db_row(s);
	if (!e) {
		db_cols(s, a, 0, DB_COL(&out->starts_at), DB_COL(&out->location), DB_COL(&out->clusters),
			DB_COL(&out->method), DB_COL(&out->ended_at), DB_COL(&out->sent_at));
	}
	db_reset(s);
	return e;
}

enum matter_stage meeting_stage(const struct meeting *g, int64_t now)
{
	if (g->ended_at)
		return STAGE_CLOSED;
	return now < g->starts_at ? STAGE_SCHEDULED : STAGE_MEETING;
}

int64_t meeting_minutes_due(struct dbc *c, const struct meeting *g)
{
	struct cal_table hol = {0};
	int64_t day = cal_today((time_t)(g->ended_at ? g->ended_at : g->starts_at));
	if (holidays_load(c, &hol))
		return day + 7;
	int64_t due = cal_add_working_days(&hol, day, 5);
	free(hol.a);
	return due;
}

/* The matter and its meeting, which must still be open for this act. */
enum app_err meeting_open(struct dbc *c, struct arena *a, struct meeting_job *j, struct matter *m,
				 struct meeting *g)
{
	enum app_err e = matter_get(a, c, j->matter, m);
	/* an election meeting is run by the team the commune sets up, a
	 * dismissal meeting by the Front or the commune (Decree 59 Arts. 7, 9),
	 * any other by the village head */
	if (!e && !decisions_may_run_meeting(j->u, m, decisions_meeting_kind(a, c, m)))
		e = APP_EFORBID, j->why = MSG_MT_HEAD_ONLY;
	if (!e && m->form != FORM_MEETING)
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_MEETING;
	if (!e)
		e = meeting_get(a, c, j->matter, g);
	if (!e && g->ended_at)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_ENDED;
	/* attendance is taken from an hour before the start */
	if (!e && j->now < g->starts_at - 3600)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_NOT_STARTED;
	if (!e && (j->cluster < 1 || j->cluster > g->clusters))
		e = APP_EINVAL, j->why = MSG_MT_BAD_CLUSTERS;
	struct election el;
	if (!e && m->item == 4 && !election_get(a, c, m->id, &el) && (!el.team_at || !el.notice_at || !el.list_at))
		e = APP_ECONFLICT, j->why = MSG_EL_STEPS_MISSING;
	return e;
}

static enum app_err attend_act(struct dbc *c, struct arena *a, struct meeting_job *j, const struct matter *m,
				const struct meeting *g)
{
	enum app_err e = APP_OK;
	if (!e)
		e = matter_household_check(c, m, j->household, &j->why);
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, j->present ? STMT_ATTEND_INSERT : STMT_ATTEND_DELETE);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, j->household);
		if (j->present) {
			db_bind_i64(s, 3, j->cluster);
			db_bind_i64(s, 4, j->actor);
			db_bind_i64(s, 5, j->now);
		}
		e = db_exec(s);
	}
	return e;
}

/* The write of every act at a meeting: the matter and its meeting opened
 * for it (who acts is checked there), then the act itself (j->act). */
static enum app_err act_write(struct dbc *c, void *arg)
{
	struct meeting_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct meeting g;
	enum app_err e = meeting_open(c, &a, j, &m, &g);
	if (!e)
		e = j->act(c, &a, j, &m, &g);
	arena_free(&a);
	return e;
}

/* A refusal's reason into pr (the one refusal shape). */
static void why_to(struct problems *pr, const struct meeting_job *j, enum app_err e)
{
	if (e && j->why != MSG__MAX)
		problems_add(pr, j->field ? j->field : "", msg(j->why));
}

enum app_err meeting_run_job(struct db *db, db_write_fn fn, struct meeting_job *j, struct problems *pr)
{
	j->why = MSG__MAX;
	j->actor = j->u->id;
	enum app_err e = db_write(db, fn, j);
	why_to(pr, j, e);
	return e;
}

struct attendance {
	struct meeting_job j;
	struct problems *pr;
};

struct attendance *meeting_attendance_new(struct arena *a, int64_t matter_id, int64_t household, int cluster, bool present,
					  const struct user *u, int64_t now, struct problems *pr)
{
	struct attendance *t = arena_alloc(a, sizeof *t);
	t->j = (struct meeting_job){.act = attend_act, .u = u, .matter = matter_id, .household = household, .cluster = cluster, .present = present,
				    .actor = u->id, .now = now, .why = MSG__MAX};
	t->pr = pr;
	return t;
}

enum app_err meeting_attendance_write(struct dbc *c, void *arg)
{
	struct attendance *t = arg;
	enum app_err e = act_write(c, &t->j);
	why_to(t->pr, &t->j, e);
	return e;
}

struct problems *meeting_attendance_problems(const struct attendance *t)
{
	return t->pr;
}

enum app_err meeting_attend(struct db *db, int64_t matter_id, int64_t household, int cluster, bool present,
			    const struct user *u, int64_t now, struct problems *pr)
{
	struct meeting_job j = {.u = u, .matter = matter_id, .household = household, .cluster = cluster, .present = present,
				.now = now};
	j.act = attend_act;
	return meeting_run_job(db, act_write, &j, pr);
}

/* ---- procedural votes (Decree 59 Art. 3(5)) ---- */

bool procedure_passes(int64_t vfor, int64_t present)
{
	/* more than half of the household representatives present */
	return vfor * 2 > present;
}

static bool procedure_kind_valid(const char *k)
{
	return k && (!strcmp(k, "secretary") || !strcmp(k, "count_board") || !strcmp(k, "method") || !strcmp(k, "option"));
}

/* Whether a procedural vote of this kind already passed in the cluster. */
static enum app_err procedure_passed(struct dbc *c, int64_t matter, int cluster, const char *kind, bool *yes)
{
	struct db_stmt *s = dbc_stmt(c, STMT_PROCEDURE_PASSED);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, cluster);
	db_bind_text(s, 3, kind);
	enum app_err e = db_step(s, yes);
	db_reset(s);
	return e;
}

/* A secret ballot is counted by the vote-count board the meeting elected
 * (Decree 59 Art. 3(5); Law Art. 18(4)(d)): no count before it. */
enum app_err meeting_count_board_ready(struct dbc *c, struct meeting_job *j, const struct meeting *g)
{
	if (strcmp(g->method, "secret"))
		return APP_OK;
	bool yes = false;
	enum app_err e = procedure_passed(c, j->matter, j->cluster, "count_board", &yes);
	if (!e && !yes)
		e = APP_ECONFLICT, j->why = MSG_MT_NEEDS_COUNT_BOARD;
	return e;
}

static enum app_err procedure_act(struct dbc *c, struct arena *a, struct meeting_job *j, const struct matter *m,
				const struct meeting *g)
{
	enum app_err e = APP_OK;
	int64_t present = 0;
	if (!e)
		e = meeting_present(c, j->matter, j->cluster, &present);
	/* counted against those present: attendance comes first */
	if (!e && !present)
		e = APP_ECONFLICT, j->why = MSG_MT_PROC_NOBODY;
	if (!e && (j->vfor < 0 || j->vfor > present))
		e = APP_EINVAL, j->why = MSG_MT_COUNT_EXCEEDS;
	bool done = false;
	if (!e && strcmp(j->slot, "option") && !(e = procedure_passed(c, j->matter, j->cluster, j->slot, &done)) && done)
		e = APP_ECONFLICT, j->why = MSG_MT_PROC_DONE;
	j->present = procedure_passes(j->vfor, present);
	if (!e) {
		e = db_run(c, STMT_PROCEDURE_INSERT, "iittiiiii", (int64_t)j->matter, (int64_t)j->cluster, j->slot, j->subject, (int64_t)j->vfor, (int64_t)present, (int64_t)j->present, (int64_t)j->actor, (int64_t)j->now);
	}
	/* the meeting decided how to vote on the matter itself */
	if (!e && j->present && !strcmp(j->slot, "method")) {
		e = db_run(c, STMT_MEETING_SET_METHOD, "it", (int64_t)j->matter, j->subject);
	}
	return e;
}

enum app_err meeting_procedure(struct db *db, int64_t matter_id, int cluster, const char *kind, const char *subject,
			       int64_t vfor, const struct user *u, int64_t now, bool *passed, struct problems *pr)
{
	const char *why = NULL;
	if (!procedure_kind_valid(kind)) {
		problems_add(pr, "kind", msg(MSG_MT_PROC_BAD_KIND));
		return APP_EINVAL;
	}
	char *text = NULL;
	enum app_err e = str_clean(subject ? subject : "", subject ? strlen(subject) : 0, &text);
	if (e)
		why = msg(MSG_MT_PROC_BAD_SUBJECT);
	else if (!*text || strlen(text) > 500)
		e = APP_EINVAL, why = msg(MSG_MT_PROC_BAD_SUBJECT);
	else if (!strcmp(kind, "method") && strcmp(text, "hands") && strcmp(text, "secret"))
		e = APP_EINVAL, why = msg(MSG_MT_PROC_BAD_METHOD);
	else if (!strcmp(kind, "count_board")) {
		/* 3 to 5 people, names separated by ';' or new lines; kept as "A; B; C" */
		struct buf names;
		buf_init(&names);
		size_t n = 0;
		for (char *p = text; *p;) {
			size_t k = strcspn(p, ";\n");
			size_t b = 0, z = k;
			while (b < z && strchr(" \t\r", p[b]))
				b++;
			while (z > b && strchr(" \t\r", p[z - 1]))
				z--;
			if (z > b) {
				buf_printf(&names, "%s%.*s", n ? "; " : "", (int)(z - b), p + b);
				n++;
			}
			p += k;
			if (*p)
				p++;
		}
		free(text);
		text = xstrdup(buf_str(&names));
		buf_reset(&names);
		if (n < 3 || n > 5)
			e = APP_EINVAL, why = msg(MSG_MT_PROC_BOARD_SIZE);
	}
	if (why)
		problems_add(pr, "subject", why);
	if (!e) {
		struct meeting_job j = {.u = u, .matter = matter_id, .cluster = cluster, .slot = kind, .subject = text, .vfor = vfor,
					.now = now};
		j.act = procedure_act;
		e = meeting_run_job(db, act_write, &j, pr);
		*passed = j.present;
	}
	free(text);
	return e;
}

static void procedure_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct procedure *p = out;
	db_cols(s, a, 0, DB_COL(&p->id), DB_COL(&p->cluster), DB_COL(&p->kind), DB_COL(&p->subject),
		DB_COL(&p->votes_for), DB_COL(&p->present), DB_COL(&p->passed), DB_COL(&p->at), DB_COL(&p->by));
}

enum app_err meeting_procedures(struct arena *a, struct dbc *c, int64_t matter_id, struct procedure **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_PROCEDURE_LIST);
	db_bind_i64(s, 1, matter_id);
	return db_get_rows(s, a, procedure_row, sizeof **out, (void **)out, n);
}

/* The count is recorded: the meeting ends, a public act. */
enum app_err meeting_end(struct dbc *c, int64_t matter, int64_t unit, int64_t actor, int64_t now)
{
	enum app_err e = db_run(c, STMT_MEETING_END, "ii", (int64_t)matter, (int64_t)now);
	if (e)
		return e;
	struct event ev = {.at = now, .actor = actor, .unit = unit, .kind = "matter.meeting_counted", .about = "matter", .about_id = matter, .public = true};
	return events_add(c, &ev, NULL);
}

static enum app_err count_act(struct dbc *c, struct arena *a, struct meeting_job *j, const struct matter *m,
				const struct meeting *g)
{
	enum app_err e = APP_OK;
	if (!e)
		e = meeting_count_board_ready(c, j, g);
	int64_t present = 0, counted = 0;
	bool row;
	if (!e)
		e = meeting_present(c, j->matter, j->cluster, &present);
	/* each household present votes once: the count cannot exceed them */
	if (!e && (j->vfor < 0 || j->vagainst < 0 || j->vabstain < 0 || j->vfor + j->vagainst + j->vabstain > present))
		e = APP_EINVAL, j->why = MSG_MT_COUNT_EXCEEDS;
	if (!e) {
		e = db_run(c, STMT_RESULT_UPSERT, "iiiiiii", (int64_t)j->matter, (int64_t)j->cluster, (int64_t)j->vfor, (int64_t)j->vagainst, (int64_t)j->vabstain, (int64_t)j->actor, (int64_t)j->now);
	}
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_RESULT_SUM);
		db_bind_i64(s, 1, j->matter);
		if (!(e = db_step(s, &row)) && row)
			counted = db_col_i64(s, 3);
		db_reset(s);
	}
	if (!e && counted >= g->clusters) /* every cluster counted: the meeting's result stands */
		e = meeting_end(c, j->matter, m->unit.id, j->actor, j->now);
	return e;
}

enum app_err meeting_count(struct db *db, int64_t matter_id, int cluster, int64_t vfor, int64_t vagainst,
			   int64_t vabstain, const struct user *u, int64_t now, struct problems *pr)
{
	struct meeting_job j = {.u = u, .matter = matter_id, .cluster = cluster, .vfor = vfor, .vagainst = vagainst, .now = now,
				.vabstain = vabstain};
	j.act = count_act;
	return meeting_run_job(db, act_write, &j, pr);
}

static enum app_err sign_fn(struct dbc *c, void *arg)
{
	struct meeting_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct meeting g;
	struct matter m0;
	enum app_err e = matter_get(&a, c, j->matter, &m0);
	/* the signer's own slot: the head, the Front, two household representatives */
	if (!e && !(j->slot = meeting_sign_slot(&a, c, j->u, &m0)))
		e = APP_EFORBID, j->why = MSG_MT_CANNOT_SIGN;
	if (!e)
		e = meeting_get(&a, c, j->matter, &g);
	if (!e && !g.ended_at)
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_COUNTED;
	if (!e && !strncmp(j->slot, "household_", 10)) {
		/* a representative of a household of the electorate (Art. 20) */
		struct db_stmt *s = dbc_stmt(c, STMT_VOTER_HOUSEHOLD);
		db_bind_i64(s, 1, j->actor);
		int64_t household = db_one_i64(s, 0, &e);
		struct matter m;
		if (!e && !(e = matter_get(&a, c, j->matter, &m)))
			e = household ? matter_household_check(c, &m, household, &j->why)
				      : (j->why = MSG_MT_NOT_REPRESENTATIVE, APP_EFORBID);
	}
	if (!e) {
		e = db_run(c, STMT_SIGNOFF_INSERT, "itii", (int64_t)j->matter, j->slot, (int64_t)j->actor, (int64_t)j->now);
		if (e == APP_ECONFLICT)
			j->why = MSG_MT_ALREADY_SIGNED;
	}
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_SIGNOFF_COUNT);
		db_bind_i64(s, 1, j->matter);
		int64_t n = db_one_i64(s, 0, &e);
		if (!e && n == 4) {
			e = db_run(c, STMT_MEETING_SENT, "ii", (int64_t)j->matter, (int64_t)j->now);
		}
	}
	arena_free(&a);
	return e;
}

enum app_err matter_sign(struct db *db, int64_t matter_id, const struct user *u, int64_t now, struct problems *pr)
{
	struct meeting_job j = {.u = u, .matter = matter_id, .now = now};
	return meeting_run_job(db, sign_fn, &j, pr);
}

const char *const meeting_slots[4] = {"village_head", "front", "household_1", "household_2"};

const char *meeting_sign_slot(struct arena *a, struct dbc *c, const struct user *u, const struct matter *m)
{
	if (!u)
		return NULL;
	bool taken[4] = {false, false, false, false};
	struct signoff *so;
	size_t n = 0;
	if (meeting_signoffs(a, c, m->id, &so, &n))
		return NULL;
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < 4; i++)
			taken[i] |= !strcmp(so[k].slot, meeting_slots[i]);
	if (decisions_may_convene(u, &m->unit))
		return taken[0] ? NULL : meeting_slots[0];
	if (decisions_may_front(u, &m->unit))
		return taken[1] ? NULL : meeting_slots[1];
	/* a household representative of the village */
	if (decisions_voter_village(c, u->id) != m->unit.id)
		return NULL;
	return !taken[2] ? meeting_slots[2] : !taken[3] ? meeting_slots[3] : NULL;
}

enum meeting_kind decisions_meeting_kind(struct arena *a, struct dbc *c, const struct matter *m)
{
	struct election el;
	struct dismissal dm;
	if ((m->item == 4 || m->item == 5) && !election_get(a, c, m->id, &el))
		return strcmp(el.kind, "village_head") ? MEETING_BOARD_ELECTION : MEETING_HEAD_ELECTION;
	if (m->item == 4 && !dismissal_get(a, c, m->id, &dm))
		return MEETING_DISMISSAL;
	return MEETING_ORDINARY;
}

static void roll_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct roll_row *x = p;
	*x = (struct roll_row){db_col_i64(s, 0), arena_strdup(a, db_col_text(s, 1)), arena_strdup(a, db_col_text(s, 2)),
			       db_col_i64(s, 3), db_col_i64(s, 3) != 0, db_col_i64(s, 4) != 0};
}

enum app_err meeting_roll(struct arena *a, struct dbc *c, const struct matter *m, struct roll_row **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ATTEND_LIST);
	db_bind_i64(s, 1, m->id);
	db_bind_i64(s, 2, m->unit.id);
	return db_get_rows(s, a, roll_read, sizeof **out, (void **)out, n);
}

enum app_err paper_roll(struct arena *a, struct dbc *c, const struct matter *m, struct roll_row **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_PAPER_LIST);
	db_bind_i64(s, 1, m->id);
	db_bind_i64(s, 2, m->unit.id);
	return db_get_rows(s, a, roll_read, sizeof **out, (void **)out, n);
}

static void signoff_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct signoff *x = p;
	*x = (struct signoff){arena_strdup(a, db_col_text(s, 0)), arena_strdup(a, db_col_text(s, 1)), db_col_i64(s, 2)};
}

enum app_err meeting_signoffs(struct arena *a, struct dbc *c, int64_t matter, struct signoff **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SIGNOFF_LIST);
	db_bind_i64(s, 1, matter);
	return db_get_rows(s, a, signoff_read, sizeof **out, (void **)out, n);
}

void decisions_voter(struct dbc *c, int64_t user, int64_t *household, int64_t *village)
{
	*household = *village = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_VOTER_HOUSEHOLD);
	db_bind_i64(s, 1, user);
	bool row;
	if (!db_step(s, &row) && row) {
		*household = db_col_i64(s, 0);
		*village = db_col_i64(s, 1);
	}
	db_reset(s);
}

int64_t decisions_voter_village(struct dbc *c, int64_t user)
{
	int64_t household, village;
	decisions_voter(c, user, &household, &village);
	return village;
}

bool decisions_household_voted(struct dbc *c, int64_t matter, const char *stage, int64_t household)
{
	struct db_stmt *s = dbc_stmt(c, STMT_TURNOUT_HAS);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	db_bind_i64(s, 3, household);
	bool row = false;
	if (db_step(s, &row))
		row = false;
	db_reset(s);
	return row;
}

static void entry_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct meeting_entry *x = p;
	*x = (struct meeting_entry){db_col_i64(s, 0), arena_strdup(a, db_col_text(s, 1)), db_col_i64(s, 2),
				    arena_strdup(a, db_col_text(s, 3)), arena_strdup(a, db_col_text(s, 4))};
}

enum app_err meetings_of_tree(struct arena *a, struct dbc *c, const char *path, struct meeting_entry **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MEETINGS_OF_TREE);
	db_bind_subtree(s, 1, 2, path);
	return db_get_rows(s, a, entry_read, sizeof **out, (void **)out, n);
}

struct doc_job {
	const struct matter *m;
	enum doc_type type;
	const char *part;
	int64_t at;
	struct doc_record *out;
	struct arena *a;
};

static enum app_err doc_fn(struct dbc *c, void *arg)
{
	struct doc_job *j = arg;
	return doc_issue(c, j->m->unit.id, j->type, doc_abbr(j->m->unit.kind, units_kind_is_commune_level(j->m->unit.kind)),
			 "matter", j->m->id, j->part, j->m->title, j->at, j->out, j->a);
}

enum app_err matter_doc(struct db *db, struct arena *a, struct dbc *c, const struct matter *m, int type, const char *part,
			int64_t at, struct doc_record *out)
{
	enum app_err e = doc_get(a, c, "matter", m->id, part, out);
	if (e != APP_ENOTFOUND)
		return e;
	struct doc_job j = {m, (enum doc_type)type, part, at, out, a};
	return db_write_in_read(db, doc_fn, &j);
}
