/*
 * crypto.h — libsodium wrappers: random tokens, token hashes for storage,
 * argon2id password hashes, constant-time comparison.
 */
#ifndef COSO_CRYPTO_H
#define COSO_CRYPTO_H
#include "../app.h"
#include <stdbool.h>
#include <stddef.h>

#define CRYPTO_TOKEN_LEN 44   /* base64url of 32 random bytes (43) + NUL */
#define CRYPTO_HASH_HEX 65    /* hex of a 32-byte BLAKE2b hash + NUL */
#define CRYPTO_PWHASH_LEN 128 /* crypto_pwhash_STRBYTES */

enum app_err crypto_init(void);
void crypto_token(char out[CRYPTO_TOKEN_LEN]);            /* 256 random bits, base64url */
void crypto_hash_token(const char *token, char out[CRYPTO_HASH_HEX]);
/* argon2id; APP_EINVAL on an empty password. */
enum app_err crypto_pw_hash(const char *pw, char out[CRYPTO_PWHASH_LEN]);
bool crypto_pw_verify(const char *hash, const char *pw);
bool crypto_eq(const char *a, const char *b);             /* constant time for equal lengths */
/* Short hex digest (16 hex chars) of bytes, for ETags. */
void crypto_etag(const void *p, size_t n, char out[19]);
/* SHA-256 of bytes in lower-case hex. */
void crypto_sha256_hex(const void *p, size_t n, char out[CRYPTO_HASH_HEX]);
#endif
