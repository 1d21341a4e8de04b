/* text-buf.c - a growable, always NUL-terminated byte buffer.
 *
 * Allocation failure is sticky rather than reported per call, so callers
 * can build a string with many appends and check once at txt_buf_take. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* First allocation; most strings here are short names. */
#define TXT_BUF_MIN_CAP 32
/* Longest UTF-8 sequence txt_utf8_encode writes. */
#define TXT_UTF8_MAX_BYTES 4

/* Start b empty; no memory is allocated until the first append. */
void txt_buf_init(txt_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

/* Release b's memory and leave it empty and usable. */
void txt_buf_free(txt_buf *b)
{
    free(b->data);
    txt_buf_init(b);
}

/* Make room for `extra` more bytes plus the NUL; false if memory ran out. */
static bool txt_buf_reserve(txt_buf *b, size_t extra)
{
    size_t want, cap;
    char *p;

    if (b->failed)
        return false;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = true;
        return false;
    }
    want = b->len + extra + 1;
    if (want <= b->cap)
        return true;
    cap = b->cap ? b->cap : TXT_BUF_MIN_CAP;
    while (cap < want)
        cap = cap > SIZE_MAX / 2 ? want : cap * 2;
    p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

/* Append len bytes of s. */
void txt_buf_add(txt_buf *b, const char *s, size_t len)
{
    if (!txt_buf_reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

/* Append a NUL-terminated string. */
void txt_buf_adds(txt_buf *b, const char *s)
{
    txt_buf_add(b, s, strlen(s));
}

/* Append one code point as UTF-8. */
void txt_buf_addcp(txt_buf *b, uint32_t cp)
{
    char tmp[TXT_UTF8_MAX_BYTES];
    txt_buf_add(b, tmp, txt_utf8_encode(cp, tmp));
}

/* Append printf-formatted text. */
void txt_buf_printf(txt_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!txt_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Give the caller the string; NULL only if some append ran out of memory,
 * because a silently truncated name is worse than an error. */
char *txt_buf_take(txt_buf *b)
{
    char *out;

    if (b->failed) {
        txt_buf_free(b);
        return NULL;
    }
    if (!b->data) {
        out = malloc(1);
        if (out)
            out[0] = '\0';
        return out;
    }
    out = b->data;
    txt_buf_init(b);
    return out;
}
