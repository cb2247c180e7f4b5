/*
 * ident.c — a denouncer's identity sealed at rest (ident.h).
 */
#include "ident.h"
#include "../db/db.h"
#include "../util/arena.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *key_file;
static unsigned char key[crypto_secretbox_KEYBYTES];
static bool key_ready;
static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;

void case_ident_key_path(const char *path)
{
	free(key_file);
	key_file = path ? xstrdup(path) : NULL;
	key_ready = false;
}

/* Reads the key, or makes it when the file does not exist (O_EXCL: two
 * processes starting together agree on one). */
static bool key_get(unsigned char out[crypto_secretbox_KEYBYTES])
{
	pthread_mutex_lock(&key_lock);
	bool ok = key_ready;
	if (!ok) {
		const char *env = getenv("COSO_IDENTITY_KEY");
		const char *path = env && *env ? env : key_file ? key_file : "identity.key";
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT) {
			unsigned char k[crypto_secretbox_KEYBYTES];
			crypto_secretbox_keygen(k);
			int w = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
			if (w >= 0) {
				bool wrote = write(w, k, sizeof k) == (ssize_t)sizeof k;
				if (close(w) || !wrote)
					unlink(path);
			}
			sodium_memzero(k, sizeof k);
			fd = open(path, O_RDONLY | O_CLOEXEC);
		}
		if (fd >= 0) {
			ok = read(fd, key, sizeof key) == (ssize_t)sizeof key;
			close(fd);
		}
		if (!ok)
			log_msg(LOG_ERROR, "cases: the identity key %s cannot be read or made", path);
		key_ready = ok;
	}
	if (ok)
		memcpy(out, key, crypto_secretbox_KEYBYTES);
	pthread_mutex_unlock(&key_lock);
	return ok;
}

const char *case_ident_seal(struct arena *a, const char *name, const char *phone, const char *email,
			    const char *address, const char *id_number)
{
	unsigned char k[crypto_secretbox_KEYBYTES];
	if (!key_get(k))
		return NULL;
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", name ? name : "", "phone", phone ? phone : "",
			      "email", email ? email : "", "address", address ? address : "", "id_number",
			      id_number ? id_number : "");
	char *plain = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!plain) {
		sodium_memzero(k, sizeof k);
		return NULL;
	}
	size_t pn = strlen(plain), bn = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + pn;
	unsigned char *box = xmalloc(bn);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (unsigned char *)plain, pn, box, k);
	sodium_memzero(plain, pn);
	free(plain);
	sodium_memzero(k, sizeof k);
	size_t tn = sodium_base64_ENCODED_LEN(bn, sodium_base64_VARIANT_ORIGINAL);
	char *t = arena_alloc(a, tn);
	sodium_bin2base64(t, tn, box, bn, sodium_base64_VARIANT_ORIGINAL);
	free(box);
	return t;
}

enum app_err case_ident_open(struct arena *a, const char *sealed, struct case_ident *out)
{
	memset(out, 0, sizeof *out);
	unsigned char k[crypto_secretbox_KEYBYTES];
	if (!sealed || !*sealed || !key_get(k))
		return APP_EDB;
	size_t sn = strlen(sealed), bn;
	unsigned char *box = xmalloc(sn);
	enum app_err e = APP_EDB;
	if (!sodium_base642bin(box, sn, sealed, sn, NULL, &bn, NULL, sodium_base64_VARIANT_ORIGINAL) &&
	    bn > crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		size_t pn = bn - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
		char *plain = xmalloc(pn + 1);
		if (!crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
						bn - crypto_secretbox_NONCEBYTES, box, k)) {
			plain[pn] = 0;
			json_t *o = json_loads(plain, 0, NULL);
			if (o) {
				const char *f[5] = {"", "", "", "", ""};
				json_unpack(o, "{s?s, s?s, s?s, s?s, s?s}", "name", &f[0], "phone", &f[1], "email", &f[2],
					    "address", &f[3], "id_number", &f[4]);
				out->name = arena_strdup(a, f[0]);
				out->phone = arena_strdup(a, f[1]);
				out->email = arena_strdup(a, f[2]);
				out->address = arena_strdup(a, f[3]);
				out->id_number = arena_strdup(a, f[4]);
				json_decref(o);
				e = APP_OK;
			}
		}
		sodium_memzero(plain, pn);
		free(plain);
	}
	free(box);
	sodium_memzero(k, sizeof k);
	if (e)
		log_msg(LOG_ERROR, "cases: a sealed identity did not open (wrong key?)");
	return e;
}

struct view_job {
	int64_t id, user, now;
};

static enum app_err view_fn(struct dbc *c, void *arg)
{
	struct view_job *j = arg;
	return db_run(c, STMT_CASE_IDENT_VIEW, "iii", j->id, j->user, j->now);
}

enum app_err case_ident_view(struct db *db, struct arena *a, struct dbc *c, int64_t case_id, int64_t user,
			     int64_t now, struct case_ident *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_IDENT_GET);
	db_bind_i64(s, 1, case_id);
	enum app_err e = db_row(s);
	const char *sealed = e ? NULL : arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	if (e)
		return e;
	if ((e = case_ident_open(a, sealed, out)))
		return e;
	/* shown only once the view is on record */
	struct view_job j = {.id = case_id, .user = user, .now = now};
	return db_write_in_read(db, view_fn, &j);
}
