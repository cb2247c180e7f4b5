/*
 * sign.c — digital signatures of issued documents (doc.h), with OpenSSL.
 *
 * A PDF is signed the way readers (and poppler's pdfsig) check it: an
 * incremental update appended to the file cairo wrote adds a signature
 * dictionary (/SubFilter /ETSI.CAdES.detached, PAdES baseline B), an
 * invisible signature field on the first page and the form that holds it;
 * the signature is a detached CMS SignedData (SHA-256, with the
 * signing-certificate-v2 attribute of CAdES) over every byte of the file but
 * the hex string that carries it (/ByteRange). Changing any byte afterwards
 * breaks it; appending anything is seen because the range no longer reaches
 * the end of the file.
 *
 * Keys: <keys dir>/<unit code>.pem holds the unit's private key, then its
 * certificate, then the chain (mode 0600, never logged); <keys dir>/ca.pem the
 * authorities trusted when verifying.
 */
#include "doc.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SIG_BYTES 8192 /* room for the DER signature: 16384 hex digits */

static char keys_dir[1024] = "var/keys";

void doc_keys_dir_set(const char *dir)
{
	snprintf(keys_dir, sizeof keys_dir, "%s", dir);
}

const char *doc_keys_dir(void)
{
	return keys_dir;
}

/* A unit code is [0-9A-Z-]: never a path. */
static bool key_path(const char *unit_code, char *out, size_t n)
{
	if (!unit_code || !*unit_code || strlen(unit_code) > 32)
		return false;
	for (const char *p = unit_code; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
			return false;
	return snprintf(out, n, "%s/%s.pem", keys_dir, unit_code) < (int)n;
}

bool doc_unit_can_sign(const char *unit_code)
{
	char path[1100];
	return key_path(unit_code, path, sizeof path) && access(path, R_OK) == 0;
}

struct key {
	EVP_PKEY *pkey;
	X509 *cert;
	STACK_OF(X509) *chain;
};

static void key_free(struct key *k)
{
	EVP_PKEY_free(k->pkey);
	X509_free(k->cert);
	sk_X509_pop_free(k->chain, X509_free);
}

static bool key_load(const char *unit_code, struct key *k)
{
	memset(k, 0, sizeof *k);
	char path[1100];
	if (!key_path(unit_code, path, sizeof path))
		return false;
	BIO *b = BIO_new_file(path, "r");
	if (!b)
		return false;
	k->pkey = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	k->cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	k->chain = sk_X509_new_null();
	for (X509 *x; (x = PEM_read_bio_X509(b, NULL, NULL, NULL));)
		sk_X509_push(k->chain, x);
	ERR_clear_error(); /* the end of the file reads as an error */
	BIO_free(b);
	if (!k->pkey || !k->cert || !X509_check_private_key(k->cert, k->pkey)) {
		key_free(k);
		return false;
	}
	return true;
}

/* ---- reading the few things of cairo's file an update needs ---- */

static const char *find_last(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (!memcmp(hay + i, needle, k))
			return hay + i;
	return NULL;
}

/* The integer after key in [p, end), or -1. */
static long long int_after(const char *p, const char *end, const char *key)
{
	size_t k = strlen(key);
	for (; p + k < end; p++)
		if (!memcmp(p, key, k)) {
			char *e;
			long long v = strtoll(p + k, &e, 10);
			return e > p + k ? v : -1;
		}
	return -1;
}

/* The dictionary text of object num ("<< ... >>"), NULL if not found. */
static char *object_dict(const char *pdf, size_t n, long long num)
{
	char head[32];
	int hl = snprintf(head, sizeof head, "\n%lld 0 obj", num);
	const char *o = NULL;
	for (size_t i = 0; i + (size_t)hl < n; i++)
		if (!memcmp(pdf + i, head, (size_t)hl))
			o = pdf + i + hl; /* the last definition wins */
	if (!o)
		return NULL;
	const char *end = strstr(o, "endobj");
	const char *open = strstr(o, "<<");
	if (!end || !open || open > end)
		return NULL;
	const char *close = end;
	while (close > open && memcmp(close, ">>", 2))
		close--;
	if (close <= open)
		return NULL;
	return xstrndup(open, (size_t)(close + 2 - open));
}

/* PDF text as UTF-16BE hex with its byte-order mark: <FEFF...>. */
static void pdf_text_hex(struct buf *b, const char *s)
{
	buf_puts(b, "<FEFF");
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp = *p++;
		int more = cp >= 0xf0 ? 3 : cp >= 0xe0 ? 2 : cp >= 0xc0 ? 1 : 0;
		cp &= more == 3 ? 0x07 : more == 2 ? 0x0f : more == 1 ? 0x1f : 0x7f;
		while (more-- > 0 && (*p & 0xc0) == 0x80)
			cp = (cp << 6) | (*p++ & 0x3f);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(b, "%04X%04X", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
		} else {
			buf_printf(b, "%04X", cp);
		}
	}
	buf_puts(b, ">");
}

struct xent {
	long long num, off;
};

static int xent_cmp(const void *a, const void *b)
{
	const struct xent *x = a, *y = b;
	return (x->num > y->num) - (x->num < y->num);
}

enum app_err doc_sign(const char *unit_code, int64_t now, const char *reason, struct buf *pdf, char *subject,
		      size_t subject_len)
{
	struct key k;
	if (!key_load(unit_code, &k))
		return APP_ENOTFOUND;
	enum app_err e = APP_EIO;
	const char *src = pdf->p;
	size_t n = pdf->n;
	char *catalog = NULL, *pages = NULL, *page = NULL;
	struct buf out;
	buf_init(&out);
	const char *sx = find_last(src, n, "startxref");
	const char *tr = find_last(src, n, "trailer");
	long long prev = sx ? int_after(sx, src + n, "startxref") : -1;
	long long size = tr ? int_after(tr, src + n, "/Size ") : -1;
	long long root = tr ? int_after(tr, src + n, "/Root ") : -1;
	long long info = tr ? int_after(tr, src + n, "/Info ") : -1;
	if (prev < 0 || size < 1 || root < 1 || !(catalog = object_dict(src, n, root))) {
		log_msg(LOG_WARN, "doc: cannot read the PDF to sign (%s)", unit_code);
		goto done;
	}
	long long pages_num = int_after(catalog, catalog + strlen(catalog), "/Pages ");
	pages = pages_num > 0 ? object_dict(src, n, pages_num) : NULL;
	const char *kids = pages ? strstr(pages, "/Kids") : NULL;
	long long page_num = kids ? int_after(kids, kids + strlen(kids), "[") : -1;
	if (page_num < 0 && kids) { /* "[ 3 0 R" */
		const char *q = strchr(kids, '[');
		page_num = q ? strtoll(q + 1, NULL, 10) : -1;
	}
	page = page_num > 0 ? object_dict(src, n, page_num) : NULL;
	long long sig = size, widget = size + 1, form = size + 2;
	struct xent xs[6];
	size_t nx = 0;
	buf_append(&out, src, n);
	if (n && src[n - 1] != '\n')
		buf_puts(&out, "\n");
	/* the catalogue with the form */
	xs[nx++] = (struct xent){root, (long long)out.n};
	buf_printf(&out, "%lld 0 obj\n", root);
	buf_append(&out, catalog, strlen(catalog) - 2);
	buf_printf(&out, " /AcroForm %lld 0 R >>\nendobj\n", form);
	/* the first page with the field's widget among its annotations */
	if (page && !strstr(page, "/Annots")) {
		xs[nx++] = (struct xent){page_num, (long long)out.n};
		buf_printf(&out, "%lld 0 obj\n", page_num);
		buf_append(&out, page, strlen(page) - 2);
		buf_printf(&out, " /Annots [%lld 0 R] >>\nendobj\n", widget);
	}
	/* the signature dictionary: its /ByteRange and /Contents are written at
	 * their final widths now and filled in below, once the offsets are known */
	char when[32];
	time_t t = (time_t)now + 7 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "D:%Y%m%d%H%M%S+07'00'", &tm);
	xs[nx++] = (struct xent){sig, (long long)out.n};
	buf_printf(&out, "%lld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n/ByteRange ",
		   sig);
	size_t range_at = out.n;
	buf_printf(&out, "%-40s\n/Contents ", "[0 0 0 0]");
	size_t contents_at = out.n;
	buf_puts(&out, "<");
	for (int i = 0; i < SIG_BYTES * 2; i++)
		buf_puts(&out, "0");
	buf_puts(&out, ">");
	size_t contents_end = out.n;
	buf_printf(&out, "\n/M (%s) /Reason ", when);
	pdf_text_hex(&out, reason);
	buf_puts(&out, " >>\nendobj\n");
	xs[nx++] = (struct xent){widget, (long long)out.n};
	buf_printf(&out,
		   "%lld 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %lld 0 R /Rect [0 0 0 0] /F 132",
		   widget, sig);
	if (page_num > 0)
		buf_printf(&out, " /P %lld 0 R", page_num);
	buf_puts(&out, " >>\nendobj\n");
	xs[nx++] = (struct xent){form, (long long)out.n};
	buf_printf(&out, "%lld 0 obj\n<< /Fields [%lld 0 R] /SigFlags 3 >>\nendobj\n", form, widget);
	/* the cross-reference section of the update, then its trailer */
	qsort(xs, nx, sizeof *xs, xent_cmp);
	size_t xref_at = out.n;
	buf_puts(&out, "xref\n");
	for (size_t i = 0; i < nx;) {
		size_t j = i;
		while (j + 1 < nx && xs[j + 1].num == xs[j].num + 1)
			j++;
		buf_printf(&out, "%lld %zu\n", xs[i].num, j - i + 1);
		for (; i <= j; i++)
			buf_printf(&out, "%010lld 00000 n \n", xs[i].off);
	}
	buf_printf(&out, "trailer\n<< /Size %lld /Root %lld 0 R", form + 1, root);
	if (info > 0)
		buf_printf(&out, " /Info %lld 0 R", info);
	buf_printf(&out, " /Prev %lld >>\nstartxref\n%zu\n%%%%EOF\n", prev, xref_at);
	/* the range: everything but the hex string */
	long long b1 = (long long)contents_end, c1 = (long long)(out.n - contents_end);
	char range[64];
	int rl = snprintf(range, sizeof range, "[0 %zu %lld %lld]", contents_at, b1, c1);
	if (rl <= 0 || rl > 40)
		goto done;
	memset(out.p + range_at, ' ', 40); /* the range written over its reserved 40 bytes, space-padded */
	memcpy(out.p + range_at, range, (size_t)rl);
	/* the CMS over the two parts */
	BIO *in = BIO_new(BIO_s_mem());
	BIO_write(in, out.p, (int)contents_at);
	BIO_write(in, out.p + contents_end, (int)c1);
	CMS_ContentInfo *cms =
		CMS_sign(k.cert, k.pkey, k.chain, in, CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_NOSMIMECAP);
	BIO_free(in);
	unsigned char *der = NULL;
	int dl = cms ? i2d_CMS_ContentInfo(cms, &der) : -1;
	CMS_ContentInfo_free(cms);
	if (dl <= 0 || dl > SIG_BYTES) {
		log_msg(LOG_WARN, "doc: signing failed for %s", unit_code);
		OPENSSL_free(der);
		goto done;
	}
	static const char hexd[] = "0123456789ABCDEF";
	for (int i = 0; i < dl; i++) {
		out.p[contents_at + 1 + 2 * i] = hexd[der[i] >> 4];
		out.p[contents_at + 2 + 2 * i] = hexd[der[i] & 15];
	}
	OPENSSL_free(der);
	if (subject) {
		BIO *nb = BIO_new(BIO_s_mem());
		X509_NAME_print_ex(nb, X509_get_subject_name(k.cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
		int l = BIO_read(nb, subject, (int)subject_len - 1);
		subject[l > 0 ? l : 0] = 0;
		BIO_free(nb);
	}
	buf_reset(pdf);
	*pdf = out;
	buf_init(&out);
	e = APP_OK;
done:
	buf_reset(&out);
	free(catalog);
	free(pages);
	free(page);
	key_free(&k);
	return e;
}

/* ---- verifying ---- */

static X509_STORE *trusted_store(void)
{
	X509_STORE *st = X509_STORE_new();
	char path[1100];
	snprintf(path, sizeof path, "%s/ca.pem", keys_dir);
	if (access(path, R_OK) == 0)
		X509_STORE_load_file(st, path);
	X509_STORE_set_purpose(st, X509_PURPOSE_ANY);
	ERR_clear_error();
	return st;
}

void doc_verify(const void *data, size_t n, struct doc_verdict *v)
{
	memset(v, 0, sizeof *v);
	const char *pdf = data;
	uint8_t h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(v->sha256, sizeof v->sha256, h, sizeof h);
	v->why = "Tệp không có chữ ký số.";
	if (n < 8 || memcmp(pdf, "%PDF-", 5)) {
		v->why = "Tệp không phải là văn bản PDF.";
		return;
	}
	const char *br = find_last(pdf, n, "/ByteRange");
	if (!br)
		return;
	long long r[4] = {-1, -1, -1, -1};
	const char *p = memchr(br, '[', (size_t)(pdf + n - br));
	int got = 0;
	for (const char *q = p ? p + 1 : NULL; q && got < 4; got++) {
		char *e;
		r[got] = strtoll(q, &e, 10);
		if (e == q)
			break;
		q = e;
	}
	if (got < 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[3] < 0 || (size_t)(r[2] + r[3]) > n ||
	    pdf[r[1]] != '<' || pdf[r[2] - 1] != '>') {
		v->why = "Chữ ký số của tệp không đọc được.";
		return;
	}
	v->signed_ = true;
	v->whole = (size_t)(r[2] + r[3]) == n;
	/* the signing time of the dictionary */
	const char *m = find_last(pdf, n, "/M (D:");
	if (m && m > pdf + r[1] - 4096) {
		size_t k = 0;
		for (m += 4; k + 1 < sizeof v->when && m < pdf + n && *m != ')'; m++)
			v->when[k++] = *m;
		v->when[k] = 0;
	}
	/* the DER inside the hex string */
	size_t hl = (size_t)(r[2] - r[1] - 2);
	unsigned char *der = xmalloc(hl / 2 + 1);
	size_t dl = 0;
	if (sodium_hex2bin(der, hl / 2 + 1, pdf + r[1] + 1, hl, NULL, &dl, NULL)) {
		free(der);
		v->why = "Chữ ký số của tệp không đọc được.";
		return;
	}
	const unsigned char *dp = der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &dp, (long)dl);
	free(der);
	if (!cms) {
		v->why = "Chữ ký số của tệp không đọc được.";
		ERR_clear_error();
		return;
	}
	BIO *in = BIO_new(BIO_s_mem());
	BIO_write(in, pdf, (int)r[1]);
	BIO_write(in, pdf + r[2], (int)r[3]);
	X509_STORE *st = trusted_store();
	v->intact = CMS_verify(cms, NULL, st, in, NULL, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
	ERR_clear_error();
	if (v->intact) {
		BIO_free(in);
		in = BIO_new(BIO_s_mem());
		BIO_write(in, pdf, (int)r[1]);
		BIO_write(in, pdf + r[2], (int)r[3]);
		v->trusted = CMS_verify(cms, NULL, st, in, NULL, CMS_BINARY) == 1;
		ERR_clear_error();
	}
	STACK_OF(X509) *signers = CMS_get0_signers(cms);
	if (signers && sk_X509_num(signers) > 0) {
		BIO *nb = BIO_new(BIO_s_mem());
		X509_NAME_print_ex(nb, X509_get_subject_name(sk_X509_value(signers, 0)), 0,
				   XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
		int l = BIO_read(nb, v->signer, (int)sizeof v->signer - 1);
		v->signer[l > 0 ? l : 0] = 0;
		BIO_free(nb);
	}
	sk_X509_free(signers);
	BIO_free(in);
	X509_STORE_free(st);
	CMS_ContentInfo_free(cms);
	v->why = !v->intact    ? "Nội dung tệp đã bị thay đổi sau khi ký: chữ ký số không còn khớp."
		 : !v->whole   ? "Tệp có thêm nội dung sau phần đã ký."
		 : !v->trusted ? "Chữ ký số không do cơ quan cấp chứng thư được tin cậy xác nhận."
			       : NULL;
}

/* ---- keys ---- */

/* Writes PEM text to the unit's key file, 0600, through a temporary file. */
static enum app_err write_key_file(const char *path, const char *pem, size_t n)
{
	char tmp[1200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	mkdir(keys_dir, 0700);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return APP_EIO;
	bool ok = write(fd, pem, n) == (ssize_t)n && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, path)) {
		unlink(tmp);
		return APP_EIO;
	}
	return APP_OK;
}

/* key, certificate and chain as PEM into a memory BIO's text */
static enum app_err write_key(const char *path, EVP_PKEY *pkey, X509 *cert, STACK_OF(X509) *chain)
{
	BIO *b = BIO_new(BIO_s_mem());
	PEM_write_bio_PrivateKey(b, pkey, NULL, NULL, 0, NULL, NULL);
	PEM_write_bio_X509(b, cert);
	for (int i = 0; chain && i < sk_X509_num(chain); i++)
		PEM_write_bio_X509(b, sk_X509_value(chain, i));
	char *p;
	long n = BIO_get_mem_data(b, &p);
	enum app_err e = write_key_file(path, p, (size_t)n);
	OPENSSL_cleanse(p, (size_t)n);
	BIO_free(b);
	return e;
}

enum app_err doc_key_install(const char *unit_code, const void *p12, size_t n, const char *password,
			     const char **why)
{
	char path[1100];
	*why = NULL;
	if (!key_path(unit_code, path, sizeof path)) {
		*why = "Mã đơn vị không hợp lệ.";
		return APP_EINVAL;
	}
	const unsigned char *q = p12;
	PKCS12 *pk = d2i_PKCS12(NULL, &q, (long)n);
	EVP_PKEY *pkey = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	enum app_err e = APP_EINVAL;
	if (!pk)
		*why = "Tệp không phải là chứng thư số PKCS#12 (.p12, .pfx).";
	else if (!PKCS12_parse(pk, password ? password : "", &pkey, &cert, &ca))
		*why = "Không mở được tệp PKCS#12: mật khẩu không đúng hoặc tệp hỏng.";
	else if (!pkey || !cert)
		*why = "Tệp PKCS#12 phải có khóa bí mật và chứng thư của đơn vị.";
	else if (!X509_check_private_key(cert, pkey))
		*why = "Khóa bí mật không khớp với chứng thư.";
	else if (X509_cmp_current_time(X509_get0_notAfter(cert)) < 0)
		*why = "Chứng thư số đã hết hạn.";
	else
		e = write_key(path, pkey, cert, ca);
	ERR_clear_error();
	PKCS12_free(pk);
	EVP_PKEY_free(pkey);
	X509_free(cert);
	sk_X509_pop_free(ca, X509_free);
	return e;
}

static X509 *make_cert(EVP_PKEY *key, const char *cn, const char *org, X509 *issuer, EVP_PKEY *issuer_key, bool ca)
{
	X509 *x = X509_new();
	X509_set_version(x, 2);
	unsigned char serial[16];
	RAND_bytes(serial, sizeof serial);
	serial[0] &= 0x7f;
	BIGNUM *bn = BN_bin2bn(serial, sizeof serial, NULL);
	BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	X509_gmtime_adj(X509_getm_notBefore(x), -86400);
	X509_gmtime_adj(X509_getm_notAfter(x), (long)86400 * 365 * 10);
	X509_set_pubkey(x, key);
	X509_NAME *nm = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(nm, "C", MBSTRING_UTF8, (const unsigned char *)"VN", -1, -1, 0);
	X509_NAME_add_entry_by_txt(nm, "O", MBSTRING_UTF8, (const unsigned char *)org, -1, -1, 0);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : nm);
	X509V3_CTX ctx;
	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	const char *ext[][2] = {{"basicConstraints", ca ? "critical,CA:TRUE" : "CA:FALSE"},
				{"keyUsage", ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation"},
				{"subjectKeyIdentifier", "hash"}};
	for (size_t i = 0; i < 3; i++) {
		X509_EXTENSION *ex = X509V3_EXT_conf(NULL, &ctx, ext[i][0], ext[i][1]);
		if (ex) {
			X509_add_ext(x, ex, -1);
			X509_EXTENSION_free(ex);
		}
	}
	X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256());
	return x;
}

enum app_err doc_demo_keys(const char *const *codes, const char *const *names, size_t n)
{
	mkdir(keys_dir, 0700);
	EVP_PKEY *cak = EVP_EC_gen("P-256");
	if (!cak)
		return APP_EIO;
	X509 *ca = make_cert(cak, "coso demo CA (không dùng thật)", "coso demo", NULL, NULL, true);
	char path[1100];
	snprintf(path, sizeof path, "%s/ca.pem", keys_dir);
	BIO *b = BIO_new(BIO_s_mem());
	PEM_write_bio_X509(b, ca);
	char *p;
	long len = BIO_get_mem_data(b, &p);
	enum app_err e = write_key_file(path, p, (size_t)len);
	BIO_free(b);
	STACK_OF(X509) *chain = sk_X509_new_null();
	sk_X509_push(chain, ca);
	for (size_t i = 0; i < n && !e; i++) {
		EVP_PKEY *k = EVP_EC_gen("P-256");
		X509 *c = make_cert(k, names[i], names[i], ca, cak, false);
		if (!key_path(codes[i], path, sizeof path))
			e = APP_EINVAL;
		else
			e = write_key(path, k, c, chain);
		X509_free(c);
		EVP_PKEY_free(k);
	}
	sk_X509_free(chain);
	X509_free(ca);
	EVP_PKEY_free(cak);
	return e;
}
