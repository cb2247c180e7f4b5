/*
 * disclosure_bench.c — `coso disclosure bench-seed`, run by `make bench`:
 * fills a demo database with published postings spread over every commune
 * and ward of Bắc Ninh (plausible titles from a vocabulary, decisions over
 * the last two years, 30-day periods, some permanent), through the same
 * statements as real postings, in batches of 5,000 per transaction. No events
 * are written: this is load for measuring, not a record of acts.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../util/cal.h"
#include "../util/log.h"
#include "../util/str.h"
#include "postings.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const what[] = {"Danh sách hộ được hỗ trợ", "Kế hoạch", "Dự toán", "Quyết toán", "Kết quả bình xét",
				   "Phương án bồi thường", "Thông báo thu hồi đất", "Quy hoạch", "Báo cáo", "Danh sách đối tượng"};
static const char *const topic[] = {"học phí", "xây dựng nhà văn hóa", "làm đường giao thông nông thôn", "hộ nghèo",
				    "bảo hiểm y tế", "nước sạch", "vệ sinh môi trường", "trồng cây vải thiều",
				    "kiên cố hóa kênh mương", "phòng cháy chữa cháy", "tiêm chủng", "nhà ở xã hội"};

struct seed_job {
	const struct unit *units;
	size_t nunit;
	const struct ditem *items; /* the 14 commune items */
	size_t nitem;
	long from, n;              /* sequence numbers of this batch */
	int64_t actor, today;
};

static enum app_err seed_fn(struct dbc *c, void *arg)
{
	struct seed_job *j = arg;
	char title[200], decided[11], start[11], end[11];
	for (long k = j->from; k < j->from + j->n; k++) {
		uint64_t h = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
		const struct unit *u = &j->units[k % (long)j->nunit];
		const struct ditem *d = &j->items[(h >> 8) % j->nitem];
		snprintf(title, sizeof title, "%s %s đợt %ld năm %d", what[(h >> 16) % 10], topic[(h >> 24) % 12], k % 7 + 1,
			 2025 + (int)((h >> 32) % 2));
		int64_t dd = j->today - 1 - (int64_t)((h >> 40) % 730);
		cal_format_iso(dd, decided);
		cal_format_iso(dd + (int64_t)((h >> 50) % 8), start);
		cal_format_iso(dd + (int64_t)((h >> 50) % 8) + 29, end);
		char *doc = posting_search_doc(u->path, title, "", "Nội dung chi tiết.");
		struct db_stmt *s = dbc_stmt(c, STMT_POSTING_INSERT);
		db_bind_i64(s, 1, u->id);
		db_bind_i64(s, 2, d->id);
		db_bind_text(s, 3, decided);
		db_bind_text(s, 4, "Quyết định của UBND");
		db_bind_i64(s, 5, 1);
		db_bind_text(s, 6, "posting;portal");
		db_bind_text(s, 7, "Trụ sở UBND");
		db_bind_text(s, 8, "");
		db_bind_i64(s, 9, d->permanent ? 0 : 30);
		db_bind_text(s, 10, "");
		db_bind_text(s, 11, doc);
		db_bind_i64(s, 12, j->actor);
		db_bind_i64(s, 13, time(NULL));
		bool row;
		enum app_err e = db_step(s, &row);
		int64_t id = row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (!e) {
			e = db_run(c, STMT_POSTING_VERSION_INSERT, "iitttttii", (int64_t)id, (int64_t)1, title, "", "Nội dung chi tiết.", "", "0000000000000000000000000000000000000000000000000000000000000000", (int64_t)j->actor, (int64_t)(time(NULL)));
		}
		if (!e) {
			e = db_run(c, STMT_POSTING_PUBLISH, "itti", (int64_t)id, start, d->permanent ? NULL : end, (int64_t)(time(NULL)));
		}
		if (!e) {
			e = db_run(c, STMT_POSTING_FTS_INSERT, "it", (int64_t)id, doc);
		}
		free(doc);
		if (e)
			return e;
	}
	return APP_OK;
}

int disclosure_bench_seed(struct db *db, long want, const char *unused)
{
	(void)unused;
	struct dbc *c;
	if (db_conn(db, &c))
		return 1;
	struct arena a;
	arena_init(&a);
	int rc = 1;
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_COUNT);
	bool row;
	long have = 0;
	if (!db_step(s, &row) && row)
		have = (long)db_col_i64(s, 0);
	db_reset(s);
	struct unit prov, *kids;
	size_t nk;
	struct ditem *items;
	size_t ni;
	int64_t today = cal_today(time(NULL));
	char day[11];
	cal_format_iso(today, day);
	int64_t actor = auth_user_id(c, "sysadmin");
	if (have >= want) {
		printf("disclosure bench: %ld postings already\n", have);
		rc = 0;
	} else if (!actor || units_get(&a, c, "24", &prov) || units_children(&a, c, prov.id, &kids, &nk) ||
		   catalogue_in_force(&a, c, day, "commune", &items, &ni) || !ni) {
		fprintf(stderr, "disclosure bench: needs a demo database (coso init --demo)\n");
	} else {
		size_t nc = 0;
		for (size_t i = 0; i < nk; i++)
			if (units_kind_is_commune_level(kids[i].kind))
				kids[nc++] = kids[i];
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		enum app_err e = APP_OK;
		for (long k = have; k < want && !e; k += 5000) {
			struct seed_job j = {kids, nc, items, ni, k, want - k < 5000 ? want - k : 5000, actor, today};
			e = db_write(db, seed_fn, &j);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (e) {
			fprintf(stderr, "disclosure bench: seeding failed (%s)\n", app_err_code(e));
		} else {
			printf("disclosure bench: %ld postings added over %zu communes in %.1f s\n", want - have, nc, secs);
			rc = 0;
		}
	}
	arena_free(&a);
	return rc;
}
