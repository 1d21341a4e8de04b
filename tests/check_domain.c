/* check_domain.c - unit tests of the domain rules: roles, sex codes, age,
 * the checks a person must pass before saving, consultations (年度,
 * 新規/継続, open items, matching a caller with stored persons), consent,
 * cases, plans, referrals, and the meetings' agenda rules. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"

/* A person with only a birth date and a sex code set. */
static db_person tdom_person(const char *birth, const char *sex)
{
    db_person p;
    memset(&p, 0, sizeof p);
    p.birth = (char *)birth;
    p.sex = (char *)sex;
    return p;
}

START_TEST(test_roles_round_trip)
{
    for (dom_role r = DOM_ROLE_ADMIN; r < DOM_ROLE_UNKNOWN; r++) {
        ck_assert_int_eq(dom_role_of(dom_role_code(r)), r);
        ck_assert_int_eq(dom_role_parse(dom_role_label(r)), r);
        ck_assert_int_eq(dom_role_parse(dom_role_code(r)), r);
    }
    ck_assert_int_eq(dom_role_of("root"), DOM_ROLE_UNKNOWN);
    ck_assert_str_eq(dom_role_label(DOM_ROLE_COUNTER), "窓口職員");
}
END_TEST

START_TEST(test_staff_permissions)
{
    db_staff s;
    memset(&s, 0, sizeof s);
    s.role = "admin";
    s.active = true;
    ck_assert(dom_staff_may_enter(&s));
    ck_assert(dom_staff_is_admin(&s));
    s.active = false;
    ck_assert(!dom_staff_may_enter(&s));
    ck_assert(!dom_staff_is_admin(&s));
    s.active = true;
    s.role = "counter";
    ck_assert(dom_staff_may_enter(&s));
    ck_assert(!dom_staff_is_admin(&s));
    s.role = "bogus";
    ck_assert(!dom_staff_may_enter(&s));
}
END_TEST

START_TEST(test_sex_labels)
{
    ck_assert_str_eq(dom_sex_label("M"), "男");
    ck_assert_str_eq(dom_sex_label("F"), "女");
    ck_assert_str_eq(dom_sex_label(""), "不明");
    ck_assert_str_eq(dom_sex_code("女"), "F");
    ck_assert_str_eq(dom_sex_code("X"), "X");
    ck_assert_ptr_null(dom_sex_code("female"));
}
END_TEST

START_TEST(test_age)
{
    txt_date today = { 2026, 11, 24 };
    db_person p = tdom_person("1970-03-01", "M");
    ck_assert_int_eq(dom_person_age(&p, today), 56);
    p = tdom_person("1970-11-25", "M");
    ck_assert_int_eq(dom_person_age(&p, today), 55);
    p = tdom_person("1970-11-24", "M");
    ck_assert_int_eq(dom_person_age(&p, today), 56);
    p = tdom_person("", "M");
    ck_assert_int_eq(dom_person_age(&p, today), -1);
}
END_TEST

START_TEST(test_person_invalid)
{
    txt_date today = { 2026, 11, 24 };
    db_person p = tdom_person("1970-03-01", "F");
    ck_assert_ptr_null(dom_person_invalid(&p, today));
    p = tdom_person("2027-01-01", "F");
    ck_assert_ptr_nonnull(strstr(dom_person_invalid(&p, today), "生年月日"));
    p = tdom_person("令和8年2月30日", "F");
    ck_assert_ptr_nonnull(dom_person_invalid(&p, today));
    p = tdom_person("", "?");
    ck_assert_ptr_nonnull(strstr(dom_person_invalid(&p, today), "性別"));
}
END_TEST


/* ---- consultations ---------------------------------------------------- */

/* A consultation with an id and a time only. */
static db_consult tdom_consult(int64_t id, const char *at)
{
    db_consult c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.received_at = (char *)at;
    c.is_new = true;   /* so that "left true" cannot pass for "set" */
    return c;
}

START_TEST(test_fiscal_year_of)
{
    ck_assert_int_eq(dom_fiscal_year_of("2026-03-31T23:59"), 2025);
    ck_assert_int_eq(dom_fiscal_year_of("2026-04-01T00:00"), 2026);
    ck_assert_int_eq(dom_fiscal_year_of("2026-04-01"), 2026);
    ck_assert_int_eq(dom_fiscal_year_of("2027-01-15 10:00"), 2026);
    ck_assert_int_eq(dom_fiscal_year_of("2025-12-31T10:00"), 2025);
    ck_assert_int_eq(dom_fiscal_year_of("2026-02-30T10:00"), -1);
    ck_assert_int_eq(dom_fiscal_year_of("2026/04/01"), -1);
    ck_assert_int_eq(dom_fiscal_year_of("令和8年4月1日"), -1);
    ck_assert_int_eq(dom_fiscal_year_of("2026-04-0"), -1);
    ck_assert_int_eq(dom_fiscal_year_of("2026-04-01X"), -1);
    ck_assert_int_eq(dom_fiscal_year_of(""), -1);
    ck_assert_int_eq(dom_fiscal_year_of(NULL), -1);
}
END_TEST

START_TEST(test_mark_new_boundary)
{
    /* 31 March and 1 April are in two 年度: both 新規. */
    db_consult cs[] = {
        tdom_consult(2, "2026-04-01T09:00"),
        tdom_consult(1, "2026-03-31T16:00"),
        tdom_consult(3, "2026-04-02T09:00"),
        tdom_consult(4, "2025-04-01T08:30"),
    };
    dom_consult_mark_new(cs, 4);
    ck_assert(cs[0].is_new);    /* first of 令和8年度 */
    ck_assert(!cs[1].is_new);   /* 令和7年度, after 2025-04-01 */
    ck_assert(!cs[2].is_new);
    ck_assert(cs[3].is_new);    /* first of 令和7年度 */
    db_consult two[] = {
        tdom_consult(1, "2026-03-31T16:00"),
        tdom_consult(2, "2026-04-01T09:00"),
    };
    dom_consult_mark_new(two, 2);
    ck_assert(two[0].is_new);
    ck_assert(two[1].is_new);
}
END_TEST

START_TEST(test_mark_new_order)
{
    /* Two in one 年度: the earlier is 新規 even when entered later (a
     * higher id, and last in the list). */
    db_consult cs[] = {
        tdom_consult(10, "2026-06-01T10:00"),
        tdom_consult(11, "2026-05-01T10:00"),
    };
    dom_consult_mark_new(cs, 2);
    ck_assert(!cs[0].is_new);
    ck_assert(cs[1].is_new);
    /* The same minute: the lower id (entered first) is 新規, whatever the
     * order of the list. */
    db_consult same[] = {
        tdom_consult(21, "2026-05-01T10:00"),
        tdom_consult(20, "2026-05-01T10:00"),
        tdom_consult(22, "2026-05-01T10:00"),
    };
    dom_consult_mark_new(same, 3);
    ck_assert(!same[0].is_new);
    ck_assert(same[1].is_new);
    ck_assert(!same[2].is_new);
    /* One alone is 新規; none is fine. */
    db_consult one = tdom_consult(5, "2024-01-01T00:00");
    one.is_new = false;
    dom_consult_mark_new(&one, 1);
    ck_assert(one.is_new);
    dom_consult_mark_new(NULL, 0);
}
END_TEST

START_TEST(test_choice_lists)
{
    ck_assert_uint_eq(dom_n_channels, 6);
    ck_assert_str_eq(dom_channels[0], "窓口");
    ck_assert_str_eq(dom_channels[4], "LINE");
    ck_assert_uint_eq(dom_n_urgencies, 3);
    ck_assert_str_eq(dom_urgencies[0], "緊急");
    ck_assert_uint_eq(dom_n_dispositions, 6);
    ck_assert_str_eq(dom_dispositions[0], "窓口で対応・終了");
    ck_assert_str_eq(dom_dispositions[5], DOM_DISPOSITION_CONTINUE);
}
END_TEST

START_TEST(test_consult_open)
{
    txt_date today = { 2026, 11, 24 };
    db_consult cs[] = {
        tdom_consult(1, "2025-05-14T10:20"),
        tdom_consult(2, "2025-06-03T14:00"),
        tdom_consult(3, "2026-10-07T19:42"),
    };
    cs[0].disposition = "継続相談";       /* followed up since: not open */
    cs[0].next_contact = "2025-05-28";
    cs[1].disposition = "つなぎ";
    cs[1].next_contact = "2026-11-24";    /* today: open */
    cs[2].disposition = "継続相談";       /* the latest: open */
    cs[2].next_contact = "";
    ck_assert(!dom_consult_is_open(cs, 3, 0, today));
    ck_assert(dom_consult_is_open(cs, 3, 1, today));
    ck_assert(dom_consult_is_open(cs, 3, 2, today));
    cs[1].next_contact = "2026-11-23";    /* yesterday */
    ck_assert(!dom_consult_is_open(cs, 3, 1, today));
    cs[2].disposition = "窓口で対応・終了";
    ck_assert(!dom_consult_is_open(cs, 3, 2, today));
}
END_TEST

/* A typed or stored person with the fields matching looks at. */
static db_person tdom_who(const char *name, const char *kana, const char *birth,
                          const char *phone)
{
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = (char *)name;
    p.kana = (char *)kana;
    p.birth = (char *)birth;
    p.phone = (char *)phone;
    return p;
}

START_TEST(test_person_match)
{
    db_person stored = tdom_who("髙橋　一郎", "タカハシ　イチロウ", "1944-08-08", "0569-72-4410");
    struct {
        db_person typed;
        int level;            /* DOM_MATCH_* the score is at (0: none) */
        const char *reason;
    } cases[] = {
        { tdom_who("", "たかはし いちろう", "昭和19年8月8日", ""), DOM_MATCH_HIGH,
          "読みと生年月日が一致" },
        { tdom_who("", "", "", "０５６９－７２－４４１０"), DOM_MATCH_HIGH, "電話番号が一致" },
        { tdom_who("高橋 一郎", "", "S19.8.8", ""), DOM_MATCH_HIGH, "氏名と生年月日が一致" },
        { tdom_who("高橋一郎", "", "", ""), DOM_MATCH_MEDIUM, "氏名が一致" },
        { tdom_who("", "ﾀｶﾊｼ ｲﾁﾛｳ", "", ""), DOM_MATCH_LOW, "読みが一致" },
        { tdom_who("", "タカハシ　イチロウ", "1950-01-01", ""), DOM_MATCH_LOW, "読みが一致" },
        { tdom_who("", "タカギ　ジロウ", "1944-08-08", ""), DOM_MATCH_LOW,
          "読みが近く生年月日が一致" },
        /* Not candidates: another reading with the birth date, the birth
         * date alone, too few digits, nothing typed. */
        { tdom_who("", "サトウ　イチロウ", "1944-08-08", ""), 0, "" },
        { tdom_who("", "", "1944-08-08", ""), 0, "" },
        { tdom_who("", "", "", "4410"), 0, "" },
        { tdom_who("", "", "", ""), 0, "" },
        { tdom_who(NULL, NULL, NULL, NULL), 0, "" },
        { tdom_who("", "タ", "1944-08-08", ""), 0, "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dom_match m = dom_person_match(&cases[i].typed, &stored);
        if (cases[i].level == 0) {
            ck_assert_msg(m.score == 0, "case %zu: score %d (%s)", i, m.score, m.reason);
            continue;
        }
        ck_assert_msg(m.score >= cases[i].level && m.score < cases[i].level + DOM_MATCH_LEVEL,
                      "case %zu: score %d, wanted level %d", i, m.score, cases[i].level);
        ck_assert_str_eq(m.reason, cases[i].reason);
    }
    /* More that agrees ranks higher within a level. */
    db_person all = tdom_who("高橋　一郎", "タカハシ　イチロウ", "1944-08-08", "0569724410");
    db_person kb = tdom_who("", "タカハシ　イチロウ", "1944-08-08", "");
    ck_assert_int_gt(dom_person_match(&all, &stored).score,
                     dom_person_match(&kb, &stored).score);
    ck_assert_str_eq(dom_person_match(&all, &stored).reason, "読みと生年月日が一致");
    /* Stored fields empty match nothing either. */
    db_person bare = tdom_who("", "", "", "");
    ck_assert_int_eq(dom_person_match(&kb, &bare).score, 0);
}
END_TEST

/* A stored candidate with malloc'd strings, as db_person_similar gives. */
static db_person tdom_cand(int64_t id, const char *name, const char *kana,
                           const char *birth, const char *phone)
{
    db_person p;
    memset(&p, 0, sizeof p);
    p.id = id;
    p.relation = strdup("");
    p.name = strdup(name);
    p.kana = strdup(kana);
    p.birth = strdup(birth);
    p.sex = strdup("");
    p.address = strdup("");
    p.phone = strdup(phone);
    p.note = strdup("");
    return p;
}

START_TEST(test_person_rank)
{
    db_person typed = tdom_who("山田　太郎", "ヤマダ　タロウ", "1958-06-12", "");
    db_person *cands = calloc(5, sizeof *cands);
    ck_assert_ptr_nonnull(cands);
    cands[0] = tdom_cand(1, "佐藤　次郎", "サトウ　ジロウ", "1958-06-12", "");   /* none */
    cands[1] = tdom_cand(2, "山田　太郎", "ヤマダ　タロウ", "1970-01-01", "");   /* name */
    cands[2] = tdom_cand(3, "山本　花", "ヤマモト　ハナ", "1958-06-12", "");     /* close */
    cands[3] = tdom_cand(4, "山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "1958-06-12", "");          /* high */
    cands[4] = tdom_cand(5, "山田　花子", "ヤマダ　タロウ", "", "");             /* kana */
    size_t kept = dom_person_rank(&typed, cands, 5);
    ck_assert_uint_eq(kept, 4);
    ck_assert_int_eq(cands[0].id, 4);
    ck_assert_int_eq(cands[1].id, 2);
    /* Two at the low level keep their order. */
    ck_assert_int_eq(cands[2].id, 3);
    ck_assert_int_eq(cands[3].id, 5);
    ck_assert_ptr_null(cands[4].name);   /* dropped and freed */
    db_person_list_free(cands, 5);
    ck_assert_uint_eq(dom_person_rank(&typed, NULL, 0), 0);
}
END_TEST

START_TEST(test_household_name)
{
    char buf[32];
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = "山田　太郎";
    dom_household_name(&p, buf, sizeof buf);
    ck_assert_str_eq(buf, "山田世帯");
    p.name = "";
    p.kana = "ヤマダ タロウ";
    dom_household_name(&p, buf, sizeof buf);
    ck_assert_str_eq(buf, "ヤマダ世帯");
    /* Too long for the buffer: cut between characters, 世帯 kept. */
    p.name = "長長長長長長長長長長長長長長長長長長長長";
    dom_household_name(&p, buf, sizeof buf);
    ck_assert(txt_utf8_valid(buf, strlen(buf)));
    size_t len = strlen(buf);
    ck_assert(len >= strlen("世帯"));
    ck_assert_str_eq(buf + len - strlen("世帯"), "世帯");
}
END_TEST

/* A consent for the rule tests: all agencies, or the ones listed. */
static db_consent tdom_consent(int64_t id, const char *given, const char *withdrawn,
                               int64_t *agencies, size_t n)
{
    db_consent c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.person_id = 1;
    c.given_on = (char *)given;
    c.method = "署名";
    c.proxy_name = "";
    c.all_agencies = n == 0;
    c.agencies = agencies;
    c.n_agencies = n;
    c.taken_by = 1;
    c.withdrawn_on = (char *)withdrawn;
    return c;
}

START_TEST(test_consent_state)
{
    ck_assert_int_eq(dom_consent_state_of(0, 0), DOM_CONSENT_NONE);
    ck_assert_int_eq(dom_consent_state_of(1, 1), DOM_CONSENT_GIVEN);
    ck_assert_int_eq(dom_consent_state_of(0, 2), DOM_CONSENT_WITHDRAWN);
    /* A new consent after a withdrawal is in force again. */
    ck_assert_int_eq(dom_consent_state_of(1, 2), DOM_CONSENT_GIVEN);
    ck_assert_str_eq(dom_consent_label(DOM_CONSENT_GIVEN), "同意あり");
    ck_assert_str_eq(dom_consent_label(DOM_CONSENT_NONE), "同意なし");
    ck_assert_str_eq(dom_consent_label(DOM_CONSENT_WITHDRAWN), "撤回");
    db_consent cs[2] = { tdom_consent(2, "2026-05-01", "2026-06-01", NULL, 0),
                         tdom_consent(1, "2026-04-01", "", NULL, 0) };
    ck_assert_int_eq(dom_consent_state_list(cs, 2), DOM_CONSENT_GIVEN);
    cs[1].withdrawn_on = "2026-04-10";
    ck_assert_int_eq(dom_consent_state_list(cs, 2), DOM_CONSENT_WITHDRAWN);
    ck_assert_int_eq(dom_consent_state_list(cs, 0), DOM_CONSENT_NONE);
    /* The route and its notice follow the state. */
    ck_assert_int_eq(dom_route_of(DOM_CONSENT_GIVEN), DOM_ROUTE_JUSOTEKI);
    ck_assert_int_eq(dom_route_of(DOM_CONSENT_WITHDRAWN), DOM_ROUTE_SHIEN);
    ck_assert_int_eq(dom_route_of(DOM_CONSENT_NONE), DOM_ROUTE_SHIEN);
    ck_assert_ptr_null(dom_route_notice(DOM_CONSENT_GIVEN));
    ck_assert_ptr_nonnull(strstr(dom_route_notice(DOM_CONSENT_WITHDRAWN), "撤回"));
    ck_assert_ptr_nonnull(strstr(dom_route_notice(DOM_CONSENT_NONE), "支援会議"));
}
END_TEST

START_TEST(test_consent_scope)
{
    int64_t listed[] = { 7, 9 };
    db_consent cs[2] = { tdom_consent(2, "2026-05-01", "", listed, 2),
                         tdom_consent(1, "2026-04-01", "2026-04-20", NULL, 0) };
    ck_assert_ptr_eq(dom_consent_covering(cs, 2, 7), &cs[0]);
    ck_assert_ptr_eq(dom_consent_covering(cs, 2, 9), &cs[0]);
    /* The all-agencies consent was withdrawn: agency 8 is not covered. */
    ck_assert_ptr_null(dom_consent_covering(cs, 2, 8));
    cs[1].withdrawn_on = "";
    ck_assert_ptr_eq(dom_consent_covering(cs, 2, 8), &cs[1]);
}
END_TEST

START_TEST(test_consent_invalid)
{
    txt_date today = { 2026, 11, 24 };
    int64_t one[] = { 3 };
    db_consent c = tdom_consent(0, "2026-11-24", "", NULL, 0);
    ck_assert_ptr_null(dom_consent_invalid(&c, today));
    c.given_on = "2026-11-25";
    ck_assert_ptr_nonnull(dom_consent_invalid(&c, today));      /* future */
    c.given_on = "2026-02-30";
    ck_assert_ptr_nonnull(dom_consent_invalid(&c, today));      /* no such day */
    c.given_on = "2026-11-01";
    c.method = "メール";
    ck_assert_ptr_nonnull(dom_consent_invalid(&c, today));
    c.method = "代理人";
    ck_assert_ptr_nonnull(strstr(dom_consent_invalid(&c, today), "代理人の氏名"));
    c.proxy_name = "山田　花子";
    ck_assert_ptr_null(dom_consent_invalid(&c, today));
    c.all_agencies = false;
    ck_assert_ptr_nonnull(strstr(dom_consent_invalid(&c, today), "範囲"));
    c.agencies = one;
    c.n_agencies = 1;
    ck_assert_ptr_null(dom_consent_invalid(&c, today));
    /* Withdrawal: a reason, a date between the consent and today. */
    ck_assert_ptr_null(dom_consent_withdraw_invalid(&c, "2026-11-20", "本人の申し出", today));
    ck_assert_ptr_nonnull(dom_consent_withdraw_invalid(&c, "2026-10-31", "本人の申し出", today));
    ck_assert_ptr_nonnull(dom_consent_withdraw_invalid(&c, "2026-11-25", "本人の申し出", today));
    ck_assert_ptr_nonnull(dom_consent_withdraw_invalid(&c, "2026-11-20", "", today));
    c.withdrawn_on = "2026-11-21";
    ck_assert_ptr_nonnull(strstr(dom_consent_withdraw_invalid(&c, "2026-11-22", "再度", today),
                                 "既に撤回"));
}
END_TEST

START_TEST(test_case_stages)
{
    /* Forward one step at a time. */
    for (size_t i = 0; i + 1 < dom_n_case_stages - 2; i++)
        ck_assert_msg(dom_case_may_move(dom_case_stages[i], dom_case_stages[i + 1]),
                      "%s -> %s", dom_case_stages[i], dom_case_stages[i + 1]);
    ck_assert(!dom_case_may_move("受付", "プラン作成"));            /* no skipping */
    ck_assert(!dom_case_may_move("受付", "終結"));
    ck_assert(!dom_case_may_move("支援中", "支援中"));
    ck_assert(dom_case_may_move("モニタリング", "プラン作成"));      /* 再プラン */
    ck_assert(dom_case_may_move("モニタリング", "支援中"));
    ck_assert(dom_case_may_move("評価", "終結"));
    ck_assert(dom_case_may_move("支援中", "終結"));
    ck_assert(!dom_case_may_move("支援決定", "終結"));
    /* 中断 and the hand-back from any open stage. */
    ck_assert(dom_case_may_move("受付", "中断"));
    ck_assert(dom_case_may_move("プラン作成", "包括的相談支援に戻す"));
    /* A closed case only reopens, at アセスメント. */
    ck_assert(dom_case_closed("終結"));
    ck_assert(dom_case_closed("中断"));
    ck_assert(dom_case_closed("包括的相談支援に戻す"));
    ck_assert(!dom_case_closed("評価"));
    ck_assert(dom_case_may_move("終結", "アセスメント"));
    ck_assert(!dom_case_may_move("終結", "支援中"));
    ck_assert(!dom_case_may_move("中断", "中断"));
    ck_assert(!dom_case_may_move("支援中", "未知の段階"));
    /* 終結 and 中断 need a reason. */
    ck_assert_ptr_nonnull(dom_case_move_invalid("評価", "終結", ""));
    ck_assert_ptr_null(dom_case_move_invalid("評価", "終結", "目標を達成"));
    ck_assert_ptr_nonnull(dom_case_move_invalid("支援中", "中断", NULL));
    ck_assert_ptr_null(dom_case_move_invalid("支援中", "中断", "連絡が取れない"));
    ck_assert_ptr_null(dom_case_move_invalid("支援中", "包括的相談支援に戻す", ""));
    ck_assert_ptr_nonnull(dom_case_move_invalid("受付", "評価", "理由"));
}
END_TEST

START_TEST(test_case_invalid)
{
    db_case c;
    memset(&c, 0, sizeof c);
    c.person_id = 1;
    c.business = "多機関協働";
    c.criteria = "";
    c.tried = "";
    ck_assert_ptr_nonnull(strstr(dom_case_invalid(&c), "基準1〜3"));
    c.criteria = "1,3";
    ck_assert_ptr_nonnull(strstr(dom_case_invalid(&c), "試みた"));
    c.tried = "窓口で家計相談、地域包括に相談";
    ck_assert_ptr_null(dom_case_invalid(&c));
    /* Other businesses need no escalation criteria. */
    c.business = "アウトリーチ";
    c.criteria = c.tried = "";
    ck_assert_ptr_null(dom_case_invalid(&c));
    c.business = "就労支援";
    ck_assert_ptr_nonnull(dom_case_invalid(&c));
    c.business = "参加支援";
    c.person_id = 0;
    ck_assert_ptr_nonnull(dom_case_invalid(&c));
}
END_TEST

START_TEST(test_plan_rules)
{
    const char *why = NULL;
    ck_assert_str_eq(dom_plan_type("多機関協働", DOM_CONSENT_GIVEN, &why), "支援プラン");
    ck_assert_ptr_nonnull(strstr(why, "同意があるので"));
    ck_assert_str_eq(dom_plan_type("多機関協働", DOM_CONSENT_NONE, &why), "世帯丸ごと支援プラン");
    ck_assert_ptr_nonnull(strstr(why, "同意がない"));
    ck_assert_str_eq(dom_plan_type("多機関協働", DOM_CONSENT_WITHDRAWN, &why),
                     "世帯丸ごと支援プラン");
    ck_assert_ptr_nonnull(strstr(why, "撤回"));
    ck_assert_str_eq(dom_plan_type("参加支援", DOM_CONSENT_NONE, &why), "参加支援プラン");
    ck_assert_str_eq(dom_plan_type("アウトリーチ", DOM_CONSENT_GIVEN, &why), "アウトリーチ等プラン");
    ck_assert(dom_plan_may_move("案", "承認"));
    ck_assert(dom_plan_may_move("承認", "実施中"));
    ck_assert(dom_plan_may_move("評価済", "終結"));
    ck_assert(!dom_plan_may_move("案", "実施中"));
    ck_assert(!dom_plan_may_move("終結", "案"));
    ck_assert(!dom_plan_may_move("承認", "案"));
    /* Monitoring and evaluation dates: month ends clamp. */
    txt_date d = dom_date_add_months((txt_date){ 2026, 11, 30 }, DOM_PLAN_MONITOR_MONTHS);
    ck_assert_int_eq(d.y, 2027);
    ck_assert_int_eq(d.m, 2);
    ck_assert_int_eq(d.d, 28);
    d = dom_date_add_months((txt_date){ 2027, 8, 31 }, DOM_PLAN_EVALUATE_MONTHS);
    ck_assert_int_eq(d.y, 2028);
    ck_assert_int_eq(d.m, 2);
    ck_assert_int_eq(d.d, 29);                                 /* a leap year */
    d = dom_date_add_months((txt_date){ 2026, 4, 1 }, DOM_PLAN_EVALUATE_MONTHS);
    ck_assert_int_eq(d.m, 10);
    ck_assert_int_eq(d.d, 1);
}
END_TEST

START_TEST(test_plan_next)
{
    txt_date today = { 2026, 11, 24 };
    db_plan p;
    memset(&p, 0, sizeof p);
    p.state = "案";
    p.monitor_on = "2027-02-24";
    p.evaluate_on = "2027-05-24";
    const char *date = NULL;
    bool overdue = true;
    ck_assert_ptr_null(dom_plan_next(&p, today, &date, &overdue));   /* not approved */
    p.state = "承認";
    ck_assert_str_eq(dom_plan_next(&p, today, &date, &overdue), "モニタリング");
    ck_assert_str_eq(date, "2027-02-24");
    ck_assert(!overdue);
    p.monitor_on = "2026-11-01";                       /* monitoring passed */
    p.state = "実施中";
    ck_assert_str_eq(dom_plan_next(&p, today, &date, &overdue), "評価");
    ck_assert_str_eq(date, "2027-05-24");
    ck_assert(!overdue);
    p.evaluate_on = "2026-11-20";                      /* both passed */
    ck_assert_str_eq(dom_plan_next(&p, today, &date, &overdue), "評価");
    ck_assert(overdue);
    p.state = "評価済";
    ck_assert_ptr_null(dom_plan_next(&p, today, &date, &overdue));
}
END_TEST

START_TEST(test_referral_rules)
{
    ck_assert(dom_referral_may_move("依頼", "受理"));
    ck_assert(dom_referral_may_move("依頼", "差戻し"));
    ck_assert(dom_referral_may_move("受理", "対応中"));
    ck_assert(dom_referral_may_move("対応中", "完了"));
    ck_assert(dom_referral_may_move("差戻し", "依頼"));
    ck_assert(!dom_referral_may_move("依頼", "完了"));
    ck_assert(!dom_referral_may_move("完了", "依頼"));
    ck_assert_ptr_nonnull(dom_referral_move_invalid("依頼", "差戻し", ""));
    ck_assert_ptr_null(dom_referral_move_invalid("依頼", "差戻し", "対象外の相談です"));
    txt_date today = { 2026, 11, 24 };
    db_referral r;
    memset(&r, 0, sizeof r);
    r.state = "依頼";
    r.due_on = "2026-11-23";
    ck_assert(dom_referral_overdue(&r, today));
    r.due_on = "2026-11-24";
    ck_assert(!dom_referral_overdue(&r, today));
    r.due_on = "2026-11-01";
    r.state = "受理";                                  /* answered: not overdue */
    ck_assert(!dom_referral_overdue(&r, today));
    /* Sending: an agency, a reason, a due date not past. */
    r.state = "依頼";
    r.agency_id = 7;
    r.reason = "介護の相談";
    r.due_on = "2026-12-08";
    ck_assert_ptr_null(dom_referral_invalid(&r, today));
    r.due_on = "2026-11-01";
    ck_assert_ptr_nonnull(dom_referral_invalid(&r, today));
    r.reason = "";
    r.due_on = "2026-12-08";
    ck_assert_ptr_nonnull(dom_referral_invalid(&r, today));
}
END_TEST

START_TEST(test_referral_sharing)
{
    int64_t listed[] = { 7 };
    db_consent cs[1] = { tdom_consent(5, "2026-05-01", "", listed, 1) };
    db_referral r;
    memset(&r, 0, sizeof r);
    r.person_id = 1;
    r.agency_id = 7;
    r.shared = "氏名、住所、相談内容";
    int64_t consent = -1;
    ck_assert_ptr_null(dom_referral_sharing(&r, cs, 1, &consent));
    ck_assert_int_eq(consent, 5);
    /* Another agency is not in the scope. */
    r.agency_id = 8;
    ck_assert_ptr_nonnull(strstr(dom_referral_sharing(&r, cs, 1, &consent), "範囲"));
    ck_assert_int_eq(consent, 0);
    /* Withdrawn: nothing personal goes, the 支援会議 is offered. */
    r.agency_id = 7;
    cs[0].withdrawn_on = "2026-06-01";
    ck_assert_ptr_nonnull(strstr(dom_referral_sharing(&r, cs, 1, &consent), "支援会議"));
    /* No consent at all: 口頭 at the counter is offered. */
    ck_assert_ptr_nonnull(strstr(dom_referral_sharing(&r, cs, 0, &consent), "口頭"));
    /* Nothing personal shared, or an anonymous consultation: fine. */
    r.shared = "";
    ck_assert_ptr_null(dom_referral_sharing(&r, cs, 0, &consent));
    r.shared = "相談内容の概要";
    r.person_id = 0;
    ck_assert_ptr_null(dom_referral_sharing(&r, cs, 0, &consent));
}
END_TEST


/* ---- outreach ------------------------------------------------------------ */

/* An entry may be known only by a label; the rest is checked as given. */
START_TEST(test_outreach_rules)
{
    txt_date today = { 2026, 11, 24 };
    db_outreach o;
    memset(&o, 0, sizeof o);
    o.label = "公園の近くの二階建ての家の長男";
    o.source = "民生委員";
    o.first_info_on = "2026-11-01";
    o.stage = "未接触";
    o.next_on = "";
    ck_assert_ptr_null(dom_outreach_invalid(&o, today));
    o.label = "";
    ck_assert_ptr_nonnull(dom_outreach_invalid(&o, today));
    o.label = "長男";
    o.source = "噂";
    ck_assert_ptr_nonnull(dom_outreach_invalid(&o, today));
    o.source = "学校・SSW";
    o.first_info_on = "2026-11-25";   /* tomorrow */
    ck_assert_ptr_nonnull(dom_outreach_invalid(&o, today));
    o.first_info_on = "2026-11-24";
    o.next_on = "2026-12-01";
    ck_assert_ptr_null(dom_outreach_invalid(&o, today));
    o.next_on = "12/1";
    ck_assert_ptr_nonnull(dom_outreach_invalid(&o, today));
    o.next_on = "";
    o.stage = "様子見";
    ck_assert_ptr_nonnull(dom_outreach_invalid(&o, today));

    ck_assert(dom_outreach_may_move("未接触", "接触あり"));
    ck_assert(dom_outreach_may_move("未接触", "関係構築中"));
    ck_assert(dom_outreach_may_move("関係構築中", "終結"));
    ck_assert(!dom_outreach_may_move("関係構築中", "接触あり"));
    ck_assert(!dom_outreach_may_move("接触あり", "接触あり"));
    ck_assert(dom_outreach_may_move("終結", "接触あり"));
    ck_assert(!dom_outreach_may_move("終結", "関係構築中"));
    ck_assert(!dom_outreach_may_move("未接触", "不明"));

    db_outreach_attempt a;
    memset(&a, 0, sizeof a);
    a.how = "置き手紙";
    a.done_on = "2026-11-24";
    a.result = "不在。手紙をポストに入れた";
    ck_assert_ptr_null(dom_outreach_attempt_invalid(&a, today));
    a.result = "";
    ck_assert_ptr_nonnull(dom_outreach_attempt_invalid(&a, today));
    a.result = "会えた";
    a.how = "LINE";
    ck_assert_ptr_nonnull(dom_outreach_attempt_invalid(&a, today));
    a.how = "訪問";
    a.done_on = "2026-11-30";
    ck_assert_ptr_nonnull(dom_outreach_attempt_invalid(&a, today));
}
END_TEST

/* A resource needs a name and a known kind; a matching moves one step on,
 * or ends from any open state, and never moves once ended. */
START_TEST(test_matching_rules)
{
    db_resource r;
    memset(&r, 0, sizeof r);
    r.name = "ふれあいカフェ";
    r.kind = "居場所";
    ck_assert_ptr_null(dom_resource_invalid(&r));
    r.kind = "喫茶";
    ck_assert_ptr_nonnull(dom_resource_invalid(&r));
    r.kind = "居場所";
    r.name = "";
    ck_assert_ptr_nonnull(dom_resource_invalid(&r));

    ck_assert(dom_matching_may_move("調整中", "開始"));
    ck_assert(dom_matching_may_move("開始", "定着"));
    ck_assert(!dom_matching_may_move("調整中", "定着"));
    ck_assert(!dom_matching_may_move("定着", "開始"));
    ck_assert(dom_matching_may_move("調整中", "中止"));
    ck_assert(dom_matching_may_move("定着", "終了"));
    ck_assert(!dom_matching_may_move("終了", "開始"));
    ck_assert(!dom_matching_may_move("中止", "終了"));
    ck_assert(!dom_matching_may_move("開始", "休止"));
}
END_TEST

/* ---- meetings and agendas ---------------------------------------------- */

/* An open case's status with the fields the agenda rules read. */
static db_case_status tdom_status(int64_t id, const char *stage, const char *plan_state,
                                  bool replan, int in_force, int consents)
{
    db_case_status c;
    memset(&c, 0, sizeof c);
    c.case_id = id;
    c.stage = (char *)stage;
    c.plan_state = (char *)(plan_state ? plan_state : "");
    c.replan = replan;
    c.monitor_on = c.evaluate_on = c.assessment = (char *)"";
    c.opened_on = (char *)"2026-01-10";
    c.last_activity = (char *)"2026-05-01";
    c.in_force = in_force;
    c.consents = consents;
    return c;
}

/* A case without consent never reaches a meeting not under 守秘義務;
 * 情報共有 and 緊急 are the 支援会議's; papers leave a case out once its
 * consent is gone. */
START_TEST(test_agenda_consent_rule)
{
    ck_assert_ptr_null(dom_agenda_refusal(false, DOM_CONSENT_GIVEN, "プラン策定"));
    ck_assert_ptr_nonnull(strstr(dom_agenda_refusal(false, DOM_CONSENT_NONE, "プラン策定"),
                                 "支援会議"));
    ck_assert_ptr_nonnull(strstr(dom_agenda_refusal(false, DOM_CONSENT_WITHDRAWN, "再プラン"),
                                 "撤回"));
    ck_assert_ptr_null(dom_agenda_refusal(true, DOM_CONSENT_NONE, "プラン策定"));
    ck_assert_ptr_null(dom_agenda_refusal(true, DOM_CONSENT_WITHDRAWN, "緊急"));
    ck_assert_ptr_nonnull(dom_agenda_refusal(false, DOM_CONSENT_GIVEN, "情報共有"));
    ck_assert_ptr_nonnull(dom_agenda_refusal(false, DOM_CONSENT_GIVEN, "緊急"));
    ck_assert_ptr_nonnull(dom_agenda_refusal(true, DOM_CONSENT_GIVEN, "雑談"));
    ck_assert(dom_agenda_on_paper(false, DOM_CONSENT_GIVEN));
    ck_assert(!dom_agenda_on_paper(false, DOM_CONSENT_WITHDRAWN));
    ck_assert(!dom_agenda_on_paper(false, DOM_CONSENT_NONE));
    ck_assert(dom_agenda_on_paper(true, DOM_CONSENT_WITHDRAWN));
}
END_TEST

/* The moment a case is at, and the candidates' order: urgent first, then
 * the earliest due; cases on a coming agenda, without a moment, or barred
 * by consent are left out. */
START_TEST(test_agenda_candidates)
{
    txt_date on = { 2026, 6, 10 };
    char due[16];
    db_case_status plan = tdom_status(1, "プラン作成", "案", false, 1, 1);
    ck_assert_str_eq(dom_agenda_moment_of(&plan, false, on, due, sizeof due), "プラン策定");
    db_case_status replan = tdom_status(2, "プラン作成", "案", true, 1, 1);
    ck_assert_str_eq(dom_agenda_moment_of(&replan, false, on, due, sizeof due), "再プラン");
    db_case_status eval = tdom_status(3, "支援中", "実施中", false, 1, 1);
    eval.evaluate_on = (char *)"2026-06-01";
    ck_assert_str_eq(dom_agenda_moment_of(&eval, false, on, due, sizeof due), "終結判断");
    ck_assert_str_eq(due, "2026-06-01");
    db_case_status later = eval;
    later.case_id = 4;
    later.evaluate_on = (char *)"2026-06-11";   /* not due by the meeting */
    ck_assert_ptr_null(dom_agenda_moment_of(&later, false, on, due, sizeof due));
    db_case_status stage_eval = tdom_status(5, "評価", "実施中", false, 1, 1);
    ck_assert_str_eq(dom_agenda_moment_of(&stage_eval, false, on, due, sizeof due), "終結判断");
    db_case_status silent = tdom_status(6, "支援中", "実施中", false, 1, 1);
    silent.last_activity = (char *)"2026-03-12";   /* 90 days before: 2026-06-10 */
    ck_assert_str_eq(dom_agenda_moment_of(&silent, false, on, due, sizeof due), "中断決定");
    ck_assert_str_eq(due, "2026-06-10");
    silent.last_activity = (char *)"2026-03-13";
    ck_assert_ptr_null(dom_agenda_moment_of(&silent, false, on, due, sizeof due));
    silent.last_activity = (char *)"2026-01-01";
    db_case_status fresh = tdom_status(7, "受付", NULL, false, 0, 0);
    ck_assert_str_eq(dom_agenda_moment_of(&fresh, true, on, due, sizeof due), "情報共有");
    ck_assert_ptr_null(dom_agenda_moment_of(&fresh, false, on, due, sizeof due));
    db_case_status urgent = tdom_status(8, "アセスメント", NULL, false, 0, 0);
    urgent.assessment = (char *)"background\t火事\nurgency\t緊急\n";
    ck_assert_str_eq(dom_agenda_moment_of(&urgent, true, on, due, sizeof due), "緊急");
    db_case_status placed = tdom_status(9, "プラン作成", "案", false, 1, 1);
    placed.upcoming_meeting = 3;
    db_case_status no_consent = tdom_status(10, "プラン作成", "案", false, 0, 1);
    db_case_status high = tdom_status(11, "プラン作成", "案", false, 1, 1);
    high.assessment = (char *)"urgency\t高\n";
    high.opened_on = (char *)"2026-05-01";

    db_case_status all[] = { plan, replan, eval, later, stage_eval, silent, fresh, urgent,
                             placed, no_consent, high };
    size_t n = sizeof all / sizeof all[0];
    dom_candidate out[sizeof all / sizeof all[0]];
    size_t k = dom_agenda_candidates(all, n, false, on, out);
    int64_t want[] = { 11, 1, 2, 6, 3, 5 };   /* 6 due 2026-04-01, 3 due 2026-06-01 */
    ck_assert_uint_eq(k, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < k; i++)
        ck_assert_int_eq(out[i].status->case_id, want[i]);
    ck_assert_int_eq(out[0].urgency, 1);
    /* The 支援会議 takes the case without consent, the urgent and the new
     * ones too, the urgent first. */
    k = dom_agenda_candidates(all, n, true, on, out);
    ck_assert_uint_eq(k, 9);
    ck_assert_int_eq(out[0].status->case_id, 8);
    ck_assert_str_eq(out[0].moment, "緊急");
}
END_TEST

/* A regular series: every second month from the first, on the same week
 * and weekday (the fifth Thursday falls back to the month's last);
 * out-of-bounds series are refused. */
START_TEST(test_meeting_series)
{
    txt_date out[DOM_SERIES_COUNT_MAX];
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 4, 30 }, 2, 6, out), 6);
    const char *want[] = { "2026-04-30", "2026-06-25", "2026-08-27", "2026-10-29",
                           "2026-12-31", "2027-02-25" };
    char iso[16];
    for (size_t i = 0; i < 6; i++) {
        txt_date_iso(out[i], iso, sizeof iso);
        ck_assert_str_eq(iso, want[i]);
    }
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 1, 31 }, 1, 3, out), 3);
    txt_date_iso(out[1], iso, sizeof iso);
    ck_assert_str_eq(iso, "2026-02-28");   /* the last Saturday, as the first */
    txt_date_iso(out[2], iso, sizeof iso);
    ck_assert_str_eq(iso, "2026-03-28");
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 6, 10 }, 2, 3, out), 3);
    txt_date_iso(out[2], iso, sizeof iso);
    ck_assert_str_eq(iso, "2026-10-14");   /* the second Wednesday */
    ck_assert_int_eq(txt_date_weekday(out[2]), 3);
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 4, 1 }, 0, 3, out), 0);
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 4, 1 }, 13, 3, out), 0);
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 4, 1 }, 2, 0, out), 0);
    ck_assert_uint_eq(dom_meeting_series((txt_date){ 2026, 4, 1 }, 2, DOM_SERIES_COUNT_MAX + 1,
                                         out), 0);

    db_meeting m;
    memset(&m, 0, sizeof m);
    m.kind_id = 1;
    m.held_on = "2026-04-30";
    m.starts_at = "13:30";
    m.state = "予定";
    ck_assert_ptr_null(dom_meeting_invalid(&m));
    m.starts_at = "";
    ck_assert_ptr_null(dom_meeting_invalid(&m));
    m.starts_at = "25:00";
    ck_assert_ptr_nonnull(dom_meeting_invalid(&m));
    m.starts_at = "1:30";
    ck_assert_ptr_nonnull(dom_meeting_invalid(&m));
    m.starts_at = "13:30";
    m.held_on = "2026-02-30";
    ck_assert_ptr_nonnull(dom_meeting_invalid(&m));
    m.held_on = "2026-04-30";
    m.state = "延期";
    ck_assert_ptr_nonnull(dom_meeting_invalid(&m));
    m.state = "予定";
    m.kind_id = 0;
    ck_assert_ptr_nonnull(dom_meeting_invalid(&m));
}
END_TEST

/* Which decisions an item may take, what each needs, and what each does
 * to the case and its plan. */
START_TEST(test_decisions)
{
    ck_assert(dom_decision_allowed("プラン策定", "案", "承認"));
    ck_assert(dom_decision_allowed("再プラン", "案", "修正のうえ承認"));
    ck_assert(!dom_decision_allowed("プラン策定", "承認", "承認"));
    ck_assert(!dom_decision_allowed("終結判断", "案", "承認"));
    ck_assert(dom_decision_allowed("終結判断", "実施中", "終結"));
    ck_assert(!dom_decision_allowed("プラン策定", "案", "終結"));
    ck_assert(dom_decision_allowed("中断決定", "実施中", "中断"));
    ck_assert(dom_decision_allowed("情報共有", "", "情報共有のみ"));
    ck_assert(!dom_decision_allowed("情報共有", "", "見送り"));

    db_meeting m;
    memset(&m, 0, sizeof m);
    m.held_on = "2026-06-10";
    m.state = "開催済";
    m.confidential = false;
    db_agenda_item it;
    memset(&it, 0, sizeof it);
    it.moment = "終結判断";
    txt_date today = { 2026, 6, 10 };
    ck_assert_ptr_null(dom_decision_invalid(&m, &it, "実施中", DOM_CONSENT_GIVEN, "終結",
                                            "目標を達成", today));
    ck_assert_ptr_nonnull(dom_decision_invalid(&m, &it, "実施中", DOM_CONSENT_GIVEN, "終結",
                                               "", today));
    ck_assert_ptr_nonnull(strstr(dom_decision_invalid(&m, &it, "実施中", DOM_CONSENT_WITHDRAWN,
                                                      "情報共有のみ", "", today), "支援会議"));
    m.confidential = true;
    ck_assert_ptr_null(dom_decision_invalid(&m, &it, "実施中", DOM_CONSENT_WITHDRAWN,
                                            "情報共有のみ", "", today));
    ck_assert_ptr_nonnull(dom_decision_invalid(&m, &it, "実施中", DOM_CONSENT_GIVEN,
                                               "情報共有のみ", "", (txt_date){ 2026, 6, 9 }));
    m.state = "中止";
    ck_assert_ptr_nonnull(dom_decision_invalid(&m, &it, "実施中", DOM_CONSENT_GIVEN,
                                               "情報共有のみ", "", today));

    dom_decision_effect e = dom_decision_effect_of("プラン策定", "承認");
    ck_assert_str_eq(e.stage, "支援決定");
    ck_assert_str_eq(e.plan_state, "承認");
    ck_assert(e.dates);
    e = dom_decision_effect_of("再プラン", "修正のうえ承認");
    ck_assert_str_eq(e.stage, "支援決定");
    e = dom_decision_effect_of("プラン策定", "再検討");
    ck_assert_str_eq(e.stage, "プラン作成");
    ck_assert_ptr_null(e.plan_state);
    e = dom_decision_effect_of("終結判断", "再検討");
    ck_assert_str_eq(e.stage, "支援中");
    ck_assert(e.dates);
    e = dom_decision_effect_of("終結判断", "終結");
    ck_assert_str_eq(e.stage, "終結");
    ck_assert_str_eq(e.plan_state, "終結");
    e = dom_decision_effect_of("中断決定", "中断");
    ck_assert_str_eq(e.stage, "中断");
    e = dom_decision_effect_of("情報共有", "包括的相談支援に戻す");
    ck_assert_str_eq(e.stage, "包括的相談支援に戻す");
    e = dom_decision_effect_of("情報共有", "情報共有のみ");
    ck_assert_ptr_null(e.stage);
    ck_assert_ptr_null(e.plan_state);
    ck_assert(!e.dates);
}
END_TEST

/* The suite of domain rules. */
static Suite *tdom_suite(void)
{
    Suite *s = suite_create("domain");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_roles_round_trip);
    tcase_add_test(tc, test_staff_permissions);
    tcase_add_test(tc, test_sex_labels);
    tcase_add_test(tc, test_age);
    tcase_add_test(tc, test_person_invalid);
    tcase_add_test(tc, test_household_name);
    suite_add_tcase(s, tc);
    tc = tcase_create("consultations");
    tcase_add_test(tc, test_fiscal_year_of);
    tcase_add_test(tc, test_mark_new_boundary);
    tcase_add_test(tc, test_mark_new_order);
    tcase_add_test(tc, test_choice_lists);
    tcase_add_test(tc, test_consult_open);
    tcase_add_test(tc, test_person_match);
    tcase_add_test(tc, test_person_rank);
    suite_add_tcase(s, tc);
    tc = tcase_create("consent, cases, plans, referrals");
    tcase_add_test(tc, test_consent_state);
    tcase_add_test(tc, test_consent_scope);
    tcase_add_test(tc, test_consent_invalid);
    tcase_add_test(tc, test_case_stages);
    tcase_add_test(tc, test_case_invalid);
    tcase_add_test(tc, test_plan_rules);
    tcase_add_test(tc, test_plan_next);
    tcase_add_test(tc, test_referral_rules);
    tcase_add_test(tc, test_referral_sharing);
    tcase_add_test(tc, test_agenda_consent_rule);
    tcase_add_test(tc, test_agenda_candidates);
    tcase_add_test(tc, test_meeting_series);
    tcase_add_test(tc, test_decisions);
    tcase_add_test(tc, test_outreach_rules);
    tcase_add_test(tc, test_matching_rules);
    suite_add_tcase(s, tc);
    return s;
}

/* Run the suite; the exit status says whether anything failed. */
int main(void)
{
    SRunner *sr = srunner_create(tdom_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
