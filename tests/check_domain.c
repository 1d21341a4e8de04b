/* check_domain.c - unit tests of the domain rules: roles, sex codes, age
 * and the checks a person must pass before saving. */
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
