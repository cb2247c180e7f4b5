/*
 * targets.c — resolutions stored and found, targets computed from the
 * modules' indicators, rolled up, and snapshotted each quarter (targets.h).
 */
#include "targets.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../util/cal.h"
#include "../util/crypto.h"
#include "../util/log.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool targets_may_load(const struct user *u, const struct unit *issuer)
{
	return u && (auth_caps_at(u, issuer->path) & CAP_MEASURES) &&
	       (!strcmp(issuer->kind, "province") || units_kind_is_commune_level(issuer->kind));
}

/* A stored row (RES_COLS) parsed back into *out. A file that no longer
 * parses (an indicator this binary does not know) is a database error. */
static enum app_err res_read(struct arena *a, struct db_stmt *s, struct resolution *out)
{
	int64_t id, loaded_at;
	const char *code, *title, *source;
	db_cols(s, a, 0, DB_COL(&id), DB_COL(&code), DB_COL(&title), DB_COL(&source), DB_COL(&loaded_at));
	struct problems pr = {.a = a};
	if (resolution_parse(a, source, strlen(source), out, &pr)) {
		log_msg(LOG_ERROR, "targets: stored resolution %lld no longer reads: %s", (long long)id,
			pr.n ? pr.v[0].message : "?");
		return APP_EDB;
	}
	out->id = id;
	out->issuer_title = title;
	out->loaded_at = loaded_at;
	return APP_OK;
}

struct load_job {
	const struct user *u;
	const struct resolution *r;
	const struct unit *issuer;
	int64_t now, id;
	struct problems *pr;
};

static enum app_err load_fn(struct dbc *c, void *arg)
{
	struct load_job *j = arg;
	const struct resolution *r = j->r;
	struct db_stmt *s = dbc_stmt(c, STMT_RES_SAME);
	db_bind_i64(s, 1, j->issuer->id);
	db_bind_text(s, 2, r->code);
	db_bind_i64(s, 3, r->effective);
	enum app_err e;
	if (db_one_i64(s, 0, &e) || e) {
		if (!e)
			problems_add(j->pr, "file", msg(MSG_TG_LOADED_ALREADY));
		return e ? e : APP_ECONFLICT;
	}
	char hex[CRYPTO_HASH_HEX];
	crypto_sha256_hex(r->source, strlen(r->source), hex);
	s = dbc_stmt(c, STMT_RES_INSERT);
	db_bind_i64(s, 1, j->issuer->id);
	db_bind_text(s, 2, r->code);
	db_bind_text(s, 3, r->title);
	db_bind_i64(s, 4, r->effective);
	db_bind_i64(s, 5, r->year_from);
	db_bind_i64(s, 6, r->year_to);
	db_bind_text(s, 7, r->source);
	db_bind_text(s, 8, hex);
	db_bind_i64(s, 9, j->now);
	if (j->u)
		db_bind_i64(s, 10, j->u->id);
	else
		db_bind_null(s, 10);
	j->id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	char eff[11];
	cal_format_iso(r->effective, eff);
	json_t *p = json_pack("{s:s, s:s, s:s, s:I, s:s}", "code", r->code, "effective", eff, "sha256", hex, "targets",
			      (json_int_t)r->nt, "title", r->title);
	char *payload = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(p);
	struct event ev = {.actor = j->u ? j->u->id : 0, .unit = j->issuer->id, .kind = "targets.resolution",
			   .about = "resolution", .about_id = j->id, .public = true, .payload = payload, .at = j->now};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

enum app_err targets_load(struct db *db, const struct user *u, const char *text, size_t len, int64_t now, int64_t *id,
			  struct problems *pr)
{
	struct arena a;
	arena_init(&a);
	struct resolution r;
	enum app_err e = resolution_parse(pr->a, text, len, &r, pr);
	struct unit issuer;
	struct dbc *c;
	if (!e && !(e = db_conn(db, &c))) {
		e = units_get(&a, c, r.issuer, &issuer);
		if (e == APP_ENOTFOUND) {
			problems_add(pr, "file", arena_printf(pr->a, "%s «%s»", msg(MSG_TG_NO_ISSUER), r.issuer));
			e = APP_EINVAL;
		} else if (!e && strcmp(issuer.kind, "province") && !units_kind_is_commune_level(issuer.kind)) {
			problems_add(pr, "file", arena_printf(pr->a, "%s «%s»", msg(MSG_TG_ISSUER_KIND), r.issuer));
			e = APP_EINVAL;
		} else if (!e && u && !targets_may_load(u, &issuer)) {
			problems_add(pr, "", msg(MSG_TG_WHO_LOADS));
			e = APP_EFORBID;
		}
	}
	if (!e) {
		struct load_job j = {.u = u, .r = &r, .issuer = &issuer, .now = now, .pr = pr};
		e = db_write(db, load_fn, &j);
		if (!e && id)
			*id = j.id;
	}
	arena_free(&a);
	return e;
}

static enum app_err res_rows(struct arena *a, struct db_stmt *s, struct resolution **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		if ((e = res_read(a, s, &(*out)[*n])))
			break;
		(*n)++;
	}
	db_reset(s);
	return e;
}

enum app_err targets_resolutions(struct arena *a, struct dbc *c, struct resolution **out, size_t *n)
{
	return res_rows(a, dbc_stmt(c, STMT_RES_LIST), out, n);
}

enum app_err targets_resolution_get(struct arena *a, struct dbc *c, int64_t id, struct resolution *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_RES_GET);
	db_bind_i64(s, 1, id);
	struct resolution *v;
	size_t n;
	enum app_err e = res_rows(a, s, &v, &n);
	if (!e && !n)
		e = APP_ENOTFOUND;
	if (!e)
		*out = v[0];
	return e;
}

enum app_err targets_in_force(struct arena *a, struct dbc *c, const struct unit *u, int year, struct resolution *out)
{
	struct unit *anc;
	size_t nanc;
	enum app_err e = units_ancestors(a, c, u->path, &anc, &nanc);
	if (e)
		return e;
	/* the unit itself, then its ancestors from the nearest up */
	for (size_t k = 0; k <= nanc; k++) {
		const struct unit *at = k ? &anc[nanc - k] : u;
		struct db_stmt *s = dbc_stmt(c, STMT_RES_IN_FORCE);
		db_bind_i64(s, 1, at->id);
		db_bind_i64(s, 2, year);
		db_bind_i64(s, 3, cal_days_from_civil(year, 12, 31));
		struct resolution *v;
		size_t n;
		if ((e = res_rows(a, s, &v, &n)))
			return e;
		if (n) {
			*out = v[0];
			return APP_OK;
		}
	}
	return APP_ENOTFOUND;
}

int64_t target_permille(int64_t num, int64_t den)
{
	return den ? num * 1000 / den : -1;
}

bool target_met(const struct target *t, int64_t num, int64_t den)
{
	return !den || num * 100 >= (int64_t)t->threshold * den;
}

/* The figure over the days [from, to). */
static enum app_err compute_range(struct arena *a, struct dbc *c, const struct target *t, const struct unit *u,
				  int64_t from, int64_t to, int64_t now, bool want_records, struct target_figure *out)
{
	memset(out, 0, sizeof *out);
	size_t icap = 0;
	for (size_t i = 0; i < t->nterms; i++) {
		const struct indicator *ind = t->terms[i];
		if (!indicator_applies(ind, u->kind))
			continue;
		struct indicator_value v = {.no_records = !want_records};
		enum app_err e = ind->compute(a, c, u, from, to, now, &v);
		if (e)
			return e;
		out->num += v.num;
		out->den += v.den;
		if (!want_records)
			continue;
		for (size_t k = 0; k < v.nrec; k++) {
			out->rec = arena_grow(a, out->rec, out->nrec, &out->cap, sizeof *out->rec);
			size_t c2 = icap;
			out->rec_ind = arena_grow(a, out->rec_ind, out->nrec, &c2, sizeof *out->rec_ind);
			icap = c2;
			out->rec[out->nrec] = v.rec[k];
			out->rec_ind[out->nrec++] = ind->name;
		}
	}
	return APP_OK;
}

/* The year's range: 1 January to the year's end, or to today when it is not over. */
static void year_range(int year, int64_t now, int64_t *from, int64_t *to)
{
	*from = cal_days_from_civil(year, 1, 1);
	*to = cal_days_from_civil(year + 1, 1, 1);
	int64_t tomorrow = cal_today((time_t)now) + 1;
	if (tomorrow < *to && tomorrow > *from)
		*to = tomorrow;
}

enum app_err target_compute(struct arena *a, struct dbc *c, const struct target *t, const struct unit *u, int year,
			    int64_t now, bool want_records, struct target_figure *out)
{
	int64_t from, to;
	year_range(year, now, &from, &to);
	return compute_range(a, c, t, u, from, to, now, want_records, out);
}

enum app_err target_children(struct arena *a, struct dbc *c, const struct target *t, const struct unit *u,
			     struct unit **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (strcmp(u->kind, "province") && !units_kind_is_commune_level(u->kind))
		return APP_OK;
	struct unit *kids;
	size_t nk;
	enum app_err e = units_children(a, c, u->id, &kids, &nk);
	if (e)
		return e;
	struct unit *v = arena_alloc(a, (nk ? nk : 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < nk; i++) {
		bool level = !strcmp(u->kind, "province") ? units_kind_is_commune_level(kids[i].kind)
							  : units_kind_is_village(kids[i].kind);
		if (level && target_applies(t, kids[i].kind))
			v[k++] = kids[i];
	}
	*out = v;
	*n = k;
	return APP_OK;
}

const char *targets_quarter_of(struct arena *a, int64_t day, int64_t *start, int64_t *end)
{
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	int q = (m - 1) / 3 + 1;
	if (start)
		*start = cal_days_from_civil(y, 3 * q - 2, 1);
	if (end)
		*end = q == 4 ? cal_days_from_civil(y + 1, 1, 1) : cal_days_from_civil(y, 3 * q + 1, 1);
	return arena_printf(a, "%04d-Q%d", y, q);
}

/* ---- snapshots ---- */

struct snap_fig {
	int64_t unit_id;
	const char *target;
	int64_t num, den;
};
struct snap_job {
	const struct resolution *res;
	const struct unit *u;
	const char *quarter;
	struct snap_fig *f;
	size_t nf;
	int64_t now, taken;
};

static enum app_err snap_fn(struct dbc *c, void *arg)
{
	struct snap_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_SNAP_COUNT);
	db_bind_i64(s, 1, j->res->id);
	db_bind_text(s, 2, j->quarter);
	db_bind_i64(s, 3, j->u->id);
	enum app_err e;
	j->taken = 0;
	if (db_one_i64(s, 0, &e) || e)
		return e; /* taken already: a quarter's figures are never rewritten */
	json_t *figs = json_object();
	for (size_t i = 0; i < j->nf && !e; i++) {
		const struct snap_fig *f = &j->f[i];
		e = db_run(c, STMT_SNAP_INSERT, "iittiii", j->res->id, f->unit_id, j->quarter, f->target, f->num, f->den,
			   j->now);
		if (f->unit_id == j->u->id)
			json_object_set_new(figs, f->target, json_pack("[I, I]", (json_int_t)f->num, (json_int_t)f->den));
	}
	j->taken = (int64_t)j->nf;
	if (e) {
		json_decref(figs);
		return e;
	}
	json_t *p = json_pack("{s:s, s:s, s:o, s:I}", "resolution", j->res->code, "quarter", j->quarter, "figures", figs,
			      "units", (json_int_t)(j->nf ? j->nf : 0));
	char *payload = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(p);
	struct event ev = {.unit = j->u->id, .kind = "targets.snapshot", .about = "snapshot", .about_code = j->quarter,
			   .public = true, .payload = payload, .at = j->now};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

enum app_err targets_snapshot(struct db *db, const struct unit *u, const char *quarter, int64_t now, int64_t *taken)
{
	return targets_quarter_figures(db, u, quarter, now, true, taken);
}

enum app_err targets_quarter_figures(struct db *db, const struct unit *u, const char *quarter, int64_t now, bool store,
				     int64_t *taken)
{
	struct arena a;
	arena_init(&a);
	struct dbc *c;
	*taken = 0;
	int y, q;
	char tail;
	enum app_err e = APP_OK;
	if (sscanf(quarter, "%d-Q%d%c", &y, &q, &tail) != 2 || q < 1 || q > 4 || y < 2000 || y > 2100)
		e = APP_EINVAL;
	int64_t from = cal_days_from_civil(y, 1, 1),
		to = q == 4 ? cal_days_from_civil(y + 1, 1, 1) : cal_days_from_civil(y, 3 * q + 1, 1);
	if (!e && to > cal_today((time_t)now) + 1)
		e = APP_ECONFLICT; /* the quarter is not over */
	struct resolution res;
	if (!e && !(e = db_conn(db, &c)) && !(e = dbc_begin_read(c))) {
		e = targets_in_force(&a, c, u, y, &res);
		struct snap_fig *f = NULL;
		size_t nf = 0, cap = 0;
		for (size_t i = 0; !e && i < res.nt; i++) {
			const struct target *t = &res.t[i];
			struct unit *kids;
			size_t nk;
			if ((e = target_children(&a, c, t, u, &kids, &nk)))
				break;
			for (size_t k = 0; k <= nk && !e; k++) {
				const struct unit *at = k ? &kids[k - 1] : u;
				if (!target_applies(t, at->kind))
					continue;
				struct target_figure fig;
				if ((e = compute_range(&a, c, t, at, from, to, now, false, &fig)))
					break;
				f = arena_grow(&a, f, nf, &cap, sizeof *f);
				f[nf++] = (struct snap_fig){at->id, t->id, fig.num, fig.den};
			}
		}
		dbc_end_read(c);
		if (!e && !store)
			*taken = (int64_t)nf;
		else if (!e) {
			struct snap_job j = {.res = &res, .u = u, .quarter = quarter, .f = f, .nf = nf, .now = now};
			e = db_write(db, snap_fn, &j);
			*taken = j.taken;
		}
	}
	arena_free(&a);
	return e;
}

static void snap_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct target_snap *t = out;
	db_cols(s, a, 0, DB_COL(&t->unit), DB_COL(&t->unit_title), DB_COL(&t->target), DB_COL(&t->num), DB_COL(&t->den),
		DB_COL(&t->taken_at));
}

enum app_err targets_snapshot_rows(struct arena *a, struct dbc *c, const struct resolution *res, const struct unit *u,
				   const char *quarter, struct target_snap **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SNAP_ROWS);
	db_bind_i64(s, 1, res->id);
	db_bind_text(s, 2, quarter);
	db_bind_subtree(s, 3, 4, u->path);
	return db_get_rows(s, a, snap_read, sizeof **out, (void **)out, n);
}

enum app_err targets_snapshot_quarters(struct arena *a, struct dbc *c, const struct resolution *res,
				       const struct unit *u, size_t max, const char ***out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SNAP_QUARTERS);
	db_bind_i64(s, 1, res->id);
	db_bind_i64(s, 2, u->id);
	db_bind_i64(s, 3, (int64_t)max);
	*out = arena_alloc(a, (max ? max : 1) * sizeof **out);
	*n = 0;
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row && *n < max)
		(*out)[(*n)++] = arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	return e;
}
