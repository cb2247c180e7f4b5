/*
 * measures.c — courses, attendance, outreach, regulations, who must be
 * trained, and the indicators computed from them (measures.h).
 */
#include "measures.h"
#include "../report.h"
#include "../auth/auth.h"
#include "../boards/boards.h"
#include "../conventions/conventions.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../util/csv.h"
#include "../util/xlsx.h"
#include "../util/str.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char *const course_forms[] = {"in_person", "online"};
const char *const outreach_kinds[] = {"conference", "broadcast", "poster", "online", "contest", "meeting"};
const char *const award_kinds[] = {"commendation", "model", "violation"};
const char *const award_levels[] = {"central", "province", "commune", "unit"};
const char *const award_handlings[] = {"pending", "administrative", "disciplinary", "criminal", "compensation"};
const char *const budget_activities[] = {"training", "outreach", "contest", "it", "awards", "boards", "other"};
const char *const budget_sources[] = {"state", "socialised"};
const char *const relay_kinds[] = {"front", "mass_org", "respected_person", "other"};
const char *const relay_channels[] = {"loudspeaker", "meeting", "door_to_door", "zalo", "facebook", "phone", "other"};

/* The index of v in names[0..n), -1 when absent. */
static int name_index(const char *const *names, int n, const char *v)
{
	for (int k = 0; k < n; k++)
		if (str_eq(v, names[k]))
			return k;
	return -1;
}

bool measures_may_record(const struct user *u, const struct unit *unit)
{
	return u && (auth_caps_at(u, unit->path) & CAP_MEASURES);
}

/* The rows of a statement over u's subtree (its ?1, ?2), read by read. */
static enum app_err rows_under(struct arena *a, struct dbc *c, const struct unit *u, enum stmt_id id, db_row_fn read,
			       size_t size, void **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, id);
	db_bind_subtree(s, 1, 2, u->path);
	return db_get_rows(s, a, read, size, out, n);
}

/* The permission every record of a measure needs: false after saying why. */
static bool may_or_refuse(const struct user *u, const struct unit *unit, enum msg_id why, struct problems *pr)
{
	if (measures_may_record(u, unit))
		return true;
	problems_add(pr, "", msg(why));
	return false;
}

static const char *fold(struct arena *a, const char *s)
{
	char *f = str_fold(s);
	const char *r = arena_strdup(a, f ? f : "");
	free(f);
	return r;
}

/* ---- who must be trained ---- */

struct trained {
	int64_t unit_id;
	const char *fold;
	int64_t ends;
};
static int trained_cmp(const void *x, const void *y)
{
	const struct trained *a = x, *b = y;
	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	return strcmp(a->fold, b->fold);
}

static void duty_add(struct arena *a, struct duty_person **v, size_t *n, size_t *cap, const struct unit *unit,
		     const char *name, const char *why, bool officer)
{
	const char *f = fold(a, name);
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].unit.id == unit->id && !strcmp((*v)[i].name_fold, f)) {
			(*v)[i].officer |= officer;
			return; /* one person holding two duties is trained once */
		}
	*v = arena_grow(a, *v, *n, cap, sizeof **v);
	(*v)[(*n)++] = (struct duty_person){.unit = *unit, .name = name, .name_fold = f, .why = why, .officer = officer};
}

/* The commune-level units at and below u (u itself when it is one). */
static enum app_err communes_under(struct arena *a, struct dbc *c, const struct unit *u, struct unit **out, size_t *n)
{
	if (units_kind_is_commune_level(u->kind)) {
		*out = arena_alloc(a, sizeof **out);
		(*out)[0] = *u;
		*n = 1;
		return APP_OK;
	}
	*out = NULL;
	*n = 0;
	if (strcmp(u->kind, "province"))
		return APP_OK;
	struct unit *k;
	size_t nk;
	enum app_err e = units_children(a, c, u->id, &k, &nk);
	if (e)
		return e;
	*out = arena_alloc(a, (nk ? nk : 1) * sizeof **out);
	for (size_t i = 0; i < nk; i++)
		if (units_kind_is_commune_level(k[i].kind))
			(*out)[(*n)++] = k[i];
	return APP_OK;
}

enum app_err duty_people(struct arena *a, struct dbc *c, const struct unit *u, int64_t now, int64_t before,
			 struct duty_person **out, size_t *n)
{
	struct duty_person *v = NULL;
	size_t nv = 0, cap = 0;
	/* accounts holding a duty role at u or below */
	struct db_stmt *s = dbc_stmt(c, STMT_MS_ROLES_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		struct unit at;
		units_read_at(a, s, 0, &at);
		const char *role = db_col_text(s, 8);
		if (!auth_role_is_duty(role))
			continue;
		const char *name = arena_strdup(a, db_col_text(s, 7));
		const char *why = msg_role(role);
		duty_add(a, &v, &nv, &cap, &at, name, why,
			 units_kind_is_commune_level(at.kind) || !strcmp(at.kind, "province"));
	}
	db_reset(s);
	if (e)
		return e;
	/* the inspection board members elected in the villages (Law Art. 36) */
	struct unit *cs;
	size_t ncs;
	if ((e = communes_under(a, c, u, &cs, &ncs)))
		return e;
	if (units_kind_is_village(u->kind)) {
		struct unit parent;
		if ((e = units_get(a, c, u->parent_code, &parent)))
			return e;
		cs = arena_alloc(a, sizeof *cs);
		cs[0] = parent;
		ncs = 1;
	}
	for (size_t i = 0; i < ncs; i++) {
		struct board b;
		if ((e = board_get(a, c, &cs[i], now, &b)))
			return e;
		for (size_t k = 0; k < b.nv; k++) {
			if (units_kind_is_village(u->kind) && b.v[k].village.id != u->id)
				continue;
			for (size_t m = 0; m < b.v[k].nmember; m++)
				duty_add(a, &v, &nv, &cap, &b.v[k].village, b.v[k].members[m], msg(MSG_MS_WHY_BOARD), false);
		}
	}
	/* the drafting teams of conventions being made (Decree 61/2023 Art. 8), one
	 * person a line, what follows the name in brackets left out */
	struct convention *cv;
	size_t ncv;
	if ((e = conventions_under(a, c, u, &cv, &ncv)))
		return e;
	for (size_t i = 0; i < ncv; i++) {
		if (cv[i].stage < CV_DRAFTING || cv[i].stage > CV_SENT)
			continue;
		char *team = arena_strdup(a, cv[i].team);
		for (char *save = NULL, *line = strtok_r(team, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *paren = strchr(line, '(');
			if (paren)
				*paren = 0;
			char *name = NULL;
			str_clean(line, strlen(line), &name);
			if (name && *name)
				duty_add(a, &v, &nv, &cap, &cv[i].village, arena_strdup(a, name), msg(MSG_MS_WHY_TEAM), false);
			free(name);
		}
	}
	/* who completed a course, and when */
	struct trained *t = NULL;
	size_t nt = 0, tcap = 0;
	s = dbc_stmt(c, STMT_MS_TRAINED_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, before ? before : INT64_MAX / 2);
	while (!(e = db_step(s, &row)) && row) {
		t = arena_grow(a, t, nt, &tcap, sizeof *t);
		t[nt++] = (struct trained){db_col_i64(s, 0), arena_strdup(a, db_col_text(s, 1)), db_col_i64(s, 2)};
	}
	db_reset(s);
	if (e)
		return e;
	if (nt)
		qsort(t, nt, sizeof *t, trained_cmp);
	for (size_t i = 0; i < nv; i++) {
		struct trained key = {v[i].unit.id, v[i].name_fold, 0};
		const struct trained *f = nt ? bsearch(&key, t, nt, sizeof *t, trained_cmp) : NULL;
		v[i].trained_on = f ? f->ends : 0;
	}
	*out = v;
	*n = nv;
	return APP_OK;
}

/* ---- writes: one job shape for the three records ---- */

struct rec_job {
	const struct user *u;
	const struct unit *unit;
	enum stmt_id stmt;
	const char *fmt; /* db binding letters after unit_id */
	const char *v[6];
	int64_t iv[4];
	const char *kind; /* event kind */
	const char *about;
	int64_t now, id;
};

static enum app_err rec_fn(struct dbc *c, void *arg)
{
	struct rec_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, j->stmt);
	db_bind_i64(s, 1, j->unit->id);
	int idx = 2, sv = 0, ii = 0;
	for (const char *f = j->fmt; *f; f++, idx++)
		if (*f == 't')
			db_bind_text(s, idx, j->v[sv++]);
		else
			db_bind_i64(s, idx, j->iv[ii++]);
	db_bind_i64(s, idx++, j->now);
	db_bind_i64(s, idx, j->u->id);
	enum app_err e;
	j->id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	struct event ev = {.actor = j->u->id, .on_behalf = j->u->assist_resident, .unit = j->unit->id, .kind = j->kind,
			   .about = j->about, .about_id = j->id, .public = true, .at = j->now};
	return events_add(c, &ev, NULL);
}

static bool need(struct problems *pr, const char *field, const char *v, size_t max, enum msg_id m)
{
	if (!v || !*v || str_utf8_len(v) > max) {
		problems_add(pr, field, msg(m));
		return false;
	}
	return true;
}

static bool day_of(struct problems *pr, const char *field, const char *v, int64_t *day)
{
	if (!v || !cal_parse_date(v, day)) {
		problems_add(pr, field, msg(MSG_MS_BAD_DATE));
		return false;
	}
	return true;
}

enum app_err course_create(struct db *db, const struct user *u, const struct unit *unit, const struct course_input *in,
			   int64_t now, int64_t *id, struct problems *pr)
{
	if (!may_or_refuse(u, unit, MSG_MS_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	need(pr, "title", in->title, 300, MSG_MS_BAD_TITLE);
	int form = name_index(course_forms, 2, in->form);
	if (form < 0)
		problems_add(pr, "form", msg(MSG_MS_BAD_FORM));
	int64_t d0 = 0, d1 = 0;
	bool ok0 = day_of(pr, "starts", in->starts, &d0), ok1 = day_of(pr, "ends", in->ends, &d1);
	if (ok0 && ok1 && d1 < d0)
		problems_add(pr, "ends", msg(MSG_MS_ENDS_BEFORE));
	if (ok1 && d1 > cal_today((time_t)now) + 366)
		problems_add(pr, "ends", msg(MSG_MS_TOO_FAR));
	if (pr->n > before)
		return APP_EINVAL;
	struct rec_job j = {.u = u, .unit = unit, .stmt = STMT_MS_COURSE_INSERT, .fmt = "tttttii",
			    .v = {in->title, in->topic ? in->topic : "", in->organiser ? in->organiser : "", course_forms[form],
				  in->groups ? in->groups : ""},
			    .iv = {d0, d1}, .kind = "measures.course", .about = "course", .now = now};
	enum app_err e = db_write(db, rec_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void course_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct course *o = out;
	const char *form;
	db_cols(s, a, 0, DB_COL(&o->id), DB_COL(&o->title), DB_COL(&o->topic), DB_COL(&o->organiser), DB_COL(&o->groups),
		DB_COL(&form), DB_COL(&o->starts), DB_COL(&o->ends), DB_COL(&o->participants), DB_COL(&o->completed));
	o->form = !strcmp(form, "online") ? COURSE_ONLINE : COURSE_IN_PERSON;
	units_read_at(a, s, 10, &o->unit);
}

enum app_err course_get(struct arena *a, struct dbc *c, int64_t id, struct course *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MS_COURSE_GET);
	db_bind_i64(s, 1, id);
	enum app_err e = db_row(s);
	if (!e)
		course_read(a, s, out);
	db_reset(s);
	return e;
}

enum app_err courses_under(struct arena *a, struct dbc *c, const struct unit *u, struct course **out, size_t *n)
{
	return rows_under(a, c, u, STMT_MS_COURSES_UNDER, course_read, sizeof **out, (void **)out, n);
}

static void participant_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct participant *p = out;
	units_read_at(a, s, 0, &p->unit);
	db_cols(s, a, 7, DB_COL(&p->name), DB_COL(&p->certificate), DB_COL(&p->completed));
}

enum app_err course_participants(struct arena *a, struct dbc *c, int64_t course_id, struct participant **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MS_PARTICIPANTS);
	db_bind_i64(s, 1, course_id);
	return db_get_rows(s, a, participant_read, sizeof **out, (void **)out, n);
}

/* ---- attendance import ---- */

struct att_row {
	int64_t unit_id;
	const char *name, *fold, *certificate;
	bool completed;
};
struct att_job {
	int64_t course_id;
	struct att_row *rows;
	size_t n;
	const struct user *u;
	int64_t unit_id, now;
};

static enum app_err att_fn(struct dbc *c, void *arg)
{
	struct att_job *j = arg;
	enum app_err e = APP_OK;
	for (size_t i = 0; i < j->n && !e; i++)
		e = db_run(c, STMT_MS_PARTICIPANT_PUT, "iittit", j->course_id, j->rows[i].unit_id, j->rows[i].name,
			   j->rows[i].fold, (int64_t)j->rows[i].completed, j->rows[i].certificate);
	if (e)
		return e;
	char payload[96];
	snprintf(payload, sizeof payload, "{\"rows\":%zu}", j->n);
	struct event ev = {.actor = j->u->id, .on_behalf = j->u->assist_resident, .unit = j->unit_id,
			   .kind = "measures.attendance", .about = "course", .about_id = j->course_id, .public = true,
			   .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

/* Whether a person of that folded name is known at the unit. */
static enum app_err person_known(struct arena *a, struct dbc *c, const struct unit *unit, const char *f, int64_t now,
				 bool *known)
{
	*known = false;
	struct duty_person *d;
	size_t nd;
	enum app_err e = duty_people(a, c, unit, now, 0, &d, &nd);
	for (size_t i = 0; i < nd && !e && !*known; i++)
		*known = d[i].unit.id == unit->id && !strcmp(d[i].name_fold, f);
	if (!e && !*known && units_kind_is_village(unit->kind)) {
		struct db_stmt *s = dbc_stmt(c, STMT_MS_RESIDENT_NAMED);
		db_bind_i64(s, 1, unit->id);
		db_bind_text(s, 2, f);
		*known = db_one_i64(s, 0, &e) > 0;
	}
	return e;
}

static bool yes_no(const char *v, bool *out)
{
	char *f = str_fold(v ? v : "");
	bool ok = true;
	if (f && (!strcmp(f, "1") || !strcmp(f, "co") || !strcmp(f, "x") || !strcmp(f, "dat")))
		*out = true;
	else if (f && (!strcmp(f, "0") || !strcmp(f, "khong") || !strcmp(f, "") || !strcmp(f, "chua dat")))
		*out = false;
	else
		ok = false;
	free(f);
	return ok;
}

#define ATT_MAX_ROWS 5000

enum app_err course_import(struct db *db, const struct user *u, int64_t course_id, const char *data, size_t len,
			   int64_t now, int64_t *added, struct problems *pr)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena *a = pr->a;
	struct course co;
	if ((e = course_get(a, c, course_id, &co)))
		return e;
	if (!may_or_refuse(u, &co.unit, MSG_MS_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	/* an XLSX list: its first sheet, read as CSV (its rows are the lines reported) */
	if (xlsx_is(data, len)) {
		struct buf x = {0};
		if (xlsx_first_sheet_csv(data, len, &x)) {
			free(x.p);
			problems_add(pr, "file", msg(MSG_MS_BAD_XLSX));
			return APP_EINVAL;
		}
		len = x.n;
		data = arena_strndup(a, x.p ? x.p : "", x.n);
		free(x.p);
	}
	if (!str_utf8_valid(data, len)) {
		problems_add(pr, "file", msg(MSG_MS_NOT_UTF8));
		return APP_EINVAL;
	}
	struct csv cv;
	csv_init(&cv, data, len);
	int col[4];
	static const char *const names[4] = {"ma_don_vi", "ho_ten", "hoan_thanh", "so_chung_chi"};
	if (csv_header(&cv, names, 4, col)) {
		problems_add(pr, "file", msg(MSG_MS_EMPTY_FILE));
		csv_free(&cv);
		return APP_EINVAL;
	}
	for (int m = 0; m < 3; m++)
		if (col[m] < 0)
			problems_add(pr, "file", arena_printf(a, "%s %s", msg(MSG_MS_MISSING_COLUMN), names[m]));
	if (pr->n > before) {
		csv_free(&cv);
		return APP_EINVAL;
	}
	struct att_row *rows = NULL;
	size_t n = 0, cap = 0;
	while (!(e = csv_next(&cv))) {
		const char *line = "file"; /* the form's one field; the message names the line */
		const char *lv = arena_printf(a, "%s %d: ", msg(MSG_TG_LINE), cv.rec_line);
		if (n == ATT_MAX_ROWS) {
			problems_add(pr, line, arena_printf(a, "%s%s", lv, msg(MSG_MS_TOO_MANY_ROWS)));
			break;
		}
		const char *fv[4];
		for (int m = 0; m < 4; m++)
			fv[m] = col[m] >= 0 && (size_t)col[m] < cv.nfield ? cv.field[col[m]] : "";
		char *name = NULL;
		str_clean(fv[1], strlen(fv[1]), &name);
		struct unit unit;
		enum app_err ue = units_get(a, c, fv[0], &unit);
		bool completed = false, bad = false;
		if (ue == APP_ENOTFOUND || (!ue && !str_starts(unit.path, co.unit.path))) {
			problems_add(pr, line, arena_printf(a, "%s%s «%s»", lv, msg(MSG_MS_UNIT_OUTSIDE), fv[0]));
			bad = true;
		} else if (ue) {
			free(name);
			csv_free(&cv);
			return ue;
		}
		if (!name || !*name || str_utf8_len(name) > 200) {
			problems_add(pr, line, arena_printf(a, "%s%s", lv, msg(MSG_MS_BAD_NAME)));
			bad = true;
		}
		if (!yes_no(fv[2], &completed)) {
			problems_add(pr, line, arena_printf(a, "%s%s «%s»", lv, msg(MSG_MS_BAD_COMPLETED), fv[2]));
			bad = true;
		}
		if (!bad) {
			const char *f = fold(a, name);
			bool known;
			if ((e = person_known(a, c, &unit, f, now, &known))) {
				free(name);
				csv_free(&cv);
				return e;
			}
			if (!known) {
				problems_add(pr, line, arena_printf(a, "%s%s «%s» (%s)", lv, msg(MSG_MS_UNKNOWN_PERSON), name, unit.title));
			} else {
				for (size_t i = 0; i < n; i++)
					if (rows[i].unit_id == unit.id && !strcmp(rows[i].fold, f))
						problems_add(pr, line, arena_printf(a, "%s%s «%s»", lv, msg(MSG_MS_TWICE), name));
				rows = arena_grow(a, rows, n, &cap, sizeof *rows);
				rows[n++] = (struct att_row){unit.id, arena_strdup(a, name), f, arena_strdup(a, fv[3]), completed};
			}
		}
		free(name);
	}
	csv_free(&cv);
	if (e == APP_EINVAL)
		problems_add(pr, "file", msg(MSG_MS_BAD_CSV));
	else if (e != APP_ENOTFOUND && e)
		return e;
	if (!n && pr->n == before)
		problems_add(pr, "file", msg(MSG_MS_EMPTY_FILE));
	if (pr->n > before)
		return APP_EINVAL;
	struct att_job j = {.course_id = course_id, .rows = rows, .n = n, .u = u, .unit_id = co.unit.id, .now = now};
	if ((e = db_write(db, att_fn, &j)))
		return e;
	*added = (int64_t)n;
	return APP_OK;
}

/* ---- outreach ---- */

enum app_err outreach_create(struct db *db, const struct user *u, const struct unit *unit,
			     const struct outreach_input *in, int64_t now, int64_t *id, struct problems *pr)
{
	if (!may_or_refuse(u, unit, MSG_MS_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	int kind = name_index(outreach_kinds, OUTREACH_NKINDS, in->kind);
	if (kind < 0)
		problems_add(pr, "kind", msg(MSG_MS_BAD_KIND));
	need(pr, "title", in->title, 300, MSG_MS_BAD_TITLE);
	int64_t day = 0, reach = 0;
	if (day_of(pr, "held_on", in->held_on, &day) && day > cal_today((time_t)now))
		problems_add(pr, "held_on", msg(MSG_MS_FUTURE));
	if (in->reach && *in->reach && str_to_i64(in->reach, 0, 100000000, &reach))
		problems_add(pr, "reach", msg(MSG_MS_BAD_REACH));
	if (pr->n > before)
		return APP_EINVAL;
	struct rec_job j = {.u = u, .unit = unit, .stmt = STMT_MS_OUTREACH_INSERT, .fmt = "ttiti",
			    .v = {outreach_kinds[kind], in->title, in->audience ? in->audience : ""},
			    .iv = {day, reach}, .kind = "measures.outreach", .about = "outreach", .now = now};
	enum app_err e = db_write(db, rec_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void outreach_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct outreach *o = out;
	db_cols(s, a, 0, DB_COL(&o->id), DB_COL(&o->kind), DB_COL(&o->title), DB_COL(&o->audience), DB_COL(&o->held_on),
		DB_COL(&o->reach));
	units_read_at(a, s, 6, &o->unit);
}

enum app_err outreach_under(struct arena *a, struct dbc *c, const struct unit *u, struct outreach **out, size_t *n)
{
	return rows_under(a, c, u, STMT_MS_OUTREACH_UNDER, outreach_read, sizeof **out, (void **)out, n);
}

/* ---- regulations ---- */

static bool regulation_kind_fits(const char *kind, const char *unit_kind)
{
	if (!strcmp(kind, "measures_resolution"))
		return units_kind_is_commune_level(unit_kind); /* Art. 86(1)(a) */
	if (!strcmp(kind, "regulation"))
		return units_kind_is_commune_level(unit_kind) || !strcmp(unit_kind, "agency") ||
		       !strcmp(unit_kind, "public_unit") || !strcmp(unit_kind, "employer");
	return false;
}

enum app_err regulation_create(struct db *db, const struct user *u, const struct unit *unit,
			       const struct regulation_input *in, int64_t now, int64_t *id, struct problems *pr)
{
	if (!may_or_refuse(u, unit, MSG_MS_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	if (!in->kind || (strcmp(in->kind, "regulation") && strcmp(in->kind, "measures_resolution")))
		problems_add(pr, "kind", msg(MSG_MS_BAD_REG_KIND));
	else if (!regulation_kind_fits(in->kind, unit->kind))
		problems_add(pr, "kind", msg(MSG_MS_REG_NOT_HERE));
	need(pr, "number", in->number, 60, MSG_MS_BAD_NUMBER);
	need(pr, "title", in->title, 300, MSG_MS_BAD_TITLE);
	int64_t day = 0;
	if (day_of(pr, "issued_on", in->issued_on, &day) && day > cal_today((time_t)now))
		problems_add(pr, "issued_on", msg(MSG_MS_FUTURE));
	if (pr->n > before)
		return APP_EINVAL;
	struct rec_job j = {.u = u, .unit = unit, .stmt = STMT_MS_REG_INSERT, .fmt = "ttti",
			    .v = {in->kind, in->number, in->title}, .iv = {day}, .kind = "measures.regulation",
			    .about = "regulation", .now = now};
	enum app_err e = db_write(db, rec_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void regulation_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct regulation *g = out;
	db_cols(s, a, 0, DB_COL(&g->id), DB_COL(&g->kind), DB_COL(&g->number), DB_COL(&g->title), DB_COL(&g->issued_on));
	units_read_at(a, s, 5, &g->unit);
}

enum app_err regulations_under(struct arena *a, struct dbc *c, const struct unit *u, struct regulation **out, size_t *n)
{
	return rows_under(a, c, u, STMT_MS_REG_UNDER, regulation_read, sizeof **out, (void **)out, n);
}

/* ---- the information network ---- */

enum app_err relay_create(struct db *db, const struct user *u, const struct unit *unit, const struct relay_input *in,
			  int64_t now, int64_t *id, struct problems *pr)
{
	if (!may_or_refuse(u, unit, MSG_MS_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	if (!units_kind_is_commune_level(unit->kind) && !units_kind_is_village(unit->kind))
		problems_add(pr, "", msg(MSG_MS_NET_WHERE));
	int kind = name_index(relay_kinds, RELAY_NKINDS, in->kind);
	if (kind < 0)
		problems_add(pr, "kind", msg(MSG_MS_BAD_KIND));
	need(pr, "name", in->name, 300, MSG_MS_BAD_RELAY_NAME);
	int nch = 0;
	bool bad = false;
	char *list = arena_strdup(pr->a, in->channels ? in->channels : "");
	for (char *save = NULL, *t = strtok_r(list, " ,", &save); t; t = strtok_r(NULL, " ,", &save))
		bad |= name_index(relay_channels, RELAY_NCHANNELS, t) < 0, nch++;
	if (!nch || bad)
		problems_add(pr, "channels", msg(MSG_MS_BAD_CHANNELS));
	int64_t reach = 0;
	if (in->reach && *in->reach && str_to_i64(in->reach, 0, 10000000, &reach))
		problems_add(pr, "reach", msg(MSG_MS_BAD_REACH));
	if (in->contact && str_utf8_len(in->contact) > 200)
		problems_add(pr, "contact", msg(MSG_MS_BAD_CONTACT));
	if (pr->n > before)
		return APP_EINVAL;
	struct rec_job j = {.u = u, .unit = unit, .stmt = STMT_MS_NETWORK_INSERT, .fmt = "tttit",
			    .v = {relay_kinds[kind], in->name, in->channels, in->contact ? in->contact : ""}, .iv = {reach},
			    .kind = "measures.network", .about = "relay", .now = now};
	enum app_err e = db_write(db, rec_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void relay_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct relay *r = out;
	db_cols(s, a, 0, DB_COL(&r->id), DB_COL(&r->kind), DB_COL(&r->name), DB_COL(&r->channels), DB_COL(&r->reach),
		DB_COL(&r->contact));
	units_read_at(a, s, 6, &r->unit);
}

enum app_err relays_under(struct arena *a, struct dbc *c, const struct unit *u, struct relay **out, size_t *n)
{
	return rows_under(a, c, u, STMT_MS_NETWORK_UNDER, relay_read, sizeof **out, (void **)out, n);
}

/* ---- awards and violations ---- */

enum app_err award_create(struct db *db, const struct user *u, const struct unit *unit, const struct award_input *in,
			  int64_t now, int64_t *id, struct problems *pr)
{
	if (!may_or_refuse(u, unit, MSG_MS_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	int kind = name_index(award_kinds, AWARD_NKINDS, in->kind);
	if (kind < 0)
		problems_add(pr, "kind", msg(MSG_MS_BAD_KIND));
	need(pr, "recipient", in->recipient, 300, MSG_MS_BAD_RECIPIENT);
	need(pr, "reason", in->reason, 2000, MSG_MS_BAD_REASON);
	int level = -1, handling = -1;
	if (kind == 0 && (level = name_index(award_levels, AWARD_NLEVELS, in->level)) < 0)
		problems_add(pr, "level", msg(MSG_MS_BAD_LEVEL));
	/* a commendation is a decision (Law on Emulation and Commendation): its number is required */
	if (kind == 0)
		need(pr, "decision", in->decision, 100, MSG_MS_BAD_DECISION);
	else if (in->decision && str_utf8_len(in->decision) > 100)
		problems_add(pr, "decision", msg(MSG_MS_BAD_DECISION));
	/* Art. 10: every violation is handled by one of the law's means, or is still pending */
	if (kind == 2 && (handling = name_index(award_handlings, AWARD_NHANDLINGS, in->handling)) < 0)
		problems_add(pr, "handling", msg(MSG_MS_BAD_HANDLING));
	int64_t day = 0;
	if (day_of(pr, "decided_on", in->decided_on, &day) && day > cal_today((time_t)now))
		problems_add(pr, "decided_on", msg(MSG_MS_FUTURE));
	if (pr->n > before)
		return APP_EINVAL;
	struct rec_job j = {.u = u, .unit = unit, .stmt = STMT_MS_AWARD_INSERT, .fmt = "ttitttit",
			    .v = {award_kinds[kind], in->recipient, level >= 0 ? award_levels[level] : "", in->reason,
				  in->decision ? in->decision : "", handling >= 0 ? award_handlings[handling] : ""},
			    .iv = {str_eq(in->collective, "1") || str_eq(in->collective, "on"), day},
			    .kind = kind == 2 ? "measures.violation" : "measures.award", .about = "award", .now = now};
	enum app_err e = db_write(db, rec_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void award_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct award *w = out;
	db_cols(s, a, 0, DB_COL(&w->id), DB_COL(&w->kind), DB_COL(&w->recipient), DB_COL(&w->collective), DB_COL(&w->level),
		DB_COL(&w->reason), DB_COL(&w->decision), DB_COL(&w->decided_on), DB_COL(&w->handling));
	units_read_at(a, s, 9, &w->unit);
}

enum app_err awards_under(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
			  struct award **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MS_AWARDS_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	return db_get_rows(s, a, award_read, sizeof **out, (void **)out, n);
}

/* ---- the budget ---- */

enum app_err budget_put(struct db *db, const struct user *u, const struct unit *unit, const struct budget_input *in,
			int64_t now, int64_t *id, struct problems *pr)
{
	if (!may_or_refuse(u, unit, MSG_MS_BUDGET_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)now), &y, &m, &d);
	int64_t year = 0, estimate = 0;
	if (!in->year || str_to_i64(in->year, y - 5, y + 1, &year))
		problems_add(pr, "year", msg(MSG_MS_BAD_YEAR));
	int activity = name_index(budget_activities, BUDGET_NACTIVITIES, in->activity);
	if (activity < 0)
		problems_add(pr, "activity", msg(MSG_MS_BAD_ACTIVITY));
	int source = name_index(budget_sources, 2, in->source);
	if (source < 0)
		problems_add(pr, "source", msg(MSG_MS_BAD_SOURCE));
	if (!in->estimate || str_to_i64(in->estimate, 0, 1000000000000000LL, &estimate))
		problems_add(pr, "estimate", msg(MSG_MS_BAD_AMOUNT));
	if (pr->n > before)
		return APP_EINVAL;
	struct rec_job j = {.u = u, .unit = unit, .stmt = STMT_MS_BUDGET_PUT, .fmt = "itti",
			    .v = {budget_activities[activity], budget_sources[source]}, .iv = {year, estimate},
			    .kind = "measures.budget", .about = "budget_line", .now = now};
	enum app_err e = db_write(db, rec_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void budget_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct budget_line *l = out;
	db_cols(s, a, 0, DB_COL(&l->id), DB_COL(&l->year), DB_COL(&l->activity), DB_COL(&l->source), DB_COL(&l->estimate),
		DB_COL(&l->spent));
	units_read_at(a, s, 6, &l->unit);
}

enum app_err budget_lines_under(struct arena *a, struct dbc *c, const struct unit *u, int year, struct budget_line **out,
				size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MS_BUDGET_UNDER);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, year);
	return db_get_rows(s, a, budget_read, sizeof **out, (void **)out, n);
}

struct spend_job {
	const struct user *u;
	const struct budget_line *line;
	int64_t day, amount, now;
	const char *note;
};

static enum app_err spend_fn(struct dbc *c, void *arg)
{
	struct spend_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_MS_SPENDING_INSERT);
	db_bind_i64(s, 1, j->line->id);
	db_bind_i64(s, 2, j->day);
	db_bind_i64(s, 3, j->amount);
	db_bind_text(s, 4, j->note);
	db_bind_i64(s, 5, j->now);
	db_bind_i64(s, 6, j->u->id);
	enum app_err e;
	int64_t id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	char payload[96];
	snprintf(payload, sizeof payload, "{\"line\":%lld,\"amount\":%lld}", (long long)j->line->id, (long long)j->amount);
	struct event ev = {.actor = j->u->id, .on_behalf = j->u->assist_resident, .unit = j->line->unit.id,
			   .kind = "measures.spending", .about = "spending", .about_id = id, .public = true,
			   .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

enum app_err spending_add(struct db *db, const struct user *u, int64_t line_id, const struct spending_input *in,
			  int64_t now, struct budget_line *line, struct problems *pr)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct budget_line l;
	struct db_stmt *s = dbc_stmt(c, STMT_MS_BUDGET_LINE);
	db_bind_i64(s, 1, line_id);
	if ((e = db_get_row(s, pr->a, budget_read, &l)))
		return e;
	*line = l;
	/* spending is recorded by the line's unit or those above it, never across units */
	if (!may_or_refuse(u, &l.unit, MSG_MS_BUDGET_WHO, pr))
		return APP_EFORBID;
	size_t before = pr->n;
	struct spend_job j = {.u = u, .line = &l, .now = now, .note = in->note ? in->note : ""};
	if (day_of(pr, "spent_on", in->spent_on, &j.day)) {
		int y, m, d;
		cal_civil_from_days(j.day, &y, &m, &d);
		if (y != l.year)
			problems_add(pr, "spent_on", msg(MSG_MS_SPENT_YEAR));
		else if (j.day > cal_today((time_t)now))
			problems_add(pr, "spent_on", msg(MSG_MS_FUTURE));
	}
	if (!in->amount || str_to_i64(in->amount, 1, 1000000000000000LL, &j.amount))
		problems_add(pr, "amount", msg(MSG_MS_BAD_AMOUNT));
	if (str_utf8_len(j.note) > 500)
		problems_add(pr, "note", msg(MSG_MS_BAD_NOTE));
	if (pr->n > before)
		return APP_EINVAL;
	return db_write(db, spend_fn, &j);
}

/* ---- indicators ---- */

/* Indicator training.trained (target T1; Law Art. 8(1)): of everyone at the
 * unit and below who must be trained, those who completed a course that
 * ended before the period's end. */
enum app_err measures_indicator_trained(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					int64_t now, struct indicator_value *out)
{
	struct duty_person *d;
	size_t n;
	enum app_err e = duty_people(a, c, u, now, to, &d, &n);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		bool ok = d[i].trained_on != 0;
		out->den++;
		out->num += ok;
		indicator_record_add(a, out, arena_printf(a, "/units/%s/training", d[i].unit.code),
				     arena_printf(a, "%s — %s, %s", d[i].name, d[i].why, d[i].unit.title), ok);
	}
	return APP_OK;
}

/* Indicator training.officers (target T3, "every assigned officer attended a
 * course"): of the commune and province officers assigned democracy work,
 * those who completed a course that ended in the period. */
enum app_err measures_indicator_officers(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					 int64_t now, struct indicator_value *out)
{
	struct duty_person *d;
	size_t n;
	enum app_err e = duty_people(a, c, u, now, to, &d, &n);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		if (!d[i].officer)
			continue;
		bool ok = d[i].trained_on >= from;
		out->den++;
		out->num += ok;
		indicator_record_add(a, out, arena_printf(a, "/units/%s/training", d[i].unit.code),
				     arena_printf(a, "%s — %s, %s", d[i].name, d[i].why, d[i].unit.title), ok);
	}
	return APP_OK;
}

/* Indicator outreach.units (target T3; Art. 8(2)): of the communes and wards
 * at or below the unit, those where an outreach or legal-education activity
 * was held (at the commune or one of its villages) in the period. */
enum app_err measures_indicator_outreach(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					 int64_t now, struct indicator_value *out)
{
	struct unit *cs;
	size_t ncs;
	enum app_err e = communes_under(a, c, u, &cs, &ncs);
	if (e)
		return e;
	const char **paths = NULL;
	size_t np = 0, cap = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_MS_OUTREACH_PATHS);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	bool row;
	while (!(e = db_step(s, &row)) && row) {
		paths = arena_grow(a, paths, np, &cap, sizeof *paths);
		paths[np++] = arena_strdup(a, db_col_text(s, 0));
	}
	db_reset(s);
	if (e)
		return e;
	for (size_t i = 0; i < ncs; i++) {
		bool ok = false;
		for (size_t k = 0; k < np && !ok; k++)
			ok = str_starts(paths[k], cs[i].path);
		out->den++;
		out->num += ok;
		indicator_record_add(a, out, arena_printf(a, "/units/%s/outreach", cs[i].code), cs[i].title, ok);
	}
	return APP_OK;
}

/* The units of a subtree with a record of that kind issued before day to. */
static enum app_err reg_units(struct arena *a, struct dbc *c, const struct unit *u, const char *kind, int64_t to,
			      int64_t **ids, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MS_REG_UNITS);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_text(s, 3, kind);
	db_bind_i64(s, 4, to);
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		*ids = arena_grow(a, *ids, *n, &cap, sizeof **ids);
		(*ids)[(*n)++] = db_col_i64(s, 0);
	}
	db_reset(s);
	return e;
}

static bool has_id(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

/* Indicator regulations.in_force (target T4; Law Arts. 5, 44, 62): of the
 * communes and wards and the agencies, public units and employers attached
 * to them (or to the province) at or below the unit, those that issued their
 * democracy regulation before the period's end. */
enum app_err measures_indicator_regulation(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					   int64_t to, int64_t now, struct indicator_value *out)
{
	int64_t *ids;
	size_t nids;
	enum app_err e = reg_units(a, c, u, "regulation", to, &ids, &nids);
	if (e)
		return e;
	/* the units that must have one: u's kind, its children, their children */
	struct unit *lvl = arena_alloc(a, sizeof *lvl);
	lvl[0] = *u;
	size_t nl = 1;
	for (int depth = 0; depth < 3 && nl; depth++) {
		struct unit *next = NULL;
		size_t nn = 0, cap = 0;
		for (size_t i = 0; i < nl; i++) {
			if (regulation_kind_fits("regulation", lvl[i].kind)) {
				bool ok = has_id(ids, nids, lvl[i].id);
				out->den++;
				out->num += ok;
				indicator_record_add(a, out, arena_printf(a, "/units/%s/regulations", lvl[i].code), lvl[i].title, ok);
			}
			if (units_kind_is_village(lvl[i].kind) || depth == 2)
				continue;
			struct unit *k;
			size_t nk;
			if ((e = units_children(a, c, lvl[i].id, &k, &nk)))
				return e;
			for (size_t j = 0; j < nk; j++)
				if (!units_kind_is_village(k[j].kind)) {
					next = arena_grow(a, next, nn, &cap, sizeof *next);
					next[nn++] = k[j];
				}
		}
		lvl = next;
		nl = nn;
	}
	return APP_OK;
}

/* Indicator regulations.measures_resolution (target T4; Art. 86(1)(a)): of the
 * communes and wards at or below the unit, those whose People's Council
 * issued its resolution on measures before the period's end. */
enum app_err measures_indicator_resolution(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					   int64_t to, int64_t now, struct indicator_value *out)
{
	int64_t *ids;
	size_t nids;
	struct unit *cs;
	size_t ncs;
	enum app_err e = reg_units(a, c, u, "measures_resolution", to, &ids, &nids);
	if (!e)
		e = communes_under(a, c, u, &cs, &ncs);
	if (e)
		return e;
	for (size_t i = 0; i < ncs; i++) {
		bool ok = has_id(ids, nids, cs[i].id);
		out->den++;
		out->num += ok;
		indicator_record_add(a, out, arena_printf(a, "/units/%s/regulations", cs[i].code), cs[i].title, ok);
	}
	return APP_OK;
}

/* ---- the annual report (report.h) ---- */

static const char *num_s(struct arena *a, int64_t v)
{
	return arena_printf(a, "%lld", (long long)v);
}

/* "12.5" percent of part over whole (a table's number), "" without a whole */
static const char *pct_s(struct arena *a, int64_t part, int64_t whole)
{
	if (whole <= 0)
		return "";
	int64_t pm = (part * 1000 + whole / 2) / whole;
	return arena_printf(a, "%lld.%lld", (long long)(pm / 10), (long long)(pm % 10));
}

/* The same in a sentence, as Vietnamese writes it: "12,5 %", "0 %" without a whole */
static const char *pct_text(struct arena *a, int64_t part, int64_t whole)
{
	int64_t pm = whole > 0 ? (part * 1000 + whole / 2) / whole : 0;
	return arena_printf(a, "%lld,%lld %%", (long long)(pm / 10), (long long)(pm % 10));
}

/* 1.234.567 */
static const char *count_text(struct arena *a, int64_t v)
{
	char s[STR_COUNT_LEN];
	str_count_vn(v, s);
	return arena_strdup(a, s);
}

static enum app_err report_training(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				    int64_t now, struct report *out)
{
	struct duty_person *d;
	size_t nd;
	struct course *cs;
	size_t nc;
	enum app_err e = duty_people(a, c, u, now, to, &d, &nd);
	if (!e)
		e = courses_under(a, c, u, &cs, &nc);
	if (e)
		return e;
	size_t trained = 0, officers = 0, officers_trained = 0;
	for (size_t i = 0; i < nd; i++) {
		trained += d[i].trained_on != 0;
		officers += d[i].officer;
		officers_trained += d[i].officer && d[i].trained_on;
	}
	struct report_section *s = report_section_add(out, msg(MSG_MS_TRAINING));
	report_para(out, s, "%s %zu; %s %zu (%s); %s %zu/%zu.", msg(MSG_MS_RP_MUST), nd, msg(MSG_MS_RP_TRAINED), trained,
		    pct_text(a, (int64_t)trained, (int64_t)nd), msg(MSG_MS_RP_OFFICERS), officers_trained, officers);
	size_t n = 0;
	for (size_t i = 0; i < nc; i++)
		n += cs[i].ends >= from && cs[i].starts < to;
	if (!n) {
		report_para(out, s, "%s", msg(MSG_MS_RP_NO_COURSE));
		return APP_OK;
	}
	static const double w[5] = {40, 25, 16, 10, 10};
	static const bool num[5] = {false, false, false, true, true};
	const char **head = arena_alloc(a, 5 * sizeof *head);
	head[0] = msg(MSG_MS_COURSE_TITLE), head[1] = msg(MSG_MS_ORGANISER), head[2] = msg(MSG_MS_RP_DATES);
	head[3] = msg(MSG_MS_RP_PARTICIPANTS), head[4] = msg(MSG_MS_RP_COMPLETED);
	const char **cell = report_table_add(out, s, msg(MSG_MS_RP_COURSES_SHEET), 5, head, w, num, n);
	for (size_t i = 0, k = 0; i < nc; i++) {
		if (cs[i].ends < from || cs[i].starts >= to)
			continue;
		char d0[11], d1[11];
		cal_format_vn(cs[i].starts, d0);
		cal_format_vn(cs[i].ends, d1);
		const char **row = &cell[k++ * 5];
		row[0] = cs[i].title;
		row[1] = *cs[i].organiser ? cs[i].organiser : cs[i].unit.title;
		row[2] = arena_printf(a, "%s–%s", d0, d1);
		row[3] = num_s(a, cs[i].participants);
		row[4] = num_s(a, cs[i].completed);
	}
	return APP_OK;
}

static const enum msg_id outreach_kind_labels[OUTREACH_NKINDS] = {MSG_MS_OR_CONFERENCE, MSG_MS_OR_BROADCAST,
								   MSG_MS_OR_POSTER,	 MSG_MS_OR_ONLINE,
								   MSG_MS_OR_CONTEST,	 MSG_MS_OR_MEETING};

static enum app_err report_outreach(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				    struct report *out)
{
	struct outreach *o;
	size_t n;
	enum app_err e = outreach_under(a, c, u, &o, &n);
	if (e)
		return e;
	int64_t cnt[OUTREACH_NKINDS] = {0}, reach[OUTREACH_NKINDS] = {0}, total = 0, people = 0;
	for (size_t i = 0; i < n; i++) {
		int k = name_index(outreach_kinds, OUTREACH_NKINDS, o[i].kind);
		if (k < 0 || o[i].held_on < from || o[i].held_on >= to)
			continue;
		cnt[k]++, reach[k] += o[i].reach, total++, people += o[i].reach;
	}
	struct report_section *s = report_section_add(out, msg(MSG_MS_OUTREACH));
	report_para(out, s, "%s %s, %s %s.", msg(MSG_MS_RP_ACTIVITIES), count_text(a, total), msg(MSG_MS_RP_REACH),
		    count_text(a, people));
	static const double w[3] = {40, 15, 15};
	static const bool num[3] = {false, true, true};
	const char **head = arena_alloc(a, 3 * sizeof *head);
	head[0] = msg(MSG_MS_KIND), head[1] = msg(MSG_MS_RP_COUNT), head[2] = msg(MSG_MS_REACH);
	const char **cell = report_table_add(out, s, msg(MSG_MS_RP_OUTREACH_SHEET), 3, head, w, num, OUTREACH_NKINDS);
	for (int k = 0; k < OUTREACH_NKINDS; k++) {
		cell[k * 3] = msg(outreach_kind_labels[k]);
		cell[k * 3 + 1] = num_s(a, cnt[k]);
		cell[k * 3 + 2] = num_s(a, reach[k]);
	}
	return APP_OK;
}

static enum app_err report_rules_and_awards(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					    int64_t to, struct report *out)
{
	struct regulation *g;
	size_t ng;
	struct award *aw;
	size_t na;
	enum app_err e = regulations_under(a, c, u, &g, &ng);
	if (!e)
		e = awards_under(a, c, u, from, to, &aw, &na);
	if (e)
		return e;
	size_t reg = 0, res = 0, reg_year = 0, res_year = 0;
	for (size_t i = 0; i < ng; i++) {
		if (g[i].issued_on >= to)
			continue;
		bool r = !strcmp(g[i].kind, "regulation");
		reg += r, res += !r;
		reg_year += r && g[i].issued_on >= from;
		res_year += !r && g[i].issued_on >= from;
	}
	struct report_section *s = report_section_add(out, msg(MSG_MS_REGULATIONS));
	report_para(out, s, "%s %zu (%s %zu); %s %zu (%s %zu).", msg(MSG_MS_RP_REGULATIONS), reg, msg(MSG_MS_RP_THIS_YEAR),
		    reg_year, msg(MSG_MS_RP_RESOLUTIONS), res, msg(MSG_MS_RP_THIS_YEAR), res_year);
	s = report_section_add(out, msg(MSG_MS_AWARDS));
	size_t cnt[AWARD_NKINDS] = {0};
	for (size_t i = 0; i < na; i++)
		cnt[name_index(award_kinds, AWARD_NKINDS, aw[i].kind) >= 0 ? name_index(award_kinds, AWARD_NKINDS, aw[i].kind)
									   : 0]++;
	report_para(out, s, "%s %zu; %s %zu; %s %zu.", msg(MSG_MS_AW_COMMENDATION), cnt[0], msg(MSG_MS_AW_MODEL), cnt[1],
		    msg(MSG_MS_AW_VIOLATION), cnt[2]);
	if (!na)
		return APP_OK;
	static const double w[5] = {15, 15, 28, 40, 20};
	const char **head = arena_alloc(a, 5 * sizeof *head);
	head[0] = msg(MSG_MS_DECIDED_ON), head[1] = msg(MSG_MS_KIND), head[2] = msg(MSG_MS_RECIPIENT);
	head[3] = msg(MSG_MS_REASON), head[4] = msg(MSG_MS_DECISION_OR_HANDLING);
	static const enum msg_id kinds[AWARD_NKINDS] = {MSG_MS_AW_COMMENDATION, MSG_MS_AW_MODEL, MSG_MS_AW_VIOLATION};
	static const enum msg_id hd[AWARD_NHANDLINGS] = {MSG_MS_HD_PENDING, MSG_MS_HD_ADMINISTRATIVE, MSG_MS_HD_DISCIPLINARY,
							 MSG_MS_HD_CRIMINAL, MSG_MS_HD_COMPENSATION};
	const char **cell = report_table_add(out, s, msg(MSG_MS_RP_AWARDS_SHEET), 5, head, w, NULL, na);
	for (size_t i = 0; i < na; i++) {
		char day[11];
		cal_format_vn(aw[i].decided_on, day);
		int k = name_index(award_kinds, AWARD_NKINDS, aw[i].kind), h = name_index(award_handlings, AWARD_NHANDLINGS, aw[i].handling);
		const char **row = &cell[i * 5];
		row[0] = arena_strdup(a, day);
		row[1] = k >= 0 ? msg(kinds[k]) : aw[i].kind;
		row[2] = arena_printf(a, "%s (%s)", aw[i].recipient, aw[i].unit.title);
		row[3] = aw[i].reason;
		row[4] = h >= 0 ? arena_printf(a, "%s%s%s", msg(hd[h]), *aw[i].decision ? " — " : "", aw[i].decision) : aw[i].decision;
	}
	return APP_OK;
}

static enum app_err report_budget(struct arena *a, struct dbc *c, const struct unit *u, int year, struct report *out)
{
	struct budget_line *l;
	size_t n;
	enum app_err e = budget_lines_under(a, c, u, year, &l, &n);
	if (e)
		return e;
	struct report_section *s = report_section_add(out, msg(MSG_MS_BUDGET));
	int64_t est[BUDGET_NACTIVITIES][2] = {{0}}, sp[BUDGET_NACTIVITIES][2] = {{0}}, te = 0, ts = 0;
	for (size_t i = 0; i < n; i++) {
		int k = name_index(budget_activities, BUDGET_NACTIVITIES, l[i].activity), src = !strcmp(l[i].source, "socialised");
		if (k < 0)
			continue;
		est[k][src] += l[i].estimate, sp[k][src] += l[i].spent, te += l[i].estimate, ts += l[i].spent;
	}
	report_para(out, s, "%s %s đ; %s %s đ; %s %s.", msg(MSG_MS_ESTIMATE), count_text(a, te), msg(MSG_MS_SPENT),
		    count_text(a, ts), msg(MSG_MS_EXECUTION), pct_text(a, ts, te));
	static const double w[6] = {36, 14, 14, 14, 14, 10};
	static const bool num[6] = {false, true, true, true, true, true};
	const char **head = arena_alloc(a, 6 * sizeof *head);
	head[0] = msg(MSG_MS_ACTIVITY_B);
	head[1] = arena_printf(a, "%s — %s", msg(MSG_MS_ESTIMATE), msg(MSG_MS_SRC_STATE));
	head[2] = arena_printf(a, "%s — %s", msg(MSG_MS_SPENT), msg(MSG_MS_SRC_STATE));
	head[3] = arena_printf(a, "%s — %s", msg(MSG_MS_ESTIMATE), msg(MSG_MS_SRC_SOCIALISED));
	head[4] = arena_printf(a, "%s — %s", msg(MSG_MS_SPENT), msg(MSG_MS_SRC_SOCIALISED));
	head[5] = arena_printf(a, "%s (%%)", msg(MSG_MS_EXECUTION));
	static const enum msg_id acts[BUDGET_NACTIVITIES] = {MSG_MS_BA_TRAINING, MSG_MS_BA_OUTREACH, MSG_MS_BA_CONTEST,
							     MSG_MS_BA_IT,	 MSG_MS_BA_AWARDS,   MSG_MS_BA_BOARDS,
							     MSG_MS_BA_OTHER};
	const char **cell = report_table_add(out, s, msg(MSG_MS_RP_BUDGET_SHEET), 6, head, w, num, BUDGET_NACTIVITIES);
	for (int k = 0; k < BUDGET_NACTIVITIES; k++) {
		const char **row = &cell[k * 6];
		row[0] = msg(acts[k]);
		row[1] = num_s(a, est[k][0]), row[2] = num_s(a, sp[k][0]);
		row[3] = num_s(a, est[k][1]), row[4] = num_s(a, sp[k][1]);
		row[5] = pct_s(a, sp[k][0] + sp[k][1], est[k][0] + est[k][1]);
	}
	return APP_OK;
}

enum app_err measures_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			     struct report *out)
{
	int64_t from = cal_days_from_civil(year, 1, 1), to = cal_days_from_civil(year + 1, 1, 1);
	enum app_err e = report_training(a, c, u, from, to, now, out);
	if (!e)
		e = report_outreach(a, c, u, from, to, out);
	if (!e)
		e = report_rules_and_awards(a, c, u, from, to, out);
	if (!e)
		e = report_budget(a, c, u, year, out);
	return e;
}
