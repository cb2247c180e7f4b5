/* cal.c — civil dates, the Vietnamese lunar calendar and working days (cal.h).
 *
 * Lunar calendar: months begin on the day (at UTC+7) of the astronomical new
 * moon; month 11 contains the winter solstice; a year with 13 months repeats
 * the first month that contains no major solar term. New moons and the sun's
 * longitude come from the standard low-precision series (Meeus, "Astronomical
 * Algorithms", ch. 47 and 25), good to minutes for 1900-2100, which is what the
 * published Vietnamese calendar uses. */
#include "cal.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t cal_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cal_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int cal_weekday(int64_t day)
{
	int64_t w = (day + 4) % 7; /* 1970-01-01 was a Thursday */
	return (int)(w < 0 ? w + 7 : w);
}

int64_t cal_today(time_t now)
{
	int64_t t = (int64_t)now + CAL_TZ_OFFSET;
	return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

static bool real_date(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	int md = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return d <= md;
}

bool cal_parse_date(const char *s, int64_t *day)
{
	int y, m, d, k = 0;
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 && k == 10) {
	} else if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &k) == 3 && (size_t)k == strlen(s)) {
	} else {
		return false;
	}
	if (!real_date(y, m, d))
		return false;
	*day = cal_days_from_civil(y, m, d);
	return true;
}

void cal_format_iso(int64_t day, char out[11])
{
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void cal_format_vn(int64_t day, char out[11])
{
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%02d/%02d/%04d", d % 100, m % 100, y % 10000);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void cal_format_time_vn(time_t t, char out[20])
{
	int64_t local = (int64_t)t + CAL_TZ_OFFSET;
	int64_t day = cal_today(t);
	int64_t sec = local - day * 86400;
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%02d:%02d %02d/%02d/%04d", (int)(sec / 3600) % 100,
		 (int)(sec / 60 % 60), d % 100, m % 100, y % 10000);
	memcpy(out, tmp, 16);
	out[16] = '\0';
}

/* ---- lunar calendar ---- */

#define TZ 7.0
#define JD_EPOCH 2440588 /* Julian day number of 1970-01-01 */

static int64_t jd_from_day(int64_t day)
{
	return day + JD_EPOCH;
}

/* Julian day number (local) of the k-th new moon after 1900-01-01. */
static int64_t new_moon_day(int64_t k)
{
	double T = (double)k / 1236.85, T2 = T * T, T3 = T2 * T, dr = M_PI / 180;
	double jd1 = 2415020.75933 + 29.53058868 * (double)k + 0.0001178 * T2 - 0.000000155 * T3;
	jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
	double M = 359.2242 + 29.10535608 * (double)k - 0.0000333 * T2 - 0.00000347 * T3;
	double Mpr = 306.0253 + 385.81691806 * (double)k + 0.0107306 * T2 + 0.00001236 * T3;
	double F = 21.2964 + 390.67050646 * (double)k - 0.0016528 * T2 - 0.00000239 * T3;
	double c1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
	c1 = c1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
	c1 = c1 - 0.0004 * sin(dr * 3 * Mpr);
	c1 = c1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
	c1 = c1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
	c1 = c1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
	c1 = c1 + 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
	double deltat;
	if (T < -11)
		deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 -
			 0.000000081 * T * T3;
	else
		deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
	double jd_new = jd1 + c1 - deltat;
	return (int64_t)floor(jd_new + 0.5 + TZ / 24);
}

/* Sector (0..11, 30 degrees each) of the sun's longitude at local midnight
 * starting Julian day jdn. */
static int sun_sector(int64_t jdn)
{
	double T = ((double)jdn - 2451545.5 - TZ / 24) / 36525, T2 = T * T, dr = M_PI / 180;
	double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
	double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
	double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
	DL += (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
	double L = (L0 + DL) * dr;
	L = L - M_PI * 2 * floor(L / (M_PI * 2));
	return (int)floor(L / M_PI * 6);
}

/* Julian day of the start of lunar month 11 of Gregorian year y. */
static int64_t lunar_month11(int y)
{
	double off = (double)(jd_from_day(cal_days_from_civil(y, 12, 31)) - 2415021);
	int64_t k = (int64_t)floor(off / 29.530588853);
	int64_t nm = new_moon_day(k);
	if (sun_sector(nm) >= 9)
		nm = new_moon_day(k - 1);
	return nm;
}

/* Offset (in months after month 11) of the leap month in a 13-month year. */
static int leap_month_offset(int64_t a11)
{
	int64_t k = (int64_t)floor(((double)a11 - 2415021.076998695) / 29.530588853 + 0.5);
	int i = 1;
	int arc = sun_sector(new_moon_day(k + i)), last;
	do {
		last = arc;
		i++;
		arc = sun_sector(new_moon_day(k + i));
	} while (arc != last && i < 14);
	return i - 1;
}

bool cal_lunar_to_solar(int lday, int lmonth, int lyear, bool leap, int64_t *day)
{
	int64_t a11, b11;
	if (lmonth < 11) {
		a11 = lunar_month11(lyear - 1);
		b11 = lunar_month11(lyear);
	} else {
		a11 = lunar_month11(lyear);
		b11 = lunar_month11(lyear + 1);
	}
	int64_t k = (int64_t)floor(0.5 + ((double)a11 - 2415021.076998695) / 29.530588853);
	int off = lmonth - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		int leap_off = leap_month_offset(a11);
		int leap_month = leap_off - 2;
		if (leap_month < 0)
			leap_month += 12;
		if (leap && lmonth != leap_month)
			return false;
		if (leap || off >= leap_off)
			off += 1;
	} else if (leap) {
		return false;
	}
	int64_t start = new_moon_day(k + off);
	*day = start + lday - 1 - JD_EPOCH;
	return true;
}

/* ---- working days ---- */

static int cmp_day(const void *a, const void *b)
{
	const struct cal_day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

void cal_table_sort(struct cal_table *t)
{
	if (t->n)
		qsort(t->a, t->n, sizeof *t->a, cmp_day);
}

static const struct cal_day *find(const struct cal_table *t, int64_t day)
{
	if (!t || !t->n)
		return NULL;
	struct cal_day key = {.day = day};
	return bsearch(&key, t->a, t->n, sizeof *t->a, cmp_day);
}

bool cal_is_working_day(const struct cal_table *t, int64_t day)
{
	const struct cal_day *e = find(t, day);
	if (e)
		return e->kind == CAL_WORKDAY;
	int w = cal_weekday(day);
	return w != 0 && w != 6;
}

int64_t cal_add_working_days(const struct cal_table *t, int64_t from, int n)
{
	int64_t d = from;
	while (n > 0) {
		d++;
		if (cal_is_working_day(t, d))
			n--;
	}
	return d;
}

int cal_working_days_between(const struct cal_table *t, int64_t from, int64_t to)
{
	int n = 0;
	for (int64_t d = from + 1; d <= to; d++)
		n += cal_is_working_day(t, d);
	return n;
}

static void add(struct cal_table *t, size_t *cap, int64_t day, const char *name)
{
	if (find(t, day))
		return;
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		t->a = realloc(t->a, *cap * sizeof *t->a);
		if (!t->a)
			abort();
	}
	struct cal_day *e = &t->a[t->n++];
	e->day = day;
	e->kind = CAL_HOLIDAY;
	snprintf(e->name, sizeof e->name, "%s", name);
	cal_table_sort(t);
}

void cal_seed_holidays(int y0, int y1, struct cal_table *t)
{
	size_t cap = 0;
	t->a = NULL;
	t->n = 0;
	for (int y = y0; y <= y1; y++) {
		size_t first = t->n;
		(void)first;
		/* Art. 112(1)(a): Tết Dương lịch, 1 day. */
		add(t, &cap, cal_days_from_civil(y, 1, 1), "Tết Dương lịch");
		/* Art. 112(1)(b): Tết Âm lịch, 5 days; the government fixes them each
		 * year, usually the last day of the old year and days 1-4. */
		int64_t tet;
		if (cal_lunar_to_solar(1, 1, y, false, &tet)) {
			add(t, &cap, tet - 1, "Tết Nguyên đán (30 Tết)");
			for (int i = 0; i < 4; i++) {
				char nm[64];
				snprintf(nm, sizeof nm, "Tết Nguyên đán (mùng %d)", i + 1);
				add(t, &cap, tet + i, nm);
			}
		}
		/* Art. 112(1)(đ): Giỗ Tổ Hùng Vương, 10/3 lunar. */
		int64_t hung;
		if (cal_lunar_to_solar(10, 3, y, false, &hung))
			add(t, &cap, hung, "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
		/* Art. 112(1)(c),(d): 30/4 and 1/5. */
		add(t, &cap, cal_days_from_civil(y, 4, 30), "Ngày Chiến thắng (30/4)");
		add(t, &cap, cal_days_from_civil(y, 5, 1), "Ngày Quốc tế Lao động (1/5)");
		/* Art. 112(1)(d): Quốc khánh 2/9 and the day before or after it; the
		 * government chooses each year: seeded as 1/9, administrators move it. */
		add(t, &cap, cal_days_from_civil(y, 9, 1), "Quốc khánh (nghỉ liền kề)");
		add(t, &cap, cal_days_from_civil(y, 9, 2), "Quốc khánh (2/9)");
	}
	/* Art. 112(3): a day off falling on the weekly rest day is compensated on
	 * the next working day. */
	size_t n = t->n;
	int64_t *weekend = malloc((n ? n : 1) * sizeof *weekend);
	if (!weekend)
		abort();
	size_t nw = 0;
	for (size_t i = 0; i < n; i++) {
		int w = cal_weekday(t->a[i].day);
		if (w == 0 || w == 6)
			weekend[nw++] = t->a[i].day;
	}
	for (size_t i = 0; i < nw; i++) {
		int64_t d = weekend[i];
		do
			d++;
		while (!cal_is_working_day(t, d));
		char nm[32];
		char iso[11];
		cal_format_vn(weekend[i], iso);
		snprintf(nm, sizeof nm, "Nghỉ bù (%.10s)", iso);
		add(t, &cap, d, nm);
	}
	free(weekend);
}

/* "2026-11-25T08:00" (a datetime-local field, UTC+7) or "2026-11-25T01:00:00Z". */
bool cal_parse_datetime(const char *s, int64_t *out)
{
	int64_t day;
	int hh, mm, ss = 0;
	char tail[8] = "";
	if (!s || strlen(s) < 16 || s[10] != 'T')
		return false;
	char d[11];
	memcpy(d, s, 10);
	d[10] = 0;
	if (!cal_parse_date(d, &day))
		return false;
	int n = sscanf(s + 11, "%2d:%2d:%2d%7s", &hh, &mm, &ss, tail);
	if (n < 2 || hh > 23 || mm > 59 || ss > 59)
		return false;
	bool utc = n == 4 && !strcmp(tail, "Z");
	if (n == 4 && !utc && strcmp(tail, "+07:00"))
		return false;
	if (n == 2 && strlen(s) != 16)
		return false;
	*out = day * 86400 + hh * 3600 + mm * 60 + ss - (utc ? 0 : 7 * 3600);
	return true;
}
