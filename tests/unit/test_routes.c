/* test_routes.c — the route table and the API description agree: every API
 * route is in openapi.json with its method, and every documented path is a
 * route. Route patterns are well formed and not shadowed. */
#include "test.h"
#include "http/server.h"
#include "module.h"
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
	size_t nroutes;
	const struct route *routes = module_routes(&nroutes);
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
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
		for (size_t i = 0; i < nroutes && !found; i++)
			found = !strcmp(routes[i].pattern, key);
		if (!found)
			fail_msg("openapi.json documents %s, which is no route", key);
	}
	json_decref(doc);
}

/* Every GET list of the API uses the one List schema with the Limit and
 * Cursor parameters; a GET whose answer has a list member without it must
 * answer one object: named by its path (/matters/{id}) or said so
 * (x-single: the caller, a report). */
static void test_openapi_lists(void **s)
{
	const struct embed_file *f = embed_find("docs/openapi.json");
	json_error_t err;
	json_t *doc = json_loadb(f->data, f->len, 0, &err);
	assert_non_null(doc);
	const char *key;
	json_t *item;
	size_t lists = 0;
	json_object_foreach(json_object_get(doc, "paths"), key, item) {
		json_t *op = json_object_get(item, "get");
		if (!op || strncmp(key, "/api/", 5))
			continue;
		json_t *schema = json_object_get(json_object_get(json_object_get(json_object_get(json_object_get(op, "responses"), "200"), "content"), "application/json"), "schema");
		char *text = json_dumps(schema, JSON_COMPACT);
		bool list = text && strstr(text, "\"#/components/schemas/List\"");
		free(text);
		if (list) {
			lists++;
			char *ps = json_dumps(json_object_get(op, "parameters"), JSON_COMPACT);
			if (!ps || !strstr(ps, "#/components/parameters/Limit") || !strstr(ps, "#/components/parameters/Cursor"))
				fail_msg("%s is a list without the Limit and Cursor parameters", key);
			free(ps);
			continue;
		}
		/* one object: named by the path's last parameter (/matters/{id}) or said so */
		if (json_is_true(json_object_get(op, "x-single")) || key[strlen(key) - 1] == '}')
			continue;
		const char *k;
		json_t *v;
		json_object_foreach(json_object_get(schema, "properties"), k, v) {
			const char *type = json_string_value(json_object_get(v, "type"));
			if (type && !strcmp(type, "array"))
				fail_msg("%s answers the list %s without the List schema", key, k);
		}
	}
	assert_true(lists >= 8);
	json_decref(doc);
}

static void test_route_table(void **s)
{
	size_t nroutes;
	const struct route *routes = module_routes(&nroutes);
	struct arena ar, *a = &ar;
	arena_init(a);
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		assert_true(!strcmp(rt->method, "GET") || !strcmp(rt->method, "POST"));
		assert_int_equal(rt->pattern[0], '/');
		assert_non_null(rt->fn);
		/* every POST checks CSRF, except a gateway's webhook (no session, its own secret) */
		if (!strcmp(rt->method, "POST"))
			assert_true((rt->flags & ROUTE_CSRF) ||
				    ((rt->flags & ROUTE_HOOK) && (rt->flags & ROUTE_RAW) && !(rt->flags & ROUTE_LOGIN)));
		for (size_t j = 0; j < i; j++) {
			assert_false(!strcmp(rt->method, routes[j].method) && !strcmp(rt->pattern, routes[j].pattern));
			if (!strcmp(rt->name, routes[j].name))
				fail_msg("two routes are named %s (metrics label)", rt->name);
		}
		/* not shadowed: a path made from the pattern reaches this route, not
		 * an earlier one of another module or of the same */
		char path[256];
		size_t k = 0;
		for (const char *p = rt->pattern; *p && k < sizeof path - 4; p++) {
			if (*p == '{') {
				path[k++] = 'x';
				path[k++] = '1';
				p = strchr(p, '}');
				continue;
			}
			path[k++] = *p;
		}
		path[k] = 0;
		struct req r = {.a = a, .method = rt->method, .path = path};
		bool found;
		int at = router_match(routes, nroutes, &r, &found);
		if (at != (int)i)
			fail_msg("%s %s is reached by %s first", rt->method, rt->pattern, at >= 0 ? routes[at].pattern : "nothing");
	}
	arena_free(a);
	assert_true(nroutes < APP_MAX_ROUTES - 1); /* metrics keep one slot per route */
	/* every module has a name and its routes in the table, in order */
	size_t at = 0;
	for (size_t m = 0; m < app_nmodules; m++) {
		assert_non_null(app_modules[m]->name);
		for (size_t i = 0; i < app_modules[m]->nroutes; i++, at++)
			assert_ptr_equal(routes[at].fn, app_modules[m]->routes[i].fn);
	}
	assert_int_equal(at, nroutes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openapi_matches_routes),
		cmocka_unit_test(test_route_table),
		cmocka_unit_test(test_openapi_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
