/*
 * merkle.h — RFC 6962 / RFC 9162 Merkle tree arithmetic over SHA-256:
 * leaf hash SHA-256(0x00 || leaf), interior SHA-256(0x01 || left || right),
 * tree hashes, inclusion and consistency proofs, and their verification.
 *
 * Trees are read through a callback that returns the hash of a perfect
 * subtree: node (level, index) covers leaves [index * 2^level,
 * (index + 1) * 2^level). The store (ledger.c) keeps exactly those nodes, so
 * any tree hash or proof costs O(log n) node reads per proof element.
 */
#ifndef COSO_MERKLE_H
#define COSO_MERKLE_H
#include "../app.h"
#include <stdbool.h>
#include <stdint.h>

#define MERKLE_HASH 32
#define MERKLE_MAX_PROOF 128 /* 2 * 64 levels */

typedef enum app_err (*merkle_node_fn)(void *ctx, int level, uint64_t index, uint8_t out[MERKLE_HASH]);

void merkle_leaf_hash(const void *leaf, size_t n, uint8_t out[MERKLE_HASH]);
void merkle_node_hash(const uint8_t left[MERKLE_HASH], const uint8_t right[MERKLE_HASH],
		      uint8_t out[MERKLE_HASH]);
/* MTH of leaves [a, b) (a < b); the root of a tree of size n is range(0, n).
 * The empty tree's hash is SHA-256 of nothing (merkle_empty_root). */
enum app_err merkle_range_hash(merkle_node_fn get, void *ctx, uint64_t a, uint64_t b,
			       uint8_t out[MERKLE_HASH]);
void merkle_empty_root(uint8_t out[MERKLE_HASH]);
/* Inclusion proof of leaf m in the tree of size n (m < n), leaf to root. */
enum app_err merkle_inclusion_proof(merkle_node_fn get, void *ctx, uint64_t m, uint64_t n,
				    uint8_t proof[][MERKLE_HASH], size_t *nproof);
/* Consistency proof between sizes m and n (0 < m <= n), per RFC 6962 2.1.2. */
enum app_err merkle_consistency_proof(merkle_node_fn get, void *ctx, uint64_t m, uint64_t n,
				      uint8_t proof[][MERKLE_HASH], size_t *nproof);
/* Verification, RFC 9162 2.1.3.2 and 2.1.4.2. */
bool merkle_verify_inclusion(uint64_t index, uint64_t size, const uint8_t leaf_hash[MERKLE_HASH],
			     const uint8_t proof[][MERKLE_HASH], size_t nproof,
			     const uint8_t root[MERKLE_HASH]);
bool merkle_verify_consistency(uint64_t m, uint64_t n, const uint8_t root_m[MERKLE_HASH],
			       const uint8_t root_n[MERKLE_HASH], const uint8_t proof[][MERKLE_HASH],
			       size_t nproof);
#endif
