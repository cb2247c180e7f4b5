/*
 * cal.h — dates and working days. Stored times are UTC seconds; what people
 * see is Asia/Ho_Chi_Minh (UTC+7, no daylight saving) as dd/mm/yyyy. A day is
 * counted as days since 1970-01-01 (civil, proleptic Gregorian).
 *
 * Legal deadlines in "ngày làm việc" skip Saturdays, Sundays and holidays,
 * and count make-up working days (a Saturday the government swaps in). The
 * holiday table lives in the database and administrators edit it; this file
 * only computes with it and seeds it from Labour Code 2019 Art. 112, using the
 * Vietnamese lunar calendar (new moons and solar terms at UTC+7).
 */
#ifndef COSO_CAL_H
#define COSO_CAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CAL_TZ_OFFSET (7 * 3600) /* Asia/Ho_Chi_Minh */

int64_t cal_days_from_civil(int y, int m, int d);
void cal_civil_from_days(int64_t z, int *y, int *m, int *d);
int cal_weekday(int64_t day);                 /* 0 = Sunday .. 6 = Saturday */
int64_t cal_today(time_t now);                /* the local (UTC+7) day of a UTC instant */
/* Parses "yyyy-mm-dd" (ISO) or "dd/mm/yyyy"; false when not a real date. */
bool cal_parse_date(const char *s, int64_t *day);
void cal_format_iso(int64_t day, char out[11]);           /* yyyy-mm-dd */
void cal_format_vn(int64_t day, char out[11]);            /* dd/mm/yyyy */
void cal_format_time_vn(time_t t, char out[20]);          /* HH:MM dd/mm/yyyy, UTC+7 */
/* "2026-11-25T08:00" (a datetime-local field, UTC+7), "2026-11-25T01:00:00Z" or
 * "...+07:00": seconds since 1970; false when malformed. */
bool cal_parse_datetime(const char *s, int64_t *out);

/* Gregorian day of a lunar date (Vietnamese calendar, UTC+7); leap selects the
 * intercalary month. Returns false when that month is not leap in that year. */
bool cal_lunar_to_solar(int lday, int lmonth, int lyear, bool leap, int64_t *day);

enum cal_day_kind { CAL_HOLIDAY = 1, CAL_WORKDAY = 2 };
struct cal_day {
	int64_t day;             /* days since epoch */
	enum cal_day_kind kind;  /* a day off, or a make-up working day */
	char name[96];           /* Vietnamese name, e.g. "Tết Nguyên đán" */
};
/* A holiday table: sorted by day, unique days. */
struct cal_table {
	struct cal_day *a; /* entries, sorted */
	size_t n;          /* count */
};
void cal_table_sort(struct cal_table *t);
bool cal_is_working_day(const struct cal_table *t, int64_t day);
/* The day on which a period of n working days that starts after `from` ends
 * (n >= 1): the n-th working day strictly after from. */
int64_t cal_add_working_days(const struct cal_table *t, int64_t from, int n);
/* Working days strictly after `from` up to and including `to` (0 if to <= from). */
int cal_working_days_between(const struct cal_table *t, int64_t from, int64_t to);

/* Statutory days off of Labour Code 2019 Art. 112 for years y0..y1, with the
 * compensating day (Art. 112(3)) after any that falls on a weekend.
 * Result: caller frees t->a. */
void cal_seed_holidays(int y0, int y1, struct cal_table *t);
#endif
