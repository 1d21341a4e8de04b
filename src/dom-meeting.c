/* dom-meeting.c - the rules of the two meetings (DOMAIN.md, "The two
 * meetings side by side"): which cases may come to which meeting (a kind
 * not under 守秘義務 takes only cases with consent in force), the moments
 * that call a case to an agenda (あわら市: プラン策定, 再プラン, 終結判断,
 * 中断決定; the 支援会議's 情報共有 and 緊急), regular series (武豊町: every
 * second month), and what each decision does to the case and its plan. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"

#define DOM_DATE_ISO_MAX 16
#define DOM_EVENT_NOTE_MAX 1024
/* The assessment form's field for 緊急性 (forms/assessment.form). */
#define DOM_ASSESS_URGENCY "urgency"
#define DOM_URGENCY_HIGHEST "緊急"
#define DOM_URGENCY_HIGH "高"
enum { DOM_URGENT, DOM_HIGH, DOM_USUAL };
#define DOM_HOURS_PER_DAY 24
#define DOM_DAYS_PER_WEEK 7
#define DOM_MINUTES_PER_HOUR 60
/* The case event a decision writes. */
#define DOM_EVENT_MEETING "会議"

const char *const dom_meeting_states[] = { DOM_MEETING_PLANNED, DOM_MEETING_HELD,
                                           DOM_MEETING_CANCELLED };
const size_t dom_n_meeting_states = sizeof dom_meeting_states / sizeof dom_meeting_states[0];

enum { DOM_M_PLAN, DOM_M_REPLAN, DOM_M_CLOSE, DOM_M_SUSPEND, DOM_M_SHARE, DOM_M_URGENT };
const char *const dom_agenda_moments[] = { "プラン策定", "再プラン", "終結判断", "中断決定",
                                           "情報共有", "緊急" };
const size_t dom_n_agenda_moments = sizeof dom_agenda_moments / sizeof dom_agenda_moments[0];

enum { DOM_D_APPROVE, DOM_D_AMEND, DOM_D_REVIEW, DOM_D_CLOSE, DOM_D_SUSPEND, DOM_D_BACK,
       DOM_D_SHARE };
const char *const dom_decisions[] = { "承認", "修正のうえ承認", "再検討", "終結", "中断",
                                      "包括的相談支援に戻す", "情報共有のみ" };
const size_t dom_n_decisions = sizeof dom_decisions / sizeof dom_decisions[0];
_Static_assert(sizeof dom_decisions / sizeof dom_decisions[0] <= DOM_DECISION_MAX,
               "DOM_DECISION_MAX holds every decision");

const char *const dom_confidential_namings[] = { "氏名", "イニシャル", "ケース番号" };
const size_t dom_n_confidential_namings =
    sizeof dom_confidential_namings / sizeof dom_confidential_namings[0];

/* The case stages a decision moves to (dom_case_stages). */
#define DOM_STAGE_PLANNING "プラン作成"
#define DOM_STAGE_DECIDED "支援決定"
#define DOM_STAGE_SUPPORT "支援中"
#define DOM_STAGE_EVALUATION "評価"
#define DOM_STAGE_CLOSED "終結"
#define DOM_STAGE_SUSPENDED "中断"
#define DOM_STAGE_BACK "包括的相談支援に戻す"
#define DOM_PLAN_CLOSED "終結"
#define DOM_PLAN_RUNNING "実施中"

/* The index of text in list[0..n), or n. */
static size_t dom_meeting_index(const char *const *list, size_t n, const char *text)
{
    size_t i = 0;
    while (text && i < n && strcmp(list[i], text) != 0)
        i++;
    return text ? i : n;
}

/* Whether a moment is this one of dom_agenda_moments. */
static bool dom_moment_is(const char *moment, int which)
{
    return moment && strcmp(moment, dom_agenda_moments[which]) == 0;
}

/* Whether a decision is this one of dom_decisions. */
static bool dom_decision_is(const char *decision, int which)
{
    return decision && strcmp(decision, dom_decisions[which]) == 0;
}

/* Why a case may not go on an agenda for a moment, or NULL. */
const char *dom_agenda_refusal(bool confidential, dom_consent_state consent, const char *moment)
{
    if (dom_meeting_index(dom_agenda_moments, dom_n_agenda_moments, moment) ==
        dom_n_agenda_moments)
        return "議題の理由（プラン策定・再プラン・終結判断・中断決定・情報共有・緊急）を選んでください";
    if (!confidential && (dom_moment_is(moment, DOM_M_SHARE) || dom_moment_is(moment, DOM_M_URGENT)))
        return "情報共有と緊急の議題は支援会議（守秘義務）で扱います";
    if (!confidential && consent == DOM_CONSENT_WITHDRAWN)
        return "本人同意が撤回されているため、この会議では扱えません。支援会議（守秘義務）で扱ってください";
    if (!confidential && consent != DOM_CONSENT_GIVEN)
        return "本人同意がないため、この会議では扱えません。支援会議（守秘義務）で扱ってください";
    return NULL;
}

/* Whether an item goes on the papers of its meeting. */
bool dom_agenda_on_paper(bool confidential, dom_consent_state consent)
{
    return confidential || consent == DOM_CONSENT_GIVEN;
}

/* The 緊急性 an assessment's values give (DOM_USUAL when none). */
static int dom_agenda_urgency(const char *assessment)
{
    size_t klen = strlen(DOM_ASSESS_URGENCY);
    for (const char *line = assessment; line && *line;) {
        size_t len = strcspn(line, "\n");
        if (len > klen && strncmp(line, DOM_ASSESS_URGENCY, klen) == 0 && line[klen] == '\t') {
            const char *v = line + klen + 1;
            size_t vlen = len - klen - 1;
            if (vlen == strlen(DOM_URGENCY_HIGHEST) && strncmp(v, DOM_URGENCY_HIGHEST, vlen) == 0)
                return DOM_URGENT;
            if (vlen == strlen(DOM_URGENCY_HIGH) && strncmp(v, DOM_URGENCY_HIGH, vlen) == 0)
                return DOM_HIGH;
            return DOM_USUAL;
        }
        line += len + (line[len] == '\n');
    }
    return DOM_USUAL;
}

/* Whether an ISO date is set and not after `on`. */
static bool dom_due_by(const char *iso, txt_date on)
{
    txt_date d;
    return iso && iso[0] && txt_date_parse(iso, strlen(iso), &d) == 0 && txt_date_cmp(d, on) <= 0;
}

/* Whether a case has had no event since DOM_UNREACHABLE_DAYS before `on`;
 * *since receives the day it counts as due. */
static bool dom_unreached(const db_case_status *cs, txt_date on, txt_date *since)
{
    txt_date last;
    if (cs->last_activity == NULL ||
        txt_date_parse(cs->last_activity, strlen(cs->last_activity), &last) != 0)
        return false;
    *since = txt_date_add_days(last, DOM_UNREACHABLE_DAYS);
    return txt_date_cmp(*since, on) <= 0;
}

/* The moment an open case is at for a meeting held on `on`. */
const char *dom_agenda_moment_of(const db_case_status *cs, bool confidential, txt_date on,
                                 char *due, size_t due_len)
{
    dom_consent_state consent = dom_consent_state_of(cs->in_force, cs->consents);
    bool plan_live = cs->plan_state && (strcmp(cs->plan_state, DOM_PLAN_APPROVED) == 0 ||
                                        strcmp(cs->plan_state, DOM_PLAN_RUNNING) == 0);
    txt_date since;
    snprintf(due, due_len, "%s", cs->opened_on ? cs->opened_on : "");
    if (confidential && dom_agenda_urgency(cs->assessment) == DOM_URGENT) {
        txt_date_iso(on, due, due_len);
        return dom_agenda_moments[DOM_M_URGENT];
    }
    if (cs->plan_state && strcmp(cs->plan_state, DOM_PLAN_DRAFT) == 0)
        return dom_agenda_moments[cs->replan ? DOM_M_REPLAN : DOM_M_PLAN];
    if (strcmp(cs->stage, DOM_STAGE_EVALUATION) == 0 || (plan_live && dom_due_by(cs->evaluate_on, on))) {
        snprintf(due, due_len, "%s", cs->evaluate_on && cs->evaluate_on[0] ? cs->evaluate_on : "");
        return dom_agenda_moments[DOM_M_CLOSE];
    }
    if (strcmp(cs->stage, DOM_STAGE_FIRST) != 0 && dom_unreached(cs, on, &since)) {
        txt_date_iso(since, due, due_len);
        return dom_agenda_moments[DOM_M_SUSPEND];
    }
    if (confidential && consent != DOM_CONSENT_GIVEN &&
        (strcmp(cs->stage, DOM_STAGE_FIRST) == 0 || strcmp(cs->stage, DOM_STAGE_REOPENED) == 0))
        return dom_agenda_moments[DOM_M_SHARE];
    due[0] = '\0';
    return NULL;
}

/* The most urgent first, then the earliest due (undated last), then the
 * oldest case. */
static int dom_candidate_order(const void *x, const void *y)
{
    const dom_candidate *a = x, *b = y;
    if (a->urgency != b->urgency)
        return a->urgency - b->urgency;
    if ((a->due[0] == '\0') != (b->due[0] == '\0'))
        return a->due[0] == '\0' ? 1 : -1;
    int c = strcmp(a->due, b->due);
    if (c != 0)
        return c;
    return (a->status->case_id > b->status->case_id) - (a->status->case_id < b->status->case_id);
}

/* The candidates for a meeting. */
size_t dom_agenda_candidates(const db_case_status *cs, size_t n, bool confidential,
                             txt_date on, dom_candidate *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        dom_candidate c = { &cs[i], NULL, dom_agenda_urgency(cs[i].assessment), "" };
        c.moment = dom_agenda_moment_of(&cs[i], confidential, on, c.due, sizeof c.due);
        dom_consent_state consent = dom_consent_state_of(cs[i].in_force, cs[i].consents);
        /* On an agenda still to come (this one's or another's) already. */
        bool placed = cs[i].upcoming_meeting != 0;
        if (c.moment == NULL || placed || dom_agenda_refusal(confidential, consent, c.moment))
            continue;
        out[k++] = c;
    }
    if (k > 1)
        qsort(out, k, sizeof *out, dom_candidate_order);
    return k;
}

/* The day in month (y, m) that is the n-th (1-5) weekday wd of it, the
 * last one when the month has no n-th. */
static txt_date dom_nth_weekday(int y, int m, int n, int wd)
{
    int first = txt_date_weekday((txt_date){ y, m, 1 });
    int d = 1 + (wd - first + DOM_DAYS_PER_WEEK) % DOM_DAYS_PER_WEEK + (n - 1) * DOM_DAYS_PER_WEEK;
    while (!txt_date_valid(y, m, d))
        d -= DOM_DAYS_PER_WEEK;
    return (txt_date){ y, m, d };
}

/* The dates of a regular series: the first date's week and weekday kept
 * (a meeting on the second Wednesday stays on the second Wednesday, as a
 * 定例会議 is fixed), every `months` months. */
size_t dom_meeting_series(txt_date first, int months, size_t count, txt_date *out)
{
    if (months < 1 || months > DOM_SERIES_MONTHS_MAX || count < 1 || count > DOM_SERIES_COUNT_MAX ||
        !txt_date_valid(first.y, first.m, first.d))
        return 0;
    int n = (first.d - 1) / DOM_DAYS_PER_WEEK + 1, wd = txt_date_weekday(first);
    for (size_t i = 0; i < count; i++) {
        txt_date month = dom_date_add_months((txt_date){ first.y, first.m, 1 }, (int)i * months);
        out[i] = dom_nth_weekday(month.y, month.m, n, wd);
    }
    return count;
}

/* Whether text is "HH:MM" on a 24-hour clock. */
static bool dom_time_valid(const char *t)
{
    int h, m;
    char rest;
    return strlen(t) == strlen("00:00") && sscanf(t, "%2d:%2d%c", &h, &m, &rest) == 2 &&
           h >= 0 && h < DOM_HOURS_PER_DAY && m >= 0 && m < DOM_MINUTES_PER_HOUR;
}

/* Check a meeting about to be saved. */
const char *dom_meeting_invalid(const db_meeting *m)
{
    txt_date d;
    if (m->kind_id <= 0)
        return "会議の種類を選んでください";
    if (m->held_on == NULL || txt_date_parse(m->held_on, strlen(m->held_on), &d) != 0)
        return "開催日を正しく入力してください";
    if (m->starts_at && m->starts_at[0] && !dom_time_valid(m->starts_at))
        return "開始時刻は 13:30 のように入力してください";
    if (dom_meeting_index(dom_meeting_states, dom_n_meeting_states, m->state) ==
        dom_n_meeting_states)
        return "会議の状態（予定・開催済・中止）を選んでください";
    return NULL;
}

/* A meeting and its members being inserted. */
struct dom_meeting_new {
    db_meeting *m;
    const db_meeting_member *members;
    size_t n_members;
    int months;
    size_t count;
    int64_t first;
};

/* Insert one meeting on a day, with the members. */
static db_status dom_meeting_insert_on(db *d, struct dom_meeting_new *n, txt_date day)
{
    char iso[DOM_DATE_ISO_MAX];
    txt_date_iso(day, iso, sizeof iso);
    db_meeting m = *n->m;
    m.held_on = iso;
    m.series_id = n->first;
    db_status s = db_meeting_insert(d, &m);
    if (s == DB_OK)
        s = db_meeting_set_members(d, m.id, n->members, n->n_members);
    if (s == DB_OK && n->first == 0) {
        n->first = m.id;
        /* A series names its first meeting, the first one too; a single
         * meeting names none. */
        if (n->count > 1)
            s = db_meeting_set_series(d, m.id, m.id);
    }
    return s;
}

/* The body of the series' transaction (a single meeting is a series of
 * one that names no series). */
static db_status dom_meeting_series_tx(db *d, void *arg)
{
    struct dom_meeting_new *n = arg;
    txt_date first, days[DOM_SERIES_COUNT_MAX];
    if (txt_date_parse(n->m->held_on, strlen(n->m->held_on), &first) != 0 ||
        dom_meeting_series(first, n->months, n->count, days) != n->count)
        return db_refuse(d, DB_INVALID, "定例の間隔（1〜12か月）と回数（1〜60回）を確かめてください");
    n->first = 0;
    db_status s = DB_OK;
    for (size_t i = 0; s == DB_OK && i < n->count; i++)
        s = dom_meeting_insert_on(d, n, days[i]);
    return s;
}

/* Insert a meeting with its members. */
db_status dom_meeting_create(db *d, db_meeting *m, const db_meeting_member *members,
                             size_t n_members)
{
    const char *why = dom_meeting_invalid(m);
    if (why)
        return db_refuse(d, DB_INVALID, why);
    struct dom_meeting_new n = { m, members, n_members, 1, 1, 0 };
    db_status s = db_write(d, dom_meeting_series_tx, &n);
    if (s == DB_OK)
        s = db_meeting_get(d, n.first, m) == DB_OK ? DB_OK : s;
    return s;
}

/* Insert a regular series of meetings. */
db_status dom_meeting_series_create(db *d, const db_meeting *m, int months, size_t count,
                                    const db_meeting_member *members, size_t n_members,
                                    int64_t *first)
{
    const char *why = dom_meeting_invalid(m);
    if (why)
        return db_refuse(d, DB_INVALID, why);
    struct dom_meeting_new n = { (db_meeting *)m, members, n_members, months, count, 0 };
    db_status s = db_write(d, dom_meeting_series_tx, &n);
    *first = s == DB_OK ? n.first : 0;
    return s;
}

/* Which decisions an item may take. */
bool dom_decision_allowed(const char *moment, const char *plan_state, const char *decision)
{
    if (dom_meeting_index(dom_decisions, dom_n_decisions, decision) == dom_n_decisions)
        return false;
    if (dom_decision_is(decision, DOM_D_APPROVE) || dom_decision_is(decision, DOM_D_AMEND))
        return plan_state && strcmp(plan_state, DOM_PLAN_DRAFT) == 0 &&
               !dom_moment_is(moment, DOM_M_CLOSE) && !dom_moment_is(moment, DOM_M_SUSPEND);
    if (dom_decision_is(decision, DOM_D_CLOSE))
        return dom_moment_is(moment, DOM_M_CLOSE);
    return true;
}

/* Whether a decision ends the case and so needs its reason. */
static bool dom_decision_needs_note(const char *decision)
{
    return dom_decision_is(decision, DOM_D_CLOSE) || dom_decision_is(decision, DOM_D_SUSPEND) ||
           dom_decision_is(decision, DOM_D_BACK);
}

/* Check a decision about to be recorded. */
const char *dom_decision_invalid(const db_meeting *m, const db_agenda_item *it,
                                 const char *plan_state, dom_consent_state consent,
                                 const char *decision, const char *note, txt_date today)
{
    txt_date held;
    if (dom_meeting_index(dom_decisions, dom_n_decisions, decision) == dom_n_decisions)
        return "決定を選んでください";
    if (strcmp(m->state, DOM_MEETING_CANCELLED) == 0)
        return "中止した会議には決定を記録できません";
    if (txt_date_parse(m->held_on, strlen(m->held_on), &held) != 0 || txt_date_cmp(held, today) > 0)
        return "まだ開かれていない会議です。決定は開催日から記録できます";
    if (!m->confidential && consent != DOM_CONSENT_GIVEN)
        return "本人同意が有効でないため、この会議では決定できません。支援会議（守秘義務）で扱ってください";
    if (!dom_decision_allowed(it->moment, plan_state, decision)) {
        if (dom_decision_is(decision, DOM_D_CLOSE))
            return "終結は「終結判断」の議題で決めます";
        return "承認できるのは案のプランです（終結判断・中断決定の議題では承認しません）";
    }
    if (dom_decision_needs_note(decision) && (note == NULL || note[0] == '\0'))
        return "この決定には理由（決定の内容）を入力してください";
    return NULL;
}

/* What a decision does. */
dom_decision_effect dom_decision_effect_of(const char *moment, const char *decision)
{
    dom_decision_effect e = { NULL, NULL, false };
    if (dom_decision_is(decision, DOM_D_APPROVE) || dom_decision_is(decision, DOM_D_AMEND)) {
        e.stage = DOM_STAGE_DECIDED;
        e.plan_state = DOM_PLAN_APPROVED;
        e.dates = true;
    } else if (dom_decision_is(decision, DOM_D_CLOSE)) {
        e.stage = DOM_STAGE_CLOSED;
        e.plan_state = DOM_PLAN_CLOSED;
    } else if (dom_decision_is(decision, DOM_D_SUSPEND)) {
        e.stage = DOM_STAGE_SUSPENDED;
    } else if (dom_decision_is(decision, DOM_D_BACK)) {
        e.stage = DOM_STAGE_BACK;
    } else if (dom_decision_is(decision, DOM_D_REVIEW)) {
        /* Not yet: a plan goes back to be made again; a case not ready to
         * close carries on, evaluated again later. */
        if (dom_moment_is(moment, DOM_M_PLAN) || dom_moment_is(moment, DOM_M_REPLAN))
            e.stage = DOM_STAGE_PLANNING;
        else if (dom_moment_is(moment, DOM_M_CLOSE)) {
            e.stage = DOM_STAGE_SUPPORT;
            e.dates = true;
        }
    }
    return e;
}

/* A decision being recorded. */
struct dom_decision {
    const db_meeting *m;
    db_agenda_item *it;
    const char *decision, *note, *gap;
    txt_date today, held;
};

/* The plan an item discusses: its own, or the case's latest. */
static db_status dom_decision_plan(db *d, const db_agenda_item *it, db_plan *p, bool *found)
{
    *found = false;
    memset(p, 0, sizeof *p);
    if (it->plan_id > 0) {
        db_status s = db_plan_get(d, it->plan_id, p);
        *found = s == DB_OK;
        return s;
    }
    db_plan *plans = NULL;
    size_t n = 0;
    db_status s = db_plan_by_case(d, it->case_id, &plans, &n);
    if (s == DB_OK && n > 0) {
        *p = plans[0];
        memset(&plans[0], 0, sizeof plans[0]);
        *found = true;
    }
    db_plan_list_free(plans, n);
    return s;
}

/* Move the plan forward step by step to `to` (approval and new dates
 * counted from the meeting's day); a plan that cannot reach it (a 案 for
 * 終結) stays as it is. */
static db_status dom_decision_move_plan(db *d, db_plan *p, const dom_decision_effect *e,
                                        txt_date held)
{
    size_t from = dom_meeting_index(dom_plan_states, dom_n_plan_states, p->state);
    size_t to = e->plan_state ? dom_meeting_index(dom_plan_states, dom_n_plan_states, e->plan_state)
                              : from;
    bool approving = e->plan_state && strcmp(e->plan_state, DOM_PLAN_APPROVED) == 0;
    bool reachable = to < dom_n_plan_states && to > from &&
                     (approving || from > 0);   /* never approve on the way to 終結 */
    if (!reachable && !e->dates)
        return DB_OK;
    char approved[DOM_DATE_ISO_MAX], monitor[DOM_DATE_ISO_MAX], evaluate[DOM_DATE_ISO_MAX];
    txt_date_iso(held, approved, sizeof approved);
    txt_date_iso(dom_date_add_months(held, DOM_PLAN_MONITOR_MONTHS), monitor, sizeof monitor);
    txt_date_iso(dom_date_add_months(held, DOM_PLAN_EVALUATE_MONTHS), evaluate, sizeof evaluate);
    db_plan q = *p;
    if (reachable)
        q.state = (char *)dom_plan_states[to];
    if (approving)
        q.approved_on = approved;
    if (e->dates) {
        q.monitor_on = monitor;
        q.evaluate_on = evaluate;
    }
    return db_plan_update(d, &q);
}

/* The case's stage moved (if the decision moves it) and the decision
 * written on its timeline. */
static db_status dom_decision_case(db *d, struct dom_decision *x, const db_case *c,
                                   const dom_decision_effect *e)
{
    db_status s = DB_OK;
    bool moves = e->stage && strcmp(e->stage, c->stage) != 0;
    if (moves)
        s = db_case_set_stage(d, c->id, c->version, e->stage);
    if (s != DB_OK)
        return s;
    char day[DOM_DATE_ISO_MAX * 2], note[DOM_EVENT_NOTE_MAX];
    txt_date_wareki_short(x->held, day, sizeof day);
    snprintf(note, sizeof note, "%s（%s）の決定: %s%s%s", x->m->kind_name ? x->m->kind_name : "",
             day, x->decision, x->note && x->note[0] ? "。" : "", x->note ? x->note : "");
    db_case_event ev = { .case_id = c->id, .kind = DOM_EVENT_MEETING,
                         .from_stage = moves ? c->stage : "",
                         .to_stage = moves ? (char *)e->stage : "", .note = note };
    return db_case_event_add(d, &ev);
}

/* The body of dom_agenda_decide's transaction: everything read again
 * inside it, so that the rules meet what is stored now. */
static db_status dom_agenda_decide_tx(db *d, void *arg)
{
    struct dom_decision *x = arg;
    db_case c;
    db_status s = db_case_get(d, x->it->case_id, &c);
    if (s != DB_OK)
        return s;
    int in_force = 0, total = 0;
    db_plan p;
    bool has_plan = false;
    s = db_consent_counts(d, c.person_id, &in_force, &total);
    if (s == DB_OK)
        s = dom_decision_plan(d, x->it, &p, &has_plan);
    const char *why = s == DB_OK ? dom_decision_invalid(x->m, x->it, has_plan ? p.state : "",
                                                         dom_consent_state_of(in_force, total),
                                                         x->decision, x->note, x->today)
                                 : NULL;
    dom_decision_effect e = dom_decision_effect_of(x->it->moment, x->decision);
    if (s == DB_OK && why == NULL && e.stage && dom_case_closed(c.stage))
        why = "このケースはすでに終わっています（終結・中断・戻し）。先にケースを再開してください";
    if (s == DB_OK && why)
        s = db_refuse(d, DB_INVALID, why);
    if (s == DB_OK)
        s = dom_decision_case(d, x, &c, &e);
    if (s == DB_OK && has_plan)
        s = dom_decision_move_plan(d, &p, &e, x->held);
    if (s == DB_OK) {
        db_agenda_item row = *x->it;
        row.decision = (char *)x->decision;
        row.decision_note = (char *)(x->note ? x->note : "");
        row.resource_gap = (char *)(x->gap ? x->gap : "");
        s = db_agenda_decide(d, &row);
        if (s == DB_OK)
            x->it->version = row.version;
    }
    db_case_free(&c);
    if (has_plan)
        db_plan_free(&p);
    return s;
}

/* Record a decision with its effects in one transaction. */
db_status dom_agenda_decide(db *d, const db_meeting *m, db_agenda_item *it,
                            const char *decision, const char *note, const char *gap,
                            txt_date today)
{
    struct dom_decision x = { m, it, decision, note, gap, today, today };
    if (txt_date_parse(m->held_on, strlen(m->held_on), &x.held) != 0)
        return db_refuse(d, DB_INVALID, "会議の開催日が読めません");
    int64_t version = it->version;
    db_status s = db_write(d, dom_agenda_decide_tx, &x);
    if (s != DB_OK)
        it->version = version;   /* a failed attempt may have moved it */
    return s;
}

/* The settings an administrator may choose, and the help for each. */
static const struct {
    const char *key, *help;
} dom_settings[] = {
    { DOM_SETTING_AGENDA_CAP, "一つの会議の議題の上限（1〜99、既定 12）" },
    { DOM_SETTING_CONFIDENTIAL_NAMES,
      "支援会議の資料での本人の表し方（氏名・イニシャル・ケース番号、既定 イニシャル）" },
};

/* Check a setting's key and value; NULL when fine, else why (Japanese). */
const char *dom_setting_invalid(const char *key, const char *value)
{
    if (key && strcmp(key, DOM_SETTING_AGENDA_CAP) == 0) {
        char *end;
        long cap = value ? strtol(value, &end, 10) : 0;
        return value && *value && *end == '\0' && cap >= 1 && cap <= DOM_AGENDA_CAP_MAX
                   ? NULL : dom_settings[0].help;
    }
    if (key && strcmp(key, DOM_SETTING_CONFIDENTIAL_NAMES) == 0)
        return dom_meeting_index(dom_confidential_namings, dom_n_confidential_namings, value) <
                       dom_n_confidential_namings
                   ? NULL : dom_settings[1].help;
    return "設定の名前は agenda_cap か confidential_names です";
}

/* The n-th setting's key and help (NULL past the last). */
const char *dom_setting_key(size_t i, const char **help)
{
    if (i >= sizeof dom_settings / sizeof dom_settings[0])
        return NULL;
    *help = dom_settings[i].help;
    return dom_settings[i].key;
}

/* The agenda cap in force: the administrator's, else the default. */
db_status dom_agenda_cap(db *d, int *cap)
{
    char *value = NULL;
    *cap = DOM_AGENDA_CAP_DEFAULT;
    db_status s = db_setting_get(d, DOM_SETTING_AGENDA_CAP, &value);
    if (s == DB_NOTFOUND)
        return DB_OK;
    if (s == DB_OK && dom_setting_invalid(DOM_SETTING_AGENDA_CAP, value) == NULL)
        *cap = (int)strtol(value, NULL, 10);
    free(value);
    return s;
}
