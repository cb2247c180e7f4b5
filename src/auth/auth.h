/*
 * auth.h — users, roles scoped to units, sessions, API tokens, CSRF, login
 * throttling and assisted participation.
 *
 * A role is held at a unit and reaches that unit and everything below it
 * (by path prefix); sysadmin is held at no unit and reaches the whole country.
 * What a role may do is a table of capabilities (auth.c), so that changing who
 * may do what is a change of data.
 */
#ifndef COSO_AUTH_H
#define COSO_AUTH_H
#include "../app.h"
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct req;
struct resp;
struct dbc;
struct arena;

#define AUTH_MAX_ROLES 16

enum auth_cap {
	CAP_READ_PEOPLE = 1 << 0,  /* households, residents, accounts in scope */
	CAP_IMPORT = 1 << 1,       /* import households */
	CAP_ASSIST = 1 << 2,       /* act for a resident who is present */
	CAP_USERS = 1 << 3,        /* create accounts, grant roles, reset passwords */
	CAP_UNITS = 1 << 4,        /* create villages, agencies */
	CAP_HOLIDAYS = 1 << 5,     /* edit the holiday table */
	CAP_DISCLOSE = 1 << 6,     /* publish for the unit where the role is held (not below) */
	CAP_DISCLOSE_ALL = 1 << 7, /* publish for any unit in scope (administrators) */
	/* village decisions (Law 10/2022 ch. III; src/decisions/permissions.c) */
	CAP_CONVENE = 1 << 8,      /* put matters to the village held at, run its meetings (village head) */
	CAP_RECOGNISE = 1 << 9,    /* the commune's acts on village decisions: recognise, annul, publish,
				      elections of the head (commune chair and officers) */
	CAP_CHAIR = 1 << 10,       /* the chair's own acts: acting head, calling a dismissal (commune chair) */
	CAP_FRONT = 1 << 11,       /* the Front's acts: initiatives, candidates, its recognition (Front officer) */
	/* the resolution's measures (issue #12; src/targets, src/measures) */
	CAP_MEASURES = 1 << 12,    /* load the unit's resolution, record courses, outreach, regulations,
				      snapshots for the unit held at and below (officers, administrators) */
	CAP_OVERSEE = 1 << 13,     /* sees on /me what is overdue in its area, to inspect and supervise
				      (supervisors, inspection-board members; Law 10/2022 Arts. 33, 35) */
	/* feedback, complaints, denunciations (issue #15; src/cases) */
	CAP_CASES = 1 << 14,       /* receive, classify, accept, answer the cases of the unit held at and below */
	CAP_CASES_HEAD = 1 << 15,  /* the unit head: overdue cases escalated, a denouncer's identity (Art. 9) */
	/* public consultation (issue #16; src/consult) */
	CAP_CONSULT = 1 << 16,     /* prepare and publish the unit's consultations, enter comments, moderate, answer */
	CAP_CONSULT_SIGN = 1 << 17,/* sign the synthesis off: the chair or head (Law 10/2022 Art. 28(3)) */
	/* inspection and supervision (issue #17; src/boards) */
	CAP_BOARDS = 1 << 18,      /* constitute the unit's boards: members, recognition, the investor's notice
				      (the Front at a commune, Law Arts. 36, 41, 45; the union at an agency, Art. 60) */
	CAP_BOARD_WORK = 1 << 19,  /* a board's work: plans, inspections, findings, recommendations, reports */
};

struct role {
	const char *role;       /* code, e.g. "commune_officer" */
	int64_t unit_id;        /* 0 = the whole country */
	const char *unit_code;  /* "" for the country */
	const char *unit_path;  /* "/" for the country */
	const char *unit_title; /* display name */
};

struct user {
	int64_t id;                      /* users.id */
	const char *username;            /* login name */
	const char *full_name;           /* display name */
	struct role roles[AUTH_MAX_ROLES]; /* roles held */
	size_t nrole;
	bool via_token;                  /* authenticated by an API bearer token */
	const char *token_scope;         /* that token's scope: read, ballot, write */
	const char *session_hash;        /* hash of the session token, NULL for tokens */
	int64_t assist_resident;         /* resident being assisted now, 0 if none */
	const char *assist_name;         /* that resident's name */
	int64_t assist_until;            /* end of assistance (UTC seconds) */
};

/* Session policy: idle and absolute expiry, assistance length. */
#define AUTH_IDLE_SECONDS (2 * 3600)
#define AUTH_ABSOLUTE_SECONDS (12 * 3600)
#define AUTH_ASSIST_SECONDS (30 * 60)
#define AUTH_SESSION_COOKIE "coso_session"
#define AUTH_CSRF_COOKIE "coso_csrf"

/* Role codes in order, and whether a code is one. */
extern const char *const auth_roles[];
extern const size_t auth_nroles;
bool auth_role_valid(const char *role);
/* The full name of the oldest active account holding a role with cap at the
 * unit itself (the commune chair, the village head), in a; NULL if none. */
const char *auth_holder_name(struct arena *a, struct dbc *c, int64_t unit_id, unsigned cap);
/* The unit kinds a role may be held at (comma separated list), "" = none. */
const char *auth_role_unit_kinds(const char *role);
/* Whether holding the role is being assigned democracy work, someone the
 * resolution's training target counts (village heads, officers, the Front,
 * board members, agency heads and union officers). */
bool auth_role_is_duty(const char *role);

/* Capabilities the user holds over the unit at path (0 if none). */
unsigned auth_caps_at(const struct user *u, const char *unit_path);
/* The active accounts holding, at the unit itself, a role that has every
 * capability of cap (the Front's officers of a commune: CAP_FRONT), in a. */
enum app_err auth_holders(struct arena *a, struct dbc *c, int64_t unit_id, unsigned cap, int64_t **out, size_t *n);
/* Capabilities of the roles held exactly at the unit at path. */
unsigned auth_caps_own(const struct user *u, const char *unit_path);
/* Whether the user holds cap anywhere (to show menus). */
bool auth_has_cap(const struct user *u, unsigned cap);
/* The capabilities held strictly above the unit (at an ancestor). */
unsigned auth_caps_above(const struct user *u, const char *unit_path);
/* The widest subtree over which the user holds cap: path of that unit ("/" for
 * the country) or NULL. Used to scope lists. */
const char *auth_cap_root(const struct user *u, unsigned cap);
/* Whether the user may grant role at a unit with that path. */
bool auth_can_grant(const struct user *u, const char *role, const char *unit_path);

/* Identifies the caller (session cookie or bearer token) and prepares the CSRF
 * token. Unknown or expired credentials mean anonymous (APP_OK); an error only
 * when the database could not be asked (the caller answers 503, not 401). */
enum app_err auth_identify(struct req *r);
/* Checks the form's CSRF token against the session's or the pre-session cookie. */
bool auth_csrf_ok(const struct req *r);
/* An account acting as a village's head, the role held in memory only (make
 * bench's seeds put matters as the program does, without a head account). */
void auth_as_village_head(struct user *u, int64_t id, int64_t unit_id, const char *code, const char *path,
			  const char *title);
/* Loads a user with roles into the arena. */
enum app_err auth_load_user(struct req *r, struct dbc *c, int64_t id, struct user **out);
/* The same outside a request (the demo, the CLI, tests): an active account
 * with its roles, in the arena; APP_ENOTFOUND otherwise. */
enum app_err auth_user_get(struct arena *a, struct dbc *c, int64_t id, struct user **out);

/* Login: verifies with throttling; on success creates a session and sets the
 * cookie. APP_EAUTH on bad credentials, APP_ETHROTTLE with *retry_after. */
enum app_err auth_login(struct req *r, struct resp *w, const char *username, const char *password,
			int *retry_after);
void auth_logout(struct req *r, struct resp *w);

/* Users (CLI and admin pages). */
enum app_err auth_user_add(struct dbc *c, const char *username, const char *full_name,
			   const char *password, int64_t resident_id, int64_t now, int64_t *id);
/* Grants (or takes back) a role held at a unit (unit_id 0: the country);
 * the caller writes the event. APP_EINVAL for an unknown role, APP_ECONFLICT
 * when it is held already. The one place roles are written. */
enum app_err auth_role_grant(struct dbc *c, int64_t user_id, const char *role, int64_t unit_id);
enum app_err auth_role_revoke(struct dbc *c, int64_t user_id, const char *role, int64_t unit_id);
/* An account with no password yet (a resident's, made by an officer, or the
 * demo's and the benchmark's): nobody logs in with it until a password is
 * set (auth_set_password); its API tokens work. */
enum app_err auth_user_add_unset(struct dbc *c, const char *username, const char *full_name, int64_t resident_id,
				 int64_t now, int64_t *id);
/* A new password; ends every session and revokes every API token of the
 * account (at now). APP_EINVAL for a weak password. */
enum app_err auth_set_password(struct dbc *c, int64_t user_id, const char *password, int64_t now);
/* The id of the account with that username, or 0. */
int64_t auth_user_id(struct dbc *c, const char *username);
/* Validates a username: 3-40 of [a-z0-9._-]. */
bool auth_username_valid(const char *s);
/* Password policy: at least 10 characters. */
bool auth_password_valid(const char *s);
/* API tokens (issue #9 item 5). A token has a name (label), a scope — read:
 * GET under /api/ only; ballot: read and the household's ballots; write: every
 * API route — and an expiry; it is accepted on /api/ routes only, never on the
 * pages' forms. auth_token_new makes one valid for days (1..365) from now and
 * writes it to token_out (CRYPTO_TOKEN_LEN), shown once: only its hash is
 * kept. APP_EINVAL for a bad label, scope or days. */
bool auth_token_scope_valid(const char *scope);
/* Adds to pr every problem of a token's label, scope and days (fields
 * "label", "scope", "days"); returns how many. auth_token_new refuses the same. */
struct problems;
size_t auth_token_check(const char *label, const char *scope, int days, struct problems *pr);
enum app_err auth_token_new(struct dbc *c, int64_t user_id, const char *label, const char *scope, int days, int64_t now,
			    char *token_out, int64_t *id);
struct arena;
struct api_token {
	int64_t id;
	const char *label, *scope;
	int64_t created_at, expires_at; /* expires_at 0: never (none such is made now) */
	int64_t revoked_at;             /* 0 while valid */
};
/* An account's tokens, newest first (arena memory). */
enum app_err auth_tokens(struct arena *a, struct dbc *c, int64_t user_id, struct api_token **out, size_t *n);
/* Revokes one token of an account (APP_ENOTFOUND if it has no such valid
 * one), or every token of it (id 0). Writes an event; inside a write. */
enum app_err auth_token_revoke(struct dbc *c, int64_t user_id, int64_t id, int64_t actor, int64_t now);
/* Whether a token of this scope may make this request (method, route flags). */
/* ROUTE_TOKEN_IN_WRITE: the hash of the request's bearer token, unverified
 * (the handler's write checks it), or NULL without one. */
const char *auth_bearer_hash(struct req *r);
bool auth_token_allows(const char *scope, const char *method, int route_flags);

/* Assisted participation: starts (resident present, confirmed) or ends. */
enum app_err auth_assist_start(struct req *r, int64_t resident_id);
enum app_err auth_assist_end(struct req *r);
/* The resident the current user is acting for, or 0. */
int64_t auth_on_behalf(const struct req *r);
#endif
