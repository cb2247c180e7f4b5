/*
 * conventions.c — village conventions through Decree 61/2023 (conventions.h).
 */
#include "conventions.h"
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../consult/consult.h"
#include "../db/db.h"
#include "../decisions/decisions.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../report.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const convention_stages[CV__N] = {"proposed", "drafting",	"consulting", "adopted",  "sent",
					      "recognised", "refused", "suspended", "annulled", "replaced"};
const enum msg_id convention_stage_labels[CV__N] = {
	MSG_CV_STAGE_PROPOSED,	MSG_CV_STAGE_DRAFTING, MSG_CV_STAGE_CONSULTING, MSG_CV_STAGE_ADOPTED, MSG_CV_STAGE_SENT,
	MSG_CV_STAGE_RECOGNISED, MSG_CV_STAGE_REFUSED,	MSG_CV_STAGE_SUSPENDED,	 MSG_CV_STAGE_ANNULLED, MSG_CV_STAGE_REPLACED};
const enum msg_id convention_step_labels[CS__N] = {
	MSG_CV_STEP_PROPOSE,   MSG_CV_STEP_TEAM,       MSG_CV_STEP_CONSULT, MSG_CV_STEP_ADOPT,
	MSG_CV_STEP_SEND,      MSG_CV_STEP_RECOGNISE,  MSG_CV_STEP_REFUSE,  MSG_CV_STEP_DISTRIBUTE,
	MSG_CV_STEP_PUBLISH,   MSG_CV_STEP_REVIEW,     MSG_CV_STEP_SUSPEND, MSG_CV_STEP_ANNUL};
const char *const convention_steps[CS__N] = {"propose",	  "team",    "consult", "adopt",   "send",    "recognise",
					     "refuse",	  "distribute", "publish", "review", "suspend", "annul"};
const char *const convention_channels[CONVENTION_NCHANNELS] = {"cultural_house", "conference", "network", "copies",
							       "social",	 "legal_workers", "other"};

bool convention_step_communes(enum convention_step s)
{
	return s == CS_RECOGNISE || s == CS_REFUSE || s == CS_DISTRIBUTE || s == CS_SUSPEND || s == CS_ANNUL;
}

bool conventions_may(const struct user *u, const struct unit *village, enum convention_step s)
{
	if (!u)
		return false;
	if (!convention_step_communes(s))
		return auth_caps_at(u, village->path) & CAP_CONVENE;
	/* the commune's acts: held at the commune (the village's parent) or above */
	size_t n = strlen(village->path);
	while (n > 1 && village->path[n - 2] != '/')
		n--;
	char *commune = strndup(village->path, n - 1 > 0 ? n - 1 : 0);
	bool ok = commune && (auth_caps_at(u, commune) & CAP_RECOGNISE);
	free(commune);
	return ok;
}

static int index_of(const char *const *names, int n, const char *v)
{
	for (int k = 0; k < n; k++)
		if (str_eq(v, names[k]))
			return k;
	return -1;
}

static bool day_field(struct problems *pr, const char *field, const char *v, int64_t today, int64_t *day)
{
	if (!v || !cal_parse_date(v, day)) {
		problems_add(pr, field, msg(MSG_CV_BAD_DAY));
		return false;
	}
	if (*day > today) {
		problems_add(pr, field, msg(MSG_CV_FUTURE));
		return false;
	}
	return true;
}

static bool text_field(struct problems *pr, const char *field, const char *v, size_t min, size_t max, enum msg_id m)
{
	size_t n = v ? str_utf8_len(v) : 0;
	if (n < min || n > max) {
		problems_add(pr, field, msg(m));
		return false;
	}
	return true;
}

/* ---- reads ---- */

static void convention_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct convention *cv = out;
	const char *stage;
	db_cols(s, a, 0, DB_COL(&cv->id), DB_COL(&cv->kind), DB_COL(&cv->title), DB_COL(&cv->parent_id),
		DB_COL(&cv->proposer), DB_COL(&cv->consents), DB_COL(&cv->households), DB_COL(&cv->front_approved),
		DB_COL(&stage), DB_COL(&cv->team), DB_COL(&cv->draft), DB_COL(&cv->comment_from), DB_COL(&cv->comment_to),
		DB_COL(&cv->matter_id), DB_COL(&cv->adopted_on), DB_COL(&cv->sent_on), DB_COL(&cv->recognised_on),
		DB_COL(&cv->decision), DB_COL(&cv->channels));
	int k = index_of(convention_stages, CV__N, stage);
	cv->stage = k < 0 ? CV_PROPOSED : (enum convention_stage)k;
	units_read_at(a, s, 19, &cv->village);
	cv->consultation_id = db_col_i64(s, 26);
}

enum app_err convention_get(struct arena *a, struct dbc *c, int64_t id, struct convention *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CV_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, convention_read, out);
}

enum app_err conventions_under(struct arena *a, struct dbc *c, const struct unit *u, struct convention **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CV_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	return db_get_rows(s, a, convention_read, sizeof **out, (void **)out, n);
}

static void event_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct convention_event *e = out;
	db_cols(s, a, 0, DB_COL(&e->step), DB_COL(&e->day), DB_COL(&e->due), DB_COL(&e->note), DB_COL(&e->at),
		DB_COL(&e->by));
}

enum app_err convention_history(struct arena *a, struct dbc *c, int64_t id, struct convention_event **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CV_STEPS);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, event_read, sizeof **out, (void **)out, n);
}

/* ---- writes: one job for every step ---- */

struct step_job {
	const struct user *u;
	const struct convention *cv;
	enum convention_step step;
	enum convention_stage stage; /* after the step */
	enum stmt_id set;            /* the columns the step sets, or STMT_CV_SET_STAGE */
	const char *t1, *t2;
	int64_t i1, i2, i3;
	int64_t day, due, now;
	const char *note;
	int64_t replaces; /* a recognised amendment: the convention it replaces */
};

static enum app_err step_fn(struct dbc *c, void *arg)
{
	struct step_job *j = arg;
	const char *stage = convention_stages[j->stage];
	enum app_err e = APP_OK;
	switch (j->set) {
	case STMT_CV_SET_TEAM:
	case STMT_CV_SET_CHANNELS:
		e = db_run(c, j->set, "itt", j->cv->id, stage, j->t1);
		break;
	case STMT_CV_SET_DRAFT:
		e = db_run(c, j->set, "ittiii", j->cv->id, stage, j->t1, j->i1, j->i2, j->i3);
		break;
	case STMT_CV_SET_ADOPTED:
		e = db_run(c, j->set, "itii", j->cv->id, stage, j->i1, j->i2);
		break;
	case STMT_CV_SET_SENT:
		e = db_run(c, j->set, "iti", j->cv->id, stage, j->i1);
		break;
	case STMT_CV_SET_RECOGNISED:
		e = db_run(c, j->set, "itit", j->cv->id, stage, j->i1, j->t1);
		break;
	default:
		e = db_run(c, STMT_CV_SET_STAGE, "it", j->cv->id, stage);
	}
	if (!e && j->replaces)
		e = db_run(c, STMT_CV_SET_STAGE, "it", j->replaces, convention_stages[CV_REPLACED]);
	if (!e)
		e = db_run(c, STMT_CV_STEP_INSERT, "itiitii", j->cv->id, convention_steps[j->step], j->day, j->due,
			   j->note ? j->note : "", j->now, j->u->id);
	if (e)
		return e;
	char kind[40], payload[96];
	snprintf(kind, sizeof kind, "convention.%s", convention_steps[j->step]);
	snprintf(payload, sizeof payload, "{\"stage\":\"%s\",\"day\":%lld,\"due\":%lld}", stage, (long long)j->day,
		 (long long)j->due);
	struct event ev = {.actor = j->u->id, .on_behalf = j->u->assist_resident, .unit = j->cv->village.id, .kind = kind,
			   .about = "convention", .about_id = j->cv->id, .public = true, .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

struct propose_job {
	const struct user *u;
	const struct unit *village;
	const struct convention_input *in;
	int64_t parent, consents, households, day, now, id;
	bool front;
	const char *note; /* who proposed, with the consents */
};

static enum app_err propose_fn(struct dbc *c, void *arg)
{
	struct propose_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_CV_INSERT);
	db_bind_i64(s, 1, j->village->id);
	db_bind_text(s, 2, j->in->kind);
	db_bind_text(s, 3, j->in->title);
	db_bind_id(s, 4, j->parent);
	db_bind_text(s, 5, j->in->proposer);
	db_bind_i64(s, 6, j->consents);
	db_bind_i64(s, 7, j->households);
	db_bind_i64(s, 8, j->front);
	db_bind_i64(s, 9, j->now);
	db_bind_i64(s, 10, j->u->id);
	enum app_err e;
	j->id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	struct convention cv = {.id = j->id, .village = *j->village};
	struct step_job sj = {.u = j->u, .cv = &cv, .step = CS_PROPOSE, .stage = CV_PROPOSED, .set = STMT_CV_SET_STAGE,
			      .day = j->day, .now = j->now, .note = j->note};
	return step_fn(c, &sj);
}

enum app_err convention_propose(struct db *db, const struct user *u, const struct unit *village,
				const struct convention_input *in, int64_t now, int64_t *id, struct problems *pr)
{
	if (!units_kind_is_village(village->kind)) {
		problems_add(pr, "", msg(MSG_CV_VILLAGE_ONLY));
		return APP_EINVAL;
	}
	if (!conventions_may(u, village, CS_PROPOSE)) {
		problems_add(pr, "", msg(MSG_CV_WHO_VILLAGE));
		return APP_EFORBID;
	}
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	size_t before = pr->n;
	struct propose_job j = {.u = u, .village = village, .in = in, .now = now,
				.front = str_eq(in->front_approved, "1") || str_eq(in->front_approved, "on")};
	if (index_of((const char *const[]){"huong_uoc", "quy_uoc"}, 2, in->kind) < 0)
		problems_add(pr, "kind", msg(MSG_CV_BAD_KIND));
	text_field(pr, "title", in->title, 1, 300, MSG_CV_BAD_TITLE);
	day_field(pr, "day", in->day, cal_today((time_t)now), &j.day);
	int proposer = index_of((const char *const[]){"village_head", "residents"}, 2, in->proposer);
	if (proposer < 0)
		problems_add(pr, "proposer", msg(MSG_CV_BAD_PROPOSER));
	if (in->parent && *in->parent) {
		struct convention p;
		if (str_to_i64(in->parent, 1, INT64_MAX, &j.parent) || convention_get(pr->a, c, j.parent, &p) ||
		    p.village.id != village->id || (p.stage != CV_RECOGNISED && p.stage != CV_SUSPENDED))
			problems_add(pr, "parent", msg(MSG_CV_BAD_PARENT));
	}
	struct unit_stats st;
	if ((e = units_stats(c, village, &st)))
		return e;
	j.households = st.households;
	if (proposer == 1) {
		/* Art. 7(2): consent of at least 10 % of the village's households, or the Front lets it proceed */
		if (!in->consents || str_to_i64(in->consents, 0, st.households, &j.consents))
			problems_add(pr, "consents", arena_printf(pr->a, "%s %lld.", msg(MSG_CV_BAD_CONSENTS), (long long)st.households));
		else if (j.consents * 1000 < (int64_t)CONVENTION_CONSENT_PERMILLE * st.households && !j.front)
			problems_add(pr, "consents",
				     arena_printf(pr->a, "%s (%lld/%lld). %s", msg(MSG_CV_TOO_FEW), (long long)j.consents,
						  (long long)st.households, msg(MSG_CV_ART7)));
	}
	if (pr->n > before)
		return APP_EINVAL;
	j.note = proposer == 0 ? msg(MSG_CV_BY_HEAD)
			       : arena_printf(pr->a, "%s: %lld/%lld %s%s", msg(MSG_CV_BY_RESIDENTS), (long long)j.consents,
					      (long long)j.households, msg(MSG_CV_HOUSEHOLDS_AGREED),
					      j.front ? msg(MSG_CV_WITH_FRONT) : "");
	if ((e = db_write(db, propose_fn, &j)))
		return e;
	if (id)
		*id = j.id;
	return APP_OK;
}

static bool has_step(const struct convention_event *h, size_t n, const char *step, int year)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i].step, step))
			continue;
		if (!year)
			return true;
		int y, m, d;
		cal_civil_from_days(h[i].day, &y, &m, &d);
		if (y == year)
			return true;
	}
	return false;
}

/* The day of the step before, from which a deadline runs. */
static int64_t last_day(const struct convention_event *h, size_t n, const char *step)
{
	int64_t d = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(h[i].step, step))
			d = h[i].day;
	return d;
}

/* The matter that adopted the convention, checked: the village's, on item 3,
 * closed and passed (more than half of all households, Art. 10), its vote
 * after the comment period. */
static enum app_err check_adoption(struct arena *a, struct dbc *c, const struct convention *cv, const char *v,
				   int64_t now, int64_t *matter, int64_t *adopted_on, struct problems *pr)
{
	struct matter m;
	enum app_err e;
	if (!v || str_to_i64(v, 1, INT64_MAX, matter) || (e = matter_get(a, c, *matter, &m)) == APP_ENOTFOUND) {
		problems_add(pr, "matter", msg(MSG_CV_NO_MATTER));
		return APP_EINVAL;
	}
	if (e)
		return e;
	if (m.unit.id != cv->village.id || m.item != 3) {
		problems_add(pr, "matter", msg(MSG_CV_NOT_ITEM3));
		return APP_EINVAL;
	}
	struct decision_rule rule;
	struct matter_result res;
	if ((e = matter_outcome(a, c, &m, now, &rule, &res)))
		return e;
	if (!res.closed) {
		problems_add(pr, "matter", msg(MSG_CV_NOT_CLOSED));
		return APP_ECONFLICT;
	}
	if (!res.passed) {
		problems_add(pr, "matter",
			     arena_printf(a, "%s (%lld/%lld). %s", msg(MSG_CV_BELOW_THRESHOLD), (long long)res.votes_for,
					  (long long)res.needed, msg(MSG_CV_ART10)));
		return APP_ECONFLICT;
	}
	*adopted_on = cal_today((time_t)m.closes_at);
	if (*adopted_on <= cv->comment_to) {
		char d[11];
		cal_format_vn(cv->comment_to, d);
		problems_add(pr, "matter", arena_printf(a, "%s %s. %s", msg(MSG_CV_BEFORE_COMMENTS), d, msg(MSG_CV_ART9)));
		return APP_ECONFLICT;
	}
	return APP_OK;
}

/* Records the commune's act on the adopting matter in the decisions module
 * too (its recognition standing and the Art. 16 figures read it); an act it
 * already holds is left as it is. */
static enum app_err matter_agrees(struct db *db, struct arena *a, struct dbc *c, const struct convention *cv,
				  const char *act, const char *reason, const struct user *u, int64_t now,
				  struct problems *pr)
{
	struct matter m;
	struct decision_rule rule;
	struct matter_result res;
	struct matter_standing st;
	enum app_err e = matter_get(a, c, cv->matter_id, &m);
	if (!e)
		e = matter_outcome(a, c, &m, now, &rule, &res);
	if (!e)
		e = matter_standing_get(a, c, &m, &res, &st);
	if (e || (st.act && !strcmp(st.act, act)))
		return e;
	return matter_act(db, cv->matter_id, act, reason, u, now, pr);
}

/* The comment period of Art. 9 through the consultation module: a published
 * consultation on a convention's draft at this village, of at least the
 * decree's days, opened after the drafting team was formed; its text and its
 * days become the convention's, and the convention points to it. */
static enum app_err through_consultation(struct arena *a, struct dbc *c, const struct convention *cv, const char *typed,
					 int64_t team_day, struct step_job *j, struct problems *pr)
{
	char *end = NULL;
	long long id = strtoll(typed, &end, 10);
	struct consultation k;
	enum app_err e = id > 0 && end && !*end ? consult_get(a, c, id, &k) : APP_ENOTFOUND;
	if (e && e != APP_ENOTFOUND)
		return e;
	if (e || k.unit.id != cv->village.id) {
		problems_add(pr, "consultation", msg(MSG_CV_CONSULT_NOT_HERE));
		return APP_OK;
	}
	if (strcmp(k.subject, "convention"))
		problems_add(pr, "consultation", msg(MSG_CV_CONSULT_SUBJECT));
	else if (k.status == CNS_DRAFT)
		problems_add(pr, "consultation", msg(MSG_CV_CONSULT_UNPUBLISHED));
	else if (k.closes_day - k.opens_day < CONVENTION_COMMENT_DAYS) /* Art. 9(1) */
		problems_add(pr, "consultation", arena_printf(a, "%s %d %s (%lld). %s", msg(MSG_CV_SHORT_COMMENTS),
							   CONVENTION_COMMENT_DAYS, msg(MSG_CV_DAYS),
							   (long long)(k.closes_day - k.opens_day), msg(MSG_CV_ART9)));
	else if (k.opens_day < team_day)
		problems_add(pr, "consultation", msg(MSG_CV_BEFORE_TEAM));
	if (pr->n)
		return APP_OK;
	struct draft d;
	if ((e = consult_draft(a, c, k.id, k.version, &d)))
		return e;
	j->stage = CV_CONSULTING, j->set = STMT_CV_SET_DRAFT, j->t1 = draft_text(a, &d);
	j->i1 = k.opens_day, j->i2 = k.closes_day, j->i3 = k.id, j->day = k.opens_day;
	j->note = arena_printf(a, "/consultations/%lld", (long long)k.id);
	return APP_OK;
}

enum app_err convention_step(struct db *db, const struct user *u, int64_t id, enum convention_step step,
			     const struct convention_fields *f, int64_t now, struct problems *pr)
{
	struct arena *a = pr->a;
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct convention cv;
	if ((e = convention_get(a, c, id, &cv)))
		return e;
	if (step == CS_PROPOSE || step >= CS__N) {
		problems_add(pr, "", msg(MSG_CV_BAD_STEP));
		return APP_EINVAL;
	}
	if (!conventions_may(u, &cv.village, step)) {
		problems_add(pr, "", msg(convention_step_communes(step) ? MSG_CV_WHO_COMMUNE : MSG_CV_WHO_VILLAGE));
		return APP_EFORBID;
	}
	struct convention_event *h;
	size_t nh;
	struct cal_table hol = {0};
	if ((e = convention_history(a, c, id, &h, &nh)) || (e = holidays_load(c, &hol)))
		return e;
	int64_t today = cal_today((time_t)now);
	size_t before = pr->n;
	struct step_job j = {.u = u, .cv = &cv, .step = step, .stage = cv.stage, .set = STMT_CV_SET_STAGE, .now = now};
	bool dayok = step == CS_CONSULT || step == CS_ADOPT || day_field(pr, "day", f->day, today, &j.day);
	static const enum convention_stage from[CS__N] = {
		[CS_TEAM] = CV_PROPOSED,	[CS_CONSULT] = CV_DRAFTING, [CS_ADOPT] = CV_CONSULTING, [CS_SEND] = CV_ADOPTED,
		[CS_RECOGNISE] = CV_SENT,	[CS_REFUSE] = CV_SENT,	    [CS_DISTRIBUTE] = CV_RECOGNISED,
		[CS_PUBLISH] = CV_RECOGNISED, [CS_REVIEW] = CV_RECOGNISED, [CS_SUSPEND] = CV_RECOGNISED,
		[CS_ANNUL] = CV_RECOGNISED};
	bool stage_ok = cv.stage == from[step] || (step == CS_ANNUL && cv.stage == CV_SUSPENDED) ||
			(step == CS_REVIEW && cv.stage == CV_SUSPENDED);
	if (!stage_ok) {
		problems_add(pr, "", arena_printf(a, "%s «%s».", msg(MSG_CV_WRONG_STAGE), msg(convention_stage_labels[cv.stage])));
		free(hol.a);
		return APP_ECONFLICT;
	}
	switch (step) {
	case CS_TEAM:
		if (text_field(pr, "team", f->team, 3, 5000, MSG_CV_BAD_TEAM))
			j.t1 = f->team;
		j.stage = CV_DRAFTING, j.set = STMT_CV_SET_TEAM, j.note = f->team;
		break;
	case CS_CONSULT: {
		if (f->consultation && *f->consultation) {
			if ((e = through_consultation(a, c, &cv, f->consultation, last_day(h, nh, "team"), &j, pr))) {
				free(hol.a);
				return e;
			}
			break;
		}
		text_field(pr, "draft", f->draft, 20, 100000, MSG_CV_BAD_DRAFT);
		int64_t d0 = 0, d1 = 0;
		bool ok0 = f->comment_from && cal_parse_date(f->comment_from, &d0), ok1 = f->comment_to && cal_parse_date(f->comment_to, &d1);
		if (!ok0)
			problems_add(pr, "comment_from", msg(MSG_CV_BAD_DAY));
		else if (d0 > today)
			problems_add(pr, "comment_from", msg(MSG_CV_FUTURE));
		if (!ok1)
			problems_add(pr, "comment_to", msg(MSG_CV_BAD_DAY));
		/* Art. 9(1): posted for comments not less than 30 days */
		if (ok0 && ok1 && d1 - d0 < CONVENTION_COMMENT_DAYS)
			problems_add(pr, "comment_to", arena_printf(a, "%s %d %s (%lld). %s", msg(MSG_CV_SHORT_COMMENTS),
								     CONVENTION_COMMENT_DAYS, msg(MSG_CV_DAYS), (long long)(d1 - d0),
								     msg(MSG_CV_ART9)));
		if (ok0 && d0 < last_day(h, nh, "team"))
			problems_add(pr, "comment_from", msg(MSG_CV_BEFORE_TEAM));
		j.stage = CV_CONSULTING, j.set = STMT_CV_SET_DRAFT, j.t1 = f->draft, j.i1 = d0, j.i2 = d1, j.day = d0;
		j.note = arena_printf(a, "%s–%s", f->comment_from ? f->comment_from : "", f->comment_to ? f->comment_to : "");
		break;
	}
	case CS_ADOPT: {
		int64_t matter = 0, adopted = 0;
		if ((e = check_adoption(a, c, &cv, f->matter, now, &matter, &adopted, pr))) {
			free(hol.a);
			return e;
		}
		j.stage = CV_ADOPTED, j.set = STMT_CV_SET_ADOPTED, j.i1 = matter, j.i2 = adopted, j.day = adopted;
		j.note = arena_printf(a, "/matters/%lld", (long long)matter);
		break;
	}
	case CS_SEND:
		/* Art. 11(3)(a): within 5 working days of the meeting or the close of balloting */
		j.due = cal_add_working_days(&hol, cv.adopted_on, CONVENTION_SEND_WD);
		if (dayok && j.day < cv.adopted_on)
			problems_add(pr, "day", msg(MSG_CV_BEFORE_PREVIOUS));
		j.stage = CV_SENT, j.set = STMT_CV_SET_SENT, j.i1 = j.day;
		break;
	case CS_RECOGNISE:
	case CS_REFUSE:
		/* Art. 11(5): recognised, or refused in writing with reasons, within 5 working days of the file */
		j.due = cal_add_working_days(&hol, cv.sent_on, CONVENTION_RECOGNISE_WD);
		if (dayok && j.day <= cv.comment_to) {
			char d[11];
			cal_format_vn(cv.comment_to, d);
			problems_add(pr, "day", arena_printf(a, "%s %s. %s", msg(MSG_CV_RECOGNISED_EARLY), d, msg(MSG_CV_ART9)));
		} else if (dayok && j.day < cv.sent_on) {
			problems_add(pr, "day", msg(MSG_CV_BEFORE_PREVIOUS));
		}
		if (step == CS_RECOGNISE) {
			text_field(pr, "decision", f->decision, 1, 100, MSG_CV_BAD_DECISION);
			j.stage = CV_RECOGNISED, j.set = STMT_CV_SET_RECOGNISED, j.i1 = j.day, j.t1 = f->decision;
			j.note = f->decision, j.replaces = cv.parent_id;
		} else {
			text_field(pr, "reason", f->reason, 10, 2000, MSG_CV_BAD_REASON);
			j.stage = CV_REFUSED, j.note = f->reason;
		}
		break;
	case CS_DISTRIBUTE:
		if (has_step(h, nh, "distribute", 0))
			problems_add(pr, "", msg(MSG_CV_TWICE));
		/* Art. 18(1)(a): to the village head and the commune's Front within 2 working days */
		j.due = cal_add_working_days(&hol, cv.recognised_on, CONVENTION_DISTRIBUTE_WD);
		if (dayok && j.day < cv.recognised_on)
			problems_add(pr, "day", msg(MSG_CV_BEFORE_PREVIOUS));
		break;
	case CS_PUBLISH: {
		/* Art. 15(1): at the cultural house and at least one other way */
		bool house = false;
		int others = 0;
		char *list = arena_strdup(a, f->channels ? f->channels : "");
		for (char *save = NULL, *t = strtok_r(list, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
			int k = index_of(convention_channels, CONVENTION_NCHANNELS, t);
			if (k < 0) {
				problems_add(pr, "channels", msg(MSG_CV_BAD_CHANNEL));
				break;
			}
			house |= k == 0, others += k != 0;
		}
		if (!house || !others)
			problems_add(pr, "channels", arena_printf(a, "%s %s", msg(MSG_CV_CHANNELS_RULE), msg(MSG_CV_ART15)));
		if (dayok && j.day < cv.recognised_on)
			problems_add(pr, "day", msg(MSG_CV_BEFORE_PREVIOUS));
		j.set = STMT_CV_SET_CHANNELS, j.t1 = f->channels;
		break;
	}
	case CS_REVIEW: {
		text_field(pr, "outcome", f->outcome, 5, 2000, MSG_CV_BAD_OUTCOME);
		int y, m, d;
		cal_civil_from_days(j.day, &y, &m, &d);
		if (dayok && has_step(h, nh, "review", y))
			problems_add(pr, "day", msg(MSG_CV_REVIEWED_YEAR));
		/* Art. 15(4): every year, on 18 November or another day the community agrees */
		j.due = cal_days_from_civil(y, 11, 18);
		j.note = f->outcome;
		break;
	}
	case CS_SUSPEND:
	case CS_ANNUL: {
		bool full = str_eq(f->extent, "full");
		if (!full && !str_eq(f->extent, "part"))
			problems_add(pr, "extent", msg(MSG_CV_BAD_EXTENT));
		text_field(pr, "reason", f->reason, 10, 2000, MSG_CV_BAD_REASON);
		int64_t grounds = 0;
		if (day_field(pr, "complaint_on", f->complaint_on, today, &grounds) && dayok && grounds > j.day)
			problems_add(pr, "complaint_on", msg(MSG_CV_BEFORE_PREVIOUS));
		/* Art. 12: within 3 working days of the complaint or the review's finding; Art. 14: 5 */
		j.due = cal_add_working_days(&hol, grounds, step == CS_SUSPEND ? CONVENTION_SUSPEND_WD : CONVENTION_ANNUL_WD);
		j.stage = step == CS_SUSPEND ? CV_SUSPENDED : CV_ANNULLED;
		j.note = arena_printf(a, "%s: %s", msg(full ? MSG_CV_FULL : MSG_CV_PART), f->reason ? f->reason : "");
		break;
	}
	default:
		break;
	}
	free(hol.a);
	if (pr->n > before)
		return APP_EINVAL;
	/* the commune's act on the adopting vote, in the decisions module too */
	if (step == CS_RECOGNISE || step == CS_REFUSE || step == CS_ANNUL) {
		const char *act = step == CS_RECOGNISE ? "recognised" : step == CS_REFUSE ? "refused" : "annulled";
		if ((e = matter_agrees(db, a, c, &cv, act, step == CS_RECOGNISE ? "" : f->reason, u, now, pr)))
			return e;
	}
	return db_write(db, step_fn, &j);
}

enum app_err convention_next(struct dbc *c, const struct convention *cv, int64_t today, struct convention_next *out)
{
	*out = (struct convention_next){.step = CS__N};
	struct arena a;
	arena_init(&a);
	struct convention_event *h;
	size_t nh;
	struct cal_table hol = {0};
	enum app_err e = convention_history(&a, c, cv->id, &h, &nh);
	if (!e)
		e = holidays_load(c, &hol);
	if (!e) {
		int y, m, d;
		cal_civil_from_days(today, &y, &m, &d);
		switch (cv->stage) {
		case CV_PROPOSED:
			out->step = CS_TEAM;
			break;
		case CV_DRAFTING:
			out->step = CS_CONSULT;
			break;
		case CV_CONSULTING:
			out->step = CS_ADOPT;
			out->due = cv->comment_to + 1; /* not before the comments are in */
			break;
		case CV_ADOPTED:
			out->step = CS_SEND, out->due = cal_add_working_days(&hol, cv->adopted_on, CONVENTION_SEND_WD);
			break;
		case CV_SENT:
			out->step = CS_RECOGNISE, out->due = cal_add_working_days(&hol, cv->sent_on, CONVENTION_RECOGNISE_WD);
			break;
		case CV_RECOGNISED:
			if (!has_step(h, nh, "distribute", 0))
				out->step = CS_DISTRIBUTE,
				out->due = cal_add_working_days(&hol, cv->recognised_on, CONVENTION_DISTRIBUTE_WD);
			else if (!has_step(h, nh, "publish", 0))
				out->step = CS_PUBLISH;
			else if (!has_step(h, nh, "review", y)) {
				/* Art. 15(4): reviewed every year on 18 November; one recognised after it, from the next year */
				out->step = CS_REVIEW, out->due = cal_days_from_civil(y, 11, 18);
				if (cv->recognised_on >= out->due)
					out->due = cal_days_from_civil(y + 1, 11, 18);
			}
			break;
		default:
			break;
		}
		out->late = out->due && out->step != CS_ADOPT && today > out->due;
	}
	free(hol.a);
	arena_free(&a);
	return e;
}

/* ---- the target and the report ---- */

enum app_err conventions_indicator_reviewed(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					    int64_t to, int64_t now, struct indicator_value *out)
{
	(void)now;
	struct convention *v;
	size_t n;
	enum app_err e = conventions_under(a, c, u, &v, &n);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_CV_STEPS_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	int64_t *reviewed = NULL;
	size_t nr = 0, cap = 0;
	bool row;
	while (!(e = db_step(s, &row)) && row)
		if (!strcmp(db_col_text(s, 1), "review")) {
			reviewed = arena_grow(a, reviewed, nr, &cap, sizeof *reviewed);
			reviewed[nr++] = db_col_i64(s, 0);
		}
	db_reset(s);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		if (v[i].stage != CV_RECOGNISED && v[i].stage != CV_SUSPENDED)
			continue;
		bool done = false;
		for (size_t k = 0; k < nr && !done; k++)
			done = reviewed[k] == v[i].id;
		out->den++;
		out->num += done;
		indicator_record_add(a, out, arena_printf(a, "/conventions/%lld", (long long)v[i].id),
				     arena_printf(a, "%s — %s", v[i].village.title, v[i].title), done);
	}
	return APP_OK;
}

enum app_err conventions_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
				struct report *out)
{
	(void)now;
	struct db_stmt *s = dbc_stmt(c, STMT_CV_STEPS_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, cal_days_from_civil(year, 1, 1));
	db_bind_i64(s, 4, cal_days_from_civil(year + 1, 1, 1));
	/* Art. 16(3): recognised; not recognised; amended, supplemented or replaced; suspended or annulled */
	int64_t proposed = 0, adopted = 0, recognised = 0, refused = 0, amended = 0, suspended = 0, annulled = 0,
		reviewed = 0;
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		const char *st = db_col_text(s, 1);
		bool amends = db_col_i64(s, 3) != 0;
		proposed += !strcmp(st, "propose");
		adopted += !strcmp(st, "adopt");
		recognised += !strcmp(st, "recognise") && !amends;
		amended += !strcmp(st, "recognise") && amends;
		refused += !strcmp(st, "refuse");
		suspended += !strcmp(st, "suspend");
		annulled += !strcmp(st, "annul");
		reviewed += !strcmp(st, "review");
	}
	db_reset(s);
	if (e)
		return e;
	struct report_section *sec = report_section_add(out, msg(MSG_CV_RP_TITLE));
	report_para(out, sec, "%s", msg(MSG_CV_RP_LEAD));
	static const double w[2] = {60, 15};
	static const bool num[2] = {false, true};
	const char **head = arena_alloc(a, 2 * sizeof *head);
	head[0] = msg(MSG_CV_RP_FIGURE), head[1] = msg(MSG_CV_RP_NUMBER);
	const enum msg_id rows[8] = {MSG_CV_RP_PROPOSED, MSG_CV_RP_ADOPTED,  MSG_CV_RP_RECOGNISED, MSG_CV_RP_REFUSED,
				     MSG_CV_RP_AMENDED,  MSG_CV_RP_SUSPENDED, MSG_CV_RP_ANNULLED,  MSG_CV_RP_REVIEWED};
	const int64_t vals[8] = {proposed, adopted, recognised, refused, amended, suspended, annulled, reviewed};
	const char **cell = report_table_add(out, sec, msg(MSG_CV_RP_SHEET), 2, head, w, num, 8);
	for (int k = 0; k < 8; k++) {
		cell[k * 2] = msg(rows[k]);
		cell[k * 2 + 1] = arena_printf(a, "%lld", (long long)vals[k]);
	}
	return APP_OK;
}
