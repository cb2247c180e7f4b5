/* merkle.c — RFC 6962 Merkle tree arithmetic (see merkle.h). */
#include "merkle.h"
#include <sodium.h>
#include <string.h>

void merkle_leaf_hash(const void *leaf, size_t n, uint8_t out[MERKLE_HASH])
{
	crypto_hash_sha256_state st;
	const uint8_t prefix = 0x00;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, leaf, n);
	crypto_hash_sha256_final(&st, out);
}

void merkle_node_hash(const uint8_t left[MERKLE_HASH], const uint8_t right[MERKLE_HASH],
		      uint8_t out[MERKLE_HASH])
{
	uint8_t buf[1 + 2 * MERKLE_HASH];
	buf[0] = 0x01;
	memcpy(buf + 1, left, MERKLE_HASH);
	memcpy(buf + 1 + MERKLE_HASH, right, MERKLE_HASH);
	crypto_hash_sha256(out, buf, sizeof buf);
}

void merkle_empty_root(uint8_t out[MERKLE_HASH])
{
	crypto_hash_sha256(out, (const uint8_t *)"", 0);
}

/* Largest power of two strictly smaller than n (n >= 2). */
static uint64_t split(uint64_t n)
{
	uint64_t k = 1;
	while (k << 1 < n)
		k <<= 1;
	return k;
}

static int log2_exact(uint64_t n)
{
	int l = 0;
	while ((1ULL << l) < n)
		l++;
	return l;
}

enum app_err merkle_range_hash(merkle_node_fn get, void *ctx, uint64_t a, uint64_t b,
			       uint8_t out[MERKLE_HASH])
{
	uint64_t n = b - a;
	if ((n & (n - 1)) == 0 && a % n == 0) {
		int l = log2_exact(n);
		return get(ctx, l, a >> l, out);
	}
	/* not a perfect subtree: the left part (a power of two) is one, the right
	 * part recurses; each level adds one node read */
	uint64_t k = split(n);
	uint8_t left[MERKLE_HASH], right[MERKLE_HASH];
	enum app_err e = merkle_range_hash(get, ctx, a, a + k, left);
	if (!e)
		e = merkle_range_hash(get, ctx, a + k, b, right);
	if (!e)
		merkle_node_hash(left, right, out);
	return e;
}

/* PATH(m, D[a:b]) appended to proof (RFC 6962 2.1.1). */
static enum app_err path(merkle_node_fn get, void *ctx, uint64_t m, uint64_t a, uint64_t b,
			 uint8_t proof[][MERKLE_HASH], size_t *np)
{
	if (b - a == 1)
		return APP_OK;
	uint64_t k = split(b - a);
	enum app_err e;
	if (m < a + k) {
		if ((e = path(get, ctx, m, a, a + k, proof, np)))
			return e;
		return merkle_range_hash(get, ctx, a + k, b, proof[(*np)++]);
	}
	if ((e = path(get, ctx, m, a + k, b, proof, np)))
		return e;
	return merkle_range_hash(get, ctx, a, a + k, proof[(*np)++]);
}

enum app_err merkle_inclusion_proof(merkle_node_fn get, void *ctx, uint64_t m, uint64_t n,
				    uint8_t proof[][MERKLE_HASH], size_t *nproof)
{
	*nproof = 0;
	if (m >= n)
		return APP_EINVAL;
	return path(get, ctx, m, 0, n, proof, nproof);
}

/* SUBPROOF(m, D[a:b], flag) appended to proof (RFC 6962 2.1.2). */
static enum app_err subproof(merkle_node_fn get, void *ctx, uint64_t m, uint64_t a, uint64_t b,
			     bool flag, uint8_t proof[][MERKLE_HASH], size_t *np)
{
	uint64_t n = b - a;
	if (m == n) {
		if (flag)
			return APP_OK;
		return merkle_range_hash(get, ctx, a, b, proof[(*np)++]);
	}
	uint64_t k = split(n);
	enum app_err e;
	if (m <= k) {
		if ((e = subproof(get, ctx, m, a, a + k, flag, proof, np)))
			return e;
		return merkle_range_hash(get, ctx, a + k, b, proof[(*np)++]);
	}
	if ((e = subproof(get, ctx, m - k, a + k, b, false, proof, np)))
		return e;
	return merkle_range_hash(get, ctx, a, a + k, proof[(*np)++]);
}

enum app_err merkle_consistency_proof(merkle_node_fn get, void *ctx, uint64_t m, uint64_t n,
				      uint8_t proof[][MERKLE_HASH], size_t *nproof)
{
	*nproof = 0;
	if (m == 0 || m > n)
		return APP_EINVAL;
	return subproof(get, ctx, m, 0, n, true, proof, nproof);
}

bool merkle_verify_inclusion(uint64_t index, uint64_t size, const uint8_t leaf_hash[MERKLE_HASH],
			     const uint8_t proof[][MERKLE_HASH], size_t nproof,
			     const uint8_t root[MERKLE_HASH])
{
	if (index >= size)
		return false;
	uint64_t fn = index, sn = size - 1;
	uint8_t r[MERKLE_HASH];
	memcpy(r, leaf_hash, MERKLE_HASH);
	for (size_t i = 0; i < nproof; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], r, r);
			if (!(fn & 1))
				while (!(fn & 1) && fn != 0) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			merkle_node_hash(r, proof[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && sodium_memcmp(r, root, MERKLE_HASH) == 0;
}

bool merkle_verify_consistency(uint64_t m, uint64_t n, const uint8_t root_m[MERKLE_HASH],
			       const uint8_t root_n[MERKLE_HASH], const uint8_t proof[][MERKLE_HASH],
			       size_t nproof)
{
	if (m > n)
		return false;
	if (m == n)
		return nproof == 0 && sodium_memcmp(root_m, root_n, MERKLE_HASH) == 0;
	if (m == 0)
		return nproof == 0; /* everything is consistent with the empty tree */
	if (nproof == 0 || nproof > MERKLE_MAX_PROOF)
		return false;
	const uint8_t *path[MERKLE_MAX_PROOF + 1];
	size_t np = 0;
	if ((m & (m - 1)) == 0)
		path[np++] = root_m;
	for (size_t i = 0; i < nproof; i++)
		path[np++] = proof[i];
	uint64_t fn = m - 1, sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	uint8_t fr[MERKLE_HASH], sr[MERKLE_HASH];
	memcpy(fr, path[0], MERKLE_HASH);
	memcpy(sr, path[0], MERKLE_HASH);
	for (size_t i = 1; i < np; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(path[i], fr, fr);
			merkle_node_hash(path[i], sr, sr);
			if (!(fn & 1))
				while (!(fn & 1) && fn != 0) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			merkle_node_hash(sr, path[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && sodium_memcmp(fr, root_m, MERKLE_HASH) == 0 &&
	       sodium_memcmp(sr, root_n, MERKLE_HASH) == 0;
}
