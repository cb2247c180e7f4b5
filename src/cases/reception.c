/*
 * reception.c — citizen reception (tiếp công dân; cases.h): the register of
 * visits with the columns of the official form, a visit that becomes a
 * case, refusals recorded, and the published reception schedule.
 */
#include "cases.h"
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const reception_kinds[4] = {"complaint", "denunciation", "petition", "reflection"};

static bool len_ok(const char *s, size_t min, size_t max)
{
	size_t n = s ? str_utf8_len(s) : 0;
	return n >= min && n <= max;
}

struct rec_job {
	const struct user *u;
	const struct unit *unit;
	const struct reception_input *in;
	int64_t day, people, now, id, notice_due;
	struct case_submit_job *cj; /* the case it becomes, or NULL */
};

static enum app_err rec_fn(struct dbc *c, void *arg)
{
	struct rec_job *j = arg;
	enum app_err e = APP_OK;
	if (j->cj)
		e = case_submit_write(c, j->cj);
	bool sealed = j->cj && j->cj->ident;
	const struct reception_input *in = j->in;
	struct db_stmt *s = dbc_stmt(c, STMT_RECEPTION_INSERT);
	int n = 1;
	db_bind_i64(s, n++, j->unit->id);
	db_bind_i64(s, n++, j->day);
	db_bind_text(s, n++, sealed ? "" : in->name);
	db_bind_text(s, n++, sealed ? "" : in->address ? in->address : "");
	db_bind_text(s, n++, sealed ? "" : in->id_number ? in->id_number : "");
	db_bind_text(s, n++, sealed ? "" : in->summary);
	db_bind_text(s, n++, in->kind);
	db_bind_i64(s, n++, j->people);
	db_bind_text(s, n++, in->handled_by ? in->handled_by : "");
	db_bind_i64(s, n++, in->in_competence);
	db_bind_text(s, n++, in->guidance ? in->guidance : "");
	db_bind_text(s, n++, in->accepted_by ? in->accepted_by : "");
	db_bind_text(s, n++, in->follow_up ? in->follow_up : "");
	db_bind_text(s, n++, in->notes ? in->notes : "");
	db_bind_i64(s, n++, in->refused);
	db_bind_i64(s, n++, j->cj ? j->cj->id : 0);
	db_bind_text(s, n++, in->received_by ? in->received_by : "");
	db_bind_i64(s, n++, j->u->id);
	db_bind_i64(s, n++, j->now);
	db_bind_i64(s, n++, j->notice_due);
	bool row;
	if (!e)
		e = db_step(s, &row);
	j->id = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e)
		return e;
	/* public: that the unit received citizens that day (who and about what stays in the register) */
	char payload[64];
	snprintf(payload, sizeof payload, "{\"day\":%lld,\"refused\":%s}", (long long)j->day, in->refused ? "true" : "false");
	struct event ev = {.actor = j->u->id, .unit = j->unit->id, .kind = "reception.add", .about = "reception",
			   .about_id = j->id, .public = true, .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

enum app_err reception_add(struct db *db, struct arena *a, const struct user *u, const struct unit *unit,
			   const struct reception_input *in, int64_t now, int64_t *id, const char **code,
			   struct problems *pr)
{
	if (!cases_may_handle(u, unit)) {
		problems_add(pr, "", msg(MSG_CASE_NOT_YOURS));
		return APP_EFORBID;
	}
	int64_t day = cal_today((time_t)now), people = 1;
	if (in->day && *in->day && (!cal_parse_date(in->day, &day) || day > cal_today((time_t)now)))
		problems_add(pr, "day", msg(MSG_CASE_BAD_DAY));
	if (!len_ok(in->name, 2, 100))
		problems_add(pr, "name", msg(MSG_CASE_BAD_NAME));
	if (!len_ok(in->summary, 5, 2000))
		problems_add(pr, "summary", msg(MSG_RC_BAD_SUMMARY));
	int k = case_name_index(reception_kinds, 4, in->kind);
	if (k < 0)
		problems_add(pr, "kind", msg(MSG_RC_BAD_KIND));
	if (in->people && *in->people && str_to_i64(in->people, 1, 10000, &people))
		problems_add(pr, "people", msg(MSG_RC_BAD_PEOPLE));
	const char *const opt[] = {in->address, in->handled_by, in->guidance, in->accepted_by, in->follow_up, in->notes,
				   in->received_by};
	const char *const names[] = {"address", "handled_by", "guidance", "accepted_by", "follow_up", "notes", "received_by"};
	for (size_t i = 0; i < ARRAY_SIZE(opt); i++)
		if (opt[i] && !len_ok(opt[i], 0, 1000))
			problems_add(pr, names[i], msg(MSG_RC_TOO_LONG));
	if (in->refused && !len_ok(in->notes, 5, 1000))
		problems_add(pr, "notes", msg(MSG_RC_REFUSAL_REASON));
	if (pr->n)
		return APP_EINVAL;
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct rec_job j = {.u = u, .unit = unit, .in = in, .day = day, .people = people, .now = now};
	if (in->refused) {
		/* a refusal is notified in writing within 3 working days (Decree 154/2026, reported: unconfirmed) */
		struct cal_table hol;
		if ((e = holidays_load(c, &hol)))
			return e;
		j.notice_due = cal_add_working_days(&hol, day, RECEPTION_REFUSAL_WD);
		free(hol.a);
	}
	/* a denunciation's visitor is protected: the register keeps no name, the sealed case does */
	if (!in->refused && (in->make_case || k == 1)) {
		struct case_input *ci = arena_alloc(a, sizeof *ci);
		*ci = (struct case_input){.kind = k == 0 ? "complaint" : k == 1 ? "denunciation" : "petition",
					  .channel = "reception",
					  .category = "khac",
					  .body = in->summary,
					  .name = in->name,
					  .address = in->address,
					  .id_number = in->id_number};
		if (k == 0) {
			char d[11];
			cal_format_iso(day, d);
			ci->act_date = arena_strdup(a, d); /* the register does not ask: the day of the visit */
		}
		size_t before = pr->n;
		case_check(a, c, u, unit, ci, pr);
		if (pr->n > before)
			return APP_EINVAL;
		j.cj = arena_alloc(a, sizeof *j.cj);
		*j.cj = (struct case_submit_job){.u = u, .unit = unit, .in = ci, .now = now};
		if ((e = case_submit_job_init(a, c, j.cj)))
			return e;
	}
	if ((e = db_write(db, rec_fn, &j)))
		return e;
	*id = j.id;
	*code = j.cj ? arena_strdup(a, j.cj->code) : NULL;
	return APP_OK;
}

static void entry_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct reception_entry *r = out;
	db_cols(s, a, 0, DB_COL(&r->id), DB_COL(&r->day), DB_COL(&r->name), DB_COL(&r->address), DB_COL(&r->id_number),
		DB_COL(&r->summary), DB_COL(&r->kind), DB_COL(&r->people), DB_COL(&r->handled_by),
		DB_COL(&r->in_competence), DB_COL(&r->guidance), DB_COL(&r->accepted_by), DB_COL(&r->follow_up),
		DB_COL(&r->notes), DB_COL(&r->refused), DB_COL(&r->case_id), DB_COL(&r->case_code), DB_COL(&r->received_by),
		DB_COL(&r->notice_due), DB_COL(&r->notified_day));
}

enum app_err reception_list(struct arena *a, struct dbc *c, const struct unit *unit, int64_t from, int64_t to,
			    struct reception_entry **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_RECEPTION_LIST);
	db_bind_i64(s, 1, unit->id);
	db_bind_i64(s, 2, from);
	db_bind_i64(s, 3, to);
	return db_get_rows(s, a, entry_read, sizeof **out, (void **)out, n);
}

enum app_err reception_notices_due(struct arena *a, struct dbc *c, int64_t unit, int limit, struct reception_entry **out,
				   size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_RECEPTION_NOTICES_DUE);
	db_bind_i64(s, 1, unit);
	db_bind_i64(s, 2, limit);
	return db_get_rows(s, a, entry_read, sizeof **out, (void **)out, n);
}

struct notified_job {
	int64_t id, unit, day, actor, now;
};

static enum app_err notified_fn(struct dbc *c, void *arg)
{
	struct notified_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_RECEPTION_NOTIFIED);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, j->unit);
	db_bind_i64(s, 3, j->day);
	enum app_err e = db_row(s);
	db_reset(s);
	if (e)
		return e;
	struct event ev = {.actor = j->actor, .unit = j->unit, .kind = "reception.notify", .about = "reception",
			   .about_id = j->id, .public = true, .at = j->now};
	return events_add(c, &ev, NULL);
}

enum app_err reception_notified(struct db *db, const struct user *u, const struct unit *unit, int64_t id, int64_t now,
				struct problems *pr)
{
	if (!cases_may_handle(u, unit)) {
		problems_add(pr, "", msg(MSG_CASE_NOT_YOURS));
		return APP_EFORBID;
	}
	struct notified_job j = {id, unit->id, cal_today((time_t)now), u->id, now};
	enum app_err e = db_write(db, notified_fn, &j);
	if (e == APP_ENOTFOUND)
		problems_add(pr, "", msg(MSG_RC_NOT_WAITING));
	return e;
}

const char *reception_schedule(struct arena *a, struct dbc *c, const struct unit *unit)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SETTING_GET);
	db_bind_text(s, 1, arena_printf(a, "reception_schedule:%s", unit->code));
	const char *v = "";
	if (!db_row(s))
		v = arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	return v;
}

struct sched_job {
	const char *key, *text;
	int64_t actor, unit, now;
};

static enum app_err sched_fn(struct dbc *c, void *arg)
{
	struct sched_job *j = arg;
	enum app_err e = db_run(c, STMT_SETTING_SET, "tt", j->key, j->text);
	struct event ev = {.actor = j->actor, .unit = j->unit, .kind = "reception.schedule", .subject = j->key,
			   .public = true, .at = j->now};
	return e ? e : events_add(c, &ev, NULL);
}

enum app_err reception_schedule_set(struct db *db, const struct user *u, const struct unit *unit, const char *text,
				    int64_t now, struct problems *pr)
{
	if (!cases_may_handle(u, unit)) {
		problems_add(pr, "", msg(MSG_CASE_NOT_YOURS));
		return APP_EFORBID;
	}
	if (!len_ok(text, 10, 2000) || strchr(text, '<')) {
		problems_add(pr, "schedule", msg(MSG_RC_BAD_SCHEDULE));
		return APP_EINVAL;
	}
	char key[64];
	snprintf(key, sizeof key, "reception_schedule:%s", unit->code);
	struct sched_job j = {key, text, u->id, unit->id, now};
	return db_write(db, sched_fn, &j);
}
