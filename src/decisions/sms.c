/* sms.c — a household votes by SMS (issue #14): "BQ 4821 DONG Y" from its
 * representative's registered number, with the one-time code sent to that
 * number when the vote opened. The ballot takes the web ballot box's path
 * (ballots.c): one per household, the same checks, a receipt sent back. In
 * a secret vote nothing links the choice to the household, as on the web;
 * the invitation says the carrier sees the message, and a province may turn
 * SMS ballots off for secret votes (its gateway's sms_secret_ballots). */
#include "decisions.h"
#include "../db/db.h"
#include "../i18n/msg.h"
#include "../notify/notify.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/problems.h"
#include "../util/str.h"
#include <stdio.h>
#include <string.h>

/* The choice of what follows the code, spaces ignored: DONG Y, KHONG DONG Y
 * (or KHONG), KHONG Y KIEN (or Y KIEN KHAC); NULL if none. */
static const char *choice_of(const char *words)
{
	char k[64];
	size_t n = 0;
	for (const char *p = words; *p && n < sizeof k - 1; p++)
		if (*p != ' ')
			k[n++] = *p;
	k[n] = 0;
	static const struct {
		const char *said, *choice;
	} map[] = {{"DONGY", "for"},		 {"DY", "for"},		      {"CO", "for"},
		   {"KHONGDONGY", "against"},	 {"KHONG", "against"},	      {"KDY", "against"},
		   {"KHONGYKIEN", "abstain"},	 {"YKIENKHAC", "abstain"},    {"KYK", "abstain"}};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(k, map[i].said))
			return map[i].choice;
	return NULL;
}

enum app_err decisions_sms_vote(struct dbc *c, const char *province, const char *from, const char *words, const char *raw, int64_t now,
				struct buf *reply)
{
	/* the code: the first word, four digits */
	char code[8] = "";
	size_t l = strcspn(words, " ");
	if (l == 4 && strspn(words, "0123456789") == 4)
		memcpy(code, words, 4);
	const char *choice = choice_of(words + l);
	if (!*code || !choice) {
		buf_puts(reply, msg(MSG_NT_SMS_VOTE_HOW));
		return APP_OK;
	}
	char subject[40];
	int64_t household;
	enum app_err e = notify_code_check(c, "matter:", from, code, subject, sizeof subject, &household);
	if (e == APP_ENOTFOUND) {
		buf_puts(reply, msg(MSG_NT_SMS_NO_CODE));
		return APP_OK;
	}
	if (e == APP_EINVAL) { /* counted: after five the number is refused */
		buf_puts(reply, msg(MSG_NT_SMS_BAD_CODE));
		return APP_OK;
	}
	if (e)
		return e;
	int64_t matter = 0;
	str_to_i64(subject + strlen("matter:"), 1, INT64_MAX, &matter);
	struct arena a;
	arena_init(&a);
	struct problems pr = {.a = &a};
	const struct notify_gateway *g = notify_gateway_for(province, "sms");
	struct ballot_job j = {.matter = matter, .now = now, .choice = choice, .pr = &pr, .household = household,
			       .sms_secret_ok = !g || g->sms_secret_ballots};
	e = ballot_write(c, &j);
	if (!e)
		buf_printf(reply, "%s %s", msg(MSG_NT_SMS_VOTED), j.receipt);
	else if (pr.n)
		buf_puts(reply, pr.v[0].message);
	else
		buf_puts(reply, msg(MSG_ERR_DB_DOWN));
	arena_free(&a);
	return e;
}
