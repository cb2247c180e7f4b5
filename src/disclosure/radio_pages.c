/*
 * radio_pages.c — a posting on the commune loudspeakers (đài truyền thanh,
 * Law 10/2022 Art. 12(1)(c); items 7-12 at least 3 consecutive days, Art.
 * 13(3)): the bulletin read aloud in Vietnamese (espeak-ng, src/doc/audio.c)
 * as Ogg Vorbis and WAV, an officer's recording in its place when there is
 * one, and the broadcast days still needed, on the posting's page.
 */
#include "../doc/doc.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../units/units.h"
#include "../util/cal.h"
#include "../util/problems.h"
#include "dpages.h"
#include "postings.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What is read: the unit and the day first, then the title and summary. */
static const char *bulletin_text(struct req *r, const struct posting *p)
{
	int64_t day = 0;
	if (!cal_parse_date(*p->start_date ? p->start_date : p->decision_date, &day))
		day = cal_today(time(NULL));
	return arena_printf(r->a, "%s %s. %s. %s: %s. %s", msg(MSG_RADIO_FROM), p->unit.title, doc_date_words(r->a, day),
			    msg(MSG_DOC_NOTICE_WORD), p->title, p->summary);
}

/* The posting of the path, if it is broadcast; answers otherwise. */
static bool radio_posting_or_respond(struct req *r, struct resp *w, struct dbc **c, struct posting *p)
{
	if (!dp_posting_or_respond(r, w, c, p))
		return false;
	if (!posting_has_radio(p)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_RADIO_NOT_BROADCAST));
		return false;
	}
	return true;
}

static void bulletin(struct req *r, struct resp *w, bool ogg)
{
	struct dbc *c;
	struct posting p;
	if (!radio_posting_or_respond(r, w, &c, &p))
		return;
	/* a recording the officer made takes the synthesized reading's place */
	if (posting_recording(r->a, c, p.id)) {
		http_redirect(r, w, arena_printf(r->a, "/disclosures/%lld/recording", (long long)p.id));
		return;
	}
	/* the same bytes each time: the text of the stored version, the stream's serial from its id */
	enum app_err e = doc_speak(bulletin_text(r, &p), ogg, (uint32_t)(p.id * 1000 + p.version), &w->body);
	if (e) {
		http_send_error(r, w, e, msg(MSG_RADIO_NO_ENGINE));
		return;
	}
	w->ctype = ogg ? "audio/ogg" : "audio/wav";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "inline; filename=\"truyen-thanh-%lld.%s\"", (long long)p.id, ogg ? "ogg" : "wav"));
	w->max_age = 3600;
}

/* GET /disclosures/{id}.ogg */
void page_disclosure_ogg(struct req *r, struct resp *w)
{
	bulletin(r, w, true);
}

/* GET /disclosures/{id}.wav — for old broadcast equipment. */
void page_disclosure_wav(struct req *r, struct resp *w)
{
	bulletin(r, w, false);
}

/* GET /disclosures/{id}/recording — the officer's recorded reading. */
void page_disclosure_recording(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	if (!radio_posting_or_respond(r, w, &c, &p))
		return;
	const char *sha = posting_recording(r->a, c, p.id);
	if (!sha) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_RADIO_NO_RECORDING));
		return;
	}
	dp_blob_respond(r, w, c, sha, arena_printf(r->a, "ghi-am-%lld", (long long)p.id));
}

/* POST /disclosures/{id}/recording — multipart: file (audio), csrf. */
void page_disclosure_recording_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	if (!radio_posting_or_respond(r, w, &c, &p))
		return;
	const struct upload *f = req_file(r, "file");
	struct posting_file pf = {0};
	const char *why = !f || !f->len ? msg(MSG_DP_FILE_EMPTY) : posting_audio_check(f->data, f->len, &pf);
	if (why) { /* the posting's page again, the reason beside the file field */
		struct problems pr = {.a = r->a};
		problems_add(&pr, "file", why);
		dp_posting_page(r, w, &pr);
		w->status = 400;
		w->max_age = 0;
		return;
	}
	char *hex = (char *)pf.sha256; /* posting_audio_check's, moved into the arena */
	pf.sha256 = arena_strdup(r->a, hex);
	free(hex);
	enum app_err e = posting_set_recording(r->app->db, r->user, &p, &pf, f->data, time(NULL));
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/disclosures/%lld#radio", (long long)p.id));
}

void dp_radio_section(struct req *r, struct html *h, struct dbc *c, const struct posting *p, const struct problems *pr)
{
	if (!posting_has_radio(p) || p->status == POSTING_DRAFT)
		return;
	html_printf(h, "<section aria-labelledby=\"radio\">\n<h2 id=\"radio\">%s</h2>\n", msg(MSG_RADIO_TITLE));
	bool recorded = posting_recording(r->a, c, p->id) != NULL;
	html_printf(h, "<p>%s</p>\n<audio controls preload=\"none\" src=\"/disclosures/%lld.ogg\"></audio>\n",
		    recorded ? msg(MSG_RADIO_RECORDED) : msg(MSG_RADIO_SYNTH), (long long)p->id);
	html_printf(h, "<p><a href=\"/disclosures/%lld.ogg\">%s</a> · <a href=\"/disclosures/%lld.wav\">%s</a></p>\n",
		    (long long)p->id, msg(MSG_RADIO_OGG), (long long)p->id, msg(MSG_RADIO_WAV));
	/* Art. 13(3): at least radio_days consecutive days */
	int run = posting_radio_run(r->a, p->radio_dates), need = p->item.radio_days;
	if (need > 0)
		html_printf(h, "<p class=\"%s\">%s %d/%d %s%s</p>\n", run >= need ? "ok" : "meta", msg(MSG_RADIO_DONE), run,
			    need, msg(MSG_RADIO_DAYS_IN_A_ROW),
			    run >= need ? "" : arena_printf(r->a, " — %s %d %s", msg(MSG_RADIO_STILL), need - run,
							    msg(MSG_DITEM_DAYS)));
	else
		html_printf(h, "<p class=\"meta\">%s %d %s.</p>\n", msg(MSG_RADIO_DONE), run, msg(MSG_RADIO_DAYS_IN_A_ROW));
	if (posting_may_publish(r->user, &p->unit)) {
		form_problems(h, pr);
		form_begin(r, h, arena_printf(r->a, "/disclosures/%lld/recording", (long long)p->id), true);
		form_field(h, &(struct form_field){.name = "file", .label = msg(MSG_RADIO_UPLOAD), .type = "file",
						   .required = true, .accept = "audio/*", .hint = msg(MSG_RADIO_UPLOAD_HINT)},
			   pr);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_RADIO_UPLOAD_BUTTON));
		form_end(h);
	}
	html_lit(h, "</section>\n");
}
