/* gateway.c — the gateways administrators configure per province and
 * channel: parsing and checking their JSON, the secrets they name (read
 * from the environment or a file, kept in memory, never logged), and the
 * set in force (see notify.h, docs/notify.md). */
#include "notify.h"
#include "../db/db.h"
#include "../i18n/msg.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* the names an HTTP gateway's request may use */
static const char *const http_params = "to to84 text sender id idem secret";

static const char *jstr(json_t *o, const char *k, const char *dflt)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : dflt;
}

static int64_t jint(json_t *o, const char *k, int64_t dflt, int64_t min, int64_t max, bool *bad)
{
	json_t *v = json_object_get(o, k);
	if (!v)
		return dflt;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		*bad = true;
		return dflt;
	}
	return json_integer_value(v);
}

/* A secret named by the config: "<k>_env" (an environment variable) or
 * "<k>_file" (a file's first line); "" when neither is given. false with
 * *why when it is named but cannot be read. */
static bool secret_of(struct arena *a, json_t *o, const char *k, const char **out, const char **why)
{
	char key[64];
	snprintf(key, sizeof key, "%s_env", k);
	const char *env = jstr(o, key, NULL);
	snprintf(key, sizeof key, "%s_file", k);
	const char *file = jstr(o, key, NULL);
	*out = "";
	if (env) {
		const char *v = getenv(env);
		if (!v || !*v) {
			*why = arena_printf(a, "%s %s", msg(MSG_NT_GW_NO_ENV), env);
			return false;
		}
		*out = arena_strdup(a, v);
	} else if (file) {
		FILE *f = fopen(file, "r");
		char line[4096];
		if (!f || !fgets(line, sizeof line, f)) {
			if (f)
				fclose(f);
			*why = arena_printf(a, "%s %s", msg(MSG_NT_GW_NO_FILE), file);
			return false;
		}
		fclose(f);
		line[strcspn(line, "\r\n")] = 0;
		*out = arena_strdup(a, line);
		sodium_memzero(line, sizeof line);
	}
	return true;
}

/* Every {name} of text (a name: lower-case letters, digits, '_'; other
 * braces, as in a JSON body, are text) is one of list; false with *why otherwise. */
static bool names_ok(struct arena *a, const char *text, const char *list, const char **why)
{
	for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
		size_t l = notify_name_len(p);
		if (!l)
			continue;
		bool known = false;
		for (const char *w = list; *w;) {
			const char *sp = strchr(w, ' ');
			size_t wl = sp ? (size_t)(sp - w) : strlen(w);
			if (wl == l && !strncmp(w, p + 1, l))
				known = true;
			w = sp ? sp + 1 : w + wl;
		}
		if (!known) {
			*why = arena_printf(a, "%s {%.*s}", msg(MSG_NT_TPL_UNKNOWN), (int)l, p + 1);
			return false;
		}
	}
	return true;
}

static const char *const types[] = {"http", "zns", "smtp", "file", NULL};

enum app_err notify_gateway_parse(struct arena *a, const char *province, const char *channel, const char *name,
				  const char *config, struct notify_gateway *g, const char **why)
{
	memset(g, 0, sizeof *g);
	json_error_t je;
	json_t *o = json_loads(config, 0, &je);
	if (!json_is_object(o)) {
		*why = arena_printf(a, "%s (%d:%d)", msg(MSG_NT_GW_JSON), je.line, je.column);
		json_decref(o);
		return APP_EINVAL;
	}
	bool bad = false;
	enum app_err e = APP_EINVAL;
	g->province = arena_strdup(a, province);
	g->channel = arena_strdup(a, channel);
	g->name = arena_strdup(a, name);
	const char *type = jstr(o, "type", "");
	for (int i = 0; types[i]; i++)
		if (!strcmp(type, types[i]))
			g->type = types[i];
	if (!g->type) {
		*why = msg(MSG_NT_GW_TYPE);
		goto out;
	}
	if ((!strcmp(type, "zns") && strcmp(channel, "zalo")) || (!strcmp(type, "smtp") && strcmp(channel, "email")) ||
	    (!strcmp(type, "http") && strcmp(channel, "sms"))) {
		*why = msg(MSG_NT_GW_TYPE_CHANNEL);
		goto out;
	}
	g->url = arena_strdup(a, jstr(o, "url", ""));
	g->method = arena_strdup(a, jstr(o, "method", "POST"));
	g->body = arena_strdup(a, jstr(o, "body", ""));
	g->form = !strcmp(jstr(o, "body_format", "json"), "form");
	g->ok_contains = arena_strdup(a, jstr(o, "ok_contains", ""));
	g->ref_field = arena_strdup(a, jstr(o, "ref_field", ""));
	g->sender = arena_strdup(a, jstr(o, "sender", ""));
	g->from = arena_strdup(a, jstr(o, "from", ""));
	g->username = arena_strdup(a, jstr(o, "username", ""));
	g->file = arena_strdup(a, jstr(o, "file", ""));
	g->token_url = arena_strdup(a, jstr(o, "token_url", "https://oauth.zaloapp.com/v4/oa/access_token"));
	g->app_id = arena_strdup(a, jstr(o, "app_id", ""));
	g->fallback = arena_strdup(a, jstr(o, "fallback", "sms"));
	g->unicode = json_is_true(json_object_get(o, "unicode"));
	g->starttls = !json_is_false(json_object_get(o, "starttls"));
	g->sms_secret_ballots = !json_is_false(json_object_get(o, "sms_secret_ballots"));
	g->rate = (int)jint(o, "rate", 100, 1, 100000, &bad);
	g->parallel = (int)jint(o, "parallel", 16, 1, 256, &bad);
	g->timeout_ms = jint(o, "timeout_ms", 10000, 100, 300000, &bad);
	g->max_attempts = (int)jint(o, "max_attempts", 8, 1, 50, &bad);
	g->retry_base_ms = jint(o, "retry_base_ms", 30000, 10, 3600000, &bad);
	g->daily_cap = (int)jint(o, "daily_cap", 10, 1, 1000, &bad);
	g->quiet_from = (int)jint(o, "quiet_from", 21, 0, 23, &bad);
	g->quiet_to = (int)jint(o, "quiet_to", 7, 0, 23, &bad);
	if (bad) {
		*why = msg(MSG_NT_GW_NUMBER);
		goto out;
	}
	json_t *hs = json_object_get(o, "headers");
	if (hs && !json_is_array(hs)) {
		*why = msg(MSG_NT_GW_HEADERS);
		goto out;
	}
	g->nheaders = hs ? json_array_size(hs) : 0;
	if (g->nheaders > 16) {
		*why = msg(MSG_NT_GW_HEADERS);
		goto out;
	}
	g->headers = arena_alloc(a, (g->nheaders + 1) * sizeof *g->headers);
	for (size_t i = 0; i < g->nheaders; i++) {
		json_t *h = json_array_get(hs, i);
		if (!json_is_string(h) || !strchr(json_string_value(h), ':')) {
			*why = msg(MSG_NT_GW_HEADERS);
			goto out;
		}
		g->headers[i] = arena_strdup(a, json_string_value(h));
		if (!names_ok(a, g->headers[i], http_params, why))
			goto out;
	}
	json_t *from = json_object_get(o, "inbound_from");
	g->ninbound_from = json_is_array(from) ? json_array_size(from) : 0;
	g->inbound_from = arena_alloc(a, (g->ninbound_from + 1) * sizeof *g->inbound_from);
	for (size_t i = 0; i < g->ninbound_from; i++)
		g->inbound_from[i] = arena_strdup(a, json_is_string(json_array_get(from, i))
							 ? json_string_value(json_array_get(from, i)) : "");
	json_t *rp = json_object_get(o, "report");
	g->report_id = arena_strdup(a, jstr(rp, "id", "id"));
	g->report_status = arena_strdup(a, jstr(rp, "status", "status"));
	g->report_delivered = arena_strdup(a, jstr(rp, "delivered", "delivered"));
	g->report_error = arena_strdup(a, jstr(rp, "error", "error"));
	json_t *in = json_object_get(o, "inbound");
	g->in_from = arena_strdup(a, jstr(in, "from", "from"));
	g->in_text = arena_strdup(a, jstr(in, "text", "text"));
	g->in_id = arena_strdup(a, jstr(in, "id", "id"));
	if (!strcmp(type, "file") ? !*g->file
	    : (strncmp(g->url, "http://", 7) && strncmp(g->url, "https://", 8) && strncmp(g->url, "smtp://", 7) &&
	       strncmp(g->url, "smtps://", 8))) {
		*why = msg(MSG_NT_GW_URL);
		goto out;
	}
	if (!strcmp(type, "http") && (!*g->body || !names_ok(a, g->body, http_params, why) ||
				      !names_ok(a, g->url, http_params, why))) {
		if (!*g->body)
			*why = msg(MSG_NT_GW_BODY);
		goto out;
	}
	if (!strcmp(type, "smtp") && !*g->from) {
		*why = msg(MSG_NT_GW_FROM);
		goto out;
	}
	if (!secret_of(a, o, "secret", &g->secret, why) || !secret_of(a, o, "inbound_secret", &g->inbound_secret, why) ||
	    !secret_of(a, o, "refresh_token", &g->refresh_seed, why))
		goto out;
	if (strcmp(type, "file") && !strcmp(type, "zns") && !*g->secret) {
		*why = msg(MSG_NT_GW_SECRET);
		goto out;
	}
	e = APP_OK;
out:
	json_decref(o);
	return e;
}

enum app_err notify_gateway_set(struct dbc *c, const char *province, const char *channel, const char *name,
				const char *config, int64_t now, int64_t by)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_GW_SET);
	db_bind_text(s, 1, province);
	db_bind_text(s, 2, channel);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, config);
	db_bind_i64(s, 5, now);
	db_bind_id(s, 6, by);
	return db_exec(s);
}

/* ---- the set in force ---- */

struct notify_gateways {
	struct arena a;
	struct notify_gateway *v;
	size_t n;
	uint8_t hash[32]; /* of the rows it was made from */
	struct notify_gateways *prev; /* the set it replaced, kept: a reader may still hold it */
};

static _Atomic(struct notify_gateways *) gw_current;

const struct notify_gateway *notify_gateway_for(const char *province, const char *channel)
{
	struct notify_gateways *s = atomic_load(&gw_current);
	const struct notify_gateway *any = NULL;
	for (size_t i = 0; s && i < s->n; i++) {
		if (strcmp(s->v[i].channel, channel))
			continue;
		if (province && !strcmp(s->v[i].province, province))
			return &s->v[i];
		if (!strcmp(s->v[i].province, "*"))
			any = &s->v[i];
	}
	return any;
}

const struct notify_gateway *notify_gateway_named(const char *name)
{
	struct notify_gateways *s = atomic_load(&gw_current);
	for (size_t i = 0; s && i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

size_t notify_gateways_all(const struct notify_gateway **out)
{
	struct notify_gateways *s = atomic_load(&gw_current);
	*out = s ? s->v : NULL;
	return s ? s->n : 0;
}

static enum app_err gateways_reload(struct dbc *c, bool force)
{
	/* read every row; a new set only when they changed (their hash) */
	struct notify_gateways *g = xcalloc(1, sizeof *g);
	arena_init(&g->a);
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_GW_LIST);
	bool row;
	size_t cap = 0;
	enum app_err e;
	struct gw_row {
		const char *province, *channel, *name, *config;
	} *rows = NULL;
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, sizeof g->hash);
	while (!(e = db_step(s, &row)) && row) {
		if (g->n == cap) {
			cap = cap ? cap * 2 : 8;
			struct gw_row *v = arena_alloc(&g->a, cap * sizeof *v);
			if (g->n)
				memcpy(v, rows, g->n * sizeof *v);
			rows = v;
		}
		struct gw_row *x = &rows[g->n++];
		db_cols(s, &g->a, 0, DB_COL(&x->province), DB_COL(&x->channel), DB_COL(&x->name), DB_COL(&x->config));
		for (int k = 0; k < 4; k++) {
			const char *f = k == 0 ? x->province : k == 1 ? x->channel : k == 2 ? x->name : x->config;
			crypto_generichash_update(&h, (const uint8_t *)f, strlen(f) + 1);
		}
	}
	db_reset(s);
	crypto_generichash_final(&h, g->hash, sizeof g->hash);
	struct notify_gateways *old = atomic_load(&gw_current);
	if (e || (!force && old && !memcmp(old->hash, g->hash, sizeof g->hash))) {
		arena_free(&g->a);
		free(g);
		return e;
	}
	size_t n = g->n;
	g->n = 0;
	g->v = arena_alloc(&g->a, (n + 1) * sizeof *g->v);
	for (size_t i = 0; i < n; i++) {
		const char *why = NULL;
		if (notify_gateway_parse(&g->a, rows[i].province, rows[i].channel, rows[i].name, rows[i].config, &g->v[g->n],
					 &why))
			/* checked when stored; what changed since (a variable gone) is said here */
			log_msg(LOG_WARN, "notify: gateway %s is not used: %s", rows[i].name, why);
		else
			g->n++;
	}
	/* the old set is kept (and reachable): the worker or a request may still
	 * read it; sets are replaced only when an administrator changes a gateway */
	g->prev = old;
	atomic_store(&gw_current, g);
	return APP_OK;
}

static pthread_mutex_t gw_reload_lock = PTHREAD_MUTEX_INITIALIZER;

enum app_err notify_gateways_reload(struct dbc *c, bool force)
{
	/* one reader at a time: two sets made at once would each replace the old */
	pthread_mutex_lock(&gw_reload_lock);
	enum app_err e = gateways_reload(c, force);
	pthread_mutex_unlock(&gw_reload_lock);
	return e;
}

bool notify_gateways_due(void)
{
	static _Atomic int64_t read_at;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t now = (int64_t)ts.tv_sec, was = atomic_load(&read_at);
	/* read this second already, or another thread reads it now */
	return was != now && atomic_compare_exchange_strong(&read_at, &was, now);
}

enum app_err notify_gateways_fresh(struct dbc *c)
{
	return notify_gateways_due() ? notify_gateways_reload(c, false) : APP_OK;
}
