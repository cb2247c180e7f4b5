/*
 * demo.c — demo data for Bắc Ninh (see demo.h). Names are drawn from common
 * Vietnamese family, middle and given names with a fixed seed, so every
 * demo database is the same.
 */
#include "demo.h"
#include "doc/doc.h"
#include "util/problems.h"
#include "auth/auth.h"
#include "db/db.h"
#include "decisions/decisions.h"
#include "disclosure/postings.h"
#include "measures/measures.h"
#include "contests/contests.h"
#include "conventions/conventions.h"
#include "cases/cases.h"
#include "consult/consult.h"
#include "boards/oversight.h"
#include "util/crypto.h"
#include "util/embed.h"
#include "util/cal.h"
#include "events/events.h"
#include "units/units.h"
#include "notify/notify.h"
#include <jansson.h>
#include "util/buf.h"
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t seed = 0x2407210ULL;

static unsigned rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng",
				     "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh",
				     "Trịnh", "Lương", "Tạ", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm"};
static const char *const middle_m[] = {"Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân", "Công", "Thành"};
static const char *const middle_f[] = {"Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng"};
static const char *const given_m[] = {"An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Minh",
				      "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Khánh",
				      "Toàn", "Hiếu", "Đạt", "Trung"};
static const char *const given_f[] = {"Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
				      "Phương", "Tâm", "Thảo", "Trang", "Vân", "Yến", "Huyền", "Loan",
				      "Dung", "Nhung", "Oanh", "Thủy"};
static const char *const village_names[] = {"Đông", "Đoài", "Thượng", "Hạ", "Trung", "Nam", "Bắc",
					    "Tân Lập", "Đình", "Chùa", "Cầu", "An Thái", "Phú Mỹ", "Yên Lã"};

#define PICK(a) (a[rnd(sizeof a / sizeof *a)])

static void person(char *out, size_t n, bool female)
{
	snprintf(out, n, "%s %s %s", PICK(family), female ? PICK(middle_f) : PICK(middle_m),
		 female ? PICK(given_f) : PICK(given_m));
}

/* Inserts a unit below parent, recorded as a public act (so the demo's
 * transparency ledger is not empty). */
static enum app_err add_unit(struct dbc *c, const struct unit *parent, const char *code, const char *kind,
			     const char *name, int64_t now, int64_t *id)
{
	int64_t uid;
	enum app_err e = units_create(c, parent, code, kind, name, now, &uid);
	if (e)
		return e;
	if (id)
		*id = uid;
	struct event ev = {.at = now, .unit = uid, .kind = "unit.create", .about = "unit", .about_code = code, .public = true};
	return events_add(c, &ev, NULL);
}

static enum app_err add_household(struct dbc *c, int64_t vid, int k, const char *vname, int64_t now)
{
	char code[16], head[96], rep[96], addr[160], phone[16];
	snprintf(code, sizeof code, "H%04d", k);
	bool female_head = rnd(4) == 0;
	person(head, sizeof head, female_head);
	snprintf(addr, sizeof addr, "Số %d, xóm %d, %s", 1 + rnd(200), 1 + rnd(6), vname);
	struct db_stmt *s = dbc_stmt(c, STMT_HH_INSERT);
	db_bind_i64(s, 1, vid);
	db_bind_text(s, 2, code);
	db_bind_text(s, 3, head);
	db_bind_text(s, 4, addr);
	int64_t members = 1 + rnd(7);
	db_bind_i64(s, 5, members);
	db_bind_i64(s, 6, now);
	bool row;
	enum app_err e = db_step(s, &row);
	int64_t hid = row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_UNIT_ADD_HOUSEHOLD);
	db_bind_i64(s, 1, vid);
	db_bind_i64(s, 2, members);
	if ((e = db_exec(s)))
		return e;
	bool same = rnd(5) != 0;
	if (!same)
		person(rep, sizeof rep, !female_head);
	snprintf(phone, sizeof phone, "09%08u", rnd(100000000));
	for (int i = 0; i < (same ? 1 : 2); i++) {
		const char *name = i ? rep : head;
		bool is_rep = same || i == 1;
		char *fold = str_fold(name);
		s = dbc_stmt(c, STMT_RESIDENT_INSERT);
		db_bind_i64(s, 1, hid);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, fold);
		db_bind_i64(s, 4, 1940 + rnd(65));
		db_bind_i64(s, 5, is_rep);
		db_bind_text(s, 6, is_rep && rnd(3) ? phone : NULL);
		free(fold);
		if ((e = db_exec(s)))
			return e;
	}
	return APP_OK;
}

struct account {
	const char *role;     /* role code */
	const char *unit;     /* unit code, NULL = country */
	const char *username; /* login */
	const char *name;     /* display name */
};

static enum app_err add_account(struct dbc *c, const struct account *a, int64_t now)
{
	int64_t uid, unit_id = 0;
	enum app_err e = auth_user_add(c, a->username, a->name, DEMO_PASSWORD, 0, now, &uid);
	if (e)
		return e;
	if (a->unit) {
		struct arena ar;
		arena_init(&ar);
		struct unit u;
		e = units_get(&ar, c, a->unit, &u);
		unit_id = u.id;
		arena_free(&ar);
		if (e)
			return e;
	}
	if ((e = auth_role_grant(c, uid, a->role, unit_id)))
		return e;
	printf("  %-28s %-16s %s\n", a->username, a->role, a->unit ? a->unit : "(cả nước)");
	return APP_OK;
}

enum app_err demo_fill(struct dbc *c, int64_t now)
{
	struct arena a;
	arena_init(&a);
	struct unit prov, *communes;
	size_t ncomm;
	enum app_err e = units_get(&a, c, "24", &prov);
	if (!e)
		e = units_children(&a, c, prov.id, &communes, &ncomm);
	int64_t nhh = 0, nvil = 0;
	for (size_t i = 0; i < ncomm && !e; i++) {
		struct unit *cm = &communes[i];
		if (!units_kind_is_commune_level(cm->kind))
			continue;
		bool urban = !strcmp(cm->kind, "ward");
		int nv = 4 + (int)rnd(5);
		for (int v = 1; v <= nv && !e; v++) {
			char code[24], name[96];
			snprintf(code, sizeof code, "%s-%02d", cm->code, v);
			if (urban)
				snprintf(name, sizeof name, "Tổ dân phố số %d", v);
			else
				snprintf(name, sizeof name, "Thôn %s", village_names[(v - 1 + i) % 14]);
			int64_t vid;
			e = add_unit(c, cm, code, urban ? "residential_group" : "village", name, now, &vid);
			nvil++;
			int nh = 60 + (int)rnd(191);
			for (int k = 1; k <= nh && !e; k++, nhh++)
				e = add_household(c, vid, k, name, now);
		}
	}
	/* agencies, a school and employers */
	static const struct {
		const char *parent, *code, *kind, *name;
	} orgs[] = {
		{"24", "24-SNV", "agency", "Sở Nội vụ tỉnh Bắc Ninh"},
		{"24", "24-STP", "agency", "Sở Tư pháp tỉnh Bắc Ninh"},
		{"24", "24-BVDK", "public_unit", "Bệnh viện Đa khoa tỉnh Bắc Ninh"},
		{"24", "24-DN01", "employer", "Công ty Cổ phần Đầu tư Kinh Bắc"},
		{"09187", "09187-UB", "agency", "Văn phòng HĐND và UBND phường Kinh Bắc"},
		{"09187", "09187-TH", "public_unit", "Trường Tiểu học Kinh Bắc"},
		{"09187", "09187-DN", "employer", "Công ty TNHH May mặc Kinh Bắc"},
		{"07582", "07582-UB", "agency", "Văn phòng HĐND và UBND xã Lục Ngạn"},
		{"07582", "07582-TH", "public_unit", "Trường THCS Lục Ngạn"},
		{"07582", "07582-DN", "employer", "Hợp tác xã Vải thiều Lục Ngạn"},
	};
	for (size_t i = 0; i < sizeof orgs / sizeof *orgs && !e; i++) {
		struct unit p;
		e = units_get(&a, c, orgs[i].parent, &p);
		if (!e)
			e = add_unit(c, &p, orgs[i].code, orgs[i].kind, orgs[i].name, now, NULL);
	}
	if (e) {
		arena_free(&a);
		return e;
	}
	printf("Demo: Bắc Ninh, %lld thôn/tổ dân phố, %lld hộ gia đình.\n", (long long)nvil, (long long)nhh);
	printf("Tài khoản demo (mật khẩu: %s):\n", DEMO_PASSWORD);
	static const struct account accts[] = {
		{"sysadmin", NULL, "sysadmin", "Quản trị hệ thống"},
		{"province_admin", "24", "admin.bacninh", "Quản trị tỉnh Bắc Ninh"},
		{"supervisor", "24", "giamsat.bacninh", "Đại biểu HĐND tỉnh"},
		{"commune_chair", "09187", "chutich.kinhbac", "Trần Văn Hùng"},
		{"commune_officer", "09187", "canbo.kinhbac", "Nguyễn Thị Lan"},
		{"front_officer", "09187", "mattran.kinhbac", "Lê Văn Minh"},
		{"board_member", "09187", "thanhtra.kinhbac", "Phạm Thị Hoa"},
		{"supervisor", "09187", "giamsat.kinhbac", "Hoàng Văn Nam"},
		{"village_head", "09187-01", "totruong.kinhbac", "Đỗ Văn Sơn"},
		{"front_committee_head", "09187-01", "mattran.to1.kinhbac", "Phan Thị Thu"},
		{"resident", "09187-01", "dan.kinhbac", "Vũ Thị Mai"},
		{"agency_head", "09187-UB", "thutruong.kinhbac", "Bùi Văn Long"},
		{"union_officer", "09187-DN", "congdoan.kinhbac", "Đặng Thị Hạnh"},
		{"commune_chair", "07582", "chutich.lucngan", "Ngô Văn Dũng"},
		{"commune_officer", "07582", "canbo.lucngan", "Dương Thị Hương"},
		{"front_officer", "07582", "mattran.lucngan", "Lý Văn Quân"},
		{"board_member", "07582", "thanhtra.lucngan", "Đào Thị Nga"},
		{"supervisor", "07582", "giamsat.lucngan", "Đinh Văn Tuấn"},
		{"village_head", "07582-01", "truongthon.lucngan", "Trịnh Văn Thắng"},
		{"front_committee_head", "07582-01", "mattran.thon1.lucngan", "Chu Văn Hải"},
		{"resident", "07582-01", "dan.lucngan", "Lương Thị Yến"},
		{"agency_head", "07582-UB", "thutruong.lucngan", "Tạ Văn Phong"},
		{"union_officer", "07582-DN", "congdoan.lucngan", "Hồ Thị Trang"},
	};
	for (size_t i = 0; i < sizeof accts / sizeof *accts && !e; i++)
		e = add_account(c, &accts[i], now);
	if (!e) {
		struct event ev = {.unit = prov.id, .kind = "demo.create", .subject = "unit:24", .public = true};
		e = events_add(c, &ev, NULL);
	}
	arena_free(&a);
	return e;
}

/* ---- demo disclosure postings ---- */

struct demo_posting {
	const char *unit, *author;
	int item;
	int decided, published;  /* days before today; published -1 = a draft */
	int period;              /* days, -1 = the item's minimum */
	const char *short_reason;
	const char *forms, *radio; /* radio: offsets of broadcast days from publication, e.g. "0,1,2" */
	bool is_public;
	const char *title, *summary, *body;
	const char *correction;  /* a correction's note, or NULL */
	const char *withdrawal;  /* a withdrawal's reason, or NULL */
};

static const struct demo_posting demo_posts[] = {
	{"09187", "canbo.kinhbac", 4, 400, 398, 0, NULL, "posting;portal", NULL, true,
	 "Quy chế thực hiện dân chủ ở phường Kinh Bắc",
	 "Quy chế ban hành kèm theo Quyết định số 15/QĐ-UBND; niêm yết thường xuyên tại trụ sở UBND phường.",
	 "## Phạm vi\n\nQuy chế quy định việc thực hiện dân chủ của Nhân dân trên địa bàn phường.\n\n"
	 "- Những nội dung công khai\n- Những nội dung Nhân dân bàn và quyết định\n- Những nội dung Nhân dân tham gia ý kiến\n",
	 NULL, NULL},
	{"09187", "canbo.kinhbac", 2, 40, 38, -1, NULL, "posting;portal;village_head", NULL, true,
	 "Dự toán ngân sách phường Kinh Bắc năm 2027",
	 "Dự toán thu, chi ngân sách phường đã được HĐND phường thông qua.",
	 "Tổng thu ngân sách: **12.450 triệu đồng**. Tổng chi: **12.450 triệu đồng**, trong đó chi đầu tư phát triển 3.200 triệu đồng.\n",
	 "Sửa số liệu chi thường xuyên theo Nghị quyết điều chỉnh của HĐND phường (chi thường xuyên 9.250 triệu đồng).", NULL},
	{"09187", "canbo.kinhbac", 7, 25, 14, -1, NULL, "posting;portal;radio", "0,1", true,
	 "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ học phí năm học 2026-2027",
	 "Danh sách 37 hộ được xét hỗ trợ học phí cho học sinh.",
	 "Danh sách được lập theo kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm. Ý kiến phản hồi gửi về bộ phận một cửa phường.\n",
	 NULL, NULL},
	{"09187", "canbo.kinhbac", 3, 12, 10, -1, NULL, "posting;portal;village_head", NULL, true,
	 "Kế hoạch giải phóng mặt bằng mở rộng đường Kinh Dương Vương",
	 "Phương án bồi thường, hỗ trợ cho 24 hộ có đất bị thu hồi.",
	 "Thời gian tiếp nhận ý kiến: 20 ngày kể từ ngày niêm yết.\n", NULL, NULL},
	{"09187", "canbo.kinhbac", 5, 30, 28, 10, "Quỹ đã quyết toán xong, niêm yết rút ngắn theo chỉ đạo của UBND phường",
	 "posting;portal", NULL, true, "Kết quả vận động Quỹ Vì người nghèo năm 2026",
	 "Tổng số tiền vận động được và danh sách hộ được hỗ trợ.", "Tổng số tiền vận động: 186.500.000 đồng.\n", NULL, NULL},
	{"09187", "canbo.kinhbac", 3, 60, 58, -1, NULL, "posting;portal", NULL, true,
	 "Quy hoạch chi tiết khu dân cư Đồng Sau",
	 "Bản vẽ quy hoạch chi tiết tỷ lệ 1/500.", "Xem bản vẽ tại trụ sở UBND phường.\n", NULL,
	 "Đăng nhầm bản vẽ chưa được phê duyệt; sẽ công khai lại khi có quyết định phê duyệt."},
	{"09187", "canbo.kinhbac", 1, 30, -1, -1, NULL, "posting;portal", NULL, true,
	 "Kết quả thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng năm 2026",
	 "Báo cáo của UBND phường.", "Bản nháp báo cáo.\n", NULL, NULL},
	{"09187-UB", "thutruong.kinhbac", 1, 20, 19, -1, NULL, "intranet;conference", NULL, false,
	 "Kế hoạch công tác năm 2027 của Văn phòng HĐND và UBND phường",
	 "Công khai trong nội bộ cơ quan.", "Kế hoạch gồm 12 nhiệm vụ trọng tâm.\n", NULL, NULL},
	{"07582", "canbo.lucngan", 4, 500, 495, 0, NULL, "posting;portal", NULL, true,
	 "Quy chế thực hiện dân chủ ở xã Lục Ngạn", "Niêm yết thường xuyên tại trụ sở UBND xã và nhà văn hóa các thôn.",
	 "Quy chế gồm 5 chương, 28 điều.\n", NULL, NULL},
	{"07582", "canbo.lucngan", 13, 300, 299, 0, NULL, "posting;portal", NULL, true,
	 "Thủ tục hành chính giải quyết tại UBND xã Lục Ngạn", "Danh mục 142 thủ tục hành chính.",
	 "Danh mục niêm yết tại bộ phận một cửa.\n", NULL, NULL},
	{"07582", "canbo.lucngan", 7, 18, 16, -1, NULL, "posting;portal;radio;village_head", "0,1,2", true,
	 "Đối tượng được hỗ trợ giống cây vải thiều chín sớm năm 2027",
	 "Danh sách 58 hộ trồng vải được hỗ trợ giống.", "Mỗi hộ được hỗ trợ tối đa 50 cây giống.\n", NULL, NULL},
	{"07582", "canbo.lucngan", 2, 45, 35, -1, NULL, "posting;portal", NULL, true,
	 "Quyết toán ngân sách xã Lục Ngạn năm 2025", "Quyết toán thu, chi ngân sách đã được HĐND xã phê chuẩn.",
	 "Tổng thu: 18.020 triệu đồng; tổng chi: 17.650 triệu đồng.\n", NULL, NULL},
	{"07210", "admin.bacninh", 4, 300, 296, 0, NULL, "posting;portal", NULL, true,
	 "Quy chế thực hiện dân chủ ở phường Bắc Giang", "Niêm yết thường xuyên tại trụ sở UBND phường.",
	 "Quy chế gồm 6 chương, 31 điều.\n", NULL, NULL},
	{"07210", "admin.bacninh", 3, 20, 18, -1, NULL, "posting;portal;village_head", NULL, true,
	 "Phương án bồi thường, hỗ trợ, tái định cư dự án đường vành đai 4",
	 "Phương án cho 112 hộ có đất bị thu hồi.", "Lịch tiếp công dân: sáng thứ Ba và thứ Năm hằng tuần.\n", NULL, NULL},
	{"07246", "admin.bacninh", 5, 9, 8, -1, NULL, "posting;portal;village_head", NULL, true,
	 "Mức đóng góp xây dựng đường giao thông nông thôn thôn Đông năm 2027",
	 "Mức đóng góp do hội nghị thôn quyết định.", "Mỗi hộ đóng góp 500.000 đồng; hộ nghèo được miễn.\n", NULL, NULL},
	{"07582", "canbo.lucngan", 6, 15, -1, -1, NULL, "posting;portal", NULL, true,
	 "Chủ trương đầu tư xây dựng nhà văn hóa thôn Đông", "Chủ trương đầu tư, dự kiến huy động đóng góp của Nhân dân.",
	 "Bản nháp.\n", NULL, NULL},
};

enum app_err demo_disclosures(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_COUNT);
	bool row;
	int64_t count = 0;
	if (!(e = db_step(s, &row)) && row)
		count = db_col_i64(s, 0);
	db_reset(s);
	if (e || count)
		return e;
	int64_t today = cal_today(now);
	struct arena a;
	arena_init(&a);
	size_t n = 0;
	for (size_t i = 0; i < sizeof demo_posts / sizeof *demo_posts && !e; i++) {
		const struct demo_posting *d = &demo_posts[i];
		struct unit u;
		if ((e = units_get(&a, c, d->unit, &u)))
			break;
		int64_t actor = auth_user_id(c, d->author);
		char decided[11], radio[64] = "";
		cal_format_iso(today - d->decided, decided);
		for (const char *p = d->radio; p && *p;) {
			char day[11];
			cal_format_iso(today - d->published + strtol(p, NULL, 10), day);
			snprintf(radio + strlen(radio), sizeof radio - strlen(radio), "%s%s", *radio ? ";" : "", day);
			p = strchr(p, ',');
			p = p ? p + 1 : NULL;
		}
		struct posting_input in = {.title = d->title, .summary = d->summary, .body = d->body,
					   .decision_date = decided, .decision_ref = "Quyết định của UBND",
					   .item_number = d->item, .forms = d->forms, .location = "Trụ sở UBND, bảng tin",
					   .radio_dates = radio, .period_days = d->period, .short_reason = d->short_reason,
					   .is_public = d->is_public};
		struct ditem item;
		struct posting_problem pr[POSTING_MAX_PROBLEMS];
		size_t np = posting_validate(&a, c, &u, &in, today, false, &item, pr);
		if (np) {
			fprintf(stderr, "demo posting %zu: %s: %s\n", i, pr[0].field, pr[0].reason);
			e = APP_EINVAL;
			break;
		}
		int64_t id = 0;
		/* each act at noon (UTC+7) of its day, never later than now */
		int64_t noon = d->published >= 0 ? (today - d->published) * 86400 + 5 * 3600 : now;
		noon = noon < now ? noon : now;
		e = posting_save_draft(db, &u, &item, &in, actor, 0, noon, &id);
		if (!e && d->published >= 0)
			e = posting_publish(db, id, actor, 0, noon);
		if (!e && d->correction) {
			struct posting_input cin = in;
			cin.title = d->title;
			cin.body = "Tổng thu ngân sách: **12.450 triệu đồng**. Tổng chi: **12.450 triệu đồng**, trong đó chi "
				   "đầu tư phát triển 3.200 triệu đồng, chi thường xuyên 9.250 triệu đồng.\n";
			cin.change_note = d->correction;
			cin.keep_files = true;
			e = posting_correct(db, id, &cin, actor, 0, noon + 86400 < now ? noon + 86400 : now);
		}
		if (!e && d->withdrawal)
			e = posting_withdraw(db, id, d->withdrawal, actor, 0, noon + 5 * 86400 < now ? noon + 5 * 86400 : now);
		n++;
	}
	arena_free(&a);
	if (!e)
		printf("Demo: %zu tin công khai ở 4 xã, phường (có đính chính, gỡ bỏ, công khai muộn, bản nháp quá hạn).\n", n);
	return e;
}

/* ---- demo matters ---- */

struct demo_votes {
	int64_t matter, village;
	const char *code; /* the village's */
	int prepoll_yes_pct, for_pct, against_pct, abstain_pct; /* of all households */
	int64_t prepoll_at, vote_at; /* when the households voted in each step */
};

struct rep_job {
	int64_t village;
	int nth;
	const char *username, *name;
	int64_t user, now;
};

/* The resident who represents the village's nth household (0: the first). */
static enum app_err representative(struct dbc *c, int64_t village, int nth, int64_t *rid)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DEMO_REPRESENTATIVE);
	db_bind_i64(s, 1, village);
	db_bind_i64(s, 2, nth);
	enum app_err e;
	*rid = db_one_i64(s, 0, &e);
	return e ? e : *rid ? APP_OK : APP_ENOTFOUND;
}

/* An account for the representative of the village's nth household, with no
 * password yet (auth_user_add_unset), made once. */
static enum app_err rep_account_fn(struct dbc *c, void *arg)
{
	struct rep_job *j = arg;
	if ((j->user = auth_user_id(c, j->username)))
		return APP_OK;
	int64_t rid;
	enum app_err e = representative(c, j->village, j->nth, &rid);
	if (!e && !(e = auth_user_add_unset(c, j->username, j->name, rid, j->now, &j->user)))
		e = auth_role_grant(c, j->user, "resident", j->village);
	return e;
}

/* The households vote, each through its representative's account and the
 * same ballot box as on the site (ballot_prepare, ballot_write), at the
 * instants of the demo's story. */
static enum app_err demo_votes(struct db *db, struct arena *a, struct dbc *c, const struct demo_votes *d, int64_t now)
{
	struct household *hh;
	size_t n;
	enum app_err e = households_list(a, c, d->village, NULL, 1000, 0, &hh, &n);
	struct problems pr = {.a = a};
	int64_t *users = arena_alloc(a, (n + 1) * sizeof *users);
	for (size_t i = 1; i < n && !e; i++) { /* household 0 is the demo resident's own */
		struct rep_job rj = {d->village, (int)i, arena_printf(a, "ho.%s.%s", d->code, hh[i].code), hh[i].rep && *hh[i].rep ? hh[i].rep : hh[i].head,
				     0, now};
		for (char *p = (char *)rj.username; *p; p++)
			*p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		e = db_write(db, rep_account_fn, &rj);
		users[i] = rj.user;
	}
	/* step 1 for every household, then the vote */
	for (int stage = 0; stage < 2 && !e; stage++)
		for (size_t i = 1; i < n && !e; i++) {
			int pct = (int)(i * 100 / n);
			const char *choice = stage == 0 ? (pct < d->prepoll_yes_pct ? "for" : "against")
				: pct < d->for_pct ? "for"
				: pct < d->for_pct + d->against_pct ? "against"
				: pct < d->for_pct + d->against_pct + d->abstain_pct ? "abstain" : NULL;
			if (!choice)
				continue;
			struct ballot_job j;
			if (!(e = ballot_prepare(&j, d->matter, users[i], choice, NULL, NULL, stage ? d->vote_at : d->prepoll_at, &pr)))
				e = db_write(db, ballot_write, &j);
		}
	for (size_t i = 0; i < pr.n; i++)
		fprintf(stderr, "demo: %s\n", pr.v[i].message);
	return e;
}

struct link_job {
	int64_t user, village;
	int nth; /* the village's nth household (0: the first) */
};

static enum app_err link_fn(struct dbc *c, void *arg)
{
	struct link_job *j = arg;
	int64_t rid;
	enum app_err e = representative(c, j->village, j->nth, &rid);
	if (e)
		return e;
	return db_run(c, STMT_USER_SET_RESIDENT, "ii", (int64_t)j->user, (int64_t)rid);
}

/* A meeting that took place at starts: 80% of the households present, the
 * secretary and the count board adopted, 70% of all households for, the
 * minutes signed in all four slots, recognised by the commune chair. */
static enum app_err demo_held_meeting(struct db *db, struct arena *a, struct dbc *c, int64_t id, int64_t village,
				      int64_t starts, int64_t head, int64_t now)
{
	struct household *hh;
	size_t n = 0;
	enum app_err e = households_list(a, c, village, NULL, 1000, 0, &hh, &n);
	int64_t at = starts + 600; /* the acts at the meeting, ten minutes in */
	/* the same acts as the people do, through the same functions, as them */
	struct problems pr = {.a = a};
	struct user *hu = NULL;
	if (!e)
		e = auth_user_get(a, c, head, &hu);
	size_t present = n * 8 / 10;
	for (size_t i = 0; i < present && !e; i++)
		e = meeting_attend(db, id, hh[i].id, 1, true, hu, at, &pr);
	bool passed;
	if (!e)
		e = meeting_procedure(db, id, 1, "secretary", "Phạm Thị Thư", (int64_t)present - 1, hu, at, &passed, &pr);
	if (!e)
		e = meeting_procedure(db, id, 1, "count_board", "Nguyễn Văn An; Lê Thị Bình; Trần Văn Chính", (int64_t)present,
				      hu, at, &passed, &pr);
	int64_t yes = (int64_t)(n * 7 / 10);
	if (!e)
		e = meeting_count(db, id, 1, yes, (int64_t)present - yes, 0, hu, at + 3600, &pr);
	/* the minutes signed by the head, the Front and two representatives (Art. 20) */
	static const char *const signers[4] = {"totruong.kinhbac", "mattran.kinhbac", "dan.kinhbac", "thanhtra.kinhbac"};
	for (int i = 0; i < 4 && !e; i++) {
		struct user *su;
		if (!(e = auth_user_get(a, c, auth_user_id(c, signers[i]), &su)))
			e = matter_sign(db, id, su, at + 7200 + i * 3600, &pr);
	}
	struct user *chair = NULL;
	if (!e)
		e = auth_user_get(a, c, auth_user_id(c, "chutich.kinhbac"), &chair);
	if (!e)
		e = matter_act(db, id, "recognised", "", chair, now, &pr);
	for (size_t i = 0; i < pr.n; i++)
		fprintf(stderr, "demo: %s\n", pr.v[i].message);
	return e;
}

enum app_err demo_matters(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct matter *existing;
	size_t nex;
	struct unit kb, ln;
	if ((e = units_get(&a, c, "09187-01", &kb)) || (e = units_get(&a, c, "07582-01", &ln)) ||
	    (e = matter_list(&a, c, "/", 1, &existing, &nex)) || nex) {
		arena_free(&a);
		return e;
	}
	int64_t day = 86400;
	/* meetings at the hour people meet: 19:30 local on a day from today */
	int64_t today = cal_today((time_t)now);
#define LOCAL_AT(days, hh, mm) (((today) + (days)) * 86400 - CAL_TZ_OFFSET + (hh) * 3600 + (mm) * 60)
	int64_t head_kb = auth_user_id(c, "totruong.kinhbac"), head_ln = auth_user_id(c, "truongthon.lucngan");
	/* the representatives who vote and sign in the demo; the board member
	 * represents the group's second household (and signs the minutes) */
	struct link_job l1 = {auth_user_id(c, "dan.kinhbac"), kb.id, 0}, l2 = {auth_user_id(c, "dan.lucngan"), ln.id, 0},
			l3 = {auth_user_id(c, "thanhtra.kinhbac"), kb.id, 1};
	if (!(e = db_write(db, link_fn, &l1)) && !(e = db_write(db, link_fn, &l2)))
		e = db_write(db, link_fn, &l3);
	struct matter_input pre = {6, "online", "Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1",
				   "Mỗi hộ đóng góp **200.000 đồng**; phường hỗ trợ cột và dây điện.\n",
				   true, true, true, now + 2 * day, now + 5 * day, 0, NULL, 1, NULL, 0, NULL, 0};
	struct matter_input done = {6, "online", "Giờ mở cửa nhà văn hóa tổ dân phố vào cuối tuần",
				    "Mở cửa từ 7 giờ đến 21 giờ thứ Bảy và Chủ nhật.\n", true, false, true,
				    now - 8 * day, now - 5 * day, 0, NULL, 1, NULL, 0, NULL, 0};
	struct matter_input open = {6, "online", "Tổ chức ngày hội vải thiều của thôn năm 2027",
				    "Thời gian dự kiến: tháng 6/2027, tại sân nhà văn hóa thôn.\n", false, true, true,
				    now - 1 * day, now + 3 * day, 0, NULL, 1, NULL, 0, NULL, 0};
	int64_t id1 = 0, id2 = 0, id3 = 0;
	/* put by the village heads, through the same checks as theirs, at the
	 * instants they were put (time is a parameter) */
	struct problems pr = {.a = &a};
	struct user *hkb = NULL, *hln = NULL;
	if (!e)
		e = auth_user_get(&a, c, head_kb, &hkb);
	if (!e)
		e = auth_user_get(&a, c, head_ln, &hln);
	if (!e)
		e = matter_create(db, c, &kb, &pre, hkb, now, &id1, &pr);
	if (!e)
		e = matter_create(db, c, &kb, &done, hkb, now - 10 * day, &id2, &pr);
	if (!e)
		e = matter_create(db, c, &ln, &open, hln, now - 3 * day, &id3, &pr);
	/* a meeting on the village convention (item 3: a meeting only), in 3 days */
	struct matter_input conv = {3, "meeting", "Sửa đổi hương ước thôn: giữ gìn vệ sinh đường làng",
				    "Dự thảo hương ước sửa đổi gửi tới các hộ cùng giấy mời.\n", false, false, true,
				    0, 0, LOCAL_AT(3, 19, 30), "Nhà văn hóa thôn", 1, "hands", 0, NULL, 0};
	int64_t id4 = 0;
	if (!e)
		e = matter_create(db, c, &ln, &conv, hln, now, &id4, &pr);
	/* done: step 1 from 10 to 8 days ago, the vote until 5 days ago; open:
	 * step 1 from 3 days to a day ago, the vote until 3 days from now */
	struct demo_votes v2 = {id2, kb.id, kb.code, 62, 71, 12, 6, now - 9 * day, now - 6 * day};
	struct demo_votes v3 = {id3, ln.id, ln.code, 58, 30, 8, 4, now - 2 * day, now};
	if (!e)
		e = demo_votes(db, &a, c, &v2, now);
	if (!e)
		e = demo_votes(db, &a, c, &v3, now);
	/* a meeting held 3 days ago on the group's convention: attendance, the
	 * procedural votes, the count, the minutes signed by all four, recognised
	 * by the ward (Art. 20, 21(2)) */
	struct matter_input held = {3, "meeting", "Hương ước tổ dân phố số 1: giữ gìn trật tự, vệ sinh ngõ xóm",
				    "Bổ sung quy định về giờ giữ trật tự và thu gom rác theo giờ.\n", false, false, true,
				    0, 0, LOCAL_AT(-3, 19, 30), "Nhà văn hóa tổ dân phố số 1", 1, "hands", 0, NULL, 0};
	int64_t id5 = 0;
	if (!e)
		e = matter_create(db, c, &kb, &held, hkb, now - 6 * day, &id5, &pr);
	if (!e)
		e = demo_held_meeting(db, &a, c, id5, kb.id, LOCAL_AT(-3, 19, 30), head_kb, now);
	/* a village head election in Lục Ngạn, 25 days ahead: the plan, the team and the notice done */
	int64_t id6 = 0;
	struct user *chair_ln = NULL;
	if (!e)
		e = auth_user_get(&a, c, auth_user_id(c, "chutich.lucngan"), &chair_ln);
	if (!e)
		e = election_create(db, &ln, "village_head", LOCAL_AT(25, 8, 0), "Nhà văn hóa thôn", "secret", chair_ln, now, &id6, &pr);
	if (!e)
		e = election_step(db, id6, "team", "Nguyễn Văn Tổ (Ban công tác Mặt trận)\nTrần Thị Bầu\nLê Văn Cử", false,
				  chair_ln, now, &pr);
	if (!e)
		e = election_step(db, id6, "notice", "", false, chair_ln, now, &pr);
	/* a meeting under way in each demo commune, for a newcomer to try today:
	 * called three days ago, started at the top of this hour, attendance open */
	int64_t hour = now - (now % 3600);
	struct matter_input live_kb = {6, "meeting", "Đổi lịch thu gom rác sinh hoạt của tổ dân phố",
				       "Đề xuất thu gom rác vào 18 giờ các ngày thứ Hai, thứ Tư, thứ Sáu.\n", false, false, true,
				       0, 0, hour, "Nhà văn hóa tổ dân phố số 1", 1, "hands", 0, NULL, 0};
	struct matter_input live_ln = {6, "meeting", "Làm đường bê tông ngõ xóm đội 3",
				       "Mỗi hộ góp 2 ngày công; xã hỗ trợ xi măng.\n", false, false, true,
				       0, 0, hour, "Nhà văn hóa thôn", 1, "hands", 0, NULL, 0};
	int64_t id7 = 0, id8 = 0;
	if (!e)
		e = matter_create(db, c, &kb, &live_kb, hkb, now - 3 * day, &id7, &pr);
	if (!e)
		e = matter_create(db, c, &ln, &live_ln, hln, now - 3 * day, &id8, &pr);
	for (size_t i = 0; i < pr.n; i++)
		fprintf(stderr, "demo: %s\n", pr.v[i].message);
	arena_free(&a);
	if (!e)
		printf("Demo: 3 nội dung biểu quyết trực tuyến (đang hỏi ý kiến bước 1, đang biểu quyết, đã kết thúc), 2 cuộc họp đang diễn ra"
		       " (mỗi xã một cuộc), 1 cuộc họp sắp tới, 1 cuộc họp đã biểu quyết và được công nhận, 1 cuộc bầu trưởng thôn"
		       " đang chuẩn bị.\n");
#undef LOCAL_AT
	return e;
}

enum app_err demo_signing_keys(struct db *db)
{
	char ca[1100];
	snprintf(ca, sizeof ca, "%s/ca.pem", doc_keys_dir());
	if (access(ca, R_OK) == 0)
		return APP_OK;
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	static const char *const codes[] = {"09187", "07582", "09187-01"};
	const char *names[3];
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < 3 && !e; i++) {
		struct unit u;
		if (!(e = units_get(&a, c, codes[i], &u)))
			names[i] = units_kind_is_commune_level(u.kind) ? arena_printf(&a, "Ủy ban nhân dân %s", u.title) : u.title;
	}
	if (!e)
		e = doc_demo_keys(codes, names, 3);
	if (!e)
		printf("Demo signing keys in %s (its own certificate authority, for trying only).\n", doc_keys_dir());
	arena_free(&a);
	return e;
}

/* ---- the resolution's measures (issue #12) ---- */

/* A spread over the province's communes, told as the province administrator
 * records it: most communes issued their democracy regulation, about two in
 * three their council's resolution on measures, three in four held outreach
 * this year; a provincial course trained the demo officers of Kinh Bắc, only
 * some of Lục Ngạn's. So the dashboard shows communes clearly behind. */
enum app_err demo_measures(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct unit prov, *cs;
	size_t ncs;
	struct user *admin;
	struct course *existing;
	size_t nex;
	if ((e = units_get(&a, c, "24", &prov)) || (e = courses_under(&a, c, &prov, &existing, &nex)) || nex ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "admin.bacninh"), &admin)) ||
	    (e = units_children(&a, c, prov.id, &cs, &ncs))) {
		arena_free(&a);
		return e;
	}
	int64_t today = cal_today((time_t)now);
	int y, m, d;
	cal_civil_from_days(today, &y, &m, &d);
	int64_t jan1 = cal_days_from_civil(y, 1, 1), span = today - jan1; /* days of this year so far */
	char day[11];
	size_t nreg = 0, nres = 0, nout = 0, nbud = 0;
	static const char *const kinds[] = {"conference", "broadcast", "poster", "online", "meeting"};
	for (size_t i = 0; i < ncs && !e; i++) {
		const struct unit *u = &cs[i];
		if (!units_kind_is_commune_level(u->kind))
			continue;
		struct problems pr = {.a = &a};
		if (i % 10 < 7) {
			cal_format_iso(today - 400 - (int64_t)(i * 7 % 300), day);
			struct regulation_input in = {"regulation", arena_printf(&a, "%02zu/QĐ-UBND", i % 40 + 1),
						      arena_printf(&a, "Quy chế thực hiện dân chủ ở cơ sở của %s", u->title), day};
			e = regulation_create(db, admin, u, &in, now, NULL, &pr);
			nreg++;
		}
		if (!e && i % 3 != 0) {
			cal_format_iso(today - 300 - (int64_t)(i * 5 % 200), day);
			struct regulation_input in = {"measures_resolution", arena_printf(&a, "%02zu/NQ-HĐND", i % 30 + 1),
						      arena_printf(&a, "Nghị quyết về biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn %s",
								   u->title),
						      day};
			e = regulation_create(db, admin, u, &in, now, NULL, &pr);
			nres++;
		}
		for (size_t k = 0; !e && i % 4 != 3 && k < 1 + i % 3 && span > 0; k++) {
			cal_format_iso(today - (int64_t)((i * 11 + k * 37) % (size_t)span), day);
			struct outreach_input in = {kinds[(i + k) % 5],
						    arena_printf(&a, "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở tại %s", u->title), day,
						    "Cán bộ, đảng viên và Nhân dân", arena_printf(&a, "%zu", 40 + (i * 13 + k * 29) % 400)};
			e = outreach_create(db, admin, u, &in, now, NULL, &pr);
			nout++;
		}
		/* the year's budget: most communes plan training and outreach, fewer have spent it */
		static const char *const acts[] = {"training", "outreach", "it"};
		for (size_t k = 0; !e && i % 5 != 4 && k < 3; k++) {
			struct budget_input bi = {arena_printf(&a, "%d", y), acts[k], k == 2 && i % 2 ? "socialised" : "state",
						  arena_printf(&a, "%zu", (size_t)(5 + (i * 7 + k * 3) % 40) * 1000000)};
			int64_t line = 0;
			if ((e = budget_put(db, admin, u, &bi, now, &line, &pr)) || span < 2 || (i + k) % 3 == 0)
				continue;
			cal_format_iso(jan1 + (int64_t)((i * 13 + k * 17) % (size_t)span), day);
			struct spending_input si = {day, arena_printf(&a, "%zu", (size_t)(2 + (i + k) % 4) * 1000000),
						    "Theo chứng từ chi"};
			struct budget_line bl;
			e = spending_add(db, admin, line, &si, now, &bl, &pr);
			nbud++;
		}
		if (e)
			fprintf(stderr, "coso: demo measures at %s: %s\n", u->code, pr.n ? pr.v[0].message : app_err_code(e));
	}
	/* the information network of two communes (Bắc Ninh 2025 draft Art. 4(4)(b)) */
	static const struct {
		const char *unit, *kind, *name, *channels, *reach;
	} net[] = {
		{"09187", "front", "Ủy ban Mặt trận Tổ quốc phường Kinh Bắc", "loudspeaker zalo meeting", "9000"},
		{"09187", "mass_org", "Hội Liên hiệp Phụ nữ phường", "zalo meeting door_to_door", "2400"},
		{"09187-01", "respected_person", "Cụ Nguyễn Văn Tư, trưởng họ Nguyễn", "door_to_door meeting", "180"},
		{"07582", "front", "Ủy ban Mặt trận Tổ quốc xã Lục Ngạn", "loudspeaker meeting", "6500"},
		{"07582", "mass_org", "Đoàn Thanh niên xã", "facebook zalo", "1200"},
	};
	for (size_t k = 0; !e && k < ARRAY_SIZE(net); k++) {
		struct unit nu;
		struct problems pr = {.a = &a};
		struct relay_input ri = {net[k].kind, net[k].name, net[k].channels, net[k].reach, ""};
		if (!(e = units_get(&a, c, net[k].unit, &nu)) && (e = relay_create(db, admin, &nu, &ri, now, NULL, &pr)))
			fprintf(stderr, "coso: demo network: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
	}
	/* commendations, model examples and violations of the year */
	static const struct {
		const char *unit, *kind, *recipient, *collective, *level, *reason, *decision, *handling;
	} aw[] = {
		{"09187", "commendation", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Kinh Bắc", "1", "province",
		 "Có thành tích xuất sắc trong thực hiện dân chủ ở cơ sở", "1520/QĐ-UBND", ""},
		{"09187-01", "commendation", "Trần Văn Hùng", "", "commune",
		 "Trưởng thôn tổ chức tốt việc Nhân dân bàn và quyết định", "88/QĐ-UBND", ""},
		{"07582", "model", "Mô hình «Dân vận khéo» trong giải phóng mặt bằng", "1", "",
		 "Nhân rộng cách đối thoại với hộ dân trước khi thu hồi đất", "", ""},
		{"07210", "model", "Tổ dân phố số 3 tự quản về môi trường", "1", "", "Tổ dân phố tự bàn, tự làm, tự giám sát",
		 "", ""},
		{"07582", "violation", "Cán bộ địa chính xã", "", "",
		 "Không công khai danh sách hộ được bồi thường, hỗ trợ (cản trở quyền được biết, Điều 9)", "12/QĐ-KL",
		 "disciplinary"},
		{"07246", "violation", "Trưởng thôn (đã cho thôi)", "", "",
		 "Ghi sai số phiếu biểu quyết trong biên bản họp thôn (làm sai lệch kết quả, Điều 9)", "", "pending"},
	};
	for (size_t k = 0; !e && k < ARRAY_SIZE(aw); k++) {
		struct unit au;
		struct problems pr = {.a = &a};
		cal_format_iso(jan1 + (span > 0 ? (int64_t)(k * 29 % (size_t)span) : 0), day);
		struct award_input ai = {aw[k].kind,	 aw[k].recipient, aw[k].collective, aw[k].level,
					 aw[k].reason, aw[k].decision,	day,		    aw[k].handling};
		if (!(e = units_get(&a, c, aw[k].unit, &au)) && (e = award_create(db, admin, &au, &ai, now, NULL, &pr)))
			fprintf(stderr, "coso: demo award: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
	}
	/* a provincial course early this year, its attendance list imported */
	if (!e && span > 20) {
		char d0[11], d1[11];
		cal_format_iso(jan1 + span / 3, d0);
		cal_format_iso(jan1 + span / 3 + 2, d1);
		struct course_input in = {"", "Luật Thực hiện dân chủ ở cơ sở và các nghị định hướng dẫn",
					  "Sở Nội vụ tỉnh Bắc Ninh", "in_person", "Cán bộ xã, Trưởng thôn, Mặt trận, Ban Thanh tra nhân dân", d0, d1};
		in.title = arena_printf(&a, "Bồi dưỡng nghiệp vụ thực hiện dân chủ ở cơ sở năm %d", y);
		struct problems pr = {.a = &a};
		int64_t id = 0, added = 0;
		static const char list[] = "ma_don_vi,ho_ten,hoan_thanh,so_chung_chi\n"
					   "09187,Trần Văn Hùng,có,BD-001\n"
					   "09187,Nguyễn Thị Lan,có,BD-002\n"
					   "09187,Lê Văn Minh,có,BD-003\n"
					   "09187,Phạm Thị Hoa,có,BD-004\n"
					   "09187-01,Đỗ Văn Sơn,có,BD-005\n"
					   "07582,Dương Thị Hương,có,BD-006\n"
					   "07582,Ngô Văn Dũng,không,\n";
		if (!(e = course_create(db, admin, &prov, &in, now, &id, &pr)))
			e = course_import(db, admin, id, list, sizeof list - 1, now, &added, &pr);
		if (e)
			fprintf(stderr, "coso: demo course: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
	}
	if (!e)
		printf("Demo: %zu quy chế dân chủ, %zu nghị quyết về biện pháp, %zu hoạt động tuyên truyền, 1 lớp bồi dưỡng, "
		       "%zu khoản chi, %zu khen thưởng và vi phạm.\n",
		       nreg, nres, nout, nbud, ARRAY_SIZE(aw));
	arena_free(&a);
	return e;
}

/* A provincial law-knowledge contest (issue #12): the bank shipped in
 * data/contests, a first round that closed a month ago with a few hundred
 * entrants unevenly spread over the communes (many from a few, none from
 * most) and its results published, and a second round open now. */
static enum app_err demo_attempt(struct db *db, struct arena *a, struct dbc *c, const struct contest *ct,
				 const struct entry_input *in, int64_t at_ms, unsigned skill, int64_t prediction)
{
	unsigned char seed[CONTEST_SEED_LEN];
	for (size_t k = 0; k < sizeof seed; k++)
		seed[k] = (unsigned char)rnd(256);
	char token[CRYPTO_TOKEN_LEN];
	crypto_token(token);
	struct problems pr = {.a = a};
	enum app_err e = contest_attempt_start(db, ct, in, seed, at_ms, token, &pr);
	if (e == APP_ECONFLICT)
		return APP_OK; /* attempts used up: the entrant stops there */
	struct attempt at;
	if (e || (e = contest_attempt_get(a, c, token, &at)))
		return e;
	const char **choices = arena_alloc(a, (size_t)at.nq * sizeof *choices);
	for (int k = 0; k < at.nq; k++)
		choices[k] = arena_printf(a, "%d", rnd(100) < skill ? at.q[k].answer : (at.q[k].answer + 1) % at.q[k].nchoice);
	struct submit_job j;
	int64_t took = 240000 + (int64_t)rnd(1200) * 1000; /* 4 to 24 minutes */
	if ((e = contest_submit_prepare(a, c, &at, choices, arena_printf(a, "%lld", (long long)prediction), at_ms + took,
					&j, &pr)))
		return e;
	return db_write(db, contest_submit_write, &j);
}

enum app_err demo_contests(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct unit prov, *cs;
	size_t ncs;
	struct user *admin;
	struct contest *existing;
	size_t nex;
	if ((e = units_get(&a, c, "24", &prov)) || (e = contests_for(&a, c, &prov, &existing, &nex)) || nex ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "admin.bacninh"), &admin)) ||
	    (e = contest_entrant_units(&a, c, &prov, &cs, &ncs)) || !ncs) {
		arena_free(&a);
		return e;
	}
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)now), &y, &m, &d);
	struct contest_input in = {arena_printf(&a, "Cuộc thi trực tuyến tìm hiểu Luật Thực hiện dân chủ ở cơ sở năm %d", y),
				   "Cuộc thi do Ủy ban nhân dân tỉnh Bắc Ninh phát động, dành cho mọi công dân đang cư trú "
				   "trên địa bàn tỉnh.\n\nGiải thưởng mỗi vòng: 01 giải Nhất, 02 giải Nhì, 03 giải Ba, 05 giải "
				   "Khuyến khích; giải tập thể cho xã, phường có nhiều người dự thi nhất.",
				   "Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi trắc nghiệm của vòng thi này?",
				   "45", "3", "4", "4", "2"};
	struct problems pr = {.a = &a};
	int64_t id = 0, added = 0;
	const struct embed_file *bank = embed_find("data/contests/luat-dan-chu-co-so.csv");
	struct contest ct;
	char o1[17], c1[17], o2[17], c2[17];
	/* datetime-local fields, UTC+7 */
	time_t t;
	struct tm tm;
#define LOCAL(buf, at) (t = (time_t)(at) + 7 * 3600, gmtime_r(&t, &tm), strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm))
	int64_t r1o = now - 60 * 86400, r1c = now - 30 * 86400, r2o = now - 3 * 86400, r2c = now + 25 * 86400;
	LOCAL(o1, r1o);
	LOCAL(c1, r1c);
	LOCAL(o2, r2o);
	LOCAL(c2, r2c);
#undef LOCAL
	if ((e = contest_create(db, admin, &prov, &in, r1o - 86400, &id, &pr)) ||
	    (e = contest_bank_import(db, admin, id, bank->data, bank->len, r1o - 86400, &added, &pr)) ||
	    (e = contest_get(&a, c, id, &ct)) || (e = contest_round_add(db, admin, &ct, o1, c1, r1o - 86400, &pr)) ||
	    (e = contest_round_add(db, admin, &ct, o2, c2, r1c + 86400, &pr))) {
		fprintf(stderr, "coso: demo contest: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
		arena_free(&a);
		return e;
	}
	/* entrants: most from the first few communes, a long tail, most communes none */
	int entrants = 0, attempts = 0;
	for (int k = 0; k < 320 && !e; k++) {
		size_t ci = (size_t)(k % 5 ? rnd(6) : rnd(ncs < 40 ? (unsigned)ncs : 40)) % ncs;
		char name[96], phone[16], cid[16];
		person(name, sizeof name, rnd(2));
		snprintf(phone, sizeof phone, "09%08d", 10000000 + k * 7919 % 89999999);
		snprintf(cid, sizeof cid, "027%09d", 100000000 + k * 104729 % 899999999);
		struct entry_input ei = {name, phone, cid, cs[ci].code};
		unsigned skill = 55 + rnd(45);
		int tries = 1 + (int)rnd(3);
		for (int r = 0; r < tries && !e; r++, attempts++)
			e = demo_attempt(db, &a, c, &ct, &ei, (r1o + 86400 + (int64_t)rnd(28 * 86400)) * 1000, skill, 5 + rnd(60));
		/* some came back for the round open now */
		if (!e && k % 6 == 0) {
			e = demo_attempt(db, &a, c, &ct, &ei, (r2o + (int64_t)rnd(2 * 86400)) * 1000, skill, 5 + rnd(60));
			attempts++;
		}
		entrants++;
	}
	if (!e && (e = contest_round_publish(db, admin, &ct, 1, r1c + 3 * 86400, &pr)))
		fprintf(stderr, "coso: demo contest results: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
	if (!e)
		printf("Demo: 1 cuộc thi tìm hiểu pháp luật, %lld câu hỏi, %d người dự thi, %d lượt thi.\n", (long long)added,
		       entrants, attempts);
	arena_free(&a);
	return e;
}

/* Village conventions through Decree 61/2023 (issue #12): tổ dân phố số 1 of
 * Kinh Bắc through every step to publication on its recognised vote; a thôn
 * of Lục Ngạn with its draft out for comments and its vote under way; a
 * residents' proposal and a team drafting. */
static int64_t item3_matter(struct arena *a, struct dbc *c, const struct unit *v)
{
	struct matter *ms;
	size_t n;
	if (matter_list(a, c, v->path, 50, &ms, &n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (ms[i].item == 3 && ms[i].unit.id == v->id)
			return ms[i].id;
	return 0;
}

enum app_err demo_conventions(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct unit v1, v2;
	struct user *head1, *head2, *chair;
	if ((e = units_get(&a, c, "09187-01", &v1)) || (e = units_get(&a, c, "07582-01", &v2)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "totruong.kinhbac"), &head1)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "truongthon.lucngan"), &head2)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "chutich.kinhbac"), &chair))) {
		arena_free(&a);
		return e;
	}
	int64_t today = cal_today((time_t)now);
	char d[8][11];
	static const int ago[8] = {80, 75, 70, 35, 2, 1, 0, 50};
	for (int k = 0; k < 8; k++)
		cal_format_iso(today - ago[k], d[k]);
	struct problems pr = {.a = &a};
	int64_t id1 = 0, id2 = 0;
	struct convention_input in1 = {"huong_uoc", "Hương ước tổ dân phố số 1", "village_head", NULL, NULL, NULL, d[0]};
	struct convention_input in2 = {"quy_uoc", "Quy ước thôn về giữ gìn vệ sinh đường làng", "village_head", NULL, NULL, NULL,
				       d[7]};
	static const char text1[] = "## Chương I. Những quy định chung\n\n**Điều 1.** Hương ước này quy định việc giữ gìn trật tự, "
				    "vệ sinh ngõ xóm, tổ chức việc cưới, việc tang văn minh và tương trợ giữa các hộ gia đình "
				    "trong tổ dân phố.\n\n**Điều 2.** Mỗi hộ gia đình giữ sạch phần ngõ trước nhà, đổ rác đúng giờ, "
				    "đúng nơi quy định.\n\n## Chương II. Khen thưởng và xử lý vi phạm\n\n**Điều 3.** Hộ gia đình "
				    "thực hiện tốt được biểu dương tại hội nghị cộng đồng dân cư cuối năm. Khen thưởng, xử lý theo "
				    "hương ước không thay thế việc xử lý theo pháp luật.\n";
	static const char text2[] = "**Điều 1.** Các hộ gia đình cùng giữ gìn vệ sinh đường làng: quét dọn vào sáng Chủ nhật hằng "
				    "tuần.\n\n**Điều 2.** Không để vật liệu xây dựng lấn chiếm đường làng quá 3 ngày.\n";
	struct convention_fields team = {.team = "Đỗ Văn Sơn (Tổ trưởng)\nNguyễn Văn Bình (Trưởng ban công tác Mặt trận)\n"
						 "Lê Thị Hoa (người có uy tín)",
					 .day = d[1]};
	struct convention_fields consult1 = {.draft = text1, .comment_from = d[2], .comment_to = d[3]};
	struct convention_fields adopt1 = {.matter = arena_printf(&a, "%lld", (long long)item3_matter(&a, c, &v1))};
	struct convention_fields send1 = {.day = d[4]};
	struct convention_fields recog1 = {.day = d[5], .decision = "215/QĐ-UBND"};
	struct convention_fields dist1 = {.day = d[6]};
	struct convention_fields pub1 = {.day = d[6], .channels = "cultural_house network copies"};
	char t2[3][11];
	cal_format_iso(today - 45, t2[0]);
	cal_format_iso(today - 40, t2[1]);
	cal_format_iso(today - 5, t2[2]);
	struct convention_fields team2 = {.team = "Trịnh Văn Thắng (Trưởng thôn)\nLý Văn Quân (Mặt trận)", .day = t2[0]};
	struct convention_fields consult2 = {.draft = text2, .comment_from = t2[1], .comment_to = t2[2]};
	/* each step done on its day, at 9 in the morning (the ledger keeps the day each was recorded) */
#define AT_DAY(days_ago) ((today - (days_ago)) * 86400 - CAL_TZ_OFFSET + 9 * 3600)
	int64_t adopted = AT_DAY(2) - 3600; /* after the meeting three days ago was counted */
	if ((e = convention_propose(db, head1, &v1, &in1, AT_DAY(ago[0]), &id1, &pr)) ||
	    (e = convention_step(db, head1, id1, CS_TEAM, &team, AT_DAY(ago[1]), &pr)) ||
	    (e = convention_step(db, head1, id1, CS_CONSULT, &consult1, AT_DAY(ago[2]), &pr)) ||
	    (e = convention_step(db, head1, id1, CS_ADOPT, &adopt1, adopted < now ? adopted : now, &pr)) ||
	    (e = convention_step(db, head1, id1, CS_SEND, &send1, AT_DAY(ago[4]) < now ? AT_DAY(ago[4]) : now, &pr)) ||
	    (e = convention_step(db, chair, id1, CS_RECOGNISE, &recog1, AT_DAY(ago[5]) < now ? AT_DAY(ago[5]) : now, &pr)) ||
	    (e = convention_step(db, chair, id1, CS_DISTRIBUTE, &dist1, now, &pr)) ||
	    (e = convention_step(db, head1, id1, CS_PUBLISH, &pub1, now, &pr)) ||
	    (e = convention_propose(db, head2, &v2, &in2, AT_DAY(ago[7]), &id2, &pr)) ||
	    (e = convention_step(db, head2, id2, CS_TEAM, &team2, AT_DAY(45), &pr)) ||
	    (e = convention_step(db, head2, id2, CS_CONSULT, &consult2, AT_DAY(40), &pr)))
		fprintf(stderr, "coso: demo conventions: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
	/* two more at earlier stages: a residents' proposal the Front let proceed
	 * below 10 % (Art. 7), and an amendment whose team is drafting */
	struct convention_input in3 = {"quy_uoc", "Quy ước về tổ chức việc cưới, việc tang văn minh", "residents", "12", "1",
				       NULL, d[6]};
	struct convention_input in4 = {"quy_uoc", "Quy ước về phòng, chống cháy rừng", "village_head", NULL, NULL, NULL, d[5]};
	struct convention_fields team4 = {.team = "Trịnh Văn Thắng (Trưởng thôn)\nHà Văn Lâm (người có uy tín)", .day = d[6]};
	int64_t id3 = 0, id4 = 0;
	if (!e && ((e = convention_propose(db, head1, &v1, &in3, now, &id3, &pr)) ||
		   (e = convention_propose(db, head2, &v2, &in4, AT_DAY(ago[5]) < now ? AT_DAY(ago[5]) : now, &id4, &pr)) ||
		   (e = convention_step(db, head2, id4, CS_TEAM, &team4, now, &pr))))
		fprintf(stderr, "coso: demo conventions: %s\n", pr.n ? pr.v[0].message : app_err_code(e));
#undef AT_DAY
	if (!e)
		printf("Demo: 4 hương ước, quy ước (đã công nhận và công bố, đang lấy ý kiến, đang soạn thảo, mới đề xuất).\n");
	arena_free(&a);
	return e;
}

/* ---- notifications (issue #14) ---- */

struct notify_setup_job {
	const char *file;
	int64_t now;
};

/* The demo's gateways: SMS and Zalo written to a file beside the database
 * (the file channel: what would be sent), e-mail to an SMTP server that is
 * not there (its messages fail, as a gateway's can); the demo residents'
 * choices: every channel and topic. */
static enum app_err notify_setup_fn(struct dbc *c, void *arg)
{
	struct notify_setup_job *j = arg;
	json_t *o = json_pack("{s:s, s:s}", "type", "file", "file", j->file);
	char *file = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	enum app_err e = notify_gateway_set(c, "*", "sms", "demo-sms", file, j->now, 0);
	if (!e)
		e = notify_gateway_set(c, "*", "zalo", "demo-zalo", file, j->now, 0);
	if (!e)
		e = notify_gateway_set(c, "*", "email", "demo-email",
				       "{\"type\": \"smtp\", \"url\": \"smtp://127.0.0.1:9\", \"from\": \"coso@example.vn\","
				       " \"sender\": \"coso demo\", \"max_attempts\": 1, \"timeout_ms\": 2000}",
				       j->now, 0);
	free(file);
	static const struct {
		const char *user, *channels, *phone, *email;
	} who[] = {{"dan.kinhbac", "sms zalo email", "0912000001", "vu.thi.mai@example.vn"},
		   {"dan.lucngan", "sms", "0912000002", ""}};
	for (size_t i = 0; !e && i < sizeof who / sizeof *who; i++) {
		struct notify_prefs p = {.channels = who[i].channels, .topics = "village commune cases", .phone = who[i].phone, .email = who[i].email};
		int64_t uid = auth_user_id(c, who[i].user);
		if (uid)
			e = notify_prefs_set(c, uid, &p, j->now);
	}
	if (!e)
		e = notify_gateways_reload(c, true);
	return e;
}

enum app_err demo_notify_setup(struct db *db, const char *db_url, int64_t now)
{
	char file[4096];
	const char *slash = strrchr(db_url, '/');
	char dir[3072] = ".";
	if (!strncmp(db_url, "postgres", 8))
		slash = NULL;
	else if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - db_url), db_url);
	char *abs = realpath(dir, NULL);
	snprintf(file, sizeof file, "%s/%s.outbox.jsonl", abs ? abs : ".", slash ? slash + 1 : "coso");
	free(abs);
	struct notify_setup_job j = {file, now};
	enum app_err e = db_write(db, notify_setup_fn, &j);
	if (!e)
		printf("Demo: tin nhắn SMS và Zalo ghi vào %s; thư điện tử đến máy chủ SMTP không có (thư không gửi được).\n",
		       file);
	return e;
}

struct report_demo_job {
	int64_t now;
	size_t n;
};

/* Zalo's delivery reports for the messages it took: delivered. */
static enum app_err reports_fn(struct dbc *c, void *arg)
{
	struct report_demo_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct outbox_row *v;
	size_t n;
	struct outbox_filter f = {"sent", "zalo", NULL, 0, 1000};
	enum app_err e = notify_outbox(&a, c, &f, &v, &n);
	for (size_t i = 0; !e && i < n; i++) {
		char ref[24];
		snprintf(ref, sizeof ref, "%lld", (long long)v[i].id);
		e = notify_report(c, "demo-zalo", ref, true, "", j->now);
		j->n++;
	}
	arena_free(&a);
	return e;
}

enum app_err demo_notify_round(struct db *db, const uint8_t key[32], int64_t now)
{
	/* an hour ago, or the evening before quiet hours: what the acts of the
	 * story sent before then is sent; what was written since still waits */
	int64_t t = now - 3600;
	if (notify_not_quiet(NULL, t) != t) {
		int64_t local = t + CAL_TZ_OFFSET, hour = local % 86400 / 3600;
		int64_t day = local / 86400 - (hour < 7 ? 1 : 0);
		t = day * 86400 + 21 * 3600 - 1 - CAL_TZ_OFFSET;
	}
	size_t tried = 0, round;
	enum app_err e;
	do { /* rounds until what was due is done */
		e = notify_deliver_once(db, "http://127.0.0.1:8080", key, t, &round);
		tried += round;
	} while (!e && round >= 512);
	struct report_demo_job j = {t + 60, 0};
	if (!e)
		e = db_write(db, reports_fn, &j);
	if (!e)
		printf("Demo: %zu tin nhắn đã qua một lượt gửi (%zu tin Zalo đã đến máy), các tin mới nhất còn chờ gửi.\n", tried, j.n);
	return e;
}

/* ---- feedback, complaints, denunciations (issue #15) ---- */

static enum app_err demo_o311_fn(struct dbc *c, void *arg)
{
	return case_o311_key_add(c, "Ứng dụng demo", DEMO_OPEN311_KEY, *(const int64_t *)arg);
}

struct demo_case {
	const char *unit, *kind, *category, *title, *body, *name, *phone, *channel, *village;
	int filed;              /* days before now */
	bool mine;              /* filed by dan.lucngan's account */
	const char *steps;      /* actions in order, each "action@days_ago", space separated */
	int rating;             /* 1..5 after resolution, 0 none */
};

static const struct demo_case demo_cases_list[] = {
	{"07582", "petition", "ha-tang", "Đèn đường ngõ 5 thôn Trung hỏng", "Đèn chiếu sáng ở ngõ 5 thôn Trung đã hỏng hai tuần, buổi tối rất tối, học sinh đi học về nguy hiểm.",
	 "Nguyễn Văn Hòa", "0912000001", "web", "07582-01", 1, false, "", 0},
	{"07582", "petition", "moi-truong", "Rác tồn đọng cạnh nhà văn hóa", "Rác thải tồn đọng nhiều ngày cạnh nhà văn hóa thôn, bốc mùi.", "", "", "web", "07582-01", 3,
	 false, "classify@2", 0},
	{"07582", "petition", "trat-tu", "Lấn chiếm lòng đường liên thôn", "Một số hộ để vật liệu xây dựng lấn chiếm lòng đường liên thôn.", "Trần Thị Thu",
	 "0912000003", "phone", "07582-01", 25, false, "accept@24 start@20", 0},
	{"07582", "petition", "ha-tang", "Ổ gà trên đường trục xã", "Đoạn đường trục xã qua thôn Trung có nhiều ổ gà lớn.", "Lê Văn Nam", "0912000004", "web",
	 "07582-01", 12, true, "accept@11 resolve@4", 5},
	{"07582", "petition", "chinh-sach", "Chậm chi trả trợ cấp", "Gia đình tôi chưa nhận được trợ cấp tháng trước.", "Phạm Thị Lan", "0912000005", "web", NULL,
	 9, false, "accept@8 resolve@2", 0},
	{"07582", "petition", "thu-tuc", "Hướng dẫn thủ tục chưa rõ", "Bộ phận một cửa hướng dẫn thủ tục đăng ký hộ kinh doanh chưa rõ ràng.", "Vũ Văn Bình",
	 "0912000006", "in_person", NULL, 30, false, "accept@29 resolve@20 close@15", 3},
	{"07582", "petition", "khac", "Đề nghị không thuộc thẩm quyền", "Đề nghị sửa quốc lộ đi qua địa bàn xã.", "Hoàng Văn Long", "", "paper", NULL, 8, false,
	 "reject@7", 0},
	{"07582", "petition", "dat-dai", "Tranh chấp ranh giới thửa đất", "Đề nghị giải quyết tranh chấp ranh giới với hộ bên cạnh.", "Đặng Văn Hải", "", "paper",
	 NULL, 6, false, "forward@5", 0},
	{"07582", "complaint", "dat-dai", "Khiếu nại quyết định thu hồi đất", "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình, mức bồi thường chưa thỏa đáng.",
	 "Bùi Văn Cường", "0912000009", "web", "07582-01", 20, false, "accept@18 extend@5", 0},
	{"07582", "complaint", "chinh-sach", "Khiếu nại danh sách hộ nghèo", "Khiếu nại việc gia đình không có tên trong danh sách hộ nghèo năm nay.", "Đỗ Thị Mai",
	 "0912000010", "paper", NULL, 15, false, "accept@14 suspend@10", 0},
	{"07582", "complaint", "dat-dai", "Khiếu nại quá thời hiệu", "Khiếu nại quyết định xử phạt từ năm trước.", "Ngô Văn Dũng", "", "paper", NULL, 2, false, "", 0},
	{"07582", "complaint", "thu-tuc", "Khiếu nại từ chối cấp giấy phép", "Khiếu nại việc từ chối cấp giấy phép xây dựng nhà ở.", "Lý Thị Hạnh", "0912000012",
	 "web", NULL, 60, true, "accept@58 resolve@20 appeal@10", 0},
	{"07582", "denunciation", "khac", "", "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận.", "Người tố cáo được bảo vệ",
	 "0912000013", "web", NULL, 4, false, "take@3", 0},
	{"07582", "denunciation", "khac", "", "Tố cáo sai phạm trong thu chi quỹ xây dựng nhà văn hóa thôn.", "Người tố cáo thứ hai", "", "paper", NULL, 40, false,
	 "accept@33 extend@5", 0},
	{"07582", "board_rec", "dan-chu", "Kiến nghị công khai dự toán ngân sách xã", "Ban Thanh tra nhân dân kiến nghị công khai dự toán ngân sách xã theo quy định.",
	 "Ban Thanh tra nhân dân xã", "", "paper", NULL, 20, false, "accept@19", 0},
	{"07582", "board_petition", "ha-tang", "Kiến nghị qua hòm thư góp ý về kênh mương", "Kênh mương nội đồng bị bồi lắng.", "", "", "paper", NULL, 5, false, "", 0},
	{"09187", "petition", "moi-truong", "Nước thải chảy ra đường", "Nước thải sinh hoạt chảy tràn ra đường tổ dân phố.", "Mai Thị Hương", "0912000017", "web",
	 "09187-01", 7, false, "accept@6 resolve@1", 4},
	{"09187", "petition", "ha-tang", "Cây xanh đổ chắn lối đi", "Cây xanh đổ sau mưa bão chắn lối đi.", "", "", "open311", NULL, 2, false, "", 0},
};

static const char *demo_day_iso(struct arena *a, int64_t now, int ago)
{
	char *d = arena_alloc(a, 11);
	cal_format_iso(cal_today((time_t)(now - (int64_t)ago * 86400)), d);
	return d;
}

enum app_err demo_cases(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct user *officer[2], *resident;
	if ((e = auth_user_get(&a, c, auth_user_id(c, "canbo.lucngan"), &officer[0])) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "canbo.kinhbac"), &officer[1])) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "dan.lucngan"), &resident))) {
		arena_free(&a);
		return e;
	}
	size_t n = 0;
	for (size_t i = 0; !e && i < ARRAY_SIZE(demo_cases_list); i++) {
		const struct demo_case *d = &demo_cases_list[i];
		struct unit u;
		if ((e = units_get(&a, c, d->unit, &u)))
			break;
		bool office = strcmp(d->channel, "web") && strcmp(d->channel, "open311");
		const struct user *by = d->mine ? resident : office ? officer[d->unit[0] == '0' && d->unit[1] == '9'] : NULL;
		int64_t at = now - (int64_t)d->filed * 86400 - 3600;
		struct case_input in = {.kind = d->kind, .category = d->category, .channel = d->channel, .title = d->title,
					.body = d->body, .name = d->name, .phone = d->phone, .anonymous = !*d->name,
					.village = d->village, .address = "Xã Lục Ngạn, tỉnh Bắc Ninh",
					.location = d->village ? "" : "Khu trung tâm xã",
					.desk = !strcmp(d->channel, "in_person") ? "Bộ phận một cửa xã Lục Ngạn" : NULL};
		if (!strcmp(d->kind, "complaint"))
			in.act_date = demo_day_iso(&a, now, d->filed + (strstr(d->title, "thời hiệu") ? 120 : 10));
		if (!strcmp(d->kind, "denunciation"))
			in.id_number = "001086012345";
		if (!strcmp(d->kind, "board_rec") || !strcmp(d->kind, "board_petition"))
			in.anonymous = false, in.name = *d->name ? d->name : "Ban Thanh tra nhân dân xã";
		struct problems pr = {.a = &a};
		int64_t id;
		const char *code;
		if ((e = case_submit(db, &a, by, &u, &in, at, &id, &code, NULL, &pr))) {
			fprintf(stderr, "demo case %zu: %s: %s\n", i, pr.n ? pr.v[0].field : "", pr.n ? pr.v[0].message : "");
			break;
		}
		/* its steps, each at its day */
		char *steps = arena_strdup(&a, d->steps), *save = NULL;
		const struct user *off = officer[d->unit[0] == '0' && d->unit[1] == '9'];
		for (char *s = strtok_r(steps, " ", &save); !e && s; s = strtok_r(NULL, " ", &save)) {
			char *atp = strchr(s, '@');
			*atp = 0;
			int ago = atoi(atp + 1);
			int k = case_name_index(case_action_names, CA__N, s);
			struct case_act act = {.action = (enum case_action)k, .note = msg(MSG_DEMO_CASE_NOTE)};
			if (k == CA_RESOLVE)
				act.answer = msg(MSG_DEMO_CASE_ANSWER), act.decision_ref = "Văn bản số 12/UBND";
			if (k == CA_FORWARD)
				act.to_body = "Tòa án nhân dân khu vực";
			if (k == CA_EXTEND && !strcmp(d->kind, "denunciation"))
				act.complexity = "2";
			const char *token = NULL;
			pr.n = 0;
			e = case_act(db, &a, k == CA_APPEAL ? resident : off, id, &act, now - (int64_t)ago * 86400, &token, &pr);
			if (e)
				fprintf(stderr, "demo case %zu, %s: %s\n", i, s, pr.n ? pr.v[0].message : "");
			if (!e && token && d->rating) {
				struct case_rating_input rt = {.token = token, .level = arena_printf(&a, "%d", d->rating),
							       .on_time = "1", .comment = ""};
				pr.n = 0;
				e = case_rate(db, code, &rt, now - (int64_t)(ago > 0 ? ago - 1 : 0) * 86400, &pr);
			}
		}
		n++;
	}
	/* the reception register: the chair's day, a visit that became a case, a refusal */
	struct unit lucngan;
	if (!e)
		e = units_get(&a, c, "07582", &lucngan);
	static const struct {
		const char *name, *summary, *kind, *notes;
		int ago;
		bool make_case, refused;
	} visits[] = {
		{"Nguyễn Thị Nhàn", "Hỏi về chế độ cho người cao tuổi.", "petition", "", 6, false, false},
		{"Trịnh Văn Toàn", "Khiếu nại việc cấp giấy phép kinh doanh.", "complaint", "", 6, true, false},
		{"Phùng Văn Sơn", "Đề nghị giải quyết việc đã có bản án của tòa án.", "petition", "Việc đã có bản án có hiệu lực.", 13,
		 false, true},
	};
	for (size_t i = 0; !e && i < ARRAY_SIZE(visits); i++) {
		struct reception_input in = {.day = demo_day_iso(&a, now, visits[i].ago), .name = visits[i].name,
					     .address = "Thôn Trung, xã Lục Ngạn", .summary = visits[i].summary,
					     .kind = visits[i].kind, .people = "1", .in_competence = !visits[i].refused,
					     .guidance = visits[i].refused ? "" : "Hướng dẫn nộp hồ sơ tại bộ phận một cửa",
					     .notes = visits[i].notes, .received_by = "Chủ tịch UBND xã",
					     .refused = visits[i].refused, .make_case = visits[i].make_case};
		struct problems pr = {.a = &a};
		int64_t id;
		const char *code;
		e = reception_add(db, &a, officer[0], &lucngan, &in, now - (int64_t)visits[i].ago * 86400, &id, &code, &pr);
	}
	struct problems pr = {.a = &a};
	if (!e)
		e = reception_schedule_set(db, officer[0], &lucngan, msg(MSG_DEMO_RECEPTION_SCHEDULE), now, &pr);
	if (!e)
		e = db_write(db, demo_o311_fn, &now);
	if (!e)
		printf("Demo: %zu hồ sơ phản ánh, khiếu nại, tố cáo (mọi loại, mọi trạng thái, có hồ sơ quá hạn và đánh giá), "
		       "3 lượt tiếp công dân; khóa Open311 (api_key): %s\n",
		       n, DEMO_OPEN311_KEY);
	arena_free(&a);
	return e;
}

/* ---- public consultation (issue #16) ---- */

static const char demo_plan_text[] =
	"Điều 1. Mục tiêu\n"
	"Tăng trưởng giá trị sản xuất nông nghiệp 4% năm 2027; giữ vững tiêu chí nông thôn mới nâng cao.\n"
	"Điều 2. Các chỉ tiêu chủ yếu\n"
	"1. Thu nhập bình quân đầu người đạt 72 triệu đồng.\n"
	"2. Tỷ lệ hộ nghèo giảm còn dưới 1%.\n"
	"3. Huy động Nhân dân đóng góp làm đường nội đồng 300.000 đồng mỗi hộ.\n"
	"Điều 3. Giải pháp\n"
	"1. Mở rộng vùng trồng vải thiều theo tiêu chuẩn VietGAP.\n"
	"2. Hỗ trợ hợp tác xã tiêu thụ sản phẩm qua sàn thương mại điện tử.\n";

struct demo_comment {
	const char *anchor, *quote, *body, *channel, *author; /* channel NULL: the resident on the web */
	int ago;
};

/* Comments of the demo: the resident's on the web, the others as an officer entered them. */
static enum app_err demo_comments(struct db *db, struct arena *a, const struct user *resident, const struct user *officer,
				  int64_t id, const struct demo_comment *v, size_t n, int64_t now, int64_t *ids)
{
	enum app_err e = APP_OK;
	for (size_t i = 0; !e && i < n; i++) {
		struct comment_input in = {.anchor = v[i].anchor, .quote = v[i].quote, .body = v[i].body,
					   .channel = v[i].channel, .author = v[i].author, .show_name = !v[i].channel && i % 2};
		struct problems pr = {.a = a};
		bool again;
		e = comment_add(db, a, v[i].channel ? officer : resident, id, &in, now - (int64_t)v[i].ago * 86400, &ids[i], &again,
				&pr);
		if (e)
			fprintf(stderr, "demo comment %zu: %s\n", i, pr.n ? pr.v[0].message : "");
	}
	return e;
}

enum app_err demo_consultations(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct user *kb_officer, *kb_resident, *ln_officer, *ln_chair, *ln_resident;
	struct unit kb, ln;
	if ((e = auth_user_get(&a, c, auth_user_id(c, "canbo.kinhbac"), &kb_officer)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "dan.kinhbac"), &kb_resident)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "canbo.lucngan"), &ln_officer)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "chutich.lucngan"), &ln_chair)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "dan.lucngan"), &ln_resident)) || (e = units_get(&a, c, "09187", &kb)) ||
	    (e = units_get(&a, c, "07582", &ln))) {
		arena_free(&a);
		return e;
	}
	struct problems pr = {.a = &a};
	const char *why = NULL;
	/* open: the ward's democracy regulation (Art. 25 item 7), published five days ago */
	const struct embed_file *f = embed_find("data/consult/demo-quy-che.md");
	struct draft d;
	int64_t open_id = 0, at = now - 5 * 86400;
	if (!f || draft_read(&a, "quy-che.md", f->data, f->len, &d, &why)) {
		fprintf(stderr, "demo draft: %s\n", why ? why : "missing");
		arena_free(&a);
		return APP_EINVAL;
	}
	struct consult_input in = {.subject = "art25_7",
				   .title = "Dự thảo Quy chế thực hiện dân chủ ở phường Kinh Bắc",
				   .summary = "Quy chế thay thế quy chế năm 2023, cập nhật theo Luật Thực hiện dân chủ ở cơ sở và việc sắp xếp đơn vị hành chính.",
				   .plan_content = "Lấy ý kiến toàn thể Nhân dân phường về dự thảo Quy chế; tổng hợp, tiếp thu, giải trình và báo cáo Hội đồng nhân dân phường.",
				   .plan_forms = "b;d;e",
				   .plan_method = "Đăng dự thảo trên coso và niêm yết tại nhà văn hóa; họp tổ dân phố; hòm thư góp ý tại trụ sở.",
				   .plan_owner = "Văn phòng HĐND và UBND phường (bà Nguyễn Thị Lan)",
				   .audience = "unit"};
	char closes[11];
	cal_format_iso(cal_today((time_t)now) + 20, closes);
	if (!(e = consult_create(db, &a, kb_officer, &kb, &in, &d, at, &open_id, &pr)))
		e = consult_publish(db, &a, kb_officer, open_id, closes, at, &pr);
	static const struct demo_comment kbc[] = {
		{"dieu-4-khoan-1", "ít nhất 30 ngày", "Đề nghị niêm yết cả tại chợ phường để người đi chợ đọc được.", NULL, NULL, 4},
		{"dieu-5-khoan-1", "không quá 500.000 đồng", "Mức 500.000 đồng là cao với hộ làm thuê; đề nghị tối đa 300.000 đồng.", NULL, NULL, 3},
		{"dieu-5-khoan-1", "", "Tổ dân phố số 2 thống nhất mức đóng góp nhưng đề nghị được chia làm hai đợt.", "meeting",
		 "Hội nghị Tổ dân phố số 2", 2},
		{"dieu-5-khoan-2", "", "Đề nghị bổ sung hộ có người khuyết tật nặng vào diện được miễn.", "front", "Hội Người cao tuổi phường", 2},
		{"", "", "Dự thảo rõ ràng, đề nghị sớm ban hành.", "box", "Ý kiến bỏ hòm thư (không ký tên)", 1},
	};
	int64_t ids[8];
	if (!e)
		e = demo_comments(db, &a, kb_resident, kb_officer, open_id, kbc, ARRAY_SIZE(kbc), now, ids);
	if (!e)
		e = consult_vote(db, &a, kb_resident, open_id, "dieu-5-khoan-1", -1, now - 3 * 86400, &pr);
	/* closed and published: the commune's 2027 plan (Art. 25 item 1), forty days ago */
	int64_t done_id = 0;
	at = now - 40 * 86400;
	struct consult_input pl = {.subject = "art25_1",
				   .title = "Dự thảo Kế hoạch phát triển kinh tế - xã hội xã Lục Ngạn năm 2027",
				   .summary = "Kế hoạch trình Hội đồng nhân dân xã tại kỳ họp cuối năm.",
				   .plan_content = "Lấy ý kiến Nhân dân các thôn về các chỉ tiêu và giải pháp của kế hoạch năm 2027.",
				   .plan_forms = "b;e",
				   .plan_owner = "Công chức Văn phòng - Thống kê xã",
				   .audience = "unit"};
	cal_format_iso(cal_today((time_t)at) + 20, closes);
	if (!e && !(e = draft_read(&a, NULL, demo_plan_text, strlen(demo_plan_text), &d, &why)) &&
	    !(e = consult_create(db, &a, ln_officer, &ln, &pl, &d, at, &done_id, &pr)))
		e = consult_publish(db, &a, ln_officer, done_id, closes, at, &pr);
	static const struct demo_comment lnc[] = {
		{"dieu-2-khoan-3", "300.000 đồng mỗi hộ", "Đề nghị miễn đóng góp cho hộ nghèo.", NULL, NULL, 36},
		{"dieu-3-khoan-2", "", "Cần tập huấn cho người dân bán hàng trên mạng.", "meeting", "Hội nghị thôn Trung", 33},
		{"dieu-2-khoan-1", "72 triệu đồng", "Chỉ tiêu thu nhập quá cao so với năm nay.", "letter", "Hội Nông dân xã", 30},
	};
	if (!e)
		e = demo_comments(db, &a, ln_resident, ln_officer, done_id, lnc, ARRAY_SIZE(lnc), now, ids);
	if (!e)
		e = consult_vote(db, &a, ln_resident, done_id, "dieu-2-khoan-3", -1, now - 36 * 86400, &pr);
	/* a revision during the period: the income target lowered; the comment on it follows its words or is marked */
	if (!e && !(e = draft_read(&a, NULL,
				   "Điều 1. Mục tiêu\nTăng trưởng giá trị sản xuất nông nghiệp 4% năm 2027; giữ vững tiêu chí nông thôn mới nâng cao.\n"
				   "Điều 2. Các chỉ tiêu chủ yếu\n1. Thu nhập bình quân đầu người đạt 68 triệu đồng.\n"
				   "2. Tỷ lệ hộ nghèo giảm còn dưới 1%.\n3. Huy động Nhân dân đóng góp làm đường nội đồng 300.000 đồng mỗi hộ.\n"
				   "Điều 3. Giải pháp\n1. Mở rộng vùng trồng vải thiều theo tiêu chuẩn VietGAP.\n"
				   "2. Hỗ trợ hợp tác xã và người dân tiêu thụ sản phẩm qua sàn thương mại điện tử, có tập huấn.\n",
				   strlen("Điều 1. Mục tiêu\nTăng trưởng giá trị sản xuất nông nghiệp 4% năm 2027; giữ vững tiêu chí nông thôn mới nâng cao.\n"
					  "Điều 2. Các chỉ tiêu chủ yếu\n1. Thu nhập bình quân đầu người đạt 68 triệu đồng.\n"
					  "2. Tỷ lệ hộ nghèo giảm còn dưới 1%.\n3. Huy động Nhân dân đóng góp làm đường nội đồng 300.000 đồng mỗi hộ.\n"
					  "Điều 3. Giải pháp\n1. Mở rộng vùng trồng vải thiều theo tiêu chuẩn VietGAP.\n"
					  "2. Hỗ trợ hợp tác xã và người dân tiêu thụ sản phẩm qua sàn thương mại điện tử, có tập huấn.\n"),
				   &d, &why)))
		e = consult_set_draft(db, &a, ln_officer, done_id, &d, now - 25 * 86400, &pr);
	static const struct {
		const char *disposition, *body;
		size_t comment;
	} answers[] = {
		{"explained", "Mức đóng góp đã được Hội nghị thôn thống nhất; hộ nghèo được miễn theo Điều 5 Quy chế thực hiện dân chủ của xã.", 0},
		{"accepted", "Tiếp thu: bổ sung tập huấn bán hàng trên sàn thương mại điện tử vào khoản 2 Điều 3.", 1},
		{"partly", "Tiếp thu một phần: hạ chỉ tiêu thu nhập xuống 68 triệu đồng.", 2},
	};
	for (size_t i = 0; !e && i < ARRAY_SIZE(answers); i++) {
		struct answer_input an = {.disposition = answers[i].disposition, .body = answers[i].body,
					  .comments = &ids[answers[i].comment], .ncomments = 1};
		int64_t aid;
		e = consult_answer(db, &a, ln_officer, done_id, &an, now - 15 * 86400, &aid, &pr);
	}
	/* the majority disagreed with the contribution and it is kept: the reasons, then the sign-off */
	struct signoff_input so = {.decision = "Trình Hội đồng nhân dân xã Kế hoạch năm 2027 theo dự thảo sửa đổi.",
				   .against_majority = true,
				   .majority_reasons = "Khoản đóng góp làm đường nội đồng giữ nguyên vì Nhân dân các thôn đã bàn và quyết định mức này; hộ nghèo được miễn."};
	if (!e)
		e = consult_signoff(db, &a, ln_chair, done_id, &so, "", now - 10 * 86400, &pr);
	if (e)
		fprintf(stderr, "demo consultations: %s\n", pr.n ? pr.v[0].message : "");
	else
		printf("Demo: lấy ý kiến Nhân dân — một cuộc đang mở (/consultations/%lld), một cuộc đã công bố kết quả tiếp thu, "
		       "giải trình (/consultations/%lld).\n",
		       (long long)open_id, (long long)done_id);
	arena_free(&a);
	return e;
}

/* ---- inspection and supervision (issue #17) ---- */

/* A demo step: its error (and what was refused) said once. */
static enum app_err ov_step(enum app_err e, const char *what, struct problems *pr)
{
	if (e)
		fprintf(stderr, "demo oversight: %s: %s\n", what, pr->n ? pr->v[0].message : app_err_code(e));
	pr->n = 0;
	return e;
}

enum app_err demo_oversight(struct db *db, int64_t now)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct user *front, *board, *officer, *chair, *agency, *kbfront, *head;
	struct unit ln, kb, lnub;
	if ((e = auth_user_get(&a, c, auth_user_id(c, "mattran.lucngan"), &front)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "thanhtra.lucngan"), &board)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "canbo.lucngan"), &officer)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "chutich.lucngan"), &chair)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "thutruong.lucngan"), &agency)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "mattran.kinhbac"), &kbfront)) ||
	    (e = auth_user_get(&a, c, auth_user_id(c, "truongthon.lucngan"), &head)) || (e = units_get(&a, c, "07582", &ln)) ||
	    (e = units_get(&a, c, "09187", &kb)) || (e = units_get(&a, c, "07582-UB", &lnub))) {
		arena_free(&a);
		return e;
	}
	struct problems pr = {.a = &a};
	int64_t today = cal_today((time_t)now);
#define D(n) demo_day_iso(&a, now, (n))
	/* Lục Ngạn's inspection board, complete: a member from every village (five at least) */
	int64_t bid = 0, pid = 0, part1 = 0, part2 = 0, ibid = 0, iid = 0, cid = 0, kbid = 0;
	struct unit *vs;
	size_t nv;
	e = ov_step(oboard_create(db, front, &ln, 0, &(struct board_input){.term_start = D(420)}, now - 420 * 86400, &bid, &pr),
		    "board", &pr);
	if (!e)
		e = units_children(&a, c, ln.id, &vs, &nv);
	static const char *const names[] = {"Nguyễn Văn Bình", "Trần Thị Cúc", "Lê Văn Dũng", "Phạm Thị Giang", "Hoàng Văn Hải",
					    "Vũ Thị Khánh", "Đặng Văn Lộc", "Bùi Thị Mơ", "Phan Văn Nghĩa"};
	size_t villages = 0, added = 0;
	for (size_t i = 0; i < nv; i++)
		villages += units_kind_is_village(vs[i].kind);
	for (size_t i = 0; !e && added < (villages > 5 ? villages : 5) && added < ARRAY_SIZE(names); i = (i + 1) % nv) {
		if (!units_kind_is_village(vs[i].kind))
			continue;
		struct member_input m = {.full_name = names[added], .position = added == 0 ? "head" : added == 1 ? "deputy" : "member",
					 .village = vs[i].code, .decision_ref = arena_printf(&a, "%zu/QĐ-MTTQ", 12 + added),
					 .decision_day = D(410), .elected_day = D(415), .resident = true, .not_official = true,
					 .username = added == 0 ? "thanhtra.lucngan" : NULL};
		e = ov_step(member_add(db, front, bid, &m, now - 405 * 86400, NULL, &pr), "member", &pr);
		added++;
	}
	/* Kinh Bắc's: two members only, most villages without one (a broken rule, shown) */
	if (!e)
		e = ov_step(oboard_create(db, kbfront, &kb, 0, &(struct board_input){.term_start = D(200)}, now - 200 * 86400, &kbid, &pr),
			    "kb board", &pr);
	for (int i = 0; !e && i < 2; i++) {
		struct member_input m = {.full_name = i ? "Ngô Thị Hằng" : "Phạm Thị Hoa", .position = i ? "member" : "head",
					 .village = i ? "09187-02" : "09187-01", .decision_ref = i ? "31/QĐ-MTTQ" : "30/QĐ-MTTQ",
					 .decision_day = D(190), .elected_day = D(195), .resident = true, .not_official = true};
		e = ov_step(member_add(db, kbfront, kbid, &m, now - 190 * 86400, NULL, &pr), "kb member", &pr);
	}
	/* the plan of the year, amended once */
	int y, mo, d;
	cal_civil_from_days(today, &y, &mo, &d);
	const char *y0 = arena_printf(&a, "%d-01-01", y), *y1 = arena_printf(&a, "%d-12-31", y);
	int64_t plan = 0;
	struct plan_input pl = {.period = "year", .from = y0, .to = y1,
				.purpose = "Giám sát việc thực hiện chính sách, pháp luật, dân chủ ở cơ sở của Ủy ban nhân dân xã; kiểm tra việc thực hiện các quyết định của cộng đồng.",
				.requirements = "Khách quan, đúng pháp luật, không làm cản trở hoạt động của cơ quan được kiểm tra.",
				.content = "Quý I: việc công khai dự toán ngân sách xã. Quý II: việc thu, chi quỹ đóng góp của Nhân dân. Quý III: việc giải quyết kiến nghị của cử tri. Quý IV: công trình đường giao thông liên thôn.",
				.timing = "Theo quý", .budget = "12000000", .organisation = "Trưởng ban phân công thành viên phụ trách từng nội dung."};
	if (!e)
		e = ov_step(plan_save(db, board, bid, 0, &pl, now - 330 * 86400, &plan, &pr), "plan", &pr);
	if (!e) {
		pl.content = "Quý I: việc công khai dự toán ngân sách xã. Quý II: việc thu, chi quỹ đóng góp của Nhân dân. Quý III: việc giải quyết kiến nghị của cử tri và việc bồi thường, hỗ trợ giải phóng mặt bằng. Quý IV: công trình đường giao thông liên thôn.";
		pl.reason = "Bổ sung nội dung theo đề nghị của Ủy ban MTTQ xã.";
		e = ov_step(plan_save(db, board, bid, plan, &pl, now - 200 * 86400, NULL, &pr), "plan amend", &pr);
	}
	/* the register: a road with two parts (weights 60 and 40), its supervision board */
	struct project_input pj = {.title = "Đường giao thông liên thôn Thanh Hải – Phì Điền", .kind = "public",
				   .budget = "4800000000", .sources = "Ngân sách tỉnh 70%, ngân sách xã 20%, Nhân dân đóng góp 10%",
				   .investor = "Ủy ban nhân dân xã Lục Ngạn", .contractor = "Công ty TNHH Xây dựng Hồng Phát",
				   .location = "Thôn Thanh Hải, thôn Phì Điền", .start = D(150), .end = D(-150)};
	if (!e)
		e = ov_step(project_create(db, officer, &ln, &pj, now - 160 * 86400, &pid, &pr), "project", &pr);
	const char *pids = arena_printf(&a, "%lld", (long long)pid);
	struct project_input p1 = {.title = "Nền và mặt đường", .kind = "public", .budget = "3200000000", .investor = pj.investor,
				   .start = D(150), .end = D(-60), .weight = "60", .parent = pids};
	struct project_input p2 = {.title = "Rãnh thoát nước và cống qua đường", .kind = "public", .budget = "1600000000",
				   .investor = pj.investor, .start = D(120), .end = D(-150), .weight = "40", .parent = pids};
	if (!e)
		e = ov_step(project_create(db, officer, &ln, &p1, now - 160 * 86400, &part1, &pr), "part", &pr);
	if (!e)
		e = ov_step(project_create(db, officer, &ln, &p2, now - 160 * 86400, &part2, &pr), "part", &pr);
	if (!e)
		e = ov_step(project_progress(db, officer, part1, "50", D(60), "Xong nền đường đoạn 1", now - 60 * 86400, &pr), "progress", &pr);
	if (!e)
		e = ov_step(project_progress(db, officer, part1, "80", D(10), "Đã rải nhựa 2/3 chiều dài", now - 10 * 86400, &pr), "progress", &pr);
	if (!e)
		e = ov_step(project_progress(db, officer, part2, "40", D(12), "Xong cống qua đường", now - 12 * 86400, &pr), "progress", &pr);
	if (!e)
		e = ov_step(project_milestone_add(db, officer, pid, "Khởi công", D(150), now - 150 * 86400, &pr), "milestone", &pr);
	if (!e)
		e = ov_step(project_milestone_add(db, officer, pid, "Hoàn thành nền đường", D(30), now - 150 * 86400, &pr), "milestone", &pr);
	if (!e)
		e = ov_step(project_milestone_add(db, officer, pid, "Nghiệm thu, bàn giao", D(-150), now - 150 * 86400, &pr), "milestone", &pr);
	struct milestone *ms;
	size_t nm = 0;
	if (!e && !project_milestones(&a, c, pid, &ms, &nm) && nm)
		e = ov_step(project_milestone_done(db, officer, pid, ms[0].id, D(150), now - 149 * 86400, &pr), "milestone done", &pr);
	if (!e)
		e = ov_step(oboard_create(db, front, &ln, pid,
					  &(struct board_input){.term_start = D(100), .notice_day = D(150), .supervision_day = D(100)},
					  now - 150 * 86400, &ibid, &pr),
			    "investment board", &pr);
	static const struct {
		const char *name, *pos, *rep, *village;
	} inv[] = {{"Lý Văn Quân", "head", "front", NULL}, {"Nguyễn Văn Bình", "deputy", "inspection", NULL},
		   {"Hà Văn Sáng", "member", "resident", "07582-01"}, {"Chu Thị Thảo", "member", "resident", "07582-02"},
		   {"Mã Văn Uy", "member", "resident", "07582-02"}};
	for (size_t i = 0; !e && i < ARRAY_SIZE(inv); i++) {
		struct member_input m = {.full_name = inv[i].name, .position = inv[i].pos, .represents = inv[i].rep,
					 .village = inv[i].village, .decision_ref = arena_printf(&a, "%zu/QĐ-MTTQ", 40 + i),
					 .decision_day = D(140), .elected_day = D(145), .resident = true, .not_official = true,
					 .no_relatives = true};
		e = ov_step(member_add(db, front, ibid, &m, now - 140 * 86400, NULL, &pr), "investment member", &pr);
	}
	/* an inspection notified ahead, its finding and a recommendation answered late */
	struct inspection_input in = {.kind = "inspection", .subject = "Ủy ban nhân dân xã: công khai dự toán, quyết toán ngân sách",
				      .content = "Kiểm tra việc công khai dự toán ngân sách xã năm nay và quyết toán năm trước theo Điều 11 Luật Thực hiện dân chủ ở cơ sở.",
				      .notified = D(70), .start = D(58), .end = D(56)};
	if (!e)
		e = ov_step(inspection_create(db, board, bid, &in, now - 70 * 86400, &iid, &pr), "inspection", &pr);
	struct finding_input fi = {.finding = "Dự toán ngân sách xã được niêm yết tại trụ sở nhưng chưa đăng trên cổng thông tin điện tử của xã.",
				   .evidence = "Ảnh chụp bảng niêm yết; biên bản làm việc với công chức Tài chính - Kế toán"};
	if (!e)
		e = ov_step(finding_add(db, board, iid, &fi, now - 57 * 86400, &pr), "finding", &pr);
	if (!e)
		e = ov_step(inspection_record(db, board, iid, "Ủy ban nhân dân xã công khai chưa đủ hình thức; đề nghị đăng tải bổ sung.", now - 56 * 86400, &pr),
			    "record", &pr);
	const char *code = NULL;
	if (!e)
		e = ov_step(rec_create(db, &a, board, bid, iid, "Đăng dự toán ngân sách xã lên cổng thông tin điện tử",
				       "Ban Thanh tra nhân dân kiến nghị Ủy ban nhân dân xã đăng tải dự toán ngân sách xã trên cổng thông tin điện tử theo Điều 12 Luật Thực hiện dân chủ ở cơ sở.",
				       now - 55 * 86400, &cid, &code, &pr),
			    "recommendation", &pr);
	const char *token;
	if (!e)
		e = ov_step(case_act(db, &a, chair, cid, &(struct case_act){.action = CA_ACCEPT}, now - 54 * 86400, &token, &pr), "accept", &pr);
	if (!e)
		e = ov_step(case_act(db, &a, chair, cid,
				     &(struct case_act){.action = CA_RESOLVE,
							.answer = "Ủy ban nhân dân xã đã đăng tải dự toán ngân sách xã trên cổng thông tin điện tử ngày hôm nay.",
							.decision_ref = "85/UBND-VP"},
				     now - 30 * 86400, &token, &pr),
			    "resolve", &pr);
	/* an inspection coming up, notified today */
	struct inspection_input in2 = {.kind = "visit", .subject = "Công trình đường giao thông liên thôn",
				       .content = "Giám sát chất lượng vật liệu, khối lượng thi công nền đường.",
				       .experts = "Kỹ sư Nguyễn Hữu Tài (Phòng Kinh tế)", .start = D(-10), .end = D(-11)};
	if (!e)
		e = ov_step(inspection_create(db, board, bid, &in2, now, NULL, &pr), "visit", &pr);
	/* conferences: last year's village conference held; the office's staff conference without a quorum */
	int64_t fid = 0;
	struct conference_input vc = {.kind = "village", .year = arena_printf(&a, "%d", y - 1),
				      .title = arena_printf(&a, "Hội nghị thôn năm %d", y - 1),
				      .starts = arena_printf(&a, "%sT08:00", D(360)), .place = "Nhà văn hóa thôn", .notice = D(370),
				      .agreed = D(372), .summoned = "120"};
	if (!e)
		e = ov_step(conference_create(db, head, &vs[0], &vc, now - 370 * 86400, &fid, &pr), "village conference", &pr);
	if (!e)
		e = ov_step(conference_held(db, head, fid, "96", "Hội nghị thảo luận, thông qua các nội dung; Trưởng thôn tiếp thu ý kiến về sửa đường nội đồng.", D(359), now - 359 * 86400, &pr),
			    "village held", &pr);
	if (!e)
		e = ov_step(conf_item_add(db, head, fid, &(struct conf_item_input){.kind = "question", .text = "Bao giờ sửa đường nội đồng?", .who = "Ông Hà Văn Sáng",
										  .answer = "Đưa vào kế hoạch năm sau, Nhân dân góp ngày công."},
					  now - 359 * 86400, &pr),
			    "question", &pr);
	if (!e)
		e = ov_step(conf_item_add(db, head, fid, &(struct conf_item_input){.kind = "task", .text = "Lập dự toán sửa đường nội đồng", .owner = "truongthon.lucngan",
										  .due = D(300)},
					  now - 359 * 86400, &pr),
			    "task", &pr);
	if (!e)
		e = ov_step(unit_staff_set(db, agency, &lnub, "30", now - 300 * 86400, &pr), "staff", &pr);
	struct conference_input sc = {.kind = "staff", .year = arena_printf(&a, "%d", y - 1),
				      .title = arena_printf(&a, "Hội nghị cán bộ, công chức năm %d", y - 1),
				      .starts = arena_printf(&a, "%sT08:00", D(300)), .place = "Hội trường Ủy ban nhân dân xã",
				      .notice = D(310), .agenda = "Báo cáo của thủ trưởng\nBáo cáo của công đoàn\nThảo luận\nNghị quyết hội nghị"};
	if (!e)
		e = ov_step(conference_create(db, agency, &lnub, &sc, now - 310 * 86400, &fid, &pr), "staff conference", &pr);
	if (!e)
		e = ov_step(conference_held(db, agency, fid, "18", "Hội nghị có 18/30 người dự, không đủ 2/3: chưa thông qua nghị quyết, sẽ tổ chức lại.", NULL, now - 299 * 86400, &pr),
			    "staff held", &pr);
	/* the third quarter's report */
	if (!e)
		e = ov_step(board_report_issue(db, &a, board, bid, "quarter", arena_printf(&a, "%d-07-01", y), arena_printf(&a, "%d-09-30", y),
					       now, NULL, &pr),
			    "report", &pr);
#undef D
	arena_free(&a);
	return e;
}
