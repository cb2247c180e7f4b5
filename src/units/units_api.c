/*
 * units_api.c — JSON API for units and households, /api/v1/me, and the
 * OpenAPI description (embedded from docs/openapi.json).
 * Lists answer {"items": [...], "total": N, "next": cursor-or-null}.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/embed.h"
#include "../util/str.h"
#include "units.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

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
	struct units_filter f = {.limit = 100};
	const char *parent = req_query(r, "parent"), *lim = req_query(r, "limit");
	f.kind = req_query(r, "kind");
	f.q = req_query(r, "q");
	f.after = req_query(r, "cursor");
	if (f.kind && !units_kind_valid(f.kind)) {
		http_send_json_error(r, w, APP_EINVAL, "kind", msg(MSG_API_BAD_KIND));
		return;
	}
	int64_t l;
	if (lim) {
		if (str_to_i64(lim, 1, 1000, &l)) {
			http_send_json_error(r, w, APP_EINVAL, "limit", msg(MSG_API_BAD_LIMIT));
			return;
		}
		f.limit = (int)l;
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
	json_t *o = json_object();
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "next", n > (size_t)f.limit ? json_string(a[f.limit - 1].code) : json_null());
	http_send_json(w, o);
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

/* GET /api/v1/units/{code}/households?limit=N&cursor=OFFSET — personal data,
 * scoped to roles that reach the village. */
void api_households(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_village_for_people(r, c, r->param[0], &u);
	int64_t limit = 100, off = 0;
	const char *ls = req_query(r, "limit"), *cs = req_query(r, "cursor");
	if (!e && ((ls && str_to_i64(ls, 1, 1000, &limit)) || (cs && str_to_i64(cs, 0, 1000000000, &off)))) {
		http_send_json_error(r, w, APP_EINVAL, ls ? "limit" : "cursor", msg(MSG_API_BAD_LIMIT));
		return;
	}
	struct household *hh;
	size_t n;
	struct unit_stats st;
	if (!e)
		e = households_list(r->a, c, u.id, (int)limit + 1, (int)off, &hh, &n);
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
	json_t *o = json_object();
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "total", json_integer(st.households));
	json_object_set_new(o, "next", n > (size_t)limit
				       ? json_string(arena_printf(r->a, "%lld", (long long)(off + limit)))
				       : json_null());
	http_send_json(w, o);
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
