/*
 * ledger_remote.c — `coso ledger verify --url`: checks a running server
 * without trusting it. The checkpoint must carry a valid signature of the
 * ledger key; every entry (or a sample of 256 in a large log) must be
 * included under the checkpoint's root; and an older checkpoint saved earlier
 * (with the key it was checked with, pinned) must be consistent with the new
 * one — so a log that rewrote its past cannot pass. Uses libcurl.
 */
#include "ledger.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static size_t sink(char *p, size_t sz, size_t n, void *ud)
{
	buf_append(ud, p, sz * n);
	return sz * n;
}

/* GETs base+path into out; false (with a message) unless 200. */
static bool fetch(CURL *h, const char *base, const char *path, struct buf *out)
{
	struct buf url;
	buf_init(&url);
	buf_printf(&url, "%s%s", base, path);
	buf_reset(out);
	buf_append(out, "", 0);
	curl_easy_setopt(h, CURLOPT_URL, url.p);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	bool ok = rc == CURLE_OK && status == 200;
	if (!ok)
		fprintf(stderr, "GET %s: %s (HTTP %ld)\n", url.p, rc ? curl_easy_strerror(rc) : "refused", status);
	buf_reset(&url);
	return ok;
}

static bool proof_of(const char *text, const char *key, uint64_t want_a, const char *akey, uint64_t want_b,
		     const char *bkey, uint8_t proof[][MERKLE_HASH], size_t *np)
{
	json_t *j = json_loads(text, 0, NULL);
	json_t *arr = json_object_get(j, "proof");
	bool ok = j && json_integer_value(json_object_get(j, akey)) == (json_int_t)want_a &&
		  json_integer_value(json_object_get(j, bkey)) == (json_int_t)want_b && json_is_array(arr) &&
		  json_array_size(arr) <= MERKLE_MAX_PROOF;
	(void)key;
	*np = 0;
	for (size_t i = 0; ok && i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));
		size_t n = 0;
		ok = s && !sodium_base642bin(proof[i], MERKLE_HASH, s, strlen(s), NULL, &n, NULL,
					     sodium_base64_VARIANT_ORIGINAL) &&
		     n == MERKLE_HASH;
		*np = i + 1;
	}
	json_decref(j);
	return ok;
}

int ledger_verify_remote(const char *base, const char *saved_path, const char *save_path)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *h = curl_easy_init();
	struct buf b;
	buf_init(&b);
	int bad = 0;
	char name[128];
	uint8_t pk[32], id[4], root[MERKLE_HASH];
	uint64_t size = 0;
	char *keyline = NULL, *note = NULL;
	/* 1. key: pinned from the saved checkpoint when there is one */
	char *saved = NULL;
	if (saved_path) {
		size_t len;
		saved = buf_read_file(saved_path, &len);
		if (!saved) {
			fprintf(stderr, "no saved checkpoint at %s yet: checking without it\n", saved_path);
		}
	}
	if (!fetch(h, base, "/ledger/key", &b)) {
		bad = 1;
		goto out;
	}
	keyline = xstrndup(buf_str(&b), strcspn(buf_str(&b), "\r\n"));
	if (saved) {
		size_t kl = strcspn(saved, "\n");
		if (strncmp(saved, keyline, kl) || strlen(keyline) != kl) {
			printf("FAIL: the server's key differs from the key pinned in %s\n", saved_path);
			bad = 1;
			goto out;
		}
	}
	if (!ledger_verifier_parse(keyline, name, pk, id)) {
		printf("FAIL: malformed verifier key: %s\n", keyline);
		bad = 1;
		goto out;
	}
	/* 2. the checkpoint */
	if (!fetch(h, base, "/ledger/checkpoint", &b)) {
		bad = 1;
		goto out;
	}
	note = xstrdup(buf_str(&b));
	if (!ledger_note_verify(note, name, pk, id, &size, root)) {
		printf("FAIL: the checkpoint's signature does not verify\n");
		bad = 1;
		goto out;
	}
	printf("checkpoint: %s, %llu entries, signature ok\n", name, (unsigned long long)size);
	/* 3. inclusion of every entry, or of a random sample in a large log */
	const uint64_t all = 10000, sample = 1024;
	uint64_t checks = size <= all ? size : sample;
	for (uint64_t t = 0; t < checks; t++) {
		uint64_t i = size <= all ? t : t == 0 ? 0 : t == 1 ? size - 1 : randombytes_uniform((uint32_t)(size < UINT32_MAX ? size : UINT32_MAX));
		char path[128];
		snprintf(path, sizeof path, "/ledger/entries/%llu", (unsigned long long)i);
		if (!fetch(h, base, path, &b)) {
			bad = 1;
			continue;
		}
		uint8_t lh[MERKLE_HASH], proof[MERKLE_MAX_PROOF][MERKLE_HASH];
		merkle_leaf_hash(b.p, b.n, lh);
		snprintf(path, sizeof path, "/ledger/proof/inclusion?index=%llu&size=%llu", (unsigned long long)i,
			 (unsigned long long)size);
		size_t np;
		if (!fetch(h, base, path, &b) || !proof_of(buf_str(&b), "", i, "index", size, "size", proof, &np) ||
		    !merkle_verify_inclusion(i, size, lh, (const uint8_t(*)[MERKLE_HASH])proof, np, root)) {
			printf("FAIL: entry %llu is not included under the checkpoint's root\n", (unsigned long long)i);
			bad = 1;
		}
	}
	printf("inclusion: %llu entries checked%s\n", (unsigned long long)checks, bad ? ", some FAILED" : ", ok");
	/* 4. consistency with the saved checkpoint */
	if (saved) {
		const char *old = strchr(saved, '\n');
		uint64_t osize;
		uint8_t oroot[MERKLE_HASH], proof[MERKLE_MAX_PROOF][MERKLE_HASH];
		if (!old || !ledger_note_verify(old + 1, name, pk, id, &osize, oroot)) {
			printf("FAIL: the saved checkpoint does not verify\n");
			bad = 1;
		} else if (osize > size) {
			printf("FAIL: the log shrank from %llu to %llu entries\n", (unsigned long long)osize,
			       (unsigned long long)size);
			bad = 1;
		} else {
			char path[128];
			snprintf(path, sizeof path, "/ledger/proof/consistency?from=%llu&to=%llu",
				 (unsigned long long)osize, (unsigned long long)size);
			size_t np;
			if (!fetch(h, base, path, &b) ||
			    !proof_of(buf_str(&b), "", osize, "from", size, "to", proof, &np) ||
			    !merkle_verify_consistency(osize, size, oroot, root, (const uint8_t(*)[MERKLE_HASH])proof, np)) {
				printf("FAIL: the log of %llu entries is not an extension of the saved one of %llu\n",
				       (unsigned long long)size, (unsigned long long)osize);
				bad = 1;
			} else {
				printf("consistency: %llu -> %llu entries, ok\n", (unsigned long long)osize,
				       (unsigned long long)size);
			}
		}
	}
	if (!bad && save_path) {
		FILE *f = fopen(save_path, "w");
		if (!f || fprintf(f, "%s\n%s", keyline, note) < 0 || fclose(f)) {
			fprintf(stderr, "cannot save the checkpoint to %s\n", save_path);
			bad = 1;
		} else {
			printf("saved to %s\n", save_path);
		}
	}
out:
	printf("%s\n", bad ? "FAILED" : "ok");
	free(saved);
	free(keyline);
	free(note);
	buf_reset(&b);
	curl_easy_cleanup(h);
	curl_global_cleanup();
	return bad;
}
