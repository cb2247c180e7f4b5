/* test_routes.c — the route table and the API description agree: every API
 * route is in openapi.json with its method, and every documented path is a
 * route. Route patterns are well formed and not shadowed. */
#include "test.h"
#include "http/server.h"
#include "util/embed.h"
#include <ctype.h>
#include <jansson.h>

static void test_openapi_matches_routes(void **s)
{
	const struct embed_file *f = embed_find("docs/openapi.json");
	assert_non_null(f);
	json_error_t err;
	json_t *doc = json_loadb(f->data, f->len, 0, &err);
	assert_non_null(doc);
	json_t *paths = json_object_get(doc, "paths");
	assert_non_null(paths);
	for (size_t i = 0; i < app_nroutes; i++) {
		const struct route *rt = &app_routes[i];
		if (strncmp(rt->pattern, "/api/", 5))
			continue;
		json_t *p = json_object_get(paths, rt->pattern);
		if (!p)
			fail_msg("route %s %s is not in openapi.json", rt->method, rt->pattern);
		char m[8] = {0};
		for (size_t k = 0; rt->method[k] && k < 7; k++)
			m[k] = (char)tolower((unsigned char)rt->method[k]);
		if (!json_object_get(p, m))
			fail_msg("openapi.json has %s but not its %s", rt->pattern, rt->method);
	}
	const char *key;
	json_t *val;
	json_object_foreach(paths, key, val) {
		bool found = false;
		for (size_t i = 0; i < app_nroutes && !found; i++)
			found = !strcmp(app_routes[i].pattern, key);
		if (!found)
			fail_msg("openapi.json documents %s, which is no route", key);
	}
	json_decref(doc);
}

static void test_route_table(void **s)
{
	for (size_t i = 0; i < app_nroutes; i++) {
		const struct route *rt = &app_routes[i];
		assert_true(!strcmp(rt->method, "GET") || !strcmp(rt->method, "POST"));
		assert_int_equal(rt->pattern[0], '/');
		assert_non_null(rt->fn);
		/* every POST checks CSRF */
		if (!strcmp(rt->method, "POST"))
			assert_true(rt->flags & ROUTE_CSRF);
		for (size_t j = 0; j < i; j++)
			assert_false(!strcmp(rt->method, app_routes[j].method) &&
				     !strcmp(rt->pattern, app_routes[j].pattern));
	}
	assert_true(app_nroutes < APP_MAX_ROUTES - 1); /* metrics keep one slot per route */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openapi_matches_routes),
		cmocka_unit_test(test_route_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
