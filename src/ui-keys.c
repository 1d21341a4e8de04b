/* ui-keys.c - reading keys: function keys, ESC then a digit for terminals
 * that send no F-keys, and several characters per read from an input
 * method over SSH. */
#include "config.h"

#include <curses.h>

#include "ui-int.h"

/* How long after a lone ESC a digit still counts as ESC+digit = F-key.
 * Long enough for a person pressing two keys, short enough that ESC alone
 * still feels like "back". */
/* Full-width digits, as an input method left on types them. */
#define UI_KEY_FULLWIDTH_ZERO 0xFF10
#define UI_KEY_DIGITS 10
#define UI_ESC_DIGIT_MS 600
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_KEY_DEL 0x7f
#define UI_KEY_ESC 0x1b
#define UI_FKEY_COUNT 10

/* Map a curses key code to our keys. */
static void ui_key_special(int code, ui_key *k)
{
    static const struct { int code; ui_key_kind kind; } map[] = {
        { KEY_UP, UI_KEY_UP }, { KEY_DOWN, UI_KEY_DOWN },
        { KEY_LEFT, UI_KEY_LEFT }, { KEY_RIGHT, UI_KEY_RIGHT },
        { KEY_HOME, UI_KEY_HOME }, { KEY_END, UI_KEY_END },
        { KEY_PPAGE, UI_KEY_PGUP }, { KEY_NPAGE, UI_KEY_PGDN },
        { KEY_BACKSPACE, UI_KEY_BACKSPACE }, { KEY_DC, UI_KEY_DELETE },
        { KEY_ENTER, UI_KEY_ENTER }, { KEY_BTAB, UI_KEY_BTAB },
        { KEY_RESIZE, UI_KEY_RESIZE }, { KEY_FIND, UI_KEY_HOME },
        { KEY_SELECT, UI_KEY_END }, { KEY_A1, UI_KEY_HOME },
        { KEY_C1, UI_KEY_END },
    };
    if (code >= KEY_F(1) && code <= KEY_F(UI_FKEY_COUNT)) {
        k->kind = UI_KEY_FN;
        k->fn = code - KEY_F(0);
        return;
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].code == code) {
            k->kind = map[i].kind;
            return;
        }
    k->kind = UI_KEY_NONE;
}

/* Map a control character to our keys. */
static void ui_key_control(wint_t c, ui_key *k)
{
    switch (c) {
    case '\r': case '\n': k->kind = UI_KEY_ENTER; break;
    case '\t': k->kind = UI_KEY_TAB; break;
    case '\b': case UI_KEY_DEL: k->kind = UI_KEY_BACKSPACE; break;
    case UI_CTRL('u'): k->kind = UI_KEY_KILL; break;
    case UI_CTRL('l'): k->kind = UI_KEY_REDRAW; break;
    case UI_CTRL('a'): k->kind = UI_KEY_HOME; break;
    case UI_CTRL('e'): k->kind = UI_KEY_END; break;
    case UI_CTRL('d'): k->kind = UI_KEY_DELETE; break;
    default:
        if (c >= UI_CTRL('a') && c <= UI_CTRL('z')) {
            k->kind = UI_KEY_CTRL;
            k->ch = (wchar_t)(c - UI_CTRL('a') + 'a');
        } else {
            k->kind = UI_KEY_NONE;
        }
        break;
    }
}

/* One raw read kept back, for ui_key_pending and for the key after an
 * ESC that was not a digit.  curses' own ungetch cannot hold a wide
 * character and a key code alike. */
static struct {
    bool have;
    int r;
    wint_t c;
} ui_ahead;

/* Read one raw wide character or key code, the kept-back one first. */
static int ui_key_raw(int timeout_ms, wint_t *c)
{
    if (ui_ahead.have) {
        ui_ahead.have = false;
        *c = ui_ahead.c;
        return ui_ahead.r;
    }
    wtimeout(stdscr, timeout_ms);
    return wget_wch(stdscr, c);
}

/* Keep a raw read back for the next call. */
static void ui_key_unread(int r, wint_t c)
{
    ui_ahead.have = true;
    ui_ahead.r = r;
    ui_ahead.c = c;
}

/* After a lone ESC: a digit within the window makes it an F-key. */
static void ui_key_after_esc(ui_key *k)
{
    wint_t c;
    int r = ui_key_raw(UI_ESC_DIGIT_MS, &c);
    k->kind = UI_KEY_BACK;
    if (r == OK && c >= '0' && c <= '9') {
        k->kind = UI_KEY_FN;
        k->fn = c == '0' ? UI_FKEY_COUNT : (int)(c - '0');
    } else if (r != ERR) {
        ui_key_unread(r, c);
    }
}

/* Wait up to timeout_ms (-1: for ever) for a key and decode it. */
void ui_key_read(int timeout_ms, ui_key *k)
{
    wint_t c;
    k->kind = UI_KEY_NONE;
    k->ch = 0;
    k->fn = 0;
    int r = ui_key_raw(timeout_ms, &c);
    if (r == ERR) {
        /* With no timeout an error means the terminal is gone (SIGHUP,
         * a dropped SSH session). */
        if (timeout_ms < 0)
            k->kind = UI_KEY_HANGUP;
        return;
    }
    if (r == KEY_CODE_YES) {
        ui_key_special((int)c, k);
        return;
    }
    if (c == UI_KEY_ESC) {
        ui_key_after_esc(k);
        return;
    }
    if (c < 0x20 || c == UI_KEY_DEL) {
        ui_key_control(c, k);
        return;
    }
    k->kind = UI_KEY_CHAR;
    k->ch = (wchar_t)c;
}

/* Whether more input is already waiting. */
bool ui_key_pending(void)
{
    if (ui_ahead.have)
        return true;
    wint_t c;
    int r = ui_key_raw(0, &c);
    if (r == ERR)
        return false;
    ui_key_unread(r, c);
    return true;
}

/* While a save waits for a lock: whether ESC was pressed to give it up.
 * Any other key is kept for later, so nothing typed meanwhile is lost. */
bool ui_key_cancelled(void)
{
    if (ui_ahead.have)
        return false;   /* a key is already kept: read no further */
    wint_t c;
    int r = ui_key_raw(0, &c);
    if (r == ERR)
        return false;
    if (r == OK && c == UI_KEY_ESC)
        return true;
    ui_key_unread(r, c);
    return false;
}

/* Whether a key is a letter, either case (k for K). */
bool ui_key_is(const ui_key *k, wchar_t lower)
{
    return k->kind == UI_KEY_CHAR && (k->ch == lower || k->ch == lower - L'a' + L'A');
}

/* A digit key as a number, full-width too (an input method left on);
 * -1 for any other key. */
int ui_key_digit(const ui_key *k)
{
    if (k->kind != UI_KEY_CHAR)
        return -1;
    if (k->ch >= L'0' && k->ch <= L'9')
        return (int)(k->ch - L'0');
    if (k->ch >= UI_KEY_FULLWIDTH_ZERO && k->ch < UI_KEY_FULLWIDTH_ZERO + UI_KEY_DIGITS)
        return (int)(k->ch - UI_KEY_FULLWIDTH_ZERO);
    return -1;
}

/* Step a selection up or down within n; true when the key was one. */
bool ui_key_step(const ui_key *k, size_t *sel, size_t n)
{
    if (k->kind == UI_KEY_UP) {
        if (*sel > 0)
            (*sel)--;
        return true;
    }
    if (k->kind == UI_KEY_DOWN) {
        if (*sel + 1 < n)
            (*sel)++;
        return true;
    }
    return false;
}
