/* str.c — text helpers built on utf8proc (see str.h). */
#include "str.h"
#include "buf.h"
#include "xalloc.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool str_utf8_valid(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		if (k <= 0 || cp == 0)
			return false;
		p += k;
		left -= k;
	}
	return true;
}

enum app_err str_clean(const char *s, size_t n, char **out)
{
	*out = NULL;
	if (!str_utf8_valid(s, n))
		return APP_EINVAL;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (k < 0)
		return APP_EINVAL;
	struct buf b;
	buf_init(&b);
	const char *p = (const char *)nfc;
	for (utf8proc_ssize_t i = 0; i < k; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			continue;
		if (c == '\r')
			continue;
		buf_putc(&b, (char)c);
	}
	free(nfc);
	/* trim ASCII white space at both ends */
	const char *t = buf_str(&b);
	size_t a = 0, z = b.n;
	while (a < z && isspace((unsigned char)t[a]))
		a++;
	while (z > a && isspace((unsigned char)t[z - 1]))
		z--;
	*out = xstrndup(t + a, z - a);
	buf_reset(&b);
	return APP_OK;
}

char *str_nfc(const char *s, size_t n)
{
	if (!str_utf8_valid(s, n))
		return NULL;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (k < 0)
		return NULL;
	return (char *)nfc;
}

/* Each code point through map (utf8proc_toupper, utf8proc_tolower). */
static char *str_map_case(const char *s, utf8proc_int32_t (*map)(utf8proc_int32_t))
{
	size_t n = strlen(s);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0)
			break;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k = utf8proc_encode_char(map(cp), enc);
		buf_append(&b, enc, (size_t)k);
		i += (size_t)len;
	}
	return buf_steal(&b);
}

char *str_upper(const char *s)
{
	return str_map_case(s, utf8proc_toupper);
}

char *str_lower(const char *s)
{
	return str_map_case(s, utf8proc_tolower);
}

char *str_fold(const char *s)
{
	size_t n = strlen(s);
	if (!str_utf8_valid(s, n))
		return xstrdup("");
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
					  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
					      UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
	if (k < 0)
		return xstrdup("");
	struct buf b;
	buf_init(&b);
	buf_grow(&b, (size_t)k);
	int space = 1; /* collapse runs and drop leading space */
	for (utf8proc_ssize_t i = 0; i < k;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(m + i, k - i, &cp);
		if (len <= 0)
			break;
		if (cp == 0x0111 || cp == 0x0110) { /* đ, Đ do not decompose */
			buf_putc(&b, 'd');
			space = 0;
		} else if (cp < 0x80 && (isspace(cp) || ispunct(cp))) {
			if (!space)
				buf_putc(&b, ' ');
			space = 1;
		} else {
			buf_append(&b, m + i, (size_t)len);
			space = 0;
		}
		i += len;
	}
	free(m);
	if (b.n && b.p[b.n - 1] == ' ')
		b.p[--b.n] = '\0';
	return buf_steal(&b);
}

char *str_unmark(const char *s)
{
	size_t n = strlen(s);
	if (!str_utf8_valid(s, n))
		return xstrdup("");
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
					  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
	if (k < 0)
		return xstrdup("");
	struct buf b;
	buf_init(&b);
	buf_grow(&b, (size_t)k);
	for (utf8proc_ssize_t i = 0; i < k;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(m + i, k - i, &cp);
		if (len <= 0)
			break;
		if (cp == 0x0111 || cp == 0x0110) /* đ, Đ do not decompose */
			buf_putc(&b, cp == 0x0111 ? 'd' : 'D');
		else
			buf_append(&b, m + i, (size_t)len);
		i += len;
	}
	free(m);
	return buf_steal(&b);
}

bool str_phone(const char *s, char out[STR_PHONE_LEN])
{
	char d[STR_PHONE_LEN + 4];
	size_t n = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (n >= sizeof d - 1)
				return false;
			d[n++] = s[i];
		} else if (!(i == 0 && s[i] == '+') && s[i] != ' ' && s[i] != '.' && s[i] != '-')
			return false;
	}
	d[n] = 0;
	const char *nat = d;
	if (n >= 11 && d[0] == '8' && d[1] == '4')
		nat = d + 2; /* 84 9xx... -> 09xx... */
	else if (d[0] == '0')
		nat = d + 1;
	size_t l = strlen(nat);
	if (l < 8 || l > 10 || nat[0] == '0')
		return false;
	out[0] = '0';
	memcpy(out + 1, nat, l + 1);
	return true;
}

void str_phone84(const char *phone, char out[STR_PHONE_LEN + 1])
{
	snprintf(out, STR_PHONE_LEN + 1, "84%s", phone[0] == '0' ? phone + 1 : phone);
}

void str_mask(const char *s, char out[STR_MASK_LEN])
{
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (at) { /* a***@domain */
		snprintf(out, STR_MASK_LEN, "%c***%.*s", n ? s[0] : '*', STR_MASK_LEN - 6, at);
		return;
	}
	if (n < 5 || n >= STR_MASK_LEN) {
		snprintf(out, STR_MASK_LEN, "****");
		return;
	}
	memcpy(out, s, 2);
	memset(out + 2, '*', n - 4);
	memcpy(out + n - 2, s + n - 2, 3);
}

size_t str_utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

enum app_err str_to_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s)
		return APP_EINVAL;
	for (const char *p = s; *p; p++)
		if (!(isdigit((unsigned char)*p) || (p == s && *p == '-')))
			return APP_EINVAL;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return APP_EINVAL;
	*out = v;
	return APP_OK;
}

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void str_count_vn(int64_t v, char out[STR_COUNT_LEN])
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%llu", v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
	size_t o = 0;
	if (v < 0)
		out[o++] = '-';
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = tmp[i];
	}
	out[o] = 0;
}
