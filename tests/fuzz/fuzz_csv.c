/* fuzz_csv.c — libFuzzer driver for the CSV reader and the text cleaning
 * every imported field goes through (UTF-8 check, NFC, folding). */
#include "util/csv.h"
#include "util/str.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv c;
	csv_init(&c, (const char *)data, size);
	int records = 0;
	while (csv_next(&c) == APP_OK && records++ < 1000) {
		for (size_t i = 0; i < c.nfield; i++) {
			char *clean;
			if (str_clean(c.field[i], strlen(c.field[i]), &clean) == APP_OK) {
				char *f = str_fold(clean);
				free(f);
				free(clean);
			}
		}
	}
	csv_free(&c);
	return 0;
}
