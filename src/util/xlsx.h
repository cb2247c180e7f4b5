/*
 * xlsx.h — reading a spreadsheet that people fill in (an attendance list):
 * the first worksheet of an XLSX file as CSV text, so that every import
 * reads one format and reports problems by line (the sheet's row number).
 */
#ifndef COSO_XLSX_H
#define COSO_XLSX_H
#include "../app.h"
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>

/* Whether the bytes are a zip file (an XLSX). */
bool xlsx_is(const void *p, size_t n);
/* Appends the first worksheet (xl/worksheets/sheet1.xml) to csv, one line a
 * row, empty rows kept so line numbers are the sheet's. APP_EINVAL when the
 * file is not a readable XLSX (or a part is over 32 MB inflated). */
enum app_err xlsx_first_sheet_csv(const void *p, size_t n, struct buf *csv);
#endif
