/* ui-int.h - what the ui-*.c files share: the application state, keys,
 * the display path and the screens. */
#ifndef TSUNAGI_UI_INT_H
#define TSUNAGI_UI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "db.h"
#include "form.h"
#include "text.h"

/* The smallest terminal the screens are laid out for. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24
#define UI_STATUS_MAX 512
/* Candidates the intake offers for the person being typed. */
#define UI_SUGGEST_MAX 5

/* ---- keys (ui-keys.c) ------------------------------------------------- */

typedef enum ui_key_kind {
    UI_KEY_NONE,      /* nothing arrived before the timeout */
    UI_KEY_CHAR,      /* a printable character in ch */
    UI_KEY_FN,        /* a function key in fn (1-10), or ESC then a digit */
    UI_KEY_BACK,      /* ESC alone */
    UI_KEY_ENTER,
    UI_KEY_BACKSPACE,
    UI_KEY_DELETE,
    UI_KEY_UP, UI_KEY_DOWN, UI_KEY_LEFT, UI_KEY_RIGHT,
    UI_KEY_HOME, UI_KEY_END, UI_KEY_PGUP, UI_KEY_PGDN,
    UI_KEY_TAB, UI_KEY_BTAB,
    UI_KEY_KILL,      /* Ctrl-U: clear the field */
    UI_KEY_CTRL,      /* another control key: its letter in ch ('s' for Ctrl-S) */
    UI_KEY_REDRAW,    /* Ctrl-L */
    UI_KEY_RESIZE,
    UI_KEY_HANGUP     /* the terminal went away */
} ui_key_kind;

typedef struct ui_key {
    ui_key_kind kind;
    wchar_t ch;
    int fn;
} ui_key;

/* Wait up to timeout_ms (-1: for ever) for a key and decode it. */
void ui_key_read(int timeout_ms, ui_key *k);
/* Whether more input is already waiting (to skip work while typing). */
bool ui_key_pending(void);
/* While a save waits for a lock: whether ESC was pressed to give it up. */
bool ui_key_cancelled(void);
/* Whether a key is a letter, either case (k for K). */
bool ui_key_is(const ui_key *k, wchar_t lower);
/* A digit key as a number, full-width too; -1 for any other key. */
int ui_key_digit(const ui_key *k);
/* Step a selection with Up and Down within n; true when the key was one. */
bool ui_key_step(const ui_key *k, size_t *sel, size_t n);

/* ---- the display path (ui-draw.c) -------------------------------------- */

/* Attributes the screens use; mapped to curses attributes in ui-draw.c. */
typedef enum ui_attr {
    UI_NORMAL,
    UI_BAR,        /* title and key bars */
    UI_HEADING,
    UI_SELECTED,
    UI_KEYCAP,     /* "F1" in the key bar */
    UI_ALERT,      /* errors and waits */
    UI_DIM
} ui_attr;

/* Draw text at (y, x) in exactly `cells` columns: made visible, cut
 * without splitting a character, padded.  The only way text reaches the
 * screen. Returns the column after it. */
int ui_put(int y, int x, int cells, ui_attr attr, const char *text);
/* Draw text at (y, x) in its own width (cut at the right edge). */
int ui_puts(int y, int x, ui_attr attr, const char *text);
/* Draw a printf-formatted text at (y, x) in its own width. */
int ui_putf(int y, int x, ui_attr attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Clear a line from column x to the right edge. */
void ui_clear_line(int y, int x, ui_attr attr);
/* Place the terminal cursor, or hide it when y < 0 (applied by ui_flush). */
void ui_cursor(int y, int x);
/* Send the frame to the terminal. */
void ui_flush(void);
void ui_draw_init(void);
/* The terminal's size, so that screens need not include curses. */
int ui_cols(void);
int ui_lines(void);
/* Whether the terminal's encoding can show cp (non-UTF-8 locales). */
bool ui_can_show(wchar_t cp);
/* An ISO date (or a timestamp's date) as short 和暦, as given otherwise. */
void ui_date_short(const char *iso, char *buf, size_t n);

/* ---- single-line field (ui-field.c) ------------------------------------ */

typedef struct ui_field {
    txt_buf text;     /* UTF-8 */
    size_t cursor;    /* byte offset of the cursor in text */
    size_t max_chars; /* 0 for no limit */
} ui_field;

void ui_field_init(ui_field *f, size_t max_chars);
void ui_field_free(ui_field *f);
void ui_field_set(ui_field *f, const char *text);
const char *ui_field_text(const ui_field *f);
/* Apply an editing key; returns true when the text changed. */
bool ui_field_key(ui_field *f, const ui_key *k);
/* Draw in `cells` columns at (y, x), scrolled so the cursor shows; returns
 * the screen column of the cursor. */
int ui_field_draw(const ui_field *f, int y, int x, int cells, ui_attr attr);

/* ---- long text (ui-text.c) --------------------------------------------- */

/* A field of several lines: the one-line field's editing, plus newlines
 * and lines wrapped by display width. */
typedef struct ui_text {
    ui_field f;
    int first;       /* first visual line shown */
} ui_text;

/* A visual line: bytes [start, end) of the text, without its newline. */
typedef struct ui_line {
    size_t start, end;
} ui_line;

/* Draw text wrapped by display width from column x in at most `rows`
 * lines; returns the row after it. */
int ui_put_wrap(int y, int x, int rows, ui_attr attr, const char *text);
/* Split text into visual lines of at most width cells.  Returns a malloc'd
 * array (never empty) and its length in *n; NULL when memory runs out. */
ui_line *ui_text_wrap(const char *text, int width, size_t *n);
/* Apply a key; Up on the first line and Down on the last are not used (so
 * the form can move on).  Returns true when the key was used; *changed
 * tells whether the text changed. */
bool ui_text_key(ui_text *t, const ui_key *k, int width, bool *changed);
/* Draw `lines` lines of `width` cells at (y, x); when cy is not NULL the
 * cursor's screen position is written to *cy, *cx. */
void ui_text_draw(ui_text *t, int y, int x, int width, int lines, ui_attr attr,
                  int *cy, int *cx);

/* ---- forms on screen (ui-form.c) --------------------------------------- */




/* A form being filled in: which field has the focus and its editor.  The
 * values and the per-field messages belong to the screen that uses it. */
typedef struct ui_form {
    const form *f;
    form_values *values;
    const char **errors;     /* one message or NULL per field */
    size_t focus;
    int scroll;              /* first form row shown */
    ui_field line;           /* the focused one-line field */
    ui_text text;            /* the focused long text */
    size_t item;             /* the focused item of a multi-choice */
} ui_form;

void ui_form_init(ui_form *uf, const form *f, form_values *fv,
                  const char **errors);
void ui_form_free(ui_form *uf);
/* Put what the editor holds back into the values. */
void ui_form_commit(ui_form *uf);
/* Move the focus to field i (committing the one left). */
void ui_form_focus(ui_form *uf, size_t i);
/* Reload the focused field's editor from the values (after they changed
 * behind the form's back, e.g. a draft was loaded). */
void ui_form_reload(ui_form *uf);
/* Draw the fields in rows [top, bottom]. */
void ui_form_draw(ui_form *uf, int top, int bottom);
/* Apply a key; returns true when used.  *changed tells whether a value
 * changed. */
bool ui_form_key(ui_form *uf, const ui_key *k, bool *changed);

/* ---- a form kept as a draft while it is typed (ui-keep.c) ------------- */

struct ui_app;

/* Context lines of a draft's text ("#key<TAB>number"): what a screen
 * needs to open the form again where it was (ids never start with '#'). */
#define UI_DRAFT_PERSON "#person"
#define UI_DRAFT_CASE "#case"
#define UI_DRAFT_REFERRAL "#referral"
#define UI_DRAFT_CONSENT "#consent"
#define UI_DRAFT_REPLACES "#replaces"
#define UI_DRAFT_ASSESSMENT "#assessment"
#define UI_DRAFT_VERSION "#version"
#define UI_DRAFT_MEETING "#meeting"
#define UI_DRAFT_ITEM "#item"
#define UI_DRAFT_OUTREACH "#outreach"
#define UI_DRAFT_RESOURCE "#resource"
#define UI_DRAFT_MATCHING "#matching"
/* Lines of the values a form was typed on: "#base.<field id><TAB>value". */
#define UI_DRAFT_BASE "#base."

typedef struct ui_keep {
    int64_t draft_id;        /* the draft holding the form, 0: none yet */
    int64_t draft_version;
    bool dirty;              /* changed since the last draft */
    char *spool_file;        /* where the draft went when the database
                                could not take it (dom_draft_keep) */
    bool kept_local;         /* the last draft went there */
} ui_keep;

void ui_keep_free(ui_keep *k);
/* Whether the form was typed into (a draft or unsaved changes). */
bool ui_keep_typed(const ui_keep *k);
/* Keep data as the draft of form_id; false (with a message) on failure. */
bool ui_keep_save(struct ui_app *a, ui_keep *k, const char *form_id, const char *data);
/* Carry on from a stored draft; say so. */
void ui_keep_resume(ui_keep *k, const db_draft *dr);
void ui_keep_resumed(struct ui_app *a, const db_draft *dr);
/* Around the save that stores the form: its transaction removes the
 * draft; a failed save leaves the form to be kept again. */
void ui_keep_saving(struct ui_app *a, const ui_keep *k);
void ui_keep_saved(struct ui_app *a, ui_keep *k, db_status st);
/* The user gave the form up: its draft goes too. */
void ui_keep_discard(struct ui_app *a, ui_keep *k);
/* The number of a context line of a draft's text, 0 when absent. */
int64_t ui_keep_context(const char *data, const char *key);
/* The values the form was typed on (UI_DRAFT_BASE lines), malloc'd. */
char *ui_keep_base(const char *data);

/* ---- a form filled in on a screen (ui-panel.c) ------------------------- */

typedef struct ui_panel {
    form *form;              /* loaded at the first opening */
    form_values values;
    const char **errors;     /* one message or NULL per field */
    ui_form ui;
    bool open;
    ui_keep keep;            /* its draft */
    char *context;           /* its draft's context lines (UI_DRAFT_*) */
} ui_panel;

typedef enum ui_panel_result {
    UI_PANEL_UNUSED,         /* not a key of the form */
    UI_PANEL_USED,
    UI_PANEL_SAVE,           /* Ctrl-S */
    UI_PANEL_CANCEL          /* ESC */
} ui_panel_result;

/* Open an empty form (a file in forms/); false with a message when bad. */
bool ui_panel_open(struct ui_app *a, ui_panel *p, const char *form_id);
/* Close the form; its draft, if any, stays to be offered again. */
void ui_panel_close(ui_panel *p);
/* Close the form the user gave up, and remove its draft. */
void ui_panel_discard(struct ui_app *a, ui_panel *p);
/* Whether the open form was typed into (closing it would lose that). */
bool ui_panel_typed(const ui_panel *p);
/* Set a context line of the form's draft (a number a resume needs). */
void ui_panel_context(ui_panel *p, const char *key, int64_t value);
/* Keep the values the form was typed on in its draft (UI_DRAFT_BASE). */
void ui_panel_context_base(ui_panel *p, const char *dump);
/* Keep the form as a draft if it changed; false when that failed. */
bool ui_panel_keep(struct ui_app *a, ui_panel *p);
/* Fill the open form from a draft, which it then carries on. */
bool ui_panel_resume(ui_panel *p, const db_draft *dr);
/* Around the save that stores the form (see ui_keep_saving). */
void ui_panel_saving(struct ui_app *a, const ui_panel *p);
void ui_panel_saved(struct ui_app *a, ui_panel *p, db_status st);
void ui_panel_free(ui_panel *p);
/* A field's value by id ("" when there is none). */
const char *ui_panel_get(const ui_panel *p, const char *id);
void ui_panel_set(ui_panel *p, const char *id, const char *value);
/* Give a choice field the choices only the program knows. */
bool ui_panel_choices(ui_panel *p, const char *id, const char *const *choices, size_t n);
/* Put a message under a field and focus it. */
void ui_panel_error(ui_panel *p, const char *id, const char *msg);
/* Check every field by its type; returns how many are wrong. */
size_t ui_panel_check(ui_panel *p);
ui_panel_result ui_panel_key(ui_panel *p, const ui_key *k);
void ui_panel_draw(ui_panel *p, int top, int bottom);

/* ---- the application ----------------------------------------------------- */

typedef enum ui_screen_id {
    UI_SCREEN_LOOKUP,
    UI_SCREEN_SUMMARY,
    UI_SCREEN_HELP,
    UI_SCREEN_INTAKE,
    UI_SCREEN_DRAFTS,
    UI_SCREEN_CONSENT,
    UI_SCREEN_REFERRAL,
    UI_SCREEN_CASE,
    UI_SCREEN_MEETING,
    UI_SCREEN_DASHBOARD,
    UI_SCREEN_OUTREACH,      /* F9, the 地域 tabs: the outreach list, */
    UI_SCREEN_RESOURCE,      /* the resource registry, */
    UI_SCREEN_MATCHING,      /* participation support's matchings */
    UI_SCREEN_NEED,          /* and the needs no resource meets */
    UI_N_SCREENS
} ui_screen_id;

/* F-keys a screen answers to, as bits (1 << n for Fn). */
#define UI_FKEY(n) (1u << (n))

typedef struct ui_lookup {
    ui_field query;
    db_person *rows;
    size_t n_rows;
    signed char *consent;  /* per row: 0 not read yet, else dom_consent_state + 1 */
    bool more;
    size_t selected;
    size_t top;          /* first row shown */
    char *searched;      /* the query the rows are for */
} ui_lookup;

typedef struct ui_summary {
    int64_t person_id;
    db_person person;
    db_household household;
    bool has_household;
    db_person *members;
    size_t n_members;
    db_link *links;
    size_t n_links;
    bool loaded;
    db_consult *consults;   /* the timeline, newest first */
    size_t n_consults;
    db_consent *consents;   /* the consent history, newest first */
    size_t n_consents;
    db_case *cases;         /* open first */
    size_t n_cases;
    db_plan *next_plans;    /* each case's latest plan (id 0: none) */
    db_referral *referrals; /* newest first */
    size_t n_referrals;
    int scroll;
    /* Picking an anonymous consultation to link to this person (Ctrl-K). */
    bool picking;
    db_consult *anon;
    size_t n_anon;
    size_t anon_sel;
} ui_summary;

/* The intake being filled in.  It stays while the user looks elsewhere
 * (F2, the summary) and comes back with F3. */
typedef struct ui_intake {
    form *form;              /* read from the form file at first use */
    form_values values;
    const char **errors;     /* per field */
    ui_form ui;
    bool active;             /* a form is open */
    int64_t person_id;       /* the existing person it is linked to */
    int64_t person_version;  /* that person's version when linked */
    char *person_label;
    int64_t household_id;    /* a new person joins this household; 0: new */
    char *household_label;
    size_t relation;         /* 続柄 in that household (dom_relations) */
    db_person *suggest;      /* likely existing persons, best first */
    size_t n_suggest;
    size_t suggest_sel;
    const char *suggest_why[UI_SUGGEST_MAX];  /* why each is a candidate */
    char *suggest_for;       /* the identity the suggestions were made for */
    ui_keep keep;            /* its draft */
} ui_intake;

typedef struct ui_drafts {
    db_draft *rows;
    size_t n;
    char **labels;           /* per row: the form's title and the person */
    size_t selected;
    bool confirm;            /* Delete was pressed once */
} ui_drafts;

/* The consent screen (F4): one person's consent history. */
typedef enum ui_consent_mode {
    UI_CONSENT_LIST,
    UI_CONSENT_NEW,          /* recording a consent */
    UI_CONSENT_WITHDRAW      /* withdrawing the selected one */
} ui_consent_mode;

typedef struct ui_consent {
    int64_t person_id;
    char *person_name;
    db_consent *rows;        /* newest first */
    size_t n;
    size_t selected;
    db_agency *agencies;     /* the scope's choices, in their order */
    size_t n_agencies;
    ui_consent_mode mode;
    ui_panel panel;
    ui_screen_id back;       /* where ESC returns */
} ui_consent;

typedef struct ui_app {
    db *d;
    const db_staff *who;
    const char *spool_dir;      /* drafts the database cannot take */
    const char *paper_dir;      /* where meeting papers are written */
    ui_screen_id screen;
    ui_screen_id help_return;   /* where ESC leaves the help screen */
    int help_scroll;
    bool quit;
    bool quit_anyway;           /* F10 again quits though a draft failed */
    bool too_small;
    char message[UI_STATUS_MAX];
    ui_attr message_attr;
    int lock_wait_ms;           /* > 0 while a save waits for a lock */
    int wait_limit_ms;          /* > 0: give a lock wait up after this */
    ui_lookup lookup;
    ui_summary summary;
    ui_intake intake;
    ui_drafts drafts;
    ui_consent consent;
    struct ui_referral *referral;   /* F5, ui-referral.c's own state */
    struct ui_case *cases;          /* F6, ui-case.c's own state */
    struct ui_meeting *meeting;     /* F7, ui-meeting.c's own state */
    struct ui_dashboard *dashboard; /* F8, ui-dashboard.c's own state */
    ui_screen_id region_tab;        /* F9: the 地域 tab last shown */
    struct ui_outreach *outreach;   /* F9 tabs, each its file's own state */
    struct ui_resource *resource;
    struct ui_matching *matching;
    struct ui_need *need;
} ui_app;

/* A screen: its title, the F-keys it offers, and how it draws and takes
 * keys.  key returns true when it used the key. */
typedef struct ui_screen {
    const char *title;
    unsigned fkeys;
    void (*draw)(ui_app *a);
    bool (*key)(ui_app *a, const ui_key *k);
} ui_screen;

extern const ui_screen ui_lookup_screen;
extern const ui_screen ui_summary_screen;
extern const ui_screen ui_help_screen;
extern const ui_screen ui_intake_screen;
extern const ui_screen ui_drafts_screen;
extern const ui_screen ui_consent_screen;
extern const ui_screen ui_referral_screen;
extern const ui_screen ui_case_screen;
extern const ui_screen ui_meeting_screen;
extern const ui_screen ui_dashboard_screen;
extern const ui_screen ui_outreach_screen;
extern const ui_screen ui_resource_screen;
extern const ui_screen ui_matching_screen;
extern const ui_screen ui_need_screen;

/* ui.c */
void ui_message(ui_app *a, ui_attr attr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_go(ui_app *a, ui_screen_id s);
/* The rows between the title line and the status line. */
int ui_body_top(void);
int ui_body_bottom(void);

/* ui-lookup.c */
void ui_lookup_init(ui_lookup *l);
void ui_lookup_free(ui_lookup *l);
/* Run the pending search, if the query changed. */
void ui_lookup_refresh(ui_app *a);
/* At a quiet moment: read the day's 予定 the empty lookup shows, when it
 * is due; true when the screen should be drawn again. */
bool ui_lookup_idle(ui_app *a);

/* ui-help.c: open the help at the section of the screen it was asked from. */
void ui_help_open(ui_app *a, const char *screen_title);

/* ui-intake.c */
/* Open the intake (F3): the one in progress, or a new one for person_id
 * (0: nobody yet). */
void ui_intake_open(ui_app *a, int64_t person_id);
/* Keep what was typed as a draft if it changed; false when that failed. */
bool ui_intake_keep(ui_app *a);
/* Load a draft into the intake (keeping the one in progress first);
 * false when the draft is not an intake's. */
bool ui_intake_resume(ui_app *a, const db_draft *dr);
void ui_intake_free(ui_intake *in);

/* ui-consent.c: F4 for a person (0: asks to choose one first). */
void ui_consent_open(ui_app *a, int64_t person_id);
void ui_consent_free(ui_consent *c);

/* ui-referral.c: F5, referrals of a person (0: the lists by agency and
 * state); a new referral starts from the intake or case on screen. */
void ui_referral_open(ui_app *a, int64_t person_id);
void ui_referral_free(ui_app *a);
/* The person the referral screen is about (0: none), for F3, F4 and F6. */
int64_t ui_referral_person(const ui_app *a);
/* The referral selected in a person's list (0: none), for a case opened
 * from it. */
int64_t ui_referral_current(const ui_app *a);

/* ui-case.c: F6, the cases of a person (0: the open cases), their stages,
 * assessment and plans. */
void ui_case_open(ui_app *a, int64_t person_id);
void ui_case_free(ui_app *a);
/* The person the case screen is about (0: none), for F3, F4 and F5 there. */
int64_t ui_case_person(const ui_app *a);
/* The case shown in detail there (0: none), for a referral made from it. */
int64_t ui_case_current(const ui_app *a);

/* ui-meeting.c: F7, the meetings (the coming one selected), their
 * agendas, decisions and papers; a meeting by its id (from the
 * dashboard). */
void ui_meeting_open(ui_app *a);
void ui_meeting_open_id(ui_app *a, int64_t meeting_id);
void ui_meeting_free(ui_app *a);
/* The form being typed there, for the pause-save and quit (NULL: none). */
ui_panel *ui_meeting_panel(ui_app *a);

/* ui-dashboard.c: F8, 予定 - the coming meetings, plans due or overdue for
 * monitoring or evaluation, referrals awaiting an answer, the user's
 * drafts and the cases waiting for a meeting; each line opens its screen.
 * A short form of it fills the quick lookup while nothing is typed, so
 * that it is what a worker sees after logging in. */
void ui_dashboard_open(ui_app *a);
/* Draw the short form in rows [top, bottom], as last read. */
void ui_dashboard_brief(ui_app *a, int top, int bottom);
/* Read the short form again when stale or old; true when it was read.
 * For a quiet moment: never on a keystroke's path. */
bool ui_dashboard_refresh(ui_app *a);
/* What it shows may have changed: read it again before the next draw. */
void ui_dashboard_stale(ui_app *a);
void ui_dashboard_free(ui_app *a);

/* ui-region.c: F9, 地域 - アウトリーチ・参加支援 as tabs (Tab and
 * Shift-Tab move between them).  F9 with a person on screen (the summary,
 * the case) opens that person's participation support; else the tab last
 * shown. */
void ui_region_open(ui_app *a, int64_t person_id, int64_t case_id);
/* The tab strip, on row y, with the current screen's tab marked. */
void ui_region_draw_tabs(const ui_app *a, int y);
/* Tab and Shift-Tab: the next or previous tab; true when the key was one. */
bool ui_region_key(ui_app *a, const ui_key *k);

/* ui-outreach.c: the outreach list (アウトリーチ等を通じた継続的支援): the
 * entries still open with the next attempt due first, attempts, stage
 * moves and an entry made a person and a case; an entry by its id (from
 * the dashboard). */
void ui_outreach_open(ui_app *a, int64_t outreach_id);
void ui_outreach_free(ui_app *a);

/* ui-resource.c: the resource registry (社会資源), searched by kind and
 * words.  ui_resource_pick opens it to choose a resource for case_id's
 * person (for_whom, shown): Enter hands the choice to
 * ui_matching_start. */
void ui_resource_open(ui_app *a);
void ui_resource_pick(ui_app *a, int64_t case_id, const char *for_whom);
void ui_resource_free(ui_app *a);

/* ui-matching.c: participation support (参加支援): a person's matchings
 * (person_id 0: those whose follow-up is due), their states and
 * follow-ups (person_id < 0: the view as it was left); case_id, when not
 * 0, is the 参加支援 case a new matching is for. */
void ui_matching_open(ui_app *a, int64_t person_id, int64_t case_id);
/* Match case_id's person to a resource chosen on the registry. */
void ui_matching_start(ui_app *a, int64_t case_id, int64_t resource_id);
void ui_matching_free(ui_app *a);

/* ui-need.c: 社会資源の不足 - the needs no resource meets, recorded here,
 * listed with the gaps the meetings noted, for 地域づくり. */
void ui_need_open(ui_app *a);
void ui_need_free(ui_app *a);

/* The forms of F4, F5 and F6 kept as drafts: each screen opens its own
 * again where it was (false: the draft is another screen's), and hands
 * its form to the pause-save and quit (NULL: none yet). */
bool ui_consent_resume(ui_app *a, const db_draft *dr);
bool ui_referral_resume(ui_app *a, const db_draft *dr);
bool ui_case_resume(ui_app *a, const db_draft *dr);
bool ui_meeting_resume(ui_app *a, const db_draft *dr);
ui_panel *ui_referral_panel(ui_app *a);
ui_panel *ui_case_panel(ui_app *a);
bool ui_outreach_resume(ui_app *a, const db_draft *dr);
bool ui_resource_resume(ui_app *a, const db_draft *dr);
bool ui_matching_resume(ui_app *a, const db_draft *dr);
bool ui_need_resume(ui_app *a, const db_draft *dr);
ui_panel *ui_outreach_panel(ui_app *a);
ui_panel *ui_resource_panel(ui_app *a);
ui_panel *ui_matching_panel(ui_app *a);
ui_panel *ui_need_panel(ui_app *a);

/* ui-drafts.c */
/* Show the user's drafts if there are any; false when there are none. */
bool ui_drafts_offer(ui_app *a);
void ui_drafts_free(ui_drafts *dl);

/* ui-summary.c */
void ui_summary_free(ui_summary *s);
/* Load a person's summary (writing the audit row) and show it. */
void ui_summary_open(ui_app *a, int64_t person_id);

#endif
