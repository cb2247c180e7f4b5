/*
 * auth.c — identification, sessions, roles and capabilities, login with
 * throttling, CSRF, API tokens, assisted participation (see auth.h).
 */
#include "auth.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../util/problems.h"
#include "../util/crypto.h"
#include "../util/log.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const auth_roles[] = {"resident",	    "village_head",  "front_committee_head", "commune_officer",
				  "commune_chair",  "front_officer", "board_member",	     "supervisor",
				  "agency_head",    "union_officer", "province_admin",	     "sysadmin"};
const size_t auth_nroles = sizeof auth_roles / sizeof *auth_roles;

/* What each role may do, at which kinds of unit it is held, and which roles
 * it may grant. The supervisor (People's Council, Front oversight) reads
 * everything in its area and changes nothing. */
static const struct role_def {
	const char *role;    /* code */
	unsigned caps;       /* enum auth_cap */
	const char *kinds;   /* unit kinds where it is held; "" = the country */
	const char *grants;  /* roles it may grant, space separated */
} role_defs[] = {
	{"resident", 0, "village,residential_group", ""},
	{"village_head", CAP_READ_PEOPLE | CAP_ASSIST | CAP_CONVENE | CAP_CONSULT | CAP_CONSULT_SIGN, "village,residential_group", ""},
	/* the head of the village's Front work committee (Ban công tác Mặt trận):
	 * signs the village meeting's minutes for the Front (Law 10/2022 Art. 20) and
	 * is among those the resolution's target T1 says must be trained */
	{"front_committee_head", CAP_READ_PEOPLE | CAP_FRONT, "village,residential_group", ""},
	{"commune_officer",
	 CAP_READ_PEOPLE | CAP_IMPORT | CAP_ASSIST | CAP_USERS | CAP_UNITS | CAP_DISCLOSE | CAP_RECOGNISE | CAP_MEASURES | CAP_CASES |
		 CAP_CONSULT,
	 "commune,ward,special_zone", "resident village_head front_committee_head board_member"},
	{"commune_chair",
	 CAP_READ_PEOPLE | CAP_IMPORT | CAP_ASSIST | CAP_USERS | CAP_UNITS | CAP_DISCLOSE | CAP_RECOGNISE | CAP_CHAIR | CAP_MEASURES |
		 CAP_CASES | CAP_CASES_HEAD | CAP_CONSULT | CAP_CONSULT_SIGN,
	 "commune,ward,special_zone",
	 "resident village_head front_committee_head board_member commune_officer agency_head union_officer"},
	{"front_officer", CAP_READ_PEOPLE | CAP_FRONT | CAP_BOARDS, "commune,ward,special_zone,province", "front_committee_head"},
	{"board_member", CAP_OVERSEE | CAP_BOARD_WORK, "commune,ward,special_zone,agency,public_unit,employer", ""},
	{"supervisor", CAP_READ_PEOPLE | CAP_OVERSEE, "province,commune,ward,special_zone", ""},
	{"agency_head", CAP_READ_PEOPLE | CAP_DISCLOSE | CAP_CASES | CAP_CASES_HEAD | CAP_CONSULT | CAP_CONSULT_SIGN,
	 "agency,public_unit,employer", ""},
	{"union_officer", CAP_READ_PEOPLE | CAP_BOARDS, "agency,public_unit,employer", ""},
	{"province_admin",
	 CAP_READ_PEOPLE | CAP_IMPORT | CAP_ASSIST | CAP_USERS | CAP_UNITS | CAP_HOLIDAYS | CAP_DISCLOSE_ALL | CAP_MEASURES |
		 CAP_CASES | CAP_CONSULT | CAP_CONSULT_SIGN,
	 "province",
	 "resident village_head front_committee_head commune_officer commune_chair front_officer board_member"
	 " supervisor agency_head union_officer province_admin"},
	{"sysadmin",
	 CAP_READ_PEOPLE | CAP_IMPORT | CAP_ASSIST | CAP_USERS | CAP_UNITS | CAP_HOLIDAYS | CAP_DISCLOSE_ALL | CAP_MEASURES, "",
	 "resident village_head front_committee_head commune_officer commune_chair front_officer board_member"
	 " supervisor agency_head union_officer province_admin sysadmin"},
};

static const struct role_def *def_of(const char *role)
{
	for (size_t i = 0; i < ARRAY_SIZE(role_defs); i++)
		if (strcmp(role_defs[i].role, role) == 0)
			return &role_defs[i];
	return NULL;
}

static enum app_err role_write(struct dbc *c, enum stmt_id id, int64_t user_id, const char *role, int64_t unit_id)
{
	if (!auth_role_valid(role))
		return APP_EINVAL;
	struct db_stmt *s = dbc_stmt(c, id);
	db_bind_i64(s, 1, user_id);
	db_bind_text(s, 2, role);
	db_bind_id(s, 3, unit_id);
	return db_exec(s);
}

enum app_err auth_role_grant(struct dbc *c, int64_t user_id, const char *role, int64_t unit_id)
{
	return role_write(c, STMT_ROLE_INSERT, user_id, role, unit_id);
}

enum app_err auth_role_revoke(struct dbc *c, int64_t user_id, const char *role, int64_t unit_id)
{
	return role_write(c, STMT_ROLE_DELETE, user_id, role, unit_id);
}

bool auth_role_valid(const char *role)
{
	return role && def_of(role) != NULL;
}

const char *auth_holder_name(struct arena *a, struct dbc *c, int64_t unit_id, unsigned cap)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ROLE_HOLDERS);
	db_bind_i64(s, 1, unit_id);
	bool row;
	const char *name = NULL;
	while (!name && !db_step(s, &row) && row) {
		const struct role_def *d = def_of(db_col_text(s, 1));
		if (d && (d->caps & cap))
			name = arena_strdup(a, db_col_text(s, 0));
	}
	db_reset(s);
	return name;
}

const char *auth_role_unit_kinds(const char *role)
{
	const struct role_def *d = def_of(role);
	return d ? d->kinds : "";
}

bool auth_role_is_duty(const char *role)
{
	/* Law 10/2022 Art. 8(1): those who carry out the law's work at their
	 * unit; residents, supervisors and administrators are not among them */
	static const char *const duty[] = {"village_head",  "front_committee_head", "commune_officer", "commune_chair",
					   "front_officer", "board_member",	    "agency_head",     "union_officer"};
	for (size_t i = 0; i < ARRAY_SIZE(duty); i++)
		if (!strcmp(role, duty[i]))
			return true;
	return false;
}

/* Whether path lies in the subtree rooted at root ("/" = everything). */
static bool under(const char *root, const char *path)
{
	return str_starts(path, root);
}

unsigned auth_caps_at(const struct user *u, const char *unit_path)
{
	unsigned caps = 0;
	if (!u)
		return 0;
	for (size_t i = 0; i < u->nrole; i++) {
		const struct role_def *d = def_of(u->roles[i].role);
		if (d && under(u->roles[i].unit_path, unit_path))
			caps |= d->caps;
	}
	return caps;
}

unsigned auth_caps_own(const struct user *u, const char *unit_path)
{
	unsigned caps = 0;
	for (size_t i = 0; u && i < u->nrole; i++) {
		const struct role_def *d = def_of(u->roles[i].role);
		if (d && !strcmp(u->roles[i].unit_path, unit_path))
			caps |= d->caps;
	}
	return caps;
}

unsigned auth_caps_above(const struct user *u, const char *unit_path)
{
	unsigned caps = 0;
	for (size_t i = 0; u && i < u->nrole; i++) {
		const struct role_def *d = def_of(u->roles[i].role);
		if (d && strcmp(u->roles[i].unit_path, unit_path) && under(u->roles[i].unit_path, unit_path))
			caps |= d->caps;
	}
	return caps;
}

bool auth_has_cap(const struct user *u, unsigned cap)
{
	return auth_cap_root(u, cap) != NULL;
}

const char *auth_cap_root(const struct user *u, unsigned cap)
{
	const char *best = NULL;
	if (!u)
		return NULL;
	for (size_t i = 0; i < u->nrole; i++) {
		const struct role_def *d = def_of(u->roles[i].role);
		if (d && (d->caps & cap) &&
		    (!best || strlen(u->roles[i].unit_path) < strlen(best)))
			best = u->roles[i].unit_path;
	}
	return best;
}

bool auth_can_grant(const struct user *u, const char *role, const char *unit_path)
{
	if (!u || !auth_role_valid(role))
		return false;
	for (size_t i = 0; i < u->nrole; i++) {
		const struct role_def *d = def_of(u->roles[i].role);
		if (!d || !(d->caps & CAP_USERS) || !under(u->roles[i].unit_path, unit_path))
			continue;
		const char *g = d->grants;
		size_t rl = strlen(role);
		for (const char *p = strstr(g, role); p; p = strstr(p + 1, role))
			if ((p == g || p[-1] == ' ') && (p[rl] == ' ' || p[rl] == '\0'))
				return true;
	}
	return false;
}

/* ---- loading ---- */

void auth_as_village_head(struct user *u, int64_t id, int64_t unit_id, const char *code, const char *path,
			  const char *title)
{
	*u = (struct user){.id = id, .nrole = 1, .roles = {{"village_head", unit_id, code, path, title}}};
}

enum app_err auth_user_get(struct arena *a, struct dbc *c, int64_t id, struct user **out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_ID);
	db_bind_i64(s, 1, id);
	bool row;
	enum app_err e = db_step(s, &row);
	if (e)
		return e;
	if (!row || !db_col_i64(s, 4)) {
		db_reset(s);
		return APP_ENOTFOUND;
	}
	struct user *u = arena_alloc(a, sizeof *u);
	u->id = id;
	u->username = arena_strdup(a, db_col_text(s, 1));
	u->full_name = arena_strdup(a, db_col_text(s, 2));
	db_reset(s);
	s = dbc_stmt(c, STMT_ROLE_LIST);
	db_bind_i64(s, 1, id);
	while (!(e = db_step(s, &row)) && row && u->nrole < AUTH_MAX_ROLES) {
		struct role *ro = &u->roles[u->nrole++];
		db_cols(s, a, 0, DB_COL(&ro->role), DB_COL(&ro->unit_id), DB_COL(&ro->unit_code),
			DB_COL(&ro->unit_path), DB_COL(&ro->unit_title));
	}
	db_reset(s);
	if (e)
		return e;
	*out = u;
	return APP_OK;
}

enum app_err auth_load_user(struct req *r, struct dbc *c, int64_t id, struct user **out)
{
	return auth_user_get(r->a, c, id, out);
}

struct touch_job {
	const char *hash; /* session */
	int64_t now;      /* new seen_at */
};

static enum app_err touch_fn(struct dbc *c, void *arg)
{
	struct touch_job *j = arg;
	return db_run(c, STMT_SESSION_TOUCH, "ti", j->hash, (int64_t)j->now);
}

static enum app_err delete_session_fn(struct dbc *c, void *arg)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SESSION_DELETE);
	db_bind_text(s, 1, arg);
	return db_exec(s);
}

/* The caller, and what the page frame shows of them (r->viewer: the page
 * frame does not reach into auth). */
static void set_user(struct req *r, struct user *u)
{
	r->user = u;
	r->viewer = (struct viewer){u->full_name, auth_has_cap(u, CAP_USERS | CAP_IMPORT | CAP_HOLIDAYS | CAP_ASSIST),
				    u->assist_resident ? u->assist_name : NULL, u->assist_until,
				    u->nrole ? (*u->roles[0].unit_code ? u->roles[0].unit_title : NULL) : NULL};
}

/* The session's user into r->user; APP_OK also when there is none (expired,
 * unknown), an error only when the database could not tell. */
static enum app_err identify_session(struct req *r, struct dbc *c, const char *token)
{
	char hash[CRYPTO_HASH_HEX];
	crypto_hash_token(token, hash);
	struct db_stmt *s = dbc_stmt(c, STMT_SESSION_GET);
	db_bind_text(s, 1, hash);
	bool row;
	enum app_err e = db_step(s, &row);
	if (e || !row) {
		db_reset(s);
		return e;
	}
	int64_t uid = db_col_i64(s, 0), created = db_col_i64(s, 2), seen = db_col_i64(s, 3);
	int64_t assist = db_col_i64(s, 4), assist_until = db_col_i64(s, 5);
	const char *csrf = arena_strdup(r->a, db_col_text(s, 1));
	db_reset(s);
	int64_t now = time(NULL);
	const char *hp = arena_strdup(r->a, hash);
	if (now - seen > AUTH_IDLE_SECONDS || now - created > AUTH_ABSOLUTE_SECONDS) {
		db_write(r->app->db, delete_session_fn, (void *)hp);
		return APP_OK;
	}
	struct user *u;
	if ((e = auth_load_user(r, c, uid, &u)))
		return e == APP_ENOTFOUND ? APP_OK : e;
	u->session_hash = hp;
	if (assist && assist_until > now) {
		s = dbc_stmt(c, STMT_RESIDENT_GET);
		db_bind_i64(s, 1, assist);
		if (!db_step(s, &row) && row) {
			u->assist_resident = assist;
			u->assist_until = assist_until;
			u->assist_name = arena_strdup(r->a, db_col_text(s, 1));
		}
		db_reset(s);
	}
	set_user(r, u);
	r->csrf = csrf;
	/* seen_at moves at most every 5 minutes: a GET rarely writes. */
	if (now - seen > 300) {
		struct touch_job j = {hp, now};
		db_write(r->app->db, touch_fn, &j);
	}
	return APP_OK;
}

/* The token's user into r->user; as identify_session. */
static enum app_err identify_token(struct req *r, struct dbc *c, const char *token)
{
	char hash[CRYPTO_HASH_HEX];
	crypto_hash_token(token, hash);
	struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_USER);
	db_bind_text(s, 1, hash);
	db_bind_i64(s, 2, time(NULL));
	bool row;
	enum app_err e = db_step(s, &row);
	if (e || !row) {
		db_reset(s);
		return e;
	}
	int64_t uid = db_col_i64(s, 0);
	const char *scope = arena_strdup(r->a, db_col_text(s, 1));
	db_reset(s);
	struct user *u;
	if ((e = auth_load_user(r, c, uid, &u)))
		return e == APP_ENOTFOUND ? APP_OK : e;
	u->via_token = true;
	u->token_scope = scope;
	set_user(r, u);
	return APP_OK;
}

enum app_err auth_identify(struct req *r)
{
	struct dbc *c;
	enum app_err e = db_conn(r->app->db, &c);
	if (e)
		return e;
	const char *authz = req_header(r, "authorization");
	const char *tok = req_cookie(r, AUTH_SESSION_COOKIE);
	/* tokens are for the API only: on a page a token is nobody, and a form
	 * never takes one in place of its CSRF token */
	if (r->is_api && authz && strncmp(authz, "Bearer ", 7) == 0)
		e = identify_token(r, c, authz + 7);
	else if (tok && *tok)
		e = identify_session(r, c, tok);
	if (e)
		return e;
	if (r->user && r->user->via_token)
		return APP_OK;
	if (!r->csrf) {
		const char *pre = req_cookie(r, AUTH_CSRF_COOKIE);
		if (pre && strlen(pre) == CRYPTO_TOKEN_LEN - 1)
			r->csrf = pre;
	}
	return APP_OK;
}

bool auth_csrf_ok(const struct req *r)
{
	if (r->user && r->user->via_token)
		return true; /* bearer tokens are not sent by browsers on their own */
	/* a form field, or a header for JSON requests (browsers never add it on
	 * their own, and other sites cannot read the token) */
	const char *sent = req_form(r, "csrf");
	if (!sent)
		sent = req_header(r, "x-csrf-token");
	if (!sent || !r->csrf || r->set_csrf_cookie)
		return false;
	return crypto_eq(sent, r->csrf);
}

/* ---- login ---- */

/* Delay after repeated failures: none for the first 5, then 2, 4, 8 ... up to
 * 60 seconds between attempts. A delay, never a lock-out: the real user can
 * always log in after waiting, whatever an attacker does. */
static int throttle_wait(int64_t failures, int64_t free_tries)
{
	if (failures < free_tries)
		return 0;
	int64_t k = failures - free_tries + 1;
	return k >= 6 ? 60 : (int)(1 << k);
}

/* Failures older than this are forgotten. */
#define THROTTLE_WINDOW (15 * 60)
/* Free attempts per account, and per address (higher: a commune office or a
 * mobile carrier puts many people behind one address). */
#define THROTTLE_FREE_ACCOUNT 5
#define THROTTLE_FREE_ADDRESS 20

static int throttle_check(struct dbc *c, const char *key, int64_t free_tries, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_THROTTLE_GET);
	db_bind_text(s, 1, key);
	bool row;
	int left = 0;
	if (!db_step(s, &row) && row) {
		int wait = throttle_wait(db_col_i64(s, 0), free_tries);
		int64_t since = now - db_col_i64(s, 1);
		if (since < wait && since < THROTTLE_WINDOW)
			left = (int)(wait - since);
	}
	db_reset(s);
	return left;
}

struct login_job {
	const char *ukey, *akey;   /* throttle keys */
	bool ok;                   /* credentials were right */
	int64_t user_id;           /* on success */
	const char *hash, *csrf;   /* new session */
	const char *old_hash;      /* the browser's previous session, ended on login */
	int64_t now;
};

static enum app_err login_fn(struct dbc *c, void *arg)
{
	struct login_job *j = arg;
	enum app_err e;
	if (!j->ok) {
		const char *keys[] = {j->ukey, j->akey};
		for (int i = 0; i < 2; i++) {
			struct db_stmt *s = dbc_stmt(c, STMT_THROTTLE_FAIL);
			db_bind_text(s, 1, keys[i]);
			db_bind_i64(s, 2, j->now);
			db_bind_i64(s, 3, j->now - THROTTLE_WINDOW);
			if ((e = db_exec(s)))
				return e;
		}
		return APP_OK;
	}
	struct db_stmt *s = dbc_stmt(c, STMT_THROTTLE_CLEAR);
	db_bind_text(s, 1, j->ukey);
	if ((e = db_exec(s)))
		return e;
	if (j->old_hash) {
		s = dbc_stmt(c, STMT_SESSION_DELETE);
		db_bind_text(s, 1, j->old_hash);
		if ((e = db_exec(s)))
			return e;
	}
	s = dbc_stmt(c, STMT_SESSION_PURGE);
	db_bind_i64(s, 1, j->now - AUTH_IDLE_SECONDS);
	db_bind_i64(s, 2, j->now - AUTH_ABSOLUTE_SECONDS);
	if ((e = db_exec(s)))
		return e;
	s = dbc_stmt(c, STMT_SESSION_INSERT);
	db_bind_text(s, 1, j->hash);
	db_bind_i64(s, 2, j->user_id);
	db_bind_text(s, 3, j->csrf);
	db_bind_i64(s, 4, j->now);
	if ((e = db_exec(s)))
		return e;
	struct event ev = {.actor = j->user_id, .kind = "auth.login", .subject = "session"};
	return events_add(c, &ev, NULL);
}

/* A valid argon2id hash of a random password, verified when the account does
 * not exist so that timing does not reveal which names exist. */
static char dummy_hash[CRYPTO_PWHASH_LEN];

enum app_err auth_login(struct req *r, struct resp *w, const char *username, const char *password,
			int *retry_after)
{
	struct dbc *c;
	enum app_err e = db_conn(r->app->db, &c);
	if (e)
		return e;
	int64_t now = time(NULL);
	struct login_job j = {.now = now, .old_hash = r->user ? r->user->session_hash : NULL};
	j.ukey = arena_printf(r->a, "u:%s", username);
	j.akey = arena_printf(r->a, "a:%s", r->remote);
	int a = throttle_check(c, j.ukey, THROTTLE_FREE_ACCOUNT, now);
	int b = throttle_check(c, j.akey, THROTTLE_FREE_ADDRESS, now);
	*retry_after = a > b ? a : b;
	if (*retry_after)
		return APP_ETHROTTLE;
	struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_NAME);
	db_bind_text(s, 1, username);
	bool row;
	if ((e = db_step(s, &row))) {
		db_reset(s);
		return e;
	}
	const char *hash = NULL;
	if (row && db_col_i64(s, 4)) {
		j.user_id = db_col_i64(s, 0);
		hash = arena_strdup(r->a, db_col_text(s, 3));
	}
	db_reset(s);
	if (!dummy_hash[0])
		crypto_pw_hash("coso-dummy-password-for-timing", dummy_hash);
	j.ok = crypto_pw_verify(hash ? hash : dummy_hash, password) && hash;
	char token[CRYPTO_TOKEN_LEN], th[CRYPTO_HASH_HEX], csrf[CRYPTO_TOKEN_LEN];
	if (j.ok) {
		crypto_token(token);
		crypto_hash_token(token, th);
		crypto_token(csrf);
		j.hash = th;
		j.csrf = csrf;
	}
	if ((e = db_write(r->app->db, login_fn, &j)))
		return e;
	if (!j.ok) {
		log_msg(LOG_INFO, "auth: failed login from %s", r->remote);
		return APP_EAUTH;
	}
	resp_header(r, w, "Set-Cookie",
		    arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", AUTH_SESSION_COOKIE,
				 token, r->https || r->app->secure_cookies ? "; Secure" : ""));
	return APP_OK;
}

void auth_logout(struct req *r, struct resp *w)
{
	if (r->user && r->user->session_hash)
		db_write(r->app->db, delete_session_fn, (void *)r->user->session_hash);
	resp_header(r, w, "Set-Cookie",
		    arena_printf(r->a, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
				 AUTH_SESSION_COOKIE, r->https || r->app->secure_cookies ? "; Secure" : ""));
}

/* ---- users ---- */

bool auth_username_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 40)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		      *p == '-'))
			return false;
	return true;
}

bool auth_password_valid(const char *s)
{
	return s && str_utf8_len(s) >= 10 && strlen(s) <= 1024;
}

static enum app_err user_insert(struct dbc *c, const char *username, const char *full_name, const char *hash,
				int64_t resident_id, int64_t now, int64_t *id)
{
	enum app_err e;
	struct db_stmt *s = dbc_stmt(c, STMT_USER_INSERT);
	db_bind_text(s, 1, username);
	db_bind_text(s, 2, full_name);
	db_bind_text(s, 3, hash);
	db_bind_id(s, 4, resident_id);
	db_bind_i64(s, 5, now);
	bool row;
	e = db_step(s, &row);
	if (!e && row)
		*id = db_col_i64(s, 0);
	db_reset(s);
	return e;
}

enum app_err auth_user_add(struct dbc *c, const char *username, const char *full_name,
			   const char *password, int64_t resident_id, int64_t now, int64_t *id)
{
	if (!auth_username_valid(username) || !auth_password_valid(password) || !full_name || !*full_name)
		return APP_EINVAL;
	char hash[CRYPTO_PWHASH_LEN];
	enum app_err e = crypto_pw_hash(password, hash);
	if (e)
		return e;
	return user_insert(c, username, full_name, hash, resident_id, now, id);
}

enum app_err auth_user_add_unset(struct dbc *c, const char *username, const char *full_name, int64_t resident_id,
				 int64_t now, int64_t *id)
{
	if (!auth_username_valid(username) || !full_name || !*full_name)
		return APP_EINVAL;
	return user_insert(c, username, full_name, "!", resident_id, now, id); /* no password can match "!" */
}

enum app_err auth_set_password(struct dbc *c, int64_t user_id, const char *password, int64_t now)
{
	if (!auth_password_valid(password))
		return APP_EINVAL;
	char hash[CRYPTO_PWHASH_LEN];
	enum app_err e = crypto_pw_hash(password, hash);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_USER_SET_PASSWORD);
	db_bind_i64(s, 1, user_id);
	db_bind_text(s, 2, hash);
	if ((e = db_exec(s)))
		return e;
	/* a new password ends every open session and every API token of the account */
	s = dbc_stmt(c, STMT_SESSION_DELETE_USER);
	db_bind_i64(s, 1, user_id);
	if ((e = db_exec(s)))
		return e;
	return db_run(c, STMT_TOKEN_REVOKE_USER, "ii", (int64_t)user_id, (int64_t)now);
}

int64_t auth_user_id(struct dbc *c, const char *username)
{
	struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_NAME);
	db_bind_text(s, 1, username);
	bool row;
	int64_t id = 0;
	if (!db_step(s, &row) && row)
		id = db_col_i64(s, 0);
	db_reset(s);
	return id;
}

bool auth_token_scope_valid(const char *scope)
{
	return scope && (!strcmp(scope, "read") || !strcmp(scope, "ballot") || !strcmp(scope, "write"));
}

size_t auth_token_check(const char *label, const char *scope, int days, struct problems *pr)
{
	size_t n = pr->n;
	if (!label || !*label || str_utf8_len(label) > 80)
		problems_add(pr, "label", msg(MSG_TOKEN_LABEL_BAD));
	if (!auth_token_scope_valid(scope))
		problems_add(pr, "scope", msg(MSG_TOKEN_SCOPE_BAD));
	if (days < 1 || days > 365)
		problems_add(pr, "days", msg(MSG_TOKEN_DAYS_BAD));
	return pr->n - n;
}

enum app_err auth_token_new(struct dbc *c, int64_t user_id, const char *label, const char *scope, int days, int64_t now,
			    char *token_out, int64_t *id)
{
	if (!label || !*label || str_utf8_len(label) > 80 || !auth_token_scope_valid(scope) || days < 1 || days > 365)
		return APP_EINVAL; /* as auth_token_check */
	char hash[CRYPTO_HASH_HEX];
	crypto_token(token_out);
	crypto_hash_token(token_out, hash);
	struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_INSERT);
	db_bind_text(s, 1, hash);
	db_bind_i64(s, 2, user_id);
	db_bind_text(s, 3, label);
	db_bind_i64(s, 4, now);
	db_bind_i64(s, 5, now + (int64_t)days * 86400);
	db_bind_text(s, 6, scope);
	enum app_err e;
	int64_t tid = db_one_i64(s, 0, &e);
	if (e)
		return e;
	if (id)
		*id = tid;
	char payload[120];
	snprintf(payload, sizeof payload, "{\"days\":%d,\"scope\":\"%s\",\"user\":%lld}", days, scope, (long long)user_id);
	struct event ev = {.actor = user_id, .kind = "token.create", .about = "token", .about_id = tid, .payload = payload};
	return events_add(c, &ev, NULL);
}

static void token_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct api_token *t = out;
	db_cols(s, a, 0, DB_COL(&t->id), DB_COL(&t->label), DB_COL(&t->scope), DB_COL(&t->created_at),
		DB_COL(&t->expires_at), DB_COL(&t->revoked_at));
}

enum app_err auth_tokens(struct arena *a, struct dbc *c, int64_t user_id, struct api_token **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_LIST);
	db_bind_i64(s, 1, user_id);
	return db_get_rows(s, a, token_row, sizeof **out, (void **)out, n);
}

enum app_err auth_token_revoke(struct dbc *c, int64_t user_id, int64_t id, int64_t actor, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, id ? STMT_TOKEN_REVOKE : STMT_TOKEN_REVOKE_USER);
	enum app_err e;
	if (id) {
		db_bind_i64(s, 1, id);
		db_bind_i64(s, 2, user_id);
		db_bind_i64(s, 3, now);
		bool row;
		e = db_step(s, &row);
		db_reset(s);
		if (!e && !row)
			return APP_ENOTFOUND;
	} else {
		db_bind_i64(s, 1, user_id);
		db_bind_i64(s, 2, now);
		e = db_exec(s);
	}
	if (e)
		return e;
	char subject[40];
	snprintf(subject, sizeof subject, id ? "token:%lld" : "user:%lld", (long long)(id ? id : user_id));
	struct event ev = {.actor = actor, .kind = id ? "token.revoke" : "token.revoke_all", .subject = subject};
	return events_add(c, &ev, NULL);
}

const char *auth_bearer_hash(struct req *r)
{
	const char *authz = req_header(r, "authorization");
	if (!authz || strncmp(authz, "Bearer ", 7))
		return NULL;
	char *h = arena_alloc(r->a, CRYPTO_HASH_HEX);
	crypto_hash_token(authz + 7, h);
	return h;
}

enum app_err auth_holders(struct arena *a, struct dbc *c, int64_t unit_id, unsigned cap, int64_t **out, size_t *n)
{
	size_t cap_n = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < sizeof role_defs / sizeof *role_defs; i++) {
		if ((role_defs[i].caps & cap) != cap)
			continue;
		struct db_stmt *s = dbc_stmt(c, STMT_ROLE_HOLDER_IDS);
		db_bind_text(s, 1, role_defs[i].role);
		db_bind_i64(s, 2, unit_id);
		bool row;
		enum app_err e;
		while (!(e = db_step(s, &row)) && row) {
			*out = arena_grow(a, *out, *n, &cap_n, sizeof **out);
			(*out)[(*n)++] = db_col_i64(s, 0);
		}
		db_reset(s);
		if (e)
			return e;
	}
	return APP_OK;
}

bool auth_token_allows(const char *scope, const char *method, int route_flags)
{
	if (!strcmp(method, "GET") || !strcmp(method, "HEAD"))
		return true;
	if (!strcmp(scope, "write"))
		return true;
	return !strcmp(scope, "ballot") && (route_flags & ROUTE_TOKEN_IN_WRITE);
}

/* ---- assisted participation ---- */

struct assist_job {
	const char *hash;     /* session */
	int64_t user_id;      /* officer */
	int64_t resident;     /* 0 to end */
	int64_t until;        /* end time */
	int64_t unit_id;      /* resident's village */
	int64_t ended;        /* resident whose assistance ends */
};

static enum app_err assist_fn(struct dbc *c, void *arg)
{
	struct assist_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_SESSION_ASSIST);
	db_bind_text(s, 1, j->hash);
	if (j->resident) {
		db_bind_i64(s, 2, j->resident);
		db_bind_i64(s, 3, j->until);
	} else {
		db_bind_null(s, 2);
		db_bind_null(s, 3);
	}
	enum app_err e = db_exec(s);
	if (e)
		return e;
	struct event ev = {.actor = j->user_id,
			   .on_behalf = j->resident ? j->resident : j->ended,
			   .unit = j->unit_id,
			   .kind = j->resident ? "assist.start" : "assist.end",
			   .subject = "session"};
	return events_add(c, &ev, NULL);
}

enum app_err auth_assist_start(struct req *r, int64_t resident_id)
{
	if (!r->user || !r->user->session_hash)
		return APP_EAUTH;
	struct dbc *c;
	enum app_err e = db_conn(r->app->db, &c);
	if (e)
		return e;
	struct db_stmt *s = dbc_stmt(c, STMT_RESIDENT_GET);
	db_bind_i64(s, 1, resident_id);
	bool row;
	if ((e = db_step(s, &row)) || !row) {
		db_reset(s);
		return e ? e : APP_ENOTFOUND;
	}
	const char *path = arena_strdup(r->a, db_col_text(s, 4));
	const char *vcode = arena_strdup(r->a, db_col_text(s, 3));
	db_reset(s);
	if (!(auth_caps_at(r->user, path) & CAP_ASSIST))
		return APP_EFORBID;
	s = dbc_stmt(c, STMT_UNIT_BY_CODE);
	db_bind_text(s, 1, vcode);
	int64_t unit_id = 0;
	if (!db_step(s, &row) && row)
		unit_id = db_col_i64(s, 0);
	db_reset(s);
	struct assist_job j = {.hash = r->user->session_hash, .user_id = r->user->id,
			       .resident = resident_id, .until = time(NULL) + AUTH_ASSIST_SECONDS,
			       .unit_id = unit_id};
	return db_write(r->app->db, assist_fn, &j);
}

enum app_err auth_assist_end(struct req *r)
{
	if (!r->user || !r->user->session_hash)
		return APP_EAUTH;
	struct assist_job j = {.hash = r->user->session_hash, .user_id = r->user->id,
			       .ended = r->user->assist_resident};
	return db_write(r->app->db, assist_fn, &j);
}

int64_t auth_on_behalf(const struct req *r)
{
	if (!r->user || !r->user->assist_resident || r->user->assist_until <= time(NULL))
		return 0;
	return r->user->assist_resident;
}
