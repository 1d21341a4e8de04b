/* ui-draw.c - the display path.  Every character that reaches the
 * terminal passes through ui_put: it is made visible (no control byte or
 * escape sequence of the data is ever sent), measured, cut without
 * splitting a double-width character or a base and its combining marks,
 * and padded, so that the screen never shifts. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

#define UI_COLOR_ALERT 1
#define UI_FORMAT_MAX 1024
/* Shown in place of a character the terminal's encoding cannot hold
 * (for example 髙 on an EUC-JP terminal), one per cell it would use. */
#define UI_UNSHOWABLE L'?'

static bool ui_utf8_terminal = true;
static bool ui_color = false;

/* Learn what the terminal can show. */
void ui_draw_init(void)
{
    const char *cs = nl_langinfo(CODESET);
    ui_utf8_terminal = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    ui_color = has_colors();
    if (ui_color) {
        start_color();
        use_default_colors();
        init_pair(UI_COLOR_ALERT, COLOR_RED, -1);
    }
}

/* Whether the terminal's encoding can show cp. */
bool ui_can_show(wchar_t cp)
{
    if (ui_utf8_terminal)
        return true;
    char buf[MB_LEN_MAX];
    mbstate_t ps;
    memset(&ps, 0, sizeof ps);
    return wcrtomb(buf, cp, &ps) != (size_t)-1;
}

/* The curses attribute of one of ours. */
static attr_t ui_attr_of(ui_attr a)
{
    switch (a) {
    case UI_BAR: case UI_SELECTED: return A_REVERSE;
    case UI_HEADING: return A_BOLD;
    case UI_KEYCAP: return A_BOLD;
    case UI_ALERT: return ui_color ? (A_BOLD | COLOR_PAIR(UI_COLOR_ALERT)) : (A_BOLD | A_REVERSE);
    case UI_DIM: return A_DIM;
    case UI_NORMAL: break;
    }
    return A_NORMAL;
}

/* Turn the fitted UTF-8 text into wide characters the terminal can show. */
static size_t ui_to_wide(const char *s, wchar_t *out)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += txt_utf8_next(s + i, len - i, &cp);
        if (ui_can_show((wchar_t)cp)) {
            out[n++] = (wchar_t)cp;
            continue;
        }
        for (int w = txt_cp_width(cp); w > 0; w--)
            out[n++] = UI_UNSHOWABLE;
    }
    out[n] = L'\0';
    return n;
}

/* Draw text at (y, x) in exactly `cells` columns. */
int ui_put(int y, int x, int cells, ui_attr attr, const char *text)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS)
        return x;
    /* The bottom-right cell would scroll the screen: never write it. */
    int room = COLS - x - (y == LINES - 1 ? 1 : 0);
    if (cells > room)
        cells = room;
    if (cells <= 0)
        return x;
    char *fitted = txt_fit(text ? text : "", text ? strlen(text) : 0, cells);
    if (fitted == NULL)
        return x;
    wchar_t *wide = malloc((strlen(fitted) * 2 + 1) * sizeof *wide);
    if (wide != NULL) {
        size_t n = ui_to_wide(fitted, wide);
        attrset(ui_attr_of(attr));
        mvaddnwstr(y, x, wide, (int)n);
        attrset(A_NORMAL);
    }
    free(wide);
    free(fitted);
    return x + cells;
}

/* Draw text at (y, x) in its own width (cut at the right edge). */
int ui_puts(int y, int x, ui_attr attr, const char *text)
{
    return ui_put(y, x, txt_width(text, strlen(text)), attr, text);
}

/* Draw a printf-formatted text at (y, x) in its own width. */
int ui_putf(int y, int x, ui_attr attr, const char *fmt, ...)
{
    char buf[UI_FORMAT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return ui_puts(y, x, attr, buf);
}

/* Clear a line from column x to the right edge. */
void ui_clear_line(int y, int x, ui_attr attr)
{
    ui_put(y, x, COLS - x, attr, "");
}

/* Where the cursor goes when the frame is sent (y < 0: hidden), and
 * whether it is shown now (-1: not known yet). */
static int ui_cursor_y = -1, ui_cursor_x, ui_cursor_shown = -1;

/* Place the terminal cursor, or hide it when y < 0, once the frame is
 * sent: showing and hiding it within a frame would cost bytes on every
 * keystroke. */
void ui_cursor(int y, int x)
{
    ui_cursor_y = y;
    ui_cursor_x = x;
}

/* Send the frame: only what changed, and the cursor where typing goes. */
void ui_flush(void)
{
    int shown = ui_cursor_y >= 0;
    if (shown != ui_cursor_shown) {
        curs_set(shown);
        ui_cursor_shown = shown;
    }
    if (shown)
        move(ui_cursor_y, ui_cursor_x);
    refresh();
}

/* The terminal's width in columns. */
int ui_cols(void)
{
    return COLS;
}

/* The terminal's height in lines. */
int ui_lines(void)
{
    return LINES;
}

/* An ISO date, or the date of a timestamp, as short 和暦 ("R8.6.10"); as
 * given when it is not one. */
void ui_date_short(const char *iso, char *buf, size_t n)
{
    txt_date d;
    size_t len = iso ? strcspn(iso, "T ") : 0;
    if (len > 0 && txt_date_parse(iso, len, &d) == 0)
        txt_date_wareki_short(d, buf, n);
    else
        snprintf(buf, n, "%s", iso ? iso : "");
}
