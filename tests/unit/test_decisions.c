/* test_decisions.c — Art. 21(1) thresholds in integer arithmetic, always
 * against ALL households, at every boundary; the stages of a matter; the
 * sealed ballot box (a change needs the receipt, the change key and the same
 * household; the tally and the receipts open the boxes) on a SQLite file. */
#include "test.h"
#include "ledger/ledger.h"
#include "auth/auth.h"
#include "db/db.h"
#include "boards/boards.h"
#include "decisions/decisions.h"
#include "units/units.h"
#include "util/problems.h"
#include <stdlib.h>
#include <unistd.h>
/* The instant every fixture is written at: a fixed time, never the clock. */
#define T_NOW ((int64_t)1790000000)


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
	struct matter m = {.form = FORM_ONLINE, .eligible = 10, .opens_at = 100, .prepoll_closes_at = 200, .closes_at = 300};
	assert_int_equal(matter_stage(&m, 99, 0), STAGE_SCHEDULED);
	assert_int_equal(matter_stage(&m, 100, 0), STAGE_PREPOLL);
	assert_int_equal(matter_stage(&m, 199, 0), STAGE_PREPOLL);
	/* more than half of ALL households must agree to vote online */
	assert_int_equal(matter_stage(&m, 200, 5), STAGE_REJECTED_ONLINE);
	assert_int_equal(matter_stage(&m, 200, 6), STAGE_OPEN);
	assert_int_equal(matter_stage(&m, 299, 6), STAGE_OPEN);
	/* one name table: the names the API and the database use */
	assert_string_equal(matter_stage_names[STAGE_REJECTED_ONLINE], "rejected_online");
	assert_int_equal(matter_form_of("ballot"), FORM_BALLOT);
	assert_int_equal(matter_form_of("email"), FORM__N);
	/* the close is exact */
	assert_int_equal(matter_stage(&m, 300, 6), STAGE_CLOSED);
}

static enum app_err setup_fn(struct dbc *c, void *arg)
{
	struct arena *a = arg;
	struct import_report rep;
	import_report_init(&rep, a);
	static const char units[] = "province_code,province_name,commune_code,commune_name,commune_type\n"
				    "24,Bắc Ninh,07582,Lục Ngạn,xã\n";
	static const char hh[] = "village_code,household_code,head,address,members,representative,phone\n"
				 "07582-01,H1,Nguyễn Văn A,Số 1,3,,\n07582-01,H2,Trần Thị B,Số 2,2,,\n";
	struct unit p;
	int64_t uid;
	enum app_err e = units_import_csv(c, units, sizeof units - 1, T_NOW, &rep);
	if (!e)
		e = units_get(a, c, "07582", &p);
	if (!e)
		e = units_create(c, &p, "07582-01", "village", "Thôn Một", T_NOW, NULL);
	if (!e)
		e = households_import_csv(c, hh, sizeof hh - 1, NULL, 0, 0, T_NOW, &rep);
	if (!e)
		e = auth_user_add(c, "truongthon", "Trưởng thôn", "mat-khau-rat-dai", 0, T_NOW, &uid);
	return e;
}

/* A database of its own for one test: migrated, filled by fill, with the
 * thread's connection; fixture_end closes and removes it. */
struct fixture {
	char path[64];
	struct db *db;
	struct dbc *c;
	struct arena a;
};

static void fixture_begin(struct fixture *f, const char *name, db_write_fn fill)
{
	snprintf(f->path, sizeof f->path, "/tmp/coso-unit-%s-%d.db", name, (int)getpid());
	unlink(f->path);
	char *err = NULL;
	assert_int_equal(db_open(f->path, false, &f->db, &err), APP_OK);
	assert_int_equal(db_migrate(f->db, &err), APP_OK);
	arena_init(&f->a);
	assert_int_equal(db_write(f->db, fill, &f->a), APP_OK);
	assert_int_equal(db_conn(f->db, &f->c), APP_OK);
}

static void fixture_end(struct fixture *f)
{
	arena_free(&f->a);
	db_close(f->db);
	unlink(f->path);
}

struct box_job {
	int64_t matter, household;
	const char *choice, *receipt, *key;
	bool changeable;
	char out_receipt[RECEIPT_LEN], out_key[CHANGE_KEY_LEN];
	bool take_back;
};

static enum app_err box_fn(struct dbc *c, void *arg)
{
	struct box_job *j = arg;
	if (j->take_back)
		return ballot_box_take_back(c, j->matter, "vote", j->receipt, j->key, j->household);
	return ballot_box_put(c, j->matter, "vote", j->choice, j->household, false, j->out_receipt,
			      j->changeable ? j->out_key : NULL);
}

static void test_ballot_box(void **s)
{
	struct fixture fx;
	fixture_begin(&fx, "box", setup_fn);
	struct db *db = fx.db;
	struct dbc *c = fx.c;
	struct arena *a = &fx.a;
	struct unit v;
	assert_int_equal(units_get(a, c, "07582-01", &v), APP_OK);
	struct household *hh;
	size_t nh;
	assert_int_equal(households_list(a, c, v.id, NULL, 10, 0, &hh, &nh), APP_OK);
	assert_int_equal(nh, 2);
	int64_t now = 1800000000, id;
	struct matter_input in = {6, "online", "Thử hòm phiếu", "", true, true, true, now + 60, now + 120, 0, NULL, 1, NULL, 0,
				  NULL, 0};
	struct user head = {.id = auth_user_id(c, "truongthon"), .nrole = 1, .roles = {{"village_head", v.id, v.code, v.path, v.title}}};
	struct problems pr = {.a = a};
	assert_int_equal(matter_create(db, c, &v, &in, &head, now, &id, &pr), APP_OK);
	uint8_t secret[64] = {1, 2, 3};
	ballot_box_key_set(secret, sizeof secret);
	/* A votes against with a change key, B votes for */
	struct box_job A = {.matter = id, .household = hh[0].id, .choice = "against", .changeable = true};
	struct box_job B = {.matter = id, .household = hh[1].id, .choice = "for", .changeable = true};
	assert_int_equal(db_write(db, box_fn, &A), APP_OK);
	assert_int_equal(db_write(db, box_fn, &B), APP_OK);
	assert_int_equal(strlen(A.out_receipt), RECEIPT_LEN - 1);
	assert_int_equal(strlen(A.out_key), CHANGE_KEY_LEN - 1);
	int64_t t[3];
	assert_int_equal(ballot_box_tally(c, id, "vote", false, t), APP_OK);
	assert_true(t[0] == 1 && t[1] == 1 && t[2] == 0);
	/* B cannot take A's ballot back: not with its own key, not with A's */
	struct box_job steal = {.matter = id, .household = hh[1].id, .receipt = A.out_receipt, .key = B.out_key, .take_back = true};
	assert_int_equal(db_write(db, box_fn, &steal), APP_ENOTFOUND);
	steal.key = A.out_key;
	assert_int_equal(db_write(db, box_fn, &steal), APP_ENOTFOUND);
	/* A can, typing the receipt in lower case with spaces; once */
	char typed[64];
	snprintf(typed, sizeof typed, " %s ", A.out_receipt);
	for (char *p = typed; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	struct box_job mine = {.matter = id, .household = hh[0].id, .receipt = typed, .key = A.out_key, .take_back = true};
	assert_int_equal(db_write(db, box_fn, &mine), APP_OK);
	assert_int_equal(db_write(db, box_fn, &mine), APP_ENOTFOUND);
	/* a paper ballot (no change key) can never be taken back */
	struct box_job P = {.matter = id, .household = hh[0].id, .choice = "abstain"};
	assert_int_equal(db_write(db, box_fn, &P), APP_OK);
	struct box_job paper = {.matter = id, .household = hh[0].id, .receipt = P.out_receipt, .key = "K-00000-00000-00000",
				.take_back = true};
	assert_int_equal(db_write(db, box_fn, &paper), APP_ENOTFOUND);
	/* the receipts, opened, in order, with their choices */
	struct ballot_receipt *r;
	size_t n;
	assert_int_equal(ballot_box_receipts(a, c, id, "vote", &r, &n), APP_OK);
	assert_int_equal(n, 2);
	assert_true(strcmp(r[0].receipt, r[1].receipt) < 0);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r[i].choice, !strcmp(r[i].receipt, B.out_receipt) ? "for" : "abstain");
	/* another key opens nothing */
	secret[0] = 9;
	ballot_box_key_set(secret, sizeof secret);
	assert_int_equal(ballot_box_tally(c, id, "vote", false, t), APP_EIO);
	fixture_end(&fx);
}

/* Time is a parameter: the election timeline (Decree 59 Art. 6: the plan at
 * least 20 days before) and the start of attendance (an hour before the
 * meeting) at fixed instants, on a database of its own. */
static void test_fixed_time(void **s)
{
	struct fixture fx;
	fixture_begin(&fx, "time", setup_fn);
	struct db *db = fx.db;
	struct dbc *c = fx.c;
	struct arena *a = &fx.a;
	struct unit v;
	assert_int_equal(units_get(a, c, "07582-01", &v), APP_OK);
	int64_t actor = auth_user_id(c, "truongthon"), now = 1800000000, day = 86400, id = 0;
	/* the commune chair decides it, at least 20 days ahead; every problem at once */
	struct unit commune;
	assert_int_equal(units_get(a, c, "07582", &commune), APP_OK);
	struct user chair = {.id = actor, .nrole = 1, .roles = {{"commune_chair", commune.id, commune.code, commune.path, commune.title}}};
	struct problems ep = {.a = a};
	assert_int_equal(election_create(db, &v, "village_head", now + 20 * day, "Nhà văn hóa", "hands", &(struct user){.id = actor},
					 now, &id, &ep),
			 APP_EFORBID);
	ep.n = 0;
	assert_int_equal(election_create(db, &v, "village_head", now + 20 * day - 1, "", "raise", &chair, now, &id, &ep), APP_EINVAL);
	assert_int_equal(ep.n, 3);
	assert_non_null(problems_of(&ep, "meeting_at"));
	assert_non_null(problems_of(&ep, "location"));
	assert_non_null(problems_of(&ep, "method"));
	assert_int_equal(election_create(db, &v, "village_head", now + 20 * day, "Nhà văn hóa", "hands", &chair, now, &id, &ep),
			 APP_OK);
	/* a meeting in 3 days: attendance opens an hour before it, not earlier */
	struct matter_input in = {6, "meeting", "Giờ đóng cổng", "", false, false, true, 0, 0, now + 3 * day, "Nhà văn hóa", 1,
				  "hands", 0, NULL, 0};
	int64_t mid;
	/* the write checks who acts: the village head of this village, nobody else */
	struct user head = {.id = actor, .nrole = 1, .roles = {{"village_head", v.id, v.code, v.path, v.title}}};
	struct problems mp = {.a = a};
	/* every problem of a proposal at once: a meeting sooner than 2 days, no place, no title */
	struct matter_input bad = {6, "meeting", "", "", false, false, true, 0, 0, now + day, "", 1, "hands", 0, NULL, 0};
	assert_int_equal(matter_create(db, c, &v, &bad, &head, now, &mid, &mp), APP_EINVAL);
	assert_int_equal(mp.n, 3);
	assert_non_null(problems_of(&mp, "title"));
	assert_non_null(problems_of(&mp, "meeting_at"));
	assert_non_null(problems_of(&mp, "location"));
	assert_int_equal(matter_create(db, c, &v, &in, &chair, now, &mid, &mp), APP_EFORBID);
	assert_int_equal(matter_create(db, c, &v, &in, &head, now, &mid, &mp), APP_OK);
	struct household *hh;
	size_t nh;
	assert_int_equal(households_list(a, c, v.id, NULL, 10, 0, &hh, &nh), APP_OK);
	struct user other = {.id = actor, .nrole = 1, .roles = {{"village_head", 0, "", "/24/07582/99/", "Thôn khác"}}};
	struct problems pr = {.a = a};
	assert_int_equal(meeting_attend(db, mid, hh[0].id, 1, true, &other, now + 3 * day, &pr), APP_EFORBID);
	assert_int_equal(pr.n, 1);
	pr.n = 0;
	assert_int_equal(meeting_attend(db, mid, hh[0].id, 1, true, &head, now + 3 * day - 3601, &pr), APP_ECONFLICT);
	assert_non_null(problems_of(&pr, ""));
	assert_int_equal(meeting_attend(db, mid, hh[0].id, 1, true, &head, now + 3 * day - 3600, &pr), APP_OK);
	fixture_end(&fx);
}

static enum app_err village12_fn(struct dbc *c, void *arg)
{
	struct arena *a = arg;
	struct import_report rep;
	import_report_init(&rep, a);
	static const char units[] = "province_code,province_name,commune_code,commune_name,commune_type\n"
				    "24,Bắc Ninh,07582,Lục Ngạn,xã\n";
	char hh[2048] = "village_code,household_code,head,address,members,representative,phone\n";
	for (int i = 1; i <= 12; i++) {
		char line[128];
		snprintf(line, sizeof line, "07582-01,H%d,Chủ hộ %d,Số %d,3,Chủ hộ %d,\n", i, i, i, i);
		strcat(hh, line);
	}
	struct unit p;
	enum app_err e = units_import_csv(c, units, sizeof units - 1, T_NOW, &rep);
	if (!e)
		e = units_get(a, c, "07582", &p);
	if (!e)
		e = units_create(c, &p, "07582-01", "village", "Thôn Một", T_NOW, NULL);
	if (!e)
		e = households_import_csv(c, hh, strlen(hh), NULL, 0, 0, T_NOW, &rep);
	/* accounts for the representatives of the first two households */
	for (int i = 0; !e && i < 2; i++) {
		struct unit v;
		int64_t uid;
		e = units_get(a, c, "07582-01", &v);
		struct db_stmt *s = dbc_stmt(c, STMT_DEMO_REPRESENTATIVE);
		db_bind_i64(s, 1, v.id);
		db_bind_i64(s, 2, i);
		bool row;
		int64_t rid = !e && !db_step(s, &row) && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (!e)
			e = auth_user_add(c, i ? "dan2" : "dan1", "Đại diện hộ", "mat-khau-rat-dai", rid, T_NOW, &uid);
	}
	return e;
}

/* Citizens' initiatives at fixed instants (Law 10/2022 Art. 16): the writes
 * check who may act and return every problem; consents count for three
 * months; 10% of the households (2 of 12) forwards the initiative. */
static void test_initiatives(void **s)
{
	struct fixture fx;
	fixture_begin(&fx, "ini", village12_fn);
	struct db *db = fx.db;
	struct dbc *c = fx.c;
	struct arena *a = &fx.a;
	struct unit v;
	assert_int_equal(units_get(a, c, "07582-01", &v), APP_OK);
	struct user one = {.id = auth_user_id(c, "dan1")}, two = {.id = auth_user_id(c, "dan2")}, stranger = {.id = 999};
	int64_t now = 1800000000, day = 86400, id = 0;
	/* every problem at once, nothing written */
	struct problems pr = {.a = a};
	assert_int_equal(initiative_create(db, c, &one, &v, 9, "", NULL, now, &pr, &id), APP_EINVAL);
	assert_int_equal(pr.n, 2);
	assert_non_null(problems_of(&pr, "item"));
	assert_non_null(problems_of(&pr, "title"));
	struct initiative *xs;
	size_t nx;
	assert_int_equal(initiative_list(a, c, v.path, &xs, &nx), APP_OK);
	assert_int_equal(nx, 0);
	/* only a household's representative proposes */
	pr.n = 0;
	assert_int_equal(initiative_create(db, c, &stranger, &v, 6, "Làm đường", NULL, now, &pr, &id), APP_EFORBID);
	assert_int_equal(pr.n, 1);
	pr.n = 0;
	assert_int_equal(initiative_create(db, c, &one, &v, 6, "Làm đường", NULL, now, &pr, &id), APP_OK);
	struct initiative x;
	assert_int_equal(initiative_get(a, c, id, &x), APP_OK);
	assert_int_equal(x.households, 12);
	assert_int_equal(initiative_consents_needed(x.households), 2);
	assert_int_equal(initiative_valid_consents(c, id, now), 1); /* the initiator's own */
	/* the second household consents four months later: the first consent has lapsed */
	int64_t later = now + 120 * day;
	assert_int_equal(initiative_consent(db, c, &two, &x, NULL, later, &pr), APP_OK);
	assert_int_equal(initiative_valid_consents(c, id, later), 1);
	assert_int_equal(initiative_get(a, c, id, &x), APP_OK);
	assert_int_equal(x.forwarded_at, 0);
	/* a paper consent needs the initiator or the village head, and a household of the village */
	pr.n = 0;
	assert_int_equal(initiative_consent(db, c, &two, &x, "H3", later, &pr), APP_EFORBID);
	pr.n = 0;
	assert_int_equal(initiative_consent(db, c, &one, &x, "H99", later, &pr), APP_EINVAL);
	assert_non_null(problems_of(&pr, "household"));
	/* the initiator records H3's paper consent: 2 valid of 12, forwarded then */
	assert_int_equal(initiative_consent(db, c, &one, &x, "H3", later + 60, &pr), APP_OK);
	assert_int_equal(initiative_get(a, c, id, &x), APP_OK);
	assert_int_equal(x.forwarded_at, later + 60);
	assert_false(x.front_approved);
	/* only the Front approves below 10%, and not twice */
	pr.n = 0;
	assert_int_equal(initiative_approve(db, &one, &x, later, &pr), APP_EFORBID);
	fixture_end(&fx);
}

int main(void)
{
	ledger_listen(); /* public events become ledger leaves, as in the program */
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_thresholds), cmocka_unit_test(test_procedural),
					   cmocka_unit_test(test_stages), cmocka_unit_test(test_ballot_box),
					   cmocka_unit_test(test_fixed_time), cmocka_unit_test(test_initiatives)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
