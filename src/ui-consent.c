/* ui-consent.c - 本人同意 (F4) for the person on screen: the whole history
 * (nothing is ever overwritten), a new consent from forms/consent.form, and
 * a withdrawal from forms/withdraw.form.  The state it shows is the one
 * every other screen shows, from the same rule (dom_consent_state_list). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ui-int.h"

#define UI_CONSENT_FORM "consent"
#define UI_WITHDRAW_FORM "withdraw"
/* The scope choice that means "every agency" (forms/consent.form). */
#define UI_CONSENT_ALL "すべての支援関係機関"
#define UI_CONSENT_LINE_MAX 512
#define UI_CONSENT_DATE_MAX 64
#define UI_CONSENT_TOP_ROWS 3

/* Free what the screen holds (its forms too). */
void ui_consent_free(ui_consent *c)
{
    db_consent_list_free(c->rows, c->n);
    db_agency_list_free(c->agencies, c->n_agencies);
    free(c->person_name);
    ui_panel_free(&c->panel);
    memset(c, 0, sizeof *c);
}

/* Read the person's consents again (after a save, or a conflict). */
static bool ui_consent_reload(ui_app *a)
{
    ui_consent *c = &a->consent;
    db_consent_list_free(c->rows, c->n);
    c->rows = NULL;
    c->n = 0;
    if (db_consent_list(a->d, c->person_id, &c->rows, &c->n) != DB_OK) {
        ui_message(a, UI_ALERT, "同意の記録を読めません: %s", db_errtext(a->d));
        return false;
    }
    if (c->selected >= c->n)
        c->selected = c->n ? c->n - 1 : 0;
    return true;
}

/* Open the consent screen for a person, recording the view.  A form
 * typed into comes back instead, whoever is on screen: it is saved or
 * given up before another opens. */
void ui_consent_open(ui_app *a, int64_t person_id)
{
    ui_consent *c = &a->consent;
    if (ui_panel_typed(&c->panel)) {
        ui_go(a, UI_SCREEN_CONSENT);
        ui_message(a, UI_NORMAL, "入力中の%sに戻りました（Ctrl-S で保存、ESC で取りやめ）",
                   c->panel.form->title);
        return;
    }
    if (person_id <= 0) {
        ui_message(a, UI_ALERT, "同意を扱う人を検索で選んでから F4 を押してください");
        return;
    }
    if (db_audit_view(a->d, "consent", person_id) != DB_OK) {
        ui_message(a, UI_ALERT, "閲覧の記録を書き込めないため表示できません: %s",
                   db_errtext(a->d));
        return;
    }
    ui_panel keep = c->panel;   /* the loaded forms outlive the person */
    c->panel = (ui_panel){ 0 };
    ui_consent_free(c);
    c->panel = keep;
    ui_panel_close(&c->panel);
    c->person_id = person_id;
    db_person p;
    if (db_person_get(a->d, person_id, &p) != DB_OK) {
        ui_message(a, UI_ALERT, "読み込めません: %s", db_errtext(a->d));
        return;
    }
    c->person_name = strdup(p.name[0] ? p.name : p.kana);
    db_person_free(&p);
    if (!ui_consent_reload(a))
        return;
    c->back = a->screen == UI_SCREEN_CONSENT ? c->back : a->screen;
    ui_go(a, UI_SCREEN_CONSENT);
}

/* The agencies as choices for the scope field. */
static bool ui_consent_agency_choices(ui_app *a)
{
    ui_consent *c = &a->consent;
    db_agency_list_free(c->agencies, c->n_agencies);
    c->agencies = NULL;
    c->n_agencies = 0;
    if (db_agency_list(a->d, &c->agencies, &c->n_agencies) != DB_OK) {
        ui_message(a, UI_ALERT, "機関の一覧を読めません: %s", db_errtext(a->d));
        return false;
    }
    const char **names = calloc(c->n_agencies + 1, sizeof *names);
    if (names == NULL)
        return false;
    for (size_t i = 0; i < c->n_agencies; i++)
        names[i] = c->agencies[i].name;
    bool ok = ui_panel_choices(&c->panel, "agencies", names, c->n_agencies);
    free(names);
    return ok;
}

/* Start a new consent, dated today and taken by the user. */
static void ui_consent_new(ui_app *a)
{
    ui_consent *c = &a->consent;
    if (!ui_panel_open(a, &c->panel, UI_CONSENT_FORM) || !ui_consent_agency_choices(a)) {
        ui_panel_close(&c->panel);
        return;
    }
    char today[UI_CONSENT_DATE_MAX];
    txt_date_iso(dom_today(), today, sizeof today);
    ui_panel_set(&c->panel, "given_on", today);
    ui_panel_context(&c->panel, UI_DRAFT_PERSON, c->person_id);
    c->mode = UI_CONSENT_NEW;
}

/* Start withdrawing the selected consent. */
static void ui_consent_withdraw_start(ui_app *a)
{
    ui_consent *c = &a->consent;
    if (c->n == 0 || !dom_consent_in_force(&c->rows[c->selected])) {
        ui_message(a, UI_ALERT, "撤回できる（有効な）同意を選んでください");
        return;
    }
    if (!ui_panel_open(a, &c->panel, UI_WITHDRAW_FORM))
        return;
    char today[UI_CONSENT_DATE_MAX];
    txt_date_iso(dom_today(), today, sizeof today);
    ui_panel_set(&c->panel, "withdrawn_on", today);
    ui_panel_context(&c->panel, UI_DRAFT_PERSON, c->person_id);
    ui_panel_context(&c->panel, UI_DRAFT_CONSENT, c->rows[c->selected].id);
    c->mode = UI_CONSENT_WITHDRAW;
}

/* The agency ids ticked in the form's agencies field (items joined by
 * FORM_MULTI_SEP), into a malloc'd array. */
static int64_t *ui_consent_ticked(const ui_consent *c, const char *value, size_t *n)
{
    *n = 0;
    int64_t *ids = calloc(c->n_agencies + 1, sizeof *ids);
    for (size_t i = 0; ids && i < c->n_agencies; i++) {
        const char *name = c->agencies[i].name;
        size_t len = strlen(name);
        for (const char *p = value; *p;) {
            if (*p == FORM_PRIMARY_MARK[0])
                p++;
            size_t item = strcspn(p, FORM_MULTI_SEP);
            if (item == len && strncmp(p, name, len) == 0)
                ids[(*n)++] = c->agencies[i].id;
            p += item;
            if (*p)
                p++;
        }
    }
    return ids;
}

/* Save the new consent: the form's checks, then the rules, then one
 * transaction. */
static void ui_consent_save(ui_app *a)
{
    ui_consent *c = &a->consent;
    if (ui_panel_check(&c->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    db_consent nc = {
        .person_id = c->person_id,
        .given_on = (char *)ui_panel_get(&c->panel, "given_on"),
        .method = (char *)ui_panel_get(&c->panel, "method"),
        .proxy_name = (char *)ui_panel_get(&c->panel, "proxy_name"),
        .proxy_relation = (char *)ui_panel_get(&c->panel, "proxy_relation"),
        .all_agencies = strcmp(ui_panel_get(&c->panel, "scope"), UI_CONSENT_ALL) == 0,
        .form_no = (char *)ui_panel_get(&c->panel, "form_no"),
        .taken_by = a->who->id,
        .note = (char *)ui_panel_get(&c->panel, "note"),
    };
    nc.agencies = nc.all_agencies ? NULL
                                  : ui_consent_ticked(c, ui_panel_get(&c->panel, "agencies"),
                                                      &nc.n_agencies);
    const char *why = dom_consent_invalid(&nc, dom_today());
    db_status st = DB_INVALID;
    if (why == NULL) {
        ui_panel_saving(a, &c->panel);
        st = dom_consent_take(a->d, &nc);
        ui_panel_saved(a, &c->panel, st);
    }
    free(nc.agencies);
    if (why != NULL) {
        ui_panel_error(&c->panel, strstr(why, "範囲") ? "agencies"
                                  : strstr(why, "代理人") ? "proxy_name" : "given_on", why);
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    ui_panel_close(&c->panel);
    c->mode = UI_CONSENT_LIST;
    c->selected = 0;
    ui_consent_reload(a);
    ui_message(a, UI_NORMAL, "本人同意を記録しました");
}

/* Save the withdrawal of the selected consent. */
static void ui_consent_withdraw_save(ui_app *a)
{
    ui_consent *c = &a->consent;
    if (ui_panel_check(&c->panel) > 0) {
        ui_message(a, UI_ALERT, "入力内容を確認してください");
        return;
    }
    const db_consent *old = &c->rows[c->selected];
    const char *on = ui_panel_get(&c->panel, "withdrawn_on");
    const char *reason = ui_panel_get(&c->panel, "reason");
    const char *why = dom_consent_withdraw_invalid(old, on, reason, dom_today());
    if (why != NULL) {
        ui_panel_error(&c->panel, strstr(why, "理由") ? "reason" : "withdrawn_on", why);
        ui_message(a, UI_ALERT, "%s", why);
        return;
    }
    ui_panel_saving(a, &c->panel);
    db_status st = dom_consent_withdraw(a->d, old, on, reason);
    ui_panel_saved(a, &c->panel, st);
    if (st == DB_CONFLICT) {
        /* Someone withdrew it first: show theirs; what was typed stays. */
        ui_consent_reload(a);
        ui_message(a, UI_ALERT, "他の職員が先にこの同意を更新しました。一覧は最新の内容です"
                   "（入力した理由は残っています。ESC で閉じます）");
        return;
    }
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています（Ctrl-S で再試行）: %s",
                   db_errtext(a->d));
        return;
    }
    ui_panel_close(&c->panel);
    c->mode = UI_CONSENT_LIST;
    ui_consent_reload(a);
    ui_message(a, UI_NORMAL, "同意の撤回を記録しました");
}

/* The scope of a consent as text. */
static void ui_consent_scope(const db_consent *c, char *buf, size_t n)
{
    if (c->all_agencies) {
        snprintf(buf, n, "全機関");
        return;
    }
    txt_buf b;
    txt_buf_init(&b);
    for (size_t i = 0; i < c->n_agencies; i++)
        txt_buf_printf(&b, "%s%s", i ? "、" : "", c->agency_names[i]);
    char *s = txt_buf_take(&b);
    snprintf(buf, n, "%s", s ? s : "");
    free(s);
}

/* One consent as a line of the history (malloc'd). */
static char *ui_consent_line(const db_consent *c)
{
    char given[UI_CONSENT_DATE_MAX], scope[UI_CONSENT_LINE_MAX], on[UI_CONSENT_DATE_MAX];
    ui_date_short(c->given_on, given, sizeof given);
    ui_consent_scope(c, scope, sizeof scope);
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_printf(&b, "%-10s %s%s%s  %s  受:%s%s%s  ", given, c->method,
                   c->proxy_name[0] ? "・" : "", c->proxy_name, scope, c->taken_by_name,
                   c->form_no[0] ? " 番号:" : "", c->form_no);
    if (dom_consent_in_force(c)) {
        txt_buf_adds(&b, "有効");
    } else {
        ui_date_short(c->withdrawn_on, on, sizeof on);
        txt_buf_printf(&b, "撤回 %s（%s）", on, c->withdraw_reason);
    }
    return txt_buf_take(&b);
}

/* The header: who, and the state every screen shows. */
static int ui_consent_draw_header(ui_app *a, int y)
{
    ui_consent *c = &a->consent;
    dom_consent_state s = dom_consent_state_list(c->rows, c->n);
    int x = ui_putf(y, 0, UI_HEADING, "本人: %s（番号 %lld）  ", c->person_name,
                    (long long)c->person_id);
    ui_putf(y, x, s == DOM_CONSENT_GIVEN ? UI_HEADING : UI_ALERT, "【%s】", dom_consent_label(s));
    const char *notice = dom_route_notice(s);
    if (notice)
        ui_put(y + 1, 0, ui_cols(), UI_ALERT, notice);
    return y + UI_CONSENT_TOP_ROWS;
}

/* Draw the history list. */
static void ui_consent_draw_list(ui_app *a, int top, int bottom)
{
    ui_consent *c = &a->consent;
    if (c->n == 0) {
        ui_puts(top, 1, UI_DIM, "同意の記録はまだありません。N で新しい同意を記録します");
        return;
    }
    ui_puts(top, 0, UI_HEADING, "同意日     方法  範囲  受けた職員  状態（新しい順）");
    size_t rows = (size_t)(bottom - top);
    size_t first = c->selected >= rows ? c->selected - rows + 1 : 0;
    for (size_t i = first; i < c->n && (int)(i - first) < bottom - top; i++) {
        char *line = ui_consent_line(&c->rows[i]);
        ui_put(top + 1 + (int)(i - first), 0, ui_cols(),
               i == c->selected ? UI_SELECTED : UI_NORMAL, line ? line : "");
        free(line);
    }
}

/* Draw the consent screen. */
static void ui_consent_draw(ui_app *a)
{
    ui_consent *c = &a->consent;
    int top = ui_consent_draw_header(a, ui_body_top());
    int bottom = ui_body_bottom();
    if (c->mode == UI_CONSENT_LIST) {
        ui_consent_draw_list(a, top, bottom - 1);
        ui_puts(bottom, 0, UI_DIM, "N 新しい同意  W 選んだ同意の撤回  上下で選択  ESC 戻る");
        return;
    }
    ui_puts(top - 1, 0, UI_HEADING, c->mode == UI_CONSENT_NEW
            ? "新しい同意（Ctrl-S 保存、ESC 取りやめ）"
            : "同意の撤回（Ctrl-S 保存、ESC 取りやめ）");
    ui_panel_draw(&c->panel, top, bottom);
}

/* Keys while a form is open. */
static bool ui_consent_form_key(ui_app *a, const ui_key *k)
{
    ui_consent *c = &a->consent;
    switch (ui_panel_key(&c->panel, k)) {
    case UI_PANEL_SAVE:
        if (c->mode == UI_CONSENT_NEW)
            ui_consent_save(a);
        else
            ui_consent_withdraw_save(a);
        return true;
    case UI_PANEL_CANCEL:
        ui_panel_discard(a, &c->panel);
        c->mode = UI_CONSENT_LIST;
        ui_message(a, UI_NORMAL, "取りやめました（何も保存していません）");
        return true;
    case UI_PANEL_USED:
        return true;
    case UI_PANEL_UNUSED: break;
    }
    return false;
}

/* Open a kept consent or withdrawal form again where it was: the
 * person's screen, the consent it withdraws.  False when the draft is not
 * one of this screen's. */
bool ui_consent_resume(ui_app *a, const db_draft *dr)
{
    bool withdraw = strcmp(dr->form_id, UI_WITHDRAW_FORM) == 0;
    if (!withdraw && strcmp(dr->form_id, UI_CONSENT_FORM) != 0)
        return false;
    ui_consent *c = &a->consent;
    ui_consent_open(a, ui_keep_context(dr->data, UI_DRAFT_PERSON));
    if (a->screen != UI_SCREEN_CONSENT || ui_panel_typed(&c->panel))
        return true;   /* said why, or back at a form typed meanwhile */
    c->back = UI_SCREEN_LOOKUP;
    int64_t consent_id = ui_keep_context(dr->data, UI_DRAFT_CONSENT);
    for (size_t i = 0; withdraw && i < c->n; i++)
        if (c->rows[i].id == consent_id)
            c->selected = i;
    if (withdraw && (c->n == 0 || c->rows[c->selected].id != consent_id)) {
        ui_message(a, UI_ALERT, "撤回する同意が見つかりません（下書きは残っています）");
        return true;
    }
    if (withdraw)
        ui_consent_withdraw_start(a);
    else
        ui_consent_new(a);
    if (c->mode != UI_CONSENT_LIST && ui_panel_resume(&c->panel, dr))
        ui_keep_resumed(a, dr);
    return true;
}

/* Take a key on the consent screen. */
static bool ui_consent_key(ui_app *a, const ui_key *k)
{
    ui_consent *c = &a->consent;
    if (c->mode != UI_CONSENT_LIST)
        return ui_consent_form_key(a, k);
    if (k->kind == UI_KEY_CHAR && (k->ch == L'n' || k->ch == L'N')) {
        ui_consent_new(a);
        return true;
    }
    if (k->kind == UI_KEY_CHAR && (k->ch == L'w' || k->ch == L'W')) {
        ui_consent_withdraw_start(a);
        return true;
    }
    switch (k->kind) {
    case UI_KEY_UP:
        if (c->selected > 0)
            c->selected--;
        return true;
    case UI_KEY_DOWN:
        if (c->selected + 1 < c->n)
            c->selected++;
        return true;
    case UI_KEY_BACK:
        if (c->back == UI_SCREEN_SUMMARY)
            ui_summary_open(a, c->person_id);
        else
            ui_go(a, c->back);
        return true;
    default:
        return false;
    }
}

const ui_screen ui_consent_screen = {
    "本人同意", UI_FKEY(4), ui_consent_draw, ui_consent_key,
};
