/* fuzz_form.c — libFuzzer driver for the request parsers: urlencoded forms,
 * multipart bodies, cookies and JSON. The first byte picks the parser. Any
 * crash, leak or sanitizer report is a bug; a refusal is fine. */
#include "http/http.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct arena a;
	arena_init(&a);
	struct http_limits lim = http_default_limits;
	lim.max_fields = 20;
	lim.max_field_len = 256;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;
	char *z = arena_strndup(&a, p, n); /* NUL-terminated copy for the header parsers */
	struct kv *kv;
	size_t nkv, nup;
	struct upload *up;
	struct json_t *j;
	switch (data[0] % 4) {
	case 0:
		http_parse_urlencoded(&a, p, n, &lim, &kv, &nkv);
		break;
	case 1:
		http_parse_multipart(&a, p, n, "multipart/form-data; boundary=XyZ", &lim, &kv, &nkv, &up, &nup);
		break;
	case 2:
		http_parse_cookies(&a, z, &kv, &nkv);
		break;
	case 3:
		http_parse_json(&a, p, n, &lim, &j);
		break;
	}
	arena_free(&a);
	return 0;
}
