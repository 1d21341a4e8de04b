/* ui-meeting.c - 会議 (F7): the meetings, the coming one selected; a new
 * meeting (forms/meeting.form) or a regular series (forms/series.form);
 * a meeting's agenda built from the proposed candidates or a case number,
 * reordered, with the cap's warning; the consent rule said where a case
 * cannot come, with the 支援会議 offered; the decisions (forms/
 * decision.form) that move cases on; attendance, the meeting's state, and
 * its paper written to a file.  The rules are dom-meeting.c's and the
 * paper dom-paper.c's: this file only shows and asks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "form.h"
#include "ui-int.h"

#define UI_MEETING_FORM "meeting"
#define UI_SERIES_FORM "series"
#define UI_DECISION_FORM "decision"
#define UI_MEETING_DATE_MAX 48
#define UI_MEETING_DAY_MAX 24      /* "R8.12.31" with room */
#define UI_MEETING_LINE_MAX 512
/* Meetings listed from this many days back (a year of them and more). */
#define UI_MEETING_PAST_DAYS 400
#define UI_MEETING_REGULAR "定例"
#define UI_MEETING_CASE_DIGITS 12
/* A case number typed, at most this many characters. */
#define UI_MEETING_NUMBER_MAX 12
#define UI_MEETING_KEY_ROWS 1
#define UI_MEETING_WHY_ROWS 3     /* lines a refusal's reason may take */

/* Columns of the list: 開催日 時刻 種類 区分 状態 議題 場所. */
enum { UI_ML_DATE_W = 15, UI_ML_TIME_W = 6, UI_ML_KIND_W = 16, UI_ML_REG_W = 6,
       UI_ML_STATE_W = 8, UI_ML_ITEMS_W = 6 };
/* Columns of an agenda: # 理由 本人 ケース 段階 決定. */
enum { UI_MA_POS_W = 4, UI_MA_MOMENT_W = 12, UI_MA_NAME_W = 14, UI_MA_CASE_W = 9,
       UI_MA_STAGE_W = 13 };
/* Columns of the candidates: 理由 緊急 期限 本人 ケース 段階. */
enum { UI_MC_MOMENT_W = 12, UI_MC_URGENT_W = 6, UI_MC_DUE_W = 12, UI_MC_NAME_W = 16,
       UI_MC_CASE_W = 10 };

typedef enum ui_meeting_mode {
    UI_MEETING_LIST,
    UI_MEETING_NEW,          /* forms/meeting.form */
    UI_MEETING_SERIES,       /* forms/series.form */
    UI_MEETING_DETAIL,       /* one meeting and its agenda */
    UI_MEETING_CANDIDATES,   /* the proposed cases */
    UI_MEETING_NUMBER,       /* a case number being typed */
    UI_MEETING_MOMENT,       /* the moment of the case typed */
    UI_MEETING_OFFER,        /* refused by the consent rule: the 支援会議 offered */
    UI_MEETING_DECIDE,       /* forms/decision.form on an item */
    UI_MEETING_ATTEND,       /* who attended */
    UI_MEETING_STATE,        /* 予定, 開催済 or 中止 */
    UI_MEETING_GAPS          /* 社会資源の不足 noted across meetings */
} ui_meeting_mode;

struct ui_meeting {
    ui_meeting_mode mode;
    ui_screen_id back;       /* where ESC leaves the list to */
    db_meeting *list;        /* by date */
    size_t n, selected;
    /* The meeting on screen, read afresh. */
    bool in_meeting;
    db_meeting m;
    db_meeting_member *members;
    size_t n_members, member_sel;
    db_agenda_item *items;   /* in the agenda's order */
    size_t n_items, item_sel;
    dom_consent_state *consents;  /* per item, as stored now */
    int cap;
    /* The candidates, over the open cases' statuses. */
    db_case_status *statuses;
    size_t n_statuses;
    dom_candidate *cands;
    size_t n_cands, cand_sel;
    /* A case typed by its number, its moment, and the meeting offered. */
    ui_field number;
    int64_t typed_case;
    size_t moment_sel;
    const char *offer_why;
    int64_t offer_meeting;
    /* The forms and their program-made choices. */
    ui_panel panel;
    db_meeting_kind *kinds;
    size_t n_kinds;
    db_agency *agencies;
    size_t n_agencies;
    db_staff *staff;
    size_t n_staff;
    const char **member_choices;  /* agencies, then staff */
    const char *decisions[DOM_DECISION_MAX];
    size_t n_decisions;
    /* The resource gaps noted across meetings, the latest first. */
    db_agenda_item *gaps;
    size_t n_gaps, gap_top;
};
typedef struct ui_meeting ui_meeting;

/* ---- state ------------------------------------------------------------------ */

/* The screen's state, made at the first F7; NULL when memory runs out. */
static ui_meeting *ui_meeting_state(ui_app *a)
{
    if (a->meeting == NULL) {
        a->meeting = calloc(1, sizeof *a->meeting);
        if (a->meeting == NULL) {
            ui_message(a, UI_ALERT, "メモリが不足しています");
            return NULL;
        }
        ui_field_init(&a->meeting->number, UI_MEETING_NUMBER_MAX);
    }
    return a->meeting;
}

/* Forget the candidates. */
static void ui_meeting_cands_free(ui_meeting *s)
{
    free(s->cands);
    s->cands = NULL;
    s->n_cands = s->cand_sel = 0;
    db_case_status_list_free(s->statuses, s->n_statuses);
    s->statuses = NULL;
    s->n_statuses = 0;
}

/* Forget the meeting on screen. */
static void ui_meeting_detail_free(ui_meeting *s)
{
    if (s->in_meeting)
        db_meeting_free(&s->m);
    s->in_meeting = false;
    db_meeting_member_list_free(s->members, s->n_members);
    s->members = NULL;
    s->n_members = 0;
    db_agenda_item_list_free(s->items, s->n_items);
    s->items = NULL;
    s->n_items = 0;
    free(s->consents);
    s->consents = NULL;
    ui_meeting_cands_free(s);
}

/* Forget the forms' choices. */
static void ui_meeting_choices_free(ui_meeting *s)
{
    db_meeting_kind_list_free(s->kinds, s->n_kinds);
    db_agency_list_free(s->agencies, s->n_agencies);
    db_staff_list_free(s->staff, s->n_staff);
    free(s->member_choices);
    s->kinds = NULL;
    s->agencies = NULL;
    s->staff = NULL;
    s->member_choices = NULL;
    s->n_kinds = s->n_agencies = s->n_staff = 0;
}

/* Free the screen's state. */
void ui_meeting_free(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (s == NULL)
        return;
    db_meeting_list_free(s->list, s->n);
    db_agenda_item_list_free(s->gaps, s->n_gaps);
    ui_meeting_detail_free(s);
    ui_meeting_choices_free(s);
    ui_panel_free(&s->panel);
    ui_field_free(&s->number);
    free(s);
    a->meeting = NULL;
}

/* The form being typed, for the pause-save and quit. */
ui_panel *ui_meeting_panel(ui_app *a)
{
    return a->meeting ? &a->meeting->panel : NULL;
}

/* ---- reading ------------------------------------------------------------------ */

/* Read the meetings again: a year back and every one to come; the
 * selection stays on keep_id, else on the first one not past. */
static bool ui_meeting_reload_list(ui_app *a, int64_t keep_id)
{
    ui_meeting *s = a->meeting;
    db_meeting_list_free(s->list, s->n);
    s->list = NULL;
    s->n = 0;
    char from[UI_MEETING_DATE_MAX], today[UI_MEETING_DATE_MAX];
    txt_date_iso(txt_date_add_days(dom_today(), -UI_MEETING_PAST_DAYS), from, sizeof from);
    txt_date_iso(dom_today(), today, sizeof today);
    if (db_meeting_list(a->d, from, "", &s->list, &s->n) != DB_OK) {
        ui_message(a, UI_ALERT, "会議の一覧を読めません: %s", db_errtext(a->d));
        return false;
    }
    s->selected = s->n ? s->n - 1 : 0;
    for (size_t i = s->n; i-- > 0;)
        if (strcmp(s->list[i].held_on, today) >= 0)
            s->selected = i;
    for (size_t i = 0; keep_id > 0 && i < s->n; i++)
        if (s->list[i].id == keep_id)
            s->selected = i;
    return true;
}

/* Each item's person's consent as stored now. */
static db_status ui_meeting_read_consents(ui_app *a)
{
    ui_meeting *s = a->meeting;
    free(s->consents);
    s->consents = calloc(s->n_items + 1, sizeof *s->consents);
    if (s->consents == NULL)
        return DB_NOMEM;
    for (size_t i = 0; i < s->n_items; i++) {
        int in_force = 0, total = 0;
        db_status st = db_consent_counts(a->d, s->items[i].person_id, &in_force, &total);
        if (st != DB_OK)
            return st;
        s->consents[i] = dom_consent_state_of(in_force, total);
    }
    return DB_OK;
}

/* Read a meeting, its members and agenda again; false (with a message)
 * when it cannot be read, the screen keeping what it showed. */
static bool ui_meeting_reload(ui_app *a, int64_t id)
{
    ui_meeting *s = a->meeting;
    db_meeting m;
    db_status st = db_meeting_get(a->d, id, &m);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "会議を読めません: %s", db_errtext(a->d));
        return false;
    }
    size_t keep = s->item_sel;
    ui_meeting_detail_free(s);
    s->m = m;
    s->in_meeting = true;
    st = db_meeting_members(a->d, id, &s->members, &s->n_members);
    if (st == DB_OK)
        st = db_agenda_items(a->d, id, &s->items, &s->n_items);
    if (st == DB_OK)
        st = ui_meeting_read_consents(a);
    if (st == DB_OK)
        st = dom_agenda_cap(a->d, &s->cap);
    if (st != DB_OK)
        ui_message(a, UI_ALERT, "議題を読めません: %s", db_errtext(a->d));
    s->item_sel = keep < s->n_items ? keep : (s->n_items ? s->n_items - 1 : 0);
    return st == DB_OK;
}

/* Open a meeting on screen. */
static void ui_meeting_enter(ui_app *a, int64_t id)
{
    ui_meeting *s = a->meeting;
    s->item_sel = 0;
    if (ui_meeting_reload(a, id))
        s->mode = UI_MEETING_DETAIL;
}

/* Whether the screen holds a form typed into (it comes back first). */
static bool ui_meeting_busy(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (!ui_panel_typed(&s->panel))
        return false;
    ui_go(a, UI_SCREEN_MEETING);
    ui_message(a, UI_NORMAL, "入力中の%sに戻りました（Ctrl-S で保存、ESC で取りやめ）",
               s->panel.form->title);
    return true;
}

/* F7: the meetings, the coming one selected. */
void ui_meeting_open(ui_app *a)
{
    ui_meeting *s = ui_meeting_state(a);
    if (s == NULL || ui_meeting_busy(a))
        return;
    ui_panel_close(&s->panel);
    ui_meeting_detail_free(s);
    if (!ui_meeting_reload_list(a, 0))
        return;
    s->mode = UI_MEETING_LIST;
    if (a->screen != UI_SCREEN_MEETING)
        s->back = a->screen == UI_SCREEN_HELP ? UI_SCREEN_LOOKUP : a->screen;
    ui_go(a, UI_SCREEN_MEETING);
}

/* A meeting by its id, from the dashboard. */
void ui_meeting_open_id(ui_app *a, int64_t meeting_id)
{
    ui_meeting_open(a);
    ui_meeting *s = a->meeting;
    if (s == NULL || a->screen != UI_SCREEN_MEETING || ui_panel_typed(&s->panel))
        return;
    ui_meeting_reload_list(a, meeting_id);
    ui_meeting_enter(a, meeting_id);
}

/* ---- text ------------------------------------------------------------------------ */

/* A meeting's day as short 和暦 with its weekday: "R8.6.10（水）". */
static void ui_meeting_day(const char *iso, char *buf, size_t n)
{
    txt_date d;
    char day[UI_MEETING_DAY_MAX];
    ui_date_short(iso, day, sizeof day);
    if (iso && txt_date_parse(iso, strlen(iso), &d) == 0)
        snprintf(buf, n, "%s（%s）", day, txt_date_weekday_kanji(d));
    else
        snprintf(buf, n, "%s", day);
}

/* Whether an item is kept off the papers by the consent rule now. */
static bool ui_meeting_off_paper(const ui_meeting *s, size_t i)
{
    return !dom_agenda_on_paper(s->m.confidential, s->consents ? s->consents[i] : DOM_CONSENT_NONE);
}

/* ---- forms: a meeting, a series ------------------------------------------------------- */

/* Read the kinds, agencies and staff the forms offer, and join the
 * member names (agencies, then staff). */
static bool ui_meeting_load_choices(ui_app *a)
{
    ui_meeting *s = a->meeting;
    ui_meeting_choices_free(s);
    db_status st = db_meeting_kinds(a->d, false, &s->kinds, &s->n_kinds);
    if (st == DB_OK)
        st = db_agency_list(a->d, &s->agencies, &s->n_agencies);
    if (st == DB_OK)
        st = db_staff_list(a->d, &s->staff, &s->n_staff);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "選択肢を読めません: %s", db_errtext(a->d));
        return false;
    }
    s->member_choices = calloc(s->n_agencies + s->n_staff + 1, sizeof *s->member_choices);
    if (s->member_choices == NULL)
        return false;
    for (size_t i = 0; i < s->n_agencies; i++)
        s->member_choices[i] = s->agencies[i].name;
    for (size_t i = 0; i < s->n_staff; i++)
        s->member_choices[s->n_agencies + i] = s->staff[i].name;
    return true;
}

/* Give a form its kinds and members. */
static bool ui_meeting_form_choices(ui_meeting *s)
{
    const char **kinds = calloc(s->n_kinds + 1, sizeof *kinds);
    if (kinds == NULL)
        return false;
    for (size_t i = 0; i < s->n_kinds; i++)
        kinds[i] = s->kinds[i].name;
    bool ok = ui_panel_choices(&s->panel, "kind", kinds, s->n_kinds) &&
              ui_panel_choices(&s->panel, "members", s->member_choices,
                               s->n_agencies + s->n_staff);
    free(kinds);
    return ok;
}

/* N or G: the form of a new meeting or of a series, dated today. */
static void ui_meeting_form_open(ui_app *a, bool series)
{
    ui_meeting *s = a->meeting;
    if (!ui_meeting_load_choices(a) ||
        !ui_panel_open(a, &s->panel, series ? UI_SERIES_FORM : UI_MEETING_FORM))
        return;
    if (!ui_meeting_form_choices(s)) {
        ui_panel_close(&s->panel);
        ui_message(a, UI_ALERT, "選択肢を作れません");
        return;
    }
    char today[UI_MEETING_DATE_MAX];
    txt_date_iso(dom_today(), today, sizeof today);
    ui_panel_set(&s->panel, series ? "first_on" : "held_on", today);
    if (!series)
        ui_panel_set(&s->panel, "regular", UI_MEETING_REGULAR);
    s->mode = series ? UI_MEETING_SERIES : UI_MEETING_NEW;
}

/* The kind named in the form, or 0. */
static int64_t ui_meeting_kind_named(const ui_meeting *s, const char *name)
{
    for (size_t i = 0; i < s->n_kinds; i++)
        if (strcmp(s->kinds[i].name, name) == 0)
            return s->kinds[i].id;
    return 0;
}

/* The members ticked in the form's multi value, as rows (malloc'd). */
static db_meeting_member *ui_meeting_ticked(const ui_meeting *s, const char *value, size_t *n)
{
    *n = 0;
    db_meeting_member *ms = calloc(s->n_agencies + s->n_staff + 1, sizeof *ms);
    for (const char *p = value; ms && *p;) {
        size_t len = strcspn(p, FORM_MULTI_SEP);
        for (size_t i = 0; i < s->n_agencies + s->n_staff; i++) {
            const char *name = s->member_choices[i];
            if (strlen(name) != len || strncmp(p, name, len) != 0)
                continue;
            if (i < s->n_agencies)
                ms[*n].agency_id = s->agencies[i].id;
            else
                ms[*n].staff_id = s->staff[i - s->n_agencies].id;
            (*n)++;
            break;
        }
        p += len;
        if (*p)
            p++;
    }
    return ms;
}

/* The meeting a form describes (its strings the form's). */
static db_meeting ui_meeting_from_form(ui_meeting *s, bool series)
{
    db_meeting m;
    memset(&m, 0, sizeof m);
    m.kind_id = ui_meeting_kind_named(s, ui_panel_get(&s->panel, "kind"));
    m.held_on = (char *)ui_panel_get(&s->panel, series ? "first_on" : "held_on");
    m.starts_at = (char *)ui_panel_get(&s->panel, "starts_at");
    m.place = (char *)ui_panel_get(&s->panel, "place");
    m.regular = series || strcmp(ui_panel_get(&s->panel, "regular"), UI_MEETING_REGULAR) == 0;
    m.state = DOM_MEETING_PLANNED;
    m.note = (char *)(series ? "" : ui_panel_get(&s->panel, "note"));
    return m;
}

/* The field a message of dom_meeting_invalid is about. */
static const char *ui_meeting_invalid_field(const char *why, bool series)
{
    if (strstr(why, "種類"))
        return "kind";
    if (strstr(why, "時刻"))
        return "starts_at";
    if (strstr(why, "回数"))
        return "count";
    return series ? "first_on" : "held_on";
}

/* Ctrl-S on a new meeting or a series: checked, then one transaction. */
static void ui_meeting_form_save(ui_app *a)
{
    ui_meeting *s = a->meeting;
    bool series = s->mode == UI_MEETING_SERIES;
    if (ui_panel_check(&s->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    db_meeting m = ui_meeting_from_form(s, series);
    const char *why = dom_meeting_invalid(&m);
    if (why) {
        ui_panel_error(&s->panel, ui_meeting_invalid_field(why, series), why);
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    size_t n_members = 0;
    db_meeting_member *members = ui_meeting_ticked(s, ui_panel_get(&s->panel, "members"),
                                                   &n_members);
    int months = series ? atoi(ui_panel_get(&s->panel, "every")) : 1;
    size_t count = series ? (size_t)atoi(ui_panel_get(&s->panel, "count")) : 1;
    int64_t first = 0;
    ui_panel_saving(a, &s->panel);
    db_status st = members == NULL ? DB_NOMEM
                                   : dom_meeting_series_create(a->d, &m, months, count, members,
                                                               n_members, &first);
    ui_panel_saved(a, &s->panel, st);
    free(members);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    ui_panel_close(&s->panel);
    ui_meeting_reload_list(a, first);
    s->mode = UI_MEETING_LIST;
    if (series)
        ui_message(a, UI_NORMAL, "定例の会議を %zu 回分作りました（%d か月ごと）", count, months);
    else
        ui_message(a, UI_NORMAL, "会議を作りました（会議番号 %lld）", (long long)first);
}

/* ---- the agenda ----------------------------------------------------------------------- */

/* Read the open cases and propose the candidates for this meeting. */
static bool ui_meeting_load_cands(ui_app *a)
{
    ui_meeting *s = a->meeting;
    ui_meeting_cands_free(s);
    const char *open[DOM_STAGE_MAX];
    size_t n_open = 0;
    for (size_t i = 0; i < dom_n_case_stages && n_open < DOM_STAGE_MAX; i++)
        if (!dom_case_closed(dom_case_stages[i]))
            open[n_open++] = dom_case_stages[i];
    txt_date on;
    if (db_case_statuses(a->d, open, n_open, &s->statuses, &s->n_statuses) != DB_OK) {
        ui_message(a, UI_ALERT, "ケースを読めません: %s", db_errtext(a->d));
        return false;
    }
    if (txt_date_parse(s->m.held_on, strlen(s->m.held_on), &on) != 0)
        on = dom_today();
    s->cands = calloc(s->n_statuses + 1, sizeof *s->cands);
    if (s->cands == NULL)
        return false;
    s->n_cands = dom_agenda_candidates(s->statuses, s->n_statuses, s->m.confidential, on,
                                       s->cands);
    return true;
}

/* C: the candidates. */
static void ui_meeting_cands_open(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (strcmp(s->m.state, DOM_MEETING_PLANNED) != 0) {
        ui_message(a, UI_ALERT, "議題を足せるのは予定の会議です（この会議は%s）", s->m.state);
        return;
    }
    if (!ui_meeting_load_cands(a))
        return;
    s->mode = UI_MEETING_CANDIDATES;
    if (s->n_cands == 0)
        ui_message(a, UI_NORMAL, "いま議題の候補になるケースはありません（# でケース番号から足せます）");
}

/* The transaction that adds an item. */
static db_status ui_meeting_add_tx(db *d, void *arg)
{
    return db_agenda_add(d, arg);
}

/* Put a case on the agenda for a moment (the plan it discusses with it),
 * warning past the cap. */
static bool ui_meeting_add(ui_app *a, int64_t case_id, const char *moment, int64_t plan_id)
{
    ui_meeting *s = a->meeting;
    db_agenda_item it;
    memset(&it, 0, sizeof it);
    it.meeting_id = s->m.id;
    it.case_id = case_id;
    it.moment = (char *)moment;
    it.plan_id = plan_id;
    it.note = "";
    db_status st = db_write(a->d, ui_meeting_add_tx, &it);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "議題に入れられません: %s", db_errtext(a->d));
        return false;
    }
    ui_meeting_reload(a, s->m.id);
    s->item_sel = s->n_items ? s->n_items - 1 : 0;
    if (s->n_items > (size_t)s->cap)
        ui_message(a, UI_ALERT, "ケース %lld を入れました。議題が上限（%d件）を超えています（%zu件）",
                   (long long)case_id, s->cap, s->n_items);
    else
        ui_message(a, UI_NORMAL, "ケース %lld を議題に入れました（%s、%zu件目）", (long long)case_id,
                   moment, s->n_items);
    return true;
}

/* Enter on a candidate: on the agenda, off the list. */
static void ui_meeting_cand_take(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (s->n_cands == 0)
        return;
    dom_candidate c = s->cands[s->cand_sel];
    if (!ui_meeting_add(a, c.status->case_id, c.moment,
                        c.status->plan_id))
        return;
    /* The statuses were read with the list: read both again. */
    size_t keep = s->cand_sel;
    if (ui_meeting_load_cands(a))
        s->cand_sel = keep < s->n_cands ? keep : (s->n_cands ? s->n_cands - 1 : 0);
    s->mode = UI_MEETING_CANDIDATES;
}

/* #: a case by its number. */
static void ui_meeting_number_open(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (strcmp(s->m.state, DOM_MEETING_PLANNED) != 0) {
        ui_message(a, UI_ALERT, "議題を足せるのは予定の会議です（この会議は%s）", s->m.state);
        return;
    }
    ui_field_set(&s->number, "");
    s->mode = UI_MEETING_NUMBER;
}

/* The status of a case among those read, or NULL. */
static const db_case_status *ui_meeting_status_of(const ui_meeting *s, int64_t case_id)
{
    for (size_t i = 0; i < s->n_statuses; i++)
        if (s->statuses[i].case_id == case_id)
            return &s->statuses[i];
    return NULL;
}

/* Enter on the number: an open case, then its moment to choose. */
static void ui_meeting_number_take(ui_app *a)
{
    ui_meeting *s = a->meeting;
    char *digits = txt_digits(ui_field_text(&s->number), strlen(ui_field_text(&s->number)));
    long long id = digits && digits[0] && strlen(digits) <= UI_MEETING_CASE_DIGITS
                       ? atoll(digits) : 0;
    free(digits);
    if (!ui_meeting_load_cands(a))
        return;
    const db_case_status *cs = ui_meeting_status_of(s, id);
    if (cs == NULL) {
        ui_message(a, UI_ALERT, "ケース %lld は見つからないか、終わっています（終結・中断・戻し）", id);
        return;
    }
    char due[UI_MEETING_DATE_MAX];
    txt_date on;
    if (txt_date_parse(s->m.held_on, strlen(s->m.held_on), &on) != 0)
        on = dom_today();
    const char *moment = dom_agenda_moment_of(cs, s->m.confidential, on, due, sizeof due);
    s->typed_case = id;
    s->moment_sel = 0;
    for (size_t i = 0; moment && i < dom_n_agenda_moments; i++)
        if (strcmp(dom_agenda_moments[i], moment) == 0)
            s->moment_sel = i;
    s->mode = UI_MEETING_MOMENT;
}

/* The next 支援会議 still to come, for a case this meeting cannot take. */
static int64_t ui_meeting_next_confidential(const ui_meeting *s)
{
    char today[UI_MEETING_DATE_MAX];
    txt_date_iso(dom_today(), today, sizeof today);
    for (size_t i = 0; i < s->n; i++)
        if (s->list[i].confidential && strcmp(s->list[i].state, DOM_MEETING_PLANNED) == 0 &&
            strcmp(s->list[i].held_on, today) >= 0 && s->list[i].id != s->m.id)
            return s->list[i].id;
    return 0;
}

/* A digit on the moment: the rule says yes (on the agenda) or why not,
 * with the 支援会議 offered. */
static void ui_meeting_moment_take(ui_app *a, size_t i)
{
    ui_meeting *s = a->meeting;
    const db_case_status *cs = ui_meeting_status_of(s, s->typed_case);
    if (cs == NULL || i >= dom_n_agenda_moments)
        return;
    const char *moment = dom_agenda_moments[i];
    dom_consent_state consent = dom_consent_state_of(cs->in_force, cs->consents);
    const char *why = dom_agenda_refusal(s->m.confidential, consent, moment);
    if (why == NULL) {
        if (ui_meeting_add(a, cs->case_id, moment, cs->plan_id))
            s->mode = UI_MEETING_DETAIL;
        return;
    }
    s->offer_why = why;
    s->offer_meeting = ui_meeting_next_confidential(s);
    s->moment_sel = i;
    s->mode = UI_MEETING_OFFER;
    ui_message(a, UI_ALERT, "この会議には入れられません。理由を確かめてください");
}

/* 1 on the offer: the case goes on the next 支援会議's agenda instead. */
static void ui_meeting_offer_take(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (s->offer_meeting == 0) {
        ui_message(a, UI_ALERT, "予定された支援会議がありません。一覧で N を押して支援会議を作ってください");
        return;
    }
    const db_case_status *cs = ui_meeting_status_of(s, s->typed_case);
    const char *moment = dom_agenda_moments[s->moment_sel];
    int64_t case_id = s->typed_case, plan_id = cs ? cs->plan_id : 0;
    int64_t here = s->m.id;
    if (!ui_meeting_reload(a, s->offer_meeting))
        return;
    if (ui_meeting_add(a, case_id, moment, plan_id)) {
        ui_meeting_reload_list(a, s->m.id);
        s->mode = UI_MEETING_DETAIL;
        return;
    }
    ui_meeting_reload(a, here);
    s->mode = UI_MEETING_DETAIL;
}

/* The transaction that takes an item off. */
struct ui_meeting_item_op {
    int64_t id, version;
    int delta;
};

/* db_write body: take the item off the agenda. */
static db_status ui_meeting_remove_tx(db *d, void *arg)
{
    const struct ui_meeting_item_op *op = arg;
    return db_agenda_remove(d, op->id, op->version);
}

/* db_write body: move the item one place. */
static db_status ui_meeting_move_tx(db *d, void *arg)
{
    const struct ui_meeting_item_op *op = arg;
    return db_agenda_move(d, op->id, op->delta);
}

/* Delete: the selected item off the agenda (not once decided). */
static void ui_meeting_remove(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (s->n_items == 0)
        return;
    const db_agenda_item *it = &s->items[s->item_sel];
    if (it->decision[0]) {
        ui_message(a, UI_ALERT, "決定を記録した議題は外せません");
        return;
    }
    struct ui_meeting_item_op op = { it->id, it->version, 0 };
    long long case_id = (long long)it->case_id;
    if (db_write(a->d, ui_meeting_remove_tx, &op) != DB_OK) {
        ui_message(a, UI_ALERT, "外せませんでした: %s", db_errtext(a->d));
        ui_meeting_reload(a, s->m.id);
        return;
    }
    ui_meeting_reload(a, s->m.id);
    ui_message(a, UI_NORMAL, "ケース %lld を議題から外しました", case_id);
}

/* [ or ]: move the selected item up or down. */
static void ui_meeting_move(ui_app *a, int delta)
{
    ui_meeting *s = a->meeting;
    if (s->n_items == 0)
        return;
    struct ui_meeting_item_op op = { s->items[s->item_sel].id, 0, delta };
    db_status st = db_write(a->d, ui_meeting_move_tx, &op);
    if (st == DB_NOTFOUND) {
        ui_message(a, UI_NORMAL, "これ以上%sへは動かせません", delta < 0 ? "上" : "下");
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "動かせませんでした: %s", db_errtext(a->d));
        return;
    }
    if (delta < 0 && s->item_sel > 0)
        s->item_sel--;
    else if (delta > 0 && s->item_sel + 1 < s->n_items)
        s->item_sel++;
    ui_meeting_reload(a, s->m.id);
}

/* ---- decisions ------------------------------------------------------------------------ */

/* The state of the plan an item discusses ("" when none). */
static char *ui_meeting_plan_state(ui_app *a, const db_agenda_item *it)
{
    db_plan p;
    db_status st = DB_NOTFOUND;
    if (it->plan_id > 0) {
        st = db_plan_get(a->d, it->plan_id, &p);
    } else {
        db_plan *ps = NULL;
        size_t n = 0;
        st = db_plan_by_case(a->d, it->case_id, &ps, &n);
        char *state = st == DB_OK && n > 0 ? strdup(ps[0].state) : strdup("");
        db_plan_list_free(ps, n);
        return state;
    }
    char *state = strdup(st == DB_OK ? p.state : "");
    if (st == DB_OK)
        db_plan_free(&p);
    return state;
}

/* Enter on an item: the decision form, offering the decisions the item
 * may take. */
static void ui_meeting_decide_open(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (s->n_items == 0)
        return;
    const db_agenda_item *it = &s->items[s->item_sel];
    if (it->decision[0]) {
        ui_message(a, UI_NORMAL, "決定は記録済みです（%s）", it->decision);
        return;
    }
    char *plan_state = ui_meeting_plan_state(a, it);
    s->n_decisions = 0;
    for (size_t i = 0; plan_state && i < dom_n_decisions && i < DOM_DECISION_MAX; i++)
        if (dom_decision_allowed(it->moment, plan_state, dom_decisions[i]))
            s->decisions[s->n_decisions++] = dom_decisions[i];
    free(plan_state);
    if (!ui_panel_open(a, &s->panel, UI_DECISION_FORM))
        return;
    if (!ui_panel_choices(&s->panel, "decision", s->decisions, s->n_decisions)) {
        ui_panel_close(&s->panel);
        ui_message(a, UI_ALERT, "選択肢を作れません");
        return;
    }
    ui_panel_context(&s->panel, UI_DRAFT_MEETING, s->m.id);
    ui_panel_context(&s->panel, UI_DRAFT_ITEM, it->id);
    s->mode = UI_MEETING_DECIDE;
}

/* Ctrl-S on the decision: the rules checked again inside its transaction. */
static void ui_meeting_decide_save(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (ui_panel_check(&s->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    db_agenda_item *it = &s->items[s->item_sel];
    const char *decision = ui_panel_get(&s->panel, "decision");
    ui_panel_saving(a, &s->panel);
    db_status st = dom_agenda_decide(a->d, &s->m, it, decision, ui_panel_get(&s->panel, "note"),
                                     ui_panel_get(&s->panel, "gap"), dom_today());
    ui_panel_saved(a, &s->panel, st);
    if (st != DB_OK) {
        if (st == DB_CONFLICT)
            ui_meeting_reload(a, s->m.id);
        ui_message(a, UI_ALERT, "記録できませんでした（入力は残っています）: %s", db_errtext(a->d));
        return;
    }
    char shown[UI_MEETING_LINE_MAX];
    snprintf(shown, sizeof shown, "%s", decision);
    ui_panel_close(&s->panel);
    ui_meeting_reload(a, s->m.id);
    s->mode = UI_MEETING_DETAIL;
    const db_agenda_item *now = s->item_sel < s->n_items ? &s->items[s->item_sel] : NULL;
    ui_message(a, UI_NORMAL, "決定を記録しました（%s）。ケースはいま %s です", shown,
               now ? now->stage : "");
}

/* ---- attendance, state, paper ----------------------------------------------------------- */

/* The transaction that saves who attended. */
static db_status ui_meeting_attend_tx(db *d, void *arg)
{
    ui_meeting *s = arg;
    return db_meeting_set_members(d, s->m.id, s->members, s->n_members);
}

/* Enter on attendance: save the ticks. */
static void ui_meeting_attend_save(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (db_write(a->d, ui_meeting_attend_tx, s) != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした: %s", db_errtext(a->d));
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < s->n_members; i++)
        n += s->members[i].attended;
    ui_meeting_reload(a, s->m.id);
    s->mode = UI_MEETING_DETAIL;
    ui_message(a, UI_NORMAL, "出席者を記録しました（%zu人・機関）", n);
}

/* The transaction that saves the meeting's state. */
static db_status ui_meeting_state_tx(db *d, void *arg)
{
    return db_meeting_update(d, arg);
}

/* A digit on the state: 予定, 開催済 or 中止, version-checked. */
static void ui_meeting_state_take(ui_app *a, size_t i)
{
    ui_meeting *s = a->meeting;
    if (i >= dom_n_meeting_states)
        return;
    db_meeting m = s->m;
    m.state = (char *)dom_meeting_states[i];
    db_status st = db_write(a->d, ui_meeting_state_tx, &m);
    ui_meeting_reload(a, s->m.id);
    s->mode = UI_MEETING_DETAIL;
    if (st == DB_CONFLICT)
        ui_message(a, UI_ALERT, "他の職員が先にこの会議を更新しました。いまの内容を確かめてください");
    else if (st != DB_OK)
        ui_message(a, UI_ALERT, "保存できませんでした: %s", db_errtext(a->d));
    else
        ui_message(a, UI_NORMAL, "会議を「%s」にしました", dom_meeting_states[i]);
}

/* P: the paper written to the worker's folder. */
static void ui_meeting_print(ui_app *a)
{
    ui_meeting *s = a->meeting;
    char *path = NULL;
    size_t omitted = 0;
    if (dom_paper_write(a->d, s->m.id, a->paper_dir, &path, &omitted) != DB_OK) {
        ui_message(a, UI_ALERT, "資料を書き出せません: %s", db_errtext(a->d));
        return;
    }
    if (omitted > 0)
        ui_message(a, UI_NORMAL, "資料を書き出しました: %s（同意が有効でない %zu 件は載せていません）",
                   path, omitted);
    else
        ui_message(a, UI_NORMAL, "資料を書き出しました: %s", path);
    free(path);
}

/* R: the 社会資源の不足 noted on items across meetings, for 地域づくり. */
static void ui_meeting_gaps_open(ui_app *a)
{
    ui_meeting *s = a->meeting;
    db_agenda_item_list_free(s->gaps, s->n_gaps);
    s->gaps = NULL;
    s->n_gaps = s->gap_top = 0;
    if (db_agenda_gaps(a->d, &s->gaps, &s->n_gaps) != DB_OK) {
        ui_message(a, UI_ALERT, "社会資源の不足を読めません: %s", db_errtext(a->d));
        return;
    }
    s->mode = UI_MEETING_GAPS;
}

/* ---- drawing ------------------------------------------------------------------------------ */

/* One meeting of the list. */
static void ui_meeting_draw_row(const db_meeting *m, int y, ui_attr attr)
{
    char day[UI_MEETING_DATE_MAX], items[UI_MEETING_DATE_MAX];
    ui_meeting_day(m->held_on, day, sizeof day);
    snprintf(items, sizeof items, "%lld件", (long long)m->n_items);
    int x = ui_put(y, 0, UI_ML_DATE_W, attr, day);
    x = ui_put(y, x, UI_ML_TIME_W, attr, m->starts_at);
    x = ui_put(y, x, UI_ML_KIND_W, attr, m->kind_name);
    x = ui_put(y, x, UI_ML_REG_W, attr, m->regular ? "定例" : "随時");
    x = ui_put(y, x, UI_ML_STATE_W, attr, m->state);
    x = ui_put(y, x, UI_ML_ITEMS_W, attr, items);
    ui_put(y, x, ui_cols() - x, attr, m->place);
}

/* The list of meetings, scrolled to keep the selection in sight. */
static void ui_meeting_draw_list(ui_app *a)
{
    ui_meeting *s = a->meeting;
    int y = ui_body_top();
    ui_puts(y, 0, UI_HEADING, "会議の一覧（一年前から今後まで）");
    ui_puts(y + 1, 0, UI_DIM, "Enter 開く  N 新しい会議  G 定例をまとめて作る  R 社会資源の不足  ESC 戻る");
    int top = y + 3, rows = ui_body_bottom() - top + 1;
    int x = ui_put(y + 2, 0, UI_ML_DATE_W, UI_HEADING, "開催日");
    x = ui_put(y + 2, x, UI_ML_TIME_W, UI_HEADING, "時刻");
    x = ui_put(y + 2, x, UI_ML_KIND_W, UI_HEADING, "種類");
    x = ui_put(y + 2, x, UI_ML_REG_W, UI_HEADING, "区分");
    x = ui_put(y + 2, x, UI_ML_STATE_W, UI_HEADING, "状態");
    x = ui_put(y + 2, x, UI_ML_ITEMS_W, UI_HEADING, "議題");
    ui_put(y + 2, x, ui_cols() - x, UI_HEADING, "場所");
    if (s->n == 0) {
        ui_puts(top, 0, UI_NORMAL, "会議はまだありません。N で作るか、G で定例をまとめて作ります");
        return;
    }
    size_t first = s->selected >= (size_t)rows ? s->selected - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && first + (size_t)i < s->n; i++)
        ui_meeting_draw_row(&s->list[first + i], top + i,
                            first + (size_t)i == s->selected ? UI_SELECTED : UI_NORMAL);
}

/* The meeting's head: what, when, where, who, and the 守秘義務 notice. */
static int ui_meeting_draw_head(ui_app *a, int y)
{
    ui_meeting *s = a->meeting;
    char day[UI_MEETING_DATE_MAX];
    ui_meeting_day(s->m.held_on, day, sizeof day);
    ui_putf(y++, 0, UI_HEADING, "%s  %s %s  %s  %s  %s", s->m.kind_name, day, s->m.starts_at,
            s->m.place, s->m.regular ? "定例" : "随時", s->m.state);
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "構成員: ");
    for (size_t i = 0; i < s->n_members; i++)
        txt_buf_printf(&b, "%s%s%s", i ? "、" : "", s->members[i].name,
                       s->members[i].attended ? "（出席）" : "");
    if (s->n_members == 0)
        txt_buf_adds(&b, "（なし）");
    ui_put(y++, 0, ui_cols(), UI_NORMAL, b.data ? b.data : "");
    txt_buf_free(&b);
    if (s->m.confidential)
        ui_puts(y, 0, UI_ALERT, "【守秘義務】支援会議です。構成員には守秘義務があります（社会福祉法第106条の6）");
    y++;
    if (s->n_items > (size_t)s->cap)
        ui_putf(y++, 0, UI_ALERT, "議題 %zu件（上限 %d件を超えています）", s->n_items, s->cap);
    else
        ui_putf(y++, 0, UI_NORMAL, "議題 %zu件（上限 %d件）", s->n_items, s->cap);
    return y;
}

/* One item of the agenda. */
static void ui_meeting_draw_item(ui_app *a, size_t i, int y)
{
    ui_meeting *s = a->meeting;
    const db_agenda_item *it = &s->items[i];
    ui_attr attr = i == s->item_sel ? UI_SELECTED : UI_NORMAL;
    char pos[UI_MEETING_DATE_MAX], cs[UI_MEETING_DATE_MAX];
    snprintf(pos, sizeof pos, "%lld.", (long long)it->position);
    snprintf(cs, sizeof cs, "ケース%lld", (long long)it->case_id);
    int x = ui_put(y, 0, UI_MA_POS_W, attr, pos);
    x = ui_put(y, x, UI_MA_MOMENT_W, attr, it->moment);
    x = ui_put(y, x, UI_MA_NAME_W, attr, it->person_name);
    x = ui_put(y, x, UI_MA_CASE_W, attr, cs);
    x = ui_put(y, x, UI_MA_STAGE_W, attr, it->stage);
    if (ui_meeting_off_paper(s, i))
        ui_put(y, x, ui_cols() - x, UI_ALERT, "【同意なし・資料に載せない】");
    else
        ui_put(y, x, ui_cols() - x, attr, it->decision[0] ? it->decision : "（未決定）");
}

/* The agenda under the head. */
static void ui_meeting_draw_agenda(ui_app *a, int y)
{
    ui_meeting *s = a->meeting;
    int x = ui_put(y, 0, UI_MA_POS_W, UI_HEADING, "#");
    x = ui_put(y, x, UI_MA_MOMENT_W, UI_HEADING, "理由");
    x = ui_put(y, x, UI_MA_NAME_W, UI_HEADING, "本人");
    x = ui_put(y, x, UI_MA_CASE_W, UI_HEADING, "ケース");
    x = ui_put(y, x, UI_MA_STAGE_W, UI_HEADING, "段階");
    ui_put(y, x, ui_cols() - x, UI_HEADING, "決定");
    int top = y + 1, rows = ui_body_bottom() - UI_MEETING_KEY_ROWS - top + 1;
    if (s->n_items == 0)
        ui_puts(top, 0, UI_NORMAL, "議題はまだありません。C で候補から、# でケース番号から足せます");
    size_t first = s->item_sel >= (size_t)rows ? s->item_sel - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && first + (size_t)i < s->n_items; i++)
        ui_meeting_draw_item(a, first + (size_t)i, top + i);
    ui_puts(ui_body_bottom(), 0, UI_DIM,
            "C 候補 # 番号で追加 Del 外す [ ] 順番 Enter 決定 S 状態 A 出席 P 資料");
}

/* The candidates for the meeting on screen. */
static void ui_meeting_draw_cands(ui_app *a, int y)
{
    ui_meeting *s = a->meeting;
    ui_puts(y++, 0, UI_HEADING, "議題の候補（緊急度と期限の順）  Enter 議題に入れる  ESC 戻る");
    int x = ui_put(y, 0, UI_MC_MOMENT_W, UI_HEADING, "理由");
    x = ui_put(y, x, UI_MC_URGENT_W, UI_HEADING, "緊急");
    x = ui_put(y, x, UI_MC_DUE_W, UI_HEADING, "期限");
    x = ui_put(y, x, UI_MC_NAME_W, UI_HEADING, "本人");
    x = ui_put(y, x, UI_MC_CASE_W, UI_HEADING, "ケース");
    ui_put(y, x, ui_cols() - x, UI_HEADING, "段階");
    int top = y + 1, rows = ui_body_bottom() - top + 1;
    size_t first = s->cand_sel >= (size_t)rows ? s->cand_sel - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && first + (size_t)i < s->n_cands; i++) {
        const dom_candidate *c = &s->cands[first + (size_t)i];
        ui_attr attr = first + (size_t)i == s->cand_sel ? UI_SELECTED : UI_NORMAL;
        char due[UI_MEETING_DATE_MAX], cs[UI_MEETING_DATE_MAX];
        ui_date_short(c->due, due, sizeof due);
        snprintf(cs, sizeof cs, "ケース%lld", (long long)c->status->case_id);
        static const char *const urgency[] = { "緊急", "高", "" };
        int cx = ui_put(top + i, 0, UI_MC_MOMENT_W, attr, c->moment);
        cx = ui_put(top + i, cx, UI_MC_URGENT_W, attr, urgency[c->urgency]);
        cx = ui_put(top + i, cx, UI_MC_DUE_W, attr, due);
        cx = ui_put(top + i, cx, UI_MC_NAME_W, attr, c->status->person_name);
        cx = ui_put(top + i, cx, UI_MC_CASE_W, attr, cs);
        ui_put(top + i, cx, ui_cols() - cx, attr, c->status->stage);
    }
}

/* The lines of the small choosers and prompts under the head. */
static void ui_meeting_draw_prompt(ui_app *a, int y)
{
    ui_meeting *s = a->meeting;
    txt_buf b;
    txt_buf_init(&b);
    switch (s->mode) {
    case UI_MEETING_NUMBER:
        ui_puts(y, 0, UI_HEADING, "議題に入れるケースの番号（Enter で次へ、ESC で取りやめ）:");
        ui_cursor(y + 1, ui_field_draw(&s->number, y + 1, 0, UI_MEETING_NUMBER_MAX + 2, UI_NORMAL));
        break;
    case UI_MEETING_MOMENT:
        ui_putf(y, 0, UI_HEADING, "ケース %lld を議題にする理由（数字で選ぶ、ESC で取りやめ）:",
                (long long)s->typed_case);
        for (size_t i = 0; i < dom_n_agenda_moments; i++)
            txt_buf_printf(&b, "%s%zu %s", i ? "  " : "", i + 1, dom_agenda_moments[i]);
        ui_put(y + 1, 0, ui_cols(), UI_NORMAL, b.data ? b.data : "");
        ui_putf(y + 2, 0, UI_DIM, "（提案: %s）", dom_agenda_moments[s->moment_sel]);
        break;
    case UI_MEETING_OFFER:
        y = ui_put_wrap(y, 0, UI_MEETING_WHY_ROWS, UI_ALERT, s->offer_why);
        ui_puts(y, 0, UI_NORMAL, s->offer_meeting ? "1 次の支援会議の議題に入れる  ESC 取りやめ"
                                                  : "予定された支援会議がありません（ESC で戻る）");
        break;
    case UI_MEETING_STATE:
        for (size_t i = 0; i < dom_n_meeting_states; i++)
            txt_buf_printf(&b, "%s%zu %s", i ? "  " : "", i + 1, dom_meeting_states[i]);
        ui_putf(y, 0, UI_HEADING, "会議の状態（いまは%s）: %s", s->m.state, b.data ? b.data : "");
        break;
    default:
        break;
    }
    txt_buf_free(&b);
}

/* Who attended, ticked with Space. */
static void ui_meeting_draw_attend(ui_app *a, int y)
{
    ui_meeting *s = a->meeting;
    ui_puts(y++, 0, UI_HEADING, "出席者（Space で切り替え、Enter で保存、ESC で取りやめ）");
    for (size_t i = 0; i < s->n_members && y <= ui_body_bottom(); i++, y++)
        ui_putf(y, 0, i == s->member_sel ? UI_SELECTED : UI_NORMAL, "[%s] %s",
                s->members[i].attended ? "x" : " ", s->members[i].name);
}

/* The resource gaps noted across meetings: each with its meeting. */
static void ui_meeting_draw_gaps(ui_app *a)
{
    ui_meeting *s = a->meeting;
    int y = ui_body_top();
    ui_putf(y++, 0, UI_HEADING, "会議で挙がった社会資源の不足（%zu件、新しい順）  ESC 戻る", s->n_gaps);
    if (s->n_gaps == 0)
        ui_puts(y, 0, UI_NORMAL, "まだありません（決定を記録するときに書けます）");
    for (size_t i = s->gap_top; i < s->n_gaps && y <= ui_body_bottom(); i++, y++) {
        char day[UI_MEETING_DATE_MAX];
        ui_date_short(s->gaps[i].held_on, day, sizeof day);
        int x = ui_put(y, 0, UI_MC_DUE_W, UI_NORMAL, day);
        x = ui_put(y, x, UI_ML_KIND_W, UI_NORMAL, s->gaps[i].kind_name);
        ui_put(y, x, ui_cols() - x, UI_NORMAL, s->gaps[i].resource_gap);
    }
}

/* Draw the screen. */
static void ui_meeting_draw(ui_app *a)
{
    ui_meeting *s = a->meeting;
    if (s == NULL)
        return;
    if (s->mode == UI_MEETING_GAPS) {
        ui_meeting_draw_gaps(a);
        return;
    }
    if (s->mode == UI_MEETING_LIST) {
        ui_meeting_draw_list(a);
        return;
    }
    if (s->mode == UI_MEETING_NEW || s->mode == UI_MEETING_SERIES) {
        ui_putf(ui_body_top(), 0, UI_HEADING, "%s（Ctrl-S 保存、ESC 取りやめ）",
                s->panel.form ? s->panel.form->title : "会議");
        ui_panel_draw(&s->panel, ui_body_top() + 1, ui_body_bottom());
        return;
    }
    int y = ui_meeting_draw_head(a, ui_body_top());
    switch (s->mode) {
    case UI_MEETING_CANDIDATES:
        ui_meeting_draw_cands(a, y);
        break;
    case UI_MEETING_DECIDE:
        ui_putf(y, 0, UI_HEADING, "決定を記録: %lld. %s  %s（Ctrl-S 保存、ESC 取りやめ）",
                (long long)s->items[s->item_sel].position, s->items[s->item_sel].moment,
                s->items[s->item_sel].person_name);
        ui_panel_draw(&s->panel, y + 1, ui_body_bottom());
        break;
    case UI_MEETING_ATTEND:
        ui_meeting_draw_attend(a, y);
        break;
    case UI_MEETING_NUMBER: case UI_MEETING_MOMENT: case UI_MEETING_OFFER:
    case UI_MEETING_STATE:
        ui_meeting_draw_prompt(a, y);
        break;
    default:
        ui_meeting_draw_agenda(a, y);
        break;
    }
}

/* ---- keys --------------------------------------------------------------------------------- */

/* Keys of the list. */
static bool ui_meeting_list_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    if (ui_key_step(k, &s->selected, s->n))
        return true;
    if (k->kind == UI_KEY_ENTER && s->n > 0) {
        ui_meeting_enter(a, s->list[s->selected].id);
        return true;
    }
    if (ui_key_is(k, L'n') || ui_key_is(k, L'g')) {
        ui_meeting_form_open(a, ui_key_is(k, L'g'));
        return true;
    }
    if (ui_key_is(k, L'r')) {
        ui_meeting_gaps_open(a);
        return true;
    }
    if (k->kind == UI_KEY_BACK) {
        ui_go(a, s->back);
        return true;
    }
    return false;
}

/* Keys of a form: a meeting, a series, a decision. */
static bool ui_meeting_form_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    switch (ui_panel_key(&s->panel, k)) {
    case UI_PANEL_SAVE:
        if (s->mode == UI_MEETING_DECIDE)
            ui_meeting_decide_save(a);
        else
            ui_meeting_form_save(a);
        return true;
    case UI_PANEL_CANCEL:
        ui_panel_discard(a, &s->panel);
        s->mode = s->mode == UI_MEETING_DECIDE ? UI_MEETING_DETAIL : UI_MEETING_LIST;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    case UI_PANEL_USED:
        return true;
    case UI_PANEL_UNUSED:
        break;
    }
    return false;
}

/* Keys of a meeting's agenda. */
static bool ui_meeting_detail_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    if (ui_key_step(k, &s->item_sel, s->n_items))
        return true;
    if (k->kind == UI_KEY_ENTER)
        ui_meeting_decide_open(a);
    else if (ui_key_is(k, L'c'))
        ui_meeting_cands_open(a);
    else if (k->kind == UI_KEY_CHAR && (k->ch == L'#' || k->ch == L'＃'))
        ui_meeting_number_open(a);
    else if (k->kind == UI_KEY_DELETE)
        ui_meeting_remove(a);
    else if (k->kind == UI_KEY_CHAR && (k->ch == L'[' || k->ch == L']'))
        ui_meeting_move(a, k->ch == L'[' ? -1 : 1);
    else if (ui_key_is(k, L's'))
        s->mode = UI_MEETING_STATE;
    else if (ui_key_is(k, L'a')) {
        s->member_sel = 0;
        s->mode = UI_MEETING_ATTEND;
    } else if (ui_key_is(k, L'p'))
        ui_meeting_print(a);
    else if (k->kind == UI_KEY_BACK) {
        ui_meeting_detail_free(s);
        ui_meeting_reload_list(a, 0);
        s->mode = UI_MEETING_LIST;
    } else
        return false;
    return true;
}

/* Keys of the candidates. */
static bool ui_meeting_cands_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    if (ui_key_step(k, &s->cand_sel, s->n_cands))
        return true;
    if (k->kind == UI_KEY_ENTER || (k->kind == UI_KEY_CHAR && k->ch == L' '))
        ui_meeting_cand_take(a);
    else if (k->kind == UI_KEY_BACK)
        s->mode = UI_MEETING_DETAIL;
    else
        return false;
    return true;
}

/* Keys of the small choosers: a number, a moment, the offer, the state. */
static bool ui_meeting_prompt_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    int digit = ui_key_digit(k);
    if (k->kind == UI_KEY_BACK) {
        s->mode = UI_MEETING_DETAIL;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    }
    switch (s->mode) {
    case UI_MEETING_NUMBER:
        if (k->kind == UI_KEY_ENTER)
            ui_meeting_number_take(a);
        else
            ui_field_key(&s->number, k);
        return true;
    case UI_MEETING_MOMENT:
        if (k->kind == UI_KEY_ENTER)
            ui_meeting_moment_take(a, s->moment_sel);
        else if (digit >= 1)
            ui_meeting_moment_take(a, (size_t)digit - 1);
        return true;
    case UI_MEETING_OFFER:
        if (digit == 1)
            ui_meeting_offer_take(a);
        return true;
    case UI_MEETING_STATE:
        if (digit >= 1)
            ui_meeting_state_take(a, (size_t)digit - 1);
        return true;
    default:
        return false;
    }
}

/* Keys of attendance. */
static bool ui_meeting_attend_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    if (ui_key_step(k, &s->member_sel, s->n_members))
        return true;
    if (k->kind == UI_KEY_CHAR && k->ch == L' ' && s->n_members > 0)
        s->members[s->member_sel].attended = !s->members[s->member_sel].attended;
    else if (k->kind == UI_KEY_ENTER || (k->kind == UI_KEY_CTRL && k->ch == 's'))
        ui_meeting_attend_save(a);
    else if (k->kind == UI_KEY_BACK) {
        ui_meeting_reload(a, s->m.id);   /* the ticks were not saved */
        s->mode = UI_MEETING_DETAIL;
    } else
        return false;
    return true;
}

/* Keys of the gaps: scroll, ESC back to the list. */
static bool ui_meeting_gaps_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    if (ui_key_step(k, &s->gap_top, s->n_gaps))
        return true;
    if (k->kind != UI_KEY_BACK)
        return false;
    s->mode = UI_MEETING_LIST;
    return true;
}

/* Take a key on the meetings screen. */
static bool ui_meeting_key(ui_app *a, const ui_key *k)
{
    ui_meeting *s = a->meeting;
    if (s == NULL)
        return false;
    switch (s->mode) {
    case UI_MEETING_LIST: return ui_meeting_list_key(a, k);
    case UI_MEETING_NEW: case UI_MEETING_SERIES: case UI_MEETING_DECIDE:
        return ui_meeting_form_key(a, k);
    case UI_MEETING_DETAIL: return ui_meeting_detail_key(a, k);
    case UI_MEETING_CANDIDATES: return ui_meeting_cands_key(a, k);
    case UI_MEETING_ATTEND: return ui_meeting_attend_key(a, k);
    case UI_MEETING_GAPS: return ui_meeting_gaps_key(a, k);
    default: return ui_meeting_prompt_key(a, k);
    }
}

/* Open a kept form of this screen again: a new meeting or series on the
 * list, a decision on its meeting's item.  False when the draft is not
 * one of this screen's. */
bool ui_meeting_resume(ui_app *a, const db_draft *dr)
{
    bool decision = strcmp(dr->form_id, UI_DECISION_FORM) == 0;
    bool series = strcmp(dr->form_id, UI_SERIES_FORM) == 0;
    if (!decision && !series && strcmp(dr->form_id, UI_MEETING_FORM) != 0)
        return false;
    ui_meeting_open(a);
    ui_meeting *s = a->meeting;
    if (s == NULL || a->screen != UI_SCREEN_MEETING || ui_panel_typed(&s->panel))
        return true;
    s->back = UI_SCREEN_LOOKUP;
    if (!decision) {
        ui_meeting_form_open(a, series);
    } else {
        ui_meeting_enter(a, ui_keep_context(dr->data, UI_DRAFT_MEETING));
        int64_t item = ui_keep_context(dr->data, UI_DRAFT_ITEM);
        for (size_t i = 0; i < s->n_items; i++)
            if (s->items[i].id == item)
                s->item_sel = i;
        if (s->mode == UI_MEETING_DETAIL && s->n_items > 0 && s->items[s->item_sel].id == item)
            ui_meeting_decide_open(a);
        else
            ui_message(a, UI_ALERT, "下書きの議題が見つかりません（下書きは残っています）");
    }
    bool form = s->mode == UI_MEETING_NEW || s->mode == UI_MEETING_SERIES ||
                s->mode == UI_MEETING_DECIDE;
    if (form && ui_panel_resume(&s->panel, dr))
        ui_keep_resumed(a, dr);
    return true;
}

const ui_screen ui_meeting_screen = {
    "会議", UI_FKEY(7), ui_meeting_draw, ui_meeting_key,
};
