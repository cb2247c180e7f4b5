/* fuzz_ledger.c — libFuzzer driver for what `coso ledger verify --url` reads
 * from a server it does not trust: signed notes and verifier key lines. */
#include "ledger/ledger.h"
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		if (sodium_init() < 0)
			abort();
		init = true;
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	char name[128];
	uint8_t pk[32], id[4], root[MERKLE_HASH];
	uint64_t n;
	if (ledger_verifier_parse(s, name, pk, id))
		(void)ledger_note_verify(s, name, pk, id, &n, root);
	memset(pk, 7, sizeof pk);
	memset(id, 1, sizeof id);
	(void)ledger_note_verify(s, "coso.local/ledger", pk, id, &n, root);
	free(s);
	return 0;
}
