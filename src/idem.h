/*
 * idem.h — writes that are safe to retry (idem.c): a POST's Idempotency-Key
 * header (the API) or one-time form key (pages) acts once; its answer is
 * kept a day and given again to a retry.
 */
#ifndef COSO_IDEM_H
#define COSO_IDEM_H
#include <stdbool.h>
#include <stdint.h>

struct req;
struct resp;
/* Before a POST's handler: true when the request was answered here (the kept
 * answer of an earlier one with the key, or a refusal: a bad key, the key
 * used for another request, the first still in progress). now: the request's
 * instant, from which a kept answer's day is counted. */
bool idem_begin(struct req *r, struct resp *w, int64_t now);
/* After its answer: kept for the key's retries (a 5xx is not: the retry acts). */
void idem_end(struct req *r, const struct resp *w);
#endif
