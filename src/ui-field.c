/* ui-field.c - a one-line text field.  The cursor moves by character, a
 * full-width character is deleted as one, and an input method may deliver
 * many characters in one read: each arrives here as its own key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* An empty field that takes at most max_chars characters (0: any). */
void ui_field_init(ui_field *f, size_t max_chars)
{
    txt_buf_init(&f->text);
    txt_buf_adds(&f->text, "");
    f->cursor = 0;
    f->max_chars = max_chars;
}

/* Free the field's text. */
void ui_field_free(ui_field *f)
{
    txt_buf_free(&f->text);
}

/* Replace the text and put the cursor at its end. */
void ui_field_set(ui_field *f, const char *text)
{
    f->text.len = 0;
    txt_buf_adds(&f->text, text);
    f->cursor = f->text.len;
}

/* The field's text, never NULL. */
const char *ui_field_text(const ui_field *f)
{
    return f->text.data ? f->text.data : "";
}

/* Byte offset of the character before the cursor. */
static size_t ui_field_prev(const ui_field *f, size_t at)
{
    if (at == 0)
        return 0;
    size_t i = at - 1;
    /* Step back over UTF-8 continuation bytes. */
    while (i > 0 && ((unsigned char)f->text.data[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Byte offset of the character after the cursor. */
static size_t ui_field_next(const ui_field *f, size_t at)
{
    if (at >= f->text.len)
        return f->text.len;
    uint32_t cp;
    return at + txt_utf8_next(f->text.data + at, f->text.len - at, &cp);
}

/* Remove the bytes [from, to) of the text. */
static void ui_field_cut(ui_field *f, size_t from, size_t to)
{
    memmove(f->text.data + from, f->text.data + to, f->text.len - to + 1);
    f->text.len -= to - from;
    f->cursor = from;
}

/* Insert one character at the cursor. */
static bool ui_field_insert(ui_field *f, wchar_t ch)
{
    if (f->max_chars && txt_utf8_count(f->text.data, f->text.len) >= f->max_chars)
        return false;
    char enc[4];
    size_t n = txt_utf8_encode((uint32_t)ch, enc);
    size_t tail = f->text.len - f->cursor;
    txt_buf_add(&f->text, enc, n);   /* grow by n */
    if (f->text.failed)
        return false;
    memmove(f->text.data + f->cursor + n, f->text.data + f->cursor, tail);
    memcpy(f->text.data + f->cursor, enc, n);
    f->text.data[f->text.len] = '\0';
    f->cursor += n;
    return true;
}

/* Apply an editing key; returns true when the text changed. */
bool ui_field_key(ui_field *f, const ui_key *k)
{
    switch (k->kind) {
    case UI_KEY_CHAR:
        return ui_field_insert(f, k->ch);
    case UI_KEY_BACKSPACE:
        if (f->cursor == 0)
            return false;
        ui_field_cut(f, ui_field_prev(f, f->cursor), f->cursor);
        return true;
    case UI_KEY_DELETE:
        if (f->cursor >= f->text.len)
            return false;
        ui_field_cut(f, f->cursor, ui_field_next(f, f->cursor));
        return true;
    case UI_KEY_KILL:
        if (f->text.len == 0)
            return false;
        ui_field_cut(f, 0, f->text.len);
        return true;
    case UI_KEY_LEFT:
        f->cursor = ui_field_prev(f, f->cursor);
        return false;
    case UI_KEY_RIGHT:
        f->cursor = ui_field_next(f, f->cursor);
        return false;
    case UI_KEY_HOME:
        f->cursor = 0;
        return false;
    case UI_KEY_END:
        f->cursor = f->text.len;
        return false;
    default:
        return false;
    }
}

/* Draw in `cells` columns, scrolled so that the cursor shows. */
int ui_field_draw(const ui_field *f, int y, int x, int cells, ui_attr attr)
{
    const char *t = ui_field_text(f);
    /* Keep one cell for the cursor after the last character. */
    int before = txt_width(t, f->cursor);
    size_t start = 0;
    while (before >= cells && start < f->cursor) {
        size_t next = ui_field_next(f, start);
        before -= txt_width(t + start, next - start);
        start = next;
    }
    ui_put(y, x, cells, attr, t + start);
    return x + before;
}
