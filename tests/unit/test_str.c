/* test_str.c — UTF-8 validation, NFC, search folding, number parsing. */
#include "test.h"
#include "util/str.h"

static void fold_is(const char *in, const char *want)
{
	char *f = str_fold(in);
	assert_string_equal(f, want);
	free(f);
}

static void test_fold(void **s)
{
	fold_is("Bắc Ninh", "bac ninh");
	fold_is("BẮC NINH", "bac ninh");
	fold_is("bac ninh", "bac ninh");
	fold_is("Đà Nẵng", "da nang");
	fold_is("đường Đỗ", "duong do");
	fold_is("  Nguyễn   Văn  Bình ", "nguyen van binh");
	fold_is("Hợp tác xã, \"Vải\"", "hop tac xa vai");
	fold_is("Nguye\xcc\x82\xcc\x83n", "nguyen"); /* decomposed input */
	fold_is("\xff", "");
}

static void test_clean(void **s)
{
	char *o;
	assert_int_equal(str_clean("  Nguye\xcc\x82\xcc\x83n \r\n", 15, &o), APP_OK);
	assert_string_equal(o, "Nguyễn");
	free(o);
	assert_int_equal(str_clean("a\x01" "b\tc", 5, &o), APP_OK);
	assert_string_equal(o, "ab\tc");
	free(o);
	assert_int_equal(str_clean("\xc3\x28", 2, &o), APP_EINVAL);
	assert_null(o);
	assert_int_equal(str_clean("a\0b", 3, &o), APP_EINVAL);
}

static void test_utf8(void **s)
{
	assert_true(str_utf8_valid("Lục Ngạn", strlen("Lục Ngạn")));
	assert_false(str_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	assert_false(str_utf8_valid("\xc0\xaf", 2));     /* overlong */
	assert_int_equal(str_utf8_len("Lục Ngạn"), 8);
	char *n = str_nfc("Nguye\xcc\x82\xcc\x83n", 10);
	assert_string_equal(n, "Nguyễn");
	free(n);
	assert_null(str_nfc("\xff", 1));
}

static void test_numbers(void **s)
{
	int64_t v;
	assert_int_equal(str_to_i64("42", 1, 100, &v), APP_OK);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_i64("101", 1, 100, &v), APP_EINVAL);
	assert_int_equal(str_to_i64("0", 1, 100, &v), APP_EINVAL);
	assert_int_equal(str_to_i64("4x", 1, 100, &v), APP_EINVAL);
	assert_int_equal(str_to_i64(" 4", 1, 100, &v), APP_EINVAL);
	assert_int_equal(str_to_i64("", 1, 100, &v), APP_EINVAL);
	assert_int_equal(str_to_i64(NULL, 1, 100, &v), APP_EINVAL);
	assert_int_equal(str_to_i64("99999999999999999999", 0, INT64_MAX, &v), APP_EINVAL);
	assert_int_equal(str_to_i64("-3", -5, 5, &v), APP_OK);
	assert_int_equal(v, -3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
