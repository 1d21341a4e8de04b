/* dom-matching.c - the rules of participation support (参加支援事業): a
 * person with a 参加支援プラン is matched to a local resource; the
 * matching moves 調整中 → 開始 → 定着 and ends 終了 or 中止 with a reason;
 * follow-ups with the person and the host keep it, each planning the next
 * (soon after a start, less often once it holds). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "domain.h"

#define DOM_MATCH_ISO_MAX 16
#define DOM_PLAN_PARTICIPATION "参加支援プラン"

enum { DOM_MS_ARRANGING, DOM_MS_STARTED, DOM_MS_SETTLED, DOM_MS_ENDED, DOM_MS_STOPPED,
       DOM_MS_COUNT };
const char *const dom_matching_states[] = { "調整中", "開始", "定着", "終了", "中止" };
const size_t dom_n_matching_states = DOM_MS_COUNT;
const char *const dom_resource_kinds[] = { "就労体験", "ボランティア", "居場所", "学習支援", "住まい",
                                           "企業", "その他" };
const size_t dom_n_resource_kinds = sizeof dom_resource_kinds / sizeof dom_resource_kinds[0];
const char *const dom_follow_withs[] = { "本人", "受け入れ先", "両方" };
const size_t dom_n_follow_withs = sizeof dom_follow_withs / sizeof dom_follow_withs[0];

/* Days until the next follow-up, by the state a matching is in: close at
 * first, then as the connection holds, less and less often. */
static const int dom_follow_days[DOM_MS_COUNT] = {
    [DOM_MS_ARRANGING] = 7, [DOM_MS_STARTED] = 14, [DOM_MS_SETTLED] = 90,
};

/* The index of text in list[0..n), or n. */
static size_t dom_matching_index(const char *const *list, size_t n, const char *text)
{
    size_t i = 0;
    while (text && i < n && strcmp(list[i], text) != 0)
        i++;
    return text ? i : n;
}

/* Check a resource about to be saved: a name and a known kind. */
const char *dom_resource_invalid(const db_resource *r)
{
    if (r->name == NULL || r->name[0] == '\0')
        return "社会資源の名前を入力してください";
    if (dom_matching_index(dom_resource_kinds, dom_n_resource_kinds, r->kind) ==
        dom_n_resource_kinds)
        return "種類（就労体験・ボランティア・居場所・学習支援・住まい・企業・その他）を選んでください";
    return NULL;
}

/* Whether a matching may move: 調整中 to 開始, 開始 to 定着, and any open
 * one to 終了 or 中止. */
bool dom_matching_may_move(const char *from, const char *to)
{
    size_t f = dom_matching_index(dom_matching_states, DOM_MS_COUNT, from);
    size_t t = dom_matching_index(dom_matching_states, DOM_MS_COUNT, to);
    if (f >= DOM_MS_ENDED || t == DOM_MS_COUNT)
        return false;
    return t == f + 1 || t == DOM_MS_ENDED || t == DOM_MS_STOPPED;
}

/* The day of the next follow-up for a state, from a day ("" once ended). */
static void dom_matching_next(const char *state, txt_date from, char *buf, size_t n)
{
    size_t i = dom_matching_index(dom_matching_states, DOM_MS_COUNT, state);
    if (i >= DOM_MS_ENDED) {
        buf[0] = '\0';
        return;
    }
    txt_date_iso(txt_date_add_days(from, dom_follow_days[i]), buf, n);
}

/* A matching being made: the case and plan checked inside it. */
struct dom_matching_new {
    db_matching *m;
    const char *done_on;
};

/* The body of the matching's transaction: the case is 参加支援 with a
 * 参加支援プラン (the one matched from), the resource active, then the
 * matching and its first event. */
static db_status dom_matching_start_tx(db *d, void *arg)
{
    struct dom_matching_new *x = arg;
    db_case c;
    db_status s = db_case_get(d, x->m->case_id, &c);
    if (s != DB_OK)
        return s;
    bool participation = strcmp(c.business, "参加支援") == 0 && !dom_case_closed(c.stage);
    x->m->person_id = c.person_id;
    db_case_free(&c);
    db_plan *plans = NULL;
    size_t n = 0;
    if (participation)
        s = db_plan_by_case(d, x->m->case_id, &plans, &n);
    bool planned = s == DB_OK && n > 0 && strcmp(plans[0].type, DOM_PLAN_PARTICIPATION) == 0;
    x->m->plan_id = planned ? plans[0].id : 0;
    db_plan_list_free(plans, n);
    if (s != DB_OK)
        return s;
    if (!participation || !planned)
        return db_refuse(d, DB_INVALID,
                         "つなげられるのは、参加支援プランのある参加支援のケースです（先にプランを作ってください）");
    db_resource r;
    if ((s = db_resource_get(d, x->m->resource_id, &r)) != DB_OK)
        return s;
    bool active = r.active;
    db_resource_free(&r);
    if (!active)
        return db_refuse(d, DB_INVALID, "使われなくなった社会資源です");
    return db_matching_insert(d, x->m, x->done_on, "");
}

/* Match the person of a 参加支援 case (with its 参加支援プラン) to a
 * resource, 調整中 from today, the first follow-up planned. */
db_status dom_matching_start(db *d, db_matching *m, txt_date today)
{
    char on[DOM_MATCH_ISO_MAX], next[DOM_MATCH_ISO_MAX];
    txt_date_iso(today, on, sizeof on);
    m->state = (char *)dom_matching_states[DOM_MS_ARRANGING];
    dom_matching_next(m->state, today, next, sizeof next);
    m->started_on = m->ended_on = m->end_reason = "";
    m->next_follow_on = next;
    struct dom_matching_new x = { m, on };
    db_status s = db_write(d, dom_matching_start_tx, &x);
    /* The literals were only lent to the row. */
    m->state = m->started_on = m->ended_on = m->end_reason = m->next_follow_on = NULL;
    return s;
}

/* A change to a matching: applied to the row as stored, read inside the
 * transaction, so that fields the caller's copy no longer holds (a state
 * another change moved) are never written back. */
struct dom_matching_change {
    int64_t id, version;      /* the caller's copy: which row, read when */
    const char *to;           /* the state to move to, NULL: a follow-up */
    const char *on, *reason, *next_on;
    db_matching_event *e;
    txt_date today;
    int64_t saved_version;
};

/* The row as stored, refused when another change came since the caller
 * read it. */
static db_status dom_matching_current(db *d, const struct dom_matching_change *x, db_matching *m)
{
    db_status s = db_matching_get(d, x->id, m);
    if (s == DB_OK && m->version != x->version) {
        db_matching_free(m);
        return db_refuse(d, DB_CONFLICT, "他の職員が先にこのつながりを更新しました。読み直してください");
    }
    return s;
}

/* db_write body: the stored matching changed and saved with its event. */
static db_status dom_matching_change_tx(db *d, void *arg)
{
    struct dom_matching_change *x = arg;
    db_matching m;
    db_status s = dom_matching_current(d, x, &m);
    if (s != DB_OK)
        return s;
    db_matching c = m;
    char next[DOM_MATCH_ISO_MAX];
    if (x->to) {
        bool ends = dom_matching_index(dom_matching_states, DOM_MS_COUNT, x->to) >= DOM_MS_ENDED;
        if (!dom_matching_may_move(m.state, x->to))
            s = db_refuse(d, DB_INVALID, "この状態には変えられません");
        c.state = (char *)x->to;
        if (strcmp(x->to, dom_matching_states[DOM_MS_STARTED]) == 0)
            c.started_on = (char *)x->on;
        if (ends) {
            c.ended_on = (char *)x->on;
            c.end_reason = (char *)x->reason;
        }
        dom_matching_next(x->to, x->today, next, sizeof next);
        c.next_follow_on = next;
    } else {
        if (dom_matching_index(dom_matching_states, DOM_MS_COUNT, m.state) >= DOM_MS_ENDED)
            s = db_refuse(d, DB_INVALID, "終わったつながりです（フォローは記録できません）");
        txt_date on;
        if (x->next_on[0] == '\0' && txt_date_parse(x->on, strlen(x->on), &on) == 0)
            dom_matching_next(m.state, on, next, sizeof next);
        else
            snprintf(next, sizeof next, "%s", x->next_on);
        c.next_follow_on = next;
    }
    if (s == DB_OK)
        s = db_matching_update(d, &c, x->e);
    if (s == DB_OK)
        x->saved_version = c.version;
    db_matching_free(&m);
    return s;
}

/* Run a change in its transaction; the caller's copy learns the new
 * version (read the matching again for the rest). */
static db_status dom_matching_change(db *d, db_matching *m, struct dom_matching_change *x)
{
    x->id = m->id;
    x->version = m->version;
    db_status s = db_write(d, dom_matching_change_tx, x);
    if (s == DB_OK)
        m->version = x->saved_version;
    return s;
}

/* Move a matching read at its version to another state: 開始 dates it, 終了
 * and 中止 need their reason and end it; the next follow-up follows the
 * state.  The move is checked against the state as stored. */
db_status dom_matching_move(db *d, db_matching *m, const char *to, const char *note,
                            const char *reason, txt_date today)
{
    size_t t = dom_matching_index(dom_matching_states, DOM_MS_COUNT, to);
    if (t == DOM_MS_COUNT)
        return db_refuse(d, DB_INVALID, "この状態には変えられません");
    if (t >= DOM_MS_ENDED && (reason == NULL || reason[0] == '\0'))
        return db_refuse(d, DB_INVALID, "終了・中止の理由を入力してください");
    char on[DOM_MATCH_ISO_MAX];
    txt_date_iso(today, on, sizeof on);
    db_matching_event e = { .done_on = on, .kind = "状態", .with_whom = "", .state = (char *)to,
                            .note = (char *)(note ? note : "") };
    struct dom_matching_change x = { .to = to, .on = on, .reason = reason, .next_on = "",
                                     .e = &e, .today = today };
    return dom_matching_change(d, m, &x);
}

/* Record a follow-up with the person, the host or both on a day, and plan
 * the next (next_on "" for the state's usual interval from that day). */
db_status dom_matching_follow(db *d, db_matching *m, const char *with_whom, const char *done_on,
                              const char *note, const char *next_on, txt_date today)
{
    txt_date on, n;
    if (dom_matching_index(dom_follow_withs, dom_n_follow_withs, with_whom) == dom_n_follow_withs)
        return db_refuse(d, DB_INVALID, "相手（本人・受け入れ先・両方）を選んでください");
    if (done_on == NULL || txt_date_parse(done_on, strlen(done_on), &on) != 0 ||
        txt_date_cmp(on, today) > 0)
        return db_refuse(d, DB_INVALID, "フォローした日を、今日までの日付で入力してください");
    if (note == NULL || note[0] == '\0')
        return db_refuse(d, DB_INVALID, "フォローの内容を入力してください");
    char next[DOM_MATCH_ISO_MAX] = "";
    if (next_on && next_on[0] && txt_date_parse(next_on, strlen(next_on), &n) != 0)
        return db_refuse(d, DB_INVALID, "次のフォローの日を正しく入力してください");
    if (next_on && next_on[0])
        txt_date_iso(n, next, sizeof next);
    db_matching_event e = { .done_on = (char *)done_on, .kind = "フォロー",
                            .with_whom = (char *)with_whom, .state = "", .note = (char *)note };
    struct dom_matching_change x = { .to = NULL, .on = done_on, .next_on = next, .e = &e,
                                     .today = today };
    return dom_matching_change(d, m, &x);
}
