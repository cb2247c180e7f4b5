/*
 * demo.c — demo data for Bắc Ninh (see demo.h). Names are drawn from common
 * Vietnamese family, middle and given names with a fixed seed, so every
 * demo database is the same.
 */
#include "demo.h"
#include "auth/auth.h"
#include "db/db.h"
#include "events/events.h"
#include "units/units.h"
#include "util/buf.h"
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
			     const char *name, int64_t *id)
{
	int64_t uid;
	enum app_err e = units_create(c, parent, code, kind, name, &uid);
	if (e)
		return e;
	if (id)
		*id = uid;
	char subject[48];
	snprintf(subject, sizeof subject, "unit:%s", code);
	struct event ev = {.unit = uid, .kind = "unit.create", .subject = subject, .public = true};
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

static enum app_err add_account(struct dbc *c, const struct account *a)
{
	int64_t uid, unit_id = 0;
	enum app_err e = auth_user_add(c, a->username, a->name, DEMO_PASSWORD, 0, &uid);
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
	struct db_stmt *s = dbc_stmt(c, STMT_ROLE_INSERT);
	db_bind_i64(s, 1, uid);
	db_bind_text(s, 2, a->role);
	if (unit_id)
		db_bind_i64(s, 3, unit_id);
	else
		db_bind_null(s, 3);
	if ((e = db_exec(s)))
		return e;
	printf("  %-28s %-16s %s\n", a->username, a->role, a->unit ? a->unit : "(cả nước)");
	return APP_OK;
}

enum app_err demo_fill(struct dbc *c)
{
	struct arena a;
	arena_init(&a);
	struct unit prov, *communes;
	size_t ncomm;
	enum app_err e = units_get(&a, c, "24", &prov);
	if (!e)
		e = units_children(&a, c, prov.id, &communes, &ncomm);
	int64_t now = time(NULL), nhh = 0, nvil = 0;
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
			e = add_unit(c, cm, code, urban ? "residential_group" : "village", name, &vid);
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
			e = add_unit(c, &p, orgs[i].code, orgs[i].kind, orgs[i].name, NULL);
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
		{"resident", "09187-01", "dan.kinhbac", "Vũ Thị Mai"},
		{"agency_head", "09187-UB", "thutruong.kinhbac", "Bùi Văn Long"},
		{"union_officer", "09187-DN", "congdoan.kinhbac", "Đặng Thị Hạnh"},
		{"commune_chair", "07582", "chutich.lucngan", "Ngô Văn Dũng"},
		{"commune_officer", "07582", "canbo.lucngan", "Dương Thị Hương"},
		{"front_officer", "07582", "mattran.lucngan", "Lý Văn Quân"},
		{"board_member", "07582", "thanhtra.lucngan", "Đào Thị Nga"},
		{"supervisor", "07582", "giamsat.lucngan", "Đinh Văn Tuấn"},
		{"village_head", "07582-01", "truongthon.lucngan", "Trịnh Văn Thắng"},
		{"resident", "07582-01", "dan.lucngan", "Lương Thị Yến"},
		{"agency_head", "07582-UB", "thutruong.lucngan", "Tạ Văn Phong"},
		{"union_officer", "07582-DN", "congdoan.lucngan", "Hồ Thị Trang"},
	};
	for (size_t i = 0; i < sizeof accts / sizeof *accts && !e; i++)
		e = add_account(c, &accts[i]);
	if (!e) {
		struct event ev = {.unit = prov.id, .kind = "demo.create", .subject = "unit:24", .public = true};
		e = events_add(c, &ev, NULL);
	}
	arena_free(&a);
	return e;
}
