/*
 * cases.h — citizens' feedback, complaints and denunciations (phản ánh, kiến
 * nghị, khiếu nại, tố cáo; issue #15): every case with a tracking code that
 * is public and not guessable, a workflow whose every step is an event with
 * who and why, and the statutory clocks of each kind kept as dated rules
 * (data/cases/rules.txt: Law on Complaints 02/2011 Arts. 9, 27-28, 33, 36-37;
 * Law on Denunciations 25/2018 Arts. 24, 30; Decree 20/2008 Art. 9; Law
 * 10/2022 Arts. 40, 45) counted in days or working days against the holiday
 * table. A denouncer's identity is sealed (ident.c) and shown only to the
 * handler and the unit head. No HTTP, no clock: every function that needs
 * the time takes now.
 */
#ifndef COSO_CASES_H
#define COSO_CASES_H
#include "../app.h"
#include "../i18n/msg.h"
#include "../indicator.h"
#include "../disclosure/postings.h"
#include "../units/units.h"
#include "../util/cal.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct user;
struct report;
struct buf;

#define CASE_TITLE_MAX 200   /* characters */
#define CASE_BODY_MAX 4000   /* characters (Open311's description limit) */
#define CASE_NOTE_MIN 5      /* characters of a reason */
#define CASE_NOTE_MAX 4000
#define CASE_MAX_FILES 5
#define CASE_FILE_MAX (10 << 20) /* bytes a file */
#define CASE_CODE_LEN 16     /* "PAKN-2611-7KQ3X9" */
/* What the file picker offers: the types case_file_check accepts. */
#define CASE_FILE_TYPES ".jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx"

/* ---- kinds, statuses, actions, channels: one enum, one name table each ---- */

enum case_kind { CK_PETITION, CK_COMPLAINT, CK_DENUNCIATION, CK_BOARD_REC, CK_BOARD_PETITION, CK__N };
extern const char *const case_kind_names[CK__N];
extern const enum msg_id case_kind_labels[CK__N];

enum case_status {
	CST_RECEIVED,    /* tiếp nhận */
	CST_CLASSIFIED,  /* đã phân loại: kind, category, unit */
	CST_ACCEPTED,    /* thụ lý */
	CST_REJECTED,    /* không thụ lý, with reasons */
	CST_FORWARDED,   /* chuyển cơ quan có thẩm quyền ngoài hệ thống */
	CST_IN_PROGRESS, /* đang giải quyết */
	CST_SUSPENDED,   /* tạm đình chỉ: the clock stops */
	CST_RESOLVED,    /* đã giải quyết, trả lời */
	CST_RATED,       /* người gửi đã đánh giá */
	CST_CLOSED,      /* kết thúc */
	CST__N
};
extern const char *const case_status_names[CST__N];
extern const enum msg_id case_status_labels[CST__N];
/* Whether a case in that status is still being handled (a clock may run). */
bool case_status_open(enum case_status s);

enum case_action {
	CA_FILE, CA_CLASSIFY, CA_TAKE, CA_ACCEPT, CA_REJECT, CA_FORWARD, CA_START, CA_EXTEND, CA_SUSPEND,
	CA_RESUME, CA_RESOLVE, CA_RATE, CA_CLOSE, CA_REOPEN, CA_APPEAL, CA__N
};
extern const char *const case_action_names[CA__N];
extern const enum msg_id case_action_labels[CA__N];

enum case_channel { CC_WEB, CC_PAPER, CC_PHONE, CC_IN_PERSON, CC_API, CC_SMS, CC_OPEN311, CC_RECEPTION, CC__N };
extern const char *const case_channel_names[CC__N];
extern const enum msg_id case_channel_labels[CC__N];

/* Index of name in a name table, or -1. */
int case_name_index(const char *const *names, int n, const char *name);

/* ---- rules as data (rules.c) ---- */

enum case_day_unit { CDU_DAYS, CDU_WORKING, CDU_COUNT };
struct case_rule {
	char kind[16];     /* petition, complaint, complaint2, denunciation, board_rec, board_petition */
	char clock[24];    /* accept, accept_ext, resolve, resolve_complex, ... */
	int64_t from;      /* the day it takes effect */
	int n;             /* days, or a count */
	enum case_day_unit unit;
	bool from_accepted;/* counted from acceptance, else from receipt */
	char cite[200];    /* the article */
};
struct case_rules {
	struct case_rule *v;
	size_t n;
};
struct import_report;
/* Parses a rules file; APP_EINVAL with every problem (line and reason) in
 * rep and nothing kept. */
enum app_err case_rules_parse(const char *text, size_t n, struct case_rules *out, struct import_report *rep);
void case_rules_free(struct case_rules *r);
/* The rules in force (the shipped file until case_rules_use). */
const struct case_rules *case_rules(void);
void case_rules_use(struct case_rules *r); /* takes it */
/* The rule of a kind's clock in force on day (kind "complaint2" for a second
 * instance); NULL when the kind has none. */
const struct case_rule *case_rule(const struct case_rules *r, const char *kind, const char *clock, int64_t day);

/* The categories (data/cases/categories.txt): the Open311 services. */
struct case_category {
	const char *code, *title, *description, *keywords;
	bool needs_location;
};
size_t case_categories(const struct case_category **out);
const struct case_category *case_category(const char *code);

/* ---- the case ---- */


struct fcase {
	int64_t id;
	const char *code;
	enum case_kind kind;
	int instance;
	int64_t parent_id;
	struct unit unit;          /* responsible now */
	int64_t village_id;
	const char *village_title; /* "" if none */
	const char *category, *channel, *title, *body;
	enum case_status status;
	bool anonymous;
	const char *name, *phone, *email, *address, *id_number; /* "" for a denunciation: see case_ident */
	bool sealed;               /* a denouncer's identity is sealed */
	int64_t user_id;           /* the filer's account, 0 if none */
	bool has_point;
	int64_t lat_e6, lon_e6;
	const char *location;
	int64_t act_day;
	bool late_filing;
	int complexity;            /* 0, 1 complex, 2 very complex */
	bool remote;
	int extensions;
	int64_t received_at, received_day, accepted_day;
	const char *clock;         /* "accept", "resolve" or "" */
	int64_t due_day;           /* 0 while stopped or done */
	int64_t paused_left;
	int64_t handler_id;
	const char *handler_name;  /* "" if none */
	const char *answer, *decision_ref;
	int64_t resolved_day;
	int on_time;               /* -1 not resolved, 0 late, 1 on time */
	bool escalated;
	int64_t updated_at;
	int rating;                /* 1..5, 0 none */
	const char *media_url, *desk;
};

struct case_event {
	int64_t at, day;
	const char *action, *status, *note, *by;
	bool public;
};

/* ---- who may ---- */

/* Handle the unit's cases: officers holding CAP_CASES there or above. */
bool cases_may_handle(const struct user *u, const struct unit *unit);
/* The unit head (CAP_CASES_HEAD there or above): escalations, identities. */
bool cases_may_head(const struct user *u, const struct unit *unit);
/* See the case's page in full (not the public tracking): its handlers, its
 * filer's account. */
bool cases_may_see(const struct user *u, const struct fcase *k);
/* See a denouncer's identity: the assigned handler and the unit head only. */
bool cases_may_see_ident(const struct user *u, const struct fcase *k);

/* ---- filing ---- */

struct case_input {
	const char *kind, *category, *channel, *title, *body; /* as typed (kind, channel: names) */
	const char *name, *phone, *email, *address, *id_number;
	bool anonymous;
	const char *village;       /* a village's code, or NULL */
	const char *lat, *lon, *location;
	const char *act_date;      /* complaints: the day the act became known */
	const char *media_url;     /* Open311's media_url, or NULL */
	const char *desk;          /* the one-stop desk that received it (officers), or NULL */
	const char *idem;          /* the API's idempotency key, or NULL */
	const char *o311_token;    /* an Open311 request's token, or NULL */
	bool by_board;             /* filed by a board's member for the board (src/boards: a
				      recommendation, a petition it received), who checked it may */
	struct posting_file files[CASE_MAX_FILES]; /* attachments (blobs, by content) */
	const char *file_data[CASE_MAX_FILES];
	size_t nfile;
};
/* Checks an input for filing at the unit (a commune, ward, special zone or
 * agency) by u (NULL: anonymous). Every problem into pr. Officers may file
 * any channel; others web, api, sms, open311 only. */
void case_check(struct arena *a, struct dbc *c, const struct user *u, const struct unit *unit,
		struct case_input *in, struct problems *pr);
/* Files a case: checked (every problem added to pr; any problem in pr, the
 * caller's own included, refuses with APP_EINVAL), then written with its
 * first event and its notification; *code receives its tracking code (arena
 * a). A repeated idempotency key answers the case it made (APP_OK, *again set). */
enum app_err case_submit(struct db *db, struct arena *a, const struct user *u, const struct unit *unit,
		       struct case_input *in, int64_t now, int64_t *id, const char **code, bool *again,
		       struct problems *pr);
/* The write of case_submit for the group-commit path (the API's intake):
 * checked input in j, see case_submit_job_init. */
struct case_submit_job {
	const struct user *u;
	const struct unit *unit;
	struct case_input *in;
	int64_t now, id, village_id;
	char code[CASE_CODE_LEN + 1];
	bool again;
	const char *ident;  /* sealed identity, or NULL */
	/* the clock as job_init found it (the write does no reading) */
	int64_t act_day, due_day;
	bool late_filing;
	const char *clock;
};
enum app_err case_submit_write(struct dbc *c, void *job);
/* Prepares the job after case_check found nothing wrong (the identity sealed). */
enum app_err case_submit_job_init(struct arena *a, struct dbc *c, struct case_submit_job *j);

/* A tracking code: kind's prefix, YYMM of now (UTC+7), six characters drawn
 * at random from an alphabet without look-alikes (Crockford's base32). */
void case_code_make(enum case_kind k, int64_t now, char out[CASE_CODE_LEN + 1]);
/* Whether s looks like a tracking code (case and dashes forgiven); the
 * canonical form into out. */
bool case_code_norm(const char *s, char out[CASE_CODE_LEN + 1]);

/* Checks an attachment by content (libmagic): JPG, PNG, PDF, DOC/DOCX,
 * XLS/XLSX. Sets f->mime; a Vietnamese reason or NULL. */
const char *case_file_check(const char *data, size_t n, struct posting_file *f);

/* ---- acting on a case ---- */

struct case_act {
	enum case_action action;
	const char *note;          /* why (required for reject, forward, extend, suspend, reopen) */
	const char *day;           /* the decision's day (resume, suspend), "" = today */
	const char *kind, *category, *complexity, *remote, *to_unit, *to_body; /* classify, forward, extend */
	const char *answer, *decision_ref; /* resolve */
};
/* Takes the action on case id as u at now; refusals into pr (APP_EFORBID
 * outside the handler's unit, APP_ECONFLICT when the status does not allow
 * it). *rate_token receives the one-time rating token when the act
 * resolves the case (arena a; shown once). */
enum app_err case_act(struct db *db, struct arena *a, const struct user *u, int64_t id, const struct case_act *act,
		      int64_t now, const char **rate_token, struct problems *pr);
/* Which actions the status allows (for the page's buttons). */
bool case_action_allowed(const struct fcase *k, enum case_action a);

/* A rating with the one-time token (Arts. 34-35; five levels). */
struct case_rating_input {
	const char *token, *level, *on_time, *attitude, *visits, *comment;
};
enum app_err case_rate(struct db *db, const char *code, const struct case_rating_input *in, int64_t now,
		       struct problems *pr);
/* A new one-time token for rating a resolved case (a QR code printed at the
 * desk): the previous one stops working. Handlers only. */
enum app_err case_rate_token(struct db *db, struct arena *a, const struct user *u, int64_t id, int64_t now,
			     const char **token);

/* ---- reads ---- */

enum app_err case_get(struct arena *a, struct dbc *c, int64_t id, struct fcase *out);
/* Reads a row of a statement selecting CASE_COLS (stmts.def). */
struct db_stmt;
void case_read_row(struct arena *a, struct db_stmt *s, void *out);
enum app_err case_by_code(struct arena *a, struct dbc *c, const char *code, struct fcase *out);
enum app_err case_events(struct arena *a, struct dbc *c, int64_t id, bool public_only, struct case_event **out,
			 size_t *n);
enum app_err case_files(struct arena *a, struct dbc *c, int64_t id, struct posting_file **out, size_t *n);
/* Lists: a unit's subtree, newest first, after the cursor id (0 = start). */
struct case_filter {
	const char *path;          /* the subtree */
	int kind, status;          /* -1 = any */
	const char *category;      /* NULL = any */
	int64_t after_id;
	int limit;
	int64_t user_id;           /* a filer's own cases, 0 = any */
};
enum app_err cases_list(struct arena *a, struct dbc *c, const struct case_filter *f, struct fcase **out, size_t *n,
			int64_t *total);
/* Open cases with a running clock due by day `by` (inclusive), soonest
 * first: of the units under path, or of one handler (handler > 0), or of
 * one unit itself (unit > 0: an inbox, read in the order of an index). */
enum app_err cases_due(struct arena *a, struct dbc *c, const char *path, int64_t handler, int64_t by, int limit,
		       struct fcase **out, size_t *n);
enum app_err cases_due_own(struct arena *a, struct dbc *c, int64_t unit, int64_t by, int limit, struct fcase **out,
			   size_t *n);

/* The clock: the deadline of a kind's clock that starts on `from` (the
 * rule in force on from), the rule used into *rule. 0 when there is none. */
int64_t case_deadline(const struct cal_table *hol, const char *kind, int instance, const char *clock, int complexity,
		      bool remote, int64_t from, const struct case_rule **rule);
/* What is left of a running clock on day (days or working days, as its rule counts). */
int64_t case_left(const struct cal_table *hol, const struct case_rule *r, int64_t day, int64_t due);
/* A clock resumed on day with left of it. */
int64_t case_resume_due(const struct cal_table *hol, const struct case_rule *r, int64_t day, int64_t left);
/* The rule behind a case's running clock, or NULL. */
const struct case_rule *case_clock_rule(const struct fcase *k);

/* ---- Open311 (o311.c; the pages in open311_pages.c) ---- */
/* A new client key (inside a write): shown once into key, only its hash kept. */
#include "../util/crypto.h"
enum app_err case_o311_key_new(struct dbc *c, const char *name, int64_t now, char key[CRYPTO_TOKEN_LEN]);
/* The same with a key chosen by the caller (the demo's, which is published). */
enum app_err case_o311_key_add(struct dbc *c, const char *name, const char *key, int64_t now);
/* Whether key is a client's and not revoked. */
bool case_o311_key_ok(struct dbc *c, const char *key);
/* Petitions for Open311's requests: of the units under path, a category
 * (NULL any), received in [from, to) (UTC seconds), open (1), closed (2) or
 * either (0); newest first, at most limit. */
enum app_err cases_o311_list(struct arena *a, struct dbc *c, const char *path, const char *category, int64_t from,
			     int64_t to, int open, int limit, struct fcase **out, size_t *n);
/* The tracking code of the request a token was given for, in a. */
enum app_err case_o311_token(struct arena *a, struct dbc *c, const char *token, const char **code);
/* Open311's open or closed. */
bool case_o311_open(enum case_status s);

/* ---- citizen reception (reception.c): Law on Citizen Reception 42/2013
 * Art. 15 (the chair receives at least one day a week); the register's
 * columns of Form 03/TCD (Decree 154/2026, reported) ---- */
#define RECEPTION_REFUSAL_WD 3 /* a refusal to receive notified within 3 working days [unconfirmed] */
struct reception_entry {
	int64_t id, day, people, case_id;
	int64_t notice_due, notified_day; /* a refusal: its notice's deadline, and the day it was notified (0 not yet) */
	const char *name, *address, *id_number, *summary, *kind, *handled_by, *guidance, *accepted_by, *follow_up,
		*notes, *received_by, *case_code;
	bool in_competence, refused;
};
struct reception_input {
	const char *day, *name, *address, *id_number, *summary, *kind, *people, *handled_by, *guidance, *accepted_by,
		*follow_up, *notes, *received_by;
	bool in_competence, refused, make_case;
};
/* The register's kinds: complaint, denunciation, petition, reflection. */
extern const char *const reception_kinds[4];
/* Records a visit at the unit (its handlers); with make_case (or a
 * denunciation, whose visitor's identity is then sealed in the case and
 * left out of the register) it becomes a case: *code its tracking code. */
enum app_err reception_add(struct db *db, struct arena *a, const struct user *u, const struct unit *unit,
			   const struct reception_input *in, int64_t now, int64_t *id, const char **code,
			   struct problems *pr);
/* The unit's register, visits on days [from, to) (0, 0: all), by day. */
enum app_err reception_list(struct arena *a, struct dbc *c, const struct unit *unit, int64_t from, int64_t to,
			    struct reception_entry **out, size_t *n);
/* Refusals to receive of the unit (its id) not notified yet, soonest due first. */
enum app_err reception_notices_due(struct arena *a, struct dbc *c, int64_t unit, int limit, struct reception_entry **out,
				   size_t *n);
/* Records that the refusal id was notified in writing (on the day of now); APP_ENOTFOUND
 * when it is not a refusal of the unit waiting for its notice. */
enum app_err reception_notified(struct db *db, const struct user *u, const struct unit *unit, int64_t id, int64_t now,
				struct problems *pr);
/* The published schedule of the unit's reception ("" if none) and setting it (a write). */
const char *reception_schedule(struct arena *a, struct dbc *c, const struct unit *unit);
enum app_err reception_schedule_set(struct db *db, const struct user *u, const struct unit *unit, const char *text,
				    int64_t now, struct problems *pr);

/* ---- SMS (sms.c): the inbound webhook's keywords PA and TRA ---- */
enum app_err cases_sms_petition(struct dbc *c, const char *province, const char *from, const char *words,
				const char *raw, int64_t now, struct buf *reply);
enum app_err cases_sms_track(struct dbc *c, const char *province, const char *from, const char *words, const char *raw,
			     int64_t now, struct buf *reply);

/* ---- statistics (stats.c) ---- */

struct case_stats {
	int64_t total, open, resolved, on_time, late_open, rated;
	int64_t by_kind[CK__N], by_status[CST__N], by_channel[CC__N];
#define CASE_MAX_CATEGORIES 32
	int64_t by_category[CASE_MAX_CATEGORIES]; /* in the order of case_categories */
	int64_t rating_sum, rating_n[6]; /* level counts 1..5 */
	int64_t handling_days;           /* the sum over resolved cases, for the mean */
};
/* Per one-stop desk of the subtree: cases received there, rated, satisfied (4 or 5). */
struct case_desk_stat {
	const char *desk;
	int64_t cases, rated, satisfied;
};
enum app_err case_desk_stats(struct arena *a, struct dbc *c, const char *path, struct case_desk_stat **out, size_t *n);
/* The unit's subtree, cases received in [from, to) (days; 0, 0 = all). */
enum app_err case_stats(struct dbc *c, const char *path, int64_t from, int64_t to, int64_t today,
			struct case_stats *out);
/* Indicator cases.on_time: cases received in the period that were answered
 * or are overdue, and those answered by their deadline. */
enum app_err cases_indicator_on_time(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				     int64_t now, struct indicator_value *out);
#endif
