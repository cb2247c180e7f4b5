/* log.c — JSON-lines logger on stderr (see log.h).
 *
 * Request lines are buffered per thread and written in blocks (at 16 KiB,
 * or by the flusher thread within a second), as nginx's access_log does with
 * buffer=/flush=: one write() per many requests instead of one per request.
 * Warnings and errors are written at once, in order with the buffer of their
 * thread. Each block is written with a single write() so lines from
 * different threads never interleave. */
#include "log.h"
#include "buf.h"
#include "str.h"
#include "xalloc.h"
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_BLOCK (16 * 1024)

struct logbuf {
	pthread_mutex_t mu;   /* guards b */
	struct buf b;         /* pending lines */
	struct logbuf *next;  /* in the registry */
};

static enum log_level min_level = LOG_INFO;
static const char *level_name[] = {"debug", "info", "warn", "error"};
static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static struct logbuf *reg;          /* every thread's buffer (kept for the process life) */
static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static bool buffered;               /* log_start_flusher was called */

void log_set_level(enum log_level min)
{
	min_level = min;
}

static void make_key(void)
{
	pthread_key_create(&tls_key, NULL);
}

static struct logbuf *mine(void)
{
	pthread_once(&tls_once, make_key);
	struct logbuf *lb = pthread_getspecific(tls_key);
	if (!lb) {
		lb = xcalloc(1, sizeof *lb);
		pthread_mutex_init(&lb->mu, NULL);
		buf_init(&lb->b);
		pthread_mutex_lock(&reg_mu);
		lb->next = reg;
		reg = lb;
		pthread_mutex_unlock(&reg_mu);
		pthread_setspecific(tls_key, lb);
	}
	return lb;
}

static void write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(2, p, n);
		if (k <= 0)
			return;
		p += k;
		n -= (size_t)k;
	}
}

/* Writes out a buffer; its mutex is held. */
static void drain(struct logbuf *lb)
{
	if (lb->b.n) {
		write_all(lb->b.p, lb->b.n);
		lb->b.n = 0;
	}
}

void log_flush(void)
{
	pthread_mutex_lock(&reg_mu);
	for (struct logbuf *lb = reg; lb; lb = lb->next) {
		pthread_mutex_lock(&lb->mu);
		drain(lb);
		pthread_mutex_unlock(&lb->mu);
	}
	pthread_mutex_unlock(&reg_mu);
}

static void *flusher(void *arg)
{
	(void)arg;
	for (;;) {
		sleep(1);
		log_flush();
	}
	return NULL;
}

void log_start_flusher(void)
{
	pthread_t t;
	if (buffered)
		return;
	if (pthread_create(&t, NULL, flusher, NULL) == 0) {
		pthread_detach(t);
		buffered = true;
	}
}

/* UTC time with milliseconds; the date and time of day are formatted once
 * per second per thread (gmtime_r takes a process-wide lock). */
static void stamp(char *out, size_t n)
{
	static __thread time_t last = -1;
	static __thread char prefix[24];
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != last) {
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
		last = ts.tv_sec;
	}
	long ms = ts.tv_nsec / 1000000;
	(void)n; /* out has room for 19 + 5 + 1 bytes */
	memcpy(out, prefix, 19);
	out[19] = '.';
	out[20] = (char)('0' + ms / 100);
	out[21] = (char)('0' + ms / 10 % 10);
	out[22] = (char)('0' + ms % 10);
	out[23] = 'Z';
	out[24] = '\0';
}

/* Appends a non-negative decimal number. */
static void put_u64(struct buf *b, uint64_t v)
{
	char tmp[24];
	int i = sizeof tmp;
	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 0);
	buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

/* Appends s as a JSON string: quotes, backslashes and control characters
 * escaped; text that is not valid UTF-8 is replaced by a marker. */
static void json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	bool ascii = true;
	for (const char *t = s; *t && ascii; t++)
		ascii = (unsigned char)*t < 0x80;
	if (!ascii && !str_utf8_valid(s, strlen(s)))
		s = "(not UTF-8)";
	buf_putc(b, '"');
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, run, (size_t)(s - run));
		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			buf_append(b, e, 2);
		} else {
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			buf_append(b, e, 6);
		}
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
	buf_putc(b, '"');
}

static void emit(json_t *o, bool now)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (!s)
		return;
	struct logbuf *lb = mine();
	pthread_mutex_lock(&lb->mu);
	buf_puts(&lb->b, s);
	buf_putc(&lb->b, '\n');
	if (now || !buffered || lb->b.n >= LOG_BLOCK)
		drain(lb);
	pthread_mutex_unlock(&lb->mu);
	free(s);
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
	emit(o, lvl >= LOG_WARN);
}

/* The request line is on the hot path: written straight into the thread's
 * buffer, without building a JSON object. */
void log_request(const char *rid, const char *method, const char *path, int status,
		 int64_t dur_us)
{
	if (LOG_INFO < min_level)
		return;
	char ts[40];
	stamp(ts, sizeof ts);
	struct logbuf *lb = mine();
	pthread_mutex_lock(&lb->mu);
	struct buf *b = &lb->b;
	buf_puts(b, "{\"time\":\"");
	buf_puts(b, ts);
	buf_puts(b, status >= 500 ? "\",\"level\":\"error\",\"rid\":" : "\",\"level\":\"info\",\"rid\":");
	json_str(b, rid);
	buf_puts(b, ",\"method\":");
	json_str(b, method);
	buf_puts(b, ",\"path\":");
	json_str(b, path);
	buf_puts(b, ",\"status\":");
	put_u64(b, (uint64_t)(status > 0 ? status : 0));
	buf_puts(b, ",\"duration_ms\":");
	uint64_t us = dur_us > 0 ? (uint64_t)dur_us : 0;
	put_u64(b, us / 1000);
	char frac[5] = {'.', (char)('0' + us % 1000 / 100), (char)('0' + us % 100 / 10), (char)('0' + us % 10), '}'};
	buf_append(b, frac, 5);
	buf_putc(b, '\n');
	if (status >= 500 || !buffered || b->n >= LOG_BLOCK)
		drain(lb);
	pthread_mutex_unlock(&lb->mu);
}
