/* dom-plan.c - the rules of plans: the type follows the business and the
 * consent (a 支援プラン needs consent; without it the whole household's
 * plan is made for the 支援会議), states go one way, and approval sets the
 * monitoring and evaluation dates. */
#include "config.h"

#include <string.h>

#include "domain.h"

#define DOM_DATE_ISO_MAX 16
#define DOM_MONTHS_PER_YEAR 12

/* The index of 実施中 in dom_plan_states. */
#define DOM_PLAN_RUNNING 2

const char *const dom_plan_states[] = { DOM_PLAN_DRAFT, DOM_PLAN_APPROVED, "実施中", "評価済",
                                        "終結" };
const size_t dom_n_plan_states = sizeof dom_plan_states / sizeof dom_plan_states[0];

/* The plan type for a case, and why. */
const char *dom_plan_type(const char *business, dom_consent_state s, const char **why)
{
    if (business && strcmp(business, "参加支援") == 0) {
        *why = "参加支援のケースなので参加支援プランです";
        return "参加支援プラン";
    }
    if (business && strcmp(business, "アウトリーチ") == 0) {
        *why = "アウトリーチのケースなのでアウトリーチ等プランです";
        return "アウトリーチ等プラン";
    }
    if (s == DOM_CONSENT_GIVEN) {
        *why = "本人同意があるので支援プランです（重層的支援会議で協議します）";
        return "支援プラン";
    }
    *why = s == DOM_CONSENT_WITHDRAWN
               ? "本人同意が撤回されているので世帯丸ごと支援プランです（支援会議で協議します）"
               : "本人同意がないので世帯丸ごと支援プランです（支援会議で協議します）";
    return "世帯丸ごと支援プラン";
}

/* The index of a plan state, or dom_n_plan_states. */
static size_t dom_plan_state_of(const char *name)
{
    size_t i = 0;
    while (name && i < dom_n_plan_states && strcmp(name, dom_plan_states[i]) != 0)
        i++;
    return name ? i : dom_n_plan_states;
}

/* Whether a plan may move from one state to another: one step forward. */
bool dom_plan_may_move(const char *from, const char *to)
{
    size_t f = dom_plan_state_of(from), t = dom_plan_state_of(to);
    return f < dom_n_plan_states && t < dom_n_plan_states && t == f + 1;
}

/* The number of days in a month. */
static int dom_month_days(int y, int m)
{
    int d = 31;
    while (d > 28 && !txt_date_valid(y, m, d))
        d--;
    return d;
}

/* A date some months later, the day clamped to the month's end. */
txt_date dom_date_add_months(txt_date d, int months)
{
    int total = d.y * DOM_MONTHS_PER_YEAR + (d.m - 1) + months;
    txt_date r = { total / DOM_MONTHS_PER_YEAR, total % DOM_MONTHS_PER_YEAR + 1, d.d };
    int last = dom_month_days(r.y, r.m);
    if (r.d > last)
        r.d = last;
    return r;
}

/* A plan being created. */
struct dom_plan_new {
    const db_case *c;
    db_plan *p;
};

/* Whether plan id is still the latest of its case: a re-plan made from
 * an older version would fork the plan's history. */
static db_status dom_plan_still_latest(db *d, int64_t case_id, int64_t id)
{
    db_plan *plans = NULL;
    size_t n = 0;
    db_status s = db_plan_by_case(d, case_id, &plans, &n);
    if (s == DB_OK && (n == 0 || plans[0].id != id))
        s = db_refuse(d, DB_CONFLICT, "他の職員が先に再プランを作りました。最新のプランから作り直してください");
    db_plan_list_free(plans, n);
    return s;
}

/* Insert the plan and note it on the case. */
static db_status dom_plan_create_tx(db *d, void *arg)
{
    struct dom_plan_new *n = arg;
    db_status s = n->p->replaces_id ? dom_plan_still_latest(d, n->c->id, n->p->replaces_id)
                                    : DB_OK;
    if (s == DB_OK)
        s = db_plan_insert(d, n->p);
    if (s != DB_OK)
        return s;
    db_case_event e = { .case_id = n->c->id, .kind = "プラン",
                        .note = n->p->replaces_id ? "再プランを作成しました"
                                                  : "プランを作成しました" };
    return db_case_event_add(d, &e);
}

/* Make p a new plan or re-plan of case c; DB_CONFLICT when the plan it
 * re-plans is no longer the latest (another terminal re-planned first). */
db_status dom_plan_create(db *d, const db_case *c, dom_consent_state s, db_plan *p,
                          int64_t replaces)
{
    const char *why = "";
    p->case_id = c->id;
    p->replaces_id = replaces;
    p->type = (char *)dom_plan_type(c->business, s, &why);
    p->type_reason = (char *)why;
    p->state = (char *)DOM_PLAN_DRAFT;
    struct dom_plan_new n = { c, p };
    db_status st = db_write(d, dom_plan_create_tx, &n);
    /* The literals were only lent to the row. */
    p->type = p->type_reason = p->state = NULL;
    return st;
}

/* Save a plan inside db_write. */
static db_status dom_plan_update_tx(db *d, void *arg)
{
    return db_plan_update(d, arg);
}

/* Move a plan to another state; approval sets its dates. */
db_status dom_plan_move(db *d, db_plan *p, const char *to, txt_date on)
{
    char approved[DOM_DATE_ISO_MAX], monitor[DOM_DATE_ISO_MAX], evaluate[DOM_DATE_ISO_MAX];
    char *old_state = p->state, *old_a = p->approved_on, *old_m = p->monitor_on,
         *old_e = p->evaluate_on;
    p->state = (char *)to;
    if (strcmp(to, DOM_PLAN_APPROVED) == 0) {
        txt_date_iso(on, approved, sizeof approved);
        txt_date_iso(dom_date_add_months(on, DOM_PLAN_MONITOR_MONTHS), monitor, sizeof monitor);
        txt_date_iso(dom_date_add_months(on, DOM_PLAN_EVALUATE_MONTHS), evaluate,
                     sizeof evaluate);
        p->approved_on = approved;
        if (p->monitor_on == NULL || p->monitor_on[0] == '\0')
            p->monitor_on = monitor;
        if (p->evaluate_on == NULL || p->evaluate_on[0] == '\0')
            p->evaluate_on = evaluate;
    }
    db_status s = db_write(d, dom_plan_update_tx, p);
    p->state = old_state;
    p->approved_on = old_a;
    p->monitor_on = old_m;
    p->evaluate_on = old_e;
    return s;
}

/* Whether a plan is being carried out (its dates are live). */
static bool dom_plan_live(const db_plan *p)
{
    return p->state && (strcmp(p->state, DOM_PLAN_APPROVED) == 0 ||
                        strcmp(p->state, dom_plan_states[DOM_PLAN_RUNNING]) == 0);
}

/* What is next for a plan: monitoring until its date has passed and then
 * evaluation; NULL when the plan has no live date. */
const char *dom_plan_next(const db_plan *p, txt_date today, const char **date, bool *overdue)
{
    *date = "";
    *overdue = false;
    if (!dom_plan_live(p))
        return NULL;
    char iso[DOM_DATE_ISO_MAX];
    txt_date_iso(today, iso, sizeof iso);
    const char *what = NULL;
    if (p->monitor_on && p->monitor_on[0] && strcmp(p->monitor_on, iso) >= 0) {
        what = "モニタリング";
        *date = p->monitor_on;
    } else if (p->evaluate_on && p->evaluate_on[0]) {
        what = "評価";
        *date = p->evaluate_on;
    } else if (p->monitor_on && p->monitor_on[0]) {
        what = "モニタリング";
        *date = p->monitor_on;
    }
    *overdue = what != NULL && strcmp(*date, iso) < 0;
    return what;
}
