/* ui.c - the terminal shell: curses set-up, the title, status and
 * function-key lines, the key loop and moving between screens. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ui-int.h"
#include "ui.h"

/* How long curses waits to tell a lone ESC from an escape sequence.  Over
 * SSH the bytes of one sequence may arrive apart, so not too short. */
#define UI_ESCDELAY_MS 150
#define UI_FKEY_LAST 10
#define UI_MS_PER_S 1000
#define UI_DATE_MAX 64
#define UI_LINE_MAX 512
/* A pause this long while a form has unsaved changes keeps it as a draft,
 * so that even a killed session loses at most a few keystrokes. */
#define UI_AUTOSAVE_MS 1500
#define UI_AUTOSAVE_WAIT_MS 1000
/* The screens with a form of their own: consent, referral, case, meeting,
 * and the 地域 tabs (outreach, resource, matching, need). */
#define UI_N_PANELS 8

/* The F-keys of the product, in the order of the bar.  Only those the
 * current screen answers to are shown. */
static const char *const ui_fkey_labels[UI_FKEY_LAST + 1] = {
    NULL, "ヘルプ", "検索", "受付", "同意", "つなぎ", "ケース", "会議",
    "予定", "地域", "終了",
};

/* Keys that work on every screen. */
#define UI_GLOBAL_FKEYS (UI_FKEY(1) | UI_FKEY(2) | UI_FKEY(3) | UI_FKEY(4) | UI_FKEY(5) | \
                         UI_FKEY(6) | UI_FKEY(7) | UI_FKEY(8) | UI_FKEY(9) | \
                         UI_FKEY(10))

static const ui_screen *const ui_screens[UI_N_SCREENS] = {
    [UI_SCREEN_LOOKUP] = &ui_lookup_screen,
    [UI_SCREEN_SUMMARY] = &ui_summary_screen,
    [UI_SCREEN_HELP] = &ui_help_screen,
    [UI_SCREEN_INTAKE] = &ui_intake_screen,
    [UI_SCREEN_DRAFTS] = &ui_drafts_screen,
    [UI_SCREEN_CONSENT] = &ui_consent_screen,
    [UI_SCREEN_REFERRAL] = &ui_referral_screen,
    [UI_SCREEN_CASE] = &ui_case_screen,
    [UI_SCREEN_MEETING] = &ui_meeting_screen,
    [UI_SCREEN_DASHBOARD] = &ui_dashboard_screen,
    [UI_SCREEN_OUTREACH] = &ui_outreach_screen,
    [UI_SCREEN_RESOURCE] = &ui_resource_screen,
    [UI_SCREEN_MATCHING] = &ui_matching_screen,
    [UI_SCREEN_NEED] = &ui_need_screen,
};

static volatile sig_atomic_t ui_hangup;

/* SIGHUP and SIGTERM: note it; the key loop ends at its next read. */
static void ui_on_signal(int sig)
{
    (void)sig;
    ui_hangup = 1;
}

/* Set a message for the status line. */
void ui_message(ui_app *a, ui_attr attr, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_attr = attr;
}

/* Show another screen. */
void ui_go(ui_app *a, ui_screen_id s)
{
    if (s == UI_SCREEN_HELP && a->screen != UI_SCREEN_HELP)
        a->help_return = a->screen;
    /* Back at the lookup after work elsewhere: its 予定 is read again. */
    if (s == UI_SCREEN_LOOKUP && a->screen != UI_SCREEN_LOOKUP)
        ui_dashboard_stale(a);
    a->screen = s;
}

/* The first row of a screen's body (below the title line). */
int ui_body_top(void)
{
    return 1;
}

/* The last row of a screen's body (above the status line). */
int ui_body_bottom(void)
{
    return LINES - 3;
}

/* The title line: product, screen, and today's date in 和暦. */
static void ui_draw_title(const ui_app *a)
{
    char date[UI_DATE_MAX], line[UI_LINE_MAX];
    txt_date_wareki(dom_today(), date, sizeof date);
    snprintf(line, sizeof line, " つなぎ  %s", ui_screens[a->screen]->title);
    ui_put(0, 0, COLS, UI_BAR, line);
    int w = txt_width(date, strlen(date));
    ui_put(0, COLS - w - 1, w, UI_BAR, date);
}

/* A message too long for the status line takes the line above it too:
 * an error and its reason must be read whole. */
static void ui_draw_long_message(const ui_app *a, int y)
{
    char *shown = txt_visible(a->message, strlen(a->message));
    if (shown == NULL)
        return;
    int used = 0;
    char *first = txt_cut(shown, strlen(shown), COLS - 1, &used);
    size_t cut = first ? strlen(first) : 0;
    ui_put(y - 1, 0, COLS, a->message_attr, first ? first : "");
    ui_put(y, 0, COLS, a->message_attr, shown + cut);
    free(first);
    free(shown);
}

/* The status line: a message or a lock wait, and who is using which
 * database. */
static void ui_draw_status(const ui_app *a)
{
    char who[UI_LINE_MAX];
    const char *path = db_path(a->d);
    const char *base = strrchr(path, '/');
    snprintf(who, sizeof who, "%s（%s） DB:%s", a->who->name,
             dom_role_label(dom_role_of(a->who->role)), base ? base + 1 : path);
    int y = LINES - 2;
    int w = txt_width(who, strlen(who));
    int right = COLS - w - 1;
    if (right < COLS / 2)
        right = COLS / 2;
    /* A message or a wait matters more than who is logged in. */
    int said = a->lock_wait_ms > 0 ? COLS : txt_width(a->message, strlen(a->message));
    if (said >= right)
        right = COLS;
    if (a->lock_wait_ms > 0) {
        char wait[UI_LINE_MAX];
        snprintf(wait, sizeof wait, "他の端末が書き込み中です（%d秒）  ESC で取り消し",
                 a->lock_wait_ms / UI_MS_PER_S);
        ui_put(y, 0, right, UI_ALERT, wait);
    } else if (said > COLS - 1) {
        ui_draw_long_message(a, y);
    } else {
        ui_put(y, 0, right, a->message_attr, a->message);
    }
    ui_put(y, right, COLS - right, UI_DIM, who);
}

/* The function-key bar: only the keys that work here. */
static void ui_draw_fkeys(const ui_app *a)
{
    unsigned keys = ui_screens[a->screen]->fkeys | UI_GLOBAL_FKEYS;
    int y = LINES - 1, x = 0;
    ui_clear_line(y, 0, UI_NORMAL);
    for (int n = 1; n <= UI_FKEY_LAST; n++) {
        if ((keys & UI_FKEY(n)) == 0)
            continue;
        char cap[8];
        snprintf(cap, sizeof cap, "F%d", n);
        x = ui_puts(y, x, UI_KEYCAP, cap);
        x = ui_puts(y, x, UI_BAR, ui_fkey_labels[n]);
        x = ui_puts(y, x, UI_NORMAL, " ");
    }
}

/* The notice shown instead of a screen when the terminal is too small. */
static void ui_draw_too_small(void)
{
    static const char *const lines[] = {
        "画面が小さすぎます。",
        "80x24 以上に広げてください。",
        "入力中の内容は保たれています。",
    };
    erase();
    for (int i = 0; i < (int)(sizeof lines / sizeof lines[0]); i++)
        ui_put(i, 0, COLS, UI_ALERT, lines[i]);
    ui_cursor(-1, 0);
}

/* Draw everything for the current state. */
static void ui_draw(ui_app *a)
{
    a->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
    if (a->too_small) {
        ui_draw_too_small();
        ui_flush();
        return;
    }
    erase();
    ui_cursor(-1, 0);
    ui_draw_title(a);
    ui_draw_fkeys(a);
    ui_screens[a->screen]->draw(a);
    /* After the screen: a long message may take its last line. */
    ui_draw_status(a);
    ui_flush();
}

/* Show a lock wait while a save blocks (called from the db layer), and
 * give it up when the user presses ESC: no key press ever blocks for the
 * whole busy timeout. */
static bool ui_on_wait(void *arg, int waited_ms)
{
    ui_app *a = arg;
    a->lock_wait_ms = waited_ms < 0 ? 0 : waited_ms;
    if (!a->too_small) {
        ui_draw_status(a);
        ui_flush();
    }
    if (waited_ms < 0)
        return true;
    if (a->wait_limit_ms > 0 && waited_ms >= a->wait_limit_ms)
        return false;
    return !ui_key_cancelled();
}

/* The person on screen, whom F3 carries into a new intake: the summary's,
 * or the lookup's selected row while a query shows results. */
static int64_t ui_person_on_screen(const ui_app *a)
{
    if (a->screen == UI_SCREEN_SUMMARY && a->summary.loaded)
        return a->summary.person_id;
    if (a->screen == UI_SCREEN_CONSENT)
        return a->consent.person_id;
    if (a->screen == UI_SCREEN_INTAKE && a->intake.active)
        return a->intake.person_id;
    if (a->screen == UI_SCREEN_CASE)
        return ui_case_person(a);
    if (a->screen == UI_SCREEN_REFERRAL)
        return ui_referral_person(a);
    if (a->screen == UI_SCREEN_LOOKUP && a->lookup.n_rows > 0 &&
        ui_field_text(&a->lookup.query)[0] != '\0')
        return a->lookup.rows[a->lookup.selected].id;
    return 0;
}

/* The forms of F4 to F7 and F9 (NULL where the screen was never opened). */
static void ui_panels(ui_app *a, ui_panel *out[UI_N_PANELS])
{
    ui_panel *all[UI_N_PANELS] = {
        &a->consent.panel,     ui_referral_panel(a), ui_case_panel(a),
        ui_meeting_panel(a),   ui_outreach_panel(a), ui_resource_panel(a),
        ui_matching_panel(a),  ui_need_panel(a),
    };
    memcpy(out, all, sizeof all);
}

/* Whether any form has changes not yet kept as a draft. */
static bool ui_unkept(ui_app *a)
{
    ui_panel *p[UI_N_PANELS];
    ui_panels(a, p);
    for (size_t i = 0; i < UI_N_PANELS; i++)
        if (p[i] && p[i]->open && p[i]->keep.dirty)
            return true;
    return a->intake.keep.dirty;
}

/* Keep every form typed into as a draft; false when one could not be. */
static bool ui_keep_all(ui_app *a)
{
    ui_panel *p[UI_N_PANELS];
    ui_panels(a, p);
    bool ok = ui_intake_keep(a);
    for (size_t i = 0; i < UI_N_PANELS; i++)
        if (p[i] && !ui_panel_keep(a, p[i]))
            ok = false;
    return ok;
}

/* F10: quit, after keeping what was typed.  When that cannot be kept the
 * first F10 only warns. */
static void ui_quit(ui_app *a)
{
    if (ui_keep_all(a) || a->quit_anyway) {
        a->quit = true;
        return;
    }
    a->quit_anyway = true;
    ui_message(a, UI_ALERT, "入力を下書きに保存できません。もう一度 F10 で保存せずに終了します");
}

/* Keys every screen shares; true when the key was used. */
static bool ui_global_key(ui_app *a, const ui_key *k)
{
    if (k->kind == UI_KEY_FN && k->fn == 10) {
        ui_quit(a);
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 3) {
        ui_intake_open(a, ui_person_on_screen(a));
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 4) {
        ui_consent_open(a, a->screen == UI_SCREEN_CONSENT ? a->consent.person_id
                                                          : ui_person_on_screen(a));
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 5) {
        ui_referral_open(a, ui_person_on_screen(a));
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 6) {
        ui_case_open(a, ui_person_on_screen(a));
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 7) {
        ui_meeting_open(a);
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 8) {
        ui_dashboard_open(a);
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 9) {
        ui_region_open(a, ui_person_on_screen(a),
                       a->screen == UI_SCREEN_CASE ? ui_case_current(a) : 0);
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 1) {
        if (a->screen != UI_SCREEN_HELP)
            ui_help_open(a, ui_screens[a->screen]->title);
        return true;
    }
    if (k->kind == UI_KEY_FN && k->fn == 2) {
        ui_go(a, UI_SCREEN_LOOKUP);
        return true;
    }
    if (k->kind == UI_KEY_REDRAW) {
        clearok(curscr, TRUE);
        return true;
    }
    return k->kind == UI_KEY_RESIZE;
}

/* Hand a key to the global keys, then to the screen. */
static void ui_dispatch(ui_app *a, const ui_key *k)
{
    if (k->kind == UI_KEY_HANGUP) {
        a->quit = true;
        return;
    }
    if (a->too_small && k->kind != UI_KEY_RESIZE &&
        !(k->kind == UI_KEY_FN && k->fn == UI_FKEY_LAST))
        return;   /* nothing typed blind into a screen that cannot show it */
    a->message[0] = '\0';
    if (!(k->kind == UI_KEY_FN && k->fn == UI_FKEY_LAST))
        a->quit_anyway = false;
    if (ui_global_key(a, k))
        return;
    if (!ui_screens[a->screen]->key(a, k) && k->kind == UI_KEY_FN)
        ui_message(a, UI_ALERT, "F%d はこの画面では使えません（F1 でヘルプ）", k->fn);
}

/* Start curses on the terminal; NULL-safe against an unknown TERM. */
static int ui_start(void)
{
    if (newterm(NULL, stdout, stdin) == NULL) {
        const char *term = getenv("TERM") ? getenv("TERM") : "";
        char *shown = txt_visible(term, strlen(term));
        fprintf(stderr, "tsunagi: 端末を初期化できません（TERM=%s）\n", shown ? shown : "");
        free(shown);
        return -1;
    }
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
#ifdef HAVE_SET_ESCDELAY
    set_escdelay(UI_ESCDELAY_MS);
#endif
    ui_draw_init();
    return 0;
}

/* Run the screens until the user quits. */
int ui_run(db *d, const db_staff *who, const char *spool_dir, const char *paper_dir)
{
    static ui_app app;
    ui_app *a = &app;
    memset(a, 0, sizeof *a);
    a->d = d;
    a->who = who;
    a->spool_dir = spool_dir;
    a->paper_dir = paper_dir;
    a->screen = UI_SCREEN_LOOKUP;
    ui_lookup_init(&a->lookup);
    /* No SA_RESTART: the signal must interrupt the wait for a key. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ui_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    if (ui_start() != 0)
        return -1;
    db_set_wait_fn(d, ui_on_wait, a);
    ui_drafts_offer(a);
    while (!a->quit && !ui_hangup) {
        if (a->screen == UI_SCREEN_LOOKUP && !ui_key_pending())
            ui_lookup_refresh(a);
        ui_draw(a);
        /* The first screen and every key come first; the 予定 the empty
         * lookup shows is read when nothing waits, then drawn. */
        if (a->screen == UI_SCREEN_LOOKUP && !a->too_small && !ui_key_pending() &&
            ui_lookup_idle(a))
            continue;
        ui_key k;
        ui_key_read(ui_unkept(a) ? UI_AUTOSAVE_MS : -1, &k);
        if (ui_hangup)
            break;
        if (k.kind == UI_KEY_NONE) {
            /* A pause-save must not freeze the screen behind another
             * terminal's lock: it gives up soon and tries again later. */
            a->wait_limit_ms = UI_AUTOSAVE_WAIT_MS;
            ui_keep_all(a);
            a->wait_limit_ms = 0;
        }
        else
            ui_dispatch(a, &k);
    }
    /* The terminal may be gone (SIGHUP): keep the form before anything,
     * in the spool if another terminal's lock does not go soon. */
    a->wait_limit_ms = UI_AUTOSAVE_WAIT_MS;
    ui_keep_all(a);
    db_set_wait_fn(d, NULL, NULL);
    endwin();
    ui_lookup_free(&a->lookup);
    ui_summary_free(&a->summary);
    ui_intake_free(&a->intake);
    ui_drafts_free(&a->drafts);
    ui_consent_free(&a->consent);
    ui_referral_free(a);
    ui_case_free(a);
    ui_meeting_free(a);
    ui_dashboard_free(a);
    ui_outreach_free(a);
    ui_resource_free(a);
    ui_matching_free(a);
    ui_need_free(a);
    return 0;
}
