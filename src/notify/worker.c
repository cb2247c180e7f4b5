/* worker.c — the delivery worker (see notify.h, docs/notify.md): claims
 * what is due for a lease, sends it through the province's gateway over
 * libcurl's multi interface (connections kept alive, a gateway's parallel
 * requests and rate respected), and records each outcome with its attempt:
 * sent, tried again later (exponential back-off with jitter) or failed
 * after the last attempt. A crash between sending and recording leaves the
 * message claimed until its lease ends; it is then sent again, with the
 * same idempotency key: at most one duplicate, and none where the gateway
 * honours the key. */
#include "notify.h"
#include "../db/db.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CLAIM_MAX 512      /* messages a round */
#define LEASE_SECONDS 120  /* a claimed message is taken again after this if its outcome was not
			      recorded (COSO_NOTIFY_LEASE: seconds, for tests of a crash) */
#define BACKOFF_CAP_MS (3600 * 1000LL)
#define ANSWER_MAX 300     /* what is kept of a gateway's answer */

/* ---- keys: the opt-out link ---- */

static uint8_t stop_key[32];
static atomic_bool stop_key_set;

void notify_key_set(const uint8_t key[32])
{
	crypto_generichash(stop_key, sizeof stop_key, key, 32, (const uint8_t *)"coso notify stop v1", 19);
	atomic_store(&stop_key_set, true);
}

void notify_stop_key_set(const uint8_t stop[32])
{
	memcpy(stop_key, stop, sizeof stop_key);
	atomic_store(&stop_key_set, true);
}

const uint8_t *notify_key(void)
{
	return atomic_load(&stop_key_set) ? stop_key : NULL;
}

void notify_stop_token(const uint8_t key[32], int64_t id, char out[64])
{
	uint8_t mac[12];
	crypto_generichash(mac, sizeof mac, (const uint8_t *)&id, sizeof id, key, 32);
	char hex[25];
	sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
	snprintf(out, 64, "%lld-%s", (long long)id, hex);
}

bool notify_stop_check(const uint8_t key[32], const char *token, int64_t *id)
{
	const char *dash = strchr(token, '-');
	if (!key || !dash || dash == token || dash - token > 19)
		return false;
	char num[20];
	memcpy(num, token, (size_t)(dash - token));
	num[dash - token] = 0;
	if (str_to_i64(num, 1, INT64_MAX, id))
		return false;
	char want[64];
	notify_stop_token(key, *id, want);
	return strlen(want) == strlen(token) && !sodium_memcmp(want, token, strlen(want));
}

/* ---- a claimed message and its outcome ---- */

enum outcome { O_PENDING, O_SENT, O_RETRY, O_DEFER, O_DROP, O_FALLBACK };

struct job {
	int64_t id, attempts, user;
	const char *channel, *address, *kind, *title, *body, *href, *idem, *province;
	bool urgent;
	const struct notify_gateway *g;
	enum outcome out;
	int64_t when;        /* O_DEFER: until */
	const char *answer;  /* the gateway's answer, cut, or why */
	const char *ref;     /* the gateway's id of the message */
	const char *fallback_text;
	bool final;          /* O_RETRY: no attempt left */
	bool tried;          /* an attempt to record */
	bool recorded;       /* its outcome is written */
	bool recording;      /* in the write being made */
	int64_t at;          /* when its outcome was known */
	/* the transfer */
	CURL *h;
	struct curl_slist *hdrs, *rcpt;
	struct buf resp, payload;
	size_t sent_off;
	struct job *next;
};

struct round {
	struct arena a;
	struct job *v;
	size_t n;
	int64_t now;
	const char *public_url;
	const uint8_t *key;
	int64_t lease;
	bool flush; /* the round's end: what was not sent is due again at once */
	struct timespec t0; /* when the round began (monotonic) */
};

static enum app_err claim_fn(struct dbc *c, void *arg)
{
	struct round *r = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_CLAIM);
	db_bind_i64(s, 1, r->now);
	db_bind_i64(s, 2, r->lease);
	db_bind_i64(s, 3, CLAIM_MAX);
	bool row;
	enum app_err e;
	size_t cap = 0;
	r->n = 0;
	while (!(e = db_step(s, &row)) && row) {
		if (r->n == cap) {
			cap = cap ? cap * 2 : 64;
			struct job *v = arena_alloc(&r->a, cap * sizeof *v);
			if (r->n)
				memcpy(v, r->v, r->n * sizeof *v);
			r->v = v;
		}
		struct job *j = &r->v[r->n++];
		memset(j, 0, sizeof *j);
		db_cols(s, &r->a, 0, DB_COL(&j->id), DB_COL(&j->channel), DB_COL(&j->address), DB_COL(&j->kind),
			DB_COL(&j->title), DB_COL(&j->body), DB_COL(&j->href), DB_COL(&j->idem), DB_COL(&j->attempts),
			DB_COL(&j->province), DB_COL(&j->urgent), DB_COL(&j->user));
	}
	db_reset(s);
	return e;
}

/* The instant an outcome is known: the round's now (given) and the time
 * elapsed since the round began (a monotonic clock, not the wall's). */
static int64_t round_clock(const struct round *r)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return r->now + (int64_t)(t.tv_sec - r->t0.tv_sec);
}

/* The next try after attempts failures: base·2^attempts, ±25 %, capped. */
static int64_t backoff_at(const struct notify_gateway *g, int64_t now, int64_t attempts)
{
	int64_t ms = g ? g->retry_base_ms : 30000;
	for (int64_t i = 0; i < attempts && ms < BACKOFF_CAP_MS; i++)
		ms *= 2;
	if (ms > BACKOFF_CAP_MS)
		ms = BACKOFF_CAP_MS;
	ms = ms * 3 / 4 + (int64_t)randombytes_uniform((uint32_t)(ms / 2 + 1));
	int64_t s = (ms + 999) / 1000;
	return now + (s < 1 ? 1 : s);
}

static void fail(struct round *r, struct job *j, const char *answer)
{
	j->tried = true;
	j->answer = answer;
	j->out = O_RETRY;
	j->at = round_clock(r);
	int max = j->g ? j->g->max_attempts : 8;
	j->final = j->attempts + 1 >= max;
	j->when = j->final ? 0 : backoff_at(j->g, j->at, j->attempts);
}

/* Writes the outcomes known and not yet written (all of them at the round's
 * end): as they come, so that a crash repeats only what was in flight. */
static enum app_err record_fn(struct dbc *c, void *arg)
{
	struct round *r = arg;
	enum app_err e = APP_OK;
	for (size_t i = 0; !e && i < r->n; i++) {
		struct job *j = &r->v[i];
		j->recording = false;
		if (j->recorded || (j->out == O_PENDING && !r->flush))
			continue;
		int64_t at = j->at ? j->at : r->now;
		switch (j->out) {
		case O_SENT:
			e = db_run(c, STMT_NOTIFY_SENT, "iitt", j->id, at, j->ref ? j->ref : "", "sent");
			break;
		case O_RETRY:
			e = db_run(c, STMT_NOTIFY_TRY_FAILED, "iiti", j->id, j->when, j->answer, at);
			break;
		case O_DEFER:
			e = db_run(c, STMT_NOTIFY_DEFER, "ii", j->id, j->when);
			break;
		case O_DROP:
			e = db_run(c, STMT_NOTIFY_DROP, "iti", j->id, j->answer, at);
			break;
		case O_FALLBACK:
			/* Zalo refused or its quota is spent: the same message by SMS */
			e = db_run(c, STMT_NOTIFY_TRY_FAILED, "iiti", j->id, (int64_t)0, j->answer, at);
			if (!e && j->fallback_text)
				e = db_run(c, STMT_NOTIFY_FALLBACK, "iti", j->id, j->fallback_text, at);
			break;
		case O_PENDING:
			/* not sent this round (stopping): due again at once */
			e = db_run(c, STMT_NOTIFY_DEFER, "ii", j->id, r->now);
			break;
		}
		if (!e && j->tried)
			e = db_run(c, STMT_NOTIFY_ATTEMPT_INSERT, "iiit", j->id, at, (int64_t)(j->out == O_SENT),
				   j->answer ? j->answer : "");
		j->recording = true;
	}
	return e;
}

/* Records what is known; false if the write failed (the outcomes are then
 * written again later, or their lease ends and they are sent again). */
static bool record(struct db *db, struct round *r, bool flush)
{
	r->flush = flush;
	enum app_err e = db_write(db, record_fn, r);
	for (size_t i = 0; i < r->n; i++) {
		if (!e && r->v[i].recording)
			r->v[i].recorded = true;
		r->v[i].recording = false;
	}
	if (e)
		log_msg(LOG_ERROR, "notify: recording outcomes failed (%s); they are sent again after the lease",
			app_err_code(e));
	return !e;
}

/* ---- building requests ---- */

static size_t sink(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	size_t len = size * n;
	if (b->n + len <= 64 * 1024)
		buf_append(b, p, len);
	return len;
}

static size_t source(char *p, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t room = size * n, left = j->payload.n - j->sent_off;
	size_t k = left < room ? left : room;
	memcpy(p, j->payload.p + j->sent_off, k);
	j->sent_off += k;
	return k;
}

/* The text with {link} and {stop} filled. */
static const char *fill_links(struct round *r, struct job *j, const char *text)
{
	if (!strstr(text, "{link}") && !strstr(text, "{stop}"))
		return text;
	struct buf b;
	buf_init(&b);
	for (const char *p = text; *p; p++) {
		if (!strncmp(p, "{link}", 6)) {
			buf_puts(&b, r->public_url);
			buf_puts(&b, j->href);
			p += 5;
		} else if (!strncmp(p, "{stop}", 6)) {
			char tok[64];
			if (r->key) {
				notify_stop_token(r->key, j->id, tok);
				buf_printf(&b, "%s/notify/stop/%s", r->public_url, tok);
			}
			p += 5;
		} else
			buf_putc(&b, *p);
	}
	buf_putc(&b, 0);
	const char *out = arena_strdup(&r->a, b.p);
	buf_reset(&b);
	return out;
}

/* A value put into a JSON string or a form. */
static void put_value(struct buf *b, const char *v, bool form, CURL *h)
{
	if (form) {
		char *e = curl_easy_escape(h, v, 0);
		buf_puts(b, e ? e : "");
		curl_free(e);
		return;
	}
	json_t *s = json_string(v);
	char *d = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
	if (d) /* without its quotes: the template has them */
		buf_append(b, d + 1, strlen(d) - 2);
	free(d);
	json_decref(s);
}

/* A gateway's template with the message's values: {to} {to84} {text} {sender} {id} {idem} {secret}. */
static void expand(struct buf *b, const char *tpl, const struct job *j, const char *text, bool form, bool raw, CURL *h)
{
	char to84[STR_PHONE_LEN + 1], id[24];
	str_phone84(j->address, to84);
	snprintf(id, sizeof id, "%lld", (long long)j->id);
	for (const char *p = tpl; *p; p++) {
		const char *e, *v = NULL;
		if (*p == '{' && (e = strchr(p, '}'))) {
			size_t l = (size_t)(e - p - 1);
#define IS(n) (l == sizeof n - 1 && !strncmp(p + 1, n, l))
			if (IS("to"))
				v = j->address;
			else if (IS("to84"))
				v = to84;
			else if (IS("text"))
				v = text;
			else if (IS("sender"))
				v = j->g->sender;
			else if (IS("id"))
				v = id;
			else if (IS("idem"))
				v = j->idem;
			else if (IS("secret"))
				v = j->g->secret;
#undef IS
			if (v) {
				if (raw)
					buf_puts(b, v);
				else
					put_value(b, v, form, h);
				p = e;
				continue;
			}
		}
		buf_putc(b, *p);
	}
	buf_putc(b, 0);
	b->n--;
}

static void common_opts(struct job *j)
{
	curl_easy_setopt(j->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->h, CURLOPT_TIMEOUT_MS, (long)j->g->timeout_ms);
	curl_easy_setopt(j->h, CURLOPT_CONNECTTIMEOUT_MS, (long)(j->g->timeout_ms < 5000 ? j->g->timeout_ms : 5000));
	curl_easy_setopt(j->h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(j->h, CURLOPT_WRITEDATA, &j->resp);
	curl_easy_setopt(j->h, CURLOPT_PRIVATE, j);
}

static bool prepare_http(struct round *r, struct job *j)
{
	struct buf url;
	buf_init(&url);
	expand(&url, j->g->url, j, j->body, true, false, j->h);
	const char *text = fill_links(r, j, j->body);
	expand(&j->payload, j->g->body, j, text, j->g->form, false, j->h);
	curl_easy_setopt(j->h, CURLOPT_URL, url.p);
	buf_reset(&url);
	for (size_t i = 0; i < j->g->nheaders; i++) {
		struct buf hb;
		buf_init(&hb);
		expand(&hb, j->g->headers[i], j, text, false, true, j->h);
		j->hdrs = curl_slist_append(j->hdrs, hb.p);
		buf_reset(&hb);
	}
	char idem[300];
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", j->idem);
	j->hdrs = curl_slist_append(j->hdrs, idem);
	j->hdrs = curl_slist_append(j->hdrs, "Expect:");
	curl_easy_setopt(j->h, CURLOPT_HTTPHEADER, j->hdrs);
	curl_easy_setopt(j->h, CURLOPT_CUSTOMREQUEST, j->g->method);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDS, j->payload.p);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDSIZE, (long)j->payload.n);
	return true;
}

/* ---- Zalo (ZNS) ---- */

struct zalo_token {
	char access[512];
	int64_t quota; /* -1 unknown */
	bool ok;
};

/* The gateway's access token, refreshed first when it expires within ten
 * minutes; the rotated refresh token is stored at once (it is single-use). */
struct token_job {
	const char *gateway, *access, *refresh;
	int64_t expires, quota, now;
};

static enum app_err token_save_fn(struct dbc *c, void *arg)
{
	struct token_job *t = arg;
	return db_run(c, STMT_NOTIFY_TOKEN_SET, "tttiii", t->gateway, t->access, t->refresh, t->expires, t->quota, t->now);
}

static struct zalo_token zalo_token(struct db *db, const struct notify_gateway *g, int64_t now, CURL *h)
{
	struct zalo_token t = {.quota = -1};
	struct dbc *c;
	char refresh[512] = "";
	int64_t expires = 0;
	if (!db_conn(db, &c) && !dbc_begin_read(c)) {
		struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_TOKEN_GET);
		db_bind_text(s, 1, g->name);
		if (!db_row(s)) {
			snprintf(t.access, sizeof t.access, "%s", db_col_text(s, 0));
			snprintf(refresh, sizeof refresh, "%s", db_col_text(s, 1));
			expires = db_col_i64(s, 2);
			t.quota = db_col_i64(s, 3);
		}
		db_reset(s);
		dbc_end_read(c);
	}
	if (expires - now > 600 && *t.access) {
		t.ok = true;
		return t;
	}
	if (!*refresh)
		snprintf(refresh, sizeof refresh, "%s", g->refresh_seed);
	if (!*refresh)
		return t;
	struct buf resp, form;
	buf_init(&resp);
	buf_init(&form);
	char *rt = curl_easy_escape(h, refresh, 0), *app = curl_easy_escape(h, g->app_id, 0);
	buf_printf(&form, "refresh_token=%s&app_id=%s&grant_type=refresh_token", rt, app);
	curl_free(rt);
	curl_free(app);
	char hdr[600];
	snprintf(hdr, sizeof hdr, "secret_key: %s", g->secret);
	struct curl_slist *hs = curl_slist_append(NULL, hdr);
	sodium_memzero(hdr, sizeof hdr);
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, g->token_url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hs);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, form.p);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &resp);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)g->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl_easy_perform(h);
	curl_slist_free_all(hs);
	buf_putc(&resp, 0);
	json_t *o = rc == CURLE_OK ? json_loads(resp.p, 0, NULL) : NULL;
	const char *acc = json_string_value(json_object_get(o, "access_token"));
	const char *ref = json_string_value(json_object_get(o, "refresh_token"));
	json_t *ex = json_object_get(o, "expires_in");
	int64_t exp_in = json_is_integer(ex) ? json_integer_value(ex) : json_is_string(ex) ? atoll(json_string_value(ex)) : 0;
	if (acc && ref && exp_in > 0) {
		struct token_job tj = {g->name, acc, ref, now + exp_in, t.quota, now};
		if (!db_write(db, token_save_fn, &tj)) {
			snprintf(t.access, sizeof t.access, "%s", acc);
			t.ok = true;
		}
	} else
		log_msg(LOG_WARN, "notify: %s: the Zalo access token could not be refreshed", g->name);
	json_decref(o);
	buf_reset(&resp);
	buf_reset(&form);
	curl_easy_reset(h);
	return t;
}

static bool prepare_zns(struct round *r, struct job *j, const struct zalo_token *t)
{
	json_t *in = json_loads(j->body, 0, NULL);
	json_t *params = json_object_get(in, "params");
	j->fallback_text = arena_strdup(&r->a, json_string_value(json_object_get(in, "sms")) ?: "");
	if (!t->ok || t->quota == 0 || !json_is_object(params)) {
		j->out = O_FALLBACK;
		j->tried = true;
		j->answer = !t->ok ? "zalo: no access token" : t->quota == 0 ? "zalo: daily quota spent" : "zalo: bad message";
		json_decref(in);
		return false;
	}
	/* {link} in a parameter is filled like any text */
	const char *k;
	json_t *v;
	json_object_foreach(params, k, v) if (json_is_string(v))
		json_object_set_new(params, k, json_string(fill_links(r, j, json_string_value(v))));
	char to84[STR_PHONE_LEN + 1], id[24];
	str_phone84(j->address, to84);
	snprintf(id, sizeof id, "%lld", (long long)j->id);
	json_t *o = json_pack("{s:s, s:O, s:O, s:s}", "phone", to84, "template_id", json_object_get(in, "template_id"),
			      "template_data", params, "tracking_id", id);
	char *d = json_dumps(o, JSON_COMPACT);
	buf_puts(&j->payload, d);
	free(d);
	json_decref(o);
	json_decref(in);
	char hdr[600];
	snprintf(hdr, sizeof hdr, "access_token: %s", t->access);
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	sodium_memzero(hdr, sizeof hdr);
	j->hdrs = curl_slist_append(j->hdrs, "Content-Type: application/json");
	curl_easy_setopt(j->h, CURLOPT_URL, j->g->url);
	curl_easy_setopt(j->h, CURLOPT_HTTPHEADER, j->hdrs);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDS, j->payload.p);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDSIZE, (long)j->payload.n);
	return true;
}

/* ---- e-mail ---- */

static void b64(struct buf *b, const char *s)
{
	size_t n = strlen(s), m = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(m);
	sodium_bin2base64(out, m, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	buf_puts(b, out);
	free(out);
}

static void html_esc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\n': buf_puts(b, "<br>"); break;
		default: buf_putc(b, *s);
		}
	}
}

static bool prepare_smtp(struct round *r, struct job *j)
{
	const char *text = fill_links(r, j, j->body);
	char link[600] = "", stop[600] = "";
	snprintf(link, sizeof link, "%s%s", r->public_url, j->href);
	if (r->key) {
		char tok[64];
		notify_stop_token(r->key, j->id, tok);
		snprintf(stop, sizeof stop, "%s/notify/stop/%s", r->public_url, tok);
	}
	char date[64];
	time_t now = (time_t)r->now;
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	uint8_t h[16];
	char hx[33];
	crypto_generichash(h, sizeof h, (const uint8_t *)j->idem, strlen(j->idem), NULL, 0);
	sodium_bin2hex(hx, sizeof hx, h, sizeof h);
	struct buf *b = &j->payload;
	buf_printf(b, "Date: %s\r\nTo: <%s>\r\nFrom: =?UTF-8?B?", date, j->address);
	b64(b, *j->g->sender ? j->g->sender : "coso");
	buf_printf(b, "?= <%s>\r\nSubject: =?UTF-8?B?", j->g->from);
	b64(b, j->title);
	buf_printf(b, "?=\r\nMessage-ID: <%s@coso>\r\nX-Coso-Idempotency-Key: %s\r\nMIME-Version: 1.0\r\n", hx, j->idem);
	if (*stop)
		buf_printf(b, "List-Unsubscribe: <%s>\r\n", stop);
	buf_puts(b, "Content-Type: multipart/alternative; boundary=\"coso-part\"\r\n\r\n"
		    "--coso-part\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
	buf_puts(b, text);
	if (*stop)
		buf_printf(b, "\r\n\r\n-- \r\n%s: %s", "Từ chối nhận thư", stop);
	buf_puts(b, "\r\n--coso-part\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
		    "<!doctype html><html lang=\"vi\"><body style=\"font-family:sans-serif\"><h1 style=\"font-size:1.2em\">");
	html_esc(b, j->title);
	buf_puts(b, "</h1><p>");
	html_esc(b, text);
	buf_puts(b, "</p><p><a href=\"");
	html_esc(b, link);
	buf_puts(b, "\">Xem trên coso</a></p>");
	if (*stop) {
		buf_puts(b, "<p style=\"color:#555;font-size:.9em\"><a href=\"");
		html_esc(b, stop);
		buf_puts(b, "\">Từ chối nhận thư</a></p>");
	}
	buf_puts(b, "</body></html>\r\n--coso-part--\r\n");
	curl_easy_setopt(j->h, CURLOPT_URL, j->g->url);
	char from[300];
	snprintf(from, sizeof from, "<%s>", j->g->from);
	curl_easy_setopt(j->h, CURLOPT_MAIL_FROM, from);
	char to[300];
	snprintf(to, sizeof to, "<%s>", j->address);
	j->rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(j->h, CURLOPT_MAIL_RCPT, j->rcpt);
	curl_easy_setopt(j->h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(j->h, CURLOPT_READFUNCTION, source);
	curl_easy_setopt(j->h, CURLOPT_READDATA, j);
	curl_easy_setopt(j->h, CURLOPT_INFILESIZE, (long)b->n);
	if (j->g->starttls && !strncmp(j->g->url, "smtp://", 7))
		curl_easy_setopt(j->h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (*j->g->username) {
		curl_easy_setopt(j->h, CURLOPT_USERNAME, j->g->username);
		curl_easy_setopt(j->h, CURLOPT_PASSWORD, j->g->secret);
	}
	return true;
}

/* ---- the file channel ---- */

static void send_file(struct round *r, struct job *j)
{
	FILE *f = fopen(j->g->file, "a");
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)j->id, "channel", j->channel,
			      "to", j->address, "kind", j->kind, "title", j->title, "text", fill_links(r, j, j->body),
			      "idem", j->idem, "at", (json_int_t)r->now);
	char *d = o ? json_dumps(o, JSON_COMPACT) : NULL;
	bool ok = f && d && fprintf(f, "%s\n", d) > 0;
	if (f && fclose(f))
		ok = false;
	free(d);
	json_decref(o);
	if (ok) {
		j->out = O_SENT;
		j->tried = true;
		j->at = round_clock(r);
		j->answer = "file";
	} else
		fail(r, j, "file: cannot write");
}

/* ---- outcomes ---- */

static const char *cut(struct arena *a, const char *s, size_t n)
{
	size_t l = strlen(s);
	if (l > ANSWER_MAX)
		l = ANSWER_MAX;
	while (l && ((unsigned char)s[l] & 0xC0) == 0x80)
		l--;
	(void)n;
	return arena_strndup(a, s, l);
}

static void judge(struct round *r, struct job *j, CURLcode rc)
{
	long code = 0;
	curl_easy_getinfo(j->h, CURLINFO_RESPONSE_CODE, &code);
	buf_putc(&j->resp, 0);
	const char *body = j->resp.p ? j->resp.p : "";
	j->tried = true;
	j->at = round_clock(r);
	if (rc != CURLE_OK) {
		fail(r, j, arena_printf(&r->a, "%s", curl_easy_strerror(rc)));
		return;
	}
	if (!strcmp(j->g->type, "smtp")) {
		j->out = O_SENT;
		j->answer = arena_printf(&r->a, "SMTP %ld", code);
		return;
	}
	const char *ans = arena_printf(&r->a, "HTTP %ld %s", code, cut(&r->a, body, ANSWER_MAX));
	if (!strcmp(j->g->type, "zns")) {
		json_t *o = json_loads(body, 0, NULL);
		json_t *err = json_object_get(o, "error");
		if (code / 100 == 2 && json_is_integer(err) && json_integer_value(err) == 0) {
			j->out = O_SENT;
			j->answer = ans;
			json_t *id = json_object_get(json_object_get(o, "data"), "msg_id");
			if (json_is_string(id))
				j->ref = arena_strdup(&r->a, json_string_value(id));
		} else if (code / 100 == 2 && json_is_integer(err) && *j->g->fallback) {
			j->out = O_FALLBACK; /* refused (not a Zalo user, a bad template, the quota): SMS instead */
			j->answer = ans;
		} else
			fail(r, j, ans);
		json_decref(o);
		return;
	}
	if (code / 100 != 2 || (*j->g->ok_contains && !strstr(body, j->g->ok_contains))) {
		fail(r, j, ans);
		return;
	}
	j->out = O_SENT;
	j->answer = ans;
	if (*j->g->ref_field) {
		json_t *o = json_loads(body, 0, NULL);
		json_t *v = json_object_get(o, j->g->ref_field);
		if (json_is_string(v))
			j->ref = arena_strdup(&r->a, json_string_value(v));
		else if (json_is_integer(v))
			j->ref = arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
		json_decref(o);
	}
}

/* The quota Zalo reported with a sent message, if it did. */
static int64_t zns_quota(const struct job *j)
{
	json_t *o = json_loads(j->resp.p ? j->resp.p : "", 0, NULL);
	json_t *q = json_object_get(json_object_get(json_object_get(o, "data"), "quota"), "remainingQuota");
	int64_t v = json_is_string(q) ? atoll(json_string_value(q)) : json_is_integer(q) ? json_integer_value(q) : -1;
	json_decref(o);
	return v;
}

struct quota_job {
	const char *gateway;
	int64_t quota, now;
};

static enum app_err quota_fn(struct dbc *c, void *arg)
{
	struct quota_job *q = arg;
	return db_run(c, STMT_NOTIFY_QUOTA_SET, "tii", q->gateway, q->quota, q->now);
}

/* ---- a round ---- */

struct sender {
	struct db *db;
	CURLM *multi;
	CURL *plain; /* token refreshes */
	char *public_url;
	uint8_t key[32];
	bool has_key;
	atomic_bool stop;
	pthread_t thread;
	bool running;
	int64_t reminded[2]; /* the local day of the last digest and overdue reminder */
};

/* Before sending: quiet hours, opting out and the daily cap (read once). */
static void screen(struct round *r, struct dbc *c)
{
	for (size_t i = 0; i < r->n; i++) {
		struct job *j = &r->v[i];
		j->g = notify_gateway_for(j->province, j->channel);
		if (!j->g) {
			fail(r, j, "no gateway configured");
			continue;
		}
		bool phone = !strcmp(j->channel, "sms") || !strcmp(j->channel, "zalo");
		if (phone && !j->urgent) {
			int64_t ok = notify_not_quiet(j->g, r->now);
			if (ok != r->now) {
				j->out = O_DEFER;
				j->when = ok;
				continue;
			}
		}
		if (!strcmp(j->kind, "notify.reply"))
			continue; /* an answer to what the person sent: even after "TU CHOI" */
		struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_SENT_SINCE);
		db_bind_text(s, 1, j->address);
		db_bind_i64(s, 2, r->now - 86400);
		if (!db_row(s)) {
			int64_t sent = db_col_i64(s, 0), out = db_col_i64(s, 1);
			/* the batch's own count too */
			for (size_t k = 0; k < i; k++)
				if (r->v[k].out == O_PENDING && !r->v[k].urgent && !strcmp(r->v[k].address, j->address) &&
				    strcmp(r->v[k].channel, "email") && phone)
					sent++;
			if (out) {
				j->out = O_DROP;
				j->answer = "opted out";
			} else if (phone && !j->urgent && sent >= j->g->daily_cap) {
				j->out = O_DROP;
				j->answer = "daily cap";
			}
		}
		db_reset(s);
	}
}

static void job_free(struct job *j)
{
	if (j->h)
		curl_easy_cleanup(j->h);
	curl_slist_free_all(j->hdrs);
	curl_slist_free_all(j->rcpt);
	buf_reset(&j->resp);
	buf_reset(&j->payload);
	j->h = NULL;
	j->hdrs = j->rcpt = NULL;
}

/* Sends what screen() left pending, each gateway within its parallel and rate. */
static void transfer(struct sender *sd, struct round *r, atomic_bool *stop)
{
	struct zalo_cache {
		const struct notify_gateway *g;
		struct zalo_token t;
	} zc[8];
	size_t nzc = 0;
	size_t next = 0, running = 0, done = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int64_t last_record = (int64_t)t0.tv_sec * 1000 + t0.tv_nsec / 1000000;
	/* per gateway: in flight and started this second */
	struct gw_count {
		const struct notify_gateway *g;
		int inflight, this_second;
		int64_t second;
	} gc[32];
	size_t ngc = 0;
	for (;;) {
		/* start what may start */
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		int64_t sec = ts.tv_sec;
		bool blocked = false;
		while (next < r->n && !atomic_load(stop)) {
			struct job *j = &r->v[next];
			if (j->out != O_PENDING) {
				next++;
				continue;
			}
			struct gw_count *k = NULL;
			for (size_t i = 0; i < ngc; i++)
				if (gc[i].g == j->g)
					k = &gc[i];
			if (!k && ngc < 32) {
				k = &gc[ngc++];
				*k = (struct gw_count){j->g, 0, 0, sec};
			}
			if (k && k->second != sec)
				k->second = sec, k->this_second = 0;
			if (k && (k->inflight >= j->g->parallel || k->this_second >= j->g->rate)) {
				blocked = true;
				break; /* in claim order: wait for room */
			}
			next++;
			if (!strcmp(j->g->type, "file")) {
				send_file(r, j);
				continue;
			}
			j->h = curl_easy_init();
			buf_init(&j->resp);
			buf_init(&j->payload);
			common_opts(j);
			bool ok;
			if (!strcmp(j->g->type, "zns")) {
				struct zalo_token *t = NULL;
				for (size_t i = 0; i < nzc; i++)
					if (zc[i].g == j->g)
						t = &zc[i].t;
				if (!t && nzc < 8) {
					zc[nzc] = (struct zalo_cache){j->g, zalo_token(sd->db, j->g, r->now, sd->plain)};
					t = &zc[nzc++].t;
				}
				ok = t && prepare_zns(r, j, t);
			} else if (!strcmp(j->g->type, "smtp"))
				ok = prepare_smtp(r, j);
			else
				ok = prepare_http(r, j);
			if (!ok) {
				job_free(j);
				continue;
			}
			curl_multi_add_handle(sd->multi, j->h);
			running++;
			if (k)
				k->inflight++, k->this_second++;
		}
		if (!running && (next >= r->n || atomic_load(stop)))
			break;
		int still = 0;
		curl_multi_perform(sd->multi, &still);
		CURLMsg *m;
		int left;
		while ((m = curl_multi_info_read(sd->multi, &left))) {
			if (m->msg != CURLMSG_DONE)
				continue;
			struct job *j = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			CURLcode rc = m->data.result;
			curl_multi_remove_handle(sd->multi, m->easy_handle);
			judge(r, j, rc);
			if (j->out == O_SENT && !strcmp(j->g->type, "zns")) {
				int64_t q = zns_quota(j);
				for (size_t i = 0; i < nzc && q >= 0; i++)
					if (zc[i].g == j->g)
						zc[i].t.quota = q;
			}
			for (size_t i = 0; i < ngc; i++)
				if (gc[i].g == j->g)
					gc[i].inflight--;
			job_free(j);
			running--;
			done++;
		}
		/* the outcomes known are written as they come (every 64, or every
		 * 200 ms): a crash then repeats only what was in flight */
		struct timespec tn;
		clock_gettime(CLOCK_MONOTONIC, &tn);
		int64_t ms = (int64_t)tn.tv_sec * 1000 + tn.tv_nsec / 1000000;
		if (done && (done >= 64 || ms - last_record >= 200)) {
			record(sd->db, r, false);
			done = 0;
			last_record = ms;
		}
		if (running)
			curl_multi_poll(sd->multi, NULL, 0, 50, NULL);
		else if (blocked)
			usleep(20000); /* a rate: the next second */
	}
	for (size_t i = 0; i < nzc; i++)
		if (zc[i].t.quota >= 0) {
			struct quota_job q = {zc[i].g->name, zc[i].t.quota, r->now};
			db_write(sd->db, quota_fn, &q);
		}
}

static enum app_err round_run(struct sender *sd, int64_t now, size_t *tried)
{
	const char *lease = getenv("COSO_NOTIFY_LEASE");
	struct round r = {.now = now, .public_url = sd->public_url, .key = sd->has_key ? sd->key : NULL,
			  .lease = lease && atoi(lease) > 0 ? atoi(lease) : LEASE_SECONDS};
	arena_init(&r.a);
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	struct dbc *c;
	enum app_err e = db_conn(sd->db, &c);
	if (!e && !(e = dbc_begin_read(c))) {
		notify_gateways_reload(c, false);
		dbc_end_read(c);
	}
	if (!e)
		e = db_write(sd->db, claim_fn, &r);
	*tried = r.n;
	if (e || !r.n) {
		arena_free(&r.a);
		return e;
	}
	if (!(e = dbc_begin_read(c))) {
		screen(&r, c);
		dbc_end_read(c);
	}
	transfer(sd, &r, &sd->stop);
	size_t ok = 0, bad = 0;
	for (size_t i = 0; i < r.n; i++)
		r.v[i].out == O_SENT ? ok++ : r.v[i].out == O_RETRY ? bad++ : 0;
	if (!record(sd->db, &r, true))
		e = APP_EDB;
	else if (ok || bad)
		log_msg(LOG_INFO, "notify: %zu sent, %zu to try again or failed", ok, bad);
	arena_free(&r.a);
	return e;
}

static struct sender *sender_new(struct db *db, const char *public_url, const uint8_t key[32])
{
	struct sender *sd = xcalloc(1, sizeof *sd);
	sd->db = db;
	sd->multi = curl_multi_init();
	curl_multi_setopt(sd->multi, CURLMOPT_MAXCONNECTS, 64L);
	sd->plain = curl_easy_init();
	sd->public_url = xstrdup(public_url ? public_url : "");
	if (key) /* the opt-out links' key, derived as the pages check it */
		notify_key_set(key);
	if (notify_key()) { /* or as a node without the ledger key was given it */
		memcpy(sd->key, notify_key(), 32);
		sd->has_key = true;
	}
	return sd;
}

static void sender_free(struct sender *sd)
{
	curl_multi_cleanup(sd->multi);
	curl_easy_cleanup(sd->plain);
	free(sd->public_url);
	sodium_memzero(sd->key, sizeof sd->key);
	free(sd);
}

enum app_err notify_deliver_once(struct db *db, const char *public_url, const uint8_t key[32], int64_t now,
				 size_t *tried)
{
	struct sender *sd = sender_new(db, public_url, key);
	enum app_err e = round_run(sd, now, tried);
	sender_free(sd);
	return e;
}

struct notify_worker {
	struct sender *sd;
};

/* The reminders: at 07:00 UTC+7 the day's digest, at 16:00 the overdue
 * ones; each once a day in this process (and once a day for a person
 * whatever runs it: the key carries the day). */
static void reminders(struct sender *sd, int64_t now)
{
	int64_t local = now + 7 * 3600, day = local / 86400, hour = local % 86400 / 3600;
	for (int k = 0; k < 2; k++) {
		int at = k ? 16 : 7;
		if (hour < at || sd->reminded[k] == day)
			continue;
		size_t n = 0;
		if (!notify_digest(sd->db, k == 1, now, &n)) {
			sd->reminded[k] = day;
			if (n)
				log_msg(LOG_INFO, "notify: reminders written for %zu people", n);
		}
	}
}

static void *worker_main(void *arg)
{
	struct sender *sd = arg;
	while (!atomic_load(&sd->stop)) {
		size_t n = 0;
		reminders(sd, (int64_t)time(NULL));
		enum app_err e = round_run(sd, (int64_t)time(NULL), &n);
		if (n >= CLAIM_MAX && !e)
			continue; /* more is due: at once */
		for (int i = 0; i < 10 && !atomic_load(&sd->stop); i++)
			usleep(100000); /* a second between rounds when idle */
	}
	return NULL;
}

struct notify_worker *notify_worker_start(struct db *db, const char *public_url, const uint8_t key[32])
{
	struct notify_worker *w = xcalloc(1, sizeof *w);
	w->sd = sender_new(db, public_url, key);
	if (pthread_create(&w->sd->thread, NULL, worker_main, w->sd)) {
		sender_free(w->sd);
		free(w);
		return NULL;
	}
	w->sd->running = true;
	return w;
}

void notify_worker_stop(struct notify_worker *w)
{
	if (!w)
		return;
	atomic_store(&w->sd->stop, true);
	if (w->sd->running)
		pthread_join(w->sd->thread, NULL);
	sender_free(w->sd);
	free(w);
}

/* ---- delivery reports ---- */

enum app_err notify_report(struct dbc *c, const char *gateway, const char *ref, bool delivered, const char *error,
			   int64_t now)
{
	(void)gateway;
	int64_t id;
	if (str_to_i64(ref, 1, INT64_MAX, &id))
		return APP_ENOTFOUND;
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_REPORT);
	db_bind_i64(s, 1, id);
	db_bind_i64(s, 2, delivered);
	db_bind_text(s, 3, error ? error : "");
	db_bind_i64(s, 4, now);
	enum app_err e = db_row(s);
	db_reset(s);
	return e;
}
