/*
 * ballot_box.c — the sealed ballot box. Every choice (online or paper) is
 * stored as a box that only the server's ballot key opens: the choice, its
 * receipt and the MAC of the household's change key, sealed with
 * XSalsa20-Poly1305 (libsodium secretbox), and found by a tag, a keyed
 * BLAKE2b of the matter, the step and the receipt. A row of matter_votes
 * therefore holds nothing a SQL reader can use: on PostgreSQL the turnout
 * row (with the household) and the box share a transaction id (xmin) and
 * physical neighbourhood, but the box says nothing without the key, which
 * lives outside the database (derived from the server's key file). The
 * receipts and choices of a closed vote are published by opening the boxes.
 *
 * The change key is the household's alone: handed out once with the receipt,
 * never stored; the box keeps BLAKE2b(change key; matter, step, household),
 * so a change needs the receipt, the change key and the same household
 * (Law 10/2022 Art. 19; issue #9 item 1). docs/decisions.md says what a
 * holder of the key could still learn.
 */
#include "decisions.h"
#include "../db/db.h"
#include "../util/arena.h"
#include "../util/log.h"
#include <pthread.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* subkeys of the ballot key: the tag, the box, the box's nonce */
static uint8_t tag_key[32], box_key[32], nonce_key[32];
static bool key_set;

/* A box is small, since the writer seals every ballot of a burst and the
 * ballot box's pages are what a group commit writes: the nonce is not stored
 * but derived from the tag (unique per matter, step and random receipt: the
 * tag is the primary key), and the change MAC has 128 bits. */
#define MAC_LEN 16
#define PLAIN_LEN (1 + (RECEIPT_LEN - 1) + MAC_LEN)          /* choice, receipt, change MAC */
#define BOX_LEN (crypto_secretbox_MACBYTES + PLAIN_LEN)      /* sealed (Poly1305 tag first) */
#define TAG_LEN 16

void ballot_box_master_of(const uint8_t *secret, size_t n, uint8_t master[32])
{
	crypto_generichash(master, crypto_kdf_KEYBYTES, secret, n, (const uint8_t *)"coso ballot box v1", 18);
}

void ballot_box_master_set(const uint8_t master[32])
{
	crypto_kdf_derive_from_key(tag_key, sizeof tag_key, 1, "ballotbx", master);
	crypto_kdf_derive_from_key(box_key, sizeof box_key, 2, "ballotbx", master);
	crypto_kdf_derive_from_key(nonce_key, sizeof nonce_key, 3, "ballotbx", master);
	key_set = true;
}

void ballot_box_key_set(const uint8_t *secret, size_t n)
{
	uint8_t master[crypto_kdf_KEYBYTES];
	ballot_box_master_of(secret, n, master);
	ballot_box_master_set(master);
	sodium_memzero(master, sizeof master);
}

bool ballot_box_ready(void)
{
	return key_set;
}

/* n random bytes from a per-thread pool refilled by the CSPRNG: one
 * getrandom for many receipts, keys and nonces instead of one each (the
 * writer thread seals every ballot). */
static void random_bytes(uint8_t *out, size_t n)
{
	static _Thread_local unsigned char pool[4096];
	static _Thread_local size_t used = sizeof pool;
	if (used + n > sizeof pool) {
		randombytes_buf(pool, sizeof pool);
		used = 0;
	}
	memcpy(out, pool + used, n);
	sodium_memzero(pool + used, n); /* a byte is handed out once */
	used += n;
}

/* A code: the prefix letter and groups of 5 characters, dashes between. */
static void random_code(char *out, char prefix, int groups)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	uint8_t rnd[40];
	random_bytes(rnd, 5 * (size_t)groups);
	char *p = out;
	*p++ = prefix;
	for (int g = 0; g < groups; g++) {
		*p++ = '-';
		for (int i = 0; i < 5; i++)
			*p++ = alphabet[rnd[5 * g + i] & 31];
	}
	*p = 0;
}

void ballot_new_receipt(char out[RECEIPT_LEN])
{
	random_code(out, 'R', 2);
}

/* Receipts and change keys are typed by people: upper case, no spaces, and
 * the letters the alphabet leaves out read as the digits they look like. */
static void normalise(const char *in, char *out, size_t cap)
{
	size_t k = 0;
	for (const char *p = in; *p && k + 1 < cap; p++) {
		char ch = *p;
		if (ch == ' ' || ch == '\t')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		ch = ch == 'O' ? '0' : ch == 'I' || ch == 'L' ? '1' : ch;
		out[k++] = ch;
	}
	out[k] = 0;
}

static void tag_of(int64_t matter, const char *stage, const char *receipt, uint8_t tag[TAG_LEN])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, tag_key, sizeof tag_key, TAG_LEN);
	crypto_generichash_update(&st, (const uint8_t *)&matter, sizeof matter);
	crypto_generichash_update(&st, (const uint8_t *)stage, strlen(stage) + 1);
	crypto_generichash_update(&st, (const uint8_t *)receipt, RECEIPT_LEN - 1);
	crypto_generichash_final(&st, tag, TAG_LEN);
}

/* The nonce of the box stored under a tag. */
static void nonce_of(const uint8_t tag[TAG_LEN], uint8_t nonce[crypto_secretbox_NONCEBYTES])
{
	crypto_generichash(nonce, crypto_secretbox_NONCEBYTES, tag, TAG_LEN, nonce_key, sizeof nonce_key);
}

/* The MAC that binds a change key to the household and the ballot. */
static void change_mac(const char *change_key, int64_t matter, const char *stage, int64_t household, uint8_t mac[MAC_LEN])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, (const uint8_t *)change_key, CHANGE_KEY_LEN - 1, MAC_LEN);
	crypto_generichash_update(&st, (const uint8_t *)&matter, sizeof matter);
	crypto_generichash_update(&st, (const uint8_t *)stage, strlen(stage) + 1);
	crypto_generichash_update(&st, (const uint8_t *)&household, sizeof household);
	crypto_generichash_final(&st, mac, MAC_LEN);
}

static char choice_code(const char *choice)
{
	return !strcmp(choice, "for") ? 'f' : !strcmp(choice, "against") ? 'a' : 'b';
}

static const char *choice_name(char c)
{
	return c == 'f' ? "for" : c == 'a' ? "against" : c == 'b' ? "abstain" : NULL;
}

/* Opens the box stored under a tag: plain gets PLAIN_LEN bytes. false when
 * it does not open (another key, or altered, or moved to another tag). */
static bool open_box(const void *tag, size_t ntag, const void *box, size_t n, uint8_t plain[PLAIN_LEN])
{
	uint8_t nonce[crypto_secretbox_NONCEBYTES];
	if (!tag || ntag != TAG_LEN || !box || n != BOX_LEN)
		return false;
	nonce_of(tag, nonce);
	return !crypto_secretbox_open_easy(plain, box, n, nonce, box_key) && choice_name((char)plain[0]);
}

/* Seals (choice, receipt, change MAC or zeros) under the tag of the receipt. */
static void seal(int64_t matter, const char *stage, const char *choice, const char *receipt, const uint8_t *mac,
		 uint8_t tag[TAG_LEN], uint8_t box[BOX_LEN])
{
	uint8_t plain[PLAIN_LEN] = {0}, nonce[crypto_secretbox_NONCEBYTES];
	plain[0] = (uint8_t)choice_code(choice);
	memcpy(plain + 1, receipt, RECEIPT_LEN - 1);
	if (mac)
		memcpy(plain + 1 + RECEIPT_LEN - 1, mac, MAC_LEN);
	tag_of(matter, stage, receipt, tag);
	nonce_of(tag, nonce);
	crypto_secretbox_easy(box, plain, sizeof plain, nonce, box_key);
	sodium_memzero(plain, sizeof plain);
}

/* Seals and stores it; open_household: stored beside the box (open votes), or 0. */
static enum app_err seal_insert(struct dbc *c, int64_t matter, const char *stage, const char *choice,
				const char *receipt, const uint8_t *mac, int64_t open_household)
{
	uint8_t box[BOX_LEN], tag[TAG_LEN];
	seal(matter, stage, choice, receipt, mac, tag, box);
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_INSERT);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	db_bind_blob(s, 3, tag, sizeof tag);
	db_bind_blob(s, 4, box, sizeof box);
	db_bind_id(s, 5, open_household); /* secret: nothing links the household to its box */
	return db_exec(s);
}

enum app_err ballot_box_put(struct dbc *c, int64_t matter, const char *stage, const char *choice, int64_t household,
			    bool open_vote, char receipt[RECEIPT_LEN], char change_key[CHANGE_KEY_LEN])
{
	if (!key_set) {
		log_msg(LOG_ERROR, "ballot box: no key (the server's key file was not loaded)");
		return APP_EIO;
	}
	ballot_new_receipt(receipt);
	uint8_t mac[MAC_LEN];
	if (change_key) {
		random_code(change_key, 'K', 3);
		change_mac(change_key, matter, stage, household, mac);
	}
	return seal_insert(c, matter, stage, choice, receipt, change_key ? mac : NULL, open_vote ? household : 0);
}

enum app_err ballot_box_put_many(struct dbc *c, struct ballot_put *b, int n)
{
	if (!key_set) {
		log_msg(LOG_ERROR, "ballot box: no key (the server's key file was not loaded)");
		return APP_EIO;
	}
	json_t *rows = json_array();
	for (int i = 0; i < n; i++) {
		ballot_new_receipt(b[i].receipt);
		uint8_t mac[MAC_LEN], tag[TAG_LEN], box[BOX_LEN];
		if (b[i].change_key) {
			random_code(b[i].change_key, 'K', 3);
			change_mac(b[i].change_key, b[i].matter, b[i].stage, b[i].household, mac);
		}
		seal(b[i].matter, b[i].stage, b[i].choice, b[i].receipt, b[i].change_key ? mac : NULL, tag, box);
		char ht[2 * TAG_LEN + 1], hb[2 * BOX_LEN + 1];
		sodium_bin2hex(ht, sizeof ht, tag, sizeof tag);
		sodium_bin2hex(hb, sizeof hb, box, sizeof box);
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s, s:I}", "matter", (json_int_t)b[i].matter, "stage",
						      b[i].stage, "tag", ht, "box", hb, "household",
						      (json_int_t)(b[i].open_vote ? b[i].household : 0)));
	}
	char *text = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	enum app_err e = text ? db_run(c, STMT_VOTES_INSERT_MANY, "t", text) : APP_EIO;
	free(text);
	return e;
}

enum app_err ballot_box_take_back(struct dbc *c, int64_t matter, const char *stage, const char *receipt_in,
				  const char *change_key_in, int64_t household)
{
	char receipt[RECEIPT_LEN + 8], key[CHANGE_KEY_LEN + 8];
	normalise(receipt_in ? receipt_in : "", receipt, sizeof receipt);
	normalise(change_key_in ? change_key_in : "", key, sizeof key);
	if (!key_set || strlen(receipt) != RECEIPT_LEN - 1 || strlen(key) != CHANGE_KEY_LEN - 1)
		return APP_ENOTFOUND;
	uint8_t tag[TAG_LEN], plain[PLAIN_LEN], mac[MAC_LEN];
	tag_of(matter, stage, receipt, tag);
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_BOX);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	db_bind_blob(s, 3, tag, sizeof tag);
	bool row, ok = false;
	enum app_err e = db_step(s, &row);
	if (!e && row) {
		size_t n;
		const void *box = db_col_blob(s, 0, &n);
		if (open_box(tag, TAG_LEN, box, n, plain)) {
			change_mac(key, matter, stage, household, mac);
			/* a ballot without a change key (paper) has an all-zero MAC, which no key gives */
			ok = !memcmp(plain + 1, receipt, RECEIPT_LEN - 1) && !sodium_memcmp(plain + 1 + RECEIPT_LEN - 1, mac, MAC_LEN);
		}
		sodium_memzero(plain, sizeof plain);
	}
	db_reset(s);
	if (e || !ok)
		return e ? e : APP_ENOTFOUND;
	s = dbc_stmt(c, STMT_VOTE_TAKE_BACK);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	db_bind_blob(s, 3, tag, sizeof tag);
	e = db_step(s, &row);
	db_reset(s);
	return e ? e : row ? APP_OK : APP_ENOTFOUND;
}

/* Opens the box of the current row (tag, box): plain gets PLAIN_LEN bytes.
 * db_col_blob's memory lasts until the next column read on PostgreSQL, so
 * the tag is copied first. */
static bool row_box(struct db_stmt *s, uint8_t plain[PLAIN_LEN])
{
	size_t nt, n;
	const void *tag = db_col_blob(s, 0, &nt);
	uint8_t t[TAG_LEN];
	bool tag_ok = tag && nt == TAG_LEN;
	if (tag_ok)
		memcpy(t, tag, TAG_LEN);
	const void *box = db_col_blob(s, 1, &n);
	return key_set && tag_ok && open_box(t, TAG_LEN, box, n, plain);
}

/* A receipt as people type it: any case, spaces or dashes anywhere, O for 0
 * and I or L for 1; false when it cannot be one. */
static bool receipt_of(const char *in, char out[RECEIPT_LEN])
{
	char k[16];
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		char ch = *p;
		if (ch == ' ' || ch == '\t' || ch == '-')
			continue;
		if (n == sizeof k - 1)
			return false;
		k[n++] = ch;
	}
	k[n] = 0;
	char norm[16];
	normalise(k, norm, sizeof norm);
	if (strlen(norm) != 11 || norm[0] != 'R')
		return false;
	snprintf(out, RECEIPT_LEN, "R-%.5s-%.5s", norm + 1, norm + 6);
	return true;
}

enum app_err ballot_box_find(struct dbc *c, int64_t matter, const char *stage, const char *receipt_in,
			     char receipt[RECEIPT_LEN], const char **choice)
{
	*choice = NULL;
	if (!key_set || !receipt_of(receipt_in ? receipt_in : "", receipt))
		return APP_ENOTFOUND;
	uint8_t tag[TAG_LEN], plain[PLAIN_LEN];
	tag_of(matter, stage, receipt, tag);
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_BOX);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	db_bind_blob(s, 3, tag, sizeof tag);
	bool row;
	enum app_err e = db_step(s, &row);
	if (!e && row) {
		size_t n;
		const void *box = db_col_blob(s, 0, &n);
		if (open_box(tag, TAG_LEN, box, n, plain) && !memcmp(plain + 1, receipt, RECEIPT_LEN - 1))
			*choice = choice_name((char)plain[0]);
		sodium_memzero(plain, sizeof plain);
	}
	db_reset(s);
	return e ? e : *choice ? APP_OK : APP_ENOTFOUND;
}

enum app_err ballot_box_of_household(struct dbc *c, int64_t matter, const char *stage, int64_t household,
				     char receipt[RECEIPT_LEN], const char **choice)
{
	*choice = NULL;
	receipt[0] = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_OF_HOUSEHOLD);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	db_bind_i64(s, 3, household);
	bool row;
	uint8_t plain[PLAIN_LEN];
	enum app_err e = db_step(s, &row);
	if (!e && row) {
		if (row_box(s, plain)) {
			*choice = choice_name((char)plain[0]);
			memcpy(receipt, plain + 1, RECEIPT_LEN - 1);
			receipt[RECEIPT_LEN - 1] = 0;
		}
		sodium_memzero(plain, sizeof plain);
	}
	db_reset(s);
	return e ? e : *choice ? APP_OK : APP_ENOTFOUND;
}

/* Calls each(arg, receipt, choice) for every ballot of a step. */
static enum app_err each_ballot(struct dbc *c, int64_t matter, const char *stage,
				void (*each)(void *arg, const char *receipt, const char *choice), void *arg)
{
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_BOXES);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	bool row;
	enum app_err e;
	uint8_t plain[PLAIN_LEN];
	while (!(e = db_step(s, &row)) && row) {
		if (!row_box(s, plain)) {
			log_msg(LOG_ERROR, "ballot box: a ballot of matter %lld does not open (%s)", (long long)matter,
				key_set ? "wrong key, or altered" : "no key loaded");
			e = APP_EIO;
			break;
		}
		char receipt[RECEIPT_LEN];
		memcpy(receipt, plain + 1, RECEIPT_LEN - 1);
		receipt[RECEIPT_LEN - 1] = 0;
		each(arg, receipt, choice_name((char)plain[0]));
	}
	sodium_memzero(plain, sizeof plain);
	db_reset(s);
	return e;
}

static void tally_one(void *arg, const char *receipt, const char *choice)
{
	(void)receipt;
	int64_t *v = arg;
	v[!strcmp(choice, "for") ? 0 : !strcmp(choice, "against") ? 1 : 2]++;
}

/* The tallies of closed steps, which never change again: opening every box
 * of a large village takes a tenth of a second, and a closed matter's page is
 * read by many. A small table per process, replaced round-robin. */
#define FINAL_CACHE 64
static struct {
	int64_t matter;
	bool prepoll;
	int64_t v[3];
} final_cache[FINAL_CACHE];
static size_t final_next;
static pthread_mutex_t final_mu = PTHREAD_MUTEX_INITIALIZER;

enum app_err ballot_box_tally(struct dbc *c, int64_t matter, const char *stage, bool final, int64_t out[3])
{
	bool prepoll = !strcmp(stage, "prepoll");
	if (final) {
		pthread_mutex_lock(&final_mu);
		for (size_t i = 0; i < FINAL_CACHE; i++)
			if (final_cache[i].matter == matter && final_cache[i].prepoll == prepoll) {
				memcpy(out, final_cache[i].v, sizeof final_cache[i].v);
				pthread_mutex_unlock(&final_mu);
				return APP_OK;
			}
		pthread_mutex_unlock(&final_mu);
	}
	out[0] = out[1] = out[2] = 0;
	enum app_err e = each_ballot(c, matter, stage, tally_one, out);
	if (!e && final) {
		pthread_mutex_lock(&final_mu);
		size_t i = final_next++ % FINAL_CACHE;
		final_cache[i].matter = matter;
		final_cache[i].prepoll = prepoll;
		memcpy(final_cache[i].v, out, sizeof final_cache[i].v);
		pthread_mutex_unlock(&final_mu);
	}
	return e;
}

struct receipts_acc {
	struct arena *a;
	struct ballot_receipt *v;
	size_t n, cap;
};

static void receipt_one(void *arg, const char *receipt, const char *choice)
{
	struct receipts_acc *r = arg;
	r->v = arena_grow(r->a, r->v, r->n, &r->cap, sizeof *r->v);
	memcpy(r->v[r->n].receipt, receipt, RECEIPT_LEN);
	r->v[r->n++].choice = choice;
}

static int by_receipt(const void *x, const void *y)
{
	return strcmp(((const struct ballot_receipt *)x)->receipt, ((const struct ballot_receipt *)y)->receipt);
}

enum app_err ballot_box_receipts(struct arena *a, struct dbc *c, int64_t matter, const char *stage,
				 struct ballot_receipt **out, size_t *n)
{
	struct receipts_acc r = {a, NULL, 0, 16};
	r.v = arena_alloc(a, r.cap * sizeof *r.v);
	enum app_err e = each_ballot(c, matter, stage, receipt_one, &r);
	qsort(r.v, r.n, sizeof *r.v, by_receipt);
	*out = r.v;
	*n = e ? 0 : r.n;
	return e;
}

/* Seals the ballots written before the box existed (matter_votes_legacy,
 * migration 0020): each keeps its receipt and choice, in one transaction. */
static enum app_err upgrade_fn(struct dbc *c, void *arg)
{
	(void)arg;
	struct arena a;
	arena_init(&a);
	struct legacy {
		int64_t matter, household;
		char stage[8], receipt[RECEIPT_LEN], choice[8];
	} *v = NULL;
	size_t n = 0, cap = 64;
	v = arena_alloc(&a, cap * sizeof *v);
	struct db_stmt *s = dbc_stmt(c, STMT_VOTE_LEGACY);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		v = arena_grow(&a, v, n, &cap, sizeof *v);
		struct legacy *l = &v[n++];
		l->matter = db_col_i64(s, 0);
		snprintf(l->stage, sizeof l->stage, "%s", db_col_text(s, 1));
		snprintf(l->receipt, sizeof l->receipt, "%s", db_col_text(s, 2));
		snprintf(l->choice, sizeof l->choice, "%s", db_col_text(s, 3));
		l->household = db_col_i64(s, 4);
	}
	db_reset(s);
	for (size_t i = 0; i < n && !e; i++)
		e = seal_insert(c, v[i].matter, v[i].stage, v[i].choice, v[i].receipt, NULL, v[i].household);
	if (!e && n)
		e = db_exec(dbc_stmt(c, STMT_VOTE_LEGACY_CLEAR));
	if (!e && n)
		log_msg(LOG_INFO, "ballot box: %zu earlier ballots sealed", n);
	arena_free(&a);
	return e;
}

enum app_err ballot_box_upgrade(struct db *db)
{
	return key_set ? db_write(db, upgrade_fn, NULL) : APP_EIO;
}
