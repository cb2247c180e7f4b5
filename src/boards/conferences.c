/*
 * conferences.c — where units answer to their people: a village's annual
 * community conference (Law 10/2022 Art. 33; Decree 59/2023 Arts. 10-11:
 * the plan agreed with the commune, the Front and the inspection board;
 * notice to households at least 5 days ahead; the nine-step agenda; the
 * written report to the commune), the commune's yearly dialogue (Art.
 * 32(1)), an agency's staff conference (Art. 51: within 3 months after the
 * year, quorum 2/3, resolutions by more than half of those attending) and
 * its six-monthly review (Art. 52(3)), an enterprise's worker conference
 * (Art. 69) and an employer's workplace dialogue (Labour Code Art. 63;
 * Decree 145/2020 Art. 39: content exchanged 5 working days ahead). Each
 * with its questions and answers, resolutions and follow-up tasks.
 */
#include "oversight.h"
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../notify/notify.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const conf_kind_names[CF__N] = {"village", "dialogue", "staff", "workplace", "worker", "review"};
const enum msg_id conf_kind_labels[CF__N] = {MSG_OV_CF_VILLAGE, MSG_OV_CF_DIALOGUE, MSG_OV_CF_STAFF,
					     MSG_OV_CF_WORKPLACE, MSG_OV_CF_WORKER, MSG_OV_CF_REVIEW};
const enum msg_id conf_village_agenda[9] = {MSG_OV_AG_1, MSG_OV_AG_2, MSG_OV_AG_3, MSG_OV_AG_4, MSG_OV_AG_5,
					    MSG_OV_AG_6, MSG_OV_AG_7, MSG_OV_AG_8, MSG_OV_AG_9};

bool conf_needs_quorum(enum conf_kind k)
{
	return k == CF_STAFF || k == CF_WORKER;
}

bool conf_quorum(int64_t attended, int64_t summoned, int64_t day)
{
	return summoned > 0 && attended * 3 >= summoned * ov_rule(OR_QUORUM_THIRDS, day);
}

bool conf_adopts(int64_t votes_for, int64_t attended)
{
	return votes_for * 2 > attended;
}

/* Whether a kind of conference is held at a kind of unit. */
static bool fits(enum conf_kind k, const char *unit_kind)
{
	switch (k) {
	case CF_VILLAGE:
		return units_kind_is_village(unit_kind);
	case CF_DIALOGUE:
		return units_kind_is_commune_level(unit_kind);
	default:
		return ov_agency_unit(unit_kind);
	}
}

static void conf_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct conference *f = out;
	const char *kind;
	db_cols(s, a, 0, DB_COL(&f->id), DB_COL(&f->year), DB_COL(&f->starts_at), DB_COL(&f->notice_day), DB_COL(&f->agreed_day),
		DB_COL(&f->summoned), DB_COL(&f->attended), DB_COL(&f->report_day), DB_COL(&f->created_at), DB_COL(&kind),
		DB_COL(&f->title), DB_COL(&f->place), DB_COL(&f->status), DB_COL(&f->minutes), DB_COL(&f->change_reason),
		DB_COL(&f->sequence));
	int k = ov_name_index(conf_kind_names, CF__N, kind);
	f->kind = k < 0 ? CF_VILLAGE : (enum conf_kind)k;
	units_read_at(a, s, 16, &f->unit);
}

enum app_err conference_get(struct arena *a, struct dbc *c, int64_t id, struct conference *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, conf_read, out);
}

enum app_err conferences_of(struct arena *a, struct dbc *c, const struct unit *unit, bool subtree, struct conference **out,
			    size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, subtree ? STMT_OV_CONFS_UNDER : STMT_OV_CONFS_OF);
	if (subtree)
		db_bind_subtree(s, 1, 2, unit->path);
	else
		db_bind_i64(s, 1, unit->id);
	return db_get_rows(s, a, conf_read, sizeof **out, (void **)out, n);
}

static void item_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct conf_item *i = out;
	db_cols(s, a, 0, DB_COL(&i->id), DB_COL(&i->votes_for), DB_COL(&i->owner_id), DB_COL(&i->due_day), DB_COL(&i->done_day),
		DB_COL(&i->at), DB_COL(&i->kind), DB_COL(&i->text), DB_COL(&i->who), DB_COL(&i->answer), DB_COL(&i->owner),
		DB_COL(&i->adopted));
}

enum app_err conf_items(struct arena *a, struct dbc *c, int64_t id, struct conf_item **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_ITEMS);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, item_read, sizeof **out, (void **)out, n);
}

static bool text_ok(struct problems *pr, const char *field, const char *v, size_t lo, size_t hi)
{
	size_t n = v ? str_utf8_len(v) : 0;
	if (n < lo || n > hi) {
		problems_add(pr, field, arena_printf(pr->a, "%s %zu–%zu %s", msg(MSG_OV_TEXT_LEN), lo, hi, msg(MSG_OV_CHARS)));
		return false;
	}
	return true;
}

struct conf_job {
	const struct user *u;
	const struct unit *unit;
	const char *kind, *title, *place, *event, *reason;
	int64_t year, starts, notice, agreed, summoned, now, id;
	int64_t was, changes; /* a change: the start before it, the how-manieth */
	const char **agenda;
	size_t nagenda;
	/* held */
	int64_t attended, report;
	const char *minutes;
	/* items */
	const struct conf_item *item;
	int step;
};

static enum app_err conf_event(struct dbc *c, const struct conf_job *j, const char *payload)
{
	struct event ev = {.actor = j->u->id, .on_behalf = j->u->assist_resident, .unit = j->unit->id, .kind = j->event,
			   .about = "conference", .about_id = j->id, .public = true, .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

/* A village conference's notice (or its change) to every household of the
 * village (Decree 59 Art. 10); nothing for other kinds. */
static enum app_err tell_households(struct dbc *c, const struct conf_job *j, const char *kind)
{
	if (strcmp(j->kind, "village"))
		return APP_OK;
	char subject[40], href[40], when[20];
	snprintf(subject, sizeof subject, "conference:%lld", (long long)j->id);
	snprintf(href, sizeof href, "/conferences/%lld", (long long)j->id);
	cal_format_time_vn((time_t)j->starts, when);
	const struct notify_param p[] = {{"title", j->title}, {"unit", j->unit->title}, {"when", when}, {"place", j->place},
					 {"reason", j->reason ? j->reason : ""}};
	struct notify_msg m = {.kind = kind, .subject = subject, .href = href, .params = p, .nparams = j->reason ? 5 : 4};
	char once[24];
	if (j->changes > 1) { /* a second change is told again */
		snprintf(once, sizeof once, "#%lld", (long long)j->changes);
		m.once = once;
	}
	return notify_households(c, j->unit->id, &m, false, j->now);
}

static enum app_err conf_fn(struct dbc *c, void *arg)
{
	struct conf_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_INSERT);
	db_bind_i64(s, 1, j->unit->id);
	db_bind_text(s, 2, j->kind);
	db_bind_i64(s, 3, j->year);
	db_bind_text(s, 4, j->title);
	db_bind_i64(s, 5, j->starts);
	db_bind_text(s, 6, j->place);
	db_bind_i64(s, 7, j->notice);
	db_bind_i64(s, 8, j->agreed);
	db_bind_i64(s, 9, j->summoned);
	db_bind_i64(s, 10, j->u->id);
	db_bind_i64(s, 11, j->now);
	enum app_err e;
	j->id = db_one_i64(s, 0, &e);
	for (size_t i = 0; !e && i < j->nagenda; i++)
		e = db_run(c, STMT_OV_CONF_ITEM_INSERT, "ittttiitii", j->id, "agenda", j->agenda[i], "", "", (int64_t)0,
			   (int64_t)0, NULL, (int64_t)0, j->now);
	if (e || (e = tell_households(c, j, "conference.notice")))
		return e;
	char payload[160];
	snprintf(payload, sizeof payload, "{\"kind\":\"%s\",\"year\":%lld,\"starts_at\":%lld}", j->kind, (long long)j->year,
		 (long long)j->starts);
	return conf_event(c, j, payload);
}

/* The notice a kind of conference needs before it starts on sday: a village's
 * households told 5 days ahead (Decree 59 Art. 10), a workplace dialogue's
 * content exchanged 5 working days ahead (Decree 145/2020 Art. 39); none in
 * the past. Problems on "starts". */
static enum app_err notice_rules(struct dbc *c, int k, int64_t notice, int64_t sday, int64_t today, struct problems *pr)
{
	int64_t earliest = sday;
	enum ov_rule rule = OR_VILLAGE_NOTICE_DAYS;
	if (k == CF_VILLAGE) {
		earliest = notice + ov_rule(OR_VILLAGE_NOTICE_DAYS, notice);
	} else if (k == CF_WORKPLACE) {
		struct cal_table hol;
		enum app_err e = holidays_load(c, &hol);
		if (e)
			return e;
		rule = OR_EXCHANGE_WD;
		earliest = cal_add_working_days(&hol, notice, (int)ov_rule(OR_EXCHANGE_WD, notice));
		free(hol.a);
	}
	if (sday < earliest) {
		char dd[11];
		cal_format_vn(earliest, dd);
		problems_add(pr, "starts", arena_printf(pr->a, "%s %s (%s).", msg(rule == OR_EXCHANGE_WD ? MSG_OV_EXCHANGE_LATE : MSG_OV_NOTICE_LATE),
							dd, ov_rule_cite(rule, notice)));
	}
	if (sday < today)
		problems_add(pr, "starts", msg(MSG_OV_PAST));
	return APP_OK;
}

enum app_err conference_create(struct db *db, const struct user *u, const struct unit *unit,
			       const struct conference_input *in, int64_t now, int64_t *id, struct problems *pr)
{
	struct arena *a = pr->a;
	if (!ov_may_convene(u, unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONVENES));
		return APP_EFORBID;
	}
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct conf_job j = {.u = u, .unit = unit, .event = "conference.schedule", .now = now};
	size_t before = pr->n;
	int k = ov_name_index(conf_kind_names, CF__N, in->kind);
	if (k < 0 || !fits((enum conf_kind)k, unit->kind)) {
		problems_add(pr, "kind", msg(MSG_OV_BAD_CONF_KIND));
		k = -1;
	}
	j.kind = k < 0 ? "" : conf_kind_names[k];
	j.title = ov_text(a, in->title);
	j.place = ov_text(a, in->place);
	text_ok(pr, "title", j.title, 5, 300);
	text_ok(pr, "place", j.place, 3, 300);
	int64_t today = cal_today((time_t)now);
	int y, m, d;
	cal_civil_from_days(today, &y, &m, &d);
	if (!in->year || str_to_i64(in->year, 2023, y + 1, &j.year))
		problems_add(pr, "year", msg(MSG_OV_BAD_YEAR));
	bool s_ok = in->starts && cal_parse_datetime(in->starts, &j.starts);
	if (!s_ok)
		problems_add(pr, "starts", msg(MSG_OV_BAD_DATETIME));
	int64_t sday = s_ok ? cal_today((time_t)j.starts) : 0;
	if (!in->notice || !*in->notice)
		j.notice = today;
	else if (!cal_parse_date(in->notice, &j.notice))
		problems_add(pr, "notice", msg(MSG_OV_BAD_DATE));
	if (j.notice > today)
		problems_add(pr, "notice", msg(MSG_OV_FUTURE));
	if (in->summoned && *in->summoned && str_to_i64(in->summoned, 0, 1000000, &j.summoned))
		problems_add(pr, "summoned", msg(MSG_OV_BAD_SUMMONED));
	if (k == CF_STAFF || k == CF_WORKER) {
		if (!j.summoned)
			j.summoned = unit_staff(c, unit->id);
		if (!j.summoned)
			problems_add(pr, "summoned", msg(MSG_OV_BAD_SUMMONED));
	}
	if (k == CF_VILLAGE && (!in->agreed || !cal_parse_date(in->agreed, &j.agreed) || j.agreed > today))
		/* the plan agreed with the commune, the Front and the board */
		problems_add(pr, "agreed", arena_printf(a, "%s (%s).", msg(MSG_OV_PLAN_AGREED), msg(MSG_OV_CITE_VILLAGE_CONF)));
	if (s_ok && (e = notice_rules(c, k, j.notice, sday, today, pr)))
		return e;
	/* the agenda: the nine steps of a village's conference, or lines as typed */
	const char *agenda = ov_text(a, in->agenda);
	if (k == CF_VILLAGE && !*agenda) {
		j.agenda = arena_alloc(a, 9 * sizeof *j.agenda);
		for (int i = 0; i < 9; i++)
			j.agenda[j.nagenda++] = msg(conf_village_agenda[i]);
	} else {
		size_t cap = 0;
		char *copy = arena_strdup(a, agenda);
		for (char *l = strtok(copy, "\n"); l; l = strtok(NULL, "\n")) {
			const char *t = ov_text(a, l);
			if (!*t)
				continue;
			if (str_utf8_len(t) > 500)
				problems_add(pr, "agenda", msg(MSG_OV_BAD_AGENDA));
			j.agenda = arena_grow(a, j.agenda, j.nagenda, &cap, sizeof *j.agenda);
			j.agenda[j.nagenda++] = t;
		}
		if (!j.nagenda || j.nagenda > 30)
			problems_add(pr, "agenda", msg(MSG_OV_BAD_AGENDA));
	}
	if (pr->n > before)
		return APP_EINVAL;
	if ((e = db_write(db, conf_fn, &j)))
		return e;
	if (id)
		*id = j.id;
	return APP_OK;
}

/* The conference of an act and whether u convenes it. */
static enum app_err conf_for(struct db *db, const struct user *u, int64_t id, struct conference *f, struct dbc **c,
			     struct problems *pr)
{
	enum app_err e = db_conn(db, c);
	if (e || (e = conference_get(pr->a, *c, id, f)))
		return e;
	if (!ov_may_convene(u, &f->unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONVENES));
		return APP_EFORBID;
	}
	return APP_OK;
}

static enum app_err held_fn(struct dbc *c, void *arg)
{
	struct conf_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_HELD);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, j->attended);
	db_bind_text(s, 3, j->minutes);
	db_bind_i64(s, 4, j->report);
	enum app_err e;
	if (!db_one_i64(s, 0, &e))
		return e ? e : APP_ECONFLICT;
	char payload[120];
	snprintf(payload, sizeof payload, "{\"attended\":%lld,\"summoned\":%lld,\"quorum\":%s}", (long long)j->attended,
		 (long long)j->summoned, j->step ? "true" : "false");
	return conf_event(c, j, payload);
}

enum app_err conference_held(struct db *db, const struct user *u, int64_t id, const char *attended, const char *minutes,
			     const char *report_day, int64_t now, struct problems *pr)
{
	struct conference f;
	struct dbc *c;
	enum app_err e = conf_for(db, u, id, &f, &c, pr);
	if (e)
		return e;
	struct conf_job j = {.u = u, .unit = &f.unit, .event = "conference.held", .now = now, .id = id, .summoned = f.summoned};
	size_t before = pr->n;
	if (strcmp(f.status, "planned"))
		problems_add(pr, "", msg(strcmp(f.status, "held") ? MSG_OV_CONF_NOT_PLANNED : MSG_OV_CONF_HELD_ALREADY));
	if (now < f.starts_at)
		problems_add(pr, "", msg(MSG_OV_CONF_NOT_YET));
	if (!attended || str_to_i64(attended, 0, 1000000, &j.attended) || (f.summoned && j.attended > f.summoned))
		problems_add(pr, "attended", msg(MSG_OV_BAD_ATTENDED));
	j.minutes = ov_text(pr->a, minutes);
	text_ok(pr, "minutes", j.minutes, 10, 20000);
	if (report_day && *report_day) {
		if (!cal_parse_date(report_day, &j.report) || j.report < cal_today((time_t)f.starts_at) || j.report > cal_today((time_t)now))
			problems_add(pr, "report_day", msg(MSG_OV_BAD_DATE));
	}
	if (pr->n > before)
		return strcmp(f.status, "planned") ? APP_ECONFLICT : APP_EINVAL;
	j.step = conf_quorum(j.attended, f.summoned, cal_today((time_t)now));
	return db_write(db, held_fn, &j);
}

static enum app_err change_fn(struct dbc *c, void *arg)
{
	struct conf_job *j = arg;
	bool cancel = !strcmp(j->event, "conference.cancelled");
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_CHANGE);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, j->starts);
	db_bind_text(s, 3, j->place);
	db_bind_i64(s, 4, j->notice);
	db_bind_text(s, 5, cancel ? "cancelled" : "planned");
	db_bind_text(s, 6, j->reason);
	enum app_err e;
	if (!db_one_i64(s, 0, &e))
		return e ? e : APP_ECONFLICT;
	if ((e = tell_households(c, j, j->event)))
		return e;
	json_t *o = json_pack("{s:I, s:I, s:s}", "was", (json_int_t)j->was, "starts_at", (json_int_t)j->starts, "reason", j->reason);
	char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	e = conf_event(c, j, payload);
	free(payload);
	return e;
}

enum app_err conference_change(struct db *db, const struct user *u, int64_t id, const char *starts, const char *place,
			       const char *reason, bool cancel, int64_t now, struct problems *pr)
{
	struct conference f;
	struct dbc *c;
	enum app_err e = conf_for(db, u, id, &f, &c, pr);
	if (e)
		return e;
	struct conf_job j = {.u = u, .unit = &f.unit, .kind = conf_kind_names[f.kind], .title = f.title, .now = now, .id = id,
			     .event = cancel ? "conference.cancelled" : "conference.rescheduled", .was = f.starts_at,
			     .starts = f.starts_at, .place = f.place, .notice = f.notice_day, .changes = f.sequence + 1};
	if (strcmp(f.status, "planned")) {
		problems_add(pr, "", msg(MSG_OV_CONF_NOT_PLANNED));
		return APP_ECONFLICT;
	}
	size_t before = pr->n;
	j.reason = ov_text(pr->a, reason);
	text_ok(pr, "reason", j.reason, 5, 1000);
	if (!cancel) {
		int64_t today = cal_today((time_t)now);
		if (!starts || !cal_parse_datetime(starts, &j.starts)) {
			problems_add(pr, "starts", msg(MSG_OV_BAD_DATETIME));
		} else if (j.starts == f.starts_at) {
			problems_add(pr, "starts", msg(MSG_OV_SAME_TIME));
		} else {
			/* a new time is a new notice: the same days ahead as the first (Decree 59 Art. 10) */
			j.notice = today;
			if ((e = notice_rules(c, (int)f.kind, today, cal_today((time_t)j.starts), today, pr)))
				return e;
		}
		if (place && *place) {
			j.place = ov_text(pr->a, place);
			text_ok(pr, "place", j.place, 3, 300);
		}
	}
	if (pr->n > before)
		return APP_EINVAL;
	return db_write(db, change_fn, &j);
}

static enum app_err item_fn(struct dbc *c, void *arg)
{
	struct conf_job *j = arg;
	const struct conf_item *i = j->item;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_ITEM_INSERT);
	db_bind_i64(s, 1, j->id);
	db_bind_text(s, 2, i->kind);
	db_bind_text(s, 3, i->text);
	db_bind_text(s, 4, i->who);
	db_bind_text(s, 5, i->answer);
	db_bind_i64(s, 6, i->votes_for);
	db_bind_i64(s, 7, i->adopted);
	db_bind_id(s, 8, i->owner_id);
	db_bind_i64(s, 9, i->due_day);
	db_bind_i64(s, 10, j->now);
	enum app_err e = db_exec(s);
	if (e)
		return e;
	char payload[120];
	snprintf(payload, sizeof payload, "{\"item\":\"%s\",\"votes_for\":%lld,\"adopted\":%s}", i->kind, (long long)i->votes_for,
		 i->adopted ? "true" : "false");
	return conf_event(c, j, payload);
}

enum app_err conf_item_add(struct db *db, const struct user *u, int64_t conference, const struct conf_item_input *in,
			   int64_t now, struct problems *pr)
{
	struct arena *a = pr->a;
	struct conference f;
	struct dbc *c;
	enum app_err e = conf_for(db, u, conference, &f, &c, pr);
	if (e)
		return e;
	struct conf_item it = {0};
	struct conf_job j = {.u = u, .unit = &f.unit, .now = now, .id = conference, .item = &it};
	size_t before = pr->n;
	static const char *const kinds[] = {"question", "resolution", "task"};
	it.kind = NULL;
	for (int k = 0; k < 3; k++)
		if (str_eq(in->kind, kinds[k]))
			it.kind = kinds[k];
	if (!it.kind) {
		problems_add(pr, "kind", msg(MSG_OV_BAD_ITEM));
		return APP_EINVAL;
	}
	j.event = arena_printf(a, "conference.%s", it.kind);
	it.text = ov_text(a, in->text);
	it.who = ov_text(a, in->who);
	it.answer = ov_text(a, in->answer);
	text_ok(pr, "text", it.text, 3, 4000);
	text_ok(pr, "who", it.who, 0, 200);
	text_ok(pr, "answer", it.answer, 0, 8000);
	bool held = !strcmp(f.status, "held");
	if (!strcmp(it.kind, "resolution")) {
		/* adopted at the conference: a quorum present (at least 2/3), more than half of those attending */
		if (!held)
			problems_add(pr, "", msg(MSG_OV_CONF_NOT_HELD));
		else if (conf_needs_quorum(f.kind) && !conf_quorum(f.attended, f.summoned, cal_today((time_t)f.starts_at)))
			problems_add(pr, "votes_for", arena_printf(a, "%s %lld/%lld (%s).", msg(MSG_OV_NO_QUORUM), (long long)f.attended,
								  (long long)f.summoned, ov_rule_cite(OR_QUORUM_THIRDS, cal_today((time_t)f.starts_at))));
		if (!in->votes_for || str_to_i64(in->votes_for, 0, f.attended > 0 ? f.attended : 0, &it.votes_for))
			problems_add(pr, "votes_for", msg(MSG_OV_BAD_VOTES));
		it.adopted = conf_adopts(it.votes_for, f.attended);
	}
	if (!strcmp(it.kind, "task")) {
		if (!in->due || !cal_parse_date(in->due, &it.due_day) || it.due_day < cal_today((time_t)f.starts_at))
			problems_add(pr, "due", msg(MSG_OV_BAD_DATE));
		if (in->owner && *in->owner) {
			struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_NAME);
			db_bind_text(s, 1, in->owner);
			it.owner_id = db_one_i64(s, 0, &e);
			if (e)
				return e;
			if (!it.owner_id)
				problems_add(pr, "owner", msg(MSG_OV_BAD_USER));
		} else if (!*it.who) {
			problems_add(pr, "owner", msg(MSG_OV_BAD_OWNER));
		}
	}
	if (pr->n > before)
		return APP_EINVAL;
	return db_write(db, item_fn, &j);
}

static enum app_err done_fn(struct dbc *c, void *arg)
{
	struct conf_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_TASK_DONE);
	db_bind_i64(s, 1, j->summoned);
	db_bind_i64(s, 2, cal_today((time_t)j->now));
	enum app_err e;
	if (!db_one_i64(s, 0, &e))
		return e ? e : APP_ECONFLICT;
	return conf_event(c, j, "{\"item\":\"task_done\"}");
}

enum app_err conf_task_done(struct db *db, const struct user *u, int64_t item, int64_t now, struct problems *pr)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_TASK_CONF);
	db_bind_i64(s, 1, item);
	if ((e = db_row(s)))
		return e;
	int64_t conf = db_col_i64(s, 0), owner = db_col_i64(s, 1);
	db_reset(s);
	struct conference f;
	if ((e = conference_get(pr->a, c, conf, &f)))
		return e;
	/* the task's owner, or who convenes the conference */
	if (!u || (u->id != owner && !ov_may_convene(u, &f.unit))) {
		problems_add(pr, "", msg(MSG_OV_WHO_CONVENES));
		return APP_EFORBID;
	}
	struct conf_job j = {.u = u, .unit = &f.unit, .event = "conference.task_done", .now = now, .id = conf, .summoned = item};
	e = db_write(db, done_fn, &j);
	if (e == APP_ECONFLICT)
		problems_add(pr, "", msg(MSG_OV_TASK_DONE_ALREADY));
	return e;
}

static void unit_row(struct arena *a, struct db_stmt *s, void *out)
{
	units_read_at(a, s, 0, out);
}

enum app_err conf_overdue(struct arena *a, struct dbc *c, const struct unit *unit, int64_t day, struct conf_overdue **out,
			  size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	/* the last year's village conferences are late from 1 January; the staff
	 * and worker conferences from the day after the months the law gives */
	int64_t months = ov_rule(OR_STAFF_CONF_MONTHS, day);
	int64_t staff_due = cal_days_from_civil(y, 1 + (int)months, 1) - 1;
	static const struct {
		const char *k1, *k2, *c1, *c2;
		enum conf_kind kind;
	} q[] = {{"village", "residential_group", "village", "village", CF_VILLAGE},
		 {"agency", "public_unit", "staff", "staff", CF_STAFF},
		 {"employer", "employer", "worker", "staff", CF_WORKER}};
	for (size_t k = 0; k < sizeof q / sizeof *q; k++) {
		int64_t due = q[k].kind == CF_VILLAGE ? cal_days_from_civil(y, 1, 1) - 1 : staff_due;
		if (day <= due)
			continue;
		struct db_stmt *s = dbc_stmt(c, STMT_OV_CONF_MISSING);
		db_bind_subtree(s, 1, 2, unit->path);
		db_bind_text(s, 3, q[k].k1);
		db_bind_text(s, 4, q[k].k2);
		db_bind_text(s, 5, q[k].c1);
		db_bind_text(s, 6, q[k].c2);
		db_bind_i64(s, 7, y - 1);
		struct unit *us;
		size_t nu;
		enum app_err e = db_get_rows(s, a, unit_row, sizeof *us, (void **)&us, &nu);
		if (e)
			return e;
		for (size_t i = 0; i < nu; i++) {
			/* an agency with 7 staff or fewer holds it only if it chooses (Art. 51(2)) */
			if (q[k].kind != CF_VILLAGE && unit_staff(c, us[i].id) <= ov_rule(OR_AGENCY_NO_BOARD, day))
				continue;
			*out = arena_grow(a, *out, *n, &cap, sizeof **out);
			(*out)[(*n)++] = (struct conf_overdue){us[i], q[k].kind, y - 1, due};
		}
	}
	return APP_OK;
}

static void task_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct conf_task *t = out;
	db_cols(s, a, 0, DB_COL(&t->id), DB_COL(&t->conference_id), DB_COL(&t->due_day), DB_COL(&t->text), DB_COL(&t->title));
}

enum app_err conf_tasks_of(struct arena *a, struct dbc *c, int64_t user, struct conf_task **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_TASKS_OF);
	db_bind_i64(s, 1, user);
	return db_get_rows(s, a, task_read, sizeof **out, (void **)out, n);
}
