/*
 * request.c — parsers for what a request carries: percent-encoding, query
 * strings and urlencoded forms, multipart/form-data, cookies. Every parser
 * takes limits and fails with APP_ETOOBIG (413) or APP_EINVAL (400); text
 * values come out NFC-normalised and checked as UTF-8. All output lives in the
 * request arena. Fuzzed by tests/fuzz/fuzz_form.c.
 */
#include "http.h"
#include "../util/crypto.h"
#include "../util/str.h"
#include <jansson.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct http_limits http_default_limits = {
	.max_body = 1024 * 1024,
	.max_upload_body = 8 * 1024 * 1024,
	.max_fields = 200,
	.max_field_len = 64 * 1024,
	.max_name_len = 128,
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum app_err http_url_decode(struct arena *a, const char *s, size_t n, bool form, char **out,
			     size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return APP_EINVAL;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return APP_EINVAL;
			c = (char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && form) {
			c = ' ';
		}
		if (c == '\0')
			return APP_EINVAL;
		d[o++] = c;
	}
	d[o] = '\0';
	*out = d;
	if (outlen)
		*outlen = o;
	return APP_OK;
}

/* Copies a value into the arena as NFC; APP_EINVAL on invalid UTF-8. */
static enum app_err nfc_value(struct arena *a, const char *s, size_t n, const char **out,
			      size_t *outlen)
{
	char *v = str_nfc(s, n);
	if (!v)
		return APP_EINVAL;
	size_t len = strlen(v);
	*out = arena_strndup(a, v, len);
	*outlen = len;
	free(v);
	return APP_OK;
}

enum app_err http_parse_urlencoded(struct arena *a, const char *s, size_t n,
				   const struct http_limits *lim, struct kv **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '&';
	count++;
	if (count > lim->max_fields)
		return APP_ETOOBIG;
	struct kv *kv = arena_alloc(a, count * sizeof *kv);
	size_t k = 0, i = 0;
	while (i < n) {
		size_t end = i;
		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			size_t nlen = eq - i, vlen = eq < end ? end - eq - 1 : 0;
			if (nlen > lim->max_name_len || vlen > 3 * lim->max_field_len)
				return APP_ETOOBIG;
			char *name, *val;
			size_t dl;
			if (http_url_decode(a, s + i, nlen, true, &name, NULL) ||
			    http_url_decode(a, eq < end ? s + eq + 1 : "", vlen, true, &val, &dl))
				return APP_EINVAL;
			if (dl > lim->max_field_len)
				return APP_ETOOBIG;
			if (!str_utf8_valid(name, strlen(name)))
				return APP_EINVAL;
			kv[k].k = name;
			if (nfc_value(a, val, dl, &kv[k].v, &kv[k].vlen))
				return APP_EINVAL;
			k++;
		}
		i = end + 1;
	}
	*out = kv;
	*nout = k;
	return APP_OK;
}

/* Finds needle in [p, p+n). */
static const char *memfind(const char *p, size_t n, const char *needle, size_t nn)
{
	if (nn == 0 || n < nn)
		return NULL;
	for (size_t i = 0; i + nn <= n; i++)
		if (p[i] == needle[0] && memcmp(p + i, needle, nn) == 0)
			return p + i;
	return NULL;
}

/* Value of a parameter (name="value" or name=value) in a header value. */
static char *header_param(struct arena *a, const char *h, size_t hn, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl < hn; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') && strncasecmp(h + i, name, nl) == 0 &&
		    h[i + nl] == '=') {
			const char *v = h + i + nl + 1;
			size_t left = hn - (size_t)(v - h);
			if (left && *v == '"') {
				const char *e = memchr(v + 1, '"', left - 1);
				if (!e)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(e - v - 1));
			}
			size_t k = 0;
			while (k < left && v[k] != ';' && v[k] != ' ' && v[k] != '\r')
				k++;
			return arena_strndup(a, v, k);
		}
	}
	return NULL;
}

enum app_err http_parse_multipart(struct arena *a, const char *body, size_t n, const char *ctype,
				  const struct http_limits *lim, struct kv **form, size_t *nform,
				  struct upload **files, size_t *nfile)
{
	*form = NULL;
	*files = NULL;
	*nform = *nfile = 0;
	char *bnd = header_param(a, ctype, strlen(ctype), "boundary");
	if (!bnd || !*bnd || strlen(bnd) > 70)
		return APP_EINVAL;
	char *delim = arena_printf(a, "--%s", bnd);
	size_t dl = strlen(delim);
	struct kv *kv = arena_alloc(a, lim->max_fields * sizeof *kv);
	struct upload *up = arena_alloc(a, 8 * sizeof *up);
	size_t nk = 0, nu = 0;
	const char *p = memfind(body, n, delim, dl);
	if (!p)
		return APP_EINVAL;
	for (;;) {
		p += dl;
		size_t left = n - (size_t)(p - body);
		if (left >= 2 && p[0] == '-' && p[1] == '-')
			break; /* closing delimiter */
		if (left < 2 || p[0] != '\r' || p[1] != '\n')
			return APP_EINVAL;
		p += 2;
		left -= 2;
		const char *hend = memfind(p, left, "\r\n\r\n", 4);
		if (!hend || hend - p > 4096)
			return APP_EINVAL;
		char *name = NULL, *filename = NULL, *pct = NULL;
		for (const char *line = p; line < hend;) {
			const char *eol = memfind(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t ll = (size_t)(eol - line);
			if (ll > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				name = header_param(a, line, ll, "name");
				filename = header_param(a, line, ll, "filename");
			} else if (ll > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
				const char *v = line + 13;
				while (*v == ' ')
					v++;
				pct = arena_strndup(a, v, (size_t)(eol - v));
			}
			line = eol + 2;
		}
		const char *data = hend + 4;
		char *end_delim = arena_printf(a, "\r\n%s", delim);
		const char *dend = memfind(data, n - (size_t)(data - body), end_delim, dl + 2);
		if (!dend || !name)
			return APP_EINVAL;
		size_t len = (size_t)(dend - data);
		if (strlen(name) > lim->max_name_len || !str_utf8_valid(name, strlen(name)))
			return APP_EINVAL;
		if (filename) {
			if (nu == 8)
				return APP_ETOOBIG;
			up[nu].field = name;
			char *fn = str_nfc(filename, strlen(filename));
			up[nu].filename = fn ? arena_strdup(a, fn) : "";
			free(fn);
			up[nu].ctype = pct ? pct : "application/octet-stream";
			up[nu].data = arena_strndup(a, data, len);
			up[nu].len = len;
			nu++;
		} else {
			if (nk == lim->max_fields)
				return APP_ETOOBIG;
			if (len > lim->max_field_len)
				return APP_ETOOBIG;
			kv[nk].k = name;
			if (nfc_value(a, data, len, &kv[nk].v, &kv[nk].vlen))
				return APP_EINVAL;
			nk++;
		}
		p = dend + 2;
	}
	*form = kv;
	*nform = nk;
	*files = up;
	*nfile = nu;
	return APP_OK;
}

/* Depth of nested arrays and objects, stopping early past the limit. */
static int depth(const char *p, size_t n, int max)
{
	int d = 0, deepest = 0;
	bool in_str = false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			if (++d > deepest && (deepest = d) > max)
				return deepest;
		} else if (c == '}' || c == ']') {
			d--;
		}
	}
	return deepest;
}

static void json_release(void *p)
{
	json_decref(p);
}

enum app_err http_parse_json(struct arena *a, const char *body, size_t n,
			     const struct http_limits *lim, struct json_t **out)
{
	*out = NULL;
	if (n > lim->max_body)
		return APP_ETOOBIG;
	if (depth(body, n, HTTP_JSON_DEPTH) > HTTP_JSON_DEPTH)
		return APP_EINVAL;
	json_error_t jerr;
	json_t *j = json_loadb(body, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return APP_EINVAL;
	if (!json_is_object(j)) {
		json_decref(j);
		return APP_EINVAL;
	}
	arena_on_free(a, json_release, j);
	*out = j;
	return APP_OK;
}

void http_parse_cookies(struct arena *a, const char *h, struct kv **out, size_t *nout)
{
	size_t count = 1;
	for (const char *p = h; *p; p++)
		count += *p == ';';
	if (count > 64)
		count = 64;
	struct kv *kv = arena_alloc(a, count * sizeof *kv);
	size_t k = 0;
	const char *p = h;
	while (*p && k < count) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *eq = strchr(p, '='), *semi = strchr(p, ';');
		if (!semi)
			semi = p + strlen(p);
		if (eq && eq < semi && eq > p) {
			kv[k].k = arena_strndup(a, p, (size_t)(eq - p));
			kv[k].v = arena_strndup(a, eq + 1, (size_t)(semi - eq - 1));
			kv[k].vlen = (size_t)(semi - eq - 1);
			k++;
		}
		p = semi;
	}
	*out = kv;
	*nout = k;
}

static const char *find(const struct kv *kv, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].k, name) == 0)
			return kv[i].v;
	return NULL;
}

const char *req_query(const struct req *r, const char *name)
{
	return find(r->query, r->nquery, name);
}

const char *req_form(const struct req *r, const char *name)
{
	return find(r->form, r->nform, name);
}

const char *req_cookie(const struct req *r, const char *name)
{
	return find(r->cookies, r->ncookie, name);
}

const char *req_header(const struct req *r, const char *lname)
{
	return find(r->hdr, r->nhdr, lname);
}

const struct upload *req_file(const struct req *r, const char *field)
{
	for (size_t i = 0; i < r->nfile; i++)
		if (strcmp(r->files[i].field, field) == 0)
			return &r->files[i];
	return NULL;
}

const char *req_upload_name(struct req *r, const struct upload *u)
{
	/* the client's name, without a path, control characters or quotes */
	const char *base = u->filename ? u->filename : "";
	const char *slash = strrchr(base, '/'), *bslash = strrchr(base, '\\');
	if (slash)
		base = slash + 1;
	if (bslash && bslash + 1 > base)
		base = bslash + 1;
	char *name = arena_strndup(r->a, base, strlen(base) > 150 ? 150 : strlen(base));
	for (char *q = name; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == '"')
			*q = '_';
	return *name && str_utf8_valid(name, strlen(name)) ? name : "tep-dinh-kem";
}

const char *http_csrf_token(struct req *r)
{
	r->used_csrf = true;
	if (!r->csrf) {
		/* first form for this browser: a pre-session token in a cookie */
		char *t = arena_alloc(r->a, CRYPTO_TOKEN_LEN);
		crypto_token(t);
		r->csrf = t;
		r->set_csrf_cookie = t;
	}
	return r->csrf;
}
