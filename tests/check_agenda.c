/* check_agenda.c - unit tests of the meetings' rules on real SQLite files
 * (dom-meeting.c over db-meeting.c): a regular series made in one go,
 * each decision's effect on the case's stage and the plan's state and
 * dates, and the consent rule checked again when a decision is recorded,
 * so that a consent withdrawn after an item was placed stops it. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "domain.h"
#include "text.h"
#include "tfix.h"

#define TAG_KIND_JUUSOU 1      /* the kinds the schema brings */
#define TAG_KIND_SHIEN 2
#define TAG_MEETING_DAY "2026-06-10"
#define TAG_MONITOR_DAY "2026-09-10"    /* three months after the meeting */
#define TAG_EVALUATE_DAY "2026-12-10"   /* six months after */

/* Make the test's own folder. */
static void tag_setup(void)
{
    tfix_setup("check_agenda");
}

/* The test's database with a coordinator acting. */
static db *tag_db(void)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    return d;
}

/* A meeting of a kind held on a day, made through the domain; the caller
 * frees it. */
static db_meeting tag_meeting(db *d, int64_t kind, const char *day, const char *state)
{
    db_meeting m;
    memset(&m, 0, sizeof m);
    m.kind_id = kind;
    m.held_on = (char *)day;
    m.starts_at = "13:30";
    m.place = "役場 2階 会議室";
    m.regular = true;
    m.state = (char *)state;
    m.note = "";
    db_meeting made = m;
    db_status st = dom_meeting_create(d, &made, NULL, 0);
    ck_assert_msg(st == DB_OK, "meeting: %d %s", st, db_errmsg(d));
    ck_assert_int_gt(made.id, 0);
    return made;   /* dom_meeting_create read the stored row into it */
}

/* db_write body: put the item given on its agenda. */
static db_status tag_add_tx(db *d, void *arg)
{
    return db_agenda_add(d, arg);
}

/* Put a case on a meeting's agenda for a moment; returns the item as
 * stored (the caller frees it). */
static db_agenda_item tag_item(db *d, int64_t meeting, int64_t case_id, const char *moment,
                               int64_t plan)
{
    db_agenda_item it;
    memset(&it, 0, sizeof it);
    it.meeting_id = meeting;
    it.case_id = case_id;
    it.moment = (char *)moment;
    it.plan_id = plan;
    it.note = "";
    ck_assert_msg(db_write(d, tag_add_tx, &it) == DB_OK, "agenda: %s", db_errmsg(d));
    db_agenda_item got;
    ck_assert_int_eq(db_agenda_get(d, it.id, &got), DB_OK);
    return got;
}

/* A case of a consenting person at a stage, with a plan in a state. */
static int64_t tag_case(db *d, const char *name, const char *stage, const char *plan_state,
                        int64_t *plan)
{
    int64_t person = tfix_person(d, name, "ハヤシ ケンイチ");
    tfix_consent(d, person);
    int64_t c = tfix_case(d, person, "多機関協働", stage, "2026-04-01");
    *plan = plan_state ? tfix_plan(d, c, 0, plan_state, "", "") : 0;
    return c;
}

/* The stage a case is at now (static buffer). */
static const char *tag_stage(db *d, int64_t case_id)
{
    static char stage[64];
    db_case c;
    ck_assert_int_eq(db_case_get(d, case_id, &c), DB_OK);
    snprintf(stage, sizeof stage, "%s", c.stage);
    db_case_free(&c);
    return stage;
}

/* A plan as stored now; the caller frees it. */
static db_plan tag_plan(db *d, int64_t id)
{
    db_plan p;
    ck_assert_int_eq(db_plan_get(d, id, &p), DB_OK);
    return p;
}

/* The newest event of a case; the caller frees the list. */
static const db_case_event *tag_last_event(db *d, int64_t case_id, db_case_event **es, size_t *n)
{
    ck_assert_int_eq(db_case_events(d, case_id, es, n), DB_OK);
    ck_assert_uint_gt(*n, 0);
    return &(*es)[*n - 1];
}

/* A series of six, every second month, members on each. */
START_TEST(tag_series)
{
    db *d = tag_db();
    db_meeting m;
    memset(&m, 0, sizeof m);
    m.kind_id = TAG_KIND_JUUSOU;
    m.held_on = "2026-04-30";
    m.starts_at = "14:00";
    m.place = "福祉センター";
    m.regular = true;
    m.state = "予定";
    m.note = "";
    db_meeting_member members[] = { { 0, db_actor(d), NULL, false } };
    int64_t first = 0;
    ck_assert_int_eq(dom_meeting_series_create(d, &m, 2, 6, members, 1, &first), DB_OK);
    ck_assert_int_gt(first, 0);
    db_meeting *ms = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_meeting_list(d, "", "", &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 6);
    const char *days[] = { "2026-04-30", "2026-06-25", "2026-08-27", "2026-10-29",
                           "2026-12-31", "2027-02-25" };   /* the last Thursdays */
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(ms[i].held_on, days[i]);
        ck_assert_str_eq(ms[i].starts_at, "14:00");
        ck_assert_str_eq(ms[i].kind_name, "重層的支援会議");
        ck_assert(ms[i].regular);
        ck_assert_int_eq(ms[i].series_id, first);   /* the first names itself too */
        db_meeting_member *mm = NULL;
        size_t k = 0;
        ck_assert_int_eq(db_meeting_members(d, ms[i].id, &mm, &k), DB_OK);
        ck_assert_uint_eq(k, 1);
        ck_assert_str_eq(mm[0].name, "田中　一郎");
        db_meeting_member_list_free(mm, k);
    }
    db_meeting_list_free(ms, n);
    /* Out of bounds: nothing made. */
    ck_assert_int_eq(dom_meeting_series_create(d, &m, 0, 6, NULL, 0, &first), DB_INVALID);
    m.held_on = "2026-02-30";
    ck_assert_int_eq(dom_meeting_series_create(d, &m, 2, 6, NULL, 0, &first), DB_INVALID);
    ck_assert_int_eq(db_meeting_list(d, "", "", &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 6);
    db_meeting_list_free(ms, n);
    db_close(d);
}
END_TEST

/* 承認 approves the plan from the meeting's day (monitoring 3 months and
 * evaluation 6 months on), moves the case to 支援決定, records the
 * decision with a gap, and writes the meeting on the case's timeline. */
START_TEST(tag_approve)
{
    db *d = tag_db();
    int64_t plan;
    int64_t c = tag_case(d, "林　健一", "プラン作成", "案", &plan);
    db_meeting m = tag_meeting(d, TAG_KIND_JUUSOU, TAG_MEETING_DAY, "開催済");
    db_agenda_item it = tag_item(d, m.id, c, "プラン策定", plan);
    int64_t version = it.version;
    txt_date today = { 2026, 6, 11 };
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it, "承認", "役割分担を確認", "夜間の見守り", today),
                     DB_OK);
    ck_assert_int_eq(it.version, version + 1);
    ck_assert_str_eq(tag_stage(d, c), "支援決定");
    db_plan p = tag_plan(d, plan);
    ck_assert_str_eq(p.state, "承認");
    ck_assert_str_eq(p.approved_on, TAG_MEETING_DAY);
    ck_assert_str_eq(p.monitor_on, TAG_MONITOR_DAY);
    ck_assert_str_eq(p.evaluate_on, TAG_EVALUATE_DAY);
    db_plan_free(&p);
    db_agenda_item got;
    ck_assert_int_eq(db_agenda_get(d, it.id, &got), DB_OK);
    ck_assert_str_eq(got.decision, "承認");
    ck_assert_str_eq(got.decision_note, "役割分担を確認");
    ck_assert_str_eq(got.resource_gap, "夜間の見守り");
    ck_assert_int_eq(got.decided_by, db_actor(d));
    db_agenda_item_free(&got);
    db_case_event *es = NULL;
    size_t n = 0;
    const db_case_event *e = tag_last_event(d, c, &es, &n);
    ck_assert_str_eq(e->kind, "会議");
    ck_assert_str_eq(e->from_stage, "プラン作成");
    ck_assert_str_eq(e->to_stage, "支援決定");
    ck_assert_ptr_nonnull(strstr(e->note, "重層的支援会議（R8.6.10）の決定: 承認"));
    db_case_event_list_free(es, n);
    /* The same item again at its old version: another terminal's. */
    it.version = version;
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it, "再検討", "", "", today), DB_CONFLICT);
    ck_assert_str_eq(tag_stage(d, c), "支援決定");
    db_agenda_item_free(&it);
    db_meeting_free(&m);
    db_close(d);
}
END_TEST

/* A consent withdrawn after the item was placed stops a decision at a
 * meeting not under 守秘義務; nothing moves.  The 支援会議 may decide. */
START_TEST(tag_withdrawn_after_placing)
{
    db *d = tag_db();
    int64_t plan;
    int64_t c = tag_case(d, "森　花子", "プラン作成", "案", &plan);
    db_meeting m = tag_meeting(d, TAG_KIND_JUUSOU, TAG_MEETING_DAY, "開催済");
    db_agenda_item it = tag_item(d, m.id, c, "プラン策定", plan);
    db_case cs;
    ck_assert_int_eq(db_case_get(d, c, &cs), DB_OK);
    db_consent *consents = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_consent_list(d, cs.person_id, &consents, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(dom_consent_withdraw(d, &consents[0], "2026-06-01", "本人の申し出"), DB_OK);
    db_consent_list_free(consents, n);
    txt_date today = { 2026, 6, 10 };
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it, "承認", "", "", today), DB_INVALID);
    ck_assert_ptr_nonnull(strstr(db_errtext(d), "支援会議"));
    ck_assert_str_eq(tag_stage(d, c), "プラン作成");
    db_plan p = tag_plan(d, plan);
    ck_assert_str_eq(p.state, "案");
    db_plan_free(&p);
    db_agenda_item got;
    ck_assert_int_eq(db_agenda_get(d, it.id, &got), DB_OK);
    ck_assert_str_eq(got.decision, "");
    db_agenda_item_free(&got);

    db_meeting s = tag_meeting(d, TAG_KIND_SHIEN, TAG_MEETING_DAY, "開催済");
    db_agenda_item sit = tag_item(d, s.id, c, "情報共有", 0);
    ck_assert_int_eq(dom_agenda_decide(d, &s, &sit, "情報共有のみ", "見守りを続ける", "", today),
                     DB_OK);
    ck_assert_str_eq(tag_stage(d, c), "プラン作成");
    db_agenda_item_free(&sit);
    db_meeting_free(&s);
    db_agenda_item_free(&it);
    db_meeting_free(&m);
    db_case_free(&cs);
    db_close(d);
}
END_TEST

/* 終結 needs its reason and closes the case and its running plan; 中断
 * and 包括的相談支援に戻す end the case and leave the plan; 再検討 at
 * 終結判断 carries on with new dates from the meeting's day. */
START_TEST(tag_endings)
{
    db *d = tag_db();
    db_meeting m = tag_meeting(d, TAG_KIND_JUUSOU, TAG_MEETING_DAY, "開催済");
    txt_date today = { 2026, 6, 10 };

    int64_t plan1;
    int64_t c1 = tag_case(d, "一　一", "評価", "実施中", &plan1);
    db_agenda_item it1 = tag_item(d, m.id, c1, "終結判断", plan1);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it1, "終結", "", "", today), DB_INVALID);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it1, "終結", "目標を達成した", "", today), DB_OK);
    ck_assert_str_eq(tag_stage(d, c1), "終結");
    db_plan p = tag_plan(d, plan1);
    ck_assert_str_eq(p.state, "終結");
    db_plan_free(&p);

    int64_t plan2;
    int64_t c2 = tag_case(d, "二　二", "支援中", "実施中", &plan2);
    db_agenda_item it2 = tag_item(d, m.id, c2, "中断決定", plan2);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it2, "中断", "連絡が取れない", "", today), DB_OK);
    ck_assert_str_eq(tag_stage(d, c2), "中断");
    p = tag_plan(d, plan2);
    ck_assert_str_eq(p.state, "実施中");
    db_plan_free(&p);

    int64_t plan3;
    int64_t c3 = tag_case(d, "三　三", "評価", "実施中", &plan3);
    db_agenda_item it3 = tag_item(d, m.id, c3, "終結判断", plan3);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it3, "再検討", "もう半年", "", today), DB_OK);
    ck_assert_str_eq(tag_stage(d, c3), "支援中");
    p = tag_plan(d, plan3);
    ck_assert_str_eq(p.state, "実施中");
    ck_assert_str_eq(p.monitor_on, TAG_MONITOR_DAY);
    ck_assert_str_eq(p.evaluate_on, TAG_EVALUATE_DAY);
    db_plan_free(&p);

    int64_t plan4;
    int64_t c4 = tag_case(d, "四　四", "プラン作成", "案", &plan4);
    db_agenda_item it4 = tag_item(d, m.id, c4, "プラン策定", plan4);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it4, "包括的相談支援に戻す", "", "", today),
                     DB_INVALID);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it4, "包括的相談支援に戻す", "包括が主担当", "",
                                       today), DB_OK);
    ck_assert_str_eq(tag_stage(d, c4), "包括的相談支援に戻す");
    p = tag_plan(d, plan4);
    ck_assert_str_eq(p.state, "案");
    db_plan_free(&p);
    /* A closed case takes no decision that moves it. */
    db_meeting later = tag_meeting(d, TAG_KIND_JUUSOU, "2026-06-11", "開催済");
    db_agenda_item again = tag_item(d, later.id, c2, "中断決定", plan2);
    ck_assert_int_eq(dom_agenda_decide(d, &later, &again, "中断", "再び", "",
                                       (txt_date){ 2026, 6, 11 }), DB_INVALID);

    db_agenda_item_free(&again);
    db_meeting_free(&later);
    db_agenda_item_free(&it1);
    db_agenda_item_free(&it2);
    db_agenda_item_free(&it3);
    db_agenda_item_free(&it4);
    db_meeting_free(&m);
    db_close(d);
}
END_TEST

/* Decisions wait for the meeting's day, and a cancelled meeting takes
 * none; 承認 needs a plan in 案. */
START_TEST(tag_refusals)
{
    db *d = tag_db();
    int64_t plan;
    int64_t c = tag_case(d, "五　五", "支援中", "実施中", &plan);
    db_meeting m = tag_meeting(d, TAG_KIND_JUUSOU, TAG_MEETING_DAY, "予定");
    db_agenda_item it = tag_item(d, m.id, c, "プラン策定", plan);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it, "再検討", "", "", (txt_date){ 2026, 6, 9 }),
                     DB_INVALID);
    ck_assert_int_eq(dom_agenda_decide(d, &m, &it, "承認", "", "", (txt_date){ 2026, 6, 10 }),
                     DB_INVALID);
    db_meeting x = tag_meeting(d, TAG_KIND_JUUSOU, TAG_MEETING_DAY, "中止");
    db_agenda_item xi = tag_item(d, x.id, c, "プラン策定", plan);
    ck_assert_int_eq(dom_agenda_decide(d, &x, &xi, "再検討", "", "", (txt_date){ 2026, 6, 10 }),
                     DB_INVALID);
    ck_assert_str_eq(tag_stage(d, c), "支援中");
    db_agenda_item_free(&xi);
    db_meeting_free(&x);
    db_agenda_item_free(&it);
    db_meeting_free(&m);
    db_close(d);
}
END_TEST

/* db_write body: set the setting given as two strings. */
static db_status tag_setting_tx(db *d, void *arg)
{
    const char *const *kv = arg;
    return db_setting_set(d, kv[0], kv[1]);
}

/* A 重層的支援会議's paper never names a person whose consent was
 * withdrawn after the item was placed: the item is left out and counted.
 * A 支援会議's paper carries the 守秘義務 notice and names persons as the
 * administrator chose.  Each paper is in the audit trail. */
START_TEST(tag_papers)
{
    db *d = tag_db();
    int64_t plan1, plan2;
    int64_t c1 = tag_case(d, "林　健一", "プラン作成", "案", &plan1);
    int64_t c2 = tag_case(d, "森　花子", "プラン作成", "案", &plan2);
    db_meeting m = tag_meeting(d, TAG_KIND_JUUSOU, TAG_MEETING_DAY, "予定");
    db_agenda_item it1 = tag_item(d, m.id, c1, "プラン策定", plan1);
    db_agenda_item it2 = tag_item(d, m.id, c2, "プラン策定", plan2);
    char *text = NULL;
    size_t omitted = 9;
    ck_assert_int_eq(dom_paper_agenda(d, m.id, &text, &omitted), DB_OK);
    ck_assert_uint_eq(omitted, 0);
    ck_assert_ptr_nonnull(strstr(text, "重層的支援会議 次第"));
    ck_assert_ptr_nonnull(strstr(text, "令和8年6月10日（水） 13:30"));
    ck_assert_ptr_nonnull(strstr(text, "林　健一"));
    ck_assert_ptr_nonnull(strstr(text, "森　花子"));
    ck_assert_ptr_nonnull(strstr(text, "本人目標: 働きながら母の介護を続ける"));
    ck_assert_ptr_null(strstr(text, "守秘義務"));
    free(text);

    db_case cs;
    ck_assert_int_eq(db_case_get(d, c2, &cs), DB_OK);
    db_consent *consents = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_consent_list(d, cs.person_id, &consents, &n), DB_OK);
    ck_assert_int_eq(dom_consent_withdraw(d, &consents[0], "2026-06-01", "本人の申し出"), DB_OK);
    db_consent_list_free(consents, n);
    ck_assert_int_eq(dom_paper_agenda(d, m.id, &text, &omitted), DB_OK);
    ck_assert_uint_eq(omitted, 1);
    ck_assert_ptr_nonnull(strstr(text, "林　健一"));
    ck_assert_ptr_null(strstr(text, "森"));
    ck_assert_ptr_null(strstr(text, "花子"));
    ck_assert_ptr_nonnull(strstr(text, "本人同意が有効でない議題 1 件は、この資料に記載していません"));
    /* Every line fits the paper. */
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        ck_assert_int_le(txt_width(line, len), DOM_PAPER_COLS + 2);
        line += len + (line[len] == '\n');
    }
    free(text);

    db_meeting s = tag_meeting(d, TAG_KIND_SHIEN, TAG_MEETING_DAY, "予定");
    db_agenda_item sit = tag_item(d, s.id, c2, "情報共有", 0);
    ck_assert_int_eq(dom_paper_agenda(d, s.id, &text, &omitted), DB_OK);
    ck_assert_uint_eq(omitted, 0);
    ck_assert_ptr_nonnull(strstr(text, "【守秘義務】"));
    ck_assert_ptr_nonnull(strstr(text, "ハ・ケ"));   /* initials by default */
    ck_assert_ptr_null(strstr(text, "森　花子"));
    free(text);
    const char *by_case[] = { DOM_SETTING_CONFIDENTIAL_NAMES, "ケース番号" };
    ck_assert_int_eq(db_write(d, tag_setting_tx, by_case), DB_OK);
    ck_assert_int_eq(dom_paper_agenda(d, s.id, &text, &omitted), DB_OK);
    ck_assert_ptr_null(strstr(text, "ハ・ケ"));
    ck_assert_ptr_nonnull(strstr(text, "ケース "));
    free(text);
    const char *by_name[] = { DOM_SETTING_CONFIDENTIAL_NAMES, "氏名" };
    ck_assert_int_eq(db_write(d, tag_setting_tx, by_name), DB_OK);
    ck_assert_int_eq(dom_paper_agenda(d, s.id, &text, &omitted), DB_OK);
    ck_assert_ptr_nonnull(strstr(text, "森　花子"));
    free(text);
    int64_t prints = 0;
    ck_assert_int_eq(db_audit_count(d, "print", "meeting", 0, &prints), DB_OK);
    ck_assert_int_eq(prints, 5);
    ck_assert_int_eq(dom_paper_agenda(d, 999, &text, &omitted), DB_NOTFOUND);

    db_agenda_item_free(&sit);
    db_meeting_free(&s);
    db_case_free(&cs);
    db_agenda_item_free(&it1);
    db_agenda_item_free(&it2);
    db_meeting_free(&m);
    db_close(d);
}
END_TEST

/* Run the tests, each in a fresh folder; the exit status says whether
 * anything failed. */
int main(void)
{
    const tfix_group groups[] = {
        { "meetings", { tag_series, tag_approve, tag_withdrawn_after_placing, tag_endings,
                        tag_refusals, tag_papers, NULL } },
    };
    return tfix_run("agenda", groups, sizeof groups / sizeof groups[0], tag_setup);
}
