/*
 * contests_bench.c — `coso contests bench-seed`, run by `make bench`: a new
 * contest of the demo province with the shipped question bank and a round
 * open now, and ENTRANTS entrants who have each started an attempt (its
 * questions drawn); the attempts' tokens are written to a file, one per line,
 * for wrk to hand them in. Every run makes a new contest (an attempt is
 * handed in once). For make bench only: it writes no events.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../util/crypto.h"
#include "../util/embed.h"
#include "../util/problems.h"
#include "contests.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct seed_job {
	const struct contest *ct;
	int64_t round_id, unit_id;
	long n;
	FILE *tokens;
	int64_t now;
};

static enum app_err seed_fn(struct dbc *c, void *arg)
{
	struct seed_job *j = arg;
	struct arena a;
	arena_init(&a);
	int64_t *ids;
	size_t nid;
	struct db_stmt *s = dbc_stmt(c, STMT_CT_Q_IDS);
	db_bind_i64(s, 1, j->ct->id);
	db_bind_i64(s, 2, 2);
	enum app_err e = db_get_rows(s, &a, db_row_i64, sizeof *ids, (void **)&ids, &nid);
	if (!e && nid < 10)
		e = APP_EINVAL;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	for (long k = 0; k < j->n && !e; k++) {
		char phone[32], cid[32], name[64], q[256] = "", token[CRYPTO_TOKEN_LEN];
		snprintf(phone, sizeof phone, "09%08ld", k);
		snprintf(cid, sizeof cid, "027%09ld", k);
		snprintf(name, sizeof name, "Người dự thi thử tải %ld", k);
		s = dbc_stmt(c, STMT_CT_ENTRANT_INSERT);
		db_bind_i64(s, 1, j->ct->id);
		db_bind_text(s, 2, phone);
		db_bind_text(s, 3, cid);
		db_bind_text(s, 4, name);
		db_bind_i64(s, 5, j->unit_id);
		db_bind_i64(s, 6, j->now);
		int64_t entrant = db_one_i64(s, 0, &e);
		if (e)
			break;
		size_t len = 0;
		for (int m = 0; m < 10; m++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			len += (size_t)snprintf(q + len, sizeof q - len, "%s%lld", m ? "," : "", (long long)ids[x % nid]);
		}
		crypto_token(token);
		e = db_run(c, STMT_CT_ATTEMPT_INSERT, "iittiii", j->round_id, entrant, token, q, (int64_t)10, j->now * 1000,
			   (j->now + 3600) * 1000);
		if (!e)
			fprintf(j->tokens, "%s\n", token);
	}
	arena_free(&a);
	return e;
}

int contests_bench_seed(struct db *db, long want, const char *tokens_path);
int contests_bench_seed(struct db *db, long want, const char *tokens_path)
{
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int64_t now = time(NULL);
	struct unit prov, *kids;
	size_t nk;
	struct problems pr = {.a = &a};
	int64_t id = 0, added = 0;
	const struct embed_file *bank = embed_find("data/contests/luat-dan-chu-co-so.csv");
	int rc = 1;
	if (units_get(&a, c, "24", &prov) || contest_entrant_units(&a, c, &prov, &kids, &nk) || !nk) {
		fprintf(stderr, "coso: contests bench-seed needs the demo province (coso init --demo)\n");
		goto out;
	}
	struct user *admin = NULL; /* the organiser acts through the domain as the demo's province administrator */
	if (auth_user_get(&a, c, auth_user_id(c, "admin.bacninh"), &admin)) {
		fprintf(stderr, "coso: contests bench-seed needs the demo's admin.bacninh\n");
		goto out;
	}
	char opens[17], closes[17];
	time_t t0 = (time_t)(now - 3600 + 7 * 3600), t1 = (time_t)(now + 86400 + 7 * 3600);
	struct tm tm;
	strftime(opens, sizeof opens, "%Y-%m-%dT%H:%M", gmtime_r(&t0, &tm));
	strftime(closes, sizeof closes, "%Y-%m-%dT%H:%M", gmtime_r(&t1, &tm));
	struct contest_input in = {"Cuộc thi thử tải", "", "Bao nhiêu người đúng hết?", "45", "1", "0", "10", "0"};
	struct contest ct;
	struct contest_round *rs;
	size_t nr;
	if (contest_create(db, admin, &prov, &in, now, &id, &pr) ||
	    contest_bank_import(db, admin, id, bank->data, bank->len, now, &added, &pr) || contest_get(&a, c, id, &ct) ||
	    contest_round_add(db, admin, &ct, opens, closes, now, &pr) || contest_rounds(&a, c, id, &rs, &nr) || !nr) {
		fprintf(stderr, "coso: contests bench-seed: %s\n", pr.n ? pr.v[0].message : "failed");
		goto out;
	}
	FILE *f = fopen(tokens_path, "w");
	if (!f) {
		perror(tokens_path);
		goto out;
	}
	struct seed_job j = {.ct = &ct, .round_id = rs[0].id, .unit_id = kids[0].id, .n = want, .tokens = f, .now = now};
	enum app_err e = db_write(db, seed_fn, &j);
	if (fclose(f) || e) {
		fprintf(stderr, "coso: contests bench-seed: %s\n", app_err_code(e));
		goto out;
	}
	printf("%lld\n", (long long)id);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
