/* check_domain.c - unit tests of the domain rules: roles, sex codes, age,
 * the checks a person must pass before saving, and consultations (年度,
 * 新規/継続, open items, matching a caller with stored persons). */
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
