/*
 * router.c — matches a method and path against the static route table
 * (app_routes.c). Patterns are literal segments and {name} parameters, each
 * parameter matching one non-empty segment; a pattern ending in ".json" or
 * similar is literal. Flags are enforced by the caller (app.c) before the
 * handler runs.
 */
#include "http.h"
#include <string.h>

bool router_path_match(const char *pattern, const char *path, struct arena *a,
		       const char **param, size_t *nparam)
{
	*nparam = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return false;
			/* the parameter ends at the next '/' or at the literal suffix */
			const char *lit = close + 1;
			size_t litlen = strcspn(lit, "/{");
			const char *seg_end = s + strcspn(s, "/");
			if (litlen) {
				if ((size_t)(seg_end - s) <= litlen ||
				    memcmp(seg_end - litlen, lit, litlen) != 0)
					return false;
				seg_end -= litlen;
			}
			if (seg_end == s || *nparam == HTTP_MAX_PARAMS)
				return false;
			param[(*nparam)++] = arena_strndup(a, s, (size_t)(seg_end - s));
			s = seg_end;
			p = close + 1;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

int router_match(const struct route *t, size_t n, struct req *r, bool *path_found)
{
	*path_found = false;
	const char *param[HTTP_MAX_PARAMS];
	size_t np;
	for (size_t i = 0; i < n; i++) {
		if (!router_path_match(t[i].pattern, r->path, r->a, param, &np))
			continue;
		bool head = strcmp(r->method, "HEAD") == 0 && strcmp(t[i].method, "GET") == 0;
		if (strcmp(t[i].method, r->method) != 0 && !head) {
			*path_found = true;
			continue;
		}
		memcpy(r->param, param, np * sizeof *param);
		r->nparam = np;
		return (int)i;
	}
	return -1;
}
