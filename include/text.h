/* text.h - the text layer: UTF-8, display width, safe display form,
 * search keys, legacy encodings and 和暦 dates.
 *
 * Everything here is pure and locale-independent: no curses, no SQL.
 * Strings are UTF-8 unless a function says otherwise.  Functions that
 * return a new string return it malloc'd; the caller frees it.  They return
 * NULL only when memory runs out. */
#ifndef TSUNAGI_TEXT_H
#define TSUNAGI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- UTF-8 (text-utf8.c) ------------------------------------------- */

/* Returned by txt_utf8_next for a byte that does not start a valid
 * sequence.  It is not a Unicode scalar value, so it cannot be confused
 * with real text. */
#define TXT_INVALID_CP 0xFFFFFFFFu

/* Decode the code point at s (len bytes available, len > 0) into *cp and
 * return the number of bytes used.  An invalid, overlong, surrogate or
 * truncated sequence gives *cp = TXT_INVALID_CP and consumes exactly one
 * byte, so the caller can show that byte and resynchronise. */
size_t txt_utf8_next(const char *s, size_t len, uint32_t *cp);

/* Whether s[0..len) is entirely valid UTF-8. */
bool txt_utf8_valid(const char *s, size_t len);

/* Encode cp into out (at least 4 bytes) and return the length (1-4). */
size_t txt_utf8_encode(uint32_t cp, char *out);

/* Number of code points in s (each invalid byte counts as one). */
size_t txt_utf8_count(const char *s, size_t len);

/* ---- growable buffer (text-buf.c) ---------------------------------- */

typedef struct txt_buf {
    char *data;   /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    bool failed;  /* an allocation failed; data holds what fitted */
} txt_buf;

void txt_buf_init(txt_buf *b);
void txt_buf_free(txt_buf *b);
void txt_buf_add(txt_buf *b, const char *s, size_t len);
void txt_buf_adds(txt_buf *b, const char *s);
void txt_buf_addcp(txt_buf *b, uint32_t cp);
void txt_buf_printf(txt_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the contents over (malloc'd, never NULL unless allocation failed)
 * and leave b empty. */
char *txt_buf_take(txt_buf *b);

/* ---- display form and width (text-display.c) ----------------------- */

/* Make s safe to send to a terminal and return it as new UTF-8:
 *  - C0 controls and DEL become caret notation (ESC -> "^[", BEL -> "^G");
 *    TAB becomes one space, because a tab would move the cursor;
 *  - C1 controls U+0080-U+009F become "<9B>"-style hex;
 *  - bidi and other invisible format controls (U+200B-U+200F,
 *    U+202A-U+202E, U+2060-U+2069, U+FEFF) become "<U+202E>";
 *  - each invalid byte becomes "<FF>"-style hex.
 * Everything else, combining marks included, is kept. */
char *txt_visible(const char *s, size_t len);

/* Display width of one code point in terminal cells: 0 for combining
 * marks, 2 for wide/fullwidth, 1 otherwise (East Asian ambiguous counts 1,
 * as glibc's C.UTF-8 wcwidth does).  Controls count 0; callers should pass
 * text through txt_visible first. */
int txt_cp_width(uint32_t cp);

/* Display width of a UTF-8 string as txt_visible would show it. */
int txt_width(const char *s, size_t len);

/* Return the txt_visible form of s cut to at most `cells` columns and then
 * padded with spaces to exactly `cells` columns.  A double-width character
 * that does not fit whole is dropped (and padded over), and a base
 * character is never separated from its combining marks. */
char *txt_fit(const char *s, size_t len, int cells);

/* Like txt_fit without the padding: the longest prefix of the visible form
 * that fits in `cells` columns.  *used receives its width when not NULL. */
char *txt_cut(const char *s, size_t len, int cells, int *used);

/* Append text to out, each of its lines made visible and wrapped at about
 * `cells` columns after indent (Japanese closing marks never begin a
 * line).  Every piece ends with a newline. */
void txt_wrap(txt_buf *out, const char *text, const char *indent, int cells);

/* ---- search keys (text-key.c) -------------------------------------- */

/* The search key of s: the form a query and a stored value are compared
 * in, so that every group of search.tsv is one key.  It applies NFKC
 * (half-width kana, full-width ASCII and digits, composed dakuten),
 * folds case, maps hiragana to katakana and small kana to their full
 * size, maps name variants of kanji (itaiji) to one form, and drops white
 * space and the dashes between digits of a phone number.  Invalid bytes and
 * controls are dropped. */
char *txt_search_key(const char *s, size_t len);

/* Digits only (after NFKC), for phone numbers: "０９０-1234" -> "0901234". */
char *txt_digits(const char *s, size_t len);

/* ---- legacy encodings (text-conv.c) -------------------------------- */

typedef enum txt_enc {
    TXT_ENC_CP932,   /* Windows Shift_JIS, what Excel reads and writes */
    TXT_ENC_SJIS,    /* strict JIS X 0208 Shift_JIS */
    TXT_ENC_EUCJP    /* EUC-JP with JIS X 0212 */
} txt_enc;

typedef enum txt_conv_kind {
    TXT_CONV_UNMAPPABLE, /* the target cannot hold it; replaced by '?' */
    TXT_CONV_LOSSY,      /* converts, but reads back as another character */
    TXT_CONV_INVALID     /* invalid input bytes; replaced */
} txt_conv_kind;

typedef struct txt_conv_issue {
    size_t offset;      /* byte offset in the input */
    size_t charno;      /* 1-based character position in the input */
    uint32_t cp;        /* the character (TXT_INVALID_CP for bad bytes) */
    txt_conv_kind kind;
} txt_conv_issue;

typedef struct txt_conv_result {
    char *out;              /* converted bytes, NUL-terminated, malloc'd */
    size_t out_len;
    txt_conv_issue *issues; /* every problem, in input order, malloc'd */
    size_t n_issues;
} txt_conv_result;

/* iconv name of an encoding ("CP932", "SHIFT_JIS", "EUC-JP"). */
const char *txt_enc_name(txt_enc enc);

/* Convert UTF-8 to enc.  Returns 0, or -1 if iconv cannot be opened or
 * memory runs out (res is then empty).  Problems are reported in res,
 * never dropped silently. */
int txt_from_utf8(txt_enc enc, const char *in, size_t len,
                  txt_conv_result *res);

/* Convert enc to UTF-8, reporting invalid bytes in res. */
int txt_to_utf8(txt_enc enc, const char *in, size_t len,
                txt_conv_result *res);

void txt_conv_result_free(txt_conv_result *res);

/* ---- dates and 和暦 (text-date.c) ---------------------------------- */

typedef struct txt_date {
    int y, m, d;  /* Gregorian; all zero means "no date" */
} txt_date;

/* Parse a date as written at a counter: ISO "2026-04-01", "2026/4/1",
 * 和暦 with a kanji era ("昭和45年3月1日", "令和元年5月1日") or an initial
 * (M T S H R, either case, "S45.3.1", "s45/3/1"), full-width or half-width.
 * A date outside its era (平成31年5月1日) or that does not exist
 * (令和8年2月30日) is an error.  Returns 0 on success, -1 on error. */
int txt_date_parse(const char *s, size_t len, txt_date *out);

/* Whether y-m-d is a real Gregorian date. */
bool txt_date_valid(int y, int m, int d);

/* ISO form "1970-03-01" into buf (at least 11 bytes). */
void txt_date_iso(txt_date d, char *buf, size_t n);

/* 和暦 form "昭和45年3月1日" ("令和元年5月1日" for year 1) into buf.
 * Dates before 明治 fall back to the ISO form. */
void txt_date_wareki(txt_date d, char *buf, size_t n);

/* Short 和暦 form "S45.3.1" into buf. */
void txt_date_wareki_short(txt_date d, char *buf, size_t n);

/* The day of the week, 0 for Sunday, and as one kanji (日 ... 土). */
int txt_date_weekday(txt_date d);
const char *txt_date_weekday_kanji(txt_date d);
/* A date some days later (earlier when days < 0). */
txt_date txt_date_add_days(txt_date d, int days);
/* A stored UTC timestamp as local short 和暦 and time ("R8.11.24 17:02"). */
void txt_stamp_local(const char *utc, char *buf, size_t n);
#define TXT_STAMP_MAX 48

/* Completed years of age on `today`. */
int txt_date_age(txt_date birth, txt_date today);

/* Compare two dates: <0, 0, >0. */
int txt_date_cmp(txt_date a, txt_date b);

/* The Japanese fiscal year (年度, April to March) a date falls in. */
int txt_date_fiscal_year(txt_date d);

#endif
