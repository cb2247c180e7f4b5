/* test_notify.c — notifications (issue #14) at fixed instants: SMS segments
 * (GSM-7 and UCS-2), numbers and masks, quiet hours, the template file's
 * refusals, rendering an SMS that must fit, the opt-out token. */
#include "test.h"
#include "notify/notify.h"
#include "units/units.h"
#include "util/arena.h"
#include "util/str.h"
#include <string.h>

static void test_segments(void **s)
{
	bool ucs2;
	size_t n;
	char buf[400];
	memset(buf, 'a', 160);
	buf[160] = 0;
	assert_int_equal(notify_sms_segments(buf, &ucs2, &n), 1);
	assert_false(ucs2);
	assert_int_equal(n, 160);
	buf[160] = 'a', buf[161] = 0;
	assert_int_equal(notify_sms_segments(buf, &ucs2, &n), 2); /* 153 a part once split */
	memset(buf, 'a', 306), buf[306] = 0;
	assert_int_equal(notify_sms_segments(buf, NULL, NULL), 2);
	buf[306] = 'a', buf[307] = 0;
	assert_int_equal(notify_sms_segments(buf, NULL, NULL), 3);
	/* the extension characters count two */
	memset(buf, 'a', 159), strcpy(buf + 159, "{");
	assert_int_equal(notify_sms_segments(buf, &ucs2, &n), 2);
	assert_int_equal(n, 161);
	/* one Vietnamese letter with its mark: UCS-2, 70 a message, 67 a part */
	assert_int_equal(notify_sms_segments("Đồng ý", &ucs2, &n), 1);
	assert_true(ucs2);
	assert_int_equal(n, 6);
	strcpy(buf, "ă");
	for (int i = 1; i < 70; i++)
		strcat(buf, "a");
	assert_int_equal(notify_sms_segments(buf, NULL, &n), 1);
	strcat(buf, "a");
	assert_int_equal(notify_sms_segments(buf, NULL, &n), 2);
	assert_int_equal(notify_sms_segments("", NULL, NULL), 0);
	/* é and à are in the GSM alphabet, ả is not */
	assert_int_equal(notify_sms_segments("café à", &ucs2, NULL), 1);
	assert_false(ucs2);
	notify_sms_segments("cả", &ucs2, NULL);
	assert_true(ucs2);
}

static void test_phones(void **s)
{
	char p[STR_PHONE_LEN], p84[STR_PHONE_LEN + 1], m[STR_MASK_LEN];
	assert_true(str_phone("0912345678", p));
	assert_string_equal(p, "0912345678");
	assert_true(str_phone("+84 912 345 678", p));
	assert_string_equal(p, "0912345678");
	assert_true(str_phone("84912345678", p));
	assert_string_equal(p, "0912345678");
	assert_true(str_phone("0912.345.678", p));
	assert_false(str_phone("12345", p));
	assert_false(str_phone("09123x5678", p));
	assert_false(str_phone("00912345678", p));
	str_phone84("0912345678", p84);
	assert_string_equal(p84, "84912345678");
	str_mask("0912345678", m);
	assert_string_equal(m, "09******78");
	str_mask("mai@example.vn", m);
	assert_string_equal(m, "m***@example.vn");
	char *u = str_unmark("Đồng ý, Thôn Đông");
	assert_string_equal(u, "Dong y, Thon Dong");
	free(u);
}

static void test_quiet(void **s)
{
	/* 2026-11-30 14:00 UTC = 21:00 UTC+7: quiet until 07:00 the next morning */
	int64_t t = 1796047200;
	assert_int_equal(notify_not_quiet(NULL, t), 1796083200);
	assert_int_equal(notify_not_quiet(NULL, t - 1), t - 1); /* 20:59:59 */
	assert_int_equal(notify_not_quiet(NULL, 1796083200 - 60), 1796083200); /* 06:59 */
	/* a window that does not cross midnight, and none */
	struct notify_gateway g = {.quiet_from = 12, .quiet_to = 14};
	assert_int_equal(notify_not_quiet(&g, 1796018400 + 1800), 1796018400 + 3600); /* 13:30 -> 14:00 */
	g.quiet_from = g.quiet_to = 0;
	assert_int_equal(notify_not_quiet(&g, t), t);
}

static void test_templates(void **s)
{
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	struct notify_tpls *t;
	const char *bad = "sms_segments: 1\n\n# a comment\nkind: matter.opened\ntitle: {village}\nbody: {title} {link}\n"
			  "sms: {village} {nope}\nzalo: abc x\nkind: no.such\nfoo: bar\n";
	assert_int_equal(notify_tpls_parse(bad, strlen(bad), &t, &rep), APP_EINVAL);
	assert_int_equal(rep.nproblem, 5);
	assert_int_equal(rep.problems[0].line, 7); /* the unknown {nope} */
	assert_string_equal(rep.problems[0].field, "sms");
	assert_int_equal(rep.problems[1].line, 8); /* a Zalo template id is digits */
	assert_int_equal(rep.problems[2].line, 9); /* an unknown kind */
	assert_int_equal(rep.problems[3].line, 10); /* after an unknown kind, lines have no kind */
	assert_string_equal(rep.problems[4].field, "matter.opened"); /* its SMS was refused: missing */
	/* braces that are not a name are text */
	const char *ok = "sms_segments: 1\nkind: matter.opened\ntitle: {village} {x y}\nbody: {title}\nsms: {village}: {title} {code} {link}\n";
	import_report_init(&rep, &a);
	assert_int_equal(notify_tpls_parse(ok, strlen(ok), &t, &rep), APP_OK);
	const struct notify_tpl *tp = notify_tpl_of(t, "matter.opened");
	assert_non_null(tp);
	/* an SMS cut to fit: a long title, one segment without diacritics */
	const struct notify_param p[] = {{"village", "Thôn Đông"},
					 {"title", "Làm đường bê tông ngõ xóm đội 3 nối với đường liên thôn, dài 1,2 km, rộng 3 m, "
						   "nhân dân đóng góp ngày công và tiền mặt theo số nhân khẩu của từng hộ gia đình"}};
	char *sms = notify_render_sms(&a, t, tp->sms, p, 2, false);
	assert_true(strncmp(sms, "Thon Dong: Lam duong be tong", 28) == 0);
	assert_non_null(strstr(sms, "... {code} {link}")); /* cut, in GSM-7 */
	bool ucs2;
	size_t units;
	assert_int_equal(notify_sms_segments(sms, &ucs2, &units), 1);
	assert_false(ucs2);
	assert_true(units + 44 - 6 + 4 - 6 <= 160); /* with the link and the code filled */
	/* with diacritics: 70 a segment, the ellipsis itself */
	sms = notify_render_sms(&a, t, tp->sms, p, 2, true);
	assert_non_null(strstr(sms, "… {code} {link}"));
	notify_tpls_free(t);
	/* the shipped file checks */
	assert_non_null(notify_templates());
	assert_non_null(notify_tpl_of(notify_templates(), "meeting.notice"));
	arena_free(&a);
}

static void test_stop_token(void **s)
{
	uint8_t key[32] = {1, 2, 3};
	char tok[64];
	int64_t id;
	notify_stop_token(key, 1234, tok);
	assert_true(notify_stop_check(key, tok, &id));
	assert_int_equal(id, 1234);
	tok[strlen(tok) - 1] ^= 1;
	assert_false(notify_stop_check(key, tok, &id));
	assert_false(notify_stop_check(key, "1234", &id));
	assert_false(notify_stop_check(key, "x-00", &id));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_segments),  cmocka_unit_test(test_phones),     cmocka_unit_test(test_quiet),
		cmocka_unit_test(test_templates), cmocka_unit_test(test_stop_token),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
