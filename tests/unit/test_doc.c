/*
 * test_doc.c — the official document writer (src/doc): the date in words,
 * the issuer of each kind of unit, numbers per unit, year and type (never
 * reused, idempotent per paper), and signatures: a signed PDF verifies, and
 * one changed byte, bytes appended or an untrusted authority are each seen.
 */
#include "test.h"
#include "db/db.h"
#include "doc/doc.h"
#include "units/units.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/cal.h"
#include <sys/stat.h>
#include <unistd.h>

#define T_NOW ((int64_t)1790000000) /* 21:13:20 on 21 September 2026, UTC+7 */

static void test_date_words(void **s)
{
	struct arena a;
	arena_init(&a);
	/* Decree 30/2020 App. I: a leading 0 for days below 10 and for months 1 and 2 */
	assert_string_equal(doc_date_words(&a, cal_days_from_civil(2026, 1, 5)), "ngày 05 tháng 01 năm 2026");
	assert_string_equal(doc_date_words(&a, cal_days_from_civil(2026, 2, 28)), "ngày 28 tháng 02 năm 2026");
	assert_string_equal(doc_date_words(&a, cal_days_from_civil(2026, 11, 30)), "ngày 30 tháng 11 năm 2026");
	assert_string_equal(doc_date_words(&a, cal_days_from_civil(2026, 3, 9)), "ngày 09 tháng 3 năm 2026");
	arena_free(&a);
}

static void test_issuers(void **s)
{
	struct arena a;
	arena_init(&a);
	struct doc_issuer is;
	doc_issuer_of(&a, "ward", true, "Phường Kinh Bắc", "Kinh Bắc", NULL, NULL, &is);
	assert_string_equal(is.name, "ỦY BAN NHÂN DÂN\nPHƯỜNG KINH BẮC");
	assert_null(is.parent);
	assert_string_equal(is.abbr, "UBND");
	assert_string_equal(is.place, "Kinh Bắc");
	assert_string_equal(is.level, "phường");
	doc_issuer_of(&a, "village", false, "Thôn Đông", "Đông", "Xã Lục Ngạn", "Lục Ngạn", &is);
	assert_string_equal(is.parent, "UBND XÃ LỤC NGẠN");
	assert_string_equal(is.name, "THÔN ĐÔNG");
	assert_string_equal(is.abbr, "TH");
	assert_string_equal(is.place, "Lục Ngạn"); /* the commune's name in the date line */
	assert_string_equal(is.level, "xã");
	assert_string_equal(doc_abbr("residential_group", false), "TDP");
	assert_string_equal(doc_abbr("special_zone", true), "UBND");
	arena_free(&a);
}

struct numbering {
	struct arena *a;
	int64_t unit;
	struct doc_record d[6];
};

static enum app_err unit_fn(struct dbc *c, void *arg)
{
	struct numbering *n = arg;
	struct import_report rep;
	import_report_init(&rep, n->a);
	static const char units[] = "province_code,province_name,commune_code,commune_name,commune_type\n"
				    "24,Bắc Ninh,07582,Lục Ngạn,xã\n24,Bắc Ninh,09187,Kinh Bắc,phường\n";
	enum app_err e = units_import_csv(c, units, sizeof units - 1, T_NOW, &rep);
	struct unit u;
	if (!e && !(e = units_get(n->a, c, "07582", &u)))
		n->unit = u.id;
	return e;
}

static enum app_err issue_fn(struct dbc *c, void *arg)
{
	struct numbering *n = arg;
	int64_t year2027 = T_NOW + 110 * 86400; /* January 2027 */
	enum app_err e = doc_issue(c, n->unit, DOC_NOTICE, "UBND", "posting", 1, "notice.1", "Một", T_NOW, &n->d[0], n->a);
	if (!e)
		e = doc_issue(c, n->unit, DOC_NOTICE, "UBND", "posting", 2, "notice.1", "Hai", T_NOW, &n->d[1], n->a);
	if (!e) /* issued before: the same record, no new number */
		e = doc_issue(c, n->unit, DOC_NOTICE, "UBND", "posting", 1, "notice.1", "Một", T_NOW + 5, &n->d[2], n->a);
	if (!e) /* another type: its own series */
		e = doc_issue(c, n->unit, DOC_MINUTES, "UBND", "matter", 1, "minutes", "Biên bản", T_NOW, &n->d[3], n->a);
	if (!e) /* a new year starts again from 01 */
		e = doc_issue(c, n->unit, DOC_NOTICE, "UBND", "posting", 3, "notice.1", "Ba", year2027, &n->d[4], n->a);
	if (!e)
		e = doc_issue(c, n->unit, DOC_NOTICE, "UBND", "posting", 1, "withdrawal", "Một", T_NOW + 9, &n->d[5], n->a);
	return e;
}

static void test_numbers(void **s)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/coso-unit-doc-%d.db", (int)getpid());
	unlink(path);
	struct db *db;
	char *err = NULL;
	assert_int_equal(db_open(path, false, &db, &err), APP_OK);
	assert_int_equal(db_migrate(db, &err), APP_OK);
	struct arena a;
	arena_init(&a);
	struct numbering n = {.a = &a};
	assert_int_equal(db_write(db, unit_fn, &n), APP_OK);
	assert_int_equal(db_write(db, issue_fn, &n), APP_OK);
	assert_string_equal(n.d[0].number, "01/TB-UBND");
	assert_string_equal(n.d[1].number, "02/TB-UBND");
	assert_int_equal(n.d[2].id, n.d[0].id);
	assert_int_equal(n.d[2].issued_at, T_NOW);
	assert_string_equal(n.d[3].number, "01/BB-UBND");
	assert_int_equal(n.d[4].year, 2027);
	assert_string_equal(n.d[4].number, "01/TB-UBND");
	assert_string_equal(n.d[5].number, "03/TB-UBND"); /* 2026 goes on where it was */
	struct dbc *c;
	assert_int_equal(db_conn(db, &c), APP_OK);
	struct doc_record d;
	assert_int_equal(doc_by_number(&a, c, "07582", "02/TB-UBND", &d), APP_OK);
	assert_string_equal(d.title, "Hai");
	assert_int_equal(doc_by_number(&a, c, "09187", "02/TB-UBND", &d), APP_ENOTFOUND);
	assert_int_equal(doc_get(&a, c, "posting", 9, "notice.1", &d), APP_ENOTFOUND);
	arena_free(&a);
	db_close(db);
	unlink(path);
	free(err);
}

/* A one-page document in the official layout. */
static void make_pdf(struct buf *out)
{
	struct doc_issuer is = {.name = "ỦY BAN NHÂN DÂN\nXÃ LỤC NGẠN", .abbr = "UBND", .place = "Lục Ngạn", .level = "xã"};
	struct doc_head h = {.type = DOC_NOTICE, .issuer = &is, .number = "07/TB-UBND", .day = cal_today(T_NOW),
			     .title = "THÔNG BÁO", .subject = "Về việc thử chữ ký số", .created = T_NOW};
	struct pdf *p = doc_begin(&h, "thử");
	doc_para(p, "Nội dung có đủ dấu tiếng Việt: ằ ẳ ẵ ặ ề ể ễ ệ ồ ổ ỗ ộ ờ ở ỡ ợ ừ ử ữ ự ỳ ỷ ỹ ỵ đ Đ.");
	const char *to[] = {"Thường trực HĐND xã"};
	doc_end(p, &(struct doc_signer){.authority = "TM. ỦY BAN NHÂN DÂN", .title = "CHỦ TỊCH", .name = "Ngô Văn Dũng"},
		to, 1);
	assert_int_equal(pdf_finish(p, out), APP_OK);
}

static void test_sign_verify(void **s)
{
	char keys[64];
	snprintf(keys, sizeof keys, "/tmp/coso-unit-keys-%d", (int)getpid());
	doc_keys_dir_set(keys);
	static const char *const codes[] = {"07582"};
	static const char *const names[] = {"Ủy ban nhân dân Xã Lục Ngạn"};
	assert_int_equal(doc_demo_keys(codes, names, 1), APP_OK);
	struct stat st;
	char kp[128];
	snprintf(kp, sizeof kp, "%s/07582.pem", keys);
	assert_int_equal(stat(kp, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600); /* the key: its owner only */
	assert_true(doc_unit_can_sign("07582"));
	assert_false(doc_unit_can_sign("09187"));
	assert_false(doc_unit_can_sign("../etc")); /* never a path */
	struct buf pdf, again;
	buf_init(&pdf);
	buf_init(&again);
	make_pdf(&pdf);
	make_pdf(&again);
	assert_int_equal(pdf.n, again.n); /* the same input gives the same bytes */
	assert_memory_equal(pdf.p, again.p, pdf.n);
	struct doc_verdict v;
	doc_verify(pdf.p, pdf.n, &v);
	assert_false(v.signed_);
	assert_non_null(v.why);
	char subject[256];
	assert_int_equal(doc_sign("09187", T_NOW, "x", &pdf, subject, sizeof subject), APP_ENOTFOUND);
	assert_int_equal(doc_sign("07582", T_NOW, "07/TB-UBND", &pdf, subject, sizeof subject), APP_OK);
	assert_non_null(strstr(subject, "Lục Ngạn"));
	doc_verify(pdf.p, pdf.n, &v);
	assert_true(v.signed_ && v.intact && v.whole && v.trusted);
	assert_null(v.why);
	assert_non_null(strstr(v.signer, "Ủy ban nhân dân Xã Lục Ngạn"));
	assert_string_equal(v.when, "D:20260921211320+07'00'"); /* the act's instant, UTC+7 */
	/* one byte of the page changed */
	char *bad = malloc(pdf.n);
	memcpy(bad, pdf.p, pdf.n);
	bad[strstr(bad, "stream") - bad + 40] ^= 1;
	doc_verify(bad, pdf.n, &v);
	assert_true(v.signed_);
	assert_false(v.intact);
	assert_non_null(v.why);
	/* something appended after the signed range */
	struct buf more;
	buf_init(&more);
	buf_append(&more, pdf.p, pdf.n);
	buf_puts(&more, "\n% thêm\n");
	doc_verify(more.p, more.n, &v);
	assert_true(v.intact);
	assert_false(v.whole);
	assert_non_null(v.why);
	/* another authority's demo: intact, not trusted here */
	snprintf(kp, sizeof kp, "%s/ca.pem", keys);
	unlink(kp);
	doc_verify(pdf.p, pdf.n, &v);
	assert_true(v.intact);
	assert_false(v.trusted);
	assert_non_null(v.why);
	/* not a PDF at all */
	doc_verify("hello", 5, &v);
	assert_false(v.signed_);
	free(bad);
	buf_reset(&more);
	buf_reset(&pdf);
	buf_reset(&again);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", keys);
	assert_int_equal(system(cmd), 0);
}

static void test_key_install_refuses(void **s)
{
	char keys[64];
	snprintf(keys, sizeof keys, "/tmp/coso-unit-keys2-%d", (int)getpid());
	doc_keys_dir_set(keys);
	const char *why = NULL;
	assert_int_equal(doc_key_install("07582", "not a p12", 9, "", &why), APP_EINVAL);
	assert_non_null(why);
	assert_int_equal(doc_key_install("../x", "not a p12", 9, "", &why), APP_EINVAL);
	assert_false(doc_unit_can_sign("07582"));
	rmdir(keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_words),
		cmocka_unit_test(test_issuers),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_sign_verify),
		cmocka_unit_test(test_key_install_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
