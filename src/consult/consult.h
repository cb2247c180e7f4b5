/*
 * consult.h — public consultation on drafts (tham gia ý kiến; issue #16):
 * a consultation with its subject (Law 10/2022 Art. 25 items 1-9, an
 * agency's staff subjects of Art. 53, a village convention's draft of
 * Decree 61/2023 Art. 9; data/consult/subjects.txt), its plan (Art. 28(1)),
 * its audience and its period (at least 20 days from publication, Art.
 * 28(2); 30 for a convention's draft); the draft structured into parts,
 * chapters, articles and clauses with stable anchors (draft.c: .docx, .odt,
 * Markdown, plain text), revised drafts beside the original; comments that
 * quote the words they are about and follow them into a revision;
 * agree/disagree on a clause; moderation kept for the record; the synthesis
 * that answers every comment (tổng hợp, tiếp thu, giải trình), signed off by
 * the chair and published (disclosure item 11, Art. 11(11)). No HTTP, no
 * clock: every function that needs the time takes now.
 */
#ifndef COSO_CONSULT_H
#define COSO_CONSULT_H
#include "../app.h"
#include "../i18n/msg.h"
#include "../units/units.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct user;
struct arena;
struct buf;
struct import_report;
struct indicator_value;

#define CONSULT_TITLE_MAX 300      /* characters */
#define CONSULT_TEXT_MAX 4000      /* a plan's fields, a summary */
#define COMMENT_MIN 2              /* characters of a comment */
#define COMMENT_MAX 5000           /* characters of a comment (docs/consultations.md) */
#define ANSWER_MAX 5000            /* characters of an answer */
#define QUOTE_MAX 500              /* characters quoted from the draft */
#define REASON_MIN 5               /* characters of a reason (moderation, against the majority) */
#define DRAFT_FILE_MAX (10 << 20)  /* bytes of a draft's file */
#define DRAFT_MAX_UNITS 3000       /* units of text in a draft */
#define DRAFT_UNIT_MAX 20000       /* characters of one unit's text */

/* ---- names: one enum, one table each ---- */

enum consult_status { CNS_DRAFT, CNS_OPEN, CNS_PUBLISHED, CNS__N };
extern const char *const consult_status_names[CNS__N];
/* What a visitor sees: prepared, open, closed (waiting for the synthesis), synthesis published. */
enum consult_phase { CP_DRAFT, CP_OPEN, CP_CLOSED, CP_PUBLISHED, CP__N };
extern const char *const consult_phase_names[CP__N];
extern const enum msg_id consult_phase_labels[CP__N];

enum consult_audience { CAU_UNIT, CAU_VILLAGES, CAU_STAFF, CAU_PERSONS, CAU__N };
extern const char *const consult_audience_names[CAU__N];
extern const enum msg_id consult_audience_labels[CAU__N];

/* How a comment came: on the platform (web, api) or entered by an officer. */
enum comment_channel { CMC_WEB, CMC_API, CMC_MEETING, CMC_LETTER, CMC_BOX, CMC_HOTLINE, CMC_FRONT, CMC_SOCIAL, CMC__N };
extern const char *const comment_channel_names[CMC__N];
extern const enum msg_id comment_channel_labels[CMC__N];

enum answer_disposition { AD_ACCEPTED, AD_PARTLY, AD_EXPLAINED, AD__N };
extern const char *const answer_disposition_names[AD__N];
extern const enum msg_id answer_disposition_labels[AD__N];

/* The forms of Art. 26(1), by their letters a, b, c, d, đ, e, g, h. */
#define CONSULT_NFORMS 8
extern const char *const consult_form_names[CONSULT_NFORMS];
extern const enum msg_id consult_form_labels[CONSULT_NFORMS];

int consult_name_index(const char *const *names, int n, const char *name);

/* ---- subjects as data (subjects.c) ---- */

struct consult_subject {
	char code[24];
	char kind[16];   /* commune, agency, village */
	int min_days;    /* from publication; 0 none */
	int64_t from;    /* the day it takes effect */
	char label[400];
	char cite[200];
};
struct consult_subjects {
	struct consult_subject *v;
	size_t n;
};
/* Parses a subjects file; APP_EINVAL with every problem (line, reason) and nothing kept. */
enum app_err consult_subjects_parse(const char *text, size_t n, struct consult_subjects *out,
				    struct import_report *rep);
void consult_subjects_free(struct consult_subjects *s);
/* The shipped subjects (data/consult/subjects.txt, embedded). */
const struct consult_subjects *consult_subjects(void);
/* The rule of a subject in force on day, or NULL. */
const struct consult_subject *consult_subject(const char *code, int64_t day);
/* The kind of subjects a unit consults on: "commune", "agency", "village", "province" or NULL. */
const char *consult_unit_kind(const struct unit *u);

/* ---- the draft's text (draft.c) ---- */

enum draft_kind { DK_PART, DK_CHAPTER, DK_SECTION, DK_ARTICLE, DK_CLAUSE, DK_POINT, DK_PARA, DK__N };
extern const char *const draft_kind_names[DK__N];

struct draft_unit {
	const char *anchor;  /* stable: "dieu-3-khoan-2" */
	enum draft_kind kind;
	int depth;
	const char *label;   /* "Điều 3.", "2.", "a)", "" */
	const char *heading; /* an article's or chapter's title, "" */
	const char *body;    /* its own text (paragraphs joined by '\n') */
};
struct draft {
	struct draft_unit *v;
	size_t n;
};
/* Reads a draft from a file by its name's extension (.docx, .odt, .md,
 * .markdown, .txt) checked against its content; text typed in a form has
 * name NULL. Everything in arena a. APP_EINVAL with a Vietnamese reason in
 * *why (the line where it applies) when it is not what its name says, cannot
 * be read, or has no structure; nothing is kept then. */
enum app_err draft_read(struct arena *a, const char *name, const char *data, size_t n, struct draft *out,
			const char **why);
/* The draft written back as text with its headings (what draft_read reads
 * back to the same structure): the form that fixes a wrong split. */
const char *draft_text(struct arena *a, const struct draft *d);
/* Where words are in a draft: the index of the unit whose text holds them
 * (the unit anchored `prefer` first, then the one whose context matches),
 * -1 when they are nowhere. Whitespace and case are forgiven. */
long draft_find(const struct draft *d, const char *prefer, const char *quote, const char *before, const char *after);
/* Where an anchor is, as officers write it: "dieu-2-khoan-1-diem-a" ->
 * "Điều 2 khoản 1 điểm a", "chuong-ii" -> "Chương II" (in a). */
const char *draft_anchor_words(struct arena *a, const char *anchor);
/* The index of the unit anchored so, or -1. */
long draft_anchor(const struct draft *d, const char *anchor);

/* A readable difference: each unit of the revision against the original's
 * of the same anchor (added, removed, changed, same), changed ones as words
 * kept, removed and inserted. */
enum diff_op { DIFF_SAME, DIFF_DEL, DIFF_INS };
struct diff_piece {
	enum diff_op op;
	const char *text;
};
struct diff_unit {
	const struct draft_unit *old, *new; /* NULL when added or removed */
	struct diff_piece *pieces;          /* changed: the words */
	size_t npieces;
	bool changed;
};
void draft_diff(struct arena *a, const struct draft *old, const struct draft *new, struct diff_unit **out, size_t *n);

/* ---- the consultation ---- */

struct consultation {
	int64_t id;
	struct unit unit;
	const char *subject, *title, *summary, *plan_content, *plan_forms, *plan_method, *plan_owner;
	int64_t plan_deadline;
	enum consult_audience audience;
	enum consult_status status;
	int min_days;
	int64_t opens_day, closes_day, opened_at, closed_at;
	int version;
	const char *decision, *majority_reasons;
	bool against_majority;
	int64_t signed_by, published_at, posting_id, created_by, created_at;
	const char *signer;   /* "" if not signed */
	int64_t comments;     /* visible comments */
	int64_t answered;     /* of them, answered */
};
/* Its phase on day. */
enum consult_phase consult_phase(const struct consultation *k, int64_t day);

/* ---- who may ---- */

/* Run the unit's consultations (prepare, publish, enter comments, moderate, answer): CAP_CONSULT there or above. */
bool consult_may_run(const struct user *u, const struct unit *unit);
/* Sign the synthesis off: the chair or head (CAP_CONSULT_SIGN there or above). */
bool consult_may_sign(const struct user *u, const struct unit *unit);
/* Whether u is in the audience (comment, agree): APP_OK, or APP_EFORBID with
 * the reason. *village: where the person lives; when it is known already
 * (the token's write reads it with the token), *village and *path come in
 * set (village > 0) and are not read again. */
enum app_err consult_may_comment(struct arena *a, struct dbc *c, const struct user *u, const struct consultation *k,
				 int64_t *village, const char **path, const char **why);

/* ---- preparing and publishing ---- */

struct consult_input {
	const char *subject, *title, *summary, *plan_content, *plan_forms, *plan_method, *plan_owner, *plan_deadline;
	const char *audience;
	const char *villages;   /* audience villages: codes, separated by spaces or commas */
	const char *persons;    /* item 8: "name; phone" one a line */
	const char *closes;     /* yyyy-mm-dd */
};
/* Creates a consultation (status draft) at the unit with its draft's text. */
enum app_err consult_create(struct db *db, struct arena *a, const struct user *u, const struct unit *unit,
			    const struct consult_input *in, const struct draft *d, int64_t now, int64_t *id,
			    struct problems *pr);
/* Replaces the draft's text while it is being prepared, or adds a revised
 * version once published (then every comment is re-attached to its words,
 * or marked no longer matching). */
enum app_err consult_set_draft(struct db *db, struct arena *a, const struct user *u, int64_t id, const struct draft *d,
			       int64_t now, struct problems *pr);
/* Publishes: opens on the day of now, closes on closes (checked against the
 * subject's shortest period); the plan goes to the commune People's Council
 * and the Front (recorded). */
enum app_err consult_publish(struct db *db, struct arena *a, const struct user *u, int64_t id, const char *closes,
			     int64_t now, struct problems *pr);
/* ---- comments ---- */

struct comment_input {
	const char *anchor;     /* "" or NULL: the whole draft */
	const char *quote;      /* the words quoted, or NULL */
	const char *body;
	bool show_name;
	const char *channel;    /* NULL: web (api for a token) */
	const char *author;     /* entered by an officer: the person or body */
	const char *idem;       /* idempotency key (scoped by the caller), or NULL */
	int64_t village;        /* the person's village when known already (else 0: read) */
	const char *village_path;
};
/* The checked comment, ready to be written on the group-commit path. */
struct comment_job {
	int64_t consultation, version, user, village, entered_by, now;
	enum comment_channel channel;
	const char *anchor, *quote, *before, *after, *body, *author, *idem;
	bool show_name;
	int64_t id;   /* the comment made (or the one the key made before) */
	bool again;
};
/* Checks a comment by u (every problem into pr) and prepares its job. */
enum app_err comment_check(struct arena *a, struct dbc *c, const struct user *u, const struct consultation *k,
			   const struct comment_input *in, int64_t now, struct comment_job *j, struct problems *pr);
/* The write (one row; a repeated key answers the first comment). */
enum app_err comment_write(struct dbc *c, void *job);
/* The API's hot path (a bearer token, ROUTE_TOKEN_IN_WRITE): nothing read in
 * the request's thread; the token, the person, the consultation and the
 * check run inside the group-commit write (comment_token_write), problems
 * into pr (arena a: the request's, idle while it waits). */
struct comment_token_job {
	const char *token_hash;
	int64_t consultation, now;
	struct comment_input in;
	struct arena *a;
	struct problems pr;
	struct comment_job j;
};
enum app_err comment_token_write(struct dbc *c, void *job);
/* Both, in a write of its own. */
enum app_err comment_add(struct db *db, struct arena *a, const struct user *u, int64_t id, const struct comment_input *in,
			 int64_t now, int64_t *cid, bool *again, struct problems *pr);
/* Agree (1) or disagree (-1) with a clause, once per person (a second vote replaces the first); 0 withdraws. */
enum app_err consult_vote(struct db *db, struct arena *a, const struct user *u, int64_t id, const char *anchor, int value,
			  int64_t now, struct problems *pr);
/* Hides (hide) or shows again a comment, with the reason; the history is kept. */
enum app_err comment_moderate(struct db *db, const struct user *u, int64_t comment, bool hide, const char *reason,
			      int64_t now, struct problems *pr);

struct comment {
	int64_t id, consultation, version, at, user_id, answer_id;
	const char *anchor, *cur_anchor, *attach, *quote, *before, *after, *body, *author, *village, *channel;
	bool show_name, hidden;
	const char *hide_reason;
	/* its answer (answer_id > 0) */
	const char *disposition, *answer, *theme;
	bool mine;
};
struct comment_filter {
	int64_t consultation;
	const char *anchor;     /* NULL any; "" the whole draft */
	bool with_hidden;       /* officers: hidden ones too */
	int unanswered;         /* 1: only those without an answer */
	int64_t after_id;       /* keyset */
	int limit;
	int64_t user;           /* one person's, 0 any */
};
enum app_err comments_list(struct arena *a, struct dbc *c, const struct comment_filter *f, struct comment **out,
			   size_t *n, int64_t *total);
/* The newest visible comments on a unit of text (anchor "": the whole draft). */
enum app_err comments_latest(struct arena *a, struct dbc *c, int64_t id, const char *anchor, int limit,
			     struct comment **out, size_t *n);
/* One comment. */
enum app_err comment_get(struct arena *a, struct dbc *c, int64_t id, struct comment *out);
struct moderation {
	int64_t at;
	const char *action, *reason, *by;
};
enum app_err comment_history(struct arena *a, struct dbc *c, int64_t comment, struct moderation **out, size_t *n);

/* Per unit of text: visible comments, answered, agree and disagree. */
struct clause_tally {
	const char *anchor;
	int64_t comments, answered, agree, disagree;
};
enum app_err consult_tallies(struct arena *a, struct dbc *c, int64_t id, struct clause_tally **out, size_t *n);

/* ---- the synthesis ---- */

struct answer_input {
	const char *disposition, *theme, *body;
	const int64_t *comments; /* the comments it answers (one, or a group) */
	size_t ncomments;
};
/* Prepares an answer to a comment or a group (not published until the synthesis is). */
enum app_err consult_answer(struct db *db, struct arena *a, const struct user *u, int64_t id,
			    const struct answer_input *in, int64_t now, int64_t *aid, struct problems *pr);
struct signoff_input {
	const char *decision;          /* the final decision */
	bool against_majority;         /* said by the chair */
	const char *majority_reasons;  /* required when against the majority (Art. 28(4)) */
};
/* Clauses a majority disagreed with that the final draft keeps word for word
 * (then the decision goes against the majority whatever is said). */
enum app_err consult_against_majority(struct arena *a, struct dbc *c, const struct consultation *k, const char ***anchors,
				      size_t *n);
/* The chair's sign-off and the publication: every visible comment answered,
 * the period over, the reasons given when against the majority; then the
 * synthesis is published as disclosure item 11 and every commenter told. */
enum app_err consult_signoff(struct db *db, struct arena *a, const struct user *u, int64_t id,
			     const struct signoff_input *in, const char *base_url, int64_t now, struct problems *pr);

/* The synthesis table row by row in the draft's order (constant memory,
 * for the report of a million comments): each visible comment with the
 * text of the unit it is on; the whole draft's first, a unit's oldest
 * first, read along the index (no sort), then those on units a revision
 * removed. */
struct synthesis_cursor {
	struct dbc *c;
	int64_t consultation;
	struct db_stmt *s;      /* the current unit's comments */
	struct arena *keep;     /* the draft and the order of its units */
	const struct draft_unit **order;
	size_t norder, at;
	struct arena *a;        /* the row's strings; emptied at each row */
	struct comment cm;
	struct draft_unit unit; /* the unit it is on (anchor "" for the whole draft) */
	int64_t n;              /* rows read */
};
enum app_err synthesis_open(struct dbc *c, const struct consultation *k, struct synthesis_cursor *cur);
/* The next row into cur (false at the end or on an error, *e set). */
bool synthesis_next(struct synthesis_cursor *cur, enum app_err *e);
void synthesis_close(struct synthesis_cursor *cur);

/* ---- reads ---- */

enum app_err consult_get(struct arena *a, struct dbc *c, int64_t id, struct consultation *out);
enum app_err consult_draft(struct arena *a, struct dbc *c, int64_t id, int version, struct draft *out);
enum app_err consult_villages(struct arena *a, struct dbc *c, int64_t id, struct unit **out, size_t *n);
struct consult_person {
	int64_t id, user_id, notified_day, heard_day;
	const char *name, *contact, *hearing;
};
enum app_err consult_persons(struct arena *a, struct dbc *c, int64_t id, struct consult_person **out, size_t *n);
/* Item 8: records that a person was told (notified) or heard, with what they said. */
enum app_err consult_person_record(struct db *db, const struct user *u, int64_t id, int64_t person, bool heard,
				   const char *hearing, int64_t now, struct problems *pr);
/* Of the units under path (published or all when drafts), newest first after the cursor. */
enum app_err consult_list(struct arena *a, struct dbc *c, const char *path, bool drafts, int64_t after_id, int limit,
			  struct consultation **out, size_t *n, int64_t *total);

/* ---- statistics and indicators (stats.c) ---- */

struct consult_village_stat {
	const char *code, *title;
	int64_t comments, people;
};
/* Comments per village (and those without one: code ""), and per day. */
enum app_err consult_stats_villages(struct arena *a, struct dbc *c, int64_t id, struct consult_village_stat **out,
				    size_t *n);
struct consult_day_stat {
	int64_t day, comments;
};
enum app_err consult_stats_days(struct arena *a, struct dbc *c, int64_t id, struct consult_day_stat **out, size_t *n);
/* The same over every published consultation of a unit's subtree: per village,
 * and per month (day: the month's first day). */
enum app_err consult_unit_villages(struct arena *a, struct dbc *c, const char *path, struct consult_village_stat **out,
				   size_t *n);
enum app_err consult_unit_months(struct arena *a, struct dbc *c, const char *path, struct consult_day_stat **out, size_t *n);
/* Indicator consult.answered: consultations of the subtree closed in the
 * period, and those whose synthesis was published. */
enum app_err consult_indicator_answered(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					int64_t now, struct indicator_value *out);
/* Indicator consult.regulation: communes of the subtree, and those that
 * consulted on their democracy regulation (Art. 25 item 7) in the period. */
enum app_err consult_indicator_regulation(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					  int64_t now, struct indicator_value *out);
#endif
