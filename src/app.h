/*
 * app.h — error codes shared by every layer of coso, and small helpers that
 * every module uses. Functions that can fail return enum app_err and give
 * their results through out-parameters; the HTTP layer turns a code into a
 * status and a Vietnamese message in one place (http_send_error).
 */
#ifndef COSO_APP_H
#define COSO_APP_H

#include <stddef.h>
#include <stdint.h>

#define COSO_VERSION "0.1.0"

/* Error codes. Keep in step with the status table in src/http/response.c. */
enum app_err {
	APP_OK = 0,     /* success */
	APP_EINVAL,     /* bad input: 400 */
	APP_EAUTH,      /* not authenticated: 401 */
	APP_EFORBID,    /* authenticated but not allowed: 403 */
	APP_ENOTFOUND,  /* no such object: 404 */
	APP_ECONFLICT,  /* duplicate or state conflict: 409 */
	APP_ETOOBIG,    /* request body or field too large: 413 */
	APP_ETHROTTLE,  /* too many attempts, retry later: 429 */
	APP_EBUSY,      /* database busy or queue full: 503 */
	APP_EDB,        /* database failure: 500 */
	APP_EIO,        /* file or network failure: 500 */
	APP_ERR__MAX
};

/* Returns the stable English code name of an error, e.g. "not_found". */
const char *app_err_code(enum app_err e);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
