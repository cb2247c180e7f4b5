/*
 * o311.c — what the Open311 GeoReport v2 endpoint reads and writes (cases.h):
 * its clients' keys (only their hash kept), the petitions it lists, and the
 * tokens it answers a request with. The endpoint itself is open311_pages.c.
 */
#include "cases.h"
#include "../db/db.h"
#include "../util/crypto.h"
#include <string.h>

enum app_err case_o311_key_new(struct dbc *c, const char *name, int64_t now, char key[CRYPTO_TOKEN_LEN])
{
	crypto_token(key);
	return case_o311_key_add(c, name, key, now);
}

enum app_err case_o311_key_add(struct dbc *c, const char *name, const char *key, int64_t now)
{
	char hash[CRYPTO_HASH_HEX];
	crypto_hash_token(key, hash);
	return db_run(c, STMT_O311_KEY_INSERT, "tti", name, hash, now);
}

bool case_o311_key_ok(struct dbc *c, const char *key)
{
	if (!key || !*key || strlen(key) > 200)
		return false;
	char hash[CRYPTO_HASH_HEX];
	crypto_hash_token(key, hash);
	struct db_stmt *s = dbc_stmt(c, STMT_O311_KEY_OK);
	db_bind_text(s, 1, hash);
	enum app_err e;
	return db_one_i64(s, 0, &e) > 0 && !e;
}

bool case_o311_open(enum case_status s)
{
	return case_status_open(s);
}

enum app_err cases_o311_list(struct arena *a, struct dbc *c, const char *path, const char *category, int64_t from,
			     int64_t to, int open, int limit, struct fcase **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_O311_LIST);
	db_bind_subtree(s, 1, 2, path);
	db_bind_text(s, 3, category);
	db_bind_i64(s, 4, from);
	db_bind_i64(s, 5, to);
	db_bind_i64(s, 6, open);
	db_bind_i64(s, 7, limit);
	return db_get_rows(s, a, case_read_row, sizeof **out, (void **)out, n);
}

enum app_err case_o311_token(struct arena *a, struct dbc *c, const char *token, const char **code)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_BY_TOKEN);
	db_bind_text(s, 1, token);
	enum app_err e = db_row(s);
	if (!e)
		*code = arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	return e;
}
