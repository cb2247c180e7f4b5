/*
 * str.h — text helpers: UTF-8 validation, NFC normalisation of input (utf8proc),
 * folding for search (case and Vietnamese diacritics removed, đ -> d), trimming,
 * and strict number parsing. Every user-entered string passes through str_clean.
 */
#ifndef COSO_STR_H
#define COSO_STR_H
#include "../app.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool str_utf8_valid(const char *s, size_t n);
/* Validates UTF-8, NFC-normalises, trims surrounding white space and turns
 * control characters other than \n and \t into nothing. *out: caller frees.
 * APP_EINVAL when s is not valid UTF-8. */
enum app_err str_clean(const char *s, size_t n, char **out);
/* NFC only, no trimming (passwords, raw fields). NULL when not valid UTF-8.
 * Result lives in the arena-free heap: caller frees. */
char *str_nfc(const char *s, size_t n);
/* Search key: case-folded, marks stripped, đ->d, runs of space collapsed.
 * Caller frees. Invalid UTF-8 gives an empty string. */
char *str_fold(const char *s);
/* Upper case with diacritics kept ("Xã Lục Ngạn" -> "XÃ LỤC NGẠN"). Caller frees. */
char *str_upper(const char *s);
char *str_lower(const char *s); /* the same, lower case */
/* The same letters without their marks, case and punctuation kept ("Đồng ý"
 * -> "Dong y"), for SMS without diacritics. Caller frees. */
char *str_unmark(const char *s);
/* A Vietnamese phone number in its national form "0912345678" from what
 * people type (+84 912 345 678, 84912345678, 0912.345.678); false if it is not one. */
#define STR_PHONE_LEN 16
bool str_phone(const char *s, char out[STR_PHONE_LEN]);
/* "0912345678" -> "84912345678" (Zalo, most gateways). */
void str_phone84(const char *phone, char out[STR_PHONE_LEN + 1]);
/* A phone number or e-mail address as others may see it: 09******78, n***@example.vn. */
#define STR_MASK_LEN 64
void str_mask(const char *s, char out[STR_MASK_LEN]);
/* Number of code points in a valid UTF-8 string. */
size_t str_utf8_len(const char *s);
/* Strict decimal parse of the whole string into [min,max]. */
enum app_err str_to_i64(const char *s, int64_t min, int64_t max, int64_t *out);
/* A whole number as Vietnamese writes it, thousands separated by '.': 12.345 */
#define STR_COUNT_LEN 32
void str_count_vn(int64_t v, char out[STR_COUNT_LEN]);
bool str_eq(const char *a, const char *b);             /* NULL-safe equality */
bool str_starts(const char *s, const char *prefix);
#endif
