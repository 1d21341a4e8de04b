/* dom-consent.c - the rules of 本人同意: what state a person's consent is
 * in, which agency it lets details go to, and what a case may then be
 * discussed in.  Consent is history (db-consent.c): the state is read
 * from all of a person's consents, never stored. */
#include "config.h"

#include <string.h>

#include "domain.h"

const char *const dom_consent_methods[] = { "署名", DOM_CONSENT_ORAL, DOM_CONSENT_PROXY };
const size_t dom_n_consent_methods = sizeof dom_consent_methods / sizeof dom_consent_methods[0];

/* The state from the counts of a person's consents. */
dom_consent_state dom_consent_state_of(int in_force, int total)
{
    if (in_force > 0)
        return DOM_CONSENT_GIVEN;
    return total > 0 ? DOM_CONSENT_WITHDRAWN : DOM_CONSENT_NONE;
}

/* Whether one consent is in force. */
bool dom_consent_in_force(const db_consent *c)
{
    return c->withdrawn_on == NULL || c->withdrawn_on[0] == '\0';
}

/* The state from a person's consent list. */
dom_consent_state dom_consent_state_list(const db_consent *cs, size_t n)
{
    int in_force = 0;
    for (size_t i = 0; i < n; i++)
        in_force += dom_consent_in_force(&cs[i]);
    return dom_consent_state_of(in_force, (int)n);
}

/* The label of a state. */
const char *dom_consent_label(dom_consent_state s)
{
    switch (s) {
    case DOM_CONSENT_GIVEN: return "同意あり";
    case DOM_CONSENT_WITHDRAWN: return "撤回";
    case DOM_CONSENT_NONE: break;
    }
    return "同意なし";
}

/* Whether one consent names agency_id in its scope. */
static bool dom_consent_names(const db_consent *c, int64_t agency_id)
{
    if (c->all_agencies)
        return true;
    for (size_t i = 0; i < c->n_agencies; i++)
        if (c->agencies[i] == agency_id)
            return true;
    return false;
}

/* The consent in force that covers agency_id, or NULL. */
const db_consent *dom_consent_covering(const db_consent *cs, size_t n, int64_t agency_id)
{
    for (size_t i = 0; i < n; i++)
        if (dom_consent_in_force(&cs[i]) && dom_consent_names(&cs[i], agency_id))
            return &cs[i];
    return NULL;
}

/* Whether text is one of the methods. */
static bool dom_consent_method_known(const char *text)
{
    for (size_t i = 0; text && i < dom_n_consent_methods; i++)
        if (strcmp(text, dom_consent_methods[i]) == 0)
            return true;
    return false;
}

/* Whether an ISO date is real and not after today. */
static bool dom_date_not_future(const char *iso, txt_date today)
{
    txt_date d;
    return iso && iso[0] && txt_date_parse(iso, strlen(iso), &d) == 0 &&
           txt_date_cmp(d, today) <= 0;
}

/* Check a consent about to be recorded. */
const char *dom_consent_invalid(const db_consent *c, txt_date today)
{
    if (c->person_id <= 0)
        return "同意した本人が決まっていません";
    if (!dom_date_not_future(c->given_on, today))
        return "同意日が正しくないか、未来の日付です";
    if (!dom_consent_method_known(c->method))
        return "同意の方法を選んでください（署名・口頭・代理人）";
    if (strcmp(c->method, DOM_CONSENT_PROXY) == 0 &&
        (c->proxy_name == NULL || c->proxy_name[0] == '\0'))
        return "代理人による同意では、代理人の氏名が必要です";
    if (!c->all_agencies && c->n_agencies == 0)
        return "同意の範囲（共有してよい機関）を選んでください";
    if (c->taken_by <= 0)
        return "同意を受けた職員が決まっていません";
    return NULL;
}

/* Check a withdrawal. */
const char *dom_consent_withdraw_invalid(const db_consent *c, const char *on,
                                         const char *reason, txt_date today)
{
    if (!dom_consent_in_force(c))
        return "この同意は既に撤回されています";
    if (!dom_date_not_future(on, today))
        return "撤回日が正しくないか、未来の日付です";
    if (strcmp(on, c->given_on) < 0)
        return "撤回日が同意日より前です";
    if (reason == NULL || reason[0] == '\0')
        return "撤回の理由を入力してください";
    return NULL;
}

/* Which meeting may discuss a case of a person in state s. */
dom_route dom_route_of(dom_consent_state s)
{
    return s == DOM_CONSENT_GIVEN ? DOM_ROUTE_JUSOTEKI : DOM_ROUTE_SHIEN;
}

/* The name of a route. */
const char *dom_route_label(dom_route r)
{
    return r == DOM_ROUTE_JUSOTEKI ? "重層的支援会議" : "支援会議";
}

/* The notice for a case of a person in state s. */
const char *dom_route_notice(dom_consent_state s)
{
    switch (s) {
    case DOM_CONSENT_WITHDRAWN:
        return "本人同意は撤回されています。ケースは支援会議（守秘義務）でのみ扱えます";
    case DOM_CONSENT_NONE:
        return "本人同意がありません。ケースは支援会議（守秘義務）でのみ扱えます";
    case DOM_CONSENT_GIVEN: break;
    }
    return NULL;
}

/* Add an event of kind 同意 with note to every open case of a person. */
db_status dom_consent_case_events(db *d, int64_t person_id, const char *note)
{
    db_case *cases = NULL;
    size_t n = 0;
    db_status s = db_case_by_person(d, person_id, &cases, &n);
    for (size_t i = 0; s == DB_OK && i < n; i++) {
        if (dom_case_closed(cases[i].stage))
            continue;
        db_case_event e = { .case_id = cases[i].id, .kind = "同意", .note = (char *)note };
        s = db_case_event_add(d, &e);
    }
    db_case_list_free(cases, n);
    return s;
}

/* The body of dom_consent_take's transaction. */
static db_status dom_consent_take_tx(db *d, void *arg)
{
    db_consent *c = arg;
    db_status s = db_consent_insert(d, c);
    return s == DB_OK ? dom_consent_case_events(d, c->person_id, "本人同意を得ました") : s;
}

/* Record a consent, with events on the person's open cases. */
db_status dom_consent_take(db *d, db_consent *c)
{
    return db_write(d, dom_consent_take_tx, c);
}

/* A withdrawal being saved. */
struct dom_withdrawal {
    const db_consent *c;
    const char *on, *reason;
};

/* The body of dom_consent_withdraw's transaction. */
static db_status dom_consent_withdraw_tx(db *d, void *arg)
{
    struct dom_withdrawal *w = arg;
    db_status s = db_consent_withdraw(d, w->c->id, w->c->version, w->on, w->reason);
    int in_force = 0, total = 0;
    if (s == DB_OK)
        s = db_consent_counts(d, w->c->person_id, &in_force, &total);
    if (s != DB_OK)
        return s;
    /* Another consent may still be in force: then the route stays. */
    const char *note = dom_route_notice(dom_consent_state_of(in_force, total));
    return dom_consent_case_events(d, w->c->person_id,
                                   note ? note : "同意の一つが撤回されました（他の同意は有効です）");
}

/* Withdraw a consent, with events on the person's open cases. */
db_status dom_consent_withdraw(db *d, const db_consent *c, const char *on, const char *reason)
{
    struct dom_withdrawal w = { c, on, reason };
    return db_write(d, dom_consent_withdraw_tx, &w);
}
