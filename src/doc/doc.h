/*
 * doc.h — the official document writer (issue #11). Every paper coso issues —
 * the disclosure notice, its withdrawal, the meeting notice, the minutes, the
 * quarterly register, and what later modules add — is laid out here in the
 * format of administrative documents (Decree 30/2020/NĐ-CP, Appendix I): A4,
 * margins 20/20/30/15 mm, Liberation Serif 13 pt, the issuing body and the
 * national heading side by side with their rules, "Số: 12/TB-UBND", the place
 * and the date in words, the title, the body, the signature block beside
 * "Nơi nhận:", page numbers from page 2.
 *
 * A document is numbered when it is issued: per unit, year and type, kept in
 * the database and never reused (doc_issue, inside the act's write). When the
 * unit holds a signing certificate the issued PDF is signed (PAdES, sign.c)
 * and stored once, as signed; otherwise it is generated again on request from
 * the stored record and is the same bytes each time.
 */
#ifndef COSO_DOC_H
#define COSO_DOC_H
#include "../app.h"
#include "../util/buf.h"
#include "../util/pdf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct dbc;
struct db;

/* Types of document and their abbreviations (Decree 30/2020 App. III). */
enum doc_type { DOC_NOTICE, DOC_MINUTES, DOC_REPORT, DOC_INVITATION, DOC__N };
extern const char *const doc_type_codes[DOC__N]; /* "TB", "BB", "BC", "GM" */

/* Who issues: the parent body (plain capitals) above the issuing body (bold
 * capitals), the abbreviation in the number, the place in the date line. */
struct doc_issuer {
	const char *parent; /* "ỦY BAN NHÂN DÂN XÃ KINH BẮC" above a village; NULL for a commune */
	const char *name;   /* "ỦY BAN NHÂN DÂN\nXÃ KINH BẮC" */
	const char *abbr;   /* "UBND" */
	const char *place;  /* "Kinh Bắc": the commune's name, also for a village's papers */
	const char *level;  /* "phường", "xã", "đặc khu": the commune's kind, for recipients */
};
/* The issuer of a unit's documents from its kind, title ("Phường Kinh Bắc")
 * and name ("Kinh Bắc"): the People's Committee of a commune-level unit; a
 * village, residential group or agency under its commune (parent_title and
 * parent_name, or NULL). Strings in a. */
void doc_issuer_of(struct arena *a, const char *kind, bool commune_level, const char *title, const char *name,
		   const char *parent_title, const char *parent_name, struct doc_issuer *out);

/* The abbreviation of a unit's issuing body in its numbers: UBND, TH, TDP, CQ. */
const char *doc_abbr(const char *kind, bool commune_level);

/* The signature block (right) — who signs for the body. */
struct doc_signer {
	const char *authority; /* "TM. ỦY BAN NHÂN DÂN", or NULL */
	const char *title;     /* "CHỦ TỊCH" */
	const char *name;      /* full name, or NULL: left to be written by hand */
};

struct doc_head {
	enum doc_type type;
	const struct doc_issuer *issuer;
	const char *number;  /* "12/TB-UBND"; NULL: not issued yet ("Số:    /TB-UBND") */
	int64_t day;         /* its date (days since 1970, UTC+7) */
	const char *title;   /* the type's name as printed: "THÔNG BÁO" */
	const char *subject; /* "Về việc ..." (the trích yếu), or NULL */
	const char *mark;    /* "DỰ THẢO", "THÔNG BÁO THU HỒI" ... above the title, or NULL */
	int64_t created;     /* the instant written in the file */
	bool landscape;      /* a wide table (a register): A4 turned */
};

/* Opens the document and writes its head, through the title and subject;
 * the body follows with doc_para (or pdf_* for tables and QR codes). */
struct pdf *doc_begin(const struct doc_head *h, const char *meta_title);
/* A paragraph of the body: 13 pt, justified, first line indented. */
void doc_para(struct pdf *p, const char *text);
/* The same in bold (a heading inside the body), or italic. */
void doc_para_style(struct pdf *p, const char *text, unsigned style);
/* The signature block on the right and "Nơi nhận:" with its list on the
 * left (each line "- X;", the last "- Lưu: VT."). */
void doc_end(struct pdf *p, const struct doc_signer *s, const char *const *recipients, size_t n);

/* "ngày 05 tháng 01 năm 2026" (Decree 30: day below 10 and months 1, 2
 * written with a leading 0), in a. */
const char *doc_date_words(struct arena *a, int64_t day);

/* ---- the register of issued documents (numbers.c) ---- */
struct doc_record {
	int64_t id, unit_id, about_id, issued_at;
	enum doc_type type;
	int year, seq;
	const char *number, *about, *part, *title;
	const char *pdf_sha256; /* "" when not stored (unsigned) */
	const char *signer;     /* the certificate's subject, "" if unsigned */
};
/* Issues the document (about, about_id, part) of a unit at now, inside the
 * act's write: the next number of the unit's series for the year (UTC+7) and
 * type, or the record already issued for it (issuing again changes nothing).
 * abbr is the issuer's abbreviation in the number. */
enum app_err doc_issue(struct dbc *c, int64_t unit_id, enum doc_type type, const char *abbr, const char *about,
		       int64_t about_id, const char *part, const char *title, int64_t now, struct doc_record *out,
		       struct arena *a);
/* The record of (about, about_id, part), APP_ENOTFOUND if not issued. */
enum app_err doc_get(struct arena *a, struct dbc *c, const char *about, int64_t about_id, const char *part,
		     struct doc_record *out);
/* The record with that number at that unit (code), or of the stored PDF with
 * that SHA-256 (hex); APP_ENOTFOUND otherwise. */
enum app_err doc_by_number(struct arena *a, struct dbc *c, const char *unit_code, const char *number,
			   struct doc_record *out);
enum app_err doc_by_sha256(struct arena *a, struct dbc *c, const char *sha256, struct doc_record *out);

/* The issued document's bytes: the stored signed PDF when there is one;
 * otherwise make(arg, out) generates it, and when the unit holds a signing
 * key it is signed now and stored once (in its own write). */
typedef enum app_err (*doc_make_fn)(void *arg, struct buf *out);
enum app_err doc_pdf(struct db *db, const struct doc_record *d, const char *unit_code, doc_make_fn make, void *arg,
		     struct buf *out);

/* ---- signatures (sign.c) ---- */
/* Where units' keys live: a directory of <unit code>.pem files (mode 0600:
 * the key, then its certificate and the chain) and ca.pem, the certificate
 * authorities trusted to verify. Set once at start (COSO_KEYS_DIR or beside
 * the database). */
void doc_keys_dir_set(const char *dir);
const char *doc_keys_dir(void);
/* Whether the unit holds a signing key. */
bool doc_unit_can_sign(const char *unit_code);
/* Signs a PDF (PAdES baseline B: a detached CMS signature over the byte
 * range, in an incremental update with an invisible signature field) with the
 * unit's key, at now, in place. APP_ENOTFOUND when the unit has no key. */
enum app_err doc_sign(const char *unit_code, int64_t now, const char *reason, struct buf *pdf, char *subject,
		      size_t subject_len);
/* Installs a unit's key from a PKCS#12 file (password may be ""): written
 * to the keys directory with mode 0600. APP_EINVAL with a reason for a file
 * that is not a PKCS#12 with a key and its certificate. */
enum app_err doc_key_install(const char *unit_code, const void *p12, size_t n, const char *password,
			     const char **why);

struct doc_verdict {
	bool signed_;       /* the file carries a signature */
	bool intact;        /* the signature matches the bytes it covers */
	bool whole;         /* it covers the whole file (nothing appended after) */
	bool trusted;       /* its certificate chains to a trusted authority */
	char signer[256];   /* the certificate's subject */
	char when[32];      /* the signing time (/M), "D:20261130..." */
	char sha256[65];    /* of the whole file */
	const char *why;    /* a Vietnamese sentence when it is not genuine */
};
/* Checks a PDF's last signature. Never fails: the verdict says what holds. */
void doc_verify(const void *pdf, size_t n, struct doc_verdict *v);
/* Makes a demo certificate authority and a key for each unit code (the
 * demo): ca.pem and <code>.pem in the keys directory. */
enum app_err doc_demo_keys(const char *const *codes, const char *const *names, size_t n);

/* ---- audio bulletins for loudspeakers (audio.c) ---- */
/* Speaks text in Vietnamese (espeak-ng) and writes it as Ogg Vorbis (ogg
 * true) or WAV (16-bit mono); serial makes the Ogg stream the same bytes each
 * time. APP_EIO when the speech engine is missing. */
#define DOC_SPEAK_MAX 8192 /* bytes of text read at most */
enum app_err doc_speak(const char *text, bool ogg, uint32_t serial, struct buf *out);
/* The speaking process (`coso doc speak`): text on its standard input, the
 * sample rate (4 bytes, little-endian) and 16-bit samples on its output. */
int doc_speak_child(void);
#endif
