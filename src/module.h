/*
 * module.h — what a module declares about itself, in one place of its own
 * (src/<mod>/<mod>_module.c): its routes, the sections it adds to a unit's
 * page, the tasks it gives a person on /me, what it adds to the site search,
 * the labels of its events and the figures it contributes to the targets
 * (indicators). The core (the unit page, /me, the search, the activity
 * lists, the ledger pages, the router) asks the registered modules through
 * the functions below and names none of them. The one list of modules is
 * app_modules[] in src/modules.c; docs/adding-a-module.md is the recipe.
 */
#ifndef COSO_MODULE_H
#define COSO_MODULE_H
#include "http/http.h"
#include "i18n/msg.h"
#include "indicator.h"
#include "report.h"
#include <stdbool.h>
#include <stdint.h>

struct html;
struct buf;
struct dbc;
struct unit;

/* Something a person has to do, on their /me page. */
struct module_task {
	const char *href;  /* where it is done */
	const char *title; /* what it is about (plain text, escaped when shown) */
	const char *unit;  /* the unit's title */
	const char *what;  /* what to do, a Vietnamese phrase */
	int64_t due;       /* the day it is due (days since 1970, UTC+7), 0 if none */
	bool late;         /* past due */
};

/* A site search result. */
struct module_hit {
	const char *href;
	const char *title; /* plain text */
	const char *kind;  /* what it is, a Vietnamese word ("Thôn", "Thông tin công khai") */
	const char *meta;  /* the unit or a date, plain text; may be "" */
};

/* A growing list of tasks or hits in the request arena. */
struct module_tasks {
	struct arena *a;
	struct module_task *v;
	size_t n, cap;
};
struct module_hits {
	struct arena *a;
	struct module_hit *v;
	size_t n, cap;
	size_t limit; /* a module adds at most this many */
};
void module_task_add(struct module_tasks *t, const struct module_task *k);
void module_hit_add(struct module_hits *h, const struct module_hit *k);

struct module_event {
	const char *kind; /* "disclosure.publish" */
	enum msg_id label;
};

/* A kind of message the module sends (notifications, issue #14); its words
 * are a template in data/notify/templates.txt. */
struct module_message {
	const char *kind;   /* "matter.opened" */
	const char *topic;  /* what a person chooses to hear: village, commune, cases, reminders */
	const char *params; /* the {names} its templates may use, space-separated */
	bool urgent;        /* what the law makes urgent: sent in quiet hours too */
	bool no_inapp;      /* not in the person's in-app messages (its page already shows it):
			       only on the channels they chose */
};
/* What an SMS from a feature phone may begin with (the inbound webhook,
 * issue #14): the keyword, forgiving case and diacritics ("BQ"), and the
 * handler, inside the write that records the message. province is the
 * sender's (its gateway's settings apply), from the sender's
 * number in its national form, words what follows the keyword (folded:
 * upper case, no diacritics, single spaces), raw the same as it was sent
 * (diacritics kept, trimmed; a petition's words). The handler writes its reply
 * (plain text, Vietnamese) to reply and returns APP_OK when it acted, or an
 * error that rolls back whatever it wrote (the reply is still sent). */
struct module_sms_keyword {
	const char *keyword;
	enum app_err (*handle)(struct dbc *c, const char *province, const char *from, const char *words, const char *raw,
			       int64_t now, struct buf *reply);
};
struct module {
	const char *name; /* "disclosure" */
	const struct route *routes;
	size_t nroutes;
	/* Sections of a unit's page (after its summary), for the caller; NULL if none. */
	void (*unit_sections)(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
	/* The signed-in person's tasks; NULL if none. A failure leaves them out. */
	enum app_err (*me_tasks)(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
	/* What matches q (at most out->limit); NULL if the module adds nothing. */
	enum app_err (*search)(struct req *r, struct dbc *c, const char *q, struct module_hits *out);
	const struct module_event *events;
	size_t nevents;
	/* Which of its acts are democracy work done on the platform (a posting
	 * published, a matter put, an answer given), for the target "IT applied in
	 * every unit": kinds, or prefixes ending in '.'; NULL-terminated, or NULL. */
	const char *const *work;
	const struct indicator *indicators;
	size_t nindicators;
	/* Where an act's subject ("posting:12", "matter:5") is seen and what it is
	 * called, for the activity lists and the ledger; false when the subject
	 * is not the module's or the caller may not see it. NULL if none. */
	bool (*subject)(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			const char **title);
	/* Its lines of /metrics (Prometheus text, names coso_<module>_...); NULL if none. */
	void (*metrics)(struct dbc *c, int64_t now, struct buf *out);
	/* Its kinds of message (notifications) and its SMS keywords. */
	const struct module_message *messages;
	size_t nmessages;
	const struct module_sms_keyword *sms_keywords;
	size_t nsms_keywords;
	/* Its sections of a unit's annual report for a year (report.h), computed
	 * at the instant now; NULL if it adds none. */
	enum app_err (*report)(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			       struct report *out);
};

/* A table and its length, for a module's declaration:
 * MODULE_TABLE(routes, routes) sets .routes and .nroutes. */
#define MODULE_TABLE(field, arr) .field = (arr), .n##field = ARRAY_SIZE(arr)

#ifdef MODULE_ROUTE_FLAGS
/* Short flags for route tables: {method, pattern, handler, flags, metrics name}. */
#define P ROUTE_PUBLIC
#define L ROUTE_LOGIN
#define C ROUTE_CSRF
#define A (ROUTE_ADMIN | ROUTE_LOGIN)
#endif

/* The registered modules, in the order their sections and routes come (modules.c). */
extern const struct module *const app_modules[];
extern const size_t app_nmodules;

/* The flat route table: the system routes, then each module's in order. */
const struct route *module_routes(size_t *n);
/* The label of an event kind, or the kind itself when no module names it. */
const char *module_event_label(const char *kind);
/* The kind of message of that name, from whichever module declares it; NULL if none. */
const struct module_message *module_message(const char *kind);
/* The SMS keyword that folded text begins with (a whole word), *rest after
 * it; NULL if none. */
const struct module_sms_keyword *module_sms_keyword(const char *folded, const char **rest);
/* Whether an act of that kind is democracy work (some module's work list). */
bool module_event_is_work(const char *kind);
/* Every module's sections for a unit's page. */
void module_unit_sections(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
/* The person's tasks from every module: overdue first, then soonest due (undated last). */
void module_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
/* The page and the name of an act's subject ("posting:12"), from the module
 * that knows it; false when none does (or the caller may not see it). */
bool module_subject(struct req *r, struct dbc *c, const char *subject, const char **href, const char **title);
/* Every module's /metrics lines (a module that cannot read adds none). */
void module_metrics(struct dbc *c, int64_t now, struct buf *out);
/* For a module's subject hook: whether kind is want and id a positive number (*n). */
bool module_subject_id(const char *kind, const char *want, const char *id, int64_t *n);
/* Every module's hits for q, at most per_module from each. */
void module_search(struct req *r, struct dbc *c, const char *q, size_t per_module, struct module_hits *out);
/* The indicator of that name, or NULL; *i / *n walk them all. */
const struct indicator *module_indicator(const char *name);
const struct indicator *module_indicator_at(size_t i);
bool indicator_applies(const struct indicator *ind, const char *unit_kind);
#endif
