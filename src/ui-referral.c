/* ui-referral.c - つなぎ (F5): a person's referrals to the agencies, or,
 * with nobody on screen, everyone's by state and by agency.  A new
 * referral comes from forms/referral.form; a person's details go to an
 * agency only under a consent that covers it (dom_referral_sharing), else
 * the screen says why and offers a consent taken there and then, a
 * referral without the details, or the 支援会議.  State changes are
 * version-checked: when someone else moved the referral first, both
 * states are shown and the user decides. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ui-int.h"

#define UI_REFERRAL_FORM "referral"
#define UI_REFERRAL_DATE_MAX 64
#define UI_REFERRAL_LINE_MAX 512
/* Rows across everyone are read up to this many (the earliest due first). */
#define UI_REFERRAL_LIST_MAX 500
/* The lines under the list: the selected referral, a state change or a
 * conflict. */
#define UI_REFERRAL_PANE_ROWS 6
/* Lines a reason or what was shared may take in the pane. */
#define UI_REFERRAL_TEXT_ROWS 2
/* Lines of the refusal's reason shown above its choices. */
#define UI_REFERRAL_WHY_ROWS 3
/* Longest note typed for a state change, in characters. */
#define UI_REFERRAL_NOTE_MAX 200
/* Rows around the list: the header, the column headings, the key line. */
#define UI_REFERRAL_HEADER_ROWS 1
#define UI_REFERRAL_CHROME_ROWS 3
#define UI_REFERRAL_OVERDUE "【期限切れ】"
#define UI_REFERRAL_ALL "すべて"
#define UI_REFERRAL_ANONYMOUS "（匿名）"

/* Columns of a person's list: 依頼日 つなぎ先 状態 回答期限 flag. */
#define UI_REFERRAL_P_SENT_X 0
#define UI_REFERRAL_P_SENT_W 10
#define UI_REFERRAL_P_AGENCY_X 10
#define UI_REFERRAL_P_AGENCY_W 34
#define UI_REFERRAL_P_STATE_X 44
#define UI_REFERRAL_P_STATE_W 8
#define UI_REFERRAL_P_DUE_X 52
#define UI_REFERRAL_P_DUE_W 10
#define UI_REFERRAL_P_FLAG_X 62
/* Columns of the list across everyone: 回答期限 本人 つなぎ先 状態 flag. */
#define UI_REFERRAL_A_DUE_X 0
#define UI_REFERRAL_A_DUE_W 10
#define UI_REFERRAL_A_NAME_X 10
#define UI_REFERRAL_A_NAME_W 16
#define UI_REFERRAL_A_AGENCY_X 26
#define UI_REFERRAL_A_AGENCY_W 30
#define UI_REFERRAL_A_STATE_X 56
#define UI_REFERRAL_A_STATE_W 8
#define UI_REFERRAL_A_FLAG_X 64
#define UI_REFERRAL_FLAG_W 12

/* The keys of the ways on when the sharing rule refuses, and of a
 * conflict (as the screen shows them). */
enum {
    UI_REFERRAL_KEY_ORAL = 1, UI_REFERRAL_KEY_BARE = 2, UI_REFERRAL_KEY_MEETING = 3,
    UI_REFERRAL_KEY_MINE = 1, UI_REFERRAL_KEY_THEIRS = 2
};

typedef enum ui_referral_mode {
    UI_REFERRAL_LIST,
    UI_REFERRAL_NEW,         /* the form is being filled in */
    UI_REFERRAL_REFUSED,     /* the sharing rule said no: three ways on */
    UI_REFERRAL_PICK,        /* choosing the state to move to */
    UI_REFERRAL_NOTE,        /* typing the note of that move */
    UI_REFERRAL_CONFLICT     /* someone else moved it first */
} ui_referral_mode;

struct ui_referral {
    int64_t person_id;       /* 0: the lists across everyone */
    char *person_name;
    dom_consent_state consent;
    db_referral *rows;       /* a person's newest first; else the earliest due */
    size_t n;
    size_t selected;
    db_agency *agencies;     /* the form's choices and the agency filter */
    size_t n_agencies;
    size_t state_filter;     /* 0: every state, else dom_referral_states[i - 1] */
    size_t agency_filter;    /* 0: every agency, else agencies[i - 1] */
    ui_referral_mode mode;
    ui_panel panel;
    int64_t consult_id;      /* the consultation a new referral comes from */
    char *consult_on;        /* when it was received, as shown */
    const char *refusal;     /* why the sharing rule refused (static text) */
    size_t target;           /* index in dom_referral_states of the move */
    ui_field note;
    db_referral theirs;      /* the referral as stored after a conflict */
    char *their_staff;       /* who made the stored change */
    ui_screen_id back;       /* where ESC returns */
    int64_t case_id;         /* the case on screen when F5 was pressed, 0: none */
};
typedef struct ui_referral ui_referral;

/* The screen's state, made at the first F5; NULL when memory runs out. */
static ui_referral *ui_referral_state(ui_app *a)
{
    if (a->referral == NULL) {
        a->referral = calloc(1, sizeof *a->referral);
        if (a->referral == NULL) {
            ui_message(a, UI_ALERT, "メモリが不足しています");
            return NULL;
        }
        ui_field_init(&a->referral->note, UI_REFERRAL_NOTE_MAX);
    }
    return a->referral;
}

/* Forget a conflict's stored side. */
static void ui_referral_forget_theirs(ui_referral *r)
{
    db_referral_free(&r->theirs);
    free(r->their_staff);
    r->their_staff = NULL;
}

/* Free what the current view holds (the form file stays loaded). */
static void ui_referral_clear(ui_referral *r)
{
    db_referral_list_free(r->rows, r->n);
    r->rows = NULL;
    r->n = 0;
    db_agency_list_free(r->agencies, r->n_agencies);
    r->agencies = NULL;
    r->n_agencies = 0;
    free(r->person_name);
    r->person_name = NULL;
    free(r->consult_on);
    r->consult_on = NULL;
    r->consult_id = 0;
    ui_referral_forget_theirs(r);
    ui_panel_close(&r->panel);
    r->mode = UI_REFERRAL_LIST;
    r->refusal = NULL;
}

/* The referral selected in a person's list, 0 when none: a case opened
 * from there comes from it. */
int64_t ui_referral_current(const ui_app *a)
{
    const struct ui_referral *s = a->referral;
    return s && s->person_id > 0 && s->n > 0 && s->selected < s->n ? s->rows[s->selected].id : 0;
}

/* The person the referral screen is about: the list's person, or the
 * selected referral's in everyone's list; 0 when none. */
int64_t ui_referral_person(const ui_app *a)
{
    const struct ui_referral *s = a->referral;
    if (s == NULL)
        return 0;
    if (s->person_id > 0)
        return s->person_id;
    return s->n > 0 && s->selected < s->n ? s->rows[s->selected].person_id : 0;
}

/* Free the screen's state. */
void ui_referral_free(ui_app *a)
{
    ui_referral *r = a->referral;
    if (r == NULL)
        return;
    ui_referral_clear(r);
    ui_panel_free(&r->panel);
    ui_field_free(&r->note);
    free(r);
    a->referral = NULL;
}

/* The state a list is filtered by ("" for every state). */
static const char *ui_referral_state_filter(const ui_referral *r)
{
    return r->state_filter ? dom_referral_states[r->state_filter - 1] : "";
}

/* The agency a list is filtered by (NULL for every agency, or while the
 * agencies could not be read). */
static const db_agency *ui_referral_agency_filter(const ui_referral *r)
{
    return r->agency_filter > 0 && r->agency_filter <= r->n_agencies
        ? &r->agencies[r->agency_filter - 1] : NULL;
}

/* Read the referrals shown again, keeping the one selected by its id. */
static bool ui_referral_reload(ui_app *a, int64_t keep_id)
{
    ui_referral *r = a->referral;
    db_referral_list_free(r->rows, r->n);
    r->rows = NULL;
    r->n = 0;
    const db_agency *ag = ui_referral_agency_filter(r);
    db_status st = r->person_id > 0
        ? db_referral_by_person(a->d, r->person_id, &r->rows, &r->n)
        : db_referral_list(a->d, ag ? ag->id : 0, ui_referral_state_filter(r),
                           UI_REFERRAL_LIST_MAX, &r->rows, &r->n);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "つなぎの記録を読めません: %s", db_errtext(a->d));
        return false;
    }
    for (size_t i = 0; keep_id > 0 && i < r->n; i++)
        if (r->rows[i].id == keep_id)
            r->selected = i;
    if (r->selected >= r->n)
        r->selected = r->n ? r->n - 1 : 0;
    return true;
}

/* The person's consent state, for the header (it may have changed on the
 * consent screen meanwhile). */
static bool ui_referral_load_consent(ui_app *a)
{
    ui_referral *r = a->referral;
    int in_force = 0, total = 0;
    if (db_consent_counts(a->d, r->person_id, &in_force, &total) != DB_OK) {
        ui_message(a, UI_ALERT, "同意の記録を読めません: %s", db_errtext(a->d));
        return false;
    }
    r->consent = dom_consent_state_of(in_force, total);
    return true;
}

/* The person's name and consent state, for the header. */
static bool ui_referral_load_person(ui_app *a)
{
    ui_referral *r = a->referral;
    db_person p;
    if (db_person_get(a->d, r->person_id, &p) != DB_OK) {
        ui_message(a, UI_ALERT, "読み込めません: %s", db_errtext(a->d));
        return false;
    }
    r->person_name = strdup(p.name[0] ? p.name : p.kana);
    db_person_free(&p);
    return r->person_name != NULL && ui_referral_load_consent(a);
}

/* Load a view: the person (if any), the agencies and the referrals. */
static bool ui_referral_load(ui_app *a, int64_t person_id)
{
    ui_referral *r = a->referral;
    ui_referral_clear(r);
    r->person_id = person_id;
    r->selected = 0;
    if (person_id > 0 && !ui_referral_load_person(a))
        return false;
    if (db_agency_list(a->d, &r->agencies, &r->n_agencies) != DB_OK) {
        ui_message(a, UI_ALERT, "機関の一覧を読めません: %s", db_errtext(a->d));
        return false;
    }
    if (r->agency_filter > r->n_agencies)
        r->agency_filter = 0;
    return ui_referral_reload(a, 0);
}

/* Open the screen for a person (0: everyone's referrals).  F5 on this
 * screen shows it again, and a form left half-typed for the same person
 * comes back as it was. */
void ui_referral_open(ui_app *a, int64_t person_id)
{
    ui_referral *r = ui_referral_state(a);
    if (r == NULL)
        return;
    bool here = a->screen == UI_SCREEN_REFERRAL;
    if (here && person_id == 0)
        person_id = r->person_id;
    if (person_id > 0 && db_audit_view(a->d, "referral", person_id) != DB_OK) {
        ui_message(a, UI_ALERT, "閲覧の記録を書き込めないため表示できません: %s",
                   db_errtext(a->d));
        return;
    }
    bool busy = r->mode != UI_REFERRAL_LIST;
    bool typed = ui_panel_typed(&r->panel);
    if ((busy && person_id == r->person_id) || typed) {
        /* Not reloaded: a move must still name the version it was read at,
         * and a typed form is saved or given up before another opens. */
        r->back = here ? r->back : a->screen;
        ui_go(a, UI_SCREEN_REFERRAL);
        if (person_id == r->person_id)
            ui_message(a, UI_NORMAL, "入力中のつなぎに戻りました");
        else
            ui_message(a, UI_ALERT, "入力中のつなぎ（%s）に戻りました。送るか ESC で取りやめてから"
                       "ほかの人を開いてください", r->person_name);
        if (r->person_id > 0)
            ui_referral_load_consent(a);
        return;
    }
    if (!ui_referral_load(a, person_id)) {
        ui_referral_clear(r);
        return;
    }
    r->back = here ? r->back : a->screen;
    /* A referral made from a case belongs to that case's timeline. */
    if (!here)
        r->case_id = a->screen == UI_SCREEN_CASE ? ui_case_current(a) : 0;
    ui_go(a, UI_SCREEN_REFERRAL);
    if (busy)
        ui_message(a, UI_ALERT, "入力中だったつなぎは保存せずに閉じました");
}

/* The agencies as the choices of the form's agency field. */
static bool ui_referral_agency_choices(ui_app *a)
{
    ui_referral *r = a->referral;
    const char **names = calloc(r->n_agencies + 1, sizeof *names);
    if (names == NULL) {
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return false;
    }
    for (size_t i = 0; i < r->n_agencies; i++)
        names[i] = r->agencies[i].name;
    bool ok = ui_panel_choices(&r->panel, "agency", names, r->n_agencies);
    free(names);
    if (!ok)
        ui_message(a, UI_ALERT, "機関の選択肢を作れません");
    return ok;
}

/* The person's latest consultation, which a new referral comes from. */
static bool ui_referral_latest_consult(ui_app *a)
{
    ui_referral *r = a->referral;
    db_consult *cs = NULL;
    size_t n = 0;
    if (db_consult_by_person(a->d, r->person_id, &cs, &n) != DB_OK) {
        ui_message(a, UI_ALERT, "相談の記録を読めません: %s", db_errtext(a->d));
        return false;
    }
    free(r->consult_on);
    r->consult_on = NULL;
    r->consult_id = n > 0 ? cs[0].id : 0;
    if (n > 0) {
        char on[UI_REFERRAL_DATE_MAX];
        ui_date_short(cs[0].received_at, on, sizeof on);
        r->consult_on = strdup(on);
    }
    db_consult_list_free(cs, n);
    return true;
}

/* Start a new referral for the person, due DOM_REFERRAL_DUE_DAYS from
 * today. */
static void ui_referral_new(ui_app *a)
{
    ui_referral *r = a->referral;
    if (r->person_id <= 0) {
        ui_message(a, UI_ALERT, "つなぐ人を検索で選んでから F5 を押してください");
        return;
    }
    if (r->n_agencies == 0) {
        ui_message(a, UI_ALERT, "機関が登録されていません（管理者に登録を頼んでください）");
        return;
    }
    if (!ui_referral_latest_consult(a) || !ui_panel_open(a, &r->panel, UI_REFERRAL_FORM) ||
        !ui_referral_agency_choices(a)) {
        ui_panel_close(&r->panel);
        return;
    }
    char due[UI_REFERRAL_DATE_MAX];
    txt_date_iso(txt_date_add_days(dom_today(), DOM_REFERRAL_DUE_DAYS), due, sizeof due);
    ui_panel_set(&r->panel, "due_on", due);
    ui_panel_context(&r->panel, UI_DRAFT_PERSON, r->person_id);
    ui_panel_context(&r->panel, UI_DRAFT_CASE, r->case_id);
    r->refusal = NULL;
    r->mode = UI_REFERRAL_NEW;
}

/* The agency of a name from the form's choices, or NULL. */
static const db_agency *ui_referral_agency_named(const ui_referral *r, const char *name)
{
    for (size_t i = 0; i < r->n_agencies; i++)
        if (strcmp(r->agencies[i].name, name) == 0)
            return &r->agencies[i];
    return NULL;
}

/* The referral the form describes.  The strings belong to the form (and
 * sent_on to the caller's buffer). */
static db_referral ui_referral_from_form(ui_app *a, char *today, size_t n)
{
    ui_referral *r = a->referral;
    txt_date_iso(dom_today(), today, n);
    const db_agency *ag = ui_referral_agency_named(r, ui_panel_get(&r->panel, "agency"));
    return (db_referral){
        .person_id = r->person_id,
        .consultation_id = r->consult_id,
        .case_id = r->case_id,
        .agency_id = ag ? ag->id : 0,
        .agency_name = ag ? ag->name : "",
        .reason = (char *)ui_panel_get(&r->panel, "reason"),
        .shared = (char *)ui_panel_get(&r->panel, "shared"),
        .due_on = (char *)ui_panel_get(&r->panel, "due_on"),
        .sent_by = a->who->id,
        .sent_on = today,
    };
}

/* Whether what row shares is covered by the person's consents as stored
 * now (then row->consent_id names the consent).  False with *why when the
 * sharing rule refuses, false with *why NULL (and a message) when the
 * consents cannot be read. */
static bool ui_referral_covered(ui_app *a, db_referral *row, const char **why)
{
    ui_referral *r = a->referral;
    db_consent *cs = NULL;
    size_t n = 0;
    *why = NULL;
    if (db_consent_list(a->d, r->person_id, &cs, &n) != DB_OK) {
        ui_message(a, UI_ALERT, "同意の記録を読めません: %s", db_errtext(a->d));
        return false;
    }
    *why = dom_referral_sharing(row, cs, n, &row->consent_id);
    r->consent = dom_consent_state_list(cs, n);
    db_consent_list_free(cs, n);
    return *why == NULL;
}

/* Send a referral and go back to the list.  Without a consent taken on
 * the spot the sharing rule is asked here (again), so that no path can
 * send a person's details that no consent covers. */
static void ui_referral_send(ui_app *a, db_referral *row, db_consent *on_the_spot,
                             const char *also)
{
    ui_referral *r = a->referral;
    const char *why = NULL;
    if (on_the_spot == NULL && !ui_referral_covered(a, row, &why)) {
        if (why != NULL)
            ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    ui_panel_saving(a, &r->panel);
    db_status st = dom_referral_send(a->d, row, on_the_spot);
    ui_panel_saved(a, &r->panel, st);
    if (st == DB_INVALID && on_the_spot == NULL && !ui_referral_covered(a, row, &why) && why) {
        /* The consents changed between the check and the save (a withdrawal
         * on another terminal): the rule refused inside the transaction. */
        r->refusal = why;
        r->mode = UI_REFERRAL_REFUSED;
        ui_message(a, UI_ALERT, "同意の記録が変わったため送れませんでした。1・2・3 のどれかを選んでください");
        return;
    }
    if (st != DB_OK) {
        r->mode = UI_REFERRAL_NEW;
        r->refusal = NULL;
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    char due[UI_REFERRAL_DATE_MAX];
    txt_date d;
    if (txt_date_parse(row->due_on, strlen(row->due_on), &d) == 0)
        txt_date_wareki(d, due, sizeof due);
    else
        snprintf(due, sizeof due, "%s", row->due_on);
    ui_message(a, UI_NORMAL, "つなぎを記録しました（回答期限 %s）%s", due, also);
    int64_t id = row->id;
    ui_panel_close(&r->panel);
    r->mode = UI_REFERRAL_LIST;
    r->refusal = NULL;
    if (on_the_spot != NULL)
        ui_referral_load_consent(a);
    ui_referral_reload(a, id);
}

/* Save the new referral: the form's checks, the rules, then the sharing
 * rule, which may stop it and offer the ways on. */
static void ui_referral_save(ui_app *a)
{
    ui_referral *r = a->referral;
    if (ui_panel_check(&r->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    char today[UI_REFERRAL_DATE_MAX];
    db_referral row = ui_referral_from_form(a, today, sizeof today);
    const char *why = dom_referral_invalid(&row, dom_today());
    if (why != NULL) {
        ui_panel_error(&r->panel, strstr(why, "機関") ? "agency"
                                  : strstr(why, "理由") ? "reason" : "due_on", why);
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    if (!ui_referral_covered(a, &row, &why)) {
        if (why == NULL)
            return;
        r->refusal = why;
        r->mode = UI_REFERRAL_REFUSED;
        ui_message(a, UI_ALERT, "このままでは送れません。1・2・3 のどれかを選んでください");
        return;
    }
    ui_referral_send(a, &row, NULL, "");
}

/* (1) The person agreed aloud at the counter: record that consent, for
 * this agency only, and send with it in one transaction. */
static void ui_referral_send_oral(ui_app *a)
{
    ui_referral *r = a->referral;
    char today[UI_REFERRAL_DATE_MAX], note[UI_REFERRAL_LINE_MAX];
    db_referral row = ui_referral_from_form(a, today, sizeof today);
    snprintf(note, sizeof note, "つなぎ（%s）の際に窓口で口頭により同意", row.agency_name);
    int64_t agency = row.agency_id;
    db_consent c = {
        .person_id = r->person_id,
        .given_on = today,
        .method = DOM_CONSENT_ORAL,
        .proxy_name = "",
        .proxy_relation = "",
        .all_agencies = false,
        .agencies = &agency,
        .n_agencies = 1,
        .form_no = "",
        .taken_by = a->who->id,
        .note = note,
    };
    const char *why = dom_consent_invalid(&c, dom_today());
    if (why != NULL) {
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    ui_referral_send(a, &row, &c, "。口頭の同意（この機関のみ）を同意の記録に加えました");
}

/* (2) Send without the person's details: what was typed to share is left
 * out of what is saved. */
static void ui_referral_send_bare(ui_app *a)
{
    char today[UI_REFERRAL_DATE_MAX];
    db_referral row = ui_referral_from_form(a, today, sizeof today);
    row.shared = "";
    ui_referral_send(a, &row, NULL, "。個人の情報は伝えていません");
}

/* (3) Not sent: the case belongs to the 支援会議.  The form stays as
 * typed. */
static void ui_referral_to_meeting(ui_app *a)
{
    ui_referral *r = a->referral;
    r->mode = UI_REFERRAL_NEW;
    r->refusal = NULL;
    ui_message(a, UI_ALERT, "送っていません。この件は支援会議（守秘義務）で扱ってください"
               "（会議の画面は準備中です。入力は残っています。ESC で閉じます）");
}

/* Keys while the sharing rule's refusal is shown. */
static bool ui_referral_refused_key(ui_app *a, const ui_key *k)
{
    ui_referral *r = a->referral;
    switch (ui_key_digit(k)) {
    case UI_REFERRAL_KEY_ORAL: ui_referral_send_oral(a); return true;
    case UI_REFERRAL_KEY_BARE: ui_referral_send_bare(a); return true;
    case UI_REFERRAL_KEY_MEETING: ui_referral_to_meeting(a); return true;
    default: break;
    }
    if (k->kind == UI_KEY_BACK) {
        r->mode = UI_REFERRAL_NEW;
        r->refusal = NULL;
        ui_message(a, UI_NORMAL, "入力に戻りました（まだ送っていません）");
        return true;
    }
    ui_message(a, UI_ALERT, "1・2・3 のどれかを押してください（ESC で入力に戻る）");
    return true;
}

/* The n-th state (from 1) the selected referral may move to, as an index
 * in dom_referral_states; dom_n_referral_states when there is none. */
static size_t ui_referral_move_nth(const char *from, int nth)
{
    int seen = 0;
    for (size_t i = 0; i < dom_n_referral_states; i++)
        if (dom_referral_may_move(from, dom_referral_states[i]) && ++seen == nth)
            return i;
    return dom_n_referral_states;
}

/* Start changing the selected referral's state. */
static void ui_referral_move_start(ui_app *a)
{
    ui_referral *r = a->referral;
    if (r->n == 0) {
        ui_message(a, UI_ALERT, "状態を変えるつなぎを選んでください");
        return;
    }
    const char *from = r->rows[r->selected].state;
    if (ui_referral_move_nth(from, 1) == dom_n_referral_states) {
        ui_message(a, UI_ALERT, "%s のつなぎは、これ以上状態を変えられません", from);
        return;
    }
    ui_field_set(&r->note, "");
    r->mode = UI_REFERRAL_PICK;
}

/* Move a referral read at some version; a conflict shows both sides. */
static void ui_referral_move_save(ui_app *a, const db_referral *from);

/* Keys while choosing the state to move to. */
static bool ui_referral_pick_key(ui_app *a, const ui_key *k)
{
    ui_referral *r = a->referral;
    if (k->kind == UI_KEY_BACK) {
        r->mode = UI_REFERRAL_LIST;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    }
    int d = ui_key_digit(k);
    size_t to = d > 0 ? ui_referral_move_nth(r->rows[r->selected].state, d)
                      : dom_n_referral_states;
    if (to == dom_n_referral_states) {
        ui_message(a, UI_ALERT, "変える先の状態を数字で選んでください（ESC で取りやめ）");
        return true;
    }
    r->target = to;
    r->mode = UI_REFERRAL_NOTE;
    return true;
}

/* Keys while typing the note of a move. */
static bool ui_referral_note_key(ui_app *a, const ui_key *k)
{
    ui_referral *r = a->referral;
    /* ESC leaves the move whole: a digit pressed soon after ESC would be
     * read as an F-key (ui-keys.c), so no choice by digit follows it. */
    if (k->kind == UI_KEY_BACK) {
        r->mode = UI_REFERRAL_LIST;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    }
    if (k->kind == UI_KEY_ENTER || (k->kind == UI_KEY_CTRL && k->ch == 's')) {
        ui_referral_move_save(a, &r->rows[r->selected]);
        return true;
    }
    ui_field_key(&r->note, k);
    return true;
}

/* Read the stored side of a conflict: the referral now, and who changed
 * it last (its latest event). */
static bool ui_referral_read_theirs(ui_app *a, int64_t id)
{
    ui_referral *r = a->referral;
    ui_referral_forget_theirs(r);
    if (db_referral_get(a->d, id, &r->theirs) != DB_OK) {
        ui_message(a, UI_ALERT, "つなぎを読み直せません: %s", db_errtext(a->d));
        return false;
    }
    db_referral_event *es = NULL;
    size_t n = 0;
    if (db_referral_events(a->d, id, &es, &n) == DB_OK && n > 0)
        r->their_staff = strdup(es[n - 1].staff_name);
    db_referral_event_list_free(es, n);
    return true;
}

/* Move a referral read at some version; a conflict shows both sides. */
static void ui_referral_move_save(ui_app *a, const db_referral *from)
{
    ui_referral *r = a->referral;
    const char *to = dom_referral_states[r->target];
    const char *note = ui_field_text(&r->note);
    const char *why = dom_referral_move_invalid(from->state, to, note);
    if (why != NULL) {
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    int64_t id = from->id;
    db_status st = dom_referral_move(a->d, from, to, note);
    if (st == DB_CONFLICT) {
        /* Nothing is overwritten: both states go on screen. */
        ui_referral_reload(a, id);
        if (ui_referral_read_theirs(a, id))
            r->mode = UI_REFERRAL_CONFLICT;
        ui_message(a, UI_ALERT, "他の職員が先にこのつなぎを更新しました。どちらにするか選んでください");
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Enter で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    r->mode = UI_REFERRAL_LIST;
    ui_referral_forget_theirs(r);
    ui_referral_reload(a, id);
    ui_message(a, UI_NORMAL, "状態を「%s」にしました", to);
}

/* Apply the user's move after a conflict: from the referral as stored now,
 * if the move is still allowed from there. */
static void ui_referral_apply_mine(ui_app *a)
{
    ui_referral *r = a->referral;
    if (!ui_referral_read_theirs(a, r->theirs.id))
        return;
    const char *to = dom_referral_states[r->target];
    if (!dom_referral_may_move(r->theirs.state, to)) {
        ui_message(a, UI_ALERT, "いまの状態（%s）からは「%s」に変えられません。2 でいまの記録のままにします",
                   r->theirs.state, to);
        return;
    }
    ui_referral_move_save(a, &r->theirs);
}

/* Keys while a conflict is shown: apply mine anyway, or keep theirs. */
static bool ui_referral_conflict_key(ui_app *a, const ui_key *k)
{
    ui_referral *r = a->referral;
    int d = ui_key_digit(k);
    if (d == UI_REFERRAL_KEY_MINE) {
        ui_referral_apply_mine(a);
        return true;
    }
    if (d == UI_REFERRAL_KEY_THEIRS || k->kind == UI_KEY_BACK) {
        int64_t id = r->theirs.id;
        r->mode = UI_REFERRAL_LIST;
        ui_referral_forget_theirs(r);
        ui_referral_reload(a, id);
        ui_message(a, UI_NORMAL, "他の職員の変更のままにしました（あなたの変更は保存していません）");
        return true;
    }
    ui_message(a, UI_ALERT, "1 か 2 を押してください");
    return true;
}

/* Step a filter of the list across everyone, and read it again. */
static void ui_referral_cycle(ui_app *a, size_t *filter, size_t n)
{
    ui_referral *r = a->referral;
    if (r->person_id > 0) {
        ui_message(a, UI_ALERT, "状態・機関で絞るのは、人を選ばずに F5 を押したときです");
        return;
    }
    *filter = *filter < n ? *filter + 1 : 0;
    r->selected = 0;
    ui_referral_reload(a, 0);
}

/* The form being typed, for the pause-save and quit (NULL: none). */
ui_panel *ui_referral_panel(ui_app *a)
{
    return a->referral ? &a->referral->panel : NULL;
}

/* Open a kept referral form again: the person's list, the case it was
 * made from.  False when the draft is not a referral's. */
bool ui_referral_resume(ui_app *a, const db_draft *dr)
{
    if (strcmp(dr->form_id, UI_REFERRAL_FORM) != 0)
        return false;
    ui_referral_open(a, ui_keep_context(dr->data, UI_DRAFT_PERSON));
    ui_referral *r = a->referral;
    if (r == NULL || a->screen != UI_SCREEN_REFERRAL || r->person_id == 0 ||
        ui_panel_typed(&r->panel))
        return true;   /* said why, or back at a form typed meanwhile */
    r->back = UI_SCREEN_LOOKUP;
    r->case_id = ui_keep_context(dr->data, UI_DRAFT_CASE);
    ui_referral_new(a);
    if (r->mode == UI_REFERRAL_NEW && ui_panel_resume(&r->panel, dr))
        ui_keep_resumed(a, dr);
    return true;
}

/* ESC from the list: back where F5 was pressed. */
static void ui_referral_back(ui_app *a)
{
    ui_referral *r = a->referral;
    if (r->back == UI_SCREEN_SUMMARY && r->person_id > 0)
        ui_summary_open(a, r->person_id);
    else
        ui_go(a, r->back);
}

/* Keys while the form is open. */
static bool ui_referral_form_key(ui_app *a, const ui_key *k)
{
    ui_referral *r = a->referral;
    switch (ui_panel_key(&r->panel, k)) {
    case UI_PANEL_SAVE:
        ui_referral_save(a);
        return true;
    case UI_PANEL_CANCEL:
        ui_panel_discard(a, &r->panel);
        r->mode = UI_REFERRAL_LIST;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    case UI_PANEL_USED:
        return true;
    case UI_PANEL_UNUSED: break;
    }
    return false;
}

/* How many referrals the list shows at once (PageUp and PageDown step
 * by this): the body less the header, the headings, the pane and the
 * keys. */
static int ui_referral_page(void)
{
    int body = ui_body_bottom() - ui_body_top() + 1;
    int rows = body - UI_REFERRAL_CHROME_ROWS - UI_REFERRAL_PANE_ROWS;
    return rows > 1 ? rows : 1;
}

/* Whether a key is a letter, in either case. */
static bool ui_referral_letter(const ui_key *k, wchar_t upper)
{
    return k->kind == UI_KEY_CHAR && (k->ch == upper || k->ch == upper - L'A' + L'a');
}

/* Keys of the list. */
static bool ui_referral_list_key(ui_app *a, const ui_key *k)
{
    ui_referral *r = a->referral;
    if (ui_referral_letter(k, L'N')) {
        ui_referral_new(a);
        return true;
    }
    if (ui_referral_letter(k, L'S') || k->kind == UI_KEY_ENTER) {
        ui_referral_move_start(a);
        return true;
    }
    if (ui_referral_letter(k, L'J')) {
        ui_referral_cycle(a, &r->state_filter, dom_n_referral_states);
        return true;
    }
    if (ui_referral_letter(k, L'K')) {
        ui_referral_cycle(a, &r->agency_filter, r->n_agencies);
        return true;
    }
    size_t page = (size_t)ui_referral_page();
    switch (k->kind) {
    case UI_KEY_UP:
        if (r->selected > 0)
            r->selected--;
        return true;
    case UI_KEY_DOWN:
        if (r->selected + 1 < r->n)
            r->selected++;
        return true;
    case UI_KEY_PGUP:
        r->selected = r->selected > page ? r->selected - page : 0;
        return true;
    case UI_KEY_PGDN:
        r->selected = r->selected + page < r->n ? r->selected + page : (r->n ? r->n - 1 : 0);
        return true;
    case UI_KEY_BACK:
        ui_referral_back(a);
        return true;
    default:
        return false;
    }
}

/* Take a key on the referral screen. */
static bool ui_referral_key(ui_app *a, const ui_key *k)
{
    /* No F-key of its own: the bar's keys are the global ones. */
    if (a->referral == NULL || k->kind == UI_KEY_FN)
        return false;
    switch (a->referral->mode) {
    case UI_REFERRAL_NEW: return ui_referral_form_key(a, k);
    case UI_REFERRAL_REFUSED: return ui_referral_refused_key(a, k);
    case UI_REFERRAL_PICK: return ui_referral_pick_key(a, k);
    case UI_REFERRAL_NOTE: return ui_referral_note_key(a, k);
    case UI_REFERRAL_CONFLICT: return ui_referral_conflict_key(a, k);
    case UI_REFERRAL_LIST: break;
    }
    return ui_referral_list_key(a, k);
}

/* ---- drawing -------------------------------------------------------- */

/* The header: whose referrals, or which filters. */
static void ui_referral_draw_header(ui_app *a, int y)
{
    ui_referral *r = a->referral;
    if (r->person_id > 0) {
        int x = ui_putf(y, 0, UI_HEADING, "本人: %s（番号 %lld）  ",
                        r->person_name ? r->person_name : "", (long long)r->person_id);
        ui_putf(y, x, r->consent == DOM_CONSENT_GIVEN ? UI_HEADING : UI_ALERT, "【%s】",
                dom_consent_label(r->consent));
        return;
    }
    const db_agency *ag = ui_referral_agency_filter(r);
    const char *agency = ag ? ag->name : UI_REFERRAL_ALL;
    const char *state = r->state_filter ? ui_referral_state_filter(r) : UI_REFERRAL_ALL;
    ui_putf(y, 0, UI_HEADING, "全員のつなぎ  状態: %s  機関: %s  %zu件%s", state, agency, r->n,
            r->n >= UI_REFERRAL_LIST_MAX ? "（期限の早いものから）" : "");
}

/* One row of a person's list. */
static void ui_referral_draw_person_row(const db_referral *rf, int y, ui_attr attr)
{
    char sent[UI_REFERRAL_DATE_MAX], due[UI_REFERRAL_DATE_MAX];
    ui_date_short(rf->sent_on, sent, sizeof sent);
    ui_date_short(rf->due_on, due, sizeof due);
    bool late = dom_referral_overdue(rf, dom_today());
    ui_put(y, 0, ui_cols(), attr, "");
    ui_put(y, UI_REFERRAL_P_SENT_X, UI_REFERRAL_P_SENT_W, attr, sent);
    ui_put(y, UI_REFERRAL_P_AGENCY_X, UI_REFERRAL_P_AGENCY_W, attr, rf->agency_name);
    ui_put(y, UI_REFERRAL_P_STATE_X, UI_REFERRAL_P_STATE_W, attr, rf->state);
    ui_put(y, UI_REFERRAL_P_DUE_X, UI_REFERRAL_P_DUE_W, attr, due);
    ui_put(y, UI_REFERRAL_P_FLAG_X, UI_REFERRAL_FLAG_W, attr == UI_NORMAL ? UI_ALERT : attr,
           late ? UI_REFERRAL_OVERDUE : "");
}

/* One row of the list across everyone. */
static void ui_referral_draw_all_row(const db_referral *rf, int y, ui_attr attr)
{
    char due[UI_REFERRAL_DATE_MAX];
    ui_date_short(rf->due_on, due, sizeof due);
    bool late = dom_referral_overdue(rf, dom_today());
    ui_put(y, 0, ui_cols(), attr, "");
    ui_put(y, UI_REFERRAL_A_DUE_X, UI_REFERRAL_A_DUE_W, attr, due);
    ui_put(y, UI_REFERRAL_A_NAME_X, UI_REFERRAL_A_NAME_W, attr,
           rf->person_id > 0 ? rf->person_name : UI_REFERRAL_ANONYMOUS);
    ui_put(y, UI_REFERRAL_A_AGENCY_X, UI_REFERRAL_A_AGENCY_W, attr, rf->agency_name);
    ui_put(y, UI_REFERRAL_A_STATE_X, UI_REFERRAL_A_STATE_W, attr, rf->state);
    ui_put(y, UI_REFERRAL_A_FLAG_X, UI_REFERRAL_FLAG_W, attr == UI_NORMAL ? UI_ALERT : attr,
           late ? UI_REFERRAL_OVERDUE : "");
}

/* The column headings of the list. */
static void ui_referral_draw_headings(const ui_referral *r, int y)
{
    if (r->person_id > 0) {
        ui_puts(y, UI_REFERRAL_P_SENT_X, UI_HEADING, "依頼日");
        ui_puts(y, UI_REFERRAL_P_AGENCY_X, UI_HEADING, "つなぎ先（新しい順）");
        ui_puts(y, UI_REFERRAL_P_STATE_X, UI_HEADING, "状態");
        ui_puts(y, UI_REFERRAL_P_DUE_X, UI_HEADING, "回答期限");
    } else {
        ui_puts(y, UI_REFERRAL_A_DUE_X, UI_HEADING, "回答期限");
        ui_puts(y, UI_REFERRAL_A_NAME_X, UI_HEADING, "本人");
        ui_puts(y, UI_REFERRAL_A_AGENCY_X, UI_HEADING, "つなぎ先");
        ui_puts(y, UI_REFERRAL_A_STATE_X, UI_HEADING, "状態");
    }
}

/* Draw the list in rows [top, bottom]. */
static void ui_referral_draw_list(ui_app *a, int top, int bottom)
{
    ui_referral *r = a->referral;
    if (r->n == 0) {
        ui_puts(top, 1, UI_DIM, r->person_id > 0
                ? "つなぎの記録はまだありません。N で新しいつなぎを記録します"
                : "この条件のつなぎはありません。J で状態、K で機関を切り替えます");
        return;
    }
    ui_referral_draw_headings(r, top);
    size_t rows = (size_t)(bottom - top);
    size_t first = r->selected >= rows ? r->selected - rows + 1 : 0;
    for (size_t i = first; i < r->n && i - first < rows; i++) {
        int y = top + 1 + (int)(i - first);
        ui_attr attr = i == r->selected ? UI_SELECTED : UI_NORMAL;
        if (r->person_id > 0)
            ui_referral_draw_person_row(&r->rows[i], y, attr);
        else
            ui_referral_draw_all_row(&r->rows[i], y, attr);
    }
}

/* A label and a text of several lines, wrapped in at most `rows` lines;
 * returns the row after it. */
static int ui_referral_labelled(int y, int rows, ui_attr attr, const char *label,
                                const char *text, const char *after)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_printf(&b, "%s: %s%s", label, text, after);
    char *s = txt_buf_take(&b);
    y = ui_put_wrap(y, 0, rows, attr, s ? s : "");
    free(s);
    return y;
}

/* The selected referral in full, below the list. */
static void ui_referral_draw_detail(const db_referral *rf, int y)
{
    char sent[UI_REFERRAL_DATE_MAX], consent[UI_REFERRAL_DATE_MAX];
    ui_date_short(rf->sent_on, sent, sizeof sent);
    ui_putf(y++, 0, UI_NORMAL, "依頼: %s %s  本人: %s", sent, rf->sent_by_name,
            rf->person_id > 0 ? rf->person_name : UI_REFERRAL_ANONYMOUS);
    y = ui_referral_labelled(y, UI_REFERRAL_TEXT_ROWS, UI_NORMAL, "理由", rf->reason, "");
    snprintf(consent, sizeof consent, "（同意 番号 %lld）", (long long)rf->consent_id);
    if (rf->shared[0])
        y = ui_referral_labelled(y, UI_REFERRAL_TEXT_ROWS, UI_NORMAL, "伝えた情報", rf->shared,
                                 rf->consent_id > 0 ? consent : "");
    else
        ui_puts(y++, 0, UI_DIM, "伝えた情報: なし（個人の情報は伝えていません）");
    bool returned = strcmp(rf->state, DOM_REFERRAL_RETURNED) == 0;
    if (rf->state_note[0])
        ui_referral_labelled(y, 1, returned ? UI_ALERT : UI_NORMAL,
                             returned ? "差戻しの理由" : "メモ", rf->state_note, "");
}

/* The states the selected referral may move to, as numbered choices. */
static void ui_referral_draw_pick(const ui_referral *r, int y)
{
    const db_referral *rf = &r->rows[r->selected];
    ui_putf(y++, 0, UI_HEADING, "状態を変えます: %s  いまは「%s」", rf->agency_name, rf->state);
    int x = ui_puts(y, 0, UI_NORMAL, "変える先: ");
    for (int nth = 1;; nth++) {
        size_t i = ui_referral_move_nth(rf->state, nth);
        if (i == dom_n_referral_states)
            break;
        x = ui_putf(y, x, UI_HEADING, "%d %s  ", nth, dom_referral_states[i]);
    }
    ui_puts(y + 1, 0, UI_DIM, "数字で選んでください  ESC 取りやめ");
}

/* The note of a move being typed. */
static void ui_referral_draw_note(const ui_referral *r, int y)
{
    const db_referral *rf = &r->rows[r->selected];
    const char *to = dom_referral_states[r->target];
    bool returned = strcmp(to, DOM_REFERRAL_RETURNED) == 0;
    ui_putf(y++, 0, UI_HEADING, "%s: 「%s」から「%s」へ", rf->agency_name, rf->state, to);
    int x = ui_puts(y, 0, UI_NORMAL, returned ? "差戻しの理由（必須）: " : "メモ（任意）: ");
    /* One cell short of the edge, for the cursor after the last character. */
    int cx = ui_field_draw(&r->note, y, x, ui_cols() - x - 1, UI_SELECTED);
    ui_cursor(y, cx);
    ui_puts(y + 1, 0, UI_DIM, "Enter 保存  ESC 取りやめ");
}

/* A conflict: the state chosen and the state now stored, side by side. */
static void ui_referral_draw_conflict(const ui_referral *r, int y)
{
    const char *mine = dom_referral_states[r->target];
    const char *note = ui_field_text(&r->note);
    ui_puts(y++, 0, UI_ALERT, "他の職員が先にこのつなぎを更新しました（あなたの変更はまだ保存していません）");
    ui_putf(y++, 0, UI_NORMAL, "あなたの変更: 「%s」%s%s", mine, note[0] ? "  メモ: " : "", note);
    ui_putf(y++, 0, UI_NORMAL, "いまの記録:   「%s」（%s）%s%s", r->theirs.state,
            r->their_staff ? r->their_staff : "", r->theirs.state_note[0] ? "  メモ: " : "",
            r->theirs.state_note);
    if (dom_referral_may_move(r->theirs.state, mine))
        ui_puts(y, 0, UI_HEADING, "1 自分の変更を適用する  2 いまの記録のままにする");
    else
        ui_putf(y, 0, UI_HEADING, "いまの状態からは「%s」にできません。2 いまの記録のままにする",
                mine);
}

/* The sharing rule's refusal and the three ways on. */
static void ui_referral_draw_refused(ui_app *a, int y, int bottom)
{
    ui_referral *r = a->referral;
    ui_putf(y++, 0, UI_HEADING, "つなぎ先: %s", ui_panel_get(&r->panel, "agency"));
    y = ui_referral_labelled(y, UI_REFERRAL_TEXT_ROWS, UI_NORMAL, "伝えた情報",
                             ui_panel_get(&r->panel, "shared"), "");
    y = ui_put_wrap(y + 1, 0, UI_REFERRAL_WHY_ROWS, UI_ALERT, r->refusal);
    y++;
    ui_puts(y++, 0, UI_HEADING, "1 口頭で同意を得た（この機関への同意を記録して送る）");
    ui_puts(y++, 0, UI_HEADING, "2 個人の情報を伝えずにつなぐ（伝えた情報を外して送る）");
    ui_puts(y++, 0, UI_HEADING, "3 支援会議で扱う（送らない。入力は残ります）");
    ui_puts(bottom, 0, UI_DIM, "1 は本人が口頭で同意したときだけ押してください  ESC 入力に戻る");
}

/* The new referral's form. */
static void ui_referral_draw_form(ui_app *a, int y, int bottom)
{
    ui_referral *r = a->referral;
    if (r->consult_id > 0)
        ui_putf(y, 0, UI_HEADING, "新しいつなぎ（Ctrl-S 送る、ESC 取りやめ）  %s 受付の相談から",
                r->consult_on ? r->consult_on : "");
    else
        ui_puts(y, 0, UI_HEADING, "新しいつなぎ（Ctrl-S 送る、ESC 取りやめ）");
    ui_panel_draw(&r->panel, y + 1, bottom);
}

/* The keys of the list, on the last row. */
static void ui_referral_draw_keys(const ui_referral *r, int y)
{
    ui_puts(y, 0, UI_DIM, r->person_id > 0
            ? "N 新しいつなぎ  Enter 状態を変える  上下で選択  ESC 戻る"
            : "J 状態で絞る  K 機関で絞る  Enter 状態を変える  上下で選択  ESC 戻る");
}

/* Draw the referral screen. */
static void ui_referral_draw(ui_app *a)
{
    ui_referral *r = a->referral;
    if (r == NULL)
        return;
    int top = ui_body_top(), bottom = ui_body_bottom();
    ui_referral_draw_header(a, top);
    int below = top + UI_REFERRAL_HEADER_ROWS;
    if (r->mode == UI_REFERRAL_NEW) {
        ui_referral_draw_form(a, below, bottom);
        return;
    }
    if (r->mode == UI_REFERRAL_REFUSED) {
        ui_referral_draw_refused(a, below + 1, bottom);
        return;
    }
    int pane = bottom - UI_REFERRAL_PANE_ROWS;
    ui_referral_draw_list(a, below, pane - 1);
    switch (r->mode) {
    case UI_REFERRAL_PICK: ui_referral_draw_pick(r, pane); break;
    case UI_REFERRAL_NOTE: ui_referral_draw_note(r, pane); break;
    case UI_REFERRAL_CONFLICT: ui_referral_draw_conflict(r, pane); break;
    default:
        if (r->n > 0)
            ui_referral_draw_detail(&r->rows[r->selected], pane);
        ui_referral_draw_keys(r, bottom);
        break;
    }
}

const ui_screen ui_referral_screen = {
    "つなぎ", UI_FKEY(5), ui_referral_draw, ui_referral_key,
};
