/*
 * consult.c — the consultation's domain (consult.h): preparing and
 * publishing, the audience, comments and votes, moderation, the answers and
 * the chair's sign-off that publishes the synthesis. Law 10/2022 Arts.
 * 25-29 (the commune), 53-55 (staff of agencies); Decree 61/2023 Art. 9 (a
 * convention's draft posted at least 30 days).
 */
#include "consult.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../disclosure/catalogue.h"
#include "../doc/doc.h"
#include "../disclosure/postings.h"
#include "../events/events.h"
#include "../notify/notify.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const consult_status_names[CNS__N] = {"draft", "open", "published"};
const char *const consult_phase_names[CP__N] = {"draft", "open", "closed", "published"};
const enum msg_id consult_phase_labels[CP__N] = {MSG_CS_PHASE_DRAFT, MSG_CS_PHASE_OPEN, MSG_CS_PHASE_CLOSED,
						 MSG_CS_PHASE_PUBLISHED};
const char *const consult_audience_names[CAU__N] = {"unit", "villages", "staff", "persons"};
const enum msg_id consult_audience_labels[CAU__N] = {MSG_CS_AUD_UNIT, MSG_CS_AUD_VILLAGES, MSG_CS_AUD_STAFF,
						     MSG_CS_AUD_PERSONS};
const char *const comment_channel_names[CMC__N] = {"web", "api", "meeting", "letter", "box", "hotline", "front", "social"};
const enum msg_id comment_channel_labels[CMC__N] = {MSG_CS_CH_WEB,    MSG_CS_CH_API,	 MSG_CS_CH_MEETING,
						    MSG_CS_CH_LETTER, MSG_CS_CH_BOX,	 MSG_CS_CH_HOTLINE,
						    MSG_CS_CH_FRONT,  MSG_CS_CH_SOCIAL};
const char *const answer_disposition_names[AD__N] = {"accepted", "partly", "explained"};
const enum msg_id answer_disposition_labels[AD__N] = {MSG_CS_AD_ACCEPTED, MSG_CS_AD_PARTLY, MSG_CS_AD_EXPLAINED};
const char *const consult_form_names[CONSULT_NFORMS] = {"a", "b", "c", "d", "dd", "e", "g", "h"};
const enum msg_id consult_form_labels[CONSULT_NFORMS] = {MSG_CS_FORM_A,	 MSG_CS_FORM_B, MSG_CS_FORM_C, MSG_CS_FORM_D,
							 MSG_CS_FORM_DD, MSG_CS_FORM_E, MSG_CS_FORM_G, MSG_CS_FORM_H};

int consult_name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

enum consult_phase consult_phase(const struct consultation *k, int64_t day)
{
	if (k->status == CNS_PUBLISHED)
		return CP_PUBLISHED;
	if (k->status == CNS_DRAFT)
		return CP_DRAFT;
	return day > k->closes_day ? CP_CLOSED : CP_OPEN;
}

/* The instant the period ends: the end of its last day (UTC+7). */
static int64_t close_instant(int64_t closes_day)
{
	return (closes_day + 1) * 86400 - 7 * 3600;
}

/* ---- who may ---- */

bool consult_may_run(const struct user *u, const struct unit *unit)
{
	return u && (auth_caps_at(u, unit->path) & CAP_CONSULT);
}

bool consult_may_sign(const struct user *u, const struct unit *unit)
{
	return u && (auth_caps_at(u, unit->path) & CAP_CONSULT_SIGN);
}

/* The village a person lives in, 0 when none (their resident record). */
static int64_t user_village(struct arena *a, struct dbc *c, int64_t user, const char **path)
{
	struct db_stmt *s = dbc_stmt(c, STMT_USER_VILLAGE);
	db_bind_i64(s, 1, user);
	int64_t v = 0;
	if (!db_row(s)) {
		v = db_col_i64(s, 0);
		*path = arena_strdup(a, db_col_text(s, 1));
	}
	db_reset(s);
	return v;
}

/* Whether the statement (consultation, another id) finds a row. */
static bool exists(struct dbc *c, enum stmt_id id, int64_t a, int64_t b)
{
	struct db_stmt *s = dbc_stmt(c, id);
	db_bind_i64(s, 1, a);
	db_bind_i64(s, 2, b);
	bool found = !db_row(s);
	db_reset(s);
	return found;
}

enum app_err consult_may_comment(struct arena *a, struct dbc *c, const struct user *u, const struct consultation *k,
				 int64_t *village, const char **path, const char **why)
{
	*why = msg(MSG_CS_NOT_AUDIENCE);
	if (!u) {
		*why = msg(MSG_CS_LOGIN);
		*village = 0;
		return APP_EFORBID;
	}
	const char *vpath = *village > 0 && path && *path ? *path : NULL;
	int64_t v = vpath ? *village : user_village(a, c, u->id, &vpath);
	*village = v;
	switch (k->audience) {
	case CAU_UNIT:
		if (v && str_starts(vpath, k->unit.path))
			return APP_OK;
		break;
	case CAU_VILLAGES:
		if (v && exists(c, STMT_CONSULT_VILLAGE_IN, k->id, v))
			return APP_OK;
		break;
	case CAU_STAFF:
		/* the staff: accounts holding a role at the agency or below */
		for (size_t i = 0; i < u->nrole; i++)
			if (str_starts(u->roles[i].unit_path, k->unit.path))
				return APP_OK;
		break;
	case CAU_PERSONS:
		if (exists(c, STMT_CONSULT_PERSON_OF_USER, k->id, u->id))
			return APP_OK;
		break;
	default:
		break;
	}
	return APP_EFORBID;
}

/* ---- reads ---- */

static void consult_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct consultation *k = out;
	const char *aud, *status;
	db_cols(s, a, 0, DB_COL(&k->id), DB_COL(&k->subject), DB_COL(&k->title), DB_COL(&k->summary),
		DB_COL(&k->plan_content), DB_COL(&k->plan_forms), DB_COL(&k->plan_method), DB_COL(&k->plan_owner),
		DB_COL(&k->plan_deadline), DB_COL(&aud), DB_COL(&status), DB_COL(&k->min_days), DB_COL(&k->opens_day),
		DB_COL(&k->closes_day), DB_COL(&k->opened_at), DB_COL(&k->closed_at), DB_COL(&k->version),
		DB_COL(&k->decision), DB_COL(&k->majority_reasons), DB_COL(&k->against_majority), DB_COL(&k->signed_by),
		DB_COL(&k->published_at), DB_COL(&k->posting_id), DB_COL(&k->created_by), DB_COL(&k->created_at),
		DB_COL(&k->signer), DB_COL(&k->comments), DB_COL(&k->answered));
	int i = consult_name_index(consult_audience_names, CAU__N, aud);
	k->audience = i < 0 ? CAU_UNIT : (enum consult_audience)i;
	i = consult_name_index(consult_status_names, CNS__N, status);
	k->status = i < 0 ? CNS_DRAFT : (enum consult_status)i;
	units_read_at(a, s, 28, &k->unit);
}

enum app_err consult_get(struct arena *a, struct dbc *c, int64_t id, struct consultation *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, consult_read, out);
}

enum app_err consult_list(struct arena *a, struct dbc *c, const char *path, bool drafts, int64_t after_id, int limit,
			  struct consultation **out, size_t *n, int64_t *total)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_LIST);
	db_bind_subtree(s, 1, 2, path);
	db_bind_i64(s, 3, drafts);
	db_bind_i64(s, 4, after_id);
	db_bind_i64(s, 5, limit);
	enum app_err e = db_get_rows(s, a, consult_read, sizeof **out, (void **)out, n);
	if (e || !total)
		return e;
	s = dbc_stmt(c, STMT_CONSULT_COUNT);
	db_bind_subtree(s, 1, 2, path);
	db_bind_i64(s, 3, drafts);
	*total = db_one_i64(s, 0, &e);
	return e;
}

static void draft_unit_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct draft_unit *u = out;
	const char *kind;
	db_cols(s, a, 0, DB_COL(&u->anchor), DB_COL(&kind), DB_COL(&u->depth), DB_COL(&u->label), DB_COL(&u->heading),
		DB_COL(&u->body));
	int i = consult_name_index(draft_kind_names, DK__N, kind);
	u->kind = i < 0 ? DK_PARA : (enum draft_kind)i;
}

enum app_err consult_draft(struct arena *a, struct dbc *c, int64_t id, int version, struct draft *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DRAFT_UNITS);
	db_bind_i64(s, 1, id);
	db_bind_i64(s, 2, version);
	return db_get_rows(s, a, draft_unit_read, sizeof *out->v, (void **)&out->v, &out->n);
}

static void village_read(struct arena *a, struct db_stmt *s, void *out)
{
	units_read_at(a, s, 0, out);
}

enum app_err consult_villages(struct arena *a, struct dbc *c, int64_t id, struct unit **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_VILLAGES);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, village_read, sizeof **out, (void **)out, n);
}

static void person_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct consult_person *p = out;
	db_cols(s, a, 0, DB_COL(&p->id), DB_COL(&p->user_id), DB_COL(&p->notified_day), DB_COL(&p->heard_day),
		DB_COL(&p->name), DB_COL(&p->contact), DB_COL(&p->hearing));
}

enum app_err consult_persons(struct arena *a, struct dbc *c, int64_t id, struct consult_person **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_PERSONS);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, person_read, sizeof **out, (void **)out, n);
}

static void comment_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct comment *k = out;
	db_cols(s, a, 0, DB_COL(&k->id), DB_COL(&k->consultation), DB_COL(&k->version), DB_COL(&k->at), DB_COL(&k->user_id),
		DB_COL(&k->answer_id), DB_COL(&k->anchor), DB_COL(&k->cur_anchor), DB_COL(&k->attach), DB_COL(&k->quote),
		DB_COL(&k->before), DB_COL(&k->after), DB_COL(&k->body), DB_COL(&k->author), DB_COL(&k->village),
		DB_COL(&k->channel), DB_COL(&k->show_name), DB_COL(&k->hidden), DB_COL(&k->hide_reason),
		DB_COL(&k->disposition), DB_COL(&k->answer), DB_COL(&k->theme));
}

enum app_err comment_get(struct arena *a, struct dbc *c, int64_t id, struct comment *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_COMMENT_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, comment_read, out);
}

static void comment_filter_bind(struct db_stmt *s, const struct comment_filter *f)
{
	db_bind_i64(s, 1, f->consultation);
	db_bind_text(s, 2, f->anchor);
	db_bind_i64(s, 3, f->with_hidden);
	db_bind_i64(s, 4, f->unanswered == 1);
	db_bind_i64(s, 5, f->user);
}

enum app_err comments_list(struct arena *a, struct dbc *c, const struct comment_filter *f, struct comment **out,
			   size_t *n, int64_t *total)
{
	/* one unit of text: its own statements, read along the index */
	bool one = f->anchor != NULL;
	struct db_stmt *s = dbc_stmt(c, one ? STMT_COMMENTS_LIST_ANCHOR : STMT_COMMENTS_LIST);
	comment_filter_bind(s, f);
	db_bind_i64(s, 6, f->after_id);
	db_bind_i64(s, 7, f->limit > 0 ? f->limit : 100);
	enum app_err e = db_get_rows(s, a, comment_read, sizeof **out, (void **)out, n);
	if (e || !total)
		return e;
	s = dbc_stmt(c, one ? STMT_COMMENTS_COUNT_ANCHOR : STMT_COMMENTS_COUNT);
	comment_filter_bind(s, f);
	*total = db_one_i64(s, 0, &e);
	return e;
}

enum app_err comments_latest(struct arena *a, struct dbc *c, int64_t id, const char *anchor, int limit,
			     struct comment **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_COMMENTS_LATEST);
	db_bind_i64(s, 1, id);
	db_bind_text(s, 2, anchor);
	db_bind_i64(s, 3, limit);
	return db_get_rows(s, a, comment_read, sizeof **out, (void **)out, n);
}

static void moderation_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct moderation *m = out;
	db_cols(s, a, 0, DB_COL(&m->at), DB_COL(&m->action), DB_COL(&m->reason), DB_COL(&m->by));
}

enum app_err comment_history(struct arena *a, struct dbc *c, int64_t comment, struct moderation **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MODERATION_LIST);
	db_bind_i64(s, 1, comment);
	return db_get_rows(s, a, moderation_read, sizeof **out, (void **)out, n);
}

static void tally_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct clause_tally *t = out;
	db_cols(s, a, 0, DB_COL(&t->anchor), DB_COL(&t->comments), DB_COL(&t->answered), DB_COL(&t->agree),
		DB_COL(&t->disagree));
}

enum app_err consult_tallies(struct arena *a, struct dbc *c, int64_t id, struct clause_tally **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_TALLIES);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, tally_read, sizeof **out, (void **)out, n);
}

/* ---- events ---- */

/* An act on the consultation: public ones go to the ledger with what anyone may know. */
static enum app_err record(struct dbc *c, const struct consultation *k, const struct user *u, const char *kind,
			   json_t *payload, bool public, int64_t at)
{
	if (!payload)
		payload = json_object();
	json_object_set_new(payload, "title", json_string(k->title));
	char *p = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(payload);
	struct event ev = {.actor = u ? u->id : 0, .on_behalf = u ? u->assist_resident : 0, .unit = k->unit.id,
			   .kind = kind, .about = "consultation", .about_id = k->id, .public = public, .payload = p,
			   .at = at};
	enum app_err e = events_add(c, &ev, NULL);
	free(p);
	return e;
}

/* The consultation id on a connection of db, for u to act on: its officers
 * (or, sign, its chair); APP_EFORBID with the reason in pr otherwise. */
static enum app_err acting(struct db *db, struct arena *a, const struct user *u, int64_t id, bool sign, struct dbc **c,
			   struct consultation *k, struct problems *pr)
{
	enum app_err e = db_conn(db, c);
	if (!e)
		e = consult_get(a, *c, id, k);
	if (e)
		return e;
	if (!(sign ? consult_may_sign(u, &k->unit) : consult_may_run(u, &k->unit))) {
		problems_add(pr, "", sign ? msg(MSG_CS_SIGN_WHO) : msg(MSG_CS_WHO));
		return APP_EFORBID;
	}
	return APP_OK;
}

/* ---- preparing ---- */

static bool len_ok(const char *s, size_t min, size_t max)
{
	size_t n = s ? str_utf8_len(s) : 0;
	return n >= min && n <= max;
}

static enum app_err draft_write(struct dbc *c, int64_t id, int version, const struct draft *d)
{
	enum app_err e = APP_OK;
	for (size_t i = 0; !e && i < d->n; i++) {
		const struct draft_unit *u = &d->v[i];
		struct db_stmt *s = dbc_stmt(c, STMT_DRAFT_UNIT_INSERT);
		db_bind_i64(s, 1, id);
		db_bind_i64(s, 2, version);
		db_bind_i64(s, 3, (int64_t)i + 1);
		db_bind_text(s, 4, u->anchor);
		db_bind_text(s, 5, draft_kind_names[u->kind]);
		db_bind_i64(s, 6, u->depth);
		db_bind_text(s, 7, u->label);
		db_bind_text(s, 8, u->heading);
		db_bind_text(s, 9, u->body);
		e = db_exec(s);
	}
	return e;
}

struct person_line {
	const char *name, *contact;
	int64_t user;
};

struct create_job {
	const struct user *u;
	const struct unit *unit;
	const struct consult_input *in;
	const struct consult_subject *subj;
	const struct draft *d;
	int64_t now, closes, deadline, id;
	int audience;
	int64_t *villages;
	size_t nvillages;
	struct person_line *persons;
	size_t npersons;
};

static enum app_err create_fn(struct dbc *c, void *arg)
{
	struct create_job *j = arg;
	const struct consult_input *in = j->in;
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_INSERT);
	int n = 1;
	db_bind_i64(s, n++, j->unit->id);
	db_bind_text(s, n++, j->subj->code);
	db_bind_text(s, n++, in->title);
	db_bind_text(s, n++, in->summary ? in->summary : "");
	db_bind_text(s, n++, in->plan_content ? in->plan_content : "");
	db_bind_text(s, n++, in->plan_forms ? in->plan_forms : "");
	db_bind_text(s, n++, in->plan_method ? in->plan_method : "");
	db_bind_text(s, n++, in->plan_owner ? in->plan_owner : "");
	db_bind_i64(s, n++, j->deadline);
	db_bind_text(s, n++, consult_audience_names[j->audience]);
	db_bind_i64(s, n++, j->subj->min_days);
	db_bind_i64(s, n++, j->closes);
	db_bind_i64(s, n++, j->u->id);
	db_bind_i64(s, n++, j->now);
	enum app_err e = APP_OK;
	j->id = db_one_i64(s, 0, &e);
	for (size_t i = 0; !e && i < j->nvillages; i++)
		e = db_run(c, STMT_CONSULT_VILLAGE_INSERT, "ii", j->id, j->villages[i]);
	for (size_t i = 0; !e && i < j->npersons; i++) {
		s = dbc_stmt(c, STMT_CONSULT_PERSON_INSERT);
		db_bind_i64(s, 1, j->id);
		db_bind_text(s, 2, j->persons[i].name);
		db_bind_i64(s, 3, j->persons[i].user);
		db_bind_text(s, 4, j->persons[i].contact);
		e = db_exec(s);
	}
	if (!e)
		e = draft_write(c, j->id, 1, j->d);
	struct consultation k = {.id = j->id, .unit = *j->unit, .title = in->title};
	if (!e)
		e = record(c, &k, j->u, "consultation.create", NULL, false, j->now);
	return e;
}

/* The plan's forms: letters of Art. 26(1) separated by ';', ',' or spaces, normalised. */
static const char *forms_norm(struct arena *a, const char *s, bool *ok)
{
	*ok = true;
	struct buf b;
	buf_init(&b);
	char *copy = arena_strdup(a, s ? s : "");
	for (char *save = NULL, *t = strtok_r(copy, ";, ", &save); t; t = strtok_r(NULL, ";, ", &save)) {
		if (!strcmp(t, "đ"))
			t = "dd";
		if (consult_name_index(consult_form_names, CONSULT_NFORMS, t) < 0)
			*ok = false;
		else
			buf_printf(&b, "%s%s", b.n ? ";" : "", t);
	}
	const char *r = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return r;
}

enum app_err consult_create(struct db *db, struct arena *a, const struct user *u, const struct unit *unit,
			    const struct consult_input *in, const struct draft *d, int64_t now, int64_t *id,
			    struct problems *pr)
{
	if (!consult_may_run(u, unit)) {
		problems_add(pr, "", msg(MSG_CS_WHO));
		return APP_EFORBID;
	}
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	int64_t today = cal_today((time_t)now);
	size_t before = pr->n;
	const char *ukind = consult_unit_kind(unit);
	struct create_job j = {.u = u, .unit = unit, .in = in, .d = d, .now = now};
	j.subj = consult_subject(in->subject, today);
	if (!ukind)
		problems_add(pr, "", msg(MSG_CS_UNIT_KIND));
	else if (!j.subj || strcmp(j.subj->kind, ukind))
		problems_add(pr, "subject", msg(MSG_CS_BAD_SUBJECT));
	if (!len_ok(in->title, 5, CONSULT_TITLE_MAX))
		problems_add(pr, "title", msg(MSG_CS_BAD_TITLE));
	const char *fields[] = {in->summary, in->plan_content, in->plan_method, in->plan_owner};
	const char *names[] = {"summary", "plan_content", "plan_method", "plan_owner"};
	for (size_t i = 0; i < 4; i++)
		if (fields[i] && str_utf8_len(fields[i]) > CONSULT_TEXT_MAX)
			problems_add(pr, names[i], arena_printf(pr->a, "%s %d %s", msg(MSG_CS_TOO_LONG), CONSULT_TEXT_MAX, msg(MSG_CS_CHARS)));
	if (!len_ok(in->plan_content, 5, CONSULT_TEXT_MAX))
		problems_add(pr, "plan_content", msg(MSG_CS_BAD_PLAN));
	if (!len_ok(in->plan_owner, 2, CONSULT_TEXT_MAX))
		problems_add(pr, "plan_owner", msg(MSG_CS_BAD_OWNER));
	bool forms_ok;
	const char *forms = forms_norm(a, in->plan_forms, &forms_ok);
	if (!forms_ok || !*forms)
		problems_add(pr, "plan_forms", msg(MSG_CS_BAD_FORMS));
	struct consult_input norm = *in;
	norm.plan_forms = forms;
	j.in = &norm;
	if (in->plan_deadline && *in->plan_deadline && !cal_parse_date(in->plan_deadline, &j.deadline))
		problems_add(pr, "plan_deadline", msg(MSG_CS_BAD_DATE));
	if (in->closes && *in->closes && !cal_parse_date(in->closes, &j.closes))
		problems_add(pr, "closes", msg(MSG_CS_BAD_DATE));
	j.audience = consult_name_index(consult_audience_names, CAU__N, in->audience);
	if (j.audience < 0)
		problems_add(pr, "audience", msg(MSG_CS_BAD_AUDIENCE));
	else if ((j.audience == CAU_STAFF) != (ukind && !strcmp(ukind, "agency")) ||
		 (j.audience == CAU_VILLAGES && strcmp(ukind ? ukind : "", "commune")))
		problems_add(pr, "audience", msg(MSG_CS_AUDIENCE_UNIT));
	if (j.audience == CAU_VILLAGES) {
		char *copy = arena_strdup(a, in->villages ? in->villages : "");
		size_t cap = 0;
		for (char *save = NULL, *t = strtok_r(copy, ";, \r\n", &save); t; t = strtok_r(NULL, ";, \r\n", &save)) {
			struct unit v;
			if (units_get(a, c, t, &v) || !units_kind_is_village(v.kind) || strcmp(v.parent_code, unit->code)) {
				problems_add(pr, "villages", arena_printf(pr->a, "%s: %s", msg(MSG_CS_BAD_VILLAGE), t));
				continue;
			}
			j.villages = arena_grow(a, j.villages, j.nvillages, &cap, sizeof *j.villages);
			j.villages[j.nvillages++] = v.id;
		}
		if (!j.nvillages && !problems_of(pr, "villages"))
			problems_add(pr, "villages", msg(MSG_CS_NO_VILLAGES));
	}
	if (j.audience == CAU_PERSONS) {
		/* "name; phone or account" one a line */
		char *copy = arena_strdup(a, in->persons ? in->persons : "");
		size_t cap = 0;
		int line = 0;
		for (char *save = NULL, *t = strtok_r(copy, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
			line++;
			char *semi = strchr(t, ';');
			if (semi)
				*semi++ = 0;
			const char *name = arena_strdup(a, t), *contact = semi ? semi : "";
			while (*name == ' ')
				name++;
			while (*contact == ' ')
				contact++;
			char *end = (char *)name + strlen(name);
			while (end > name && (end[-1] == ' ' || end[-1] == '\r'))
				*--end = 0;
			char *cend = (char *)contact + strlen(contact);
			while (cend > contact && (cend[-1] == ' ' || cend[-1] == '\r'))
				*--cend = 0;
			if (!*name && !*contact)
				continue;
			if (!len_ok(name, 2, 200)) {
				problems_add(pr, "persons", arena_printf(pr->a, "%s %d: %s", msg(MSG_CS_LINE), line, msg(MSG_CS_BAD_PERSON)));
				continue;
			}
			int64_t uid = *contact ? auth_user_id(c, contact) : 0;
			j.persons = arena_grow(a, j.persons, j.npersons, &cap, sizeof *j.persons);
			j.persons[j.npersons++] = (struct person_line){name, contact, uid > 0 ? uid : 0};
		}
		if (!j.npersons && !problems_of(pr, "persons"))
			problems_add(pr, "persons", msg(MSG_CS_NO_PERSONS));
	}
	if (!d || !d->n)
		problems_add(pr, "draft", msg(MSG_CS_DRAFT_EMPTY));
	if (pr->n > before)
		return APP_EINVAL;
	if ((e = db_write(db, create_fn, &j)))
		return e;
	*id = j.id;
	return APP_OK;
}

/* ---- revising ---- */

struct draft_job {
	const struct user *u;
	const struct consultation *k;
	const struct draft *d;
	int64_t now;
	int version;
};

/* Every comment to the words it quotes in the revision: the same unit (ok),
 * another one holding them (moved), or nowhere (lost); one on a whole unit
 * follows its anchor (in two statements, whatever the number of comments). */
static enum app_err reattach(struct dbc *c, const struct draft *d, int64_t id, int version)
{
	enum app_err e = db_run(c, STMT_COMMENTS_REATTACH_KEPT, "ii", id, (int64_t)version);
	if (!e)
		e = db_run(c, STMT_COMMENTS_REATTACH_LOST, "ii", id, (int64_t)version);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct row {
		int64_t id;
		const char *anchor, *quote, *before, *after, *cur;
	};
	struct row *v = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_COMMENTS_ANCHORS);
	db_bind_i64(s, 1, id);
	bool more;
	while (!(e = db_step(s, &more)) && more) {
		v = arena_grow(&a, v, n, &cap, sizeof *v);
		v[n++] = (struct row){db_col_i64(s, 0),
				      arena_strdup(&a, db_col_text(s, 1)),
				      arena_strdup(&a, db_col_text(s, 2)),
				      arena_strdup(&a, db_col_text(s, 3)),
				      arena_strdup(&a, db_col_text(s, 4)),
				      arena_strdup(&a, db_col_text(s, 5))};
	}
	db_reset(s);
	for (size_t i = 0; !e && i < n; i++) {
		long at = draft_find(d, v[i].cur, v[i].quote, v[i].before, v[i].after);
		const char *cur = at >= 0 ? d->v[at].anchor : v[i].cur;
		const char *attach = at < 0 ? "lost" : !strcmp(d->v[at].anchor, v[i].anchor) ? "ok" : "moved";
		s = dbc_stmt(c, STMT_COMMENT_REATTACH);
		db_bind_i64(s, 1, v[i].id);
		db_bind_text(s, 2, cur);
		db_bind_text(s, 3, attach);
		e = db_exec(s);
	}
	arena_free(&a);
	return e;
}

static enum app_err draft_fn(struct dbc *c, void *arg)
{
	struct draft_job *j = arg;
	enum app_err e;
	if (j->k->status == CNS_DRAFT) {
		/* still being prepared: the text is replaced */
		if ((e = db_run(c, STMT_DRAFT_DELETE, "ii", j->k->id, (int64_t)1)) || (e = draft_write(c, j->k->id, 1, j->d)))
			return e;
		return record(c, j->k, j->u, "consultation.draft", NULL, false, j->now);
	}
	j->version = j->k->version + 1;
	if ((e = draft_write(c, j->k->id, j->version, j->d)) ||
	    (e = db_run(c, STMT_CONSULT_SET_VERSION, "iii", j->k->id, (int64_t)j->version, j->now)) ||
	    (e = reattach(c, j->d, j->k->id, j->version)))
		return e;
	return record(c, j->k, j->u, "consultation.revise", json_pack("{s:i}", "version", j->version), true, j->now);
}

enum app_err consult_set_draft(struct db *db, struct arena *a, const struct user *u, int64_t id, const struct draft *d,
			       int64_t now, struct problems *pr)
{
	struct dbc *c;
	struct consultation k;
	enum app_err e = acting(db, a, u, id, false, &c, &k, pr);
	if (e)
		return e;
	if (k.status == CNS_PUBLISHED) {
		problems_add(pr, "", msg(MSG_CS_ALREADY_PUBLISHED));
		return APP_ECONFLICT;
	}
	if (!d || !d->n) {
		problems_add(pr, "draft", msg(MSG_CS_DRAFT_EMPTY));
		return APP_EINVAL;
	}
	struct draft_job j = {.u = u, .k = &k, .d = d, .now = now};
	return db_write(db, draft_fn, &j);
}

/* ---- publishing and closing ---- */

/* A message about the consultation: its title and unit (and its closing day
 * when closes > 0), about "consultation:ID<about>", linking to
 * /consultations/ID<path>. Not to be copied once made (m points into it). */
struct note {
	char subject[64], href[80], closes[11];
	struct notify_param p[3];
	struct notify_msg m;
};

static void note_of(struct note *t, const struct consultation *k, const char *kind, const char *about, const char *path,
		    int64_t closes)
{
	snprintf(t->subject, sizeof t->subject, "consultation:%lld%s", (long long)k->id, about);
	snprintf(t->href, sizeof t->href, "/consultations/%lld%s", (long long)k->id, path);
	t->p[0] = (struct notify_param){"title", k->title};
	t->p[1] = (struct notify_param){"unit", k->unit.title};
	if (closes)
		cal_format_vn(closes, t->closes);
	t->p[2] = (struct notify_param){"closes", t->closes};
	t->m = (struct notify_msg){.kind = kind, .subject = t->subject, .href = t->href, .params = t->p, .nparams = closes ? 3 : 2};
}

/* The note to each of n accounts. */
static enum app_err tell_each(struct dbc *c, const struct note *t, const int64_t *users, size_t n, int64_t now)
{
	enum app_err e = APP_OK;
	for (size_t i = 0; !e && i < n; i++)
		e = notify_user(c, users[i], &t->m, now);
	return e;
}

/* The note to the accounts a statement lists (its first column; s bound). */
static enum app_err tell_rows(struct dbc *c, const struct note *t, struct db_stmt *s, int64_t now)
{
	struct arena a;
	arena_init(&a);
	int64_t *users;
	size_t n = 0;
	enum app_err e = db_get_rows(s, &a, db_row_i64, sizeof *users, (void **)&users, &n);
	if (!e)
		e = tell_each(c, t, users, n, now);
	arena_free(&a);
	return e;
}

struct publish_job {
	const struct user *u;
	struct consultation *k;
	int64_t now, opens, closes;
};

static enum app_err publish_fn(struct dbc *c, void *arg)
{
	struct publish_job *j = arg;
	struct consultation *k = j->k;
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_PUBLISH);
	db_bind_i64(s, 1, k->id);
	db_bind_i64(s, 2, j->opens);
	db_bind_i64(s, 3, j->closes);
	db_bind_i64(s, 4, j->now);
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	if (e || !row)
		return e ? e : APP_ECONFLICT;
	char o[11], cl[11];
	cal_format_iso(j->opens, o);
	cal_format_iso(j->closes, cl);
	/* the plan goes to the commune People's Council and the Front (Art. 28(1)) */
	json_t *p = json_pack("{s:s, s:s, s:s, s:[s,s]}", "opens", o, "closes", cl, "subject", k->subject, "plan_sent_to",
			      msg(MSG_CS_PLAN_TO_COUNCIL), msg(MSG_CS_PLAN_TO_FRONT));
	if ((e = record(c, k, j->u, "consultation.open", p, true, j->now)))
		return e;
	/* the plan to the Front's officers of the commune, on their accounts (Art. 28(1)); the
	 * People's Council has no accounts in coso: the plan stays recorded in the public event */
	struct note plan;
	note_of(&plan, k, "consult.plan", "/plan", "", 0);
	struct arena fa;
	arena_init(&fa);
	int64_t *front;
	size_t nf = 0;
	e = auth_holders(&fa, c, k->unit.id, CAP_FRONT, &front, &nf);
	if (!e)
		e = tell_each(c, &plan, front, nf, j->now);
	arena_free(&fa);
	if (e)
		return e;
	/* the audience hears of it: the households of the villages, or each person concerned */
	struct note open;
	note_of(&open, k, "consult.open", "", "", j->closes);
	const struct notify_msg *m = &open.m;
	if (k->audience == CAU_UNIT && (!strcmp(consult_unit_kind(&k->unit), "commune") || units_kind_is_village(k->unit.kind)))
		return notify_households(c, k->unit.id, m, false, j->now);
	if (k->audience == CAU_VILLAGES) {
		struct arena a;
		arena_init(&a);
		struct unit *v;
		size_t n = 0;
		e = consult_villages(&a, c, k->id, &v, &n);
		for (size_t i = 0; !e && i < n; i++)
			e = notify_households(c, v[i].id, m, false, j->now);
		arena_free(&a);
		return e;
	}
	if (k->audience == CAU_STAFF) {
		/* the staff, each on their account (Law 10/2022 Art. 54) */
		struct db_stmt *q = dbc_stmt(c, STMT_CONSULT_STAFF);
		db_bind_subtree(q, 1, 2, k->unit.path);
		return tell_rows(c, &open, q, j->now);
	}
	if (k->audience == CAU_PERSONS) {
		/* item 8: each person told on the day of publication (Art. 27(1)) */
		struct arena a;
		arena_init(&a);
		struct consult_person *pv;
		size_t n = 0;
		e = consult_persons(&a, c, k->id, &pv, &n);
		int64_t day = cal_today((time_t)j->now);
		for (size_t i = 0; !e && i < n; i++) {
			if (pv[i].user_id)
				e = notify_user(c, pv[i].user_id, m, j->now);
			else if (*pv[i].contact)
				e = notify_contact(c, k->unit.path, strchr(pv[i].contact, '@') ? "" : pv[i].contact,
						   strchr(pv[i].contact, '@') ? pv[i].contact : "", m, j->now);
			if (!e && (pv[i].user_id || *pv[i].contact)) {
				struct db_stmt *q = dbc_stmt(c, STMT_CONSULT_PERSON_SET);
				db_bind_i64(q, 1, pv[i].id);
				db_bind_i64(q, 2, k->id);
				db_bind_i64(q, 3, day);
				db_bind_i64(q, 4, pv[i].heard_day);
				db_bind_text(q, 5, pv[i].hearing);
				bool r;
				e = db_step(q, &r);
				db_reset(q);
			}
		}
		arena_free(&a);
	}
	return e;
}

enum app_err consult_publish(struct db *db, struct arena *a, const struct user *u, int64_t id, const char *closes,
			     int64_t now, struct problems *pr)
{
	struct dbc *c;
	struct consultation k;
	enum app_err e = acting(db, a, u, id, false, &c, &k, pr);
	if (e)
		return e;
	if (k.status != CNS_DRAFT) {
		problems_add(pr, "", msg(MSG_CS_ALREADY_OPEN));
		return APP_ECONFLICT;
	}
	int64_t today = cal_today((time_t)now), day = k.closes_day;
	if (closes && *closes && !cal_parse_date(closes, &day)) {
		problems_add(pr, "closes", msg(MSG_CS_BAD_DATE));
		return APP_EINVAL;
	}
	/* the shortest period of the subject's rule in force today (Art. 28(2); Decree 61 Art. 9) */
	const struct consult_subject *subj = consult_subject(k.subject, today);
	int min = subj ? subj->min_days : k.min_days;
	char least[11];
	cal_format_vn(today + (min ? min : 1), least);
	if (!day)
		problems_add(pr, "closes", msg(MSG_CS_NO_CLOSE));
	else if (day < today + min || day <= today)
		problems_add(pr, "closes", arena_printf(pr->a, "%s %d %s (%s). %s %s.", msg(MSG_CS_TOO_SHORT), min, msg(MSG_CS_DAYS_FROM_PUB), subj ? subj->cite : "", msg(MSG_CS_EARLIEST), least));
	if (pr->n)
		return APP_EINVAL;
	struct publish_job j = {.u = u, .k = &k, .now = now, .opens = today, .closes = day};
	e = db_write(db, publish_fn, &j);
	if (e == APP_ECONFLICT)
		problems_add(pr, "", msg(MSG_CS_ALREADY_OPEN));
	return e;
}

struct close_job {
	const struct user *u;
	const struct consultation *k;
};

static enum app_err close_fn(struct dbc *c, void *arg)
{
	struct close_job *j = arg;
	int64_t at = close_instant(j->k->closes_day);
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_CLOSE);
	db_bind_i64(s, 1, j->k->id);
	db_bind_i64(s, 2, at);
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	if (e || !row) /* recorded already */
		return e;
	char cl[11];
	cal_format_iso(j->k->closes_day, cl);
	return record(c, j->k, j->u, "consultation.close",
		      json_pack("{s:s, s:I}", "closed", cl, "comments", (json_int_t)j->k->comments), true, at);
}

/* ---- comments ---- */

/* Around the words quoted in the unit's text (folded): what comes before and after, a few words each. */
static void context(struct arena *a, const struct draft_unit *u, const char *quote, const char **before,
		    const char **after)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s %s", u->heading, u->body);
	char *t = str_fold(buf_str(&b)), *q = str_fold(quote);
	buf_reset(&b);
	*before = *after = "";
	char *at = *q ? strstr(t, q) : NULL;
	if (at) {
		size_t ql = strlen(q), take = 40;
		size_t bl = (size_t)(at - t) < take ? (size_t)(at - t) : take;
		*before = arena_strndup(a, at - bl, bl);
		*after = arena_strndup(a, at + ql, strnlen(at + ql, take));
	}
	free(t);
	free(q);
}

enum app_err comment_check(struct arena *a, struct dbc *c, const struct user *u, const struct consultation *k,
			   const struct comment_input *in, int64_t now, struct comment_job *j, struct problems *pr)
{
	size_t before = pr->n;
	int64_t today = cal_today((time_t)now);
	memset(j, 0, sizeof *j);
	j->consultation = k->id;
	j->version = k->version;
	j->now = now;
	int ch = in->channel && *in->channel ? consult_name_index(comment_channel_names, CMC__N, in->channel)
					     : (u && u->via_token ? CMC_API : CMC_WEB);
	bool entered = ch > CMC_API; /* by an officer, from another channel */
	enum consult_phase ph = consult_phase(k, today);
	if (ch < 0) {
		problems_add(pr, "channel", msg(MSG_CS_BAD_CHANNEL));
		return APP_EINVAL;
	}
	j->channel = (enum comment_channel)ch;
	if (entered) {
		/* officers enter what came by other channels until the synthesis is published */
		if (!consult_may_run(u, &k->unit)) {
			problems_add(pr, "", msg(MSG_CS_WHO));
			return APP_EFORBID;
		}
		if (ph == CP_DRAFT || ph == CP_PUBLISHED) {
			problems_add(pr, "", ph == CP_DRAFT ? msg(MSG_CS_NOT_OPEN) : msg(MSG_CS_ALREADY_PUBLISHED));
			return APP_ECONFLICT;
		}
		if (!len_ok(in->author, 2, 200))
			problems_add(pr, "author", msg(MSG_CS_BAD_AUTHOR));
		j->entered_by = u->id;
		j->author = in->author;
	} else {
		if (ph != CP_OPEN) {
			char d[11];
			cal_format_vn(k->closes_day, d);
			problems_add(pr, "", ph == CP_DRAFT ? msg(MSG_CS_NOT_OPEN) : arena_printf(pr->a, "%s %s.", msg(MSG_CS_CLOSED), d));
			return APP_ECONFLICT;
		}
		const char *why;
		j->village = in->village;
		const char *vpath = in->village_path;
		enum app_err e = consult_may_comment(a, c, u, k, &j->village, &vpath, &why);
		if (e) {
			problems_add(pr, "", why);
			return e;
		}
		j->user = u->id;
		j->show_name = in->show_name;
		j->author = in->show_name ? u->full_name : "";
	}
	const char *body = in->body ? in->body : "";
	size_t bl = str_utf8_len(body);
	if (bl < COMMENT_MIN || bl > COMMENT_MAX)
		problems_add(pr, "body", msg(MSG_CS_BAD_BODY));
	j->body = body;
	j->anchor = in->anchor ? in->anchor : "";
	j->quote = j->before = j->after = "";
	if (*j->anchor) {
		/* the one unit of text it is on (a hot path: not the whole draft) */
		struct draft d = {.n = 1, .v = arena_alloc(a, sizeof *d.v)};
		struct db_stmt *s = dbc_stmt(c, STMT_DRAFT_UNIT_GET);
		db_bind_i64(s, 1, k->id);
		db_bind_i64(s, 2, k->version);
		db_bind_text(s, 3, j->anchor);
		enum app_err e = db_get_row(s, a, draft_unit_read, d.v);
		if (e && e != APP_ENOTFOUND)
			return e;
		long at = e ? -1 : 0;
		if (at < 0)
			problems_add(pr, "anchor", msg(MSG_CS_BAD_ANCHOR));
		else if (in->quote && *in->quote) {
			if (str_utf8_len(in->quote) > QUOTE_MAX)
				problems_add(pr, "quote", msg(MSG_CS_QUOTE_LONG));
			else if (draft_find(&d, j->anchor, in->quote, "", "") != at)
				problems_add(pr, "quote", msg(MSG_CS_QUOTE_NOT_THERE));
			else {
				j->quote = in->quote;
				context(a, &d.v[at], in->quote, &j->before, &j->after);
			}
		}
	} else if (in->quote && *in->quote)
		problems_add(pr, "quote", msg(MSG_CS_QUOTE_NO_ANCHOR));
	if (in->idem && *in->idem)
		j->idem = arena_printf(a, "%lld:%lld:%s", (long long)(u ? u->id : 0), (long long)k->id, in->idem);
	return pr->n > before ? APP_EINVAL : APP_OK;
}

enum app_err comment_write(struct dbc *c, void *arg)
{
	struct comment_job *j = arg;
	enum app_err e;
	for (int tries = 0; tries < 2; tries++) {
		if (j->idem) {
			struct db_stmt *s = dbc_stmt(c, STMT_COMMENT_BY_IDEM);
			db_bind_text(s, 1, j->idem);
			if (!(e = db_row(s))) {
				j->id = db_col_i64(s, 0);
				j->again = true;
			}
			db_reset(s);
			if (e != APP_ENOTFOUND)
				return e;
		}
		struct db_stmt *s = dbc_stmt(c, STMT_COMMENT_INSERT);
		int n = 1;
		db_bind_i64(s, n++, j->consultation);
		db_bind_i64(s, n++, j->version);
		db_bind_text(s, n++, j->anchor);
		db_bind_text(s, n++, j->quote);
		db_bind_text(s, n++, j->before);
		db_bind_text(s, n++, j->after);
		db_bind_text(s, n++, j->body);
		db_bind_i64(s, n++, j->user);
		db_bind_i64(s, n++, j->village);
		db_bind_i64(s, n++, j->show_name);
		db_bind_text(s, n++, j->author ? j->author : "");
		db_bind_text(s, n++, comment_channel_names[j->channel]);
		db_bind_i64(s, n++, j->entered_by);
		db_bind_i64(s, n++, j->now);
		db_bind_text(s, n++, j->idem);
		bool row;
		e = db_step(s, &row);
		j->id = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		/* the same key twice in one group commit: the first one's comment */
		if (e != APP_ECONFLICT || !j->idem)
			return e;
	}
	return e;
}

enum app_err comment_token_write(struct dbc *c, void *arg)
{
	struct comment_token_job *t = arg;
	/* the token first (with its person and where they live): 401 before
	 * anything else; a read-only token writes nothing */
	struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_PERSON);
	db_bind_text(s, 1, t->token_hash);
	db_bind_i64(s, 2, t->now);
	bool row;
	enum app_err e = db_step(s, &row);
	struct user *u = arena_alloc(t->a, sizeof *u);
	bool writes = false;
	if (!e && row) {
		*u = (struct user){.id = db_col_i64(s, 0), .full_name = arena_strdup(t->a, db_col_text(s, 2)), .via_token = true};
		writes = !strcmp(db_col_text(s, 1), "write");
		t->in.village = db_col_i64(s, 3);
		t->in.village_path = arena_strdup(t->a, db_col_text(s, 4));
	}
	db_reset(s);
	if (e)
		return e;
	if (!row)
		return APP_EAUTH;
	if (!writes) {
		problems_add(&t->pr, "", msg(MSG_TOKEN_SCOPE));
		return APP_EFORBID;
	}
	struct consultation k;
	s = dbc_stmt(c, STMT_CONSULT_GET_BARE); /* its counts are not needed here */
	db_bind_i64(s, 1, t->consultation);
	if ((e = db_get_row(s, t->a, consult_read, &k)))
		return e;
	if (k.status == CNS_DRAFT)
		return APP_ENOTFOUND; /* a draft being prepared is its officers' alone */
	/* the roles only where they count: an agency's staff, an officer's channels */
	if (k.audience == CAU_STAFF || (t->in.channel && *t->in.channel && strcmp(t->in.channel, "api") && strcmp(t->in.channel, "web"))) {
		struct user *full;
		if ((e = auth_user_get(t->a, c, u->id, &full)))
			return e == APP_ENOTFOUND ? APP_EAUTH : e;
		full->via_token = true;
		u = full;
	}
	if ((e = comment_check(t->a, c, u, &k, &t->in, t->now, &t->j, &t->pr)))
		return e;
	return comment_write(c, &t->j);
}

enum app_err comment_add(struct db *db, struct arena *a, const struct user *u, int64_t id, const struct comment_input *in,
			 int64_t now, int64_t *cid, bool *again, struct problems *pr)
{
	struct dbc *c;
	struct consultation k;
	enum app_err e = db_conn(db, &c);
	if (!e)
		e = consult_get(a, c, id, &k);
	if (e)
		return e;
	struct comment_job j;
	if ((e = comment_check(a, c, u, &k, in, now, &j, pr)))
		return e;
	if ((e = db_write(db, comment_write, &j)))
		return e;
	*cid = j.id;
	if (again)
		*again = j.again;
	return APP_OK;
}

struct vote_job {
	int64_t id, user, value, now;
	const char *anchor;
};

static enum app_err vote_fn(struct dbc *c, void *arg)
{
	struct vote_job *j = arg;
	if (!j->value) {
		struct db_stmt *s = dbc_stmt(c, STMT_VOTE_DELETE);
		db_bind_i64(s, 1, j->id);
		db_bind_text(s, 2, j->anchor);
		db_bind_i64(s, 3, j->user);
		return db_exec(s);
	}
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_UPSERT);
	db_bind_i64(s, 1, j->id);
	db_bind_text(s, 2, j->anchor);
	db_bind_i64(s, 3, j->user);
	db_bind_i64(s, 4, j->value);
	db_bind_i64(s, 5, j->now);
	return db_exec(s);
}

enum app_err consult_vote(struct db *db, struct arena *a, const struct user *u, int64_t id, const char *anchor, int value,
			  int64_t now, struct problems *pr)
{
	struct dbc *c;
	struct consultation k;
	enum app_err e = db_conn(db, &c);
	if (!e)
		e = consult_get(a, c, id, &k);
	if (e)
		return e;
	if (consult_phase(&k, cal_today((time_t)now)) != CP_OPEN) {
		problems_add(pr, "", msg(MSG_CS_NOT_OPEN_NOW));
		return APP_ECONFLICT;
	}
	int64_t village;
	const char *why;
	village = 0;
	if ((e = consult_may_comment(a, c, u, &k, &village, NULL, &why))) {
		problems_add(pr, "", why);
		return e;
	}
	struct draft d;
	if ((e = consult_draft(a, c, id, k.version, &d)))
		return e;
	if (!anchor || draft_anchor(&d, anchor) < 0)
		problems_add(pr, "anchor", msg(MSG_CS_BAD_ANCHOR));
	if (value < -1 || value > 1)
		problems_add(pr, "value", msg(MSG_CS_BAD_VOTE));
	if (pr->n)
		return APP_EINVAL;
	struct vote_job j = {id, u->id, value, now, anchor};
	return db_write(db, vote_fn, &j);
}

struct moderate_job {
	const struct user *u;
	const struct consultation *k;
	int64_t comment, now;
	bool hide;
	const char *reason;
};

static enum app_err moderate_fn(struct dbc *c, void *arg)
{
	struct moderate_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_COMMENT_HIDE);
	db_bind_i64(s, 1, j->comment);
	db_bind_i64(s, 2, j->hide);
	db_bind_text(s, 3, j->hide ? j->reason : "");
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	if (e || !row)
		return e ? e : APP_ECONFLICT;
	s = dbc_stmt(c, STMT_MODERATION_INSERT);
	db_bind_i64(s, 1, j->comment);
	db_bind_i64(s, 2, j->now);
	db_bind_i64(s, 3, j->u->id);
	db_bind_text(s, 4, j->hide ? "hide" : "show");
	db_bind_text(s, 5, j->reason);
	if ((e = db_exec(s)))
		return e;
	/* in the record, not in the ledger: the reason may repeat what was hidden */
	return record(c, j->k, j->u, j->hide ? "consultation.hide" : "consultation.show",
		      json_pack("{s:I}", "comment", (json_int_t)j->comment), false, j->now);
}

enum app_err comment_moderate(struct db *db, const struct user *u, int64_t comment, bool hide, const char *reason,
			      int64_t now, struct problems *pr)
{
	struct dbc *c;
	struct arena a;
	arena_init(&a);
	struct consultation k;
	struct comment cm;
	enum app_err e = db_conn(db, &c);
	if (!e)
		e = comment_get(&a, c, comment, &cm);
	if (!e)
		e = consult_get(&a, c, cm.consultation, &k);
	if (!e && !consult_may_run(u, &k.unit)) {
		problems_add(pr, "", msg(MSG_CS_WHO));
		e = APP_EFORBID;
	}
	if (!e && !len_ok(reason, REASON_MIN, 1000)) {
		problems_add(pr, "reason", msg(MSG_CS_BAD_REASON));
		e = APP_EINVAL;
	}
	if (!e && k.status == CNS_PUBLISHED) {
		problems_add(pr, "", msg(MSG_CS_ALREADY_PUBLISHED));
		e = APP_ECONFLICT;
	}
	struct moderate_job j = {u, &k, comment, now, hide, reason};
	if (!e && (e = db_write(db, moderate_fn, &j)) == APP_ECONFLICT)
		problems_add(pr, "", hide ? msg(MSG_CS_HIDDEN_ALREADY) : msg(MSG_CS_SHOWN_ALREADY));
	arena_free(&a);
	return e;
}

/* ---- the synthesis ---- */

struct answer_job {
	const struct user *u;
	const struct consultation *k;
	const struct answer_input *in;
	int disposition;
	int64_t now, id;
};

static enum app_err answer_fn(struct dbc *c, void *arg)
{
	struct answer_job *j = arg;
	/* the first act after the period: its closing recorded first */
	struct close_job cj = {j->u, j->k};
	if (!j->k->closed_at && consult_phase(j->k, cal_today((time_t)j->now)) == CP_CLOSED) {
		enum app_err e = close_fn(c, &cj);
		if (e)
			return e;
	}
	struct db_stmt *s = dbc_stmt(c, STMT_ANSWER_INSERT);
	db_bind_i64(s, 1, j->k->id);
	db_bind_text(s, 2, answer_disposition_names[j->disposition]);
	db_bind_text(s, 3, j->in->theme ? j->in->theme : "");
	db_bind_text(s, 4, j->in->body);
	db_bind_i64(s, 5, j->u->id);
	db_bind_i64(s, 6, j->now);
	enum app_err e = APP_OK;
	j->id = db_one_i64(s, 0, &e);
	for (size_t i = 0; !e && i < j->in->ncomments; i++) {
		s = dbc_stmt(c, STMT_COMMENT_SET_ANSWER);
		db_bind_i64(s, 1, j->in->comments[i]);
		db_bind_i64(s, 2, j->id);
		db_bind_i64(s, 3, j->k->id);
		bool row;
		e = db_step(s, &row);
		db_reset(s);
		if (!e && !row)
			e = APP_ENOTFOUND; /* not a comment of this consultation: nothing kept */
	}
	if (!e)
		e = record(c, j->k, j->u, "consultation.answer",
			   json_pack("{s:I, s:s, s:I}", "answer", (json_int_t)j->id, "disposition",
				     answer_disposition_names[j->disposition], "comments", (json_int_t)j->in->ncomments),
			   false, j->now);
	return e;
}

enum app_err consult_answer(struct db *db, struct arena *a, const struct user *u, int64_t id,
			    const struct answer_input *in, int64_t now, int64_t *aid, struct problems *pr)
{
	struct dbc *c;
	struct consultation k;
	enum app_err e = acting(db, a, u, id, false, &c, &k, pr);
	if (e)
		return e;
	if (k.status != CNS_OPEN) {
		problems_add(pr, "", k.status == CNS_DRAFT ? msg(MSG_CS_NOT_OPEN) : msg(MSG_CS_ALREADY_PUBLISHED));
		return APP_ECONFLICT;
	}
	struct answer_job j = {.u = u, .k = &k, .in = in, .now = now};
	j.disposition = consult_name_index(answer_disposition_names, AD__N, in->disposition);
	if (j.disposition < 0)
		problems_add(pr, "disposition", msg(MSG_CS_BAD_DISPOSITION));
	if (!len_ok(in->body, REASON_MIN, ANSWER_MAX))
		problems_add(pr, "answer", msg(MSG_CS_BAD_ANSWER));
	if (in->theme && str_utf8_len(in->theme) > 200)
		problems_add(pr, "theme", arena_printf(pr->a, "%s %d %s", msg(MSG_CS_TOO_LONG), 200, msg(MSG_CS_CHARS)));
	if (!in->ncomments)
		problems_add(pr, "comments", msg(MSG_CS_NO_COMMENTS));
	if (pr->n)
		return APP_EINVAL;
	e = db_write(db, answer_fn, &j);
	if (e == APP_ENOTFOUND) {
		problems_add(pr, "comments", msg(MSG_CS_NOT_ITS_COMMENT));
		return APP_EINVAL;
	}
	if (!e)
		*aid = j.id;
	return e;
}

enum app_err consult_against_majority(struct arena *a, struct dbc *c, const struct consultation *k, const char ***anchors,
				      size_t *n)
{
	*anchors = NULL;
	*n = 0;
	struct clause_tally *t;
	size_t nt = 0, cap = 0;
	struct draft first, last;
	enum app_err e = consult_tallies(a, c, k->id, &t, &nt);
	if (!e)
		e = consult_draft(a, c, k->id, 1, &first);
	if (!e)
		e = consult_draft(a, c, k->id, k->version, &last);
	for (size_t i = 0; !e && i < nt; i++) {
		if (t[i].disagree <= t[i].agree)
			continue;
		long o = draft_anchor(&first, t[i].anchor), l = draft_anchor(&last, t[i].anchor);
		if (o < 0 || l < 0 || strcmp(first.v[o].body, last.v[l].body) || strcmp(first.v[o].heading, last.v[l].heading))
			continue; /* changed or removed: the majority was heard */
		*anchors = arena_grow(a, (void *)*anchors, *n, &cap, sizeof **anchors);
		(*anchors)[(*n)++] = t[i].anchor;
	}
	return e;
}

struct signoff_job {
	const struct user *u;
	struct consultation *k;
	const struct signoff_input *in;
	bool against;
	int64_t now;
};

static enum app_err signoff_fn(struct dbc *c, void *arg)
{
	struct signoff_job *j = arg;
	struct consultation *k = j->k;
	struct close_job cj = {j->u, k};
	enum app_err e = k->closed_at ? APP_OK : close_fn(c, &cj);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_SIGNOFF);
	db_bind_i64(s, 1, k->id);
	db_bind_text(s, 2, j->in->decision);
	db_bind_i64(s, 3, j->against);
	db_bind_text(s, 4, j->against ? j->in->majority_reasons : "");
	db_bind_i64(s, 5, j->u->id);
	db_bind_i64(s, 6, j->now);
	bool row;
	e = db_step(s, &row);
	db_reset(s);
	if (e || !row)
		return e ? e : APP_ECONFLICT;
	/* the report is numbered now, in the act's transaction (Decree 30/2020) */
	struct arena ra;
	arena_init(&ra);
	struct doc_record rec;
	e = doc_issue(c, k->unit.id, DOC_REPORT, doc_abbr(k->unit.kind, units_kind_is_commune_level(k->unit.kind)),
		      "consultation", k->id, "synthesis", k->title, j->now, &rec, &ra);
	arena_free(&ra);
	if (e)
		return e;
	if ((e = record(c, k, j->u, "consultation.publish",
			json_pack("{s:I, s:I, s:b}", "comments", (json_int_t)k->comments, "answered",
				  (json_int_t)k->answered, "against_majority", j->against),
			true, j->now)))
		return e;
	/* every commenter with an account hears that the answer is out */
	struct note answered;
	note_of(&answered, k, "consult.answered", "/synthesis", "/synthesis", 0);
	s = dbc_stmt(c, STMT_CONSULT_COMMENTERS);
	db_bind_i64(s, 1, k->id);
	return tell_rows(c, &answered, s, j->now);
}

enum app_err synthesis_open(struct dbc *c, const struct consultation *k, struct synthesis_cursor *cur)
{
	memset(cur, 0, sizeof *cur);
	cur->c = c;
	cur->consultation = k->id;
	cur->keep = xcalloc(1, sizeof *cur->keep);
	cur->a = xcalloc(1, sizeof *cur->a);
	arena_init(cur->keep);
	arena_init(cur->a);
	struct draft d;
	struct clause_tally *t;
	size_t nt = 0;
	enum app_err e = consult_draft(cur->keep, c, k->id, k->version, &d);
	if (!e)
		e = consult_tallies(cur->keep, c, k->id, &t, &nt);
	if (e)
		return e;
	/* the whole draft, the units in order, then anchors no longer in the draft */
	cur->order = arena_alloc(cur->keep, (d.n + nt + 1) * sizeof *cur->order);
	struct draft_unit *whole = arena_alloc(cur->keep, sizeof *whole);
	*whole = (struct draft_unit){.anchor = "", .kind = DK_PARA, .label = "", .heading = "", .body = ""};
	cur->order[cur->norder++] = whole;
	for (size_t i = 0; i < d.n; i++)
		cur->order[cur->norder++] = &d.v[i];
	for (size_t i = 0; i < nt; i++)
		if (*t[i].anchor && t[i].comments && draft_anchor(&d, t[i].anchor) < 0) {
			struct draft_unit *gone = arena_alloc(cur->keep, sizeof *gone);
			*gone = (struct draft_unit){.anchor = t[i].anchor, .kind = DK_PARA, .label = "", .heading = "", .body = ""};
			cur->order[cur->norder++] = gone;
		}
	return APP_OK;
}

bool synthesis_next(struct synthesis_cursor *cur, enum app_err *e)
{
	*e = APP_OK;
	for (;;) {
		if (!cur->s) {
			if (cur->at == cur->norder)
				return false;
			cur->s = dbc_stmt(cur->c, STMT_COMMENTS_OF_UNIT);
			db_bind_i64(cur->s, 1, cur->consultation);
			db_bind_text(cur->s, 2, cur->order[cur->at]->anchor);
		}
		bool row;
		if ((*e = db_step(cur->s, &row)))
			return false;
		if (row)
			break;
		db_reset(cur->s);
		cur->s = NULL;
		cur->at++;
	}
	arena_free(cur->a);
	arena_init(cur->a);
	comment_read(cur->a, cur->s, &cur->cm);
	cur->unit = *cur->order[cur->at];
	cur->n++;
	return true;
}

void synthesis_close(struct synthesis_cursor *cur)
{
	if (cur->s)
		db_reset(cur->s);
	struct arena *as[] = {cur->a, cur->keep};
	for (size_t i = 0; i < 2; i++)
		if (as[i]) {
			arena_free(as[i]);
			free(as[i]);
		}
	memset(cur, 0, sizeof *cur);
}

struct link_job {
	int64_t id, posting;
};

static enum app_err link_fn(struct dbc *c, void *arg)
{
	struct link_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_SET_POSTING);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, j->posting);
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	return e ? e : row ? APP_OK : APP_ECONFLICT;
}

/* The synthesis as a disclosure: item 11 of a commune (Art. 11(11)), item
 * 10 of an agency (Art. 46(10)); a village's convention draft has none (its
 * page is public). */
/* The synthesis as a disclosure: item 11 of a commune (Art. 11(11)), item
 * 10 of an agency (Art. 46(10)); a village's convention draft has none (its
 * page is public). The posting's input checked against the catalogue: false
 * when there is none to make; problems into pr. */
struct disclosure {
	struct posting_input in;
	struct ditem item;
};

static bool disclosure_of(struct arena *a, struct dbc *c, const struct consultation *k, const char *base_url, int64_t now,
			  struct disclosure *d, struct problems *pr)
{
	const char *kind = consult_unit_kind(&k->unit);
	bool agency = !strcmp(kind, "agency");
	if (k->posting_id || (!agency && strcmp(kind, "commune")))
		return false;
	struct posting_input *in = &d->in;
	memset(in, 0, sizeof *in);
	in->title = arena_printf(a, "%s: %s", msg(MSG_CS_POSTING_TITLE), k->title);
	in->summary = arena_printf(a, "%s: %lld; %s: %lld.", msg(MSG_CS_POSTING_COMMENTS), (long long)k->comments,
				   msg(MSG_CS_POSTING_ANSWERED), (long long)k->answered);
	in->body = arena_printf(a, "%s\n\n**%s**: %s\n\n%s%s%s%s: %s/consultations/%lld/synthesis\n", k->summary,
				msg(MSG_CS_DECISION), k->decision, k->against_majority ? msg(MSG_CS_AGAINST_REASONS) : "",
				k->against_majority ? k->majority_reasons : "", k->against_majority ? "\n\n" : "",
				msg(MSG_CS_DETAILS_AT), base_url, (long long)k->id);
	char iso[11];
	cal_format_iso(cal_today((time_t)now), iso);
	in->decision_date = arena_strdup(a, iso);
	in->decision_ref = arena_printf(a, "coso consultation #%lld", (long long)k->id);
	in->item_number = agency ? 10 : 11;
	in->forms = agency ? "intranet" : "portal;village_head";
	in->period_days = -1;
	in->is_public = true;
	struct posting_problem pp[POSTING_MAX_PROBLEMS];
	size_t npp = posting_validate(a, c, &k->unit, in, cal_today((time_t)now), false, &d->item, pp);
	for (size_t i = 0; i < npp; i++)
		problems_add(pr, pp[i].field, arena_strdup(pr->a, pp[i].reason));
	return true;
}

/* The posting written and published, linked first so that a retry finds it. */
static enum app_err disclose(struct db *db, const struct user *u, const struct consultation *k, struct disclosure *d,
			     int64_t now)
{
	struct link_job lj = {k->id, 0};
	enum app_err e = posting_save_draft(db, &k->unit, &d->item, &d->in, u->id, u->assist_resident, now, &lj.posting);
	if (!e)
		e = db_write(db, link_fn, &lj);
	if (!e)
		e = posting_publish(db, lj.posting, u->id, u->assist_resident, now);
	return e;
}

enum app_err consult_signoff(struct db *db, struct arena *a, const struct user *u, int64_t id,
			     const struct signoff_input *in, const char *base_url, int64_t now, struct problems *pr)
{
	struct dbc *c;
	struct consultation k;
	enum app_err e = acting(db, a, u, id, true, &c, &k, pr);
	if (e)
		return e;
	if (k.status == CNS_PUBLISHED) {
		/* signed already: a disclosure that failed is tried again */
		struct disclosure d;
		if (k.posting_id || !disclosure_of(a, c, &k, base_url, now, &d, pr)) {
			problems_add(pr, "", msg(MSG_CS_ALREADY_PUBLISHED));
			return APP_ECONFLICT;
		}
		return pr->n ? APP_EINVAL : disclose(db, u, &k, &d, now);
	}
	enum consult_phase ph = consult_phase(&k, cal_today((time_t)now));
	if (ph != CP_CLOSED) {
		problems_add(pr, "", ph == CP_DRAFT ? msg(MSG_CS_NOT_OPEN) : msg(MSG_CS_STILL_OPEN));
		return APP_ECONFLICT;
	}
	if (k.answered < k.comments)
		problems_add(pr, "", arena_printf(pr->a, "%s: %lld.", msg(MSG_CS_UNANSWERED), (long long)(k.comments - k.answered)));
	if (!len_ok(in->decision, REASON_MIN, CONSULT_TEXT_MAX))
		problems_add(pr, "decision", msg(MSG_CS_BAD_DECISION));
	const char **kept;
	size_t nkept;
	if ((e = consult_against_majority(a, c, &k, &kept, &nkept)))
		return e;
	bool against = in->against_majority || nkept;
	if (against && !len_ok(in->majority_reasons, REASON_MIN, CONSULT_TEXT_MAX)) {
		struct buf b;
		buf_init(&b);
		for (size_t i = 0; i < nkept; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", kept[i]);
		problems_add(pr, "majority_reasons",
			     nkept ? arena_printf(pr->a, "%s %s.", msg(MSG_CS_REASONS_KEPT), buf_str(&b)) : msg(MSG_CS_REASONS_NEEDED));
		buf_reset(&b);
	}
	if (pr->n)
		return k.answered < k.comments ? APP_ECONFLICT : APP_EINVAL;
	/* the disclosure checked before anything is written */
	k.decision = in->decision;
	k.against_majority = against;
	k.majority_reasons = against ? in->majority_reasons : "";
	struct disclosure d;
	bool disclosed = disclosure_of(a, c, &k, base_url, now, &d, pr);
	if (pr->n)
		return APP_EINVAL;
	struct signoff_job j = {u, &k, in, against, now};
	if ((e = db_write(db, signoff_fn, &j))) {
		if (e == APP_ECONFLICT)
			problems_add(pr, "", msg(MSG_CS_ALREADY_PUBLISHED));
		return e;
	}
	return disclosed ? disclose(db, u, &k, &d, now) : APP_OK;
}

struct person_job {
	const struct user *u;
	const struct consultation *k;
	int64_t person, now;
	bool heard;
	const char *hearing;
	const struct consult_person *p;
};

static enum app_err person_fn(struct dbc *c, void *arg)
{
	struct person_job *j = arg;
	int64_t day = cal_today((time_t)j->now);
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_PERSON_SET);
	db_bind_i64(s, 1, j->person);
	db_bind_i64(s, 2, j->k->id);
	db_bind_i64(s, 3, j->heard ? (j->p->notified_day ? j->p->notified_day : day) : day);
	db_bind_i64(s, 4, j->heard ? day : j->p->heard_day);
	db_bind_text(s, 5, j->heard ? j->hearing : j->p->hearing);
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	if (e || !row)
		return e ? e : APP_ENOTFOUND;
	return record(c, j->k, j->u, j->heard ? "consultation.hear" : "consultation.notify",
		      json_pack("{s:I}", "person", (json_int_t)j->person), false, j->now);
}

enum app_err consult_person_record(struct db *db, const struct user *u, int64_t id, int64_t person, bool heard,
				   const char *hearing, int64_t now, struct problems *pr)
{
	struct dbc *c;
	struct arena a;
	arena_init(&a);
	struct consultation k;
	struct consult_person *pv;
	size_t n = 0;
	enum app_err e = db_conn(db, &c);
	if (!e)
		e = consult_get(&a, c, id, &k);
	if (!e && !consult_may_run(u, &k.unit)) {
		problems_add(pr, "", msg(MSG_CS_WHO));
		e = APP_EFORBID;
	}
	if (!e)
		e = consult_persons(&a, c, id, &pv, &n);
	const struct consult_person *p = NULL;
	for (size_t i = 0; !e && i < n; i++)
		if (pv[i].id == person)
			p = &pv[i];
	if (!e && !p)
		e = APP_ENOTFOUND;
	if (!e && heard && !len_ok(hearing, REASON_MIN, CONSULT_TEXT_MAX)) {
		problems_add(pr, "hearing", msg(MSG_CS_BAD_HEARING));
		e = APP_EINVAL;
	}
	struct person_job j = {u, &k, person, now, heard, hearing, p};
	if (!e)
		e = db_write(db, person_fn, &j);
	arena_free(&a);
	return e;
}
