/*
 * decisions_bench.c — `coso decisions bench-seed`, run by `make bench`: a
 * residential group of many households ("09187-BV"), each with a
 * representative who has an account and an API token (tokens are written to
 * a file, one per line, for wrk), then a new online matter in its first step,
 * so that every household may cast one ballot. Households and tokens are
 * made once; each run adds a matter. Accounts have no usable password.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../util/crypto.h"
#include "decisions.h"
#include "../util/problems.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_VILLAGE "09187-BV"

struct hh_job {
	int64_t village;
	long from, n;
	FILE *tokens;
};

static enum app_err hh_fn(struct dbc *c, void *arg)
{
	struct hh_job *j = arg;
	int64_t now = time(NULL);
	enum app_err e = APP_OK;
	for (long k = j->from; k < j->from + j->n && !e; k++) {
		char code[24], name[64], user[32];
		snprintf(code, sizeof code, "B%06ld", k);
		snprintf(name, sizeof name, "Hộ thử tải %ld", k);
		snprintf(user, sizeof user, "bv.%06ld", k);
		struct db_stmt *s = dbc_stmt(c, STMT_HH_INSERT);
		db_bind_i64(s, 1, j->village);
		db_bind_text(s, 2, code);
		db_bind_text(s, 3, name);
		db_bind_text(s, 4, "Tổ dân phố thử tải");
		db_bind_i64(s, 5, 3);
		db_bind_i64(s, 6, now);
		bool row;
		e = db_step(s, &row);
		int64_t hid = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			break;
		s = dbc_stmt(c, STMT_UNIT_ADD_HOUSEHOLD);
		db_bind_i64(s, 1, j->village);
		db_bind_i64(s, 2, 3);
		if ((e = db_exec(s)))
			break;
		if (!j->tokens)
			continue; /* households only (the commune tally) */
		s = dbc_stmt(c, STMT_RESIDENT_INSERT);
		db_bind_i64(s, 1, hid);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3, name);
		db_bind_null(s, 4);
		db_bind_i64(s, 5, 1);
		db_bind_null(s, 6);
		e = db_step(s, &row);
		int64_t rid = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			break;
		int64_t uid = 0;
		if ((e = auth_user_add_unset(c, user, name, rid, time(NULL), &uid)))
			break;
		if ((e = auth_role_grant(c, uid, "resident", j->village)))
			break;
		char token[CRYPTO_TOKEN_LEN];
		if (!(e = auth_token_new(c, uid, "bench", "ballot", 30, (int64_t)time(NULL), token, NULL)))
			fprintf(j->tokens, "%s\n", token);
	}
	return e;
}

/* A new online matter of the village in its first step, put by its head as
 * in the program (the role held in memory only); false with why printed. */
static enum app_err open_vote(struct db *db, struct dbc *c, struct arena *a, const struct unit *v, int64_t actor,
			      const char *title, int64_t *id)
{
	int64_t now = time(NULL);
	struct matter_input in = {6, "online", title, "", true, false, true, now + 86400, now + 2 * 86400, 0, NULL, 1, NULL,
				  0, NULL, 0};
	struct user head;
	auth_as_village_head(&head, actor, v->id, v->code, v->path, v->title);
	struct problems pr = {.a = a};
	enum app_err e = matter_create(db, c, v, &in, &head, now, id, &pr);
	if (e)
		fprintf(stderr, "bench: cannot open the vote (%s%s%s)\n", app_err_code(e), pr.n ? ": " : "",
			pr.n ? pr.v[0].message : "");
	return e;
}

/* Adds households to a village up to want (with accounts and tokens written
 * to tokens when it is not NULL), in transactions of 5000. */
static enum app_err fill_village(struct db *db, struct dbc *c, const struct unit *v, long want, FILE *tokens, long *added)
{
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
	db_bind_i64(s, 1, v->id);
	long have = (long)db_one_i64(s, 0, NULL);
	enum app_err e = APP_OK;
	for (long k = have; k < want && !e; k += 5000) {
		struct hh_job j = {v->id, k, want - k < 5000 ? want - k : 5000, tokens};
		e = db_write(db, hh_fn, &j);
	}
	*added = want > have ? want - have : 0;
	return e;
}

int decisions_bench_seed(struct db *db, long want, const char *tokens_path)
{
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int rc = 1;
	struct unit parent, v;
	struct db_stmt *s;
	int64_t actor = auth_user_id(c, "sysadmin");
	enum app_err e = actor ? units_get(&a, c, "09187", &parent) : APP_ENOTFOUND;
	if (e) {
		fprintf(stderr, "decisions bench: needs a demo database (coso init --demo)\n");
		goto out;
	}
	if ((e = units_ensure(db, &a, c, &parent, BENCH_VILLAGE, "residential_group", "Tổ dân phố thử tải", time(NULL), &v))) {
		fprintf(stderr, "decisions bench: cannot create the village (%s)\n", app_err_code(e));
		goto out;
	}
	s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
	db_bind_i64(s, 1, v.id);
	long have = (long)db_one_i64(s, 0, NULL);
	if (have < want) {
		FILE *f = fopen(tokens_path, have ? "a" : "w");
		if (!f) {
			fprintf(stderr, "decisions bench: cannot write %s\n", tokens_path);
			goto out;
		}
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		long added;
		e = fill_village(db, c, &v, want, f, &added);
		fclose(f);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (e) {
			fprintf(stderr, "decisions bench: seeding failed (%s)\n", app_err_code(e));
			goto out;
		}
		fprintf(stderr, "decisions bench: %ld households with accounts and tokens in %.1f s\n", added,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	/* a new matter in its first step: every household may vote once */
	int64_t id = 0;
	if (open_vote(db, c, &a, &v, actor, "Thử tải hòm phiếu trực tuyến", &id))
		goto out;
	printf("%lld\n", (long long)id);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* ---- a commune of many villages, for the commune-wide tally ---- */

#define BENCH_COMMUNE "BENCH-XA"
#define BENCH_VILLAGES 50

struct met_job {
	int64_t matter, village, actor, households;
	int i;
};

/* Every household of the village attended its meeting, which counted and ended. */
static enum app_err met_fn(struct dbc *c, void *arg)
{
	struct met_job *j = arg;
	int64_t now = time(NULL);
	enum app_err e = db_run(c, STMT_MEETING_SET_START, "ii", (int64_t)j->matter, (int64_t)(now - 3600));
	if (!e) {
		e = db_run(c, STMT_BENCH_ATTEND_ALL, "iiii", (int64_t)j->matter, (int64_t)j->actor, (int64_t)(now - 1800), (int64_t)j->village);
	}
	if (!e) {
		/* most villages approve by 3/4; one in five falls short of 2/3 */
		int64_t yes = j->i % 5 ? j->households * 3 / 4 : j->households / 2;
		e = db_run(c, STMT_RESULT_UPSERT, "iiiiiii", (int64_t)j->matter, (int64_t)1, (int64_t)yes, (int64_t)(j->households - yes), (int64_t)0, (int64_t)j->actor, (int64_t)(now - 900));
	}
	if (!e) {
		e = db_run(c, STMT_MEETING_END, "ii", (int64_t)j->matter, (int64_t)(now - 900));
	}
	return e;
}

int decisions_bench_commune(struct db *db, long per_village, const char *unused)
{
	(void)unused;
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int rc = 1;
	struct unit base, province, commune;
	int64_t actor = auth_user_id(c, "sysadmin");
	enum app_err e = actor ? units_get(&a, c, "09187", &base) : APP_ENOTFOUND;
	if (!e)
		e = units_get(&a, c, base.parent_code, &province);
	if (e) {
		fprintf(stderr, "decisions bench: needs a demo database (coso init --demo)\n");
		goto out;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long added = 0;
	if ((e = units_ensure(db, &a, c, &province, BENCH_COMMUNE, "commune", "Thử tải", time(NULL), &commune)))
		goto fail;
	for (int i = 1; i <= BENCH_VILLAGES && !e; i++) {
		char code[32], title[64];
		snprintf(code, sizeof code, "%s-%02d", BENCH_COMMUNE, i);
		snprintf(title, sizeof title, "Thử tải %d", i);
		struct unit v;
		long n = 0;
		if (!(e = units_ensure(db, &a, c, &commune, code, "village", title, time(NULL), &v)))
			e = fill_village(db, c, &v, per_village, NULL, &n);
		added += n;
	}
	if (e)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (added)
		fprintf(stderr, "decisions bench: %d villages, %ld households added in %.1f s\n", BENCH_VILLAGES, added,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* a commune-wide item 1 (Art. 16): every village meets; here they all have met */
	int64_t now = time(NULL), id = 0;
	struct matter_input in = {.item = 1, .form = "meeting", .title = "Thử tải: đóng góp xây dựng đường liên thôn",
				  .description = "", .front_agreed = true, .meeting_at = now + 3 * 86400,
				  .location = "Nhà văn hóa của mỗi thôn", .clusters = 1, .method = "hands"};
	/* put by the commune's chair, as in the program (the role held in memory only) */
	struct user chair = {.id = actor, .nrole = 1,
			     .roles = {{"commune_chair", commune.id, commune.code, commune.path, commune.title}}};
	struct problems pr = {.a = &a};
	if ((e = commune_matter_create(db, c, &commune, &in, &chair, now, &id, &pr)))
		goto fail;
	struct matter *kids;
	size_t nk;
	if ((e = matter_children(&a, c, id, &kids, &nk)))
		goto fail;
	for (size_t i = 0; i < nk && !e; i++) {
		struct met_job j = {kids[i].id, kids[i].unit.id, actor, kids[i].eligible, (int)i};
		e = db_write(db, met_fn, &j);
	}
	if (e)
		goto fail;
	printf("%lld\n", (long long)id);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "decisions bench: the commune tally could not be prepared (%s)\n", app_err_code(e));
out:
	arena_free(&a);
	return rc;
}

/* ---- SMS ballots (issue #14) ---- */

/* An online vote in BENCH-TB-01 (coso notify bench-seed), whose households
 * get one-time codes by SMS; each household's number and code written to
 * codes_path, for wrk to vote through the inbound webhook. */
int decisions_bench_sms(struct db *db, long unused, const char *codes_path)
{
	(void)unused;
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int rc = 1;
	struct unit v;
	int64_t actor = auth_user_id(c, "sysadmin");
	if (!actor || units_get(&a, c, "BENCH-TB-01", &v)) {
		fprintf(stderr, "smsvote bench: run coso notify bench-seed first\n");
		goto out;
	}
	int64_t id = 0;
	if (open_vote(db, c, &a, &v, actor, "Thử tải biểu quyết bằng tin nhắn", &id))
		goto out;
	FILE *f = fopen(codes_path, "w");
	if (!f) {
		fprintf(stderr, "smsvote bench: cannot write %s\n", codes_path);
		goto out;
	}
	char subject[32];
	snprintf(subject, sizeof subject, "matter:%lld", (long long)id);
	struct db_stmt *s = dbc_stmt(c, STMT_BENCH_CODES);
	db_bind_text(s, 1, subject);
	bool row;
	while (!db_step(s, &row) && row)
		fprintf(f, "%s %s\n", db_col_text(s, 0), db_col_text(s, 1));
	db_reset(s);
	fclose(f);
	printf("%lld\n", (long long)id);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
