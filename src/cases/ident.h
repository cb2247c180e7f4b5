/*
 * ident.h — a denouncer's identity sealed at rest (Law 10/2022 Art. 9; Law on
 * Denunciations 25/2018 Arts. 9, 47): libsodium's secretbox under a key kept
 * in a file outside the database (COSO_IDENTITY_KEY, else identity.key beside
 * the ledger key), created on first use with mode 0600. The sealed text is
 * base64 of nonce and box over a JSON object; only the handler and the unit
 * head open it (cases_may_see_ident), and each opening is recorded.
 */
#ifndef COSO_CASES_IDENT_H
#define COSO_CASES_IDENT_H
#include "../app.h"
#include <stdint.h>

struct arena;
struct dbc;

/* Where the key file is (called once at start, before any thread). */
void case_ident_key_path(const char *path);
/* The identity sealed, in a; NULL when the key cannot be read or made. */
const char *case_ident_seal(struct arena *a, const char *name, const char *phone, const char *email,
			    const char *address, const char *id_number);
struct case_ident {
	const char *name, *phone, *email, *address, *id_number;
};
/* Opens what case_ident_seal made; APP_EDB when the key is missing or the
 * box does not open (never the plain text in a log). */
enum app_err case_ident_open(struct arena *a, const char *sealed, struct case_ident *out);
/* Inside a request's read: opens the case's identity for user and records
 * the view in a write of its own before anything is shown (the caller
 * checked cases_may_see_ident). */
struct db;
enum app_err case_ident_view(struct db *db, struct arena *a, struct dbc *c, int64_t case_id, int64_t user,
			     int64_t now, struct case_ident *out);
#endif
