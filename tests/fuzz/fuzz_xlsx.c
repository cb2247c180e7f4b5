/* fuzz_xlsx.c — libFuzzer driver for the XLSX reader (zip central directory,
 * inflate, the shared strings and the sheet's XML), which reads what anyone
 * with an officer's account uploads as an attendance list. */
#include "util/xlsx.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf csv = {0};
	if (xlsx_is(data, size))
		xlsx_first_sheet_csv(data, size, &csv);
	free(csv.p);
	return 0;
}
