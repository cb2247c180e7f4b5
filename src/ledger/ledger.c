/*
 * ledger.c — storage, keys, signed notes and verification of the
 * transparency ledger (see ledger.h and docs/ledger.md).
 */
#include "ledger.h"
#include "../events/events.h"
#include "../db/db.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define B64 sodium_base64_VARIANT_ORIGINAL

/* ---- keys (C2SP signed-note, Ed25519 = algorithm 0x01) ---- */

char *ledger_key_default_path(const char *db_url)
{
	if (!strncmp(db_url, "postgres://", 11) || !strncmp(db_url, "postgresql://", 13))
		return xstrdup("var/ledger.key");
	const char *p = strncmp(db_url, "sqlite:", 7) ? db_url : db_url + 7;
	size_t n = strlen(p);
	char *out = xmalloc(n + 12);
	memcpy(out, p, n);
	memcpy(out + n, ".ledger.key", 12);
	return out;
}

static void key_id(const char *name, const uint8_t pk[32], uint8_t id[4])
{
	crypto_hash_sha256_state st;
	uint8_t h[32];
	const uint8_t sep[2] = {'\n', 0x01};
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)name, strlen(name));
	crypto_hash_sha256_update(&st, sep, 2);
	crypto_hash_sha256_update(&st, pk, 32);
	crypto_hash_sha256_final(&st, h);
	memcpy(id, h, 4);
}

static bool name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n >= 128)
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '+' || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

enum app_err ledger_key_create(const char *path, const char *name, char **err)
{
	*err = NULL;
	if (!name_ok(name)) {
		*err = xstrdup("the ledger origin must be printable ASCII without spaces or '+'");
		return APP_EINVAL;
	}
	uint8_t seed[32], pk[32], sk[64], id[4];
	randombytes_buf(seed, sizeof seed);
	crypto_sign_seed_keypair(pk, sk, seed);
	key_id(name, pk, id);
	uint8_t raw[33];
	raw[0] = 0x01;
	memcpy(raw + 1, seed, 32);
	char b64[64];
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, B64);
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "PRIVATE+KEY+%s+%02x%02x%02x%02x+%s\n", name, id[0], id[1], id[2], id[3], b64);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(raw, sizeof raw);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		enum app_err r = errno == EEXIST ? APP_ECONFLICT : APP_EIO;
		if (r == APP_EIO) {
			char tmp[300];
			snprintf(tmp, sizeof tmp, "cannot create %s: %s", path, strerror(errno));
			*err = xstrdup(tmp);
		}
		sodium_memzero(b.p, b.n);
		buf_reset(&b);
		return r;
	}
	ssize_t w = write(fd, b.p, b.n);
	bool ok = w == (ssize_t)b.n && fsync(fd) == 0;
	close(fd);
	sodium_memzero(b.p, b.n);
	buf_reset(&b);
	if (!ok) {
		unlink(path);
		*err = xstrdup("cannot write the ledger key");
		return APP_EIO;
	}
	return APP_OK;
}

enum app_err ledger_key_load(const char *path, struct ledger_key *k, char **err)
{
	*err = NULL;
	FILE *f = fopen(path, "r");
	if (!f) {
		char tmp[300];
		snprintf(tmp, sizeof tmp, "cannot read the ledger key %s: %s (run `coso init`)", path,
			 strerror(errno));
		*err = xstrdup(tmp);
		return APP_ENOTFOUND;
	}
	char line[512] = "";
	bool got = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	/* PRIVATE+KEY+NAME+HEXID+BASE64 */
	/* the name has no '+', the id is 8 hex digits; base64 may contain '+' */
	char *p = got && !strncmp(line, "PRIVATE+KEY+", 12) ? line + 12 : NULL;
	char *plus1 = p ? strchr(p, '+') : NULL;
	char *plus2 = plus1 ? strchr(plus1 + 1, '+') : NULL;
	uint8_t raw[33];
	size_t rawn = 0;
	bool ok = plus1 && plus2 && (size_t)(plus1 - p) < sizeof k->name &&
		  sodium_base642bin(raw, sizeof raw, plus2 + 1, strlen(plus2 + 1), NULL, &rawn, NULL, B64) == 0 &&
		  rawn == 33 && raw[0] == 0x01;
	if (ok) {
		memcpy(k->name, p, (size_t)(plus1 - p));
		k->name[plus1 - p] = '\0';
		crypto_sign_seed_keypair(k->pk, k->sk, raw + 1);
		key_id(k->name, k->pk, k->id);
		char hex[9];
		snprintf(hex, sizeof hex, "%02x%02x%02x%02x", k->id[0], k->id[1], k->id[2], k->id[3]);
		ok = (size_t)(plus2 - plus1 - 1) == 8 && !strncmp(plus1 + 1, hex, 8) && name_ok(k->name);
	}
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(line, sizeof line);
	if (!ok) {
		sodium_memzero(k, sizeof *k);
		*err = xstrdup("the ledger key file is malformed");
		return APP_EINVAL;
	}
	return APP_OK;
}

/* The service key (issue #18): what a node that does not sign needs of the
 * ledger key, derived one way from it, with the public verifier line. */
enum app_err ledger_service_key_write(const char *path, const char *vkey, const uint8_t ballot[32],
				      const uint8_t notify[32], char **err)
{
	*err = NULL;
	char hb[65], hn[65];
	sodium_bin2hex(hb, sizeof hb, ballot, 32);
	sodium_bin2hex(hn, sizeof hn, notify, 32);
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "coso-service-key v1\nverifier %s\nballot %s\nnotify %s\n", vkey, hb, hn);
	sodium_memzero(hb, sizeof hb);
	sodium_memzero(hn, sizeof hn);
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	bool ok = fd >= 0 && write(fd, b.p, b.n) == (ssize_t)b.n && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	ok = ok && rename(tmp, path) == 0;
	sodium_memzero(b.p, b.n);
	buf_reset(&b);
	if (!ok) {
		unlink(tmp);
		char m[4300];
		snprintf(m, sizeof m, "cannot write the service key %s: %s", path, strerror(errno));
		*err = xstrdup(m);
		return APP_EIO;
	}
	return APP_OK;
}

enum app_err ledger_service_key_load(const char *path, char **vkey, uint8_t ballot[32], uint8_t notify[32], char **err)
{
	*err = NULL;
	*vkey = NULL;
	FILE *f = fopen(path, "r");
	if (!f) {
		char m[4300];
		snprintf(m, sizeof m, "cannot read the service key %s: %s (coso ledger service-key on a signer host)",
			 path, strerror(errno));
		*err = xstrdup(m);
		return APP_ENOTFOUND;
	}
	char line[512];
	int got = 0;
	bool first = true, ok = true;
	while (ok && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		size_t n = 0;
		if (first)
			ok = !strcmp(line, "coso-service-key v1");
		else if (!strncmp(line, "verifier ", 9) && !*vkey)
			*vkey = xstrdup(line + 9), got |= 1;
		else if (!strncmp(line, "ballot ", 7))
			ok = !sodium_hex2bin(ballot, 32, line + 7, strlen(line + 7), NULL, &n, NULL) && n == 32, got |= 2;
		else if (!strncmp(line, "notify ", 7))
			ok = !sodium_hex2bin(notify, 32, line + 7, strlen(line + 7), NULL, &n, NULL) && n == 32, got |= 4;
		first = false;
	}
	fclose(f);
	sodium_memzero(line, sizeof line);
	if (!ok || got != 7) {
		free(*vkey);
		*vkey = NULL;
		sodium_memzero(ballot, 32);
		sodium_memzero(notify, 32);
		*err = xstrdup("the service key file is malformed");
		return APP_EINVAL;
	}
	return APP_OK;
}

char *ledger_key_verifier(const struct ledger_key *k)
{
	uint8_t raw[33];
	raw[0] = 0x01;
	memcpy(raw + 1, k->pk, 32);
	char b64[64];
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, B64);
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s+%02x%02x%02x%02x+%s", k->name, k->id[0], k->id[1], k->id[2], k->id[3], b64);
	return buf_steal(&b);
}

bool ledger_verifier_parse(const char *line, char name[128], uint8_t pk[32], uint8_t id[4])
{
	/* the name has no '+', the id is 8 hex digits; base64 may contain '+' */
	const char *plus1 = strchr(line, '+');
	const char *plus2 = plus1 ? strchr(plus1 + 1, '+') : NULL;
	if (!plus1 || (size_t)(plus1 - line) >= 128 || plus2 - plus1 != 9)
		return false;
	memcpy(name, line, (size_t)(plus1 - line));
	name[plus1 - line] = '\0';
	uint8_t raw[33], want[4];
	size_t rawn = 0;
	size_t len = strcspn(plus2 + 1, "\r\n");
	if (sodium_base642bin(raw, sizeof raw, plus2 + 1, len, NULL, &rawn, NULL, B64) || rawn != 33 ||
	    raw[0] != 0x01)
		return false;
	memcpy(pk, raw + 1, 32);
	key_id(name, pk, want);
	if (sodium_hex2bin(id, 4, plus1 + 1, 8, NULL, NULL, NULL))
		return false;
	return memcmp(id, want, 4) == 0 && name_ok(name);
}

/* ---- leaves ---- */

char *ledger_leaf(int64_t event_id, int64_t at, const char *kind, const char *subject,
		  const char *unit_code, const char *payload)
{
	char ts[32];
	time_t t = (time_t)at;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *o = json_object();
	json_object_set_new(o, "v", json_integer(1));
	json_object_set_new(o, "event", json_integer(event_id));
	json_object_set_new(o, "at", json_string(ts));
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "subject", json_string(subject));
	json_object_set_new(o, "unit", unit_code && *unit_code ? json_string(unit_code) : json_null());
	json_t *p = payload ? json_loads(payload, JSON_REJECT_DUPLICATES, NULL) : NULL;
	json_object_set_new(o, "payload", p && json_is_object(p) ? p : json_object());
	if (p && !json_is_object(p))
		json_decref(p);
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (!s)
		abort(); /* only on out of memory */
	return s;
}

static void to_hex(const uint8_t h[MERKLE_HASH], char out[65])
{
	sodium_bin2hex(out, 65, h, MERKLE_HASH);
}

static enum app_err put_node(struct dbc *c, int level, uint64_t idx, const uint8_t h[MERKLE_HASH])
{
	char hex[65];
	to_hex(h, hex);
	return db_run(c, STMT_LEDGER_NODE_INSERT, "iit", (int64_t)level, (int64_t)((int64_t)idx), hex);
}

/* Reads a stored perfect subtree (merkle_node_fn over a connection). */
static enum app_err get_node(void *ctx, int level, uint64_t idx, uint8_t out[MERKLE_HASH])
{
	struct db_stmt *s = dbc_stmt(ctx, STMT_LEDGER_NODE_GET);
	db_bind_i64(s, 1, level);
	db_bind_i64(s, 2, (int64_t)idx);
	enum app_err e = db_row(s);
	if (!e && sodium_hex2bin(out, MERKLE_HASH, db_col_text(s, 0), 64, NULL, NULL, NULL))
		e = APP_EDB;
	db_reset(s);
	return e;
}

enum app_err ledger_size(struct dbc *c, uint64_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_SIZE);
	enum app_err e;
	*n = (uint64_t)db_one_i64(s, 0, &e);
	return e;
}

enum app_err ledger_append(struct dbc *c, int64_t event_id, const char *leaf, int64_t *idx)
{
	enum app_err e = db_exec(dbc_stmt(c, STMT_LEDGER_LOCK));
	uint64_t n = 0;
	if (!e)
		e = ledger_size(c, &n);
	if (e)
		return e;
	uint8_t h[MERKLE_HASH];
	merkle_leaf_hash(leaf, strlen(leaf), h);
	char hex[65];
	to_hex(h, hex);
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_LEAF_INSERT);
	db_bind_i64(s, 1, (int64_t)n);
	db_bind_i64(s, 2, event_id);
	db_bind_text(s, 3, leaf);
	db_bind_text(s, 4, hex);
	if ((e = db_exec(s)) || (e = put_node(c, 0, n, h)))
		return e;
	/* every perfect subtree that this leaf completes */
	uint64_t i = n;
	for (int level = 0; i & 1; level++, i >>= 1) {
		uint8_t left[MERKLE_HASH];
		if ((e = get_node(c, level, i - 1, left)))
			return e;
		merkle_node_hash(left, h, h);
		if ((e = put_node(c, level + 1, i >> 1, h)))
			return e;
	}
	if (idx)
		*idx = (int64_t)n;
	return APP_OK;
}

enum app_err ledger_backfill(struct dbc *c, int64_t *added)
{
	*added = 0;
	for (;;) {
		struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_BACKLOG);
		bool row;
		enum app_err e;
		int64_t ids[1000];
		char *leaves[1000];
		int n = 0;
		while (!(e = db_step(s, &row)) && row && n < 1000) {
			ids[n] = db_col_i64(s, 0);
			leaves[n] = ledger_leaf(ids[n], db_col_i64(s, 1), db_col_text(s, 2), db_col_text(s, 3),
						db_col_text(s, 4), db_col_text(s, 5));
			n++;
		}
		db_reset(s);
		for (int i = 0; i < n; i++) {
			if (!e)
				e = ledger_append(c, ids[i], leaves[i], NULL);
			free(leaves[i]);
		}
		if (e)
			return e;
		*added += n;
		if (n < 1000)
			return APP_OK;
	}
}

enum app_err ledger_root(struct dbc *c, uint64_t n, uint8_t out[MERKLE_HASH])
{
	if (n == 0) {
		merkle_empty_root(out);
		return APP_OK;
	}
	return merkle_range_hash(get_node, c, 0, n, out);
}

enum app_err ledger_inclusion(struct dbc *c, uint64_t m, uint64_t n, uint8_t proof[][MERKLE_HASH],
			      size_t *nproof)
{
	return merkle_inclusion_proof(get_node, c, m, n, proof, nproof);
}

enum app_err ledger_consistency(struct dbc *c, uint64_t m, uint64_t n, uint8_t proof[][MERKLE_HASH],
				size_t *nproof)
{
	if (m == n || m == 0) {
		*nproof = 0;
		return APP_OK;
	}
	return merkle_consistency_proof(get_node, c, m, n, proof, nproof);
}

/* ---- signed notes ---- */

char *ledger_note(const struct ledger_key *k, uint64_t size, const uint8_t root[MERKLE_HASH])
{
	char rb[64];
	sodium_bin2base64(rb, sizeof rb, root, MERKLE_HASH, B64);
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s\n%llu\n%s\n", k->name, (unsigned long long)size, rb);
	uint8_t sig[4 + crypto_sign_BYTES];
	memcpy(sig, k->id, 4);
	crypto_sign_detached(sig + 4, NULL, (const uint8_t *)b.p, b.n, k->sk);
	char sb[128];
	sodium_bin2base64(sb, sizeof sb, sig, sizeof sig, B64);
	buf_printf(&b, "\n\xe2\x80\x94 %s %s\n", k->name, sb);
	return buf_steal(&b);
}

bool ledger_note_verify(const char *note, const char *name, const uint8_t pk[32], const uint8_t id[4],
			uint64_t *size, uint8_t root[MERKLE_HASH])
{
	const char *sep = strstr(note, "\n\n");
	if (!sep)
		return false;
	size_t body = (size_t)(sep - note) + 1; /* text up to and including the last body newline */
	/* body: origin, size, root */
	/* exactly three lines: origin, decimal size, base64 root */
	const char *l1 = note, *e1 = strchr(l1, '\n');
	const char *l2 = e1 ? e1 + 1 : NULL, *e2 = l2 ? strchr(l2, '\n') : NULL;
	const char *l3 = e2 ? e2 + 1 : NULL, *e3 = l3 ? strchr(l3, '\n') : NULL;
	if (!e3 || (size_t)(e3 - note) + 1 != body || (size_t)(e1 - l1) != strlen(name) ||
	    strncmp(l1, name, (size_t)(e1 - l1)) || e2 == l2 || e2 - l2 > 20 || (size_t)(e3 - l3) >= 64)
		return false;
	unsigned long long sz = 0;
	for (const char *p = l2; p < e2; p++) {
		if (*p < '0' || *p > '9' || (p == l2 && *p == '0' && e2 - l2 > 1))
			return false;
		sz = sz * 10 + (unsigned)(*p - '0');
	}
	char rb[64];
	memcpy(rb, l3, (size_t)(e3 - l3));
	rb[e3 - l3] = '\0';
	size_t rn = 0;
	if (sodium_base642bin(root, MERKLE_HASH, rb, strlen(rb), NULL, &rn, NULL, B64) || rn != MERKLE_HASH)
		return false;
	/* signature lines: "— NAME BASE64" — one of them must be ours */
	const char *line = sep + 2;
	char prefix[140];
	snprintf(prefix, sizeof prefix, "\xe2\x80\x94 %s ", name);
	while (*line) {
		const char *eol = strchr(line, '\n');
		if (!eol)
			return false;
		size_t pl = strlen(prefix);
		if (!strncmp(line, prefix, pl)) {
			uint8_t sig[4 + crypto_sign_BYTES + 4];
			size_t sn = 0;
			if (!sodium_base642bin(sig, sizeof sig, line + pl, (size_t)(eol - line - (ptrdiff_t)pl), NULL,
					       &sn, NULL, B64) &&
			    sn == 4 + crypto_sign_BYTES && !memcmp(sig, id, 4) &&
			    !crypto_sign_verify_detached(sig + 4, (const uint8_t *)note, body, pk)) {
				*size = sz;
				return true;
			}
		}
		line = eol + 1;
	}
	return false;
}

enum app_err ledger_latest(struct arena *a, struct dbc *c, struct ledger_checkpoint *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_CHECKPOINT_LATEST);
	enum app_err e = db_row(s);
	if (!e) {
		db_cols(s, a, 0, DB_COL(&out->size), DB_COL(&out->root), DB_COL(&out->at), DB_COL(&out->note));
	}
	db_reset(s);
	return e;
}

enum app_err ledger_checkpoint_due(struct dbc *c, bool *due, uint64_t *size)
{
	*due = false;
	uint64_t n;
	enum app_err e = ledger_size(c, &n);
	if (e)
		return e;
	struct arena a;
	arena_init(&a);
	struct ledger_checkpoint last;
	e = ledger_latest(&a, c, &last);
	*due = e == APP_ENOTFOUND || (!e && (uint64_t)last.size < n);
	arena_free(&a);
	if (size)
		*size = n;
	return e == APP_ENOTFOUND ? APP_OK : e;
}

enum app_err ledger_lease(struct dbc *c, const char *holder, int64_t now, int ttl, bool *held)
{
	*held = false;
	enum app_err e = db_run(c, STMT_LEDGER_LEASE_TAKE, "tii", holder, now, now + ttl);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_LEASE_GET);
	if (!(e = db_row(s)))
		*held = !strcmp(db_col_text(s, 0), holder) && db_col_i64(s, 2) > now;
	db_reset(s);
	return e == APP_ENOTFOUND ? APP_OK : e;
}

enum app_err ledger_lease_drop(struct dbc *c, const char *holder)
{
	return db_run(c, STMT_LEDGER_LEASE_DROP, "t", holder);
}

enum app_err ledger_lease_get(struct arena *a, struct dbc *c, const char **holder, int64_t *since, int64_t *until)
{
	*holder = NULL;
	*since = *until = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_LEASE_GET);
	enum app_err e = db_row(s);
	if (!e) {
		*holder = arena_strdup(a, db_col_text(s, 0));
		*since = db_col_i64(s, 1);
		*until = db_col_i64(s, 2);
	}
	db_reset(s);
	return e == APP_ENOTFOUND ? APP_OK : e;
}

enum app_err ledger_checkpoint(struct dbc *c, const struct ledger_key *k, int64_t now, bool *made)
{
	*made = false;
	uint64_t n;
	bool need;
	enum app_err e = ledger_checkpoint_due(c, &need, &n);
	if (e || !need)
		return e;
	uint8_t root[MERKLE_HASH];
	if ((e = ledger_root(c, n, root)))
		return e;
	char *note = ledger_note(k, n, root);
	char rb[64];
	sodium_bin2base64(rb, sizeof rb, root, MERKLE_HASH, B64);
	e = db_run(c, STMT_LEDGER_CHECKPOINT_INSERT, "itit", (int64_t)((int64_t)n), rb, (int64_t)now, note);
	free(note);
	*made = !e;
	return e;
}

enum app_err ledger_entry_get(struct arena *a, struct dbc *c, int64_t idx, struct ledger_entry *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_LEAF_GET);
	db_bind_i64(s, 1, idx);
	enum app_err e = db_row(s);
	if (!e) {
		db_cols(s, a, 0, DB_COL(&out->idx), DB_COL(&out->event_id), DB_COL(&out->leaf), DB_COL(&out->hash));
	}
	db_reset(s);
	return e;
}

/* The index of statement id's row for key (and the instant at, when the
 * statement takes one: at >= 0), or -1 when there is none. */
static int64_t latest_index(struct dbc *c, enum stmt_id id, const char *key, int64_t at)
{
	struct db_stmt *s = dbc_stmt(c, id);
	db_bind_text(s, 1, key);
	if (at >= 0)
		db_bind_i64(s, 2, at);
	bool row;
	int64_t idx = -1;
	if (!db_step(s, &row) && row)
		idx = db_col_i64(s, 0);
	db_reset(s);
	return idx;
}

int64_t ledger_index_of_latest(struct dbc *c, const char *kind)
{
	return latest_index(c, STMT_LEDGER_LATEST_OF_KIND, kind, -1);
}

int64_t ledger_index_of_subject(struct dbc *c, const char *subject)
{
	return latest_index(c, STMT_LEDGER_LATEST_OF_SUBJECT, subject, -1);
}

int64_t ledger_index_of_subject_at(struct dbc *c, const char *subject, int64_t at)
{
	return latest_index(c, STMT_LEDGER_SUBJECT_AT, subject, at);
}

/* ---- verification ---- */

#define BATCH 4096

static void bad(FILE *r, int64_t *first, int64_t idx, const char *what)
{
	if (*first < 0 || idx < *first)
		*first = idx;
	fprintf(r, "index %lld: %s\n", (long long)idx, what);
}

enum app_err ledger_verify_db(struct dbc *c, const struct ledger_key *k, FILE *report,
			      int64_t *first_bad)
{
	*first_bad = -1;
	uint64_t n;
	enum app_err e = ledger_size(c, &n);
	if (e)
		return e;
	/* 1. leaves: the stored bytes are the event's canonical form, and the hash is theirs */
	uint8_t *hashes = xmalloc((n ? n : 1) * MERKLE_HASH);
	for (uint64_t from = 0; from < n && !e;) {
		struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_LEAF_RANGE);
		db_bind_i64(s, 1, (int64_t)from);
		db_bind_i64(s, 2, BATCH);
		bool row;
		uint64_t got = 0;
		struct arena a;
		arena_init(&a);
		struct {
			int64_t idx, ev;
			const char *leaf, *hash;
		} *rows = arena_alloc(&a, BATCH * sizeof *rows);
		while (!(e = db_step(s, &row)) && row) {
			rows[got].idx = db_col_i64(s, 0);
			rows[got].ev = db_col_i64(s, 1);
			rows[got].leaf = arena_strdup(&a, db_col_text(s, 2));
			rows[got].hash = arena_strdup(&a, db_col_text(s, 3));
			got++;
		}
		db_reset(s);
		for (uint64_t i = 0; i < got && !e; i++) {
			uint64_t idx = from + i;
			if ((uint64_t)rows[i].idx != idx) {
				bad(report, first_bad, (int64_t)idx, "missing leaf");
				memset(hashes + idx * MERKLE_HASH, 0, MERKLE_HASH);
				continue;
			}
			uint8_t computed[MERKLE_HASH];
			merkle_leaf_hash(rows[i].leaf, strlen(rows[i].leaf), computed);
			char hex[65];
			to_hex(computed, hex);
			if (strcmp(hex, rows[i].hash))
				bad(report, first_bad, (int64_t)idx, "stored leaf hash differs from the leaf");
			if (sodium_hex2bin(hashes + idx * MERKLE_HASH, MERKLE_HASH, rows[i].hash, strlen(rows[i].hash),
					   NULL, NULL, NULL))
				memset(hashes + idx * MERKLE_HASH, 0, MERKLE_HASH);
			struct db_stmt *q = dbc_stmt(c, STMT_LEDGER_EVENT);
			db_bind_i64(q, 1, rows[i].ev);
			bool r2;
			if ((e = db_step(q, &r2)))
				break;
			if (!r2) {
				bad(report, first_bad, (int64_t)idx, "its event is gone");
			} else {
				char *want = ledger_leaf(rows[i].ev, db_col_i64(q, 0), db_col_text(q, 1),
							 db_col_text(q, 2), db_col_text(q, 3), db_col_text(q, 4));
				if (strcmp(want, rows[i].leaf))
					bad(report, first_bad, (int64_t)idx, "the event differs from the leaf recorded");
				if (!db_col_i64(q, 5))
					bad(report, first_bad, (int64_t)idx, "the event is no longer public");
				free(want);
			}
			db_reset(q);
		}
		arena_free(&a);
		if (!got)
			break;
		from += got;
	}
	/* 2. nodes, each checked locally so that one change is reported where it
	 * is: level 0 equals the leaf's stored hash, every higher node equals the
	 * hash of its two stored children. Hashes of a level are kept to check
	 * the next. */
	uint64_t width = n;
	uint8_t *below = hashes; /* level 0: the stored leaf hashes */
	uint8_t *cur = xmalloc((n ? n : 1) * MERKLE_HASH);
	for (int level = 0; width > 0 && !e; level++) {
		uint64_t expect = 0;
		for (uint64_t from = 0; from < width && !e;) {
			struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_NODE_RANGE);
			db_bind_i64(s, 1, level);
			db_bind_i64(s, 2, (int64_t)from);
			db_bind_i64(s, 3, BATCH);
			bool row;
			uint64_t got = 0;
			while (!(e = db_step(s, &row)) && row) {
				uint64_t idx = (uint64_t)db_col_i64(s, 0);
				got++;
				if (idx >= width)
					continue;
				for (; expect < idx; expect++) {
					bad(report, first_bad, (int64_t)(expect << level), "missing tree node");
					memset(cur + expect * MERKLE_HASH, 0, MERKLE_HASH);
				}
				expect = idx + 1;
				uint8_t *h = cur + idx * MERKLE_HASH, want[MERKLE_HASH];
				if (sodium_hex2bin(h, MERKLE_HASH, db_col_text(s, 1), 64, NULL, NULL, NULL))
					memset(h, 0, MERKLE_HASH);
				if (level == 0)
					memcpy(want, below + idx * MERKLE_HASH, MERKLE_HASH);
				else
					merkle_node_hash(below + 2 * idx * MERKLE_HASH, below + (2 * idx + 1) * MERKLE_HASH, want);
				if (memcmp(h, want, MERKLE_HASH)) {
					char what[64];
					snprintf(what, sizeof what, "tree node at level %d differs", level);
					bad(report, first_bad, (int64_t)(idx << level), what);
				}
			}
			db_reset(s);
			if (!got)
				break;
			from += got;
		}
		for (; expect < width; expect++) {
			bad(report, first_bad, (int64_t)(expect << level), "missing tree node");
			memset(cur + expect * MERKLE_HASH, 0, MERKLE_HASH);
		}
		uint8_t *t = below;
		below = cur;
		cur = t;
		width /= 2;
	}
	free(below); /* the two level buffers, whichever is which now */
	free(cur);
	if (e)
		return e;
	/* 3. checkpoints: signed by this key, and their roots are the trees'
	 * recomputed from the (now checked) nodes */
	for (int64_t from = 0; !e;) {
		struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_CHECKPOINT_ALL);
		db_bind_i64(s, 1, from);
		db_bind_i64(s, 2, 256);
		bool row;
		int got = 0;
		struct arena a;
		arena_init(&a);
		struct {
			int64_t size;
			const char *root, *note;
		} *cp = arena_alloc(&a, 256 * sizeof *cp);
		while (!(e = db_step(s, &row)) && row) {
			cp[got].size = db_col_i64(s, 0);
			cp[got].root = arena_strdup(&a, db_col_text(s, 1));
			cp[got].note = arena_strdup(&a, db_col_text(s, 3));
			got++;
		}
		db_reset(s);
		for (int i = 0; i < got && !e; i++) {
			uint64_t sz;
			uint8_t root[MERKLE_HASH], want[MERKLE_HASH];
			if (!ledger_note_verify(cp[i].note, k->name, k->pk, k->id, &sz, root) ||
			    sz != (uint64_t)cp[i].size) {
				fprintf(report, "checkpoint %lld: bad signature or text\n", (long long)cp[i].size);
				bad(report, first_bad, cp[i].size ? cp[i].size - 1 : 0, "checkpoint does not verify");
				continue;
			}
			/* the row's own root column, which readers are served, is the signed one */
			char b64[sodium_base64_ENCODED_LEN(MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL)];
			sodium_bin2base64(b64, sizeof b64, root, MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL);
			if (strcmp(b64, cp[i].root)) {
				fprintf(report, "checkpoint %lld: the stored root differs from its signed note\n",
					(long long)cp[i].size);
				bad(report, first_bad, cp[i].size ? cp[i].size - 1 : 0, "checkpoint row differs from its note");
			}
			if ((uint64_t)cp[i].size > n) {
				bad(report, first_bad, (int64_t)n, "a checkpoint covers leaves that are gone");
				continue;
			}
			if ((e = ledger_root(c, sz, want)))
				break;
			if (memcmp(root, want, MERKLE_HASH))
				bad(report, first_bad, cp[i].size ? cp[i].size - 1 : 0,
				    "checkpoint root differs from the tree");
		}
		int64_t next = got ? cp[got - 1].size + 1 : 0;
		arena_free(&a);
		if (got < 256)
			break;
		from = next;
	}
	if (e)
		return e;
	/* 4. every public act has its leaf (the other way round was checked
	 * with the leaves: "its event is gone") */
	int64_t unlogged = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_LEDGER_BACKLOG);
	bool row;
	while (!(e = db_step(s, &row)) && row) {
		if (!unlogged)
			fprintf(report, "FAIL: the first public act without a ledger entry is event %lld (%s, %s)\n",
				(long long)db_col_i64(s, 0), db_col_text(s, 2), db_col_text(s, 3));
		unlogged++;
	}
	db_reset(s);
	if (e)
		return e;
	if (unlogged)
		fprintf(report, "%lld public acts have no ledger entry%s\n", (long long)unlogged,
			unlogged >= 1000 ? " (or more)" : "");
	fprintf(report, "%llu leaves checked\n", (unsigned long long)n);
	return *first_bad >= 0 || unlogged ? APP_ECONFLICT : APP_OK;
}

static enum app_err on_public_event(struct dbc *c, int64_t id, int64_t at, const struct event *e, const char *unit_code)
{
	char *leaf = ledger_leaf(id, at, e->kind, e->subject, unit_code, e->payload ? e->payload : "{}");
	enum app_err r = ledger_append(c, id, leaf, NULL);
	free(leaf);
	return r;
}

void ledger_listen(void)
{
	events_set_public_sink(on_public_event);
}

enum app_err ledger_verify_saved(struct dbc *c, const struct ledger_key *k, const char *path, FILE *report)
{
	size_t len;
	char *saved = buf_read_file(path, &len);
	if (!saved) {
		fprintf(report, "FAIL: no saved checkpoint at %s\n", path);
		return APP_EIO;
	}
	char *keyline = ledger_key_verifier(k), name[128];
	uint8_t pk[32], id[4], oroot[MERKLE_HASH], root[MERKLE_HASH];
	uint64_t osize = 0, n = 0;
	size_t kl = strcspn(saved, "\n");
	const char *note = saved[kl] ? saved + kl + 1 : NULL;
	enum app_err e = APP_ECONFLICT;
	if (kl != strlen(keyline) || strncmp(saved, keyline, kl))
		fprintf(report, "FAIL: the checkpoint saved in %s was signed by another key\n", path);
	else if (!ledger_verifier_parse(keyline, name, pk, id) || !note || !ledger_note_verify(note, name, pk, id, &osize, oroot))
		fprintf(report, "FAIL: the saved checkpoint does not verify\n");
	else if ((e = ledger_size(c, &n)))
		fprintf(report, "cannot read the log (database error %d)\n", (int)e);
	else if ((e = APP_ECONFLICT, osize > n))
		fprintf(report, "FAIL: the log has %llu entries, fewer than the %llu of the checkpoint saved (rolled back or forked)\n",
			(unsigned long long)n, (unsigned long long)osize);
	else if ((e = ledger_root(c, osize, root)))
		fprintf(report, "cannot compute the tree of %llu entries (database error %d)\n", (unsigned long long)osize, (int)e);
	else if ((e = APP_ECONFLICT, sodium_memcmp(root, oroot, MERKLE_HASH)))
		fprintf(report, "FAIL: the log of %llu entries is not an extension of the saved one of %llu\n",
			(unsigned long long)n, (unsigned long long)osize);
	else {
		fprintf(report, "consistency with the saved checkpoint: %llu -> %llu entries, ok\n", (unsigned long long)osize,
			(unsigned long long)n);
		e = APP_OK;
	}
	free(keyline);
	free(saved);
	return e;
}

enum app_err ledger_save_latest(struct dbc *c, const struct ledger_key *k, const char *path)
{
	struct arena a;
	arena_init(&a);
	struct ledger_checkpoint cp;
	enum app_err e = ledger_latest(&a, c, &cp);
	if (!e) {
		char *keyline = ledger_key_verifier(k);
		FILE *f = fopen(path, "w");
		if (!f || fprintf(f, "%s\n%s", keyline, cp.note) < 0 || fclose(f))
			e = APP_EIO;
		free(keyline);
	}
	arena_free(&a);
	return e;
}
