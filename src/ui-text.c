/* ui-text.c - long text: what was said at the counter, typed over several
 * lines and wrapped by display width, so a full-width character is never
 * split at the edge. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* Split text into visual lines of at most width cells. */
ui_line *ui_text_wrap(const char *text, int width, size_t *n)
{
    size_t len = strlen(text), cap = 8, count = 0;
    ui_line *lines = malloc(cap * sizeof *lines);
    if (lines == NULL)
        return NULL;
    size_t start = 0;
    int used = 0;
    for (size_t i = 0; i <= len;) {
        uint32_t cp = 0;
        size_t step = i < len ? txt_utf8_next(text + i, len - i, &cp) : 0;
        int w = i < len ? txt_width(text + i, step) : 0;
        bool newline = i < len && cp == '\n';
        bool full = i < len && !newline && used + w > width && used > 0;
        if (i == len || newline || full) {
            if (count == cap) {
                ui_line *grown = realloc(lines, (cap *= 2) * sizeof *lines);
                if (grown == NULL) {
                    free(lines);
                    return NULL;
                }
                lines = grown;
            }
            lines[count].start = start;
            lines[count++].end = i;
            if (i == len)
                break;
            start = newline ? i + step : i;
            used = 0;
            if (newline) {
                i += step;
                continue;
            }
        }
        used += w;
        i += step;
    }
    *n = count;
    return lines;
}

/* The visual line holding the cursor. */
static size_t ui_text_line_of(const ui_line *lines, size_t n, size_t cursor)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (cursor < lines[i + 1].start || (cursor == lines[i].end && lines[i + 1].start > lines[i].end))
            return i;
    return n - 1;
}

/* The byte offset in line l closest to display column col. */
static size_t ui_text_at_col(const char *text, const ui_line *l, int col)
{
    size_t i = l->start;
    int used = 0;
    while (i < l->end) {
        uint32_t cp;
        size_t step = txt_utf8_next(text + i, l->end - i, &cp);
        int w = txt_width(text + i, step);
        if (used + w > col)
            break;
        used += w;
        i += step;
    }
    return i;
}

/* Move the cursor one visual line up (dir -1) or down (+1); false at the
 * first or last line. */
static bool ui_text_vertical(ui_text *t, int width, int dir)
{
    size_t n;
    const char *text = ui_field_text(&t->f);
    ui_line *lines = ui_text_wrap(text, width, &n);
    if (lines == NULL)
        return false;
    size_t at = ui_text_line_of(lines, n, t->f.cursor);
    bool moved = (dir < 0 && at > 0) || (dir > 0 && at + 1 < n);
    if (moved) {
        int col = txt_width(text + lines[at].start, t->f.cursor - lines[at].start);
        t->f.cursor = ui_text_at_col(text, &lines[at + (size_t)dir], col);
    }
    free(lines);
    return moved;
}

/* Apply a key: Enter starts a new line, Up and Down move by visual line. */
bool ui_text_key(ui_text *t, const ui_key *k, int width, bool *changed)
{
    *changed = false;
    if (k->kind == UI_KEY_ENTER) {
        ui_key nl = { UI_KEY_CHAR, L'\n', 0 };
        *changed = ui_field_key(&t->f, &nl);
        return true;
    }
    if (k->kind == UI_KEY_UP || k->kind == UI_KEY_DOWN)
        return ui_text_vertical(t, width, k->kind == UI_KEY_UP ? -1 : 1);
    if (k->kind == UI_KEY_CHAR || k->kind == UI_KEY_BACKSPACE ||
        k->kind == UI_KEY_DELETE || k->kind == UI_KEY_KILL ||
        k->kind == UI_KEY_LEFT || k->kind == UI_KEY_RIGHT ||
        k->kind == UI_KEY_HOME || k->kind == UI_KEY_END) {
        *changed = ui_field_key(&t->f, k);
        return true;
    }
    return false;
}

/* Draw the visible lines, scrolled so that the cursor shows. */
void ui_text_draw(ui_text *t, int y, int x, int width, int lines, ui_attr attr,
                  int *cy, int *cx)
{
    size_t n;
    const char *text = ui_field_text(&t->f);
    ui_line *wl = ui_text_wrap(text, width, &n);
    if (wl == NULL)
        return;
    int at = (int)ui_text_line_of(wl, n, t->f.cursor);
    if (at < t->first)
        t->first = at;
    if (at >= t->first + lines)
        t->first = at - lines + 1;
    for (int i = 0; i < lines; i++) {
        size_t li = (size_t)(t->first + i);
        char *part = li < n ? strndup(text + wl[li].start, wl[li].end - wl[li].start) : NULL;
        ui_put(y + i, x, width, attr, part ? part : "");
        free(part);
    }
    if (cy != NULL) {
        *cy = y + at - t->first;
        *cx = x + txt_width(text + wl[at].start, t->f.cursor - wl[at].start);
    }
    free(wl);
}

/* Draw text wrapped by display width from column x in at most `rows`
 * lines; returns the row after it. */
int ui_put_wrap(int y, int x, int rows, ui_attr attr, const char *text)
{
    size_t n = 0;
    ui_line *lines = ui_text_wrap(text, ui_cols() - x, &n);
    if (lines == NULL)
        return y;
    for (size_t i = 0; i < n && (int)i < rows; i++) {
        char *part = strndup(text + lines[i].start, lines[i].end - lines[i].start);
        ui_put(y++, x, ui_cols() - x, attr, part ? part : "");
        free(part);
    }
    free(lines);
    return y;
}
