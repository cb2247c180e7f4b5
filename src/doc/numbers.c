/*
 * numbers.c — the register of issued documents (doc.h): a number per unit,
 * year and type, taken in the act's own write so that it is never given twice
 * nor reused (Decree 30/2020/NĐ-CP Art. 15: numbered in order within the
 * year, from 01 on 1 January), and the signed PDF stored once.
 */
#include "doc.h"
#include "../db/db.h"
#include "../util/arena.h"
#include "../util/cal.h"
#include "../util/log.h"
#include "../util/crypto.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void read_doc(struct arena *a, struct db_stmt *s, void *out)
{
	struct doc_record *d = out;
	const char *type = "";
	db_cols(s, a, 0, DB_COL(&d->id), DB_COL(&d->unit_id), DB_COL(&d->about_id), DB_COL(&d->issued_at),
		DB_COL(&type), DB_COL(&d->year), DB_COL(&d->seq), DB_COL(&d->number), DB_COL(&d->about),
		DB_COL(&d->part), DB_COL(&d->title), DB_COL(&d->pdf_sha256), DB_COL(&d->signer));
	d->type = DOC_NOTICE;
	for (int t = 0; t < DOC__N; t++)
		if (!strcmp(type, doc_type_codes[t]))
			d->type = (enum doc_type)t;
}

enum app_err doc_get(struct arena *a, struct dbc *c, const char *about, int64_t about_id, const char *part,
		     struct doc_record *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DOC_BY_ABOUT);
	db_bind_text(s, 1, about);
	db_bind_i64(s, 2, about_id);
	db_bind_text(s, 3, part);
	return db_get_row(s, a, read_doc, out);
}

enum app_err doc_by_number(struct arena *a, struct dbc *c, const char *unit_code, const char *number,
			   struct doc_record *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DOC_BY_NUMBER);
	db_bind_text(s, 1, unit_code);
	db_bind_text(s, 2, number);
	return db_get_row(s, a, read_doc, out);
}

enum app_err doc_by_sha256(struct arena *a, struct dbc *c, const char *sha256, struct doc_record *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DOC_BY_PDF);
	db_bind_text(s, 1, sha256);
	return db_get_row(s, a, read_doc, out);
}

enum app_err doc_issue(struct dbc *c, int64_t unit_id, enum doc_type type, const char *abbr, const char *about,
		       int64_t about_id, const char *part, const char *title, int64_t now, struct doc_record *out,
		       struct arena *a)
{
	enum app_err e = doc_get(a, c, about, about_id, part, out);
	if (e != APP_ENOTFOUND)
		return e; /* issued already (or a database error) */
	int y, m, d;
	cal_civil_from_days(cal_today(now), &y, &m, &d);
	struct db_stmt *s = dbc_stmt(c, STMT_DOC_SERIES_NEXT);
	db_bind_i64(s, 1, unit_id);
	db_bind_i64(s, 2, y);
	db_bind_text(s, 3, doc_type_codes[type]);
	int64_t seq = db_one_i64(s, 0, &e);
	if (e)
		return e;
	/* App. III: "Số: 05/TB-UBND", the number below 10 with a leading 0 */
	char number[64];
	snprintf(number, sizeof number, "%02lld/%s-%s", (long long)seq, doc_type_codes[type], abbr);
	if ((e = db_run(c, STMT_DOC_INSERT, "itiittitti", unit_id, doc_type_codes[type], (int64_t)y, seq, number, about,
			about_id, part, title, now)))
		return e;
	return doc_get(a, c, about, about_id, part, out);
}

static enum app_err stored(struct dbc *c, const char *sha, struct buf *out);

struct store_job {
	const struct doc_record *d;
	struct buf *pdf;
	const char *sha, *signer;
};

/* Stores the signed PDF unless another request stored one first: then that
 * one is the document, and it is what this request answers too. */
static enum app_err store_fn(struct dbc *c, void *arg)
{
	struct store_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_BLOB_PUT);
	db_bind_text(s, 1, j->sha);
	db_bind_text(s, 2, "application/pdf");
	db_bind_i64(s, 3, (int64_t)j->pdf->n);
	db_bind_blob(s, 4, j->pdf->p, j->pdf->n);
	db_bind_i64(s, 5, j->d->issued_at);
	enum app_err e = db_exec(s);
	if (!e)
		e = db_run(c, STMT_DOC_SET_PDF, "itt", j->d->id, j->sha, j->signer);
	struct arena a;
	arena_init(&a);
	struct doc_record now;
	if (!e && !(e = doc_get(&a, c, j->d->about, j->d->about_id, j->d->part, &now)) && strcmp(now.pdf_sha256, j->sha))
		e = stored(c, now.pdf_sha256, j->pdf);
	arena_free(&a);
	return e;
}

static enum app_err stored(struct dbc *c, const char *sha, struct buf *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_BLOB_GET);
	db_bind_text(s, 1, sha);
	enum app_err e = db_row(s);
	if (!e) {
		size_t n = 0;
		const void *p = db_col_blob(s, 1, &n);
		buf_reset(out);
		buf_append(out, p, n);
	}
	db_reset(s);
	return e;
}

enum app_err doc_pdf(struct db *db, const struct doc_record *d, const char *unit_code, doc_make_fn make, void *arg,
		     struct buf *out)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	if (*d->pdf_sha256)
		return stored(c, d->pdf_sha256, out);
	if ((e = make(arg, out)))
		return e;
	if (!doc_unit_can_sign(unit_code))
		return APP_OK; /* the same bytes each time, from the record */
	char subject[256];
	if (doc_sign(unit_code, d->issued_at, d->number, out, subject, sizeof subject)) {
		/* a key that cannot sign (unreadable, damaged): the paper is still
		 * answered, unsigned and not stored, and the operator told */
		log_msg(LOG_ERROR, "doc: %s cannot sign %s; answered unsigned", unit_code, d->number);
		return APP_OK;
	}
	char hex[65];
	crypto_sha256_hex(out->p, out->n, hex);
	struct store_job j = {d, out, hex, subject};
	return db_write_in_read(db, store_fn, &j);
}
