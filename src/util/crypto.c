/* crypto.c — libsodium wrappers (see crypto.h). */
#include "crypto.h"
#include <sodium.h>
#include <string.h>

/* argon2id parameters: 2 passes over 19 MiB (the OWASP minimum for argon2id).
 * Costs about 50 ms on one core here, which bounds a login flood to ~20/s/core
 * while keeping offline guessing expensive. */
#define PW_OPS 2
#define PW_MEM (19u * 1024 * 1024)

enum app_err crypto_init(void)
{
	return sodium_init() < 0 ? APP_EIO : APP_OK;
}

void crypto_token(char out[CRYPTO_TOKEN_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, CRYPTO_TOKEN_LEN, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void crypto_hash_token(const char *token, char out[CRYPTO_HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, CRYPTO_HASH_HEX, h, sizeof h);
}

enum app_err crypto_pw_hash(const char *pw, char out[CRYPTO_PWHASH_LEN])
{
	if (!pw || !*pw)
		return APP_EINVAL;
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPS, PW_MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return APP_EIO;
	return APP_OK;
}

bool crypto_pw_verify(const char *hash, const char *pw)
{
	if (!hash || !pw)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool crypto_eq(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b) || n == 0)
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

void crypto_etag(const void *p, size_t n, char out[19])
{
	unsigned char h[8];
	crypto_generichash(h, sizeof h, p, n, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 17, h, sizeof h);
	out[17] = '"';
	out[18] = '\0';
}

void crypto_sha256_hex(const void *p, size_t n, char out[CRYPTO_HASH_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, CRYPTO_HASH_HEX, h, sizeof h);
}
