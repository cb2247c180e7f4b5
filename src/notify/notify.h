/*
 * notify.h — notifications (issue #14, docs/notify.md). A module that acts
 * calls one function inside its write: the messages to every person
 * concerned are written in the same transaction, so that they commit or roll
 * back with the act and none is lost. In-app messages are a table of their
 * own (notifications: the person's /me/notifications); SMS, Zalo and e-mail
 * are outbox rows sent by the delivery worker (worker.c, a thread of `coso
 * serve` or `coso notify run`) through the gateways an administrator
 * configured for the province, with retries, back-off and a cap on attempts. Each message
 * has an idempotency key (kind, subject, person, channel): the same act
 * never notifies the same person twice on a channel, and the gateway
 * receives the key so that a retry after a crash is recognisable.
 *
 * What is said is a template per kind of message (data/notify/templates.txt;
 * the kinds are declared by the modules, module.h); who hears it follows the
 * person's choices (notify_prefs), opting out (by reply or link, honoured at
 * once), quiet hours and a daily cap.
 */
#ifndef COSO_NOTIFY_H
#define COSO_NOTIFY_H
#include "../app.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dbc;
struct db;
struct arena;
struct buf;
struct import_report;
struct module_message;

/* ---- what is said ---- */

struct notify_param {
	const char *name, *value; /* {name} in a template */
};
/* A message: its kind (a module_message, module.h), what it is about
 * ("matter:12"), where it is acted on ("/matters/12"), the values of its
 * template's {names}. */
struct notify_msg {
	const char *kind, *subject, *href;
	const struct notify_param *params;
	size_t nparams;
	/* NULL, or the occasion ("#2": the second change of the subject): sent
	 * again though one of the kind and subject was sent, and replacing the
	 * earlier in-app one (households only, notify_households) */
	const char *once;
};

/* A kind's words (tpl.c). title and body: in-app and e-mail; sms: the text
 * message; zalo_id and zalo_params: the approved ZNS template and its
 * parameters ("thon={village} ma={code}"). */
struct notify_tpl {
	const char *kind, *title, *body, *sms, *zalo_id, *zalo_params;
	const struct module_message *m;
};
struct notify_tpls;
/* Parses a template file; APP_EINVAL with every problem (line, field,
 * reason) in rep and nothing kept: an unknown kind or {name}, a missing
 * text, an SMS whose fixed words alone exceed the segments allowed. */
enum app_err notify_tpls_parse(const char *text, size_t n, struct notify_tpls **out, struct import_report *rep);
void notify_tpls_free(struct notify_tpls *t);
const struct notify_tpl *notify_tpl_of(const struct notify_tpls *t, const char *kind);
size_t notify_tpls_count(const struct notify_tpls *t);
const struct notify_tpl *notify_tpl_at(const struct notify_tpls *t, size_t i);
int notify_tpls_segments(const struct notify_tpls *t); /* the most an SMS may take */
/* The templates in force (the shipped file until notify_templates_use). */
const struct notify_tpls *notify_templates(void);
void notify_templates_use(struct notify_tpls *t); /* takes it; the one replaced is kept */
/* The length of the name of a {name} at p (lower-case letters, digits,
 * '_'), 0 when the brace at p is only a brace. */
size_t notify_name_len(const char *p);
/* text with the values put in; {names} without one are kept ({link},
 * {code}, {stop} are filled when the message is sent). In the arena. */
char *notify_render(struct arena *a, const char *text, const struct notify_param *p, size_t n);
/* The same for an SMS: without diacritics unless unicode, the longest value
 * cut ("…") until the message fits the segments allowed once {link} and
 * {code} are filled. */
char *notify_render_sms(struct arena *a, const struct notify_tpls *t, const char *text, const struct notify_param *p,
			size_t n, bool unicode);
/* How many SMS segments s takes: GSM-7 (160 a message, 153 a part when
 * split; the extension characters count two) when every character is in
 * the GSM alphabet, else UCS-2 (70, 67). *ucs2, *units (septets or UTF-16
 * units) may be NULL. */
int notify_sms_segments(const char *s, bool *ucs2, size_t *units);

/* ---- gateways (gateway.c) ---- */

/* A channel's gateway for a province, as configured (docs/notify.md). */
struct notify_gateway {
	const char *province, *channel, *name;
	const char *type;                        /* http (SMS), zns (Zalo), smtp (e-mail), file */
	const char *url, *method, *body;         /* http: the request, a template over {to} {to84} {text} {sender} {id} {idem} {secret} */
	const char **headers;
	size_t nheaders;
	bool form;                               /* the body is a form (values URL-encoded), else JSON (values escaped) */
	const char *ok_contains;                 /* a 2xx answer is taken only if it contains this ("" any) */
	const char *ref_field;                   /* the answer's JSON field with the gateway's id of the message */
	const char *sender, *from, *username, *file;
	const char *token_url, *app_id, *fallback; /* zns */
	const char *secret, *inbound_secret, *refresh_seed; /* read from the environment or a file: never logged */
	const char **inbound_from;               /* the addresses webhooks may come from (none: any) */
	size_t ninbound_from;
	const char *report_id, *report_status, *report_delivered, *report_error; /* delivery report fields */
	const char *in_from, *in_text, *in_id;   /* inbound SMS fields */
	bool unicode;                            /* SMS with diacritics (UCS-2, 70 a segment) */
	bool starttls, sms_secret_ballots;
	int rate, parallel, max_attempts, daily_cap;
	int quiet_from, quiet_to;                /* local hours; equal: no quiet hours */
	int64_t timeout_ms, retry_base_ms;
};
/* Parses and checks a gateway's JSON (secrets read now); APP_EINVAL with *why. */
enum app_err notify_gateway_parse(struct arena *a, const char *province, const char *channel, const char *name,
				  const char *config, struct notify_gateway *g, const char **why);
/* Inside a write: stores a gateway (checked first with notify_gateway_parse);
 * APP_ECONFLICT when its name is another's. by: the account, 0 for the command line. */
enum app_err notify_gateway_set(struct dbc *c, const char *province, const char *channel, const char *name,
				const char *config, int64_t now, int64_t by);
/* Reads the gateways from the database when they changed (or force). */
enum app_err notify_gateways_reload(struct dbc *c, bool force);
/* The same, at most once a second in the process: what every writer to the
 * outbox calls first, so that a gateway an administrator set with the command
 * line is used at once, on a node whose worker runs elsewhere too
 * (COSO_NOTIFY_WORKER=0), not only after the worker's next round. */
enum app_err notify_gateways_fresh(struct dbc *c);
/* Whether the caller is the one to read them this second (what fresh asks
 * first: a caller without a connection at hand takes one only then). */
bool notify_gateways_due(void);
/* The gateway of a channel for a province (its own, else '*'); NULL if none. */
const struct notify_gateway *notify_gateway_for(const char *province, const char *channel);
const struct notify_gateway *notify_gateway_named(const char *name);
size_t notify_gateways_all(const struct notify_gateway **out);

/* ---- sending (notify.c) ---- */

/* Inside a write: the message to every household representative of the
 * unit's villages (a village, or all of a commune's), on every channel the
 * person chose (SMS to the registry's number unless they opted out, by
 * default), in-app to those with an account. codes: each household gets a
 * one-time code ({code}) for replying about m->subject by SMS. */
enum app_err notify_households(struct dbc *c, int64_t unit, const struct notify_msg *m, bool codes, int64_t now);
/* Inside a write: the message to one account, in-app and on its chosen channels. */
enum app_err notify_user(struct dbc *c, int64_t user, const struct notify_msg *m, int64_t now);
/* Inside a write: the message to someone without an account who gave a
 * number or an address (a citizen's case), on the SMS and e-mail gateways
 * of the province of unit_path; in_app never. Either may be "". */
enum app_err notify_contact(struct dbc *c, const char *unit_path, const char *phone, const char *email,
			    const struct notify_msg *m, int64_t now);
/* Inside a write: an SMS answer to a number (the inbound webhook's reply), urgent. */
enum app_err notify_sms_to(struct dbc *c, const char *province, const char *phone, const char *text, const char *idem,
			   int64_t now);
/* The next instant SMS and Zalo may be sent through g: outside its quiet
 * hours (by default 21:00 to 07:00 UTC+7; g NULL: the default). */
int64_t notify_not_quiet(const struct notify_gateway *g, int64_t t);

/* A one-time code sent about subject: the household of the representative
 * whose number sent it (APP_ENOTFOUND: no code for that number; APP_EINVAL:
 * a wrong code, counted — after 5 the number is refused). */
enum app_err notify_code_check(struct dbc *c, const char *subject_prefix, const char *phone, const char *code,
			       char *subject, size_t subject_len, int64_t *household);

/* Opting out and in: the address gets nothing more (waiting messages cancelled). */
enum app_err notify_opt_out(struct dbc *c, const char *address, const char *via, int64_t now);
enum app_err notify_opt_in(struct dbc *c, const char *address);

/* An SMS from a feature phone (inbound.c): from is the sender's number in
 * its national form, ref the gateway's id of the message (handled once). */
struct notify_inbound {
	const struct notify_gateway *gateway;
	const char *from, *text, *ref;
	int64_t now;
};
struct notify_inbound_result {
	struct arena *a;
	const char *action;   /* opt_out, opt_in, help, or the module keyword */
	bool duplicate;       /* seen before: nothing done again */
	bool refused;         /* the keyword's handler refused: nothing kept but the answer */
	char reply[480];      /* what is answered by SMS */
};
enum app_err notify_inbound(struct db *db, const struct notify_inbound *in, struct notify_inbound_result *out);
/* The same in steps, for a request that waits for its commit without holding
 * a thread (app_defer_write): the job (in the arena), its write, and what
 * follows the write (a refusal's answer, written then; the final error). */
struct inbound_job;
struct inbound_job *notify_inbound_job(struct arena *a, const struct notify_inbound *in,
				       struct notify_inbound_result *out);
enum app_err notify_inbound_write(struct dbc *c, void *job);
enum app_err notify_inbound_done(struct db *db, struct inbound_job *j, enum app_err e);

/* ---- a person's in-app messages and choices ---- */

struct notification {
	const char *kind, *title, *body, *href;
	int64_t at, read_at; /* read_at 0: unread */
};
/* A person's newest in-app notifications (at most max) and how many are unread. */
enum app_err notify_list(struct arena *a, struct dbc *c, int64_t user, int max, struct notification **out, size_t *n);
enum app_err notify_unread(struct dbc *c, int64_t user, int64_t *n);
/* Inside a write: marks all of a person's in-app notifications read. */
enum app_err notify_read_all(struct dbc *c, int64_t user, int64_t now);

/* A person's choices. channels, topics: space-separated words. */
struct notify_prefs {
	const char *channels, *topics, *phone, *email;
	bool saved;      /* false: the defaults (SMS to the registry's number, every topic) */
	bool opted_out;  /* the phone opted out */
	const char *registry_phone; /* the household registry's number, if a representative */
};
enum app_err notify_prefs_get(struct arena *a, struct dbc *c, int64_t user, struct notify_prefs *out);
/* Inside a write: saves them (checked by the caller: notify_prefs_check). */
enum app_err notify_prefs_set(struct dbc *c, int64_t user, const struct notify_prefs *p, int64_t now);
struct problems;
/* Checks what a person typed; every problem into pr. Phone and e-mail normalised into the arena. */
void notify_prefs_check(struct arena *a, struct notify_prefs *p, struct problems *pr);
extern const char *const notify_channels[]; /* sms zalo email */
extern const char *const notify_topics[];   /* village commune cases reminders */

/* ---- the outbox for administrators ---- */

struct outbox_row {
	int64_t id, user_id, attempts, due_at, created_at, done_at;
	const char *channel, *address, *kind, *subject, *title, *body, *status, *last_error, *province, *gateway_ref;
};
struct outbox_filter {
	const char *status, *channel, *province; /* NULL or "": any */
	int64_t before;                          /* ids below this (paging), 0 from the newest */
	int limit;
};
enum app_err notify_outbox(struct arena *a, struct dbc *c, const struct outbox_filter *f, struct outbox_row **out,
			   size_t *n);
enum app_err notify_outbox_get(struct arena *a, struct dbc *c, int64_t id, struct outbox_row *out);
struct outbox_attempt {
	int64_t at;
	bool ok;
	const char *answer;
};
enum app_err notify_attempts(struct arena *a, struct dbc *c, int64_t id, struct outbox_attempt **out, size_t *n);
/* Inside a write: a failed or waiting message sent again now (attempts
 * start again), or a waiting one cancelled; APP_ECONFLICT in another state. */
enum app_err notify_retry(struct dbc *c, int64_t id, int64_t now);
enum app_err notify_cancel(struct dbc *c, int64_t id, int64_t now);

/* ---- delivery (worker.c) ---- */

struct notify_worker;
/* public_url: what {link} starts with; key: signs the opt-out links. */
struct notify_worker *notify_worker_start(struct db *db, const char *public_url, const uint8_t key[32]);
void notify_worker_stop(struct notify_worker *w);
/* One round: claims what is due, sends it, records the outcome. *sent is
 * how many messages were tried. For `coso notify run --once` and tests. */
enum app_err notify_deliver_once(struct db *db, const char *public_url, const uint8_t key[32], int64_t now,
				 size_t *tried);
/* People's reminders (digest.c): to each person who chose the topic
 * "reminders", what their /me inbox lists, once a day (overdue_only: only
 * to those with something overdue, the afternoon's second reminder).
 * *sent: how many people were written to. */
enum app_err notify_digest(struct db *db, bool overdue_only, int64_t now, size_t *sent);
/* A delivery report (POST /hooks/delivery/{gateway}), inside a write. */
enum app_err notify_report(struct dbc *c, const char *gateway, const char *ref, bool delivered, const char *error,
			   int64_t now);
/* The opt-out link's token for a message id, and checking one. */
void notify_stop_token(const uint8_t key[32], int64_t id, char out[64]);
bool notify_stop_check(const uint8_t key[32], const char *token, int64_t *id);
void notify_key_set(const uint8_t key[32]);
/* The derived key itself (notify_key() of a node holding the ledger key),
 * given to a node that does not hold it. */
void notify_stop_key_set(const uint8_t stop[32]);
const uint8_t *notify_key(void);

/* Its /metrics lines (module.h): coso_outbox_... */
void notify_metrics(struct dbc *c, int64_t now, struct buf *out);
#endif
