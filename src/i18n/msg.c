/* msg.c — message lookup (see msg.h). */
#include "msg.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include <stdio.h>
#include <string.h>

static const char *const vi[MSG__MAX] = {
#define MSG(id, text) text,
#include "vi.def"
#undef MSG
};

const char *msg(enum msg_id id)
{
	return id < MSG__MAX ? vi[id] : "";
}

struct pair {
	const char *code;  /* English code */
	enum msg_id id;    /* label */
};

static const struct pair kinds[] = {
	{"province", MSG_KIND_PROVINCE},   {"commune", MSG_KIND_COMMUNE},
	{"ward", MSG_KIND_WARD},           {"special_zone", MSG_KIND_SPECIAL_ZONE},
	{"village", MSG_KIND_VILLAGE},     {"residential_group", MSG_KIND_RESIDENTIAL_GROUP},
	{"agency", MSG_KIND_AGENCY},       {"public_unit", MSG_KIND_PUBLIC_UNIT},
	{"employer", MSG_KIND_EMPLOYER},
};

static const struct pair roles[] = {
	{"resident", MSG_ROLE_RESIDENT},
	{"village_head", MSG_ROLE_VILLAGE_HEAD},
	{"front_committee_head", MSG_ROLE_FRONT_COMMITTEE_HEAD},
	{"commune_officer", MSG_ROLE_COMMUNE_OFFICER},
	{"commune_chair", MSG_ROLE_COMMUNE_CHAIR},
	{"front_officer", MSG_ROLE_FRONT_OFFICER},
	{"board_member", MSG_ROLE_BOARD_MEMBER},
	{"supervisor", MSG_ROLE_SUPERVISOR},
	{"agency_head", MSG_ROLE_AGENCY_HEAD},
	{"union_officer", MSG_ROLE_UNION_OFFICER},
	{"province_admin", MSG_ROLE_PROVINCE_ADMIN},
	{"sysadmin", MSG_ROLE_SYSADMIN},
};

/* The label of code in t, else dflt. */
static const char *lookup_or(const struct pair *t, size_t n, const char *code, const char *dflt)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return vi[t[i].id];
	return dflt;
}

static const char *lookup(const struct pair *t, size_t n, const char *code)
{
	return lookup_or(t, n, code, code);
}


static const struct pair form_labels[] = {
	{"posting", MSG_FORM_POSTING},       {"portal", MSG_FORM_PORTAL},
	{"radio", MSG_FORM_RADIO},           {"village_head", MSG_FORM_VILLAGE_HEAD},
	{"letter", MSG_FORM_LETTER},         {"dialogue", MSG_FORM_DIALOGUE},
	{"reception", MSG_FORM_RECEPTION},   {"organisations", MSG_FORM_ORGANISATIONS},
	{"social", MSG_FORM_SOCIAL},         {"other", MSG_FORM_OTHER},
	{"intranet", MSG_FORM_INTRANET},     {"conference", MSG_FORM_CONFERENCE},
	{"unit_head", MSG_FORM_UNIT_HEAD},   {"union", MSG_FORM_UNION},
};

const char *msg_form(const char *form)
{
	return lookup(form_labels, sizeof form_labels / sizeof *form_labels, form);
}

const char *msg_kind(const char *kind)
{
	return lookup(kinds, sizeof kinds / sizeof *kinds, kind);
}

const char *msg_role(const char *role)
{
	return lookup(roles, sizeof roles / sizeof *roles, role);
}

char *msg_quarter(const char *q, char *out)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	size_t n = q ? strlen(q) : 0;
	if (n == 7 && q[4] == '-' && q[5] == 'Q' && q[6] >= '1' && q[6] <= '4')
		snprintf(out, 24, "%s %s/%.4s", msg(MSG_TG_QUARTER), roman[q[6] - '1'], q);
	else
		snprintf(out, 24, "%s", q ? q : "");
	return out;
}

char *msg_time(long long t, char *out)
{
	char hm[20];
	cal_format_time_vn((time_t)t, hm); /* "10:20 30/11/2026" */
	hm[16] = 0;
	snprintf(out, MSG_TIME_LEN, "%.5s %s %s", hm, msg(MSG_TIME_DAY), hm + 6);
	return out;
}

/* The documents cited, as stored and as written out (vi.def has the names). */
static const struct pair cited[] = {
	{"Luật 10/2022/QH15, ", MSG_CITE_LAW},
	{"Nghị định 59/2023/NĐ-CP, ", MSG_CITE_DECREE59},
	{"Nghị định 59/2023, ", MSG_CITE_DECREE59},
	{"Nghị định 61/2023/NĐ-CP, ", MSG_CITE_DECREE61},
	{"Nghị định 61/2023, ", MSG_CITE_DECREE61},
};

/* "Điều 11 khoản 1..." at p: writes "khoản 1 Điều 11" and returns the rest;
 * NULL when p is not that. */
static const char *article_clause(struct buf *b, const char *p)
{
	const char *d = "Điều ", *k = " khoản ";
	size_t nd = strlen(d), nk = strlen(k);
	if (strncmp(p, d, nd))
		return NULL;
	const char *a = p + nd, *ae = a;
	while (*ae >= '0' && *ae <= '9')
		ae++;
	if (ae == a || strncmp(ae, k, nk))
		return NULL;
	const char *c = ae + nk, *ce = c;
	while ((*ce >= '0' && *ce <= '9') || (*ce >= 'a' && *ce <= 'z' && ce > c))
		ce++;
	if (ce == c)
		return NULL;
	buf_printf(b, "khoản %.*s Điều %.*s", (int)(ce - c), c, (int)(ae - a), a);
	return ce;
}

const char *msg_cite(struct arena *a, const char *raw)
{
	if (!raw)
		return "";
	struct buf b;
	buf_init(&b);
	const char *p = raw, *doc = NULL;
	bool first_of_doc = false;
	while (*p) {
		/* a document's name opens a group: its clauses follow */
		for (size_t i = 0; i < sizeof cited / sizeof *cited; i++) {
			size_t n = strlen(cited[i].code);
			if (!strncmp(p, cited[i].code, n)) {
				doc = msg(cited[i].id);
				first_of_doc = true;
				p += n;
				break;
			}
		}
		const char *rest = article_clause(&b, p);
		if (rest) {
			p = rest;
			if (doc && first_of_doc) {
				buf_printf(&b, " %s", doc);
				first_of_doc = false;
			}
			continue;
		}
		buf_putc(&b, *p++);
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return out;
}

static const struct pair file_types[] = {
	{"application/pdf", MSG_FILE_PDF},
	{"application/msword", MSG_FILE_WORD},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", MSG_FILE_WORD},
	{"application/vnd.ms-excel", MSG_FILE_EXCEL},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MSG_FILE_EXCEL},
	{"image/jpeg", MSG_FILE_JPG},
	{"image/png", MSG_FILE_PNG},
	{"audio/ogg", MSG_FILE_AUDIO},
	{"audio/mpeg", MSG_FILE_AUDIO},
	{"audio/wav", MSG_FILE_AUDIO},
	{"text/csv", MSG_FILE_CSV},
};

const char *msg_file_type(const char *mime)
{
	char base[128]; /* without its parameters ("; charset=utf-8") */
	snprintf(base, sizeof base, "%s", mime ? mime : "");
	base[strcspn(base, ";")] = 0;
	return lookup_or(file_types, sizeof file_types / sizeof *file_types, base, msg(MSG_FILE_OTHER));
}

char *msg_size(long long bytes, char *out)
{
	if (bytes < 1024 * 1024) {
		snprintf(out, 24, "%lld KB", (bytes + 1023) / 1024);
	} else {
		long long tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
		snprintf(out, 24, "%lld,%lld MB", tenths / 10, tenths % 10); /* a decimal comma */
	}
	return out;
}

const char *msg_day(struct arena *a, int64_t day)
{
	if (!day)
		return "";
	char *s = arena_alloc(a, 11);
	cal_format_vn(day, s);
	return s;
}
