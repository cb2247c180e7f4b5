/*
 * postings.h — postings (tin công khai) of catalogue items: drafts, publication,
 * corrections as new versions, withdrawal, files stored by content, search,
 * and the computed state of each posting (current, archived, late, short...).
 * Law 10/2022 Arts. 11-13 (communes), 46-48 (agencies), 64-66 (enterprises).
 * No HTTP here: pages and API are in disclosure_pages.c.
 */
#ifndef COSO_POSTINGS_H
#define COSO_POSTINGS_H
#include "../app.h"
#include "../util/arena.h"
#include "../util/cal.h"
#include "../i18n/msg.h"
#include "catalogue.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;
struct db;

#define POSTING_MAX_FILES 5
#define POSTING_TITLE_MAX 300      /* characters */
#define POSTING_SUMMARY_MAX 1000
#define POSTING_BODY_MAX 100000    /* bytes */
#define POSTING_REASON_MIN 10      /* characters of a reason (short period, withdrawal, correction) */
/* What the file picker offers: the types posting_file_check accepts. */
#define POSTING_FILE_TYPES ".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
#define POSTING_PERIOD_MAX 3650    /* days */

/* A posting's status: one enum, one name table (the API's and the database's names). */
enum posting_status { POSTING_DRAFT, POSTING_PUBLISHED, POSTING_WITHDRAWN, POSTING__N };
extern const char *const posting_status_names[POSTING__N]; /* draft, published, withdrawn */
enum posting_status posting_status_of(const char *name); /* POSTING__N when none */

struct posting_file {
	int seq;                  /* order in its version */
	const char *sha256;       /* content address (hex) */
	const char *filename;     /* name shown and offered on download */
	const char *mime;         /* type found by content */
	int64_t size;             /* bytes */
};

struct posting_version {
	int version;                 /* 1, 2, ... */
	const char *title, *summary, *body; /* body is Markdown */
	const char *change_note;     /* what changed and why ('' for version 1) */
	const char *content_sha256;  /* hash of the canonical content */
	int64_t at;                  /* UTC seconds */
	const char *by;              /* the author's full name */
	struct posting_file *files;
	size_t nfile;
};

struct posting {
	int64_t id;
	struct unit unit;            /* the unit that discloses */
	struct ditem item;           /* the rule in force on the decision date */
	const char *decision_date;   /* yyyy-mm-dd */
	const char *decision_ref;    /* number and name of the decision */
	enum posting_status status;
	bool is_public;              /* commune postings always; others when marked */
	const char *forms;           /* form codes, ';' separated */
	const char *location;        /* where it is physically posted */
	const char *radio_dates;     /* loudspeaker days, ';' separated */
	int period_days;             /* requested period, 0 = permanent */
	const char *short_reason;    /* why shorter than the minimum, or "" */
	const char *start_date;      /* first day posted, "" for drafts */
	const char *end_date;        /* last day posted, "" if permanent or draft */
	int version;                 /* current version */
	int64_t created_at, published_at, withdrawn_at;
	const char *withdraw_reason;
	const char *title, *summary; /* of the current version */
	const char *content_sha256;  /* of the current version */
	int64_t updated_at;          /* when the current version was made */
	int64_t created_by;          /* users.id */
};

/* What a posting is now, for lists and badges: draft, current (still
 * posted), archived (period over), withdrawn. */
const char *posting_state(const struct posting *p, const char *today);

/* The longest run of consecutive days in a list of loudspeaker dates. */
int posting_radio_run(struct arena *a, const char *dates);

/* The deadline to publish (Art. 12(2)/48/65): decision day + the item's
 * days, working days counted against the holiday table when the item says so. */
int64_t posting_deadline(const struct ditem *d, const struct cal_table *hol, int64_t decision_day);

/* What an officer submits for a draft or a correction. Strings are NFC and
 * cleaned by the caller's parser. */
struct posting_input {
	const char *title, *summary, *body;
	const char *decision_date, *decision_ref;
	int item_number;
	const char *forms;         /* ';' separated */
	const char *location;
	const char *radio_dates;   /* dates separated by ';', ',' or spaces */
	int period_days;           /* 0 = permanent (only for permanent items), -1 = the item's minimum */
	const char *short_reason;
	bool is_public;
	const char *change_note;   /* corrections only */
	struct posting_file files[POSTING_MAX_FILES]; /* new files (sha256 set by blob_store) */
	const char *file_data[POSTING_MAX_FILES];     /* their bytes */
	size_t nfile;
	bool keep_files;           /* corrections: carry the previous version's files */
};

/* One problem with an input: the field and a Vietnamese sentence. */
struct posting_problem {
	const char *field;
	const char *reason;
};
#define POSTING_MAX_PROBLEMS 16

/* Checks an input against the unit's catalogue; fills *item with the rule in
 * force on the decision date. Returns the number of problems (0 = valid).
 * today is the local day. correction: only content fields matter. */
size_t posting_validate(struct arena *a, struct dbc *c, const struct unit *u,
			struct posting_input *in, int64_t today, bool correction, struct ditem *item,
			struct posting_problem *pr);

/* Checks a file by its content (libmagic): the allowed types are PDF, images
 * and office documents. Sets f->mime; returns a Vietnamese reason or NULL. */
const char *posting_file_check(const char *data, size_t n, struct posting_file *f);
/* The same against any list of types (the cases' attachments): f->mime,
 * f->size and f->sha256 (heap: the caller moves it) set, or refusal's text. */
const char *blob_check(const char *data, size_t n, struct posting_file *f, const char *const *allowed, size_t nallowed,
		       enum msg_id refusal);
/* The same for a recorded reading: Ogg, WAV, MP3 or M4A audio. */
const char *posting_audio_check(const char *data, size_t n, struct posting_file *f);

/* ---- loudspeakers (Law 10/2022 Art. 12(1)(c), 13(3)) ---- */
/* Whether the posting is broadcast on the loudspeakers (its forms include "radio"). */
bool posting_has_radio(const struct posting *p);
struct user;
/* Keeps an officer's recorded reading of the posting, which then takes the
 * place of the synthesized one; APP_EFORBID for who may not publish there,
 * APP_ECONFLICT when the posting is not broadcast. f checked by posting_audio_check. */
enum app_err posting_set_recording(struct db *db, const struct user *u, const struct posting *p,
				   const struct posting_file *f, const char *data, int64_t now);
/* The SHA-256 of its recording (blobs), or NULL. */
const char *posting_recording(struct arena *a, struct dbc *c, int64_t id);

/* Writes (each runs in its own durable transaction through db_write).
 * Drafts: id 0 creates, else replaces the draft's content. */
enum app_err posting_save_draft(struct db *db, const struct unit *u, const struct ditem *item,
				const struct posting_input *in, int64_t actor, int64_t on_behalf,
				int64_t now, int64_t *id);
/* Publishes a draft at the instant now: the period starts that day (UTC+7). */
enum app_err posting_publish(struct db *db, int64_t id, int64_t actor, int64_t on_behalf,
			     int64_t now);
/* Adds a version to a published posting (never edits the old one). */
enum app_err posting_correct(struct db *db, int64_t id, const struct posting_input *in,
			     int64_t actor, int64_t on_behalf, int64_t now);
/* Withdraws a published posting, with a reason; it stays visible as withdrawn.
 * Every write takes the instant of the act (now); none reads the clock. */
enum app_err posting_withdraw(struct db *db, int64_t id, const char *reason, int64_t actor,
			      int64_t on_behalf, int64_t now);

/* Reads. */
enum app_err posting_get(struct arena *a, struct dbc *c, int64_t id, struct posting *out);
enum app_err posting_versions(struct arena *a, struct dbc *c, int64_t id,
			      struct posting_version **out, size_t *n);
struct posting_filter {
	const struct unit *unit;   /* one unit, or NULL with path set */
	const char *path;          /* subtree, when unit is NULL ("/" = everything) */
	int item;                  /* catalogue number, 0 = any */
	const char *state;         /* current, archived, withdrawn, draft, or NULL = all published */
	const char *from, *to;     /* start_date range (yyyy-mm-dd), NULL = open */
	const char *q;             /* search words, NULL = none */
	bool include_private;      /* staff postings of the unit(s) too */
	const char *today;         /* local day */
	int limit, offset;
	int64_t after_id;          /* the API's cursor: after this posting, 0 = from the start */
	const char *after_date;    /* and its first day (9999-12-31 when none); unused by a search */
};
/* The postings that pass f, newest first (a search: by id); *total (may be
 * NULL) receives how many pass f without limit, offset and cursor — exactly
 * (*exact true) unless f is a search that goes on past this page, which is
 * not counted to its end: then how many were found so far (*exact false). */
enum app_err posting_list(struct arena *a, struct dbc *c, const struct posting_filter *f,
			  struct posting **out, size_t *n, int64_t *total, bool *exact);
/* Reads every row of a statement selecting POSTING_COLS (stmts.def). */
struct db_stmt;
enum app_err postings_read(struct arena *a, struct db_stmt *s, size_t cap, struct posting **out, size_t *n);
/* Stores a checked file once, by its SHA-256 (one stored before is kept). */
enum app_err blob_put(struct dbc *c, const struct posting_file *f, const char *data, int64_t now);
/* The bytes of a stored file; *data borrowed into the arena. */
enum app_err blob_get(struct arena *a, struct dbc *c, const char *sha256, const char **mime,
		      const char **data, size_t *n);

/* Whether the user is staff of the unit at path: holds a role at it or above. */
struct user;
bool posting_member(const struct user *u, const char *unit_path);
/* Whether the user may publish for the unit: an officer holding a disclosing
 * role at that unit or above (commune officer or chair, agency head,
 * province administrator, system administrator). */
bool posting_may_publish(const struct user *u, const struct unit *unit);
/* Whether the user may read the posting (public, or staff of its unit, or a
 * draft of a unit the user may publish for). */
bool posting_visible(const struct user *u, const struct posting *p);

/* The folded search query in this backend's syntax, limited to the subtree
 * of the unit with code scope_code (NULL = everywhere), or NULL when q has
 * no words (exported for tests). */
const char *posting_search_query(struct arena *a, const char *q, bool pg, const char *scope_code);
/* The indexed text of a posting: a word for its unit and each unit above it,
 * then its folded title, summary and body. Caller frees. */
char *posting_search_doc(const char *unit_path, const char *title, const char *summary, const char *body);
#endif
