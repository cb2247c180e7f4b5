/*
 * events.h — the append-only record of acts. Every module writes its acts
 * here inside the transaction of the act itself, so an act and its event
 * commit or fail together. Public events feed the transparency ledger.
 */
#ifndef COSO_EVENTS_H
#define COSO_EVENTS_H
#include "../app.h"
#include "../util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;

struct event {
	int64_t actor;        /* users.id, 0 for the system */
	int64_t on_behalf;    /* residents.id when an officer acts for a resident, else 0 */
	int64_t unit;         /* units.id concerned, 0 if none */
	const char *kind;     /* "module.verb", e.g. "households.import" */
	const char *subject;  /* what it is about, e.g. "user:12"; or, when NULL, built from: */
	const char *about;    /* the kind of thing ("matter", "posting", "unit"), with */
	int64_t about_id;     /* its id, or */
	const char *about_code; /* its code ("09187-01", "2026-09-02") */
	int64_t at;           /* when it happened (UTC seconds): the act's own instant; 0: now */
	bool public;          /* part of the public record */
	const char *payload;  /* JSON object text, NULL for {} */
};

/* Appends an event; *id (may be NULL) receives its id. A public one goes to
 * the public sink in the same transaction: the act, its event and its
 * ledger leaf commit or fail together. */
enum app_err events_add(struct dbc *c, const struct event *e, int64_t *id);

/* Receives every public event inside the act's transaction (unit_code: the
 * code of e->unit, "" when none). The ledger subscribes (ledger_listen);
 * events knows nothing of it. Without a sink a public event is refused. */
typedef enum app_err (*events_sink)(struct dbc *c, int64_t id, int64_t at, const struct event *e, const char *unit_code);
/* Sets the sink; once, at start, before any thread. */
void events_set_public_sink(events_sink fn);

struct event_row {
	int64_t id;              /* events.id */
	int64_t at;              /* UTC seconds */
	const char *kind;        /* "unit.create", ... */
	const char *subject;     /* "unit:09187-20", ... */
	const char *actor;       /* the person's full name, "" for the system */
	const char *on_behalf;   /* resident's name when assisted, else "" */
	const char *unit_code;   /* unit concerned */
	const char *unit_title;
	int64_t ledger_idx;      /* position in the transparency ledger, -1 if none */
	const char *actor_role;  /* the actor's role at that unit or above (code), "" if none */
};
/* The newest events about units in the subtree of path — public ones only,
 * or all of them for those who may see them. Strings live in the arena. */
enum app_err events_recent(struct arena *a, struct dbc *c, const char *path,
			   bool public_only, int limit, struct event_row **out, size_t *n);
#endif
