/*
 * doc.c — the layout of an administrative document (Decree 30/2020/NĐ-CP,
 * Appendix I), see doc.h. Sizes follow the appendix: the parent body 13 pt
 * plain capitals, the issuing body 13 pt bold capitals with a rule of a third
 * to a half of its length; the national name 13 pt bold capitals, the motto
 * 14 pt bold with a rule as long as it; the number 13 pt; the place and date
 * 14 pt italic; the type 14 pt bold capitals; the subject 14 pt bold; the body
 * 13-14 pt justified; "Nơi nhận:" 12 pt bold italic, its list 11 pt.
 */
#include "doc.h"
#include "../i18n/msg.h"
#include "../util/arena.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdlib.h>
#include <string.h>

const char *const doc_type_codes[DOC__N] = {"TB", "BB", "BC", "GM"};

/* Margins in mm (App. I: top 20-25, bottom 20-25, left 30-35, right 15-20). */
#define DOC_TOP 20
#define DOC_BOTTOM 20
#define DOC_LEFT 30
#define DOC_RIGHT 15
#define BODY_PT 13

static const char *upper(struct arena *a, const char *s)
{
	char *u = str_upper(s);
	const char *r = arena_strdup(a, u ? u : s);
	free(u);
	return r;
}

/* "phường" of "Phường Kinh Bắc" named "Kinh Bắc", in lower case. */
static const char *level_of(struct arena *a, const char *title, const char *name)
{
	size_t tl = strlen(title), nl = strlen(name);
	if (nl >= tl || strcmp(title + tl - nl, name))
		return "xã";
	size_t k = tl - nl; /* the prefix, without the space before the name */
	while (k > 0 && title[k - 1] == ' ')
		k--;
	char *w = arena_strndup(a, title, k);
	char *l = str_lower(w);
	const char *r = arena_strdup(a, l ? l : w);
	free(l);
	return r;
}

void doc_issuer_of(struct arena *a, const char *kind, bool commune_level, const char *title, const char *name,
		   const char *parent_title, const char *parent_name, struct doc_issuer *out)
{
	memset(out, 0, sizeof *out);
	commune_level |= !strcmp(kind, "province"); /* a province's People's Committee likewise */
	out->place = commune_level || !parent_name ? name : parent_name;
	out->level = commune_level ? level_of(a, title, name) : parent_title ? level_of(a, parent_title, parent_name) : "xã";
	if (commune_level) {
		/* the commune's People's Committee issues (Law 10/2022 Art. 11-13) */
		out->name = arena_printf(a, "%s\n%s", msg(MSG_DOC_PEOPLES_COMMITTEE), upper(a, title));
		out->abbr = doc_abbr(kind, true);
		return;
	}
	out->name = upper(a, title);
	out->parent = parent_title ? arena_printf(a, "%s %s", msg(MSG_DOC_PC_SHORT), upper(a, parent_title)) : NULL;
	out->abbr = doc_abbr(kind, commune_level);
}

const char *doc_abbr(const char *kind, bool commune_level)
{
	/* the People's Committee; a village's and a residential group's papers
	 * are their head's (Law 10/2022 Art. 15-22); an agency's its own */
	return commune_level || !strcmp(kind, "province") ? "UBND" : !strcmp(kind, "residential_group") ? "TDP" : !strcmp(kind, "village") ? "TH" : "CQ";
}

const char *doc_date_words(struct arena *a, int64_t day)
{
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	/* App. I §II.5: a day below 10 and the months 1 and 2 take a leading 0 */
	return arena_printf(a, "ngày %02d tháng %s%d năm %d", d, m <= 2 ? "0" : "", m, y);
}

struct pdf *doc_begin(const struct doc_head *h, const char *meta_title)
{
	struct arena a;
	arena_init(&a);
	struct pdf *p = pdf_open(&(struct pdf_opts){.title = meta_title, .top = DOC_TOP, .bottom = DOC_BOTTOM,
						     .left = DOC_LEFT, .right = DOC_RIGHT, .page_numbers = true,
						     .created = h->created, .landscape = h->landscape});
	const struct doc_issuer *is = h->issuer;
	const char *number = h->number ? arena_printf(&a, "Số: %s", h->number)
				       : arena_printf(&a, "Số:       /%s-%s", doc_type_codes[h->type], is->abbr);
	struct pdf_line left[3];
	size_t nl = 0;
	if (is->parent)
		left[nl++] = (struct pdf_line){.text = is->parent, .size = 13};
	left[nl++] = (struct pdf_line){.text = is->name, .size = 13, .style = PDF_BOLD, .rule = 0.4};
	left[nl++] = (struct pdf_line){.text = number, .size = 13, .space = 4};
	struct pdf_line right[3] = {
		{.text = msg(MSG_DOC_NATION), .size = 13, .style = PDF_BOLD},
		{.text = msg(MSG_DOC_MOTTO), .size = 14, .style = PDF_BOLD, .rule = 1},
		{.text = arena_printf(&a, "%s, %s", is->place, doc_date_words(&a, h->day)), .size = 14, .style = PDF_ITALIC,
		 .space = 6},
	};
	/* the issuer's column is about two fifths of the width, the nation's the rest */
	pdf_blocks(p, (struct pdf_block[]){{.x = 0, .w = 0.40, .align = PDF_CENTER, .lines = left, .n = nl},
					   {.x = 0.40, .w = 0.60, .align = PDF_CENTER, .lines = right, .n = 3}},
		   2);
	pdf_space(p, 18);
	if (h->mark)
		pdf_para(p, h->mark, 13, PDF_BOLD | PDF_ITALIC, PDF_CENTER);
	struct pdf_line t[2] = {{.text = h->title, .size = 14, .style = PDF_BOLD},
				{.text = h->subject, .size = 14, .style = PDF_BOLD, .rule = 0.4}};
	if (!h->subject)
		t[0].rule = 0.4;
	pdf_blocks(p, (struct pdf_block[]){{.x = 0, .w = 1, .align = PDF_CENTER, .lines = t, .n = h->subject ? 2 : 1}}, 1);
	pdf_space(p, 12);
	arena_free(&a);
	return p;
}

void doc_para(struct pdf *p, const char *text)
{
	pdf_para(p, text, BODY_PT, PDF_INDENT, PDF_JUSTIFY);
}

void doc_para_style(struct pdf *p, const char *text, unsigned style)
{
	pdf_para(p, text, BODY_PT, style | PDF_INDENT, PDF_JUSTIFY);
}

void doc_end(struct pdf *p, const struct doc_signer *s, const char *const *recipients, size_t n)
{
	struct arena a;
	arena_init(&a);
	pdf_space(p, 10);
	struct buf list;
	buf_init(&list);
	for (size_t i = 0; i < n; i++)
		buf_printf(&list, "- %s;\n", recipients[i]);
	buf_printf(&list, "- %s.", msg(MSG_DOC_FILED));
	struct pdf_line left[2] = {{.text = msg(MSG_DOC_RECIPIENTS), .size = 12, .style = PDF_BOLD | PDF_ITALIC},
				   {.text = buf_str(&list), .size = 11}};
	struct pdf_line right[4];
	size_t nr = 0;
	if (s->authority)
		right[nr++] = (struct pdf_line){.text = s->authority, .size = 14, .style = PDF_BOLD};
	right[nr++] = (struct pdf_line){.text = s->title, .size = 14, .style = PDF_BOLD};
	/* room for the signature and the seal, then the name */
	right[nr++] = (struct pdf_line){.text = s->name && *s->name ? s->name : " ", .size = 14, .style = PDF_BOLD,
					.space = 62};
	pdf_blocks(p, (struct pdf_block[]){{.x = 0, .w = 0.48, .align = PDF_LEFT, .lines = left, .n = 2},
					   {.x = 0.48, .w = 0.52, .align = PDF_CENTER, .lines = right, .n = nr}},
		   2);
	buf_reset(&list);
	arena_free(&a);
}
