/* check_text.c - unit tests of the text layer (include/text.h).
 *
 * Every row of every corpus file is a test case of its own (Check loop
 * tests), so a failure names the file and line; targeted tests cover what
 * the corpus cannot express as data. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "corpus.h"
#include "text.h"

/* ---- corpus tables, loaded once before the suites run ----------------- */

static corpus_table g_width, g_search, g_encoding, g_hostile, g_wareki;

static const struct corpus_file {
    const char *name;
    corpus_table *table;
    size_t min_fields;
} g_files[] = {
    { "width.tsv", &g_width, 2 },
    { "search.tsv", &g_search, 2 },
    { "encoding.tsv", &g_encoding, 4 },
    { "hostile.tsv", &g_hostile, 1 },
    { "wareki.tsv", &g_wareki, 2 },
};
#define N_FILES (sizeof g_files / sizeof g_files[0])
static int g_load_rc[N_FILES];

/* Separator of the members of a search.tsv group. */
#define SEARCH_SEP " | "
/* Characters of the generated long name. */
#define LONG_NAME_CHARS 10000
/* Widest column any test fits text into. */
#define MAX_TEST_CELLS 45
/* Buffer for formatted dates. */
#define DATE_BUF 64

/* Load every corpus file; failures are reported by test_corpus_loads. */
static void corpus_load_all(void)
{
    for (size_t i = 0; i < N_FILES; i++)
        g_load_rc[i] = corpus_load(g_files[i].name, g_files[i].table);
}

/* Free every corpus table. */
static void corpus_free_all(void)
{
    for (size_t i = 0; i < N_FILES; i++)
        corpus_free(g_files[i].table);
}

/* ---- helpers ------------------------------------------------------------ */

/* Whether s (NUL-terminated) equals the n bytes at t. */
static bool bytes_eq(const char *s, const char *t, size_t n)
{
    return strlen(s) == n && memcmp(s, t, n) == 0;
}

/* The idx-th (1-based) code point of s and its byte offset. */
static uint32_t nth_cp(const char *s, size_t len, size_t idx, size_t *offset)
{
    size_t pos = 0, k = 0;
    while (pos < len) {
        uint32_t cp;
        size_t n = txt_utf8_next(s + pos, len - pos, &cp);
        if (++k == idx) {
            *offset = pos;
            return cp;
        }
        pos += n;
    }
    *offset = (size_t)-1;
    return TXT_INVALID_CP;
}

/* Width of s counted code point by code point (s must be valid UTF-8). */
static int sum_cp_widths(const char *s)
{
    size_t len = strlen(s), pos = 0;
    int w = 0;
    while (pos < len) {
        uint32_t cp;
        pos += txt_utf8_next(s + pos, len - pos, &cp);
        ck_assert_uint_ne(cp, TXT_INVALID_CP);
        w += txt_cp_width(cp);
    }
    return w;
}

/* Check the properties every txt_cut / txt_fit result must have, for the
 * text s at a width of `cells`: a cluster-aligned prefix of the visible
 * form, as long as fits, and (for fit) padded to exactly `cells`. */
static void check_cut_fit(const char *s, size_t len, int cells)
{
    char *vis = txt_visible(s, len);
    size_t vlen = strlen(vis);
    int used = -1;
    char *cut = txt_cut(s, len, cells, &used);
    char *fit = txt_fit(s, len, cells);
    size_t clen = strlen(cut);

    ck_assert_ptr_nonnull(vis);
    ck_assert_ptr_nonnull(cut);
    ck_assert_ptr_nonnull(fit);
    ck_assert(txt_utf8_valid(cut, clen));
    ck_assert(txt_utf8_valid(fit, strlen(fit)));
    /* prefix of the visible form, of the width it claims */
    ck_assert_msg(clen <= vlen && memcmp(cut, vis, clen) == 0,
                  "cut to %d is not a prefix of the visible form", cells);
    ck_assert_int_eq(used, txt_width(cut, clen));
    ck_assert_int_eq(used, sum_cp_widths(cut));
    ck_assert_int_le(used, cells);
    if (clen < vlen) {
        uint32_t next;
        txt_utf8_next(vis + clen, vlen - clen, &next);
        /* never splits a character from its combining marks */
        ck_assert_msg(txt_cp_width(next) > 0,
                      "cut to %d separates U+%04X from its base", cells, next);
        /* and stops only because the next character does not fit; a
         * marker such as "<FF>" or "^[" is never cut, so it may be
         * refused as a whole */
        if (next != '<' && next != '^')
            ck_assert_int_gt(used + txt_cp_width(next), cells);
    }
    /* fit is the cut plus spaces, exactly `cells` wide */
    ck_assert_int_eq(txt_width(fit, strlen(fit)), cells);
    ck_assert_msg(strncmp(fit, cut, clen) == 0, "fit does not start with cut");
    for (size_t i = clen; fit[i]; i++)
        ck_assert_int_eq(fit[i], ' ');
    free(vis);
    free(cut);
    free(fit);
}

/* Search key of a NUL-terminated string (never NULL in tests). */
static char *key_of(const char *s)
{
    char *k = txt_search_key(s, strlen(s));
    ck_assert_ptr_nonnull(k);
    return k;
}

/* Assert that a and b give the same search key. */
static void assert_same_key(const char *a, const char *b)
{
    char *ka = key_of(a), *kb = key_of(b);
    ck_assert_msg(strcmp(ka, kb) == 0, "key(%s)=%s but key(%s)=%s",
                  a, ka, b, kb);
    free(ka);
    free(kb);
}

/* Assert that s parses to y-m-d. */
static void assert_parses(const char *s, int y, int m, int d)
{
    txt_date dt = { 0, 0, 0 };
    ck_assert_msg(txt_date_parse(s, strlen(s), &dt) == 0, "%s did not parse", s);
    ck_assert_msg(dt.y == y && dt.m == m && dt.d == d,
                  "%s parsed as %d-%d-%d, want %d-%d-%d",
                  s, dt.y, dt.m, dt.d, y, m, d);
}

/* Assert that s is rejected. */
static void assert_rejected(const char *s)
{
    txt_date dt = { 0, 0, 0 };
    ck_assert_msg(txt_date_parse(s, strlen(s), &dt) != 0,
                  "%s parsed as %d-%d-%d, want an error", s, dt.y, dt.m, dt.d);
}

/* Assert the 和暦 forms of y-m-d. */
static void assert_wareki(int y, int m, int d, const char *full,
                          const char *shortf)
{
    char buf[DATE_BUF];
    txt_date dt = { y, m, d };
    txt_date_wareki(dt, buf, sizeof buf);
    ck_assert_str_eq(buf, full);
    txt_date_wareki_short(dt, buf, sizeof buf);
    ck_assert_str_eq(buf, shortf);
}

/* Assert that both 和暦 forms of dt parse back to dt. */
static void assert_wareki_round_trip(txt_date dt)
{
    char buf[DATE_BUF];
    txt_date back = { 0, 0, 0 };

    txt_date_wareki(dt, buf, sizeof buf);
    ck_assert_msg(txt_date_parse(buf, strlen(buf), &back) == 0
                  && txt_date_cmp(back, dt) == 0,
                  "%04d-%02d-%02d -> %s does not parse back",
                  dt.y, dt.m, dt.d, buf);
    txt_date_wareki_short(dt, buf, sizeof buf);
    back = (txt_date){ 0, 0, 0 };
    ck_assert_msg(txt_date_parse(buf, strlen(buf), &back) == 0
                  && txt_date_cmp(back, dt) == 0,
                  "%04d-%02d-%02d -> %s does not parse back",
                  dt.y, dt.m, dt.d, buf);
}

/* ---- corpus files ------------------------------------------------------- */

/* Each corpus file loads and has the columns the tests read. */
START_TEST(test_corpus_loads)
{
    const corpus_table *t = g_files[_i].table;
    ck_assert_msg(g_load_rc[_i] == 0, "cannot load %s/%s", corpus_dir(),
                  g_files[_i].name);
    ck_assert_msg(t->n > 0, "%s has no rows", t->path);
    for (size_t r = 0; r < t->n; r++)
        ck_assert_msg(t->rows[r].n >= g_files[_i].min_fields,
                      "%s:%zu has %zu fields", t->path, t->rows[r].lineno,
                      t->rows[r].n);
}
END_TEST

/* The loader undoes \xNN, \t and \n and leaves other backslashes. */
START_TEST(test_corpus_unescape)
{
    size_t n;
    char *s = corpus_unescape("a\\x1b\\tb\\nc\\\\d\\q", 16, &n);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(n, 11);
    ck_assert(memcmp(s, "a\x1b\tb\nc\\\\d\\q", n) == 0);
    free(s);
}
END_TEST

/* ---- UTF-8 -------------------------------------------------------------- */

/* A valid sequence and the code point it encodes. */
static const struct {
    const char *s;
    uint32_t cp;
} utf8_valid_cases[] = {
    { "\x00", 0x0 }, { "A", 0x41 }, { "\x7f", 0x7F },
    { "\xc2\x80", 0x80 }, { "\xdf\xbf", 0x7FF },
    { "\xe0\xa0\x80", 0x800 }, { "\xed\x9f\xbf", 0xD7FF },
    { "\xee\x80\x80", 0xE000 }, { "\xef\xbf\xbf", 0xFFFF },
    { "\xe5\xb1\xb1", 0x5C71 }, { "\xf0\x90\x80\x80", 0x10000 },
    { "\xf0\xa0\xae\xb7", 0x20BB7 }, { "\xf4\x8f\xbf\xbf", 0x10FFFF },
};

/* Boundary code points decode, encode back and count as one. */
START_TEST(test_utf8_decode_valid)
{
    const char *s = utf8_valid_cases[_i].s;
    size_t len = s[0] ? strlen(s) : 1;
    uint32_t cp = 0;
    char out[4];

    ck_assert_uint_eq(txt_utf8_next(s, len, &cp), len);
    ck_assert_uint_eq(cp, utf8_valid_cases[_i].cp);
    ck_assert_uint_eq(txt_utf8_encode(cp, out), len);
    ck_assert(memcmp(out, s, len) == 0);
    ck_assert(txt_utf8_valid(s, len));
    ck_assert_uint_eq(txt_utf8_count(s, len), 1);
}
END_TEST

/* An invalid sequence: every byte of it must decode as one invalid byte. */
static const struct {
    const char *s;
    const char *why;
} utf8_invalid_cases[] = {
    { "\x80", "lone continuation byte" },
    { "\xbf", "lone continuation byte" },
    { "\xc0\x80", "overlong NUL" },
    { "\xc1\xbf", "overlong 2-byte" },
    { "\xe0\x80\xaf", "overlong '/' in 3 bytes" },
    { "\xe0\x9f\xbf", "overlong U+07FF in 3 bytes" },
    { "\xf0\x80\x80\xaf", "overlong '/' in 4 bytes" },
    { "\xf0\x8f\xbf\xbf", "overlong U+FFFF in 4 bytes" },
    { "\xed\xa0\x80", "surrogate U+D800" },
    { "\xed\xbf\xbf", "surrogate U+DFFF" },
    { "\xf4\x90\x80\x80", "U+110000" },
    { "\xf5\x80\x80\x80", "lead byte F5" },
    { "\xf8\x88\x80\x80\x80", "5-byte form" },
    { "\xfe", "byte FE" },
    { "\xff", "byte FF" },
};

/* Overlong, surrogate, out-of-range and stray bytes are invalid one byte at a time. */
START_TEST(test_utf8_decode_invalid)
{
    const char *s = utf8_invalid_cases[_i].s;
    size_t len = strlen(s);

    ck_assert_msg(!txt_utf8_valid(s, len), "%s accepted",
                  utf8_invalid_cases[_i].why);
    /* the first byte is one invalid byte; so is every continuation after
     * it, so the whole sequence counts as len characters */
    for (size_t pos = 0; pos < len; pos++) {
        uint32_t cp = 0;
        ck_assert_uint_eq(txt_utf8_next(s + pos, len - pos, &cp), 1);
        ck_assert_msg(cp == TXT_INVALID_CP, "%s: byte %zu gave U+%04X",
                      utf8_invalid_cases[_i].why, pos, cp);
    }
    ck_assert_uint_eq(txt_utf8_count(s, len), len);
}
END_TEST

/* A sequence cut short is one invalid byte, and decoding resynchronises. */
START_TEST(test_utf8_truncated)
{
    /* 山 (E5 B1 B1) and 𠮷 (F0 A0 AE B7) cut short, at the end of the
     * buffer or followed by ASCII */
    static const char yama[] = "\xe5\xb1\xb1";
    static const char kichi[] = "\xf0\xa0\xae\xb7";
    uint32_t cp;

    for (size_t n = 1; n < 3; n++) {
        ck_assert_uint_eq(txt_utf8_next(yama, n, &cp), 1);
        ck_assert_uint_eq(cp, TXT_INVALID_CP);
    }
    for (size_t n = 1; n < 4; n++) {
        ck_assert_uint_eq(txt_utf8_next(kichi, n, &cp), 1);
        ck_assert_uint_eq(cp, TXT_INVALID_CP);
    }
    ck_assert_uint_eq(txt_utf8_next("\xe5\xb1" "A", 3, &cp), 1);
    ck_assert_uint_eq(cp, TXT_INVALID_CP);
    /* resynchronises on the next valid character */
    ck_assert_uint_eq(txt_utf8_next("\xb1" "A", 2, &cp), 1);
    ck_assert_uint_eq(cp, TXT_INVALID_CP);
    ck_assert_uint_eq(txt_utf8_next("A", 1, &cp), 1);
    ck_assert_uint_eq(cp, 'A');
    ck_assert_uint_eq(txt_utf8_count("\xe5\xb1" "A\xe5\xb1\xb1", 6), 4);
}
END_TEST

/* Encoding a non-scalar value still gives valid UTF-8. */
START_TEST(test_utf8_encode_invalid)
{
    char out[4];
    /* a surrogate or an out-of-range value must not produce bad UTF-8 */
    ck_assert_uint_eq(txt_utf8_encode(0xD800, out), 3);
    ck_assert(memcmp(out, "\xef\xbf\xbd", 3) == 0);
    ck_assert_uint_eq(txt_utf8_encode(0x110000, out), 3);
    ck_assert(memcmp(out, "\xef\xbf\xbd", 3) == 0);
}
END_TEST

/* ---- buffer ------------------------------------------------------------- */

/* The buffer grows, formats and hands over its contents. */
START_TEST(test_buf_basic)
{
    txt_buf b;
    char *s;

    txt_buf_init(&b);
    s = txt_buf_take(&b);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "");
    free(s);

    for (int i = 0; i < 1000; i++)
        txt_buf_adds(&b, "ab");
    txt_buf_addcp(&b, 0x5C71);
    txt_buf_printf(&b, "[%d:%s]", 42, "x");
    txt_buf_add(&b, "zzz", 1);
    ck_assert_uint_eq(b.len, 2000 + 3 + 6 + 1);
    ck_assert_uint_eq(strlen(b.data), b.len);
    ck_assert_str_eq(b.data + 2000, "山[42:x]z");
    s = txt_buf_take(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(strlen(s), 2010);
    free(s);
    txt_buf_free(&b);
}
END_TEST

/* ---- width, cut and fit ------------------------------------------------- */

/* One width.tsv row: its width, and every cut and fit of it. */
START_TEST(test_width_corpus_row)
{
    const corpus_row *r = &g_width.rows[_i];
    const corpus_field *text = &r->f[0];
    int want = atoi(r->f[1].s);
    char *vis = txt_visible(text->s, text->len);

    ck_assert_msg(txt_width(text->s, text->len) == want,
                  "width.tsv:%zu: width of %s is %d, want %d", r->lineno,
                  text->s, txt_width(text->s, text->len), want);
    /* these rows are plain text: the visible form is the text itself */
    ck_assert_str_eq(vis, text->s);
    ck_assert_int_eq(sum_cp_widths(vis), want);
    free(vis);
    for (int cells = 0; cells <= want + 2; cells++)
        check_cut_fit(text->s, text->len, cells);
}
END_TEST

/* A double-width character that does not fit whole is dropped and padded. */
START_TEST(test_fit_odd_width_double)
{
    char *s;
    int used = -1;

    s = txt_fit("山田", strlen("山田"), 3);
    ck_assert_str_eq(s, "山 ");
    free(s);
    s = txt_cut("山田", strlen("山田"), 3, &used);
    ck_assert_str_eq(s, "山");
    ck_assert_int_eq(used, 2);
    free(s);
    s = txt_fit("山田", strlen("山田"), 1);
    ck_assert_str_eq(s, " ");
    free(s);
    s = txt_fit("山田", strlen("山田"), 0);
    ck_assert_str_eq(s, "");
    free(s);
    s = txt_fit("山田", strlen("山田"), 6);
    ck_assert_str_eq(s, "山田  ");
    free(s);
    s = txt_fit("ab", 2, -3);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

/* か + U+3099 is cut as one unit. */
START_TEST(test_fit_keeps_combining_mark)
{
    /* か + U+3099: two cells, never split */
    static const char ka[] = "\xe3\x81\x8b\xe3\x82\x99" "x";
    char *s;
    int used = -1;

    s = txt_cut(ka, strlen(ka), 1, &used);
    ck_assert_str_eq(s, "");
    ck_assert_int_eq(used, 0);
    free(s);
    s = txt_cut(ka, strlen(ka), 2, &used);
    ck_assert_str_eq(s, "\xe3\x81\x8b\xe3\x82\x99");
    ck_assert_int_eq(used, 2);
    free(s);
    s = txt_fit(ka, strlen(ka), 3);
    ck_assert_str_eq(s, ka);
    free(s);
}
END_TEST

/* A 10,000-character name is cut to exactly the width asked for. */
START_TEST(test_fit_long_name)
{
    /* 10,000 characters, mixing double and single width so that every
     * odd and even cut point occurs */
    txt_buf b;
    char *name;
    size_t len;

    txt_buf_init(&b);
    for (int i = 0; i < LONG_NAME_CHARS; i++)
        txt_buf_adds(&b, i % 3 == 2 ? "ﾀ" : "山");
    len = b.len;
    name = txt_buf_take(&b);
    ck_assert_uint_eq(txt_utf8_count(name, len), LONG_NAME_CHARS);
    ck_assert_int_eq(txt_width(name, len),
                     LONG_NAME_CHARS / 3 * 5 + 2 * (LONG_NAME_CHARS % 3));
    for (int cells = 0; cells <= MAX_TEST_CELLS; cells++)
        check_cut_fit(name, len, cells);
    free(name);

    /* and a name of only double-width characters at odd widths */
    txt_buf_init(&b);
    for (int i = 0; i < LONG_NAME_CHARS; i++)
        txt_buf_adds(&b, "髙");
    len = b.len;
    name = txt_buf_take(&b);
    for (int cells = 1; cells <= MAX_TEST_CELLS; cells += 2) {
        int used = -1;
        char *cut = txt_cut(name, len, cells, &used);
        ck_assert_int_eq(used, cells - 1);
        ck_assert_uint_eq(txt_utf8_count(cut, strlen(cut)),
                          (size_t)(cells / 2));
        free(cut);
        check_cut_fit(name, len, cells);
    }
    free(name);
}
END_TEST

/* ---- visible form ------------------------------------------------------- */

/* Whether cp must never reach the terminal. */
static bool forbidden_on_screen(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)
           || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
           || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF
           || cp == TXT_INVALID_CP;
}

/* Whether cp is ordinary text that txt_visible must keep. */
static bool plain_text_cp(uint32_t cp)
{
    return !forbidden_on_screen(cp) && cp != '\t';
}

/* One hostile.tsv row: nothing unsafe reaches the screen, the name survives. */
START_TEST(test_visible_hostile_row)
{
    const corpus_row *r = &g_hostile.rows[_i];
    const char *s = r->f[0].s;
    size_t len = r->f[0].len, pos = 0, vlen;
    char *vis = txt_visible(s, len), *again;
    const char *search_from;

    ck_assert_ptr_nonnull(vis);
    vlen = strlen(vis);
    ck_assert_msg(txt_utf8_valid(vis, vlen), "hostile.tsv:%zu: invalid UTF-8",
                  r->lineno);
    for (size_t i = 0; i < vlen; i++) {
        unsigned char c = (unsigned char)vis[i];
        ck_assert_msg(c >= 0x20 && c != 0x7F,
                      "hostile.tsv:%zu: byte %02X reaches the screen",
                      r->lineno, c);
        if (c == 0xC2 && i + 1 < vlen)
            ck_assert_msg((unsigned char)vis[i + 1] > 0x9F,
                          "hostile.tsv:%zu: C1 control reaches the screen",
                          r->lineno);
    }
    while (pos < vlen) {
        uint32_t cp;
        pos += txt_utf8_next(vis + pos, vlen - pos, &cp);
        ck_assert_msg(!forbidden_on_screen(cp),
                      "hostile.tsv:%zu: U+%04X reaches the screen",
                      r->lineno, cp);
    }
    /* every run of ordinary text of the input is there, in order */
    search_from = vis;
    pos = 0;
    while (pos < len) {
        size_t start = pos, end;
        uint32_t cp;
        size_t n = txt_utf8_next(s + pos, len - pos, &cp);
        if (!plain_text_cp(cp)) {
            pos += n;
            continue;
        }
        while (pos < len) {
            n = txt_utf8_next(s + pos, len - pos, &cp);
            if (!plain_text_cp(cp))
                break;
            pos += n;
        }
        end = pos;
        char *run = strndup(s + start, end - start);
        const char *hit = strstr(search_from, run);
        ck_assert_msg(hit != NULL, "hostile.tsv:%zu: \"%s\" lost from \"%s\"",
                      r->lineno, run, vis);
        search_from = hit + strlen(run);
        free(run);
    }
    /* the width is that of what is shown, and showing is idempotent */
    ck_assert_int_eq(txt_width(s, len), sum_cp_widths(vis));
    ck_assert_int_eq(txt_width(vis, vlen), txt_width(s, len));
    again = txt_visible(vis, vlen);
    ck_assert_str_eq(again, vis);
    free(again);
    free(vis);
    for (int cells = 0; cells <= MAX_TEST_CELLS; cells++)
        check_cut_fit(s, len, cells);
}
END_TEST

/* An input and exactly what txt_visible must make of it. */
static const struct {
    const char *in, *out;
} visible_cases[] = {
    { "山田\x1b[2J太郎", "山田^[[2J太郎" },
    { "佐藤\x07花子", "佐藤^G花子" },
    { "鈴木\xff\xfe一郎", "鈴木<FF><FE>一郎" },
    { "中村\x9b" "31m次郎", "中村<9B>31m次郎" },
    { "中村\xc2\x9b" "31m次郎", "中村<9B>31m次郎" },
    { "\xe2\x80\xae田中", "<U+202E>田中" },
    { "a\tb", "a b" },
    { "a\x7f" "b", "a^?b" },
    { "a\nb\rc", "a^Jb^Mc" },
    { "\xef\xbb\xbf" "x\xe2\x81\xa6" "y\xe2\x80\x8b", "<U+FEFF>x<U+2066>y<U+200B>" },
    { "\xe5\xb1", "<E5><B1>" },
    { "\xe3\x81\x8b\xe3\x82\x99", "\xe3\x81\x8b\xe3\x82\x99" },
    { "○×※①", "○×※①" },
};

/* The exact visible form of each control, marker and invalid byte. */
START_TEST(test_visible_exact)
{
    const char *in = visible_cases[_i].in;
    char *vis = txt_visible(in, strlen(in));
    ck_assert_str_eq(vis, visible_cases[_i].out);
    ck_assert_int_eq(txt_width(in, strlen(in)), sum_cp_widths(vis));
    free(vis);
}
END_TEST

/* Every single byte value gives safe output of the width txt_width says. */
START_TEST(test_visible_all_bytes)
{
    /* every single byte, alone, gives valid, control-free output */
    for (int c = 1; c < 256; c++) {
        char in[1] = { (char)c };
        char *vis = txt_visible(in, 1);
        ck_assert(txt_utf8_valid(vis, strlen(vis)));
        for (const char *p = vis; *p; p++)
            ck_assert((unsigned char)*p >= 0x20 && *p != 0x7F);
        ck_assert_int_eq(txt_width(in, 1), (int)strlen(vis));
        free(vis);
    }
}
END_TEST

/* Widths of representative code points, ambiguous ones narrow. */
START_TEST(test_cp_width)
{
    ck_assert_int_eq(txt_cp_width('a'), 1);
    ck_assert_int_eq(txt_cp_width(0x5C71), 2);     /* 山 */
    ck_assert_int_eq(txt_cp_width(0xFF94), 1);     /* ﾔ */
    ck_assert_int_eq(txt_cp_width(0x3000), 2);     /* ideographic space */
    ck_assert_int_eq(txt_cp_width(0x20BB7), 2);    /* 𠮷 */
    ck_assert_int_eq(txt_cp_width(0x25CB), 1);     /* ○ ambiguous */
    ck_assert_int_eq(txt_cp_width(0x3099), 0);     /* combining dakuten */
    ck_assert_int_eq(txt_cp_width(0x1B), 0);       /* control */
    ck_assert_int_eq(txt_cp_width(TXT_INVALID_CP), 0);
}
END_TEST

/* ---- search keys -------------------------------------------------------- */

/* One search.tsv group: every member has the same key. */
START_TEST(test_search_group_row)
{
    const corpus_row *r = &g_search.rows[_i];
    corpus_field *m;
    size_t n = corpus_split(&r->f[1], SEARCH_SEP, &m);
    char *first;

    ck_assert_msg(n >= 2, "search.tsv:%zu: a group needs two members",
                  r->lineno);
    first = txt_search_key(m[0].s, m[0].len);
    ck_assert_ptr_nonnull(first);
    ck_assert_msg(first[0] != '\0', "search.tsv:%zu: empty key", r->lineno);
    ck_assert(txt_utf8_valid(first, strlen(first)));
    for (size_t i = 0; i < n; i++) {
        char *k = txt_search_key(m[i].s, m[i].len), *kk;
        ck_assert_msg(strcmp(k, first) == 0,
                      "search.tsv:%zu (%s): key(%s)=%s but key(%s)=%s",
                      r->lineno, r->f[0].s, m[i].s, k, m[0].s, first);
        /* a key is its own key, so stored keys and query keys agree */
        kk = txt_search_key(k, strlen(k));
        ck_assert_str_eq(kk, k);
        free(kk);
        free(k);
    }
    free(first);
    corpus_parts_free(m, n);
}
END_TEST

/* Different search.tsv groups have different keys. */
START_TEST(test_search_groups_distinct)
{
    size_t n = g_search.n;
    char **keys = calloc(n, sizeof *keys);

    ck_assert_ptr_nonnull(keys);
    for (size_t i = 0; i < n; i++) {
        corpus_field *m;
        size_t nm = corpus_split(&g_search.rows[i].f[1], SEARCH_SEP, &m);
        ck_assert_uint_ge(nm, 1);
        keys[i] = txt_search_key(m[0].s, m[0].len);
        corpus_parts_free(m, nm);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            ck_assert_msg(strcmp(keys[i], keys[j]) != 0,
                          "search.tsv:%zu and :%zu share the key %s",
                          g_search.rows[i].lineno, g_search.rows[j].lineno,
                          keys[i]);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}
END_TEST

/* The last digits of a phone number, typed full-width, are a substring of its key. */
START_TEST(test_search_phone_suffix)
{
    char *suffix = key_of("５６７８"), *full = key_of("090-1234-5678");
    char *fw = key_of("０９０ー１２３４ー５６７８");

    ck_assert_str_eq(suffix, "5678");
    ck_assert_str_eq(full, "09012345678");
    ck_assert_str_eq(fw, "09012345678");
    ck_assert_ptr_nonnull(strstr(full, suffix));
    free(suffix);
    free(full);
    free(fw);
}
END_TEST

/* Exact keys for each rule, including dropped controls and invalid bytes. */
START_TEST(test_search_exact_keys)
{
    static const struct {
        const char *in, *key;
    } cases[] = {
        { "ハーバー", "ハーバー" },        /* ー in a word stays */
        { "ﾊｰﾊﾞｰ", "ハーバー" },
        { "はーばー", "ハーバー" },
        { "やまだ　たろう", "ヤマダタロウ" },
        { "ｶﾞｯｺｳ", "ガツコウ" },             /* small ッ made full size */
        { "キャノン", "キヤノン" },
        { "ゝゞ", "ヽヾ" },
        { "ㇰㇷ゚", "クプ" },
        { "か゛", "ガ" },                    /* spacing dakuten */
        { "ABC ｄｅｆ", "abcdef" },
        { "山田\x1b[2J\x07太郎", "山田[2j太郎" },
        { "鈴木\xff\xfe一郎", "鈴木一郎" },
        { "\xe2\x80\xae田中\xe2\x80\x8b", "田中" },
        { "葛\xf3\xa0\x84\x81城", "葛城" },  /* IVS selector dropped */
        { "03-1234-5678", "0312345678" },
        { "1-2 − 3 — 4", "1234" },
        { "A-1", "a-1" },                   /* dash after a letter stays */
        { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *k = txt_search_key(cases[i].in, strlen(cases[i].in));
        ck_assert_msg(k && strcmp(k, cases[i].key) == 0,
                      "key(%s) = %s, want %s", cases[i].in, k, cases[i].key);
        free(k);
    }
}
END_TEST

/* Name kanji variants that must share a key: variant, everyday form. */
static const char *const itaiji_pairs[][2] = {
    { "髙", "高" }, { "﨑", "崎" }, { "嵜", "崎" }, { "邊", "辺" },
    { "邉", "辺" }, { "齋", "斎" }, { "齊", "斎" }, { "斉", "斎" },
    { "濱", "浜" }, { "濵", "浜" }, { "澤", "沢" }, { "櫻", "桜" },
    { "廣", "広" }, { "國", "国" }, { "嶋", "島" }, { "嶌", "島" },
    { "冨", "富" }, { "惠", "恵" }, { "德", "徳" }, { "藪", "薮" },
    { "槇", "槙" }, { "龍", "竜" }, { "眞", "真" }, { "淵", "渕" },
    { "渊", "渕" }, { "桒", "桑" }, { "瀨", "瀬" },
    { "\xef\xa8\x90", "塚" },           /* U+FA10 */
    { "﨔", "欅" }, { "曻", "昇" },
    { "\xef\xa7\x9c", "隆" },           /* U+F9DC */
    { "靜", "静" }, { "禮", "礼" }, { "來", "来" }, { "實", "実" },
    { "壽", "寿" }, { "榮", "栄" }, { "萬", "万" }, { "與", "与" },
    { "兒", "児" }, { "彌", "弥" }, { "學", "学" }, { "絲", "糸" },
    { "舩", "船" }, { "𠮷", "吉" }, { "\xef\xa8\x92", "晴" }, /* U+FA12 */
    { "\xef\xa8\x9e", "羽" },           /* U+FA1E */
    { "渡邊", "渡辺" }, { "齋藤", "斎藤" }, { "髙橋", "高橋" },
    { "山﨑", "山崎" },
};

/* Each variant kanji shares its key with the everyday form. */
START_TEST(test_search_itaiji)
{
    assert_same_key(itaiji_pairs[_i][0], itaiji_pairs[_i][1]);
}
END_TEST

/* Names that look alike but are different names. */
static const char *const distinct_names[][2] = {
    { "渡邉", "渡部" }, { "斎藤", "佐藤" }, { "高橋", "高畑" },
    { "山崎", "山碕" }, { "ハーバー", "ハバ" }, { "キヤノン", "キノン" },
};

/* Similar but different names keep different keys. */
START_TEST(test_search_distinct_names)
{
    char *a = key_of(distinct_names[_i][0]), *b = key_of(distinct_names[_i][1]);
    ck_assert_str_ne(a, b);
    free(a);
    free(b);
}
END_TEST

/* txt_digits keeps only the digits of the NFKC form. */
START_TEST(test_digits)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "０９０-1234", "0901234" },
        { "(03) 1234－5678", "0312345678" },
        { "abc", "" },
        { "1\xff" "2\x1b" "3", "123" },
        { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *d = txt_digits(cases[i].in, strlen(cases[i].in));
        ck_assert_ptr_nonnull(d);
        ck_assert_str_eq(d, cases[i].out);
        free(d);
    }
}
END_TEST

/* ---- legacy encodings --------------------------------------------------- */

/* Encodings in the column order of encoding.tsv. */
static const txt_enc encoding_columns[] = {
    TXT_ENC_CP932, TXT_ENC_SJIS, TXT_ENC_EUCJP
};
#define ENCODING_FIRST_COLUMN 1

/* Count issues of one kind. */
static size_t count_kind(const txt_conv_result *res, txt_conv_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < res->n_issues; i++)
        n += res->issues[i].kind == kind;
    return n;
}

/* Check that every issue names the character at its charno and offset. */
static void check_issue_positions(const corpus_row *r, txt_enc enc,
                                  const txt_conv_result *res)
{
    const corpus_field *text = &r->f[0];

    for (size_t i = 0; i < res->n_issues; i++) {
        const txt_conv_issue *is = &res->issues[i];
        size_t off;
        uint32_t cp = nth_cp(text->s, text->len, is->charno, &off);
        txt_conv_result one;
        char enc_buf[4];
        size_t n = txt_utf8_encode(cp, enc_buf);

        if (is->kind == TXT_CONV_INVALID)
            continue;
        ck_assert_msg(off == is->offset && cp == is->cp,
                      "encoding.tsv:%zu %s: issue at char %zu offset %zu "
                      "U+%04X, but that char is U+%04X at %zu", r->lineno,
                      txt_enc_name(enc), is->charno, is->offset, is->cp, cp,
                      off);
        if (i > 0)
            ck_assert_uint_gt(is->charno, res->issues[i - 1].charno);
        /* the character alone has the same problem */
        ck_assert_int_eq(txt_from_utf8(enc, enc_buf, n, &one), 0);
        ck_assert_uint_eq(one.n_issues, 1);
        ck_assert_int_eq(one.issues[0].kind, is->kind);
        txt_conv_result_free(&one);
    }
}

/* One encoding.tsv row in CP932, Shift_JIS and EUC-JP. */
START_TEST(test_encoding_row)
{
    const corpus_row *r = &g_encoding.rows[_i];
    const corpus_field *text = &r->f[0];

    for (size_t c = 0; c < sizeof encoding_columns / sizeof encoding_columns[0];
         c++) {
        txt_enc enc = encoding_columns[c];
        const char *want = r->f[ENCODING_FIRST_COLUMN + c].s;
        txt_conv_result res, back;

        ck_assert_int_eq(txt_from_utf8(enc, text->s, text->len, &res), 0);
        ck_assert_ptr_nonnull(res.out);
        ck_assert_uint_eq(strlen(res.out), res.out_len);
        check_issue_positions(r, enc, &res);
        ck_assert_int_eq(txt_to_utf8(enc, res.out, res.out_len, &back), 0);
        ck_assert_uint_eq(back.n_issues, 0);
        ck_assert_uint_eq(txt_utf8_count(back.out, back.out_len),
                          txt_utf8_count(text->s, text->len));

        if (strcmp(want, "ok") == 0) {
            ck_assert_msg(res.n_issues == 0,
                          "encoding.tsv:%zu: %s should hold %s, %zu issues",
                          r->lineno, txt_enc_name(enc), text->s,
                          res.n_issues);
            ck_assert_msg(bytes_eq(back.out, text->s, text->len),
                          "encoding.tsv:%zu: %s round trip gave %s",
                          r->lineno, txt_enc_name(enc), back.out);
        } else if (strcmp(want, "no") == 0) {
            ck_assert_msg(count_kind(&res, TXT_CONV_UNMAPPABLE) > 0,
                          "encoding.tsv:%zu: %s cannot hold %s, not reported",
                          r->lineno, txt_enc_name(enc), text->s);
            /* each unmappable character became exactly one '?' */
            size_t q = 0;
            for (size_t i = 0; i < back.out_len; i++)
                q += back.out[i] == '?';
            ck_assert_uint_eq(q, count_kind(&res, TXT_CONV_UNMAPPABLE));
        } else if (strcmp(want, "lossy") == 0) {
            ck_assert_msg(count_kind(&res, TXT_CONV_LOSSY) > 0,
                          "encoding.tsv:%zu: %s loses %s, not reported",
                          r->lineno, txt_enc_name(enc), text->s);
            ck_assert_uint_eq(count_kind(&res, TXT_CONV_UNMAPPABLE), 0);
            ck_assert(!bytes_eq(back.out, text->s, text->len));
        } else {
            ck_abort_msg("encoding.tsv:%zu: unknown expectation %s",
                         r->lineno, want);
        }
        txt_conv_result_free(&back);
        txt_conv_result_free(&res);
    }
}
END_TEST

/* 髙橋 survives a round trip through CP932. */
START_TEST(test_conv_cp932_round_trip)
{
    txt_conv_result res, back;

    ck_assert_int_eq(txt_from_utf8(TXT_ENC_CP932, "髙橋", strlen("髙橋"), &res),
                     0);
    ck_assert_uint_eq(res.n_issues, 0);
    ck_assert_uint_eq(res.out_len, 4);
    ck_assert(memcmp(res.out, "\xfb\xfc\x8b\xb4", 4) == 0);
    ck_assert_int_eq(txt_to_utf8(TXT_ENC_CP932, res.out, res.out_len, &back), 0);
    ck_assert_uint_eq(back.n_issues, 0);
    ck_assert_str_eq(back.out, "髙橋");
    txt_conv_result_free(&res);
    txt_conv_result_free(&back);
    ck_assert_ptr_null(res.out);
}
END_TEST

/* Issues carry the right kind, character number, offset and code point. */
START_TEST(test_conv_issue_positions)
{
    static const char in[] = "a〜b𠮷c\xff" "d";
    txt_conv_result res;

    ck_assert_int_eq(txt_from_utf8(TXT_ENC_CP932, in, strlen(in), &res), 0);
    ck_assert_uint_eq(res.n_issues, 3);
    ck_assert_int_eq(res.issues[0].kind, TXT_CONV_LOSSY);
    ck_assert_uint_eq(res.issues[0].charno, 2);
    ck_assert_uint_eq(res.issues[0].offset, 1);
    ck_assert_uint_eq(res.issues[0].cp, 0x301C);
    ck_assert_int_eq(res.issues[1].kind, TXT_CONV_UNMAPPABLE);
    ck_assert_uint_eq(res.issues[1].charno, 4);
    ck_assert_uint_eq(res.issues[1].offset, 5);
    ck_assert_uint_eq(res.issues[1].cp, 0x20BB7);
    ck_assert_int_eq(res.issues[2].kind, TXT_CONV_INVALID);
    ck_assert_uint_eq(res.issues[2].charno, 6);
    ck_assert_uint_eq(res.issues[2].offset, 10);
    ck_assert_uint_eq(res.issues[2].cp, TXT_INVALID_CP);
    ck_assert_uint_eq(res.out_len, 8);
    ck_assert(memcmp(res.out, "a\x81\x60" "b?c?d", 8) == 0);
    txt_conv_result_free(&res);

    /* strict Shift_JIS: 﨑 is the second character, at byte 3 */
    ck_assert_int_eq(txt_from_utf8(TXT_ENC_SJIS, "山﨑", strlen("山﨑"), &res), 0);
    ck_assert_uint_eq(res.n_issues, 1);
    ck_assert_int_eq(res.issues[0].kind, TXT_CONV_UNMAPPABLE);
    ck_assert_uint_eq(res.issues[0].charno, 2);
    ck_assert_uint_eq(res.issues[0].offset, 3);
    ck_assert_uint_eq(res.issues[0].cp, 0xFA11);
    ck_assert_str_eq(res.out, "\x8e\x52?");
    txt_conv_result_free(&res);

    /* EUC-JP holds the JIS X 0212 鷗 in three bytes */
    ck_assert_int_eq(txt_from_utf8(TXT_ENC_EUCJP, "鷗外", strlen("鷗外"), &res),
                     0);
    ck_assert_uint_eq(res.n_issues, 0);
    ck_assert_str_eq(res.out, "\x8f\xec\xbf\xb3\xb0");
    txt_conv_result_free(&res);
}
END_TEST

/* Invalid legacy bytes are replaced and reported by offset. */
START_TEST(test_conv_to_utf8_invalid)
{
    txt_conv_result res;

    /* 山 FF 田 */
    ck_assert_int_eq(txt_to_utf8(TXT_ENC_CP932, "\x8e\x52\xff\x93\x63", 5, &res),
                     0);
    ck_assert_uint_eq(res.n_issues, 1);
    ck_assert_int_eq(res.issues[0].kind, TXT_CONV_INVALID);
    ck_assert_uint_eq(res.issues[0].offset, 2);
    ck_assert_uint_eq(res.issues[0].charno, 2);
    ck_assert_uint_eq(res.issues[0].cp, TXT_INVALID_CP);
    ck_assert_str_eq(res.out, "山\xef\xbf\xbd田");
    txt_conv_result_free(&res);

    /* a lead byte with a bad trail, then a truncated one at the end */
    ck_assert_int_eq(txt_to_utf8(TXT_ENC_SJIS, "A\x81 B\x93", 5, &res), 0);
    ck_assert_uint_eq(res.n_issues, 2);
    ck_assert_uint_eq(res.issues[0].offset, 1);
    ck_assert_uint_eq(res.issues[0].charno, 2);
    ck_assert_uint_eq(res.issues[1].offset, 4);
    ck_assert_uint_eq(res.issues[1].charno, 5);
    ck_assert_str_eq(res.out, "A\xef\xbf\xbd B\xef\xbf\xbd");
    txt_conv_result_free(&res);

    ck_assert_int_eq(txt_to_utf8(TXT_ENC_EUCJP, "", 0, &res), 0);
    ck_assert_uint_eq(res.n_issues, 0);
    ck_assert_str_eq(res.out, "");
    txt_conv_result_free(&res);
}
END_TEST

/* The iconv names of the encodings. */
START_TEST(test_conv_enc_names)
{
    ck_assert_str_eq(txt_enc_name(TXT_ENC_CP932), "CP932");
    ck_assert_str_eq(txt_enc_name(TXT_ENC_SJIS), "SHIFT_JIS");
    ck_assert_str_eq(txt_enc_name(TXT_ENC_EUCJP), "EUC-JP");
}
END_TEST

/* ---- dates -------------------------------------------------------------- */

/* One wareki.tsv row parses to its date (or fails) and round-trips. */
START_TEST(test_wareki_row)
{
    const corpus_row *r = &g_wareki.rows[_i];
    const corpus_field *in = &r->f[0];
    const char *want = r->f[1].s;
    txt_date d = { 0, 0, 0 };
    int rc = txt_date_parse(in->s, in->len, &d);
    char iso[DATE_BUF];

    if (strcmp(want, "error") == 0) {
        ck_assert_msg(rc != 0, "wareki.tsv:%zu: %s parsed as %d-%d-%d",
                      r->lineno, in->s, d.y, d.m, d.d);
        return;
    }
    ck_assert_msg(rc == 0, "wareki.tsv:%zu: %s did not parse", r->lineno,
                  in->s);
    txt_date_iso(d, iso, sizeof iso);
    ck_assert_msg(strcmp(iso, want) == 0, "wareki.tsv:%zu: %s gave %s, want %s",
                  r->lineno, in->s, iso, want);
    assert_wareki_round_trip(d);
}
END_TEST

/* Formatting on and around each change of era. */
START_TEST(test_wareki_era_boundaries)
{
    assert_wareki(1989, 1, 7, "昭和64年1月7日", "S64.1.7");
    assert_wareki(1989, 1, 8, "平成元年1月8日", "H1.1.8");
    assert_wareki(2019, 4, 30, "平成31年4月30日", "H31.4.30");
    assert_wareki(2019, 5, 1, "令和元年5月1日", "R1.5.1");
    assert_wareki(1926, 12, 24, "大正15年12月24日", "T15.12.24");
    assert_wareki(1926, 12, 25, "昭和元年12月25日", "S1.12.25");
    assert_wareki(1912, 7, 29, "明治45年7月29日", "M45.7.29");
    assert_wareki(1912, 7, 30, "大正元年7月30日", "T1.7.30");
    assert_wareki(1970, 3, 1, "昭和45年3月1日", "S45.3.1");
    assert_wareki(2026, 4, 1, "令和8年4月1日", "R8.4.1");
    /* before 明治: ISO */
    assert_wareki(1868, 1, 24, "1868-01-24", "1868-01-24");
    assert_wareki(1868, 1, 25, "明治元年1月25日", "M1.1.25");
}
END_TEST

/* Every day from 明治 to 2100 round-trips through both 和暦 forms and ISO. */
START_TEST(test_wareki_every_day_round_trip)
{
    txt_date d = { 1868, 1, 25 };

    while (d.y <= 2100) {
        char iso[DATE_BUF];
        txt_date back = { 0, 0, 0 };

        assert_wareki_round_trip(d);
        txt_date_iso(d, iso, sizeof iso);
        ck_assert_int_eq(txt_date_parse(iso, strlen(iso), &back), 0);
        ck_assert_int_eq(txt_date_cmp(back, d), 0);
        if (txt_date_valid(d.y, d.m, d.d + 1)) {
            d.d++;
        } else if (d.m < 12) {
            d.m++;
            d.d = 1;
        } else {
            d.y++;
            d.m = 1;
            d.d = 1;
        }
    }
}
END_TEST

/* Accepted and rejected ways of writing a date. */
START_TEST(test_date_parse_forms)
{
    assert_parses("2026/4/1", 2026, 4, 1);
    assert_parses("2026-04-01", 2026, 4, 1);
    assert_parses("２０２６／４／１", 2026, 4, 1);
    assert_parses("2026年4月1日", 2026, 4, 1);
    assert_parses(" S45.3.1 ", 1970, 3, 1);
    assert_parses("s45-3-1", 1970, 3, 1);
    assert_parses("R08.04.01", 2026, 4, 1);
    assert_parses("ｒ８．４．１", 2026, 4, 1);
    assert_parses("Ｈ３１年４月３０日", 2019, 4, 30);
    assert_parses("㍼45年3月1日", 1970, 3, 1);
    assert_parses("令和 8年 4月 1日", 2026, 4, 1);
    assert_parses("平成元年1月8日", 1989, 1, 8);
    assert_parses("2024-02-29", 2024, 2, 29);
    assert_parses("M1.1.25", 1868, 1, 25);

    assert_rejected("");
    assert_rejected("S45.3");
    assert_rejected("S45.3-1");
    assert_rejected("S45.3.1x");
    assert_rejected("X45.3.1");
    assert_rejected("平成0年1月1日");
    assert_rejected("平成元年1月7日");
    assert_rejected("令和元年4月30日");
    assert_rejected("大正15年12月26日");
    assert_rejected("明治45年7月30日");
    assert_rejected("M1.1.24");
    assert_rejected("2023-02-29");
    assert_rejected("2026-4-31");
    assert_rejected("2026-13-01");
    assert_rejected("26-04-01");
    assert_rejected("45.3.1");
    assert_rejected("S45.3.1\xff");
    assert_rejected("元年5月1日");
    assert_rejected("2026/04/01/");
}
END_TEST

/* Gregorian validity, leap years included. */
START_TEST(test_date_valid)
{
    ck_assert(txt_date_valid(2024, 2, 29));
    ck_assert(txt_date_valid(2000, 2, 29));
    ck_assert(!txt_date_valid(1900, 2, 29));
    ck_assert(!txt_date_valid(2023, 2, 29));
    ck_assert(txt_date_valid(2026, 12, 31));
    ck_assert(!txt_date_valid(2026, 4, 31));
    ck_assert(!txt_date_valid(2026, 0, 1));
    ck_assert(!txt_date_valid(2026, 13, 1));
    ck_assert(!txt_date_valid(2026, 1, 0));
    ck_assert(!txt_date_valid(0, 1, 1));
}
END_TEST

/* ISO formatting and date order. */
START_TEST(test_date_iso_and_cmp)
{
    char buf[DATE_BUF];
    txt_date none = { 0, 0, 0 }, a = { 1970, 3, 1 }, b = { 1970, 3, 2 };

    txt_date_iso(a, buf, sizeof buf);
    ck_assert_str_eq(buf, "1970-03-01");
    txt_date_iso(none, buf, sizeof buf);
    ck_assert_str_eq(buf, "");
    ck_assert_int_lt(txt_date_cmp(a, b), 0);
    ck_assert_int_gt(txt_date_cmp(b, a), 0);
    ck_assert_int_eq(txt_date_cmp(a, a), 0);
    ck_assert_int_lt(txt_date_cmp((txt_date){ 1969, 12, 31 }, a), 0);
}
END_TEST

/* 年度 starts on 1 April. */
/* Found by fuzz-date: 令和100年 and later cannot be typed back in (era
 * years have two digits), so such dates are shown in ISO. */
START_TEST(test_date_far_future_round_trip)
{
    static const char *const dates[] = { "2117-12-31", "2118-01-01", "4122-04-01" };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        txt_date d, back;
        char buf[64];
        ck_assert_int_eq(txt_date_parse(dates[i], strlen(dates[i]), &d), 0);
        txt_date_wareki(d, buf, sizeof buf);
        ck_assert_msg(txt_date_parse(buf, strlen(buf), &back) == 0 && txt_date_cmp(back, d) == 0,
                      "%s shown as %s does not read back", dates[i], buf);
        txt_date_wareki_short(d, buf, sizeof buf);
        ck_assert_msg(txt_date_parse(buf, strlen(buf), &back) == 0 && txt_date_cmp(back, d) == 0,
                      "%s shown as %s does not read back", dates[i], buf);
    }
    txt_date d = { 2118, 1, 1 };
    char buf[64];
    txt_date_wareki(d, buf, sizeof buf);
    ck_assert_str_eq(buf, "2118-01-01");
}
END_TEST

/* Days added and taken away run through months, years and 29 February;
 * a stored UTC stamp reads as the local day and time. */
START_TEST(test_date_add_days_and_stamp)
{
    char iso[16];
    txt_date_iso(txt_date_add_days((txt_date){ 2028, 2, 27 }, 3), iso, sizeof iso);
    ck_assert_str_eq(iso, "2028-03-01");   /* 2028 is a leap year */
    txt_date_iso(txt_date_add_days((txt_date){ 2026, 12, 31 }, 1), iso, sizeof iso);
    ck_assert_str_eq(iso, "2027-01-01");
    txt_date_iso(txt_date_add_days((txt_date){ 2026, 3, 1 }, -1), iso, sizeof iso);
    ck_assert_str_eq(iso, "2026-02-28");
    txt_date_iso(txt_date_add_days((txt_date){ 2026, 4, 1 }, -90), iso, sizeof iso);
    ck_assert_str_eq(iso, "2026-01-01");
    txt_date_iso(txt_date_add_days((txt_date){ 2026, 4, 1 }, 0), iso, sizeof iso);
    ck_assert_str_eq(iso, "2026-04-01");
    char when[TXT_STAMP_MAX];
    setenv("TZ", "JST-9", 1);   /* POSIX form: needs no tzdata */
    tzset();
    txt_stamp_local("2026-11-24T15:30:00Z", when, sizeof when);
    ck_assert_str_eq(when, "R8.11.25 00:30");
    txt_stamp_local("不明", when, sizeof when);
    ck_assert_str_eq(when, "不明");
    unsetenv("TZ");
    tzset();
}
END_TEST

/* Wrapping by display width: full-width characters count two cells, a
 * closing mark never begins a line, controls are made visible, and each
 * line of the text gets the indent. */
START_TEST(test_wrap_kinsoku)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_wrap(&b, "あいうえお。かきくけこ\r\nab\x1b", "  ", 10);
    ck_assert_str_eq(b.data, "  あいうえお。\n  かきくけこ\n  ab^[\n");
    txt_buf_free(&b);
    txt_buf_init(&b);
    txt_wrap(&b, "", "  ", 10);
    ck_assert(b.data == NULL || b.data[0] == '\0');
    txt_buf_free(&b);
}
END_TEST

START_TEST(test_date_fiscal_year)
{
    ck_assert_int_eq(txt_date_fiscal_year((txt_date){ 2026, 3, 31 }), 2025);
    ck_assert_int_eq(txt_date_fiscal_year((txt_date){ 2026, 4, 1 }), 2026);
    ck_assert_int_eq(txt_date_fiscal_year((txt_date){ 2026, 1, 1 }), 2025);
    ck_assert_int_eq(txt_date_fiscal_year((txt_date){ 2026, 12, 31 }), 2026);
}
END_TEST

/* Age across birthdays, including births on 29 February. */
START_TEST(test_date_age)
{
    txt_date leap = { 2000, 2, 29 }, b = { 1970, 3, 1 };

    ck_assert_int_eq(txt_date_age(b, (txt_date){ 2026, 2, 28 }), 55);
    ck_assert_int_eq(txt_date_age(b, (txt_date){ 2026, 3, 1 }), 56);
    ck_assert_int_eq(txt_date_age(b, (txt_date){ 1970, 3, 1 }), 0);
    ck_assert_int_eq(txt_date_age(b, (txt_date){ 1971, 2, 28 }), 0);
    ck_assert_int_eq(txt_date_age(b, (txt_date){ 1971, 3, 1 }), 1);
    ck_assert_int_eq(txt_date_age(b, (txt_date){ 1970, 2, 28 }), -1);
    /* born on 29 February: a year older from 1 March in common years */
    ck_assert_int_eq(txt_date_age(leap, (txt_date){ 2001, 2, 28 }), 0);
    ck_assert_int_eq(txt_date_age(leap, (txt_date){ 2001, 3, 1 }), 1);
    ck_assert_int_eq(txt_date_age(leap, (txt_date){ 2004, 2, 28 }), 3);
    ck_assert_int_eq(txt_date_age(leap, (txt_date){ 2004, 2, 29 }), 4);
    ck_assert_int_eq(txt_date_age(leap, (txt_date){ 2026, 2, 28 }), 25);
    ck_assert_int_eq(txt_date_age(leap, (txt_date){ 2026, 3, 1 }), 26);
    ck_assert_int_eq(txt_date_age((txt_date){ 1999, 12, 31 },
                                  (txt_date){ 2000, 1, 1 }), 0);
}
END_TEST

/* ---- suites ------------------------------------------------------------- */

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* Corpus files load and have the columns the tests read. */
static Suite *corpus_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("load");
    tcase_add_loop_test(tc, test_corpus_loads, 0, (int)N_FILES);
    tcase_add_test(tc, test_corpus_unescape);
    suite_add_tcase(s, tc);
    return s;
}

/* txt_utf8_* and txt_buf_*. */
static Suite *utf8_suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("decode");
    tcase_add_loop_test(tc, test_utf8_decode_valid, 0, COUNT(utf8_valid_cases));
    tcase_add_loop_test(tc, test_utf8_decode_invalid, 0,
                        COUNT(utf8_invalid_cases));
    tcase_add_test(tc, test_utf8_truncated);
    tcase_add_test(tc, test_utf8_encode_invalid);
    suite_add_tcase(s, tc);
    tc = tcase_create("buf");
    tcase_add_test(tc, test_buf_basic);
    suite_add_tcase(s, tc);
    return s;
}

/* Width, cutting, fitting and the visible form. */
static Suite *display_suite(void)
{
    Suite *s = suite_create("display");
    TCase *tc = tcase_create("width_corpus");
    tcase_add_loop_test(tc, test_width_corpus_row, 0, (int)g_width.n);
    tcase_add_test(tc, test_cp_width);
    suite_add_tcase(s, tc);
    tc = tcase_create("cut_fit");
    tcase_add_test(tc, test_fit_odd_width_double);
    tcase_add_test(tc, test_fit_keeps_combining_mark);
    tcase_add_test(tc, test_fit_long_name);
    suite_add_tcase(s, tc);
    tc = tcase_create("visible_hostile");
    tcase_add_loop_test(tc, test_visible_hostile_row, 0, (int)g_hostile.n);
    tcase_add_loop_test(tc, test_visible_exact, 0, COUNT(visible_cases));
    tcase_add_test(tc, test_visible_all_bytes);
    suite_add_tcase(s, tc);
    return s;
}

/* Search keys and digits. */
static Suite *search_key_suite(void)
{
    Suite *s = suite_create("search_key");
    TCase *tc = tcase_create("search_corpus");
    tcase_add_loop_test(tc, test_search_group_row, 0, (int)g_search.n);
    tcase_add_test(tc, test_search_groups_distinct);
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_add_test(tc, test_search_phone_suffix);
    tcase_add_test(tc, test_search_exact_keys);
    tcase_add_loop_test(tc, test_search_itaiji, 0, COUNT(itaiji_pairs));
    tcase_add_loop_test(tc, test_search_distinct_names, 0,
                        COUNT(distinct_names));
    tcase_add_test(tc, test_digits);
    suite_add_tcase(s, tc);
    return s;
}

/* CP932, Shift_JIS and EUC-JP conversion. */
static Suite *conv_suite(void)
{
    Suite *s = suite_create("conv");
    TCase *tc = tcase_create("encoding_corpus");
    tcase_add_loop_test(tc, test_encoding_row, 0, (int)g_encoding.n);
    suite_add_tcase(s, tc);
    tc = tcase_create("issues");
    tcase_add_test(tc, test_conv_cp932_round_trip);
    tcase_add_test(tc, test_conv_issue_positions);
    tcase_add_test(tc, test_conv_to_utf8_invalid);
    tcase_add_test(tc, test_conv_enc_names);
    suite_add_tcase(s, tc);
    return s;
}

/* Dates, 和暦, age and fiscal year. */
static Suite *date_suite(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("wareki_corpus");
    tcase_add_loop_test(tc, test_wareki_row, 0, (int)g_wareki.n);
    suite_add_tcase(s, tc);
    tc = tcase_create("wareki");
    tcase_add_test(tc, test_wareki_era_boundaries);
    tcase_add_test(tc, test_wareki_every_day_round_trip);
    tcase_add_test(tc, test_date_parse_forms);
    suite_add_tcase(s, tc);
    tc = tcase_create("calendar");
    tcase_add_test(tc, test_date_valid);
    tcase_add_test(tc, test_date_iso_and_cmp);
    tcase_add_test(tc, test_date_fiscal_year);
    tcase_add_test(tc, test_date_add_days_and_stamp);
    tcase_add_test(tc, test_wrap_kinsoku);
    tcase_add_test(tc, test_date_far_future_round_trip);
    tcase_add_test(tc, test_date_age);
    suite_add_tcase(s, tc);
    return s;
}

/* Load the corpus, run every suite, and fail if any check failed. */
int main(void)
{
    SRunner *sr;
    int failed;

    corpus_load_all();
    sr = srunner_create(corpus_suite());
    srunner_add_suite(sr, utf8_suite());
    srunner_add_suite(sr, display_suite());
    srunner_add_suite(sr, search_key_suite());
    srunner_add_suite(sr, conv_suite());
    srunner_add_suite(sr, date_suite());
    srunner_run_all(sr, CK_ENV);  /* CK_VERBOSITY=verbose lists every case */
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    corpus_free_all();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
