/* test_consult.c — public consultation at fixed instants: the subjects as
 * dated data and a bad file refused line by line; drafts read into their
 * structure with stable anchors (and refused when they cannot be), written
 * back as text that reads the same; quoted words found again in a revision;
 * the difference word by word; then on a database the whole life of a
 * consultation: who may prepare it, the shortest period of its subject, the
 * last day comments are taken, the audience, the one vote per person, an
 * officer's entry after the close, moderation, re-attachment, the answers,
 * the chair's sign-off only when every comment is answered, and the reasons
 * required when a clause the majority disagreed with is kept word for word. */
#include "test.h"
#include "auth/auth.h"
#include "calendar/holidays.h"
#include "consult/consult.h"
#include "db/db.h"
#include "disclosure/catalogue.h"
#include "ledger/ledger.h"
#include "units/units.h"
#include "util/cal.h"
#include "util/embed.h"
#include <unistd.h>

/* 2026-12-02 10:00 UTC+7: a Wednesday */
#define T_NOW ((int64_t)1796180400)
#define DAY 86400

static void test_subjects(void **s)
{
	(void)s;
	int64_t today = cal_today(T_NOW);
	const struct consult_subject *k = consult_subject("art25_7", today);
	assert_non_null(k);
	assert_int_equal(k->min_days, 20);
	assert_string_equal(k->kind, "commune");
	assert_int_equal(consult_subject("convention", today)->min_days, 30);
	assert_int_equal(consult_subject("staff_plan", today)->min_days, 0);
	assert_null(consult_subject("art25_10", today));
	assert_null(consult_subject("art25_1", cal_days_from_civil(2023, 6, 30))); /* before the Law took effect */
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	struct consult_subjects bad;
	static const char text[] = "# a comment\n"
				   "art25_1 | commune | 20 | 2023-07-01 | Kế hoạch | Điều 25\n"
				   "art25_2 | hamlet | 20 | 2023-07-01 | Đất đai | Điều 25\n"
				   "art25_3 | commune | twenty | 2023-07-01 | Dự án | Điều 25\n"
				   "art25_4 | commune | 20 | 2023-13-01 | Địa giới | Điều 25\n"
				   "art25_1 | commune | 20 | 2023-07-01 | Kế hoạch lần hai | Điều 25\n"
				   "art25_5 | commune | 20\n";
	assert_int_equal(consult_subjects_parse(text, sizeof text - 1, &bad, &rep), APP_EINVAL);
	assert_int_equal(rep.nproblem, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(rep.problems[i].line, i + 3);
	assert_null(bad.v);
	/* the shipped file reads whole */
	const struct embed_file *f = embed_find("data/consult/subjects.txt");
	struct consult_subjects ok;
	import_report_init(&rep, &a);
	assert_int_equal(consult_subjects_parse(f->data, f->len, &ok, &rep), APP_OK);
	assert_int_equal(ok.n, 16);
	consult_subjects_free(&ok);
	arena_free(&a);
}

static const char *anchors(struct arena *a, const struct draft *d)
{
	const char *r = "";
	for (size_t i = 0; i < d->n; i++)
		r = arena_printf(a, "%s%s%s", r, i ? " " : "", d->v[i].anchor);
	return r;
}

static void test_draft(void **s)
{
	(void)s;
	struct arena a;
	arena_init(&a);
	struct draft d;
	const char *why = NULL;
	static const char md[] = "# PHẦN I. CHUNG\n"
				 "## Chương I\n"
				 "## QUY ĐỊNH CHUNG\n"
				 "Mục 1. Phạm vi\n"
				 "**Điều 1. Phạm vi điều chỉnh**\n"
				 "Quy chế này quy định.\n"
				 "1. Khoản một.\n"
				 "a) điểm a;\n"
				 "đ) điểm đ.\n"
				 "2. Khoản hai.\n"
				 "Điều 2a. Điều bổ sung\n"
				 "- một dòng gạch đầu\n"
				 "Điều này không phải một điều mới.\n"
				 "Chương II. THI HÀNH\n"
				 "Mục 1. Hiệu lực\n"
				 "Điều 3. Hiệu lực\n";
	assert_int_equal(draft_read(&a, "q.md", md, sizeof md - 1, &d, &why), APP_OK);
	assert_string_equal(anchors(&a, &d), "phan-i chuong-i chuong-i-muc-1 dieu-1 dieu-1-khoan-1 dieu-1-khoan-1-diem-a "
					     "dieu-1-khoan-1-diem-dd dieu-1-khoan-2 dieu-2a chuong-ii chuong-ii-muc-1 dieu-3");
	assert_string_equal(d.v[1].heading, "QUY ĐỊNH CHUNG");
	assert_string_equal(d.v[3].label, "Điều 1.");
	assert_string_equal(d.v[3].heading, "Phạm vi điều chỉnh");
	assert_string_equal(d.v[3].body, "Quy chế này quy định.");
	assert_int_equal(d.v[6].kind, DK_POINT);
	assert_string_equal(d.v[8].body, "một dòng gạch đầu\nĐiều này không phải một điều mới.");
	assert_string_equal(draft_anchor_words(&a, "dieu-1-khoan-1-diem-dd"), "Điều 1 khoản 1 điểm đ");
	assert_string_equal(draft_anchor_words(&a, "chuong-ii-muc-1"), "Chương II mục 1");
	/* written back as text, it reads to the same structure */
	struct draft again;
	const char *text = draft_text(&a, &d);
	assert_int_equal(draft_read(&a, NULL, text, strlen(text), &again, &why), APP_OK);
	assert_string_equal(anchors(&a, &again), anchors(&a, &d));
	for (size_t i = 0; i < d.n; i++) {
		assert_string_equal(again.v[i].body, d.v[i].body);
		assert_string_equal(again.v[i].heading, d.v[i].heading);
	}
	/* no structure at all: one unit a paragraph */
	static const char plain[] = "Thông báo về việc làm đường.\nMỗi hộ góp một ngày công.\n";
	assert_int_equal(draft_read(&a, "tb.txt", plain, sizeof plain - 1, &d, &why), APP_OK);
	assert_string_equal(anchors(&a, &d), "doan-1 doan-2");
	/* refusals, each with its reason; nothing kept */
	static const char dup[] = "Điều 1. Một\nĐiều 2. Hai\n1. a\n1. b\n";
	assert_int_equal(draft_read(&a, "d.md", dup, sizeof dup - 1, &d, &why), APP_EINVAL);
	assert_non_null(strstr(why, "Dòng 4"));
	assert_int_equal(d.n, 0);
	assert_int_equal(draft_read(&a, "d.docx", "%PDF-1.4", 8, &d, &why), APP_EINVAL);
	assert_non_null(strstr(why, ".docx"));
	assert_int_equal(draft_read(&a, "d.odt", "PK\003\004garbage", 11, &d, &why), APP_EINVAL);
	assert_int_equal(draft_read(&a, "d.rtf", "{\\rtf1}", 7, &d, &why), APP_EINVAL);
	assert_int_equal(draft_read(&a, "d.txt", "\xff\xfe\x00\x41", 4, &d, &why), APP_EINVAL);
	assert_int_equal(draft_read(&a, NULL, " \n\n", 3, &d, &why), APP_EINVAL);
	arena_free(&a);
}

static void test_find_and_diff(void **s)
{
	(void)s;
	struct arena a;
	arena_init(&a);
	struct draft v1, v2;
	const char *why;
	static const char t1[] = "Điều 1. Công khai\n1. Niêm yết ít nhất 30 ngày.\n2. Đăng trên cổng.\nĐiều 2. Đóng góp\nMỗi hộ 200.000 đồng.\n";
	static const char t2[] = "Điều 1. Công khai\n1. Đăng trên cổng.\n2. Niêm yết tại chợ ít nhất   30 NGÀY liên tục.\nĐiều 2. Đóng góp\nMỗi hộ theo mức thôn quyết định.\n";
	assert_int_equal(draft_read(&a, NULL, t1, sizeof t1 - 1, &v1, &why), APP_OK);
	assert_int_equal(draft_read(&a, NULL, t2, sizeof t2 - 1, &v2, &why), APP_OK);
	/* the words followed to the other clause, forgiving case and spacing */
	long at = draft_find(&v2, "dieu-1-khoan-1", "ít nhất 30 ngày", "niem yet", "");
	assert_true(at >= 0);
	assert_string_equal(v2.v[at].anchor, "dieu-1-khoan-2");
	assert_int_equal(draft_find(&v2, "dieu-2", "200.000 đồng", "", ""), -1);
	assert_int_equal(draft_find(&v2, "dieu-2", "", "", ""), -1);
	/* the difference: clause 1 rewritten, article 2's text changed word by word */
	struct diff_unit *dv;
	size_t n;
	draft_diff(&a, &v1, &v2, &dv, &n);
	assert_int_equal(n, 4);
	assert_false(dv[0].changed); /* Điều 1 itself */
	assert_true(dv[1].changed && dv[2].changed);
	const struct diff_unit *u = &dv[3];
	assert_true(u->changed);
	const char *del = "", *ins = "";
	for (size_t i = 0; i < u->npieces; i++) {
		if (u->pieces[i].op == DIFF_DEL)
			del = arena_printf(&a, "%s%s", del, u->pieces[i].text);
		if (u->pieces[i].op == DIFF_INS)
			ins = arena_printf(&a, "%s%s", ins, u->pieces[i].text);
	}
	assert_string_equal(del, "200.000 đồng.");
	assert_string_equal(ins, "theo mức thôn quyết định.");
	/* a unit removed is shown where it stood */
	static const char t3[] = "Điều 1. Công khai\n1. Niêm yết ít nhất 30 ngày.\n";
	struct draft v3;
	assert_int_equal(draft_read(&a, NULL, t3, sizeof t3 - 1, &v3, &why), APP_OK);
	draft_diff(&a, &v1, &v3, &dv, &n);
	assert_int_equal(n, 4);
	assert_null(dv[3].new);
	assert_null(dv[2].new);
	assert_string_equal(dv[2].old->anchor, "dieu-1-khoan-2");
	arena_free(&a);
}

/* ---- on a database ---- */

static enum app_err setup_fn(struct dbc *c, void *arg)
{
	struct arena *a = arg;
	struct import_report rep;
	import_report_init(&rep, a);
	static const char units[] = "province_code,province_name,commune_code,commune_name,commune_type\n"
				    "24,Bắc Ninh,07582,Lục Ngạn,xã\n24,Bắc Ninh,07583,Kiên Lao,xã\n";
	static const char hh[] = "village_code,household_code,head,address,members,representative,phone\n"
				 "07582-01,H1,Nguyễn Văn A,Số 1,3,,\n07583-01,H1,Trần Thị B,Số 2,2,,\n";
	struct unit p, q;
	int64_t uid, added;
	const struct embed_file *cat = embed_find("data/disclosure_items.csv");
	enum app_err e = units_import_csv(c, units, sizeof units - 1, T_NOW, &rep);
	if (!e)
		e = catalogue_import_csv(c, cat->data, cat->len, &rep, T_NOW, &added);
	if (!e && !(e = units_get(a, c, "07582", &p)) && !(e = units_get(a, c, "07583", &q)) &&
	    !(e = units_create(c, &p, "07582-01", "village", "Thôn Một", T_NOW, NULL)))
		e = units_create(c, &q, "07583-01", "village", "Thôn Kiên", T_NOW, NULL);
	if (!e)
		e = households_import_csv(c, hh, sizeof hh - 1, NULL, 0, 0, T_NOW, &rep);
	if (!e)
		e = holidays_seed(c, 2026, 2028);
	/* the residents of both communes' first households, with accounts */
	for (int i = 0; !e && i < 2; i++) {
		struct unit v;
		struct household *h;
		size_t n = 0;
		if ((e = units_get(a, c, i ? "07583-01" : "07582-01", &v)) || (e = households_list(a, c, v.id, NULL, 1, 0, &h, &n)))
			break;
		struct db_stmt *s = dbc_stmt(c, STMT_RESIDENT_INSERT);
		db_bind_i64(s, 1, h[0].id);
		db_bind_text(s, 2, "Người dân");
		db_bind_text(s, 3, "nguoi dan");
		db_bind_i64(s, 4, 1980);
		db_bind_i64(s, 5, 1);
		db_bind_text(s, 6, NULL);
		int64_t rid = db_one_i64(s, 0, &e);
		if (!e)
			e = auth_user_add(c, i ? "dan2" : "dan", "Người dân", "mat-khau-rat-dai", rid, T_NOW, &uid);
	}
	for (int i = 0; !e && i < 3; i++)
		e = auth_user_add(c, (const char *[]){"canbo", "canbo2", "chutich"}[i], "Người thử", "mat-khau-rat-dai", 0, T_NOW, &uid);
	return e;
}

struct fixture {
	char path[64];
	struct db *db;
	struct dbc *c;
	struct arena a;
	struct unit commune;
	struct user officer, stranger, chair, resident, other;
};

static void fixture_begin(struct fixture *f)
{
	snprintf(f->path, sizeof f->path, "/tmp/coso-unit-consult-%d.db", (int)getpid());
	unlink(f->path);
	char *err = NULL;
	assert_int_equal(db_open(f->path, false, &f->db, &err), APP_OK);
	assert_int_equal(db_migrate(f->db, &err), APP_OK);
	arena_init(&f->a);
	assert_int_equal(db_write(f->db, setup_fn, &f->a), APP_OK);
	assert_int_equal(db_conn(f->db, &f->c), APP_OK);
	struct unit other;
	assert_int_equal(units_get(&f->a, f->c, "07582", &f->commune), APP_OK);
	assert_int_equal(units_get(&f->a, f->c, "07583", &other), APP_OK);
	const struct unit *cm = &f->commune;
	f->officer = (struct user){.id = auth_user_id(f->c, "canbo"), .full_name = "Cán bộ", .nrole = 1,
				   .roles = {{"commune_officer", cm->id, cm->code, cm->path, cm->title}}};
	f->stranger = (struct user){.id = auth_user_id(f->c, "canbo2"), .full_name = "Cán bộ xã khác", .nrole = 1,
				    .roles = {{"commune_officer", other.id, other.code, other.path, other.title}}};
	f->chair = (struct user){.id = auth_user_id(f->c, "chutich"), .full_name = "Chủ tịch", .nrole = 1,
				 .roles = {{"commune_chair", cm->id, cm->code, cm->path, cm->title}}};
	f->resident = (struct user){.id = auth_user_id(f->c, "dan"), .full_name = "Người dân"};
	f->other = (struct user){.id = auth_user_id(f->c, "dan2"), .full_name = "Người dân xã khác"};
}

static void fixture_end(struct fixture *f)
{
	arena_free(&f->a);
	db_close(f->db);
	unlink(f->path);
}

static enum app_err say(struct fixture *f, const struct user *u, int64_t id, const char *anchor, const char *quote,
			const char *body, int64_t now, int64_t *cid)
{
	struct problems pr = {.a = &f->a};
	struct comment_input in = {.anchor = anchor, .quote = quote, .body = body};
	int64_t x;
	return comment_add(f->db, &f->a, u, id, &in, now, cid ? cid : &x, NULL, &pr);
}

static void test_lifecycle(void **s)
{
	(void)s;
	struct fixture fx, *f = &fx;
	fixture_begin(f);
	struct arena *a = &f->a;
	struct problems pr = {.a = a};
	static const char text[] = "Điều 1. Công khai\n1. Niêm yết ít nhất 30 ngày.\n2. Đăng trên cổng.\nĐiều 2. Đóng góp\nMỗi hộ 200.000 đồng.\n";
	struct draft d;
	const char *why;
	assert_int_equal(draft_read(a, NULL, text, sizeof text - 1, &d, &why), APP_OK);
	struct consult_input in = {.subject = "art25_7", .title = "Dự thảo quy chế dân chủ", .plan_content = "Lấy ý kiến toàn xã.",
				   .plan_forms = "b; e, đ", .plan_owner = "Văn phòng", .audience = "unit"};
	int64_t id;
	/* who may prepare: the commune's officers, not another commune's, not a resident */
	assert_int_equal(consult_create(f->db, a, &f->stranger, &f->commune, &in, &d, T_NOW, &id, &pr), APP_EFORBID);
	assert_int_equal(consult_create(f->db, a, &f->resident, &f->commune, &in, &d, T_NOW, &id, &pr), APP_EFORBID);
	/* every problem at once */
	pr.n = 0;
	struct consult_input bad = {.subject = "staff_plan", .title = "x", .plan_forms = "z", .audience = "staff"};
	assert_int_equal(consult_create(f->db, a, &f->officer, &f->commune, &bad, NULL, T_NOW, &id, &pr), APP_EINVAL);
	assert_int_equal(pr.n, 7);
	pr.n = 0;
	assert_int_equal(consult_create(f->db, a, &f->officer, &f->commune, &in, &d, T_NOW, &id, &pr), APP_OK);
	struct consultation k;
	assert_int_equal(consult_get(a, f->c, id, &k), APP_OK);
	assert_string_equal(k.plan_forms, "b;e;dd");
	assert_int_equal(consult_phase(&k, cal_today(T_NOW)), CP_DRAFT);
	/* nothing taken before publication */
	assert_int_equal(say(f, &f->resident, id, "dieu-1", NULL, "Sớm quá.", T_NOW, NULL), APP_ECONFLICT);
	/* Art. 28(2): at least 20 days from publication */
	int64_t today = cal_today(T_NOW);
	char closes[11];
	cal_format_iso(today + 19, closes);
	assert_int_equal(consult_publish(f->db, a, &f->officer, id, closes, T_NOW, &pr), APP_EINVAL);
	assert_non_null(strstr(pr.v[0].message, "ít nhất 20 ngày"));
	pr.n = 0;
	cal_format_iso(today + 20, closes);
	assert_int_equal(consult_publish(f->db, a, &f->stranger, id, closes, T_NOW, &pr), APP_EFORBID);
	pr.n = 0;
	assert_int_equal(consult_publish(f->db, a, &f->officer, id, closes, T_NOW, &pr), APP_OK);
	assert_int_equal(consult_publish(f->db, a, &f->officer, id, closes, T_NOW, &pr), APP_ECONFLICT);
	/* the audience: a resident of the commune, not of another, not nobody */
	int64_t c1, c2, c3;
	assert_int_equal(say(f, &f->resident, id, "dieu-1-khoan-1", "ít nhất 30 ngày", "Thêm chợ.", T_NOW + DAY, &c1), APP_OK);
	assert_int_equal(say(f, &f->other, id, "dieu-1", NULL, "Tôi ở xã khác.", T_NOW + DAY, NULL), APP_EFORBID);
	assert_int_equal(say(f, NULL, id, "dieu-1", NULL, "Ẩn danh.", T_NOW + DAY, NULL), APP_EFORBID);
	/* the last day is the closing day itself, to its end (UTC+7) */
	int64_t last = (today + 20 + 1) * DAY - 7 * 3600 - 1;
	assert_int_equal(say(f, &f->resident, id, "dieu-2", "200.000 đồng", "Cao quá.", last, &c2), APP_OK);
	assert_int_equal(say(f, &f->resident, id, "", NULL, "Muộn một giây.", last + 1, NULL), APP_ECONFLICT);
	/* one vote a person a clause */
	pr.n = 0;
	assert_int_equal(consult_vote(f->db, a, &f->resident, id, "dieu-2", 1, T_NOW + DAY, &pr), APP_OK);
	assert_int_equal(consult_vote(f->db, a, &f->resident, id, "dieu-2", -1, T_NOW + DAY, &pr), APP_OK);
	struct clause_tally *t;
	size_t nt;
	assert_int_equal(consult_tallies(a, f->c, id, &t, &nt), APP_OK);
	for (size_t i = 0; i < nt; i++)
		if (!strcmp(t[i].anchor, "dieu-2"))
			assert_true(t[i].agree == 0 && t[i].disagree == 1 && t[i].comments == 1);
	/* after the close an officer enters what came by letter */
	pr.n = 0;
	struct comment_input letter = {.anchor = "dieu-1", .body = "Đề nghị đăng loa.", .channel = "letter", .author = "Hội Nông dân"};
	assert_int_equal(comment_add(f->db, a, &f->officer, id, &letter, last + DAY, &c3, NULL, &pr), APP_OK);
	letter.author = "";
	pr.n = 0;
	assert_int_equal(comment_add(f->db, a, &f->officer, id, &letter, last + DAY, &c3, NULL, &pr), APP_EINVAL);
	assert_int_equal(comment_add(f->db, a, &f->stranger, id, &letter, last + DAY, &c3, NULL, &pr), APP_EFORBID);
	/* moderation: a reason, then the history */
	pr.n = 0;
	assert_int_equal(comment_moderate(f->db, &f->officer, c3, true, "x", last + DAY, &pr), APP_EINVAL);
	assert_int_equal(comment_moderate(f->db, &f->officer, c3, true, "Trùng lặp nội dung", last + DAY, &pr), APP_OK);
	struct moderation *mv;
	size_t nm;
	assert_int_equal(comment_history(a, f->c, c3, &mv, &nm), APP_OK);
	assert_int_equal(nm, 1);
	/* a revision moves the quoted words and drops the others */
	static const char text2[] = "Điều 1. Công khai\n1. Đăng trên cổng.\n2. Niêm yết ít nhất 30 ngày ở chợ.\nĐiều 2. Đóng góp\nMỗi hộ 200.000 đồng.\n";
	struct draft d2;
	assert_int_equal(draft_read(a, NULL, text2, sizeof text2 - 1, &d2, &why), APP_OK);
	pr.n = 0;
	assert_int_equal(consult_set_draft(f->db, a, &f->officer, id, &d2, last + DAY, &pr), APP_OK);
	struct comment cm;
	assert_int_equal(comment_get(a, f->c, c1, &cm), APP_OK);
	assert_string_equal(cm.cur_anchor, "dieu-1-khoan-2");
	assert_string_equal(cm.attach, "moved");
	/* the sign-off: the chair only, after every visible comment is answered */
	struct signoff_input so = {.decision = "Ban hành theo dự thảo sửa đổi."};
	pr.n = 0;
	assert_int_equal(consult_signoff(f->db, a, &f->officer, id, &so, "", last + 2 * DAY, &pr), APP_EFORBID);
	pr.n = 0;
	assert_int_equal(consult_signoff(f->db, a, &f->chair, id, &so, "", last + 2 * DAY, &pr), APP_ECONFLICT);
	int64_t ids[] = {c1, c2}, aid;
	pr.n = 0;
	struct answer_input an = {.disposition = "accepted", .body = "Tiếp thu.", .comments = ids, .ncomments = 2};
	assert_int_equal(consult_answer(f->db, a, &f->officer, id, &an, last + 2 * DAY, &aid, &pr), APP_OK);
	/* the majority disagreed with article 2, which stays word for word: reasons first (Art. 28(4)) */
	pr.n = 0;
	assert_int_equal(consult_signoff(f->db, a, &f->chair, id, &so, "", last + 2 * DAY, &pr), APP_EINVAL);
	assert_string_equal(pr.v[0].field, "majority_reasons");
	assert_non_null(strstr(pr.v[0].message, "dieu-2"));
	so.majority_reasons = "Mức đóng góp do Hội nghị thôn quyết định.";
	pr.n = 0;
	assert_int_equal(consult_signoff(f->db, a, &f->chair, id, &so, "", last + 2 * DAY, &pr), APP_OK);
	assert_int_equal(consult_get(a, f->c, id, &k), APP_OK);
	assert_int_equal(k.status, CNS_PUBLISHED);
	assert_true(k.against_majority);
	assert_true(k.posting_id > 0);
	assert_true(k.closed_at == (today + 21) * DAY - 7 * 3600);
	/* nothing after publication */
	assert_int_equal(consult_answer(f->db, a, &f->officer, id, &an, last + 3 * DAY, &aid, &pr), APP_ECONFLICT);
	assert_int_equal(comment_moderate(f->db, &f->officer, c1, true, "Muộn rồi", last + 3 * DAY, &pr), APP_ECONFLICT);
	assert_int_equal(consult_signoff(f->db, a, &f->chair, id, &so, "", last + 3 * DAY, &pr), APP_ECONFLICT);
	fixture_end(f);
}

int main(void)
{
	ledger_listen();
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_subjects), cmocka_unit_test(test_draft),
					   cmocka_unit_test(test_find_and_diff), cmocka_unit_test(test_lifecycle)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
