/*
 * audio.c — a posting read aloud for the commune loudspeakers (Law 10/2022
 * Art. 12(1)(c), 13(3)): espeak-ng's Vietnamese voice, as Ogg Vorbis for the
 * web and USB players or WAV for old equipment (doc.h).
 */
#include "doc.h"
#include "../util/log.h"
#include <espeak-ng/espeak_ng.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <vorbis/vorbisenc.h>

extern char **environ;
static int state; /* 0 not tried, 1 ready, -1 unavailable */
static int rate; /* the engine's, in the speaking process */
static struct buf *pcm; /* where the callback writes (the speaking process) */

static int on_samples(short *wav, int n, espeak_EVENT *ev)
{
	(void)ev;
	if (wav && n > 0)
		buf_append(pcm, wav, (size_t)n * sizeof *wav);
	return 0;
}

static bool engine(void)
{
	if (state)
		return state > 0;
	state = -1;
	espeak_ng_InitializePath(NULL);
	if (espeak_ng_Initialize(NULL) != ENS_OK ||
	    espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL) != ENS_OK ||
	    espeak_ng_SetVoiceByName("vi") != ENS_OK) {
		log_msg(LOG_WARN, "doc: espeak-ng or its Vietnamese voice is missing");
		return false;
	}
	espeak_SetSynthCallback(on_samples);
	espeak_ng_SetParameter(espeakRATE, 140, 0); /* a little slower: loudspeakers echo */
	rate = espeak_ng_GetSampleRate();
	state = 1;
	return true;
}

static void le16(struct buf *b, unsigned v)
{
	unsigned char c[2] = {v & 0xff, (v >> 8) & 0xff};
	buf_append(b, c, 2);
}

static void le32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff};
	buf_append(b, c, 4);
}

static void wav(const struct buf *samples, int rate, struct buf *out)
{
	buf_puts(out, "RIFF");
	le32(out, (uint32_t)(36 + samples->n));
	buf_puts(out, "WAVEfmt ");
	le32(out, 16);
	le16(out, 1); /* PCM */
	le16(out, 1); /* mono */
	le32(out, (uint32_t)rate);
	le32(out, (uint32_t)rate * 2);
	le16(out, 2);
	le16(out, 16);
	buf_puts(out, "data");
	le32(out, (uint32_t)samples->n);
	buf_append(out, samples->p, samples->n);
}

static void page_out(struct buf *out, const ogg_page *og)
{
	buf_append(out, og->header, (size_t)og->header_len);
	buf_append(out, og->body, (size_t)og->body_len);
}

static enum app_err vorbis(const struct buf *samples, int rate, uint32_t serial, struct buf *out)
{
	vorbis_info vi;
	vorbis_comment vc;
	vorbis_dsp_state vd;
	vorbis_block vb;
	ogg_stream_state os;
	ogg_page og;
	ogg_packet op, hc, hcc;
	vorbis_info_init(&vi);
	if (vorbis_encode_init_vbr(&vi, 1, rate, 0.2f)) {
		vorbis_info_clear(&vi);
		return APP_EIO;
	}
	vorbis_comment_init(&vc);
	vorbis_analysis_init(&vd, &vi);
	vorbis_block_init(&vd, &vb);
	ogg_stream_init(&os, (int)serial);
	vorbis_analysis_headerout(&vd, &vc, &op, &hc, &hcc);
	ogg_stream_packetin(&os, &op);
	ogg_stream_packetin(&os, &hc);
	ogg_stream_packetin(&os, &hcc);
	while (ogg_stream_flush(&os, &og))
		page_out(out, &og);
	const short *s = (const short *)samples->p;
	size_t total = samples->n / 2, at = 0;
	bool eos = false;
	while (!eos) {
		size_t k = total - at > 1024 ? 1024 : total - at;
		if (k) {
			float **b = vorbis_analysis_buffer(&vd, (int)k);
			for (size_t i = 0; i < k; i++)
				b[0][i] = s[at + i] / 32768.0f;
			at += k;
		}
		vorbis_analysis_wrote(&vd, (int)k); /* 0: the end */
		while (vorbis_analysis_blockout(&vd, &vb) == 1) {
			vorbis_analysis(&vb, NULL);
			vorbis_bitrate_addblock(&vb);
			while (vorbis_bitrate_flushpacket(&vd, &op)) {
				ogg_stream_packetin(&os, &op);
				while (!eos && ogg_stream_pageout(&os, &og)) {
					page_out(out, &og);
					eos = ogg_page_eos(&og);
				}
			}
		}
		if (!k && !eos) { /* flush what the encoder still holds */
			while (ogg_stream_flush(&os, &og)) {
				page_out(out, &og);
				eos = eos || ogg_page_eos(&og);
			}
			eos = true;
		}
	}
	ogg_stream_clear(&os);
	vorbis_block_clear(&vb);
	vorbis_dsp_clear(&vd);
	vorbis_comment_clear(&vc);
	vorbis_info_clear(&vi);
	return APP_OK;
}

/* ---- the reading, in a process of its own ----
 * espeak-ng carries state from one reading to the next (its intonation and
 * noise generators) and cannot be started again in a process, so the same
 * text would not give the same samples twice. Each reading therefore runs in
 * a fresh `coso doc speak` (this binary), which answers the sample rate and
 * the 16-bit samples on its standard output. */

int doc_speak_child(void)
{
	struct buf text;
	buf_init(&text);
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, stdin)) > 0 && text.n < DOC_SPEAK_MAX)
		buf_append(&text, chunk, k);
	struct buf samples;
	buf_init(&samples);
	int rc = 1;
	if (engine()) {
		pcm = &samples;
		if (espeak_ng_Synthesize(buf_str(&text), text.n + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL) ==
			    ENS_OK &&
		    espeak_ng_Synchronize() == ENS_OK) {
			unsigned char hdr[4] = {rate & 0xff, (rate >> 8) & 0xff, (rate >> 16) & 0xff, (rate >> 24) & 0xff};
			rc = fwrite(hdr, 1, 4, stdout) == 4 && fwrite(samples.p, 1, samples.n, stdout) == samples.n &&
					     fflush(stdout) == 0
				     ? 0
				     : 1;
		}
	}
	espeak_ng_Terminate();
	buf_reset(&samples);
	buf_reset(&text);
	return rc;
}

/* Runs `coso doc speak` on text; its samples into out, the rate into *r. */
static enum app_err speak_process(const char *text, struct buf *out, int *r)
{
	int in[2], outp[2];
	if (pipe2(in, O_CLOEXEC))
		return APP_EIO;
	if (pipe2(outp, O_CLOEXEC)) {
		close(in[0]);
		close(in[1]);
		return APP_EIO;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	char *argv[] = {"coso", "doc", "speak", NULL};
	pid_t pid;
	int err = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(outp[1]);
	if (err) {
		close(in[1]);
		close(outp[0]);
		return APP_EIO;
	}
	size_t n = strlen(text);
	bool ok = write(in[1], text, n) == (ssize_t)n; /* far below a pipe's buffer (DOC_SPEAK_MAX) */
	close(in[1]);
	char chunk[65536];
	ssize_t k;
	while ((k = read(outp[0], chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)k);
	close(outp[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!ok || !WIFEXITED(st) || WEXITSTATUS(st) || out->n < 4)
		return APP_EIO;
	const unsigned char *h = (const unsigned char *)out->p;
	*r = h[0] | h[1] << 8 | h[2] << 16 | h[3] << 24;
	memmove(out->p, out->p + 4, out->n - 4);
	out->n -= 4;
	return *r > 0 ? APP_OK : APP_EIO;
}

enum app_err doc_speak(const char *text, bool ogg, uint32_t serial, struct buf *out)
{
	if (strlen(text) >= DOC_SPEAK_MAX)
		return APP_EINVAL;
	struct buf samples;
	buf_init(&samples);
	int r = 0;
	enum app_err e = speak_process(text, &samples, &r);
	if (!e) {
		buf_reset(out);
		if (ogg)
			e = vorbis(&samples, r, serial, out);
		else
			wav(&samples, r, out);
	}
	buf_reset(&samples);
	return e;
}
