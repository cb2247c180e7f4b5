/*
 * notify.h — notifications (issue #14): messages written to the outbox in
 * the same transaction as the act that causes them, so that a message
 * commits or rolls back with its act and none is lost. This first part has
 * the in-app channel (the person's /me/notifications, read and unread),
 * delivered at once; SMS, Zalo, e-mail and the delivery worker come next.
 * Each message has an idempotency key (kind, subject, person, channel): the
 * same act never notifies the same person twice.
 */
#ifndef COSO_NOTIFY_H
#define COSO_NOTIFY_H
#include "../app.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;
struct arena;

/* What a message says. kind names its template ("matter.opened"), subject
 * what it is about ("matter:12"), href where it is acted on. */
struct notify_msg {
	const char *kind, *subject, *title, *body, *href;
};

/* Inside a write: the message to every household representative with an
 * account in the village (village id), in-app. */
enum app_err notify_village(struct dbc *c, int64_t village, const struct notify_msg *m, int64_t now);

struct notification {
	int64_t id;
	const char *kind, *title, *body, *href;
	int64_t at, read_at; /* read_at 0: unread */
};
/* A person's newest in-app notifications (at most max) and how many are unread. */
enum app_err notify_list(struct arena *a, struct dbc *c, int64_t user, int max, struct notification **out, size_t *n);
enum app_err notify_unread(struct dbc *c, int64_t user, int64_t *n);
/* Inside a write: marks all of a person's in-app notifications read. */
enum app_err notify_read_all(struct dbc *c, int64_t user, int64_t now);
/* Its /metrics lines: coso_outbox_messages{channel,status} (module.h). */
struct buf;
void notify_metrics(struct dbc *c, struct buf *out);
#endif
