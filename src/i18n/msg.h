/*
 * msg.h — the catalogue of every string a user reads, in Vietnamese
 * (vi.def). Code refers to messages by id; another language is another .def.
 */
#ifndef COSO_MSG_H
#define COSO_MSG_H

enum msg_id {
#define MSG(id, text) MSG_##id,
#include "vi.def"
#undef MSG
	MSG__MAX
};

/* The text of a message; static, never NULL. */
const char *msg(enum msg_id id);
/* The Vietnamese label of a unit kind or role code, or the code itself. */
const char *msg_kind(const char *kind);
const char *msg_role(const char *role);
const char *msg_form(const char *form); /* disclosure form code -> label */
/* A legal citation as stored ("Luật 10/2022/QH15, Điều 11 khoản 1; Điều 13
 * khoản 3 (truyền thanh)") as officers write it ("khoản 1 Điều 11 Luật Thực
 * hiện dân chủ ở cơ sở; khoản 3 Điều 13 (truyền thanh)"), in a. */
struct arena;
const char *msg_cite(struct arena *a, const char *raw);
/* A day (days since 1970) as dd/mm/yyyy in a; "" for 0 (none). */
#include <stdint.h>
const char *msg_day(struct arena *a, int64_t day);
/* A file's type as people say it ("tệp PDF", "tài liệu Word", "ảnh JPG"),
 * from its MIME type; and its size ("12 KB", "1,4 MB") into out (24 bytes). */
const char *msg_file_type(const char *mime);
char *msg_size(long long bytes, char *out);
/* An instant as officers write it, "10:20 ngày 30/11/2026" (UTC+7), into
 * out; returns out. */
#define MSG_TIME_LEN 32
char *msg_time(long long t, char *out);
/* A quarter "2026-Q4" as officers write it, "Quý IV/2026", into out (at
 * least 24 bytes); anything else copied as it is. Returns out. */
char *msg_quarter(const char *q, char *out);
#endif
