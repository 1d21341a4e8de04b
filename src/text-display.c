/* text-display.c - the form of a string that is safe to put on a terminal,
 * and its width in cells.
 *
 * A name typed into another system may carry an escape sequence, a bidi
 * override or bytes that are not UTF-8.  Sent raw, these clear the screen,
 * reorder the line or shift every later column, so everything shown goes
 * through txt_visible, and every width is measured on that same form. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "text.h"

#define ASCII_TAB        0x09u
#define ASCII_DEL        0x7Fu
#define C0_LAST          0x1Fu
#define C1_FIRST         0x80u
#define C1_LAST          0x9Fu
/* Caret notation shows control c as '^' followed by c + 0x40 (ESC -> ^[). */
#define CARET_OFFSET     0x40u
#define CARET_DEL        '?'

/* Room for the longest piece: "<U+10FFFF>" or one UTF-8 sequence. */
#define TXT_PIECE_MAX    16

/* uc_width treats East Asian ambiguous characters as narrow for any
 * encoding that is not a CJK legacy one; this matches C.UTF-8 wcwidth. */
#define TXT_WIDTH_ENCODING "UTF-8"

/* Invisible characters that move or reorder text; shown as "<U+XXXX>".
 * Beyond the ranges text.h names, the line and paragraph separators and
 * the Arabic letter mark are included because they too break a line or
 * change bidi order without showing anything. */
static const struct txt_range {
    uint32_t first, last;
} txt_invisible[] = {
    { 0x061C, 0x061C },   /* ARABIC LETTER MARK */
    { 0x200B, 0x200F },   /* zero-width space .. RIGHT-TO-LEFT MARK */
    { 0x2028, 0x2029 },   /* LINE / PARAGRAPH SEPARATOR */
    { 0x202A, 0x202E },   /* bidi embeddings and overrides */
    { 0x2060, 0x206F },   /* word joiner, bidi isolates, deprecated */
    { 0xFEFF, 0xFEFF },   /* ZERO WIDTH NO-BREAK SPACE (BOM) */
    { 0xFFF9, 0xFFFB },   /* interlinear annotation controls */
};

/* One unit of the visible form: the bytes shown for one input code point
 * (or invalid byte) and the cells they take. */
typedef struct txt_piece {
    char text[TXT_PIECE_MAX];
    size_t len;
    int width;
    bool mark;   /* zero-width: belongs to the character before it */
} txt_piece;

/* Whether cp is one of the invisible format controls above. */
static bool txt_is_invisible(uint32_t cp)
{
    for (size_t i = 0; i < sizeof txt_invisible / sizeof txt_invisible[0]; i++)
        if (cp >= txt_invisible[i].first && cp <= txt_invisible[i].last)
            return true;
    return false;
}

/* Cells of one code point; see text.h. */
int txt_cp_width(uint32_t cp)
{
    int w;

    if (cp == TXT_INVALID_CP)
        return 0;
    w = uc_width(cp, TXT_WIDTH_ENCODING);
    return w < 0 ? 0 : w;
}

/* Fill p with an ASCII marker; its width is its length. */
static void txt_piece_ascii(txt_piece *p, const char *fmt, unsigned v)
{
    int n = snprintf(p->text, sizeof p->text, fmt, v);
    p->len = n < 0 ? 0 : (size_t)n;
    p->width = (int)p->len;
    p->mark = false;
}

/* Read the next code point or invalid byte of s and describe how it is
 * shown; returns the input bytes consumed. */
static size_t txt_piece_next(const char *s, size_t len, txt_piece *p)
{
    uint32_t cp;
    size_t n = txt_utf8_next(s, len, &cp);

    if (cp == TXT_INVALID_CP) {
        txt_piece_ascii(p, "<%02X>", (unsigned char)s[0]);
    } else if (cp == ASCII_TAB) {
        p->text[0] = ' ';
        p->len = 1;
        p->width = 1;
        p->mark = false;
    } else if (cp <= C0_LAST) {
        txt_piece_ascii(p, "^%c", cp + CARET_OFFSET);
    } else if (cp == ASCII_DEL) {
        txt_piece_ascii(p, "^%c", CARET_DEL);
    } else if (cp >= C1_FIRST && cp <= C1_LAST) {
        txt_piece_ascii(p, "<%02X>", cp);
    } else if (txt_is_invisible(cp)) {
        txt_piece_ascii(p, "<U+%04X>", cp);
    } else {
        p->len = txt_utf8_encode(cp, p->text);
        p->width = txt_cp_width(cp);
        p->mark = p->width == 0;
    }
    return n;
}

/* The safe display form; see text.h. */
char *txt_visible(const char *s, size_t len)
{
    txt_buf b;
    size_t pos = 0;

    txt_buf_init(&b);
    while (pos < len) {
        txt_piece p;
        pos += txt_piece_next(s + pos, len - pos, &p);
        txt_buf_add(&b, p.text, p.len);
    }
    return txt_buf_take(&b);
}

/* Width of the visible form, computed without building it. */
int txt_width(const char *s, size_t len)
{
    size_t pos = 0;
    int w = 0;

    while (pos < len) {
        txt_piece p;
        pos += txt_piece_next(s + pos, len - pos, &p);
        w += p.width;
    }
    return w;
}

/* Append to b the longest prefix of the visible form of s that fits in
 * cells, never splitting a character from its marks; returns its width. */
static int txt_cut_into(txt_buf *b, const char *s, size_t len, int cells)
{
    size_t pos = 0;
    int used = 0;

    while (pos < len) {
        txt_piece p;
        pos += txt_piece_next(s + pos, len - pos, &p);
        /* A mark is zero-width, so a cluster fits exactly when its base
         * does; once a base is refused its marks are never reached. */
        if (!p.mark && used + p.width > cells)
            break;
        txt_buf_add(b, p.text, p.len);
        used += p.width;
    }
    return used;
}

/* Cut to the column limit and pad with spaces to exactly that width. */
char *txt_fit(const char *s, size_t len, int cells)
{
    txt_buf b;
    int used;

    if (cells < 0)
        cells = 0;
    txt_buf_init(&b);
    used = txt_cut_into(&b, s, len, cells);
    for (; used < cells; used++)
        txt_buf_add(&b, " ", 1);
    return txt_buf_take(&b);
}

/* Cut to the column limit without padding. */
char *txt_cut(const char *s, size_t len, int cells, int *used)
{
    txt_buf b;
    int w;

    if (cells < 0)
        cells = 0;
    txt_buf_init(&b);
    w = txt_cut_into(&b, s, len, cells);
    if (used)
        *used = w;
    return txt_buf_take(&b);
}

/* Whether a line may not begin with cp: the closing marks of Japanese
 * text (。、」』）】) and their ASCII kin. */
static bool txt_wrap_no_start(uint32_t cp)
{
    static const uint32_t marks[] = {
        0x3001, 0x3002, 0x300D, 0x300F, 0x3011, 0xFF09, 0xFF0C, 0xFF0E,
        0xFF01, 0xFF1F, 0x30FC, ')', ',', '.', '!', '?',
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (cp == marks[i])
            return true;
    return false;
}

/* One line of text, made visible, cut into pieces of about `cells`
 * columns (a closing mark may hang one cell over), each after indent. */
static void txt_wrap_line(txt_buf *out, const char *line, size_t len, const char *indent,
                          int cells)
{
    char *v = txt_visible(line, len);
    if (v == NULL) {
        out->failed = true;
        return;
    }
    size_t vlen = strlen(v), start = 0, pos = 0;
    int w = 0;
    while (pos < vlen) {
        uint32_t cp;
        size_t k = txt_utf8_next(v + pos, vlen - pos, &cp);
        int cw = txt_cp_width(cp);
        /* Break before a character that does not fit; a combining mark
         * (width 0) always stays with its base, and a closing mark stays
         * at the end of its line, as Japanese text is set (禁則). */
        if (cw > 0 && w + cw > cells && pos > start && !txt_wrap_no_start(cp)) {
            txt_buf_printf(out, "%s%.*s\n", indent, (int)(pos - start), v + start);
            start = pos;
            w = 0;
        }
        w += cw;
        pos += k;
    }
    txt_buf_printf(out, "%s%.*s\n", indent, (int)(pos - start), v + start);
    free(v);
}

/* Append a text of several lines to out, each made visible, wrapped at
 * about `cells` columns and indented (a line ending in CR LF too). */
void txt_wrap(txt_buf *out, const char *text, const char *indent, int cells)
{
    for (const char *p = text; p && *p;) {
        size_t len = strcspn(p, "\n");
        size_t shown = len;
        /* A note pasted from Windows ends its lines with CR LF. */
        if (shown > 0 && p[shown - 1] == '\r')
            shown--;
        txt_wrap_line(out, p, shown, indent, cells);
        p += len;
        if (*p == '\n')
            p++;
    }
}
