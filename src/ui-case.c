/* ui-case.c - ケース (F6): the cases of a person (or the open cases of
 * everyone), and one case with its stage, 主担当, timeline, whole-household
 * assessment and plans.  Every change goes through the domain layer at the
 * version on screen; when another terminal saved first, both versions are
 * shown and the user chooses, so nothing is overwritten behind anyone's
 * back.  Wherever a case of a person without consent in force shows, the
 * notice that only the 支援会議 may discuss it shows too. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "ui-int.h"

#define UI_CASE_FORM_CASE "case"
#define UI_CASE_FORM_PLAN "plan"
#define UI_CASE_FORM_ASSESS "assessment"
/* The open cases of everyone: at most this many of the newest are read. */
#define UI_CASE_ALL_MAX 500
#define UI_CASE_LINE_MAX 1024
#define UI_CASE_DATE_MAX 64
/* A short 和暦 date, with room for the time after it in UI_CASE_DATE_MAX. */
#define UI_CASE_NUM_MAX 32
/* Rows one case takes in a list: its stage line and its lead line. */
#define UI_CASE_LIST_ROWS 2
/* Plans listed at once in a case's detail; older versions scroll in. */
#define UI_CASE_PLAN_ROWS 3
/* Rows of keys at the bottom of the detail. */
#define UI_CASE_KEY_ROWS 2
#define UI_CASE_INDENT 2
/* How much further an event's wrapped note is indented than its date. */
#define UI_CASE_HANG 15
/* Columns of the case lists. */
#define UI_CASE_W_NAME 21
#define UI_CASE_W_BUSINESS 13
#define UI_CASE_W_STAGE 21
#define UI_CASE_W_VERSION 6
#define UI_CASE_W_PLAN_TYPE 21
#define UI_CASE_W_PLAN_STATE 7
/* The selected row of a chooser, also for terminals without colour. */
#define UI_CASE_MARK "> "
#define UI_CASE_NO_MARK "  "
/* The lead chooser: staff on the left, agencies from this column. */
#define UI_CASE_LEAD_SPLIT 40
/* How a ticked criterion is stored: its number, joined by commas. */
#define UI_CASE_CRITERIA_SEP ","
/* Role lines of a plan: "機関名：役割", either colon. */
#define UI_CASE_COLON_WIDE "："
#define UI_CASE_COLON ":"
#define UI_CASE_SPACE_WIDE "　"
/* What an intake disposition adds to a business ("多機関協働へ"). */
#define UI_CASE_DISPOSITION_SUFFIX "へ"
/* The kind of case event an assessment's save is recorded as. */
#define UI_CASE_EVENT_RECORD "記録"
/* The conflict chooser's keys. */
#define UI_CASE_KEY_MINE L'1'
#define UI_CASE_KEY_THEIRS L'2'

/* What the screen shows. */
typedef enum ui_case_mode {
    UI_CASE_LIST,          /* the cases */
    UI_CASE_NEW,           /* opening a case: forms/case.form */
    UI_CASE_DETAIL,        /* one case: plans and timeline */
    UI_CASE_MOVE,          /* choosing the next stage and writing the note */
    UI_CASE_LEAD,          /* choosing the 主担当 */
    UI_CASE_ASSESS,        /* forms/assessment.form */
    UI_CASE_PLAN_TYPE,     /* the type of the plan about to be made, and why */
    UI_CASE_PLAN_FORM,     /* forms/plan.form */
    UI_CASE_PLAN_VIEW,     /* one plan, any version */
    UI_CASE_CONFLICT       /* another terminal saved first: choose */
} ui_case_mode;

/* Which save met another terminal's. */
typedef enum ui_case_change {
    UI_CHANGE_STAGE,
    UI_CHANGE_LEAD,
    UI_CHANGE_PLAN_STATE,
    UI_CHANGE_ASSESS,
    UI_CHANGE_PLAN_NEW
} ui_case_change;

/* What the user meant when a save met a conflict; what is stored now is
 * read again into the case, plans and assessment of the screen. */
typedef struct ui_case_mine {
    ui_case_change kind;
    ui_case_mode back;       /* where "keep theirs" returns */
    char *from, *to, *note;  /* a stage or plan state change */
    int64_t staff_id, agency_id;
    char *lead;              /* the lead chosen, as text */
    int64_t plan_id;         /* the plan whose state was moved */
    int64_t based_on;        /* the plan a new plan re-planned, 0: none */
    char *data;              /* the assessment as typed (form_values_dump) */
    char *base;              /* the assessment as it was read before typing */
} ui_case_mine;

struct ui_case {
    ui_case_mode mode;
    ui_screen_id back;       /* where ESC leaves the list to */
    int64_t person_id;       /* the list's person, 0: everyone's open cases */
    char *person_name;
    int64_t household_id;
    int64_t consult_id;      /* the person's latest consultation, 0: none */
    int64_t referral_id;     /* the referral on screen when F6 was pressed, 0: none */
    char *disposition;       /* its disposition */
    dom_consent_state consent;  /* of the person on screen */
    /* The list. */
    db_case *cases;
    size_t n;
    size_t selected;
    db_plan *next_plans;     /* each case's latest plan (id 0: none) */
    dom_consent_state *consents;  /* each case's person's */
    /* The case on screen, read afresh. */
    bool in_case;
    db_case c;
    db_case_event *events;   /* oldest first */
    size_t n_events;
    int timeline_back;       /* rows scrolled back from the newest */
    db_plan *plans;          /* latest first */
    size_t n_plans;
    size_t plan_sel;
    int view_scroll;         /* the plan view and the conflict view */
    /* Editing. */
    ui_panel panel;
    db_agency *agencies;     /* role lines and the lead's choices */
    size_t n_agencies;
    const char *plan_type, *plan_why;  /* shown before the plan form */
    int64_t replaces;        /* the plan being re-planned, 0: none */
    db_assessment assess;    /* the one being edited (id 0: a new one) */
    const char **moves;      /* the stages the case may move to */
    size_t n_moves, move_sel;
    ui_field note;
    const char *note_error;
    db_staff *staff;         /* the active staff, for the lead */
    size_t n_staff, staff_sel, agency_sel;  /* agency_sel 0: none */
    bool lead_on_agency;     /* the agency list has the focus */
    ui_case_mine mine;
};
typedef struct ui_case ui_case;

/* ---- text helpers ------------------------------------------------------ */

/* An ISO date as short 和暦 ("R8.11.24"), "未定" when empty. */
static void ui_case_date(const char *iso, char *buf, size_t n)
{
    if (iso && iso[0])
        ui_date_short(iso, buf, n);
    else
        snprintf(buf, n, "未定");
}

/* Today as an ISO date. */
static void ui_case_today(char *buf, size_t n)
{
    txt_date_iso(dom_today(), buf, n);
}

/* The 主担当 of a case as text. */
static void ui_case_lead_text(const db_case *c, char *buf, size_t n)
{
    if (c->lead_staff_id == 0 && c->lead_agency_id == 0) {
        snprintf(buf, n, "未定");
        return;
    }
    snprintf(buf, n, "%s%s%s", c->lead_staff_name[0] ? c->lead_staff_name : "（職員未定）",
             c->lead_agency_name[0] ? "・" : "", c->lead_agency_name);
}

/* The criteria met ("1,3") as their marks ("1・3"): the first character of
 * each of dom_case_criteria. */
static void ui_case_criteria_text(const char *stored, char *buf, size_t n)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (const char *p = stored; p && *p;) {
        long i = strtol(p, NULL, 10) - 1;
        if (i >= 0 && (size_t)i < dom_n_case_criteria) {
            uint32_t cp;
            const char *c = dom_case_criteria[i];
            if (b.len)
                txt_buf_adds(&b, "・");
            txt_buf_add(&b, c, txt_utf8_next(c, strlen(c), &cp));
        }
        p += strcspn(p, UI_CASE_CRITERIA_SEP);
        if (*p)
            p++;
    }
    snprintf(buf, n, "%s", b.len ? b.data : "なし");
    txt_buf_free(&b);
}

/* What is next for a case: its latest plan's monitoring or evaluation
 * (dom_plan_next), else the plan's state or that there is none. */
static void ui_case_next_text(const db_plan *p, char *buf, size_t n, bool *overdue)
{
    const char *date = "";
    *overdue = false;
    const char *what = p && p->id ? dom_plan_next(p, dom_today(), &date, overdue) : NULL;
    if (what == NULL) {
        snprintf(buf, n, "次: %s", p && p->id ? p->state : "プラン未作成");
        return;
    }
    char shown[UI_CASE_DATE_MAX];
    ui_case_date(date, shown, sizeof shown);
    snprintf(buf, n, "次: %s %s%s", what, shown, *overdue ? "【期限切れ】" : "");
}

/* Split text into the visual lines of ui_case_wrap_hang: the first as
 * wide as the screen allows from column x, the rest hang cells narrower.
 * A malloc'd array (offsets into text) and its length in *n; NULL when
 * memory runs out. */
static ui_line *ui_case_hang_lines(const char *text, int x, int hang, size_t *n)
{
    size_t n1 = 0, n2 = 0;
    ui_line *first = ui_text_wrap(text, ui_cols() - x - 1, &n1);
    if (first == NULL || n1 <= 1 || hang == 0) {
        *n = n1;
        return first;
    }
    size_t rest = first[1].start;
    ui_line *more = ui_text_wrap(text + rest, ui_cols() - x - hang - 1, &n2);
    ui_line *all = more ? realloc(first, (n2 + 1) * sizeof *all) : NULL;
    if (all == NULL) {
        free(first);
        free(more);
        return NULL;
    }
    for (size_t i = 0; i < n2; i++)
        all[i + 1] = (ui_line){ more[i].start + rest, more[i].end + rest };
    free(more);
    *n = n2 + 1;
    return all;
}

/* Draw text wrapped from column x (its continuation lines hang further
 * in by hang cells), from row y, skipping the first *skip rows and
 * stopping after bottom; returns the next row. */
static int ui_case_wrap_hang(int y, int x, int hang, int bottom, int *skip, ui_attr attr,
                             const char *text)
{
    size_t n = 0;
    ui_line *lines = ui_case_hang_lines(text, x, hang, &n);
    for (size_t i = 0; lines && i < n; i++) {
        if (*skip > 0) {
            (*skip)--;
            continue;
        }
        if (y <= bottom) {
            int at = i ? x + hang : x;
            char *part = strndup(text + lines[i].start, lines[i].end - lines[i].start);
            ui_put(y, at, ui_cols() - at - 1, attr, part ? part : "");
            free(part);
        }
        y++;
    }
    free(lines);
    return y;
}

/* Draw text wrapped from column x; see ui_case_wrap_hang. */
static int ui_case_wrap(int y, int x, int bottom, int *skip, ui_attr attr, const char *text)
{
    return ui_case_wrap_hang(y, x, 0, bottom, skip, attr, text);
}

/* One line of a scrolled view: drawn when it is on screen. */
static int ui_case_line(int y, int bottom, int *skip, ui_attr attr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Draw a formatted line unless scrolled away; returns the next row. */
static int ui_case_line(int y, int bottom, int *skip, ui_attr attr, const char *fmt, ...)
{
    if (*skip > 0) {
        (*skip)--;
        return y;
    }
    char line[UI_CASE_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (y <= bottom)
        ui_put(y, 0, ui_cols(), attr, line);
    return y + 1;
}

/* ---- the state ----------------------------------------------------------- */

/* The screen's state, made at the first F6. */
static ui_case *ui_case_state(ui_app *a)
{
    if (a->cases == NULL) {
        a->cases = calloc(1, sizeof *a->cases);
        if (a->cases != NULL)
            ui_field_init(&a->cases->note, 0);
    }
    return a->cases;
}

/* Forget what the user meant in a conflict. */
static void ui_case_mine_free(ui_case_mine *m)
{
    free(m->from);
    free(m->to);
    free(m->note);
    free(m->lead);
    free(m->data);
    free(m->base);
    memset(m, 0, sizeof *m);
}

/* Free the list. */
static void ui_case_list_free(ui_case *s)
{
    db_plan_list_free(s->next_plans, s->next_plans ? s->n : 0);
    db_case_list_free(s->cases, s->n);
    free(s->consents);
    s->next_plans = NULL;
    s->cases = NULL;
    s->consents = NULL;
    s->n = 0;
}

/* Free the case on screen. */
static void ui_case_detail_free(ui_case *s)
{
    if (s->in_case)
        db_case_free(&s->c);
    db_case_event_list_free(s->events, s->n_events);
    db_plan_list_free(s->plans, s->n_plans);
    s->in_case = false;
    s->events = NULL;
    s->plans = NULL;
    s->n_events = s->n_plans = 0;
}

/* Free the choices of the editors. */
static void ui_case_choices_free(ui_case *s)
{
    db_agency_list_free(s->agencies, s->n_agencies);
    db_staff_list_free(s->staff, s->n_staff);
    free(s->moves);
    db_assessment_free(&s->assess);
    s->agencies = NULL;
    s->staff = NULL;
    s->moves = NULL;
    s->n_agencies = s->n_staff = s->n_moves = 0;
}

/* The case shown in detail on the case screen, 0 when none: a referral
 * made from there belongs to it. */
int64_t ui_case_current(const ui_app *a)
{
    const struct ui_case *s = a->cases;
    return s && s->in_case ? s->c.id : 0;
}

/* The person the case screen is about: the list's person, or the selected
 * case's person in everyone's list; 0 when none. */
int64_t ui_case_person(const ui_app *a)
{
    const struct ui_case *s = a->cases;
    if (s == NULL)
        return 0;
    if (s->person_id > 0)
        return s->person_id;
    return s->n > 0 && s->selected < s->n ? s->cases[s->selected].person_id : 0;
}

/* Free the screen's state. */
void ui_case_free(ui_app *a)
{
    ui_case *s = a->cases;
    if (s == NULL)
        return;
    ui_case_list_free(s);
    ui_case_detail_free(s);
    ui_case_choices_free(s);
    ui_case_mine_free(&s->mine);
    ui_panel_free(&s->panel);
    ui_field_free(&s->note);
    free(s->person_name);
    free(s->disposition);
    free(s);
    a->cases = NULL;
}

/* A person's consent state, as every screen shows it. */
static db_status ui_case_consent_of(ui_app *a, int64_t person_id, dom_consent_state *out)
{
    int in_force = 0, total = 0;
    db_status st = db_consent_counts(a->d, person_id, &in_force, &total);
    *out = dom_consent_state_of(in_force, total);
    return st;
}

/* Each listed case's latest plan and its person's consent. */
static db_status ui_case_list_extras(ui_app *a)
{
    ui_case *s = a->cases;
    s->next_plans = calloc(s->n + 1, sizeof *s->next_plans);
    s->consents = calloc(s->n + 1, sizeof *s->consents);
    if (s->next_plans == NULL || s->consents == NULL)
        return DB_NOMEM;
    for (size_t i = 0; i < s->n; i++) {
        db_plan *plans = NULL;
        size_t n = 0;
        db_status st = db_plan_by_case(a->d, s->cases[i].id, &plans, &n);
        if (st == DB_OK && n > 0) {
            s->next_plans[i] = plans[0];
            memset(&plans[0], 0, sizeof plans[0]);
        }
        db_plan_list_free(plans, n);
        if (st == DB_OK)
            st = ui_case_consent_of(a, s->cases[i].person_id, &s->consents[i]);
        if (st != DB_OK)
            return st;
    }
    return DB_OK;
}

/* Read the list again (the person's cases, or everyone's open ones). */
static bool ui_case_reload_list(ui_app *a)
{
    ui_case *s = a->cases;
    ui_case_list_free(s);
    db_status st = s->person_id
                       ? db_case_by_person(a->d, s->person_id, &s->cases, &s->n)
                       : dom_case_open_list(a->d, UI_CASE_ALL_MAX, &s->cases, &s->n);
    if (st == DB_OK)
        st = ui_case_list_extras(a);
    if (st == DB_OK && s->person_id)
        st = ui_case_consent_of(a, s->person_id, &s->consent);
    if (st != DB_OK) {
        ui_case_list_free(s);
        ui_message(a, UI_ALERT, "ケースを読めません: %s", db_errtext(a->d));
        return false;
    }
    if (s->selected >= s->n)
        s->selected = s->n ? s->n - 1 : 0;
    return true;
}

/* Read the case on screen again: the row, its timeline, its plans and its
 * person's consent.  When that fails the screen keeps what it showed. */
static bool ui_case_reload_case(ui_app *a, int64_t case_id)
{
    ui_case *s = a->cases;
    db_case c;
    db_case_event *events = NULL;
    db_plan *plans = NULL;
    size_t n_events = 0, n_plans = 0;
    dom_consent_state consent = DOM_CONSENT_NONE;
    db_status st = db_case_get(a->d, case_id, &c);
    bool got = st == DB_OK;
    if (st == DB_OK)
        st = db_case_events(a->d, case_id, &events, &n_events);
    if (st == DB_OK)
        st = db_plan_by_case(a->d, case_id, &plans, &n_plans);
    if (st == DB_OK)
        st = ui_case_consent_of(a, c.person_id, &consent);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "ケースを読めません: %s", db_errtext(a->d));
        if (got)
            db_case_free(&c);
        db_case_event_list_free(events, n_events);
        db_plan_list_free(plans, n_plans);
        return false;
    }
    ui_case_detail_free(s);
    s->c = c;
    s->in_case = true;
    s->events = events;
    s->n_events = n_events;
    s->plans = plans;
    s->n_plans = n_plans;
    s->consent = consent;
    if (s->plan_sel >= s->n_plans)
        s->plan_sel = 0;
    return true;
}

/* The person's household and latest consultation, for a new case. */
static bool ui_case_load_person(ui_app *a)
{
    ui_case *s = a->cases;
    db_person p;
    if (db_person_get(a->d, s->person_id, &p) != DB_OK) {
        ui_message(a, UI_ALERT, "読み込めません: %s", db_errtext(a->d));
        return false;
    }
    free(s->person_name);
    s->person_name = strdup(p.name[0] ? p.name : p.kana);
    s->household_id = p.household_id;
    db_person_free(&p);
    db_consult *cs = NULL;
    size_t n = 0;
    if (db_consult_by_person(a->d, s->person_id, &cs, &n) != DB_OK) {
        ui_message(a, UI_ALERT, "相談の記録を読めません: %s", db_errtext(a->d));
        return false;
    }
    free(s->disposition);
    s->consult_id = n ? cs[0].id : 0;
    s->disposition = strdup(n ? cs[0].disposition : "");
    db_consult_list_free(cs, n);
    return true;
}

/* Open the case screen: a person's cases (recording the view first), or
 * with no person the open cases of everyone. */
void ui_case_open(ui_app *a, int64_t person_id)
{
    ui_case *s = ui_case_state(a);
    if (s == NULL) {
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return;
    }
    /* A form typed into comes back, whoever is on screen: it is saved or
     * given up before another opens. */
    if (ui_panel_typed(&s->panel)) {
        ui_go(a, UI_SCREEN_CASE);
        ui_message(a, UI_NORMAL, "入力中の%sに戻りました（Ctrl-S で保存、ESC で取りやめ）",
                   s->panel.form->title);
        return;
    }
    /* F6 on this screen (which names no person to ui.c) reads it again,
     * but not over a form being filled in. */
    if (a->screen == UI_SCREEN_CASE && person_id == 0) {
        if (s->mode != UI_CASE_LIST && s->mode != UI_CASE_DETAIL &&
            s->mode != UI_CASE_PLAN_VIEW) {
            ui_message(a, UI_ALERT, "入力中です。Ctrl-S で保存するか ESC で取りやめてください");
            return;
        }
        person_id = s->person_id;
    }
    if (person_id > 0 && db_audit_view(a->d, "case", person_id) != DB_OK) {
        ui_message(a, UI_ALERT, "閲覧の記録を書き込めないため表示できません: %s",
                   db_errtext(a->d));
        return;
    }
    ui_panel_close(&s->panel);
    ui_case_detail_free(s);
    ui_case_choices_free(s);
    ui_case_mine_free(&s->mine);
    s->person_id = person_id;
    s->selected = 0;
    if (person_id > 0 && !ui_case_load_person(a))
        return;
    if (!ui_case_reload_list(a))
        return;
    s->mode = UI_CASE_LIST;
    if (a->screen != UI_SCREEN_CASE) {
        s->back = a->screen == UI_SCREEN_HELP ? UI_SCREEN_LOOKUP : a->screen;
        /* A case opened from a referral remembers it. */
        s->referral_id = a->screen == UI_SCREEN_REFERRAL ? ui_referral_current(a) : 0;
    }
    ui_go(a, UI_SCREEN_CASE);
}

/* Show one case; a case from everyone's list records the view of its
 * person first, as the person's list does. */
static void ui_case_enter(ui_app *a, int64_t case_id, int64_t person_id)
{
    ui_case *s = a->cases;
    if (s->person_id == 0 && db_audit_view(a->d, "case", person_id) != DB_OK) {
        ui_message(a, UI_ALERT, "閲覧の記録を書き込めないため表示できません: %s",
                   db_errtext(a->d));
        return;
    }
    s->plan_sel = 0;
    s->timeline_back = 0;
    ui_case_detail_free(s);   /* never another case's rows under this one's name */
    if (ui_case_reload_case(a, case_id))
        s->mode = UI_CASE_DETAIL;
}

/* Back from a case to the list, read again. */
static void ui_case_to_list(ui_app *a)
{
    ui_case *s = a->cases;
    ui_case_detail_free(s);
    s->mode = UI_CASE_LIST;
    ui_case_reload_list(a);
}

/* ESC on the list: back where F6 was pressed. */
static void ui_case_leave(ui_app *a)
{
    ui_case *s = a->cases;
    if (s->back == UI_SCREEN_SUMMARY && a->summary.loaded)
        ui_summary_open(a, a->summary.person_id);   /* read again: the cases changed */
    else
        ui_go(a, s->back);
}

/* Back to the case after an editor, read again. */
static void ui_case_back_to_case(ui_app *a)
{
    ui_case *s = a->cases;
    ui_panel_close(&s->panel);
    s->mode = UI_CASE_DETAIL;
    ui_case_reload_case(a, s->c.id);
}

/* ---- opening a case -------------------------------------------------------- */

/* The business an intake disposition asks for ("多機関協働へ"), or NULL. */
static const char *ui_case_business_of(const char *disposition)
{
    for (size_t i = 0; disposition && i < dom_n_case_businesses; i++) {
        size_t len = strlen(dom_case_businesses[i]);
        if (strncmp(disposition, dom_case_businesses[i], len) == 0 &&
            strcmp(disposition + len, UI_CASE_DISPOSITION_SUFFIX) == 0)
            return dom_case_businesses[i];
    }
    return NULL;
}

/* O: the form for a new case of the person, its business taken from the
 * intake's disposition when that sent the person here. */
static void ui_case_new(ui_app *a)
{
    ui_case *s = a->cases;
    if (s->person_id == 0) {
        ui_message(a, UI_ALERT, "ケースを開く人を検索で選んでから F6 を押してください");
        return;
    }
    if (!ui_panel_open(a, &s->panel, UI_CASE_FORM_CASE))
        return;
    /* The criteria as the rules number them (the form file's commas would
     * split the first one in two). */
    if (!ui_panel_choices(&s->panel, "criteria", dom_case_criteria, dom_n_case_criteria)) {
        ui_panel_close(&s->panel);
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return;
    }
    const char *business = ui_case_business_of(s->disposition);
    if (business)
        ui_panel_set(&s->panel, "business", business);
    ui_panel_context(&s->panel, UI_DRAFT_PERSON, s->person_id);
    ui_panel_context(&s->panel, UI_DRAFT_REFERRAL, s->referral_id);
    s->mode = UI_CASE_NEW;
}

/* The ticked criteria of a multi value as their numbers ("1,3"),
 * malloc'd. */
static char *ui_case_criteria_numbers(const char *value)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (size_t i = 0; i < dom_n_case_criteria; i++) {
        size_t len = strlen(dom_case_criteria[i]);
        for (const char *p = value; *p;) {
            if (strncmp(p, FORM_PRIMARY_MARK, strlen(FORM_PRIMARY_MARK)) == 0)
                p += strlen(FORM_PRIMARY_MARK);
            size_t item = strcspn(p, FORM_MULTI_SEP);
            if (item == len && strncmp(p, dom_case_criteria[i], len) == 0)
                txt_buf_printf(&b, "%s%zu", b.len ? UI_CASE_CRITERIA_SEP : "", i + 1);
            p += item;
            if (*p)
                p++;
        }
    }
    return txt_buf_take(&b);
}

/* The field a message of dom_case_invalid is about. */
static const char *ui_case_invalid_field(const char *why)
{
    if (strstr(why, "事業"))
        return "business";
    if (strstr(why, "試みた"))
        return "tried";
    return "criteria";
}

/* Save the new case: the form's checks, the rules, one transaction. */
static void ui_case_new_save(ui_app *a)
{
    ui_case *s = a->cases;
    if (ui_panel_check(&s->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    char today[UI_CASE_DATE_MAX];
    ui_case_today(today, sizeof today);
    const char *business = ui_panel_get(&s->panel, "business");
    bool takikan = strcmp(business, DOM_BUSINESS_TAKIKAN) == 0;
    /* Criteria belong to 多機関協働 only. */
    char *criteria = takikan ? ui_case_criteria_numbers(ui_panel_get(&s->panel, "criteria"))
                             : strdup("");
    db_case c = {
        .person_id = s->person_id,
        .household_id = s->household_id,
        .business = (char *)business,
        .lead_staff_id = a->who->id,
        .lead_agency_id = a->who->agency_id,
        .consultation_id = s->consult_id,
        .referral_id = s->referral_id,
        .criteria = criteria,
        .tried = (char *)ui_panel_get(&s->panel, "tried"),
        .opened_on = today,
    };
    const char *why = criteria ? dom_case_invalid(&c) : "メモリが不足しています";
    if (why != NULL) {
        free(criteria);
        ui_panel_error(&s->panel, ui_case_invalid_field(why), why);
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    ui_panel_saving(a, &s->panel);
    db_status st = dom_case_open(a->d, &c, ui_panel_get(&s->panel, "note"));
    ui_panel_saved(a, &s->panel, st);
    free(criteria);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    char shown[UI_CASE_LINE_MAX];
    snprintf(shown, sizeof shown, "%s", business);   /* the form's values go with it */
    ui_panel_close(&s->panel);
    ui_case_reload_list(a);
    ui_case_enter(a, c.id, c.person_id);
    ui_message(a, UI_NORMAL, "ケースを開きました（%s・%s）", shown, DOM_STAGE_FIRST);
}

/* ---- conflicts ------------------------------------------------------------- */

/* Keep what the user meant, and show it beside what is stored now. */
static void ui_case_conflict(ui_app *a, ui_case_change kind)
{
    ui_case *s = a->cases;
    s->mine.kind = kind;
    s->mine.back = s->mode;
    s->view_scroll = 0;
    s->mode = UI_CASE_CONFLICT;
    ui_message(a, UI_ALERT, "他の職員が先に保存していました。両方の内容を見て選んでください");
}

/* The plan with this id among the case's plans, or NULL. */
static db_plan *ui_case_plan_by_id(const ui_case *s, int64_t id)
{
    for (size_t i = 0; i < s->n_plans; i++)
        if (s->plans[i].id == id)
            return &s->plans[i];
    return NULL;
}

/* Whether what the user meant can still be applied to what is stored. */
static bool ui_case_mine_allowed(const ui_case *s)
{
    const db_plan *p;
    switch (s->mine.kind) {
    case UI_CHANGE_STAGE:
        return dom_case_move_invalid(s->c.stage, s->mine.to, s->mine.note) == NULL;
    case UI_CHANGE_PLAN_STATE:
        p = ui_case_plan_by_id(s, s->mine.plan_id);
        return p && dom_plan_may_move(p->state, s->mine.to);
    case UI_CHANGE_LEAD: case UI_CHANGE_ASSESS: case UI_CHANGE_PLAN_NEW:
        break;
    }
    return true;
}

/* ---- moving the stage ------------------------------------------------------ */

/* M: the stages the case may move to (a closed case: reopening), the
 * next step forward chosen first. */
static void ui_case_move_start(ui_app *a)
{
    ui_case *s = a->cases;
    free(s->moves);
    s->n_moves = s->move_sel = 0;
    s->moves = calloc(dom_n_case_stages + 1, sizeof *s->moves);
    if (s->moves == NULL)
        return;
    size_t at = 0;
    while (at < dom_n_case_stages && strcmp(s->c.stage, dom_case_stages[at]) != 0)
        at++;
    bool forward = false;
    for (size_t i = 0; i < dom_n_case_stages; i++) {
        if (!dom_case_may_move(s->c.stage, dom_case_stages[i]))
            continue;
        if (i > at && !forward) {
            s->move_sel = s->n_moves;
            forward = true;
        }
        s->moves[s->n_moves++] = dom_case_stages[i];
    }
    if (s->n_moves == 0) {
        ui_message(a, UI_ALERT, "この段階からは移れません");
        return;
    }
    ui_field_set(&s->note, "");
    s->note_error = NULL;
    s->mode = UI_CASE_MOVE;
}

/* Save a stage change of the case as read; a conflict shows both. */
static void ui_case_move_apply(ui_app *a, const char *to, const char *note)
{
    ui_case *s = a->cases;
    char from[UI_CASE_LINE_MAX];
    snprintf(from, sizeof from, "%s", s->c.stage);
    db_status st = dom_case_move(a->d, &s->c, to, note);
    if (st == DB_CONFLICT) {
        ui_case_mine_free(&s->mine);
        s->mine.from = strdup(from);
        s->mine.to = strdup(to);
        s->mine.note = strdup(note);
        ui_case_reload_case(a, s->c.id);
        ui_case_conflict(a, UI_CHANGE_STAGE);
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした（Ctrl-S で再試行）: %s", db_errtext(a->d));
        return;
    }
    ui_case_back_to_case(a);
    ui_message(a, UI_NORMAL, "段階を移しました: %sから%sへ", from, to);
}

/* Ctrl-S on the stage chooser: the rules first (a reason for 終結 and
 * 中断), then the save. */
static void ui_case_move_save(ui_app *a)
{
    ui_case *s = a->cases;
    const char *to = s->moves[s->move_sel];
    const char *note = ui_field_text(&s->note);
    const char *why = dom_case_move_invalid(s->c.stage, to, note);
    if (why != NULL) {
        s->note_error = why;
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    ui_case_move_apply(a, to, note);
}

/* ---- the 主担当 ------------------------------------------------------------- */

/* Select the agency with this id (0: none). */
static void ui_case_select_agency(ui_case *s, int64_t id)
{
    s->agency_sel = 0;
    for (size_t i = 0; id && i < s->n_agencies; i++)
        if (s->agencies[i].id == id)
            s->agency_sel = i + 1;
}

/* Read the agencies, for the lead and the role lines. */
static bool ui_case_load_agencies(ui_app *a)
{
    ui_case *s = a->cases;
    db_agency_list_free(s->agencies, s->n_agencies);
    s->agencies = NULL;
    s->n_agencies = 0;
    if (db_agency_list(a->d, &s->agencies, &s->n_agencies) != DB_OK) {
        ui_message(a, UI_ALERT, "機関の一覧を読めません: %s", db_errtext(a->d));
        return false;
    }
    return true;
}

/* Keep the active staff only: a disabled one cannot lead a case. */
static void ui_case_active_staff(ui_case *s)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->n_staff; i++) {
        if (s->staff[i].active)
            s->staff[kept++] = s->staff[i];
        else
            db_staff_free(&s->staff[i]);
    }
    s->n_staff = kept;
}

/* L: choose the lead worker and agency, starting from the present ones
 * (or the user). */
static void ui_case_lead_start(ui_app *a)
{
    ui_case *s = a->cases;
    db_staff_list_free(s->staff, s->n_staff);
    s->staff = NULL;
    s->n_staff = 0;
    if (db_staff_list(a->d, &s->staff, &s->n_staff) != DB_OK) {
        ui_message(a, UI_ALERT, "職員の一覧を読めません: %s", db_errtext(a->d));
        return;
    }
    ui_case_active_staff(s);
    if (s->n_staff == 0) {
        ui_message(a, UI_ALERT, "主担当にできる職員が登録されていません");
        return;
    }
    if (!ui_case_load_agencies(a))
        return;
    int64_t want = s->c.lead_staff_id ? s->c.lead_staff_id : a->who->id;
    s->staff_sel = 0;
    for (size_t i = 0; i < s->n_staff; i++)
        if (s->staff[i].id == want)
            s->staff_sel = i;
    ui_case_select_agency(s, s->c.lead_staff_id ? s->c.lead_agency_id
                                                : s->staff[s->staff_sel].agency_id);
    s->lead_on_agency = false;
    s->mode = UI_CASE_LEAD;
}

/* The chosen lead as text ("佐藤　美和・まるっとここ相談窓口"). */
static void ui_case_lead_chosen(const ui_case *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s%s", s->staff[s->staff_sel].name, s->agency_sel ? "・" : "",
             s->agency_sel ? s->agencies[s->agency_sel - 1].name : "");
}

/* Save a lead of the case as read; a conflict shows both. */
static void ui_case_lead_apply(ui_app *a, int64_t staff_id, int64_t agency_id, const char *text)
{
    ui_case *s = a->cases;
    db_status st = dom_case_set_lead(a->d, &s->c, staff_id, agency_id, text);
    if (st == DB_CONFLICT) {
        char *keep = strdup(text);
        ui_case_mine_free(&s->mine);
        s->mine.staff_id = staff_id;
        s->mine.agency_id = agency_id;
        s->mine.lead = keep;
        ui_case_reload_case(a, s->c.id);
        ui_case_conflict(a, UI_CHANGE_LEAD);
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした（Enter で再試行）: %s", db_errtext(a->d));
        return;
    }
    ui_case_back_to_case(a);
    ui_message(a, UI_NORMAL, "主担当を %s にしました", text);
}

/* Enter on the lead chooser. */
static void ui_case_lead_save(ui_app *a)
{
    ui_case *s = a->cases;
    char text[UI_CASE_LINE_MAX];
    ui_case_lead_chosen(s, text, sizeof text);
    ui_case_lead_apply(a, s->staff[s->staff_sel].id,
                       s->agency_sel ? s->agencies[s->agency_sel - 1].id : 0, text);
}

/* ---- the assessment ------------------------------------------------------- */

/* A new assessment starts from what is known: today, the user, and the
 * household's members (the sheet covers the whole household). */
static void ui_case_assess_defaults(ui_app *a)
{
    ui_case *s = a->cases;
    char today[UI_CASE_DATE_MAX], count[UI_CASE_NUM_MAX];
    ui_case_today(today, sizeof today);
    ui_panel_set(&s->panel, "assessed_on", today);
    db_person *members = NULL;
    size_t n = 0;
    if (s->c.household_id == 0 ||
        db_person_household(a->d, s->c.household_id, &members, &n) != DB_OK)
        return;
    txt_buf b;
    txt_buf_init(&b);
    txt_date now = dom_today();
    for (size_t i = 0; i < n; i++) {
        int age = dom_person_age(&members[i], now);
        txt_buf_printf(&b, "%s%s %s", i ? "\n" : "",
                       members[i].relation[0] ? members[i].relation : "続柄不明",
                       members[i].name[0] ? members[i].name : members[i].kana);
        if (age >= 0)
            txt_buf_printf(&b, " %d歳", age);
        if (members[i].id == s->c.person_id)
            txt_buf_adds(&b, "（本人）");
    }
    char *text = txt_buf_take(&b);
    snprintf(count, sizeof count, "%zu", n);
    ui_panel_set(&s->panel, "household_size", count);
    ui_panel_set(&s->panel, "household_members", text ? text : "");
    free(text);
    db_person_list_free(members, n);
}

/* Put the stored values of a dump into the open panel. */
static bool ui_case_panel_load(ui_panel *p, const char *data)
{
    if (form_values_load(&p->values, data) != 0)
        return false;
    ui_form_reload(&p->ui);
    return true;
}

/* The assessment's draft names the case and the stored version it was
 * typed on, with that version's values: resumed, it merges with a later
 * save exactly as the open form would. */
static void ui_case_assess_context(ui_case *s)
{
    ui_panel_context(&s->panel, UI_DRAFT_PERSON, s->c.person_id);
    ui_panel_context(&s->panel, UI_DRAFT_CASE, s->c.id);
    ui_panel_context(&s->panel, UI_DRAFT_ASSESSMENT, s->assess.id);
    ui_panel_context(&s->panel, UI_DRAFT_VERSION, s->assess.version);
    ui_panel_context_base(&s->panel, s->assess.id ? s->assess.data : "");
}

/* A: the latest assessment of the case, or a new one. */
static void ui_case_assess_start(ui_app *a)
{
    ui_case *s = a->cases;
    db_assessment_free(&s->assess);
    db_status st = db_assessment_latest(a->d, s->c.id, &s->assess);
    if (st != DB_OK && st != DB_NOTFOUND) {
        ui_message(a, UI_ALERT, "アセスメントを読めません: %s", db_errtext(a->d));
        return;
    }
    if (!ui_panel_open(a, &s->panel, UI_CASE_FORM_ASSESS))
        return;
    if (st == DB_NOTFOUND) {
        memset(&s->assess, 0, sizeof s->assess);
        ui_case_assess_defaults(a);
    } else if (!ui_case_panel_load(&s->panel, s->assess.data)) {
        ui_panel_close(&s->panel);
        ui_message(a, UI_ALERT, "アセスメントの内容を読めません");
        return;
    }
    if (ui_panel_get(&s->panel, "assessor")[0] == '\0')
        ui_panel_set(&s->panel, "assessor", a->who->name);
    ui_case_assess_context(s);
    s->mode = UI_CASE_ASSESS;
}

/* An assessment being saved: each attempt of the transaction starts again
 * from what was read, so that a retry does not see its own insert. */
struct ui_case_assess_tx {
    const db_assessment *want;
    db_assessment saved;
};

/* Save the assessment with an event on the case; a first one is a
 * conflict when another terminal wrote one meanwhile (else the newer row
 * would hide it). */
static db_status ui_case_assess_tx(db *d, void *arg)
{
    struct ui_case_assess_tx *t = arg;
    t->saved = *t->want;
    if (t->saved.id == 0) {
        db_assessment other;
        db_status st = db_assessment_latest(d, t->saved.case_id, &other);
        if (st == DB_OK) {
            db_assessment_free(&other);
            return DB_CONFLICT;
        }
        if (st != DB_NOTFOUND)
            return st;
    }
    bool first = t->saved.id == 0;
    db_status st = db_assessment_save(d, &t->saved);
    if (st != DB_OK)
        return st;
    /* The timeline shows every event of the case, the assessment too. */
    db_case_event e = { .case_id = t->saved.case_id, .kind = UI_CASE_EVENT_RECORD,
                        .note = first ? "アセスメントを作成しました" : "アセスメントを更新しました" };
    return db_case_event_add(d, &e);
}

/* Save data as the assessment read at s->assess's id and version. */
static db_status ui_case_assess_write(ui_app *a, char *data)
{
    ui_case *s = a->cases;
    db_assessment want = s->assess;
    want.case_id = s->c.id;
    want.data = data;
    want.staff_id = a->who->id;
    struct ui_case_assess_tx t = { &want, { 0 } };
    ui_panel_saving(a, &s->panel);
    db_status st = db_write(a->d, ui_case_assess_tx, &t);
    ui_panel_saved(a, &s->panel, st);
    if (st == DB_OK) {
        s->assess.id = t.saved.id;
        s->assess.version = t.saved.version;
    }
    return st;
}

/* Read the stored assessment again after a conflict. */
static void ui_case_assess_reread(ui_app *a)
{
    ui_case *s = a->cases;
    db_assessment_free(&s->assess);
    if (db_assessment_latest(a->d, s->c.id, &s->assess) != DB_OK)
        memset(&s->assess, 0, sizeof s->assess);
}

/* Ctrl-S on the assessment. */
static void ui_case_assess_save(ui_app *a)
{
    ui_case *s = a->cases;
    if (ui_panel_check(&s->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    char *data = form_values_dump(&s->panel.values);
    if (data == NULL) {
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return;
    }
    db_status st = ui_case_assess_write(a, data);
    if (st == DB_CONFLICT) {
        ui_case_mine_free(&s->mine);
        s->mine.data = data;
        s->mine.base = strdup(s->assess.id ? s->assess.data : "");
        ui_case_assess_reread(a);
        ui_case_conflict(a, UI_CHANGE_ASSESS);
        return;
    }
    free(data);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    ui_case_back_to_case(a);
    ui_message(a, UI_NORMAL, "アセスメントを保存しました");
}

/* ---- plans ------------------------------------------------------------------- */

/* P: the type the new plan gets and why, shown before the form.  With a
 * plan, the new one re-plans the latest. */
static void ui_case_plan_start(ui_app *a)
{
    ui_case *s = a->cases;
    if (dom_case_closed(s->c.stage)) {
        ui_message(a, UI_ALERT, "%sのケースです。プランは M で再開してから作ります", s->c.stage);
        return;
    }
    if (ui_case_consent_of(a, s->c.person_id, &s->consent) != DB_OK) {
        ui_message(a, UI_ALERT, "同意の記録を読めません: %s", db_errtext(a->d));
        return;
    }
    s->plan_type = dom_plan_type(s->c.business, s->consent, &s->plan_why);
    s->replaces = s->n_plans ? s->plans[0].id : 0;
    s->mode = UI_CASE_PLAN_TYPE;
}

/* A plan's roles as the form's lines ("機関名：役割"). */
static char *ui_case_roles_text(const db_plan *p)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (size_t i = 0; i < p->n_roles; i++)
        txt_buf_printf(&b, "%s%s%s%s", i ? "\n" : "",
                       p->roles[i].agency_id ? p->roles[i].agency_name : p->roles[i].who,
                       UI_CASE_COLON_WIDE, p->roles[i].role);
    return txt_buf_take(&b);
}

/* Enter on the type: the form, a re-plan starting from the latest plan. */
static void ui_case_plan_form(ui_app *a)
{
    ui_case *s = a->cases;
    if (!ui_case_load_agencies(a) || !ui_panel_open(a, &s->panel, UI_CASE_FORM_PLAN))
        return;
    const db_plan *old = s->replaces ? ui_case_plan_by_id(s, s->replaces) : NULL;
    if (old) {
        char *roles = ui_case_roles_text(old);
        ui_panel_set(&s->panel, "goal", old->goal);
        ui_panel_set(&s->panel, "policy", old->policy);
        ui_panel_set(&s->panel, "roles", roles ? roles : "");
        free(roles);
    }
    ui_panel_context(&s->panel, UI_DRAFT_PERSON, s->c.person_id);
    ui_panel_context(&s->panel, UI_DRAFT_CASE, s->c.id);
    ui_panel_context(&s->panel, UI_DRAFT_REPLACES, s->replaces);
    s->mode = UI_CASE_PLAN_FORM;
}

/* A copy of s[0..len) without the spaces around it (either width). */
static char *ui_case_trim(const char *s, size_t len)
{
    size_t wide = strlen(UI_CASE_SPACE_WIDE);
    for (;;) {
        if (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
            s++;
            len--;
        } else if (len >= wide && strncmp(s, UI_CASE_SPACE_WIDE, wide) == 0) {
            s += wide;
            len -= wide;
        } else if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) {
            len--;
        } else if (len >= wide && strncmp(s + len - wide, UI_CASE_SPACE_WIDE, wide) == 0) {
            len -= wide;
        } else {
            break;
        }
    }
    return strndup(s, len);
}

/* The agency named name (exactly, or by search key), or 0. */
static int64_t ui_case_agency_named(const ui_case *s, const char *name)
{
    char *key = txt_search_key(name, strlen(name));
    int64_t id = 0;
    for (size_t i = 0; id == 0 && i < s->n_agencies; i++) {
        const char *an = s->agencies[i].name;
        char *ak = key ? txt_search_key(an, strlen(an)) : NULL;
        if (strcmp(an, name) == 0 || (ak && key[0] && strcmp(ak, key) == 0))
            id = s->agencies[i].id;
        free(ak);
    }
    free(key);
    return id;
}

/* Free parsed role lines. */
static void ui_case_roles_free(db_plan_role *roles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(roles[i].who);
        free(roles[i].role);
    }
    free(roles);
}

/* Read one role line into r; NULL, or why it is not "機関名：役割". */
static const char *ui_case_role_line(const ui_case *s, const char *line, size_t len,
                                     db_plan_role *r)
{
    const char *wide = memmem(line, len, UI_CASE_COLON_WIDE, strlen(UI_CASE_COLON_WIDE));
    const char *narrow = memmem(line, len, UI_CASE_COLON, strlen(UI_CASE_COLON));
    const char *colon = wide && (!narrow || wide < narrow) ? wide : narrow;
    if (colon == NULL)
        return "役割分担は一行に一つ「機関名：役割」の形で書いてください";
    size_t skip = colon == wide ? strlen(UI_CASE_COLON_WIDE) : strlen(UI_CASE_COLON);
    char *who = ui_case_trim(line, (size_t)(colon - line));
    char *role = ui_case_trim(colon + skip, len - (size_t)(colon - line) - skip);
    if (who == NULL || role == NULL || who[0] == '\0' || role[0] == '\0') {
        free(who);
        free(role);
        return "役割分担の行に機関名（または担う人）と役割の両方を書いてください";
    }
    r->agency_id = ui_case_agency_named(s, who);
    r->who = r->agency_id ? strdup("") : who;
    if (r->agency_id)
        free(who);
    r->role = role;
    return NULL;
}

/* Parse the role lines, one "機関名：役割" each (blank lines skipped); a
 * name that is no registered agency is kept as who holds the role.
 * NULL, or why a line is wrong. */
static const char *ui_case_roles_parse(const ui_case *s, const char *text, db_plan_role **out,
                                       size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == '\n';
    db_plan_role *roles = calloc(cap, sizeof *roles);
    if (roles == NULL)
        return "メモリが不足しています";
    size_t count = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        char *blank = ui_case_trim(p, len);
        bool empty = blank && blank[0] == '\0';
        free(blank);
        const char *why = empty ? NULL : ui_case_role_line(s, p, len, &roles[count]);
        if (why != NULL) {
            ui_case_roles_free(roles, count);
            return why;
        }
        count += !empty;
        p += len;
        if (*p)
            p++;
    }
    *out = roles;
    *n = count;
    return NULL;
}

/* Whether the case's latest plan is still the one the new plan re-plans
 * (another terminal may have made a plan meanwhile). */
static bool ui_case_plan_base_holds(ui_app *a)
{
    ui_case *s = a->cases;
    db_plan *plans = NULL;
    size_t n = 0;
    if (db_plan_by_case(a->d, s->c.id, &plans, &n) != DB_OK)
        return true;   /* the save itself reports the failure */
    bool holds = (n ? plans[0].id : 0) == s->replaces;
    db_plan_list_free(plans, n);
    return holds;
}

/* The plan type may have changed with the consent since it was shown:
 * then say so instead of saving under a type the user did not see. */
static bool ui_case_plan_type_holds(ui_app *a)
{
    ui_case *s = a->cases;
    if (ui_case_consent_of(a, s->c.person_id, &s->consent) != DB_OK)
        return true;
    const char *why = "";
    const char *type = dom_plan_type(s->c.business, s->consent, &why);
    if (strcmp(type, s->plan_type) == 0)
        return true;
    s->plan_type = type;
    s->plan_why = why;
    ui_message(a, UI_ALERT, "本人同意の状態が変わったため、プランの種類が%sになりました。"
               "確認して Ctrl-S でもう一度保存してください", type);
    return false;
}

/* Insert the plan of the open form as a new version re-planning replaces. */
static db_status ui_case_plan_insert(ui_app *a, db_plan_role *roles, size_t n_roles)
{
    ui_case *s = a->cases;
    db_plan p = {
        .goal = (char *)ui_panel_get(&s->panel, "goal"),
        .policy = (char *)ui_panel_get(&s->panel, "policy"),
        .staff_id = a->who->id,
        .roles = roles,
        .n_roles = n_roles,
    };
    ui_panel_saving(a, &s->panel);
    db_status st = dom_plan_create(a->d, &s->c, s->consent, &p, s->replaces);
    ui_panel_saved(a, &s->panel, st);
    return st;
}

/* Ctrl-S on the plan: the form, the role lines, the type and the base,
 * then the save. */
static void ui_case_plan_save(ui_app *a)
{
    ui_case *s = a->cases;
    if (ui_panel_check(&s->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    db_plan_role *roles = NULL;
    size_t n_roles = 0;
    const char *why = ui_case_roles_parse(s, ui_panel_get(&s->panel, "roles"), &roles, &n_roles);
    if (why != NULL) {
        ui_panel_error(&s->panel, "roles", why);
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    if (!ui_case_plan_type_holds(a)) {
        ui_case_roles_free(roles, n_roles);
        return;
    }
    if (!ui_case_plan_base_holds(a)) {
        ui_case_roles_free(roles, n_roles);
        ui_case_mine_free(&s->mine);
        s->mine.based_on = s->replaces;
        ui_case_reload_case(a, s->c.id);
        ui_case_conflict(a, UI_CHANGE_PLAN_NEW);
        return;
    }
    db_status st = ui_case_plan_insert(a, roles, n_roles);
    ui_case_roles_free(roles, n_roles);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    const char *type = s->plan_type;
    ui_case_back_to_case(a);
    s->plan_sel = 0;
    ui_message(a, UI_NORMAL, "%sを作成しました（%s）。S で承認に進めます", type, DOM_PLAN_DRAFT);
}

/* The state after a plan's, or NULL at the end. */
static const char *ui_case_plan_next_state(const char *state)
{
    for (size_t i = 0; i + 1 < dom_n_plan_states; i++)
        if (strcmp(state, dom_plan_states[i]) == 0)
            return dom_plan_states[i + 1];
    return NULL;
}

/* Say what a plan's move did; approval shows the dates it set. */
static void ui_case_plan_moved(ui_app *a, int64_t plan_id, const char *to)
{
    ui_case *s = a->cases;
    const db_plan *p = ui_case_plan_by_id(s, plan_id);
    if (p == NULL || strcmp(to, DOM_PLAN_APPROVED) != 0) {
        ui_message(a, UI_NORMAL, "プランを「%s」にしました", to);
        return;
    }
    char m[UI_CASE_DATE_MAX], e[UI_CASE_DATE_MAX];
    ui_case_date(p->monitor_on, m, sizeof m);
    ui_case_date(p->evaluate_on, e, sizeof e);
    ui_message(a, UI_NORMAL, "プランを承認しました。モニタリング %s、評価 %s", m, e);
}

/* Move a plan read at its version to state to; a conflict shows both. */
static void ui_case_plan_move_apply(ui_app *a, db_plan *p, const char *to)
{
    ui_case *s = a->cases;
    int64_t id = p->id;
    char from[UI_CASE_LINE_MAX];
    snprintf(from, sizeof from, "%s", p->state);
    db_status st = dom_plan_move(a->d, p, to, dom_today());
    if (st == DB_CONFLICT) {
        ui_case_mine_free(&s->mine);
        s->mine.plan_id = id;
        s->mine.from = strdup(from);
        s->mine.to = strdup(to);
        ui_case_reload_case(a, s->c.id);
        ui_case_conflict(a, UI_CHANGE_PLAN_STATE);
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした（S で再試行）: %s", db_errtext(a->d));
        return;
    }
    ui_case_reload_case(a, s->c.id);
    ui_case_plan_moved(a, id, to);
}

/* S: move the selected plan one step on. */
static void ui_case_plan_step(ui_app *a)
{
    ui_case *s = a->cases;
    if (s->n_plans == 0) {
        ui_message(a, UI_ALERT, "プランがまだありません。P で作成します");
        return;
    }
    db_plan *p = &s->plans[s->plan_sel];
    const char *to = ui_case_plan_next_state(p->state);
    if (to == NULL || !dom_plan_may_move(p->state, to)) {
        ui_message(a, UI_ALERT, "このプランは「%s」です。これより先の状態はありません", p->state);
        return;
    }
    ui_case_plan_move_apply(a, p, to);
}

/* ---- choosing after a conflict ---------------------------------------------- */

/* The field values of an assessment dump, through the open form. */
static bool ui_case_values_of(const ui_panel *p, const char *data, form_values *out)
{
    if (form_values_init(out, p->form) != 0)
        return false;
    if (data && form_values_load(out, data) != 0) {
        form_values_free(out);
        return false;
    }
    return true;
}

/* The assessment on top of what is stored now: the fields the user
 * changed from what they read, the others as stored (so that a field only
 * the other terminal changed keeps its change).  Into the open form. */
static bool ui_case_assess_merge(ui_case *s, const ui_case_mine *m)
{
    form_values base, mine;
    if (!ui_case_values_of(&s->panel, m->base, &base))
        return false;
    if (!ui_case_values_of(&s->panel, m->data, &mine)) {
        form_values_free(&base);
        return false;
    }
    /* A dump leaves empty fields out: clear them all before reading it. */
    bool ok = true;
    for (size_t i = 0; ok && i < s->panel.form->n_fields; i++)
        ok = form_values_set(&s->panel.values, i, "") == 0;
    ok = ok && form_values_load(&s->panel.values, s->assess.id ? s->assess.data : "") == 0;
    for (size_t i = 0; ok && i < s->panel.form->n_fields; i++)
        if (strcmp(mine.v[i], base.v[i]) != 0)
            ok = form_values_set(&s->panel.values, i, mine.v[i]) == 0;
    ui_form_reload(&s->panel.ui);
    form_values_free(&base);
    form_values_free(&mine);
    return ok;
}

/* 1 on the conflict: apply what the user meant on top of what is stored. */
static void ui_case_conflict_mine(ui_app *a)
{
    ui_case *s = a->cases;
    if (!ui_case_mine_allowed(s)) {
        ui_message(a, UI_ALERT, "いまの内容にはあなたの変更を適用できません（2 か ESC で閉じます）");
        return;
    }
    ui_case_mine m = s->mine;
    memset(&s->mine, 0, sizeof s->mine);
    s->mode = m.back;
    switch (m.kind) {
    case UI_CHANGE_STAGE:
        ui_case_move_apply(a, m.to, m.note);
        break;
    case UI_CHANGE_LEAD:
        ui_case_lead_apply(a, m.staff_id, m.agency_id, m.lead);
        break;
    case UI_CHANGE_PLAN_STATE:
        ui_case_plan_move_apply(a, ui_case_plan_by_id(s, m.plan_id), m.to);
        break;
    case UI_CHANGE_ASSESS:
        if (ui_case_assess_merge(s, &m))
            ui_case_assess_save(a);
        else
            ui_message(a, UI_ALERT, "メモリが不足しています");
        break;
    case UI_CHANGE_PLAN_NEW:
        /* The new plan re-plans the one now latest. */
        s->replaces = s->n_plans ? s->plans[0].id : 0;
        ui_case_plan_save(a);
        break;
    }
    ui_case_mine_free(&m);
}

/* 2 or ESC on the conflict: keep what is stored; nothing of the user's is
 * saved. */
static void ui_case_conflict_theirs(ui_app *a)
{
    ui_case *s = a->cases;
    ui_case_mine_free(&s->mine);
    ui_case_back_to_case(a);
    ui_message(a, UI_NORMAL, "保存されている内容のままにしました（あなたの変更は保存していません）");
}

/* ---- drawing ------------------------------------------------------------------ */

/* The person, their consent and the meeting route, with the notice when
 * consent is not in force; returns the row after. */
static int ui_case_draw_person(const ui_case *s, int y, int64_t id, const char *name)
{
    dom_consent_state c = s->consent;
    int x = ui_putf(y, 0, UI_HEADING, "本人: %s（番号 %lld）  ", name, (long long)id);
    x = ui_putf(y, x, c == DOM_CONSENT_GIVEN ? UI_HEADING : UI_ALERT, "【%s】",
                dom_consent_label(c));
    ui_putf(y, x, UI_NORMAL, "  会議: %s", dom_route_label(dom_route_of(c)));
    const char *notice = dom_route_notice(c);
    if (notice)
        ui_put(y + 1, 0, ui_cols(), UI_ALERT, notice);
    return y + 2;
}

/* The case on screen: its person, stage, lead, criteria and next date;
 * every view of a case starts with it.  Returns the row after. */
static int ui_case_draw_head(const ui_case *s)
{
    const db_case *c = &s->c;
    int y = ui_case_draw_person(s, ui_body_top(), c->person_id, c->person_name);
    char opened[UI_CASE_DATE_MAX], lead[UI_CASE_LINE_MAX], criteria[UI_CASE_LINE_MAX];
    ui_case_date(c->opened_on, opened, sizeof opened);
    ui_case_lead_text(c, lead, sizeof lead);
    int x = ui_putf(y, 0, UI_NORMAL, "ケース %lld  %s  段階 ", (long long)c->id, c->business);
    x = ui_putf(y, x, dom_case_closed(c->stage) ? UI_DIM : UI_SELECTED, "%s", c->stage);
    ui_putf(y, x, UI_NORMAL, "  開始 %s", opened);
    x = ui_putf(y + 1, 0, UI_NORMAL, "主担当: %s", lead);
    if (strcmp(c->business, DOM_BUSINESS_TAKIKAN) == 0) {
        ui_case_criteria_text(c->criteria, criteria, sizeof criteria);
        ui_putf(y + 1, x, UI_NORMAL, "  基準: %s", criteria);
    }
    return y + 2;
}

/* One case of a list in two rows: business, stage and opening; then the
 * lead, what is next, and the route when consent is not in force. */
static void ui_case_draw_row(const ui_case *s, size_t i, int y)
{
    const db_case *c = &s->cases[i];
    ui_attr attr = i == s->selected ? UI_SELECTED : UI_NORMAL;
    char opened[UI_CASE_DATE_MAX], lead[UI_CASE_LINE_MAX], next[UI_CASE_LINE_MAX];
    ui_case_date(c->opened_on, opened, sizeof opened);
    ui_case_lead_text(c, lead, sizeof lead);
    bool overdue = false;
    ui_case_next_text(&s->next_plans[i], next, sizeof next, &overdue);
    ui_clear_line(y, 0, attr);
    int x = ui_put(y, 0, UI_CASE_INDENT, attr, i == s->selected ? UI_CASE_MARK : "");
    if (s->person_id == 0)
        x = ui_put(y, x, UI_CASE_W_NAME, attr, c->person_name);
    x = ui_put(y, x, UI_CASE_W_BUSINESS, attr, c->business);
    x = ui_put(y, x, UI_CASE_W_STAGE, attr, c->stage);
    ui_putf(y, x, attr, "開始 %s", opened);
    x = UI_CASE_INDENT * 2;
    /* The route first: the one thing that must never be cut off. */
    if (s->person_id == 0 && s->consents[i] != DOM_CONSENT_GIVEN)
        x = ui_putf(y + 1, x, UI_ALERT, "【%s・%sのみ】 ", dom_consent_label(s->consents[i]),
                    dom_route_label(DOM_ROUTE_SHIEN));
    if (!dom_case_closed(c->stage))
        x = ui_putf(y + 1, x, overdue ? UI_ALERT : UI_NORMAL, "%s  ", next);
    ui_putf(y + 1, x, UI_NORMAL, "主担当: %s", lead);
}

/* The list of cases. */
static void ui_case_draw_list(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_body_top(), bottom = ui_body_bottom();
    if (s->person_id)
        y = ui_case_draw_person(s, y, s->person_id, s->person_name ? s->person_name : "");
    else
        ui_puts(y++, 0, UI_HEADING, "開いているケース（全員・新しい順）");
    ui_puts(bottom, 0, UI_DIM, s->person_id
            ? "上下 選択  Enter 開く  O 新しいケースを開く  ESC 戻る"
            : "上下 選択  Enter 開く  ESC 戻る（ケースを開くには検索で人を選んで F6）");
    if (s->n == 0) {
        ui_puts(y + 1, 1, UI_DIM, s->person_id ? "ケースはまだありません。O で開きます"
                                               : "開いているケースはありません");
        return;
    }
    ui_puts(y++, UI_CASE_INDENT, UI_HEADING, s->person_id ? "事業         段階                 開始（開いているものから）"
                                             : "本人                 事業         段階                 開始");
    size_t rows = (size_t)((bottom - y) / UI_CASE_LIST_ROWS);
    size_t first = rows && s->selected >= rows ? s->selected - rows + 1 : 0;
    for (size_t i = first; i < s->n && i - first < rows; i++)
        ui_case_draw_row(s, i, y + (int)(i - first) * UI_CASE_LIST_ROWS);
}

/* One plan as a row of the detail. */
static void ui_case_draw_plan_row(const db_plan *p, int y, ui_attr attr)
{
    char m[UI_CASE_DATE_MAX], e[UI_CASE_DATE_MAX], ver[UI_CASE_NUM_MAX];
    ui_case_date(p->monitor_on, m, sizeof m);
    ui_case_date(p->evaluate_on, e, sizeof e);
    snprintf(ver, sizeof ver, "第%d版", p->seq);
    ui_clear_line(y, 0, attr);
    int x = ui_put(y, 0, UI_CASE_INDENT, attr, attr == UI_SELECTED ? UI_CASE_MARK : "");
    x = ui_put(y, x, UI_CASE_W_VERSION, attr, ver);
    x = ui_put(y, x, UI_CASE_W_PLAN_TYPE, attr, p->type);
    x = ui_put(y, x, UI_CASE_W_PLAN_STATE, attr, p->state);
    ui_putf(y, x, attr, "モニタリング %s  評価 %s", m, e);
}

/* The plans of the case, latest first, the selected one kept in view;
 * returns the row after. */
static int ui_case_draw_plans(const ui_case *s, int y)
{
    ui_puts(y++, 0, UI_HEADING, "プラン（新しい版から。上下で選び Enter で内容）");
    if (s->n_plans == 0) {
        ui_puts(y, UI_CASE_INDENT, UI_DIM, "まだありません。P で作成します");
        return y + 1;
    }
    size_t first = s->plan_sel >= UI_CASE_PLAN_ROWS ? s->plan_sel - UI_CASE_PLAN_ROWS + 1 : 0;
    for (size_t i = first; i < s->n_plans && i - first < UI_CASE_PLAN_ROWS; i++)
        ui_case_draw_plan_row(&s->plans[i], y++, i == s->plan_sel ? UI_SELECTED : UI_NORMAL);
    return y;
}

/* One event of the timeline as text. */
static void ui_case_event_text(const db_case_event *e, char *buf, size_t n)
{
    char when[UI_CASE_DATE_MAX], change[UI_CASE_LINE_MAX] = "";
    txt_stamp_local(e->at, when, sizeof when);
    if (e->from_stage[0] && e->to_stage[0])
        snprintf(change, sizeof change, " %sから%sへ", e->from_stage, e->to_stage);
    else if (e->to_stage[0])
        snprintf(change, sizeof change, " %s", e->to_stage);
    snprintf(buf, n, "%s %s %s%s%s%s", when, e->staff_name, e->kind, change,
             e->note[0] ? "  " : "", e->note);
}

/* How many rows text takes wrapped as ui_case_wrap_hang does. */
static int ui_case_wrap_rows(const char *text, int x, int hang)
{
    size_t n = 0;
    ui_line *lines = ui_case_hang_lines(text, x, hang, &n);
    free(lines);
    return lines ? (int)n : 1;
}

/* The timeline, oldest at the top, each event whole (long notes wrap),
 * the newest kept in view unless scrolled back with PgUp. */
static void ui_case_draw_timeline(ui_case *s, int y, int bottom)
{
    ui_putf(y++, 0, UI_HEADING, "経過（%zu件、PgUp/PgDn で前後）", s->n_events);
    int rows = bottom - y + 1;
    if (rows <= 0)
        return;
    char line[UI_CASE_LINE_MAX];
    int total = 0;
    for (size_t i = 0; i < s->n_events; i++) {
        ui_case_event_text(&s->events[i], line, sizeof line);
        total += ui_case_wrap_rows(line, UI_CASE_INDENT, UI_CASE_HANG);
    }
    int max_back = total > rows ? total - rows : 0;
    if (s->timeline_back > max_back)
        s->timeline_back = max_back;
    int want = total - rows - s->timeline_back, skip = 0;
    size_t from = 0;
    /* Start at an event, never in the middle of one's note. */
    while (from < s->n_events && skip < want) {
        ui_case_event_text(&s->events[from++], line, sizeof line);
        skip += ui_case_wrap_rows(line, UI_CASE_INDENT, UI_CASE_HANG);
    }
    for (size_t i = from; i < s->n_events && y <= bottom; i++) {
        ui_case_event_text(&s->events[i], line, sizeof line);
        int none = 0;
        y = ui_case_wrap_hang(y, UI_CASE_INDENT, UI_CASE_HANG, bottom, &none, UI_NORMAL, line);
    }
}

/* The detail of a case: head, plans, timeline and keys. */
static void ui_case_draw_detail(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_head(s);
    int bottom = ui_body_bottom();
    y = ui_case_draw_plans(s, y);
    ui_case_draw_timeline(s, y, bottom - UI_CASE_KEY_ROWS);
    ui_puts(bottom - 1, 0, UI_DIM,
            dom_case_closed(s->c.stage)
                ? "M 再開（アセスメントへ）  L 主担当  A アセスメント  P プラン（再プラン）"
                : "M 段階を移す  L 主担当  A アセスメント  P プラン（再プラン）");
    ui_puts(bottom, 0, UI_DIM, "上下 プランを選ぶ  Enter 内容  S プランを次の状態へ  ESC 一覧へ");
}

/* The stage chooser and its note. */
static void ui_case_draw_move(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_head(s);
    int bottom = ui_body_bottom();
    ui_putf(y++, 0, UI_HEADING, "段階を移す（いま: %s）  上下で選択、Ctrl-S 保存、ESC 取りやめ",
            s->c.stage);
    for (size_t i = 0; i < s->n_moves && y < bottom - 3; i++) {
        bool reopen = dom_case_closed(s->c.stage);
        bool sel = i == s->move_sel;
        ui_putf(y++, UI_CASE_INDENT, sel ? UI_SELECTED : UI_NORMAL, "%s%s%s ",
                sel ? UI_CASE_MARK : UI_CASE_NO_MARK, s->moves[i],
                reopen ? "（ケースを再開）" : "");
    }
    y++;
    ui_puts(y++, 0, UI_HEADING, "記録（終結・中断は理由が必須）");
    int cx = ui_field_draw(&s->note, y, UI_CASE_INDENT, ui_cols() - UI_CASE_INDENT - 1, UI_NORMAL);
    ui_cursor(y, cx);
    if (s->note_error)
        ui_put(y + 1, UI_CASE_INDENT, ui_cols() - UI_CASE_INDENT, UI_ALERT, s->note_error);
}

/* One column of the lead chooser, the selection kept in view. */
static void ui_case_draw_choices(int top, int bottom, int x, int w, const char *const *names,
                                 size_t n, size_t sel, bool focused)
{
    int rows = bottom - top + 1;
    size_t first = rows > 0 && sel >= (size_t)rows ? sel - (size_t)rows + 1 : 0;
    for (size_t i = first; i < n && (int)(i - first) < rows; i++) {
        ui_attr attr = i != sel ? UI_NORMAL : focused ? UI_SELECTED : UI_HEADING;
        char line[UI_CASE_LINE_MAX];
        snprintf(line, sizeof line, "%s%s", i == sel ? UI_CASE_MARK : UI_CASE_NO_MARK, names[i]);
        ui_put(top + (int)(i - first), x, w, attr, line);
    }
}

/* The lead chooser: staff on the left, agencies on the right. */
static void ui_case_draw_lead(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_head(s);
    int bottom = ui_body_bottom();
    ui_puts(y++, 0, UI_HEADING, "主担当を決める  Tab で職員と機関を切り替え、上下で選択、Enter 保存");
    ui_puts(y, UI_CASE_INDENT, s->lead_on_agency ? UI_NORMAL : UI_HEADING, "職員");
    ui_puts(y++, UI_CASE_LEAD_SPLIT, s->lead_on_agency ? UI_HEADING : UI_NORMAL, "機関");
    const char **names = calloc(s->n_staff + s->n_agencies + 2, sizeof *names);
    if (names == NULL)
        return;
    for (size_t i = 0; i < s->n_staff; i++)
        names[i] = s->staff[i].name;
    ui_case_draw_choices(y, bottom - 1, UI_CASE_INDENT, UI_CASE_LEAD_SPLIT - UI_CASE_INDENT - 1,
                         names, s->n_staff, s->staff_sel, !s->lead_on_agency);
    names[0] = "（機関なし）";
    for (size_t i = 0; i < s->n_agencies; i++)
        names[i + 1] = s->agencies[i].name;
    ui_case_draw_choices(y, bottom - 1, UI_CASE_LEAD_SPLIT, ui_cols() - UI_CASE_LEAD_SPLIT,
                         names, s->n_agencies + 1, s->agency_sel, s->lead_on_agency);
    free(names);
    char chosen[UI_CASE_LINE_MAX];
    ui_case_lead_chosen(s, chosen, sizeof chosen);
    ui_putf(bottom, 0, UI_NORMAL, "主担当: %s  （ESC 取りやめ）", chosen);
}

/* A form of the case (assessment, plan) under its title. */
static void ui_case_draw_form(ui_app *a, const char *title)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_head(s);
    ui_putf(y, 0, UI_HEADING, "%s（Ctrl-S 保存、ESC 取りやめ）", title);
    ui_panel_draw(&s->panel, y + 1, ui_body_bottom());
}

/* The form for a new case. */
static void ui_case_draw_new(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_person(s, ui_body_top(), s->person_id, s->person_name);
    ui_puts(y, 0, UI_HEADING, "ケースを開く（Ctrl-S 保存、ESC 取りやめ）");
    ui_panel_draw(&s->panel, y + 1, ui_body_bottom());
}

/* The version a plan re-plans, as text. */
static void ui_case_replaces_text(const ui_case *s, int64_t id, char *buf, size_t n)
{
    const db_plan *old = NULL;
    for (size_t i = 0; i < s->n_plans; i++)
        if (s->plans[i].id == id)
            old = &s->plans[i];
    if (old)
        snprintf(buf, n, "第%d版の再プラン", old->seq);
    else
        snprintf(buf, n, "%s", id ? "再プラン" : "最初のプラン");
}

/* The plan's type and why, before its form. */
static void ui_case_draw_plan_type(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_head(s);
    int bottom = ui_body_bottom();
    char re[UI_CASE_LINE_MAX];
    ui_case_replaces_text(s, s->replaces, re, sizeof re);
    ui_putf(y++, 0, UI_HEADING, "作成するプラン: %s", s->plan_type);
    int skip = 0;
    y = ui_case_wrap(y, UI_CASE_INDENT, bottom, &skip, UI_NORMAL, s->plan_why);
    y++;
    if (s->replaces) {
        ui_putf(y++, UI_CASE_INDENT, UI_NORMAL, "%sとして第%d版を作ります。", re,
                s->n_plans ? s->plans[0].seq + 1 : 1);
        ui_puts(y++, UI_CASE_INDENT, UI_NORMAL, "前の版はそのまま残り、いつでも読めます。");
    }
    ui_puts(y + 1, 0, UI_DIM, "Enter 内容の入力に進む  ESC 取りやめ");
}

/* The plan form, its type on top. */
static void ui_case_draw_plan_form(ui_app *a)
{
    ui_case *s = a->cases;
    char re[UI_CASE_LINE_MAX], title[UI_CASE_LINE_MAX * 2];
    ui_case_replaces_text(s, s->replaces, re, sizeof re);
    snprintf(title, sizeof title, "%s・%s", s->plan_type, re);
    ui_case_draw_form(a, title);
}

/* One plan in full: version, type and why, state and dates, goal, policy
 * and roles; scrolled with the up and down keys. */
static void ui_case_draw_plan_view(ui_app *a)
{
    ui_case *s = a->cases;
    const db_plan *p = &s->plans[s->plan_sel];
    int y = ui_case_draw_head(s);
    int bottom = ui_body_bottom() - 1;
    int skip = s->view_scroll;
    char re[UI_CASE_LINE_MAX], ap[UI_CASE_DATE_MAX], m[UI_CASE_DATE_MAX], e[UI_CASE_DATE_MAX];
    ui_case_replaces_text(s, p->replaces_id, re, sizeof re);
    ui_case_date(p->approved_on, ap, sizeof ap);
    ui_case_date(p->monitor_on, m, sizeof m);
    ui_case_date(p->evaluate_on, e, sizeof e);
    y = ui_case_line(y, bottom, &skip, UI_HEADING, "第%d版  %s  状態: %s%s（%s）", p->seq, p->type,
                     p->state, p->id == s->plans[0].id ? "" : "  ＜古い版＞", re);
    y = ui_case_wrap(y, UI_CASE_INDENT, bottom, &skip, UI_DIM, p->type_reason);
    y = ui_case_line(y, bottom, &skip, UI_NORMAL, "承認 %s  モニタリング %s  評価 %s", ap, m, e);
    y = ui_case_line(y, bottom, &skip, UI_HEADING, "本人目標");
    y = ui_case_wrap(y, UI_CASE_INDENT, bottom, &skip, UI_NORMAL, p->goal);
    y = ui_case_line(y, bottom, &skip, UI_HEADING, "支援方針");
    y = ui_case_wrap(y, UI_CASE_INDENT, bottom, &skip, UI_NORMAL, p->policy);
    y = ui_case_line(y, bottom, &skip, UI_HEADING, "役割分担");
    for (size_t i = 0; i < p->n_roles; i++)
        y = ui_case_line(y, bottom, &skip, UI_NORMAL, "  %s%s%s",
                         p->roles[i].agency_id ? p->roles[i].agency_name : p->roles[i].who,
                         UI_CASE_COLON_WIDE, p->roles[i].role);
    ui_puts(bottom + 1, 0, UI_DIM, "上下 スクロール  S 次の状態へ  ESC ケースへ");
}

/* The assessment fields where what was typed and what is stored differ:
 * both when the user changed the field, else only what is stored (which
 * then stays). */
static int ui_case_draw_assess_diff(const ui_case *s, int y, int bottom, int *skip)
{
    form_values base, mine, theirs;
    if (!ui_case_values_of(&s->panel, s->mine.base, &base))
        return y;
    bool ok = ui_case_values_of(&s->panel, s->mine.data, &mine);
    if (ok && !ui_case_values_of(&s->panel, s->assess.id ? s->assess.data : NULL, &theirs)) {
        form_values_free(&mine);
        ok = false;
    }
    for (size_t i = 0; ok && i < s->panel.form->n_fields; i++) {
        if (strcmp(mine.v[i], theirs.v[i]) == 0)
            continue;
        bool changed = strcmp(mine.v[i], base.v[i]) != 0;
        y = ui_case_line(y, bottom, skip, UI_HEADING, "%s%s", s->panel.form->fields[i].label,
                         changed ? "" : "（あなたは変えていません。保存済みの内容が残ります）");
        if (changed) {
            y = ui_case_line(y, bottom, skip, UI_NORMAL, "  あなた:");
            y = ui_case_wrap(y, UI_CASE_INDENT * 2, bottom, skip, UI_NORMAL, mine.v[i]);
        }
        y = ui_case_line(y, bottom, skip, UI_NORMAL, "  保存済み:");
        y = ui_case_wrap(y, UI_CASE_INDENT * 2, bottom, skip, UI_NORMAL, theirs.v[i]);
    }
    if (ok) {
        form_values_free(&mine);
        form_values_free(&theirs);
    }
    form_values_free(&base);
    return y;
}

/* What the user meant and what is stored now, for a change of the case or
 * of a plan's state. */
static int ui_case_draw_both(const ui_case *s, int y, int bottom, int *skip)
{
    const ui_case_mine *m = &s->mine;
    char lead[UI_CASE_LINE_MAX], when[UI_CASE_DATE_MAX];
    ui_case_lead_text(&s->c, lead, sizeof lead);
    txt_stamp_local(s->c.updated_at, when, sizeof when);
    const db_plan *p = ui_case_plan_by_id(s, m->plan_id);
    const db_plan *latest = s->n_plans ? &s->plans[0] : NULL;
    y = ui_case_line(y, bottom, skip, UI_HEADING, "あなたの変更:");
    switch (m->kind) {
    case UI_CHANGE_STAGE:
        y = ui_case_line(y, bottom, skip, UI_NORMAL, "  段階: %sから%sへ  記録: %s", m->from,
                         m->to, m->note[0] ? m->note : "なし");
        y = ui_case_line(y, bottom, skip, UI_HEADING, "いま保存されている内容（%s 更新）:", when);
        return ui_case_line(y, bottom, skip, UI_NORMAL, "  段階: %s  主担当: %s", s->c.stage, lead);
    case UI_CHANGE_LEAD:
        y = ui_case_line(y, bottom, skip, UI_NORMAL, "  主担当: %s", m->lead);
        y = ui_case_line(y, bottom, skip, UI_HEADING, "いま保存されている内容（%s 更新）:", when);
        return ui_case_line(y, bottom, skip, UI_NORMAL, "  主担当: %s  段階: %s", lead, s->c.stage);
    case UI_CHANGE_PLAN_STATE:
        y = ui_case_line(y, bottom, skip, UI_NORMAL, "  プランの状態: %sから%sへ", m->from, m->to);
        y = ui_case_line(y, bottom, skip, UI_HEADING, "いま保存されている内容:");
        return ui_case_line(y, bottom, skip, UI_NORMAL, "  第%d版の状態: %s", p ? p->seq : 0,
                            p ? p->state : "（見つかりません）");
    case UI_CHANGE_PLAN_NEW:
        y = ui_case_line(y, bottom, skip, UI_NORMAL, "  新しい版（%s）  本人目標: %s",
                         m->based_on ? "前の版の再プラン" : "最初のプラン",
                         ui_panel_get(&s->panel, "goal"));
        y = ui_case_line(y, bottom, skip, UI_HEADING, "その間に作られた版:");
        return ui_case_line(y, bottom, skip, UI_NORMAL, "  第%d版 %s（%s）  本人目標: %s",
                            latest ? latest->seq : 0, latest ? latest->type : "",
                            latest ? latest->state : "", latest ? latest->goal : "");
    case UI_CHANGE_ASSESS:
        y = ui_case_line(y, bottom, skip, UI_NORMAL, "  あなたが変えた欄は 1 であなたの内容になります（違う欄だけ）");
        return ui_case_draw_assess_diff(s, y, bottom, skip);
    }
    return y;
}

/* The conflict: both versions and the choice. */
static void ui_case_draw_conflict(ui_app *a)
{
    ui_case *s = a->cases;
    int y = ui_case_draw_head(s);
    int bottom = ui_body_bottom() - 2;
    ui_puts(y++, 0, UI_ALERT, "他の職員が先に保存しました。どちらの内容にするか選んでください");
    int skip = s->view_scroll;
    ui_case_draw_both(s, y, bottom, &skip);
    bool allowed = ui_case_mine_allowed(s);
    bool plan = s->mine.kind == UI_CHANGE_PLAN_NEW;
    ui_puts(bottom + 1, 0, allowed ? UI_NORMAL : UI_DIM,
            !allowed ? "1 （いまの内容からは、あなたの変更はできません）"
            : plan   ? "1 あなたの内容をその版の再プランとして保存する（どちらの版も残ります）"
                     : "1 あなたの変更をいまの内容に重ねて保存する");
    ui_puts(bottom + 2, 0, UI_NORMAL, plan ? "2 または ESC あなたの内容は保存しない  上下 スクロール"
                                           : "2 または ESC 保存されている内容のままにする  上下 スクロール");
}

/* Draw the case screen. */
static void ui_case_draw(ui_app *a)
{
    ui_case *s = a->cases;
    if (s == NULL)
        return;
    switch (s->mode) {
    case UI_CASE_LIST: ui_case_draw_list(a); break;
    case UI_CASE_NEW: ui_case_draw_new(a); break;
    case UI_CASE_DETAIL: ui_case_draw_detail(a); break;
    case UI_CASE_MOVE: ui_case_draw_move(a); break;
    case UI_CASE_LEAD: ui_case_draw_lead(a); break;
    case UI_CASE_ASSESS:
        ui_case_draw_form(a, s->panel.form ? s->panel.form->title : "アセスメント");
        break;
    case UI_CASE_PLAN_TYPE: ui_case_draw_plan_type(a); break;
    case UI_CASE_PLAN_FORM: ui_case_draw_plan_form(a); break;
    case UI_CASE_PLAN_VIEW: ui_case_draw_plan_view(a); break;
    case UI_CASE_CONFLICT: ui_case_draw_conflict(a); break;
    }
}

/* ---- keys ---------------------------------------------------------------------- */

/* Keys of the list. */
static bool ui_case_list_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (ui_key_step(k, &s->selected, s->n))
        return true;
    if (k->kind == UI_KEY_ENTER && s->n > 0) {
        ui_case_enter(a, s->cases[s->selected].id, s->cases[s->selected].person_id);
        return true;
    }
    if (ui_key_is(k, L'o')) {
        ui_case_new(a);
        return true;
    }
    if (k->kind == UI_KEY_BACK) {
        ui_case_leave(a);
        return true;
    }
    return false;
}

/* Keys of a case's detail. */
static bool ui_case_detail_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (ui_key_step(k, &s->plan_sel, s->n_plans))
        return true;
    if (k->kind == UI_KEY_PGUP || k->kind == UI_KEY_PGDN) {
        s->timeline_back += k->kind == UI_KEY_PGUP ? ui_lines() / 2 : -ui_lines() / 2;
        if (s->timeline_back < 0)
            s->timeline_back = 0;
        return true;
    }
    if (k->kind == UI_KEY_ENTER && s->n_plans > 0) {
        s->view_scroll = 0;
        s->mode = UI_CASE_PLAN_VIEW;
    } else if (ui_key_is(k, L'm')) {
        ui_case_move_start(a);
    } else if (ui_key_is(k, L'l')) {
        ui_case_lead_start(a);
    } else if (ui_key_is(k, L'a')) {
        ui_case_assess_start(a);
    } else if (ui_key_is(k, L'p')) {
        ui_case_plan_start(a);
    } else if (ui_key_is(k, L's')) {
        ui_case_plan_step(a);
    } else if (k->kind == UI_KEY_BACK) {
        ui_case_to_list(a);
    } else {
        return false;
    }
    return true;
}

/* Keys of the stage chooser: the list, and the note typed below it. */
static bool ui_case_move_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (ui_key_step(k, &s->move_sel, s->n_moves))
        return true;
    if ((k->kind == UI_KEY_CTRL && k->ch == 's') || k->kind == UI_KEY_ENTER) {
        ui_case_move_save(a);
        return true;
    }
    if (k->kind == UI_KEY_BACK) {
        s->mode = UI_CASE_DETAIL;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    }
    if (ui_field_key(&s->note, k))
        s->note_error = NULL;
    return k->kind == UI_KEY_CHAR || k->kind == UI_KEY_BACKSPACE || k->kind == UI_KEY_DELETE ||
           k->kind == UI_KEY_KILL || k->kind == UI_KEY_LEFT || k->kind == UI_KEY_RIGHT ||
           k->kind == UI_KEY_HOME || k->kind == UI_KEY_END;
}

/* Keys of the lead chooser. */
static bool ui_case_lead_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (k->kind == UI_KEY_TAB || k->kind == UI_KEY_BTAB || k->kind == UI_KEY_LEFT ||
        k->kind == UI_KEY_RIGHT) {
        s->lead_on_agency = !s->lead_on_agency;
        return true;
    }
    if (s->lead_on_agency && ui_key_step(k, &s->agency_sel, s->n_agencies + 1))
        return true;
    size_t before = s->staff_sel;
    if (!s->lead_on_agency && ui_key_step(k, &s->staff_sel, s->n_staff)) {
        /* The agency follows the worker's own, when they have one. */
        if (s->staff_sel != before && s->staff[s->staff_sel].agency_id)
            ui_case_select_agency(s, s->staff[s->staff_sel].agency_id);
        return true;
    }
    if (k->kind == UI_KEY_ENTER || (k->kind == UI_KEY_CTRL && k->ch == 's')) {
        ui_case_lead_save(a);
        return true;
    }
    if (k->kind == UI_KEY_BACK) {
        s->mode = UI_CASE_DETAIL;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    }
    return false;
}

/* Keys of a form (new case, assessment, plan). */
static bool ui_case_form_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    switch (ui_panel_key(&s->panel, k)) {
    case UI_PANEL_SAVE:
        if (s->mode == UI_CASE_NEW)
            ui_case_new_save(a);
        else if (s->mode == UI_CASE_ASSESS)
            ui_case_assess_save(a);
        else
            ui_case_plan_save(a);
        return true;
    case UI_PANEL_CANCEL:
        ui_panel_discard(a, &s->panel);
        s->mode = s->mode == UI_CASE_NEW ? UI_CASE_LIST : UI_CASE_DETAIL;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    case UI_PANEL_USED:
        return true;
    case UI_PANEL_UNUSED:
        break;
    }
    return false;
}

/* Keys of the plan's type, shown before its form. */
static bool ui_case_plan_type_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (k->kind == UI_KEY_ENTER) {
        ui_case_plan_form(a);
        return true;
    }
    if (k->kind == UI_KEY_BACK) {
        s->mode = UI_CASE_DETAIL;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    }
    return false;
}

/* Keys of a plan's view. */
static bool ui_case_plan_view_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (k->kind == UI_KEY_UP || k->kind == UI_KEY_DOWN) {
        s->view_scroll += k->kind == UI_KEY_DOWN ? 1 : (s->view_scroll > 0 ? -1 : 0);
        return true;
    }
    if (ui_key_is(k, L's')) {
        ui_case_plan_step(a);
        return true;
    }
    if (k->kind == UI_KEY_BACK) {
        s->mode = UI_CASE_DETAIL;
        return true;
    }
    return false;
}

/* Keys of the conflict: 1 mine, 2 or ESC theirs. */
static bool ui_case_conflict_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (k->kind == UI_KEY_CHAR && k->ch == UI_CASE_KEY_MINE) {
        ui_case_conflict_mine(a);
        return true;
    }
    if ((k->kind == UI_KEY_CHAR && k->ch == UI_CASE_KEY_THEIRS) || k->kind == UI_KEY_BACK) {
        ui_case_conflict_theirs(a);
        return true;
    }
    if (k->kind == UI_KEY_UP || k->kind == UI_KEY_DOWN) {
        s->view_scroll += k->kind == UI_KEY_DOWN ? 1 : (s->view_scroll > 0 ? -1 : 0);
        return true;
    }
    return false;
}

/* The form being typed, for the pause-save and quit (NULL: none). */
ui_panel *ui_case_panel(ui_app *a)
{
    return a->cases ? &a->cases->panel : NULL;
}

/* Open the form a kept assessment or plan belongs to, in its case, from
 * the base it was typed on: a stored version that moved on since meets
 * the conflict check at the save, as if the session had never ended. */
static void ui_case_resume_in_case(ui_app *a, const db_draft *dr, bool assess)
{
    ui_case *s = a->cases;
    ui_case_enter(a, ui_keep_context(dr->data, UI_DRAFT_CASE), s->person_id);
    if (s->mode != UI_CASE_DETAIL || s->c.id != ui_keep_context(dr->data, UI_DRAFT_CASE)) {
        ui_message(a, UI_ALERT, "下書きのケースが見つかりません（下書きは残っています）");
        return;
    }
    if (assess) {
        ui_case_assess_start(a);
        char *base = ui_keep_base(dr->data);
        if (s->mode == UI_CASE_ASSESS && base) {
            free(s->assess.data);
            s->assess.data = base;
            base = NULL;
            s->assess.id = ui_keep_context(dr->data, UI_DRAFT_ASSESSMENT);
            s->assess.version = ui_keep_context(dr->data, UI_DRAFT_VERSION);
            ui_case_assess_context(s);
        }
        free(base);
        return;
    }
    ui_case_plan_start(a);
    if (s->mode != UI_CASE_PLAN_TYPE)
        return;
    s->replaces = ui_keep_context(dr->data, UI_DRAFT_REPLACES);
    ui_case_plan_form(a);   /* its context names that plan */
}

/* Open a kept form of this screen again where it was: a new case for its
 * person (from the referral it came from), an assessment or a plan in
 * its case.  False when the draft is not one of this screen's. */
bool ui_case_resume(ui_app *a, const db_draft *dr)
{
    bool is_new = strcmp(dr->form_id, UI_CASE_FORM_CASE) == 0;
    bool assess = strcmp(dr->form_id, UI_CASE_FORM_ASSESS) == 0;
    if (!is_new && !assess && strcmp(dr->form_id, UI_CASE_FORM_PLAN) != 0)
        return false;
    ui_case_open(a, ui_keep_context(dr->data, UI_DRAFT_PERSON));
    ui_case *s = a->cases;
    if (s == NULL || a->screen != UI_SCREEN_CASE || s->person_id == 0 ||
        ui_panel_typed(&s->panel))
        return true;   /* said why, or back at a form typed meanwhile */
    s->back = UI_SCREEN_LOOKUP;
    if (is_new) {
        s->referral_id = ui_keep_context(dr->data, UI_DRAFT_REFERRAL);
        ui_case_new(a);
    } else {
        ui_case_resume_in_case(a, dr, assess);
    }
    bool form = s->mode == UI_CASE_NEW || s->mode == UI_CASE_ASSESS ||
                s->mode == UI_CASE_PLAN_FORM;
    if (form && ui_panel_resume(&s->panel, dr))
        ui_keep_resumed(a, dr);
    return true;
}

/* Take a key on the case screen. */
static bool ui_case_key(ui_app *a, const ui_key *k)
{
    ui_case *s = a->cases;
    if (s == NULL)
        return false;
    switch (s->mode) {
    case UI_CASE_LIST: return ui_case_list_key(a, k);
    case UI_CASE_DETAIL: return ui_case_detail_key(a, k);
    case UI_CASE_MOVE: return ui_case_move_key(a, k);
    case UI_CASE_LEAD: return ui_case_lead_key(a, k);
    case UI_CASE_NEW: case UI_CASE_ASSESS: case UI_CASE_PLAN_FORM:
        return ui_case_form_key(a, k);
    case UI_CASE_PLAN_TYPE: return ui_case_plan_type_key(a, k);
    case UI_CASE_PLAN_VIEW: return ui_case_plan_view_key(a, k);
    case UI_CASE_CONFLICT: return ui_case_conflict_key(a, k);
    }
    return false;
}

const ui_screen ui_case_screen = { "ケース", UI_FKEY(6), ui_case_draw, ui_case_key };
