/* test_html.c — the escaping writer. */
#include "test.h"
#include "html/html.h"

static void test_escape(void **s)
{
	struct buf b;
	buf_init(&b);
	struct html w = {.b = &b};
	html_text(&w, "<a href=\"x\">Tom & 'Jerry'</a>");
	assert_string_equal(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	buf_reset(&b);
	html_printf(&w, "<p title=\"%s\">%s %d %lld %zu %%</p>", "\"><script>", "Lục Ngạn", -3, 1234567890123LL,
		    (size_t)7);
	assert_string_equal(buf_str(&b),
			    "<p title=\"&quot;&gt;&lt;script&gt;\">Lục Ngạn -3 1234567890123 7 %</p>");
	buf_reset(&b);
	html_lit(&w, "<br>");
	html_text(&w, NULL);
	assert_string_equal(buf_str(&b), "<br>");
	buf_reset(&b);
}

static void test_url_and_count(void **s)
{
	struct buf b;
	buf_init(&b);
	struct html w = {.b = &b};
	html_url_arg(&w, "a b/c?d=é&x");
	assert_string_equal(buf_str(&b), "a%20b%2Fc%3Fd%3D%C3%A9%26x");
	buf_reset(&b);
	html_count(&w, 1234567);
	html_lit(&w, " ");
	html_count(&w, 999);
	html_lit(&w, " ");
	html_count(&w, -1000);
	assert_string_equal(buf_str(&b), "1.234.567 999 -1.000");
	buf_reset(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_url_and_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
