/*
 * ledger_pages.c — the transparency ledger over HTTP: checkpoint, verifier
 * key, leaves, inclusion and consistency proofs (all public and cacheable),
 * and a page per entry that explains it in Vietnamese.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "../units/units.h"
#include "ledger.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* GET /ledger/checkpoint — the latest signed checkpoint (text/plain). */
void page_ledger_checkpoint(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct ledger_checkpoint cp;
	enum app_err e = ledger_latest(r->a, c, &cp);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "text/plain; charset=utf-8";
	buf_puts(&w->body, cp.note);
	w->max_age = 1;
}

/* GET /ledger/key — the verifier key, one line in signed-note form. */
void page_ledger_key(struct req *r, struct resp *w)
{
	w->ctype = "text/plain; charset=utf-8";
	buf_puts(&w->body, r->app->ledger_vkey ? r->app->ledger_vkey : "");
	buf_putc(&w->body, '\n');
	w->max_age = 3600;
}

/* Parses a non-negative integer parameter; false after a JSON error. */
static bool param_u64(struct req *r, struct resp *w, const char *s, const char *field, int64_t *out)
{
	if (!s || str_to_i64(s, 0, INT64_MAX, out)) {
		http_send_json_error(r, w, APP_EINVAL, field, msg(MSG_LEDGER_BAD_NUMBER));
		return false;
	}
	return true;
}

/* GET /ledger/entries/{index} — the exact leaf bytes. */
void page_ledger_entry_raw(struct req *r, struct resp *w)
{
	r->is_api = true;
	int64_t idx;
	if (!param_u64(r, w, r->param[0], "index", &idx))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct ledger_entry en;
	enum app_err e = ledger_entry_get(r->a, c, idx, &en);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/octet-stream";
	buf_puts(&w->body, en.leaf);
	w->max_age = 86400; /* a leaf never changes */
}

static json_t *proof_json(uint8_t proof[][MERKLE_HASH], size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char b64[64];
		sodium_bin2base64(b64, sizeof b64, proof[i], MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL);
		json_array_append_new(a, json_string(b64));
	}
	return a;
}

/* Answers a proof: inclusion (a = index, b = size; a < b) or consistency
 * (a = from, b = to; a <= b), both within the current size of the log. */
static void send_proof(struct req *r, struct resp *w, bool consistency)
{
	const char *an = consistency ? "from" : "index", *bn = consistency ? "to" : "size";
	r->is_api = true;
	int64_t a, b;
	if (!param_u64(r, w, req_query(r, an), an, &a) || !param_u64(r, w, req_query(r, bn), bn, &b))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	uint64_t n;
	enum app_err e = ledger_size(c, &n);
	if (!e && ((uint64_t)b > n || (consistency ? a > b : a >= b))) {
		http_send_json_error(r, w, APP_EINVAL, (uint64_t)b > n ? bn : an, msg(MSG_LEDGER_OUT_OF_RANGE));
		return;
	}
	uint8_t proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	size_t np = 0;
	if (!e)
		e = consistency ? ledger_consistency(c, (uint64_t)a, (uint64_t)b, proof, &np)
				: ledger_inclusion(c, (uint64_t)a, (uint64_t)b, proof, &np);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *o = json_object();
	json_object_set_new(o, an, json_integer(a));
	json_object_set_new(o, bn, json_integer(b));
	json_object_set_new(o, "proof", proof_json(proof, np));
	http_send_json(w, o);
	w->max_age = 86400; /* a proof for given sizes never changes */
}

/* GET /ledger/proof/inclusion?index=I&size=N — JSON {index, size, proof},
 * the hashes from the leaf to the root. */
void page_ledger_inclusion(struct req *r, struct resp *w)
{
	send_proof(r, w, false);
}

/* GET /ledger/proof/consistency?from=M&to=N — JSON {from, to, proof}, RFC
 * 6962 2.1.2. */
void page_ledger_consistency(struct req *r, struct resp *w)
{
	send_proof(r, w, true);
}

/* The public page an act is about, or NULL. Arena. */
static const char *public_page(struct req *r, const char *kind, const char *unit, const char *subject)
{
	if (!kind)
		return NULL;
	if (!strcmp(kind, "disclosure.catalogue"))
		return "/disclosure-items";
	if (!strncmp(kind, "holiday.", 8) && subject && strlen(subject) >= 12)
		return arena_printf(r->a, "/api/v1/holidays?year=%.4s", subject + 8); /* "holiday:YYYY-..." */
	if (unit)
		return arena_printf(r->a, "/units/%s", unit); /* unit codes are [0-9A-Z-] */
	if (!strcmp(kind, "units.import"))
		return "/";
	return NULL;
}

/* An entry as residents read it: "Phường Kinh Bắc: Công khai thông tin",
 * and its time as "15:20 ngày 30/11/2026" (UTC+7) from the leaf's UTC. */
static const char *entry_title(struct req *r, struct dbc *c, const char *kind, const char *unit, const char *subject)
{
	const char *act = kind ? module_event_label(kind) : "", *href, *what;
	struct unit u;
	if (unit && !units_get(r->a, c, unit, &u))
		act = arena_printf(r->a, "%s: %s", u.title, act);
	/* and what it concerns, when that is not the unit itself */
	if (subject && strncmp(subject, "unit:", 5) && module_subject(r, c, subject, &href, &what))
		act = arena_printf(r->a, "%s — %s", act, what);
	return act;
}

static const char *entry_time(struct req *r, const char *at)
{
	int64_t t;
	if (!at || !cal_parse_datetime(at, &t))
		return at ? at : "";
	return msg_time((long long)t, arena_alloc(r->a, MSG_TIME_LEN));
}

/* GET /ledger/{index} — one entry: the act, its hash, its inclusion proof
 * against the latest checkpoint, and a link to the page it records. */
void page_ledger_entry(struct req *r, struct resp *w)
{
	int64_t idx;
	if (str_to_i64(r->param[0], 0, INT64_MAX, &idx)) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct ledger_entry en;
	struct ledger_checkpoint cp;
	enum app_err e = ledger_entry_get(r->a, c, idx, &en);
	if (!e)
		e = ledger_latest(r->a, c, &cp);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_LEDGER_NO_ENTRY) : NULL);
		return;
	}
	json_t *leaf = json_loads(en.leaf, 0, NULL);
	const char *kind = json_string_value(json_object_get(leaf, "kind"));
	const char *at = json_string_value(json_object_get(leaf, "at"));
	const char *unit = json_string_value(json_object_get(leaf, "unit"));
	const char *subject = json_string_value(json_object_get(leaf, "subject"));
	struct html h = {.b = &w->body};
	const char *title = entry_title(r, c, kind, unit, subject);
	layout_begin(r, &h, title);
	html_printf(&h, "<p><a href=\"/ledger\">← %s</a></p>\n<p class=\"meta\">%s #%lld</p>\n<h1>%s</h1>\n", msg(MSG_LEDGER),
		    msg(MSG_LEDGER), (long long)idx, title);
	html_printf(&h, "<p>%s %s.</p>\n", msg(MSG_LEDGER_RECORDED_AT), entry_time(r, at));
	const char *page = public_page(r, kind, unit, subject), *shref, *stitle;
	if (subject && strncmp(subject, "unit:", 5) && module_subject(r, c, subject, &shref, &stitle))
		page = shref; /* the act's own page: the posting, the matter */
	if (page)
		html_printf(&h, "<p><a class=\"button\" href=\"%s\">%s</a></p>\n", page, msg(MSG_LEDGER_RECORDS_LINK));
	html_printf(&h, "<p>%s</p>\n", idx < cp.size ? msg(MSG_LEDGER_MEANS) : msg(MSG_LEDGER_PENDING));
	/* the technical detail, folded: what a verifier checks */
	html_printf(&h, "<details><summary>%s</summary>\n<dl class=\"facts\">\n", msg(MSG_LEDGER_TECHNICAL));
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_LEDGER_ACT), kind ? kind : "");
	html_printf(&h, "<dt>%s</dt><dd>%s (UTC)</dd>\n", msg(MSG_LEDGER_TIME), at ? at : "");
	if (unit) {
		html_printf(&h, "<dt>%s</dt><dd><a href=\"/units/", msg(MSG_LEDGER_UNIT));
		html_url_arg(&h, unit);
		html_printf(&h, "\">%s</a></dd>\n", unit);
	}
	html_printf(&h, "<dt>%s</dt><dd><code>%s</code></dd>\n", msg(MSG_LEDGER_SUBJECT), subject ? subject : "");
	html_printf(&h, "<dt>%s</dt><dd><code class=\"hash\">%s</code></dd>\n", msg(MSG_LEDGER_LEAF_HASH), en.hash);
	html_lit(&h, "</dl>\n");
	json_decref(leaf);
	html_printf(&h, "<h2>%s</h2>\n<pre class=\"sample\" tabindex=\"0\">%s</pre>\n", msg(MSG_LEDGER_LEAF), en.leaf);
	if (idx < cp.size) {
		uint8_t proof[MERKLE_MAX_PROOF][MERKLE_HASH];
		size_t np = 0;
		if (!ledger_inclusion(c, (uint64_t)idx, (uint64_t)cp.size, proof, &np)) {
			html_printf(&h, "<h2>%s</h2>\n<p>%s</p>\n<pre class=\"sample\" tabindex=\"0\">%s</pre>\n<ol class=\"proof\">\n",
				    msg(MSG_LEDGER_PROOF), msg(MSG_LEDGER_PROOF_HELP), cp.note);
			for (size_t i = 0; i < np; i++) {
				char b64[64];
				sodium_bin2base64(b64, sizeof b64, proof[i], MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL);
				html_printf(&h, "<li><code class=\"hash\">%s</code></li>\n", b64);
			}
			html_lit(&h, "</ol>\n");
		}
	}
	html_printf(&h, "<p><a href=\"/ledger/entries/%lld\">%s</a> · <a href=\"/ledger/proof/inclusion?index=%lld&amp;size=%lld\">%s</a> · "
			"<a href=\"/ledger/key\">%s</a></p>\n</details>\n",
		    (long long)idx, msg(MSG_LEDGER_RAW), (long long)idx, (long long)cp.size, msg(MSG_LEDGER_PROOF_JSON),
		    msg(MSG_LEDGER_KEY));
	layout_end(r, &h);
	w->max_age = 5;
}

/* GET /ledger — what the ledger is, the latest checkpoint, the newest entries. */
void page_ledger(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct ledger_checkpoint cp;
	uint64_t n;
	enum app_err e = ledger_latest(r->a, c, &cp);
	if (!e)
		e = ledger_size(c, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_LEDGER));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_LEDGER), msg(MSG_LEDGER_ABOUT));
	html_printf(&h, "<h2>%s</h2>\n<pre class=\"sample\" tabindex=\"0\">%s</pre>\n", msg(MSG_LEDGER_CHECKPOINT), cp.note);
	html_printf(&h, "<p>%s: <code class=\"hash\">%s</code></p>\n", msg(MSG_LEDGER_KEY),
		    r->app->ledger_vkey ? r->app->ledger_vkey : "");
	html_printf(&h, "<h2>%s</h2>\n<ul class=\"activity\">\n", msg(MSG_LEDGER_NEWEST));
	for (int64_t i = (int64_t)n - 1; i >= 0 && i >= (int64_t)n - 20; i--) {
		struct ledger_entry en;
		if (ledger_entry_get(r->a, c, i, &en))
			break;
		json_t *leaf = json_loads(en.leaf, 0, NULL);
		const char *kind = json_string_value(json_object_get(leaf, "kind"));
		const char *unit = json_string_value(json_object_get(leaf, "unit"));
		const char *subject = json_string_value(json_object_get(leaf, "subject"));
		html_printf(&h, "<li><a href=\"/ledger/%lld\">%s</a> <span class=\"meta\">%s · #%lld</span></li>\n", (long long)i,
			    entry_title(r, c, kind, unit, subject), entry_time(r, json_string_value(json_object_get(leaf, "at"))),
			    (long long)i);
		json_decref(leaf);
	}
	html_lit(&h, "</ul>\n");
	layout_end(r, &h);
	w->max_age = 2;
}
