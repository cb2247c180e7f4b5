/*
 * cache.h — a micro-cache of anonymous public GET responses (the idea of
 * nginx's proxy micro-caching). An entry serves only while no write has been
 * committed by this process since it was stored (db generation) and for at
 * most CACHE_TTL_MS, so another process's writes show within that time —
 * far less than the max-age these responses already carry. Responses that
 * depend on the visitor (a session, a form with a CSRF token, a cookie) are
 * never stored.
 */
#ifndef COSO_CACHE_H
#define COSO_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct resp;
struct req;
struct resp_cache;

#define CACHE_TTL_MS 1000
#define CACHE_MAX_BODY (256 * 1024)

struct resp_cache *resp_cache_new(size_t slots); /* slots: a power of two */
void resp_cache_free(struct resp_cache *c);
/* Copies a fresh entry for key into w (body, type, max-age) and its ETag into
 * etag; its gzip form when gz is asked and was kept (w->gzipped set). False
 * when there is none. */
bool resp_cache_get(struct resp_cache *c, const char *key, uint64_t gen, struct resp *w, char etag[19], bool gz);
void resp_cache_put(struct resp_cache *c, const char *key, uint64_t gen, const struct resp *w,
		    const char etag[19]);
/* Keeps the gzip form of the entry for key with that ETag (compressed once,
 * not for every visitor). */
void resp_cache_put_gz(struct resp_cache *c, const char *key, const char etag[19], const void *p, size_t n);
#endif
