/* dom-case.c - the rules of a case's stages: which moves are allowed,
 * what each needs, and the events that make the timeline.  The path a
 * case takes follows the 支援フロー of the municipal plans: assessment,
 * plan, decision, support, monitoring, evaluation, and an end that is
 * 終結, 中断, or a hand-back to the agency that first took the person. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain.h"

/* The stages, in the order of the flow; the last three end a case. */
enum dom_stage {
    DOM_S_RECEIVED, DOM_S_ASSESS, DOM_S_PLAN, DOM_S_DECIDED, DOM_S_SUPPORT,
    DOM_S_MONITOR, DOM_S_EVALUATE, DOM_S_CLOSED, DOM_S_SUSPENDED, DOM_S_HANDED_BACK,
    DOM_S_COUNT
};

const char *const dom_case_stages[DOM_S_COUNT] = {
    [DOM_S_RECEIVED] = DOM_STAGE_FIRST,
    [DOM_S_ASSESS] = DOM_STAGE_REOPENED,
    [DOM_S_PLAN] = "プラン作成",
    [DOM_S_DECIDED] = "支援決定",
    [DOM_S_SUPPORT] = "支援中",
    [DOM_S_MONITOR] = "モニタリング",
    [DOM_S_EVALUATE] = "評価",
    [DOM_S_CLOSED] = "終結",
    [DOM_S_SUSPENDED] = "中断",
    [DOM_S_HANDED_BACK] = "包括的相談支援に戻す",
};
const size_t dom_n_case_stages = DOM_S_COUNT;
_Static_assert(DOM_S_COUNT <= DOM_STAGE_MAX, "DOM_STAGE_MAX holds every stage");

const char *const dom_case_businesses[] = { DOM_BUSINESS_TAKIKAN, "アウトリーチ", "参加支援" };
const size_t dom_n_case_businesses = sizeof dom_case_businesses / sizeof dom_case_businesses[0];

const char *const dom_case_criteria[] = {
    /* The number first: screens show it as the mark.  No circled digits:
     * they are of ambiguous width and shift the screen on some terminals. */
    "1 世帯の課題が複雑で世帯全体への支援が必要",
    "2 制度の狭間にある",
    "3 新たな社会資源が必要",
};
const size_t dom_n_case_criteria = sizeof dom_case_criteria / sizeof dom_case_criteria[0];

/* The moves besides "to the next stage", 中断 and the hand-back (from any
 * open stage) and reopening (from any end). */
static const struct {
    enum dom_stage from, to;
} dom_case_extra_moves[] = {
    { DOM_S_MONITOR, DOM_S_SUPPORT },    /* support goes on unchanged */
    { DOM_S_MONITOR, DOM_S_PLAN },       /* 再プラン */
    { DOM_S_EVALUATE, DOM_S_SUPPORT },
    { DOM_S_EVALUATE, DOM_S_PLAN },
    { DOM_S_PLAN, DOM_S_ASSESS },        /* the plan needs a new assessment */
    { DOM_S_SUPPORT, DOM_S_CLOSED },     /* 終結 once support has begun */
    { DOM_S_MONITOR, DOM_S_CLOSED },
};

/* The index of a stage name, or DOM_S_COUNT. */
static enum dom_stage dom_case_stage_of(const char *name)
{
    for (int i = 0; name && i < DOM_S_COUNT; i++)
        if (strcmp(name, dom_case_stages[i]) == 0)
            return (enum dom_stage)i;
    return DOM_S_COUNT;
}

/* Whether a stage ends a case. */
bool dom_case_closed(const char *stage)
{
    enum dom_stage s = dom_case_stage_of(stage);
    return s == DOM_S_CLOSED || s == DOM_S_SUSPENDED || s == DOM_S_HANDED_BACK;
}

/* Whether a case may move from one stage to another. */
bool dom_case_may_move(const char *from, const char *to)
{
    enum dom_stage f = dom_case_stage_of(from), t = dom_case_stage_of(to);
    if (f == DOM_S_COUNT || t == DOM_S_COUNT || f == t)
        return false;
    if (dom_case_closed(from))
        return t == DOM_S_ASSESS;
    if (t == f + 1 || t == DOM_S_SUSPENDED || t == DOM_S_HANDED_BACK)
        return true;
    for (size_t i = 0; i < sizeof dom_case_extra_moves / sizeof dom_case_extra_moves[0]; i++)
        if (dom_case_extra_moves[i].from == f && dom_case_extra_moves[i].to == t)
            return true;
    return false;
}

/* Check a stage change. */
const char *dom_case_move_invalid(const char *from, const char *to, const char *note)
{
    if (!dom_case_may_move(from, to))
        return "この段階には進めません";
    enum dom_stage t = dom_case_stage_of(to);
    if ((t == DOM_S_CLOSED || t == DOM_S_SUSPENDED) && (note == NULL || note[0] == '\0'))
        return t == DOM_S_CLOSED ? "終結の理由を入力してください" : "中断の理由を入力してください";
    return NULL;
}

/* Whether text is one of the businesses. */
static bool dom_case_business_known(const char *text)
{
    for (size_t i = 0; text && i < dom_n_case_businesses; i++)
        if (strcmp(text, dom_case_businesses[i]) == 0)
            return true;
    return false;
}

/* Check a case about to be opened. */
const char *dom_case_invalid(const db_case *c)
{
    if (c->person_id <= 0)
        return "ケースの本人が決まっていません";
    if (!dom_case_business_known(c->business))
        return "事業を選んでください（多機関協働・アウトリーチ・参加支援）";
    if (strcmp(c->business, DOM_BUSINESS_TAKIKAN) == 0) {
        if (c->criteria == NULL || c->criteria[0] == '\0')
            return "多機関協働につなぐ理由（基準1〜3）を一つ以上選んでください";
        if (c->tried == NULL || c->tried[0] == '\0')
            return "窓口や既存の支援でこれまでに試みたことを入力してください";
    }
    return NULL;
}

/* The body of dom_case_open's transaction. */
struct dom_case_opening {
    db_case *c;
    const char *note;
};

/* Insert the case and its first event. */
static db_status dom_case_open_tx(db *d, void *arg)
{
    struct dom_case_opening *o = arg;
    o->c->stage = (char *)DOM_STAGE_FIRST;
    db_status s = db_case_insert(d, o->c);
    if (s != DB_OK)
        return s;
    db_case_event e = { .case_id = o->c->id, .kind = "開始", .to_stage = DOM_STAGE_FIRST,
                        .note = (char *)(o->note ? o->note : "") };
    return db_case_event_add(d, &e);
}

/* Open a case with its first event. */
db_status dom_case_open(db *d, db_case *c, const char *note)
{
    struct dom_case_opening o = { c, note };
    char *stage = c->stage;
    db_status s = db_write(d, dom_case_open_tx, &o);
    /* The stage literal was only lent to the row. */
    c->stage = stage;
    return s;
}

/* A stage change or a lead change being saved. */
struct dom_case_change {
    const db_case *c;
    const char *to, *note;
    int64_t staff_id, agency_id;
};

/* Move the stage and record it. */
static db_status dom_case_move_tx(db *d, void *arg)
{
    struct dom_case_change *m = arg;
    db_status s = db_case_set_stage(d, m->c->id, m->c->version, m->to);
    if (s != DB_OK)
        return s;
    db_case_event e = { .case_id = m->c->id, .kind = "段階", .from_stage = m->c->stage,
                        .to_stage = (char *)m->to, .note = (char *)(m->note ? m->note : "") };
    return db_case_event_add(d, &e);
}

/* Move a case to another stage. */
db_status dom_case_move(db *d, const db_case *c, const char *to, const char *note)
{
    struct dom_case_change m = { .c = c, .to = to, .note = note };
    return db_write(d, dom_case_move_tx, &m);
}

/* Set the lead and record it. */
static db_status dom_case_lead_tx(db *d, void *arg)
{
    struct dom_case_change *m = arg;
    db_status s = db_case_set_lead(d, m->c->id, m->c->version, m->staff_id, m->agency_id);
    if (s != DB_OK)
        return s;
    db_case_event e = { .case_id = m->c->id, .kind = "主担当",
                        .note = (char *)(m->note ? m->note : "") };
    return db_case_event_add(d, &e);
}

/* Set the 主担当 of a case. */
db_status dom_case_set_lead(db *d, const db_case *c, int64_t staff_id, int64_t agency_id,
                            const char *note)
{
    struct dom_case_change m = { .c = c, .note = note, .staff_id = staff_id,
                                 .agency_id = agency_id };
    return db_write(d, dom_case_lead_tx, &m);
}

/* Newest opened first, as each stage's list is. */
static int dom_case_newest_first(const void *x, const void *y)
{
    const db_case *a = x, *b = y;
    int c = strcmp(b->opened_on, a->opened_on);
    return c != 0 ? c : (a->id < b->id) - (a->id > b->id);
}

/* Append the cases of one stage (their rows move into *all). */
static db_status dom_case_gather(db *d, const char *stage, size_t limit, db_case **all,
                                 size_t *n)
{
    db_case *rows = NULL;
    size_t k = 0;
    db_status st = db_case_by_stage(d, stage, limit, &rows, &k);
    if (st != DB_OK || k == 0)
        return st;
    db_case *grown = realloc(*all, (*n + k) * sizeof **all);
    if (grown == NULL) {
        db_case_list_free(rows, k);
        return DB_NOMEM;
    }
    memcpy(grown + *n, rows, k * sizeof *rows);
    free(rows);   /* the rows' strings now belong to *all */
    *all = grown;
    *n += k;
    return DB_OK;
}

/* The open cases of everyone, newest first, at most limit. */
db_status dom_case_open_list(db *d, size_t limit, db_case **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    db_status st = DB_OK;
    for (size_t i = 0; st == DB_OK && i < dom_n_case_stages; i++)
        if (!dom_case_closed(dom_case_stages[i]))
            st = dom_case_gather(d, dom_case_stages[i], limit, out, n);
    if (st != DB_OK) {
        db_case_list_free(*out, *n);
        *out = NULL;
        *n = 0;
        return st;
    }
    if (*n > 0)
        qsort(*out, *n, sizeof **out, dom_case_newest_first);
    for (size_t i = limit; i < *n; i++)
        db_case_free(&(*out)[i]);
    if (*n > limit)
        *n = limit;
    return DB_OK;
}
