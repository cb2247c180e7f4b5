/*
 * ics.c — a unit's calendar as iCalendar (RFC 5545): the conferences and
 * dialogues, the boards' inspections and supervision visits, the village
 * meetings of the unit and the units below it, and the citizen reception
 * day when the published schedule names a weekday ("thứ Năm hằng tuần"), as
 * a weekly event. Lines end in CRLF, are folded at 75 octets without
 * splitting a UTF-8 character, and text is escaped (\\ \; \, \n).
 */
#include "oversight.h"
#include "../db/db.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One content line: name, then value folded at 75 octets (RFC 5545 3.1). */
static void line(struct buf *out, const char *name, const char *value, bool text)
{
	struct buf l;
	buf_init(&l);
	buf_puts(&l, name);
	buf_putc(&l, ':');
	for (const char *p = value; *p; p++) {
		if (text && (*p == '\\' || *p == ';' || *p == ','))
			buf_putc(&l, '\\'), buf_putc(&l, *p);
		else if (text && *p == '\n')
			buf_puts(&l, "\\n");
		else if (*p != '\r')
			buf_putc(&l, *p);
	}
	size_t col = 0;
	for (size_t i = 0; i < l.n; i++) {
		unsigned char ch = (unsigned char)l.p[i];
		size_t clen = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
		if (col + clen > 75) {
			buf_puts(out, "\r\n ");
			col = 1;
		}
		buf_append(out, l.p + i, clen);
		col += clen;
		i += clen - 1;
	}
	buf_puts(out, "\r\n");
	buf_reset(&l);
}

static void utc(char out[17], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static void date(char out[9], int64_t day)
{
	char iso[11];
	cal_format_iso(day, iso); /* yyyy-mm-dd */
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = 0;
}

struct ical {
	struct buf *out;
	const char *host;
	char stamp[17];
};

/* A VEVENT: uid, summary, location, description, and either a start and
 * end instant (UTC) or whole days (end exclusive), with a weekly rule; its
 * SEQUENCE (times changed, so calendars replace what they kept) and whether
 * it is cancelled (STATUS:CANCELLED, RFC 5545 3.8.1.11). */
static void event_changed(struct ical *ic, const char *uid, const char *summary, const char *location,
			  const char *description, const char *url, int64_t t0, int64_t t1, int64_t d0, int64_t d1,
			  const char *rrule, int64_t sequence, bool cancelled)
{
	char v[17];
	line(ic->out, "BEGIN", "VEVENT", false);
	line(ic->out, "UID", uid, false);
	line(ic->out, "DTSTAMP", ic->stamp, false);
	if (d0) {
		char d[9];
		date(d, d0);
		line(ic->out, "DTSTART;VALUE=DATE", d, false);
		date(d, d1);
		line(ic->out, "DTEND;VALUE=DATE", d, false);
	} else {
		utc(v, t0);
		line(ic->out, "DTSTART", v, false);
		utc(v, t1);
		line(ic->out, "DTEND", v, false);
	}
	if (rrule)
		line(ic->out, "RRULE", rrule, false);
	if (sequence) {
		snprintf(v, sizeof v, "%lld", (long long)sequence);
		line(ic->out, "SEQUENCE", v, false);
	}
	if (cancelled)
		line(ic->out, "STATUS", "CANCELLED", false);
	line(ic->out, "SUMMARY", summary, true);
	if (location && *location)
		line(ic->out, "LOCATION", location, true);
	if (description && *description)
		line(ic->out, "DESCRIPTION", description, true);
	if (url)
		line(ic->out, "URL", url, false);
	line(ic->out, "END", "VEVENT", false);
}

/* The same, unchanged. */
static void event(struct ical *ic, const char *uid, const char *summary, const char *location, const char *description,
		  const char *url, int64_t t0, int64_t t1, int64_t d0, int64_t d1, const char *rrule)
{
	event_changed(ic, uid, summary, location, description, url, t0, t1, d0, d1, rrule, 0, false);
}

/* The weekday a reception schedule names, as RFC 5545's BYDAY, and its
 * hours ("từ 7 giờ 30 đến 11 giờ 30", local): false when it names none. */
static bool schedule_of(const char *text, const char **byday, int *h0, int *m0, int *h1, int *m1)
{
	static const struct {
		const char *word, *day;
	} days[] = {{"thu hai", "MO"}, {"thu ba", "TU"}, {"thu tu", "WE"}, {"thu nam", "TH"}, {"thu sau", "FR"},
		    {"thu bay", "SA"}, {"thu 2", "MO"}, {"thu 3", "TU"}, {"thu 4", "WE"}, {"thu 5", "TH"}, {"thu 6", "FR"}};
	char *f = str_fold(text);
	if (!f)
		return false;
	*byday = NULL;
	for (size_t i = 0; i < sizeof days / sizeof *days && !*byday; i++)
		if (strstr(f, days[i].word))
			*byday = days[i].day;
	*h0 = 7, *m0 = 30, *h1 = 11, *m1 = 30;
	const char *p = strstr(f, "tu ");
	for (; p; p = strstr(p + 1, "tu ")) {
		int a, b, c, d;
		if (sscanf(p, "tu %d gio %d den %d gio %d", &a, &b, &c, &d) == 4 && a < 24 && c < 24 && b < 60 && d < 60) {
			*h0 = a, *m0 = b, *h1 = c, *m1 = d;
			break;
		}
	}
	free(f);
	return *byday != NULL;
}

enum app_err ov_calendar(struct arena *a, struct dbc *c, const struct unit *unit, const char *host, int64_t now,
			 struct buf *out)
{
	struct ical ic = {.out = out, .host = host};
	utc(ic.stamp, now);
	int64_t from = now - 60 * 86400, to = now + 400 * 86400;
	line(out, "BEGIN", "VCALENDAR", false);
	line(out, "VERSION", "2.0", false);
	line(out, "PRODID", "-//coso//Dan chu o co so//VI", false);
	line(out, "CALSCALE", "GREGORIAN", false);
	line(out, "METHOD", "PUBLISH", false);
	line(out, "X-WR-CALNAME", arena_printf(a, "%s — %s", msg(MSG_OV_CALENDAR), unit->title), true);
	line(out, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh", false);
	enum app_err e;
	struct db_stmt *s = dbc_stmt(c, STMT_OV_ICS_CONFS);
	db_bind_subtree(s, 1, 2, unit->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	bool row;
	while (!(e = db_step(s, &row)) && row) {
		int64_t id = db_col_i64(s, 0), t0 = db_col_i64(s, 1);
		int k = ov_name_index(conf_kind_names, CF__N, db_col_text(s, 2));
		const char *summary = arena_printf(a, "%s: %s", k < 0 ? "" : msg(conf_kind_labels[k]), db_col_text(s, 3));
		bool cancelled = !strcmp(db_col_text(s, 5), "cancelled");
		if (cancelled)
			summary = arena_printf(a, "[%s] %s", msg(MSG_OV_CANCELLED), summary);
		event_changed(&ic, arena_printf(a, "conference-%lld@coso", (long long)id), summary, db_col_text(s, 4),
			      db_col_text(s, 6), arena_printf(a, "%s/conferences/%lld", host, (long long)id), t0, t0 + 3 * 3600, 0,
			      0, NULL, db_col_i64(s, 7), cancelled);
	}
	db_reset(s);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_OV_ICS_INSPECTIONS);
	db_bind_subtree(s, 1, 2, unit->path);
	db_bind_i64(s, 3, cal_today((time_t)from));
	db_bind_i64(s, 4, cal_today((time_t)to));
	while (!(e = db_step(s, &row)) && row) {
		int64_t id = db_col_i64(s, 0);
		bool visit = !strcmp(db_col_text(s, 3), "visit");
		event(&ic, arena_printf(a, "inspection-%lld@coso", (long long)id),
		      arena_printf(a, "%s: %s", msg(visit ? MSG_OV_VISIT : MSG_OV_INSPECTION), db_col_text(s, 4)), NULL,
		      arena_printf(a, "%s, %s", db_col_text(s, 5), db_col_text(s, 6)),
		      arena_printf(a, "%s/inspections/%lld", host, (long long)id), 0, 0, db_col_i64(s, 1), db_col_i64(s, 2) + 1,
		      NULL);
	}
	db_reset(s);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_OV_ICS_MEETINGS);
	db_bind_subtree(s, 1, 2, unit->path);
	db_bind_i64(s, 3, from);
	db_bind_i64(s, 4, to);
	while (!(e = db_step(s, &row)) && row) {
		int64_t id = db_col_i64(s, 0), t0 = db_col_i64(s, 1);
		event(&ic, arena_printf(a, "meeting-%lld@coso", (long long)id),
		      arena_printf(a, "%s: %s", msg(MSG_OV_MEETING), db_col_text(s, 3)), db_col_text(s, 2), db_col_text(s, 4),
		      arena_printf(a, "%s/matters/%lld", host, (long long)id), t0, t0 + 2 * 3600, 0, 0, NULL);
	}
	db_reset(s);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_OV_ICS_RECEPTION);
	db_bind_subtree(s, 1, 2, unit->path);
	while (!(e = db_step(s, &row)) && row) {
		const char *byday;
		int h0, m0, h1, m1;
		const char *text = arena_strdup(a, db_col_text(s, 2));
		if (!schedule_of(text, &byday, &h0, &m0, &h1, &m1))
			continue;
		/* the next such weekday from today, at its local hours (UTC+7) */
		static const char *const wd[] = {"TH", "FR", "SA", "SU", "MO", "TU", "WE"}; /* day 0 (1970-01-01) was a Thursday */
		int64_t day = cal_today((time_t)now);
		while (strcmp(wd[day % 7], byday))
			day++;
		int64_t t0 = day * 86400 + (h0 * 60 + m0) * 60 - 7 * 3600, t1 = day * 86400 + (h1 * 60 + m1) * 60 - 7 * 3600;
		event(&ic, arena_printf(a, "reception-%s@coso", db_col_text(s, 0)),
		      arena_printf(a, "%s — %s", msg(MSG_OV_RECEPTION), db_col_text(s, 1)), NULL, text,
		      arena_printf(a, "%s/units/%s/reception", host, db_col_text(s, 0)), t0, t1 > t0 ? t1 : t0 + 3600, 0, 0,
		      arena_printf(a, "FREQ=WEEKLY;BYDAY=%s", byday));
	}
	db_reset(s);
	if (e)
		return e;
	line(out, "END", "VCALENDAR", false);
	return APP_OK;
}
