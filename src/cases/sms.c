/*
 * sms.c — feedback from a feature phone (issue #15), through the
 * notifications' inbound webhook: "PA <nội dung>" files a petition at the
 * commune of the sender's household (or "PA <mã xã> <nội dung>" from a number
 * the registry does not know), answered with its tracking code; "TRA <mã hồ
 * sơ>" answers a case's status and deadline. Case and diacritics are
 * forgiven (the keyword and the code are read folded); the petition keeps
 * the words as they were sent.
 */
#include "cases.h"
#include "../db/db.h"
#include "../i18n/msg.h"
#include "../util/buf.h"
#include "../util/str.h"
#include <stdio.h>
#include <string.h>

/* The commune of the household whose member has that number, into u; APP_ENOTFOUND if none. */
static enum app_err phone_commune(struct arena *a, struct dbc *c, const char *from, struct unit *u)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CASE_PHONE_COMMUNE);
	db_bind_text(s, 1, from);
	enum app_err e = db_row(s);
	char code[32] = "";
	if (!e)
		snprintf(code, sizeof code, "%s", db_col_text(s, 0));
	db_reset(s);
	return e ? e : units_get(a, c, code, u);
}

enum app_err cases_sms_petition(struct dbc *c, const char *province, const char *from, const char *words,
				const char *raw, int64_t now, struct buf *reply)
{
	(void)province;
	struct arena a;
	arena_init(&a);
	struct unit u;
	/* a commune's code first (five digits) names the unit; else the sender's household's commune */
	size_t l = strcspn(words, " ");
	bool coded = l == 5 && strspn(words, "0123456789") == 5;
	enum app_err e = APP_ENOTFOUND;
	if (coded) {
		char code[6];
		memcpy(code, words, 5);
		code[5] = 0;
		e = units_get(&a, c, code, &u);
		raw += strcspn(raw, " ");
		raw += strspn(raw, " ");
	} else
		e = phone_commune(&a, c, from, &u);
	if (e == APP_ENOTFOUND) {
		buf_puts(reply, msg(coded ? MSG_CASES_SMS_NO_UNIT : MSG_CASES_SMS_WHO));
		arena_free(&a);
		return APP_OK;
	}
	struct case_input in = {.kind = "petition", .channel = "sms", .category = "khac", .body = raw, .phone = from};
	struct problems pr = {.a = &a};
	if (!e)
		case_check(&a, c, NULL, &u, &in, &pr);
	if (!e && pr.n) {
		buf_printf(reply, "%s %s", msg(MSG_CASES_SMS_BAD), pr.v[0].message);
		arena_free(&a);
		return APP_OK;
	}
	struct case_submit_job j = {.u = NULL, .unit = &u, .in = &in, .now = now};
	if (!e)
		e = case_submit_job_init(&a, c, &j);
	if (!e)
		e = case_submit_write(c, &j);
	if (!e)
		buf_printf(reply, "%s %s. %s", msg(MSG_CASES_SMS_FILED), j.code, msg(MSG_CASES_SMS_FILED2));
	else
		buf_puts(reply, msg(MSG_CASES_SMS_FAILED));
	arena_free(&a);
	return e;
}

enum app_err cases_sms_track(struct dbc *c, const char *province, const char *from, const char *words, const char *raw,
			     int64_t now, struct buf *reply)
{
	(void)province, (void)from, (void)raw, (void)now;
	struct arena a;
	arena_init(&a);
	struct fcase k;
	enum app_err e = case_by_code(&a, c, words, &k);
	if (e == APP_ENOTFOUND) {
		buf_puts(reply, msg(MSG_CASES_SMS_NO_CODE));
		e = APP_OK;
	} else if (!e) {
		buf_printf(reply, "%s %s: %s", msg(MSG_CASES_CASE), k.code, msg(case_status_labels[k.status]));
		if (k.due_day)
			buf_printf(reply, ", %s %s", msg(MSG_CASES_SMS_DUE), msg_day(&a, k.due_day));
		if (k.resolved_day)
			buf_printf(reply, ", %s %s", msg(MSG_CASES_RESOLVED_ON), msg_day(&a, k.resolved_day));
		buf_printf(reply, ". /track/%s", k.code);
	}
	arena_free(&a);
	return e;
}
