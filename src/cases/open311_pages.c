/*
 * open311_pages.c — Open311 GeoReport v2 at /open311/v2/ (issue #15), in JSON
 * and XML: discovery, services (the petition categories), a service's
 * definition (its attributes), POST requests (api_key; the commune as
 * jurisdiction_id), tokens, requests with their filters, one request. A
 * case's service_request_id is its tracking code; status is open or closed
 * with coso's own status in status_notes; datetimes are W3C (UTC+7). Errors
 * are Open311's: [{"code", "description"}] or <errors><error>. Each answer is
 * one JSON tree written as JSON or as XML by the same rules, so that the two
 * formats always agree.
 */
#include "cases.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "cases_pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define O311_SPEC "http://wiki.open311.org/GeoReport_v2"
#define O311_DAYS 90      /* requests listed by default: the last 90 days (the specification) */
#define O311_MAX 1000     /* at most this many requests in an answer */

/* The format of the path's last segment ("services.json"): 'j', 'x' or 0; *name the rest. */
static char format_of(struct arena *a, const char *seg, const char **name)
{
	const char *dot = strrchr(seg, '.');
	if (!dot)
		return 0;
	*name = arena_strndup(a, seg, (size_t)(dot - seg));
	return !strcmp(dot, ".json") ? 'j' : !strcmp(dot, ".xml") ? 'x' : 0;
}

/* The element name of an array's items in XML. */
static const char *item_name(const char *array)
{
	static const char *const map[][2] = {{"endpoints", "endpoint"}, {"formats", "format"},	 {"attributes", "attribute"},
					     {"values", "value"},	{"services", "service"}, {"service_requests", "request"},
					     {"errors", "error"}};
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(map[i][0], array))
			return map[i][1];
	return "item";
}

static void xml_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default: buf_append(b, s, 1);
		}
}

static void xml_value(struct buf *b, const char *name, json_t *v)
{
	buf_printf(b, "<%s>", name);
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) xml_value(b, k, x);
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) xml_value(b, item_name(name), x);
	} else if (json_is_string(v))
		xml_text(b, json_string_value(v));
	else if (json_is_true(v) || json_is_false(v))
		buf_puts(b, json_is_true(v) ? "true" : "false");
	else if (json_is_integer(v))
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(b, "%.6f", json_real_value(v));
	buf_printf(b, "</%s>", name);
}

/* Answers o (taken) as JSON, or as XML with root element root. */
static void send(struct resp *w, char fmt, json_t *o, const char *root)
{
	if (fmt == 'x') {
		w->ctype = "text/xml; charset=utf-8";
		buf_puts(&w->body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
		xml_value(&w->body, root, o);
		buf_puts(&w->body, "\n");
		json_decref(o);
		return;
	}
	http_send_json(w, o);
}

/* Open311's error answer: status and [{"code", "description"}]. */
static void send_error(struct resp *w, char fmt, int status, const char *description)
{
	w->status = status;
	w->cache_public = false;
	send(w, fmt ? fmt : 'j', json_pack("[{s:i, s:s}]", "code", status, "description", description), "errors");
}

/* A W3C datetime in UTC+7 ("2026-12-01T08:30:00+07:00"). */
static const char *w3c(struct arena *a, int64_t t)
{
	time_t l = (time_t)(t + CAL_TZ_OFFSET);
	struct tm tm;
	gmtime_r(&l, &tm);
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* A W3C datetime or a date: seconds since 1970; false when malformed. */
static bool parse_w3c(const char *s, int64_t *out)
{
	int64_t d;
	if (cal_parse_date(s, &d)) {
		*out = d * 86400 - CAL_TZ_OFFSET;
		return true;
	}
	return cal_parse_datetime(s, out);
}

static const char *base_url(struct req *r)
{
	if (r->app->public_url)
		return r->app->public_url;
	const char *host = req_header(r, "host");
	return arena_printf(r->a, "http://%s", host ? host : "localhost");
}

/* ---- discovery, services ---- */

static json_t *discovery(struct req *r)
{
	const char *changeset = "2026-12-01T00:00:00+07:00";
	json_t *formats = json_pack("[s, s]", "application/json", "text/xml");
	return json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:o}]}", "changeset", changeset, "contact",
			 msg(MSG_O311_CONTACT), "key_service", msg(MSG_O311_KEY_SERVICE), "endpoints", "specification",
			 O311_SPEC, "url", arena_printf(r->a, "%s/open311/v2", base_url(r)), "changeset", changeset, "type",
			 "production", "formats", formats);
}

static json_t *service_json(const struct case_category *k)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code", k->code, "service_name", k->title,
			 "description", k->description, "metadata", true, "type", "realtime", "keywords", k->keywords,
			 "group", msg(MSG_CK_PETITION));
}

/* GET /open311/v2/{doc}: discovery.(json|xml), services.(json|xml), requests.(json|xml) */
static void o311_requests(struct req *r, struct resp *w, char fmt);

void page_o311_doc(struct req *r, struct resp *w)
{
	const char *name = "";
	char fmt = format_of(r->a, r->param[0], &name);
	if (!fmt) {
		send_error(w, 'j', 404, msg(MSG_O311_FORMAT));
		return;
	}
	if (!strcmp(name, "discovery")) {
		w->max_age = 300;
		send(w, fmt, discovery(r), "discovery");
	} else if (!strcmp(name, "services")) {
		const struct case_category *v;
		size_t n = case_categories(&v);
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, service_json(&v[i]));
		w->max_age = 300;
		send(w, fmt, a, "services");
	} else if (!strcmp(name, "requests"))
		o311_requests(r, w, fmt);
	else
		send_error(w, fmt, 404, msg(MSG_O311_NOT_FOUND));
}

/* GET /open311/v2/services/{code}.(json|xml): the attributes a request may carry */
void page_o311_service(struct req *r, struct resp *w)
{
	const char *code = "";
	char fmt = format_of(r->a, r->param[0], &code);
	const struct case_category *k = fmt ? case_category(code) : NULL;
	if (!k) {
		send_error(w, fmt, 404, msg(fmt ? MSG_O311_NO_SERVICE : MSG_O311_FORMAT));
		return;
	}
	json_t *attrs = json_pack("[{s:b, s:s, s:s, s:b, s:s, s:i, s:s}, {s:b, s:s, s:s, s:b, s:s, s:i, s:s}]", "variable",
				  true, "code", "village", "datatype", "string", "required", false, "datatype_description",
				  msg(MSG_O311_VILLAGE_TYPE), "order", 1, "description", msg(MSG_CASES_VILLAGE), "variable",
				  true, "code", "title", "datatype", "string", "required", false, "datatype_description",
				  msg(MSG_O311_TITLE_TYPE), "order", 2, "description", msg(MSG_CASES_F_TITLE));
	w->max_age = 300;
	send(w, fmt, json_pack("{s:s, s:o}", "service_code", k->code, "attributes", attrs), "service_definition");
}

/* ---- requests ---- */

static json_t *request_json(struct arena *a, const struct fcase *k)
{
	const struct case_category *cat = case_category(k->category);
	int64_t updated = k->updated_at ? k->updated_at : k->received_at;
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "service_request_id", k->code, "status",
			      case_o311_open(k->status) ? "open" : "closed", "status_notes",
			      msg(case_status_labels[k->status]), "service_name", cat ? cat->title : k->category,
			      "service_code", k->category, "description", k->body, "agency_responsible", k->unit.title,
			      "requested_datetime", w3c(a, k->received_at), "updated_datetime", w3c(a, updated));
	json_object_set_new(o, "service_notice", json_string(*k->answer ? k->answer : ""));
	json_object_set_new(o, "expected_datetime",
			    k->due_day ? json_string(w3c(a, k->due_day * 86400 + 17 * 3600 - CAL_TZ_OFFSET)) : json_null());
	const char *addr = *k->location ? k->location : k->village_title;
	json_object_set_new(o, "address", json_string(addr));
	json_object_set_new(o, "address_id", json_null());
	json_object_set_new(o, "zipcode", json_null());
	json_object_set_new(o, "lat", k->has_point ? json_real((double)k->lat_e6 / 1e6) : json_null());
	json_object_set_new(o, "long", k->has_point ? json_real((double)k->lon_e6 / 1e6) : json_null());
	json_object_set_new(o, "media_url", json_string(k->media_url));
	return o;
}

static void o311_requests(struct req *r, struct resp *w, char fmt)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	json_t *out = json_array();
	const char *ids = req_query(r, "service_request_id");
	if (ids) {
		/* several ids, comma separated: the others' filters do not apply (the specification) */
		char *list = arena_strdup(r->a, ids), *save = NULL;
		for (char *id = strtok_r(list, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
			struct fcase k;
			enum app_err e = case_by_code(r->a, c, id, &k);
			if (!e && (k.kind == CK_PETITION || k.kind == CK_BOARD_PETITION))
				json_array_append_new(out, request_json(r->a, &k));
			else if (e && e != APP_ENOTFOUND) {
				json_decref(out);
				send_error(w, fmt, 503, msg(MSG_ERR_DB_DOWN));
				return;
			}
		}
		w->max_age = 10;
		send(w, fmt, out, "service_requests");
		return;
	}
	int64_t now = time(NULL), to = now + 1, from = now - (int64_t)O311_DAYS * 86400;
	const char *sd = req_query(r, "start_date"), *ed = req_query(r, "end_date"), *st = req_query(r, "status");
	const char *code = req_query(r, "service_code"), *jur = req_query(r, "jurisdiction_id");
	if ((sd && !parse_w3c(sd, &from)) || (ed && !parse_w3c(ed, &to))) {
		json_decref(out);
		send_error(w, fmt, 400, msg(MSG_O311_BAD_DATE));
		return;
	}
	if (sd && !ed)
		to = from + (int64_t)O311_DAYS * 86400; /* a start alone: the 90 days after it */
	if (ed && !sd)
		from = to - (int64_t)O311_DAYS * 86400;
	int open = !st ? 0 : !strcmp(st, "open") ? 1 : !strcmp(st, "closed") ? 2 : -1;
	if (open < 0 || (code && !case_category(code))) {
		json_decref(out);
		send_error(w, fmt, 400, msg(open < 0 ? MSG_O311_BAD_STATUS : MSG_O311_NO_SERVICE));
		return;
	}
	struct unit u = {.path = "/"};
	if (jur && units_get(r->a, c, jur, &u)) {
		json_decref(out);
		send_error(w, fmt, 404, msg(MSG_O311_NO_JURISDICTION));
		return;
	}
	struct fcase *v;
	size_t n = 0;
	if (cases_o311_list(r->a, c, u.path, code, from, to, open, O311_MAX, &v, &n)) {
		json_decref(out);
		send_error(w, fmt, 503, msg(MSG_ERR_DB_DOWN));
		return;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out, request_json(r->a, &v[i]));
	w->max_age = 10;
	send(w, fmt, out, "service_requests");
}

/* The last segment's name and format, and the thread's connection; NULL after
 * answering (an unknown format, a database error). */
static struct dbc *o311_begin(struct req *r, struct resp *w, const char **name, char *fmt)
{
	*name = "";
	if (!(*fmt = format_of(r->a, r->param[0], name))) {
		send_error(w, 'j', 404, msg(MSG_O311_FORMAT));
		return NULL;
	}
	return app_conn_or_respond(r, w);
}

/* GET /open311/v2/requests/{id}.(json|xml) */
void page_o311_request(struct req *r, struct resp *w)
{
	const char *id;
	char fmt;
	struct dbc *c = o311_begin(r, w, &id, &fmt);
	if (!c)
		return;
	struct fcase k;
	enum app_err e = case_by_code(r->a, c, id, &k);
	if (!e && k.kind != CK_PETITION && k.kind != CK_BOARD_PETITION)
		e = APP_ENOTFOUND; /* complaints and denunciations are not Open311 requests */
	if (e) {
		send_error(w, fmt, e == APP_ENOTFOUND ? 404 : 503, msg(e == APP_ENOTFOUND ? MSG_O311_NO_REQUEST : MSG_ERR_DB_DOWN));
		return;
	}
	w->max_age = 10;
	json_t *a = json_array();
	json_array_append_new(a, request_json(r->a, &k));
	send(w, fmt, a, "service_requests");
}

/* GET /open311/v2/tokens/{token}.(json|xml) */
void page_o311_token(struct req *r, struct resp *w)
{
	const char *token;
	char fmt;
	struct dbc *c = o311_begin(r, w, &token, &fmt);
	if (!c)
		return;
	const char *code;
	enum app_err e = case_o311_token(r->a, c, token, &code);
	if (e) {
		send_error(w, fmt, e == APP_ENOTFOUND ? 404 : 503, msg(e == APP_ENOTFOUND ? MSG_O311_NO_TOKEN : MSG_ERR_DB_DOWN));
		return;
	}
	send(w, fmt, json_pack("[{s:s, s:s}]", "service_request_id", code, "token", token), "service_requests");
}

struct o311_post {
	struct case_submit_job j;
	struct case_input in;
	struct unit unit;
	char fmt;
	char token[CRYPTO_TOKEN_LEN];
};

static void post_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct o311_post *p = arg;
	if (e) {
		send_error(w, p->fmt, e == APP_ECONFLICT ? 409 : 503, msg(MSG_ERR_DB_DOWN));
		return;
	}
	w->status = 201;
	send(w, p->fmt,
	     json_pack("[{s:s, s:s, s:s, s:n}]", "service_request_id", p->j.code, "token", p->token, "service_notice",
		       arena_printf(r->a, "%s %s", msg(MSG_O311_NOTICE), p->j.code), "account_id"),
	     "service_requests");
}

/* POST /open311/v2/requests.(json|xml) — api_key, jurisdiction_id (the commune's
 * code), service_code, lat and long or address_string, attribute[village],
 * attribute[title], description, media_url, email, first_name, last_name,
 * phone, device_id, account_id. Answered once durable. */
void page_o311_post(struct req *r, struct resp *w)
{
	const char *name = "";
	char fmt = format_of(r->a, r->param[0], &name);
	if (!fmt || strcmp(name, "requests")) {
		send_error(w, fmt, 404, msg(fmt ? MSG_O311_NOT_FOUND : MSG_O311_FORMAT));
		return;
	}
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	if (!case_o311_key_ok(c, req_form(r, "api_key"))) {
		send_error(w, fmt, 403, msg(MSG_O311_BAD_KEY));
		return;
	}
	struct o311_post *p = arena_alloc(r->a, sizeof *p);
	memset(p, 0, sizeof *p);
	p->fmt = fmt;
	const char *jur = req_form(r, "jurisdiction_id"), *code = req_form(r, "service_code");
	const struct case_category *cat = code ? case_category(code) : NULL;
	if (!cat) {
		send_error(w, fmt, 400, msg(MSG_O311_NO_SERVICE));
		return;
	}
	if (!jur || units_get(r->a, c, jur, &p->unit)) {
		send_error(w, fmt, 400, msg(MSG_O311_NO_JURISDICTION));
		return;
	}
	const char *village = req_form(r, "attribute[village]");
	if (units_kind_is_village(p->unit.kind)) {
		village = p->unit.code;
		if (units_get(r->a, c, p->unit.parent_code, &p->unit)) {
			send_error(w, fmt, 400, msg(MSG_O311_NO_JURISDICTION));
			return;
		}
	}
	const char *first = req_form(r, "first_name"), *last = req_form(r, "last_name");
	const char *full = arena_printf(r->a, "%s%s%s", first ? first : "", first && last ? " " : "", last ? last : "");
	const char *addr = req_form(r, "address_string");
	p->in = (struct case_input){.kind = "petition",
				    .channel = "open311",
				    .category = cat->code,
				    .title = req_form(r, "attribute[title]"),
				    .body = req_form(r, "description"),
				    .name = full,
				    .anonymous = !*full,
				    .phone = req_form(r, "phone"),
				    .email = req_form(r, "email"),
				    .village = village && *village ? village : NULL,
				    .lat = req_form(r, "lat"),
				    .lon = req_form(r, "long"),
				    .location = addr,
				    .media_url = req_form(r, "media_url")};
	/* unknown attributes are refused, not dropped */
	for (size_t i = 0; i < r->nform; i++)
		if (!strncmp(r->form[i].k, "attribute[", 10) && strcmp(r->form[i].k, "attribute[village]") &&
		    strcmp(r->form[i].k, "attribute[title]")) {
			send_error(w, fmt, 400, arena_printf(r->a, "%s: %s", r->form[i].k, msg(MSG_O311_BAD_ATTRIBUTE)));
			return;
		}
	struct problems pr = {.a = r->a};
	case_check(r->a, c, NULL, &p->unit, &p->in, &pr);
	if (pr.n) {
		/* Open311 has one description an error: every problem, each with its field */
		struct buf b = {0};
		for (size_t i = 0; i < pr.n; i++) {
			const char *f = pr.v[i].field;
			f = !strcmp(f, "body")	    ? "description"
			    : !strcmp(f, "location") ? "address_string"
			    : !strcmp(f, "village")  ? "attribute[village]"
			    : !strcmp(f, "title")    ? "attribute[title]"
						     : f;
			buf_printf(&b, "%s%s: %s", i ? "; " : "", f, pr.v[i].message);
		}
		send_error(w, fmt, 400, arena_strdup(r->a, b.p));
		free(b.p);
		return;
	}
	crypto_token(p->token);
	p->in.o311_token = p->token;
	p->j = (struct case_submit_job){.unit = &p->unit, .in = &p->in, .now = time(NULL)};
	enum app_err e = case_submit_job_init(r->a, c, &p->j);
	if (e) {
		send_error(w, fmt, 503, msg(MSG_ERR_DB_DOWN));
		return;
	}
	app_defer_write(r, w, case_submit_write, &p->j, post_answer);
}
