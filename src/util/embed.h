/*
 * embed.h — files built into the binary by tools/embed.c (templates, the
 * stylesheet, SQL migrations, the national unit list).
 */
#ifndef COSO_EMBED_H
#define COSO_EMBED_H
#include <stddef.h>

struct embed_file {
	const char *name; /* path relative to the repository, e.g. "static/style.css" */
	const char *data; /* content, NUL-terminated */
	size_t len;       /* length without the NUL */
};
extern const struct embed_file embed_files[]; /* ends with a NULL name */

/* The embedded file with that path, or NULL. */
const struct embed_file *embed_find(const char *name);
#endif
