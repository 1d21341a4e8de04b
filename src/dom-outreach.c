/* dom-outreach.c - the rules of the outreach list (アウトリーチ等を通じた継続的
 * 支援事業): an entry may be known only in part, who told of it is
 * recorded, every attempt is kept, the relationship moves on as contact
 * allows (a first attempt that reaches them is 接触あり by itself), and
 * an entry becomes a person and an アウトリーチ case in one transaction,
 * keeping its history linked to both. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "domain.h"

#define DOM_OUTREACH_ISO_MAX 16
#define DOM_OUTREACH_NOTE_MAX 512
#define DOM_BUSINESS_OUTREACH "アウトリーチ"

enum { DOM_O_NONE, DOM_O_CONTACT, DOM_O_BUILDING, DOM_O_CONNECTED, DOM_O_CLOSED, DOM_O_COUNT };
const char *const dom_outreach_stages[] = { "未接触", "接触あり", "関係構築中", "支援につながった",
                                            "終結" };
const size_t dom_n_outreach_stages = DOM_O_COUNT;
const char *const dom_outreach_sources[] = { "民生委員", "学校・SSW", "地域住民", "関係機関", "家族",
                                             "その他" };
const size_t dom_n_outreach_sources =
    sizeof dom_outreach_sources / sizeof dom_outreach_sources[0];
const char *const dom_outreach_hows[] = { "訪問", "電話", "手紙", "メール", "同行", "置き手紙" };
const size_t dom_n_outreach_hows = sizeof dom_outreach_hows / sizeof dom_outreach_hows[0];

/* The index of text in list[0..n), or n. */
static size_t dom_outreach_index(const char *const *list, size_t n, const char *text)
{
    size_t i = 0;
    while (text && i < n && strcmp(list[i], text) != 0)
        i++;
    return text ? i : n;
}

/* Whether text is an ISO date not after today ("" allowed when optional). */
static bool dom_outreach_day_ok(const char *text, txt_date today, bool optional, bool past)
{
    txt_date d;
    if (text == NULL || text[0] == '\0')
        return optional;
    if (txt_date_parse(text, strlen(text), &d) != 0)
        return false;
    return !past || txt_date_cmp(d, today) <= 0;
}

/* Check an entry about to be saved. */
const char *dom_outreach_invalid(const db_outreach *o, txt_date today)
{
    if (o->label == NULL || o->label[0] == '\0')
        return "呼び名（分かっている範囲の名前や「○○さん宅の長男」など）を入力してください";
    if (dom_outreach_index(dom_outreach_sources, dom_n_outreach_sources, o->source) ==
        dom_n_outreach_sources)
        return "情報の出どころ（民生委員・学校・SSW・地域住民・関係機関・家族・その他）を選んでください";
    if (!dom_outreach_day_ok(o->first_info_on, today, false, true))
        return "最初に情報が入った日を、今日までの日付で入力してください";
    if (dom_outreach_index(dom_outreach_stages, dom_n_outreach_stages, o->stage) ==
        dom_n_outreach_stages)
        return "関係の段階を選んでください";
    if (!dom_outreach_day_ok(o->next_on, today, true, false))
        return "次に試みる日を正しく入力してください";
    return NULL;
}

/* Whether the relationship may move from one stage to another: on to any
 * later stage (contact is not made in steps), to 終結 from any, and back
 * from 終結 to 接触あり when they get in touch again. */
bool dom_outreach_may_move(const char *from, const char *to)
{
    size_t f = dom_outreach_index(dom_outreach_stages, DOM_O_COUNT, from);
    size_t t = dom_outreach_index(dom_outreach_stages, DOM_O_COUNT, to);
    if (f == DOM_O_COUNT || t == DOM_O_COUNT || f == t)
        return false;
    if (f == DOM_O_CLOSED)
        return t == DOM_O_CONTACT;
    return t > f;
}

/* Check an attempt about to be recorded: a known way, a day not in the
 * future, and a result. */
const char *dom_outreach_attempt_invalid(const db_outreach_attempt *a, txt_date today)
{
    if (dom_outreach_index(dom_outreach_hows, dom_n_outreach_hows, a->how) == dom_n_outreach_hows)
        return "方法（訪問・電話・手紙・メール・同行・置き手紙）を選んでください";
    if (!dom_outreach_day_ok(a->done_on, today, false, true))
        return "試みた日を、今日までの日付で入力してください";
    if (a->result == NULL || a->result[0] == '\0')
        return "結果（会えた・不在・手紙を置いた など）を入力してください";
    return NULL;
}

/* An attempt being recorded with the next one planned. */
struct dom_outreach_try {
    db_outreach *o;
    db_outreach_attempt *a;
    const char *next_on, *next_how;
};

/* The entry as stored, refused when another change came since the
 * caller read it: changes are made to the stored row, so that a field the
 * caller's copy no longer holds (a stage an attempt moved) is never
 * written back. */
static db_status dom_outreach_current(db *d, const db_outreach *mine, db_outreach *o)
{
    db_status s = db_outreach_get(d, mine->id, o);
    if (s == DB_OK && o->version != mine->version) {
        db_outreach_free(o);
        return db_refuse(d, DB_CONFLICT, "他の職員が先にこの記録を更新しました。読み直してください");
    }
    return s;
}

/* The body of the attempt's transaction: the attempt, then the entry
 * (first contact made, the next attempt planned). */
static db_status dom_outreach_attempt_tx(db *d, void *arg)
{
    struct dom_outreach_try *t = arg;
    db_outreach cur;
    db_status s = dom_outreach_current(d, t->o, &cur);
    if (s != DB_OK)
        return s;
    s = db_outreach_attempt_add(d, t->a);
    db_outreach o = cur;
    if (t->a->reached && strcmp(o.stage, dom_outreach_stages[DOM_O_NONE]) == 0)
        o.stage = (char *)dom_outreach_stages[DOM_O_CONTACT];
    o.next_on = (char *)(t->next_on ? t->next_on : "");
    o.next_how = (char *)(t->next_how ? t->next_how : "");
    if (s == DB_OK)
        s = db_outreach_update(d, &o);
    if (s == DB_OK)
        t->o->version = o.version;
    db_outreach_free(&cur);
    return s;
}

/* Record an attempt on an entry read at its version, with the next one
 * planned (next_on "" for none). */
db_status dom_outreach_attempt(db *d, db_outreach *o, db_outreach_attempt *a,
                               const char *next_on, const char *next_how, txt_date today)
{
    const char *why = dom_outreach_attempt_invalid(a, today);
    if (why == NULL && next_on && next_on[0] && !dom_outreach_day_ok(next_on, today, true, false))
        why = "次に試みる日を正しく入力してください";
    if (why)
        return db_refuse(d, DB_INVALID, why);
    a->outreach_id = o->id;
    struct dom_outreach_try t = { o, a, next_on, next_how };
    int64_t version = o->version;
    db_status s = db_write(d, dom_outreach_attempt_tx, &t);
    if (s != DB_OK)
        o->version = version;
    return s;
}

/* Check the meeting an entry is linked to: only a 支援会議 (守秘義務),
 * since nobody on the list has consented to sharing. */
const char *dom_outreach_meeting_invalid(const db_meeting *m)
{
    if (!m->confidential)
        return "同意のない人を共有できるのは支援会議（守秘義務のある会議）だけです";
    return NULL;
}

/* An entry being saved from the form. */
struct dom_outreach_edit {
    db_outreach *o;
};

/* The body of the save's transaction: a new entry (at 未接触 unless the
 * form gave a stage), or the fields the form holds copied onto the entry
 * as stored, so that its stage and the person and case it became stay as
 * the last change left them. */
static db_status dom_outreach_save_tx(db *d, void *arg)
{
    db_outreach *mine = ((struct dom_outreach_edit *)arg)->o;
    if (mine->id == 0) {
        db_outreach o = *mine;
        if (o.stage == NULL || o.stage[0] == '\0')
            o.stage = (char *)dom_outreach_stages[DOM_O_NONE];
        db_status s = db_outreach_insert(d, &o);
        mine->id = o.id;
        mine->version = o.version;
        return s;
    }
    db_outreach cur;
    db_status s = dom_outreach_current(d, mine, &cur);
    if (s != DB_OK)
        return s;
    db_outreach o = cur;
    o.label = mine->label;
    o.address = mine->address;
    o.family = mine->family;
    o.source = mine->source;
    o.source_note = mine->source_note;
    o.first_info_on = mine->first_info_on;
    o.situation = mine->situation;
    o.next_on = mine->next_on;
    o.next_how = mine->next_how;
    o.worker_id = mine->worker_id;
    o.meeting_id = mine->meeting_id;
    s = db_outreach_update(d, &o);
    if (s == DB_OK)
        mine->version = o.version;
    db_outreach_free(&cur);
    return s;
}

/* Save an entry from the form: new (o->id 0) or read at o->version; only
 * the form's fields are written, never the stage of an entry kept. */
db_status dom_outreach_save(db *d, db_outreach *o, txt_date today)
{
    db_outreach checked = *o;
    if (checked.id == 0 && (checked.stage == NULL || checked.stage[0] == '\0'))
        checked.stage = (char *)dom_outreach_stages[DOM_O_NONE];
    if (checked.id != 0)
        checked.stage = (char *)dom_outreach_stages[DOM_O_NONE];   /* not the form's to change */
    const char *why = dom_outreach_invalid(&checked, today);
    if (why)
        return db_refuse(d, DB_INVALID, why);
    struct dom_outreach_edit e = { o };
    int64_t id = o->id, version = o->version;
    db_status s = db_write(d, dom_outreach_save_tx, &e);
    if (s != DB_OK) {
        o->id = id;
        o->version = version;
    }
    return s;
}

/* A stage change being made. */
struct dom_outreach_step {
    db_outreach *o;
    const char *to;
};

/* The body of the move's transaction: the stage checked against the
 * entry as stored; at 終結 no attempt stays planned. */
static db_status dom_outreach_move_tx(db *d, void *arg)
{
    struct dom_outreach_step *m = arg;
    db_outreach cur;
    db_status s = dom_outreach_current(d, m->o, &cur);
    if (s != DB_OK)
        return s;
    if (!dom_outreach_may_move(cur.stage, m->to))
        s = db_refuse(d, DB_INVALID, "この段階には移せません");
    db_outreach o = cur;
    o.stage = (char *)m->to;
    if (strcmp(m->to, dom_outreach_stages[DOM_O_CLOSED]) == 0) {
        o.next_on = (char *)"";
        o.next_how = (char *)"";
    }
    if (s == DB_OK)
        s = db_outreach_update(d, &o);
    if (s == DB_OK)
        m->o->version = o.version;
    db_outreach_free(&cur);
    return s;
}

/* Move an entry read at its version to another stage. */
db_status dom_outreach_move(db *d, db_outreach *o, const char *to)
{
    if (dom_outreach_index(dom_outreach_stages, DOM_O_COUNT, to) == DOM_O_COUNT)
        return db_refuse(d, DB_INVALID, "関係の段階を選んでください");
    struct dom_outreach_step m = { o, to };
    int64_t version = o->version;
    db_status s = db_write(d, dom_outreach_move_tx, &m);
    if (s != DB_OK)
        o->version = version;
    return s;
}

/* An entry becoming a person and a case. */
struct dom_outreach_convert {
    db_outreach *o;
    db_person *p;
    const char *opened_on;
    int64_t case_id;
};

/* The history the case starts from: who told of them, when, and how many
 * attempts it took. */
static void dom_outreach_history(const db_outreach *o, size_t attempts, char *buf, size_t n)
{
    char day[DOM_OUTREACH_ISO_MAX * 2];
    txt_date d;
    if (txt_date_parse(o->first_info_on, strlen(o->first_info_on), &d) == 0)
        txt_date_wareki_short(d, day, sizeof day);
    else
        snprintf(day, sizeof day, "%s", o->first_info_on);
    snprintf(buf, n, "アウトリーチの記録（番号 %lld）から: %s に%sから情報、試み %zu 回",
             (long long)o->id, day, o->source, attempts);
}

/* The body of the conversion's transaction: the person (unless the entry
 * names one already), the case, its first event, and the entry (as
 * stored) linked. */
static db_status dom_outreach_convert_tx(db *d, void *arg)
{
    struct dom_outreach_convert *c = arg;
    db_outreach cur;
    db_status s = dom_outreach_current(d, c->o, &cur);
    if (s != DB_OK)
        return s;
    int64_t person = cur.person_id;
    if (cur.case_id > 0)
        s = db_refuse(d, DB_INVALID, "この記録はすでにケースになっています");
    if (s == DB_OK && person == 0)
        s = db_person_insert(d, c->p, &person);
    db_outreach_attempt *as = NULL;
    size_t n = 0;
    if (s == DB_OK)
        s = db_outreach_attempts(d, cur.id, &as, &n);
    db_outreach_attempt_list_free(as, n);
    db_case k = { .person_id = person, .household_id = c->p->household_id,
                  .business = DOM_BUSINESS_OUTREACH, .stage = DOM_STAGE_FIRST,
                  .criteria = "", .tried = "", .opened_on = (char *)c->opened_on };
    if (s == DB_OK)
        s = db_case_insert(d, &k);
    char note[DOM_OUTREACH_NOTE_MAX];
    dom_outreach_history(&cur, n, note, sizeof note);
    db_case_event e = { .case_id = k.id, .kind = "開始", .to_stage = DOM_STAGE_FIRST,
                        .note = note };
    if (s == DB_OK)
        s = db_case_event_add(d, &e);
    db_outreach o = cur;
    o.person_id = person;
    o.case_id = k.id;
    o.stage = (char *)dom_outreach_stages[DOM_O_CONNECTED];
    if (s == DB_OK)
        s = db_outreach_update(d, &o);
    if (s == DB_OK) {
        c->o->person_id = person;
        c->o->case_id = k.id;
        c->o->version = o.version;
        c->case_id = k.id;
    }
    db_outreach_free(&cur);
    return s;
}

/* Make an entry read at its version a person (p, unless the entry names
 * one already) and an アウトリーチ case opened today, in one transaction;
 * the entry moves to 支援につながった and keeps its attempts, linked to
 * both.  *case_id receives the case. */
db_status dom_outreach_convert(db *d, db_outreach *o, db_person *p, txt_date today,
                               int64_t *case_id)
{
    if (o->case_id > 0)
        return db_refuse(d, DB_INVALID, "この記録はすでにケースになっています");
    if (strcmp(o->stage, dom_outreach_stages[DOM_O_CLOSED]) == 0)
        return db_refuse(d, DB_INVALID, "終結した記録です。接触ありに戻してからケースにします");
    const char *why = NULL;
    if (o->person_id == 0 && (p->name == NULL || p->name[0] == '\0') &&
        (p->kana == NULL || p->kana[0] == '\0'))
        why = "ケースにするには本人の氏名かフリガナが要ります";
    else if (o->person_id == 0)
        why = dom_person_invalid(p, today);
    if (why)
        return db_refuse(d, DB_INVALID, why);
    char opened[DOM_OUTREACH_ISO_MAX];
    txt_date_iso(today, opened, sizeof opened);
    struct dom_outreach_convert c = { o, p, opened, 0 };
    int64_t person = o->person_id, version = o->version;
    db_status s = db_write(d, dom_outreach_convert_tx, &c);
    if (s != DB_OK) {
        o->person_id = person;
        o->version = version;
    }
    *case_id = c.case_id;
    return s;
}
