/* test_cases.c — feedback, complaints and denunciations at fixed instants:
 * tracking codes, the dated rules (the change of 1/7/2026), deadlines in
 * days and working days across Tết, suspension stopping the clock and
 * resumption from the decision's day, extensions counted, remote areas,
 * the 90-day limit, a denouncer's sealed identity, forwarding, a second
 * instance, ratings once per token, and every refusal (who, what, when). */
#include "test.h"
#include "auth/auth.h"
#include "calendar/holidays.h"
#include "cases/cases.h"
#include "cases/ident.h"
#include "db/db.h"
#include "ledger/ledger.h"
#include "units/units.h"
#include "util/cal.h"
#include <unistd.h>

/* 2026-12-02 10:00 UTC+7: a Wednesday */
#define T_NOW ((int64_t)1796180400)
#define DAY 86400

static int64_t day(int y, int m, int d)
{
	return cal_days_from_civil(y, m, d);
}

/* The instant of 10:00 UTC+7 on a day. */
static int64_t at(int64_t d)
{
	return d * DAY + 3 * 3600;
}

static void test_codes(void **s)
{
	(void)s;
	char code[CASE_CODE_LEN + 1], norm[CASE_CODE_LEN + 1];
	case_code_make(CK_PETITION, T_NOW, code);
	assert_int_equal(strlen(code), 16);
	assert_memory_equal(code, "PAKN-2612-", 10);
	case_code_make(CK_DENUNCIATION, T_NOW, code);
	assert_memory_equal(code, "TC-2612-", 8);
	/* two codes in a row are not in sequence */
	char other[CASE_CODE_LEN + 1];
	case_code_make(CK_DENUNCIATION, T_NOW, other);
	assert_string_not_equal(code, other);
	/* forgiving of case, spaces and look-alike letters */
	assert_true(case_code_norm("pakn 2612 7kq3xo", norm));
	assert_string_equal(norm, "PAKN-2612-7KQ3X0");
	assert_true(case_code_norm(" PAKN-2612-7KQ3X9 ", norm));
	assert_string_equal(norm, "PAKN-2612-7KQ3X9");
	assert_true(case_code_norm("kn.2612.ilab12", norm));
	assert_string_equal(norm, "KN-2612-11AB12");
	assert_false(case_code_norm("PAKN-26-7KQ3X9", norm));
	assert_false(case_code_norm("PAKN-2612-7KQ3X", norm));
	assert_false(case_code_norm("PAKN-2612-7KQ3XU", norm)); /* U is not in the alphabet */
	assert_false(case_code_norm("<script>", norm));
	assert_false(case_code_norm("", norm));
}

static void test_rules(void **s)
{
	(void)s;
	const struct case_rules *r = case_rules();
	assert_true(r->n > 20);
	/* the acceptance of a complaint: 10 working days, 7 from 1/7/2026 (Decree 155/2026, reported) */
	const struct case_rule *a = case_rule(r, "complaint", "accept", day(2026, 6, 30));
	assert_non_null(a);
	assert_int_equal(a->n, 10);
	assert_int_equal(a->unit, CDU_WORKING);
	a = case_rule(r, "complaint", "accept", day(2026, 7, 1));
	assert_int_equal(a->n, 7);
	assert_non_null(strstr(a->cite, "155/2026"));
	assert_null(case_rule(r, "board_rec", "accept", day(2026, 7, 1)));
	/* a bad file is refused whole, each problem with its line */
	struct arena ar;
	arena_init(&ar);
	struct import_report rep;
	import_report_init(&rep, &ar);
	struct case_rules bad;
	static const char text[] = "# comment\n"
				   "complaint accept 2011-07-01 10 wd received Điều 27\n"
				   "complaint resolve 2011-13-01 30 d accepted Điều 28\n"
				   "grievance accept 2011-07-01 10 wd received Điều 1\n"
				   "complaint resolve 2011-07-01 30 weeks accepted Điều 28\n"
				   "complaint accept 2011-07-01\n";
	assert_int_equal(case_rules_parse(text, sizeof text - 1, &bad, &rep), APP_EINVAL);
	assert_int_equal(rep.nproblem, 4);
	assert_int_equal(rep.problems[0].line, 3);
	assert_int_equal(rep.problems[1].line, 4);
	assert_int_equal(rep.problems[2].line, 5);
	assert_int_equal(rep.problems[3].line, 6);
	assert_null(bad.v);
	arena_free(&ar);
}

static void test_deadlines(void **s)
{
	(void)s;
	struct cal_table hol;
	cal_seed_holidays(2026, 2028, &hol);
	/* Tết 2027 (the lunar new year on 6/2/2027): a petition received on
	 * Wednesday 3/2 is forwarded within 5 working days, every day of the
	 * holidays skipped */
	int64_t recv = day(2027, 2, 3), due = case_deadline(&hol, "petition", 1, "accept", 0, false, recv, NULL);
	int n = 0;
	for (int64_t d = recv + 1; d <= due; d++)
		n += cal_is_working_day(&hol, d);
	assert_int_equal(n, 5);
	assert_true(cal_is_working_day(&hol, due));
	assert_true(due - recv > 7 + 4); /* a week of Tết and two weekends in between */
	/* a complaint: 30 days, 45 complex; remote 45, 60 (Art. 28); second instance 45/60/60/70 (Art. 37) */
	int64_t acc = day(2026, 12, 2);
	assert_int_equal(case_deadline(&hol, "complaint", 1, "resolve", 0, false, acc, NULL), acc + 30);
	assert_int_equal(case_deadline(&hol, "complaint", 1, "resolve", 1, false, acc, NULL), acc + 45);
	assert_int_equal(case_deadline(&hol, "complaint", 1, "resolve", 0, true, acc, NULL), acc + 45);
	assert_int_equal(case_deadline(&hol, "complaint", 1, "resolve", 1, true, acc, NULL), acc + 60);
	assert_int_equal(case_deadline(&hol, "complaint", 2, "resolve", 0, false, acc, NULL), acc + 45);
	assert_int_equal(case_deadline(&hol, "complaint", 2, "resolve", 1, false, acc, NULL), acc + 60);
	assert_int_equal(case_deadline(&hol, "complaint", 2, "resolve", 0, true, acc, NULL), acc + 60);
	assert_int_equal(case_deadline(&hol, "complaint", 2, "resolve", 1, true, acc, NULL), acc + 70);
	/* board recommendations: 15 days (Law 10/2022 Art. 40(1)(c)) */
	assert_int_equal(case_deadline(&hol, "board_rec", 1, "resolve", 0, false, acc, NULL), acc + 15);
	/* what is left of a clock and its resumption, in its own unit */
	const struct case_rule *r;
	int64_t d2 = case_deadline(&hol, "denunciation", 1, "accept", 0, false, acc, &r);
	assert_int_equal(case_left(&hol, r, acc, d2), 7);
	assert_int_equal(case_resume_due(&hol, r, acc + 20, 7), cal_add_working_days(&hol, acc + 20, 7));
	free(hol.a);
}

/* ---- on a database ---- */

static enum app_err setup_fn(struct dbc *c, void *arg)
{
	struct arena *a = arg;
	struct import_report rep;
	import_report_init(&rep, a);
	static const char units[] = "province_code,province_name,commune_code,commune_name,commune_type\n"
				    "24,Bắc Ninh,07582,Lục Ngạn,xã\n24,Bắc Ninh,07583,Kiên Lao,xã\n";
	struct unit p;
	int64_t uid;
	enum app_err e = units_import_csv(c, units, sizeof units - 1, T_NOW, &rep);
	if (!e)
		e = units_get(a, c, "07582", &p);
	if (!e)
		e = units_create(c, &p, "07582-01", "village", "Thôn Một", T_NOW, NULL);
	if (!e)
		e = holidays_seed(c, 2026, 2028);
	for (int i = 0; !e && i < 4; i++)
		e = auth_user_add(c, (const char *[]){"canbo", "canbo2", "chutich", "dan"}[i], "Người thử", "mat-khau-rat-dai",
				  0, T_NOW, &uid);
	return e;
}

struct fixture {
	char path[64], key[64];
	struct db *db;
	struct dbc *c;
	struct arena a;
	struct unit commune, other, province;
	struct user officer, stranger, chair, resident;
};

static int64_t user_id(struct dbc *c, const char *name)
{
	struct arena a;
	arena_init(&a);
	int64_t id = 0;
	for (int64_t i = 1; i < 10 && !id; i++) {
		struct user *u;
		if (!auth_user_get(&a, c, i, &u) && !strcmp(u->username, name))
			id = i;
	}
	arena_free(&a);
	return id;
}

static void fixture_begin(struct fixture *f, const char *name)
{
	snprintf(f->path, sizeof f->path, "/tmp/coso-unit-%s-%d.db", name, (int)getpid());
	snprintf(f->key, sizeof f->key, "/tmp/coso-unit-%s-%d.key", name, (int)getpid());
	unlink(f->path);
	unlink(f->key);
	case_ident_key_path(f->key);
	char *err = NULL;
	assert_int_equal(db_open(f->path, false, &f->db, &err), APP_OK);
	assert_int_equal(db_migrate(f->db, &err), APP_OK);
	arena_init(&f->a);
	assert_int_equal(db_write(f->db, setup_fn, &f->a), APP_OK);
	assert_int_equal(db_conn(f->db, &f->c), APP_OK);
	assert_int_equal(units_get(&f->a, f->c, "07582", &f->commune), APP_OK);
	assert_int_equal(units_get(&f->a, f->c, "07583", &f->other), APP_OK);
	assert_int_equal(units_get(&f->a, f->c, "24", &f->province), APP_OK);
	const struct unit *cm = &f->commune, *ot = &f->other;
	f->officer = (struct user){.id = user_id(f->c, "canbo"), .full_name = "Cán bộ", .nrole = 1,
				   .roles = {{"commune_officer", cm->id, cm->code, cm->path, cm->title}}};
	f->stranger = (struct user){.id = user_id(f->c, "canbo2"), .full_name = "Cán bộ xã khác", .nrole = 1,
				    .roles = {{"commune_officer", ot->id, ot->code, ot->path, ot->title}}};
	f->chair = (struct user){.id = user_id(f->c, "chutich"), .full_name = "Chủ tịch", .nrole = 1,
				 .roles = {{"commune_chair", cm->id, cm->code, cm->path, cm->title}}};
	f->resident = (struct user){.id = user_id(f->c, "dan"), .full_name = "Người dân", .nrole = 0};
}

static void fixture_end(struct fixture *f)
{
	arena_free(&f->a);
	db_close(f->db);
	unlink(f->path);
	unlink(f->key);
}

static int64_t file(struct fixture *f, const struct user *u, struct case_input *in, int64_t now, struct problems *pr)
{
	int64_t id = 0;
	const char *code;
	enum app_err e = case_submit(f->db, &f->a, u, &f->commune, in, now, &id, &code, NULL, pr);
	return e ? -(int64_t)e : id;
}

static struct fcase get(struct fixture *f, int64_t id)
{
	struct fcase k;
	assert_int_equal(case_get(&f->a, f->c, id, &k), APP_OK);
	return k;
}

static enum app_err act(struct fixture *f, const struct user *u, int64_t id, struct case_act a, int64_t now,
			const char **token)
{
	struct problems pr = {.a = &f->a};
	return case_act(f->db, &f->a, u, id, &a, now, token, &pr);
}

static void test_petition(void **s)
{
	(void)s;
	struct fixture fx;
	fixture_begin(&fx, "petition");
	struct problems pr = {.a = &fx.a};
	/* every problem at once; nothing written */
	struct case_input bad = {.kind = "complaint", .channel = "paper", .category = "ha-tang", .body = "<b>ngắn</b>",
				 .anonymous = true, .lat = "95", .lon = "105", .phone = "123"};
	assert_true(file(&fx, NULL, &bad, T_NOW, &pr) < 0);
	const char *fields[] = {"channel", "body", "anonymous", "name", "address", "phone", "lat", "act_date"};
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		assert_non_null(problems_of(&pr, fields[i]));
	struct fcase *list;
	size_t n;
	int64_t total;
	struct case_filter all = {.path = "/", .kind = -1, .status = -1, .limit = 10};
	assert_int_equal(cases_list(&fx.a, fx.c, &all, &list, &n, &total), APP_OK);
	assert_int_equal(total, 0);
	/* an anonymous petition about a place */
	pr.n = 0;
	struct case_input in = {.kind = "petition", .channel = "web", .category = "ha-tang",
				.body = "Đèn đường ở ngõ 5 hỏng hai tuần nay", .anonymous = true, .name = "bỏ qua",
				.village = "07582-01"};
	int64_t recv_day = cal_today(T_NOW), id = file(&fx, NULL, &in, T_NOW, &pr);
	assert_true(id > 0);
	struct fcase k = get(&fx, id);
	assert_int_equal(k.status, CST_RECEIVED);
	assert_string_equal(k.name, ""); /* anonymous: nothing kept */
	assert_string_equal(k.clock, "accept");
	struct cal_table hol;
	assert_int_equal(holidays_load(fx.c, &hol), APP_OK);
	assert_int_equal(k.due_day, cal_add_working_days(&hol, recv_day, 5));
	/* an officer of another commune may not act on it */
	assert_int_equal(act(&fx, &fx.stranger, id, (struct case_act){.action = CA_ACCEPT}, T_NOW, NULL), APP_EFORBID);
	assert_int_equal(act(&fx, &fx.resident, id, (struct case_act){.action = CA_ACCEPT}, T_NOW, NULL), APP_EFORBID);
	/* a step the status does not allow */
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_RESUME, .note = "tiếp tục"}, T_NOW, NULL),
			 APP_ECONFLICT);
	/* accepted: the answer is due 10 working days from receipt */
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_ACCEPT}, T_NOW + 3600, NULL), APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.status, CST_ACCEPTED);
	assert_int_equal(k.due_day, cal_add_working_days(&hol, recv_day, 10));
	assert_int_equal(k.handler_id, fx.officer.id);
	/* suspension stops the clock; the rest runs from the day of the decision to resume */
	int64_t d1 = cal_today(T_NOW + 2 * DAY), left = cal_working_days_between(&hol, d1, k.due_day);
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_SUSPEND, .note = "chờ giám định"},
			     T_NOW + 2 * DAY, NULL),
			 APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.status, CST_SUSPENDED);
	assert_int_equal(k.due_day, 0);
	assert_int_equal(k.paused_left, left);
	/* resumed on 20 December by a decision dated 18 December: from the 18th */
	char d18[11];
	cal_format_iso(day(2026, 12, 18), d18);
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_RESUME, .note = "có kết quả giám định", .day = d18},
			     at(day(2026, 12, 20)), NULL),
			 APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.status, CST_IN_PROGRESS);
	assert_int_equal(k.due_day, cal_add_working_days(&hol, day(2026, 12, 18), (int)left));
	/* a decision dated after today is refused */
	char future[11];
	cal_format_iso(day(2027, 1, 30), future);
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_SUSPEND, .note = "lý do", .day = future},
			     at(day(2026, 12, 21)), NULL),
			 APP_EINVAL);
	/* resolved on time, with a one-time rating token */
	const char *token = NULL;
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_RESOLVE, .answer = "Đã thay bóng đèn mới."},
			     at(day(2026, 12, 21)), &token),
			 APP_OK);
	assert_non_null(token);
	k = get(&fx, id);
	assert_int_equal(k.status, CST_RESOLVED);
	assert_int_equal(k.on_time, 1);
	assert_string_equal(k.clock, "");
	struct case_rating_input bad_rate = {.token = "khong-dung", .level = "5"};
	pr.n = 0;
	assert_int_equal(case_rate(fx.db, k.code, &bad_rate, at(day(2026, 12, 22)), &pr), APP_EFORBID);
	struct case_rating_input rate = {.token = token, .level = "6"};
	pr.n = 0;
	assert_int_equal(case_rate(fx.db, k.code, &rate, at(day(2026, 12, 22)), &pr), APP_EINVAL);
	rate.level = "4";
	rate.on_time = "1";
	pr.n = 0;
	assert_int_equal(case_rate(fx.db, k.code, &rate, at(day(2026, 12, 22)), &pr), APP_OK);
	pr.n = 0;
	assert_int_equal(case_rate(fx.db, k.code, &rate, at(day(2026, 12, 22)), &pr), APP_EFORBID); /* once */
	k = get(&fx, id);
	assert_int_equal(k.status, CST_RATED);
	assert_int_equal(k.rating, 4);
	/* public events without personal data, and the statistics */
	struct case_event *ev;
	assert_int_equal(case_events(&fx.a, fx.c, id, true, &ev, &n), APP_OK);
	assert_int_equal(n, 6); /* file, accept, suspend, resume, resolve, rate */
	struct case_stats st;
	assert_int_equal(case_stats(fx.c, fx.commune.path, 0, 0, day(2026, 12, 22), &st), APP_OK);
	assert_int_equal(st.total, 1);
	assert_int_equal(st.on_time, 1);
	assert_int_equal(st.rating_n[4], 1);
	free(hol.a);
	fixture_end(&fx);
}

static void test_complaint(void **s)
{
	(void)s;
	struct fixture fx;
	fixture_begin(&fx, "complaint");
	struct problems pr = {.a = &fx.a};
	/* filed 100 days after the decision became known: recorded, flagged (Art. 9) */
	char act_date[11];
	cal_format_iso(cal_today(T_NOW) - 100, act_date);
	struct case_input in = {.kind = "complaint", .channel = "web", .category = "dat-dai", .body = "Khiếu nại quyết định thu hồi đất",
				.name = "Lê Văn C", .address = "Thôn Một, xã Lục Ngạn", .act_date = act_date,
				.location = "Thửa 12"};
	int64_t id = file(&fx, &fx.resident, &in, T_NOW, &pr);
	assert_true(id > 0);
	struct fcase k = get(&fx, id);
	assert_true(k.late_filing);
	assert_int_equal(k.user_id, fx.resident.id);
	/* accepted on 2/12/2026: 30 days; complex: 45 (one extension, never two) */
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_ACCEPT}, T_NOW, NULL), APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.due_day, cal_today(T_NOW) + 30);
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_EXTEND}, T_NOW, NULL), APP_EINVAL); /* no reason */
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_EXTEND, .note = "nhiều người khiếu nại"}, T_NOW, NULL),
			 APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.due_day, cal_today(T_NOW) + 45);
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_EXTEND, .note = "lần nữa"}, T_NOW, NULL), APP_EINVAL);
	/* answered late: counted late */
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_RESOLVE, .answer = "Giữ nguyên quyết định thu hồi."},
			     T_NOW + 50 * DAY, NULL),
			 APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.on_time, 0);
	/* the complainant disagrees: a second instance at the province, the same person */
	assert_int_equal(act(&fx, &fx.stranger, id, (struct case_act){.action = CA_APPEAL, .note = "không đồng ý"}, T_NOW + 51 * DAY, NULL),
			 APP_EFORBID);
	assert_int_equal(act(&fx, &fx.resident, id, (struct case_act){.action = CA_APPEAL, .note = "không đồng ý với kết quả"},
			     T_NOW + 51 * DAY, NULL),
			 APP_OK);
	struct fcase *list;
	size_t n;
	struct case_filter mine = {.path = "/", .kind = -1, .status = -1, .limit = 10, .user_id = fx.resident.id};
	assert_int_equal(cases_list(&fx.a, fx.c, &mine, &list, &n, NULL), APP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].instance, 2);
	assert_int_equal(list[0].parent_id, id);
	assert_string_equal(list[0].unit.code, "24");
	assert_string_equal(list[0].name, "Lê Văn C");
	assert_false(list[0].late_filing); /* within 30 days of the first decision (Art. 33) */
	fixture_end(&fx);
}

static void test_denunciation(void **s)
{
	(void)s;
	struct fixture fx;
	fixture_begin(&fx, "denunciation");
	struct problems pr = {.a = &fx.a};
	struct case_input in = {.kind = "denunciation", .channel = "web", .body = "Cán bộ địa chính nhận tiền khi cấp sổ",
				.name = "Trần Thị Bí Mật", .address = "Thôn Một", .phone = "0987654321",
				.id_number = "012345678901"};
	int64_t id = file(&fx, NULL, &in, T_NOW, &pr);
	assert_true(id > 0);
	struct fcase k = get(&fx, id);
	/* sealed: no plain column holds it, the key opens it */
	assert_true(k.sealed);
	assert_string_equal(k.name, "");
	assert_string_equal(k.phone, "");
	struct db_stmt *st = dbc_stmt(fx.c, STMT_CASE_IDENT_GET);
	db_bind_i64(st, 1, id);
	assert_int_equal(db_row(st), APP_OK);
	const char *sealed = arena_strdup(&fx.a, db_col_text(st, 0));
	db_reset(st);
	assert_null(strstr(sealed, "Bí Mật"));
	struct case_ident who;
	assert_int_equal(case_ident_open(&fx.a, sealed, &who), APP_OK);
	assert_string_equal(who.name, "Trần Thị Bí Mật");
	assert_string_equal(who.id_number, "012345678901");
	/* only the handler and the head may see it */
	assert_false(cases_may_see_ident(&fx.officer, &k)); /* not assigned yet */
	assert_true(cases_may_see_ident(&fx.chair, &k));
	assert_false(cases_may_see_ident(&fx.stranger, &k));
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_TAKE}, T_NOW, NULL), APP_OK);
	k = get(&fx, id);
	assert_true(cases_may_see_ident(&fx.officer, &k));
	/* acceptance: 7 working days, 10 when verification is needed at several places */
	struct cal_table hol;
	assert_int_equal(holidays_load(fx.c, &hol), APP_OK);
	assert_int_equal(k.due_day, cal_add_working_days(&hol, k.received_day, 7));
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_EXTEND, .note = "xác minh nhiều nơi"}, T_NOW, NULL),
			 APP_OK);
	k = get(&fx, id);
	assert_int_equal(k.due_day, cal_add_working_days(&hol, k.received_day, 10));
	/* 30 days from acceptance; very complex: two extensions of 30 days, not three (Art. 30) */
	assert_int_equal(act(&fx, &fx.officer, id, (struct case_act){.action = CA_ACCEPT}, T_NOW + DAY, NULL), APP_OK);
	k = get(&fx, id);
	int64_t base = k.accepted_day + 30;
	assert_int_equal(k.due_day, base);
	struct case_act ext = {.action = CA_EXTEND, .note = "đặc biệt phức tạp", .complexity = "2"};
	assert_int_equal(act(&fx, &fx.officer, id, ext, T_NOW + 2 * DAY, NULL), APP_OK);
	assert_int_equal(act(&fx, &fx.officer, id, ext, T_NOW + 3 * DAY, NULL), APP_OK);
	assert_int_equal(act(&fx, &fx.officer, id, ext, T_NOW + 4 * DAY, NULL), APP_EINVAL);
	k = get(&fx, id);
	assert_int_equal(k.due_day, base + 60);
	assert_int_equal(k.extensions, 2);
	/* a petition filed in the open cannot be turned into a denunciation (its filer's name is not sealed) */
	struct case_input pet = {.kind = "petition", .channel = "web", .body = "Nội dung phản ánh thử", .name = "Nguyễn Văn D"};
	pr.n = 0;
	int64_t pid = file(&fx, NULL, &pet, T_NOW, &pr);
	assert_true(pid > 0);
	assert_int_equal(act(&fx, &fx.officer, pid, (struct case_act){.action = CA_CLASSIFY, .kind = "denunciation"}, T_NOW, NULL),
			 APP_EINVAL);
	/* forwarded to the competent commune: its clocks start from its receipt */
	assert_int_equal(act(&fx, &fx.officer, pid, (struct case_act){.action = CA_FORWARD, .to_unit = "07583", .note = "thuộc xã Kiên Lao"},
			     T_NOW + DAY, NULL),
			 APP_OK);
	struct fcase p = get(&fx, pid);
	assert_string_equal(p.unit.code, "07583");
	assert_int_equal(p.status, CST_RECEIVED);
	assert_int_equal(p.received_day, cal_today(T_NOW + DAY));
	assert_int_equal(p.handler_id, 0);
	assert_int_equal(act(&fx, &fx.officer, pid, (struct case_act){.action = CA_ACCEPT}, T_NOW + DAY, NULL), APP_EFORBID);
	assert_int_equal(act(&fx, &fx.stranger, pid, (struct case_act){.action = CA_ACCEPT}, T_NOW + DAY, NULL), APP_OK);
	free(hol.a);
	fixture_end(&fx);
}

int main(void)
{
	ledger_listen();
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_codes),	 cmocka_unit_test(test_rules),
					   cmocka_unit_test(test_deadlines),	 cmocka_unit_test(test_petition),
					   cmocka_unit_test(test_complaint),	 cmocka_unit_test(test_denunciation)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
