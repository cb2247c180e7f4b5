/*
 * response.c — building responses: the security headers every response
 * carries, redirects, and the one place an error code becomes a response
 * (http_send_error): JSON {"error":{"code","message"}} on the API, a readable
 * Vietnamese page elsewhere. Never a stack trace, SQL text or file path.
 */
#include "http.h"
#include "../html/layout.h"
#include "../i18n/msg.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const struct kv http_security_headers[] = {
	{"Content-Security-Policy",
	 "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
	 " frame-ancestors 'none'; base-uri 'none'", 0},
	{"X-Content-Type-Options", "nosniff", 0},
	{"X-Frame-Options", "DENY", 0},
	{"Referrer-Policy", "same-origin", 0},
	{"Cross-Origin-Opener-Policy", "same-origin", 0},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()", 0},
};
const size_t http_nsecurity_headers = sizeof http_security_headers / sizeof *http_security_headers;

void resp_init(struct resp *w)
{
	memset(w, 0, sizeof *w);
	w->status = 200;
	w->ctype = "text/html; charset=utf-8";
	buf_init(&w->body);
}

void resp_reset(struct resp *w)
{
	buf_reset(&w->body);
}

void resp_header(struct req *r, struct resp *w, const char *name, const char *value)
{
	if (w->nhdr == HTTP_MAX_RESP_HEADERS)
		return;
	w->hdr[w->nhdr].k = arena_strdup(r->a, name);
	w->hdr[w->nhdr].v = arena_strdup(r->a, value);
	w->nhdr++;
}

void http_redirect(struct req *r, struct resp *w, const char *location)
{
	w->status = 303;
	buf_reset(&w->body);
	resp_header(r, w, "Location", location);
}

static const struct {
	int status;        /* HTTP status */
	enum msg_id msg;   /* Vietnamese message */
	const char *code;  /* stable code for the API */
} errs[APP_ERR__MAX] = {
	[APP_OK] = {200, MSG_ERR_UNKNOWN, "ok"},
	[APP_EINVAL] = {400, MSG_ERR_INVALID, "invalid"},
	[APP_EAUTH] = {401, MSG_ERR_AUTH, "unauthenticated"},
	[APP_EFORBID] = {403, MSG_ERR_FORBIDDEN, "forbidden"},
	[APP_ENOTFOUND] = {404, MSG_ERR_NOT_FOUND, "not_found"},
	[APP_ECONFLICT] = {409, MSG_ERR_CONFLICT, "conflict"},
	[APP_ETOOBIG] = {413, MSG_ERR_TOO_BIG, "too_large"},
	[APP_ETHROTTLE] = {429, MSG_ERR_THROTTLE, "too_many_attempts"},
	[APP_EBUSY] = {503, MSG_ERR_BUSY, "busy"},
	[APP_EDB] = {500, MSG_ERR_INTERNAL, "internal"},
	[APP_EIO] = {500, MSG_ERR_INTERNAL, "internal"},
};

const char *app_err_code(enum app_err e)
{
	return e < APP_ERR__MAX ? errs[e].code : "internal";
}

int http_status_of(enum app_err e)
{
	return e < APP_ERR__MAX ? errs[e].status : 500;
}

void http_send_json(struct resp *w, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	w->ctype = "application/json";
	buf_reset(&w->body);
	buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
}

bool http_list_args(struct req *r, struct resp *w, int *limit, const char **cursor)
{
	const char *ls = req_query(r, "limit"), *cs = req_query(r, "cursor");
	*limit = HTTP_LIST_DEFAULT;
	*cursor = cs && *cs ? cs : NULL;
	if (ls) {
		char *end;
		long v = strtol(ls, &end, 10);
		if (!*ls || *end || v < 1 || v > HTTP_LIST_MAX) {
			http_send_json_error(r, w, APP_EINVAL, "limit", msg(MSG_API_BAD_LIMIT));
			return false;
		}
		*limit = (int)v;
	}
	if (cs && strlen(cs) > 200) {
		http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_API_BAD_LIMIT));
		return false;
	}
	return true;
}

bool http_list_id_args(struct req *r, struct resp *w, int *limit, int64_t *after)
{
	const char *cursor;
	*after = 0;
	if (!http_list_args(r, w, limit, &cursor))
		return false;
	if (cursor && str_to_i64(cursor, 1, INT64_MAX, after)) {
		http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_ERR_INVALID));
		return false;
	}
	return true;
}

void http_send_list(struct resp *w, json_t *items, int64_t total, const char *next, json_t *extra)
{
	json_t *o = extra ? extra : json_object();
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "next", next ? json_string(next) : json_null());
	http_send_json(w, o);
}

void http_send_array_page(struct req *r, struct resp *w, json_t *all, json_t *extra)
{
	int limit;
	const char *cursor;
	char *end = NULL;
	long off = 0;
	size_t n = json_array_size(all);
	bool ok = http_list_args(r, w, &limit, &cursor);
	if (ok && cursor) {
		off = strtol(cursor, &end, 10);
		if (*end || off < 0 || (size_t)off > n) {
			http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_API_BAD_LIMIT));
			ok = false;
		}
	}
	if (!ok) {
		json_decref(all);
		json_decref(extra);
		return;
	}
	json_t *items = json_array();
	for (size_t i = (size_t)off; i < n && i < (size_t)off + (size_t)limit; i++)
		json_array_append(items, json_array_get(all, i));
	json_t *o = extra ? extra : json_object();
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "total", json_integer((json_int_t)n));
	json_object_set_new(o, "next", (size_t)off + (size_t)limit < n
						? json_string(arena_printf(r->a, "%zu", (size_t)off + (size_t)limit))
						: json_null());
	json_decref(all);
	http_send_json(w, o);
}

void http_send_problems(struct req *r, struct resp *w, enum app_err e, const struct problems *p)
{
	if (e >= APP_ERR__MAX || e == APP_OK)
		e = APP_EDB;
	w->status = http_status_of(e);
	if (w->status == 503) /* unavailable for now: say when to come back */
		resp_header(r, w, "Retry-After", "5");
	w->cache_public = false;
	if (!r->is_api) { /* a page without its form: the first sentence */
		http_send_error(r, w, e, p && p->n ? p->v[0].message : NULL);
		return;
	}
	w->ctype = "application/json";
	json_t *inner = json_object();
	json_object_set_new(inner, "code", json_string(app_err_code(e)));
	json_object_set_new(inner, "message", json_string(p && p->n == 1 ? p->v[0].message
							  : p && p->n ? msg(MSG_ERR_FIELDS) : msg(errs[e].msg)));
	json_t *fields = json_array();
	for (size_t i = 0; p && i < p->n; i++)
		if (*p->v[i].field)
			json_array_append_new(fields, json_pack("{s:s, s:s}", "field", p->v[i].field, "message", p->v[i].message));
	/* "field": the first of them, as clients of coso 0.1 read it */
	if (json_array_size(fields))
		json_object_set(inner, "field", json_object_get(json_array_get(fields, 0), "field"));
	json_object_set_new(inner, "fields", fields);
	json_t *o = json_object();
	json_object_set_new(o, "error", inner);
	http_send_json(w, o);
}

void http_answer(struct req *r, struct resp *w, enum app_err e, const struct problems *p, const char *location)
{
	if (e)
		http_send_problems(r, w, e, p);
	else
		http_redirect(r, w, location);
}

void http_send_json_error(struct req *r, struct resp *w, enum app_err e, const char *field,
			  const char *message)
{
	struct problem one = {field ? field : "", message ? message : msg(errs[e < APP_ERR__MAX ? e : APP_EDB].msg)};
	struct problems p = {.v = &one, .n = 1, .cap = 1};
	bool api = r->is_api;
	r->is_api = true; /* this one always answers JSON */
	http_send_problems(r, w, e, &p);
	r->is_api = api;
}

void http_send_error(struct req *r, struct resp *w, enum app_err e, const char *detail)
{
	if (e >= APP_ERR__MAX || e == APP_OK)
		e = APP_EDB;
	if (r->is_api) {
		http_send_json_error(r, w, e, NULL, detail);
		return;
	}
	w->status = errs[e].status;
	if (w->status == 503)
		resp_header(r, w, "Retry-After", "5");
	w->ctype = "text/html; charset=utf-8";
	w->cache_public = false;
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(errs[e].msg));
	html_lit(&h, "<h1>");
	html_text(&h, msg(errs[e].msg));
	html_lit(&h, "</h1>\n<p>");
	html_text(&h, detail ? detail : msg(MSG_ERR_HINT));
	html_lit(&h, "</p>\n<p><a href=\"/\">");
	html_text(&h, msg(MSG_BACK_HOME));
	html_lit(&h, "</a></p>\n");
	if (e == APP_EAUTH) {
		html_lit(&h, "<p><a href=\"/login?next=");
		html_url_arg(&h, r->query_raw && *r->query_raw ? arena_printf(r->a, "%s?%s", r->path, r->query_raw) : r->path);
		html_lit(&h, "\">");
		html_text(&h, msg(MSG_LOGIN));
		html_lit(&h, "</a></p>\n");
	}
	layout_end(r, &h);
}

void http_send_sheet(struct req *r, struct resp *w, const struct sheet *s, const char *filename, bool xlsx)
{
	if (xlsx && sheet_xlsx(s, &w->body)) {
		http_send_error(r, w, APP_EIO, NULL);
		return;
	}
	if (!xlsx)
		sheet_csv(s, &w->body);
	w->ctype = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"%s.%s\"", filename, xlsx ? "xlsx" : "csv"));
	w->max_age = 60;
}
