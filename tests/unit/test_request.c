/* test_request.c — parsers and their limits: percent-encoding, urlencoded
 * forms, multipart, cookies; and the router. */
#include "test.h"
#include "http/http.h"

static struct http_limits lim;

static int setup(void **s)
{
	lim = http_default_limits;
	return 0;
}

static void test_urlencoded(void **s)
{
	struct arena a;
	arena_init(&a);
	struct kv *kv;
	size_t n;
	const char *q = "q=L%E1%BB%A5c+Ng%E1%BA%A1n&empty=&flag&x=1%2B1";
	assert_int_equal(http_parse_urlencoded(&a, q, strlen(q), &lim, &kv, &n), APP_OK);
	assert_int_equal(n, 4);
	assert_string_equal(kv[0].k, "q");
	assert_string_equal(kv[0].v, "Lục Ngạn");
	assert_string_equal(kv[1].v, "");
	assert_string_equal(kv[2].k, "flag");
	assert_string_equal(kv[3].v, "1+1");
	/* decomposed input comes out NFC */
	q = "n=Nguye%CC%82%CC%83n";
	assert_int_equal(http_parse_urlencoded(&a, q, strlen(q), &lim, &kv, &n), APP_OK);
	assert_string_equal(kv[0].v, "Nguyễn");
	/* bad input */
	assert_int_equal(http_parse_urlencoded(&a, "a=%FF", 5, &lim, &kv, &n), APP_EINVAL);
	assert_int_equal(http_parse_urlencoded(&a, "a=%2", 4, &lim, &kv, &n), APP_EINVAL);
	assert_int_equal(http_parse_urlencoded(&a, "a=%zz", 5, &lim, &kv, &n), APP_EINVAL);
	assert_int_equal(http_parse_urlencoded(&a, "a=%00", 5, &lim, &kv, &n), APP_EINVAL);
	arena_free(&a);
}

static void test_urlencoded_limits(void **s)
{
	struct arena a;
	arena_init(&a);
	struct kv *kv;
	size_t n;
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < lim.max_fields; i++)
		buf_printf(&b, "%sf%zu=1", i ? "&" : "", i);
	assert_int_equal(http_parse_urlencoded(&a, b.p, b.n, &lim, &kv, &n), APP_OK);
	assert_int_equal(n, lim.max_fields);
	buf_puts(&b, "&one=more");
	assert_int_equal(http_parse_urlencoded(&a, b.p, b.n, &lim, &kv, &n), APP_ETOOBIG);
	buf_reset(&b);
	buf_puts(&b, "v=");
	for (size_t i = 0; i <= lim.max_field_len; i++)
		buf_putc(&b, 'x');
	assert_int_equal(http_parse_urlencoded(&a, b.p, b.n, &lim, &kv, &n), APP_ETOOBIG);
	buf_reset(&b);
	for (size_t i = 0; i <= lim.max_name_len; i++)
		buf_putc(&b, 'k');
	buf_puts(&b, "=1");
	assert_int_equal(http_parse_urlencoded(&a, b.p, b.n, &lim, &kv, &n), APP_ETOOBIG);
	buf_reset(&b);
	arena_free(&a);
}

static void test_multipart(void **s)
{
	struct arena a;
	arena_init(&a);
	const char *body = "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			   "tok\r\n"
			   "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"file\"; filename=\"hộ.csv\"\r\n"
			   "Content-Type: text/csv\r\n\r\n"
			   "a,b\r\n1,2\r\n"
			   "\r\n--XyZ--\r\n";
	struct kv *form;
	struct upload *files;
	size_t nf, nu;
	assert_int_equal(http_parse_multipart(&a, body, strlen(body), "multipart/form-data; boundary=XyZ", &lim,
					      &form, &nf, &files, &nu),
			 APP_OK);
	assert_int_equal(nf, 1);
	assert_string_equal(form[0].k, "csrf");
	assert_string_equal(form[0].v, "tok");
	assert_int_equal(nu, 1);
	assert_string_equal(files[0].filename, "hộ.csv");
	assert_string_equal(files[0].ctype, "text/csv");
	assert_int_equal(files[0].len, 10);
	assert_memory_equal(files[0].data, "a,b\r\n1,2\r\n", 10);
	/* quoted boundary */
	assert_int_equal(http_parse_multipart(&a, body, strlen(body), "multipart/form-data; boundary=\"XyZ\"", &lim,
					      &form, &nf, &files, &nu),
			 APP_OK);
	/* broken bodies */
	const char *bad[] = {"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
			     "--XyZ\r\nno headers end",
			     "garbage",
			     "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(http_parse_multipart(&a, bad[i], strlen(bad[i]), "multipart/form-data; boundary=XyZ",
						      &lim, &form, &nf, &files, &nu),
				 APP_EINVAL);
	assert_int_equal(http_parse_multipart(&a, body, strlen(body), "multipart/form-data", &lim, &form, &nf,
					      &files, &nu),
			 APP_EINVAL);
	/* too many fields */
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i <= lim.max_fields; i++)
		buf_printf(&b, "--B\r\nContent-Disposition: form-data; name=\"f%zu\"\r\n\r\nv\r\n", i);
	buf_puts(&b, "--B--\r\n");
	assert_int_equal(http_parse_multipart(&a, b.p, b.n, "multipart/form-data; boundary=B", &lim, &form, &nf,
					      &files, &nu),
			 APP_ETOOBIG);
	buf_reset(&b);
	arena_free(&a);
}

static void test_json(void **s)
{
	struct arena a;
	arena_init(&a);
	struct json_t *j;
	const char *ok = "{\"name\":\"Lục Ngạn\",\"n\":[1,{\"x\":\"]\\\"[\"}]}";
	assert_int_equal(http_parse_json(&a, ok, strlen(ok), &lim, &j), APP_OK);
	assert_non_null(j);
	const char *bad[] = {"{", "[1]", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":\"\xff\"}", ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(http_parse_json(&a, bad[i], strlen(bad[i]), &lim, &j), APP_EINVAL);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "{\"a\":");
	for (int i = 0; i < HTTP_JSON_DEPTH + 1; i++)
		buf_putc(&b, '[');
	for (int i = 0; i < HTTP_JSON_DEPTH + 1; i++)
		buf_putc(&b, ']');
	buf_putc(&b, '}');
	assert_int_equal(http_parse_json(&a, b.p, b.n, &lim, &j), APP_EINVAL);
	buf_reset(&b);
	struct http_limits small = lim;
	small.max_body = 4;
	assert_int_equal(http_parse_json(&a, ok, strlen(ok), &small, &j), APP_ETOOBIG);
	arena_free(&a); /* frees the parsed object too (checked by the sanitizer build) */
}

static void test_cookies(void **s)
{
	struct arena a;
	arena_init(&a);
	struct kv *kv;
	size_t n;
	http_parse_cookies(&a, "coso_session=abc; coso_csrf=def;bad; =x; last=1", &kv, &n);
	assert_int_equal(n, 3);
	assert_string_equal(kv[0].k, "coso_session");
	assert_string_equal(kv[0].v, "abc");
	assert_string_equal(kv[1].v, "def");
	assert_string_equal(kv[2].k, "last");
	arena_free(&a);
}

static void test_router(void **s)
{
	struct arena a;
	arena_init(&a);
	const char *p[HTTP_MAX_PARAMS];
	size_t n;
	assert_true(router_path_match("/units/{code}", "/units/07582", &a, p, &n));
	assert_int_equal(n, 1);
	assert_string_equal(p[0], "07582");
	assert_false(router_path_match("/units/{code}", "/units/", &a, p, &n));
	assert_false(router_path_match("/units/{code}", "/units/1/x", &a, p, &n));
	assert_true(router_path_match("/units/{code}/households", "/units/09187-01/households", &a, p, &n));
	assert_string_equal(p[0], "09187-01");
	assert_true(router_path_match("/disclosures/{id}.pdf", "/disclosures/12.pdf", &a, p, &n));
	assert_string_equal(p[0], "12");
	assert_false(router_path_match("/disclosures/{id}.pdf", "/disclosures/.pdf", &a, p, &n));
	assert_true(router_path_match("/", "/", &a, p, &n));
	assert_false(router_path_match("/", "/x", &a, p, &n));

	static void (*const h)(struct req *, struct resp *) = NULL;
	const struct route t[] = {
		{"GET", "/units/{code}", h, 0, "a"},
		{"POST", "/units/{code}/x", h, 0, "b"},
		{"GET", "/units/{code}/x", h, 0, "c"},
	};
	struct req r = {.a = &a, .method = "POST", .path = "/units/1"};
	bool found;
	assert_int_equal(router_match(t, 3, &r, &found), -1);
	assert_true(found); /* 405 */
	r.method = "HEAD";
	assert_int_equal(router_match(t, 3, &r, &found), 0);
	r.method = "GET";
	r.path = "/units/1/x";
	assert_int_equal(router_match(t, 3, &r, &found), 2);
	r.path = "/nope";
	assert_int_equal(router_match(t, 3, &r, &found), -1);
	assert_false(found);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_urlencoded, setup),
		cmocka_unit_test_setup(test_urlencoded_limits, setup),
		cmocka_unit_test_setup(test_multipart, setup),
		cmocka_unit_test_setup(test_json, setup),
		cmocka_unit_test_setup(test_cookies, setup),
		cmocka_unit_test_setup(test_router, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
