/*
 * projects.c — the commune's public register of investment projects (public
 * investment, PPP, community-funded, sponsored: Law 10/2022 Art. 41(1)), the
 * tracker residents follow: budget and sources, investor, contractor,
 * location, dates, milestones, progress in percent with its history. A
 * project with parts takes its progress from them: weighted where every part
 * has a weight, else their mean. Ending a project dissolves its supervision
 * board in the same write (Art. 41(1)).
 */
#include "oversight.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdlib.h>
#include <string.h>

const char *const project_kind_names[PK__N] = {"public", "ppp", "community", "sponsored"};
const enum msg_id project_kind_labels[PK__N] = {MSG_OV_PK_PUBLIC, MSG_OV_PK_PPP, MSG_OV_PK_COMMUNITY, MSG_OV_PK_SPONSORED};
const char *const project_status_names[PS__N] = {"ongoing", "done", "suspended"};
const enum msg_id project_status_labels[PS__N] = {MSG_OV_PS_ONGOING, MSG_OV_PS_DONE, MSG_OV_PS_SUSPENDED};

int64_t project_rollup(const int64_t *progress, const int64_t *weight, size_t n, bool *weighted)
{
	*weighted = n > 0;
	for (size_t i = 0; i < n; i++)
		if (weight[i] <= 0)
			*weighted = false;
	if (!n)
		return 0;
	int64_t num = 0, den = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t w = *weighted ? weight[i] : 1;
		num += progress[i] * w;
		den += w;
	}
	return (num * 2 + den) / (den * 2); /* to the nearest percent */
}

static void project_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct project *p = out;
	const char *kind, *status;
	db_cols(s, a, 0, DB_COL(&p->id), DB_COL(&p->parent_id), DB_COL(&p->title), DB_COL(&p->sources), DB_COL(&p->investor),
		DB_COL(&p->contractor), DB_COL(&p->location), DB_COL(&kind), DB_COL(&status), DB_COL(&p->budget),
		DB_COL(&p->start_day), DB_COL(&p->end_day), DB_COL(&p->weight), DB_COL(&p->own_progress), DB_COL(&p->done_day),
		DB_COL(&p->updated_at), DB_COL(&p->board_id));
	int k = ov_name_index(project_kind_names, PK__N, kind);
	p->kind = k < 0 ? PK_PUBLIC : (enum project_kind)k;
	k = ov_name_index(project_status_names, PS__N, status);
	p->status = k < 0 ? PS_ONGOING : (enum project_status)k;
	p->progress = p->own_progress;
	units_read_at(a, s, 17, &p->unit);
}

/* The progress of each project of v from its parts (any depth), computed
 * bottom-up: a part's id is always larger than its parent's. */
static void rollup_all(struct arena *a, struct project *v, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		size_t np = 0;
		for (size_t k = i + 1; k < n; k++)
			np += v[k].parent_id == v[i].id;
		if (!np)
			continue;
		int64_t *pg = arena_alloc(a, np * sizeof *pg), *wt = arena_alloc(a, np * sizeof *wt);
		size_t j = 0;
		for (size_t k = i + 1; k < n; k++)
			if (v[k].parent_id == v[i].id)
				pg[j] = v[k].progress, wt[j++] = v[k].weight;
		v[i].nparts = (int)np;
		v[i].progress = project_rollup(pg, wt, np, &v[i].weighted);
	}
}

enum app_err projects_of(struct arena *a, struct dbc *c, const struct unit *unit, struct project **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_PROJECTS_OF);
	db_bind_i64(s, 1, unit->id);
	enum app_err e = db_get_rows(s, a, project_read, sizeof **out, (void **)out, n);
	if (!e)
		rollup_all(a, *out, *n);
	return e;
}

enum app_err project_get(struct arena *a, struct dbc *c, int64_t id, struct project *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_PROJECT_GET);
	db_bind_i64(s, 1, id);
	enum app_err e = db_get_row(s, a, project_read, out);
	if (e)
		return e;
	/* its progress from the whole register (parts of parts) */
	struct project *all;
	size_t n;
	if ((e = projects_of(a, c, &out->unit, &all, &n)))
		return e;
	for (size_t i = 0; i < n; i++)
		if (all[i].id == id)
			out->progress = all[i].progress, out->nparts = all[i].nparts, out->weighted = all[i].weighted;
	return APP_OK;
}

enum app_err project_parts(struct arena *a, struct dbc *c, int64_t id, struct project **out, size_t *n)
{
	struct project p;
	struct project *all;
	size_t na;
	enum app_err e = project_get(a, c, id, &p);
	if (e || (e = projects_of(a, c, &p.unit, &all, &na)))
		return e;
	*out = arena_alloc(a, (na + 1) * sizeof **out);
	*n = 0;
	for (size_t i = 0; i < na; i++)
		if (all[i].parent_id == id)
			(*out)[(*n)++] = all[i];
	return APP_OK;
}

static void milestone_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct milestone *m = out;
	db_cols(s, a, 0, DB_COL(&m->id), DB_COL(&m->due_day), DB_COL(&m->done_day), DB_COL(&m->title));
}

enum app_err project_milestones(struct arena *a, struct dbc *c, int64_t id, struct milestone **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_MILESTONES);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, milestone_read, sizeof **out, (void **)out, n);
}

static void progress_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct progress_entry *p = out;
	db_cols(s, a, 0, DB_COL(&p->day), DB_COL(&p->percent), DB_COL(&p->at), DB_COL(&p->note), DB_COL(&p->by));
}

enum app_err project_history(struct arena *a, struct dbc *c, int64_t id, struct progress_entry **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_OV_PROGRESS_LIST);
	db_bind_i64(s, 1, id);
	return db_get_rows(s, a, progress_read, sizeof **out, (void **)out, n);
}

/* ---- writes ---- */

struct project_job {
	const struct user *u;
	const struct unit *unit;
	const char *kind, *payload; /* the event */
	int64_t now, id;
	/* create */
	const char *title, *fold, *pkind, *sources, *investor, *contractor, *location;
	int64_t parent, budget, start, end, weight;
	/* progress, milestones, finish */
	int64_t percent, day;
	const char *note;
	int64_t milestone;
	int step; /* 0 create, 1 progress, 2 milestone, 3 milestone done, 4 finish */
};

static enum app_err project_event(struct dbc *c, const struct project_job *j)
{
	struct event ev = {.actor = j->u->id, .on_behalf = j->u->assist_resident, .unit = j->unit->id, .kind = j->kind,
			   .about = "project", .about_id = j->id, .public = true, .payload = j->payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

static enum app_err project_fn(struct dbc *c, void *arg)
{
	struct project_job *j = arg;
	enum app_err e = APP_OK;
	struct db_stmt *s;
	switch (j->step) {
	case 0:
		s = dbc_stmt(c, STMT_OV_PROJECT_INSERT);
		db_bind_i64(s, 1, j->unit->id);
		db_bind_id(s, 2, j->parent);
		db_bind_text(s, 3, j->title);
		db_bind_text(s, 4, j->fold);
		db_bind_text(s, 5, j->pkind);
		db_bind_i64(s, 6, j->budget);
		db_bind_text(s, 7, j->sources);
		db_bind_text(s, 8, j->investor);
		db_bind_text(s, 9, j->contractor);
		db_bind_text(s, 10, j->location);
		db_bind_i64(s, 11, j->start);
		db_bind_i64(s, 12, j->end);
		db_bind_i64(s, 13, j->weight);
		db_bind_i64(s, 14, j->u->id);
		db_bind_i64(s, 15, j->now);
		j->id = db_one_i64(s, 0, &e);
		break;
	case 1:
		if (!(e = db_run(c, STMT_OV_PROJECT_PROGRESS_SET, "iii", j->id, j->percent, j->now)))
			e = db_run(c, STMT_OV_PROGRESS_INSERT, "iiitii", j->id, j->day, j->percent, j->note, j->u->id, j->now);
		break;
	case 2:
		e = db_run(c, STMT_OV_MILESTONE_INSERT, "iti", j->id, j->note, j->day);
		break;
	case 3:
		s = dbc_stmt(c, STMT_OV_MILESTONE_DONE);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, j->milestone);
		db_bind_i64(s, 3, j->day);
		if (!db_one_i64(s, 0, &e) && !e)
			e = APP_ECONFLICT;
		break;
	case 4:
		if (!(e = db_run(c, STMT_OV_PROJECT_FINISH, "iii", j->id, j->day, j->now)))
			e = db_run(c, STMT_OV_BOARD_DISSOLVE_PROJECT, "iit", j->id, j->day, msg(MSG_OV_DISSOLVED_DONE));
		break;
	}
	return e ? e : project_event(c, j);
}

static bool text_field(struct problems *pr, const char *field, const char *v, size_t lo, size_t hi)
{
	size_t n = v ? str_utf8_len(v) : 0;
	if (n < lo || n > hi || (v && strchr(v, '<'))) {
		problems_add(pr, field, arena_printf(pr->a, "%s %zu–%zu %s", msg(MSG_OV_TEXT_LEN), lo, hi, msg(MSG_OV_CHARS)));
		return false;
	}
	return true;
}

static bool date_of(struct problems *pr, const char *field, const char *v, int64_t *day)
{
	if (!v || !cal_parse_date(v, day)) {
		problems_add(pr, field, msg(MSG_OV_BAD_DATE));
		return false;
	}
	return true;
}

enum app_err project_create(struct db *db, const struct user *u, const struct unit *unit, const struct project_input *in,
			    int64_t now, int64_t *id, struct problems *pr)
{
	struct arena *a = pr->a;
	if (!units_kind_is_commune_level(unit->kind)) {
		problems_add(pr, "", msg(MSG_OV_PROJECTS_COMMUNE));
		return APP_EINVAL;
	}
	if (!ov_may_projects(u, unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_PROJECTS));
		return APP_EFORBID;
	}
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct project_job j = {.u = u, .unit = unit, .kind = "project.create", .now = now};
	size_t before = pr->n;
	j.title = ov_text(a, in->title);
	text_field(pr, "title", j.title, 5, 300);
	int k = ov_name_index(project_kind_names, PK__N, in->kind);
	if (k < 0)
		problems_add(pr, "kind", msg(MSG_OV_BAD_PROJECT_KIND));
	j.pkind = k < 0 ? "" : project_kind_names[k];
	if (!in->budget || str_to_i64(in->budget, 0, INT64_MAX / 4, &j.budget))
		problems_add(pr, "budget", msg(MSG_OV_BAD_BUDGET));
	j.sources = ov_text(a, in->sources);
	j.investor = ov_text(a, in->investor);
	j.contractor = ov_text(a, in->contractor);
	j.location = ov_text(a, in->location);
	text_field(pr, "sources", j.sources, 0, 500);
	text_field(pr, "investor", j.investor, 2, 300);
	text_field(pr, "contractor", j.contractor, 0, 300);
	text_field(pr, "location", j.location, 0, 300);
	bool s_ok = date_of(pr, "start", in->start, &j.start), e_ok = date_of(pr, "end", in->end, &j.end);
	if (s_ok && e_ok && j.end < j.start)
		problems_add(pr, "end", msg(MSG_OV_END_BEFORE));
	if (in->weight && *in->weight && str_to_i64(in->weight, 0, 1000000, &j.weight))
		problems_add(pr, "weight", msg(MSG_OV_BAD_WEIGHT));
	if (in->parent && *in->parent) {
		struct project p;
		if (str_to_i64(in->parent, 1, INT64_MAX, &j.parent) || project_get(a, c, j.parent, &p) || p.unit.id != unit->id)
			problems_add(pr, "parent", msg(MSG_OV_BAD_PARENT));
		else if (s_ok && e_ok && (j.start < p.start_day || j.end > p.end_day))
			problems_add(pr, "start", msg(MSG_OV_PART_OUTSIDE));
	}
	if (pr->n > before)
		return APP_EINVAL;
	j.fold = str_fold(j.title);
	const char *fold = arena_strdup(a, j.fold);
	free((char *)j.fold);
	j.fold = fold;
	j.payload = arena_printf(a, "{\"budget\":%lld,\"start_day\":%lld,\"end_day\":%lld}", (long long)j.budget,
				 (long long)j.start, (long long)j.end);
	if ((e = db_write(db, project_fn, &j)))
		return e;
	if (id)
		*id = j.id;
	return APP_OK;
}

/* The project of an act and whether u keeps its register. */
static enum app_err project_for(struct db *db, const struct user *u, int64_t id, struct project *p, struct dbc **c,
				struct problems *pr)
{
	enum app_err e = db_conn(db, c);
	if (e || (e = project_get(pr->a, *c, id, p)))
		return e;
	if (!ov_may_projects(u, &p->unit)) {
		problems_add(pr, "", msg(MSG_OV_WHO_PROJECTS));
		return APP_EFORBID;
	}
	return APP_OK;
}

/* A day of an act: "" today; never before the project's start nor in the future. */
static bool act_day(struct problems *pr, const char *field, const char *v, const struct project *p, int64_t now, int64_t *day)
{
	int64_t today = cal_today((time_t)now);
	if (!v || !*v)
		*day = today;
	else if (!date_of(pr, field, v, day))
		return false;
	if (*day < p->start_day) {
		problems_add(pr, field, msg(MSG_OV_BEFORE_START));
		return false;
	}
	if (*day > today) {
		problems_add(pr, field, msg(MSG_OV_FUTURE));
		return false;
	}
	return true;
}

enum app_err project_progress(struct db *db, const struct user *u, int64_t id, const char *percent, const char *day,
			      const char *note, int64_t now, struct problems *pr)
{
	struct project p;
	struct dbc *c;
	enum app_err e = project_for(db, u, id, &p, &c, pr);
	if (e)
		return e;
	struct project_job j = {.u = u, .unit = &p.unit, .kind = "project.progress", .now = now, .id = id, .step = 1};
	size_t before = pr->n;
	if (p.nparts)
		problems_add(pr, "percent", msg(MSG_OV_HAS_PARTS));
	else if (!percent || str_to_i64(percent, 0, 100, &j.percent))
		problems_add(pr, "percent", msg(MSG_OV_BAD_PERCENT));
	if (p.status == PS_DONE)
		problems_add(pr, "", msg(MSG_OV_PROJECT_DONE));
	act_day(pr, "day", day, &p, now, &j.day);
	j.note = ov_text(pr->a, note);
	text_field(pr, "note", j.note, 0, 1000);
	if (pr->n > before)
		return APP_EINVAL;
	j.payload = arena_printf(pr->a, "{\"percent\":%lld,\"day\":%lld}", (long long)j.percent, (long long)j.day);
	return db_write(db, project_fn, &j);
}

enum app_err project_milestone_add(struct db *db, const struct user *u, int64_t id, const char *title, const char *due,
				   int64_t now, struct problems *pr)
{
	struct project p;
	struct dbc *c;
	enum app_err e = project_for(db, u, id, &p, &c, pr);
	if (e)
		return e;
	struct project_job j = {.u = u, .unit = &p.unit, .kind = "project.milestone", .now = now, .id = id, .step = 2};
	size_t before = pr->n;
	j.note = ov_text(pr->a, title);
	text_field(pr, "title", j.note, 3, 300);
	if (date_of(pr, "due", due, &j.day)) {
		if (j.day < p.start_day)
			problems_add(pr, "due", msg(MSG_OV_MILESTONE_BEFORE));
		else if (j.day > p.end_day)
			problems_add(pr, "due", msg(MSG_OV_MILESTONE_AFTER));
	}
	if (pr->n > before)
		return APP_EINVAL;
	j.payload = arena_printf(pr->a, "{\"due_day\":%lld}", (long long)j.day);
	return db_write(db, project_fn, &j);
}

enum app_err project_milestone_done(struct db *db, const struct user *u, int64_t id, int64_t milestone, const char *day,
				    int64_t now, struct problems *pr)
{
	struct project p;
	struct dbc *c;
	enum app_err e = project_for(db, u, id, &p, &c, pr);
	if (e)
		return e;
	struct project_job j = {.u = u, .unit = &p.unit, .kind = "project.milestone_done", .now = now, .id = id, .step = 3,
				.milestone = milestone};
	if (!act_day(pr, "day", day, &p, now, &j.day))
		return APP_EINVAL;
	j.payload = arena_printf(pr->a, "{\"milestone\":%lld,\"day\":%lld}", (long long)milestone, (long long)j.day);
	e = db_write(db, project_fn, &j);
	if (e == APP_ECONFLICT)
		problems_add(pr, "", msg(MSG_OV_MILESTONE_DONE_ALREADY));
	return e;
}

enum app_err project_finish(struct db *db, const struct user *u, int64_t id, const char *day, int64_t now,
			    struct problems *pr)
{
	struct project p;
	struct dbc *c;
	enum app_err e = project_for(db, u, id, &p, &c, pr);
	if (e)
		return e;
	struct project_job j = {.u = u, .unit = &p.unit, .kind = "project.finish", .now = now, .id = id, .step = 4};
	if (p.status == PS_DONE) {
		problems_add(pr, "", msg(MSG_OV_PROJECT_DONE));
		return APP_ECONFLICT;
	}
	if (!act_day(pr, "day", day, &p, now, &j.day))
		return APP_EINVAL;
	j.payload = arena_printf(pr->a, "{\"done_day\":%lld}", (long long)j.day);
	return db_write(db, project_fn, &j);
}
