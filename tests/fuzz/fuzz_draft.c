/* fuzz_draft.c — libFuzzer driver for the draft reader (draft.c): Word and
 * LibreOffice files (libzip, libxml2) and Markdown or plain text, which
 * anyone with an officer's account uploads. The first byte picks the name
 * the file is read under; the rest is the file. */
#include "consult/consult.h"
#include "util/arena.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"du-thao.docx", "du-thao.odt", "du-thao.md", "du-thao.txt", NULL};
	if (!size)
		return 0;
	struct arena a;
	arena_init(&a);
	struct draft d;
	const char *why;
	if (!draft_read(&a, names[data[0] % 5], (const char *)data + 1, size - 1, &d, &why)) {
		/* what it read writes back to text that reads again */
		const char *t = draft_text(&a, &d);
		struct draft again;
		if (draft_read(&a, NULL, t, strlen(t), &again, &why))
			abort();
	}
	arena_free(&a);
	return 0;
}
