/* test_cal.c — civil dates, the Vietnamese lunar calendar, working days. */
#include "test.h"
#include "util/cal.h"

static int64_t D(int y, int m, int d)
{
	return cal_days_from_civil(y, m, d);
}

static void test_civil(void **s)
{
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(cal_weekday(D(2026, 11, 22)), 0); /* a Sunday */
	int y, m, d;
	cal_civil_from_days(D(2028, 2, 29), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20280229);
	int64_t day;
	assert_true(cal_parse_date("2026-02-17", &day));
	assert_int_equal(day, D(2026, 2, 17));
	assert_true(cal_parse_date("17/02/2026", &day));
	assert_int_equal(day, D(2026, 2, 17));
	assert_false(cal_parse_date("2026-02-29", &day));
	assert_false(cal_parse_date("31/04/2026", &day));
	assert_false(cal_parse_date("2026-2-1", &day));
	assert_false(cal_parse_date("2026-02-17x", &day));
	char out[11];
	cal_format_vn(D(2026, 3, 5), out);
	assert_string_equal(out, "05/03/2026");
	cal_format_iso(D(2026, 3, 5), out);
	assert_string_equal(out, "2026-03-05");
	char t[20];
	cal_format_time_vn((time_t)1763798400, t); /* 2025-11-22 08:00 UTC */
	assert_string_equal(t, "15:00 22/11/2025");
	assert_int_equal(cal_today((time_t)1763830800), D(2025, 11, 23)); /* 17:00 UTC = 00:00 UTC+7 */
}

static void test_lunar(void **s)
{
	/* Tết Nguyên đán (1/1 lunar) as published for Vietnam. In 2030 the new
	 * moon falls at 23:07 on 2 Feb at UTC+7 (00:07 on 3 Feb at UTC+8), so
	 * Vietnam's Tết is a day before China's Spring Festival. */
	static const int tet[][3] = {{2024, 2, 10}, {2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6},
				     {2028, 1, 26}, {2029, 2, 13}, {2030, 2, 2}};
	for (size_t i = 0; i < sizeof tet / sizeof *tet; i++) {
		int64_t day;
		assert_true(cal_lunar_to_solar(1, 1, tet[i][0], false, &day));
		assert_int_equal(day, D(tet[i][0], tet[i][1], tet[i][2]));
	}
	/* Giỗ Tổ Hùng Vương, 10/3 lunar */
	int64_t day;
	assert_true(cal_lunar_to_solar(10, 3, 2025, false, &day));
	assert_int_equal(day, D(2025, 4, 7));
	assert_true(cal_lunar_to_solar(10, 3, 2026, false, &day));
	assert_int_equal(day, D(2026, 4, 26));
	/* 2025 has a leap 6th month (starting 25/7/2025); 2026 has none */
	assert_true(cal_lunar_to_solar(1, 6, 2025, true, &day));
	assert_int_equal(day, D(2025, 7, 25));
	assert_false(cal_lunar_to_solar(1, 5, 2025, true, &day));
	assert_false(cal_lunar_to_solar(1, 6, 2026, true, &day));
}

static void test_working_days(void **s)
{
	struct cal_day days[] = {
		{D(2026, 4, 30), CAL_HOLIDAY, "30/4"},
		{D(2026, 5, 1), CAL_HOLIDAY, "1/5"},
		{D(2026, 5, 9), CAL_WORKDAY, "làm bù"},
	};
	struct cal_table t = {days, 3};
	/* Wed 29/4/2026 + 5 working days: Thu 30/4 and Fri 1/5 off, Sat 2/5 and
	 * Sun 3/5 weekend -> 4, 5, 6, 7, 8 May */
	assert_int_equal(cal_add_working_days(&t, D(2026, 4, 29), 5), D(2026, 5, 8));
	/* a make-up Saturday counts */
	assert_int_equal(cal_add_working_days(&t, D(2026, 5, 8), 1), D(2026, 5, 9));
	assert_true(cal_is_working_day(&t, D(2026, 5, 9)));
	assert_false(cal_is_working_day(&t, D(2026, 5, 10)));
	assert_int_equal(cal_working_days_between(&t, D(2026, 4, 29), D(2026, 5, 8)), 5);
	assert_int_equal(cal_working_days_between(&t, D(2026, 5, 8), D(2026, 5, 8)), 0);
	/* no table: weekends only */
	assert_int_equal(cal_add_working_days(NULL, D(2026, 11, 20), 1), D(2026, 11, 23));
}

static bool has(const struct cal_table *t, int64_t day)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->a[i].day == day)
			return true;
	return false;
}

static void test_seed(void **s)
{
	struct cal_table t;
	cal_seed_holidays(2025, 2030, &t);
	assert_true(has(&t, D(2026, 1, 1)));
	assert_true(has(&t, D(2026, 2, 16))); /* 30 Tết */
	assert_true(has(&t, D(2026, 2, 17)));
	assert_true(has(&t, D(2026, 2, 20))); /* mùng 4 */
	assert_true(has(&t, D(2026, 4, 26)));
	assert_true(has(&t, D(2026, 4, 30)));
	assert_true(has(&t, D(2026, 5, 1)));
	assert_true(has(&t, D(2026, 9, 2)));
	/* Hùng Kings' day 2026 is a Sunday: compensated on Monday 27/4 */
	assert_true(has(&t, D(2026, 4, 27)));
	/* 1/1/2028 is a Saturday: compensated on Monday 3/1/2028 */
	assert_true(has(&t, D(2028, 1, 3)));
	for (size_t i = 1; i < t.n; i++)
		assert_true(t.a[i - 1].day < t.a[i].day);
	free(t.a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil),
		cmocka_unit_test(test_lunar),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
