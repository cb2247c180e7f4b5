/* test_html.c — the escaping writer. */
#include "test.h"
#include "html/html.h"
#include "i18n/msg.h"
#include "util/arena.h"

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

/* Citations, times and quarters as officers write them (issue #13). */
static void test_wording(void **s)
{
	(void)s;
	struct arena a;
	arena_init(&a);
	assert_string_equal(msg_cite(&a, "Luật 10/2022/QH15, Điều 11 khoản 7"), "khoản 7 Điều 11 Luật Thực hiện dân chủ ở cơ sở");
	assert_string_equal(msg_cite(&a, "Luật 10/2022/QH15, Điều 11 khoản 10; Điều 13 khoản 3 (truyền thanh)"),
			    "khoản 10 Điều 11 Luật Thực hiện dân chủ ở cơ sở; khoản 3 Điều 13 (truyền thanh)");
	assert_string_equal(msg_cite(&a, "Luật 10/2022/QH15, Điều 17; Điều 21 khoản 1"),
			    "Điều 17; khoản 1 Điều 21 Luật Thực hiện dân chủ ở cơ sở");
	assert_string_equal(msg_cite(&a, "Nghị định 59/2023, Điều 3 khoản 4"), "khoản 4 Điều 3 Nghị định số 59/2023/NĐ-CP");
	assert_string_equal(msg_cite(&a, "Quyết định 12"), "Quyết định 12");
	assert_string_equal(msg_cite(&a, ""), "");
	char t[MSG_TIME_LEN], q[24];
	assert_string_equal(msg_time(1796008800LL, t), "10:20 ngày 30/11/2026"); /* 03:20 UTC */
	assert_string_equal(msg_quarter("2026-Q4", q), "Quý IV/2026");
	assert_string_equal(msg_quarter("2026-Q1", q), "Quý I/2026");
	assert_string_equal(msg_quarter("bad", q), "bad");
	char sz[24];
	assert_string_equal(msg_size(12000, sz), "12 KB");
	assert_string_equal(msg_size(1468006, sz), "1,4 MB");
	assert_string_equal(msg_file_type("application/pdf"), "tệp PDF");
	assert_string_equal(msg_file_type("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "tài liệu Word");
	assert_string_equal(msg_file_type("application/x-unknown"), "tệp");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_url_and_count),
		cmocka_unit_test(test_wording),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
