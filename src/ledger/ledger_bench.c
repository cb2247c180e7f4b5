/*
 * ledger_bench.c — `coso ledger bench`, run by `make bench`:
 *  1. appending: N public events through events_add (event row, leaf, nodes),
 *     committed in batches as the group-commit writer does, on a scratch
 *     database; prints leaves per second;
 *  2. proofs on a big log: a synthetic tree of T leaves (default 10,000,000;
 *     leaf hashes SHA-256 of the index, stored as the perfect-subtree nodes
 *     the ledger keeps — no events behind them), then 2,000 random inclusion
 *     and 2,000 random consistency proofs against it, p50/p99/max latency.
 * Both use a scratch SQLite file given with --db (created if missing).
 */
#include "ledger.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct append_job {
	int count; /* events in this batch */
	int base;  /* numbering */
};

static enum app_err append_fn(struct dbc *c, void *arg)
{
	struct append_job *j = arg;
	enum app_err e = APP_OK;
	for (int i = 0; i < j->count && !e; i++) {
		char payload[64];
		snprintf(payload, sizeof payload, "{\"n\":%d,\"note\":\"Thử nghiệm\"}", j->base + i);
		struct event ev = {.kind = "bench.append", .about = "bench", .about_id = j->base + i, .public = true, .payload = payload};
		e = events_add(c, &ev, NULL);
	}
	return e;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_d);
	printf("%-34s p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%d proofs)\n", what, t[n / 2] * 1e3,
	       t[n * 99 / 100] * 1e3, t[n - 1] * 1e3, n);
}

struct build_job {
	uint64_t n; /* leaves */
};

/* Writes every perfect-subtree node of a synthetic tree of n leaves. */
static enum app_err build_fn(struct dbc *c, void *arg)
{
	struct build_job *j = arg;
	uint8_t stack[64][MERKLE_HASH];
	char hex[65];
	for (uint64_t i = 0; i < j->n; i++) {
		uint8_t h[MERKLE_HASH], le[8];
		for (int k = 0; k < 8; k++)
			le[k] = (uint8_t)(i >> (8 * k));
		merkle_leaf_hash(le, 8, h);
		uint64_t idx = i;
		for (int level = 0;; level++) {
			sodium_bin2hex(hex, sizeof hex, h, MERKLE_HASH);
			enum app_err e = db_run(c, STMT_LEDGER_NODE_INSERT, "iit", (int64_t)level, (int64_t)((int64_t)idx), hex);
			if (e)
				return e;
			if (!(idx & 1)) {
				memcpy(stack[level], h, MERKLE_HASH);
				break;
			}
			merkle_node_hash(stack[level], h, h);
			idx >>= 1;
		}
	}
	return APP_OK;
}

int ledger_bench(const char *path, int leaves, uint64_t tree)
{
	char *err = NULL;
	struct db *db;
	/* 1. appending */
	char *apath = xmalloc(strlen(path) + 8);
	snprintf(apath, strlen(path) + 8, "%s.append", path);
	unlink(apath);
	if (db_open(apath, false, &db, &err) || db_migrate(db, &err)) {
		fprintf(stderr, "bench: %s\n", err ? err : "cannot open");
		return 1;
	}
	double t0 = now_s();
	const int batch = 1000;
	for (int done = 0; done < leaves; done += batch) {
		struct append_job j = {leaves - done < batch ? leaves - done : batch, done};
		if (db_write(db, append_fn, &j)) {
			fprintf(stderr, "bench: append failed\n");
			return 1;
		}
	}
	double dt = now_s() - t0;
	printf("%-34s %.0f leaves/s (%d leaves, batches of %d, synchronous=FULL)\n", "ledger append", leaves / dt,
	       leaves, batch);
	db_close(db);
	unlink(apath);
	free(apath);
	/* 2. proofs on a big synthetic tree, built once and kept */
	if (db_open(path, false, &db, &err) || db_migrate(db, &err)) {
		fprintf(stderr, "bench: %s\n", err ? err : "cannot open");
		return 1;
	}
	struct dbc *c;
	db_conn(db, &c);
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_NODE_COUNT);
	uint64_t have = (uint64_t)db_one_i64(s, 0, NULL);
	if (have != tree) {
		if (have) {
			fprintf(stderr, "bench: %s holds a tree of %llu leaves; remove it to build %llu\n", path,
				(unsigned long long)have, (unsigned long long)tree);
			return 1;
		}
		fprintf(stderr, "bench: building a synthetic tree of %llu leaves in %s (once)...\n",
			(unsigned long long)tree, path);
		t0 = now_s();
		struct build_job bj = {tree};
		if (db_write(db, build_fn, &bj)) {
			fprintf(stderr, "bench: build failed\n");
			return 1;
		}
		fprintf(stderr, "bench: built in %.0f s\n", now_s() - t0);
	}
	enum { N = 2000 };
	static double ti[N], tc[N];
	static uint8_t proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	for (int i = 0; i < N; i++) {
		uint64_t size = tree - randombytes_uniform(1000);
		uint64_t m = ((uint64_t)randombytes_random() << 32 | randombytes_random()) % size;
		size_t np;
		double a = now_s();
		dbc_begin_read(c);
		enum app_err e = ledger_inclusion(c, m, size, proof, &np);
		dbc_end_read(c);
		ti[i] = now_s() - a;
		uint64_t from = 1 + ((uint64_t)randombytes_random() << 32 | randombytes_random()) % size;
		a = now_s();
		dbc_begin_read(c);
		if (!e)
			e = ledger_consistency(c, from, size, proof, &np);
		dbc_end_read(c);
		tc[i] = now_s() - a;
		if (e) {
			fprintf(stderr, "bench: proof failed (%s)\n", app_err_code(e));
			return 1;
		}
	}
	char label[64];
	snprintf(label, sizeof label, "inclusion proof, %llu leaves", (unsigned long long)tree);
	report(label, ti, N);
	snprintf(label, sizeof label, "consistency proof, %llu leaves", (unsigned long long)tree);
	report(label, tc, N);
	db_close(db);
	return 0;
}
