/* test_disclosure.c — the disclosure module's pure rules: deadlines in
 * working days across holidays, loudspeaker runs, search queries for each
 * backend, quarters, the catalogue's message formats, upper case. */
#include "test.h"
#include "ledger/ledger.h"
#include "disclosure/compliance.h"
#include "disclosure/postings.h"
#include "i18n/msg.h"
#include "util/str.h"

static int64_t D(int y, int m, int d)
{
	return cal_days_from_civil(y, m, d);
}

static void test_deadline(void **s)
{
	struct cal_table t;
	cal_seed_holidays(2026, 2026, &t);
	struct ditem commune = {.deadline_days = 5, .deadline_working = true};
	struct ditem soe = {.deadline_days = 15, .deadline_working = false};
	/* Thursday 23 April 2026: Fri 24 (1); the Hùng Kings' day falls on Sunday
	 * 26 April, so Monday 27 is off in its place (Art. 112(3)); Tue 28 (2),
	 * Wed 29 (3); Thu 30/4 and Fri 1/5 are days off; Mon 4 May (4), Tue 5 May (5) */
	assert_int_equal(posting_deadline(&commune, &t, D(2026, 4, 23)), D(2026, 5, 5));
	/* an ordinary week: Monday 9 Nov -> Monday 16 Nov */
	assert_int_equal(posting_deadline(&commune, &t, D(2026, 11, 9)), D(2026, 11, 16));
	/* state enterprises: 15 calendar days, holidays or not (Art. 65) */
	assert_int_equal(posting_deadline(&soe, &t, D(2026, 4, 23)), D(2026, 5, 8));
	/* Tết 2026 (17 Feb) closes a whole week */
	assert_true(posting_deadline(&commune, &t, D(2026, 2, 13)) > D(2026, 2, 20) + 5);
	free(t.a);
}

static void test_radio_run(void **s)
{
	struct arena a;
	arena_init(&a);
	assert_int_equal(posting_radio_run(&a, "2026-11-02;2026-11-03;2026-11-04"), 3);
	assert_int_equal(posting_radio_run(&a, "2026-11-04, 2026-11-02 2026-11-03"), 3); /* any order, any separator */
	assert_int_equal(posting_radio_run(&a, "2026-11-02;2026-11-04;2026-11-05"), 2);
	assert_int_equal(posting_radio_run(&a, "2026-11-02;2026-11-02"), 1);             /* duplicates count once */
	assert_int_equal(posting_radio_run(&a, "2026-12-31;2027-01-01;2027-01-02"), 3); /* across a year */
	assert_int_equal(posting_radio_run(&a, ""), 0);
	assert_int_equal(posting_radio_run(&a, "hôm qua"), 0);
	arena_free(&a);
}

static void test_search_query(void **s)
{
	struct arena a;
	arena_init(&a);
	assert_string_equal(posting_search_query(&a, "Hỗ trợ HỌC PHÍ", false, NULL), "\"ho\" \"tro\" \"hoc\" \"phi\"*");
	assert_string_equal(posting_search_query(&a, "hỗ trợ học phí", true, NULL), "'ho' & 'tro' & 'hoc' & 'phi':*");
	assert_string_equal(posting_search_query(&a, "Đường \"làng\" OR x*", false, NULL), "\"duong\" \"lang\" \"or\" \"x\"");
	/* an unfinished last word is a prefix, unless it is one character */
	assert_string_equal(posting_search_query(&a, "hoc ph", false, NULL), "\"hoc\" \"ph\"*");
	assert_string_equal(posting_search_query(&a, "ab' & cd:*", true, NULL), "'ab' & 'cd':*");
	assert_null(posting_search_query(&a, "  ;;  ", false, "09187"));
	assert_null(posting_search_query(&a, NULL, false, NULL));
	/* the scope is a word of the document */
	assert_string_equal(posting_search_query(&a, "học phí", false, "09187-UB"), "\"u09187xub\" \"hoc\" \"phi\"*");
	assert_string_equal(posting_search_query(&a, "học phí", true, "24"), "'u24' & 'hoc' & 'phi':*");
	char *doc = posting_search_doc("/24/09187/09187-UB/", "Học phí", "", "");
	assert_string_equal(doc, "u24 u09187 u09187xub hoc phi");
	free(doc);
	arena_free(&a);
}

static void test_quarter(void **s)
{
	char f[11], t[11], n[8];
	assert_true(quarter_parse("2026-Q1", 0, f, t, n));
	assert_string_equal(f, "2026-01-01");
	assert_string_equal(t, "2026-03-31");
	assert_true(quarter_parse("2028-Q4", 0, f, t, n));
	assert_string_equal(t, "2028-12-31");
	assert_true(quarter_parse(NULL, D(2026, 8, 15), f, t, n));
	assert_string_equal(n, "2026-Q3");
	assert_string_equal(f, "2026-07-01");
	assert_string_equal(t, "2026-09-30");
	assert_false(quarter_parse("2026-Q5", 0, f, t, n));
	assert_false(quarter_parse("2026-Q1x", 0, f, t, n));
	assert_false(quarter_parse("26-Q1", 0, f, t, n));
	assert_int_equal(compliance_rate(0, 0), -1);
	assert_int_equal(compliance_rate(3, 2), 67);
}

/* The conversions of a format, e.g. "ssdd". */
static void conversions(const char *fmt, char *out)
{
	for (const char *p = fmt; *p; p++)
		if (*p == '%') {
			p++;
			if (*p != '%')
				*out++ = *p;
		}
	*out = 0;
}

static void test_formats(void **s)
{
	/* compliance_pages.c passes these arguments: the catalogue must agree */
	char c[16];
	conversions(msg(MSG_DC_LATE_FMT), c);
	assert_string_equal(c, "ssdd");
	conversions(msg(MSG_DC_OVERDUE_FMT), c);
	assert_string_equal(c, "sdd");
	conversions(msg(MSG_DC_SHORT_FMT), c);
	assert_string_equal(c, "dds");
	conversions(msg(MSG_DC_RADIO_FMT), c);
	assert_string_equal(c, "dd");
}

static void test_upper(void **s)
{
	char *u = str_upper("Phường Kinh Bắc, xã Đông Hồ");
	assert_string_equal(u, "PHƯỜNG KINH BẮC, XÃ ĐÔNG HỒ");
	free(u);
}

int main(void)
{
	ledger_listen(); /* public events become ledger leaves, as in the program */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline), cmocka_unit_test(test_radio_run), cmocka_unit_test(test_search_query),
		cmocka_unit_test(test_quarter),  cmocka_unit_test(test_formats),   cmocka_unit_test(test_upper),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
