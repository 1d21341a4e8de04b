/* ui-summary.c - the person summary: who this is, their household, and
 * the agencies already involved.  Opening it writes an audit row first:
 * a summary that cannot be recorded is not shown. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "form.h"
#include "ui-int.h"

#define UI_SUM_LABEL 10
/* Anonymous consultations offered for linking: recent calls are the ones
 * a counter identifies later. */
#define UI_SUM_ANON_MAX 50
#define UI_CELL_MAX 128

/* Free what a loaded summary holds. */
void ui_summary_free(ui_summary *s)
{
    if (!s->loaded)
        return;
    db_person_free(&s->person);
    if (s->has_household)
        db_household_free(&s->household);
    db_person_list_free(s->members, s->n_members);
    db_link_list_free(s->links, s->n_links);
    db_consult_list_free(s->consults, s->n_consults);
    db_consult_list_free(s->anon, s->n_anon);
    db_consent_list_free(s->consents, s->n_consents);
    db_plan_list_free(s->next_plans, s->next_plans ? s->n_cases : 0);
    db_case_list_free(s->cases, s->n_cases);
    db_referral_list_free(s->referrals, s->n_referrals);
    memset(s, 0, sizeof *s);
}

/* Each case's latest plan, for what is next (an empty plan when none). */
static db_status ui_summary_load_plans(db *d, ui_summary *s)
{
    s->next_plans = calloc(s->n_cases + 1, sizeof *s->next_plans);
    if (s->next_plans == NULL)
        return DB_NOMEM;
    for (size_t i = 0; i < s->n_cases; i++) {
        if (dom_case_closed(s->cases[i].stage))
            continue;
        db_plan *plans = NULL;
        size_t n = 0;
        db_status st = db_plan_by_case(d, s->cases[i].id, &plans, &n);
        if (st != DB_OK)
            return st;
        if (n > 0) {
            s->next_plans[i] = plans[0];
            memset(&plans[0], 0, sizeof plans[0]);
        }
        db_plan_list_free(plans, n);
    }
    return DB_OK;
}

/* Read the consent, the cases with their plans, and the referrals. */
static db_status ui_summary_load_support(db *d, int64_t id, ui_summary *s)
{
    db_status st = db_consent_list(d, id, &s->consents, &s->n_consents);
    if (st == DB_OK)
        st = db_case_by_person(d, id, &s->cases, &s->n_cases);
    if (st == DB_OK)
        st = ui_summary_load_plans(d, s);
    if (st == DB_OK)
        st = db_referral_by_person(d, id, &s->referrals, &s->n_referrals);
    return st;
}

/* Read the person, household and links into s. */
static db_status ui_summary_load(db *d, int64_t id, ui_summary *s)
{
    db_status st = db_person_get(d, id, &s->person);
    if (st != DB_OK)
        return st;
    s->loaded = true;
    s->person_id = id;
    if (s->person.household_id > 0) {
        st = db_household_get(d, s->person.household_id, &s->household);
        s->has_household = st == DB_OK;
        if (st == DB_OK)
            st = db_person_household(d, s->person.household_id,
                                     &s->members, &s->n_members);
    }
    if (st == DB_OK)
        st = db_link_list(d, id, &s->links, &s->n_links);
    if (st == DB_OK)
        st = db_consult_by_person(d, id, &s->consults, &s->n_consults);
    if (st == DB_OK)
        dom_consult_mark_new(s->consults, s->n_consults);
    if (st == DB_OK)
        st = ui_summary_load_support(d, id, s);
    return st;
}

/* Load a person's summary, recording the view first, and show it. */
void ui_summary_open(ui_app *a, int64_t person_id)
{
    ui_summary_free(&a->summary);
    db_status st = db_audit_view(a->d, "person", person_id);
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "閲覧の記録を書き込めないため表示できません: %s",
                   db_errtext(a->d));
        return;
    }
    st = ui_summary_load(a->d, person_id, &a->summary);
    if (st != DB_OK) {
        ui_summary_free(&a->summary);
        ui_message(a, UI_ALERT, "読み込めません: %s", db_errtext(a->d));
        return;
    }
    ui_go(a, UI_SCREEN_SUMMARY);
}

/* A virtual row counter that skips the rows scrolled off the top. */
typedef struct ui_rows {
    int next;      /* virtual row */
    int scroll;
    int top, bottom;
} ui_rows;

/* The screen row for the next virtual row, or -1 when it is not shown. */
static int ui_rows_take(ui_rows *r)
{
    int y = r->top + r->next++ - r->scroll;
    return (y < r->top || y > r->bottom) ? -1 : y;
}

/* One "label: value" line. */
static void ui_summary_field(ui_rows *r, const char *label, const char *value)
{
    int y = ui_rows_take(r);
    if (y < 0)
        return;
    int x = ui_put(y, 1, UI_SUM_LABEL, UI_HEADING, label);
    ui_put(y, x, ui_cols() - x - 1, UI_NORMAL, value);
}

/* The birth date as 和暦 with ISO and age, or 不明. */
static void ui_summary_birth(const db_person *p, char *buf, size_t n)
{
    txt_date b;
    if (!p->birth[0] || txt_date_parse(p->birth, strlen(p->birth), &b) != 0) {
        snprintf(buf, n, "不明");
        return;
    }
    char wareki[UI_CELL_MAX];
    txt_date_wareki(b, wareki, sizeof wareki);
    snprintf(buf, n, "%s（%s）%d歳", wareki, p->birth, txt_date_age(b, dom_today()));
}

/* The household members, the person on screen marked. */
static void ui_summary_members(ui_rows *r, const ui_summary *s)
{
    int y = ui_rows_take(r);
    if (y >= 0)
        ui_putf(y, 0, UI_HEADING, "世帯: %s  %s（%zu人）", s->household.name,
                s->household.address, s->n_members);
    txt_date today = dom_today();
    for (size_t i = 0; i < s->n_members; i++) {
        const db_person *m = &s->members[i];
        if ((y = ui_rows_take(r)) < 0)
            continue;
        bool self = m->id == s->person_id;
        ui_attr attr = self ? UI_HEADING : UI_NORMAL;
        char age[UI_CELL_MAX] = "", birth[UI_CELL_MAX] = "";
        int years = dom_person_age(m, today);
        txt_date b;
        if (years >= 0) {
            snprintf(age, sizeof age, "%d歳", years);
            txt_date_parse(m->birth, strlen(m->birth), &b);
            txt_date_wareki_short(b, birth, sizeof birth);
        }
        int x = ui_put(y, 1, 2, attr, self ? "*" : "");
        x = ui_put(y, x, 13, attr, m->relation);
        x = ui_put(y, x, 17, attr, m->name);
        x = ui_put(y, x, 17, attr, m->kana);
        x = ui_put(y, x, 6, attr, age);
        ui_put(y, x, ui_cols() - x - 1, attr, birth);
    }
}

/* An ISO date as short 和暦 ("R8.11.24"), or as given. */
static void ui_summary_date(const char *iso, char *buf, size_t n)
{
    txt_date d;
    if (iso && iso[0] && txt_date_parse(iso, strlen(iso), &d) == 0)
        txt_date_wareki_short(d, buf, n);
    else
        snprintf(buf, n, "%s", iso ? iso : "");
}

/* What is next for a case: its plan's monitoring or evaluation, else the
 * plan's state (or that there is none yet). */
static void ui_summary_next(const db_plan *p, char *buf, size_t n)
{
    const char *date = "";
    bool overdue = false;
    const char *what = p && p->id ? dom_plan_next(p, dom_today(), &date, &overdue) : NULL;
    if (what == NULL) {
        snprintf(buf, n, "次: %s", p && p->id ? p->state : "プラン未作成");
        return;
    }
    char shown[UI_CELL_MAX];
    ui_summary_date(date, shown, sizeof shown);
    snprintf(buf, n, "次: %s %s%s", what, shown, overdue ? "【期限切れ】" : "");
}

/* The open cases: business, stage, 主担当 and what is next. */
static void ui_summary_cases(ui_rows *r, const ui_summary *s)
{
    size_t open = 0;
    for (size_t i = 0; i < s->n_cases; i++)
        open += !dom_case_closed(s->cases[i].stage);
    int y = ui_rows_take(r);
    if (y >= 0)
        ui_putf(y, 0, UI_HEADING, "ケース（対応中 %zu、全 %zu）  F6", open, s->n_cases);
    if (open == 0 && (y = ui_rows_take(r)) >= 0)
        ui_puts(y, 2, UI_DIM, "対応中のケースはありません");
    for (size_t i = 0; i < s->n_cases; i++) {
        const db_case *c = &s->cases[i];
        if (dom_case_closed(c->stage) || (y = ui_rows_take(r)) < 0)
            continue;
        char lead[UI_CELL_MAX * 2], next[UI_CELL_MAX * 2];
        snprintf(lead, sizeof lead, "主担当: %s%s%s", c->lead_staff_name[0] ? c->lead_staff_name : "未定",
                 c->lead_agency_name[0] ? "・" : "", c->lead_agency_name);
        ui_summary_next(&s->next_plans[i], next, sizeof next);
        int x = ui_put(y, 2, 11, UI_NORMAL, c->business);
        x = ui_put(y, x, 13, UI_HEADING, c->stage);
        x = ui_put(y, x, 31, UI_NORMAL, lead);
        ui_put(y, x, ui_cols() - x - 1, strstr(next, "期限切れ") ? UI_ALERT : UI_NORMAL, next);
    }
}

/* The referrals still waiting or being worked on, overdue ones flagged. */
static void ui_summary_referrals(ui_rows *r, const ui_summary *s)
{
    for (size_t i = 0; i < s->n_referrals; i++) {
        const db_referral *f = &s->referrals[i];
        if (strcmp(f->state, "完了") == 0)
            continue;
        int y = ui_rows_take(r);
        if (y < 0)
            continue;
        char due[UI_CELL_MAX], line[UI_CELL_MAX * 4];
        ui_summary_date(f->due_on, due, sizeof due);
        bool late = dom_referral_overdue(f, dom_today());
        snprintf(line, sizeof line, "つなぎ: %s  %s  回答期限 %s%s", f->agency_name, f->state, due,
                 late ? "【期限切れ】" : "");
        ui_put(y, 2, ui_cols() - 3, late ? UI_ALERT : UI_NORMAL, line);
    }
}

/* The agencies involved with the person. */
static void ui_summary_links(ui_rows *r, const ui_summary *s)
{
    int y = ui_rows_take(r);
    if (y >= 0)
        ui_putf(y, 0, UI_HEADING, "関係機関（%zu）", s->n_links);
    if (s->n_links == 0 && (y = ui_rows_take(r)) >= 0)
        ui_puts(y, 2, UI_DIM, "登録されている関係機関はありません");
    for (size_t i = 0; i < s->n_links; i++) {
        const db_link *l = &s->links[i];
        if ((y = ui_rows_take(r)) < 0)
            continue;
        int x = ui_put(y, 2, 29, UI_NORMAL, l->agency_name);
        x = ui_put(y, x, 11, UI_NORMAL, l->agency_field);
        x = ui_put(y, x, 19, UI_NORMAL, l->role);
        ui_put(y, x, ui_cols() - x - 1, UI_NORMAL, l->contact);
    }
}

/* The most pressing concern of a stored concerns value, or the first. */
static void ui_summary_concern(const char *concerns, char *buf, size_t n)
{
    const char *p = strstr(concerns, FORM_PRIMARY_MARK);
    const char *start = p && (p == concerns || p[-1] == '\n') ? p + strlen(FORM_PRIMARY_MARK) : concerns;
    snprintf(buf, n, "%.*s", (int)strcspn(start, FORM_MULTI_SEP), start);
}

/* The timeline (支援経過記録): every consultation, newest first. */
static void ui_summary_timeline(ui_rows *r, const ui_summary *s)
{
    int y = ui_rows_take(r);
    if (y >= 0)
        ui_putf(y, 0, UI_HEADING, "相談の記録（%zu件、新しい順）  F3 受付  Ctrl-K 匿名の相談を結び付け",
                s->n_consults);
    if (s->n_consults == 0 && (y = ui_rows_take(r)) >= 0)
        ui_puts(y, 2, UI_DIM, "相談の記録はまだありません");
    for (size_t i = 0; i < s->n_consults; i++) {
        const db_consult *c = &s->consults[i];
        char when[UI_CELL_MAX], concern[UI_CELL_MAX];
        snprintf(when, sizeof when, "%.10s %.5s", c->received_at,
                 strlen(c->received_at) > 11 ? c->received_at + 11 : "");
        ui_summary_concern(c->concerns, concern, sizeof concern);
        if ((y = ui_rows_take(r)) >= 0) {
            int x = ui_put(y, 2, 17, UI_NORMAL, when);
            x = ui_put(y, x, 5, c->is_new ? UI_HEADING : UI_NORMAL, c->is_new ? "新規" : "継続");
            x = ui_put(y, x, 7, UI_NORMAL, c->channel);
            x = ui_put(y, x, 17, UI_NORMAL, c->disposition);
            x = ui_put(y, x, 19, UI_NORMAL, concern);
            ui_put(y, x, ui_cols() - x - 1, UI_DIM, c->staff_name);
        }
        if ((y = ui_rows_take(r)) >= 0) {
            /* The first line of what was said; show prints it all. */
            char *first = strndup(c->content, strcspn(c->content, "\n"));
            ui_put(y, 4, ui_cols() - 5, UI_NORMAL, first ? first : "");
            free(first);
        }
    }
}

/* Offer the recent anonymous consultations for linking to this person. */
static void ui_summary_pick(ui_app *a)
{
    ui_summary *s = &a->summary;
    db_consult_list_free(s->anon, s->n_anon);
    s->anon = NULL;
    s->n_anon = 0;
    s->anon_sel = 0;
    if (db_consult_anonymous(a->d, UI_SUM_ANON_MAX, &s->anon, &s->n_anon) != DB_OK) {
        ui_message(a, UI_ALERT, "匿名の相談を読めません: %s", db_errtext(a->d));
        return;
    }
    if (s->n_anon == 0) {
        ui_message(a, UI_NORMAL, "結び付けられる匿名の相談はありません");
        return;
    }
    s->picking = true;
}

struct ui_summary_link {
    const db_consult *c;
    int64_t person_id;
};

/* The link transaction: the consultation's version must be the one read. */
static db_status ui_summary_link_tx(db *d, void *arg)
{
    struct ui_summary_link *l = arg;
    return db_consult_link(d, l->c->id, l->c->version, l->person_id);
}

/* Link the chosen anonymous consultation to this person and reload. */
static void ui_summary_link_chosen(ui_app *a)
{
    ui_summary *s = &a->summary;
    struct ui_summary_link l = { &s->anon[s->anon_sel], s->person_id };
    int64_t consult_id = l.c->id;
    db_status st = db_write(a->d, ui_summary_link_tx, &l);
    s->picking = false;
    if (st != DB_OK) {
        ui_message(a, UI_ALERT, "結び付けできません: %s", db_errtext(a->d));
        return;
    }
    ui_summary_open(a, s->person_id);
    ui_message(a, UI_NORMAL, "受付番号 %lld の相談をこの人に結び付けました", (long long)consult_id);
}

/* Draw the list of anonymous consultations to choose from. */
static void ui_summary_draw_pick(ui_app *a)
{
    ui_summary *s = &a->summary;
    int y = ui_body_top();
    ui_putf(y, 0, UI_HEADING, "匿名の相談を %s さんに結び付けます", s->person.name);
    ui_puts(y + 1, 0, UI_DIM, "上下キーで選び Enter で結び付け、ESC で取り消し");
    int rows = ui_body_bottom() - (y + 3) + 1;
    size_t first = s->anon_sel >= (size_t)rows ? s->anon_sel - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && first + (size_t)i < s->n_anon; i++) {
        const db_consult *c = &s->anon[first + (size_t)i];
        bool sel = first + (size_t)i == s->anon_sel;
        ui_attr attr = sel ? UI_SELECTED : UI_NORMAL;
        char when[UI_CELL_MAX];
        snprintf(when, sizeof when, "%.10s %.5s", c->received_at,
                 strlen(c->received_at) > 11 ? c->received_at + 11 : "");
        char *first_line = strndup(c->content, strcspn(c->content, "\n"));
        int x = ui_put(y + 3 + i, 0, 17, attr, when);
        x = ui_put(y + 3 + i, x, 7, attr, c->channel);
        x = ui_put(y + 3 + i, x, 15, attr, c->visitor);
        ui_put(y + 3 + i, x, ui_cols() - x, attr, first_line ? first_line : "");
        free(first_line);
    }
}

/* Keys while picking an anonymous consultation. */
static bool ui_summary_pick_key(ui_app *a, const ui_key *k)
{
    ui_summary *s = &a->summary;
    switch (k->kind) {
    case UI_KEY_UP:
        if (s->anon_sel > 0)
            s->anon_sel--;
        return true;
    case UI_KEY_DOWN:
        if (s->anon_sel + 1 < s->n_anon)
            s->anon_sel++;
        return true;
    case UI_KEY_ENTER:
        ui_summary_link_chosen(a);
        return true;
    case UI_KEY_BACK:
        s->picking = false;
        return true;
    default:
        return false;
    }
}

/* Draw the person summary. */
static void ui_summary_draw(ui_app *a)
{
    ui_summary *s = &a->summary;
    if (!s->loaded)
        return;
    if (s->picking) {
        ui_summary_draw_pick(a);
        return;
    }
    const db_person *p = &s->person;
    ui_rows r = { 0, s->scroll, ui_body_top(), ui_body_bottom() };
    char line[UI_CELL_MAX * 4];
    dom_consent_state consent = dom_consent_state_list(s->consents, s->n_consents);
    int y = ui_rows_take(&r);
    if (y >= 0) {
        int x = ui_puts(y, 0, UI_HEADING, p->name[0] ? p->name : "（氏名未登録）");
        snprintf(line, sizeof line, "  %s  番号 %lld  ", p->kana, (long long)p->id);
        x = ui_puts(y, x, UI_NORMAL, line);
        ui_putf(y, x, consent == DOM_CONSENT_GIVEN ? UI_HEADING : UI_ALERT, "【%s】F4",
                dom_consent_label(consent));
    }
    const char *notice = dom_route_notice(consent);
    if (notice && s->n_cases > 0 && (y = ui_rows_take(&r)) >= 0)
        ui_put(y, 0, ui_cols(), UI_ALERT, notice);
    ui_summary_birth(p, line, sizeof line);
    ui_summary_field(&r, "生年月日", line);
    ui_summary_field(&r, "性別", dom_sex_label(p->sex));
    ui_summary_field(&r, "住所", p->address);
    ui_summary_field(&r, "電話", p->phone);
    if (p->note[0])
        ui_summary_field(&r, "備考", p->note);
    ui_rows_take(&r);
    if (s->has_household)
        ui_summary_members(&r, s);
    else
        ui_summary_field(&r, "世帯", "未登録");
    ui_rows_take(&r);
    ui_summary_cases(&r, s);
    ui_summary_referrals(&r, s);
    ui_rows_take(&r);
    ui_summary_links(&r, s);
    ui_rows_take(&r);
    ui_summary_timeline(&r, s);
    y = ui_body_bottom();
    if (r.next - r.scroll > y - r.top + 1 || r.scroll > 0)
        ui_puts(y, ui_cols() - 24, UI_DIM, "上下キーでスクロール");
}

/* Take a key on the summary screen. */
static bool ui_summary_key(ui_app *a, const ui_key *k)
{
    if (a->summary.picking)
        return ui_summary_pick_key(a, k);
    if (k->kind == UI_KEY_CTRL && k->ch == 'k') {
        ui_summary_pick(a);
        return true;
    }
    switch (k->kind) {
    case UI_KEY_BACK:
        ui_go(a, UI_SCREEN_LOOKUP);
        return true;
    case UI_KEY_UP:
        if (a->summary.scroll > 0)
            a->summary.scroll--;
        return true;
    case UI_KEY_DOWN:
        a->summary.scroll++;
        return true;
    default:
        return false;
    }
}

const ui_screen ui_summary_screen = {
    "人の概要", 0, ui_summary_draw, ui_summary_key,
};
