/* cli-show.c - `tsunagi show PERSON_ID`: the person summary as text, for
 * a printout before a home visit or a case meeting, or a look from a
 * terminal where the screen will not start.  The same facts as the
 * summary screen, then the open items and the progress record
 * (支援経過記録), newest first; then 本人同意 (the state, the meeting a case
 * may go to, and every consent given or withdrawn), the つなぎ with their
 * answers, and the cases with their timelines and plans.
 *
 * Every data value goes out through the display path (cli_field), never
 * through a format string: a stored name may hold control bytes, and a
 * note may be longer than any line buffer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "domain.h"
#include "form.h"
#include "text.h"

/* Person numbers are typed as plain digits (as in search). */
#define CLI_SHOW_ID_DIGITS 18
/* Cells of the content of a record per line, after its indent: a report
 * read on an 80-column terminal or printed on A4. */
#define CLI_SHOW_WRAP 70
#define CLI_SHOW_FORM "intake"
#define CLI_SHOW_CELL 128
/* "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM". */
#define CLI_SHOW_DATE_LEN 10
#define CLI_SHOW_STAMP_LEN 16

typedef struct cli_show_data {
    db_person person;
    bool has_household;
    db_household household;
    db_person *members;
    size_t n_members;
    db_link *links;
    size_t n_links;
    db_consult *consults;
    size_t n_consults;
    db_consent *consents;
    size_t n_consents;
    db_referral *referrals;
    size_t n_referrals;
    db_referral_event **ref_events;   /* parallel to referrals */
    size_t *n_ref_events;
    db_case *cases;
    size_t n_cases;
    db_case_event **case_events;      /* parallel to cases */
    size_t *n_case_events;
    db_plan **plans;                  /* parallel to cases, the latest first */
    size_t *n_plans;
} cli_show_data;

/* Free what was loaded (the person is freed by the caller). */
static void cli_show_free(cli_show_data *s)
{
    if (s->has_household)
        db_household_free(&s->household);
    db_person_list_free(s->members, s->n_members);
    db_link_list_free(s->links, s->n_links);
    db_consult_list_free(s->consults, s->n_consults);
    db_consent_list_free(s->consents, s->n_consents);
    for (size_t i = 0; s->ref_events && i < s->n_referrals; i++)
        db_referral_event_list_free(s->ref_events[i], s->n_ref_events[i]);
    free(s->ref_events);
    free(s->n_ref_events);
    db_referral_list_free(s->referrals, s->n_referrals);
    for (size_t i = 0; s->case_events && i < s->n_cases; i++) {
        db_case_event_list_free(s->case_events[i], s->n_case_events[i]);
        db_plan_list_free(s->plans[i], s->n_plans[i]);
    }
    free(s->case_events);
    free(s->n_case_events);
    free(s->plans);
    free(s->n_plans);
    db_case_list_free(s->cases, s->n_cases);
}

/* Load the referrals of the person in s, each with its events. */
static db_status cli_show_load_referrals(db *d, cli_show_data *s)
{
    db_status st = db_referral_by_person(d, s->person.id, &s->referrals, &s->n_referrals);
    if (st != DB_OK || s->n_referrals == 0)
        return st;
    s->ref_events = calloc(s->n_referrals, sizeof *s->ref_events);
    s->n_ref_events = calloc(s->n_referrals, sizeof *s->n_ref_events);
    if (s->ref_events == NULL || s->n_ref_events == NULL)
        return DB_NOMEM;
    for (size_t i = 0; st == DB_OK && i < s->n_referrals; i++)
        st = db_referral_events(d, s->referrals[i].id, &s->ref_events[i], &s->n_ref_events[i]);
    return st;
}

/* Load the cases of the person in s, each with its events and plans. */
static db_status cli_show_load_cases(db *d, cli_show_data *s)
{
    db_status st = db_case_by_person(d, s->person.id, &s->cases, &s->n_cases);
    if (st != DB_OK || s->n_cases == 0)
        return st;
    s->case_events = calloc(s->n_cases, sizeof *s->case_events);
    s->n_case_events = calloc(s->n_cases, sizeof *s->n_case_events);
    s->plans = calloc(s->n_cases, sizeof *s->plans);
    s->n_plans = calloc(s->n_cases, sizeof *s->n_plans);
    if (!s->case_events || !s->n_case_events || !s->plans || !s->n_plans)
        return DB_NOMEM;
    for (size_t i = 0; st == DB_OK && i < s->n_cases; i++) {
        st = db_case_events(d, s->cases[i].id, &s->case_events[i], &s->n_case_events[i]);
        if (st == DB_OK)
            st = db_plan_by_case(d, s->cases[i].id, &s->plans[i], &s->n_plans[i]);
    }
    return st;
}

/* Load the household, links and consultations of the person in s. */
static db_status cli_show_load(db *d, cli_show_data *s)
{
    db_status st = DB_OK;
    const db_person *p = &s->person;
    if (p->household_id > 0) {
        st = db_household_get(d, p->household_id, &s->household);
        s->has_household = st == DB_OK;
        if (st == DB_NOTFOUND)
            st = DB_OK;
        else if (st == DB_OK)
            st = db_person_household(d, p->household_id, &s->members, &s->n_members);
    }
    if (st == DB_OK)
        st = db_link_list(d, p->id, &s->links, &s->n_links);
    if (st == DB_OK)
        st = db_consult_by_person(d, p->id, &s->consults, &s->n_consults);
    if (st == DB_OK)
        dom_consult_mark_new(s->consults, s->n_consults);
    if (st == DB_OK)
        st = db_consent_list(d, p->id, &s->consents, &s->n_consents);
    if (st == DB_OK)
        st = cli_show_load_referrals(d, s);
    if (st == DB_OK)
        st = cli_show_load_cases(d, s);
    return st;
}

/* Print a program text (never data) as it is. */
static void cli_show_text(const char *s)
{
    fputs(s, stdout);
}

/* "label: value" on a line of its own, the value made visible. */
static void cli_show_field(const char *indent, const char *label, const char *value)
{
    printf("%s%s: ", indent, label);
    cli_field(value[0] ? value : "未登録", "\n");
}

/* The birth date as 和暦 with ISO and age, or 不明. */
static void cli_show_birth(const db_person *p, txt_date today, char *buf, size_t n)
{
    txt_date b;
    if (!p->birth[0] || txt_date_parse(p->birth, strlen(p->birth), &b) != 0) {
        snprintf(buf, n, "不明");
        return;
    }
    char wareki[CLI_SHOW_CELL], iso[CLI_SHOW_CELL];
    txt_date_wareki(b, wareki, sizeof wareki);
    txt_date_iso(b, iso, sizeof iso);
    snprintf(buf, n, "%s（%s）%d歳", wareki, iso, txt_date_age(b, today));
}

/* Who the person is. */
static void cli_show_person(const db_person *p, txt_date today)
{
    char line[CLI_SHOW_CELL * 3];
    cli_field(p->name[0] ? p->name : "（氏名未登録）", "");
    if (p->kana[0]) {
        cli_show_text("（");
        cli_field(p->kana, "）");
    }
    cli_show_text("\n");
    printf("番号: %lld\n", (long long)p->id);
    cli_show_birth(p, today, line, sizeof line);
    cli_show_field("", "生年月日", line);
    cli_show_field("", "性別", dom_sex_label(p->sex));
    cli_show_field("", "住所", p->address);
    cli_show_field("", "電話", p->phone);
    if (p->note[0])
        cli_show_field("", "備考", p->note);
}

/* The household and its members with 続柄 and age, the person marked. */
static void cli_show_household(const cli_show_data *s, txt_date today)
{
    cli_show_text("\n");
    if (!s->has_household) {
        cli_show_text("世帯: 未登録\n");
        return;
    }
    cli_show_text("世帯: ");
    cli_field(s->household.name, "  ");
    cli_field(s->household.address, "");
    printf("（%zu人）\n", s->n_members);
    for (size_t i = 0; i < s->n_members; i++) {
        const db_person *m = &s->members[i];
        cli_show_text("  ");
        cli_field(m->relation[0] ? m->relation : "続柄未登録", "  ");
        cli_field(m->name, "");
        if (m->kana[0]) {
            cli_show_text("（");
            cli_field(m->kana, "）");
        }
        int age = dom_person_age(m, today);
        if (age >= 0)
            printf("  %d歳", age);
        else
            cli_show_text("  年齢不明");
        cli_show_text(m->id == s->person.id ? "  （本人）\n" : "\n");
    }
}

/* The agencies that support the person. */
static void cli_show_links(const cli_show_data *s)
{
    printf("\n関係機関（%zu）\n", s->n_links);
    if (s->n_links == 0)
        cli_show_text("  登録されている関係機関はありません\n");
    for (size_t i = 0; i < s->n_links; i++) {
        const db_link *l = &s->links[i];
        cli_show_text("  ");
        cli_field(l->agency_name, "");
        if (l->agency_field[0]) {
            cli_show_text("（");
            cli_field(l->agency_field, "）");
        }
        if (l->role[0]) {
            cli_show_text("  ");
            cli_field(l->role, "");
        }
        if (l->contact[0]) {
            cli_show_text("  担当: ");
            cli_field(l->contact, "");
        }
        if (l->since[0]) {
            cli_show_text("  ");
            cli_field(l->since, "から");
        }
        cli_show_text("\n");
    }
}

/* The date part of a stored "YYYY-MM-DDTHH:MM", and the time, for print. */
static void cli_show_stamp(const char *at, char *date, char *time, size_t n)
{
    snprintf(date, n, "%.*s", CLI_SHOW_DATE_LEN, at);
    time[0] = '\0';
    if (strlen(at) == CLI_SHOW_STAMP_LEN)
        snprintf(time, n, "%s", at + CLI_SHOW_DATE_LEN + 1);
}

/* Print the concerns, the most pressing first marked "(主)", the others
 * in their order, joined by "、". */
static void cli_show_concerns(const char *concerns)
{
    bool first = true;
    for (int pass = 0; pass < 2; pass++) {
        for (const char *p = concerns; *p;) {
            size_t len = strcspn(p, "\n");
            bool primary = len > 0 && p[0] == '*';
            if (len > (size_t)primary && primary == (pass == 0)) {
                char *item = strndup(p + primary, len - primary);
                if (!first)
                    cli_show_text("、");
                cli_field(item ? item : "", primary ? "(主)" : "");
                free(item);
                first = false;
            }
            p += len;
            if (*p == '\n')
                p++;
        }
    }
    cli_show_text("\n");
}

/* Print a text of several lines, each wrapped and indented. */
static void cli_show_wrapped(const char *text, const char *indent, int cells)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_wrap(&b, text, indent, cells);
    if (b.data)
        fputs(b.data, stdout);
    txt_buf_free(&b);
}

/* "  （the most pressing concern）", when one is marked. */
static void cli_show_primary(const char *concerns)
{
    for (const char *p = concerns; *p;) {
        size_t len = strcspn(p, "\n");
        if (len > 1 && p[0] == '*') {
            char *item = strndup(p + 1, len - 1);
            cli_show_text("  （");
            cli_field(item ? item : "", "）");
            free(item);
            return;
        }
        p += len;
        if (*p == '\n')
            p++;
    }
}

/* The consultations still open: 継続相談 not yet followed up, or a next
 * contact still ahead. */
static void cli_show_open(const cli_show_data *s, txt_date today)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_consults; i++)
        n += dom_consult_is_open(s->consults, s->n_consults, i, today);
    printf("\n未完了の対応（%zu）\n", n);
    if (n == 0)
        cli_show_text("  なし\n");
    for (size_t i = 0; i < s->n_consults; i++) {
        const db_consult *c = &s->consults[i];
        if (!dom_consult_is_open(s->consults, s->n_consults, i, today))
            continue;
        char date[CLI_SHOW_CELL], time[CLI_SHOW_CELL];
        cli_show_stamp(c->received_at, date, time, sizeof date);
        cli_show_text("  ");
        cli_field(date, "  ");
        cli_field(c->channel[0] ? c->channel : "経路未記録", "  ");
        cli_field(c->disposition[0] ? c->disposition : "対応未記録", "");
        if (c->next_contact[0]) {
            cli_show_text("  次回連絡 ");
            cli_field(c->next_contact, "");
        }
        cli_show_primary(c->concerns);
        cli_show_text("\n");
    }
}

/* One entry of the progress record. */
static void cli_show_entry(const db_consult *c, const form *f)
{
    char date[CLI_SHOW_CELL], time[CLI_SHOW_CELL];
    cli_show_stamp(c->received_at, date, time, sizeof date);
    cli_show_text("  ");
    cli_field(date, " ");
    cli_field(time, "  ");
    cli_show_text(c->is_new ? "新規" : "継続");
    cli_show_text("  ");
    cli_field(c->channel[0] ? c->channel : "経路未記録", "  ");
    cli_field(c->staff_name, "");
    if (c->urgency[0]) {
        cli_show_text("  緊急度: ");
        cli_field(c->urgency, "");
    }
    cli_show_text("\n");
    if (c->concerns[0]) {
        cli_show_text("    相談分類: ");
        cli_show_concerns(c->concerns);
    }
    if (c->visitor[0] || c->visitor_relation[0]) {
        cli_show_text("    来談者: ");
        cli_field(c->visitor[0] ? c->visitor : "氏名未記録", "");
        if (c->visitor_relation[0]) {
            cli_show_text("（");
            cli_field(c->visitor_relation, "）");
        }
        cli_show_text("\n");
    }
    if (c->referrer[0])
        cli_show_field("    ", "紹介元", c->referrer);
    /* Fields the municipality added to its form, under their labels. */
    for (size_t i = 0; i < c->n_extra; i++) {
        const form_field *fl = f ? form_field_by_id(f, c->extra_ids[i]) : NULL;
        if (c->extra_values[i][0])
            cli_show_field("    ", fl ? fl->label : c->extra_ids[i], c->extra_values[i]);
    }
    cli_show_text("    対応: ");
    cli_field(c->disposition[0] ? c->disposition : "未記録", "");
    if (c->next_contact[0]) {
        cli_show_text("  次回連絡 ");
        cli_field(c->next_contact, "");
    }
    cli_show_text("\n");
    if (c->content[0]) {
        cli_show_text("    内容:\n");
        cli_show_wrapped(c->content, "      ", CLI_SHOW_WRAP);
    }
}

/* The progress record, newest first. */
static void cli_show_timeline(const cli_show_data *s)
{
    /* The labels of extra fields come from the intake form; without it
     * their ids are shown, the values are never hidden. */
    char err[FORM_ERR_MAX];
    form f;
    bool have_form = form_find(CLI_SHOW_FORM, &f, err, sizeof err) == 0;
    printf("\n支援経過記録（%zu件、新しい順）\n", s->n_consults);
    if (s->n_consults == 0)
        cli_show_text("  記録はありません\n");
    for (size_t i = 0; i < s->n_consults; i++) {
        if (i > 0)
            cli_show_text("\n");
        cli_show_entry(&s->consults[i], have_form ? &f : NULL);
    }
    if (have_form)
        form_free(&f);
}

/* ---- 本人同意, つなぎ and cases ------------------------------------------ */

/* Room for an indent and the two more spaces of a wrapped text under it. */
#define CLI_SHOW_INDENT_MAX 16
/* "YYYY-MM-DD HH:MM" and a little room. */
#define CLI_SHOW_TIME_MAX 32

/* "label: text" for a free text: on one line when it is one short line,
 * else the label alone and the text wrapped under it, two cells further
 * in.  The text is made visible either way. */
static void cli_show_para(const char *indent, const char *label, const char *text)
{
    size_t len = strlen(text);
    int w = (int)strlen(indent) + txt_width(label, strlen(label)) + 2 + txt_width(text, len);
    if (strchr(text, '\n') == NULL && w <= CLI_SHOW_WRAP) {
        printf("%s%s: ", indent, label);
        cli_field(text, "\n");
        return;
    }
    char deeper[CLI_SHOW_INDENT_MAX];
    snprintf(deeper, sizeof deeper, "%s  ", indent);
    printf("%s%s:\n", indent, label);
    cli_show_wrapped(text, deeper, CLI_SHOW_WRAP);
}

/* A stored UTC stamp ("YYYY-MM-DDTHH:MM:SSZ") as local "YYYY-MM-DD HH:MM",
 * the counter's clock; anything else as it is (printed made visible). */
static void cli_show_utc(const char *at, char *buf, size_t n)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *end = strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    time_t t = end && *end == '\0' ? timegm(&tm) : (time_t)-1;
    struct tm lt;
    if (t == (time_t)-1 || localtime_r(&t, &lt) == NULL ||
        strftime(buf, n, "%Y-%m-%d %H:%M", &lt) == 0)
        snprintf(buf, n, "%s", at);
}

/* The consent state, the meeting a case of the person may go to, and the
 * notice when that is only the 支援会議; then every consent, newest
 * first, with its withdrawal. */
static void cli_show_consent(const cli_show_data *s, dom_consent_state cs)
{
    printf("\n本人同意: %s  協議の場: %s\n", dom_consent_label(cs),
           dom_route_label(dom_route_of(cs)));
    const char *notice = dom_route_notice(cs);
    if (notice)
        printf("  ※%s\n", notice);
    printf("\n同意の記録（%zu件、新しい順）\n", s->n_consents);
    if (s->n_consents == 0)
        cli_show_text("  記録はありません\n");
    for (size_t i = 0; i < s->n_consents; i++) {
        const db_consent *c = &s->consents[i];
        cli_show_text("  ");
        cli_field(c->given_on, "  ");
        cli_field(c->method, "");
        if (c->proxy_name[0]) {
            cli_show_text(" ");
            cli_field(c->proxy_name, "");
            if (c->proxy_relation[0]) {
                cli_show_text("（");
                cli_field(c->proxy_relation, "）");
            }
        }
        cli_show_text("  範囲: ");
        if (c->all_agencies)
            cli_show_text("全機関");
        for (size_t k = 0; !c->all_agencies && k < c->n_agencies; k++)
            cli_field(c->agency_names[k], k + 1 < c->n_agencies ? "、" : "");
        cli_show_text("  受けた職員: ");
        cli_field(c->taken_by_name[0] ? c->taken_by_name : "不明", "");
        if (c->form_no[0]) {
            cli_show_text("  様式番号: ");
            cli_field(c->form_no, "");
        }
        cli_show_text(dom_consent_in_force(c) ? "  有効\n" : "\n");
        if (!dom_consent_in_force(c)) {
            cli_show_text("    撤回: ");
            cli_field(c->withdrawn_on, "\n");
            cli_show_para("    ", "撤回の理由",
                          c->withdraw_reason[0] ? c->withdraw_reason : "未記録");
        }
        if (c->note[0])
            cli_show_para("    ", "備考", c->note);
    }
}

/* The answers to one referral, oldest first. */
static void cli_show_ref_events(const db_referral_event *es, size_t n)
{
    if (n == 0)
        return;
    cli_show_text("    経過:\n");
    for (size_t i = 0; i < n; i++) {
        char at[CLI_SHOW_TIME_MAX];
        cli_show_utc(es[i].at, at, sizeof at);
        cli_show_text("      ");
        cli_field(at, "  ");
        cli_field(es[i].state, "");
        if (es[i].staff_name[0]) {
            cli_show_text("  ");
            cli_field(es[i].staff_name, "");
        }
        if (es[i].note[0]) {
            cli_show_text("  ");
            cli_field(es[i].note, "");
        }
        cli_show_text("\n");
    }
}

/* Every referral of the person, the latest sent first, with its answers;
 * one still unanswered after its due date is marked 期限切れ. */
static void cli_show_referrals(const cli_show_data *s, txt_date today)
{
    printf("\nつなぎ（%zu件、新しい順）\n", s->n_referrals);
    if (s->n_referrals == 0)
        cli_show_text("  記録はありません\n");
    for (size_t i = 0; i < s->n_referrals; i++) {
        const db_referral *r = &s->referrals[i];
        if (i > 0)
            cli_show_text("\n");
        cli_show_text("  ");
        cli_field(r->sent_on, "  ");
        cli_field(r->agency_name[0] ? r->agency_name : "機関不明", "  ");
        cli_field(r->state, "");
        cli_show_text("  回答期限 ");
        cli_field(r->due_on[0] ? r->due_on : "未定", "");
        cli_show_text(dom_referral_overdue(r, today) ? "  期限切れ\n" : "\n");
        if (r->sent_by_name[0])
            cli_show_field("    ", "送った職員", r->sent_by_name);
        if (r->state_note[0])
            cli_show_para("    ", strcmp(r->state, DOM_REFERRAL_RETURNED) == 0
                                       ? "差戻しの理由" : "状態のメモ", r->state_note);
        cli_show_para("    ", "理由", r->reason);
        cli_show_para("    ", "共有した情報",
                      r->shared[0] ? r->shared : "なし（個人の情報は伝えていません）");
        cli_show_ref_events(s->ref_events[i], s->n_ref_events[i]);
    }
}

/* The escalation criteria as their labels ("1 …"), joined by "、"; a value
 * that is not a criterion's number is shown as it is. */
static void cli_show_criteria(const char *criteria)
{
    bool first = true;
    for (const char *p = criteria; *p;) {
        size_t len = strcspn(p, ",");
        char item[CLI_SHOW_CELL];
        snprintf(item, sizeof item, "%.*s", (int)len, p);
        char *end = NULL;
        long k = strtol(item, &end, 10);
        if (len > 0) {
            if (!first)
                cli_show_text("、");
            if (end && *end == '\0' && end != item && k >= 1 && (size_t)k <= dom_n_case_criteria)
                cli_show_text(dom_case_criteria[k - 1]);
            else
                cli_field(item, "");
            first = false;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    cli_show_text("\n");
}

/* A case's timeline, oldest first. */
static void cli_show_case_events(const db_case_event *es, size_t n)
{
    printf("    経過（%zu件）\n", n);
    for (size_t i = 0; i < n; i++) {
        const db_case_event *e = &es[i];
        char at[CLI_SHOW_TIME_MAX];
        cli_show_utc(e->at, at, sizeof at);
        cli_show_text("      ");
        cli_field(at, "  ");
        cli_field(e->kind, "");
        if (e->from_stage[0] || e->to_stage[0]) {
            cli_show_text("  ");
            if (e->from_stage[0])
                cli_field(e->from_stage, " → ");
            cli_field(e->to_stage, "");
        }
        if (e->staff_name[0]) {
            cli_show_text("  ");
            cli_field(e->staff_name, "");
        }
        if (e->note[0]) {
            cli_show_text("  ");
            cli_field(e->note, "");
        }
        cli_show_text("\n");
    }
}

/* "label: date" within a line, or 未定. */
static void cli_show_date_in(const char *label, const char *date, const char *sep)
{
    cli_show_text(label);
    cli_field(date[0] ? date : "未定", sep);
}

/* The latest plan in full, then the older versions one line each. */
static void cli_show_plans(const db_plan *ps, size_t n, txt_date today)
{
    printf("    プラン（%zu件、新しい順）\n", n);
    if (n == 0) {
        cli_show_text("      まだ作成されていません\n");
        return;
    }
    const db_plan *p = &ps[0];
    printf("      第%d版  ", p->seq);
    cli_field(p->type, "  ");
    cli_field(p->state, "");
    for (size_t i = 1; p->replaces_id && i < n; i++)
        if (ps[i].id == p->replaces_id)
            printf("  （第%d版の再プラン）", ps[i].seq);
    cli_show_text("\n");
    if (p->type_reason[0])
        cli_show_para("        ", "種類の理由", p->type_reason);
    cli_show_para("        ", "本人目標", p->goal[0] ? p->goal : "未記入");
    cli_show_para("        ", "支援方針", p->policy[0] ? p->policy : "未記入");
    printf("        役割分担（%zu）\n", p->n_roles);
    for (size_t i = 0; i < p->n_roles; i++) {
        const db_plan_role *r = &p->roles[i];
        cli_show_text("          ");
        if (r->agency_name[0]) {
            cli_field(r->agency_name, "");
            if (r->who[0]) {
                cli_show_text("（");
                cli_field(r->who, "）");
            }
        } else {
            cli_field(r->who[0] ? r->who : "担当未定", "");
        }
        cli_show_text("：");
        cli_field(r->role, "\n");
    }
    cli_show_date_in("        承認日: ", p->approved_on, "  ");
    cli_show_date_in("モニタリング: ", p->monitor_on, "  ");
    cli_show_date_in("評価: ", p->evaluate_on, "\n");
    const char *date = "";
    bool overdue = false;
    const char *what = dom_plan_next(p, today, &date, &overdue);
    if (what) {
        printf("        次の予定: %s ", what);
        cli_field(date, overdue ? "  期限切れ\n" : "\n");
    }
    if (n > 1)
        cli_show_text("      以前の版\n");
    for (size_t i = 1; i < n; i++) {
        char created[CLI_SHOW_TIME_MAX];
        printf("        第%d版  ", ps[i].seq);
        cli_field(ps[i].type, "  ");
        cli_field(ps[i].state, "  ");
        if (ps[i].approved_on[0]) {
            cli_show_date_in("承認日 ", ps[i].approved_on, "\n");
        } else {
            cli_show_utc(ps[i].created_at, created, sizeof created);
            created[strcspn(created, " ")] = '\0';   /* the date of "date time" */
            cli_show_date_in("作成 ", created, "\n");
        }
    }
}

/* Every case of the person, the open ones first: its business, stage,
 * 主担当 and why it came to 多機関協働, its timeline and its plans.  Each
 * carries the route notice while no consent is in force. */
static void cli_show_cases(const cli_show_data *s, dom_consent_state cs, txt_date today)
{
    const char *notice = dom_route_notice(cs);
    printf("\nケース（%zu件）\n", s->n_cases);
    if (s->n_cases == 0)
        cli_show_text("  記録はありません\n");
    for (size_t i = 0; i < s->n_cases; i++) {
        const db_case *c = &s->cases[i];
        if (i > 0)
            cli_show_text("\n");
        printf("  ケース番号 %lld  ", (long long)c->id);
        cli_field(c->business, "  段階: ");
        cli_field(c->stage, "  開始 ");
        cli_field(c->opened_on, "\n");
        if (notice)
            printf("    ※%s\n", notice);
        cli_show_text("    主担当: ");
        cli_field(c->lead_staff_name[0] ? c->lead_staff_name : "未定", "");
        if (c->lead_agency_name[0]) {
            cli_show_text("（");
            cli_field(c->lead_agency_name, "）");
        }
        cli_show_text("\n");
        if (c->criteria[0] || strcmp(c->business, DOM_BUSINESS_TAKIKAN) == 0) {
            cli_show_text("    多機関協働の基準: ");
            if (c->criteria[0])
                cli_show_criteria(c->criteria);
            else
                cli_show_text("未記録\n");
        }
        if (c->tried[0])
            cli_show_para("    ", "これまでに試みたこと", c->tried);
        cli_show_case_events(s->case_events[i], s->n_case_events[i]);
        cli_show_plans(s->plans[i], s->n_plans[i], today);
    }
}

/* The person number in arg, or -1 when it is not one. */
static long long cli_show_id(const char *arg)
{
    size_t n = strlen(arg);
    if (n == 0 || n > CLI_SHOW_ID_DIGITS || strspn(arg, "0123456789") != n)
        return -1;
    long long id = strtoll(arg, NULL, 10);
    return id > 0 ? id : -1;
}

/* Read, record the view, print.  0 shown, 1 no such person, 2 error. */
static int cli_show_run(db *d, int64_t id)
{
    cli_show_data s;
    memset(&s, 0, sizeof s);
    db_status st = db_person_get(d, id, &s.person);
    if (st == DB_NOTFOUND) {
        cli_error("番号 %lld の人は登録されていません", (long long)id);
        return CLI_NOMATCH;
    }
    if (st != DB_OK) {
        cli_error("%s", db_errmsg(d));
        return CLI_ERROR;
    }
    /* A summary whose viewing cannot be recorded is not shown. */
    st = db_audit_view(d, "person", id);
    if (st == DB_OK)
        st = cli_show_load(d, &s);
    int rc = CLI_OK;
    if (st != DB_OK) {
        /* Memory for the lists of lists runs out before the db is asked. */
        cli_error("%s", st == DB_NOMEM ? db_status_text(st) : db_errmsg(d));
        rc = CLI_ERROR;
    } else {
        txt_date today = dom_today();
        cli_show_person(&s.person, today);
        cli_show_household(&s, today);
        cli_show_links(&s);
        cli_show_open(&s, today);
        cli_show_timeline(&s);
        dom_consent_state cs = dom_consent_state_list(s.consents, s.n_consents);
        cli_show_consent(&s, cs);
        cli_show_referrals(&s, today);
        cli_show_cases(&s, cs, today);
    }
    cli_show_free(&s);
    db_person_free(&s.person);
    return rc;
}

/* `tsunagi show PERSON_ID`: 0 shown, 1 no such person, 2 error. */
int cli_show(const cli_opts *o, int argc, char **argv)
{
    if (argc != 2) {
        cli_error("人の番号を一つ指定してください（tsunagi search で調べられます）");
        return CLI_ERROR;
    }
    long long id = cli_show_id(argv[1]);
    if (id < 0) {
        cli_error("人の番号は数字で指定してください: %s", argv[1]);
        return CLI_ERROR;
    }
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    int rc = cli_show_run(d, id);
    db_staff_free(&who);
    db_close(d);
    return rc;
}
