/* test_decisions.c — Art. 21(1) thresholds in integer arithmetic, always
 * against ALL households, at every boundary; the stages of a matter. */
#include "test.h"
#include "decisions/decisions.h"

static void test_thresholds(void **s)
{
	struct decision_rule two_thirds = {.num = 2, .den = 3, .strict = false};
	struct decision_rule half = {.num = 1, .den = 2, .strict = true};
	/* the example: 100 households need 67 for 2/3 and 51 for > 50% */
	assert_int_equal(decision_needed(&two_thirds, 100), 67);
	assert_int_equal(decision_needed(&half, 100), 51);
	assert_false(decision_passes(&two_thirds, 66, 100));
	assert_true(decision_passes(&two_thirds, 67, 100));
	assert_false(decision_passes(&half, 50, 100));
	assert_true(decision_passes(&half, 51, 100));
	/* exact thirds and odd counts */
	assert_int_equal(decision_needed(&two_thirds, 99), 66);
	assert_true(decision_passes(&two_thirds, 66, 99));
	assert_false(decision_passes(&two_thirds, 65, 99));
	assert_int_equal(decision_needed(&half, 99), 50);
	assert_false(decision_passes(&half, 49, 99));
	assert_true(decision_passes(&half, 50, 99));
	assert_int_equal(decision_needed(&half, 3), 2);
	assert_int_equal(decision_needed(&two_thirds, 3), 2);
	assert_int_equal(decision_needed(&two_thirds, 1), 1);
	/* nobody to decide: nothing passes */
	assert_false(decision_passes(&half, 0, 0));
	/* large villages: no overflow, no rounding */
	for (int64_t n = 1; n <= 100000; n += 997) {
		int64_t k = decision_needed(&two_thirds, n);
		assert_true(decision_passes(&two_thirds, k, n));
		assert_false(decision_passes(&two_thirds, k - 1, n));
		k = decision_needed(&half, n);
		assert_true(decision_passes(&half, k, n));
		assert_false(decision_passes(&half, k - 1, n));
	}
}

/* Decree 59 Art. 3(5): procedural votes need MORE than half of those present. */
static void test_procedural(void **s)
{
	(void)s;
	assert_false(procedure_passes(2, 4));
	assert_true(procedure_passes(3, 4));
	assert_false(procedure_passes(2, 5));
	assert_true(procedure_passes(3, 5));
	assert_true(procedure_passes(1, 1));
	assert_false(procedure_passes(0, 0));
	assert_false(procedure_passes(100, 200));
	assert_true(procedure_passes(101, 200));
	/* the Inspection Board: one member per village, never fewer than 5 */
	assert_int_equal(board_target(0), 5);
	assert_int_equal(board_target(3), 5);
	assert_int_equal(board_target(5), 5);
	assert_int_equal(board_target(12), 12);
}

static void test_stages(void **s)
{
	struct matter m = {.form = "online", .eligible = 10, .opens_at = 100, .prepoll_closes_at = 200, .closes_at = 300};
	assert_string_equal(matter_stage(&m, 99, 0), "scheduled");
	assert_string_equal(matter_stage(&m, 100, 0), "prepoll");
	assert_string_equal(matter_stage(&m, 199, 0), "prepoll");
	/* more than half of ALL households must agree to vote online */
	assert_string_equal(matter_stage(&m, 200, 5), "rejected_online");
	assert_string_equal(matter_stage(&m, 200, 6), "open");
	assert_string_equal(matter_stage(&m, 299, 6), "open");
	/* the close is exact */
	assert_string_equal(matter_stage(&m, 300, 6), "closed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_thresholds), cmocka_unit_test(test_procedural),
					   cmocka_unit_test(test_stages)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
