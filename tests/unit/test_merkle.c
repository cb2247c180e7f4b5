/* test_merkle.c — RFC 6962 hashing and proofs against the test vectors of
 * Certificate Transparency and against a naive implementation written
 * straight from the RFC's recursive definitions, for every tree size 1..64
 * and every (index, size) and (m, n) pair, plus random larger trees. */
#include "test.h"
#include "ledger/merkle.h"
#include <sodium.h>

/* In-memory store: every perfect subtree of the leaves. */
#define MAXLEAF 4096
static uint8_t leafh[MAXLEAF][MERKLE_HASH];

static enum app_err get(void *ctx, int level, uint64_t index, uint8_t out[MERKLE_HASH])
{
	uint64_t n = *(uint64_t *)ctx;
	uint64_t a = index << level, b = a + (1ULL << level);
	if (b > n)
		return APP_ENOTFOUND;
	if (level == 0) {
		memcpy(out, leafh[a], MERKLE_HASH);
		return APP_OK;
	}
	uint8_t l[MERKLE_HASH], r[MERKLE_HASH];
	get(ctx, level - 1, index * 2, l);
	get(ctx, level - 1, index * 2 + 1, r);
	merkle_node_hash(l, r, out);
	return APP_OK;
}

/* Naive MTH straight from RFC 6962 2.1. */
static void mth(uint64_t a, uint64_t b, uint8_t out[MERKLE_HASH])
{
	if (b - a == 1) {
		memcpy(out, leafh[a], MERKLE_HASH);
		return;
	}
	uint64_t k = 1;
	while (k * 2 < b - a)
		k *= 2;
	uint8_t l[MERKLE_HASH], r[MERKLE_HASH];
	mth(a, a + k, l);
	mth(a + k, b, r);
	merkle_node_hash(l, r, out);
}

static void hex(const char *h, uint8_t out[MERKLE_HASH])
{
	sodium_hex2bin(out, MERKLE_HASH, h, 64, NULL, NULL, NULL);
}

static void test_vectors(void **s)
{
	/* the 8 leaves of Certificate Transparency's merkle_tree_test */
	static const struct {
		const char *data;
		size_t n;
	} leaves[] = {{"", 0},
		      {"\x00", 1},
		      {"\x10", 1},
		      {"\x20\x21", 2},
		      {"\x30\x31", 2},
		      {"\x40\x41\x42\x43", 4},
		      {"\x50\x51\x52\x53\x54\x55\x56\x57", 8},
		      {"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f", 16}};
	static const char *roots[] = {
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
		"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
		"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
		"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
		"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
	};
	for (int i = 0; i < 8; i++)
		merkle_leaf_hash(leaves[i].data, leaves[i].n, leafh[i]);
	for (uint64_t n = 1; n <= 8; n++) {
		uint8_t want[MERKLE_HASH], got[MERKLE_HASH];
		hex(roots[n - 1], want);
		assert_int_equal(merkle_range_hash(get, &n, 0, n, got), APP_OK);
		assert_memory_equal(got, want, MERKLE_HASH);
	}
	uint8_t empty[MERKLE_HASH], want[MERKLE_HASH];
	merkle_empty_root(empty);
	hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", want);
	assert_memory_equal(empty, want, MERKLE_HASH);
	/* inclusion proof of leaf 0 in the tree of 8 (RFC test vector) */
	uint64_t n = 8;
	uint8_t proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	size_t np;
	assert_int_equal(merkle_inclusion_proof(get, &n, 0, 8, proof, &np), APP_OK);
	assert_int_equal(np, 3);
	hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", want);
	assert_memory_equal(proof[0], want, MERKLE_HASH);
	hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", want);
	assert_memory_equal(proof[1], want, MERKLE_HASH);
	hex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4", want);
	assert_memory_equal(proof[2], want, MERKLE_HASH);
}

/* Naive PATH and SUBPROOF from RFC 6962 2.1.1-2.1.2, over mth(). */
static void npath(uint64_t m, uint64_t a, uint64_t b, uint8_t out[][MERKLE_HASH], size_t *np)
{
	if (b - a == 1)
		return;
	uint64_t k = 1;
	while (k * 2 < b - a)
		k *= 2;
	if (m < k) {
		npath(m, a, a + k, out, np);
		mth(a + k, b, out[(*np)++]);
	} else {
		npath(m - k, a + k, b, out, np);
		mth(a, a + k, out[(*np)++]);
	}
}

static void nsub(uint64_t m, uint64_t a, uint64_t b, bool flag, uint8_t out[][MERKLE_HASH], size_t *np)
{
	if (m == b - a) {
		if (!flag)
			mth(a, b, out[(*np)++]);
		return;
	}
	uint64_t k = 1;
	while (k * 2 < b - a)
		k *= 2;
	if (m <= k) {
		nsub(m, a, a + k, flag, out, np);
		mth(a + k, b, out[(*np)++]);
	} else {
		nsub(m - k, a + k, b, false, out, np);
		mth(a, a + k, out[(*np)++]);
	}
}

static void check_size(uint64_t n)
{
	uint8_t root[MERKLE_HASH], want[MERKLE_HASH];
	mth(0, n, want);
	assert_int_equal(merkle_range_hash(get, &n, 0, n, root), APP_OK);
	assert_memory_equal(root, want, MERKLE_HASH);
	static uint8_t p[MERKLE_MAX_PROOF][MERKLE_HASH], q[MERKLE_MAX_PROOF][MERKLE_HASH];
	for (uint64_t m = 0; m < n; m++) {
		size_t np, nq = 0;
		assert_int_equal(merkle_inclusion_proof(get, &n, m, n, p, &np), APP_OK);
		npath(m, 0, n, q, &nq);
		assert_int_equal(np, nq);
		assert_memory_equal(p, q, np * MERKLE_HASH);
		assert_true(merkle_verify_inclusion(m, n, leafh[m], (const uint8_t(*)[MERKLE_HASH])p, np, root));
		/* another leaf, or an index out of range, fails */
		if (n > 1)
			assert_false(merkle_verify_inclusion(m, n, leafh[(m + 1) % n], (const uint8_t(*)[MERKLE_HASH])p, np, root));
		assert_false(merkle_verify_inclusion(n, n, leafh[m], (const uint8_t(*)[MERKLE_HASH])p, np, root));
	}
	for (uint64_t m = 1; m <= n; m++) {
		size_t np, nq = 0;
		uint8_t rm[MERKLE_HASH];
		mth(0, m, rm);
		assert_int_equal(merkle_consistency_proof(get, &n, m, n, p, &np), APP_OK);
		nsub(m, 0, n, true, q, &nq);
		assert_int_equal(np, nq);
		assert_memory_equal(p, q, np * MERKLE_HASH);
		assert_true(merkle_verify_consistency(m, n, rm, root, (const uint8_t(*)[MERKLE_HASH])p, np));
		if (m < n) {
			uint8_t bad[MERKLE_HASH];
			memcpy(bad, rm, MERKLE_HASH);
			bad[0] ^= 1;
			assert_false(merkle_verify_consistency(m, n, bad, root, (const uint8_t(*)[MERKLE_HASH])p, np));
			memcpy(bad, root, MERKLE_HASH);
			bad[31] ^= 1;
			assert_false(merkle_verify_consistency(m, n, rm, bad, (const uint8_t(*)[MERKLE_HASH])p, np));
		}
	}
}

static void test_all_small_trees(void **s)
{
	for (uint64_t i = 0; i < MAXLEAF; i++) {
		uint8_t d[8];
		memcpy(d, &i, 8);
		merkle_leaf_hash(d, 8, leafh[i]);
	}
	for (uint64_t n = 1; n <= 64; n++)
		check_size(n);
}

static void test_random_larger_trees(void **s)
{
	for (int t = 0; t < 4; t++) {
		uint64_t n = 65 + randombytes_uniform(MAXLEAF - 65);
		uint8_t root[MERKLE_HASH], want[MERKLE_HASH];
		mth(0, n, want);
		assert_int_equal(merkle_range_hash(get, &n, 0, n, root), APP_OK);
		assert_memory_equal(root, want, MERKLE_HASH);
		static uint8_t p[MERKLE_MAX_PROOF][MERKLE_HASH];
		for (int k = 0; k < 50; k++) {
			uint64_t m = randombytes_uniform((uint32_t)n);
			size_t np;
			assert_int_equal(merkle_inclusion_proof(get, &n, m, n, p, &np), APP_OK);
			assert_true(merkle_verify_inclusion(m, n, leafh[m], (const uint8_t(*)[MERKLE_HASH])p, np, root));
			uint64_t sz = 1 + randombytes_uniform((uint32_t)n);
			uint8_t rm[MERKLE_HASH];
			mth(0, sz, rm);
			assert_int_equal(merkle_consistency_proof(get, &n, sz, n, p, &np), APP_OK);
			assert_true(merkle_verify_consistency(sz, n, rm, root, (const uint8_t(*)[MERKLE_HASH])p, np));
		}
	}
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_all_small_trees),
		cmocka_unit_test(test_random_larger_trees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
