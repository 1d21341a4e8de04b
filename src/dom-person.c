/* dom-person.c - rules about persons: age, sex labels, what a saved
 * person must satisfy. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "domain.h"

/* The relationships a household form offers, head first. */
const char *const dom_relations[] = {
    "世帯主", "妻", "夫", "子", "子の配偶者", "父", "母", "孫",
    "祖父", "祖母", "兄弟姉妹", "その他の親族", "同居人", "その他",
};
const size_t dom_n_relations = sizeof dom_relations / sizeof dom_relations[0];

static const struct {
    const char *code;
    const char *label;
} dom_sexes[] = {
    { "M", "男" }, { "F", "女" }, { "X", "その他" }, { "", "不明" },
};

#define DOM_N_SEXES (sizeof dom_sexes / sizeof dom_sexes[0])

/* The label of a stored sex code. */
const char *dom_sex_label(const char *code)
{
    for (size_t i = 0; i < DOM_N_SEXES; i++)
        if (strcmp(dom_sexes[i].code, code ? code : "") == 0)
            return dom_sexes[i].label;
    return dom_sexes[DOM_N_SEXES - 1].label;
}

/* The code of a label or code typed by a user; NULL when it is neither. */
const char *dom_sex_code(const char *text)
{
    for (size_t i = 0; i < DOM_N_SEXES; i++)
        if (strcmp(dom_sexes[i].code, text) == 0 ||
            strcmp(dom_sexes[i].label, text) == 0)
            return dom_sexes[i].code;
    return NULL;
}

/* Today's date in local time (the counter's calendar day). */
txt_date dom_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    txt_date d = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
    return d;
}

/* The person's age on today, or -1 when the birth date is unknown. */
int dom_person_age(const db_person *p, txt_date today)
{
    txt_date b;
    if (p->birth == NULL || p->birth[0] == '\0' ||
        txt_date_parse(p->birth, strlen(p->birth), &b) != 0)
        return -1;
    return txt_date_age(b, today);
}

/* Check a person before saving; NULL when fine, else why not. */
const char *dom_person_invalid(const db_person *p, txt_date today)
{
    if (p->birth && p->birth[0]) {
        txt_date b;
        if (txt_date_parse(p->birth, strlen(p->birth), &b) != 0)
            return "生年月日: 日付として読めません（例: 昭和45年3月1日、S45.3.1、1970-03-01）";
        if (txt_date_cmp(b, today) > 0)
            return "生年月日: 今日より後の日付です";
    }
    if (p->sex && dom_sex_code(p->sex) == NULL)
        return "性別: 男・女・その他・不明のいずれかです";
    return NULL;
}
