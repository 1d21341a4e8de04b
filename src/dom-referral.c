/* dom-referral.c - the rules of つなぎ: the states of a referral, when an
 * answer is overdue, and when a person's details may go to an agency (only
 * with consent that covers it; otherwise the case belongs to the 支援会議,
 * whose members are bound by 守秘義務). */
#include "config.h"

#include <string.h>

#include "domain.h"

enum dom_ref_state {
    DOM_R_SENT, DOM_R_ACCEPTED, DOM_R_RETURNED, DOM_R_WORKING, DOM_R_DONE, DOM_R_COUNT
};

const char *const dom_referral_states[DOM_R_COUNT] = {
    [DOM_R_SENT] = DOM_REFERRAL_SENT,
    [DOM_R_ACCEPTED] = "受理",
    [DOM_R_RETURNED] = DOM_REFERRAL_RETURNED,
    [DOM_R_WORKING] = "対応中",
    [DOM_R_DONE] = "完了",
};
const size_t dom_n_referral_states = DOM_R_COUNT;

/* The allowed moves: answered (accepted or returned), worked on, done; a
 * returned referral may be sent again. */
static const struct {
    enum dom_ref_state from, to;
} dom_referral_moves[] = {
    { DOM_R_SENT, DOM_R_ACCEPTED }, { DOM_R_SENT, DOM_R_RETURNED },
    { DOM_R_ACCEPTED, DOM_R_WORKING }, { DOM_R_ACCEPTED, DOM_R_DONE },
    { DOM_R_WORKING, DOM_R_DONE }, { DOM_R_RETURNED, DOM_R_SENT },
};

/* The index of a state name, or DOM_R_COUNT. */
static enum dom_ref_state dom_referral_state_of(const char *name)
{
    for (int i = 0; name && i < DOM_R_COUNT; i++)
        if (strcmp(name, dom_referral_states[i]) == 0)
            return (enum dom_ref_state)i;
    return DOM_R_COUNT;
}

/* Whether a referral may move from one state to another. */
bool dom_referral_may_move(const char *from, const char *to)
{
    enum dom_ref_state f = dom_referral_state_of(from), t = dom_referral_state_of(to);
    for (size_t i = 0; i < sizeof dom_referral_moves / sizeof dom_referral_moves[0]; i++)
        if (dom_referral_moves[i].from == f && dom_referral_moves[i].to == t)
            return true;
    return false;
}

/* Check a state change. */
const char *dom_referral_move_invalid(const char *from, const char *to, const char *note)
{
    if (!dom_referral_may_move(from, to))
        return "この状態には変えられません";
    if (dom_referral_state_of(to) == DOM_R_RETURNED && (note == NULL || note[0] == '\0'))
        return "差戻しの理由を入力してください";
    return NULL;
}

/* Whether the answer is overdue. */
bool dom_referral_overdue(const db_referral *r, txt_date today)
{
    txt_date due;
    if (dom_referral_state_of(r->state) != DOM_R_SENT || r->due_on == NULL ||
        txt_date_parse(r->due_on, strlen(r->due_on), &due) != 0)
        return false;
    return txt_date_cmp(due, today) < 0;
}

/* Whether a referral may share what it says with its agency. */
const char *dom_referral_sharing(const db_referral *r, const db_consent *cs, size_t n,
                                 int64_t *consent)
{
    *consent = 0;
    if (r->shared == NULL || r->shared[0] == '\0' || r->person_id <= 0)
        return NULL;
    const db_consent *c = dom_consent_covering(cs, n, r->agency_id);
    if (c != NULL) {
        *consent = c->id;
        return NULL;
    }
    switch (dom_consent_state_list(cs, n)) {
    case DOM_CONSENT_GIVEN:
        return "本人同意の範囲にこの機関が含まれていません。今ここで同意を得るか、"
               "支援会議（守秘義務）で共有してください";
    case DOM_CONSENT_WITHDRAWN:
        return "本人同意は撤回されています。個人の情報は共有できません。"
               "支援会議（守秘義務）で共有してください";
    case DOM_CONSENT_NONE: break;
    }
    return "本人同意がないため、個人の情報は共有できません。今ここで同意（口頭でも可）を得るか、"
           "支援会議（守秘義務）で共有してください";
}

/* Check a referral about to be sent. */
const char *dom_referral_invalid(const db_referral *r, txt_date today)
{
    txt_date due;
    if (r->agency_id <= 0)
        return "つなぎ先の機関を選んでください";
    if (r->reason == NULL || r->reason[0] == '\0')
        return "つなぐ理由を入力してください";
    if (r->due_on == NULL || txt_date_parse(r->due_on, strlen(r->due_on), &due) != 0)
        return "回答期限の日付が正しくありません";
    if (txt_date_cmp(due, today) < 0)
        return "回答期限が過去の日付です";
    return NULL;
}

/* A referral being sent, with the consent taken there and then. */
struct dom_sending {
    db_referral *r;
    db_consent *consent;
};

/* Inside the transaction: the sharing rule against the consents as they
 * are now (the one just taken included), so that no screen or import can
 * send a person's details without consent that covers the agency. */
static db_status dom_referral_may_share(db *d, db_referral *r)
{
    if (r->person_id <= 0 || r->shared == NULL || r->shared[0] == '\0') {
        r->consent_id = 0;
        return DB_OK;
    }
    db_consent *cs = NULL;
    size_t n = 0;
    db_status s = db_consent_list(d, r->person_id, &cs, &n);
    int64_t consent = 0;
    const char *why = s == DB_OK ? dom_referral_sharing(r, cs, n, &consent) : NULL;
    if (why != NULL)
        s = db_refuse(d, DB_INVALID, why);
    r->consent_id = consent;
    db_consent_list_free(cs, n);
    return s;
}

/* Insert the consent taken at the counter, the referral, and case events. */
static db_status dom_referral_send_tx(db *d, void *arg)
{
    struct dom_sending *m = arg;
    db_status s = DB_OK;
    if (m->consent) {
        s = db_consent_insert(d, m->consent);
        if (s == DB_OK)
            s = dom_consent_case_events(d, m->consent->person_id, "本人同意を得ました（つなぎの際に）");
    }
    if (s == DB_OK)
        s = dom_referral_may_share(d, m->r);
    if (s == DB_OK)
        s = db_referral_insert(d, m->r);
    if (s != DB_OK || m->r->case_id <= 0)
        return s;
    db_case_event e = { .case_id = m->r->case_id, .kind = "つなぎ",
                        .note = m->r->agency_name ? m->r->agency_name : "" };
    return db_case_event_add(d, &e);
}

/* Send a referral in one transaction. */
db_status dom_referral_send(db *d, db_referral *r, db_consent *on_the_spot)
{
    struct dom_sending m = { r, on_the_spot };
    return db_write(d, dom_referral_send_tx, &m);
}

/* A state change being saved. */
struct dom_ref_change {
    const db_referral *r;
    const char *to, *note;
};

/* Set the state (the db layer writes the referral's event). */
static db_status dom_referral_move_tx(db *d, void *arg)
{
    struct dom_ref_change *m = arg;
    return db_referral_set_state(d, m->r->id, m->r->version, m->to, m->note);
}

/* Move a referral to another state. */
db_status dom_referral_move(db *d, const db_referral *r, const char *to, const char *note)
{
    struct dom_ref_change m = { r, to, note };
    return db_write(d, dom_referral_move_tx, &m);
}
