/*
 * units_api.c — JSON API for units and households, /api/v1/me, and the
 * OpenAPI description (embedded from docs/openapi.json).
 * Lists answer {"items": [...], "total": N, "next": cursor-or-null}.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../util/cal.h"
#include "../pages.h"
#include "../util/embed.h"
#include "../util/str.h"
#include "units.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *unit_json(const struct unit *u)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(u->code));
	json_object_set_new(o, "code", json_string(u->code));
	json_object_set_new(o, "kind", json_string(u->kind));
	json_object_set_new(o, "name", json_string(u->name));
	json_object_set_new(o, "title", json_string(u->title));
	json_object_set_new(o, "parent", *u->parent_code ? json_string(u->parent_code) : json_null());
	return o;
}

/* GET /api/v1/units?parent=CODE&kind=KIND&q=TEXT&limit=N&cursor=CODE */
void api_units(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	enum app_err e;
	struct units_filter f = {0};
	const char *parent = req_query(r, "parent");
	if (!http_list_args(r, w, &f.limit, &f.after))
		return;
	f.kind = req_query(r, "kind");
	f.q = req_query(r, "q");
	if (f.kind && !units_kind_valid(f.kind)) {
		http_send_json_error(r, w, APP_EINVAL, "kind", msg(MSG_API_BAD_KIND));
		return;
	}
	if (f.q && strlen(f.q) > 200) {
		http_send_json_error(r, w, APP_EINVAL, "q", msg(MSG_API_BAD_QUERY));
		return;
	}
	if (parent) {
		struct unit p;
		e = units_get(r->a, c, parent, &p);
		if (e == APP_ENOTFOUND) {
			http_send_json_error(r, w, APP_ENOTFOUND, "parent", msg(MSG_UNIT_NOT_FOUND));
			return;
		}
		if (e) {
			http_send_error(r, w, e, NULL);
			return;
		}
		f.parent_id = p.id;
	}
	struct unit *a;
	size_t n;
	int64_t total;
	f.limit++;
	e = units_list(r->a, c, &f, &a, &n, &total);
	f.limit--;
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n && i < (size_t)f.limit; i++)
		json_array_append_new(items, unit_json(&a[i]));
	http_send_list(w, items, total, n > (size_t)f.limit ? a[f.limit - 1].code : NULL, NULL);
	w->max_age = 60;
}

/* GET /api/v1/units/{code} — one unit with its ancestors and counts. */
void api_unit(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = units_get(r->a, c, r->param[0], &u);
	struct unit *anc;
	size_t nanc;
	struct unit_stats st;
	if (!e)
		e = units_ancestors(r->a, c, u.path, &anc, &nanc);
	if (!e)
		e = units_stats(c, &u, &st);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_UNIT_NOT_FOUND) : NULL);
		return;
	}
	json_t *o = unit_json(&u);
	json_t *chain = json_array();
	for (size_t i = 0; i < nanc; i++)
		json_array_append_new(chain, json_string(anc[i].code));
	json_object_set_new(o, "ancestors", chain);
	json_t *counts = json_object();
	for (size_t i = 0; i < units_nkinds; i++)
		if (st.nkind[i])
			json_object_set_new(counts, units_kinds[i], json_integer(st.nkind[i]));
	json_object_set_new(o, "units_below", counts);
	json_object_set_new(o, "households", json_integer(st.households));
	json_object_set_new(o, "people", json_integer(st.people));
	http_send_json(w, o);
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/indicators?from=yyyy-mm-dd&to=yyyy-mm-dd&name=N —
 * every registered module's figures for the targets (module.h), computed
 * from records for the unit and the units below it over [from, to] (both
 * included; by default from 1 January to today): numerator, denominator and
 * the records behind them. One list shape: items, total, next (always null:
 * a few indicators, all of them in one answer). */
void api_unit_indicators(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	enum app_err e;
	int64_t now = time(NULL), today = cal_today((time_t)now), from, to;
	int y, m, d;
	cal_civil_from_days(today, &y, &m, &d);
	const char *fs = req_query(r, "from"), *ts = req_query(r, "to"), *name = req_query(r, "name");
	from = cal_days_from_civil(y, 1, 1);
	to = today;
	struct problems pr = {.a = r->a};
	bool fok = !fs || cal_parse_date(fs, &from), tok = !ts || cal_parse_date(ts, &to);
	if (!fok)
		problems_add(&pr, "from", msg(MSG_API_BAD_PERIOD));
	if (!tok)
		problems_add(&pr, "to", msg(MSG_API_BAD_PERIOD));
	if (fok && tok && (from > to || to - from > 5 * 366))
		problems_add(&pr, "to", msg(MSG_API_BAD_PERIOD));
	if (name && !module_indicator(name))
		problems_add(&pr, "name", msg(MSG_API_BAD_INDICATOR));
	if (pr.n) {
		http_send_problems(r, w, APP_EINVAL, &pr);
		return;
	}
	json_t *items = json_array();
	const struct indicator *ind;
	for (size_t k = 0; (ind = module_indicator_at(k)); k++) {
		if ((name && strcmp(name, ind->name)) || !indicator_applies(ind, u.kind))
			continue;
		struct indicator_value v = {0};
		if ((e = ind->compute(r->a, c, &u, from, to + 1, now, &v))) {
			json_decref(items);
			http_send_error(r, w, e, NULL);
			return;
		}
		json_t *recs = json_array();
		for (size_t i = 0; i < v.nrec; i++)
			json_array_append_new(recs, json_pack("{s:s, s:s, s:b}", "href", v.rec[i].href, "title", v.rec[i].title,
							      "counted", v.rec[i].counted));
		json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:o, s:b}", "name", ind->name, "label", msg(ind->label), "numerator",
				      (json_int_t)v.num, "denominator", (json_int_t)v.den, "records", recs, "records_complete",
				      v.nrec == (size_t)v.den);
		json_object_set_new(o, "percent", v.den ? json_real((double)(v.num * 1000 / v.den) / 10.0) : json_null());
		json_array_append_new(items, o);
	}
	char fd[11], td[11];
	cal_format_iso(from, fd);
	cal_format_iso(to, td);
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:I, s:n}", "unit", u.code, "from", fd, "to", td, "items", items,
			      "total", (json_int_t)json_array_size(items), "next");
	http_send_json(w, o);
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/households?limit=N&cursor=OFFSET — personal data,
 * scoped to roles that reach the village. */
void api_households(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_village_for_people(r, c, r->param[0], &u);
	int limit;
	int64_t off = 0;
	const char *cs;
	if (!http_list_args(r, w, &limit, &cs))
		return;
	if (!e && cs && str_to_i64(cs, 0, 1000000000, &off)) {
		http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_API_BAD_LIMIT));
		return;
	}
	struct household *hh;
	size_t n;
	struct unit_stats st;
	if (!e)
		e = households_list(r->a, c, u.id, NULL, limit + 1, (int)off, &hh, &n);
	if (!e)
		e = units_stats(c, &u, &st);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n && i < (size_t)limit; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(hh[i].id));
		json_object_set_new(o, "unit", json_string(u.code));
		json_object_set_new(o, "code", json_string(hh[i].code));
		json_object_set_new(o, "head", json_string(hh[i].head));
		json_object_set_new(o, "address", json_string(hh[i].address));
		json_object_set_new(o, "members", json_integer(hh[i].members));
		json_object_set_new(o, "representative", json_string(hh[i].rep));
		json_array_append_new(items, o);
	}
	http_send_list(w, items, st.households, n > (size_t)limit ? arena_printf(r->a, "%lld", (long long)(off + limit)) : NULL,
		       NULL);
}

/* GET /api/v1/me — the caller and their roles. */
void api_me(struct req *r, struct resp *w)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->user->id));
	json_object_set_new(o, "username", json_string(r->user->username));
	json_object_set_new(o, "full_name", json_string(r->user->full_name));
	json_t *roles = json_array();
	for (size_t i = 0; i < r->user->nrole; i++) {
		json_t *ro = json_object();
		json_object_set_new(ro, "role", json_string(r->user->roles[i].role));
		json_object_set_new(ro, "unit", *r->user->roles[i].unit_code
							 ? json_string(r->user->roles[i].unit_code)
							 : json_null());
		json_array_append_new(roles, ro);
	}
	json_object_set_new(o, "roles", roles);
	http_send_json(w, o);
}

/* GET /api/v1/openapi.json — the API description (OpenAPI 3.1). */
void api_openapi(struct req *r, struct resp *w)
{
	const struct embed_file *f = embed_find("docs/openapi.json");
	(void)r;
	w->ctype = "application/json";
	buf_append(&w->body, f->data, f->len);
	w->max_age = 300;
}
