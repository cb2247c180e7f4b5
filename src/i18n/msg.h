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
#endif
