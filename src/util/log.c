/* log.c — JSON-lines logger on stderr (see log.h). Each line is written with a
 * single write() so lines from different threads never interleave. */
#include "log.h"
#include "buf.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;
static const char *level_name[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level min)
{
	min_level = min;
}

static void stamp(char *out, size_t n)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	size_t k = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + k, n - k, ".%03ldZ", ts.tv_nsec / 1000000);
}

static void emit(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (!s)
		return;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, s);
	buf_putc(&b, '\n');
	free(s);
	ssize_t r = write(2, b.p, b.n);
	(void)r;
	buf_reset(&b);
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	if (lvl < min_level)
		return;
	char ts[40];
	stamp(ts, sizeof ts);
	struct buf m;
	buf_init(&m);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	json_t *o = json_object();
	json_object_set_new(o, "time", json_string(ts));
	json_object_set_new(o, "level", json_string(level_name[lvl]));
	/* Messages may quote bytes from input; keep invalid UTF-8 out of the log. */
	json_t *msg = json_stringn(buf_str(&m), m.n);
	json_object_set_new(o, "msg", msg ? msg : json_string("(message not UTF-8)"));
	buf_reset(&m);
	emit(o);
}

void log_request(const char *rid, const char *method, const char *path, int status,
		 int64_t dur_us)
{
	if (LOG_INFO < min_level)
		return;
	char ts[40];
	stamp(ts, sizeof ts);
	json_t *o = json_object();
	json_object_set_new(o, "time", json_string(ts));
	json_object_set_new(o, "level", json_string(status >= 500 ? "error" : "info"));
	json_object_set_new(o, "rid", json_string(rid));
	json_object_set_new(o, "method", json_string(method));
	json_t *p = json_string(path);
	json_object_set_new(o, "path", p ? p : json_string("(not UTF-8)"));
	json_object_set_new(o, "status", json_integer(status));
	json_object_set_new(o, "duration_ms", json_real((double)dur_us / 1000.0));
	emit(o);
}
