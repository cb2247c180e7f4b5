/*
 * work.c — a board's work (Law 10/2022 Arts. 38-40, 43-45; Decree 59/2023
 * Arts. 14, 18, 22): plans (quarterly, six-monthly, annual, per term), every
 * amendment a new version beside the old; inspections and supervision visits
 * notified at least 5 working days ahead to the Front, the commune chair
 * (the union and the head at an agency) and the subject; findings with
 * their evidence; recommendations filed as board_rec cases in the same write
 * (the cases module keeps their 15-day clock and the answer); petitions
 * residents bring to the board as board_petition cases (the answer is the
 * written reply, Decree 59 Art. 14(2)(c)); reports counted from the records
 * and numbered through the document writer.
 */
#include "oversight.h"
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../cases/cases.h"
#include "../db/db.h"
#include "../disclosure/postings.h"
#include "../doc/doc.h"
#include "../events/events.h"
#include "../notify/notify.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const plan_period_names[PP__N] = {"quarter", "half", "year", "term"};
const enum msg_id plan_period_labels[PP__N] = {MSG_OV_PP_QUARTER, MSG_OV_PP_HALF, MSG_OV_PP_YEAR, MSG_OV_PP_TERM};

static bool text_ok(struct problems *pr, const char *field, const char *v, size_t lo, size_t hi)
{
	size_t n = v ? str_utf8_len(v) : 0;
	if (n < lo || n > hi) {
		problems_add(pr, field, arena_printf(pr->a, "%s %zu–%zu %s", msg(MSG_OV_TEXT_LEN), lo, hi, msg(MSG_OV_CHARS)));
		return false;
	}
	return true;
}

static bool date_ok(struct problems *pr, const char *field, const char *v, int64_t *day)
{
	if (!v || !cal_parse_date(v, day)) {
		problems_add(pr, field, msg(MSG_OV_BAD_DATE));
		return false;
	}
	return true;
}

/* The board of an act, and whether u does its work. */
static enum app_err board_for(struct db *db, const struct user *u, int64_t id, struct oboard *b, struct dbc **c,
			      struct problems *pr)
{
	enum app_err e = db_conn(db, c);
	if (e || (e = oboard_get(pr->a, *c, id, b)))
		return e;
	if (!ov_may_work(*c, u, b)) {
		problems_add(pr, "", msg(b->dissolved_day ? MSG_OV_DISSOLVED : MSG_OV_WHO_WORKS));
		return b->dissolved_day ? APP_ECONFLICT : APP_EFORBID;
	}
	return APP_OK;
}

static enum app_err work_event(struct dbc *c, const struct user *u, const struct oboard *b, const char *kind,
			       const char *about, int64_t id, bool public, const char *payload, int64_t now)
{
	struct event ev = {.actor = u->id, .unit = b->unit.id, .kind = kind, .about = about, .about_id = id,
			   .public = public, .payload = payload, .at = now};
	return events_add(c, &ev, NULL);
}

/* ---- plans ---- */

static void plan_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct plan *p = out;
	const char *period;
	db_cols(s, a, 0, DB_COL(&p->id), DB_COL(&p->board_id), DB_COL(&p->series), DB_COL(&p->version), DB_COL(&p->from_day),
		DB_COL(&p->to_day), DB_COL(&p->budget), DB_COL(&p->at), DB_COL(&p->current), DB_COL(&period),
		DB_COL(&p->purpose), DB_COL(&p->requirements), DB_COL(&p->content), DB_COL(&p->timing),
		DB_COL(&p->organisation), DB_COL(&p->reason), DB_COL(&p->by));
	int k = ov_name_index(plan_period_names, PP__N, period);
	p->period = k < 0 ? PP_YEAR : (enum plan_period)k;
}

enum app_err plans_of(struct arena *a, struct dbc *c, int64_t board, bool current_only, struct plan **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_PLANS);
	db_bind_i64(s, 1, board);
	db_bind_i64(s, 2, current_only);
	return db_get_rows(s, a, plan_read, sizeof **out, (void **)out, n);
}

struct plan_job {
	const struct user *u;
	const struct oboard *b;
	const char *period, *purpose, *requirements, *content, *timing, *organisation, *reason;
	int64_t series, version, from, to, budget, now, id;
};

static enum app_err plan_fn(struct dbc *c, void *arg)
{
	struct plan_job *p = arg;
	enum app_err e;
	if (p->series) {
		struct db_stmt *s = dbc_stmt(c, STMT_OV_PLAN_CURRENT);
		db_bind_i64(s, 1, p->series);
		db_bind_i64(s, 2, p->b->id);
		int64_t v = db_one_i64(s, 0, &e);
		if (e)
			return e;
		if (!v)
			return APP_ENOTFOUND;
		p->version = v + 1;
		if ((e = db_run(c, STMT_OV_PLAN_RETIRE, "ii", p->series, p->b->id)))
			return e;
	}
	struct db_stmt *s = dbc_stmt(c, STMT_OV_PLAN_INSERT);
	db_bind_i64(s, 1, p->b->id);
	db_bind_i64(s, 2, p->series);
	db_bind_i64(s, 3, p->version);
	db_bind_text(s, 4, p->period);
	db_bind_i64(s, 5, p->from);
	db_bind_i64(s, 6, p->to);
	db_bind_text(s, 7, p->purpose);
	db_bind_text(s, 8, p->requirements);
	db_bind_text(s, 9, p->content);
	db_bind_text(s, 10, p->timing);
	db_bind_i64(s, 11, p->budget);
	db_bind_text(s, 12, p->organisation);
	db_bind_text(s, 13, p->reason);
	db_bind_i64(s, 14, p->u->id);
	db_bind_i64(s, 15, p->now);
	p->id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	if (!p->series && (e = db_run(c, STMT_OV_PLAN_SERIES, "i", p->id)))
		return e;
	return work_event(c, p->u, p->b, p->series ? "board.plan_amend" : "board.plan", "board", p->b->id, true, NULL, p->now);
}

enum app_err plan_save(struct db *db, const struct user *u, int64_t board, int64_t series, const struct plan_input *in,
		       int64_t now, int64_t *id, struct problems *pr)
{
	struct arena *a = pr->a;
	struct oboard b;
	struct dbc *c;
	enum app_err e = board_for(db, u, board, &b, &c, pr);
	if (e)
		return e;
	struct plan_job p = {.u = u, .b = &b, .series = series, .version = 1, .now = now};
	size_t before = pr->n;
	int k = ov_name_index(plan_period_names, PP__N, in->period);
	if (k < 0)
		problems_add(pr, "period", msg(MSG_OV_BAD_PERIOD));
	p.period = k < 0 ? "" : plan_period_names[k];
	bool f_ok = date_ok(pr, "from", in->from, &p.from), t_ok = date_ok(pr, "to", in->to, &p.to);
	if (f_ok && t_ok && p.to < p.from)
		problems_add(pr, "to", msg(MSG_OV_END_BEFORE));
	p.purpose = ov_text(a, in->purpose);
	p.requirements = ov_text(a, in->requirements);
	p.content = ov_text(a, in->content);
	p.timing = ov_text(a, in->timing);
	p.organisation = ov_text(a, in->organisation);
	p.reason = ov_text(a, in->reason);
	text_ok(pr, "purpose", p.purpose, 5, 2000);
	text_ok(pr, "requirements", p.requirements, 0, 2000);
	text_ok(pr, "content", p.content, 5, 8000);
	text_ok(pr, "timing", p.timing, 0, 2000);
	text_ok(pr, "organisation", p.organisation, 0, 2000);
	if (in->budget && *in->budget && str_to_i64(in->budget, 0, INT64_MAX / 4, &p.budget))
		problems_add(pr, "budget", msg(MSG_OV_BAD_BUDGET));
	if (series)
		text_ok(pr, "reason", p.reason, 5, 2000);
	if (pr->n > before)
		return APP_EINVAL;
	e = db_write(db, plan_fn, &p);
	if (e == APP_ENOTFOUND)
		problems_add(pr, "", msg(MSG_OV_NO_PLAN));
	if (!e && id)
		*id = p.id;
	return e;
}

/* ---- inspections ---- */

static void inspection_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct inspection *i = out;
	db_cols(s, a, 0, DB_COL(&i->id), DB_COL(&i->board_id), DB_COL(&i->plan_id), DB_COL(&i->notified_day),
		DB_COL(&i->start_day), DB_COL(&i->end_day), DB_COL(&i->recorded_day), DB_COL(&i->created_at), DB_COL(&i->kind),
		DB_COL(&i->subject), DB_COL(&i->content), DB_COL(&i->experts), DB_COL(&i->status), DB_COL(&i->conclusion),
		DB_COL(&i->nfinding), DB_COL(&i->nrec));
}

enum app_err inspection_get(struct arena *a, struct dbc *c, int64_t id, struct inspection *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_INSPECTION_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, inspection_read, out);
}

enum app_err inspections_of(struct arena *a, struct dbc *c, int64_t board, struct inspection **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_INSPECTIONS);
	db_bind_i64(s, 1, board);
	return db_get_rows(s, a, inspection_read, sizeof **out, (void **)out, n);
}

static void finding_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct finding *f = out;
	db_cols(s, a, 0, DB_COL(&f->id), DB_COL(&f->size), DB_COL(&f->finding), DB_COL(&f->evidence), DB_COL(&f->sha256),
		DB_COL(&f->filename), DB_COL(&f->mime));
}

enum app_err findings_of(struct arena *a, struct dbc *c, int64_t inspection, struct finding **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_FINDINGS);
	db_bind_i64(s, 1, inspection);
	return db_get_rows(s, a, finding_read, sizeof **out, (void **)out, n);
}

struct insp_job {
	const struct user *u;
	const struct oboard *b;
	const char *kind, *subject, *content, *experts;
	int64_t plan, notified, start, end, now, id;
	int64_t *told; /* the accounts told */
	size_t ntold;
};

static enum app_err insp_fn(struct dbc *c, void *arg)
{
	struct insp_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_INSPECTION_INSERT);
	db_bind_i64(s, 1, j->b->id);
	db_bind_text(s, 2, j->kind);
	db_bind_id(s, 3, j->plan);
	db_bind_text(s, 4, j->subject);
	db_bind_text(s, 5, j->content);
	db_bind_text(s, 6, j->experts);
	db_bind_i64(s, 7, j->notified);
	db_bind_i64(s, 8, j->start);
	db_bind_i64(s, 9, j->end);
	db_bind_i64(s, 10, j->u->id);
	db_bind_i64(s, 11, j->now);
	enum app_err e;
	j->id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	char subject[48], href[48], start[11];
	snprintf(subject, sizeof subject, "inspection:%lld", (long long)j->id);
	snprintf(href, sizeof href, "/inspections/%lld", (long long)j->id);
	cal_format_vn(j->start, start);
	const struct notify_param p[] = {{"board", j->b->title}, {"subject", j->subject}, {"start", start}};
	struct notify_msg m = {.kind = "board.inspection", .subject = subject, .href = href, .params = p, .nparams = 3};
	for (size_t i = 0; i < j->ntold && !e; i++)
		e = notify_user(c, j->told[i], &m, j->now);
	if (e)
		return e;
	char payload[160];
	snprintf(payload, sizeof payload, "{\"kind\":\"%s\",\"notified_day\":%lld,\"start_day\":%lld,\"end_day\":%lld}", j->kind,
		 (long long)j->notified, (long long)j->start, (long long)j->end);
	return work_event(c, j->u, j->b, "board.inspection", "inspection", j->id, true, payload, j->now);
}

/* Who hears of an inspection (Decree 59 Arts. 14(1)(b), 22): at a commune
 * the Front's officers and the chair; at an agency the union and the head. */
static enum app_err told_of(struct arena *a, struct dbc *c, const struct oboard *b, int64_t **out, size_t *n)
{
	unsigned caps[2] = {CAP_BOARDS, ov_agency_unit(b->unit.kind) ? CAP_CASES_HEAD : CAP_CHAIR};
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	for (int k = 0; k < 2; k++) {
		int64_t *ids;
		size_t ni;
		enum app_err e = auth_holders(a, c, b->unit.id, caps[k], &ids, &ni);
		if (e)
			return e;
		for (size_t i = 0; i < ni; i++) {
			*out = arena_grow(a, *out, *n, &cap, sizeof **out);
			(*out)[(*n)++] = ids[i];
		}
	}
	return APP_OK;
}

enum app_err inspection_create(struct db *db, const struct user *u, int64_t board, const struct inspection_input *in,
			       int64_t now, int64_t *id, struct problems *pr)
{
	struct arena *a = pr->a;
	struct oboard b;
	struct dbc *c;
	enum app_err e = board_for(db, u, board, &b, &c, pr);
	if (e)
		return e;
	struct insp_job j = {.u = u, .b = &b, .now = now};
	size_t before = pr->n;
	j.kind = str_eq(in->kind, "visit") ? "visit" : "inspection";
	if (in->kind && *in->kind && strcmp(in->kind, "visit") && strcmp(in->kind, "inspection"))
		problems_add(pr, "kind", msg(MSG_OV_BAD_INSPECTION_KIND));
	j.subject = ov_text(a, in->subject);
	j.content = ov_text(a, in->content);
	j.experts = ov_text(a, in->experts);
	text_ok(pr, "subject", j.subject, 3, 300);
	text_ok(pr, "content", j.content, 5, 4000);
	text_ok(pr, "experts", j.experts, 0, 1000);
	int64_t today = cal_today((time_t)now);
	if (!in->notified || !*in->notified)
		j.notified = today;
	else if (date_ok(pr, "notified", in->notified, &j.notified) && j.notified > today)
		problems_add(pr, "notified", msg(MSG_OV_FUTURE));
	bool s_ok = date_ok(pr, "start", in->start, &j.start), e_ok = date_ok(pr, "end", in->end, &j.end);
	if (s_ok && e_ok && j.end < j.start)
		problems_add(pr, "end", msg(MSG_OV_END_BEFORE));
	if (s_ok && j.notified) {
		/* at least 5 working days between the notice and the start (Decree 59 Art. 14(1)(b)) */
		struct cal_table hol;
		if ((e = holidays_load(c, &hol)))
			return e;
		int wd = (int)ov_rule(OR_INSPECTION_NOTICE_WD, j.notified);
		int64_t earliest = cal_add_working_days(&hol, j.notified, wd);
		free(hol.a);
		if (j.start < earliest) {
			char d[11];
			cal_format_vn(earliest, d);
			problems_add(pr, "start", arena_printf(a, "%s %s (%s).", msg(MSG_OV_NOTICE_LATE), d,
							     ov_rule_cite(OR_INSPECTION_NOTICE_WD, j.notified)));
		}
	}
	if (in->plan && *in->plan) {
		struct plan *ps;
		size_t np;
		bool found = false;
		if (str_to_i64(in->plan, 1, INT64_MAX, &j.plan) || (e = plans_of(a, c, b.id, true, &ps, &np)))
			np = 0;
		for (size_t i = 0; i < np; i++)
			found = found || ps[i].id == j.plan;
		if (!found)
			problems_add(pr, "plan", msg(MSG_OV_NO_PLAN));
	}
	if (pr->n > before)
		return APP_EINVAL;
	if ((e = told_of(a, c, &b, &j.told, &j.ntold)))
		return e;
	if ((e = db_write(db, insp_fn, &j)))
		return e;
	if (id)
		*id = j.id;
	return APP_OK;
}

/* The inspection of an act, its board, and whether u does its work. */
static enum app_err inspection_for(struct db *db, const struct user *u, int64_t id, struct inspection *i, struct oboard *b,
				   struct dbc **c, struct problems *pr)
{
	enum app_err e = db_conn(db, c);
	if (e || (e = inspection_get(pr->a, *c, id, i)))
		return e;
	return board_for(db, u, i->board_id, b, c, pr);
}

struct finding_job {
	const struct user *u;
	const struct oboard *b;
	int64_t inspection, now;
	const struct finding_input *in;
	const char *finding, *evidence;
};

static enum app_err finding_fn(struct dbc *c, void *arg)
{
	struct finding_job *j = arg;
	const struct posting_file *f = j->in->file;
	enum app_err e = f ? blob_put(c, f, j->in->data, j->now) : APP_OK;
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_FINDING_INSERT);
	db_bind_i64(s, 1, j->inspection);
	db_bind_text(s, 2, j->finding);
	db_bind_text(s, 3, j->evidence);
	if (f)
		db_bind_text(s, 4, f->sha256);
	else
		db_bind_null(s, 4);
	db_bind_text(s, 5, f ? f->filename : "");
	db_bind_text(s, 6, f ? f->mime : "");
	db_bind_i64(s, 7, f ? f->size : 0);
	if ((e = db_exec(s)))
		return e;
	/* findings are the board's working record until its report: not public */
	return work_event(c, j->u, j->b, "board.finding", "inspection", j->inspection, false, NULL, j->now);
}

enum app_err finding_add(struct db *db, const struct user *u, int64_t inspection, const struct finding_input *in,
			 int64_t now, struct problems *pr)
{
	struct inspection i;
	struct oboard b;
	struct dbc *c;
	enum app_err e = inspection_for(db, u, inspection, &i, &b, &c, pr);
	if (e)
		return e;
	struct finding_job j = {.u = u, .b = &b, .inspection = inspection, .now = now, .in = in};
	size_t before = pr->n;
	j.finding = ov_text(pr->a, in->finding);
	j.evidence = ov_text(pr->a, in->evidence);
	text_ok(pr, "finding", j.finding, 5, 4000);
	text_ok(pr, "evidence", j.evidence, 0, 2000);
	if (strcmp(i.status, "notified"))
		problems_add(pr, "", msg(MSG_OV_RECORDED_ALREADY));
	else if (cal_today((time_t)now) < i.start_day)
		problems_add(pr, "", msg(MSG_OV_NOT_STARTED));
	if (pr->n > before)
		return APP_EINVAL;
	return db_write(db, finding_fn, &j);
}

struct record_job {
	const struct user *u;
	const struct oboard *b;
	int64_t inspection, day, now;
	const char *conclusion;
};

static enum app_err record_fn(struct dbc *c, void *arg)
{
	struct record_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_INSPECTION_RECORD);
	db_bind_i64(s, 1, j->inspection);
	db_bind_text(s, 2, j->conclusion);
	db_bind_i64(s, 3, j->day);
	enum app_err e;
	if (!db_one_i64(s, 0, &e))
		return e ? e : APP_ECONFLICT;
	return work_event(c, j->u, j->b, "board.inspection_record", "inspection", j->inspection, true, NULL, j->now);
}

enum app_err inspection_record(struct db *db, const struct user *u, int64_t inspection, const char *conclusion,
			       int64_t now, struct problems *pr)
{
	struct inspection i;
	struct oboard b;
	struct dbc *c;
	enum app_err e = inspection_for(db, u, inspection, &i, &b, &c, pr);
	if (e)
		return e;
	struct record_job j = {.u = u, .b = &b, .inspection = inspection, .day = cal_today((time_t)now), .now = now};
	size_t before = pr->n;
	j.conclusion = ov_text(pr->a, conclusion);
	text_ok(pr, "conclusion", j.conclusion, 5, 8000);
	if (!i.nfinding)
		problems_add(pr, "", msg(MSG_OV_NO_FINDINGS));
	if (j.day < i.start_day)
		problems_add(pr, "", msg(MSG_OV_NOT_STARTED));
	if (pr->n > before)
		return APP_EINVAL;
	e = db_write(db, record_fn, &j);
	if (e == APP_ECONFLICT)
		problems_add(pr, "", msg(MSG_OV_RECORDED_ALREADY));
	return e;
}

/* ---- recommendations and petitions: cases ---- */

struct rec_job {
	struct case_submit_job cj;
	const struct oboard *b;
	int64_t inspection;
};

static enum app_err rec_fn(struct dbc *c, void *arg)
{
	struct rec_job *j = arg;
	enum app_err e = case_submit_write(c, &j->cj);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_REC_INSERT);
	db_bind_i64(s, 1, j->b->id);
	db_bind_id(s, 2, j->inspection);
	db_bind_i64(s, 3, j->cj.id);
	db_bind_i64(s, 4, j->cj.u->id);
	db_bind_i64(s, 5, j->cj.now);
	if ((e = db_exec(s)))
		return e;
	return work_event(c, j->cj.u, j->b, j->inspection || !strcmp(j->cj.in->kind, "board_rec") ? "board.recommend" : "board.petition",
			  "board", j->b->id, true, NULL, j->cj.now);
}

/* Files a case for the board in the same write as its link. */
static enum app_err board_case(struct db *db, struct arena *a, const struct user *u, struct dbc *c, const struct oboard *b,
			       int64_t inspection, struct case_input *in, int64_t now, int64_t *case_id, const char **code,
			       struct problems *pr)
{
	in->by_board = true;
	case_check(a, c, u, &b->unit, in, pr);
	if (pr->n)
		return APP_EINVAL;
	struct rec_job j = {.cj = {.u = u, .unit = &b->unit, .in = in, .now = now}, .b = b, .inspection = inspection};
	enum app_err e = case_submit_job_init(a, c, &j.cj);
	if (e || (e = db_write(db, rec_fn, &j)))
		return e;
	if (case_id)
		*case_id = j.cj.id;
	if (code)
		*code = arena_strdup(a, j.cj.code);
	return APP_OK;
}

enum app_err rec_create(struct db *db, struct arena *a, const struct user *u, int64_t board, int64_t inspection,
			const char *title, const char *text, int64_t now, int64_t *case_id, const char **code,
			struct problems *pr)
{
	struct oboard b;
	struct dbc *c;
	enum app_err e = board_for(db, u, board, &b, &c, pr);
	if (e)
		return e;
	if (inspection) {
		struct inspection i;
		if ((e = inspection_get(a, c, inspection, &i)) || i.board_id != board) {
			problems_add(pr, "inspection", msg(MSG_OV_NO_INSPECTION));
			return e && e != APP_ENOTFOUND ? e : APP_EINVAL;
		}
	}
	struct case_input in = {.kind = "board_rec", .category = "dan-chu", .channel = "paper", .title = title, .body = text,
				.name = b.title, .anonymous = false};
	return board_case(db, a, u, c, &b, inspection, &in, now, case_id, code, pr);
}

enum app_err petition_create(struct db *db, struct arena *a, const struct user *u, int64_t board, const char *channel,
			     const char *title, const char *text, const char *name, const char *phone,
			     const char *address, int64_t now, const char **code, struct problems *pr)
{
	struct oboard b;
	struct dbc *c;
	enum app_err e = board_for(db, u, board, &b, &c, pr);
	if (e)
		return e;
	if (!str_eq(channel, "in_person") && !str_eq(channel, "paper")) {
		problems_add(pr, "channel", msg(MSG_OV_BAD_CHANNEL));
		return APP_EINVAL;
	}
	struct case_input in = {.kind = "board_petition", .category = "dan-chu", .channel = channel, .title = title,
				.body = text, .name = name, .phone = phone, .address = address,
				.anonymous = !name || !*name};
	return board_case(db, a, u, c, &b, 0, &in, now, NULL, code, pr);
}

static void bcase_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct board_case *k = out;
	int on_time;
	db_cols(s, a, 0, DB_COL(&k->case_id), DB_COL(&k->inspection_id), DB_COL(&k->due_day), DB_COL(&k->resolved_day),
		DB_COL(&k->received_day), DB_COL(&k->code), DB_COL(&k->title), DB_COL(&k->status), DB_COL(&k->kind),
		DB_COL(&k->answer), DB_COL(&on_time));
	k->on_time = k->resolved_day ? on_time : -1;
}

enum app_err oboard_cases(struct arena *a, struct dbc *c, const struct oboard *b, struct board_case **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_BOARD_CASES);
	db_bind_i64(s, 1, b->id);
	return db_get_rows(s, a, bcase_read, sizeof **out, (void **)out, n);
}

/* ---- reports ---- */

static void report_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct board_report *r = out;
	const char *period;
	db_cols(s, a, 0, DB_COL(&r->id), DB_COL(&r->board_id), DB_COL(&r->from_day), DB_COL(&r->to_day),
		DB_COL(&r->inspections), DB_COL(&r->findings), DB_COL(&r->recs), DB_COL(&r->recs_answered),
		DB_COL(&r->recs_on_time), DB_COL(&r->petitions), DB_COL(&r->at), DB_COL(&period));
	int k = ov_name_index(plan_period_names, PP__N, period);
	r->period = k < 0 ? PP_YEAR : (enum plan_period)k;
}

enum app_err board_report_get(struct arena *a, struct dbc *c, int64_t id, struct board_report *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_REPORT_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, report_read, out);
}

enum app_err board_reports_of(struct arena *a, struct dbc *c, int64_t board, struct board_report **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_REPORTS);
	db_bind_i64(s, 1, board);
	return db_get_rows(s, a, report_read, sizeof **out, (void **)out, n);
}

enum app_err board_report_count(struct arena *a, struct dbc *c, const struct oboard *b, int64_t from, int64_t to,
				struct board_report *out)
{
	(void)a;
	memset(out, 0, sizeof *out);
	out->board_id = b->id;
	out->from_day = from;
	out->to_day = to;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_REPORT_COUNTS);
	db_bind_i64(s, 1, b->id);
	db_bind_i64(s, 2, from);
	db_bind_i64(s, 3, to + 1);
	enum app_err e = db_row(s);
	if (!e) {
		out->inspections = db_col_i64(s, 0);
		out->findings = db_col_i64(s, 1);
		out->recs = db_col_i64(s, 2);
		out->recs_answered = db_col_i64(s, 3);
		out->recs_on_time = db_col_i64(s, 4);
		out->petitions = db_col_i64(s, 5);
	}
	db_reset(s);
	return e;
}

struct report_job {
	const struct user *u;
	const struct oboard *b;
	struct board_report r;
	const char *period;
	int64_t now;
	struct arena *a;
};

static enum app_err report_fn(struct dbc *c, void *arg)
{
	struct report_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_REPORT_INSERT);
	db_bind_i64(s, 1, j->b->id);
	db_bind_text(s, 2, j->period);
	db_bind_i64(s, 3, j->r.from_day);
	db_bind_i64(s, 4, j->r.to_day);
	db_bind_i64(s, 5, j->r.inspections);
	db_bind_i64(s, 6, j->r.findings);
	db_bind_i64(s, 7, j->r.recs);
	db_bind_i64(s, 8, j->r.recs_answered);
	db_bind_i64(s, 9, j->r.recs_on_time);
	db_bind_i64(s, 10, j->r.petitions);
	db_bind_i64(s, 11, j->u->id);
	db_bind_i64(s, 12, j->now);
	enum app_err e;
	j->r.id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	struct doc_record d;
	if ((e = doc_issue(c, j->b->unit.id, DOC_REPORT, "BTTND", "board_report", j->r.id, "report",
			   arena_printf(j->a, "%s %s", msg(MSG_OV_REPORT_TITLE), j->b->title), j->now, &d, j->a)))
		return e;
	return work_event(c, j->u, j->b, "board.report", "board", j->b->id, true, NULL, j->now);
}

enum app_err board_report_issue(struct db *db, struct arena *a, const struct user *u, int64_t board, const char *period,
				const char *from, const char *to, int64_t now, int64_t *id, struct problems *pr)
{
	struct oboard b;
	struct dbc *c;
	enum app_err e = board_for(db, u, board, &b, &c, pr);
	if (e)
		return e;
	struct report_job j = {.u = u, .b = &b, .now = now, .a = a};
	size_t before = pr->n;
	int k = ov_name_index(plan_period_names, PP__N, period);
	if (k < 0)
		problems_add(pr, "period", msg(MSG_OV_BAD_PERIOD));
	j.period = k < 0 ? "" : plan_period_names[k];
	int64_t f = 0, t = 0;
	bool f_ok = date_ok(pr, "from", from, &f), t_ok = date_ok(pr, "to", to, &t);
	if (f_ok && t_ok && t < f)
		problems_add(pr, "to", msg(MSG_OV_END_BEFORE));
	if (t_ok && t >= cal_today((time_t)now) + 1 && k >= 0)
		problems_add(pr, "to", msg(MSG_OV_PERIOD_NOT_OVER));
	if (pr->n > before)
		return APP_EINVAL;
	if ((e = board_report_count(a, c, &b, f, t, &j.r)))
		return e;
	j.r.period = (enum plan_period)k;
	e = db_write(db, report_fn, &j);
	if (e == APP_ECONFLICT)
		problems_add(pr, "from", msg(MSG_OV_REPORT_EXISTS));
	if (!e && id)
		*id = j.r.id;
	return e;
}
