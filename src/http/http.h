/*
 * http.h — the request and response that handlers see, the parsers (query
 * strings, urlencoded and multipart forms, cookies) with their limits, and the
 * helpers that answer. Knows nothing of domain modules.
 *
 * Handler order: parse -> authenticate -> authorize -> validate -> act -> render.
 * The server (server.c) fills struct req, the router (router.c) checks the
 * route's flags, the handler fills struct resp, the server sends it.
 */
#ifndef COSO_HTTP_H
#define COSO_HTTP_H
#include "../app.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct app;
struct user;
struct json_t;
struct deferred;

struct kv {
	const char *k; /* name (arena) */
	const char *v; /* value, NFC, NUL-terminated (arena) */
	size_t vlen;   /* value length */
};

struct upload {
	const char *field;    /* form field name */
	const char *filename; /* client's file name (not trusted) */
	const char *ctype;    /* client's content type (not trusted) */
	const char *data;     /* content (arena), NUL-terminated */
	size_t len;           /* content length */
};

/* Limits on what a request may carry; exceeding one answers 413 or 400. */
struct http_limits {
	size_t max_body;        /* bytes of a form or JSON body */
	size_t max_upload_body; /* bytes of a multipart body */
	size_t max_fields;      /* fields in a query or form */
	size_t max_field_len;   /* bytes of one text field */
	size_t max_name_len;    /* bytes of a field name */
};
extern const struct http_limits http_default_limits;

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 24

struct req {
	struct arena *a;            /* request arena: everything below lives in it */
	struct app *app;            /* application (database, settings) */
	const char *method;         /* "GET", "POST", ... */
	const char *path;           /* decoded path, without the query */
	const char *rid;            /* request id, also sent as X-Request-Id */
	const char *remote;         /* client address */
	int64_t at;                 /* when it arrived (UTC seconds): the instant handlers hand down as now */
	bool https;                 /* reached over TLS (directly or via a trusted proxy) */
	struct kv *query;           /* query parameters */
	size_t nquery;
	struct kv *form;            /* urlencoded or multipart text fields */
	size_t nform;
	struct upload *files;       /* multipart files */
	size_t nfile;
	struct kv *cookies;         /* cookies */
	size_t ncookie;
	struct kv hdr[HTTP_MAX_HEADERS]; /* headers the app reads (lower-case names) */
	size_t nhdr;
	const char *body;           /* raw body (arena) */
	size_t body_len;
	const char *param[HTTP_MAX_PARAMS]; /* path parameters, in pattern order */
	size_t nparam;
	int route;                  /* index of the matched route, -1 if none */
	bool quiet;                 /* a probe: logged only when it fails (ROUTE_QUIET) */
	bool is_api;                /* path under /api/ or /open311/: answer JSON */
	struct user *user;          /* authenticated user or NULL (auth.c) */
	struct json_t *json;        /* parsed JSON body, or NULL; freed with the request */
	const char *csrf;           /* CSRF token to put in forms */
	const char *set_csrf_cookie;/* new pre-session CSRF cookie to send, or NULL */
	bool used_csrf;             /* the page holds a form with the CSRF token */
	const char *query_raw;      /* the query string as received (re-encoded), "" if none */
	const char *cache_key;      /* micro-cache key when the response may be stored */
	bool cache_entry;           /* the response is the micro-cache's entry for cache_key (served or stored) */
	char etag[19];              /* ETag already known (cache hit), or "" */
	struct viewer {             /* who is signed in, for the page frame (auth fills it) */
		const char *name;       /* full name, NULL when anonymous */
		bool admin;             /* may open the administration pages */
		const char *assist_name;/* the resident being assisted, or NULL */
		int64_t assist_until;
		const char *unit;       /* the unit of the first role held, where the person acts, or NULL */
	} viewer;
	bool can_defer;             /* the server can suspend this request (server.c) */
	struct deferred *deferred;  /* a write to run before answering (app_defer_write) */
	const char *idem_scope;     /* a POST's retry key claimed (src/idem.c): its answer is kept */
	const char *idem_key;
};

#define HTTP_MAX_RESP_HEADERS 12

struct resp {
	int status;               /* HTTP status */
	const char *ctype;        /* content type */
	struct buf body;          /* body, owned */
	struct kv hdr[HTTP_MAX_RESP_HEADERS]; /* extra headers (arena strings) */
	size_t nhdr;
	bool cache_public;        /* a public GET: ETag, 304 and short public caching */
	bool gzipped;             /* the body is gzip already (the micro-cache's) */
	int max_age;              /* Cache-Control max-age when cache_public */
	bool constant;            /* same status, headers and body every time for this
				     route: the server builds the response once and reuses
				     it (no X-Request-Id then) */
};

/* ---- parsing (request.c) ---- */
/* Percent-decodes in place semantics into a new arena string; '+' as space when
 * form is set. APP_EINVAL on a bad escape or a NUL byte. */
enum app_err http_url_decode(struct arena *a, const char *s, size_t n, bool form, char **out,
			     size_t *outlen);
/* Parses a=b&c=d. Values become NFC; invalid UTF-8 is APP_EINVAL; too many or
 * too long fields APP_ETOOBIG. */
enum app_err http_parse_urlencoded(struct arena *a, const char *s, size_t n,
				   const struct http_limits *lim, struct kv **out, size_t *nout);
/* Parses a multipart/form-data body with the boundary from its content type. */
enum app_err http_parse_multipart(struct arena *a, const char *body, size_t n, const char *ctype,
				  const struct http_limits *lim, struct kv **form, size_t *nform,
				  struct upload **files, size_t *nfile);
/* Parses a JSON body: an object, at most max_body bytes, no duplicate keys,
 * nesting at most HTTP_JSON_DEPTH deep, valid UTF-8 (jansson). The result
 * is registered with the arena and freed with it. */
#define HTTP_JSON_DEPTH 16
enum app_err http_parse_json(struct arena *a, const char *body, size_t n,
			     const struct http_limits *lim, struct json_t **out);
/* Parses a Cookie header. Malformed pairs are skipped. */
void http_parse_cookies(struct arena *a, const char *h, struct kv **out, size_t *nout);

/* The CSRF token for a form on this page (r->csrf, which auth sets from the
 * session); makes a pre-session token (and its cookie) only when a page
 * actually has a form. */
const char *http_csrf_token(struct req *r);
const char *req_query(const struct req *r, const char *name);  /* NULL if absent */
const char *req_form(const struct req *r, const char *name);   /* NULL if absent */
const char *req_cookie(const struct req *r, const char *name);
const char *req_header(const struct req *r, const char *lname);
const struct upload *req_file(const struct req *r, const char *field);
/* An uploaded file's name as the client gave it, without a path, control
 * characters or quotes, valid UTF-8 ("tep-dinh-kem" otherwise); in r->a. */
const char *req_upload_name(struct req *r, const struct upload *u);

/* ---- answering (response.c) ---- */
void resp_init(struct resp *w);
void resp_reset(struct resp *w);
void resp_header(struct req *r, struct resp *w, const char *name, const char *value);
void http_redirect(struct req *r, struct resp *w, const char *location); /* 303 */
/* The one place a domain error becomes a response: JSON on the API, a
 * Vietnamese page elsewhere. detail (may be NULL) is a Vietnamese sentence. */
void http_send_error(struct req *r, struct resp *w, enum app_err e, const char *detail);
/* Answers with a JSON document; takes ownership of o. */
void http_send_json(struct resp *w, struct json_t *o);
/* A table as a download: CSV (xlsx false) or XLSX, named filename.csv or
 * filename.xlsx (an ASCII name), cached for a minute. */
struct sheet;
void http_send_sheet(struct req *r, struct resp *w, const struct sheet *s, const char *filename, bool xlsx);
/* The one refusal shape: on the API {"error": {"code", "message", "fields":
 * [{"field", "message"}]}} with every problem (and "field", the first of
 * them); elsewhere the error page with the first sentence (forms re-render
 * themselves instead, layout.h). */
struct problems;
void http_send_problems(struct req *r, struct resp *w, enum app_err e, const struct problems *p);
/* The end of a write: its refusal (http_send_problems), or 303 to location. */
void http_answer(struct req *r, struct resp *w, enum app_err e, const struct problems *p, const char *location);
/* A JSON error with one problem (field may be NULL). */
void http_send_json_error(struct req *r, struct resp *w, enum app_err e, const char *field,
			  const char *message);
int http_status_of(enum app_err e);
/* The one list shape of the API: ?limit= (1-1000, default 100) and ?cursor=
 * (the opaque "next" of the previous page, at most 200 bytes). false after
 * answering 400 with the field at fault. */
#define HTTP_LIST_DEFAULT 100
#define HTTP_LIST_MAX 1000
bool http_list_args(struct req *r, struct resp *w, int *limit, const char **cursor);
/* The same for a list whose cursor is the last id shown (a keyset of ids,
 * newest or oldest first): *after 0 for the first page. */
bool http_list_id_args(struct req *r, struct resp *w, int *limit, int64_t *after);
/* Answers {"items": items, "total": total, "next": next or null} and the
 * members of extra (may be NULL); takes items and extra. */
void http_send_list(struct resp *w, struct json_t *items, int64_t total, const char *next, struct json_t *extra);
/* A short list held whole (holidays, the catalogue): reads limit and cursor
 * (an offset) itself and answers one page of all, with the members of extra
 * (may be NULL) beside items, total and next. Takes all and extra. */
void http_send_array_page(struct req *r, struct resp *w, struct json_t *all, struct json_t *extra);
/* The headers every response carries (CSP, nosniff, ...), as name/value pairs. */
extern const struct kv http_security_headers[];
extern const size_t http_nsecurity_headers;

/* ---- routing (router.c) ---- */
enum route_flag {
	ROUTE_LOGIN = 1 << 0,   /* needs an authenticated user */
	ROUTE_CSRF = 1 << 1,    /* POST must carry the CSRF token */
	ROUTE_PUBLIC = 1 << 2,  /* public GET: cacheable, ETag */
	ROUTE_ADMIN = 1 << 3,   /* needs an administrative role */
	ROUTE_RAW = 1 << 4,     /* no caller identification, no read transaction */
	ROUTE_QUIET = 1 << 5,   /* probes (health, metrics): logged only when not 200 */
	ROUTE_TOKEN_IN_WRITE = 1 << 6, /* a bearer token is verified by the handler's own
				      write (auth_bearer_hash), where the writer's cache
				      is warm, instead of by a read before it */
	ROUTE_HOOK = 1 << 7,    /* a machine's call (a gateway's webhook), authenticated by
				   the handler with a shared secret and the caller's address:
				   no session, no CSRF token (with ROUTE_RAW) */
};
/* A route handler's type; headers declare handlers with it, several to a line. */
typedef void http_handler_fn(struct req *r, struct resp *w);
typedef http_handler_fn *http_handler;
struct route {
	const char *method;     /* "GET" or "POST" */
	const char *pattern;    /* "/units/{code}" */
	http_handler fn;        /* handler */
	unsigned flags;         /* enum route_flag */
	const char *name;       /* metrics label */
};
/* Finds the route for method+path. Fills r->param. Returns its index, or -1 with
 * *allowed true when the path exists for another method (405). */
int router_match(const struct route *t, size_t n, struct req *r, bool *path_found);
/* Splits path against pattern; true when it matches (exported for tests). */
bool router_path_match(const char *pattern, const char *path, struct arena *a,
		       const char **param, size_t *nparam);
#endif
