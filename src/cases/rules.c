/*
 * rules.c — the cases' statutory clocks as dated rules (data/cases/rules.txt)
 * and the categories (data/cases/categories.txt), and the deadline
 * arithmetic over them (cases.h).
 */
#include "cases.h"
#include "../i18n/msg.h"
#include "../units/units.h"
#include "../util/embed.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const case_kind_names[CK__N] = {"petition", "complaint", "denunciation", "board_rec", "board_petition"};
const enum msg_id case_kind_labels[CK__N] = {MSG_CK_PETITION, MSG_CK_COMPLAINT, MSG_CK_DENUNCIATION, MSG_CK_BOARD_REC,
					     MSG_CK_BOARD_PETITION};
const char *const case_status_names[CST__N] = {"received",    "classified", "accepted", "rejected", "forwarded",
					       "in_progress", "suspended",  "resolved", "rated",    "closed"};
const enum msg_id case_status_labels[CST__N] = {
	MSG_CST_RECEIVED,    MSG_CST_CLASSIFIED, MSG_CST_ACCEPTED, MSG_CST_REJECTED, MSG_CST_FORWARDED,
	MSG_CST_IN_PROGRESS, MSG_CST_SUSPENDED,	 MSG_CST_RESOLVED, MSG_CST_RATED,    MSG_CST_CLOSED};
const char *const case_action_names[CA__N] = {"file",	 "classify", "take",   "accept",  "reject",
					      "forward", "start",    "extend", "suspend", "resume",
					      "resolve", "rate",     "close",  "reopen",  "appeal"};
const enum msg_id case_action_labels[CA__N] = {
	MSG_CA_FILE,   MSG_CA_CLASSIFY, MSG_CA_TAKE,	MSG_CA_ACCEPT, MSG_CA_REJECT,
	MSG_CA_FORWARD, MSG_CA_START,	MSG_CA_EXTEND,	MSG_CA_SUSPEND, MSG_CA_RESUME,
	MSG_CA_RESOLVE, MSG_CA_RATE,	MSG_CA_CLOSE,	MSG_CA_REOPEN, MSG_CA_APPEAL};
const char *const case_channel_names[CC__N] = {"web", "paper", "phone", "in_person", "api", "sms", "open311", "reception"};
const enum msg_id case_channel_labels[CC__N] = {MSG_CC_WEB, MSG_CC_PAPER, MSG_CC_PHONE,	 MSG_CC_IN_PERSON,
						MSG_CC_API, MSG_CC_SMS,	  MSG_CC_OPEN311, MSG_CC_RECEPTION};

int case_name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

bool case_status_open(enum case_status s)
{
	return s == CST_RECEIVED || s == CST_CLASSIFIED || s == CST_ACCEPTED || s == CST_IN_PROGRESS ||
	       s == CST_SUSPENDED;
}

/* ---- the rules file ---- */

static const char *const rule_kinds[] = {"petition",	 "complaint", "complaint2",
					 "denunciation", "board_rec", "board_petition"};
static const char *const rule_clocks[] = {"accept",	    "accept_ext",	      "resolve",
					  "resolve_complex", "resolve_remote",	      "resolve_remote_complex",
					  "extend",	    "extensions_complex",     "extensions_very_complex",
					  "file_limit",	    "notice"};

static bool in_list(const char *const *l, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(l[i], w))
			return true;
	return false;
}

/* The next whitespace-separated word of *p into w (at most cap-1 bytes). */
static bool word(const char **p, char *w, size_t cap)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t')
		n++;
	if (!n || n >= cap)
		return false;
	memcpy(w, s, n);
	w[n] = 0;
	*p = s + n;
	return true;
}

static int rule_cmp(const void *x, const void *y)
{
	const struct case_rule *a = x, *b = y;
	int k = strcmp(a->kind, b->kind);
	if (!k)
		k = strcmp(a->clock, b->clock);
	return k ? k : (a->from > b->from) - (a->from < b->from);
}

enum app_err case_rules_parse(const char *text, size_t len, struct case_rules *out, struct import_report *rep)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0, bad = rep->nproblem;
	const char *p = text, *end = text + len;
	for (int line = 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *ln = strndup(p, l);
		p += l + (nl != NULL);
		size_t k = strlen(ln);
		while (k && (ln[k - 1] == '\r' || ln[k - 1] == ' '))
			ln[--k] = 0;
		const char *s = ln;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#') {
			free(ln);
			continue;
		}
		struct case_rule r = {0};
		char from[16], n[8], unit[4], anchor[12];
		if (!word(&s, r.kind, sizeof r.kind) || !word(&s, r.clock, sizeof r.clock) || !word(&s, from, sizeof from) ||
		    !word(&s, n, sizeof n) || !word(&s, unit, sizeof unit) || !word(&s, anchor, sizeof anchor)) {
			import_problem(rep, line, "", msg(MSG_CR_BAD_LINE));
			free(ln);
			continue;
		}
		while (*s == ' ' || *s == '\t')
			s++;
		int64_t v;
		if (!in_list(rule_kinds, ARRAY_SIZE(rule_kinds), r.kind))
			import_problem(rep, line, "kind", msg(MSG_CR_BAD_KIND));
		if (!in_list(rule_clocks, ARRAY_SIZE(rule_clocks), r.clock))
			import_problem(rep, line, "clock", msg(MSG_CR_BAD_CLOCK));
		if (!cal_parse_date(from, &r.from))
			import_problem(rep, line, "from", msg(MSG_CR_BAD_FROM));
		if (str_to_i64(n, 0, 366, &v))
			import_problem(rep, line, "n", msg(MSG_CR_BAD_N));
		r.n = (int)v;
		if (!strcmp(unit, "d"))
			r.unit = CDU_DAYS;
		else if (!strcmp(unit, "wd"))
			r.unit = CDU_WORKING;
		else if (!strcmp(unit, "n"))
			r.unit = CDU_COUNT;
		else
			import_problem(rep, line, "unit", msg(MSG_CR_BAD_UNIT));
		if (!strcmp(anchor, "accepted"))
			r.from_accepted = true;
		else if (strcmp(anchor, "received") && strcmp(anchor, "-"))
			import_problem(rep, line, "anchor", msg(MSG_CR_BAD_ANCHOR));
		if (!*s || strlen(s) >= sizeof r.cite)
			import_problem(rep, line, "cite", msg(MSG_CR_BAD_CITE));
		else
			memcpy(r.cite, s, strlen(s) + 1);
		free(ln);
		if (rep->nproblem > bad)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		out->v[out->n++] = r;
	}
	if (rep->nproblem > bad || !out->n) {
		if (!out->n && rep->nproblem == bad)
			import_problem(rep, 0, "", msg(MSG_CR_EMPTY));
		case_rules_free(out);
		return APP_EINVAL;
	}
	qsort(out->v, out->n, sizeof *out->v, rule_cmp);
	for (size_t i = 1; i < out->n; i++)
		if (!rule_cmp(&out->v[i - 1], &out->v[i])) {
			import_problem(rep, 0, out->v[i].clock, msg(MSG_CR_DUP));
			case_rules_free(out);
			return APP_EINVAL;
		}
	return APP_OK;
}

void case_rules_free(struct case_rules *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static void *_Atomic current;

static enum app_err parse_embedded(const char *text, size_t n, void *out, struct import_report *rep)
{
	return case_rules_parse(text, n, out, rep);
}

static void free_embedded(void *r)
{
	case_rules_free(r);
}

const struct case_rules *case_rules(void)
{
	return import_embedded(&current, "data/cases/rules.txt", sizeof(struct case_rules), parse_embedded, free_embedded);
}

void case_rules_use(struct case_rules *r)
{
	/* the one replaced stays allocated: a reader may hold it (rules change
	 * once at start-up) */
	atomic_store(&current, r);
}

const struct case_rule *case_rule(const struct case_rules *r, const char *kind, const char *clock, int64_t day)
{
	const struct case_rule *best = NULL;
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].kind, kind) && !strcmp(r->v[i].clock, clock) && r->v[i].from <= day)
			best = &r->v[i]; /* sorted by from: the latest in force */
	return best;
}

/* ---- deadlines ---- */

static int64_t add(const struct cal_table *hol, const struct case_rule *r, int64_t from, int64_t n)
{
	if (n <= 0)
		return from;
	return r->unit == CDU_WORKING ? cal_add_working_days(hol, from, (int)n) : from + n;
}

/* The rule of a clock for the case's kind, instance, complexity and area. */
static const struct case_rule *pick(const char *kind, int instance, const char *clock, int complexity, bool remote,
				    int64_t from)
{
	const char *k = !strcmp(kind, "complaint") && instance == 2 ? "complaint2" : kind;
	const struct case_rules *rs = case_rules();
	const struct case_rule *r = NULL;
	if (!strcmp(clock, "resolve")) {
		/* complaints: complex cases and remote areas have their own periods (Arts. 28, 37) */
		const char *c = remote && complexity ? "resolve_remote_complex"
				: remote	     ? "resolve_remote"
				: complexity	     ? "resolve_complex"
						     : "resolve";
		r = case_rule(rs, k, c, from);
	}
	return r ? r : case_rule(rs, k, clock, from);
}

int64_t case_deadline(const struct cal_table *hol, const char *kind, int instance, const char *clock, int complexity,
		      bool remote, int64_t from, const struct case_rule **rule)
{
	const struct case_rule *r = pick(kind, instance, clock, complexity, remote, from);
	if (rule)
		*rule = r;
	return r ? add(hol, r, from, r->n) : 0;
}

int64_t case_left(const struct cal_table *hol, const struct case_rule *r, int64_t day, int64_t due)
{
	if (!r || due <= day)
		return 0;
	return r->unit == CDU_WORKING ? cal_working_days_between(hol, day, due) : due - day;
}

int64_t case_resume_due(const struct cal_table *hol, const struct case_rule *r, int64_t day, int64_t left)
{
	return r ? add(hol, r, day, left) : 0;
}

const struct case_rule *case_clock_rule(const struct fcase *k)
{
	if (!*k->clock)
		return NULL;
	return pick(case_kind_names[k->kind], k->instance, k->clock, k->complexity, k->remote,
		    !strcmp(k->clock, "resolve") && k->accepted_day ? k->accepted_day : k->received_day);
}

/* ---- categories ---- */

static struct case_category *cats;
static size_t ncats;
static atomic_bool cats_loaded;

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return strndup(s, n);
}

static void cats_load(void)
{
	static atomic_flag busy = ATOMIC_FLAG_INIT;
	while (atomic_flag_test_and_set(&busy))
		;
	if (!atomic_load(&cats_loaded)) {
		const struct embed_file *f = embed_find("data/cases/categories.txt");
		const char *p = f ? f->data : "", *end = f ? f->data + f->len : p;
		size_t cap = 0;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
			const char *fields[5];
			size_t lens[5], nf = 0;
			if (l && *p != '#') {
				const char *s = p, *e = p + l;
				while (nf < 5) {
					const char *bar = memchr(s, '|', (size_t)(e - s));
					fields[nf] = s;
					lens[nf++] = bar ? (size_t)(bar - s) : (size_t)(e - s);
					if (!bar)
						break;
					s = bar + 1;
				}
			}
			if (nf == 5) {
				if (ncats == cap) {
					cap = cap ? cap * 2 : 16;
					cats = xrealloc(cats, cap * sizeof *cats);
				}
				char *need = trimmed(fields[1], lens[1]);
				cats[ncats++] = (struct case_category){
					.code = trimmed(fields[0], lens[0]), .needs_location = !strcmp(need, "yes"),
					.title = trimmed(fields[2], lens[2]), .description = trimmed(fields[3], lens[3]),
					.keywords = trimmed(fields[4], lens[4])};
				free(need);
			}
			p += l + (nl != NULL);
		}
		atomic_store(&cats_loaded, true);
	}
	atomic_flag_clear(&busy);
}

size_t case_categories(const struct case_category **out)
{
	if (!atomic_load(&cats_loaded))
		cats_load();
	*out = cats;
	return ncats;
}

const struct case_category *case_category(const char *code)
{
	const struct case_category *v;
	size_t n = case_categories(&v);
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(v[i].code, code))
			return &v[i];
	return NULL;
}
