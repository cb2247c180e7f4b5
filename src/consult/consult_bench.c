/*
 * consult_bench.c — `coso consult bench-seed`, run by `make bench`: a
 * province-wide consultation (Bắc Ninh, the demo's, its draft of 50 articles
 * of 4 clauses) published through the domain by the province's
 * administrator, open for a year, and COUNT comments on it (default
 * 1,000,000): 100,000 on Article 1 clause 1 (the per-clause synthesis view),
 * the rest spread over the other clauses, from the demo resident of Lục Ngạn
 * and as officers entered them from meetings; every second one answered.
 * Prints the consultation's id. Added once (a consultation that has its
 * comments is left as it is, those an earlier run of make bench added taken
 * away again; a new one is made when the last one closed).
 * For make bench only: the comments are written in batches, without events.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "consult.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 20000      /* comments a transaction */
#define HOT 100000       /* on the one clause the per-clause view reads */
#define TITLE "Dự thảo nghị quyết thử tải của tỉnh (make bench)"

struct seed_job {
	int64_t consultation, version, user, village, now, from, to;
};

static enum app_err seed_fn(struct dbc *c, void *arg)
{
	struct seed_job *j = arg;
	enum app_err e = APP_OK;
	char anchor[48], body[160];
	for (int64_t k = j->from; k < j->to && !e; k++) {
		uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
		if (k < HOT)
			snprintf(anchor, sizeof anchor, "dieu-1-khoan-1");
		else
			snprintf(anchor, sizeof anchor, "dieu-%d-khoan-%d", 2 + (int)(x % 49), 1 + (int)((x >> 8) % 4));
		snprintf(body, sizeof body, "Ý kiến số %lld: đề nghị làm rõ thời hạn và trách nhiệm thực hiện nội dung này.",
			 (long long)k + 1);
		bool web = k % 3 != 0;
		struct db_stmt *s = dbc_stmt(c, STMT_COMMENT_INSERT);
		int n = 1;
		db_bind_i64(s, n++, j->consultation);
		db_bind_i64(s, n++, j->version);
		db_bind_text(s, n++, anchor);
		db_bind_text(s, n++, "");
		db_bind_text(s, n++, "");
		db_bind_text(s, n++, "");
		db_bind_text(s, n++, body);
		db_bind_i64(s, n++, web ? j->user : 0);
		db_bind_i64(s, n++, web ? j->village : 0);
		db_bind_i64(s, n++, 0);
		db_bind_text(s, n++, web ? "" : "Hội nghị thôn (thử tải)");
		db_bind_text(s, n++, web ? "web" : "meeting");
		db_bind_i64(s, n++, 0);
		db_bind_i64(s, n++, j->now - (int64_t)(x % (20 * 86400)));
		db_bind_text(s, n++, NULL);
		bool row;
		e = db_step(s, &row);
		db_reset(s);
	}
	return e;
}

struct trim_job {
	int64_t consultation, keep;
};

/* What earlier runs added is removed (comments are never deleted otherwise: this is the bench's own data). */
static enum app_err trim_fn(struct dbc *c, void *arg)
{
	struct trim_job *j = arg;
	enum app_err e = db_run(c, STMT_CONSULT_BENCH_TRIM, "ii", j->consultation, j->keep - 1);
	if (!e)
		e = db_run(c, STMT_CONSULT_BENCH_RETALLY_CLEAR, "i", j->consultation);
	if (!e)
		e = db_run(c, STMT_CONSULT_BENCH_RETALLY, "i", j->consultation);
	return e;
}

struct answer_job {
	int64_t consultation, answer;
};

static enum app_err answer_fn(struct dbc *c, void *arg)
{
	struct answer_job *j = arg;
	return db_run(c, STMT_CONSULT_BENCH_ANSWER, "ii", j->consultation, j->answer);
}

/* The draft: 50 articles of 4 clauses. */
static const char *draft_text_of(struct arena *a)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "# Chương I. QUY ĐỊNH CHUNG\n");
	for (int i = 1; i <= 50; i++) {
		buf_printf(&b, "Điều %d. Nội dung thứ %d\n", i, i);
		for (int k = 1; k <= 4; k++)
			buf_printf(&b, "%d. Khoản %d của Điều %d quy định trách nhiệm của Ủy ban nhân dân các cấp.\n", k, k, i);
	}
	const char *r = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return r;
}

int consult_bench_seed(struct db *db, long n, const char *unused)
{
	(void)unused;
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int64_t now = (int64_t)time(NULL), today = cal_today((time_t)now);
	struct user *admin = NULL, *resident = NULL;
	struct unit prov;
	int64_t village = 0;
	if (auth_user_get(&a, c, auth_user_id(c, "admin.bacninh"), &admin) ||
	    auth_user_get(&a, c, auth_user_id(c, "dan.lucngan"), &resident) || units_get(&a, c, "24", &prov)) {
		fprintf(stderr, "coso: the bench database needs the demo (coso init --demo)\n");
		arena_free(&a);
		return 1;
	}
	struct unit v;
	if (!units_get(&a, c, "07582-01", &v))
		village = v.id;
	/* the open consultation of an earlier run, or a new one */
	struct db_stmt *s = dbc_stmt(c, STMT_CONSULT_BENCH_FIND);
	db_bind_text(s, 1, TITLE);
	db_bind_i64(s, 2, today + 7);
	enum app_err e;
	int64_t id = db_one_i64(s, 0, &e);
	struct problems pr = {.a = &a};
	if (!e && !id) {
		struct draft d;
		const char *why, *text = draft_text_of(&a);
		char closes[11];
		cal_format_iso(today + 365, closes);
		struct consult_input in = {.subject = "province_draft", .title = TITLE, .plan_content = "Lấy ý kiến Nhân dân toàn tỉnh.",
					   .plan_forms = "e;g", .plan_owner = "Văn phòng UBND tỉnh", .audience = "unit"};
		e = draft_read(&a, NULL, text, strlen(text), &d, &why);
		if (!e)
			e = consult_create(db, &a, admin, &prov, &in, &d, now, &id, &pr);
		if (!e)
			e = consult_publish(db, &a, admin, id, closes, now, &pr);
	}
	int64_t have = 0;
	if (!e) {
		s = dbc_stmt(c, STMT_CONSULT_BENCH_COUNT);
		db_bind_i64(s, 1, id);
		have = db_one_i64(s, 0, &e);
	}
	if (!e && have > n) {
		struct trim_job tj = {id, n};
		e = db_write(db, trim_fn, &tj);
	}
	struct seed_job j = {.consultation = id, .version = 1, .user = resident->id, .village = village, .now = now};
	for (int64_t k = have; !e && k < n; k += BATCH) {
		j.from = k;
		j.to = k + BATCH < n ? k + BATCH : n;
		e = db_write(db, seed_fn, &j);
	}
	if (!e && have < n) {
		/* every second comment answered, through one answer to the first two */
		struct comment_filter f = {.consultation = id, .limit = 2};
		struct comment *cv;
		size_t nc = 0;
		int64_t aid;
		e = comments_list(&a, c, &f, &cv, &nc, NULL);
		int64_t ids[2] = {nc ? cv[0].id : 0, nc > 1 ? cv[1].id : 0};
		struct answer_input an = {.disposition = "explained", .body = "Giải trình: nội dung này do luật quy định.",
					  .comments = ids, .ncomments = nc < 2 ? nc : 2};
		if (!e && nc)
			e = consult_answer(db, &a, admin, id, &an, now, &aid, &pr);
		struct answer_job aj = {id, aid};
		if (!e && nc)
			e = db_write(db, answer_fn, &aj);
	}
	if (e) {
		fprintf(stderr, "coso: seeding the consultation failed (%s) %s\n", app_err_code(e), pr.n ? pr.v[0].message : "");
		arena_free(&a);
		return 1;
	}
	printf("%lld\n", (long long)id);
	arena_free(&a);
	return 0;
}
