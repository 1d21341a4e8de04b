/* text-date.c - Gregorian dates and 和暦 (Japanese era) dates.
 *
 * Forms at a counter carry dates as 昭和45年3月1日, S45.3.1 or 2026/4/1,
 * typed in full-width by an IME or half-width.  Parsing and formatting
 * share one era table so that whatever is shown can be typed back. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uninorm.h>

#include "text.h"

#define TXT_MONTHS        12
#define TXT_TM_YEAR_BASE  1900     /* struct tm counts years from it */
#define TXT_STAMP_DAY_MAX 32
#define TXT_NOON          12
#define TXT_MARCH         3
#define TXT_DAYS_PER_WEEK 7
#define TXT_FEBRUARY      2
#define TXT_LEAP_FEB_DAYS 29
#define TXT_YEAR_MIN      1
#define TXT_YEAR_MAX      9999
#define TXT_ISO_YEAR_DIGITS 4
#define TXT_ERA_YEAR_DIGITS 2
#define TXT_ERA_YEAR_LIMIT 100   /* the first era year with more digits */
#define TXT_MD_DIGITS     2
/* The Japanese fiscal year (年度) starts on 1 April. */
#define TXT_FISCAL_START_MONTH 4

/* First year of an era is written 元年, not 1年. */
#define TXT_GANNEN        "元"
#define TXT_KANJI_YEAR    "年"
#define TXT_KANJI_MONTH   "月"
#define TXT_KANJI_DAY     "日"

/* One era: its name, its initial on forms, and its first and last day
 * (last all zero for the current era).  The days are those the law and
 * every register use: 大正 and 昭和 share 1926-12-25, the day of the
 * change, and either name is accepted for it.  明治 is taken to begin on
 * 1868-01-25 (1 January of 慶応4 in the old calendar, from which 明治
 * was made to count), as most software does. */
typedef struct txt_era {
    const char *name;
    char initial;
    txt_date first, last;
} txt_era;

static const txt_era txt_eras[] = {
    { "明治", 'M', { 1868, 1, 25 }, { 1912, 7, 29 } },
    { "大正", 'T', { 1912, 7, 30 }, { 1926, 12, 25 } },
    { "昭和", 'S', { 1926, 12, 25 }, { 1989, 1, 7 } },
    { "平成", 'H', { 1989, 1, 8 }, { 2019, 4, 30 } },
    { "令和", 'R', { 2019, 5, 1 }, { 0, 0, 0 } },
};
#define TXT_N_ERAS (sizeof txt_eras / sizeof txt_eras[0])

/* Whether y is a Gregorian leap year. */
static bool txt_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m of year y. */
static int txt_month_days(int y, int m)
{
    static const int days[TXT_MONTHS] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };
    if (m == TXT_FEBRUARY && txt_is_leap(y))
        return TXT_LEAP_FEB_DAYS;
    return days[m - 1];
}

/* Whether y-m-d exists in the Gregorian calendar (years 1-9999). */
bool txt_date_valid(int y, int m, int d)
{
    return y >= TXT_YEAR_MIN && y <= TXT_YEAR_MAX && m >= 1 && m <= TXT_MONTHS
           && d >= 1 && d <= txt_month_days(y, m);
}

/* Order of two dates. */
int txt_date_cmp(txt_date a, txt_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

/* Whether d is the "no date" value. */
static bool txt_date_is_none(txt_date d)
{
    return d.y == 0 && d.m == 0 && d.d == 0;
}

/* Whether d falls within era e, both ends included. */
static bool txt_era_contains(const txt_era *e, txt_date d)
{
    return txt_date_cmp(d, e->first) >= 0
           && (txt_date_is_none(e->last) || txt_date_cmp(d, e->last) <= 0);
}

/* The era a date is written in: the latest one that has begun, so that
 * the day of a change gets the new era's 元年.  NULL before 明治, and for
 * an era year too long to be read back (令和100年 and later): those dates
 * are written in ISO, so that every date shown can be typed in again. */
static const txt_era *txt_era_of(txt_date d)
{
    for (size_t i = TXT_N_ERAS; i-- > 0;)
        if (txt_date_cmp(d, txt_eras[i].first) >= 0)
            return d.y - txt_eras[i].first.y + 1 < TXT_ERA_YEAR_LIMIT ? &txt_eras[i] : NULL;
    return NULL;
}

/* ISO 8601 form; empty for "no date". */
void txt_date_iso(txt_date d, char *buf, size_t n)
{
    if (n == 0)
        return;
    if (txt_date_is_none(d))
        buf[0] = '\0';
    else
        snprintf(buf, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* 和暦 with the kanji era name, e.g. 令和元年5月1日. */
void txt_date_wareki(txt_date d, char *buf, size_t n)
{
    const txt_era *e = txt_era_of(d);
    int ey;

    if (n == 0)
        return;
    if (!e || txt_date_is_none(d)) {
        txt_date_iso(d, buf, n);
        return;
    }
    ey = d.y - e->first.y + 1;
    if (ey == 1)
        snprintf(buf, n, "%s" TXT_GANNEN TXT_KANJI_YEAR "%d" TXT_KANJI_MONTH
                 "%d" TXT_KANJI_DAY, e->name, d.m, d.d);
    else
        snprintf(buf, n, "%s%d" TXT_KANJI_YEAR "%d" TXT_KANJI_MONTH
                 "%d" TXT_KANJI_DAY, e->name, ey, d.m, d.d);
}

/* Short 和暦 with the era initial, e.g. S45.3.1. */
void txt_date_wareki_short(txt_date d, char *buf, size_t n)
{
    const txt_era *e = txt_era_of(d);

    if (n == 0)
        return;
    if (!e || txt_date_is_none(d)) {
        txt_date_iso(d, buf, n);
        return;
    }
    snprintf(buf, n, "%c%d.%d.%d", e->initial, d.y - e->first.y + 1, d.m, d.d);
}

/* A cursor over the NFKC form of the text being parsed. */
typedef struct txt_scan {
    const char *p, *end;
} txt_scan;

/* Skip ASCII spaces (NFKC has turned every other space into one). */
static void txt_scan_space(txt_scan *sc)
{
    while (sc->p < sc->end && *sc->p == ' ')
        sc->p++;
}

/* Consume the literal lit if it comes next. */
static bool txt_scan_lit(txt_scan *sc, const char *lit)
{
    size_t n = strlen(lit);

    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, lit, n) != 0)
        return false;
    sc->p += n;
    return true;
}

/* Read 1 to max_digits ASCII digits; -1 if there are none or too many. */
static int txt_scan_num(txt_scan *sc, int max_digits)
{
    int v = 0, n = 0;

    while (sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9') {
        if (++n > max_digits)
            return -1;
        v = v * 10 + (*sc->p++ - '0');
    }
    return n ? v : -1;
}

/* Consume an era name or initial; NULL if none comes next. */
static const txt_era *txt_scan_era(txt_scan *sc)
{
    for (size_t i = 0; i < TXT_N_ERAS; i++) {
        const txt_era *e = &txt_eras[i];
        if (txt_scan_lit(sc, e->name))
            return e;
        if (sc->p < sc->end
            && (*sc->p == e->initial || *sc->p == e->initial - 'A' + 'a')) {
            sc->p++;
            return e;
        }
    }
    return NULL;
}

/* Read "<sep>M<sep>D" after the year: 年 then 月 (and an optional 日), or
 * the same one of . / - twice.  Returns false on anything else. */
static bool txt_scan_month_day(txt_scan *sc, int *m, int *d)
{
    static const char seps[] = "./-";
    bool kanji;
    char sep = 0;

    txt_scan_space(sc);
    kanji = txt_scan_lit(sc, TXT_KANJI_YEAR);
    if (!kanji) {
        if (sc->p >= sc->end || !strchr(seps, *sc->p) || *sc->p == '\0')
            return false;
        sep = *sc->p++;
    }
    txt_scan_space(sc);
    *m = txt_scan_num(sc, TXT_MD_DIGITS);
    txt_scan_space(sc);
    if (kanji ? !txt_scan_lit(sc, TXT_KANJI_MONTH)
              : !(sc->p < sc->end && *sc->p++ == sep))
        return false;
    txt_scan_space(sc);
    *d = txt_scan_num(sc, TXT_MD_DIGITS);
    txt_scan_space(sc);
    if (kanji)
        txt_scan_lit(sc, TXT_KANJI_DAY);
    txt_scan_space(sc);
    return *m > 0 && *d > 0 && sc->p == sc->end;
}

/* Parse the NFKC form of a date; see txt_date_parse. */
static int txt_date_parse_norm(const char *s, size_t len, txt_date *out)
{
    txt_scan sc = { s, s + len };
    const txt_era *e;
    txt_date d;
    int y;

    txt_scan_space(&sc);
    e = txt_scan_era(&sc);
    txt_scan_space(&sc);
    if (e) {
        y = txt_scan_lit(&sc, TXT_GANNEN) ? 1
                                           : txt_scan_num(&sc, TXT_ERA_YEAR_DIGITS);
        if (y < 1)
            return -1;
        y += e->first.y - 1;
    } else {
        const char *start = sc.p;
        y = txt_scan_num(&sc, TXT_ISO_YEAR_DIGITS);
        if (sc.p - start != TXT_ISO_YEAR_DIGITS)
            return -1;
    }
    if (!txt_scan_month_day(&sc, &d.m, &d.d))
        return -1;
    d.y = y;
    if (!txt_date_valid(d.y, d.m, d.d))
        return -1;
    if (e && !txt_era_contains(e, d))
        return -1;
    *out = d;
    return 0;
}

/* Parse a date as written at a counter; see text.h. */
int txt_date_parse(const char *s, size_t len, txt_date *out)
{
    size_t nlen;
    uint8_t *norm;
    int rc;

    /* NFKC turns full-width digits, letters and punctuation from an IME
     * into ASCII, and the era ligatures ㍼ ㋿ into 昭和 令和. */
    if (!txt_utf8_valid(s, len))
        return -1;
    norm = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, len, NULL, &nlen);
    if (!norm)
        return -1;
    rc = txt_date_parse_norm((const char *)norm, nlen, out);
    free(norm);
    return rc;
}

/* Completed years on `today`, counted as Japanese law does (年齢計算ニ関
 * スル法律): a year is completed at the end of the day before the
 * birthday, and someone born on 29 February completes it at the end of
 * 28 February in common years, so is older from 1 March.  -1 if `today`
 * is before the birth. */
int txt_date_age(txt_date birth, txt_date today)
{
    int age;

    if (txt_date_cmp(today, birth) < 0)
        return -1;
    age = today.y - birth.y;
    if (today.m < birth.m || (today.m == birth.m && today.d < birth.d))
        age--;
    return age;
}

/* 年度: January to March belong to the year before. */
int txt_date_fiscal_year(txt_date d)
{
    return d.m >= TXT_FISCAL_START_MONTH ? d.y : d.y - 1;
}

/* A stored UTC timestamp ("2026-11-24T08:02:31Z") as the counter's local
 * date in short 和暦 and time ("R8.11.24 17:02"); as stored when it is not
 * one. */
void txt_stamp_local(const char *utc, char *buf, size_t n)
{
    struct tm tm = { 0 }, local;
    if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
        snprintf(buf, n, "%s", utc);
        return;
    }
    tm.tm_year -= TXT_TM_YEAR_BASE;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    localtime_r(&t, &local);
    char day[TXT_STAMP_DAY_MAX];
    txt_date_wareki_short((txt_date){ local.tm_year + TXT_TM_YEAR_BASE, local.tm_mon + 1,
                                      local.tm_mday }, day, sizeof day);
    snprintf(buf, n, "%s %02d:%02d", day, local.tm_hour, local.tm_min);
}

/* A date some days later (earlier when days < 0), through the calendar's
 * months and leap years. */
txt_date txt_date_add_days(txt_date d, int days)
{
    struct tm tm = { 0 };
    tm.tm_year = d.y - TXT_TM_YEAR_BASE;
    tm.tm_mon = d.m - 1;
    tm.tm_mday = d.d + days;
    tm.tm_hour = TXT_NOON;   /* far from midnight: no DST edge can move the day */
    time_t t = timegm(&tm);
    struct tm out;
    gmtime_r(&t, &out);
    return (txt_date){ out.tm_year + TXT_TM_YEAR_BASE, out.tm_mon + 1, out.tm_mday };
}

/* The day of the week, 0 for Sunday (Sakamoto's method). */
int txt_date_weekday(txt_date d)
{
    static const int t[TXT_MONTHS] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    int y = d.m < TXT_MARCH ? d.y - 1 : d.y;
    return (y + y / 4 - y / 100 + y / 400 + t[d.m - 1] + d.d) % TXT_DAYS_PER_WEEK;
}

/* The day of the week as one kanji: 日 月 火 水 木 金 土. */
const char *txt_date_weekday_kanji(txt_date d)
{
    static const char *const names[TXT_DAYS_PER_WEEK] = { "日", "月", "火", "水", "木", "金", "土" };
    return names[txt_date_weekday(d)];
}
