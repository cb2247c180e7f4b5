/* cache.c — direct-mapped micro-cache of public responses (see cache.h).
 * Each slot has its own mutex, so threads rarely wait on each other. */
#include "cache.h"
#include "http.h"
#include "../util/xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct slot {
	pthread_mutex_t mu;  /* guards the fields below */
	char *key;           /* path?query, owned; NULL when empty */
	char *body;          /* response body, owned */
	size_t n;            /* body length */
	char *gz;            /* its gzip form, owned; NULL until a client asked for it */
	size_t gzn;
	const char *ctype;   /* content type (static string) */
	int max_age;         /* Cache-Control max-age */
	uint64_t gen;        /* db generation when stored */
	int64_t at_ms;       /* monotonic time when stored */
	char etag[19];       /* ETag of the body */
};

struct resp_cache {
	struct slot *a; /* slots */
	size_t mask;    /* slots - 1 */
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

struct resp_cache *resp_cache_new(size_t slots)
{
	struct resp_cache *c = xcalloc(1, sizeof *c);
	c->a = xcalloc(slots, sizeof *c->a);
	c->mask = slots - 1;
	for (size_t i = 0; i < slots; i++)
		pthread_mutex_init(&c->a[i].mu, NULL);
	return c;
}

void resp_cache_free(struct resp_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i <= c->mask; i++) {
		free(c->a[i].key);
		free(c->a[i].body);
		free(c->a[i].gz);
		pthread_mutex_destroy(&c->a[i].mu);
	}
	free(c->a);
	free(c);
}

bool resp_cache_get(struct resp_cache *c, const char *key, uint64_t gen, struct resp *w, char etag[19], bool gz)
{
	struct slot *s = &c->a[hash(key) & c->mask];
	bool hit = false;
	pthread_mutex_lock(&s->mu);
	if (s->key && s->gen == gen && now_ms() - s->at_ms < CACHE_TTL_MS && strcmp(s->key, key) == 0) {
		buf_reset(&w->body);
		w->gzipped = gz && s->gz;
		buf_append(&w->body, w->gzipped ? s->gz : s->body, w->gzipped ? s->gzn : s->n);
		w->ctype = s->ctype;
		w->max_age = s->max_age;
		w->status = 200;
		memcpy(etag, s->etag, 19);
		hit = true;
	}
	pthread_mutex_unlock(&s->mu);
	return hit;
}

void resp_cache_put(struct resp_cache *c, const char *key, uint64_t gen, const struct resp *w,
		    const char etag[19])
{
	if (w->body.n > CACHE_MAX_BODY)
		return;
	struct slot *s = &c->a[hash(key) & c->mask];
	char *k = xstrdup(key), *body = xmalloc(w->body.n + 1);
	memcpy(body, w->body.p ? w->body.p : "", w->body.n);
	pthread_mutex_lock(&s->mu);
	free(s->key);
	free(s->body);
	free(s->gz);
	s->gz = NULL;
	s->gzn = 0;
	s->key = k;
	s->body = body;
	s->n = w->body.n;
	s->ctype = w->ctype;
	s->max_age = w->max_age;
	s->gen = gen;
	s->at_ms = now_ms();
	memcpy(s->etag, etag, 19);
	pthread_mutex_unlock(&s->mu);
}

void resp_cache_put_gz(struct resp_cache *c, const char *key, const char etag[19], const void *p, size_t n)
{
	struct slot *s = &c->a[hash(key) & c->mask];
	char *gz = xmalloc(n ? n : 1);
	memcpy(gz, p, n);
	pthread_mutex_lock(&s->mu);
	if (s->key && !s->gz && strcmp(s->key, key) == 0 && memcmp(s->etag, etag, 19) == 0) {
		s->gz = gz;
		s->gzn = n;
		gz = NULL;
	}
	pthread_mutex_unlock(&s->mu);
	free(gz);
}
