/*
 * roster.c — the boards and their members: the People's Inspection Board of
 * a commune (Law 10/2022 Arts. 36-37; Decree 59/2023 Art. 13) or of an
 * agency or enterprise (Law Arts. 60, 77; Decree 59 Arts. 21, 25), the
 * Community Investment Supervision Board of a project (Law Arts. 41-42, 45;
 * Decree 59 Art. 17). An ineligible person is refused with the article; the
 * composition as a whole is checked on the day asked and every rule it
 * breaks is named (a board is constituted member by member, so an
 * incomplete board is a fact to show, not an input to refuse).
 */
#include "oversight.h"
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../decisions/decisions.h"
#include "../events/events.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const board_kind_names[BK__N] = {"inspection", "investment"};
const char *const member_position_names[MP__N] = {"head", "deputy", "member"};
const enum msg_id member_position_labels[MP__N] = {MSG_OV_HEAD, MSG_OV_DEPUTY, MSG_OV_MEMBER};

const char *ov_text(struct arena *a, const char *s)
{
	char *clean;
	if (!s || str_clean(s, strlen(s), &clean))
		return "";
	const char *r = arena_strdup(a, clean);
	free(clean);
	return r;
}

int ov_name_index(const char *const *names, int n, const char *v)
{
	for (int i = 0; v && i < n; i++)
		if (!strcmp(names[i], v))
			return i;
	return -1;
}

bool ov_board_unit(const char *kind)
{
	return units_kind_is_commune_level(kind) || ov_agency_unit(kind);
}

bool ov_agency_unit(const char *kind)
{
	return !strcmp(kind, "agency") || !strcmp(kind, "public_unit") || !strcmp(kind, "employer");
}

static bool writes(const struct user *u)
{
	return u && (!u->via_token || str_eq(u->token_scope, "write"));
}

bool ov_may_constitute(const struct user *u, const struct unit *unit)
{
	return writes(u) && (auth_caps_at(u, unit->path) & CAP_BOARDS);
}

bool ov_may_projects(const struct user *u, const struct unit *unit)
{
	return writes(u) && (auth_caps_at(u, unit->path) & (CAP_DISCLOSE | CAP_DISCLOSE_ALL));
}

bool ov_may_convene(const struct user *u, const struct unit *unit)
{
	return writes(u) && (auth_caps_at(u, unit->path) & (CAP_CONVENE | CAP_DISCLOSE | CAP_DISCLOSE_ALL));
}

bool ov_may_work(struct dbc *c, const struct user *u, const struct oboard *b)
{
	if (!writes(u) || b->dissolved_day)
		return false;
	if (auth_caps_own(u, b->unit.path) & CAP_BOARD_WORK)
		return true;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_MEMBER_OF_USER);
	db_bind_i64(s, 1, b->id);
	db_bind_i64(s, 2, u->id);
	return db_one_i64(s, 0, NULL) > 0;
}

/* ---- reads ---- */

static void board_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct oboard *b = out;
	const char *kind;
	db_cols(s, a, 0, DB_COL(&b->id), DB_COL(&b->project_id), DB_COL(&kind), DB_COL(&b->title), DB_COL(&b->dissolved_reason),
		DB_COL(&b->project_title), DB_COL(&b->term_start), DB_COL(&b->term_end), DB_COL(&b->notice_day),
		DB_COL(&b->supervision_day), DB_COL(&b->dissolved_day), DB_COL(&b->created_at));
	b->kind = strcmp(kind, "investment") ? BK_INSPECTION : BK_INVESTMENT;
	units_read_at(a, s, 12, &b->unit);
}

enum app_err oboard_get(struct arena *a, struct dbc *c, int64_t id, struct oboard *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_BOARD_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, board_read, out);
}

enum app_err oboard_of_unit(struct arena *a, struct dbc *c, const struct unit *unit, struct oboard *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_BOARD_OF_UNIT);
	db_bind_i64(s, 1, unit->id);
	return db_get_row(s, a, board_read, out);
}

enum app_err oboards_of(struct arena *a, struct dbc *c, const struct unit *unit, struct oboard **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_BOARDS_OF);
	db_bind_i64(s, 1, unit->id);
	return db_get_rows(s, a, board_read, sizeof **out, (void **)out, n);
}

enum app_err oboards_under(struct arena *a, struct dbc *c, const char *path, struct oboard **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_BOARDS_UNDER);
	db_bind_subtree(s, 1, 2, path);
	return db_get_rows(s, a, board_read, sizeof **out, (void **)out, n);
}

static void member_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct member *m = out;
	const char *pos;
	db_cols(s, a, 0, DB_COL(&m->id), DB_COL(&m->board_id), DB_COL(&m->village_id), DB_COL(&m->matter_id),
		DB_COL(&m->user_id), DB_COL(&m->full_name), DB_COL(&m->village_title), DB_COL(&m->represents),
		DB_COL(&m->decision_ref), DB_COL(&m->declared), DB_COL(&m->left_reason), DB_COL(&pos),
		DB_COL(&m->decision_day), DB_COL(&m->elected_day), DB_COL(&m->term_start), DB_COL(&m->term_end),
		DB_COL(&m->left_day), DB_COL(&m->by_election));
	int k = ov_name_index(member_position_names, MP__N, pos);
	m->position = k < 0 ? MP_MEMBER : (enum member_position)k;
}

int64_t unit_staff(struct dbc *c, int64_t unit_id)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_STAFF_GET);
	db_bind_i64(s, 1, unit_id);
	return db_one_i64(s, 0, NULL);
}

static void flag(struct arena *a, struct ov_flags *f, const char *what, const char *cite)
{
	f->v = arena_grow(a, f->v, f->n, &f->cap, sizeof *f->v);
	f->v[f->n++] = (struct ov_flag){what, cite};
}

static int position_rank(const struct member *m)
{
	return (int)m->position;
}

/* Months from day a to day b (whole months, rounded down). */
static int64_t months_between(int64_t a, int64_t b)
{
	return b > a ? (b - a) * 12 / 365 : 0;
}

/* The rules of a commune's inspection board over its villages. */
static enum app_err check_commune(struct arena *a, struct dbc *c, struct board_view *v, int64_t day)
{
	struct unit *kids;
	size_t nk;
	enum app_err e = units_children(a, c, v->b.unit.id, &kids, &nk);
	if (e)
		return e;
	int64_t min = ov_rule(OR_COMMUNE_MIN, day), small = ov_rule(OR_SMALL_COMMUNE_MAX, day);
	for (size_t i = 0; i < nk; i++) {
		if (!units_kind_is_village(kids[i].kind))
			continue;
		v->villages++;
		int64_t here = 0;
		for (size_t k = 0; k < v->nmember; k++)
			here += v->members[k].village_id == kids[i].id;
		if (!here)
			flag(a, &v->flags, arena_printf(a, "%s %s", kids[i].title, msg(MSG_OV_F_VILLAGE_NONE)),
			     ov_rule_cite(OR_COMMUNE_MIN, day));
		else if (here > 1 && v->villages >= small)
			flag(a, &v->flags, arena_printf(a, "%s %s %lld.", kids[i].title, msg(MSG_OV_F_VILLAGE_TWO), (long long)here),
			     ov_rule_cite(OR_COMMUNE_MIN, day));
	}
	int64_t target = v->villages > min ? v->villages : min;
	int64_t m = (int64_t)v->nmember;
	if (m < target)
		flag(a, &v->flags, arena_printf(a, "%s %lld %s %lld.", msg(MSG_OV_F_TOO_FEW), (long long)m, msg(MSG_OV_F_NEEDS),
						(long long)target),
		     ov_rule_cite(OR_COMMUNE_MIN, day));
	if (m > target)
		flag(a, &v->flags, arena_printf(a, "%s %lld %s %lld.", msg(MSG_OV_F_TOO_MANY), (long long)m, msg(MSG_OV_F_AT_MOST),
						(long long)target),
		     v->villages < small ? ov_rule_cite(OR_SMALL_COMMUNE_MAX, day) : ov_rule_cite(OR_COMMUNE_MIN, day));
	return APP_OK;
}

/* An agency's board: its size, the staff, recognition on time. */
static void check_agency(struct arena *a, struct dbc *c, struct board_view *v, int64_t day)
{
	v->staff = unit_staff(c, v->b.unit.id);
	int64_t m = (int64_t)v->nmember, lo = ov_rule(OR_AGENCY_MIN, day), hi = ov_rule(OR_AGENCY_MAX, day);
	if (v->staff && v->staff <= ov_rule(OR_AGENCY_NO_BOARD, day))
		flag(a, &v->flags, arena_printf(a, "%s %lld.", msg(MSG_OV_F_SMALL_AGENCY), (long long)v->staff),
		     ov_rule_cite(OR_AGENCY_NO_BOARD, day));
	if (m < lo)
		flag(a, &v->flags, arena_printf(a, "%s %lld %s %lld.", msg(MSG_OV_F_TOO_FEW), (long long)m, msg(MSG_OV_F_NEEDS),
						(long long)lo),
		     ov_rule_cite(OR_AGENCY_MIN, day));
	if (m > hi)
		flag(a, &v->flags, arena_printf(a, "%s %lld %s %lld.", msg(MSG_OV_F_TOO_MANY), (long long)m, msg(MSG_OV_F_AT_MOST),
						(long long)hi),
		     ov_rule_cite(OR_AGENCY_MAX, day));
	struct cal_table hol;
	if (holidays_load(c, &hol))
		return;
	int wd = (int)ov_rule(OR_RECOGNISE_WD, day);
	for (size_t k = 0; k < v->nmember; k++) {
		const struct member *mb = &v->members[k];
		if (mb->decision_day > cal_add_working_days(&hol, mb->elected_day, wd))
			flag(a, &v->flags, arena_printf(a, "%s %s", mb->full_name, msg(MSG_OV_F_LATE_RECOGNITION)),
			     ov_rule_cite(OR_RECOGNISE_WD, day));
	}
	free(hol.a);
}

/* A project's supervision board: at least 5, the Front's and the
 * inspection board's representatives, at most 5 residents. */
static void check_investment(struct arena *a, struct board_view *v, int64_t day)
{
	int64_t m = (int64_t)v->nmember, res = 0, front = 0, insp = 0, lo = ov_rule(OR_INVEST_MIN, day);
	for (size_t k = 0; k < v->nmember; k++) {
		res += str_eq(v->members[k].represents, "resident");
		front += str_eq(v->members[k].represents, "front");
		insp += str_eq(v->members[k].represents, "inspection");
	}
	if (m < lo)
		flag(a, &v->flags, arena_printf(a, "%s %lld %s %lld.", msg(MSG_OV_F_TOO_FEW), (long long)m, msg(MSG_OV_F_NEEDS),
						(long long)lo),
		     ov_rule_cite(OR_INVEST_MIN, day));
	if (!front || !insp)
		flag(a, &v->flags, msg(MSG_OV_F_REPRESENTATION), ov_rule_cite(OR_INVEST_MIN, day));
	if (res > ov_rule(OR_INVEST_RESIDENTS_MAX, day))
		flag(a, &v->flags, arena_printf(a, "%s %lld.", msg(MSG_OV_F_RESIDENTS_MAX), (long long)res),
		     ov_rule_cite(OR_INVEST_RESIDENTS_MAX, day));
}

enum app_err oboard_view(struct arena *a, struct dbc *c, const struct oboard *b, int64_t day, struct board_view *out)
{
	memset(out, 0, sizeof *out);
	out->b = *b;
	struct member *all;
	size_t n;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_MEMBERS);
	db_bind_i64(s, 1, b->id);
	enum app_err e = db_get_rows(s, a, member_read, sizeof *all, (void **)&all, &n);
	if (e)
		return e;
	out->members = arena_alloc(a, (n + 1) * sizeof *all);
	out->former = arena_alloc(a, (n + 1) * sizeof *all);
	out->vacancies = arena_alloc(a, (n + 1) * sizeof *out->vacancies);
	/* heads first, then deputies, then members, each in the order they came */
	for (int rank = 0; rank < MP__N; rank++)
		for (size_t i = 0; i < n; i++)
			if (position_rank(&all[i]) == rank && (!all[i].left_day || all[i].left_day > day) && all[i].elected_day <= day)
				out->members[out->nmember++] = all[i];
	int64_t months = ov_rule(OR_BY_ELECTION_MONTHS, day);
	for (size_t i = 0; i < n; i++) {
		if (!all[i].left_day || all[i].left_day > day)
			continue;
		out->former[out->nformer] = all[i];
		struct vacancy *vc = &out->vacancies[out->nvacancy++];
		vc->left = &out->former[out->nformer++];
		vc->months_left = months_between(all[i].left_day, all[i].term_end);
		vc->by_election_due = vc->months_left >= months && !b->dissolved_day;
		/* filled: a by-election's member for the same village (or any, without villages) after the leaving */
		for (size_t k = 0; k < n; k++)
			if (all[k].by_election && all[k].elected_day >= all[i].left_day && all[k].village_id == all[i].village_id &&
			    !all[k].left_day)
				vc->filled = true;
		if (vc->by_election_due && !vc->filled)
			flag(a, &out->flags, arena_printf(a, "%s %s", all[i].full_name, msg(MSG_OV_F_BY_ELECTION)),
			     ov_rule_cite(OR_BY_ELECTION_MONTHS, day));
	}
	if (b->dissolved_day)
		return APP_OK;
	int64_t heads = 0, deputies = 0;
	for (size_t i = 0; i < out->nmember; i++) {
		heads += out->members[i].position == MP_HEAD;
		deputies += out->members[i].position == MP_DEPUTY;
	}
	if (heads != 1)
		flag(a, &out->flags, msg(heads ? MSG_OV_F_HEADS : MSG_OV_F_NO_HEAD), ov_rule_cite(OR_DEPUTIES_MAX, day));
	if (deputies > ov_rule(OR_DEPUTIES_MAX, day))
		flag(a, &out->flags, arena_printf(a, "%s %lld.", msg(MSG_OV_F_DEPUTIES), (long long)deputies),
		     ov_rule_cite(OR_DEPUTIES_MAX, day));
	if (b->kind == BK_INVESTMENT)
		check_investment(a, out, day);
	else if (ov_agency_unit(b->unit.kind))
		check_agency(a, c, out, day);
	else if ((e = check_commune(a, c, out, day)))
		return e;
	return APP_OK;
}

/* ---- writes ---- */

struct ov_job {
	const struct user *u;
	const struct unit *unit;
	const char *kind;   /* the event's kind */
	const char *about;  /* the subject's kind */
	const char *payload;
	bool public;
	int64_t now, id;
	void *arg;
};

/* The act's event (public ones go to the ledger), about (about, id). */
static enum app_err ov_event(struct dbc *c, const struct ov_job *j, int64_t id)
{
	struct event ev = {.actor = j->u ? j->u->id : 0, .on_behalf = j->u ? j->u->assist_resident : 0,
			   .unit = j->unit->id, .kind = j->kind, .about = j->about, .about_id = id,
			   .public = j->public, .payload = j->payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

struct board_job {
	struct ov_job j;
	const char *kind, *title;
	int64_t project, term_start, term_end, notice, supervision;
};

static enum app_err board_fn(struct dbc *c, void *arg)
{
	struct board_job *b = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_BOARD_INSERT);
	db_bind_i64(s, 1, b->j.unit->id);
	db_bind_text(s, 2, b->kind);
	db_bind_id(s, 3, b->project);
	db_bind_text(s, 4, b->title);
	db_bind_i64(s, 5, b->term_start);
	db_bind_i64(s, 6, b->term_end);
	db_bind_i64(s, 7, b->notice);
	db_bind_i64(s, 8, b->supervision);
	db_bind_i64(s, 9, b->j.u->id);
	db_bind_i64(s, 10, b->j.now);
	enum app_err e;
	b->j.id = db_one_i64(s, 0, &e);
	return e ? e : ov_event(c, &b->j, b->j.id);
}

/* A date field: required, or optional (0 when empty). */
static bool day_field(struct problems *pr, const char *field, const char *v, bool required, int64_t *day)
{
	*day = 0;
	if (!v || !*v) {
		if (required)
			problems_add(pr, field, msg(MSG_OV_BAD_DATE));
		return !required;
	}
	if (!cal_parse_date(v, day)) {
		problems_add(pr, field, msg(MSG_OV_BAD_DATE));
		return false;
	}
	return true;
}

/* The day months after day (the same day of the month, or the month's last). */
static int64_t add_months(int64_t day, int64_t months)
{
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	int64_t total = (int64_t)y * 12 + (m - 1) + months;
	int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
	int64_t next = cal_days_from_civil(nm == 12 ? ny + 1 : ny, nm == 12 ? 1 : nm + 1, 1);
	int last = (int)(next - cal_days_from_civil(ny, nm, 1));
	return cal_days_from_civil(ny, nm, d > last ? last : d);
}

enum app_err oboard_create(struct db *db, const struct user *u, const struct unit *unit, int64_t project,
			   const struct board_input *in, int64_t now, int64_t *id, struct problems *pr)
{
	struct arena *a = pr->a;
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	if (!ov_board_unit(unit->kind) || (project && !units_kind_is_commune_level(unit->kind))) {
		problems_add(pr, "", msg(MSG_OV_NOT_BOARD_UNIT));
		return APP_EINVAL;
	}
	if (!ov_may_constitute(u, unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONSTITUTES));
		return APP_EFORBID;
	}
	struct board_job b = {.j = {.u = u, .unit = unit, .kind = "board.constitute", .about = "board", .public = true, .now = now},
			      .kind = project ? "investment" : "inspection", .project = project};
	struct project p = {0};
	struct oboard old;
	if (project) {
		e = project_get(a, c, project, &p);
		if (e && e != APP_ENOTFOUND)
			return e;
		if (e || p.unit.id != unit->id) {
			problems_add(pr, "project", msg(MSG_OV_NO_PROJECT));
			return APP_EINVAL;
		}
		if (p.board_id) {
			problems_add(pr, "project", msg(MSG_OV_PROJECT_HAS_BOARD));
			return APP_ECONFLICT;
		}
		if (p.status == PS_DONE) {
			problems_add(pr, "project", msg(MSG_OV_PROJECT_DONE));
			return APP_EINVAL;
		}
	} else if (!(e = oboard_of_unit(a, c, unit, &old))) {
		problems_add(pr, "", msg(MSG_OV_BOARD_EXISTS));
		return APP_ECONFLICT;
	} else if (e != APP_ENOTFOUND) {
		return e;
	}
	size_t before = pr->n;
	bool start_ok = day_field(pr, "term_start", in->term_start, true, &b.term_start);
	int64_t day = start_ok ? b.term_start : cal_today((time_t)now);
	if (project) {
		b.title = arena_printf(a, "%s — %s", msg(MSG_OV_INVEST_BOARD), p.title);
		b.term_end = p.end_day;
		bool n_ok = day_field(pr, "notice_day", in->notice_day, true, &b.notice);
		bool s_ok = day_field(pr, "supervision_day", in->supervision_day, true, &b.supervision);
		int64_t days = ov_rule(OR_INVESTOR_NOTICE_DAYS, b.notice);
		if (n_ok && s_ok && b.supervision < b.notice + days) {
			char earliest[11];
			cal_format_vn(b.notice + days, earliest);
			problems_add(pr, "supervision_day",
				     arena_printf(a, "%s %s (%s).", msg(MSG_OV_NOTICE_45), earliest, ov_rule_cite(OR_INVESTOR_NOTICE_DAYS, b.notice)));
		}
	} else {
		b.title = arena_printf(a, "%s %s", msg(MSG_OV_INSPECTION_BOARD), unit->title);
		bool agency = ov_agency_unit(unit->kind);
		b.term_end = add_months(day, ov_rule(agency ? OR_AGENCY_TERM_MONTHS : OR_VILLAGE_TERM_MONTHS, day));
		struct db_stmt *s = dbc_stmt(c, STMT_OV_STAFF_KNOWN);
		db_bind_i64(s, 1, unit->id);
		int64_t known = db_one_i64(s, 0, &e), staff = unit_staff(c, unit->id);
		if (e)
			return e;
		if (agency && !known)
			problems_add(pr, "staff", msg(MSG_OV_STAFF_UNKNOWN));
		else if (agency && staff <= ov_rule(OR_AGENCY_NO_BOARD, day))
			problems_add(pr, "staff", arena_printf(a, "%s (%s).", msg(MSG_OV_NO_BOARD_SMALL), ov_rule_cite(OR_AGENCY_NO_BOARD, day)));
	}
	if (pr->n > before)
		return APP_EINVAL;
	b.j.payload = arena_printf(a, "{\"kind\":\"%s\",\"term_start\":%lld,\"term_end\":%lld}", b.kind, (long long)b.term_start,
				   (long long)b.term_end);
	if ((e = db_write(db, board_fn, &b)))
		return e;
	if (id)
		*id = b.j.id;
	return APP_OK;
}

struct member_job {
	struct ov_job j;
	const char *name, *pos, *represents, *ref, *declared;
	int64_t board, village, matter, user, dday, eday, tstart, tend;
	bool by;
};

static enum app_err member_fn(struct dbc *c, void *arg)
{
	struct member_job *m = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_MEMBER_INSERT);
	db_bind_i64(s, 1, m->board);
	db_bind_text(s, 2, m->name);
	db_bind_text(s, 3, m->pos);
	db_bind_id(s, 4, m->village);
	db_bind_text(s, 5, m->represents);
	db_bind_id(s, 6, m->matter);
	db_bind_id(s, 7, m->user);
	db_bind_text(s, 8, m->ref);
	db_bind_i64(s, 9, m->dday);
	db_bind_i64(s, 10, m->eday);
	db_bind_i64(s, 11, m->tstart);
	db_bind_i64(s, 12, m->tend);
	db_bind_i64(s, 13, m->by);
	db_bind_text(s, 14, m->declared);
	db_bind_i64(s, 15, m->j.u->id);
	db_bind_i64(s, 16, m->j.now);
	enum app_err e;
	m->j.id = db_one_i64(s, 0, &e);
	return e ? e : ov_event(c, &m->j, m->board);
}

/* Whether an account holds a role that makes its holder ineligible: a
 * commune official or part-time worker at commune or village level (Law
 * Arts. 37, 42), or an agency's head (Art. 60). */
static bool holds_office(const struct user *who, bool agency)
{
	for (size_t i = 0; i < who->nrole; i++) {
		unsigned caps = auth_caps_own(who, who->roles[i].unit_path);
		if (agency ? (caps & CAP_CASES_HEAD) : (caps & (CAP_RECOGNISE | CAP_CHAIR | CAP_CONVENE)))
			return true;
	}
	return false;
}

enum app_err member_add(struct db *db, const struct user *u, int64_t board, const struct member_input *in, int64_t now,
			int64_t *id, struct problems *pr)
{
	struct arena *a = pr->a;
	struct dbc *c;
	struct oboard b;
	enum app_err e = db_conn(db, &c);
	if (e || (e = oboard_get(a, c, board, &b)))
		return e;
	if (!ov_may_constitute(u, &b.unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONSTITUTES));
		return APP_EFORBID;
	}
	if (b.dissolved_day) {
		problems_add(pr, "", msg(MSG_OV_DISSOLVED));
		return APP_ECONFLICT;
	}
	bool agency = b.kind == BK_INSPECTION && ov_agency_unit(b.unit.kind);
	bool commune = b.kind == BK_INSPECTION && !agency;
	int64_t today = cal_today((time_t)now);
	struct member_job m = {.j = {.u = u, .unit = &b.unit, .kind = "board.member", .about = "board", .public = true, .now = now},
			       .board = b.id};
	size_t before = pr->n;
	m.name = in->full_name ? ov_text(a, in->full_name) : "";
	if (str_utf8_len(m.name) < 2 || str_utf8_len(m.name) > 100)
		problems_add(pr, "full_name", msg(MSG_OV_BAD_NAME));
	int pos = ov_name_index(member_position_names, MP__N, in->position);
	if (pos < 0)
		problems_add(pr, "position", msg(MSG_OV_BAD_POSITION));
	m.pos = pos < 0 ? "member" : member_position_names[pos];
	m.ref = in->decision_ref ? ov_text(a, in->decision_ref) : "";
	if (str_utf8_len(m.ref) < 3 || str_utf8_len(m.ref) > 100)
		problems_add(pr, "decision_ref", msg(MSG_OV_BAD_DECISION));
	bool d_ok = day_field(pr, "decision_day", in->decision_day, true, &m.dday);
	bool e_ok = day_field(pr, "elected_day", in->elected_day, true, &m.eday);
	if (d_ok && e_ok && m.dday < m.eday)
		problems_add(pr, "decision_day", msg(MSG_OV_DECISION_BEFORE));
	if (d_ok && m.dday > today)
		problems_add(pr, "decision_day", msg(MSG_OV_FUTURE));
	m.by = in->by_election && *in->by_election;
	m.represents = "";
	if (b.kind == BK_INVESTMENT) {
		static const char *const reps[] = {"front", "inspection", "resident"};
		m.represents = NULL;
		for (size_t k = 0; k < 3; k++)
			if (str_eq(in->represents, reps[k]))
				m.represents = reps[k];
		if (!m.represents) {
			problems_add(pr, "represents", msg(MSG_OV_BAD_REPRESENTS));
			m.represents = "";
		}
	}
	/* the village it was elected from: a village of the commune */
	if (in->village && *in->village) {
		struct unit v;
		e = units_get(a, c, in->village, &v);
		if (e && e != APP_ENOTFOUND)
			return e;
		if (e || !units_kind_is_village(v.kind) || strcmp(v.parent_code, b.unit.code))
			problems_add(pr, "village", msg(MSG_OV_BAD_VILLAGE));
		else
			m.village = v.id;
	} else if (commune || str_eq(m.represents, "resident")) {
		problems_add(pr, "village", msg(MSG_OV_BAD_VILLAGE));
	}
	if (in->matter && *in->matter) {
		struct matter mt;
		if (str_to_i64(in->matter, 1, INT64_MAX, &m.matter) || matter_get(a, c, m.matter, &mt) || mt.unit.id != m.village)
			problems_add(pr, "matter", msg(MSG_OV_BAD_MATTER));
	}
	/* eligibility, declared and checked against the roles the person holds */
	const char *decl = "";
	if (!agency) {
		if (!in->resident)
			problems_add(pr, "resident", arena_printf(a, "%s (%s).", msg(MSG_OV_NOT_RESIDENT), msg(MSG_OV_CITE_ELIGIBILITY)));
		if (!in->not_official)
			problems_add(pr, "not_official", arena_printf(a, "%s (%s).", msg(MSG_OV_OFFICIAL), msg(MSG_OV_CITE_ELIGIBILITY)));
		decl = msg(MSG_OV_DECL_RESIDENT);
	} else {
		if (!in->not_leader)
			problems_add(pr, "not_leader", arena_printf(a, "%s (%s).", msg(MSG_OV_LEADER), msg(MSG_OV_CITE_AGENCY)));
		decl = msg(MSG_OV_DECL_AGENCY);
	}
	if (b.kind == BK_INVESTMENT) {
		if (!in->no_relatives)
			problems_add(pr, "no_relatives", arena_printf(a, "%s (%s).", msg(MSG_OV_RELATIVES), msg(MSG_OV_CITE_RELATIVES)));
		decl = arena_printf(a, "%s; %s", decl, msg(MSG_OV_DECL_RELATIVES));
	}
	m.declared = decl;
	if (in->username && *in->username) {
		struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_NAME);
		db_bind_text(s, 1, in->username);
		m.user = db_one_i64(s, 0, &e);
		if (e)
			return e;
		struct user *who;
		if (!m.user || auth_user_get(a, c, m.user, &who))
			problems_add(pr, "username", msg(MSG_OV_BAD_USER));
		else if (holds_office(who, agency))
			problems_add(pr, "username",
				     arena_printf(a, "%s (%s).", msg(agency ? MSG_OV_LEADER : MSG_OV_OFFICIAL),
						  msg(agency ? MSG_OV_CITE_AGENCY : MSG_OV_CITE_ELIGIBILITY)));
	}
	/* the officers: one head, at most two deputies, on the day the member takes office */
	struct board_view v;
	if ((e = oboard_view(a, c, &b, d_ok ? m.dday : today, &v)))
		return e;
	int64_t heads = 0, deputies = 0;
	for (size_t k = 0; k < v.nmember; k++) {
		heads += v.members[k].position == MP_HEAD;
		deputies += v.members[k].position == MP_DEPUTY;
	}
	int64_t dmax = ov_rule(OR_DEPUTIES_MAX, today);
	if (pos == MP_HEAD && heads)
		problems_add(pr, "position", msg(MSG_OV_HEAD_TAKEN));
	if (pos == MP_DEPUTY && deputies >= dmax)
		problems_add(pr, "position", arena_printf(a, "%s (%s).", msg(MSG_OV_DEPUTIES_FULL), ov_rule_cite(OR_DEPUTIES_MAX, today)));
	if (b.kind == BK_INVESTMENT && str_eq(m.represents, "resident")) {
		int64_t res = 0;
		for (size_t k = 0; k < v.nmember; k++)
			res += str_eq(v.members[k].represents, "resident");
		if (res >= ov_rule(OR_INVEST_RESIDENTS_MAX, today))
			problems_add(pr, "represents",
				     arena_printf(a, "%s (%s).", msg(MSG_OV_RESIDENTS_FULL), ov_rule_cite(OR_INVEST_RESIDENTS_MAX, today)));
	}
	if (agency && (int64_t)v.nmember >= ov_rule(OR_AGENCY_MAX, today))
		problems_add(pr, "", arena_printf(a, "%s (%s).", msg(MSG_OV_AGENCY_FULL), ov_rule_cite(OR_AGENCY_MAX, today)));
	if (pr->n > before)
		return APP_EINVAL;
	/* the term: the board's; a by-election's member serves what is left of it (Law Art. 36(2)) */
	m.tstart = m.by ? m.dday : b.term_start;
	m.tend = b.term_end;
	m.j.payload = arena_printf(a, "{\"member\":true,\"position\":\"%s\",\"decision_day\":%lld,\"by_election\":%s}", m.pos,
				   (long long)m.dday, m.by ? "true" : "false");
	if ((e = db_write(db, member_fn, &m)))
		return e;
	if (id)
		*id = m.j.id;
	return APP_OK;
}

struct leave_job {
	struct ov_job j;
	int64_t member, day;
	const char *reason;
	bool found;
};

static enum app_err leave_fn(struct dbc *c, void *arg)
{
	struct leave_job *l = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_MEMBER_LEAVE);
	db_bind_i64(s, 1, l->member);
	db_bind_i64(s, 2, l->day);
	db_bind_text(s, 3, l->reason);
	enum app_err e;
	l->found = db_one_i64(s, 0, &e) > 0;
	if (e)
		return e;
	return l->found ? ov_event(c, &l->j, l->j.id) : APP_ECONFLICT;
}

enum app_err member_leave(struct db *db, const struct user *u, int64_t member, const char *day, const char *reason,
			  int64_t now, struct problems *pr)
{
	struct arena *a = pr->a;
	struct dbc *c;
	struct member m;
	struct oboard b;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_MEMBER_GET);
	db_bind_i64(s, 1, member);
	if ((e = db_get_row(s, a, member_read, &m)) || (e = oboard_get(a, c, m.board_id, &b)))
		return e;
	if (!ov_may_constitute(u, &b.unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONSTITUTES));
		return APP_EFORBID;
	}
	struct leave_job l = {.j = {.u = u, .unit = &b.unit, .kind = "board.leave", .about = "board", .public = true, .now = now,
				    .id = b.id},
			      .member = member};
	size_t before = pr->n;
	if (!day || !*day)
		l.day = cal_today((time_t)now);
	else
		day_field(pr, "day", day, true, &l.day);
	if (l.day && l.day < m.elected_day)
		problems_add(pr, "day", msg(MSG_OV_LEFT_BEFORE));
	l.reason = reason ? ov_text(a, reason) : "";
	if (str_utf8_len(l.reason) < 5 || str_utf8_len(l.reason) > 1000)
		problems_add(pr, "reason", msg(MSG_OV_BAD_REASON));
	if (m.left_day)
		problems_add(pr, "", msg(MSG_OV_ALREADY_LEFT));
	if (pr->n > before)
		return m.left_day ? APP_ECONFLICT : APP_EINVAL;
	l.j.payload = arena_printf(a, "{\"member\":%lld,\"left_day\":%lld}", (long long)member, (long long)l.day);
	return db_write(db, leave_fn, &l);
}

struct staff_job {
	struct ov_job j;
	int64_t staff, day;
};

static enum app_err staff_fn(struct dbc *c, void *arg)
{
	struct staff_job *s = arg;
	enum app_err e = db_run(c, STMT_OV_STAFF_SET, "iii", s->j.unit->id, s->staff, s->day);
	return e ? e : ov_event(c, &s->j, s->j.unit->id);
}

enum app_err unit_staff_set(struct db *db, const struct user *u, const struct unit *unit, const char *staff, int64_t now,
			    struct problems *pr)
{
	if (!ov_agency_unit(unit->kind)) {
		problems_add(pr, "", msg(MSG_OV_NOT_AGENCY));
		return APP_EINVAL;
	}
	if (!ov_may_constitute(u, unit) && !ov_may_convene(u, unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONSTITUTES));
		return APP_EFORBID;
	}
	struct staff_job s = {.j = {.u = u, .unit = unit, .kind = "board.staff", .about = "unit", .now = now},
			      .day = cal_today((time_t)now)};
	if (!staff || str_to_i64(staff, 1, 1000000, &s.staff)) {
		problems_add(pr, "staff", msg(MSG_OV_BAD_STAFF));
		return APP_EINVAL;
	}
	return db_write(db, staff_fn, &s);
}
