/*
 * log.h — structured logs: one JSON object per line on stderr, with the time,
 * the level and either a message or the fields of a finished request.
 * Secrets (passwords, tokens, cookies) are never passed here.
 */
#ifndef COSO_LOG_H
#define COSO_LOG_H
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

void log_set_level(enum log_level min);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Buffers info lines per thread from now on, written at least every second
 * (serve); log_flush writes everything pending (at exit). */
void log_start_flusher(void);
void log_flush(void);
/* One line per finished HTTP request; dur_us is the handling time. */
void log_request(const char *rid, const char *method, const char *path, int status,
		 int64_t dur_us);
#endif
