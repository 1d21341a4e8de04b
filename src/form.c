/* form.c - reading form files (forms as data) and checking typed values.
 *
 * A form file is INI, read with libinih; forms/README.md documents it.
 * Every mistake in a file is reported as "FILE:LINE: reason" in Japanese,
 * because the people who edit these files are municipal staff, not
 * programmers, and a line number is what lets them fix it alone.
 *
 * libinih does not give its handler a line number, so the file is fed to
 * ini_parse_stream through our own reader, which counts lines: inih calls
 * the handler for a key right after the reader has returned the line that
 * holds it, so the count is that key's line.  The reader also does what
 * must not depend on how inih was built: it hands inih every line without
 * its indentation and joins continuation lines itself, so inih's own
 * multi-line mode (on in Debian's libinih 55) never comes into play; it
 * sees section headers, to give every field the line of its header and to
 * catch a repeated field id; and it rejects a line that does not fit
 * inih's buffer, instead of letting inih cut it in two silently. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "text.h"

#ifndef TSUNAGI_DATADIR
#define TSUNAGI_DATADIR "/usr/local/share/tsunagi"
#endif

/* Fixed, not under the configure prefix: administrators look for it there. */
#define FORM_SYSTEM_DIR "/etc/tsunagi/forms"
#define FORM_DATA_SUBDIR "/forms"
#define FORM_SUFFIX ".form"
#define FORM_ENV_DIR "TSUNAGI_FORMS"
#define FORM_PATH_MAX 4096

/* The section that names the form itself. */
#define FORM_HEADER_SECTION "form"
/* Field ids become keys of stored extra fields; inih also cuts section
 * names at 49 bytes, so stay well below. */
#define FORM_ID_MAX 40
#define FORM_ID_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"

/* Room for the fields of a typical form before the array grows. */
#define FORM_FIELDS_INITIAL 32
#define FORM_WIDTH_MAX_CELLS 200
#define FORM_WIDTH_MAX_LINES 40
/* inih's buffer holds the line, its newline and a NUL. */
#define FORM_LINE_RESERVE 2
/* Bytes of one kanji or kana in UTF-8, to tell the limit in characters. */
#define FORM_UTF8_WIDE_BYTES 3

#define FORM_YES "yes"
#define FORM_NO "no"
#define FORM_FILL_NOW_NAME "now"
#define FORM_FILL_STAFF_NAME "staff"
#define FORM_YESNO_YES "はい"
#define FORM_YESNO_NO "いいえ"

#define FORM_ASCII_DEL 0x7F
#define FORM_BOM "\xEF\xBB\xBF"
#define FORM_BOM_LEN 3
#define FORM_CHOICE_SEP_ASCII ","
#define FORM_CHOICE_SEP_WIDE "、"

#define FORM_PHONE_MIN_DIGITS 4
/* E.164 allows at most 15 digits; more is something pasted by mistake. */
#define FORM_PHONE_MAX_DIGITS 15
/* So that the ASCII form, with a sign, fits the 11 bytes of norm. */
#define FORM_NUMBER_MAX_DIGITS 9
#define FORM_DECIMAL 10

/* Code points the value checks accept besides ASCII. */
#define FORM_CP_IDEO_SPACE 0x3000u      /* 全角空白 */
#define FORM_CP_WIDE_ZERO 0xFF10u       /* ０ */
#define FORM_CP_WIDE_NINE 0xFF19u       /* ９ */
#define FORM_CP_WIDE_HYPHEN 0xFF0Du     /* － */
#define FORM_CP_LONG_VOWEL 0x30FCu      /* ー, what an IME gives for "-" */
#define FORM_CP_HYPHEN 0x2010u          /* ‐ */
#define FORM_CP_WIDE_LPAREN 0xFF08u     /* （ */
#define FORM_CP_WIDE_RPAREN 0xFF09u     /* ） */

/* One type: its name in a file, its Japanese name, its default width. */
typedef struct form_type_info {
    const char *name;
    const char *label;
    int width;
} form_type_info;

static const form_type_info form_types[FORM_N_TYPES] = {
    [FORM_TEXT] = { "text", "一行", 40 },
    [FORM_LONGTEXT] = { "longtext", "複数行", 3 },
    [FORM_DATE] = { "date", "日付", 16 },
    [FORM_CHOICE] = { "choice", "選択", 20 },
    [FORM_MULTI] = { "multi", "複数選択", 40 },
    [FORM_YESNO] = { "yesno", "はい・いいえ", 6 },
    [FORM_NUMBER] = { "number", "数値", 10 },
    [FORM_PHONE] = { "phone", "電話番号", 16 },
};

#define FORM_T(t) (1u << (t))

/* A core column and the types that can fill it: the program reads these
 * values (a birth date as ISO, concerns as items), so a form may not give
 * them a type the program cannot read. */
typedef struct form_column_info {
    const char *name;
    unsigned types;
} form_column_info;

static const form_column_info form_columns[] = {
    { "person.name", FORM_T(FORM_TEXT) },
    { "person.kana", FORM_T(FORM_TEXT) },
    { "person.sex", FORM_T(FORM_CHOICE) },
    { "person.birth", FORM_T(FORM_DATE) },
    { "person.address", FORM_T(FORM_TEXT) | FORM_T(FORM_LONGTEXT) },
    { "person.phone", FORM_T(FORM_PHONE) | FORM_T(FORM_TEXT) },
    { "consultation.received_at", FORM_T(FORM_TEXT) },
    { "consultation.staff", FORM_T(FORM_TEXT) },
    { "consultation.channel", FORM_T(FORM_CHOICE) | FORM_T(FORM_TEXT) },
    { "consultation.visitor", FORM_T(FORM_TEXT) },
    { "consultation.visitor_relation", FORM_T(FORM_CHOICE) | FORM_T(FORM_TEXT) },
    { "consultation.referrer", FORM_T(FORM_TEXT) | FORM_T(FORM_CHOICE) },
    { "consultation.concerns", FORM_T(FORM_MULTI) },
    { "consultation.content", FORM_T(FORM_LONGTEXT) | FORM_T(FORM_TEXT) },
    { "consultation.urgency", FORM_T(FORM_CHOICE) },
    { "consultation.next_contact", FORM_T(FORM_DATE) },
    { "consultation.disposition", FORM_T(FORM_CHOICE) },
};
#define FORM_N_COLUMNS (sizeof form_columns / sizeof form_columns[0])

/* The keys of both kinds of section. */
typedef enum form_key {
    FK_ID, FK_TITLE,                       /* [form] */
    FK_LABEL, FK_TYPE, FK_WIDTH, FK_REQUIRED, FK_CHOICES, FK_PRIMARY,
    FK_COLUMN, FK_FILL, FK_HELP,           /* a field */
    FK_N
} form_key;

#define FK_NONE (-1)

/* One key: its name, its section, and whether an indented next line may
 * continue it (only text where a long value is natural). */
static const struct {
    const char *name;
    bool header;
    bool continues;
} form_keys[FK_N] = {
    [FK_ID] = { "id", true, false },
    [FK_TITLE] = { "title", true, true },
    [FK_LABEL] = { "label", false, true },
    [FK_TYPE] = { "type", false, false },
    [FK_WIDTH] = { "width", false, false },
    [FK_REQUIRED] = { "required", false, false },
    [FK_CHOICES] = { "choices", false, true },
    [FK_PRIMARY] = { "primary", false, false },
    [FK_COLUMN] = { "column", false, false },
    [FK_FILL] = { "fill", false, false },
    [FK_HELP] = { "help", false, true },
};

typedef enum form_section { FS_NONE, FS_HEADER, FS_FIELD } form_section;

/* The state of one file being read. */
typedef struct form_parse {
    FILE *fp;
    const char *path;
    const char *expect_id;   /* form_find: the id the file must declare */
    form *f;
    size_t cap;              /* fields allocated */
    char *raw;               /* getline's buffer */
    size_t rawcap;
    int lineno;
    bool failed;
    char *err;
    size_t errlen;
    bool seen_header;
    int header_line;
    /* the section being read */
    form_section sec;
    int sec_line;
    int key_line[FK_N];      /* 0 when the key has not appeared */
    char *text[FK_N];        /* raw values, continuation lines joined */
    int cont;                /* the key an indented line continues, or FK_NONE */
} form_parse;

/* Record the first error as "FILE:LINE: reason"; later ones follow from it. */
__attribute__((format(printf, 3, 4)))
static void form_fail(form_parse *p, int line, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    if (p->errlen == 0)
        return;
    char msg[FORM_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "%s:%d: %s", p->path, line, msg);
}

/* The Japanese name of a type ("一行", "日付", ...). */
const char *form_type_label(form_type t)
{
    return (unsigned)t < FORM_N_TYPES ? form_types[t].label : "?";
}

/* The type named in a file, or -1. */
static int form_type_of(const char *name)
{
    for (int t = 0; t < FORM_N_TYPES; t++)
        if (strcmp(form_types[t].name, name) == 0)
            return t;
    return -1;
}

/* The known column of this name, or NULL. */
static const form_column_info *form_column_of(const char *name)
{
    for (size_t i = 0; i < FORM_N_COLUMNS; i++)
        if (strcmp(form_columns[i].name, name) == 0)
            return &form_columns[i];
    return NULL;
}

/* The key of this name for the section kind, or FK_NONE. */
static int form_key_of(const char *name, bool header)
{
    for (int k = 0; k < FK_N; k++)
        if (form_keys[k].header == header && strcmp(form_keys[k].name, name) == 0)
            return k;
    return FK_NONE;
}

/* The names of a section kind's keys, for the message about an unknown one. */
static void form_key_names(bool header, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < FK_N && used < n; k++) {
        if (form_keys[k].header != header)
            continue;
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", form_keys[k].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* The names of the types in a mask, for messages. */
static void form_type_names(unsigned mask, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int t = 0; t < FORM_N_TYPES && used < n; t++) {
        if (!(mask & FORM_T(t)))
            continue;
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", form_types[t].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* Whether a yesno field's value says yes. */
bool form_value_yes(const char *value)
{
    return value != NULL && strcmp(value, FORM_YESNO_YES) == 0;
}

/* Whether s is a valid field or form id. */
static bool form_id_ok(const char *s)
{
    size_t len = strlen(s);
    return len > 0 && len <= FORM_ID_MAX && strspn(s, FORM_ID_CHARS) == len;
}

/* Why an id is not valid, for a message. */
static void form_id_fail(form_parse *p, int line, const char *what, const char *id)
{
    if (id[0] == '\0')
        form_fail(p, line, "%sが空です", what);
    else if (strlen(id) > FORM_ID_MAX)
        form_fail(p, line, "%s '%s' が長すぎます（%d 文字まで）", what, id, FORM_ID_MAX);
    else
        form_fail(p, line, "%s '%s' には英小文字・数字・_ だけが使えます", what, id);
}

/* ---- strings ----------------------------------------------------------- */

/* Whether cp is white space as typed at a Japanese counter. */
static bool form_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == FORM_CP_IDEO_SPACE;
}

/* s without surrounding spaces, ASCII or full-width: start and length. */
static const char *form_trim(const char *s, size_t *len)
{
    size_t n = strlen(s), start = n, end = 0, step;
    uint32_t cp;
    for (size_t i = 0; i < n; i += step) {
        step = txt_utf8_next(s + i, n - i, &cp);
        if (form_is_space(cp))
            continue;
        if (start == n)
            start = i;
        end = i + step;
    }
    *len = start < end ? end - start : 0;
    return s + (start < n ? start : n);
}

/* Append sep and then piece to the malloc'd string *dst. */
static bool form_append(char **dst, const char *sep, const char *piece)
{
    size_t a = strlen(*dst), s = strlen(sep), b = strlen(piece);
    char *out = realloc(*dst, a + s + b + 1);
    if (out == NULL)
        return false;
    memcpy(out + a, sep, s);
    memcpy(out + a + s, piece, b + 1);
    *dst = out;
    return true;
}

/* Whether c is a printable ASCII character other than a space: two such
 * around a line break are English words, which need a space between. */
static bool form_is_ascii_word(char c)
{
    return c > ' ' && c < FORM_ASCII_DEL;
}

/* ---- the reader -------------------------------------------------------- */

/* Cut an inline comment off a continuation line, as inih does for
 * values: ';' after white space starts one. */
static void form_cut_comment(char *s)
{
    for (char *q = s; *q; q++)
        if (*q == ';' && q > s && (q[-1] == ' ' || q[-1] == '\t')) {
            *q = '\0';
            break;
        }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

/* Whether an indented line starts like "KEY =" with a key of this file,
 * so that indenting keys under their section does not make them
 * continuation lines. */
static bool form_looks_like_key(const char *s)
{
    size_t n = strcspn(s, " \t=:");
    size_t after = n + strspn(s + n, " \t");
    if (n == 0 || (s[after] != '=' && s[after] != ':'))
        return false;
    for (int k = 0; k < FK_N; k++)
        if (strlen(form_keys[k].name) == n && strncmp(form_keys[k].name, s, n) == 0)
            return true;
    return false;
}

/* Add an indented line to the value of the key above it. */
static void form_continue(form_parse *p, char *s)
{
    int k = p->cont;
    if (!form_keys[k].continues) {
        form_fail(p, p->lineno, "キー '%s' は次の行に続けられません"
                  "（行頭に空白のある行は前の行の続きになります）", form_keys[k].name);
        return;
    }
    form_cut_comment(s);
    char *dst = p->text[k];
    const char *sep = "";
    if (k == FK_CHOICES)
        sep = FORM_CHOICE_SEP_ASCII;
    else if (dst[0] && form_is_ascii_word(dst[strlen(dst) - 1]) && form_is_ascii_word(s[0]))
        sep = " ";  /* English words; Japanese text joins without a space */
    if (!form_append(&p->text[k], sep, s))
        form_fail(p, p->lineno, "メモリが不足しています");
}

/* Reset the per-section state. */
static void form_section_reset(form_parse *p)
{
    for (int k = 0; k < FK_N; k++) {
        free(p->text[k]);
        p->text[k] = NULL;
        p->key_line[k] = 0;
    }
    p->cont = FK_NONE;
}

/* The field being read. */
static form_field *form_current(form_parse *p)
{
    return &p->f->fields[p->f->n_fields - 1];
}

/* Take the raw value of key k (or "" when absent) out of the section state. */
static char *form_take(form_parse *p, int k)
{
    char *s = p->text[k];
    p->text[k] = NULL;
    if (s == NULL)
        s = strdup("");
    if (s == NULL)
        form_fail(p, p->lineno, "メモリが不足しています");
    return s;
}

/* Split the choices of a field on "、" and ",", trimming each. */
static void form_split_choices(form_parse *p, form_field *fl, const char *text)
{
    int line = p->key_line[FK_CHOICES];
    const char *s = text;
    while (!p->failed) {
        const char *a = strstr(s, FORM_CHOICE_SEP_ASCII);
        const char *w = strstr(s, FORM_CHOICE_SEP_WIDE);
        const char *end = a && (!w || a < w) ? a : w;
        size_t raw = end ? (size_t)(end - s) : strlen(s);
        char *piece = strndup(s, raw);
        if (piece == NULL) {
            form_fail(p, line, "メモリが不足しています");
            return;
        }
        size_t len;
        const char *item = form_trim(piece, &len);
        if (len > 0) {
            char *copy = strndup(item, len);
            char **grown = realloc(fl->choices, (fl->n_choices + 1) * sizeof *grown);
            if (copy == NULL || grown == NULL) {
                free(copy);
                if (grown)
                    fl->choices = grown;
                form_fail(p, line, "メモリが不足しています");
            } else {
                fl->choices = grown;
                fl->choices[fl->n_choices++] = copy;
            }
        }
        free(piece);
        if (end == NULL)
            break;
        s = end + (end == a ? strlen(FORM_CHOICE_SEP_ASCII) : strlen(FORM_CHOICE_SEP_WIDE));
    }
    if (p->failed)
        return;
    if (fl->n_choices == 0) {
        form_fail(p, line, "choices に選択肢がありません");
        return;
    }
    size_t mark = strlen(FORM_PRIMARY_MARK);
    for (size_t i = 0; i < fl->n_choices && !p->failed; i++) {
        if (strncmp(fl->choices[i], FORM_PRIMARY_MARK, mark) == 0)
            form_fail(p, line, "選択肢 '%s' は '%s' で始められません（主の印と紛れます）",
                      fl->choices[i], FORM_PRIMARY_MARK);
        for (size_t j = 0; j < i && !p->failed; j++)
            if (strcmp(fl->choices[i], fl->choices[j]) == 0)
                form_fail(p, line, "選択肢 '%s' が二度あります", fl->choices[i]);
    }
}

/* Finish the [form] section: id and title are required. */
static void form_end_header(form_parse *p)
{
    if (p->key_line[FK_ID] == 0) {
        form_fail(p, p->sec_line, "[form] に id がありません");
        return;
    }
    if (p->key_line[FK_TITLE] == 0 || p->text[FK_TITLE][0] == '\0') {
        form_fail(p, p->key_line[FK_TITLE] ? p->key_line[FK_TITLE] : p->sec_line,
                  "[form] に title がありません");
        return;
    }
    if (p->expect_id && strcmp(p->text[FK_ID], p->expect_id) != 0) {
        form_fail(p, p->key_line[FK_ID], "id '%s' がファイル名 '%s%s' と合いません",
                  p->text[FK_ID], p->expect_id, FORM_SUFFIX);
        return;
    }
    p->f->id = form_take(p, FK_ID);
    p->f->title = form_take(p, FK_TITLE);
}

/* Finish a field: the checks that need more than one key. */
static void form_end_field(form_parse *p)
{
    form_field *fl = form_current(p);
    const int *at = p->key_line;
    if (at[FK_LABEL] == 0) {
        form_fail(p, p->sec_line, "欄 '%s' に label がありません", fl->id);
        return;
    }
    if (p->text[FK_LABEL][0] == '\0') {
        form_fail(p, at[FK_LABEL], "label が空です");
        return;
    }
    if (at[FK_TYPE] == 0) {
        form_fail(p, p->sec_line, "欄 '%s' に type がありません", fl->id);
        return;
    }
    bool listed = fl->type == FORM_CHOICE || fl->type == FORM_MULTI;
    if (at[FK_CHOICES] && !listed) {
        form_fail(p, at[FK_CHOICES], "choices は種類 choice と multi にだけ書けます（この欄は %s）",
                  form_types[fl->type].name);
        return;
    }
    if (!at[FK_CHOICES] && listed) {
        form_fail(p, at[FK_TYPE], "種類 %s には choices が必要です", form_types[fl->type].name);
        return;
    }
    if (at[FK_PRIMARY] && fl->type != FORM_MULTI) {
        form_fail(p, at[FK_PRIMARY], "primary は種類 multi にだけ書けます（この欄は %s）",
                  form_types[fl->type].name);
        return;
    }
    if (at[FK_WIDTH] == 0)
        fl->width = form_types[fl->type].width;
    else if (fl->type == FORM_LONGTEXT && fl->width > FORM_WIDTH_MAX_LINES) {
        form_fail(p, at[FK_WIDTH], "width %d は大きすぎます（longtext は %d 行まで）",
                  fl->width, FORM_WIDTH_MAX_LINES);
        return;
    }
    unsigned fillable = fl->fill == FORM_FILL_NOW ? FORM_T(FORM_TEXT) | FORM_T(FORM_DATE)
                      : fl->fill == FORM_FILL_STAFF ? FORM_T(FORM_TEXT) : ~0u;
    char names[FORM_ERR_MAX];
    if (!(fillable & FORM_T(fl->type))) {
        form_type_names(fillable, names, sizeof names);
        form_fail(p, at[FK_FILL], "fill = %s は種類 %s に使えません（%s）", p->text[FK_FILL],
                  form_types[fl->type].name, names);
        return;
    }
    const form_column_info *col = fl->column ? form_column_of(fl->column) : NULL;
    if (col && !(col->types & FORM_T(fl->type))) {
        form_type_names(col->types, names, sizeof names);
        form_fail(p, at[FK_COLUMN], "列 %s に種類 %s は使えません（%s）", col->name,
                  form_types[fl->type].name, names);
        return;
    }
    if (at[FK_CHOICES])
        form_split_choices(p, fl, p->text[FK_CHOICES]);
    if (p->failed)
        return;
    fl->label = form_take(p, FK_LABEL);
    fl->help = form_take(p, FK_HELP);
    if (fl->column == NULL)
        fl->column = form_take(p, FK_COLUMN);
}

/* Finish whatever section is open. */
static void form_end_section(form_parse *p)
{
    if (!p->failed && p->sec == FS_HEADER)
        form_end_header(p);
    else if (!p->failed && p->sec == FS_FIELD)
        form_end_field(p);
    form_section_reset(p);
    p->sec = FS_NONE;
}

/* Start a field: a new, zeroed entry holding its id. */
static void form_start_field(form_parse *p, const char *id)
{
    form *f = p->f;
    for (size_t i = 0; i < f->n_fields; i++)
        if (strcmp(f->fields[i].id, id) == 0) {
            form_fail(p, p->lineno, "欄 '%s' が二度あります（%d 行目にもあります）",
                      id, f->fields[i].line);
            return;
        }
    if (f->n_fields == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : FORM_FIELDS_INITIAL;
        form_field *grown = realloc(f->fields, cap * sizeof *grown);
        if (grown == NULL) {
            form_fail(p, p->lineno, "メモリが不足しています");
            return;
        }
        f->fields = grown;
        p->cap = cap;
    }
    form_field *fl = &f->fields[f->n_fields];
    memset(fl, 0, sizeof *fl);
    fl->id = strdup(id);
    if (fl->id == NULL) {
        form_fail(p, p->lineno, "メモリが不足しています");
        return;
    }
    fl->line = p->lineno;
    f->n_fields++;
    p->sec = FS_FIELD;
}

/* A "[name]" line: close the section above and open this one. */
static void form_header(form_parse *p, const char *s)
{
    const char *close = strchr(s, ']');
    if (close == NULL) {
        form_fail(p, p->lineno, "'[' に対応する ']' がありません");
        return;
    }
    const char *rest = close + 1 + strspn(close + 1, " \t");
    if (*rest && *rest != ';' && *rest != '#') {
        form_fail(p, p->lineno, "']' の後ろに余計な文字があります");
        return;
    }
    form_end_section(p);
    if (p->failed)
        return;
    p->sec_line = p->lineno;
    char *name = strndup(s + 1, (size_t)(close - s - 1));
    if (name == NULL) {
        form_fail(p, p->lineno, "メモリが不足しています");
        return;
    }
    if (strcmp(name, FORM_HEADER_SECTION) == 0) {
        if (p->seen_header)
            form_fail(p, p->lineno, "[form] が二度あります（%d 行目にもあります）", p->header_line);
        p->seen_header = true;
        p->header_line = p->lineno;
        p->sec = FS_HEADER;
    } else if (!form_id_ok(name)) {
        form_id_fail(p, p->lineno, "欄名", name);
    } else {
        form_start_field(p, name);
    }
    free(name);
}

/* inih's reader: one physical line per call, counted, checked, without its
 * indentation; continuation lines are joined here and given to inih as
 * empty lines, so inih counts them too. */
static char *form_read_line(char *str, int num, void *stream)
{
    form_parse *p = stream;
    if (p->failed)
        return NULL;
    ssize_t got = getline(&p->raw, &p->rawcap, p->fp);
    if (got < 0) {
        if (ferror(p->fp))
            form_fail(p, p->lineno + 1, "読めません（%s）", strerror(errno));
        return NULL;
    }
    p->lineno++;
    char *s = p->raw;
    size_t len = (size_t)got;
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        s[--len] = '\0';
    if (p->lineno == 1 && len >= FORM_BOM_LEN && memcmp(s, FORM_BOM, FORM_BOM_LEN) == 0) {
        s += FORM_BOM_LEN;
        len -= FORM_BOM_LEN;
    }
    if (strlen(s) != len || !txt_utf8_valid(s, len)) {
        form_fail(p, p->lineno, "UTF-8 として読めない文字があります"
                  "（Shift_JIS などで保存していませんか）");
        return NULL;
    }
    if (len + FORM_LINE_RESERVE > (size_t)num) {
        int max = num - FORM_LINE_RESERVE;
        form_fail(p, p->lineno, "行が長すぎます（%d バイト、日本語でおよそ %d 字まで。"
                  "choices と help は字下げした次の行に続けられます）",
                  max, max / FORM_UTF8_WIDE_BYTES);
        return NULL;
    }
    size_t indent = strspn(s, " \t");
    char *body = s + indent;
    const char *pass = "";
    if (*body == '\0' || *body == ';' || *body == '#') {
        p->cont = FK_NONE;
    } else if (*body == '[') {
        form_header(p, body);
        pass = body;
    } else if (indent > 0 && p->cont != FK_NONE && !form_looks_like_key(body)) {
        form_continue(p, body);
    } else {
        p->cont = FK_NONE;  /* the handler sets it again for a good key */
        if (strpbrk(body, "=:") == NULL)
            form_fail(p, p->lineno, "「キー = 値」の形になっていません");
        pass = body;
    }
    if (p->failed)
        return NULL;
    snprintf(str, (size_t)num, "%s\n", pass);
    return str;
}

/* ---- the handler ------------------------------------------------------- */

/* Parse a width: a whole number of cells or lines. */
static void form_key_width(form_parse *p, form_field *fl, const char *v)
{
    char *end;
    errno = 0;
    long w = strtol(v, &end, FORM_DECIMAL);
    if (v[0] == '\0' || *end != '\0' || errno != 0 || w < 1 || w > FORM_WIDTH_MAX_CELLS) {
        form_fail(p, p->lineno, "width '%s' は 1 から %d の整数にしてください",
                  v, FORM_WIDTH_MAX_CELLS);
        return;
    }
    fl->width = (int)w;
}

/* Parse yes or no. */
static bool form_key_bool(form_parse *p, const char *name, const char *v)
{
    if (strcmp(v, FORM_YES) == 0)
        return true;
    if (strcmp(v, FORM_NO) != 0)
        form_fail(p, p->lineno, "%s '%s' は yes か no にしてください", name, v);
    return false;
}

/* A core column: known, and used by no other field. */
static void form_key_column(form_parse *p, form_field *fl, const char *v)
{
    if (v[0] == '\0')
        return;  /* an extra field, said explicitly */
    if (form_column_of(v) == NULL) {
        form_fail(p, p->lineno, "列 '%s' はありません（使える列は forms/README.md にあります）", v);
        return;
    }
    const form *f = p->f;
    for (size_t i = 0; i + 1 < f->n_fields; i++)
        if (f->fields[i].column && strcmp(f->fields[i].column, v) == 0) {
            form_fail(p, p->lineno, "列 '%s' は欄 '%s'（%d 行目）でも使われています",
                      v, f->fields[i].id, f->fields[i].line);
            return;
        }
    fl->column = strdup(v);
    if (fl->column == NULL)
        form_fail(p, p->lineno, "メモリが不足しています");
}

/* The checks one key can make alone. */
static void form_key_value(form_parse *p, int k, const char *v)
{
    if (form_keys[k].header) {
        if (k == FK_ID && !form_id_ok(v))
            form_id_fail(p, p->lineno, "id", v);
        return;  /* the title is text, checked when the section ends */
    }
    form_field *fl = form_current(p);
    int t;
    switch ((form_key)k) {
    case FK_TYPE:
        t = form_type_of(v);
        if (t < 0)
            form_fail(p, p->lineno, "種類 '%s' は使えません（text, longtext, date, choice, "
                      "multi, yesno, number, phone）", v);
        else
            fl->type = (form_type)t;
        break;
    case FK_WIDTH:
        form_key_width(p, fl, v);
        break;
    case FK_REQUIRED:
        fl->required = form_key_bool(p, "required", v);
        break;
    case FK_PRIMARY:
        fl->primary = form_key_bool(p, "primary", v);
        break;
    case FK_COLUMN:
        form_key_column(p, fl, v);
        break;
    case FK_FILL:
        if (strcmp(v, FORM_FILL_NOW_NAME) == 0)
            fl->fill = FORM_FILL_NOW;
        else if (strcmp(v, FORM_FILL_STAFF_NAME) == 0)
            fl->fill = FORM_FILL_STAFF;
        else
            form_fail(p, p->lineno, "fill '%s' は now か staff にしてください", v);
        break;
    case FK_ID: case FK_TITLE: case FK_LABEL: case FK_CHOICES: case FK_HELP: case FK_N:
        break;  /* text; checked when the section ends */
    }
}

/* inih's handler: one "key = value" of the section the reader opened.
 * The reader's line count is this key's line. */
static int form_on_key(void *user, const char *section, const char *name, const char *value)
{
    form_parse *p = user;
    (void)section;  /* the reader tracks sections itself, with their lines */
    if (p->failed)
        return 1;
    if (p->sec == FS_NONE) {
        form_fail(p, p->lineno, "キー '%s' が欄の外にあります（先に [form] か [欄名] を書いてください）",
                  name);
        return 0;
    }
    bool header = p->sec == FS_HEADER;
    int k = form_key_of(name, header);
    if (k == FK_NONE) {
        char names[FORM_ERR_MAX];
        form_key_names(header, names, sizeof names);
        form_fail(p, p->lineno, "キー '%s' は使えません（%s）", name, names);
        return 0;
    }
    if (p->key_line[k]) {
        form_fail(p, p->lineno, "キー '%s' が二度あります（%d 行目にもあります）",
                  name, p->key_line[k]);
        return 0;
    }
    p->key_line[k] = p->lineno;
    p->text[k] = strdup(value);
    if (p->text[k] == NULL) {
        form_fail(p, p->lineno, "メモリが不足しています");
        return 0;
    }
    form_key_value(p, k, value);
    p->cont = k;
    return !p->failed;
}

/* ---- loading ----------------------------------------------------------- */

/* Free a form and leave it empty. */
void form_free(form *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->n_fields; i++) {
        form_field *fl = &f->fields[i];
        free(fl->id);
        free(fl->label);
        for (size_t j = 0; j < fl->n_choices; j++)
            free(fl->choices[j]);
        free(fl->choices);
        free(fl->column);
        free(fl->help);
    }
    free(f->fields);
    free(f->id);
    free(f->title);
    free(f->path);
    memset(f, 0, sizeof *f);
}

/* Read a form from an open stream named path in messages; expect_id, when
 * not NULL, is the id it must declare. */
static int form_load_from(FILE *fp, const char *path, const char *expect_id,
                          form *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (errlen)
        err[0] = '\0';
    form_parse p;
    memset(&p, 0, sizeof p);
    p.fp = fp;
    p.path = path;
    p.expect_id = expect_id;
    p.f = out;
    p.err = err;
    p.errlen = errlen;
    p.cont = FK_NONE;
    out->path = strdup(path);
    if (out->path == NULL)
        form_fail(&p, 0, "メモリが不足しています");
    int rc = p.failed ? 0 : ini_parse_stream(form_read_line, &p, form_on_key, &p);
    free(p.raw);
    if (!p.failed && rc > 0)
        form_fail(&p, rc, "書式が読めません（[欄名] か「キー = 値」の形にしてください）");
    else if (!p.failed && rc < 0)
        form_fail(&p, p.lineno, "メモリが不足しています");
    form_end_section(&p);
    if (!p.failed && !p.seen_header)
        form_fail(&p, 1, "[form] がありません（id と title を書く節です）");
    if (!p.failed && out->n_fields == 0)
        form_fail(&p, p.header_line, "欄が一つもありません");
    form_section_reset(&p);
    if (p.failed) {
        form_free(out);
        return -1;
    }
    return 0;
}

/* Read a form file; expect_id, when not NULL, is the id it must declare. */
static int form_load_as(const char *path, const char *expect_id, form *out,
                        char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        snprintf(err, errlen, "%s: 開けません（%s）", path, strerror(errno));
        return -1;
    }
    int rc = form_load_from(fp, path, expect_id, out, err, errlen);
    fclose(fp);
    return rc;
}

/* Read a form file. */
int form_load(const char *path, form *out, char *err, size_t errlen)
{
    return form_load_as(path, NULL, out, err, errlen);
}

/* Read a form from an open stream (the fuzz target feeds it memory). */
int form_load_stream(FILE *fp, const char *name, form *out, char *err, size_t errlen)
{
    return form_load_from(fp, name, NULL, out, err, errlen);
}

/* Find ID.form in the documented order and read the first found.  A bad
 * file there is an error: falling back would hide a municipality's change. */
int form_find(const char *id, form *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!form_id_ok(id)) {
        snprintf(err, errlen, "様式名 '%s' が正しくありません", id);
        return -1;
    }
    const char *env = getenv(FORM_ENV_DIR);
    const char *dirs[] = {
        env && env[0] ? env : NULL,
        FORM_SYSTEM_DIR,
        TSUNAGI_DATADIR FORM_DATA_SUBDIR,
#ifdef TSUNAGI_SRCDIR
        TSUNAGI_SRCDIR FORM_DATA_SUBDIR,
#endif
    };
    size_t n = sizeof dirs / sizeof dirs[0];
    char path[FORM_PATH_MAX], tried[FORM_ERR_MAX] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (dirs[i] == NULL)
            continue;
        snprintf(path, sizeof path, "%s/%s%s", dirs[i], id, FORM_SUFFIX);
        if (access(path, F_OK) == 0)
            return form_load_as(path, id, out, err, errlen);
        if (used < sizeof tried) {
            int w = snprintf(tried + used, sizeof tried - used, "%s%s", used ? ", " : "", dirs[i]);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    snprintf(err, errlen, "様式 %s%s が見つかりません（%s を探しました）", id, FORM_SUFFIX, tried);
    return -1;
}

/* The field with this id, or NULL. */
const form_field *form_field_by_id(const form *f, const char *id)
{
    for (size_t i = 0; i < f->n_fields; i++)
        if (strcmp(f->fields[i].id, id) == 0)
            return &f->fields[i];
    return NULL;
}

/* Give a choice field the choices only the program knows (the agencies of
 * this database).  0, or -1 when there is no such choice field or memory
 * runs out (the old choices then stay). */
int form_set_choices(form *f, const char *id, const char *const *choices, size_t n)
{
    form_field *fl = (form_field *)form_field_by_id(f, id);
    if (fl == NULL || (fl->type != FORM_CHOICE && fl->type != FORM_MULTI))
        return -1;
    char **copy = calloc(n + 1, sizeof *copy);
    for (size_t i = 0; copy && i < n; i++)
        if ((copy[i] = strdup(choices[i])) == NULL) {
            for (size_t j = 0; j < i; j++)
                free(copy[j]);
            free(copy);
            copy = NULL;
        }
    if (copy == NULL)
        return -1;
    for (size_t j = 0; j < fl->n_choices; j++)
        free(fl->choices[j]);
    free(fl->choices);
    fl->choices = copy;
    fl->n_choices = n;
    return 0;
}

/* The field mapped to a core column; "" is no column, so never matches. */
const form_field *form_field_by_column(const form *f, const char *column)
{
    if (column == NULL || column[0] == '\0')
        return NULL;
    for (size_t i = 0; i < f->n_fields; i++)
        if (strcmp(f->fields[i].column, column) == 0)
            return &f->fields[i];
    return NULL;
}

/* ---- checking values --------------------------------------------------- */

/* Whether cp is a digit, ASCII or full-width; its value into *d. */
static bool form_digit(uint32_t cp, int *d)
{
    if (cp >= '0' && cp <= '9') {
        *d = (int)(cp - '0');
        return true;
    }
    if (cp >= FORM_CP_WIDE_ZERO && cp <= FORM_CP_WIDE_NINE) {
        *d = (int)(cp - FORM_CP_WIDE_ZERO);
        return true;
    }
    return false;
}

/* An integer of ASCII or full-width digits with an optional minus,
 * written in ASCII into norm. */
static const char *form_check_number(const char *s, size_t len, char *norm, size_t normlen)
{
    static const char *const bad = "整数で入れてください（例: 3、-2）";
    char digits[FORM_NUMBER_MAX_DIGITS + 1];
    size_t nd = 0, i = 0;
    bool minus = false, leading = true;
    uint32_t cp;
    size_t step = txt_utf8_next(s, len, &cp);
    if (cp == '-' || cp == FORM_CP_WIDE_HYPHEN) {
        minus = true;
        i = step;
    }
    if (i == len)
        return bad;
    for (; i < len; i += step) {
        int d;
        step = txt_utf8_next(s + i, len - i, &cp);
        if (!form_digit(cp, &d))
            return bad;
        if (leading && d == 0)
            continue;  /* "007" is 7; keeps the digit count honest */
        leading = false;
        if (nd == FORM_NUMBER_MAX_DIGITS)
            return "数が大きすぎます（9 桁まで）";
        digits[nd++] = (char)('0' + d);
    }
    digits[nd] = '\0';
    if (norm)
        snprintf(norm, normlen, "%s%s", minus && nd ? "-" : "", nd ? digits : "0");
    return NULL;
}

/* A phone number: digits, hyphens, spaces and parentheses, enough digits. */
static const char *form_check_phone(const char *s, size_t len)
{
    size_t digits = 0;
    uint32_t cp;
    for (size_t i = 0, step; i < len; i += step) {
        int d;
        step = txt_utf8_next(s + i, len - i, &cp);
        if (form_digit(cp, &d)) {
            digits++;
            continue;
        }
        bool other = cp == '-' || cp == FORM_CP_WIDE_HYPHEN || cp == FORM_CP_LONG_VOWEL ||
                     cp == FORM_CP_HYPHEN || form_is_space(cp) || cp == '(' || cp == ')' ||
                     cp == FORM_CP_WIDE_LPAREN || cp == FORM_CP_WIDE_RPAREN;
        if (!other)
            return "電話番号には数字・ハイフン・空白・かっこだけが使えます";
    }
    if (digits < FORM_PHONE_MIN_DIGITS)
        return "電話番号の数字が足りません（4 桁以上）";
    if (digits > FORM_PHONE_MAX_DIGITS)
        return "電話番号の数字が多すぎます（15 桁まで）";
    return NULL;
}

/* Whether s[0..len) is one of the field's choices. */
static bool form_is_choice(const form_field *fl, const char *s, size_t len)
{
    for (size_t i = 0; i < fl->n_choices; i++)
        if (strlen(fl->choices[i]) == len && memcmp(fl->choices[i], s, len) == 0)
            return true;
    return false;
}

/* A multi value: items joined by FORM_MULTI_SEP, each a choice, at most
 * one marked primary, and only where the field allows it. */
static const char *form_check_multi(const form_field *fl, const char *value)
{
    size_t sep = strlen(FORM_MULTI_SEP), mark = strlen(FORM_PRIMARY_MARK);
    size_t primaries = 0;
    for (const char *p = value;;) {
        const char *end = strstr(p, FORM_MULTI_SEP);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len >= mark && strncmp(p, FORM_PRIMARY_MARK, mark) == 0) {
            primaries++;
            p += mark;
            len -= mark;
        }
        if (len == 0)
            return "空の項目があります";
        if (!form_is_choice(fl, p, len))
            return "選択肢にない項目があります";
        /* a later duplicate of this item, with or without the mark */
        for (const char *q = end; q; q = strstr(q + sep, FORM_MULTI_SEP)) {
            const char *item = q + sep;
            if (strncmp(item, FORM_PRIMARY_MARK, mark) == 0)
                item += mark;
            size_t ilen = strcspn(item, FORM_MULTI_SEP);
            if (ilen == len && memcmp(item, p, len) == 0)
                return "同じ項目が二度あります";
        }
        if (end == NULL)
            break;
        p = end + sep;
    }
    if (primaries > 0 && !fl->primary)
        return "この欄では主（最も重要な項目）を選べません";
    if (primaries > 1)
        return "主（最も重要な項目）は一つだけです";
    return NULL;
}

/* Check a value typed for a field; dates (ISO) and numbers (ASCII) are
 * normalised into norm, which is left empty for everything else. */
const char *form_check(const form_field *fl, const char *value, char *norm, size_t normlen)
{
    if (norm && normlen)
        norm[0] = '\0';
    if (value == NULL)
        value = "";
    size_t all = strlen(value);
    if (!txt_utf8_valid(value, all))
        return "文字が正しくありません";
    size_t len;
    const char *s = form_trim(value, &len);
    if (len == 0)
        return fl->required ? "必須です" : NULL;
    txt_date d;
    switch (fl->type) {
    case FORM_TEXT:
        return memchr(value, '\n', all) ? "改行は入れられません" : NULL;
    case FORM_LONGTEXT:
        return NULL;
    case FORM_DATE:
        if (txt_date_parse(s, len, &d) != 0)
            return "日付として読めません（例: 令和8年4月1日、R8.4.1、2026-04-01）";
        if (norm)
            txt_date_iso(d, norm, normlen);
        return NULL;
    case FORM_CHOICE:
        return form_is_choice(fl, s, len) ? NULL : "選択肢にありません";
    case FORM_MULTI:
        return form_check_multi(fl, value);
    case FORM_YESNO:
        if ((len == strlen(FORM_YESNO_YES) && memcmp(s, FORM_YESNO_YES, len) == 0) ||
            (len == strlen(FORM_YESNO_NO) && memcmp(s, FORM_YESNO_NO, len) == 0))
            return NULL;
        return "「はい」か「いいえ」を選んでください";
    case FORM_NUMBER:
        return form_check_number(s, len, norm, normlen);
    case FORM_PHONE:
        return form_check_phone(s, len);
    case FORM_N_TYPES:
        break;
    }
    return "種類が正しくありません";
}
