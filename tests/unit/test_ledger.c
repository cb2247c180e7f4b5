/* test_ledger.c — ledger keys (create, load, verifier lines, '+' in base64),
 * signed notes (sign, verify, reject changes), canonical leaves. */
#include "test.h"
#include "ledger/ledger.h"
#include <sodium.h>
#include <unistd.h>

static void test_keys_and_notes(void **s)
{
	char path[64];
	for (int i = 0; i < 40; i++) { /* enough keys that some base64 holds '+' and '/' */
		snprintf(path, sizeof path, "/tmp/coso-unit-key-%d-%d", (int)getpid(), i);
		unlink(path);
		char *err = NULL;
		assert_int_equal(ledger_key_create(path, "coso.test/ledger", &err), APP_OK);
		assert_int_equal(ledger_key_create(path, "coso.test/ledger", &err), APP_ECONFLICT);
		struct ledger_key k;
		assert_int_equal(ledger_key_load(path, &k, &err), APP_OK);
		unlink(path);
		assert_string_equal(k.name, "coso.test/ledger");
		char *vk = ledger_key_verifier(&k);
		char name[128];
		uint8_t pk[32], id[4];
		assert_true(ledger_verifier_parse(vk, name, pk, id));
		assert_memory_equal(pk, k.pk, 32);
		assert_memory_equal(id, k.id, 4);
		free(vk);
		uint8_t root[MERKLE_HASH], got[MERKLE_HASH];
		randombytes_buf(root, sizeof root);
		char *note = ledger_note(&k, 1234 + (uint64_t)i, root);
		uint64_t size;
		assert_true(ledger_note_verify(note, k.name, k.pk, k.id, &size, got));
		assert_int_equal(size, 1234 + i);
		assert_memory_equal(got, root, MERKLE_HASH);
		/* any change to the body breaks the signature */
		char *bad = strdup(note);
		char *nl = strchr(bad, '\n');
		nl[1] = nl[1] == '9' ? '8' : '9';
		assert_false(ledger_note_verify(bad, k.name, k.pk, k.id, &size, got));
		free(bad);
		/* so does another key or name */
		assert_false(ledger_note_verify(note, "other/ledger", k.pk, k.id, &size, got));
		uint8_t pk2[32];
		memcpy(pk2, k.pk, 32);
		pk2[0] ^= 1;
		assert_false(ledger_note_verify(note, k.name, pk2, k.id, &size, got));
		free(note);
	}
	char *err = NULL;
	assert_int_equal(ledger_key_create("/tmp/x", "bad name", &err), APP_EINVAL);
	free(err);
	struct ledger_key k;
	assert_int_equal(ledger_key_load("/nonexistent/key", &k, &err), APP_ENOTFOUND);
	free(err);
	/* malformed verifier lines */
	char name[128];
	uint8_t pk[32], id[4];
	assert_false(ledger_verifier_parse("name+0000+AQ==", name, pk, id));
	assert_false(ledger_verifier_parse("nonsense", name, pk, id));
}

static void test_leaf(void **s)
{
	char *leaf = ledger_leaf(42, 1763805600, "unit.create", "unit:07582-30", "07582-30",
				 "{\"z\":1,\"a\":\"Lục Ngạn\"}");
	assert_string_equal(leaf, "{\"at\":\"2025-11-22T10:00:00Z\",\"event\":42,\"kind\":\"unit.create\","
				  "\"payload\":{\"a\":\"Lục Ngạn\",\"z\":1},\"subject\":\"unit:07582-30\","
				  "\"unit\":\"07582-30\",\"v\":1}");
	free(leaf);
	leaf = ledger_leaf(1, 0, "units.import", "units", "", NULL);
	assert_string_equal(leaf, "{\"at\":\"1970-01-01T00:00:00Z\",\"event\":1,\"kind\":\"units.import\","
				  "\"payload\":{},\"subject\":\"units\",\"unit\":null,\"v\":1}");
	free(leaf);
}

int main(void)
{
	ledger_listen(); /* public events become ledger leaves, as in the program */
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_and_notes),
		cmocka_unit_test(test_leaf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
