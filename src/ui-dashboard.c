/* ui-dashboard.c - 予定 (F8): what is coming and what is late, read
 * from the whole database for the user on duty: today's and the coming
 * meetings, plans due or overdue for monitoring or evaluation, referrals
 * awaiting an answer, the user's drafts and the cases waiting for a
 * meeting.  Each line opens the screen it belongs to.  A short form of it
 * fills the quick lookup while nothing is typed, so that it is the first
 * thing a worker sees after logging in; it is read again only when stale
 * or old, never on every keystroke, and a failed read is one line there,
 * never a lookup that cannot be used.
 *
 * Listing names here writes no view audit rows: the screens a line
 * opens write their own, for the one person they show. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "form.h"
#include "ui-int.h"

/* Meetings shown: today's and those of this many coming days. */
#define UI_DASHBOARD_MEETING_DAYS 30
/* Plan dates shown: the past ones and those of this many coming days. */
#define UI_DASHBOARD_DUE_DAYS 14
/* Rows read (referrals) or listed (the rest) per section, so that the
 * screen never holds a whole table. */
#define UI_DASHBOARD_LIST_MAX 200
/* The short form is read again when older than this (seconds). */
#define UI_DASHBOARD_FRESH_SECONDS 60
/* Meetings the short form lists. */
#define UI_DASHBOARD_BRIEF_MEETINGS 3
#define UI_DASHBOARD_DATE_MAX 64
#define UI_DASHBOARD_TIME_MAX 16
#define UI_DASHBOARD_ERROR_MAX 256
#define UI_DASHBOARD_OVERDUE "【期限切れ】"
#define UI_DASHBOARD_TODAY "今日"
/* dom_plan_next's word for an evaluation (the other is モニタリング). */
#define UI_DASHBOARD_EVALUATE "評価"
/* After a count when the list was cut at UI_DASHBOARD_LIST_MAX. */
#define UI_DASHBOARD_MORE "以上"
#define UI_DASHBOARD_NOMEM "メモリが不足しています"
/* What a failed read is called on the short form's line. */
#define UI_DASHBOARD_WHAT "予定"

/* Rows of the full screen around the list: the header and the keys. */
#define UI_DASHBOARD_HEADER_ROWS 1
#define UI_DASHBOARD_FOOTER_ROWS 1
/* Where the rows of a section start, under its heading. */
#define UI_DASHBOARD_X 2
/* The selected line's mark, also for terminals without colour. */
#define UI_DASHBOARD_MARK ">"
/* The short form's labels, so that the counts line up. */
#define UI_DASHBOARD_LABEL_W 10

/* Columns shared by the rows: a short 和暦 date, a name, a case number
 * and the overdue flag (at one column, so that it reads as a column). */
#define UI_DASHBOARD_DATE_W 9
#define UI_DASHBOARD_NAME_W 16
#define UI_DASHBOARD_CASE_W 12
#define UI_DASHBOARD_FLAG_X 67
#define UI_DASHBOARD_FLAG_W 12
/* A meeting: date, 今日, time, kind, place, items. */
#define UI_DASHBOARD_M_MARK_X 11
#define UI_DASHBOARD_M_MARK_W 5
#define UI_DASHBOARD_M_TIME_X 16
#define UI_DASHBOARD_M_TIME_W 6
#define UI_DASHBOARD_M_KIND_X 22
#define UI_DASHBOARD_M_KIND_W 18
#define UI_DASHBOARD_M_PLACE_X 40
#define UI_DASHBOARD_M_PLACE_W 26
#define UI_DASHBOARD_M_ITEMS_X 66
#define UI_DASHBOARD_M_ITEMS_W 12
/* A plan due: date, what, person, case, stage, flag. */
#define UI_DASHBOARD_D_WHAT_X 11
#define UI_DASHBOARD_D_WHAT_W 14
#define UI_DASHBOARD_D_NAME_X 25
#define UI_DASHBOARD_D_CASE_X 41
#define UI_DASHBOARD_D_STAGE_X 53
#define UI_DASHBOARD_D_STAGE_W 14
/* A referral: due date, person, agency, flag. */
#define UI_DASHBOARD_R_NAME_X 11
#define UI_DASHBOARD_R_AGENCY_X 27
#define UI_DASHBOARD_R_AGENCY_W 40
/* A draft: when it was kept, and which form. */
#define UI_DASHBOARD_K_FORM_X 18
#define UI_DASHBOARD_K_FORM_W 60
/* A case waiting: moment, person, case, due date. */
#define UI_DASHBOARD_W_MOMENT_W 12
#define UI_DASHBOARD_W_NAME_X 14
#define UI_DASHBOARD_W_CASE_X 30
#define UI_DASHBOARD_W_DUE_X 42
#define UI_DASHBOARD_W_DUE_W 16

/* The two routes a case takes to a meeting, indexing the waiting lists. */
enum { UI_DASHBOARD_ROUTES = DOM_ROUTE_SHIEN + 1 };

/* The sections, in the order the screen shows them. */
typedef enum ui_dashboard_section {
    UI_DASHBOARD_SEC_MEETINGS,
    UI_DASHBOARD_SEC_DUE,
    UI_DASHBOARD_SEC_REFERRALS,
    UI_DASHBOARD_SEC_DRAFTS,
    UI_DASHBOARD_SEC_WAITING,    /* once per route */
    UI_DASHBOARD_N_SECTIONS
} ui_dashboard_section;

/* What a line of the full screen is. */
typedef enum ui_dashboard_kind {
    UI_DASHBOARD_HEADING,        /* a section's title and count */
    UI_DASHBOARD_NOTE,           /* なし, or how many more are not listed */
    UI_DASHBOARD_MEETING,
    UI_DASHBOARD_DUE,
    UI_DASHBOARD_REFERRAL,
    UI_DASHBOARD_DRAFT,
    UI_DASHBOARD_WAITING
} ui_dashboard_kind;

typedef struct ui_dashboard_row {
    ui_dashboard_kind kind;
    size_t index;                /* in its list; a heading's section; a
                                    note's count not listed (0: なし) */
    dom_route route;             /* the waiting lists' */
} ui_dashboard_row;

/* A plan whose next date is near or past. */
typedef struct ui_dashboard_due {
    const db_case_status *cs;
    const char *what;            /* モニタリング or 評価 */
    const char *date;            /* ISO, the case status's own string */
    bool overdue;
} ui_dashboard_due;

struct ui_dashboard {
    bool loaded;                 /* read once, well or not */
    bool stale;                  /* read again before the next short form */
    time_t read_at;
    bool failed;
    const char *failed_what;     /* which list (static text) */
    char error[UI_DASHBOARD_ERROR_MAX];
    txt_date today;
    char today_iso[UI_DASHBOARD_DATE_MAX];
    db_meeting *meetings;        /* 予定 only, by date and time */
    size_t n_meetings;
    db_case_status *cases;       /* the open ones */
    size_t n_cases;
    ui_dashboard_due *due;       /* the earliest first */
    size_t n_due;
    db_referral *referrals;      /* 依頼, the earliest due first */
    size_t n_referrals;
    bool referrals_more;         /* more than UI_DASHBOARD_LIST_MAX */
    db_draft *drafts;            /* the user's, newest first */
    size_t n_drafts;
    char **draft_titles;         /* per draft: its form's title, or its id */
    dom_candidate *waiting[UI_DASHBOARD_ROUTES];
    size_t n_waiting[UI_DASHBOARD_ROUTES];
    ui_dashboard_row *rows;      /* the full screen's lines */
    size_t n_rows;
    size_t selected;             /* a row that opens something; n_rows: none */
    size_t first;                /* the first row shown */
};
typedef struct ui_dashboard ui_dashboard;

/* The counts the short form shows. */
typedef struct ui_dashboard_counts {
    size_t meetings_today, meetings_coming;
    size_t monitor, monitor_late, evaluate, evaluate_late;
    size_t referrals_late;
} ui_dashboard_counts;

/* The state, made at first use; NULL (said) when memory runs out. */
static ui_dashboard *ui_dashboard_state(ui_app *a)
{
    if (a->dashboard == NULL) {
        a->dashboard = calloc(1, sizeof *a->dashboard);
        if (a->dashboard == NULL)
            ui_message(a, UI_ALERT, UI_DASHBOARD_NOMEM);
    }
    return a->dashboard;
}

/* Free the drafts and their titles. */
static void ui_dashboard_clear_drafts(ui_dashboard *s)
{
    for (size_t i = 0; s->draft_titles && i < s->n_drafts; i++)
        free(s->draft_titles[i]);
    free(s->draft_titles);
    s->draft_titles = NULL;
    db_draft_list_free(s->drafts, s->n_drafts);
    s->drafts = NULL;
    s->n_drafts = 0;
}

/* Free everything read (the selection stays, to be kept in range). */
static void ui_dashboard_clear(ui_dashboard *s)
{
    db_meeting_list_free(s->meetings, s->n_meetings);
    s->meetings = NULL;
    s->n_meetings = 0;
    free(s->due);
    s->due = NULL;
    s->n_due = 0;
    /* The waiting lists and the dues point into the cases: freed first. */
    for (int r = 0; r < UI_DASHBOARD_ROUTES; r++) {
        free(s->waiting[r]);
        s->waiting[r] = NULL;
        s->n_waiting[r] = 0;
    }
    db_case_status_list_free(s->cases, s->n_cases);
    s->cases = NULL;
    s->n_cases = 0;
    db_referral_list_free(s->referrals, s->n_referrals);
    s->referrals = NULL;
    s->n_referrals = 0;
    s->referrals_more = false;
    ui_dashboard_clear_drafts(s);
    free(s->rows);
    s->rows = NULL;
    s->n_rows = 0;
    s->failed = false;
}

/* Free the dashboard's state. */
void ui_dashboard_free(ui_app *a)
{
    if (a->dashboard == NULL)
        return;
    ui_dashboard_clear(a->dashboard);
    free(a->dashboard);
    a->dashboard = NULL;
}

/* Mark what is shown as possibly changed: the next short form reads it
 * again. */
void ui_dashboard_stale(ui_app *a)
{
    if (a->dashboard != NULL)
        a->dashboard->stale = true;
}

/* Note why a read failed (false, for the caller to return). */
static bool ui_dashboard_fail(ui_dashboard *s, const char *what, const char *why)
{
    s->failed = true;
    s->failed_what = what;
    snprintf(s->error, sizeof s->error, "%s", why);
    return false;
}

/* ---- reading -------------------------------------------------------- */

/* Keep only the meetings still to be held (予定): the others were read
 * only because the list is by date. */
static void ui_dashboard_keep_planned(ui_dashboard *s)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->n_meetings; i++) {
        if (strcmp(s->meetings[i].state, DOM_MEETING_PLANNED) == 0)
            s->meetings[kept++] = s->meetings[i];
        else
            db_meeting_free(&s->meetings[i]);
    }
    s->n_meetings = kept;
}

/* Today's meetings and those of the coming days (the window bounds the
 * read). */
static bool ui_dashboard_read_meetings(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    char to[UI_DASHBOARD_DATE_MAX];
    txt_date_iso(txt_date_add_days(s->today, UI_DASHBOARD_MEETING_DAYS), to, sizeof to);
    if (db_meeting_list(a->d, s->today_iso, to, &s->meetings, &s->n_meetings) != DB_OK)
        return ui_dashboard_fail(s, "会議の予定", db_errtext(a->d));
    ui_dashboard_keep_planned(s);
    return true;
}

/* The open cases with their latest plans (what both the dues and the
 * agenda rules look at). */
static bool ui_dashboard_read_cases(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    const char **open = calloc(dom_n_case_stages, sizeof *open);
    if (open == NULL)
        return ui_dashboard_fail(s, "ケース", UI_DASHBOARD_NOMEM);
    size_t n = 0;
    for (size_t i = 0; i < dom_n_case_stages; i++)
        if (!dom_case_closed(dom_case_stages[i]))
            open[n++] = dom_case_stages[i];
    db_status st = db_case_statuses(a->d, open, n, &s->cases, &s->n_cases);
    free(open);
    if (st != DB_OK)
        return ui_dashboard_fail(s, "ケース", db_errtext(a->d));
    return true;
}

/* The earliest date first, then the oldest case, for qsort. */
static int ui_dashboard_due_order(const void *x, const void *y)
{
    const ui_dashboard_due *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    if (c != 0)
        return c;
    return (a->cs->case_id > b->cs->case_id) - (a->cs->case_id < b->cs->case_id);
}

/* The plans whose next date (dom_plan_next, as the case screen says it)
 * has passed or comes within UI_DASHBOARD_DUE_DAYS. */
static bool ui_dashboard_find_due(ui_dashboard *s)
{
    s->due = calloc(s->n_cases + 1, sizeof *s->due);
    if (s->due == NULL)
        return ui_dashboard_fail(s, "ケース", UI_DASHBOARD_NOMEM);
    char horizon[UI_DASHBOARD_DATE_MAX];
    txt_date_iso(txt_date_add_days(s->today, UI_DASHBOARD_DUE_DAYS), horizon, sizeof horizon);
    for (size_t i = 0; i < s->n_cases; i++) {
        const db_case_status *cs = &s->cases[i];
        db_plan p = { .id = cs->plan_id, .state = cs->plan_state,
                      .monitor_on = cs->monitor_on, .evaluate_on = cs->evaluate_on };
        ui_dashboard_due d = { .cs = cs };
        d.what = dom_plan_next(&p, s->today, &d.date, &d.overdue);
        if (d.what != NULL && d.date[0] && strcmp(d.date, horizon) <= 0)
            s->due[s->n_due++] = d;
    }
    if (s->n_due > 1)
        qsort(s->due, s->n_due, sizeof *s->due, ui_dashboard_due_order);
    return true;
}

/* The referrals still awaiting an answer; one more than listed is read,
 * to know whether there are more. */
static bool ui_dashboard_read_referrals(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    if (db_referral_list(a->d, 0, DOM_REFERRAL_SENT, UI_DASHBOARD_LIST_MAX + 1, &s->referrals,
                         &s->n_referrals) != DB_OK)
        return ui_dashboard_fail(s, "つなぎ", db_errtext(a->d));
    if (s->n_referrals > UI_DASHBOARD_LIST_MAX) {
        s->referrals_more = true;
        for (size_t i = UI_DASHBOARD_LIST_MAX; i < s->n_referrals; i++)
            db_referral_free(&s->referrals[i]);
        s->n_referrals = UI_DASHBOARD_LIST_MAX;
    }
    return true;
}

/* A draft's form as a worker knows it: its title, else its id. */
static char *ui_dashboard_draft_title(const db_draft *dr)
{
    form f;
    char err[FORM_ERR_MAX];
    if (form_find(dr->form_id, &f, err, sizeof err) != 0)
        return strdup(dr->form_id);
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_printf(&b, "%s  %s", f.title, dr->form_id);
    form_free(&f);
    return txt_buf_take(&b);
}

/* The user's drafts, with their forms' titles. */
static bool ui_dashboard_read_drafts(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    if (db_draft_list(a->d, a->who->id, &s->drafts, &s->n_drafts) != DB_OK)
        return ui_dashboard_fail(s, "下書き", db_errtext(a->d));
    s->draft_titles = calloc(s->n_drafts + 1, sizeof *s->draft_titles);
    if (s->draft_titles == NULL)
        return ui_dashboard_fail(s, "下書き", UI_DASHBOARD_NOMEM);
    for (size_t i = 0; i < s->n_drafts && i < UI_DASHBOARD_LIST_MAX; i++)
        s->draft_titles[i] = ui_dashboard_draft_title(&s->drafts[i]);
    return true;
}

/* The day the cases are weighed for a route's meeting: the next such
 * meeting's, or today when none is planned in the window (an evaluation
 * is due by the meeting that would take it). */
static txt_date ui_dashboard_meeting_day(const ui_dashboard *s, dom_route route)
{
    bool confidential = route == DOM_ROUTE_SHIEN;
    txt_date on;
    for (size_t i = 0; i < s->n_meetings; i++) {
        const db_meeting *m = &s->meetings[i];
        if (m->confidential == confidential &&
            txt_date_parse(m->held_on, strlen(m->held_on), &on) == 0)
            return on;
    }
    return s->today;
}

/* The cases waiting for each route's meeting and not yet on an agenda
 * still to come. */
static bool ui_dashboard_find_waiting(ui_dashboard *s)
{
    for (int r = 0; r < UI_DASHBOARD_ROUTES; r++) {
        s->waiting[r] = calloc(s->n_cases + 1, sizeof *s->waiting[r]);
        if (s->waiting[r] == NULL)
            return ui_dashboard_fail(s, "ケース", UI_DASHBOARD_NOMEM);
        s->n_waiting[r] = dom_agenda_candidates(s->cases, s->n_cases, r == DOM_ROUTE_SHIEN,
                                                ui_dashboard_meeting_day(s, r), s->waiting[r]);
    }
    return true;
}

/* How many lines a section takes: its heading, its rows up to the
 * limit, and a note when it is empty or cut. */
static size_t ui_dashboard_section_rows(size_t n)
{
    return 1 + (n < UI_DASHBOARD_LIST_MAX ? n : UI_DASHBOARD_LIST_MAX) +
           (n == 0 || n > UI_DASHBOARD_LIST_MAX);
}

/* Add a section's lines: the heading, its rows (of one kind), the note. */
static void ui_dashboard_add_section(ui_dashboard *s, ui_dashboard_section sec,
                                     ui_dashboard_kind kind, size_t n, dom_route route)
{
    s->rows[s->n_rows++] = (ui_dashboard_row){ UI_DASHBOARD_HEADING, sec, route };
    for (size_t i = 0; i < n && i < UI_DASHBOARD_LIST_MAX; i++)
        s->rows[s->n_rows++] = (ui_dashboard_row){ kind, i, route };
    if (n == 0 || n > UI_DASHBOARD_LIST_MAX)
        s->rows[s->n_rows++] = (ui_dashboard_row){ UI_DASHBOARD_NOTE,
                                                   n ? n - UI_DASHBOARD_LIST_MAX : 0, route };
}

/* Lay the sections out as the full screen's lines. */
static bool ui_dashboard_build_rows(ui_dashboard *s)
{
    size_t n = ui_dashboard_section_rows(s->n_meetings) + ui_dashboard_section_rows(s->n_due) +
               ui_dashboard_section_rows(s->n_referrals) + ui_dashboard_section_rows(s->n_drafts);
    for (int r = 0; r < UI_DASHBOARD_ROUTES; r++)
        n += ui_dashboard_section_rows(s->n_waiting[r]);
    s->rows = calloc(n, sizeof *s->rows);
    if (s->rows == NULL)
        return ui_dashboard_fail(s, UI_DASHBOARD_WHAT, UI_DASHBOARD_NOMEM);
    ui_dashboard_add_section(s, UI_DASHBOARD_SEC_MEETINGS, UI_DASHBOARD_MEETING, s->n_meetings,
                             DOM_ROUTE_JUSOTEKI);
    ui_dashboard_add_section(s, UI_DASHBOARD_SEC_DUE, UI_DASHBOARD_DUE, s->n_due,
                             DOM_ROUTE_JUSOTEKI);
    ui_dashboard_add_section(s, UI_DASHBOARD_SEC_REFERRALS, UI_DASHBOARD_REFERRAL,
                             s->n_referrals, DOM_ROUTE_JUSOTEKI);
    ui_dashboard_add_section(s, UI_DASHBOARD_SEC_DRAFTS, UI_DASHBOARD_DRAFT, s->n_drafts,
                             DOM_ROUTE_JUSOTEKI);
    for (int r = 0; r < UI_DASHBOARD_ROUTES; r++)
        ui_dashboard_add_section(s, UI_DASHBOARD_SEC_WAITING, UI_DASHBOARD_WAITING,
                                 s->n_waiting[r], (dom_route)r);
    return true;
}

/* Whether a line opens something (headings and notes do not). */
static bool ui_dashboard_selectable(const ui_dashboard *s, size_t i)
{
    return i < s->n_rows && s->rows[i].kind != UI_DASHBOARD_HEADING &&
           s->rows[i].kind != UI_DASHBOARD_NOTE;
}

/* The selectable line nearest i, looking forward first; n_rows: none. */
static size_t ui_dashboard_snap(const ui_dashboard *s, size_t i)
{
    for (size_t j = i; j < s->n_rows; j++)
        if (ui_dashboard_selectable(s, j))
            return j;
    for (size_t j = i < s->n_rows ? i : s->n_rows; j-- > 0;)
        if (ui_dashboard_selectable(s, j))
            return j;
    return s->n_rows;
}

/* Forget what a failed read left half done, keeping why it failed. */
static void ui_dashboard_drop(ui_dashboard *s)
{
    const char *what = s->failed_what;
    char why[UI_DASHBOARD_ERROR_MAX];
    snprintf(why, sizeof why, "%s", s->error);
    ui_dashboard_clear(s);
    ui_dashboard_fail(s, what, why);
    s->selected = 0;
    s->first = 0;
}

/* Read every section again (all or nothing: a half-read dashboard would
 * show counts that do not add up). */
static bool ui_dashboard_load(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    ui_dashboard_clear(s);
    s->loaded = true;
    s->stale = false;
    s->read_at = time(NULL);
    s->today = dom_today();
    txt_date_iso(s->today, s->today_iso, sizeof s->today_iso);
    bool ok = ui_dashboard_read_meetings(a) && ui_dashboard_read_cases(a) &&
              ui_dashboard_find_due(s) && ui_dashboard_read_referrals(a) &&
              ui_dashboard_read_drafts(a) && ui_dashboard_find_waiting(s) &&
              ui_dashboard_build_rows(s);
    if (!ok) {
        ui_dashboard_drop(s);
        return false;
    }
    s->selected = ui_dashboard_snap(s, s->selected);
    if (s->first >= s->n_rows)
        s->first = 0;
    return true;
}

/* Whether the short form is due to be read again: never read,
 * marked stale, or older than UI_DASHBOARD_FRESH_SECONDS (or the clock
 * went back). */
static bool ui_dashboard_due_for_read(const ui_dashboard *s)
{
    time_t now = time(NULL);
    return !s->loaded || s->stale || now < s->read_at ||
           now - s->read_at >= UI_DASHBOARD_FRESH_SECONDS;
}

/* Open the full screen (F8), read afresh each time it is asked for. */
void ui_dashboard_open(ui_app *a)
{
    ui_dashboard *s = ui_dashboard_state(a);
    if (s == NULL)
        return;
    bool here = a->screen == UI_SCREEN_DASHBOARD;
    if (!here) {
        s->selected = 0;
        s->first = 0;
    }
    if (!ui_dashboard_load(a)) {
        ui_message(a, UI_ALERT, "%sを読めません: %s", s->failed_what, s->error);
        return;
    }
    ui_go(a, UI_SCREEN_DASHBOARD);
    if (here)
        ui_message(a, UI_NORMAL, "予定を読み直しました");
}

/* ---- the counts ----------------------------------------------------- */

/* Count what the short form says: meetings today and later, dues and
 * overdue ones by kind, overdue referrals. */
static ui_dashboard_counts ui_dashboard_count(const ui_dashboard *s)
{
    ui_dashboard_counts c = { 0 };
    for (size_t i = 0; i < s->n_meetings; i++) {
        if (strcmp(s->meetings[i].held_on, s->today_iso) == 0)
            c.meetings_today++;
        else
            c.meetings_coming++;
    }
    for (size_t i = 0; i < s->n_due; i++) {
        bool late = s->due[i].overdue;
        if (strcmp(s->due[i].what, UI_DASHBOARD_EVALUATE) == 0) {
            c.evaluate++;
            c.evaluate_late += late;
        } else {
            c.monitor++;
            c.monitor_late += late;
        }
    }
    for (size_t i = 0; i < s->n_referrals; i++)
        if (dom_referral_overdue(&s->referrals[i], s->today))
            c.referrals_late++;
    return c;
}

/* ---- drawing the lines ---------------------------------------------- */

/* The overdue flag at its column, in the alert colour unless selected. */
static void ui_dashboard_flag(int y, ui_attr attr, bool overdue)
{
    ui_put(y, UI_DASHBOARD_FLAG_X, UI_DASHBOARD_FLAG_W, attr == UI_NORMAL ? UI_ALERT : attr,
           overdue ? UI_DASHBOARD_OVERDUE : "");
}

/* A case's number as the rows show it. */
static void ui_dashboard_case_no(int y, int x, ui_attr attr, int64_t case_id)
{
    char no[UI_DASHBOARD_DATE_MAX];
    snprintf(no, sizeof no, "ケース %lld", (long long)case_id);
    ui_put(y, x, UI_DASHBOARD_CASE_W, attr, no);
}

/* A meeting: date, 今日, time, kind, place and how many items. */
static void ui_dashboard_draw_meeting(const ui_dashboard *s, const db_meeting *m, int y,
                                      ui_attr attr)
{
    char date[UI_DASHBOARD_DATE_MAX], items[UI_DASHBOARD_DATE_MAX];
    ui_date_short(m->held_on, date, sizeof date);
    snprintf(items, sizeof items, "議題 %lld件", (long long)m->n_items);
    bool today = strcmp(m->held_on, s->today_iso) == 0;
    ui_put(y, UI_DASHBOARD_X, UI_DASHBOARD_DATE_W, attr, date);
    ui_put(y, UI_DASHBOARD_M_MARK_X, UI_DASHBOARD_M_MARK_W, attr == UI_NORMAL ? UI_HEADING : attr,
           today ? UI_DASHBOARD_TODAY : "");
    ui_put(y, UI_DASHBOARD_M_TIME_X, UI_DASHBOARD_M_TIME_W, attr, m->starts_at);
    ui_put(y, UI_DASHBOARD_M_KIND_X, UI_DASHBOARD_M_KIND_W, attr, m->kind_name);
    ui_put(y, UI_DASHBOARD_M_PLACE_X, UI_DASHBOARD_M_PLACE_W, attr, m->place);
    ui_put(y, UI_DASHBOARD_M_ITEMS_X, UI_DASHBOARD_M_ITEMS_W, attr, items);
}

/* A plan due: date, モニタリング or 評価, person, case, stage, flag. */
static void ui_dashboard_draw_due(const ui_dashboard_due *d, int y, ui_attr attr)
{
    char date[UI_DASHBOARD_DATE_MAX];
    ui_date_short(d->date, date, sizeof date);
    ui_put(y, UI_DASHBOARD_X, UI_DASHBOARD_DATE_W, attr, date);
    ui_put(y, UI_DASHBOARD_D_WHAT_X, UI_DASHBOARD_D_WHAT_W, attr, d->what);
    ui_put(y, UI_DASHBOARD_D_NAME_X, UI_DASHBOARD_NAME_W, attr, d->cs->person_name);
    ui_dashboard_case_no(y, UI_DASHBOARD_D_CASE_X, attr, d->cs->case_id);
    ui_put(y, UI_DASHBOARD_D_STAGE_X, UI_DASHBOARD_D_STAGE_W, attr, d->cs->stage);
    ui_dashboard_flag(y, attr, d->overdue);
}

/* A referral awaiting its answer: due date, person, agency, flag. */
static void ui_dashboard_draw_referral(const ui_dashboard *s, const db_referral *rf, int y,
                                       ui_attr attr)
{
    char due[UI_DASHBOARD_DATE_MAX];
    ui_date_short(rf->due_on, due, sizeof due);
    ui_put(y, UI_DASHBOARD_X, UI_DASHBOARD_DATE_W, attr, due);
    ui_put(y, UI_DASHBOARD_R_NAME_X, UI_DASHBOARD_NAME_W, attr,
           rf->person_id > 0 ? rf->person_name : "（匿名）");
    ui_put(y, UI_DASHBOARD_R_AGENCY_X, UI_DASHBOARD_R_AGENCY_W, attr, rf->agency_name);
    ui_dashboard_flag(y, attr, dom_referral_overdue(rf, s->today));
}

/* A draft: when it was kept (local time) and its form. */
static void ui_dashboard_draw_draft(const ui_dashboard *s, size_t i, int y, ui_attr attr)
{
    char at[TXT_STAMP_MAX];
    txt_stamp_local(s->drafts[i].saved_at, at, sizeof at);
    ui_put(y, UI_DASHBOARD_X, UI_DASHBOARD_K_FORM_X - UI_DASHBOARD_X, attr, at);
    ui_put(y, UI_DASHBOARD_K_FORM_X, UI_DASHBOARD_K_FORM_W, attr,
           s->draft_titles[i] ? s->draft_titles[i] : s->drafts[i].form_id);
}

/* A case waiting for a meeting: moment, person, case, due date. */
static void ui_dashboard_draw_waiting(const dom_candidate *c, int y, ui_attr attr)
{
    char due[UI_DASHBOARD_DATE_MAX], shown[UI_DASHBOARD_DATE_MAX * 2];
    ui_date_short(c->due, due, sizeof due);
    snprintf(shown, sizeof shown, "%s%s", c->due[0] ? "期限 " : "", due);
    ui_put(y, UI_DASHBOARD_X, UI_DASHBOARD_W_MOMENT_W, attr, c->moment);
    ui_put(y, UI_DASHBOARD_W_NAME_X, UI_DASHBOARD_NAME_W, attr, c->status->person_name);
    ui_dashboard_case_no(y, UI_DASHBOARD_W_CASE_X, attr, c->status->case_id);
    ui_put(y, UI_DASHBOARD_W_DUE_X, UI_DASHBOARD_W_DUE_W, attr, shown);
}

/* A section's heading with its count. */
static void ui_dashboard_draw_heading(const ui_dashboard *s, const ui_dashboard_row *r, int y)
{
    switch ((ui_dashboard_section)r->index) {
    case UI_DASHBOARD_SEC_MEETINGS:
        ui_putf(y, 0, UI_HEADING, "会議（今日と今後 %d 日）  %zu件", UI_DASHBOARD_MEETING_DAYS,
                s->n_meetings);
        break;
    case UI_DASHBOARD_SEC_DUE:
        ui_putf(y, 0, UI_HEADING, "モニタリング・評価の期限（%d 日以内と期限切れ）  %zu件",
                UI_DASHBOARD_DUE_DAYS, s->n_due);
        break;
    case UI_DASHBOARD_SEC_REFERRALS:
        ui_putf(y, 0, UI_HEADING, "回答待ちのつなぎ  %zu件%s", s->n_referrals,
                s->referrals_more ? UI_DASHBOARD_MORE "（期限の早いものから）" : "");
        break;
    case UI_DASHBOARD_SEC_DRAFTS:
        ui_putf(y, 0, UI_HEADING, "下書き  %zu件", s->n_drafts);
        break;
    case UI_DASHBOARD_SEC_WAITING:
        ui_putf(y, 0, UI_HEADING, "会議待ちのケース（%s）  %zu件", dom_route_label(r->route),
                s->n_waiting[r->route]);
        break;
    case UI_DASHBOARD_N_SECTIONS:
        break;
    }
}

/* One line of the full screen. */
static void ui_dashboard_draw_row(const ui_dashboard *s, const ui_dashboard_row *r, int y,
                                  ui_attr attr)
{
    ui_put(y, 0, ui_cols(), attr, "");
    switch (r->kind) {
    case UI_DASHBOARD_HEADING: ui_dashboard_draw_heading(s, r, y); break;
    case UI_DASHBOARD_NOTE:
        if (r->index == 0)
            ui_puts(y, UI_DASHBOARD_X, UI_DIM, "なし");
        else
            ui_putf(y, UI_DASHBOARD_X, UI_DIM, "ほか %zu件（ここには載せていません）", r->index);
        break;
    case UI_DASHBOARD_MEETING: ui_dashboard_draw_meeting(s, &s->meetings[r->index], y, attr); break;
    case UI_DASHBOARD_DUE: ui_dashboard_draw_due(&s->due[r->index], y, attr); break;
    case UI_DASHBOARD_REFERRAL:
        ui_dashboard_draw_referral(s, &s->referrals[r->index], y, attr);
        break;
    case UI_DASHBOARD_DRAFT: ui_dashboard_draw_draft(s, r->index, y, attr); break;
    case UI_DASHBOARD_WAITING:
        ui_dashboard_draw_waiting(&s->waiting[r->route][r->index], y, attr);
        break;
    }
}

/* ---- the short form on the lookup ------------------------------------ */

/* A label in its column and a count line after it; returns the next row. */
static int ui_dashboard_brief_line(int y, const char *label, const char *text)
{
    ui_put(y, 0, UI_DASHBOARD_LABEL_W, UI_NORMAL, label);
    ui_puts(y, UI_DASHBOARD_LABEL_W, UI_NORMAL, text);
    return y + 1;
}

/* "N" or "N（期限切れ M）" (the late ones are said only when there
 * are), with `more` after the number when the list was cut. */
static void ui_dashboard_with_late(char *buf, size_t n, size_t all, const char *more,
                                   size_t late)
{
    if (late > 0)
        snprintf(buf, n, "%zu%s（期限切れ %zu）", all, more, late);
    else
        snprintf(buf, n, "%zu%s", all, more);
}

/* The count lines, one per section; returns the row after them. */
static int ui_dashboard_brief_counts(const ui_dashboard *s, const ui_dashboard_counts *c,
                                     int y)
{
    char line[UI_STATUS_MAX], monitor[UI_DASHBOARD_DATE_MAX], evaluate[UI_DASHBOARD_DATE_MAX];
    snprintf(line, sizeof line, "今日 %zu・今後%d日 %zu", c->meetings_today,
             UI_DASHBOARD_MEETING_DAYS, c->meetings_coming);
    y = ui_dashboard_brief_line(y, "会議", line);
    ui_dashboard_with_late(monitor, sizeof monitor, c->monitor, "", c->monitor_late);
    ui_dashboard_with_late(evaluate, sizeof evaluate, c->evaluate, "", c->evaluate_late);
    snprintf(line, sizeof line, "モニタリング %s・評価 %s", monitor, evaluate);
    y = ui_dashboard_brief_line(y, "期限", line);
    ui_dashboard_with_late(line, sizeof line, s->n_referrals,
                           s->referrals_more ? UI_DASHBOARD_MORE : "", c->referrals_late);
    y = ui_dashboard_brief_line(y, "回答待ち", line);
    snprintf(line, sizeof line, "%zu", s->n_drafts);
    y = ui_dashboard_brief_line(y, "下書き", line);
    snprintf(line, sizeof line, "%s %zu・%s %zu", dom_route_label(DOM_ROUTE_JUSOTEKI),
             s->n_waiting[DOM_ROUTE_JUSOTEKI], dom_route_label(DOM_ROUTE_SHIEN),
             s->n_waiting[DOM_ROUTE_SHIEN]);
    return ui_dashboard_brief_line(y, "会議待ち", line);
}

/* The next meetings, up to UI_DASHBOARD_BRIEF_MEETINGS; returns the row
 * after them. */
static int ui_dashboard_brief_meetings(const ui_dashboard *s, int y, int bottom)
{
    if (y > bottom)
        return y;
    if (s->n_meetings == 0) {
        ui_putf(y, 0, UI_DIM, "次の会議: 今後 %d 日はありません", UI_DASHBOARD_MEETING_DAYS);
        return y + 1;
    }
    ui_puts(y++, 0, UI_HEADING, "次の会議");
    for (size_t i = 0; i < s->n_meetings && i < UI_DASHBOARD_BRIEF_MEETINGS && y <= bottom; i++)
        ui_dashboard_draw_meeting(s, &s->meetings[i], y++, UI_NORMAL);
    return y;
}

/* The overdue plans, then the overdue referrals, each under its own
 * heading (their rows alone do not say which they are), as many as the
 * rows left take. */
static void ui_dashboard_brief_overdue(const ui_dashboard *s, const ui_dashboard_counts *c,
                                       int y, int bottom)
{
    if (y <= bottom && c->monitor_late + c->evaluate_late > 0) {
        ui_puts(y++, 0, UI_ALERT, "期限切れのモニタリング・評価");
        for (size_t i = 0; i < s->n_due && y <= bottom; i++)
            if (s->due[i].overdue)
                ui_dashboard_draw_due(&s->due[i], y++, UI_NORMAL);
    }
    if (y <= bottom && c->referrals_late > 0) {
        ui_puts(y++, 0, UI_ALERT, "回答期限切れのつなぎ");
        for (size_t i = 0; i < s->n_referrals && y <= bottom; i++)
            if (dom_referral_overdue(&s->referrals[i], s->today))
                ui_dashboard_draw_referral(s, &s->referrals[i], y++, UI_NORMAL);
    }
}

/* Read the short form again when it is stale or old; true when it was
 * read (the screen shows it after the next draw).  Called at a quiet
 * moment, never on a keystroke's path nor before the first screen. */
bool ui_dashboard_refresh(ui_app *a)
{
    ui_dashboard *s = ui_dashboard_state(a);
    if (s == NULL || !ui_dashboard_due_for_read(s))
        return false;
    ui_dashboard_load(a);
    return true;
}

/* Draw the short form in rows [top, bottom] as last read (it is read at
 * a quiet moment by ui_dashboard_refresh: the lookup draws after every
 * key, and the first screen must not wait for it). */
void ui_dashboard_brief(ui_app *a, int top, int bottom)
{
    ui_dashboard *s = ui_dashboard_state(a);
    if (s == NULL || top > bottom)
        return;
    ui_puts(top, 0, UI_HEADING, "予定（F8 で詳しく）");
    if (!s->loaded) {
        if (top < bottom)
            ui_puts(top + 1, 0, UI_DIM, "予定を読んでいます…");
        return;
    }
    if (s->failed) {
        if (top < bottom)
            ui_putf(top + 1, 0, UI_ALERT, "%sを読めません: %s", UI_DASHBOARD_WHAT, s->error);
        return;
    }
    ui_dashboard_counts c = ui_dashboard_count(s);
    int y = ui_dashboard_brief_counts(s, &c, top + 1);
    y = ui_dashboard_brief_meetings(s, y, bottom);
    ui_dashboard_brief_overdue(s, &c, y, bottom);
}

/* ---- the full screen -------------------------------------------------- */

/* How many lines the list shows at once. */
static size_t ui_dashboard_page(void)
{
    int rows = ui_body_bottom() - ui_body_top() + 1 - UI_DASHBOARD_HEADER_ROWS -
               UI_DASHBOARD_FOOTER_ROWS;
    return rows > 1 ? (size_t)rows : 1;
}

/* The first line shown when the list is scrolled to its end. */
static size_t ui_dashboard_last_first(const ui_dashboard *s)
{
    size_t page = ui_dashboard_page();
    return s->n_rows > page ? s->n_rows - page : 0;
}

/* Scroll so that the selection shows, with its section's heading when
 * it is the section's first line, and no empty room after the end. */
static void ui_dashboard_scroll(ui_dashboard *s)
{
    size_t page = ui_dashboard_page();
    if (s->selected < s->n_rows) {
        size_t want = s->selected > 0 && s->rows[s->selected - 1].kind == UI_DASHBOARD_HEADING
            ? s->selected - 1 : s->selected;
        if (want < s->first)
            s->first = want;
        if (s->selected >= s->first + page)
            s->first = s->selected - page + 1;
    }
    if (s->first > ui_dashboard_last_first(s))
        s->first = ui_dashboard_last_first(s);
}

/* The header: when the lists were read. */
static void ui_dashboard_draw_header(const ui_dashboard *s, int y)
{
    char at[UI_DASHBOARD_TIME_MAX] = "";
    struct tm tm;
    if (localtime_r(&s->read_at, &tm) != NULL)
        strftime(at, sizeof at, "%H:%M", &tm);
    ui_putf(y, 0, UI_DIM, "%s 現在の予定（F8 で読み直し）", at);
}

/* Draw the full screen. */
static void ui_dashboard_draw(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    if (s == NULL)
        return;
    int top = ui_body_top(), bottom = ui_body_bottom();
    ui_dashboard_draw_header(s, top);
    if (s->failed) {
        ui_putf(top + UI_DASHBOARD_HEADER_ROWS, 0, UI_ALERT, "%sを読めません: %s",
                s->failed_what, s->error);
        ui_puts(bottom, 0, UI_DIM, "F8 読み直し  ESC 戻る");
        return;
    }
    ui_dashboard_scroll(s);
    size_t page = ui_dashboard_page();
    int y0 = top + UI_DASHBOARD_HEADER_ROWS;
    for (size_t i = s->first; i < s->n_rows && i - s->first < page; i++) {
        int y = y0 + (int)(i - s->first);
        bool selected = i == s->selected;
        ui_dashboard_draw_row(s, &s->rows[i], y, selected ? UI_SELECTED : UI_NORMAL);
        if (selected)
            ui_puts(y, 0, UI_SELECTED, UI_DASHBOARD_MARK);
    }
    ui_puts(bottom, 0, UI_DIM, "上下で選択  Enter 開く  F8 読み直し  ESC 戻る");
}

/* ---- keys ------------------------------------------------------------- */

/* Move the selection to the next (delta 1) or previous (-1) line that
 * opens something; at either end, scroll the rest into view instead. */
static void ui_dashboard_step(ui_dashboard *s, int delta)
{
    size_t i = s->selected < s->n_rows ? s->selected : s->first;
    for (;;) {
        if ((delta < 0 && i == 0) || (delta > 0 && i + 1 >= s->n_rows))
            break;
        i = delta > 0 ? i + 1 : i - 1;
        if (ui_dashboard_selectable(s, i)) {
            s->selected = i;
            return;
        }
    }
    if (delta > 0 && s->first + ui_dashboard_page() < s->n_rows)
        s->first++;
    else if (delta < 0 && s->first > 0)
        s->first--;
}

/* Move the selection a page on (delta 1) or back (-1). */
static void ui_dashboard_page_step(ui_dashboard *s, int delta)
{
    if (s->n_rows == 0)
        return;
    size_t page = ui_dashboard_page();
    size_t from = s->selected < s->n_rows ? s->selected : 0;
    size_t to = delta > 0 ? (from + page < s->n_rows ? from + page : s->n_rows - 1)
                          : (from > page ? from - page : 0);
    s->selected = ui_dashboard_snap(s, to);
    /* At either end, the lines that open nothing there show too. */
    if (delta < 0 && to == 0)
        s->first = 0;
    else if (delta > 0 && to == s->n_rows - 1)
        s->first = ui_dashboard_last_first(s);
}

/* Open what the selected line is about, on its own screen. */
static void ui_dashboard_enter(ui_app *a)
{
    ui_dashboard *s = a->dashboard;
    if (s->selected >= s->n_rows)
        return;
    const ui_dashboard_row *r = &s->rows[s->selected];
    switch (r->kind) {
    case UI_DASHBOARD_MEETING: ui_meeting_open_id(a, s->meetings[r->index].id); break;
    case UI_DASHBOARD_DUE: ui_case_open(a, s->due[r->index].cs->person_id); break;
    case UI_DASHBOARD_REFERRAL: ui_referral_open(a, s->referrals[r->index].person_id); break;
    case UI_DASHBOARD_DRAFT:
        if (!ui_drafts_offer(a))
            ui_message(a, UI_NORMAL, "下書きはもうありません（F8 で読み直します）");
        break;
    case UI_DASHBOARD_WAITING:
        ui_case_open(a, s->waiting[r->route][r->index].status->person_id);
        break;
    case UI_DASHBOARD_HEADING:
    case UI_DASHBOARD_NOTE:
        break;
    }
}

/* Take a key on the full screen; the F-keys are the global ones. */
static bool ui_dashboard_key(ui_app *a, const ui_key *k)
{
    ui_dashboard *s = a->dashboard;
    if (s == NULL || k->kind == UI_KEY_FN)
        return false;
    switch (k->kind) {
    case UI_KEY_UP: ui_dashboard_step(s, -1); return true;
    case UI_KEY_DOWN: ui_dashboard_step(s, 1); return true;
    case UI_KEY_PGUP: ui_dashboard_page_step(s, -1); return true;
    case UI_KEY_PGDN: ui_dashboard_page_step(s, 1); return true;
    case UI_KEY_HOME:
        s->selected = ui_dashboard_snap(s, 0);
        s->first = 0;
        return true;
    case UI_KEY_END:
        s->selected = ui_dashboard_snap(s, s->n_rows ? s->n_rows - 1 : 0);
        s->first = ui_dashboard_last_first(s);
        return true;
    case UI_KEY_ENTER: ui_dashboard_enter(a); return true;
    case UI_KEY_BACK: ui_go(a, UI_SCREEN_LOOKUP); return true;
    default: return false;
    }
}

const ui_screen ui_dashboard_screen = {
    "予定", UI_FKEY(8), ui_dashboard_draw, ui_dashboard_key,
};
