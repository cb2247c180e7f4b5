/* test_csv_crypto.c — the CSV reader and the libsodium wrappers. */
#include "test.h"
#include "util/crypto.h"
#include "util/buf.h"
#include "util/csv.h"

static void test_csv(void **s)
{
	const char *in = "\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\n\"multi\nline\",2,3\nlast";
	struct csv c;
	csv_init(&c, in, strlen(in));
	assert_int_equal(csv_next(&c), APP_OK);
	assert_int_equal(c.nfield, 3);
	assert_string_equal(c.field[0], "a");
	assert_int_equal(c.rec_line, 1);
	assert_int_equal(csv_next(&c), APP_OK);
	assert_string_equal(c.field[0], "x, y");
	assert_string_equal(c.field[1], "say \"hi\"");
	assert_string_equal(c.field[2], "");
	assert_int_equal(c.rec_line, 2);
	assert_int_equal(csv_next(&c), APP_OK);
	assert_string_equal(c.field[0], "multi\nline");
	assert_int_equal(c.rec_line, 4);
	assert_int_equal(csv_next(&c), APP_OK);
	assert_string_equal(c.field[0], "last");
	assert_int_equal(c.rec_line, 6);
	assert_int_equal(csv_next(&c), APP_ENOTFOUND);
	csv_free(&c);

	csv_init(&c, "\"open,1\n", 8);
	assert_int_equal(csv_next(&c), APP_EINVAL);
	csv_free(&c);
	csv_init(&c, "\"a\"b,1\n", 7);
	assert_int_equal(csv_next(&c), APP_EINVAL);
	csv_free(&c);
	struct buf b;
	buf_init(&b);
	for (int i = 0; i <= CSV_MAX_FIELDS; i++)
		buf_puts(&b, "x,");
	csv_init(&c, b.p, b.n);
	assert_int_equal(csv_next(&c), APP_EINVAL);
	csv_free(&c);
	buf_reset(&b);
}

static void test_csv_write(void **s)
{
	struct buf b;
	buf_init(&b);
	csv_bom(&b);
	csv_field(&b, "a", true);
	csv_field(&b, "b,c", false);
	csv_field(&b, "say \"hi\"", false);
	csv_field(&b, "=SUM(A1)", false);
	csv_field(&b, "-1", false);
	csv_field(&b, "", false);
	csv_end_row(&b);
	assert_string_equal(buf_str(&b), "\xEF\xBB\xBF" "a,\"b,c\",\"say \"\"hi\"\"\",\"'=SUM(A1)\",\"'-1\",\r\n");
	/* what we write, we read back */
	struct csv c;
	csv_init(&c, b.p, b.n);
	assert_int_equal(csv_next(&c), APP_OK);
	assert_int_equal(c.nfield, 6);
	assert_string_equal(c.field[2], "say \"hi\"");
	csv_free(&c);
	buf_reset(&b);
}

static void test_passwords(void **s)
{
	assert_int_equal(crypto_init(), APP_OK);
	char h[CRYPTO_PWHASH_LEN];
	assert_int_equal(crypto_pw_hash("mật khẩu dài", h), APP_OK);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(crypto_pw_verify(h, "mật khẩu dài"));
	assert_false(crypto_pw_verify(h, "mật khẩu dai"));
	assert_false(crypto_pw_verify(NULL, "x"));
	assert_int_equal(crypto_pw_hash("", h), APP_EINVAL);
}

static void test_tokens(void **s)
{
	char a[CRYPTO_TOKEN_LEN], b[CRYPTO_TOKEN_LEN];
	crypto_token(a);
	crypto_token(b);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	assert_true(crypto_eq(a, a));
	assert_false(crypto_eq(a, b));
	assert_false(crypto_eq("", ""));
	assert_false(crypto_eq("abc", "abcd"));
	char ha[CRYPTO_HASH_HEX], hb[CRYPTO_HASH_HEX];
	crypto_hash_token(a, ha);
	crypto_hash_token(a, hb);
	assert_string_equal(ha, hb);
	assert_int_equal(strlen(ha), 64);
	char e[19];
	crypto_etag("x", 1, e);
	assert_int_equal(strlen(e), 18);
	assert_int_equal(e[0], '"');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_write),
		cmocka_unit_test(test_passwords),
		cmocka_unit_test(test_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
