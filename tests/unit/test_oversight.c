/* test_oversight.c — the people's inspection and supervision (issue #17)
 * without a database: the rules as dated data (the shipped file read whole,
 * a bad file refused line by line with nothing kept, a later line taking
 * over from its day), a project's progress rolled up from its parts
 * (weighted only when every part has a weight, else the mean, rounded to the
 * nearest percent), and a conference's quorum and adoption at their
 * boundaries (Law 10/2022 Art. 51(3): at least 2/3 present, more than half of
 * those attending). The rest runs through the binary in
 * tests/e2e/29-oversight.test.mjs. */
#include "test.h"
#include "boards/oversight.h"
#include "units/units.h"
#include "util/cal.h"
#include "util/embed.h"

static void test_rules_file(void **s)
{
	(void)s;
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	/* the shipped file reads whole, one line per rule */
	const struct embed_file *f = embed_find("data/boards/rules.txt");
	assert_non_null(f);
	struct ov_rules ok;
	assert_int_equal(ov_rules_parse(f->data, f->len, &ok, &rep), APP_OK);
	assert_int_equal(rep.nproblem, 0);
	assert_int_equal(ok.n, OR__N);
	ov_rules_free(&ok);
	/* a bad file: every problem with its line, nothing kept */
	static const char bad[] = "# a comment\n"
				  "commune_min | 5 | 2023-07-01 | Điều 36\n"
				  "commune_minimum | 5 | 2023-07-01 | Điều 36\n"
				  "deputies_max | two | 2023-07-01 | Điều 13\n"
				  "agency_min | 3 | 2023-02-30 | Điều 60\n"
				  "commune_min | 6 | 2023-07-01 | Điều 36\n"
				  "agency_max | 9 | 2023-07-01\n"
				  "agency_max | -1 | 2023-07-01 | Điều 60\n";
	struct ov_rules no;
	import_report_init(&rep, &a);
	assert_int_equal(ov_rules_parse(bad, sizeof bad - 1, &no, &rep), APP_EINVAL);
	assert_int_equal(rep.nproblem, 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(rep.problems[i].line, i + 3);
	assert_string_equal(rep.problems[0].field, "name");
	assert_string_equal(rep.problems[1].field, "value");
	assert_string_equal(rep.problems[2].field, "from");
	assert_string_equal(rep.problems[3].field, "name"); /* the same rule and day twice */
	assert_string_equal(rep.problems[4].field, "");     /* a column missing */
	assert_string_equal(rep.problems[5].field, "value");
	assert_null(no.v);
	assert_int_equal(no.n, 0);
	/* a file without a rule is refused naming it */
	static const char missing[] = "commune_min | 5 | 2023-07-01 | Điều 36\n";
	import_report_init(&rep, &a);
	assert_int_equal(ov_rules_parse(missing, sizeof missing - 1, &no, &rep), APP_EINVAL);
	assert_int_equal(rep.nproblem, OR__N - 1);
	assert_int_equal(rep.problems[0].line, 0);
	assert_string_equal(rep.problems[0].field, "small_commune_max");
	assert_null(no.v);
	arena_free(&a);
}

static void test_rules_in_force(void **s)
{
	(void)s;
	int64_t day = cal_days_from_civil(2026, 12, 1);
	assert_int_equal(ov_rule(OR_COMMUNE_MIN, day), 5);
	assert_int_equal(ov_rule(OR_INVESTOR_NOTICE_DAYS, day), 45);
	assert_int_equal(ov_rule(OR_INSPECTION_NOTICE_WD, day), 5);
	assert_int_equal(ov_rule(OR_QUORUM_THIRDS, day), 2);
	assert_int_equal(ov_rule(OR_AGENCY_NO_BOARD, day), 7);
	/* a day before the Law took effect reads the earliest line */
	assert_int_equal(ov_rule(OR_COMMUNE_MIN, cal_days_from_civil(2020, 1, 1)), 5);
	assert_non_null(strstr(ov_rule_cite(OR_COMMUNE_MIN, day), "Điều 36"));
	assert_non_null(strstr(ov_rule_cite(OR_INVESTOR_NOTICE_DAYS, day), "Điều 45"));
}

static void test_rollup(void **s)
{
	(void)s;
	bool weighted;
	/* the demo's road: 60/40 weights, 80 % and 40 % done: 64 % */
	assert_int_equal(project_rollup((int64_t[]){80, 40}, (int64_t[]){60, 40}, 2, &weighted), 64);
	assert_true(weighted);
	/* one part without a weight: the mean */
	assert_int_equal(project_rollup((int64_t[]){80, 40}, (int64_t[]){60, 0}, 2, &weighted), 60);
	assert_false(weighted);
	/* rounded to the nearest percent: (10 + 15 + 20) / 3 = 15; (1 + 2) / 2 = 1.5 → 2; 1/3 → 0 */
	assert_int_equal(project_rollup((int64_t[]){10, 15, 20}, (int64_t[]){0, 0, 0}, 3, &weighted), 15);
	assert_int_equal(project_rollup((int64_t[]){1, 2}, (int64_t[]){0, 0}, 2, &weighted), 2);
	assert_int_equal(project_rollup((int64_t[]){1, 0, 0}, (int64_t[]){1, 1, 1}, 3, &weighted), 0);
	assert_true(weighted);
	/* weights 1 and 2 of 100 % and 0 %: 33 % */
	assert_int_equal(project_rollup((int64_t[]){100, 0}, (int64_t[]){1, 2}, 2, &weighted), 33);
	/* everything done is 100 %, nothing is 0 %, no parts is 0 % and not weighted */
	assert_int_equal(project_rollup((int64_t[]){100, 100}, (int64_t[]){3, 7}, 2, &weighted), 100);
	assert_int_equal(project_rollup((int64_t[]){0, 0}, (int64_t[]){3, 7}, 2, &weighted), 0);
	assert_int_equal(project_rollup(NULL, NULL, 0, &weighted), 0);
	assert_false(weighted);
}

static void test_quorum(void **s)
{
	(void)s;
	int64_t day = cal_days_from_civil(2026, 12, 1);
	/* 30 staff: 20 is 2/3, 19 is not */
	assert_true(conf_quorum(20, 30, day));
	assert_false(conf_quorum(19, 30, day));
	/* 31: 2/3 is 20.67, so 21 */
	assert_true(conf_quorum(21, 31, day));
	assert_false(conf_quorum(20, 31, day));
	assert_true(conf_quorum(30, 30, day));
	assert_false(conf_quorum(0, 0, day)); /* nobody summoned is no conference */
	/* adoption: more than half of those attending */
	assert_true(conf_adopts(11, 20));
	assert_false(conf_adopts(10, 20)); /* exactly half does not adopt */
	assert_true(conf_adopts(11, 21));
	assert_false(conf_adopts(10, 21));
	assert_false(conf_adopts(0, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_file),
		cmocka_unit_test(test_rules_in_force),
		cmocka_unit_test(test_rollup),
		cmocka_unit_test(test_quorum),
	};
	return cmocka_run_group_tests_name("oversight", tests, NULL, NULL);
}
