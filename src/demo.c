/* demo.c - the demo town: 武豊町's 支援関係機関, a few demo staff and a few
 * hundred residents, written through the storage API only.
 *
 * Six parts, in this order:
 *  1. the agencies that 武豊町's 重層的支援体制整備事業実施計画 lists, with
 *     the field each belongs to (seed-independent);
 *  2. five demo staff, some attached to an agency (seed-independent);
 *  3. households: first the fixed ones below, which tests rely on, then
 *     households drawn from the seed until the town has DEMO_TARGET_PERSONS;
 *  4. a few hundred consultations (相談受付) over 令和7年度 and 令和8年度 up
 *     to November: the fixed ones of demo_scripts (林　健一's five contacts,
 *     among them, which tests rely on), then contacts drawn for the people
 *     each kind of household brings to the counter (8050, ダブルケア …),
 *     for some other adults, and a few anonymous calls.  They are drawn
 *     from generators of their own, so that the town a seed gives is the
 *     one it gave before consultations existed;
 *  5. 本人同意, つなぎ, cases and plans, through the domain layer's
 *     functions (dom_consent_take, dom_referral_send, dom_case_open,
 *     dom_plan_create ...) and checked by its rules: three fixed stories
 *     (林　健一's case, first a 世帯丸ごと支援プラン without consent, then a
 *     re-plan as a 支援プラン once he agreed; 小林　美穂, who withdrew her
 *     consent while her case was open; 渡邊　大翔, whose mother agreed for
 *     him for two agencies), then for about half the people the counter
 *     follows a consent (signed, oral or by a proxy, for every agency or a
 *     few, some withdrawn later), a referral (its states taken in turn so
 *     that each occurs, some overdue) and a case (its stages taken in turn
 *     likewise, under the three businesses), from a generator of its own;
 *  6. a year of meetings (see "meetings" below): the 支援会議 every second
 *     month from Friday 3 October 2025 and the 重層的支援会議 every second
 *     month from Wednesday 7 January 2026, to the end of 令和8年度, as
 *     dom_meeting_series_create places them.  Those before the demo's last
 *     day were held (or called off with nothing to discuss), with agendas
 *     the cases' own records put there and decisions whose outcome the
 *     cases already show, so that no case's stage or plan moves; then an
 *     urgent case and the ad-hoc 支援会議 it called, and the next meeting
 *     of each kind with part of its candidates placed, the rest left as
 *     proposals, one placed person withdrawing consent afterwards.  From a
 *     generator of its own as well.
 *
 * The fixed households, always written first and in this order, so that
 * they get household ids 1-15 and the lowest person ids of an empty file:
 *   1 山田世帯   山田　太郎 (ヤマダ　タロウ, 090-1234-5678, 1958-06-12),
 *                山田　久美子, 山田　翔太 (フリガナ half-width: ﾔﾏﾀﾞ ｼｮｳﾀ)
 *   2 林世帯     8050: 林　トミ子 (1941) and her son 林　健一 (1971),
 *                linked to 地域包括, まるっとここ and 福祉課（社会福祉担当）
 *   3 小林世帯   ダブルケア: 小林　直樹, 小林　美穂, two small children and
 *                小林　房江 (1943, 要介護2)
 *   4 髙橋世帯   髙橋　一郎 (タカハシ　イチロウ), living alone
 *   5 山﨑世帯   山﨑　和夫 and 山﨑　節子, 老老介護
 *   6 渡邊世帯   ヤングケアラー: 渡邊　由美 and her children 渡邊　大翔,
 *                渡邊　結衣
 *   7 𠮷田世帯   𠮷田　勝 (ヨシダ　マサル, U+20BB7), living alone
 *   8 ハーバー世帯 ハーバー　エミリー (ﾊｰﾊﾞｰ ｴﾐﾘｰ, phone ０８０－４４１２－７７０３,
 *                full-width address) and ハーバー　ケン (ﾊｰﾊﾞｰ ｹﾝ)
 *   9 斎藤世帯   斎藤　誠, 斎藤　洋子 (サイトウ)
 *  10 齋藤世帯   齋藤　恵子 (サイトウ as well, unrelated)
 *  11 鈴木世帯   鈴木　花子 (スズキ　ハナコ, 1940), living alone
 *  12 鈴木世帯   鈴木　浩 and another, unrelated 鈴木　花子 (1962)
 *  13 邊見世帯   邊見　隆, 邊見　明美 (ヘンミ)
 *  14 渡邉世帯   渡邉　拓也, 渡邉　沙織, 渡邉　悠真 (ワタナベ)
 *  15 齊藤世帯   齊藤　正樹 (サイトウ, a third spelling)
 * The drawn households never use the given names 太郎 and 一郎, and no drawn
 * phone number ends in 5678, so 山田　太郎, ヤマダ　タロウ, 髙橋　一郎 and the
 * phone 090-1234-5678 each belong to one person only.  Other names (林,
 * 小林, 鈴木　花子 …) may recur among the drawn households.
 *
 * The demo is dated to the start of 令和8年度 (DEMO_REF_*): ages and
 * "since" dates are computed from it rather than from the clock, so that a
 * seed always gives the same file.  Phone numbers of the agencies are made
 * up in the town's number range; they are not the agencies' real ones. */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "domain.h"

/* ---- sizes and dates --------------------------------------------------- */

/* The issue asks for at least this many persons; the drawn part aims a
 * little higher so that the floor never depends on the last household. */
#define DEMO_MIN_PERSONS 300
#define DEMO_TARGET_PERSONS 320
_Static_assert(DEMO_TARGET_PERSONS >= DEMO_MIN_PERSONS,
               "the town aims at least at the minimum");

/* The demo's "today": the first day of 令和8年度. */
#define DEMO_REF_YEAR 2026
#define DEMO_REF_MONTH 4
#define DEMO_REF_DAY 1
/* Links to agencies start no earlier than this (the year before 武豊町
 * began preparing 重層的支援). */
#define DEMO_SINCE_FIRST_YEAR 2019

#define DEMO_MONTHS 12
#define DEMO_FEBRUARY 2
#define DEMO_PERCENT 100
#define DEMO_PER_MILLE 1000

#define DEMO_MAX_MEMBERS 8
#define DEMO_MAX_LINKS 6
#define DEMO_CONTACTS 2      /* workers named per agency */
#define DEMO_NAME_TRIES 16   /* redraws before a taken name is let through */

#define DEMO_SHORT_MAX 32
#define DEMO_NAME_MAX 96
#define DEMO_KANA_MAX 192
#define DEMO_PHONE_MAX 64
#define DEMO_ADDR_MAX 256
#define DEMO_TEXT_MAX 512
#define DEMO_DATE_MAX 36    /* room for three ints, so no date can be cut */

/* Phone numbers are drawn as 4-digit groups. */
#define DEMO_GROUP_MOD 10000
/* Drawn numbers avoid this ending, which belongs to 山田　太郎. */
#define DEMO_RESERVED_SUFFIX 5678

/* ---- how the data is messy: shares, in percent ------------------------- */

#define DEMO_PCT_NAME_HALF_SPACE 8   /* "山田 太郎" */
#define DEMO_PCT_NAME_NO_SPACE 7     /* "山田太郎" */
#define DEMO_PCT_KANA_HALFWIDTH 8    /* "ﾔﾏﾀﾞ ﾀﾛｳ" from an old system */
#define DEMO_PCT_KANA_NO_SPACE 5
#define DEMO_PCT_KANA_EMPTY 2        /* reading never taken */
#define DEMO_PCT_SEX_UNKNOWN 1
#define DEMO_PCT_PHONE_FULLWIDTH 4   /* "０９０－…" typed in an IME */
#define DEMO_PCT_PHONE_BARE 6        /* "09012345678" */
#define DEMO_PCT_LANDLINE_SHORT 4    /* "72-1234", area code left out */
#define DEMO_PCT_ADDR_FULLWIDTH 4
#define DEMO_PCT_ADDR_FLAT 14        /* an apartment and room number */
#define DEMO_PCT_HOUSE_LANDLINE 55

/* Who has a phone of their own, by age. */
#define DEMO_AGE_ADULT 20
#define DEMO_AGE_TEEN 15
#define DEMO_AGE_ELDER 70
#define DEMO_PCT_TEEN_MOBILE 50
#define DEMO_PCT_ADULT_MOBILE 75
#define DEMO_PCT_ADULT_LANDLINE 10
#define DEMO_PCT_ELDER_LANDLINE 45
#define DEMO_PCT_ELDER_MOBILE 25

/* ---- ages of the household kinds, in completed years -------------------- */

#define DEMO_PARENT_GAP_MIN 22       /* age of a parent at a child's birth */
#define DEMO_PARENT_GAP_MAX 38
#define DEMO_SPOUSE_GAP_MAX 5
#define DEMO_KIDS_MAX 3
#define DEMO_CHILD_MAX_AGE 17
#define DEMO_YOUNG_CHILD_MAX_AGE 5
#define DEMO_TODDLER_MAX_AGE 2

#define DEMO_8050_PARENT_MIN_AGE 78
#define DEMO_8050_PARENT_MAX_AGE 89
#define DEMO_8050_CHILD_MIN_AGE 48
#define DEMO_8050_CHILD_MAX_AGE 59
#define DEMO_PCT_8050_MOTHER 70
#define DEMO_PCT_8050_BOTH_PARENTS 30
#define DEMO_PCT_8050_SON 70
#define DEMO_PCT_8050_THIRD_LINK 60

#define DEMO_DOUBLE_CARER_MIN_AGE 34
#define DEMO_DOUBLE_CARER_MAX_AGE 48
#define DEMO_DOUBLE_ELDER_MIN_AGE 74
#define DEMO_DOUBLE_ELDER_MAX_AGE 92
#define DEMO_DOUBLE_KID_MAX_AGE 10
#define DEMO_PCT_DOUBLE_SINGLE_MOTHER 20
#define DEMO_PCT_DOUBLE_HIS_PARENT 60
#define DEMO_PCT_DOUBLE_WINDOW 60

#define DEMO_CARER_PARENT_MIN_AGE 36
#define DEMO_CARER_PARENT_MAX_AGE 50
#define DEMO_CARER_MIN_AGE 12
#define DEMO_CARER_MAX_AGE 17
#define DEMO_CARER_SIBLING_MIN_AGE 3
#define DEMO_CARER_SIBLINGS_MAX 2
#define DEMO_PCT_CARER_PARENT_MOTHER 75
#define DEMO_PCT_CARER_SINGLE 60
#define DEMO_PCT_CARER_FOR_GRANDMOTHER 30
#define DEMO_PCT_CARER_KODOMO 60
#define DEMO_GRANDMOTHER_MIN_AGE 72
#define DEMO_GRANDMOTHER_MAX_AGE 88

#define DEMO_ELDER_MIN_AGE 68
#define DEMO_ELDER_MAX_AGE 96
#define DEMO_PCT_ELDER_FEMALE 70
#define DEMO_PCT_ELDER_MINSEI 40
#define DEMO_PCT_ELDER_HOUKATSU 30
#define DEMO_PCT_ELDER_CARE_NOTE 20
#define DEMO_PCT_COUPLE_WIFE_HEAD 10

#define DEMO_SINGLE_PARENT_MIN_AGE 24
#define DEMO_SINGLE_PARENT_MAX_AGE 48
#define DEMO_PCT_SINGLE_PARENT_MOTHER 85
#define DEMO_PCT_SINGLE_PARENT_KODOMO 35
#define DEMO_PCT_SINGLE_PARENT_BUDGET 20

#define DEMO_FAMILY_MIN_AGE 28
#define DEMO_FAMILY_MAX_AGE 52
#define DEMO_FAMILY_KID_MAX_AGE 22
#define DEMO_PCT_FAMILY_HEALTH 10
#define DEMO_PCT_FAMILY_SCHOOL 5

#define DEMO_GRANDPARENT_MIN_AGE 62
#define DEMO_GRANDPARENT_MAX_AGE 84
#define DEMO_PCT_THREE_GEN_OLD_HEAD 60
#define DEMO_PCT_BOTH_GRANDPARENTS 60

#define DEMO_ADULT_MIN_AGE 20
#define DEMO_ADULT_MAX_AGE 64
#define DEMO_PCT_ADULT_LINK 10
#define DEMO_COUPLE_MIN_AGE 24
#define DEMO_COUPLE_MAX_AGE 70
#define DEMO_SIBLING_MIN_AGE 60
#define DEMO_SIBLING_MAX_AGE 82
#define DEMO_SIBLING_GAP_MAX 6
#define DEMO_GRANDCHILD_MIN_AGE 20
#define DEMO_GRANDCHILD_MAX_AGE 34
#define DEMO_OLDEST_MIN_AGE 80
#define DEMO_OLDEST_MAX_AGE 95
#define DEMO_PCT_GRAND_HOUKATSU 30
#define DEMO_LODGER_MIN_AGE 30
#define DEMO_LODGER_MAX_AGE 70
#define DEMO_PCT_LODGER_BIRTH_UNKNOWN 50
#define DEMO_PCT_LODGER_OTHER 30

/* How often the drawn sequence takes one of the households every town must
 * have (8050 …) instead of a kind drawn by weight, so that they are spread
 * through the town rather than bunched at the end. */
#define DEMO_PCT_PICK_REQUIRED 25

/* ---- the private generator: splitmix64 --------------------------------- */

#define DEMO_SPLITMIX_GAMMA UINT64_C(0x9E3779B97F4A7C15)
#define DEMO_SPLITMIX_MUL1 UINT64_C(0xBF58476D1CE4E5B9)
#define DEMO_SPLITMIX_MUL2 UINT64_C(0x94D049BB133111EB)
#define DEMO_SPLITMIX_SHIFT1 30
#define DEMO_SPLITMIX_SHIFT2 27
#define DEMO_SPLITMIX_SHIFT3 31

typedef struct demo_rng {
    uint64_t state;
} demo_rng;

/* The next 64 random bits; splitmix64 is tiny, fast and the same on every
 * platform, which rand() is not. */
static uint64_t demo_rng_next(demo_rng *r)
{
    uint64_t z = (r->state += DEMO_SPLITMIX_GAMMA);
    z = (z ^ (z >> DEMO_SPLITMIX_SHIFT1)) * DEMO_SPLITMIX_MUL1;
    z = (z ^ (z >> DEMO_SPLITMIX_SHIFT2)) * DEMO_SPLITMIX_MUL2;
    return z ^ (z >> DEMO_SPLITMIX_SHIFT3);
}

/* A number in [0, n); the modulo bias is far below anything a demo shows. */
static int demo_below(demo_rng *r, int n)
{
    return n > 0 ? (int)(demo_rng_next(r) % (uint64_t)n) : 0;
}

/* A number in [lo, hi]. */
static int demo_between(demo_rng *r, int lo, int hi)
{
    return hi > lo ? lo + demo_below(r, hi - lo + 1) : lo;
}

/* True with the given chance in percent. */
static bool demo_chance(demo_rng *r, int percent)
{
    return demo_below(r, DEMO_PERCENT) < percent;
}

/* One element of a string array, drawn evenly. */
static const char *demo_pick(demo_rng *r, const char *const *list, size_t n)
{
    return list[demo_below(r, (int)n)];
}

#define DEMO_PICK(r, list) demo_pick((r), (list), sizeof (list) / sizeof (list)[0])
#define DEMO_COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* ---- the agencies (from 武豊町's plan) ---------------------------------- */

typedef enum demo_agency_key {
    DEMO_AG_WINDOW,          /* まるっとここ相談窓口, the one-stop window */
    DEMO_AG_WELFARE,         /* 福祉課（社会福祉担当）: 自立相談支援, 多機関協働 */
    DEMO_AG_WELFARE_ELDER,
    DEMO_AG_WELFARE_DISABILITY,
    DEMO_AG_HOUKATSU,        /* 地域包括支援センター */
    DEMO_AG_KIKAN,           /* 基幹相談支援センター */
    DEMO_AG_YUMEJIROU,
    DEMO_AG_WAPPARU,
    DEMO_AG_KODOMO,          /* こども家庭センター */
    DEMO_AG_HEALTH,          /* 保健センター（健康課） */
    DEMO_AG_HOKUBU,
    DEMO_AG_KITANAKANE,
    DEMO_AG_NANBU,
    DEMO_AG_SCHOOL,          /* 学校教育課 (スクールソーシャルワーカー) */
    DEMO_AG_LIFELONG,        /* 生涯学習スポーツ課 */
    DEMO_AG_HOKENJO,         /* 半田保健所 */
    DEMO_AG_CHITA,           /* 知多福祉相談センター (県: 生活保護・自立支援) */
    DEMO_AG_SHAKYO,          /* 武豊町社会福祉協議会 */
    DEMO_AG_SHAKYO_SERVICE,  /* 地域福祉サービスセンター（武豊町社協） */
    DEMO_AG_MINSEI,          /* 民生委員児童委員協議会 */
    DEMO_N_AGENCIES
} demo_agency_key;

typedef struct demo_agency_def {
    const char *name, *field, *phone, *address;
    const char *contacts[DEMO_CONTACTS];   /* workers a link can name */
} demo_agency_def;

/* Names as the plan writes them; addresses where the plan gives one.  The
 * 民生委員 are in the plan as the source of アウトリーチ referrals. */
static const demo_agency_def demo_agencies[DEMO_N_AGENCIES] = {
    [DEMO_AG_WINDOW] = { "まるっとここ相談窓口", "その他", "0569-72-0161",
        "知多郡武豊町字長尾山2番地（思いやりセンター　武豊町社会福祉協議会内）",
        { "佐藤　美和", "杉浦　由紀" } },
    [DEMO_AG_WELFARE] = { "武豊町福祉課（社会福祉担当）", "生活困窮", "0569-72-0102",
        "知多郡武豊町字長尾山2番地", { "都築　晃", "森田　陽子" } },
    [DEMO_AG_WELFARE_ELDER] = { "武豊町福祉課（高齢担当）", "高齢", "0569-72-0103",
        "知多郡武豊町字長尾山2番地", { "石川　里美", "前田　健" } },
    [DEMO_AG_WELFARE_DISABILITY] = { "武豊町福祉課（障がい担当）", "障がい",
        "0569-72-0104", "知多郡武豊町字長尾山2番地", { "岡田　千春", "中村　悟" } },
    [DEMO_AG_HOUKATSU] = { "武豊町地域包括支援センター", "高齢", "0569-72-0165",
        "知多郡武豊町字長尾山2番地（思いやりセンター）",
        { "榊原　誠", "竹内　智美" } },
    [DEMO_AG_KIKAN] = { "武豊町基幹相談支援センター", "障がい", "0569-72-0166", "",
        { "間瀬　祐介", "小川　香" } },
    [DEMO_AG_YUMEJIROU] = { "ゆめじろう相談支援事業所", "障がい", "0569-73-0171",
        "知多郡武豊町大字富貴字外面85番地2", { "後藤　恵美", "長谷川　剛" } },
    [DEMO_AG_WAPPARU] = { "知多南部障害者地域生活支援センターわっぱる", "障がい",
        "0569-73-0172", "知多郡武豊町大字富貴字小桜176番地1",
        { "井上　麻美", "村上　浩二" } },
    [DEMO_AG_KODOMO] = { "武豊町こども家庭センター", "子ども", "0569-72-0181",
        "知多郡武豊町字中根四丁目83番地（保健センター内）",
        { "新美　彩", "鈴村　奈緒" } },
    [DEMO_AG_HEALTH] = { "武豊町保健センター（健康課）", "保健・医療", "0569-72-0182",
        "知多郡武豊町字中根四丁目83番地", { "籾山　由香", "橋本　真弓" } },
    [DEMO_AG_HOKUBU] = { "北部子育て支援センター", "子ども", "0569-72-0183",
        "知多郡武豊町字砂川一丁目43番地", { "阿部　美紀", "藤田　友美" } },
    [DEMO_AG_KITANAKANE] = { "北中根子ども支援センター", "子ども", "0569-72-0184",
        "知多郡武豊町字北中根六丁目6番地", { "松本　佳奈", "池田　恭子" } },
    [DEMO_AG_NANBU] = { "南部子育て支援センター", "子ども", "0569-73-0185",
        "知多郡武豊町大字富貴字外面77番地", { "木村　絵美", "清水　智子" } },
    [DEMO_AG_SCHOOL] = { "武豊町学校教育課", "教育", "0569-72-0191",
        "知多郡武豊町字長尾山2番地", { "石井　大介", "近藤　瞳" } },
    [DEMO_AG_LIFELONG] = { "武豊町生涯学習スポーツ課", "教育", "0569-72-0192", "",
        { "山口　健司", "吉田　直子" } },
    [DEMO_AG_HOKENJO] = { "半田保健所", "保健・医療", "0569-21-0193", "半田市",
        { "伊藤　美香", "加藤　隆之" } },
    [DEMO_AG_CHITA] = { "知多福祉相談センター", "生活困窮", "0569-21-0194", "半田市",
        { "田中　雅史", "渡辺　理沙" } },
    [DEMO_AG_SHAKYO] = { "武豊町社会福祉協議会", "地域", "0569-72-0162",
        "知多郡武豊町字長尾山2番地（思いやりセンター）",
        { "杉浦　大樹", "森　美穂子" } },
    [DEMO_AG_SHAKYO_SERVICE] = { "地域福祉サービスセンター（武豊町社協）", "障がい",
        "0569-72-0163", "", { "佐々木　亮", "林　由美" } },
    [DEMO_AG_MINSEI] = { "武豊町民生委員児童委員協議会", "地域", "0569-72-0164",
        "", { "都築　和子", "榊原　正" } },
};

/* ---- demo staff --------------------------------------------------------- */

typedef struct demo_staff_def {
    const char *login, *name, *role;
    int agency;   /* a demo_agency_key, or -1 for none */
} demo_staff_def;

/* The staff of demo_staff by their place in it. */
enum {
    DEMO_ST_SATO, DEMO_ST_SUGIURA, DEMO_ST_KUNO, DEMO_ST_SAKAKIBARA, DEMO_ST_NIIMI,
    DEMO_N_STAFF
};

/* Each attached member is also a worker the links of their agency name. */
static const demo_staff_def demo_staff[DEMO_N_STAFF] = {
    { "demo-sato", "佐藤　美和", "coordinator", DEMO_AG_WINDOW },
    { "demo-sugiura", "杉浦　由紀", "counter", DEMO_AG_WINDOW },
    { "demo-kuno", "久野　健太", "counter", -1 },
    { "demo-sakakibara", "榊原　誠", "agency", DEMO_AG_HOUKATSU },
    { "demo-niimi", "新美　彩", "agency", DEMO_AG_KODOMO },
};

/* ---- names -------------------------------------------------------------- */

typedef struct demo_surname_def {
    const char *kanji, *kana;
    int weight;   /* rough frequency; 知多 names weigh more than nationally */
} demo_surname_def;

static const demo_surname_def demo_surnames[] = {
    { "佐藤", "サトウ", 16 }, { "鈴木", "スズキ", 18 }, { "高橋", "タカハシ", 12 },
    { "田中", "タナカ", 11 }, { "伊藤", "イトウ", 14 }, { "渡辺", "ワタナベ", 11 },
    { "山本", "ヤマモト", 10 }, { "中村", "ナカムラ", 9 }, { "小林", "コバヤシ", 8 },
    { "加藤", "カトウ", 14 }, { "吉田", "ヨシダ", 8 }, { "山田", "ヤマダ", 7 },
    { "佐々木", "ササキ", 4 }, { "山口", "ヤマグチ", 5 }, { "松本", "マツモト", 5 },
    { "井上", "イノウエ", 5 }, { "木村", "キムラ", 5 }, { "林", "ハヤシ", 6 },
    { "斎藤", "サイトウ", 5 }, { "清水", "シミズ", 5 }, { "山崎", "ヤマザキ", 5 },
    { "森", "モリ", 5 }, { "池田", "イケダ", 4 }, { "橋本", "ハシモト", 4 },
    { "阿部", "アベ", 3 }, { "石川", "イシカワ", 4 }, { "前田", "マエダ", 4 },
    { "藤田", "フジタ", 4 }, { "小川", "オガワ", 4 }, { "岡田", "オカダ", 4 },
    { "後藤", "ゴトウ", 4 }, { "長谷川", "ハセガワ", 4 }, { "村上", "ムラカミ", 3 },
    { "近藤", "コンドウ", 5 }, { "石井", "イシイ", 3 },
    { "榊原", "サカキバラ", 10 }, { "竹内", "タケウチ", 6 }, { "杉浦", "スギウラ", 8 },
    { "鈴村", "スズムラ", 4 }, { "新美", "ニイミ", 6 }, { "森田", "モリタ", 4 },
    { "都築", "ツヅキ", 4 }, { "籾山", "モミヤマ", 3 }, { "久野", "クノ", 5 },
    { "間瀬", "マセ", 3 }, { "邊見", "ヘンミ", 1 },
};

typedef struct demo_variant_def {
    const char *base, *variant;
    int per_mille;   /* share of the base name's families that write it so */
} demo_variant_def;

/* Spellings a family keeps in its 戸籍 and insists on at the counter. */
static const demo_variant_def demo_variants[] = {
    { "高橋", "髙橋", 120 }, { "山崎", "山﨑", 150 }, { "渡辺", "渡邊", 100 },
    { "渡辺", "渡邉", 100 }, { "斎藤", "齋藤", 150 }, { "斎藤", "齊藤", 100 },
    { "吉田", "𠮷田", 80 },
};

typedef struct demo_surname {
    const char *kanji, *kana;
} demo_surname;

typedef struct demo_given {
    const char *kanji, *kana;
} demo_given;

/* Given names by the years they were common; 太郎 and 一郎 are left out on
 * purpose (see the top of the file). */
static const demo_given demo_given_m_old[] = {
    { "勝", "マサル" }, { "清", "キヨシ" }, { "茂", "シゲル" }, { "実", "ミノル" },
    { "進", "ススム" }, { "正雄", "マサオ" }, { "武", "タケシ" }, { "秀夫", "ヒデオ" },
    { "一男", "カズオ" }, { "昭二", "ショウジ" }, { "義雄", "ヨシオ" },
    { "幸一", "コウイチ" }, { "久雄", "ヒサオ" }, { "敏夫", "トシオ" },
    { "三郎", "サブロウ" },
};
static const demo_given demo_given_f_old[] = {
    { "トミ子", "トミコ" }, { "和子", "カズコ" }, { "幸子", "サチコ" },
    { "節子", "セツコ" }, { "久子", "ヒサコ" }, { "フミ", "フミ" },
    { "千代子", "チヨコ" }, { "美代子", "ミヨコ" }, { "静江", "シズエ" },
    { "房江", "フサエ" }, { "文子", "フミコ" }, { "照子", "テルコ" },
    { "ヨシ子", "ヨシコ" }, { "花子", "ハナコ" }, { "喜美子", "キミコ" },
    { "八重子", "ヤエコ" },
};
static const demo_given demo_given_m_boom[] = {
    { "隆", "タカシ" }, { "誠", "マコト" }, { "浩", "ヒロシ" }, { "修", "オサム" },
    { "健一", "ケンイチ" }, { "和夫", "カズオ" }, { "弘之", "ヒロユキ" },
    { "伸二", "シンジ" }, { "正樹", "マサキ" }, { "博", "ヒロシ" }, { "明", "アキラ" },
    { "豊", "ユタカ" }, { "聡", "サトシ" }, { "英樹", "ヒデキ" }, { "孝", "タカシ" },
};
static const demo_given demo_given_f_boom[] = {
    { "恵子", "ケイコ" }, { "洋子", "ヨウコ" }, { "京子", "キョウコ" },
    { "由美子", "ユミコ" }, { "久美子", "クミコ" }, { "直美", "ナオミ" },
    { "裕子", "ユウコ" }, { "真由美", "マユミ" }, { "明美", "アケミ" },
    { "智子", "トモコ" }, { "正子", "マサコ" }, { "悦子", "エツコ" },
    { "順子", "ジュンコ" }, { "典子", "ノリコ" }, { "花子", "ハナコ" },
};
static const demo_given demo_given_m_mid[] = {
    { "大輔", "ダイスケ" }, { "拓也", "タクヤ" }, { "直樹", "ナオキ" },
    { "健太", "ケンタ" }, { "剛", "ツヨシ" }, { "達也", "タツヤ" }, { "和也", "カズヤ" },
    { "哲也", "テツヤ" }, { "亮", "リョウ" }, { "学", "マナブ" }, { "浩二", "コウジ" },
    { "健", "ケン" }, { "淳", "ジュン" }, { "智之", "トモユキ" }, { "雅人", "マサト" },
};
static const demo_given demo_given_f_mid[] = {
    { "美穂", "ミホ" }, { "愛", "アイ" }, { "恵", "メグミ" }, { "陽子", "ヨウコ" },
    { "麻衣", "マイ" }, { "真理子", "マリコ" }, { "由美", "ユミ" }, { "香織", "カオリ" },
    { "沙織", "サオリ" }, { "彩", "アヤ" }, { "直子", "ナオコ" }, { "理恵", "リエ" },
    { "亜希子", "アキコ" }, { "紀子", "ノリコ" }, { "幸恵", "ユキエ" },
};
static const demo_given demo_given_m_young[] = {
    { "翔太", "ショウタ" }, { "大樹", "ダイキ" }, { "拓海", "タクミ" },
    { "健太郎", "ケンタロウ" }, { "優斗", "ユウト" }, { "翼", "ツバサ" },
    { "大輝", "ダイキ" }, { "直人", "ナオト" }, { "航", "ワタル" }, { "駿", "シュン" },
    { "雄大", "ユウダイ" }, { "海斗", "カイト" }, { "亮太", "リョウタ" },
    { "拓真", "タクマ" },
};
static const demo_given demo_given_f_young[] = {
    { "美咲", "ミサキ" }, { "彩花", "アヤカ" }, { "千尋", "チヒロ" }, { "七海", "ナナミ" },
    { "萌", "モエ" }, { "愛美", "マナミ" }, { "舞", "マイ" }, { "遥", "ハルカ" },
    { "優花", "ユウカ" }, { "夏美", "ナツミ" }, { "菜々子", "ナナコ" },
    { "明日香", "アスカ" }, { "真由", "マユ" }, { "沙也加", "サヤカ" },
};
static const demo_given demo_given_m_kid[] = {
    { "蓮", "レン" }, { "陽翔", "ハルト" }, { "湊", "ミナト" }, { "大翔", "ヒロト" },
    { "悠真", "ユウマ" }, { "樹", "イツキ" }, { "蒼", "アオイ" }, { "悠人", "ユウト" },
    { "陽太", "ヨウタ" }, { "颯太", "ソウタ" }, { "律", "リツ" }, { "朝陽", "アサヒ" },
    { "奏太", "カナタ" }, { "新", "アラタ" },
};
static const demo_given demo_given_f_kid[] = {
    { "陽葵", "ヒマリ" }, { "結衣", "ユイ" }, { "芽依", "メイ" }, { "凛", "リン" },
    { "紬", "ツムギ" }, { "結菜", "ユイナ" }, { "さくら", "サクラ" }, { "葵", "アオイ" },
    { "心春", "コハル" }, { "莉子", "リコ" }, { "杏", "アン" }, { "美桜", "ミオ" },
    { "澪", "ミオ" }, { "咲良", "サクラ" },
};

typedef struct demo_era {
    int last_year;   /* born in or before this year */
    const demo_given *m, *f;
    int nm, nf;
} demo_era;

static const demo_era demo_eras[] = {
    { 1945, demo_given_m_old, demo_given_f_old,
      DEMO_COUNT(demo_given_m_old), DEMO_COUNT(demo_given_f_old) },
    { 1964, demo_given_m_boom, demo_given_f_boom,
      DEMO_COUNT(demo_given_m_boom), DEMO_COUNT(demo_given_f_boom) },
    { 1984, demo_given_m_mid, demo_given_f_mid,
      DEMO_COUNT(demo_given_m_mid), DEMO_COUNT(demo_given_f_mid) },
    { 2004, demo_given_m_young, demo_given_f_young,
      DEMO_COUNT(demo_given_m_young), DEMO_COUNT(demo_given_f_young) },
    { DEMO_REF_YEAR, demo_given_m_kid, demo_given_f_kid,
      DEMO_COUNT(demo_given_m_kid), DEMO_COUNT(demo_given_f_kid) },
};

/* ---- addresses ---------------------------------------------------------- */

/* 字 of 武豊町, with 大字富貴 for the southern part as the plan writes it. */
static const char *const demo_aza[] = {
    "字長尾山", "字中根", "字北中根", "字砂川", "字里中", "字金下", "字下門",
    "字小迎", "字六貫山", "字西門", "字東大高", "字大足", "字上ケ", "字石川",
    "字明神", "字熊野", "字梨子ノ木", "字向陽", "字原田", "字平井", "字市場",
    "字屋敷", "字玉貫", "字叶田", "字迎戸", "字嶋田",
    "大字富貴字外面", "大字富貴字小桜", "大字富貴字市原",
};

static const char *const demo_buildings[] = {
    "コーポ若草", "ハイツみどり", "メゾンソレイユ", "グリーンハイツ",
    "サンライズ武豊", "レジデンス桜", "シャトー東", "ハイム和",
};

#define DEMO_LOT_MAX 240
#define DEMO_SUBLOT_MAX 30
#define DEMO_FLOOR_MAX 3
#define DEMO_ROOMS_PER_FLOOR 6
#define DEMO_ROOM_BASE 100

/* ---- the fixed households (see the list at the top) -------------------- */

typedef struct demo_fixed_member {
    int house;   /* index into demo_fixed_houses */
    const char *relation, *name, *kana, *birth, *sex, *phone, *note;
} demo_fixed_member;

typedef struct demo_fixed_house {
    const char *name, *address, *note;
} demo_fixed_house;

typedef struct demo_fixed_link {
    int house, member;   /* member: its order within the house */
    int agency;
    const char *role;
    int contact;
    const char *since;
} demo_fixed_link;

static const demo_fixed_house demo_fixed_houses[] = {
    { "山田世帯", "知多郡武豊町字長尾山12-3", "" },
    { "林世帯", "知多郡武豊町字里中45番地",
      "母（84歳）と長男（54歳）の二人暮らし（8050）。"
      "母の介護保険申請の際に、包括が長男の様子を把握した。" },
    { "小林世帯", "知多郡武豊町字金下8-15",
      "妻が2人の子の育児と夫の母（83歳）の介護を同時に担っている（ダブルケア）。" },
    { "髙橋世帯", "知多郡武豊町字東大高7-2", "独居。" },
    { "山﨑世帯", "知多郡武豊町字小迎51",
      "高齢夫婦世帯。夫が一人で妻を介護している（老老介護）。" },
    { "渡邊世帯", "知多郡武豊町字下門22-1　コーポ若草202",
      "ひとり親世帯。母の療養のため、長男（中学3年）が家事と妹の世話を担っている"
      "（ヤングケアラー）。" },
    { "𠮷田世帯", "知多郡武豊町字西門30-4", "独居。耳が遠く、電話に出ないことが多い。" },
    { "ハーバー世帯", "知多郡武豊町字金下１２－３",
      "ひとり親世帯。母は日常会話程度の日本語。" },
    { "斎藤世帯", "知多郡武豊町字上ケ16番地", "" },
    { "齋藤世帯", "知多郡武豊町字熊野2-7", "独居。" },
    { "鈴木世帯", "知多郡武豊町字平井19番地", "独居。" },
    { "鈴木世帯", "知多郡武豊町字市場5-8", "" },
    { "邊見世帯", "知多郡武豊町大字富貴字市原103番地", "" },
    { "渡邉世帯", "愛知県知多郡武豊町字向陽2-11", "" },
    { "齊藤世帯", "知多郡武豊町字玉貫40-2", "" },
};

static const demo_fixed_member demo_fixed_members[] = {
    { 0, "世帯主", "山田　太郎", "ヤマダ　タロウ", "1958-06-12", "M", "090-1234-5678", "" },
    { 0, "妻", "山田　久美子", "ヤマダ　クミコ", "1961-02-03", "F", "0569-72-3318", "" },
    { 0, "子", "山田　翔太", "ﾔﾏﾀﾞ ｼｮｳﾀ", "1989-09-21", "M", "080-3342-1190", "" },

    { 1, "世帯主", "林　トミ子", "ハヤシ　トミコ", "1941-11-02", "F", "0569-73-2245",
      "要介護1。膝が悪く、外出は月1回の通院のみ。" },
    { 1, "子", "林　健一", "ハヤシ　ケンイチ", "1971-04-18", "M", "",
      "無職。30代で離職後、ほぼ自室で過ごす。母以外とはほとんど話さない。" },

    { 2, "世帯主", "小林　直樹", "コバヤシ　ナオキ", "1983-07-30", "M", "090-5521-0834", "" },
    { 2, "妻", "小林　美穂", "コバヤシ　ミホ", "1985-12-09", "F", "070-2218-4467", "" },
    { 2, "子", "小林　陽菜", "コバヤシ　ヒナ", "2019-05-23", "F", "", "" },
    { 2, "子", "小林　蓮", "コバヤシ　レン", "2022-10-04", "M", "", "" },
    { 2, "母", "小林　房江", "コバヤシ　フサエ", "1943-03-15", "F", "",
      "要介護2。アルツハイマー型認知症の診断あり。" },

    { 3, "世帯主", "髙橋　一郎", "タカハシ　イチロウ", "1944-08-08", "M", "0569-72-4410", "" },

    { 4, "世帯主", "山﨑　和夫", "ヤマザキ　カズオ", "1939-01-27", "M", "0569-73-0962", "" },
    { 4, "妻", "山﨑　節子", "ヤマザキ　セツコ", "1942-06-30", "F", "0569-73-0962",
      "要介護3。脳梗塞の後遺症で右半身に麻痺。" },

    { 5, "世帯主", "渡邊　由美", "ワタナベ　ユミ", "1982-04-05", "F", "080-6673-2051",
      "うつ病で通院中。体調の波が大きい。" },
    { 5, "子", "渡邊　大翔", "ワタナベ　ヒロト", "2011-09-14", "M", "",
      "中学3年。母の通院の付き添いと妹の世話を担い、欠席が増えている。" },
    { 5, "子", "渡邊　結衣", "ワタナベ　ユイ", "2016-02-20", "F", "", "" },

    { 6, "世帯主", "𠮷田　勝", "ヨシダ　マサル", "1937-12-01", "M", "", "" },

    { 7, "世帯主", "ハーバー　エミリー", "ﾊｰﾊﾞｰ ｴﾐﾘｰ", "1990-03-11", "F",
      "０８０－４４１２－７７０３", "" },
    { 7, "子", "ハーバー　ケン", "ﾊｰﾊﾞｰ ｹﾝ", "2018-07-07", "M", "", "" },

    { 8, "世帯主", "斎藤　誠", "サイトウ　マコト", "1963-10-19", "M", "090-7781-2290", "" },
    { 8, "妻", "斎藤　洋子", "サイトウ　ヨウコ", "1965-01-08", "F", "0569-72-6604", "" },

    { 9, "世帯主", "齋藤　恵子", "サイトウ　ケイコ", "1955-05-26", "F", "0569-73-5120", "" },

    { 10, "世帯主", "鈴木　花子", "スズキ　ハナコ", "1940-04-29", "F", "0569-72-2087", "" },

    { 11, "世帯主", "鈴木　浩", "スズキ　ヒロシ", "1960-08-15", "M", "090-3318-6642", "" },
    { 11, "妻", "鈴木　花子", "スズキ　ハナコ", "1962-11-30", "F", "080-9012-4471", "" },

    { 12, "世帯主", "邊見　隆", "ヘンミ　タカシ", "1952-02-14", "M", "0569-73-7736", "" },
    { 12, "妻", "邊見　明美", "ヘンミ　アケミ", "1956-09-03", "F", "", "" },

    { 13, "世帯主", "渡邉　拓也", "ワタナベ　タクヤ", "1978-06-21", "M", "080-2267-9135", "" },
    { 13, "妻", "渡邉　沙織", "ワタナベ　サオリ", "1980-12-12", "F", "090-6654-3087", "" },
    { 13, "子", "渡邉　悠真", "ワタナベ　ユウマ", "2010-04-27", "M", "", "" },

    { 14, "世帯主", "齊藤　正樹", "サイトウ　マサキ", "1968-03-02", "M", "070-3392-8841", "" },
};

static const demo_fixed_link demo_fixed_links[] = {
    { 1, 0, DEMO_AG_HOUKATSU, "担当ケアマネジャー", 0, "2024-06-10" },
    { 1, 1, DEMO_AG_WINDOW, "アウトリーチ", 1, "2024-09-02" },
    { 1, 1, DEMO_AG_WELFARE, "自立相談支援", 0, "2025-01-20" },
    { 2, 4, DEMO_AG_HOUKATSU, "担当ケアマネジャー", 1, "2023-11-15" },
    { 2, 1, DEMO_AG_KODOMO, "子育て相談", 0, "2024-04-08" },
    { 2, 1, DEMO_AG_WINDOW, "ダブルケア相談", 0, "2025-05-12" },
    { 4, 1, DEMO_AG_HOUKATSU, "担当ケアマネジャー", 0, "2022-08-01" },
    { 5, 0, DEMO_AG_WAPPARU, "計画相談", 0, "2023-02-27" },
    { 5, 1, DEMO_AG_SCHOOL, "スクールソーシャルワーカー", 0, "2025-06-16" },
    { 5, 1, DEMO_AG_KODOMO, "ヤングケアラー支援", 1, "2025-07-03" },
    { 6, 0, DEMO_AG_MINSEI, "見守り", 0, "2021-04-01" },
    { 7, 0, DEMO_AG_KODOMO, "子育て相談", 1, "2024-10-21" },
    { 10, 0, DEMO_AG_MINSEI, "見守り", 1, "2022-05-09" },
};

/* ---- the plans a household is written from ------------------------------ */

/* What a person's consultations are about (see demo_themes). */
typedef enum demo_theme {
    DEMO_TH_NONE,
    DEMO_TH_8050,
    DEMO_TH_DOUBLE,
    DEMO_TH_YOUNG_CARER,
    DEMO_TH_ELDER_ALONE,
    DEMO_TH_CARE,
    DEMO_TH_SINGLE_PARENT,
    DEMO_TH_CHILD,
    DEMO_TH_SCHOOL,
    DEMO_TH_WORK,
    DEMO_TH_MONEY,
    DEMO_TH_ISOLATION,
    DEMO_TH_FOREIGN,
    DEMO_TH_HOUSING,
    DEMO_TH_FOOD,
    DEMO_TH_DV,
    DEMO_N_THEMES
} demo_theme;

typedef struct demo_member {
    const char *relation;
    const char *sex;
    char name[DEMO_NAME_MAX];
    char kana[DEMO_KANA_MAX];
    char birth[DEMO_DATE_MAX];
    char phone[DEMO_PHONE_MAX];
    char note[DEMO_TEXT_MAX];
    int year, month, day;   /* of birth, for notes about age */
    bool female;
} demo_member;

typedef struct demo_link_plan {
    int member;
    int agency;   /* demo_agency_key */
    const char *role;
    const char *contact;
    char since[DEMO_DATE_MAX];
} demo_link_plan;

typedef struct demo_house {
    demo_surname surname;
    char name[DEMO_NAME_MAX];
    char address[DEMO_ADDR_MAX];
    char landline[DEMO_PHONE_MAX];   /* "" when the household has none */
    char note[DEMO_TEXT_MAX];
    demo_member m[DEMO_MAX_MEMBERS];
    int n;
    demo_link_plan l[DEMO_MAX_LINKS];
    int nl;
    const int64_t *agency_ids;
    int persons, links;   /* what the last successful write stored */
    int64_t pid[DEMO_MAX_MEMBERS];   /* the ids the last write gave */
    /* Whom the household's consultations are about, if anyone. */
    demo_theme theme;
    int subject;                /* member index, -1 for none */
    int kin;                    /* a member who may come instead, or -1 */
    const char *kin_relation;   /* what the kin is to the subject */
} demo_house;

/* snprintf at the end of buf, so text can be built in pieces. */
__attribute__((format(printf, 3, 4)))
static void demo_appendf(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

/* Copy s into buf, cut to fit. */
static void demo_copy(char *buf, size_t n, const char *s)
{
    snprintf(buf, n, "%s", s ? s : "");
}

/* ---- text forms: full-width digits, half-width kana ---------------------- */

#define DEMO_UTF8_3BYTE_LEAD 0xE0u
#define DEMO_UTF8_LEAD_MASK 0x0Fu
#define DEMO_UTF8_CONT_MASK 0x3Fu
#define DEMO_UTF8_CONT_BITS 6
#define DEMO_UTF8_3BYTE_MASK 0xF0u
#define DEMO_CP_KATAKANA_FIRST 0x30A1u   /* ァ */
#define DEMO_CP_KATAKANA_LAST 0x30F4u    /* ヴ */
#define DEMO_CP_PROLONGED 0x30FCu        /* ー */
#define DEMO_CP_IDEO_SPACE 0x3000u       /* full-width space */

/* Half-width forms of ァ..ヴ, in code point order. */
static const char *const demo_halfwidth[] = {
    "ｧ", "ｱ", "ｨ", "ｲ", "ｩ", "ｳ", "ｪ", "ｴ", "ｫ", "ｵ",
    "ｶ", "ｶﾞ", "ｷ", "ｷﾞ", "ｸ", "ｸﾞ", "ｹ", "ｹﾞ", "ｺ", "ｺﾞ",
    "ｻ", "ｻﾞ", "ｼ", "ｼﾞ", "ｽ", "ｽﾞ", "ｾ", "ｾﾞ", "ｿ", "ｿﾞ",
    "ﾀ", "ﾀﾞ", "ﾁ", "ﾁﾞ", "ｯ", "ﾂ", "ﾂﾞ", "ﾃ", "ﾃﾞ", "ﾄ", "ﾄﾞ",
    "ﾅ", "ﾆ", "ﾇ", "ﾈ", "ﾉ",
    "ﾊ", "ﾊﾞ", "ﾊﾟ", "ﾋ", "ﾋﾞ", "ﾋﾟ", "ﾌ", "ﾌﾞ", "ﾌﾟ",
    "ﾍ", "ﾍﾞ", "ﾍﾟ", "ﾎ", "ﾎﾞ", "ﾎﾟ",
    "ﾏ", "ﾐ", "ﾑ", "ﾒ", "ﾓ", "ｬ", "ﾔ", "ｭ", "ﾕ", "ｮ", "ﾖ",
    "ﾗ", "ﾘ", "ﾙ", "ﾚ", "ﾛ", "ﾜ", "ﾜ", "ｲ", "ｴ", "ｦ", "ﾝ", "ｳﾞ",
};

_Static_assert(sizeof demo_halfwidth / sizeof demo_halfwidth[0] ==
               DEMO_CP_KATAKANA_LAST - DEMO_CP_KATAKANA_FIRST + 1,
               "one half-width form per katakana");

/* The katakana of in as an old system stored it: half-width kana, and a
 * half-width space between surname and given name. */
static void demo_halfwidth_kana(const char *in, char *out, size_t n)
{
    out[0] = '\0';
    const unsigned char *s = (const unsigned char *)in;
    while (*s) {
        if ((s[0] & DEMO_UTF8_3BYTE_MASK) == DEMO_UTF8_3BYTE_LEAD && s[1] && s[2]) {
            uint32_t cp = ((uint32_t)(s[0] & DEMO_UTF8_LEAD_MASK) << (2 * DEMO_UTF8_CONT_BITS)) |
                          ((uint32_t)(s[1] & DEMO_UTF8_CONT_MASK) << DEMO_UTF8_CONT_BITS) |
                          (uint32_t)(s[2] & DEMO_UTF8_CONT_MASK);
            const char *half = NULL;
            if (cp >= DEMO_CP_KATAKANA_FIRST && cp <= DEMO_CP_KATAKANA_LAST)
                half = demo_halfwidth[cp - DEMO_CP_KATAKANA_FIRST];
            else if (cp == DEMO_CP_PROLONGED)
                half = "ｰ";
            else if (cp == DEMO_CP_IDEO_SPACE)
                half = " ";
            if (half) {
                demo_appendf(out, n, "%s", half);
                s += 3;
                continue;
            }
        }
        demo_appendf(out, n, "%c", (char)*s);
        s++;
    }
}

/* Digits and hyphens of in as full-width forms, as typed with an IME left
 * in 全角 mode. */
static void demo_fullwidth_digits(const char *in, char *out, size_t n)
{
    static const char *const digits[] = {
        "０", "１", "２", "３", "４", "５", "６", "７", "８", "９",
    };
    out[0] = '\0';
    for (const char *s = in; *s; s++) {
        if (*s >= '0' && *s <= '9')
            demo_appendf(out, n, "%s", digits[*s - '0']);
        else if (*s == '-')
            demo_appendf(out, n, "%s", "－");
        else
            demo_appendf(out, n, "%c", *s);
    }
}

/* ---- dates -------------------------------------------------------------- */

/* Days in a month of the Gregorian calendar. */
static int demo_days_in_month(int y, int m)
{
    static const int days[DEMO_MONTHS] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == DEMO_FEBRUARY && leap ? days[m - 1] + 1 : days[m - 1];
}

/* v, kept within [lo, hi]. */
static int demo_clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A day of year y, before the demo's "today" when y is the current year. */
static void demo_random_day(demo_rng *r, int y, int *m, int *d)
{
    int last_month = y >= DEMO_REF_YEAR ? DEMO_REF_MONTH - 1 : DEMO_MONTHS;
    *m = demo_between(r, 1, last_month);
    *d = demo_between(r, 1, demo_days_in_month(y, *m));
}

/* Completed years on the demo's "today". */
static int demo_age(const demo_member *p)
{
    bool before_birthday = p->month > DEMO_REF_MONTH ||
                           (p->month == DEMO_REF_MONTH && p->day > DEMO_REF_DAY);
    return DEMO_REF_YEAR - p->year - (before_birthday ? 1 : 0);
}

#define DEMO_SCHOOL_START_AGE 6   /* 小学1年 is the year a child turns 7 */
#define DEMO_PRIMARY_YEARS 6
#define DEMO_LOWER_SECONDARY_YEARS 3
#define DEMO_UPPER_SECONDARY_YEARS 3

/* The school year of a child in 令和8年度, e.g. "中学2年"; "" outside. */
static void demo_school_label(const demo_member *p, char *buf, size_t n)
{
    /* Children born from April to the next March share a school year. */
    int fiscal_birth = p->month >= DEMO_REF_MONTH ? p->year : p->year - 1;
    int grade = DEMO_REF_YEAR - fiscal_birth - DEMO_SCHOOL_START_AGE;
    buf[0] = '\0';
    if (grade < 1)
        return;
    if (grade <= DEMO_PRIMARY_YEARS)
        snprintf(buf, n, "小学%d年", grade);
    else if ((grade -= DEMO_PRIMARY_YEARS) <= DEMO_LOWER_SECONDARY_YEARS)
        snprintf(buf, n, "中学%d年", grade);
    else if ((grade -= DEMO_LOWER_SECONDARY_YEARS) <= DEMO_UPPER_SECONDARY_YEARS)
        snprintf(buf, n, "高校%d年", grade);
}

/* ---- drawing names, phones and addresses ------------------------------- */

/* A surname by rough frequency, in its family's own spelling. */
static demo_surname demo_draw_surname(demo_rng *r)
{
    int total = 0;
    for (int i = 0; i < DEMO_COUNT(demo_surnames); i++)
        total += demo_surnames[i].weight;
    int x = demo_below(r, total);
    const demo_surname_def *def = &demo_surnames[0];
    for (int i = 0; i < DEMO_COUNT(demo_surnames); i++) {
        if (x < demo_surnames[i].weight) {
            def = &demo_surnames[i];
            break;
        }
        x -= demo_surnames[i].weight;
    }
    demo_surname sn = { def->kanji, def->kana };
    int roll = demo_below(r, DEMO_PER_MILLE);
    for (int i = 0; i < DEMO_COUNT(demo_variants); i++) {
        if (strcmp(demo_variants[i].base, def->kanji) != 0)
            continue;
        if (roll < demo_variants[i].per_mille) {
            sn.kanji = demo_variants[i].variant;
            break;
        }
        roll -= demo_variants[i].per_mille;
    }
    return sn;
}

/* A given name common in the year of birth. */
static demo_given demo_draw_given(demo_rng *r, bool female, int year)
{
    const demo_era *e = &demo_eras[DEMO_COUNT(demo_eras) - 1];
    for (int i = 0; i < DEMO_COUNT(demo_eras); i++)
        if (year <= demo_eras[i].last_year) {
            e = &demo_eras[i];
            break;
        }
    return female ? e->f[demo_below(r, e->nf)] : e->m[demo_below(r, e->nm)];
}

/* Whether a drawn 4-digit group would collide with a fixed person's. */
static bool demo_reserved(int group)
{
    return group == DEMO_RESERVED_SUFFIX;
}

/* A last 4-digit group that is not reserved. */
static int demo_draw_group(demo_rng *r)
{
    int g;
    do
        g = demo_below(r, DEMO_GROUP_MOD);
    while (demo_reserved(g));
    return g;
}

/* Write a phone number in one of the ways they reach a counter's files. */
static void demo_phone_style(demo_rng *r, const char *plain, char *out, size_t n)
{
    int roll = demo_below(r, DEMO_PERCENT);
    if (roll < DEMO_PCT_PHONE_FULLWIDTH) {
        demo_fullwidth_digits(plain, out, n);
    } else if (roll < DEMO_PCT_PHONE_FULLWIDTH + DEMO_PCT_PHONE_BARE) {
        out[0] = '\0';
        for (const char *s = plain; *s; s++)
            if (*s != '-')
                demo_appendf(out, n, "%c", *s);
    } else {
        demo_copy(out, n, plain);
    }
}

#define DEMO_MOBILE_MID_MIN 1000
#define DEMO_MOBILE_MID_MAX 9999

/* A mobile number: 090 most often, then 080, 070. */
static void demo_mobile(demo_rng *r, char *out, size_t n)
{
    static const char *const prefixes[] = {
        "090", "090", "090", "090", "090", "080", "080", "080", "080", "070",
    };
    char plain[DEMO_PHONE_MAX];
    snprintf(plain, sizeof plain, "%s-%04d-%04d", DEMO_PICK(r, prefixes),
             demo_between(r, DEMO_MOBILE_MID_MIN, DEMO_MOBILE_MID_MAX),
             demo_draw_group(r));
    demo_phone_style(r, plain, out, n);
}

/* A landline in 武豊町's exchanges (0569-72, 0569-73). */
static void demo_landline(demo_rng *r, char *out, size_t n)
{
    static const char *const exchanges[] = { "72", "73" };
    char plain[DEMO_PHONE_MAX];
    const char *ex = DEMO_PICK(r, exchanges);
    int group = demo_draw_group(r);
    if (demo_chance(r, DEMO_PCT_LANDLINE_SHORT))
        snprintf(plain, sizeof plain, "%s-%04d", ex, group);
    else
        snprintf(plain, sizeof plain, "0569-%s-%04d", ex, group);
    demo_phone_style(r, plain, out, n);
}

/* An address in 武豊町, in one of the forms found in real files. */
static void demo_address(demo_rng *r, char *out, size_t n)
{
    static const char *const prefixes[] = {
        "知多郡武豊町", "知多郡武豊町", "知多郡武豊町", "知多郡武豊町",
        "愛知県知多郡武豊町", "武豊町",
    };
    enum { DEMO_ADDR_HYPHEN, DEMO_ADDR_BANCHI, DEMO_ADDR_BANCHI_GO, DEMO_ADDR_FORMS };
    char plain[DEMO_ADDR_MAX];
    const char *aza = DEMO_PICK(r, demo_aza);
    int lot = demo_between(r, 1, DEMO_LOT_MAX);
    int sub = demo_between(r, 1, DEMO_SUBLOT_MAX);
    snprintf(plain, sizeof plain, "%s%s", DEMO_PICK(r, prefixes), aza);
    switch (demo_below(r, DEMO_ADDR_FORMS)) {
    case DEMO_ADDR_HYPHEN:
        demo_appendf(plain, sizeof plain, "%d-%d", lot, sub);
        break;
    case DEMO_ADDR_BANCHI:
        demo_appendf(plain, sizeof plain, "%d番地", lot);
        break;
    default:
        demo_appendf(plain, sizeof plain, "%d番地%d", lot, sub);
        break;
    }
    if (demo_chance(r, DEMO_PCT_ADDR_FLAT))
        demo_appendf(plain, sizeof plain, "　%s%d",
                     DEMO_PICK(r, demo_buildings),
                     demo_between(r, 1, DEMO_FLOOR_MAX) * DEMO_ROOM_BASE +
                         demo_between(r, 1, DEMO_ROOMS_PER_FLOOR));
    if (demo_chance(r, DEMO_PCT_ADDR_FULLWIDTH))
        demo_fullwidth_digits(plain, out, n);
    else
        demo_copy(out, n, plain);
}

/* ---- building a household ----------------------------------------------- */

/* Start a household: surname (drawn unless given), address and landline. */
static void demo_house_begin(demo_house *h, demo_rng *r, const demo_surname *sn)
{
    const int64_t *ids = h->agency_ids;
    memset(h, 0, sizeof *h);
    h->agency_ids = ids;
    h->subject = h->kin = -1;
    h->surname = sn ? *sn : demo_draw_surname(r);
    snprintf(h->name, sizeof h->name, "%s世帯", h->surname.kanji);
    demo_address(r, h->address, sizeof h->address);
    if (demo_chance(r, DEMO_PCT_HOUSE_LANDLINE))
        demo_landline(r, h->landline, sizeof h->landline);
}

/* Name and フリガナ of a member, spaced and written as clerks do. */
static void demo_name_member(demo_rng *r, demo_member *p, const demo_surname *sn,
                             const demo_given *g)
{
    int roll = demo_below(r, DEMO_PERCENT);
    const char *sep = roll < DEMO_PCT_NAME_HALF_SPACE ? " "
                    : roll < DEMO_PCT_NAME_HALF_SPACE + DEMO_PCT_NAME_NO_SPACE ? ""
                    : "　";
    snprintf(p->name, sizeof p->name, "%s%s%s", sn->kanji, sep, g->kanji);

    char full[DEMO_KANA_MAX];
    snprintf(full, sizeof full, "%s　%s", sn->kana, g->kana);
    roll = demo_below(r, DEMO_PERCENT);
    if (roll < DEMO_PCT_KANA_HALFWIDTH)
        demo_halfwidth_kana(full, p->kana, sizeof p->kana);
    else if ((roll -= DEMO_PCT_KANA_HALFWIDTH) < DEMO_PCT_KANA_NO_SPACE)
        snprintf(p->kana, sizeof p->kana, "%s%s", sn->kana, g->kana);
    else if ((roll -= DEMO_PCT_KANA_NO_SPACE) < DEMO_PCT_KANA_EMPTY)
        p->kana[0] = '\0';
    else
        demo_copy(p->kana, sizeof p->kana, full);
}

/* A member's own phone, or the household's, or none, by age. */
static void demo_phone_member(demo_rng *r, const demo_house *h, demo_member *p)
{
    int age = demo_age(p);
    int roll = demo_below(r, DEMO_PERCENT);
    p->phone[0] = '\0';
    if (age < DEMO_AGE_TEEN)
        return;
    if (age < DEMO_AGE_ADULT) {
        if (roll < DEMO_PCT_TEEN_MOBILE)
            demo_mobile(r, p->phone, sizeof p->phone);
    } else if (age < DEMO_AGE_ELDER) {
        if (roll < DEMO_PCT_ADULT_MOBILE)
            demo_mobile(r, p->phone, sizeof p->phone);
        else if (roll < DEMO_PCT_ADULT_MOBILE + DEMO_PCT_ADULT_LANDLINE)
            demo_copy(p->phone, sizeof p->phone, h->landline);
    } else {
        if (roll < DEMO_PCT_ELDER_LANDLINE)
            demo_copy(p->phone, sizeof p->phone, h->landline);
        else if (roll < DEMO_PCT_ELDER_LANDLINE + DEMO_PCT_ELDER_MOBILE)
            demo_mobile(r, p->phone, sizeof p->phone);
    }
}

/* s without its spaces (half- and full-width), for comparing names. */
static void demo_strip_spaces(const char *s, char *out, size_t n)
{
    static const char ideo_space[] = "　";
    out[0] = '\0';
    while (*s) {
        if (*s == ' ') {
            s++;
        } else if (strncmp(s, ideo_space, sizeof ideo_space - 1) == 0) {
            s += sizeof ideo_space - 1;
        } else {
            demo_appendf(out, n, "%c", *s);
            s++;
        }
    }
}

/* Whether stored (a name as written) is a followed by b, spaces aside. */
static bool demo_same_name(const char *stored, const char *a, const char *b)
{
    char x[DEMO_KANA_MAX], y[DEMO_KANA_MAX];
    demo_strip_spaces(stored, x, sizeof x);
    snprintf(y, sizeof y, "%s%s", a, b);
    return strcmp(x, y) == 0;
}

/* Whether a drawn name would repeat a fixed person's name or reading, or a
 * worker's name, which tests and demos expect to find once. */
static bool demo_name_taken(const demo_surname *sn, const demo_given *g)
{
    char kana[DEMO_KANA_MAX], half[DEMO_KANA_MAX];
    snprintf(kana, sizeof kana, "%s%s", sn->kana, g->kana);
    demo_halfwidth_kana(kana, half, sizeof half);
    for (int i = 0; i < DEMO_COUNT(demo_fixed_members); i++) {
        const demo_fixed_member *f = &demo_fixed_members[i];
        if (demo_same_name(f->name, sn->kanji, g->kanji) ||
            demo_same_name(f->kana, kana, "") || demo_same_name(f->kana, half, ""))
            return true;
    }
    for (int i = 0; i < DEMO_N_AGENCIES; i++)
        for (int k = 0; k < DEMO_CONTACTS; k++)
            if (demo_same_name(demo_agencies[i].contacts[k], sn->kanji, g->kanji))
                return true;
    for (int i = 0; i < DEMO_COUNT(demo_staff); i++)
        if (demo_same_name(demo_staff[i].name, sn->kanji, g->kanji))
            return true;
    return false;
}

/* Make the birth date real and past, then write it out as ISO. */
static void demo_set_birth(demo_member *p)
{
    if (p->year >= DEMO_REF_YEAR && p->month >= DEMO_REF_MONTH)
        p->month = DEMO_REF_MONTH - 1;
    /* 29 February may have moved to a year without it. */
    if (p->day > demo_days_in_month(p->year, p->month))
        p->day = demo_days_in_month(p->year, p->month);
    snprintf(p->birth, sizeof p->birth, "%04d-%02d-%02d", p->year, p->month, p->day);
}

/* Add a drawn member of the given age; NULL when the household is full. */
static demo_member *demo_add(demo_house *h, demo_rng *r, const char *relation,
                             const demo_surname *sn, bool female, int age)
{
    if (h->n >= DEMO_MAX_MEMBERS)
        return NULL;
    demo_member *p = &h->m[h->n++];
    memset(p, 0, sizeof *p);
    p->relation = relation;
    p->female = female;
    p->sex = demo_chance(r, DEMO_PCT_SEX_UNKNOWN) ? "" : female ? "F" : "M";
    /* Born in the year that gives this age on the demo's "today". */
    p->year = DEMO_REF_YEAR - age - 1;
    demo_random_day(r, p->year, &p->month, &p->day);
    if (demo_age(p) > age)
        p->year++;
    demo_set_birth(p);
    if (!sn)
        sn = &h->surname;
    demo_given g = demo_draw_given(r, female, p->year);
    for (int tries = 0; tries < DEMO_NAME_TRIES && demo_name_taken(sn, &g); tries++)
        g = demo_draw_given(r, female, p->year);
    demo_name_member(r, p, sn, &g);
    demo_phone_member(r, h, p);
    return p;
}

/* The index of a member in its household. */
static int demo_index(const demo_house *h, const demo_member *p)
{
    return (int)(p - h->m);
}

/* Whether the household already has a link to agency. */
static bool demo_has_agency(const demo_house *h, int agency)
{
    for (int i = 0; i < h->nl; i++)
        if (h->l[i].agency == agency)
            return true;
    return false;
}

/* Link a member to an agency for a role, naming one of its workers. */
static void demo_link(demo_house *h, demo_rng *r, const demo_member *p,
                      int agency, const char *role)
{
    if (!p || h->nl >= DEMO_MAX_LINKS)
        return;
    demo_link_plan *l = &h->l[h->nl++];
    l->member = demo_index(h, p);
    l->agency = agency;
    l->role = role;
    l->contact = demo_agencies[agency].contacts[demo_below(r, DEMO_CONTACTS)];
    /* Support starts after the person was born, and not in the birth year,
     * so that the date can never come before the birth date. */
    int first = p->year + 1 > DEMO_SINCE_FIRST_YEAR ? p->year + 1 : DEMO_SINCE_FIRST_YEAR;
    int y = demo_between(r, first, DEMO_REF_YEAR);
    int m, d;
    demo_random_day(r, y, &m, &d);
    snprintf(l->since, sizeof l->since, "%04d-%02d-%02d", y, m, d);
}

/* Children of a parent: count, ages up to max_age, relation and surname. */
static demo_member *demo_add_children(demo_house *h, demo_rng *r,
                                      const demo_member *parent, int count,
                                      int max_age, const char *relation)
{
    int parent_age = demo_age(parent);
    int oldest = parent_age - DEMO_PARENT_GAP_MIN;
    if (oldest > max_age)
        oldest = max_age;
    int youngest = parent_age - DEMO_PARENT_GAP_MAX;
    if (youngest < 0)
        youngest = 0;
    if (youngest > oldest)
        youngest = oldest;
    demo_member *last = NULL;
    for (int i = 0; i < count; i++) {
        demo_member *c = demo_add(h, r, relation, NULL, demo_chance(r, DEMO_PERCENT / 2),
                                  demo_between(r, youngest, oldest));
        if (c)
            last = c;
    }
    return last;
}

/* The youngest member with the given relation. */
static demo_member *demo_youngest(demo_house *h, const char *relation)
{
    demo_member *best = NULL;
    for (int i = 0; i < h->n; i++)
        if (strcmp(h->m[i].relation, relation) == 0 &&
            (!best || demo_age(&h->m[i]) < demo_age(best)))
            best = &h->m[i];
    return best;
}

/* A spouse's age: a few years younger or older than the partner. */
static int demo_spouse_age(demo_rng *r, int partner_age, bool younger)
{
    int gap = demo_between(r, 0, DEMO_SPOUSE_GAP_MAX);
    return younger ? partner_age - gap : partner_age + gap;
}

/* Say whom the household's consultations will be about, and which member
 * may come or call instead (kin may be NULL).  Draws nothing, so that the
 * town stays what it was before consultations existed. */
static void demo_about(demo_house *h, const demo_member *subject, demo_theme theme,
                       const demo_member *kin, const char *kin_relation)
{
    if (!subject)
        return;
    h->theme = theme;
    h->subject = demo_index(h, subject);
    h->kin = kin ? demo_index(h, kin) : -1;
    h->kin_relation = kin ? kin_relation : NULL;
}

/* ---- notes, as the counter writes them ---------------------------------- */

static const char *const demo_notes_8050_child[] = {
    "無職。30代で離職後、ほぼ自室で過ごす。",
    "無職。高校卒業後に数年働いたが、以後は外出が近所のコンビニ程度。",
    "就労経験なし。昼夜逆転の生活。親の年金で暮らしている。",
    "10年前に退職。近所付き合いはなく、通院歴は不明。",
    "無職。親以外とはほとんど話さない。電話には出ない。",
};
static const char *const demo_notes_8050_parent[] = {
    "要介護1。膝が悪く外出は通院のみ。",
    "要支援2。物忘れが増えたと民生委員から連絡あり。",
    "要介護2。デイサービス週2回。",
    "介護認定なし。最近転倒が続いている。",
    "要介護1。通帳の管理が難しくなってきた。",
};
static const char *const demo_notes_care[] = {
    "要介護2。アルツハイマー型認知症の診断あり。",
    "要介護3。脳梗塞の後遺症で右半身に麻痺。",
    "要支援1。一人での外出が難しくなってきた。",
    "要介護1。夜間に家の外へ出てしまうことがある。",
    "要介護2。週3回デイサービス利用。",
};
static const char *const demo_notes_carer_parent[] = {
    "うつ病で通院中。寝込む日が多い。",
    "統合失調症。服薬を中断していた時期がある。",
    "身体障害者手帳2級。車いすを使用。",
    "アルコール依存症の治療中。",
    "指定難病で療養中。入退院を繰り返している。",
};
static const char *const demo_notes_single_elder[] = {
    "独居。", "独居。近くに身寄りなし。", "独居。長女が名古屋市在住で月1回来訪。",
    "独居。配食サービス利用。", "",
};
static const char *const demo_notes_single_parent[] = {
    "ひとり親世帯。", "ひとり親世帯。児童扶養手当受給中。",
    "ひとり親世帯。夜勤のあるパート勤務。", "",
};

/* ---- the household kinds ------------------------------------------------ */

typedef void (*demo_build_fn)(demo_house *h, demo_rng *r);

/* 8050: a parent in their 80s and an unemployed, withdrawn child in their
 * 50s; linked to 2-3 agencies. */
static void demo_build_8050(demo_house *h, demo_rng *r)
{
    static const char *const elder_roles[] = {
        "担当ケアマネジャー", "総合相談", "介護予防ケアマネジメント",
    };
    demo_house_begin(h, r, NULL);
    int child_age = demo_between(r, DEMO_8050_CHILD_MIN_AGE, DEMO_8050_CHILD_MAX_AGE);
    int parent_age = demo_clamp(child_age + demo_between(r, DEMO_PARENT_GAP_MIN + 2,
                                                         DEMO_PARENT_GAP_MAX),
                                DEMO_8050_PARENT_MIN_AGE, DEMO_8050_PARENT_MAX_AGE);
    bool both = demo_chance(r, DEMO_PCT_8050_BOTH_PARENTS);
    bool mother = both || demo_chance(r, DEMO_PCT_8050_MOTHER);
    demo_member *father = NULL, *parent;
    if (both) {
        father = demo_add(h, r, "世帯主", NULL, false, parent_age);
        parent = demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, parent_age, true));
    } else {
        parent = demo_add(h, r, "世帯主", NULL, mother, parent_age);
    }
    bool son = demo_chance(r, DEMO_PCT_8050_SON);
    demo_member *child = demo_add(h, r, "子", NULL, !son, child_age);
    demo_copy(parent->note, sizeof parent->note, DEMO_PICK(r, demo_notes_8050_parent));
    demo_copy(child->note, sizeof child->note, DEMO_PICK(r, demo_notes_8050_child));
    child->phone[0] = '\0';   /* nobody has the child's number */

    const char *child_label = son ? "長男" : "長女";
    if (both)
        snprintf(h->note, sizeof h->note,
                 "両親（%d歳・%d歳）と%s（%d歳）の三人暮らし（8050）。"
                 "%sは長く就労しておらず、両親の年金が世帯の収入。",
                 demo_age(father), demo_age(parent), child_label, demo_age(child),
                 child_label);
    else
        snprintf(h->note, sizeof h->note,
                 "%s（%d歳）と%s（%d歳）の二人暮らし（8050）。"
                 "%sは長く就労しておらず、%sの年金が世帯の収入。",
                 mother ? "母" : "父", demo_age(parent), child_label,
                 demo_age(child), child_label, mother ? "母" : "父");

    demo_about(h, child, DEMO_TH_8050, parent, mother ? "母" : "父");
    demo_link(h, r, parent, DEMO_AG_HOUKATSU, DEMO_PICK(r, elder_roles));
    if (demo_chance(r, DEMO_PERCENT / 2))
        demo_link(h, r, child, DEMO_AG_WINDOW, "アウトリーチ");
    else
        demo_link(h, r, child, DEMO_AG_WELFARE, "自立相談支援");
    if (demo_chance(r, DEMO_PCT_8050_THIRD_LINK)) {
        static const struct { int agency; const char *role; bool on_child; } third[] = {
            { DEMO_AG_WELFARE, "家計改善支援", true },
            { DEMO_AG_MINSEI, "見守り", false },
            { DEMO_AG_HOKENJO, "精神保健福祉相談", true },
            { DEMO_AG_WINDOW, "まるっとここ相談", true },
            { DEMO_AG_CHITA, "生活保護の相談", false },
        };
        int start = demo_below(r, DEMO_COUNT(third));
        for (int i = 0; i < DEMO_COUNT(third); i++) {
            int k = (start + i) % DEMO_COUNT(third);
            if (demo_has_agency(h, third[k].agency))
                continue;
            demo_link(h, r, third[k].on_child ? child : parent, third[k].agency,
                      third[k].role);
            break;
        }
    }
}

/* ダブルケア: a parent raising small children while caring for an elderly
 * parent; linked to 2-3 agencies. */
static void demo_build_double(demo_house *h, demo_rng *r)
{
    static const struct { int agency; const char *role; } kid_links[] = {
        { DEMO_AG_KODOMO, "子育て相談" },
        { DEMO_AG_HOKUBU, "子育て支援拠点の利用" },
        { DEMO_AG_NANBU, "子育て支援拠点の利用" },
        { DEMO_AG_KITANAKANE, "子育て支援拠点の利用" },
        { DEMO_AG_HEALTH, "乳幼児健診フォロー" },
    };
    demo_house_begin(h, r, NULL);
    int carer_age = demo_between(r, DEMO_DOUBLE_CARER_MIN_AGE, DEMO_DOUBLE_CARER_MAX_AGE);
    bool single = demo_chance(r, DEMO_PCT_DOUBLE_SINGLE_MOTHER);
    demo_member *carer, *husband = NULL, *elder;
    const char *carer_label, *elder_label;
    if (single) {
        carer = demo_add(h, r, "世帯主", NULL, true, carer_age);
        carer_label = "母";
    } else {
        husband = demo_add(h, r, "世帯主", NULL, false, demo_spouse_age(r, carer_age, false));
        carer = demo_add(h, r, "妻", NULL, true, carer_age);
        carer_label = "妻";
    }
    int kids = demo_between(r, 1, DEMO_KIDS_MAX);
    demo_add_children(h, r, carer, kids, DEMO_DOUBLE_KID_MAX_AGE, "子");
    demo_member *youngest = demo_youngest(h, "子");
    if (youngest && demo_age(youngest) > DEMO_YOUNG_CHILD_MAX_AGE) {
        /* Make sure there is a child who still needs constant care. */
        youngest->year = DEMO_REF_YEAR - demo_between(r, 1, DEMO_YOUNG_CHILD_MAX_AGE);
        demo_set_birth(youngest);
    }
    bool elder_female = demo_chance(r, DEMO_PCT_ELDER_FEMALE);
    bool his = !single && demo_chance(r, DEMO_PCT_DOUBLE_HIS_PARENT);
    /* The elder was 24-38 when their own child (husband or wife) was born. */
    int elder_age = demo_clamp(demo_age(his ? husband : carer) +
                                   demo_between(r, DEMO_PARENT_GAP_MIN + 2, DEMO_PARENT_GAP_MAX),
                               DEMO_DOUBLE_ELDER_MIN_AGE, DEMO_DOUBLE_ELDER_MAX_AGE);
    if (single) {
        elder = demo_add(h, r, elder_female ? "母" : "父", NULL, elder_female, elder_age);
        elder_label = elder_female ? "実母" : "実父";
    } else if (his) {
        elder = demo_add(h, r, elder_female ? "母" : "父", NULL, elder_female, elder_age);
        elder_label = elder_female ? "夫の母" : "夫の父";
    } else {
        /* The wife's mother keeps her own surname. */
        demo_surname own = demo_draw_surname(r);
        elder = demo_add(h, r, "その他の親族", &own, true, elder_age);
        elder_label = "実母";
    }
    demo_copy(elder->note, sizeof elder->note, DEMO_PICK(r, demo_notes_care));
    snprintf(h->note, sizeof h->note,
             "%sが%d人の子の育児と%s（%d歳）の介護を同時に担っている（ダブルケア）。",
             carer_label, kids, elder_label, demo_age(elder));

    if (husband)
        demo_about(h, carer, DEMO_TH_DOUBLE, husband, "夫");
    else
        demo_about(h, carer, DEMO_TH_DOUBLE, elder, elder_female ? "母" : "父");
    demo_link(h, r, elder, DEMO_AG_HOUKATSU, "担当ケアマネジャー");
    int k = demo_below(r, DEMO_COUNT(kid_links));
    demo_link(h, r, kid_links[k].agency == DEMO_AG_HEALTH ? youngest : carer,
              kid_links[k].agency, kid_links[k].role);
    if (demo_chance(r, DEMO_PCT_DOUBLE_WINDOW))
        demo_link(h, r, carer, DEMO_AG_WINDOW, "ダブルケア相談");
}

/* ヤングケアラー: a child who looks after a sick parent, younger siblings
 * or a grandmother. */
static void demo_build_young_carer(demo_house *h, demo_rng *r)
{
    static const struct { int agency; const char *role; } parent_links[] = {
        { DEMO_AG_WAPPARU, "計画相談" },
        { DEMO_AG_YUMEJIROU, "計画相談" },
        { DEMO_AG_KIKAN, "基本相談" },
        { DEMO_AG_HOKENJO, "精神保健福祉相談" },
    };
    demo_house_begin(h, r, NULL);
    int parent_age = demo_between(r, DEMO_CARER_PARENT_MIN_AGE, DEMO_CARER_PARENT_MAX_AGE);
    bool mother = demo_chance(r, DEMO_PCT_CARER_PARENT_MOTHER);
    bool single = demo_chance(r, DEMO_PCT_CARER_SINGLE);
    bool for_grandmother = demo_chance(r, DEMO_PCT_CARER_FOR_GRANDMOTHER);
    demo_member *parent;
    if (single || !mother) {
        parent = demo_add(h, r, "世帯主", NULL, mother, parent_age);
        if (!single)
            demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, parent_age, true));
    } else {
        demo_add(h, r, "世帯主", NULL, false, demo_spouse_age(r, parent_age, false));
        parent = demo_add(h, r, "妻", NULL, true, parent_age);
    }
    int carer_age = demo_clamp(parent_age - demo_between(r, DEMO_PARENT_GAP_MIN,
                                                         DEMO_PARENT_GAP_MAX),
                               DEMO_CARER_MIN_AGE, DEMO_CARER_MAX_AGE);
    demo_member *carer = demo_add(h, r, "子", NULL, demo_chance(r, DEMO_PERCENT / 2), carer_age);
    int siblings = demo_between(r, 0, DEMO_CARER_SIBLINGS_MAX);
    for (int i = 0; i < siblings; i++)
        demo_add(h, r, "子", NULL, demo_chance(r, DEMO_PERCENT / 2),
                 demo_between(r, DEMO_CARER_SIBLING_MIN_AGE, carer_age - 1));

    char school[DEMO_SHORT_MAX];
    demo_school_label(carer, school, sizeof school);
    const char *child_label = carer->female ? "長女" : "長男";
    demo_member *cared = parent;
    if (for_grandmother) {
        /* The head's own mother, who needs care while both parents work. */
        cared = demo_add(h, r, "母", NULL, true,
                         demo_between(r, DEMO_GRANDMOTHER_MIN_AGE, DEMO_GRANDMOTHER_MAX_AGE));
    }
    if (cared && cared != parent) {
        demo_copy(cared->note, sizeof cared->note, DEMO_PICK(r, demo_notes_care));
        snprintf(carer->note, sizeof carer->note,
                 "%s。放課後は祖母の見守りと食事の世話をしている。部活動を辞めた。", school);
        snprintf(h->note, sizeof h->note,
                 "祖母（%d歳）の介護を%s（%s）が主に担っている（ヤングケアラー）。%s",
                 demo_age(cared), child_label, school,
                 single ? "親は仕事で帰宅が遅い。" : "両親は共働きで帰宅が遅い。");
        demo_link(h, r, cared, DEMO_AG_HOUKATSU, "担当ケアマネジャー");
    } else {
        demo_copy(parent->note, sizeof parent->note, DEMO_PICK(r, demo_notes_carer_parent));
        snprintf(carer->note, sizeof carer->note,
                 "%s。家事と%sの世話を担い、遅刻・欠席が増えている。", school,
                 siblings > 0 ? "きょうだい" : (mother ? "母" : "父"));
        snprintf(h->note, sizeof h->note,
                 "%s%sの療養のため、%s（%s）が家事や家族の世話を担っている"
                 "（ヤングケアラー）。",
                 single ? "ひとり親世帯。" : "", mother ? "母" : "父", child_label, school);
        int k = demo_below(r, DEMO_COUNT(parent_links));
        demo_link(h, r, parent, parent_links[k].agency, parent_links[k].role);
    }
    demo_about(h, carer, DEMO_TH_YOUNG_CARER, parent, mother ? "母" : "父");
    demo_link(h, r, carer, DEMO_AG_SCHOOL, "スクールソーシャルワーカー");
    if (demo_chance(r, DEMO_PCT_CARER_KODOMO))
        demo_link(h, r, carer, DEMO_AG_KODOMO, "ヤングケアラー支援");
}

/* An older person living alone. */
static void demo_build_single_elder(demo_house *h, demo_rng *r)
{
    static const char *const roles[] = { "総合相談", "介護予防ケアマネジメント" };
    demo_house_begin(h, r, NULL);
    demo_member *p = demo_add(h, r, "世帯主", NULL, demo_chance(r, DEMO_PCT_ELDER_FEMALE),
                              demo_between(r, DEMO_ELDER_MIN_AGE, DEMO_ELDER_MAX_AGE));
    demo_copy(h->note, sizeof h->note, DEMO_PICK(r, demo_notes_single_elder));
    demo_about(h, p, DEMO_TH_ELDER_ALONE, NULL, NULL);
    if (demo_chance(r, DEMO_PCT_ELDER_MINSEI))
        demo_link(h, r, p, DEMO_AG_MINSEI, "見守り");
    if (demo_chance(r, DEMO_PCT_ELDER_HOUKATSU))
        demo_link(h, r, p, DEMO_AG_HOUKATSU, DEMO_PICK(r, roles));
}

/* An older couple, now and then with one caring for the other. */
static void demo_build_elder_couple(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    int age = demo_between(r, DEMO_ELDER_MIN_AGE, DEMO_ELDER_MAX_AGE - DEMO_SPOUSE_GAP_MAX);
    demo_member *a, *b;
    if (demo_chance(r, DEMO_PCT_COUPLE_WIFE_HEAD)) {
        a = demo_add(h, r, "世帯主", NULL, true, age);
        b = demo_add(h, r, "夫", NULL, false, demo_spouse_age(r, age, false));
    } else {
        a = demo_add(h, r, "世帯主", NULL, false, age);
        b = demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, age, true));
    }
    if (demo_chance(r, DEMO_PCT_ELDER_CARE_NOTE)) {
        demo_member *cared = demo_chance(r, DEMO_PERCENT / 2) ? a : b;
        demo_copy(cared->note, sizeof cared->note, DEMO_PICK(r, demo_notes_care));
        demo_copy(h->note, sizeof h->note, "高齢夫婦世帯。配偶者が介護している（老老介護）。");
        demo_member *carer = cared == a ? b : a;
        demo_about(h, carer, DEMO_TH_CARE, cared, cared->female ? "妻" : "夫");
        demo_link(h, r, cared, DEMO_AG_HOUKATSU, "担当ケアマネジャー");
    }
}

/* A parent bringing up children alone. */
static void demo_build_single_parent(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    demo_member *p = demo_add(h, r, "世帯主", NULL,
                              demo_chance(r, DEMO_PCT_SINGLE_PARENT_MOTHER),
                              demo_between(r, DEMO_SINGLE_PARENT_MIN_AGE,
                                           DEMO_SINGLE_PARENT_MAX_AGE));
    demo_add_children(h, r, p, demo_between(r, 1, DEMO_KIDS_MAX), DEMO_CHILD_MAX_AGE, "子");
    demo_copy(h->note, sizeof h->note, DEMO_PICK(r, demo_notes_single_parent));
    demo_about(h, p, DEMO_TH_SINGLE_PARENT, NULL, NULL);
    if (demo_chance(r, DEMO_PCT_SINGLE_PARENT_KODOMO))
        demo_link(h, r, p, DEMO_AG_KODOMO, "ひとり親相談");
    if (demo_chance(r, DEMO_PCT_SINGLE_PARENT_BUDGET))
        demo_link(h, r, p, DEMO_AG_WELFARE, "家計改善支援");
}

/* A couple and their children. */
static void demo_build_nuclear(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    int age = demo_between(r, DEMO_FAMILY_MIN_AGE, DEMO_FAMILY_MAX_AGE);
    demo_add(h, r, "世帯主", NULL, false, age);
    demo_member *wife = demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, age, true));
    demo_add_children(h, r, wife, demo_between(r, 1, DEMO_KIDS_MAX),
                      DEMO_FAMILY_KID_MAX_AGE, "子");
    demo_member *youngest = demo_youngest(h, "子");
    if (youngest && demo_age(youngest) <= DEMO_TODDLER_MAX_AGE &&
        demo_chance(r, DEMO_PCT_FAMILY_HEALTH)) {
        demo_about(h, wife, DEMO_TH_CHILD, NULL, NULL);
        demo_link(h, r, youngest, DEMO_AG_HEALTH, "乳幼児健診フォロー");
    } else if (youngest && demo_age(youngest) > DEMO_SCHOOL_START_AGE &&
               demo_age(youngest) <= DEMO_CHILD_MAX_AGE &&
               demo_chance(r, DEMO_PCT_FAMILY_SCHOOL)) {
        demo_copy(youngest->note, sizeof youngest->note, "不登校気味。");
        demo_about(h, youngest, DEMO_TH_SCHOOL, wife, "母");
        demo_link(h, r, youngest, DEMO_AG_SCHOOL, "スクールソーシャルワーカー");
    }
}

/* Grandparents, their child's family and grandchildren under one roof. */
static void demo_build_three_gen(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    int gp_age = demo_between(r, DEMO_GRANDPARENT_MIN_AGE, DEMO_GRANDPARENT_MAX_AGE);
    int son_age = gp_age - demo_between(r, DEMO_PARENT_GAP_MIN + 2, DEMO_PARENT_GAP_MAX);
    bool old_head = demo_chance(r, DEMO_PCT_THREE_GEN_OLD_HEAD);
    bool both = demo_chance(r, DEMO_PCT_BOTH_GRANDPARENTS);
    demo_member *wife;
    if (old_head) {
        demo_add(h, r, "世帯主", NULL, false, gp_age);
        if (both)
            demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, gp_age, true));
        demo_add(h, r, "子", NULL, false, son_age);
        wife = demo_add(h, r, "子の配偶者", NULL, true, demo_spouse_age(r, son_age, true));
        demo_add_children(h, r, wife, demo_between(r, 1, DEMO_KIDS_MAX),
                          DEMO_FAMILY_KID_MAX_AGE, "孫");
    } else {
        demo_add(h, r, "世帯主", NULL, false, son_age);
        wife = demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, son_age, true));
        demo_add_children(h, r, wife, demo_between(r, 1, DEMO_KIDS_MAX),
                          DEMO_FAMILY_KID_MAX_AGE, "子");
        if (both)
            demo_add(h, r, "父", NULL, false, gp_age);
        demo_add(h, r, "母", NULL, true, demo_spouse_age(r, gp_age, true));
    }
}

/* A working-age adult living alone. */
static void demo_build_single_adult(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    demo_member *p = demo_add(h, r, "世帯主", NULL, demo_chance(r, DEMO_PERCENT / 2),
                              demo_between(r, DEMO_ADULT_MIN_AGE, DEMO_ADULT_MAX_AGE));
    if (demo_chance(r, DEMO_PCT_ADULT_LINK)) {
        if (demo_chance(r, DEMO_PERCENT / 2)) {
            demo_copy(p->note, sizeof p->note, "派遣契約の終了で収入が途絶えた。");
            demo_about(h, p, DEMO_TH_WORK, NULL, NULL);
            demo_link(h, r, p, DEMO_AG_WELFARE, "就労準備支援");
        } else {
            demo_copy(p->note, sizeof p->note, "療育手帳B。金銭管理に支援が必要。");
            demo_about(h, p, DEMO_TH_MONEY, NULL, NULL);
            demo_link(h, r, p, DEMO_AG_SHAKYO_SERVICE, "日常生活自立支援事業");
        }
    }
}

/* A couple without children at home. */
static void demo_build_couple(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    int age = demo_between(r, DEMO_COUPLE_MIN_AGE, DEMO_COUPLE_MAX_AGE);
    if (demo_chance(r, DEMO_PCT_COUPLE_WIFE_HEAD)) {
        demo_add(h, r, "世帯主", NULL, true, age);
        demo_add(h, r, "夫", NULL, false, demo_spouse_age(r, age, false));
    } else {
        demo_add(h, r, "世帯主", NULL, false, age);
        demo_add(h, r, "妻", NULL, true, demo_spouse_age(r, age, true));
    }
}

/* Two older siblings living together. */
static void demo_build_siblings(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    int age = demo_between(r, DEMO_SIBLING_MIN_AGE, DEMO_SIBLING_MAX_AGE);
    demo_add(h, r, "世帯主", NULL, demo_chance(r, DEMO_PERCENT / 2), age);
    demo_add(h, r, "兄弟姉妹", NULL, demo_chance(r, DEMO_PERCENT / 2),
             age + demo_between(r, -DEMO_SIBLING_GAP_MAX, DEMO_SIBLING_GAP_MAX));
}

/* A young adult who has taken in a very old grandparent. */
static void demo_build_grand(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    demo_member *head = demo_add(h, r, "世帯主", NULL, demo_chance(r, DEMO_PERCENT / 2),
                                 demo_between(r, DEMO_GRANDCHILD_MIN_AGE,
                                              DEMO_GRANDCHILD_MAX_AGE));
    bool female = demo_chance(r, DEMO_PCT_ELDER_FEMALE);
    demo_member *g = demo_add(h, r, female ? "祖母" : "祖父", NULL, female,
                              demo_between(r, DEMO_OLDEST_MIN_AGE, DEMO_OLDEST_MAX_AGE));
    if (demo_chance(r, DEMO_PCT_GRAND_HOUKATSU)) {
        demo_about(h, head, DEMO_TH_CARE, g, female ? "祖母" : "祖父");
        demo_copy(g->note, sizeof g->note, DEMO_PICK(r, demo_notes_care));
        demo_link(h, r, g, DEMO_AG_HOUKATSU, "担当ケアマネジャー");
    }
}

/* Someone sharing a home with an unrelated lodger. */
static void demo_build_lodger(demo_house *h, demo_rng *r)
{
    demo_house_begin(h, r, NULL);
    demo_add(h, r, "世帯主", NULL, demo_chance(r, DEMO_PERCENT / 2),
             demo_between(r, DEMO_LODGER_MIN_AGE, DEMO_LODGER_MAX_AGE));
    demo_surname own = demo_draw_surname(r);
    bool other = demo_chance(r, DEMO_PCT_LODGER_OTHER);
    demo_member *p = demo_add(h, r, other ? "その他" : "同居人", &own,
                              demo_chance(r, DEMO_PERCENT / 2),
                              demo_between(r, DEMO_LODGER_MIN_AGE, DEMO_LODGER_MAX_AGE));
    if (p && demo_chance(r, DEMO_PCT_LODGER_BIRTH_UNKNOWN)) {
        p->birth[0] = '\0';   /* never told the counter */
        demo_copy(p->note, sizeof p->note, "生年月日未確認。");
    }
}

typedef struct demo_kind {
    demo_build_fn build;
    int weight;     /* share among the drawn households */
    int required;   /* at least this many in every drawn town */
} demo_kind;

static const demo_kind demo_kinds[] = {
    { demo_build_8050, 4, 4 },
    { demo_build_double, 3, 4 },
    { demo_build_young_carer, 2, 2 },
    { demo_build_single_elder, 16, 4 },
    { demo_build_single_parent, 7, 3 },
    { demo_build_elder_couple, 14, 0 },
    { demo_build_nuclear, 18, 0 },
    { demo_build_three_gen, 8, 0 },
    { demo_build_single_adult, 10, 0 },
    { demo_build_couple, 10, 0 },
    { demo_build_siblings, 2, 0 },
    { demo_build_grand, 3, 0 },
    { demo_build_lodger, 2, 0 },
};

#define DEMO_N_KINDS DEMO_COUNT(demo_kinds)

/* Copy fixed household number i into a plan. */
static void demo_fixed_plan(demo_house *h, int i)
{
    const int64_t *ids = h->agency_ids;
    memset(h, 0, sizeof *h);
    h->agency_ids = ids;
    h->subject = h->kin = -1;
    demo_copy(h->name, sizeof h->name, demo_fixed_houses[i].name);
    demo_copy(h->address, sizeof h->address, demo_fixed_houses[i].address);
    demo_copy(h->note, sizeof h->note, demo_fixed_houses[i].note);
    for (int k = 0; k < DEMO_COUNT(demo_fixed_members) && h->n < DEMO_MAX_MEMBERS; k++) {
        const demo_fixed_member *f = &demo_fixed_members[k];
        if (f->house != i)
            continue;
        demo_member *p = &h->m[h->n++];
        p->relation = f->relation;
        p->sex = f->sex;
        demo_copy(p->name, sizeof p->name, f->name);
        demo_copy(p->kana, sizeof p->kana, f->kana);
        demo_copy(p->birth, sizeof p->birth, f->birth);
        demo_copy(p->phone, sizeof p->phone, f->phone);
        demo_copy(p->note, sizeof p->note, f->note);
    }
    for (int k = 0; k < DEMO_COUNT(demo_fixed_links) && h->nl < DEMO_MAX_LINKS; k++) {
        const demo_fixed_link *f = &demo_fixed_links[k];
        if (f->house != i || f->member >= h->n)
            continue;
        demo_link_plan *l = &h->l[h->nl++];
        l->member = f->member;
        l->agency = f->agency;
        l->role = f->role;
        l->contact = demo_agencies[f->agency].contacts[f->contact];
        demo_copy(l->since, sizeof l->since, f->since);
    }
}

/* ---- who consultations are about ----------------------------------------- */

/* A person the demo's consultations are about, noted while the town is
 * written (the ids are known only then). */
typedef struct demo_subject {
    int64_t person_id;
    demo_theme theme;
    bool strong;        /* an agency supports them already: they have come */
    bool elder;         /* 70 or over: writes no mail and no LINE */
    char kin_name[DEMO_NAME_MAX];
    const char *kin_relation;   /* what the kin is to the person */
} demo_subject;

/* Room for every person of a town of DEMO_TARGET_PERSONS and then some. */
#define DEMO_MAX_PEOPLE 1024
#define DEMO_N_FIXED_HOUSES 15
_Static_assert(sizeof demo_fixed_houses / sizeof demo_fixed_houses[0] == DEMO_N_FIXED_HOUSES,
               "one row of ids per fixed household");
#define DEMO_PERCENT_RESIDENT 55   /* of other adults, who came once or twice */
#define DEMO_AGE_RESIDENT_MIN 18
#define DEMO_AGE_WORKING_MAX 64

typedef struct demo_people {
    demo_subject subjects[DEMO_MAX_PEOPLE];   /* themed by their household */
    int n_subjects;
    demo_subject residents[DEMO_MAX_PEOPLE];  /* other adults of drawn houses */
    int n_residents;
    int64_t fixed[DEMO_N_FIXED_HOUSES][DEMO_MAX_MEMBERS];   /* ids of fixed members */
} demo_people;

/* Members of the fixed households whose consultations are drawn like the
 * others' (林　健一 and 林　トミ子 have fixed ones, demo_scripts). */
static const struct {
    int house, member;
    demo_theme theme;
    int kin;   /* member index, -1 for none */
    const char *kin_relation;
} demo_fixed_subjects[] = {
    { 0, 2, DEMO_TH_WORK, 0, "父" },             /* 山田　翔太 */
    { 2, 1, DEMO_TH_DOUBLE, 0, "夫" },           /* 小林　美穂 */
    { 3, 0, DEMO_TH_ELDER_ALONE, -1, NULL },     /* 髙橋　一郎 */
    { 4, 0, DEMO_TH_CARE, 1, "妻" },             /* 山﨑　和夫 */
    { 5, 1, DEMO_TH_YOUNG_CARER, 0, "母" },      /* 渡邊　大翔 */
    { 6, 0, DEMO_TH_ISOLATION, -1, NULL },       /* 𠮷田　勝 */
    { 7, 0, DEMO_TH_FOREIGN, -1, NULL },         /* ハーバー　エミリー */
    { 10, 0, DEMO_TH_ELDER_ALONE, -1, NULL },    /* 鈴木　花子 (1940) */
};

/* Fill a subject from a member of a written household. */
static void demo_subject_of(demo_subject *s, const demo_house *h, int member,
                            demo_theme theme, int kin, const char *kin_relation)
{
    memset(s, 0, sizeof *s);
    s->person_id = h->pid[member];
    s->theme = theme;
    s->strong = h->nl > 0;
    s->elder = demo_age(&h->m[member]) >= DEMO_AGE_ELDER;
    if (kin >= 0) {
        demo_copy(s->kin_name, sizeof s->kin_name, h->m[kin].name);
        s->kin_relation = kin_relation;
    }
}

/* The theme of a resident's one-off consultation, by age and sex. */
static demo_theme demo_resident_theme(demo_rng *r, const demo_member *m)
{
    static const demo_theme working[] = {
        DEMO_TH_WORK, DEMO_TH_WORK, DEMO_TH_MONEY, DEMO_TH_MONEY, DEMO_TH_HOUSING,
        DEMO_TH_FOOD, DEMO_TH_ISOLATION,
    };
    static const demo_theme older[] = {
        DEMO_TH_HOUSING, DEMO_TH_ISOLATION, DEMO_TH_ISOLATION, DEMO_TH_MONEY,
        DEMO_TH_FOOD, DEMO_TH_CARE,
    };
    int age = demo_age(m);
    if (age <= DEMO_AGE_WORKING_MAX && m->female && demo_chance(r, 6))
        return DEMO_TH_DV;
    return age <= DEMO_AGE_WORKING_MAX ? working[demo_below(r, DEMO_COUNT(working))]
                                       : older[demo_below(r, DEMO_COUNT(older))];
}

/* Note whom a written household's consultations are about.  fixed is the
 * index of a fixed household, or -1 for a drawn one.  Draws from the
 * consultation generator only, never from the town's. */
static void demo_note_people(demo_people *pp, const demo_house *h, int fixed, demo_rng *cr)
{
    if (pp == NULL)
        return;
    if (fixed >= 0) {
        for (int i = 0; i < h->n && fixed < DEMO_N_FIXED_HOUSES; i++)
            pp->fixed[fixed][i] = h->pid[i];
        for (int k = 0; k < DEMO_COUNT(demo_fixed_subjects); k++) {
            if (demo_fixed_subjects[k].house != fixed || pp->n_subjects >= DEMO_MAX_PEOPLE)
                continue;
            demo_subject *s = &pp->subjects[pp->n_subjects++];
            demo_subject_of(s, h, demo_fixed_subjects[k].member, demo_fixed_subjects[k].theme,
                            demo_fixed_subjects[k].kin, demo_fixed_subjects[k].kin_relation);
            s->strong = true;
        }
        return;
    }
    if (h->subject >= 0 && pp->n_subjects < DEMO_MAX_PEOPLE)
        demo_subject_of(&pp->subjects[pp->n_subjects++], h, h->subject, h->theme,
                        h->kin, h->kin_relation);
    for (int i = 0; i < h->n; i++) {
        if (i == h->subject || demo_age(&h->m[i]) < DEMO_AGE_RESIDENT_MIN ||
            pp->n_residents >= DEMO_MAX_PEOPLE || !demo_chance(cr, DEMO_PERCENT_RESIDENT))
            continue;
        demo_subject_of(&pp->residents[pp->n_residents++], h, i,
                        demo_resident_theme(cr, &h->m[i]), -1, NULL);
    }
}

/* ---- writing ------------------------------------------------------------ */

/* The db rows only read the strings they are given, so the plan's const
 * data is lent to them through these casts. */
#define DEMO_LEND(s) ((char *)(s))

/* Insert every agency of the plan (one transaction); arg holds their ids. */
static db_status demo_write_agencies(db *d, void *arg)
{
    int64_t *ids = arg;
    for (int i = 0; i < DEMO_N_AGENCIES; i++) {
        const demo_agency_def *def = &demo_agencies[i];
        db_agency a = {
            .name = DEMO_LEND(def->name),
            .field = DEMO_LEND(def->field),
            .phone = DEMO_LEND(def->phone),
            .address = DEMO_LEND(def->address),
        };
        db_status s = db_agency_insert(d, &a, &ids[i]);
        if (s != DB_OK)
            return s;
    }
    return DB_OK;
}

/* The ids of the agencies and of the demo staff. */
typedef struct demo_ids {
    int64_t agencies[DEMO_N_AGENCIES];
    int64_t staff[DEMO_N_STAFF];
} demo_ids;

/* Insert the demo staff (one transaction); arg is the demo_ids to fill. */
static db_status demo_write_staff(db *d, void *arg)
{
    demo_ids *all = arg;
    const int64_t *ids = all->agencies;
    for (int i = 0; i < DEMO_COUNT(demo_staff); i++) {
        const demo_staff_def *def = &demo_staff[i];
        db_staff s = {
            .login = DEMO_LEND(def->login),
            .name = DEMO_LEND(def->name),
            .role = DEMO_LEND(def->role),
            .agency_id = def->agency >= 0 ? ids[def->agency] : 0,
            .active = true,
        };
        db_status st = db_staff_insert(d, &s, &all->staff[i]);
        if (st != DB_OK)
            return st;
    }
    return DB_OK;
}

/* Insert one household with its members and links (one transaction).
 * Counts are set afresh on every run, since db_write may retry. */
static db_status demo_write_house(db *d, void *arg)
{
    demo_house *h = arg;
    h->persons = h->links = 0;
    db_household row = {
        .name = h->name, .address = h->address, .note = h->note,
    };
    int64_t hid;
    db_status s = db_household_insert(d, &row, &hid);
    if (s != DB_OK)
        return s;
    int64_t *pid = h->pid;
    for (int i = 0; i < h->n; i++) {
        demo_member *m = &h->m[i];
        db_person p = {
            .household_id = hid,
            .relation = DEMO_LEND(m->relation),
            .name = m->name,
            .kana = m->kana,
            .birth = m->birth,
            .sex = DEMO_LEND(m->sex),
            .address = h->address,
            .phone = m->phone,
            .note = m->note,
        };
        if ((s = db_person_insert(d, &p, &pid[i])) != DB_OK)
            return s;
    }
    for (int i = 0; i < h->nl; i++) {
        demo_link_plan *l = &h->l[i];
        db_link row_l = {
            .person_id = pid[l->member],
            .agency_id = h->agency_ids[l->agency],
            .role = DEMO_LEND(l->role),
            .contact = DEMO_LEND(l->contact),
            .since = l->since,
        };
        int64_t lid;
        if ((s = db_link_insert(d, &row_l, &lid)) != DB_OK)
            return s;
    }
    h->persons = h->n;
    h->links = h->nl;
    return DB_OK;
}

/* Write a planned household, add it to the totals and note whom its
 * consultations will be about (fixed: see demo_note_people). */
static db_status demo_commit_house(db *d, demo_house *h, demo_stats *st,
                                   demo_people *pp, int fixed, demo_rng *cr)
{
    db_status s = db_write(d, demo_write_house, h);
    if (s == DB_OK) {
        st->households++;
        st->persons += h->persons;
        st->links += h->links;
        demo_note_people(pp, h, fixed, cr);
    }
    return s;
}
/* ---- consultations ------------------------------------------------------- */

/* The demo's consultations span 令和7年度 and 令和8年度 up to November. */
#define DEMO_CONSULT_FIRST_YEAR 2025
#define DEMO_CONSULT_FIRST_MONTH 4
#define DEMO_CONSULT_LAST_YEAR 2026
#define DEMO_CONSULT_LAST_MONTH 11
#define DEMO_CONSULT_LAST_DAY 20
/* Their generator is seeded apart from the town's, so that the town a
 * seed gives is the one it gave before consultations existed. */
#define DEMO_CONSULT_SALT 0x5A0D4Au
#define DEMO_MAX_CONSULTS 1024
#define DEMO_CONSULT_BATCH 40      /* consultations per transaction */
#define DEMO_LIST 6                /* longest list of a theme, NULL-ended */
#define DEMO_CONTENT_MAX 1536
#define DEMO_CONCERNS_MAX 320
#define DEMO_STAMP_MAX 60    /* room for five ints, as DEMO_DATE_MAX */
#define DEMO_N_ANONYMOUS 16

/* Contacts with one person: how many, in percent for 1, 2, 3 ... */
static const int demo_contact_counts[] = { 12, 22, 26, 22, 18 };
#define DEMO_GAP_MIN_DAYS 10
#define DEMO_GAP_MAX_DAYS 110
#define DEMO_NEXT_MIN_DAYS 7
#define DEMO_NEXT_MAX_DAYS 30
#define DEMO_PCT_WEAK_SECOND 35    /* a subject without support comes again */
#define DEMO_PCT_WEAK_COMES 75     /* ... or at all */
#define DEMO_PCT_REFERRER 55
#define DEMO_PCT_KIN 35
#define DEMO_PCT_KIN_FIRST 70      /* for those who do not come themselves */
#define DEMO_PCT_MINSEI 15
#define DEMO_PCT_HELPER 15
#define DEMO_PCT_THEME_STAFF 35
#define DEMO_PCT_NEXT_AFTER_REFERRAL 40

/* Office hours, in minutes after midnight, for the counter and visits. */
#define DEMO_OPEN_MIN (8 * 60 + 30)
#define DEMO_CLOSE_MIN (17 * 60)
#define DEMO_VISIT_OPEN_MIN (9 * 60 + 30)
#define DEMO_VISIT_CLOSE_MIN (16 * 60)
#define DEMO_MESSAGE_OPEN_MIN (7 * 60)
#define DEMO_MESSAGE_CLOSE_MIN (23 * 60)
#define DEMO_MINUTES_PER_HOUR 60
#define DEMO_SATURDAY 6
#define DEMO_SUNDAY 0


/* The national form's channels and dispositions (domain.h). */
static const char demo_ch_window[] = "窓口", demo_ch_phone[] = "電話",
                  demo_ch_visit[] = "訪問", demo_ch_mail[] = "メール",
                  demo_ch_line[] = "LINE", demo_ch_other[] = "その他";
static const char demo_di_closed[] = "窓口で対応・終了", demo_di_refer[] = "つなぎ",
                  demo_di_hub[] = "多機関協働へ", demo_di_outreach[] = "アウトリーチへ",
                  demo_di_participate[] = "参加支援へ", demo_di_continue[] = "継続相談";

/* The concerns of the intake form, in its order: the items of a
 * consultation are written in this order, as the form writes them. */
static const char *const demo_concern_order[] = {
    "健康・障害", "住まい", "収入", "家賃", "税・公共料金", "債務", "仕事探し",
    "職場", "地域", "家族", "子育て", "介護", "ひきこもり・不登校", "DV・虐待",
    "食べるものがない", "その他", "8050", "ダブルケア", "ヤングケアラー", "社会的孤立",
};

/* What the counter hears about each kind of case, and where it goes. */
typedef struct demo_theme_def {
    const char *primary[DEMO_LIST];    /* the most pressing concern: one of these */
    const char *others[DEMO_LIST];     /* ticked with it */
    const char *first[DEMO_LIST];      /* what the first contact was about */
    const char *later[DEMO_LIST];      /* how things stood later */
    const char *steps[DEMO_LIST];      /* dispositions after the first contact */
    const char *referrers[DEMO_LIST];  /* who sent them */
    int refer_to;                      /* where a つなぎ goes (demo_agency_key) */
    int pct_urgent, pct_high;
    int staff;                         /* who often takes these, or -1 */
    int helper;                        /* an agency whose worker may call, or -1 */
    const char *helper_label;
    bool minsei;                       /* the 民生委員 may call */
    bool via_kin;                      /* the person rarely comes first */
} demo_theme_def;

static const demo_theme_def demo_themes[DEMO_N_THEMES] = {
    [DEMO_TH_8050] = {
        { "8050", "ひきこもり・不登校" },
        { "介護", "収入", "社会的孤立", "健康・障害", "家族" },
        { "本人は長く就労しておらず、日中はほぼ自室で過ごしている。親は高齢で、"
          "自分が倒れた後の本人の生活を心配している。",
          "親の年金で暮らしているが、親の通院が増えて家計が苦しい。本人は家族以外と"
          "話すことを避けている。",
          "親が入院することになり、本人が一人で暮らせるか不安との相談。本人は電話に"
          "出ず、来所も難しい。",
          "近所付き合いはなく、本人の受診歴もはっきりしない。親は「どこに相談すれば"
          "よいか分からなかった」と話す。" },
        { "訪問時、本人は玄関先まで出てきて短く挨拶した。前回より表情が穏やか。",
          "本人と10分ほど話ができた。昼夜逆転は続いているが、食事はとれている。",
          "親の体調が悪化し、介護サービスの利用が始まった。本人も手続きを一部手伝った"
          "とのこと。",
          "本人から、短時間なら外で作業をしてみたいという話が出た。" },
        { demo_di_continue, demo_di_outreach, demo_di_hub, demo_di_participate,
          demo_di_refer },
        { "地域包括支援センター", "民生委員", "ケアマネジャー" },
        DEMO_AG_WELFARE, 3, 25, -1, DEMO_AG_HOUKATSU, "ケアマネジャー", true, true,
    },
    [DEMO_TH_DOUBLE] = {
        { "ダブルケア", "介護", "子育て" },
        { "健康・障害", "家族", "収入", "職場" },
        { "小さな子の育児と親の介護が重なり、睡眠が十分にとれていない。パートを辞めるか"
          "迷っている。",
          "親の認知症が進み、夜間に目が離せない。子の保育園の送迎と重なって負担が大きい。",
          "介護と育児で相談先が分かれていて、どこに何を話せばよいか分からないとの相談。" },
        { "ショートステイの利用が始まり、少し休めるようになったと話す。",
          "子の発熱が続き、介護サービスの調整が間に合わなかった。疲れがたまっている様子。",
          "家族と家事の分担を話し合ったとのこと。気持ちに少し余裕が出てきた。" },
        { demo_di_continue, demo_di_refer, demo_di_hub, demo_di_closed },
        { "子育て支援センター", "地域包括支援センター", "保健センター" },
        DEMO_AG_HOUKATSU, 2, 30, DEMO_ST_NIIMI, DEMO_AG_HOUKATSU, "ケアマネジャー", false, false,
    },
    [DEMO_TH_YOUNG_CARER] = {
        { "ヤングケアラー", "家族" },
        { "子育て", "健康・障害", "ひきこもり・不登校", "収入" },
        { "遅刻と欠席が増えている。家で親の看病ときょうだいの世話をしているらしい。",
          "本人が家事の大半を担っており、宿題をする時間がないと話す。親の通院にも付き添って"
          "いる。",
          "本人が疲れた様子で保健室で休むことが増えたとのこと。家の様子を聞くと、"
          "食事の支度を毎日しているという。" },
        { "家事支援のヘルパーが週2回入るようになり、本人の負担が少し減った。",
          "本人は部活動に戻りたいと話す。学校と連携して見守りを続ける。",
          "親の体調が不安定で、本人が学校を休む日がまた増えている。" },
        { demo_di_continue, demo_di_hub, demo_di_refer },
        { "学校", "スクールソーシャルワーカー", "こども家庭センター" },
        DEMO_AG_KODOMO, 3, 35, DEMO_ST_NIIMI, DEMO_AG_SCHOOL, "スクールソーシャルワーカー",
        false, true,
    },
    [DEMO_TH_ELDER_ALONE] = {
        { "介護", "社会的孤立", "健康・障害" },
        { "住まい", "地域", "食べるものがない", "収入" },
        { "一人暮らしで、最近物忘れが増えたと本人から相談。ごみ出しの日を間違えることが"
          "ある。",
          "新聞がたまっていることがあるとのこと。本人は「大丈夫」と話すが、室内が"
          "片付いていない。",
          "足腰が弱り買い物に行けない日がある。配食サービスについて知りたいとの相談。",
          "遠方の家族から、電話に出ないことが増えて心配との連絡があった。" },
        { "訪問時、本人は元気そうだった。デイサービスの見学に前向き。",
          "転倒して数日寝込んでいたとのこと。かかりつけ医の受診を勧めた。",
          "配食サービスの利用が始まり、安否確認もできている。" },
        { demo_di_continue, demo_di_refer, demo_di_closed, demo_di_outreach },
        { "民生委員", "地域包括支援センター", "家族" },
        DEMO_AG_HOUKATSU, 4, 20, DEMO_ST_SAKAKIBARA, DEMO_AG_HOUKATSU, "ケアマネジャー",
        true, false,
    },
    [DEMO_TH_CARE] = {
        { "介護", "健康・障害" },
        { "家族", "収入", "社会的孤立", "住まい" },
        { "家族の介護を一人で担っており、夜も眠れないと話す。本人にも持病がある。",
          "介護サービスの利用料の負担が重く、回数を減らそうか迷っている。",
          "介護している家族が入院し、今後の生活をどうするか相談したい。" },
        { "ショートステイを利用し、その間に本人も通院できた。",
          "ケアマネジャーとサービスを見直し、訪問介護の回数を増やした。",
          "介護の負担は続いているが、家族会に参加して気持ちが楽になったと話す。" },
        { demo_di_continue, demo_di_refer, demo_di_closed },
        { "ケアマネジャー", "地域包括支援センター", "民生委員" },
        DEMO_AG_HOUKATSU, 3, 25, DEMO_ST_SAKAKIBARA, DEMO_AG_HOUKATSU, "ケアマネジャー",
        true, false,
    },
    [DEMO_TH_SINGLE_PARENT] = {
        { "子育て", "収入" },
        { "家賃", "税・公共料金", "職場", "健康・障害", "食べるものがない" },
        { "ひとり親で、パート収入だけでは家賃と学用品の支払いが苦しい。児童扶養手当の"
          "手続きについて相談。",
          "子の病気で仕事を休みがちになり、勤務先から契約を更新しないと言われた。",
          "水道料金の滞納の通知が届き、どうしたらよいか分からないとの相談。" },
        { "手当の支給が始まり、家計の見通しが立ってきた。",
          "新しい勤務先が見つかった。子の放課後の居場所について相談したい。",
          "家計改善支援で支出を一緒に整理した。滞納分は分割で支払う予定。" },
        { demo_di_continue, demo_di_refer, demo_di_closed, demo_di_participate },
        { "こども家庭センター", "学校" },
        DEMO_AG_WELFARE, 2, 20, DEMO_ST_NIIMI, -1, NULL, false, false,
    },
    [DEMO_TH_CHILD] = {
        { "子育て" },
        { "健康・障害", "家族", "社会的孤立" },
        { "乳幼児健診で発達の遅れを指摘され、不安に思っている。相談できる人が近くに"
          "いない。",
          "夜泣きが続いて眠れず、子育てがつらいと話す。親族は遠方。",
          "子の言葉の遅れが気になる。療育の制度について知りたい。" },
        { "子育て支援センターの利用を始め、顔見知りができたと話す。",
          "発達相談を受け、次回の面談の予定が決まった。" },
        { demo_di_continue, demo_di_refer, demo_di_closed },
        { "保健センター", "子育て支援センター" },
        DEMO_AG_KODOMO, 1, 15, DEMO_ST_NIIMI, DEMO_AG_HEALTH, "保健師", false, false,
    },
    [DEMO_TH_SCHOOL] = {
        { "ひきこもり・不登校" },
        { "子育て", "家族", "健康・障害" },
        { "二学期から登校できていない。朝になると腹痛を訴える。親は仕事を休めず困って"
          "いる。",
          "欠席が30日を超えたと学校から連絡があった。本人は家でゲームをして過ごしている。",
          "友人関係のトラブルの後、部屋から出てこない日が増えたとのこと。" },
        { "適応指導教室の見学に本人が同行した。週1回から通ってみる。",
          "スクールソーシャルワーカーと家庭訪問。本人と少し話ができた。",
          "登校は週2日程度。放課後の居場所の利用を勧めた。" },
        { demo_di_continue, demo_di_refer, demo_di_participate },
        { "学校", "スクールソーシャルワーカー" },
        DEMO_AG_SCHOOL, 1, 20, DEMO_ST_NIIMI, DEMO_AG_SCHOOL, "スクールソーシャルワーカー",
        false, true,
    },
    [DEMO_TH_WORK] = {
        { "仕事探し", "収入" },
        { "家賃", "税・公共料金", "職場", "健康・障害", "債務" },
        { "派遣契約が終了し、次の仕事が見つからない。貯金が残りわずか。",
          "体調を崩して退職し、半年ほど無職。ハローワークに行く気力が出ないと話す。",
          "勤務時間が減らされ収入が半分になった。家賃の支払いが心配。" },
        { "就労準備支援の面談を受けた。生活リズムを整えるところから始める。",
          "就労体験に週2回通っている。作業が丁寧だと評価されている。",
          "住居確保給付金の申請が通り、求職活動を続けている。" },
        { demo_di_continue, demo_di_participate, demo_di_refer, demo_di_closed },
        { "ハローワーク", "社会福祉協議会" },
        DEMO_AG_WELFARE, 2, 20, -1, -1, NULL, false, false,
    },
    [DEMO_TH_MONEY] = {
        { "債務", "収入" },
        { "税・公共料金", "家賃", "健康・障害", "食べるものがない" },
        { "カードローンの返済が重なり、生活費が足りない。督促の電話が怖いと話す。",
          "金銭管理が苦手で、給料日前にお金がなくなる。公共料金の滞納がある。",
          "税金の滞納で督促状が届いた。分納の相談をしたい。" },
        { "法テラスの相談に同行し、債務整理の方針が決まった。",
          "日常生活自立支援事業の契約が済み、通帳の管理を社協が支援している。",
          "家計表をつけ始めた。今月は滞納せずに支払えた。" },
        { demo_di_continue, demo_di_refer, demo_di_closed },
        { "社会福祉協議会", "民生委員" },
        DEMO_AG_SHAKYO, 2, 25, -1, -1, NULL, true, false,
    },
    [DEMO_TH_ISOLATION] = {
        { "社会的孤立", "地域" },
        { "健康・障害", "介護", "食べるものがない", "住まい" },
        { "一人暮らしで近所との交流がなく、最近姿を見ないとのこと。",
          "耳が遠く電話に出ないため、訪問して安否を確認した。室内に食べ物が少ない。",
          "ごみがたまって臭いがすると近所から苦情があった。本人は支援を望んでいない。" },
        { "民生委員と一緒に訪問。玄関で短く話ができた。",
          "サロンの案内を渡したところ、一度行ってみると話した。",
          "見守りを続けているが、本人は「人の世話にはなりたくない」と話す。" },
        { demo_di_outreach, demo_di_continue, demo_di_participate, demo_di_refer },
        { "民生委員", "近隣住民" },
        DEMO_AG_HOUKATSU, 5, 25, -1, -1, NULL, true, false,
    },
    [DEMO_TH_FOREIGN] = {
        { "子育て", "その他" },
        { "職場", "収入", "社会的孤立", "健康・障害" },
        { "日本語の書類が読めず、保育園の手続きが進まない。やさしい日本語で説明した。",
          "子の学校からの連絡が分からないことが多い。通訳の支援について相談。" },
        { "国際交流協会の日本語教室に通い始めた。",
          "手続きは完了。次は子の予防接種の案内を一緒に確認する。" },
        { demo_di_continue, demo_di_refer, demo_di_closed },
        { "保育園", "子育て支援センター" },
        DEMO_AG_KODOMO, 1, 15, DEMO_ST_NIIMI, -1, NULL, false, false,
    },
    [DEMO_TH_HOUSING] = {
        { "住まい", "家賃" },
        { "収入", "債務", "健康・障害", "介護" },
        { "アパートの取り壊しで退去を求められている。高齢のため次の部屋が見つからない。",
          "家賃を3か月滞納し、大家から退去を求められている。",
          "自宅の老朽化が進み、冬の寒さがこたえる。住み替えの相談。" },
        { "居住支援法人と物件を見学した。保証会社の審査待ち。",
          "大家と話し合い、滞納分は分割で支払うことになった。" },
        { demo_di_continue, demo_di_refer, demo_di_closed },
        { "不動産業者", "民生委員" },
        DEMO_AG_WELFARE, 5, 30, -1, -1, NULL, true, false,
    },
    [DEMO_TH_FOOD] = {
        { "食べるものがない", "収入" },
        { "債務", "健康・障害", "社会的孤立" },
        { "給料日まで1週間あるが、食べるものがないと来所。フードバンクの食料を手渡した。",
          "電気が止められ、食事もとれていないとのこと。" },
        { "生活保護の申請に同行した。",
          "家計を見直し、食費を確保できるようになった。" },
        { demo_di_refer, demo_di_continue, demo_di_closed },
        { "社会福祉協議会" },
        DEMO_AG_CHITA, 15, 40, -1, -1, NULL, false, false,
    },
    [DEMO_TH_DV] = {
        { "DV・虐待" },
        { "家族", "住まい", "子育て", "健康・障害" },
        { "配偶者からの暴言が続き、家にいるのが怖いと話す。身体的な暴力もあったとのこと。",
          "別居中の配偶者から頻繁に連絡があり、子の学校にも来たと話す。" },
        { "配偶者暴力相談支援センターと連携し、安全な連絡方法を確認した。",
          "保護命令について説明した。本人は考えたいと話す。" },
        { demo_di_hub, demo_di_refer, demo_di_continue },
        { "警察", "病院" },
        DEMO_AG_CHITA, 40, 40, -1, -1, NULL, false, false,
    },
};

/* Calls and visits about someone not named: the concerns, what was said,
 * who called, and what was decided. */
static const struct {
    const char *concerns, *text, *relation, *disposition;
} demo_anonymous[] = {
    { "地域\n*社会的孤立", "近所の一人暮らしの高齢男性を1週間ほど見かけない。新聞がたまって"
      "いる。", "近隣住民", demo_di_outreach },
    { "*DV・虐待\n子育て", "隣の家から夜になると子どもの泣き声と大人の怒鳴り声が"
      "聞こえる。", "近隣住民", demo_di_refer },
    { "介護\nひきこもり・不登校\n*8050", "親戚の家で、高齢の母親と50代の息子が二人で"
      "暮らしている。息子は何年も外に出ていないらしい。", "親族", demo_di_outreach },
    { "収入\n*債務", "借金のことで相談したいが、名前は言いたくない。返済の方法を"
      "知りたい。", "本人（匿名）", demo_di_closed },
    { "*食べるものがない\n社会的孤立", "知人が最近食事をとれていないようだ。どこに相談すれば"
      "よいか知りたい。", "知人", demo_di_refer },
    { "子育て\n*ヤングケアラー", "子どもの同級生が、親の介護で学校を休みがちらしい。",
      "保護者", demo_di_continue },
    { "住まい\n*社会的孤立", "アパートの隣の部屋から異臭がする。住人は高齢の女性。",
      "近隣住民", demo_di_outreach },
    { "*健康・障害\n家族", "家族の様子がおかしいが、本人は受診を嫌がる。どうしたら"
      "よいか。", "家族（匿名）", demo_di_closed },
};

/* What one consultation will be written as. */
typedef struct demo_consult_plan {
    int64_t person_id;     /* 0: anonymous */
    int staff;             /* index into demo_staff */
    char at[DEMO_STAMP_MAX];
    const char *channel;
    char visitor[DEMO_NAME_MAX];
    const char *relation;
    const char *referrer;
    char concerns[DEMO_CONCERNS_MAX];
    char content[DEMO_CONTENT_MAX];
    const char *urgency;
    char next[DEMO_DATE_MAX];
    const char *disposition;
    int order;             /* the order planned, for contacts in one minute */
} demo_consult_plan;

typedef struct demo_consults {
    demo_consult_plan *p;
    int n;
    int days;                      /* days in the demo's span */
    const int64_t *staff_ids;
    int from, to, written;         /* the batch of a transaction */
} demo_consults;

/* The consultations of the fixed households that tests and demos rely on:
 * 林　健一 (8050) with five contacts over both 年度, two of them 新規, and
 * the last open (継続相談, next contact 2026-12-01); his mother's own
 * contact; a mail from 小林　美穂; an anonymous word at a salon.  Between
 * them every channel and every disposition occurs. */
static const struct {
    int house, member;   /* -1: anonymous */
    int staff;
    const char *at, *channel, *visitor, *relation, *referrer, *concerns;
    const char *urgency, *next, *disposition, *content;
} demo_scripts[] = {
    { 1, 1, DEMO_ST_SUGIURA, "2025-05-14T10:20", demo_ch_window, "林　トミ子", "母",
      "地域包括支援センター", "介護\nひきこもり・不登校\n*8050", "通常", "2025-05-28",
      demo_di_continue,
      "母（林　トミ子）が介護保険の更新手続きの後に来所。長男（本人、54歳）が30代で"
      "離職してから20年近く、ほぼ自室で過ごしているとのこと。母は膝が悪く、自分が動けなく"
      "なった後の本人の生活を心配している。本人は母以外とほとんど話さず、電話にも出ない。\n"
      "包括の担当ケアマネジャーと情報を共有し、まずは母から本人に窓口のことを伝えてもらう。"
      "5月28日に母へ電話で様子を確認する。" },
    { 1, 0, DEMO_ST_SUGIURA, "2025-05-14T10:05", demo_ch_window, "", "", "",
      "健康・障害\n*介護", "通常", "", demo_di_closed,
      "本人が要介護認定の更新手続きのため来所。手続きは高齢担当の窓口で完了した。膝の痛み"
      "で、外出は月1回の通院のみになっていると話す。息子のことで相談したいとのことで、"
      "続けて話を伺った（長男の記録を参照）。本人の件は窓口で対応を終了。" },
    { 1, 1, DEMO_ST_SATO, "2025-06-03T14:00", demo_ch_visit, "林　トミ子", "母", "",
      "ひきこもり・不登校\n*8050", "通常", "", demo_di_outreach,
      "母の了承を得て自宅を訪問。本人は自室から出てこなかったが、襖越しに挨拶すると小さく"
      "返事があった。母によると昼夜逆転の生活で、食事は母が部屋の前に置いている。\n"
      "本人と直接話せるまでには時間がかかる見込み。アウトリーチ等を通じた継続的支援の対象"
      "とし、月1回程度の訪問で関係づくりを続ける。" },
    { 1, 1, DEMO_ST_SATO, "2025-09-17T11:05", demo_ch_phone, "地区担当の民生委員", "民生委員",
      "民生委員", "健康・障害\n介護\n*8050\n社会的孤立", "高", "2025-09-19", demo_di_hub,
      "民生委員から電話。母が自宅で転倒し、本人が救急車を呼んだとのこと。母は入院となり、"
      "本人が一人で自宅にいる。本人は食事の支度や支払いを自分でしたことがほとんどなく、"
      "入院中の生活が心配。\n"
      "母の介護、本人の生活と就労、家計が重なっており、窓口だけでは対応が難しい。多機関"
      "協働事業へつなぎ、9月19日の支援会議で包括・福祉課と役割分担を検討する。" },
    { 1, 1, DEMO_ST_SATO, "2026-04-15T15:30", demo_ch_visit, "", "", "",
      "仕事探し\n地域\n*ひきこもり・不登校", "通常", "", demo_di_participate,
      "自宅を訪問し、本人と玄関先で20分ほど話した。母の退院後、本人がごみ出しと買い物を"
      "担うようになった。本人から「家の近くで、人が少ない時間なら何か手伝えるかも"
      "しれない」との話があった。\n"
      "参加支援事業につなぎ、社協のリサイクル作業（週1回・午前中）の見学を調整する。" },
    { 1, 1, DEMO_ST_SUGIURA, "2026-10-07T19:42", demo_ch_line, "", "", "",
      "*仕事探し\n8050", "通常", "2026-12-01", demo_di_continue,
      "本人からLINEで連絡。リサイクル作業には5月から週1回通えている。職員から週2回に"
      "増やしてみないかと声をかけられ、迷っているとのこと。体力に不安はあるが、やって"
      "みたい気持ちもあると話す。\n"
      "12月1日に面談し、作業の回数と母の介護の状況をあわせて確認する。継続相談とする。" },
    { 2, 1, DEMO_ST_NIIMI, "2025-08-20T22:14", demo_ch_mail, "", "", "",
      "子育て\n介護\n*ダブルケア", "高", "2025-08-27", demo_di_refer,
      "本人からメールで相談。義母の認知症が進み、夜間に何度も起こされる。下の子はまだ"
      "2歳で、昼も休めない。仕事は休職中。「誰に何を相談すればいいのか分からない」"
      "とのこと。\n"
      "翌日本人に電話し、了承を得て地域包括支援センターへつなぐ。義母のショートステイ"
      "利用について担当ケアマネジャーと調整してもらう。8月27日に本人へ電話で確認する。" },
    { -1, -1, DEMO_ST_KUNO, "2025-11-08T13:30", demo_ch_other, "匿名", "近隣住民", "",
      "地域\n*社会的孤立", "高", "", demo_di_outreach,
      "地区のふれあいサロンの後、参加者から声をかけられる。名前は伏せてほしいとのこと。"
      "近所の一人暮らしの高齢男性を2週間ほど見かけず、夜に明かりがつかない日がある。\n"
      "住所は聞き取れたが、本人は特定できていない。民生委員に情報提供し、アウトリーチと"
      "して訪問を検討する。" },
};

/* The number of entries of a NULL-ended list of at most DEMO_LIST. */
static int demo_list_len(const char *const *list)
{
    int n = 0;
    while (n < DEMO_LIST && list[n])
        n++;
    return n;
}

/* One entry of a NULL-ended list, drawn evenly; NULL when it is empty. */
static const char *demo_list_pick(demo_rng *r, const char *const *list)
{
    int n = demo_list_len(list);
    return n > 0 ? list[demo_below(r, n)] : NULL;
}

/* Day number `day` of the span (0 is its first day) as a date. */
static void demo_span_date(int day, int *y, int *m, int *d)
{
    *y = DEMO_CONSULT_FIRST_YEAR;
    *m = DEMO_CONSULT_FIRST_MONTH;
    while (day >= demo_days_in_month(*y, *m)) {
        day -= demo_days_in_month(*y, *m);
        if (++*m > DEMO_MONTHS) {
            *m = 1;
            ++*y;
        }
    }
    *d = day + 1;
}

/* The number of days in the span. */
static int demo_span_days(void)
{
    int days = 0, y = DEMO_CONSULT_FIRST_YEAR, m = DEMO_CONSULT_FIRST_MONTH;
    while (y < DEMO_CONSULT_LAST_YEAR || m < DEMO_CONSULT_LAST_MONTH) {
        days += demo_days_in_month(y, m);
        if (++m > DEMO_MONTHS) {
            m = 1;
            y++;
        }
    }
    return days + DEMO_CONSULT_LAST_DAY;
}

/* Whether a channel happens in office hours only. */
static bool demo_office_channel(const char *channel)
{
    return channel != demo_ch_mail && channel != demo_ch_line;
}

/* Move a day off a weekend when the channel is the office's, staying
 * within the span. */
static int demo_workday(int day, int days, const char *channel)
{
    if (!demo_office_channel(channel))
        return day;
    int y, m, d;
    demo_span_date(day, &y, &m, &d);
    int wd = txt_date_weekday((txt_date){ y, m, d });
    if (wd != DEMO_SATURDAY && wd != DEMO_SUNDAY)
        return day;
    /* On to Monday, or back to Friday at the end of the span. */
    int ahead = wd == DEMO_SATURDAY ? 2 : 1;
    int back = wd == DEMO_SATURDAY ? 1 : 2;
    return day + ahead < days ? day + ahead : day - back;
}

/* The received_at of a contact on day, at a time the channel keeps. */
static void demo_stamp(demo_rng *r, int day, const char *channel, char *out, size_t n)
{
    int open = DEMO_OPEN_MIN, close = DEMO_CLOSE_MIN;
    if (channel == demo_ch_visit) {
        open = DEMO_VISIT_OPEN_MIN;
        close = DEMO_VISIT_CLOSE_MIN;
    } else if (!demo_office_channel(channel)) {
        open = DEMO_MESSAGE_OPEN_MIN;
        close = DEMO_MESSAGE_CLOSE_MIN;
    }
    int at = demo_between(r, open, close - 1);
    /* The counter writes down the time to five minutes. */
    if (demo_office_channel(channel))
        at -= at % 5;
    int y, m, d;
    demo_span_date(day, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02dT%02d:%02d", y, m, d,
             at / DEMO_MINUTES_PER_HOUR, at % DEMO_MINUTES_PER_HOUR);
}

/* The ISO date `after` days past day (which may be beyond the span). */
static void demo_date_after(int day, int after, char *out, size_t n)
{
    int y, m, d;
    demo_span_date(day + after, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

/* A channel by how often each reaches the counter. */
static const char *demo_draw_channel(demo_rng *r, bool elder)
{
    static const struct { const char *channel; int weight; } w[] = {
        { demo_ch_window, 30 }, { demo_ch_phone, 38 }, { demo_ch_visit, 15 },
        { demo_ch_mail, 5 }, { demo_ch_line, 8 }, { demo_ch_other, 4 },
    };
    int x = demo_below(r, DEMO_PERCENT);
    const char *c = demo_ch_phone;
    for (int i = 0; i < DEMO_COUNT(w); i++) {
        if (x < w[i].weight) {
            c = w[i].channel;
            break;
        }
        x -= w[i].weight;
    }
    return elder && !demo_office_channel(c) ? demo_ch_phone : c;
}

/* The concerns of one contact: a most pressing one and one to three
 * others, in the form's order, the pressing one marked. */
static void demo_draw_concerns(demo_rng *r, const demo_theme_def *t, char *out, size_t n)
{
    const char *primary = demo_list_pick(r, t->primary);
    const char *picked[DEMO_LIST + 1] = { primary };
    int np = 1, want = 1 + demo_below(r, 3), others = demo_list_len(t->others);
    for (int tries = 0; np < want + 1 && tries < DEMO_LIST * 2 && others > 0; tries++) {
        const char *c = t->others[demo_below(r, others)];
        bool dup = false;
        for (int k = 0; k < np; k++)
            dup = dup || strcmp(picked[k], c) == 0;
        if (!dup)
            picked[np++] = c;
    }
    out[0] = '\0';
    for (int i = 0; i < DEMO_COUNT(demo_concern_order); i++)
        for (int k = 0; k < np; k++)
            if (strcmp(picked[k], demo_concern_order[i]) == 0)
                demo_appendf(out, n, "%s%s%s", out[0] ? "\n" : "",
                             k == 0 ? "*" : "", picked[k]);
}

/* An urgency by the theme's shares. */
static const char *demo_draw_urgency(demo_rng *r, const demo_theme_def *t)
{
    int x = demo_below(r, DEMO_PERCENT);
    return x < t->pct_urgent ? "緊急" : x < t->pct_urgent + t->pct_high ? "高" : "通常";
}

/* Who contacts the counter about the subject this time: sets the visitor
 * ("" for the person) and relation of p, and the phrase for the note. */
static void demo_draw_visitor(demo_rng *r, const demo_subject *s, const demo_theme_def *t,
                              bool first, demo_consult_plan *p, char *who, size_t n)
{
    int kin_pct = first && t->via_kin ? DEMO_PCT_KIN_FIRST : DEMO_PCT_KIN;
    p->visitor[0] = '\0';
    p->relation = "";
    snprintf(who, n, "本人");
    if (s->kin_name[0] && demo_chance(r, kin_pct)) {
        demo_copy(p->visitor, sizeof p->visitor, s->kin_name);
        p->relation = s->kin_relation;
        snprintf(who, n, "%s（%s）", s->kin_relation, s->kin_name);
    } else if (t->minsei && demo_chance(r, DEMO_PCT_MINSEI)) {
        demo_copy(p->visitor, sizeof p->visitor, "地区担当の民生委員");
        p->relation = "民生委員";
        snprintf(who, n, "地区担当の民生委員");
    } else if (t->helper >= 0 && demo_chance(r, DEMO_PCT_HELPER)) {
        const char *name = demo_agencies[t->helper].contacts[demo_below(r, DEMO_CONTACTS)];
        demo_copy(p->visitor, sizeof p->visitor, name);
        p->relation = t->helper_label;
        snprintf(who, n, "%s（%s）", t->helper_label, name);
    }
}

/* The opening of a note: who got in touch, and how. */
static void demo_opening(const demo_consult_plan *p, const char *who, char *out, size_t n)
{
    if (p->channel == demo_ch_window)
        snprintf(out, n, "%sが来所。", who);
    else if (p->channel == demo_ch_phone)
        snprintf(out, n, "%sから電話。", who);
    else if (p->channel == demo_ch_visit)
        snprintf(out, n, p->visitor[0] ? "自宅を訪問し、%sから話を聞く。"
                                       : "自宅を訪問し、%sと面談。", who);
    else if (p->channel == demo_ch_mail)
        snprintf(out, n, "%sからメールで相談。", who);
    else if (p->channel == demo_ch_line)
        snprintf(out, n, "%sからLINEで相談。", who);
    else
        snprintf(out, n, "地区のサロンで%sから声をかけられる。", who);
}

/* The closing of a note: what was decided, in the counter's words. */
static void demo_closing(const demo_consult_plan *p, const demo_theme_def *t,
                         char *out, size_t n)
{
    int month = 0, day = 0;
    if (p->next[0])
        sscanf(p->next, "%*d-%d-%d", &month, &day);
    out[0] = '\0';
    if (p->disposition == demo_di_closed)
        snprintf(out, n, "利用できる制度と手続きを説明し、窓口で対応を終了した。"
                 "困ったときはいつでも連絡してよいと伝えた。");
    else if (p->disposition == demo_di_refer)
        snprintf(out, n, "本人の了承を得て%sへつなぐ。担当者に電話で経過を伝えた。",
                 demo_agencies[t->refer_to].name);
    else if (p->disposition == demo_di_hub)
        snprintf(out, n, "世帯の中で課題が重なっており、窓口だけでは解決が難しい。"
                 "多機関協働事業へつなぎ、支援会議で関係機関の役割分担を検討する。");
    else if (p->disposition == demo_di_outreach)
        snprintf(out, n, "本人との関係づくりに時間がかかる見込み。アウトリーチ等を"
                 "通じた継続的支援の対象とし、定期的に訪問する。");
    else if (p->disposition == demo_di_participate)
        snprintf(out, n, "本人の希望を聞き取り、参加支援事業につなぐ。地域の居場所や"
                 "就労体験の見学を調整する。");
    if (month > 0 && p->disposition == demo_di_continue)
        demo_appendf(out, n, "%d月%d日に再度連絡することとし、継続相談とする。", month, day);
    else if (month > 0)
        demo_appendf(out, n, "%d月%d日に状況を確認する。", month, day);
    else if (p->disposition == demo_di_continue)
        demo_appendf(out, n, "引き続き様子を伺い、継続相談とする。");
}

/* The disposition of contact k of count. */
static const char *demo_draw_disposition(demo_rng *r, const demo_theme_def *t, int k, int count)
{
    if (k > 0)
        return demo_list_pick(r, t->steps);
    int x = demo_below(r, DEMO_PERCENT);
    if (count == 1)
        return x < 40 ? demo_di_closed : x < 70 ? demo_di_refer : demo_di_continue;
    return x < 65 ? demo_di_continue : demo_di_refer;
}

/* Who takes a contact: the theme's usual worker now and then, else the
 * one-stop window's staff. */
static int demo_draw_staff(demo_rng *r, const demo_theme_def *t)
{
    if (t->staff >= 0 && demo_chance(r, DEMO_PCT_THEME_STAFF))
        return t->staff;
    int x = demo_below(r, DEMO_PERCENT);
    return x < 35 ? DEMO_ST_SATO : x < 75 ? DEMO_ST_SUGIURA : DEMO_ST_KUNO;
}

/* A new plan, or NULL when there is no room left. */
static demo_consult_plan *demo_plan_new(demo_consults *cs)
{
    if (cs->n >= DEMO_MAX_CONSULTS)
        return NULL;
    demo_consult_plan *p = &cs->p[cs->n];
    memset(p, 0, sizeof *p);
    p->order = cs->n++;
    p->relation = p->referrer = "";
    return p;
}

/* Plan the contacts with one subject: count of them, from a random day,
 * each a few weeks after the last, the case moving on as it goes. */
static void demo_plan_subject(demo_consults *cs, demo_rng *r, const demo_subject *s, int count)
{
    const demo_theme_def *t = &demo_themes[s->theme];
    int day = demo_below(r, cs->days);
    const char *last_disposition = NULL;
    /* Later contacts tell of different turns, in a drawn order. */
    int n_later = demo_list_len(t->later);
    int later = demo_below(r, n_later > 0 ? n_later : 1);
    for (int k = 0; k < count && day < cs->days; k++) {
        demo_consult_plan *p = demo_plan_new(cs);
        if (p == NULL)
            return;
        p->person_id = s->person_id;
        p->staff = demo_draw_staff(r, t);
        p->channel = last_disposition == demo_di_outreach ? demo_ch_visit
                                                          : demo_draw_channel(r, s->elder);
        day = demo_workday(day, cs->days, p->channel);
        demo_stamp(r, day, p->channel, p->at, sizeof p->at);
        char who[DEMO_NAME_MAX * 2], opening[DEMO_TEXT_MAX], closing[DEMO_TEXT_MAX];
        demo_draw_visitor(r, s, t, k == 0, p, who, sizeof who);
        if (k == 0 && demo_chance(r, DEMO_PCT_REFERRER))
            p->referrer = demo_list_pick(r, t->referrers);
        demo_draw_concerns(r, t, p->concerns, sizeof p->concerns);
        p->urgency = demo_draw_urgency(r, t);
        p->disposition = demo_draw_disposition(r, t, k, count);
        if (p->disposition == demo_di_continue ||
            (p->disposition == demo_di_refer && demo_chance(r, DEMO_PCT_NEXT_AFTER_REFERRAL)))
            demo_date_after(day, demo_between(r, DEMO_NEXT_MIN_DAYS, DEMO_NEXT_MAX_DAYS),
                            p->next, sizeof p->next);
        demo_opening(p, who, opening, sizeof opening);
        demo_closing(p, t, closing, sizeof closing);
        const char *said = k == 0 ? demo_list_pick(r, t->first)
                         : n_later > 0 ? t->later[(later + k - 1) % n_later] : NULL;
        snprintf(p->content, sizeof p->content, "%s%s\n%s", opening, said ? said : "", closing);
        last_disposition = p->disposition;
        day += demo_between(r, DEMO_GAP_MIN_DAYS, DEMO_GAP_MAX_DAYS);
    }
}

/* How many contacts a subject with support has had. */
static int demo_draw_count(demo_rng *r)
{
    int x = demo_below(r, DEMO_PERCENT);
    for (int i = 0; i < DEMO_COUNT(demo_contact_counts); i++) {
        if (x < demo_contact_counts[i])
            return i + 1;
        x -= demo_contact_counts[i];
    }
    return 1;
}

/* Plan the anonymous calls. */
static void demo_plan_anonymous(demo_consults *cs, demo_rng *r)
{
    static const char *const channels[] = {
        demo_ch_phone, demo_ch_phone, demo_ch_phone, demo_ch_window, demo_ch_mail,
    };
    for (int i = 0; i < DEMO_N_ANONYMOUS; i++) {
        demo_consult_plan *p = demo_plan_new(cs);
        if (p == NULL)
            return;
        int a = demo_below(r, DEMO_COUNT(demo_anonymous));
        p->staff = demo_below(r, DEMO_ST_SAKAKIBARA);   /* the window's staff */
        p->channel = DEMO_PICK(r, channels);
        int day = demo_workday(demo_below(r, cs->days), cs->days, p->channel);
        demo_stamp(r, day, p->channel, p->at, sizeof p->at);
        demo_copy(p->visitor, sizeof p->visitor, "匿名");
        p->relation = demo_anonymous[a].relation;
        demo_copy(p->concerns, sizeof p->concerns, demo_anonymous[a].concerns);
        p->urgency = demo_chance(r, 30) ? "高" : "通常";
        p->disposition = demo_anonymous[a].disposition;
        if (p->disposition == demo_di_continue)
            demo_date_after(day, demo_between(r, DEMO_NEXT_MIN_DAYS, DEMO_NEXT_MAX_DAYS),
                            p->next, sizeof p->next);
        snprintf(p->content, sizeof p->content, "名前は名乗らず、%sとして%s。%s\n%s",
                 p->relation, p->channel == demo_ch_window ? "来所" : "相談",
                 demo_anonymous[a].text,
                 p->disposition == demo_di_outreach
                     ? "民生委員と情報を共有し、アウトリーチとして訪問を検討する。"
                 : p->disposition == demo_di_refer
                     ? "関係機関に情報提供し、対応を依頼した。"
                 : p->disposition == demo_di_continue
                     ? "また連絡してもらうよう伝え、継続相談とする。"
                     : "相談先を案内し、窓口で対応を終了した。");
    }
}

/* Plan the fixed consultations of demo_scripts. */
static void demo_plan_scripts(demo_consults *cs, const demo_people *pp)
{
    for (int i = 0; i < DEMO_COUNT(demo_scripts); i++) {
        demo_consult_plan *p = demo_plan_new(cs);
        if (p == NULL)
            return;
        p->person_id = demo_scripts[i].house >= 0
                           ? pp->fixed[demo_scripts[i].house][demo_scripts[i].member] : 0;
        p->staff = demo_scripts[i].staff;
        demo_copy(p->at, sizeof p->at, demo_scripts[i].at);
        p->channel = demo_scripts[i].channel;
        demo_copy(p->visitor, sizeof p->visitor, demo_scripts[i].visitor);
        p->relation = demo_scripts[i].relation;
        p->referrer = demo_scripts[i].referrer;
        demo_copy(p->concerns, sizeof p->concerns, demo_scripts[i].concerns);
        demo_copy(p->content, sizeof p->content, demo_scripts[i].content);
        p->urgency = demo_scripts[i].urgency;
        demo_copy(p->next, sizeof p->next, demo_scripts[i].next);
        p->disposition = demo_scripts[i].disposition;
    }
}

/* Order plans by time, then as planned: ids then follow the time of the
 * contact, as they do at a real counter. */
static int demo_plan_cmp(const void *a, const void *b)
{
    const demo_consult_plan *x = a, *y = b;
    int c = strcmp(x->at, y->at);
    return c != 0 ? c : (x->order > y->order) - (x->order < y->order);
}

/* Insert one batch of planned consultations (one transaction). */
static db_status demo_write_consults(db *d, void *arg)
{
    demo_consults *cs = arg;
    cs->written = 0;
    for (int i = cs->from; i < cs->to; i++) {
        demo_consult_plan *p = &cs->p[i];
        db_consult c = {
            .person_id = p->person_id,
            .staff_id = cs->staff_ids[p->staff],
            .received_at = p->at,
            .channel = DEMO_LEND(p->channel),
            .visitor = p->visitor,
            .visitor_relation = DEMO_LEND(p->relation),
            .referrer = DEMO_LEND(p->referrer),
            .concerns = p->concerns,
            .content = p->content,
            .urgency = DEMO_LEND(p->urgency),
            .next_contact = p->next,
            .disposition = DEMO_LEND(p->disposition),
        };
        int64_t id;
        db_status s = db_consult_insert(d, &c, &id);
        if (s != DB_OK)
            return s;
    }
    cs->written = cs->to - cs->from;
    return DB_OK;
}

/* Plan and write the consultations of the town. */
static db_status demo_consultations(db *d, unsigned seed, const demo_people *pp,
                                    const int64_t *staff_ids, demo_stats *st)
{
    demo_consults cs = { calloc(DEMO_MAX_CONSULTS, sizeof *cs.p), 0, demo_span_days(),
                         staff_ids, 0, 0, 0 };
    if (cs.p == NULL)
        return DB_NOMEM;
    demo_rng r = { (uint64_t)seed ^ DEMO_CONSULT_SALT };
    demo_plan_scripts(&cs, pp);
    for (int i = 0; i < pp->n_subjects; i++) {
        const demo_subject *s = &pp->subjects[i];
        int count = s->strong ? demo_draw_count(&r)
                  : demo_chance(&r, DEMO_PCT_WEAK_COMES)
                      ? 1 + demo_chance(&r, DEMO_PCT_WEAK_SECOND) : 0;
        demo_plan_subject(&cs, &r, s, count);
    }
    for (int i = 0; i < pp->n_residents; i++)
        demo_plan_subject(&cs, &r, &pp->residents[i], 1 + demo_chance(&r, DEMO_PCT_WEAK_SECOND));
    demo_plan_anonymous(&cs, &r);
    qsort(cs.p, (size_t)cs.n, sizeof *cs.p, demo_plan_cmp);
    db_status s = DB_OK;
    for (cs.from = 0; cs.from < cs.n && s == DB_OK; cs.from = cs.to) {
        cs.to = cs.from + DEMO_CONSULT_BATCH < cs.n ? cs.from + DEMO_CONSULT_BATCH : cs.n;
        s = db_write(d, demo_write_consults, &cs);
        if (s == DB_OK)
            st->consultations += cs.written;
    }
    free(cs.p);
    return s;
}


/* ---- consent, referrals, cases and plans -------------------------------- */

/* Written through the domain layer's functions, each in its own
 * transaction as at a real counter, and checked by its rules against the
 * demo's last day rather than the clock.  The dates of the records (given,
 * sent, opened, approved) are the demo's; the layer stamps its events and
 * audit rows with the time the demo is made. */

#define DEMO_WORK_SALT 0xC0A5E7u
#define DEMO_WORK_TEXT 2048        /* an assessment's values */
#define DEMO_MAX_ASSESSMENTS 64
#define DEMO_MAX_ROLES 3
#define DEMO_MAX_SCOPE 3

#define DEMO_PCT_CONSENT 45        /* of the persons the counter follows */
#define DEMO_PCT_CONSENT_ALL 65    /* every agency, else a listed few */
#define DEMO_PCT_CONSENT_ORAL 30
#define DEMO_PCT_CONSENT_PROXY 35  /* when someone may act for the person */
#define DEMO_PCT_SCOPE_SKIPS 50    /* a listed scope leaves the referral's agency out */
#define DEMO_PCT_WITHDRAW 25
#define DEMO_PCT_RECONSENT 40      /* of those who withdrew, gave a narrower one */
#define DEMO_PCT_REFERRAL 46
#define DEMO_PCT_ON_THE_SPOT 40    /* consent taken when a referral is sent */
#define DEMO_PCT_CASE 32

#define DEMO_CONSENT_LATEST 40     /* days before the demo's end */
#define DEMO_WITHDRAW_MIN_DAYS 20
#define DEMO_WITHDRAW_MAX_DAYS 150
#define DEMO_RECONSENT_MIN_DAYS 10
#define DEMO_RECONSENT_MAX_DAYS 60
#define DEMO_RECEIVED_DAYS 20      /* a case still at 受付 was opened this recently */
#define DEMO_FRESH_DAYS 8          /* a 依頼 sent this close to the end is not due yet */
#define DEMO_OVERDUE_MARGIN 30     /* an overdue 依頼 was sent at least this early */
#define DEMO_ANSWER_DAYS 5         /* days to an agency's first answer */
#define DEMO_APPROVE_MIN_DAYS 35   /* from opening a case to the plan's approval */
#define DEMO_APPROVE_MAX_DAYS 55
#define DEMO_MONTH_DAYS 31

/* A plan's role: an agency (or -1, then who names the helper). */
typedef struct demo_role_def {
    int agency;
    const char *who;
    const char *role;
} demo_role_def;

/* What the counter writes for each kind of case: the case it opens, the
 * referral it sends to the theme's agency (demo_themes[].refer_to), the
 * assessment and the plan. */
typedef struct demo_work_def {
    const char *business;
    const char *criteria;     /* 多機関協働 only: "1,2" for ① and ② */
    const char *issues;       /* the assessment's 世帯の複合的な課題 */
    const char *tried;
    const char *reason, *shared;
    const char *goal, *policy;
    demo_role_def roles[DEMO_MAX_ROLES];
} demo_work_def;

static const char demo_bz_hub[] = "多機関協働", demo_bz_outreach[] = "アウトリーチ",
                  demo_bz_participate[] = "参加支援";

static const demo_work_def demo_work[DEMO_N_THEMES] = {
    [DEMO_TH_8050] = {
        demo_bz_hub, "1,2", "8050\nひきこもり\n社会的孤立",
        "親からの相談を受け、訪問で本人との関係づくりを続けてきた。包括が親の介護を"
        "支援しているが、本人の生活と就労、家計の課題が重なり、窓口と包括だけでは解決"
        "できない。",
        "親の年金で暮らす世帯の家計と、長く就労していない本人の今後の生活について、"
        "自立相談支援での相談を依頼",
        "世帯の状況（高齢の親と本人の二人暮らし）、本人が長く就労していないこと、"
        "親の通院と介護の状況",
        "親が元気なうちに、家のことを少しずつ自分でできるようになりたい",
        "親の介護と本人の生活を世帯として支える。本人とは訪問で関係をつくり、本人の"
        "ペースを尊重しながら、家計の見直しと社会参加の機会を探る。",
        { { DEMO_AG_HOUKATSU, NULL, "親の介護サービスの調整と見守り" },
          { DEMO_AG_WELFARE, NULL, "家計の見直しと自立相談支援" },
          { DEMO_AG_WINDOW, NULL, "本人への定期的な訪問と全体の調整" } },
    },
    [DEMO_TH_DOUBLE] = {
        demo_bz_hub, "1", "ダブルケア",
        "地域包括支援センターにつなぎ、ショートステイを調整した。子育て支援センターの"
        "一時預かりも案内したが、介護と育児の負担は減らず、本人の休職が続いている。",
        "親の介護サービスの見直しとショートステイの利用について調整を依頼",
        "親の要介護度と認知症の症状、夜間の介護の状況、本人が小さな子を育てながら"
        "介護していること",
        "夜はまとめて眠れるようにして、春から仕事に戻りたい",
        "介護と育児の相談を一つにまとめ、本人が一人で抱え込まないようにする。介護"
        "サービスと一時預かりを組み合わせ、本人が休める時間をつくる。",
        { { DEMO_AG_HOUKATSU, NULL, "親の介護サービスとショートステイの調整" },
          { DEMO_AG_KODOMO, NULL, "子の一時預かりと子育て相談" },
          { DEMO_AG_WINDOW, NULL, "本人との定期面談と機関の間の調整" } },
    },
    [DEMO_TH_YOUNG_CARER] = {
        demo_bz_hub, "1,2", "ヤングケアラー",
        "学校とスクールソーシャルワーカーが本人の話を聞き、見守りを続けてきた。親の療養"
        "が長引き、家事の負担が本人に集中したままで、学校だけでは解決できない。",
        "家事と家族の世話を担っている子どもについて、ヤングケアラーとしての支援の検討"
        "を依頼",
        "本人が家事と親の通院の付き添いを担っていること、欠席が増えていること、親の"
        "病状",
        "学校を休まずに通い、部活動にも戻りたい",
        "本人の家事と世話の負担を減らすことを第一にする。家事援助と親の療養の支援を"
        "組み合わせ、学校と連携して本人の学校生活を守る。",
        { { DEMO_AG_KODOMO, NULL, "ヤングケアラー支援の調整と家庭訪問" },
          { DEMO_AG_SCHOOL, NULL, "登校状況の把握と校内での見守り" },
          { DEMO_AG_WELFARE_DISABILITY, NULL, "親の障害福祉サービス（家事援助）の利用調整" } },
    },
    [DEMO_TH_ELDER_ALONE] = {
        demo_bz_outreach, "", "社会的孤立",
        "民生委員が見守りを続けてきたが、本人が訪問を断ることが増えている。",
        "一人暮らしの高齢者の見守りと、介護保険の申請の支援を依頼",
        "一人暮らしであること、物忘れが増えていること、買い物に行けない日があること",
        "住み慣れた家での暮らしを続けたい",
        "定期的な訪問で本人との関係を保ち、安否を確かめる。本人が望むときに介護保険の"
        "申請と配食サービスにつなぐ。",
        { { DEMO_AG_HOUKATSU, NULL, "介護保険の申請の支援と心身の状態の確認" },
          { DEMO_AG_MINSEI, NULL, "月2回の見守り訪問" },
          { DEMO_AG_WINDOW, NULL, "訪問の調整と記録" } },
    },
    [DEMO_TH_CARE] = {
        demo_bz_hub, "1", "老老介護",
        "包括が担当ケアマネジャーと介護サービスを調整してきたが、利用料の負担から本人"
        "がサービスを減らしており、介護している本人も体調を崩している。",
        "家族を介護している本人の負担の軽減と、介護サービスの見直しを依頼",
        "介護を受けている家族の要介護度、本人の持病、介護サービスの利用状況",
        "夫婦で今の家に住み続けながら、自分の通院の時間もとりたい",
        "介護する本人の健康と家計を含めて世帯を支える。介護サービスの負担を見直し、"
        "利用料の軽減制度を案内する。",
        { { DEMO_AG_HOUKATSU, NULL, "介護サービスと利用料の見直し" },
          { DEMO_AG_HEALTH, NULL, "介護している本人の健康相談" },
          { DEMO_AG_WELFARE_ELDER, NULL, "利用料の軽減制度の手続き" } },
    },
    [DEMO_TH_SINGLE_PARENT] = {
        demo_bz_hub, "1,3", "生活困窮",
        "児童扶養手当と就学援助の手続きを案内した。勤務が不安定で家賃の滞納が続き、"
        "手当だけでは生活を立て直せていない。",
        "ひとり親世帯の家計と就労について、自立相談支援での相談を依頼",
        "ひとり親世帯であること、収入と家賃の状況、子の年齢と保育の状況",
        "子どもとの時間を保ちながら、安定した仕事に就きたい",
        "家計の立て直しと就労の支援を並行して行う。子の預け先を確保し、本人が求職"
        "活動に使える時間をつくる。",
        { { DEMO_AG_WELFARE, NULL, "家計相談と就労支援" },
          { DEMO_AG_KODOMO, NULL, "子育て相談と預け先の調整" },
          { DEMO_AG_SHAKYO, NULL, "生活福祉資金の相談" } },
    },
    [DEMO_TH_CHILD] = {
        demo_bz_hub, "1", "その他",
        "保健センターの乳幼児健診で経過を見てきた。母の育児の負担が大きく、家族の"
        "協力も得にくいため、保健センターだけでは支えきれない。",
        "子の発達と育児の負担について、こども家庭センターでの相談を依頼",
        "子の年齢と発達の様子、母の育児の負担と体調",
        "子どもの成長に合った関わり方を知り、安心して子育てしたい",
        "母の育児の負担を減らし、子の発達に合った支援につなぐ。母の体調にも目を配る。",
        { { DEMO_AG_KODOMO, NULL, "育児相談と家庭訪問" },
          { DEMO_AG_HEALTH, NULL, "発達の相談と健診後の経過確認" },
          { DEMO_AG_HOKUBU, NULL, "親子の居場所（子育て支援センター）の案内" } },
    },
    [DEMO_TH_SCHOOL] = {
        demo_bz_outreach, "", "ひきこもり",
        "学校が家庭訪問を続けてきたが、本人は担任と会うことを避けている。",
        "不登校が続く子について、学校と家庭の状況の共有を依頼",
        "欠席の状況、本人と家族の様子",
        "自分の部屋から出て、週に一度は外で過ごしたい",
        "学校と連携し、家庭訪問で本人との関係をつくる。本人が望めば、学校以外の居場所"
        "や学習支援につなぐ。",
        { { DEMO_AG_SCHOOL, NULL, "スクールソーシャルワーカーによる家庭訪問" },
          { DEMO_AG_KODOMO, NULL, "保護者の相談" },
          { DEMO_AG_LIFELONG, NULL, "学習支援の場の案内" } },
    },
    [DEMO_TH_WORK] = {
        demo_bz_participate, "", "生活困窮",
        "ハローワークの求人を一緒に探したが、長い離職の後で応募に踏み出せていない。",
        "長く仕事から離れている本人の就労準備について、自立相談支援での相談を依頼",
        "離職の経緯と期間、本人の就労への希望",
        "週に2日、短い時間から働いてみたい",
        "本人の得意なことと体力に合わせ、就労体験から始める。作業先とのつなぎ役を"
        "決め、定期的に振り返る。",
        { { DEMO_AG_SHAKYO, NULL, "就労体験（リサイクル作業）の受け入れ" },
          { DEMO_AG_WELFARE, NULL, "就労準備支援" },
          { DEMO_AG_WINDOW, NULL, "本人との振り返りの面談" } },
    },
    [DEMO_TH_MONEY] = {
        demo_bz_hub, "2", "生活困窮",
        "家計の状況を聞き取り、法律相談を案内した。収入が年金のみで制度の対象になり"
        "にくく、どの窓口でも支援につながっていない。",
        "借入金の返済と家計の見直しについて、生活福祉資金の相談を依頼",
        "借入の状況と督促の有無、世帯の収入",
        "督促の心配をせずに暮らしたい",
        "債務の整理と家計の立て直しを同時に進める。本人が自分で家計を管理できるよう、"
        "家計相談を続ける。",
        { { DEMO_AG_SHAKYO, NULL, "生活福祉資金と日常生活自立支援事業の相談" },
          { DEMO_AG_WELFARE, NULL, "家計改善支援" },
          { -1, "法テラス（法律相談）", "債務整理の相談" } },
    },
    [DEMO_TH_ISOLATION] = {
        demo_bz_outreach, "", "社会的孤立",
        "民生委員が声をかけてきたが、本人は玄関を開けないことが多い。",
        "地域で孤立している本人の見守りについて、包括での相談を依頼",
        "本人の住まいと暮らしの様子、近所とのつながりがないこと",
        "近所の人と顔を合わせる機会をもちたい",
        "定期的な訪問で安否を確かめ、本人の関心に合う通いの場（サロンなど）を一緒に"
        "探す。",
        { { DEMO_AG_HOUKATSU, NULL, "見守りと健康状態の確認" },
          { DEMO_AG_MINSEI, NULL, "月1回の声かけ" },
          { DEMO_AG_SHAKYO, NULL, "ふれあいサロンの案内と同行" } },
    },
    [DEMO_TH_FOREIGN] = {
        demo_bz_participate, "", "社会的孤立",
        "やさしい日本語で手続きを案内してきたが、地域に知り合いがいない。",
        "日本語での手続きが難しい世帯について、子育ての相談と通訳の手配を依頼",
        "母が日常会話程度の日本語であること、子の年齢と保育の状況",
        "日本語を学び、地域の人とつながりたい",
        "やさしい日本語と通訳で手続きを支える。日本語教室と子育てサロンにつなぎ、地域"
        "とのつながりをつくる。",
        { { DEMO_AG_KODOMO, NULL, "子育て相談と通訳の手配" },
          { DEMO_AG_LIFELONG, NULL, "日本語教室の案内" },
          { DEMO_AG_SHAKYO, NULL, "子育てサロンへの同行" } },
    },
    [DEMO_TH_HOUSING] = {
        demo_bz_hub, "2", "生活困窮",
        "住居確保給付金を案内したが要件に当たらず、公営住宅の募集も時期が合わなかった。",
        "家賃の滞納で退去を求められている世帯について、住まいの確保の相談を依頼",
        "家賃の滞納の状況と退去の期限、世帯の収入",
        "今の町で、家賃を払える住まいに移りたい",
        "住まいを失わないことを最優先に、転居先の確保と家計の立て直しを進める。",
        { { DEMO_AG_WELFARE, NULL, "住まいの確保の支援と家計相談" },
          { DEMO_AG_SHAKYO, NULL, "転居費用の貸付の相談" },
          { DEMO_AG_WINDOW, NULL, "不動産事業者との調整" } },
    },
    [DEMO_TH_FOOD] = {
        demo_bz_hub, "2,3", "生活困窮",
        "社協のフードバンクから食料を届けたが、一時的な支援にとどまっている。生活保護"
        "は本人が望まず、ほかに使える制度がない。",
        "食料の支援と生活の立て直しについて相談を依頼",
        "食事がとれていない状況と収入の状況",
        "三食きちんと食べられるようになりたい",
        "当面の食料の確保と並行して、収入と支出を見直す。地域の子ども食堂や配食を新た"
        "な資源としてつなぐ。",
        { { DEMO_AG_SHAKYO, NULL, "フードバンクからの食料の提供" },
          { DEMO_AG_CHITA, NULL, "生活保護の相談" },
          { DEMO_AG_WINDOW, NULL, "地域の食の資源（子ども食堂）との調整" } },
    },
    [DEMO_TH_DV] = {
        demo_bz_hub, "1,2", "DV・虐待",
        "女性相談の窓口を案内し、緊急時の避難先を伝えた。本人は家を出ることをためらって"
        "おり、子の学校のこともあって、一つの窓口では支えきれない。",
        "配偶者からの暴力の相談について、安全の確保と今後の生活の相談を依頼",
        "相談の内容（配偶者からの暴言と暴力）、子の有無、本人が望む連絡の方法",
        "子どもと安心して暮らせる場所を確保したい",
        "本人と子の安全を最優先にし、連絡は本人の望む方法に限る。避難と生活の再建に"
        "ついて関係機関で役割を分ける。",
        { { DEMO_AG_CHITA, NULL, "女性相談と一時保護の調整" },
          { DEMO_AG_KODOMO, NULL, "子の見守りと学校との連絡" },
          { DEMO_AG_WELFARE, NULL, "生活の再建（家計と住まい）の相談" } },
    },
};

static const char *const demo_withdraw_reasons[] = {
    "家族に知られたくないとの理由で、本人から情報共有をやめてほしいとの申し出があった",
    "関係機関から連絡が来ることが負担になったと本人が話し、同意を撤回した",
    "しばらく支援を休みたいと本人が希望したため",
    "代理人の家族から、本人の意向を確かめ直したいとの申し出があった",
};
static const char *const demo_return_reasons[] = {
    "当センターの担当地区の外のため。担当の機関への依頼をお願いします",
    "依頼の内容が既に別の機関で対応中のため。担当者と調整してください",
    "本人の連絡先が確認できないため。連絡方法を確かめてから再度依頼してください",
    "対象の年齢に当たらないため。福祉課（社会福祉担当）へ依頼してください",
};
static const char *const demo_working_notes[] = {
    "初回面談を行った。次回は2週間後",
    "家庭訪問の日程を本人と調整している",
    "関係機関と支援の内容を確認中",
};
static const char *const demo_done_notes[] = {
    "サービスの利用につながったため対応を終了",
    "本人の了承を得て相談を終了。必要があれば再度連絡を受ける",
    "手続きが完了した",
};
static const char *const demo_oral_notes[] = {
    "電話で説明し、口頭で同意を得た。書面は次回の来所時に受け取る",
    "訪問時に説明し、口頭で同意を得た",
    "",
};

/* The notes of the case moves the demo makes, by stage. */
static const char *const demo_stage_notes[] = {
    "",
    "関係機関から情報を集め、アセスメントを始める",
    "アセスメントを終え、プランの作成に入る",
    "会議でプランを協議し、支援を決定した",
    "プランに沿って支援を始めた",
    "3か月のモニタリング",
    "6か月の評価",
    "課題が整理され、関係機関の役割分担が定まったため、会議で終結を確認した",
    "本人と3か月以上連絡が取れず、訪問しても会えない状態が続いているため",
    "会議で、もとの相談機関が引き続き主担当として支援することになった",
};
_Static_assert(sizeof demo_stage_notes / sizeof demo_stage_notes[0] == 10,
               "one note per stage of dom_case_stages");

/* The stages of dom_case_stages, by their place there. */
enum {
    DEMO_CS_RECEIVED, DEMO_CS_ASSESS, DEMO_CS_PLAN, DEMO_CS_DECIDED, DEMO_CS_SUPPORT,
    DEMO_CS_MONITOR, DEMO_CS_EVALUATE, DEMO_CS_CLOSED, DEMO_CS_SUSPENDED,
    DEMO_CS_HANDED_BACK, DEMO_N_CS
};
/* Days from opening a case that reaching each stage takes (with the plan's
 * monitoring and evaluation in the past where they come first). */
static const int demo_stage_days[DEMO_N_CS] = { 0, 10, 25, 55, 65, 150, 245, 250, 40, 30 };
/* The plan states of dom_plan_states, by their place there. */
enum { DEMO_PS_DRAFT, DEMO_PS_APPROVED, DEMO_PS_RUNNING, DEMO_PS_EVALUATED, DEMO_PS_ENDED };

/* The referral states of the drawn referrals, in turn, so that each one
 * occurs: an unanswered 依頼 either overdue or sent in the last days. */
typedef enum demo_ref_goal {
    DEMO_RG_OVERDUE, DEMO_RG_FRESH, DEMO_RG_ACCEPTED, DEMO_RG_RETURNED, DEMO_RG_WORKING,
    DEMO_RG_DONE
} demo_ref_goal;
static const demo_ref_goal demo_ref_turns[] = {
    DEMO_RG_OVERDUE, DEMO_RG_ACCEPTED, DEMO_RG_RETURNED, DEMO_RG_WORKING, DEMO_RG_DONE,
    DEMO_RG_FRESH, DEMO_RG_DONE, DEMO_RG_WORKING, DEMO_RG_OVERDUE, DEMO_RG_ACCEPTED,
};

/* An assessment to write once the cases are in. */
typedef struct demo_assessment {
    int64_t case_id;
    int staff;
    char data[DEMO_WORK_TEXT];
} demo_assessment;

/* What part 5 works with. */
typedef struct demo_worker {
    db *d;
    demo_rng r;
    const demo_ids *ids;
    demo_stats *st;
    int days;                 /* of the span; the last day is the demo's end */
    txt_date end;             /* the demo's last day: what rules call today */
    int form_no;              /* the consent forms numbered so far */
    int referrals, cases;     /* drawn so far, for the turns */
    demo_assessment *as;
    int n_as;
} demo_worker;

/* The day number of a date in the span (day 0 is its first day). */
static int demo_day_of(int y, int m, int d)
{
    int day = 0, cy = DEMO_CONSULT_FIRST_YEAR, cm = DEMO_CONSULT_FIRST_MONTH;
    while (cy < y || (cy == y && cm < m)) {
        day += demo_days_in_month(cy, cm);
        if (++cm > DEMO_MONTHS) {
            cm = 1;
            cy++;
        }
    }
    return day + d - 1;
}

/* A day of the span as a date. */
static txt_date demo_day_date(int day)
{
    txt_date t;
    demo_span_date(day, &t.y, &t.m, &t.d);
    return t;
}

/* A day of the span as an ISO date. */
static void demo_day_iso(int day, char *out, size_t n)
{
    demo_date_after(day, 0, out, n);
}

/* Act as a demo staff member: events and audit rows name them. */
static void demo_act(demo_worker *w, int staff)
{
    db_set_actor(w->d, w->ids->staff[staff]);
}

/* A worker of the one-stop window. */
static int demo_window_staff(demo_rng *r)
{
    int x = demo_below(r, DEMO_PERCENT);
    return x < 45 ? DEMO_ST_SATO : x < 80 ? DEMO_ST_SUGIURA : DEMO_ST_KUNO;
}

/* Who at an agency records its answers: its demo worker, if it has one,
 * else the window's worker who heard it on the phone. */
static int demo_agency_staff(int agency, int fallback)
{
    for (int i = 0; i < DEMO_N_STAFF; i++)
        if (demo_staff[i].agency == agency && agency != DEMO_AG_WINDOW)
            return i;
    return fallback;
}

/* A rule of the domain refused what the demo wrote: a bug of the demo. */
static db_status demo_refused(const char *why)
{
    return why ? DB_INVALID : DB_OK;
}

/* ---- consent ---- */

/* Record a consent given on day; *id receives it.  agencies (n of them)
 * is its scope, none for every agency. */
static db_status demo_consent(demo_worker *w, int64_t person_id, int day, const char *method,
                              const char *proxy, const char *relation, const int *agencies,
                              int n, int staff, const char *note, int64_t *id)
{
    char given[DEMO_DATE_MAX], form_no[DEMO_SHORT_MAX] = "";
    int64_t scope[DEMO_MAX_SCOPE];
    demo_day_iso(day, given, sizeof given);
    for (int i = 0; i < n && i < DEMO_MAX_SCOPE; i++)
        scope[i] = w->ids->agencies[agencies[i]];
    /* The paper form is numbered per 年度; an oral consent has none. */
    if (strcmp(method, DOM_CONSENT_ORAL) != 0)
        snprintf(form_no, sizeof form_no, "R%d-同-%04d",
                 txt_date_fiscal_year(demo_day_date(day)) - 2018, ++w->form_no);
    db_consent c = {
        .person_id = person_id, .given_on = given, .method = DEMO_LEND(method),
        .proxy_name = DEMO_LEND(proxy ? proxy : ""),
        .proxy_relation = DEMO_LEND(relation ? relation : ""),
        .all_agencies = n == 0, .agencies = scope, .n_agencies = (size_t)n,
        .form_no = form_no, .taken_by = w->ids->staff[staff], .note = DEMO_LEND(note),
        .withdrawn_on = "", .withdraw_reason = "",
    };
    db_status s = demo_refused(dom_consent_invalid(&c, w->end));
    demo_act(w, staff);
    if (s == DB_OK)
        s = dom_consent_take(w->d, &c);
    if (s == DB_OK) {
        w->st->consents++;
        *id = c.id;
    }
    return s;
}

/* Withdraw consent id of a person on day, as read from the file. */
static db_status demo_withdraw(demo_worker *w, int64_t person_id, int64_t id, int day,
                               const char *reason, int staff)
{
    db_consent *cs = NULL;
    size_t n = 0;
    db_status s = db_consent_list(w->d, person_id, &cs, &n);
    char on[DEMO_DATE_MAX];
    demo_day_iso(day, on, sizeof on);
    for (size_t i = 0; s == DB_OK && i < n; i++) {
        if (cs[i].id != id)
            continue;
        s = demo_refused(dom_consent_withdraw_invalid(&cs[i], on, reason, w->end));
        demo_act(w, staff);
        if (s == DB_OK)
            s = dom_consent_withdraw(w->d, &cs[i], on, reason);
    }
    db_consent_list_free(cs, n);
    return s;
}

/* ---- referrals ---- */

/* One referral to plan: whom, where, why, when, and how far it got. */
typedef struct demo_ref_plan {
    int64_t person_id, case_id;
    int agency;
    const char *reason, *shared;
    int day;
    demo_ref_goal goal;
    int staff;
    bool on_the_spot;          /* take an oral consent when none covers it */
    const char *note;          /* of the last move, or NULL for a drawn one */
    bool took;                 /* out: a consent was taken on the spot */
} demo_ref_plan;

/* Move a referral on, as the agency answered. */
static db_status demo_ref_move(demo_worker *w, db_referral *r, const char *to, const char *note,
                               int staff)
{
    db_status s = demo_refused(dom_referral_move_invalid(r->state, to, note));
    demo_act(w, staff);
    if (s == DB_OK)
        s = dom_referral_move(w->d, r, to, note);
    if (s == DB_OK) {
        /* The db layer bumps the version by one, as the row now says. */
        r->state = DEMO_LEND(to);
        r->version++;
    }
    return s;
}

/* Send a referral (sharing only what the person's consent covers, or
 * with a consent taken there and then) and move it on to its goal. */
static db_status demo_referral(demo_worker *w, demo_ref_plan *p)
{
    char sent[DEMO_DATE_MAX], due[DEMO_DATE_MAX], spot_given[DEMO_DATE_MAX];
    demo_day_iso(p->day, sent, sizeof sent);
    demo_date_after(p->day, DOM_REFERRAL_DUE_DAYS, due, sizeof due);
    db_referral r = {
        .person_id = p->person_id, .case_id = p->case_id,
        .agency_id = w->ids->agencies[p->agency],
        .agency_name = DEMO_LEND(demo_agencies[p->agency].name),
        .reason = DEMO_LEND(p->reason), .shared = DEMO_LEND(p->shared),
        .due_on = due, .state = DEMO_LEND(DOM_REFERRAL_SENT), .state_note = "",
        .sent_on = sent,
    };
    db_consent *cs = NULL;
    size_t n = 0;
    db_status s = db_consent_list(w->d, p->person_id, &cs, &n);
    if (s != DB_OK)
        return s;
    int64_t covering = 0;
    const char *why = dom_referral_sharing(&r, cs, n, &covering);
    db_consent_list_free(cs, n);
    r.consent_id = covering;
    /* Without consent that covers the agency: an oral one now, scoped to
     * it, or nothing personal is passed on. */
    int64_t scope = r.agency_id;
    demo_day_iso(p->day, spot_given, sizeof spot_given);
    db_consent spot = {
        .person_id = p->person_id, .given_on = spot_given, .method = DOM_CONSENT_ORAL,
        .proxy_name = "", .proxy_relation = "", .all_agencies = false, .agencies = &scope,
        .n_agencies = 1, .form_no = "", .taken_by = w->ids->staff[p->staff],
        .note = "つなぎの際に説明し、この機関に限って口頭で同意を得た",
        .withdrawn_on = "", .withdraw_reason = "",
    };
    bool take = why != NULL && p->on_the_spot;
    if (why != NULL && !take)
        r.shared = "";
    if (take && (s = demo_refused(dom_consent_invalid(&spot, w->end))) != DB_OK)
        return s;
    /* Valid on the day it was sent: its due date was ahead then. */
    if ((s = demo_refused(dom_referral_invalid(&r, demo_day_date(p->day)))) != DB_OK)
        return s;
    demo_act(w, p->staff);
    if ((s = dom_referral_send(w->d, &r, take ? &spot : NULL)) != DB_OK)
        return s;
    w->st->referrals++;
    w->st->consents += take;
    p->took = take;
    int agency_staff = demo_agency_staff(p->agency, p->staff);
    const char *contact = demo_agencies[p->agency].contacts[demo_below(&w->r, DEMO_CONTACTS)];
    char accepted[DEMO_TEXT_MAX];
    snprintf(accepted, sizeof accepted, "受理しました。担当は%sです", contact);
    switch (p->goal) {
    case DEMO_RG_OVERDUE:
    case DEMO_RG_FRESH:
        return DB_OK;
    case DEMO_RG_RETURNED:
        return demo_ref_move(w, &r, DOM_REFERRAL_RETURNED,
                             p->note ? p->note : DEMO_PICK(&w->r, demo_return_reasons),
                             agency_staff);
    case DEMO_RG_ACCEPTED:
    case DEMO_RG_WORKING:
    case DEMO_RG_DONE:
        break;
    }
    s = demo_ref_move(w, &r, dom_referral_states[1], accepted, agency_staff);
    if (s == DB_OK && p->goal != DEMO_RG_ACCEPTED)
        s = demo_ref_move(w, &r, dom_referral_states[3],
                          p->goal == DEMO_RG_WORKING && p->note
                              ? p->note : DEMO_PICK(&w->r, demo_working_notes),
                          agency_staff);
    if (s == DB_OK && p->goal == DEMO_RG_DONE)
        s = demo_ref_move(w, &r, dom_referral_states[4],
                          p->note ? p->note : DEMO_PICK(&w->r, demo_done_notes), agency_staff);
    return s;
}

/* ---- cases and plans ---- */

/* Read a case back (its version and stage as stored). */
static db_status demo_case_reread(demo_worker *w, db_case *c)
{
    int64_t id = c->id;
    db_case_free(c);
    return db_case_get(w->d, id, c);
}

/* Open a case on day; *c receives it as stored (free with db_case_free). */
static db_status demo_case_open(demo_worker *w, db_case *c, int64_t person_id,
                                const char *business, const char *criteria, const char *tried,
                                int day, int lead, int lead_agency, int staff, const char *note)
{
    db_person p;
    db_status s = db_person_get(w->d, person_id, &p);
    if (s != DB_OK)
        return s;
    char opened[DEMO_DATE_MAX];
    demo_day_iso(day, opened, sizeof opened);
    db_case row = {
        .person_id = person_id, .household_id = p.household_id,
        .business = DEMO_LEND(business),
        .lead_staff_id = lead >= 0 ? w->ids->staff[lead] : 0,
        .lead_agency_id = lead_agency >= 0 ? w->ids->agencies[lead_agency] : 0,
        .criteria = DEMO_LEND(strcmp(business, demo_bz_hub) == 0 ? criteria : ""),
        .tried = DEMO_LEND(tried), .opened_on = opened,
    };
    db_person_free(&p);
    if ((s = demo_refused(dom_case_invalid(&row))) != DB_OK)
        return s;
    demo_act(w, staff);
    if ((s = dom_case_open(w->d, &row, note)) != DB_OK)
        return s;
    w->st->cases++;
    memset(c, 0, sizeof *c);
    return db_case_get(w->d, row.id, c);
}

/* Move a case to stage k of dom_case_stages. */
static db_status demo_case_to(demo_worker *w, db_case *c, int k, const char *note, int staff)
{
    const char *to = dom_case_stages[k];
    db_status s = demo_refused(dom_case_move_invalid(c->stage, to, note));
    demo_act(w, staff);
    if (s == DB_OK)
        s = dom_case_move(w->d, c, to, note);
    return s == DB_OK ? demo_case_reread(w, c) : s;
}

/* Make a plan (or a re-plan of replaces) of a case as the person's
 * consent stands now; *id receives it. */
static db_status demo_plan(demo_worker *w, const db_case *c, const char *goal,
                           const char *policy, const demo_role_def *roles, int n_roles,
                           int64_t replaces, int staff, int64_t *id)
{
    int in_force = 0, total = 0;
    db_status s = db_consent_counts(w->d, c->person_id, &in_force, &total);
    if (s != DB_OK)
        return s;
    db_plan_role rs[DEMO_MAX_ROLES];
    int n = 0;
    for (int i = 0; i < n_roles && i < DEMO_MAX_ROLES; i++) {
        const demo_role_def *r = &roles[i];
        if (r->role == NULL)
            continue;
        rs[n++] = (db_plan_role){
            .agency_id = r->agency >= 0 ? w->ids->agencies[r->agency] : 0,
            .who = DEMO_LEND(r->agency >= 0 ? demo_agencies[r->agency].contacts[0] : r->who),
            .role = DEMO_LEND(r->role),
        };
    }
    db_plan p = {
        .goal = DEMO_LEND(goal), .policy = DEMO_LEND(policy),
        .approved_on = "", .monitor_on = "", .evaluate_on = "",
        .staff_id = w->ids->staff[staff], .roles = rs, .n_roles = (size_t)n,
    };
    demo_act(w, staff);
    s = dom_plan_create(w->d, c, dom_consent_state_of(in_force, total), &p, replaces);
    if (s == DB_OK)
        *id = p.id;
    return s;
}

/* Move plan id to state k of dom_plan_states on day. */
static db_status demo_plan_to(demo_worker *w, int64_t id, int k, int day, int staff)
{
    db_plan p;
    db_status s = db_plan_get(w->d, id, &p);
    if (s != DB_OK)
        return s;
    s = demo_refused(!dom_plan_may_move(p.state, dom_plan_states[k]) ? "" : NULL);
    demo_act(w, staff);
    if (s == DB_OK)
        s = dom_plan_move(w->d, &p, dom_plan_states[k], demo_day_date(day));
    db_plan_free(&p);
    return s;
}

/* Add a form value to an assessment's text, escaped as form_values_dump
 * writes it. */
static void demo_assess_put(char *buf, size_t n, const char *id, const char *value)
{
    demo_appendf(buf, n, "%s\t", id);
    for (const char *p = value; *p; p++) {
        if (*p == '\n' || *p == '\t' || *p == '\\')
            demo_appendf(buf, n, "\\%c", *p == '\n' ? 'n' : *p == '\t' ? 't' : '\\');
        else
            demo_appendf(buf, n, "%c", *p);
    }
    demo_appendf(buf, n, "\n");
}

/* The 緊急性 the demo's assessments give (forms/assessment.form): usual,
 * save the one case that calls an ad-hoc 支援会議. */
#define DEMO_URGENCY_USUAL "通常"
#define DEMO_URGENCY_URGENT "緊急"

/* Note the assessment of a case, made on day with the given 緊急性, to
 * write with the others. */
static void demo_assess_as(demo_worker *w, const db_case *c, const demo_work_def *wd,
                           const char *background, int day, int staff, const char *urgency)
{
    if (w->n_as >= DEMO_MAX_ASSESSMENTS)
        return;
    demo_assessment *a = &w->as[w->n_as++];
    char on[DEMO_DATE_MAX];
    demo_day_iso(day, on, sizeof on);
    a->case_id = c->id;
    a->staff = staff;
    a->data[0] = '\0';
    const char *direction = strcmp(c->business, demo_bz_outreach) == 0 ? "アウトリーチ"
                          : strcmp(c->business, demo_bz_participate) == 0 ? "参加支援"
                          : "多機関協働で支援プラン";
    demo_assess_put(a->data, sizeof a->data, "assessed_on", on);
    demo_assess_put(a->data, sizeof a->data, "assessor", demo_staff[staff].name);
    demo_assess_put(a->data, sizeof a->data, "background", background);
    demo_assess_put(a->data, sizeof a->data, "household_issues", wd->issues);
    demo_assess_put(a->data, sizeof a->data, "person_wish", wd->goal);
    demo_assess_put(a->data, sizeof a->data, "view", wd->policy);
    demo_assess_put(a->data, sizeof a->data, "issues", wd->reason);
    demo_assess_put(a->data, sizeof a->data, "urgency", urgency);
    demo_assess_put(a->data, sizeof a->data, "direction", direction);
}

/* Note the assessment of a usual case, made on day. */
static void demo_assess(demo_worker *w, const db_case *c, const demo_work_def *wd,
                        const char *background, int day, int staff)
{
    demo_assess_as(w, c, wd, background, day, staff, DEMO_URGENCY_USUAL);
}

/* Write the noted assessments (one transaction). */
static db_status demo_write_assessments(db *d, void *arg)
{
    demo_worker *w = arg;
    for (int i = 0; i < w->n_as; i++) {
        db_assessment a = { .case_id = w->as[i].case_id, .data = w->as[i].data,
                            .staff_id = w->ids->staff[w->as[i].staff] };
        db_status s = db_assessment_save(d, &a);
        if (s != DB_OK)
            return s;
    }
    return DB_OK;
}

/* Take a case of theme wd from its opening on day to stage goal (an index
 * of dom_case_stages) by the usual path, its plan moving along with it. */
static db_status demo_case_walk(demo_worker *w, db_case *c, const demo_work_def *wd, int goal,
                                int day, int staff)
{
    /* How far along the path from 受付 the case goes before it ends. */
    int reach = goal <= DEMO_CS_EVALUATE ? goal
              : goal == DEMO_CS_CLOSED ? DEMO_CS_SUPPORT : DEMO_CS_ASSESS;
    int approve = day + demo_between(&w->r, DEMO_APPROVE_MIN_DAYS, DEMO_APPROVE_MAX_DAYS);
    int64_t plan = 0;
    db_status s = DB_OK;
    for (int k = DEMO_CS_ASSESS; k <= reach && s == DB_OK; k++) {
        s = demo_case_to(w, c, k, demo_stage_notes[k], staff);
        if (s != DB_OK)
            break;
        if (k == DEMO_CS_ASSESS)
            demo_assess(w, c, wd, wd->tried, day + demo_stage_days[k], staff);
        else if (k == DEMO_CS_PLAN)
            s = demo_plan(w, c, wd->goal, wd->policy, wd->roles, DEMO_MAX_ROLES, 0, staff, &plan);
        else if (k == DEMO_CS_DECIDED)
            s = demo_plan_to(w, plan, DEMO_PS_APPROVED, approve, staff);
        else if (k == DEMO_CS_SUPPORT)
            s = demo_plan_to(w, plan, DEMO_PS_RUNNING, approve, staff);
        else if (k == DEMO_CS_EVALUATE)
            s = demo_plan_to(w, plan, DEMO_PS_EVALUATED, approve, staff);
    }
    if (s != DB_OK || goal <= DEMO_CS_EVALUATE)
        return s;
    if (goal == DEMO_CS_CLOSED) {
        s = demo_plan_to(w, plan, DEMO_PS_EVALUATED, approve, staff);
        if (s == DB_OK)
            s = demo_plan_to(w, plan, DEMO_PS_ENDED, approve, staff);
    }
    return s == DB_OK ? demo_case_to(w, c, goal, demo_stage_notes[goal], staff) : s;
}

/* ---- the fixed stories ---- */

/* 林　健一 (8050): no consent when his case came to 多機関協働 after his
 * mother's fall, so a 世帯丸ごと支援プラン for the 支援会議; consent given
 * on a visit in April 2026, then a re-plan (第2版, a 支援プラン) for the
 * 重層的支援会議 with the 社協's recycling work.  His mother's consent and
 * the referral to 包括 for her. */
static db_status demo_story_hayashi(demo_worker *w, const demo_people *pp)
{
    int64_t son = pp->fixed[1][1], mother = pp->fixed[1][0], id = 0;
    static const int mother_scope[] = { DEMO_AG_HOUKATSU, DEMO_AG_WELFARE_ELDER };
    db_status s = demo_consent(w, mother, demo_day_of(2025, 5, 14), "署名", NULL, NULL,
                               mother_scope, 2, DEMO_ST_SUGIURA, "", &id);
    demo_ref_plan mref = {
        .person_id = mother, .agency = DEMO_AG_HOUKATSU, .day = demo_day_of(2025, 9, 18),
        .reason = "入院した母の退院後の在宅生活について、介護サービスの見直しを依頼",
        .shared = "要介護1、膝の痛み、9月17日に自宅で転倒して入院したこと、同居の長男の状況",
        .goal = DEMO_RG_DONE, .staff = DEMO_ST_SATO,
        .note = "退院前カンファレンスを行い、訪問介護の利用が始まった",
    };
    if (s == DB_OK)
        s = demo_referral(w, &mref);
    db_case c;
    memset(&c, 0, sizeof c);
    if (s == DB_OK)
        s = demo_case_open(w, &c, son, demo_bz_hub, "1,2",
                           "2025年5月から母の相談を受け、6月から月1回の訪問で本人との関係"
                           "づくりを続けてきた。母の入院で、本人の生活と家計、母の介護が同時"
                           "に課題となり、窓口と包括の対応だけでは解決できない。",
                           demo_day_of(2025, 9, 19), DEMO_ST_SATO, DEMO_AG_WINDOW, DEMO_ST_SATO,
                           "民生委員からの電話（9月17日）を受け、多機関協働事業へ");
    static const demo_role_def first_roles[] = {
        { DEMO_AG_HOUKATSU, NULL, "母の退院調整と介護サービスの見直し" },
        { DEMO_AG_WELFARE, NULL, "世帯の家計の確認と自立相談支援" },
        { DEMO_AG_WINDOW, NULL, "本人への月1回の訪問（アウトリーチ）と全体の調整" },
    };
    static const demo_role_def second_roles[] = {
        { DEMO_AG_SHAKYO, NULL, "リサイクル作業（週1回・午前中）の受け入れと見守り" },
        { DEMO_AG_HOUKATSU, NULL, "母の介護保険の更新と通院の支援" },
        { DEMO_AG_WINDOW, NULL, "本人との月1回の面談と、作業の回数の相談" },
    };
    int64_t first = 0, second = 0;
    const demo_work_def *wd = &demo_work[DEMO_TH_8050];
    for (int k = DEMO_CS_ASSESS; s == DB_OK && k <= DEMO_CS_MONITOR; k++) {
        s = demo_case_to(w, &c, k, demo_stage_notes[k], DEMO_ST_SATO);
        if (s == DB_OK && k == DEMO_CS_ASSESS)
            demo_assess(w, &c, wd, "民生委員から、母が自宅で転倒し入院したとの電話があった。"
                        "本人は家事や支払いをほとんどしたことがない。", demo_day_of(2025, 9, 26),
                        DEMO_ST_SATO);
        if (s == DB_OK && k == DEMO_CS_PLAN)
            s = demo_plan(w, &c, "母が退院した後も、二人で今の家に住み続けたい",
                          "支援会議で包括・福祉課・窓口が情報を共有し、母の介護と本人の生活を"
                          "世帯として支える。本人とは訪問で関係づくりを続け、本人のペースを"
                          "尊重する。", first_roles, 3, 0, DEMO_ST_SATO, &first);
        if (s == DB_OK && k == DEMO_CS_DECIDED)
            s = demo_plan_to(w, first, DEMO_PS_APPROVED, demo_day_of(2025, 10, 3), DEMO_ST_SATO);
        if (s == DB_OK && k == DEMO_CS_SUPPORT)
            s = demo_plan_to(w, first, DEMO_PS_RUNNING, demo_day_of(2025, 10, 3), DEMO_ST_SATO);
    }
    if (s == DB_OK)
        s = demo_consent(w, son, demo_day_of(2026, 4, 15), DOM_CONSENT_ORAL, NULL, NULL, NULL, 0,
                         DEMO_ST_SATO, "訪問時に玄関先で説明し、口頭で同意を得た", &id);
    demo_ref_plan sref = {
        .person_id = son, .case_id = c.id, .agency = DEMO_AG_SHAKYO,
        .day = demo_day_of(2026, 4, 16),
        .reason = "リサイクル作業（週1回・午前中）の見学と受け入れの調整を依頼",
        .shared = "本人の状況（長く自宅で過ごしてきたこと、母と二人暮らし）と作業への希望",
        .goal = DEMO_RG_WORKING, .staff = DEMO_ST_SATO,
        .note = "5月から週1回の作業に通っている",
    };
    if (s == DB_OK)
        s = demo_referral(w, &sref);
    if (s == DB_OK)
        s = demo_case_to(w, &c, DEMO_CS_PLAN, "本人同意を得たため再プランを作成し、重層的支援"
                         "会議で協議する", DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_plan(w, &c, "週1回のリサイクル作業を続け、少しずつ外で過ごす時間を増やしたい",
                      "本人の希望に沿って参加支援につなぎ、作業先と窓口が連絡を取り合う。母の"
                      "介護は包括が引き続き支え、世帯の暮らしの変化を見守る。",
                      second_roles, 3, first, DEMO_ST_SATO, &second);
    if (s == DB_OK)
        s = demo_plan_to(w, first, DEMO_PS_EVALUATED, demo_day_of(2025, 10, 3), DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_plan_to(w, first, DEMO_PS_ENDED, demo_day_of(2025, 10, 3), DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_plan_to(w, second, DEMO_PS_APPROVED, demo_day_of(2026, 5, 13), DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_case_to(w, &c, DEMO_CS_DECIDED, "重層的支援会議で第2版のプランを決定した",
                         DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_plan_to(w, second, DEMO_PS_RUNNING, demo_day_of(2026, 5, 13), DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_case_to(w, &c, DEMO_CS_SUPPORT, demo_stage_notes[DEMO_CS_SUPPORT], DEMO_ST_SATO);
    db_case_free(&c);
    return s;
}

/* 小林　美穂 (ダブルケア): consent and a 支援プラン, then the consent
 * withdrawn while the case was open, and a re-plan, now a 世帯丸ごと支援
 * プラン for the 支援会議, still a draft. */
static db_status demo_story_kobayashi(demo_worker *w, const demo_people *pp)
{
    int64_t miho = pp->fixed[2][1], id = 0;
    const demo_work_def *wd = &demo_work[DEMO_TH_DOUBLE];
    static const demo_role_def first_roles[] = {
        { DEMO_AG_HOUKATSU, NULL, "義母の介護サービスとショートステイの調整" },
        { DEMO_AG_KODOMO, NULL, "子の一時預かりと子育て相談" },
        { DEMO_AG_WINDOW, NULL, "本人との月2回の面談と機関の間の調整" },
    };
    static const demo_role_def second_roles[] = {
        { DEMO_AG_HOUKATSU, NULL, "義母のショートステイの継続（本人から相談があったとき）" },
        { DEMO_AG_KODOMO, NULL, "子育て相談（本人から相談があったとき）" },
    };
    db_status s = demo_consent(w, miho, demo_day_of(2025, 8, 21), "署名", NULL, NULL, NULL, 0,
                               DEMO_ST_NIIMI, "", &id);
    demo_ref_plan ref = {
        .person_id = miho, .agency = DEMO_AG_HOUKATSU, .day = demo_day_of(2025, 8, 21),
        .reason = "義母のショートステイの利用と介護サービスの見直しについて調整を依頼",
        .shared = "義母の認知症が進み夜間に何度も起こされること、下の子が2歳であること、"
                  "本人が休職中であること",
        .goal = DEMO_RG_DONE, .staff = DEMO_ST_NIIMI,
        .note = "9月からショートステイ（月4日）の利用が始まった",
    };
    if (s == DB_OK)
        s = demo_referral(w, &ref);
    db_case c;
    memset(&c, 0, sizeof c);
    if (s == DB_OK)
        s = demo_case_open(w, &c, miho, demo_bz_hub, "1,3", wd->tried, demo_day_of(2025, 10, 6),
                           DEMO_ST_SATO, DEMO_AG_WINDOW, DEMO_ST_SATO,
                           "介護と育児の負担が続き、多機関協働事業へ");
    int64_t first = 0, second = 0;
    for (int k = DEMO_CS_ASSESS; s == DB_OK && k <= DEMO_CS_MONITOR; k++) {
        s = demo_case_to(w, &c, k, demo_stage_notes[k], DEMO_ST_SATO);
        if (s == DB_OK && k == DEMO_CS_ASSESS)
            demo_assess(w, &c, wd, wd->tried, demo_day_of(2025, 10, 14), DEMO_ST_SATO);
        if (s == DB_OK && k == DEMO_CS_PLAN)
            s = demo_plan(w, &c, wd->goal, wd->policy, first_roles, 3, 0, DEMO_ST_SATO, &first);
        if (s == DB_OK && k == DEMO_CS_DECIDED)
            s = demo_plan_to(w, first, DEMO_PS_APPROVED, demo_day_of(2025, 11, 5), DEMO_ST_SATO);
        if (s == DB_OK && k == DEMO_CS_SUPPORT)
            s = demo_plan_to(w, first, DEMO_PS_RUNNING, demo_day_of(2025, 11, 5), DEMO_ST_SATO);
    }
    if (s == DB_OK)
        s = demo_withdraw(w, miho, id, demo_day_of(2026, 2, 16),
                          "夫が家庭の事情を外部に知られることに反対しており、本人から関係機関"
                          "との情報共有をやめてほしいとの申し出があった", DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_case_to(w, &c, DEMO_CS_PLAN, "同意の撤回を受け、支援会議で扱う世帯丸ごと支援"
                         "プランに作り直す", DEMO_ST_SATO);
    if (s == DB_OK)
        s = demo_plan(w, &c, "家族の中で介護と育児の分担を決め、夜に休める日をつくりたい",
                      "本人の意向を尊重し、関係機関は本人から直接の相談を受けたときに対応する。"
                      "支援会議で見守りの方針を共有する。", second_roles, 2, first, DEMO_ST_SATO,
                      &second);
    if (s == DB_OK)
        s = demo_plan_to(w, first, DEMO_PS_EVALUATED, demo_day_of(2025, 11, 5), DEMO_ST_SATO);
    db_case_free(&c);
    return s;
}

/* 渡邊　大翔 (ヤングケアラー, 中学3年): consent by his mother for the
 * こども家庭センター and the school only, and a referral to the school. */
static db_status demo_story_watanabe(demo_worker *w, const demo_people *pp)
{
    int64_t son = pp->fixed[5][1], id = 0;
    static const int scope[] = { DEMO_AG_KODOMO, DEMO_AG_SCHOOL };
    db_status s = demo_consent(w, son, demo_day_of(2025, 7, 3), DOM_CONSENT_PROXY, "渡邊　由美",
                               "母", scope, 2, DEMO_ST_NIIMI,
                               "本人にも説明し、本人も了承している", &id);
    demo_ref_plan ref = {
        .person_id = son, .agency = DEMO_AG_SCHOOL, .day = demo_day_of(2025, 7, 7),
        .reason = demo_work[DEMO_TH_YOUNG_CARER].reason,
        .shared = demo_work[DEMO_TH_YOUNG_CARER].shared,
        .goal = DEMO_RG_WORKING, .staff = DEMO_ST_NIIMI,
        .note = "スクールソーシャルワーカーが週1回、本人と面談している",
    };
    return s == DB_OK ? demo_referral(w, &ref) : s;
}

/* ---- the drawn part ---- */

/* The agencies of a listed consent scope for a subject of theme t; the
 * agency referrals go to is left out now and then. */
static int demo_scope(demo_rng *r, demo_theme t, int *out)
{
    int n = 0;
    out[n++] = DEMO_AG_WINDOW;
    if (!demo_chance(r, DEMO_PCT_SCOPE_SKIPS))
        out[n++] = demo_themes[t].refer_to;
    int extra = demo_work[t].roles[1].agency;
    if (extra >= 0 && extra != DEMO_AG_WINDOW && extra != demo_themes[t].refer_to)
        out[n++] = extra;
    return n;
}

/* Consent, a referral and a case, each with its chance, for one person
 * the counter follows. */
static db_status demo_work_subject(demo_worker *w, const demo_subject *sj)
{
    demo_rng *r = &w->r;
    demo_theme t = sj->theme;
    const demo_work_def *wd = &demo_work[t];
    if (t == DEMO_TH_NONE || wd->business == NULL)
        return DB_OK;
    bool consent = demo_chance(r, DEMO_PCT_CONSENT);
    bool refer = demo_chance(r, DEMO_PCT_REFERRAL);
    bool open = demo_chance(r, DEMO_PCT_CASE);
    int staff = demo_themes[t].staff >= 0 && demo_chance(r, DEMO_PCT_THEME_STAFF)
                    ? demo_themes[t].staff : demo_window_staff(r);
    db_status s = DB_OK;
    int64_t cid = 0;
    int cday = -1, last = 0, case_day = -1;
    bool took = false;
    if (consent) {
        cday = demo_below(r, w->days - DEMO_CONSENT_LATEST);
        bool child = t == DEMO_TH_YOUNG_CARER || t == DEMO_TH_SCHOOL;
        bool proxy = sj->kin_name[0] && (child || demo_chance(r, DEMO_PCT_CONSENT_PROXY));
        const char *method = proxy ? DOM_CONSENT_PROXY
                           : demo_chance(r, DEMO_PCT_CONSENT_ORAL) ? DOM_CONSENT_ORAL : "署名";
        int scope[DEMO_MAX_SCOPE];
        int n = demo_chance(r, DEMO_PCT_CONSENT_ALL) ? 0 : demo_scope(r, t, scope);
        const char *note = strcmp(method, DOM_CONSENT_ORAL) == 0
                               ? DEMO_PICK(r, demo_oral_notes) : "";
        s = demo_consent(w, sj->person_id, cday, method, proxy ? sj->kin_name : NULL,
                         proxy ? sj->kin_relation : NULL, scope, n, staff, note, &cid);
        last = cday;
    }
    db_case c;
    memset(&c, 0, sizeof c);
    if (s == DB_OK && open) {
        int goal = w->cases++ % DEMO_N_CS;
        int room = w->days - 1 - demo_stage_days[goal];
        int day = demo_between(r, cday > 0 && cday < room ? cday : 0, room > 0 ? room : 0);
        /* A case still at 受付 came in during the last weeks. */
        if (goal == DEMO_CS_RECEIVED)
            day = w->days - 1 - demo_below(r, DEMO_RECEIVED_DAYS);
        case_day = day;
        int lead = goal == DEMO_CS_RECEIVED ? -1 : staff;
        int lead_agency = goal == DEMO_CS_RECEIVED ? -1
                        : wd->business == demo_bz_participate ? DEMO_AG_SHAKYO
                        : demo_staff[staff].agency >= 0 ? demo_staff[staff].agency
                        : DEMO_AG_WINDOW;
        s = demo_case_open(w, &c, sj->person_id, wd->business, wd->criteria, wd->tried, day, lead,
                           lead_agency, staff, "相談受付から");
        if (s == DB_OK)
            s = demo_case_walk(w, &c, wd, goal, day, staff);
        if (day > last)
            last = day;
    }
    if (s == DB_OK && refer) {
        demo_ref_goal goal = demo_ref_turns[w->referrals++ % DEMO_COUNT(demo_ref_turns)];
        int lo = last, hi = w->days - DEMO_OVERDUE_MARGIN;
        if (goal == DEMO_RG_FRESH)
            lo = hi = w->days - 1 - demo_below(r, DEMO_FRESH_DAYS);
        demo_ref_plan p = {
            .person_id = sj->person_id,
            .agency = demo_themes[t].refer_to,
            .reason = wd->reason, .shared = wd->shared,
            .day = demo_between(r, lo < hi ? lo : hi, hi), .goal = goal, .staff = staff,
            .on_the_spot = demo_chance(r, DEMO_PCT_ON_THE_SPOT),
        };
        /* It comes from the case if the case was open on the day. */
        if (c.id > 0 && !dom_case_closed(c.stage) && case_day <= p.day)
            p.case_id = c.id;
        s = demo_referral(w, &p);
        took = p.took;
        if (p.day > last)
            last = p.day;
    }
    db_case_free(&c);
    /* Some withdraw later (not those who agreed again at a referral), and
     * a few of them agree again to less. */
    int wday = last + demo_between(r, DEMO_WITHDRAW_MIN_DAYS, DEMO_WITHDRAW_MAX_DAYS);
    if (s == DB_OK && consent && demo_chance(r, DEMO_PCT_WITHDRAW) && wday < w->days && !took) {
        s = demo_withdraw(w, sj->person_id, cid, wday, DEMO_PICK(r, demo_withdraw_reasons),
                          staff);
        int again = wday + demo_between(r, DEMO_RECONSENT_MIN_DAYS, DEMO_RECONSENT_MAX_DAYS);
        if (s == DB_OK && demo_chance(r, DEMO_PCT_RECONSENT) && again < w->days) {
            int scope[DEMO_MAX_SCOPE] = { demo_themes[t].refer_to };
            s = demo_consent(w, sj->person_id, again, "署名", NULL, NULL, scope, 1, staff,
                             "範囲をこの機関に限って、改めて同意を得た", &cid);
        }
    }
    return s;
}

/* Plan and write the consents, referrals, cases and plans of the town. */
static db_status demo_casework(db *d, unsigned seed, const demo_people *pp,
                               const demo_ids *ids, demo_stats *st)
{
    demo_worker w = {
        .d = d, .r = { (uint64_t)seed ^ DEMO_WORK_SALT }, .ids = ids, .st = st,
        .days = demo_span_days(),
        .as = calloc(DEMO_MAX_ASSESSMENTS, sizeof *w.as),
    };
    if (w.as == NULL)
        return DB_NOMEM;
    w.end = demo_day_date(w.days - 1);
    int64_t actor = db_actor(d);
    db_status s = demo_story_hayashi(&w, pp);
    if (s == DB_OK)
        s = demo_story_kobayashi(&w, pp);
    if (s == DB_OK)
        s = demo_story_watanabe(&w, pp);
    for (int i = 0; s == DB_OK && i < pp->n_subjects; i++) {
        const demo_subject *sj = &pp->subjects[i];
        /* The persons of the fixed stories have theirs. */
        if (sj->person_id == pp->fixed[2][1] || sj->person_id == pp->fixed[5][1])
            continue;
        s = demo_work_subject(&w, sj);
    }
    db_set_actor(d, actor);
    if (s == DB_OK && w.n_as > 0)
        s = db_write(d, demo_write_assessments, &w);
    free(w.as);
    return s;
}

/* ---- meetings: a year of them, and the next ones' agendas ---------------- */

/* The 支援会議 (守秘義務) and the 重層的支援会議, each every second month
 * (武豊町's practice) from autumn 2025 or the new year to the end of
 * 令和8年度, made as the screen makes them (dom_meeting_series_create),
 * moved where a weekend or the holidays got in the way.  Those whose day
 * has come were held (or called off with nothing to discuss): most
 * members came, and each agenda holds what the demo's own records say a
 * meeting decided (a plan
 * approved, a case closed, suspended or handed back, a consent withdrawn,
 * a case without consent shared) plus progress reports.  A decision is
 * the outcome the case already shows: where dom_agenda_decide would move
 * the case or its plan again, only the item is written (db_agenda_decide),
 * since the case history holds the move; the rest go through
 * dom_agenda_decide.  Then an urgent case and the ad-hoc 支援会議 it
 * called, and the next meeting of each kind with part of its candidates
 * placed (dom_agenda_candidates), the rest left as proposals; one person
 * placed on the next 重層的支援会議 withdraws consent afterwards, so that
 * its paper shows the omission.  Drawn from a generator of its own, so
 * that the town and its casework are the ones a seed gave before. */

#define DEMO_MEETING_SALT 0x3EE71Au
#define DEMO_KIND_SHIEN "支援会議"
#define DEMO_KIND_JUSOTEKI "重層的支援会議"
/* The plan made without consent: the 支援会議's. */
#define DEMO_PLAN_HOUSEHOLD "世帯丸ごと支援プラン"
#define DEMO_SERIES_MONTHS 2       /* 武豊町: every second month */
#define DEMO_MAX_MEETINGS 32
#define DEMO_MAX_ITEMS 160
#define DEMO_MAX_MEMBERS_M (DEMO_N_AGENCIES + 1)   /* agencies and the coordinator */
#define DEMO_AGENDA_MAX 6          /* items of a past meeting: a small town */
#define DEMO_AGENDA_FILL 3         /* progress reports fill a 支援会議 up to this */
#define DEMO_APPROVAL_LOOKBACK 62  /* days a plan's approval may follow its meeting */
#define DEMO_PLACED_SHIEN 3        /* candidates put on the next 支援会議 */
#define DEMO_PLACED_JUSOTEKI 2     /* ... and on the next 重層的支援会議 */
#define DEMO_PCT_ABSENT 12         /* an agency missing a meeting */
#define DEMO_PCT_AMENDED 25        /* a plan approved with changes */
#define DEMO_PCT_GAP 45            /* a decision noting a 社会資源の不足 */
#define DEMO_URGENT_OPENED 4       /* days before the demo's end: the urgent case */
#define DEMO_URGENT_MET 2          /* ... and its ad-hoc 支援会議 */
#define DEMO_URGENT_TIME "16:00"
#define DEMO_URGENT_PLACE "役場 3階 小会議室"
#define DEMO_WITHDRAW_BEFORE 1     /* days before the end: a placed person withdraws */
/* A meeting on a weekend is held on the Friday before or the Monday after. */
#define DEMO_SATURDAY_SHIFT (-1)
#define DEMO_SUNDAY_SHIFT 1

/* The two kinds, by their place in demo_series. */
enum { DEMO_MK_SHIEN, DEMO_MK_JUSOTEKI, DEMO_N_MK };
/* The moments of dom_agenda_moments and the decisions of dom_decisions,
 * by their place there. */
enum { DEMO_MO_PLAN, DEMO_MO_REPLAN, DEMO_MO_CLOSE, DEMO_MO_SUSPEND, DEMO_MO_SHARE,
       DEMO_MO_URGENT };
enum { DEMO_DE_APPROVE, DEMO_DE_AMEND, DEMO_DE_REVIEW, DEMO_DE_CLOSE, DEMO_DE_SUSPEND,
       DEMO_DE_BACK, DEMO_DE_SHARE };

/* The agencies of each meeting (-1 ends the list); the coordinator joins
 * them.  The 支援会議 has the 民生委員, bound to secrecy by their own law. */
static const int demo_shien_members[] = {
    DEMO_AG_WINDOW, DEMO_AG_WELFARE, DEMO_AG_HOUKATSU, DEMO_AG_KIKAN, DEMO_AG_KODOMO,
    DEMO_AG_HEALTH, DEMO_AG_SHAKYO, DEMO_AG_MINSEI, -1,
};
static const int demo_jusoteki_members[] = {
    DEMO_AG_WINDOW, DEMO_AG_WELFARE, DEMO_AG_WELFARE_ELDER, DEMO_AG_WELFARE_DISABILITY,
    DEMO_AG_HOUKATSU, DEMO_AG_KIKAN, DEMO_AG_KODOMO, DEMO_AG_HEALTH, DEMO_AG_SCHOOL,
    DEMO_AG_SHAKYO, -1,
};
static const int demo_urgent_members[] = {
    DEMO_AG_WINDOW, DEMO_AG_WELFARE, DEMO_AG_HOUKATSU, DEMO_AG_HEALTH, DEMO_AG_MINSEI, -1,
};

typedef struct demo_series_def {
    const char *kind;          /* the meeting_kind's name */
    int y, m, d;               /* the first meeting */
    int count;                 /* meetings, to the end of 令和8年度 */
    const char *starts_at, *place;
    const int *members;
} demo_series_def;

/* The 支援会議 in even months from Friday 3 October 2025 (林　健一's first
 * plan, a 世帯丸ごと支援プラン, was approved at the first), the
 * 重層的支援会議 in odd months from Wednesday 7 January 2026 (the consents
 * in force now were given late in 2025 or after: earlier ones would have
 * had nothing to discuss); dom_meeting_series places the rest. */
static const demo_series_def demo_series[DEMO_N_MK] = {
    [DEMO_MK_SHIEN] = { DEMO_KIND_SHIEN, 2025, 10, 3, 9, "14:00", "福祉センター 相談室",
                        demo_shien_members },
    [DEMO_MK_JUSOTEKI] = { DEMO_KIND_JUSOTEKI, 2026, 1, 7, 8, "13:30", "役場 2階 第1会議室",
                           demo_jusoteki_members },
};

/* Meetings the coordinator moved off their regular day in a month for
 * another reason than a weekend. */
typedef struct demo_move_def {
    int kind;
    int y, m;         /* the month of the regular day */
    int to_d;         /* the day of that month it was held */
    const char *why;
} demo_move_def;
static const demo_move_def demo_moves[] = {
    /* 林　健一's re-plan was decided on 13 May 2026. */
    { DEMO_MK_JUSOTEKI, 2026, 5, 13, "大型連休のため、連休明けの13日（水）に変更" },
};

/* The 社会資源の不足 a meeting may note, by what the person's consultations
 * are about (NULL: none, or no second one). */
#define DEMO_GAP_CHOICES 2
static const char *const demo_gaps[DEMO_N_THEMES][DEMO_GAP_CHOICES] = {
    [DEMO_TH_8050] = { "ひきこもりの中高年が日中に通える居場所が少ない",
                       "就労体験を受け入れる事業所が少ない" },
    [DEMO_TH_DOUBLE] = { "ダブルケアの家族が夜間に休める預かり先がない",
                         "病児保育の枠が足りない" },
    [DEMO_TH_YOUNG_CARER] = { "ヤングケアラーが気軽に立ち寄れる居場所がない",
                              "家事援助を頼める担い手が足りない" },
    [DEMO_TH_ELDER_ALONE] = { "夜間の見守りの担い手がいない", "通院や買い物の移動手段がない" },
    [DEMO_TH_CARE] = { "通院や買い物の移動手段がない", "急なショートステイを受け入れる先が少ない" },
    [DEMO_TH_SINGLE_PARENT] = { "子どもが放課後に過ごせる居場所が足りない",
                                "夜間や休日に子どもを預けられる先がない" },
    [DEMO_TH_SCHOOL] = { "不登校の子が日中に通える居場所がない", NULL },
    [DEMO_TH_WORK] = { "ひきこもりの若者の居場所がない", "就労体験を受け入れる事業所が少ない" },
    [DEMO_TH_ISOLATION] = { "夜間の見守りの担い手がいない", "ごみ出しを手伝える担い手がいない" },
    [DEMO_TH_FOREIGN] = { "手続きに付き添える通訳がいない", NULL },
    [DEMO_TH_HOUSING] = { "保証人がいなくても入れる住まいが少ない", NULL },
    [DEMO_TH_FOOD] = { "食料の緊急支援の備蓄が少ない", NULL },
};

/* What an item's memo says, by moment. */
static const struct {
    int moment;
    const char *memo;
} demo_memos[] = {
    { DEMO_MO_PLAN, "プラン案（本人目標と関係機関の役割分担）を協議する" },
    { DEMO_MO_REPLAN, "見直したプラン案を協議する" },
    { DEMO_MO_CLOSE, "評価の結果をもとに、終結か支援の継続かを判断する" },
    { DEMO_MO_SUSPEND, "本人と連絡が取れない状態が続いている" },
    { DEMO_MO_SHARE, "経過と世帯の状況を共有する" },
    { DEMO_MO_URGENT, "安否と暮らしの状況を確かめ、当面の対応を決める" },
};

/* The notes of the decisions the demo records. */
static const char demo_note_approved[] = "プラン案のとおり承認し、関係機関の役割分担を確認した";
static const char demo_note_amended[] = "本人の希望に沿って支援方針の表現を改め、承認した";
static const char demo_note_withdrawn[] =
    "本人同意の撤回を受け、今後は支援会議（守秘義務）で扱うことを確認した。関係機関は本人"
    "から相談があったときに対応する";
static const char demo_note_unconsented[] =
    "受付からの経過と世帯の状況を共有した。訪問を続けて本人との関係をつくり、同意が得られる"
    "よう働きかける";
static const char demo_note_progress[] =
    "関係機関から支援の経過の報告を受け、当面の役割分担を確かめた";
static const char demo_note_evaluated[] =
    "評価の結果を共有した。終結するかは本人の意向を確かめたうえで次回判断する";
static const char demo_note_review[] =
    "本人の意向を確かめ、プラン案を見直したうえで次回改めて協議する";
static const char demo_note_urgent[] =
    "翌日、包括と民生委員が一緒に訪問して安否と暮らしを確かめる。電気の再開は福祉課が手続き"
    "を支える。本人の気持ちに沿いながら、同意が得られるよう働きかける";
static const char demo_note_adhoc[] = "民生委員からの連絡を受けて開いた臨時の支援会議";
static const char demo_note_cancelled[] = "協議が必要なケースがなかったため中止";
static const char demo_withdraw_placed_reason[] =
    "会議で自分のことが話し合われるのは気が進まないと本人が話し、同意を撤回した";
static const char demo_urgent_opening[] =
    "民生委員から、電気が止められ室内にごみがたまっているとの電話があり、アウトリーチで対応";
static const char demo_urgent_background[] =
    "民生委員と訪問したところ、電気が止められ、室内にごみがたまっていた。本人は「放って"
    "おいてほしい」と話し、支援を拒んでいる。冬を前に健康を損なうおそれが大きい。";

/* A meeting the demo wrote. */
typedef struct demo_meeting {
    int64_t id;
    int kind;                  /* DEMO_MK_* */
    int day;                   /* held on, a day of the span */
    bool regular;
    const int *members;        /* its agencies, as demo_series */
    int n_items;               /* planned on its agenda */
    char note[DEMO_TEXT_MAX];  /* why it moved, "" when it did not */
} demo_meeting;

/* A case to put on a meeting's agenda, and what was decided (NULL: not
 * yet, the meeting is still to come). */
typedef struct demo_item {
    int meeting;               /* its place in demo_council.m */
    int64_t case_id, person_id, plan_id;
    const char *moment, *decision, *note, *gap;
    bool direct;               /* the case's history holds the outcome */
} demo_item;

/* What the rules read of one case: its status, its plans (the latest
 * first) and its person's consents. */
typedef struct demo_case_facts {
    const db_case_status *cs;
    int opened;
    db_plan *plans;
    size_t n_plans;
    db_consent *consents;
    size_t n_consents;
} demo_case_facts;

/* What part 6 works with. */
typedef struct demo_council {
    demo_worker *w;
    const demo_people *pp;
    int64_t kinds[DEMO_N_MK];
    demo_meeting m[DEMO_MAX_MEETINGS];
    int n;
    demo_item it[DEMO_MAX_ITEMS];
    int n_it;
    int64_t gap_noted[DEMO_MAX_ITEMS];   /* persons a gap was noted for */
    int n_gap_noted;
} demo_council;

/* A rule that finds the meetings a case came to. */
typedef void (*demo_rule_fn)(demo_council *c, const demo_case_facts *f);

/* The day of the span of an ISO date; -1 when empty, unreadable or
 * before the span. */
static int demo_iso_day(const char *iso)
{
    txt_date t;
    if (iso == NULL || iso[0] == '\0' || txt_date_parse(iso, strlen(iso), &t) != 0)
        return -1;
    if (t.y < DEMO_CONSULT_FIRST_YEAR ||
        (t.y == DEMO_CONSULT_FIRST_YEAR && t.m < DEMO_CONSULT_FIRST_MONTH))
        return -1;
    return demo_day_of(t.y, t.m, t.d);
}

/* Whether a day has come by the demo's end. */
static bool demo_past(const demo_council *c, int day)
{
    return day < c->w->days;
}

/* Whether a person belongs to a fixed household (tests know their cases). */
static bool demo_fixed_person(const demo_people *pp, int64_t id)
{
    for (int h = 0; h < DEMO_N_FIXED_HOUSES; h++)
        for (int k = 0; k < DEMO_MAX_MEMBERS; k++)
            if (id > 0 && pp->fixed[h][k] == id)
                return true;
    return false;
}

/* What a person's consultations are about. */
static demo_theme demo_theme_of(const demo_people *pp, int64_t id)
{
    /* 林　健一 has his fixed story rather than a subject's theme. */
    if (id == pp->fixed[1][1])
        return DEMO_TH_8050;
    for (int i = 0; i < pp->n_subjects; i++)
        if (pp->subjects[i].person_id == id)
            return pp->subjects[i].theme;
    return DEMO_TH_NONE;
}

/* A 社会資源の不足 to note on a decision about a person, now and then,
 * and once only for a person: a meeting notes a gap when it first meets
 * it. */
static const char *demo_gap(demo_council *c, int64_t person_id)
{
    bool noted = demo_chance(&c->w->r, DEMO_PCT_GAP);
    const char *const *gaps = demo_gaps[demo_theme_of(c->pp, person_id)];
    int n = 0;
    while (n < DEMO_GAP_CHOICES && gaps[n])
        n++;
    const char *gap = n > 0 ? gaps[demo_below(&c->w->r, n)] : NULL;
    for (int i = 0; i < c->n_gap_noted; i++)
        if (c->gap_noted[i] == person_id)
            return NULL;
    if (!noted || gap == NULL || c->n_gap_noted >= DEMO_MAX_ITEMS)
        return NULL;
    c->gap_noted[c->n_gap_noted++] = person_id;
    return gap;
}

/* The memo of an item at a moment. */
static const char *demo_memo(const char *moment)
{
    for (int i = 0; i < DEMO_COUNT(demo_memos); i++)
        if (strcmp(dom_agenda_moments[demo_memos[i].moment], moment) == 0)
            return demo_memos[i].memo;
    return "";
}

/* Whether a consent in force now was given by day: a 重層的支援会議 on that
 * day could take the case, and its record still may. */
static bool demo_consent_by(const demo_case_facts *f, int day)
{
    for (size_t i = 0; i < f->n_consents; i++)
        if (dom_consent_in_force(&f->consents[i]) &&
            demo_iso_day(f->consents[i].given_on) <= day)
            return true;
    return false;
}

/* Whether the person had a consent in force on day. */
static bool demo_consent_on(const demo_case_facts *f, int day)
{
    for (size_t i = 0; i < f->n_consents; i++) {
        const db_consent *k = &f->consents[i];
        if (demo_iso_day(k->given_on) <= day &&
            (dom_consent_in_force(k) || demo_iso_day(k->withdrawn_on) > day))
            return true;
    }
    return false;
}

/* Whether a case is on meeting i's agenda already. */
static bool demo_on_agenda(const demo_council *c, int i, int64_t case_id)
{
    for (int k = 0; k < c->n_it; k++)
        if (c->it[k].meeting == i && c->it[k].case_id == case_id)
            return true;
    return false;
}

/* Which of the meetings that fit demo_slot takes: the earliest, the
 * latest, or the one with the fewest items (the latest of those), for
 * what the records do not date. */
typedef enum demo_pick_slot { DEMO_EARLIEST, DEMO_LATEST, DEMO_EMPTIEST } demo_pick_slot;

/* Whether meeting a is a better pick than meeting b. */
static bool demo_better_slot(const demo_meeting *a, const demo_meeting *b, demo_pick_slot pick)
{
    if (pick == DEMO_EMPTIEST && a->n_items != b->n_items)
        return a->n_items < b->n_items;
    return pick == DEMO_EARLIEST ? a->day < b->day : a->day > b->day;
}

/* The held regular meeting of a kind within days [lo, hi] with room for
 * the case (and, when consent is set, one the person's consent let the
 * case come to), as pick says; -1 when none. */
static int demo_slot(const demo_council *c, int kind, int lo, int hi, demo_pick_slot pick,
                     const demo_case_facts *f, bool consent)
{
    int best = -1;
    for (int i = 0; i < c->n; i++) {
        const demo_meeting *m = &c->m[i];
        if (m->kind != kind || !m->regular || !demo_past(c, m->day) || m->day < lo ||
            m->day > hi || m->n_items >= DEMO_AGENDA_MAX ||
            demo_on_agenda(c, i, f->cs->case_id) || (consent && !demo_consent_by(f, m->day)))
            continue;
        if (best < 0 || demo_better_slot(m, &c->m[best], pick))
            best = i;
    }
    return best;
}

/* A slot at a 重層的支援会議 where the consent allows, else at a 支援会議. */
static int demo_slot_any(const demo_council *c, int lo, int hi, demo_pick_slot pick,
                         const demo_case_facts *f)
{
    int i = demo_slot(c, DEMO_MK_JUSOTEKI, lo, hi, pick, f, true);
    return i >= 0 ? i : demo_slot(c, DEMO_MK_SHIEN, lo, hi, pick, f, false);
}

/* Plan an item of a case on meeting i (nothing when i < 0). */
static void demo_item_plan(demo_council *c, int i, const demo_case_facts *f, int64_t plan_id,
                           int moment, int decision, const char *note, bool direct)
{
    const char *gap = demo_gap(c, f->cs->person_id);
    if (i < 0 || c->n_it >= DEMO_MAX_ITEMS)
        return;
    c->it[c->n_it++] = (demo_item){
        .meeting = i, .case_id = f->cs->case_id, .person_id = f->cs->person_id,
        .plan_id = plan_id, .moment = dom_agenda_moments[moment],
        .decision = dom_decisions[decision], .note = note, .gap = gap, .direct = direct,
    };
    c->m[i].n_items++;
}

/* Whether a case is at stage k of dom_case_stages. */
static bool demo_stage_is(const demo_case_facts *f, int k)
{
    return strcmp(f->cs->stage, dom_case_stages[k]) == 0;
}

/* ---- the rules: which meeting a case came to, and what it decided ---- */

/* Each plan approved: at the meeting before, a 重層的支援会議 if the
 * consent allows, else (and for a 世帯丸ごと支援プラン) a 支援会議.  The
 * plan's approval is the outcome, already recorded. */
static void demo_rule_approved(demo_council *c, const demo_case_facts *f)
{
    for (size_t k = f->n_plans; k-- > 0;) {
        const db_plan *p = &f->plans[k];
        bool amended = demo_chance(&c->w->r, DEMO_PCT_AMENDED);
        int on = demo_iso_day(p->approved_on);
        if (on < 0)
            continue;
        int lo = on - DEMO_APPROVAL_LOOKBACK > f->opened ? on - DEMO_APPROVAL_LOOKBACK
                                                         : f->opened;
        bool household = strcmp(p->type, DEMO_PLAN_HOUSEHOLD) == 0;
        int i = household ? -1 : demo_slot(c, DEMO_MK_JUSOTEKI, lo, on, DEMO_LATEST, f, true);
        if (i < 0)
            i = demo_slot(c, DEMO_MK_SHIEN, lo, on, DEMO_LATEST, f, false);
        demo_item_plan(c, i, f, p->id, p->replaces_id ? DEMO_MO_REPLAN : DEMO_MO_PLAN,
                       amended ? DEMO_DE_AMEND : DEMO_DE_APPROVE,
                       amended ? demo_note_amended : demo_note_approved, true);
    }
}

/* A case closed: 終結 at the first meeting after its plan's evaluation. */
static void demo_rule_closed(demo_council *c, const demo_case_facts *f)
{
    if (!demo_stage_is(f, DEMO_CS_CLOSED) || f->n_plans == 0)
        return;
    int due = demo_iso_day(f->plans[0].evaluate_on);
    if (due >= 0)
        demo_item_plan(c, demo_slot_any(c, due, c->w->days - 1, DEMO_EARLIEST, f), f,
                       f->plans[0].id,
                       DEMO_MO_CLOSE, DEMO_DE_CLOSE, demo_stage_notes[DEMO_CS_CLOSED], true);
}

/* A case suspended: 中断 at the first meeting once the person had not
 * been reached for DOM_UNREACHABLE_DAYS. */
static void demo_rule_suspended(demo_council *c, const demo_case_facts *f)
{
    if (!demo_stage_is(f, DEMO_CS_SUSPENDED))
        return;
    int i = demo_slot_any(c, f->opened + DOM_UNREACHABLE_DAYS, c->w->days - 1, DEMO_EARLIEST, f);
    demo_item_plan(c, i, f, f->n_plans > 0 ? f->plans[0].id : 0, DEMO_MO_SUSPEND,
                   DEMO_DE_SUSPEND, demo_stage_notes[DEMO_CS_SUSPENDED], true);
}

/* A case handed back to its first agency: at the 支援会議 after its
 * assessment, where the agencies shared what they knew. */
static void demo_rule_handed_back(demo_council *c, const demo_case_facts *f)
{
    if (!demo_stage_is(f, DEMO_CS_HANDED_BACK))
        return;
    int i = demo_slot(c, DEMO_MK_SHIEN, f->opened + demo_stage_days[DEMO_CS_HANDED_BACK],
                      c->w->days - 1, DEMO_EARLIEST, f, false);
    demo_item_plan(c, i, f, 0, DEMO_MO_SHARE, DEMO_DE_BACK,
                   demo_stage_notes[DEMO_CS_HANDED_BACK], true);
}

/* A consent withdrawn while the case was open: shared at the next
 * 支援会議, whose case it is now. */
static void demo_rule_withdrawn(demo_council *c, const demo_case_facts *f)
{
    const db_case_status *cs = f->cs;
    if (dom_case_closed(cs->stage) ||
        dom_consent_state_of(cs->in_force, cs->consents) != DOM_CONSENT_WITHDRAWN)
        return;
    int on = -1;
    for (size_t k = 0; k < f->n_consents; k++) {
        int day = demo_iso_day(f->consents[k].withdrawn_on);
        if (day > on)
            on = day;
    }
    if (on >= f->opened)
        demo_item_plan(c, demo_slot(c, DEMO_MK_SHIEN, on, c->w->days - 1, DEMO_EARLIEST, f,
                                    false),
                       f, 0, DEMO_MO_SHARE, DEMO_DE_SHARE, demo_note_withdrawn, false);
}

/* A case of a person who never consented, not yet on any agenda: shared
 * at the first 支援会議 after it was opened. */
static void demo_rule_unconsented(demo_council *c, const demo_case_facts *f)
{
    for (int k = 0; k < c->n_it; k++)
        if (c->it[k].case_id == f->cs->case_id)
            return;
    if (f->cs->consents == 0)
        demo_item_plan(c, demo_slot(c, DEMO_MK_SHIEN, f->opened, c->w->days - 1, DEMO_EARLIEST,
                                    f, false),
                       f, 0, DEMO_MO_SHARE, DEMO_DE_SHARE, demo_note_unconsented, false);
}

/* A case at 評価: its evaluation shared at a meeting since it was due,
 * the decision to close left to a later one (it stays a candidate). */
static void demo_rule_evaluated(demo_council *c, const demo_case_facts *f)
{
    if (!demo_stage_is(f, DEMO_CS_EVALUATE) || f->n_plans == 0)
        return;
    int due = demo_iso_day(f->plans[0].evaluate_on);
    int lo = due > f->opened ? due : f->opened;
    demo_item_plan(c, demo_slot_any(c, lo, c->w->days - 1, DEMO_EMPTIEST, f), f,
                   f->plans[0].id, DEMO_MO_CLOSE, DEMO_DE_SHARE, demo_note_evaluated, false);
}

/* The first day a case's latest plan can have been drafted: its stage's
 * days after the opening, and for a re-plan after the plan it replaces
 * was approved and after the consent last changed (the usual reason for
 * one). */
static int demo_drafted(const demo_case_facts *f)
{
    int day = f->opened + demo_stage_days[DEMO_CS_PLAN];
    if (f->n_plans < 2 || f->plans[0].replaces_id == 0)
        return day;
    int approved = demo_iso_day(f->plans[1].approved_on);
    if (approved > day)
        day = approved;
    for (size_t k = 0; k < f->n_consents; k++) {
        int given = demo_iso_day(f->consents[k].given_on);
        int withdrawn = demo_iso_day(f->consents[k].withdrawn_on);
        day = given > day ? given : day;
        day = withdrawn > day ? withdrawn : day;
    }
    return day;
}

/* A plan still in 案: discussed at a meeting since it was drafted and sent
 * back to be looked at again (the case stays at プラン作成, a candidate
 * again). */
static void demo_rule_draft(demo_council *c, const demo_case_facts *f)
{
    if (!demo_stage_is(f, DEMO_CS_PLAN) || f->n_plans == 0 ||
        strcmp(f->plans[0].state, dom_plan_states[DEMO_PS_DRAFT]) != 0)
        return;
    int i = demo_slot_any(c, demo_drafted(f), c->w->days - 1, DEMO_EMPTIEST, f);
    int moment = f->plans[0].replaces_id ? DEMO_MO_REPLAN : DEMO_MO_PLAN;
    demo_item_plan(c, i, f, f->plans[0].id, moment, DEMO_DE_REVIEW, demo_note_review, false);
}

/* Progress reports on 支援会議 i, up to DEMO_AGENDA_FILL: cases open now,
 * of persons without consent in force on the day; those reported at the
 * 支援会議 before (prev) only when again is set. */
static void demo_progress_fill(demo_council *c, int i, int prev, const demo_case_facts *f,
                               size_t n, bool again)
{
    const demo_meeting *m = &c->m[i];
    for (size_t k = 0; k < n && m->n_items < DEMO_AGENDA_FILL; k++) {
        const demo_case_facts *x = &f[k];
        int64_t id = x->cs->case_id;
        if (dom_case_closed(x->cs->stage) || x->opened > m->day || demo_consent_on(x, m->day) ||
            demo_on_agenda(c, i, id) || (!again && prev >= 0 && demo_on_agenda(c, prev, id)))
            continue;
        demo_item_plan(c, i, x, 0, DEMO_MO_SHARE, DEMO_DE_SHARE, demo_note_progress, false);
    }
}

/* Progress reports fill the 支援会議, first with the cases not reported at
 * the one before, then with those. */
static void demo_rule_progress(demo_council *c, const demo_case_facts *f, size_t n)
{
    int prev = -1;
    for (int i = 0; i < c->n; i++) {
        const demo_meeting *m = &c->m[i];
        if (m->kind != DEMO_MK_SHIEN || !m->regular || !demo_past(c, m->day))
            continue;
        demo_progress_fill(c, i, prev, f, n, false);
        demo_progress_fill(c, i, prev, f, n, true);
        prev = i;
    }
}

/* ---- reading and writing ---- */

/* Free what demo_facts_read read. */
static void demo_facts_free(db_case_status *cs, size_t n, demo_case_facts *f)
{
    for (size_t i = 0; f && i < n; i++) {
        db_plan_list_free(f[i].plans, f[i].n_plans);
        db_consent_list_free(f[i].consents, f[i].n_consents);
    }
    free(f);
    db_case_status_list_free(cs, n);
}

/* Read what the rules look at of every case, closed ones included. */
static db_status demo_facts_read(demo_council *c, db_case_status **cs, size_t *n,
                                 demo_case_facts **f)
{
    db *d = c->w->d;
    *f = NULL;
    db_status s = db_case_statuses(d, dom_case_stages, dom_n_case_stages, cs, n);
    if (s != DB_OK)
        return s;
    *f = calloc(*n > 0 ? *n : 1, sizeof **f);
    if (*f == NULL)
        return DB_NOMEM;
    for (size_t i = 0; s == DB_OK && i < *n; i++) {
        demo_case_facts *x = &(*f)[i];
        x->cs = &(*cs)[i];
        x->opened = demo_iso_day(x->cs->opened_on);
        s = db_plan_by_case(d, x->cs->case_id, &x->plans, &x->n_plans);
        if (s == DB_OK)
            s = db_consent_list(d, x->cs->person_id, &x->consents, &x->n_consents);
    }
    return s;
}

/* The ids of the two kinds, by name. */
static db_status demo_meeting_kinds(demo_council *c)
{
    db_meeting_kind *ks = NULL;
    size_t n = 0;
    db_status s = db_meeting_kinds(c->w->d, false, &ks, &n);
    for (int k = 0; s == DB_OK && k < DEMO_N_MK; k++) {
        c->kinds[k] = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(ks[i].name, demo_series[k].kind) == 0)
                c->kinds[k] = ks[i].id;
        if (c->kinds[k] == 0)
            s = DB_NOTFOUND;
    }
    db_meeting_kind_list_free(ks, n);
    return s;
}

/* The members of a meeting: its agencies and the coordinator; when held,
 * who attended is drawn (the coordinator always comes). */
static size_t demo_members(demo_council *c, const int *agencies, bool held,
                           db_meeting_member *out)
{
    size_t n = 0;
    for (const int *a = agencies; *a >= 0 && n + 1 < DEMO_MAX_MEMBERS_M; a++)
        out[n++] = (db_meeting_member){
            .agency_id = c->w->ids->agencies[*a],
            .attended = held && !demo_chance(&c->w->r, DEMO_PCT_ABSENT),
        };
    out[n++] = (db_meeting_member){ .staff_id = c->w->ids->staff[DEMO_ST_SATO],
                                    .attended = held };
    return n;
}

/* The day a meeting regularly on `day` was held: as demo_moves says, or
 * off a weekend; note says why (left as it is when the day stays). */
static int demo_regular_day(int kind, int day, char *note, size_t n)
{
    txt_date t = demo_day_date(day);
    for (int i = 0; i < DEMO_COUNT(demo_moves); i++) {
        const demo_move_def *mv = &demo_moves[i];
        if (mv->kind == kind && mv->y == t.y && mv->m == t.m && mv->to_d != t.d) {
            demo_copy(note, n, mv->why);
            return demo_day_of(t.y, t.m, mv->to_d);
        }
    }
    int wd = txt_date_weekday(t);
    int shift = wd == DEMO_SATURDAY ? DEMO_SATURDAY_SHIFT
              : wd == DEMO_SUNDAY ? DEMO_SUNDAY_SHIFT : 0;
    if (shift != 0) {
        txt_date to = demo_day_date(day + shift);
        snprintf(note, n, "定例日の%d日が%s曜日のため、%d日（%s）に変更", t.d,
                 txt_date_weekday_kanji(t), to.d, txt_date_weekday_kanji(to));
    }
    return day + shift;
}

/* A meeting row to save, and its members once held (n_members 0: as they
 * are). */
typedef struct demo_settle_tx {
    db_meeting row;
    const db_meeting_member *members;
    size_t n_members;
} demo_settle_tx;

/* Save a meeting and its attendance (one transaction). */
static db_status demo_write_settle(db *d, void *arg)
{
    demo_settle_tx *x = arg;
    db_meeting row = x->row;   /* a retry starts from the version read */
    db_status s = db_meeting_update(d, &row);
    if (s == DB_OK && x->n_members > 0)
        s = db_meeting_set_members(d, row.id, x->members, x->n_members);
    return s;
}

/* Save a meeting as it went: on the day it was held (moved, with why),
 * and once that day has come, held with who attended, or called off when
 * its agenda stayed empty. */
static db_status demo_settle(demo_council *c, const demo_meeting *dm)
{
    db_meeting m;
    db_status s = db_meeting_get(c->w->d, dm->id, &m);
    if (s != DB_OK)
        return s;
    char on[DEMO_DATE_MAX];
    demo_day_iso(dm->day, on, sizeof on);
    bool past = demo_past(c, dm->day), held = past && dm->n_items > 0;
    db_meeting_member ms[DEMO_MAX_MEMBERS_M];
    demo_settle_tx x = {
        .row = m, .members = ms,
        .n_members = held ? demo_members(c, dm->members, true, ms) : 0,
    };
    x.row.held_on = on;
    x.row.note = DEMO_LEND(past && !held ? demo_note_cancelled : dm->note[0] ? dm->note : m.note);
    x.row.state = DEMO_LEND(held ? DOM_MEETING_HELD : past ? DOM_MEETING_CANCELLED : m.state);
    if (past || strcmp(on, m.held_on) != 0) {
        demo_act(c->w, DEMO_ST_SATO);
        s = db_write(c->w->d, demo_write_settle, &x);
    }
    db_meeting_free(&m);
    return s;
}

/* Note a meeting the demo wrote, on the day it was (or will be) held;
 * NULL when there is no more room. */
static demo_meeting *demo_meeting_note(demo_council *c, const db_meeting *row, int kind,
                                       const int *members)
{
    if (c->n >= DEMO_MAX_MEETINGS)
        return NULL;
    demo_meeting *dm = &c->m[c->n++];
    *dm = (demo_meeting){ .id = row->id, .kind = kind, .regular = row->regular,
                          .members = members, .day = demo_iso_day(row->held_on) };
    if (dm->regular)
        dm->day = demo_regular_day(kind, dm->day, dm->note, sizeof dm->note);
    c->w->st->meetings++;
    return dm;
}

/* Make a kind's regular series from its first day and note its meetings
 * (saved as they went once their agendas are known). */
static db_status demo_series_make(demo_council *c, int kind)
{
    demo_worker *w = c->w;
    const demo_series_def *sd = &demo_series[kind];
    char first[DEMO_DATE_MAX];
    snprintf(first, sizeof first, "%04d-%02d-%02d", sd->y, sd->m, sd->d);
    db_meeting m = {
        .kind_id = c->kinds[kind], .held_on = first, .starts_at = DEMO_LEND(sd->starts_at),
        .place = DEMO_LEND(sd->place), .regular = true, .state = DEMO_LEND(DOM_MEETING_PLANNED),
        .note = "",
    };
    db_meeting_member ms[DEMO_MAX_MEMBERS_M];
    size_t n = demo_members(c, sd->members, false, ms);
    int64_t id = 0;
    db_status s = demo_refused(dom_meeting_invalid(&m));
    demo_act(w, DEMO_ST_SATO);
    if (s == DB_OK)
        s = dom_meeting_series_create(w->d, &m, DEMO_SERIES_MONTHS, (size_t)sd->count, ms, n,
                                      &id);
    db_meeting *rows = NULL;
    size_t nr = 0;
    if (s == DB_OK)
        s = db_meeting_list(w->d, "", "", &rows, &nr);
    for (size_t i = 0; s == DB_OK && i < nr; i++)
        if (rows[i].series_id == id &&
            demo_meeting_note(c, &rows[i], kind, sd->members) == NULL)
            s = DB_NOMEM;
    db_meeting_list_free(rows, nr);
    return s;
}

/* An item to add (and, when its outcome is already recorded, decide) in
 * one transaction; row is what was written. */
typedef struct demo_item_tx {
    const demo_item *p;
    int64_t meeting_id;
    db_agenda_item row;
} demo_item_tx;

/* Put an item on its agenda and, for an outcome the case history holds
 * already, write the decision on the item alone: dom_agenda_decide would
 * move the case or plan a second time. */
static db_status demo_write_item(db *d, void *arg)
{
    demo_item_tx *x = arg;
    const demo_item *p = x->p;
    x->row = (db_agenda_item){
        .meeting_id = x->meeting_id, .case_id = p->case_id, .plan_id = p->plan_id,
        .moment = DEMO_LEND(p->moment), .note = DEMO_LEND(demo_memo(p->moment)),
    };
    db_status s = db_agenda_add(d, &x->row);
    if (s != DB_OK || !p->direct)
        return s;
    x->row.decision = DEMO_LEND(p->decision);
    x->row.decision_note = DEMO_LEND(p->note);
    x->row.resource_gap = DEMO_LEND(p->gap ? p->gap : "");
    return db_agenda_decide(d, &x->row);
}

/* Write one item as the coordinator: refused as the screen refuses it
 * (dom_agenda_refusal, by the consent as it stands), then added, and a
 * decision without a recorded outcome taken through dom_agenda_decide. */
static db_status demo_item_write(demo_council *c, const demo_item *p)
{
    demo_worker *w = c->w;
    db_meeting m;
    int in_force = 0, total = 0;
    db_status s = db_meeting_get(w->d, c->m[p->meeting].id, &m);
    if (s != DB_OK)
        return s;
    s = db_consent_counts(w->d, p->person_id, &in_force, &total);
    if (s == DB_OK)
        s = demo_refused(dom_agenda_refusal(m.confidential, dom_consent_state_of(in_force, total),
                                            p->moment));
    demo_act(w, DEMO_ST_SATO);
    demo_item_tx x = { .p = p, .meeting_id = m.id };
    if (s == DB_OK)
        s = db_write(w->d, demo_write_item, &x);
    if (s == DB_OK && !p->direct && p->decision)
        s = dom_agenda_decide(w->d, &m, &x.row, p->decision, p->note, p->gap ? p->gap : "",
                              w->end);
    db_meeting_free(&m);
    return s;
}

/* Find the meetings of the year each case came to, and what they decided. */
static db_status demo_plan_year(demo_council *c)
{
    static const demo_rule_fn rules[] = {
        demo_rule_approved, demo_rule_closed, demo_rule_suspended, demo_rule_handed_back,
        demo_rule_withdrawn, demo_rule_unconsented, demo_rule_evaluated, demo_rule_draft,
    };
    db_case_status *cs = NULL;
    size_t n = 0;
    demo_case_facts *f = NULL;
    db_status s = demo_facts_read(c, &cs, &n, &f);
    for (int r = 0; s == DB_OK && r < DEMO_COUNT(rules); r++)
        for (size_t i = 0; i < n; i++)
            rules[r](c, &f[i]);
    if (s == DB_OK)
        demo_rule_progress(c, f, n);
    demo_facts_free(cs, n, f);
    return s;
}

/* Write the agendas of the held meetings, in the order they were held. */
static db_status demo_write_year(demo_council *c)
{
    db_status s = DB_OK;
    int last = -1;
    for (;;) {
        /* The next meeting held after the last one written. */
        int next = -1;
        for (int i = 0; i < c->n; i++)
            if (demo_past(c, c->m[i].day) && c->m[i].day > last &&
                (next < 0 || c->m[i].day < c->m[next].day))
                next = i;
        if (next < 0)
            return s;
        for (int i = 0; i < c->n; i++) {
            if (c->m[i].day != c->m[next].day)
                continue;
            for (int k = 0; s == DB_OK && k < c->n_it; k++)
                if (c->it[k].meeting == i)
                    s = demo_item_write(c, &c->it[k]);
        }
        if (s != DB_OK)
            return s;
        last = c->m[next].day;
    }
}

/* ---- the urgent case and the next meetings ---- */

/* The first person the counter follows for theme t, outside the fixed
 * households, with neither a case nor a consent yet; 0 when none. */
static db_status demo_urgent_person(demo_council *c, demo_theme t, int64_t *pid)
{
    *pid = 0;
    db_status s = DB_OK;
    for (int i = 0; s == DB_OK && *pid == 0 && i < c->pp->n_subjects; i++) {
        const demo_subject *sj = &c->pp->subjects[i];
        if (sj->theme != t || demo_fixed_person(c->pp, sj->person_id))
            continue;
        db_case *cases = NULL;
        size_t n = 0;
        int in_force = 0, total = 0;
        s = db_case_by_person(c->w->d, sj->person_id, &cases, &n);
        db_case_list_free(cases, n);
        if (s == DB_OK)
            s = db_consent_counts(c->w->d, sj->person_id, &in_force, &total);
        if (s == DB_OK && n == 0 && total == 0)
            *pid = sj->person_id;
    }
    return s;
}

/* The urgent case: someone living alone found without electricity who
 * refuses help, opened days before the demo's end and assessed 緊急 the
 * same day.  *case_id is 0 when the town has nobody for it. */
static db_status demo_urgent_case(demo_council *c, int64_t *case_id, demo_theme *theme)
{
    static const demo_theme themes[] = { DEMO_TH_ISOLATION, DEMO_TH_ELDER_ALONE };
    demo_worker *w = c->w;
    int64_t pid = 0;
    db_status s = DB_OK;
    *case_id = 0;
    for (int i = 0; s == DB_OK && pid == 0 && i < DEMO_COUNT(themes); i++) {
        *theme = themes[i];
        s = demo_urgent_person(c, themes[i], &pid);
    }
    if (s != DB_OK || pid == 0)
        return s;
    const demo_work_def *wd = &demo_work[*theme];
    int day = w->days - 1 - DEMO_URGENT_OPENED;
    db_case cc;
    memset(&cc, 0, sizeof cc);
    s = demo_case_open(w, &cc, pid, wd->business, wd->criteria, wd->tried, day, DEMO_ST_SATO,
                       DEMO_AG_WINDOW, DEMO_ST_SATO, demo_urgent_opening);
    if (s == DB_OK)
        s = demo_case_to(w, &cc, DEMO_CS_ASSESS, demo_stage_notes[DEMO_CS_ASSESS], DEMO_ST_SATO);
    if (s == DB_OK) {
        demo_assess_as(w, &cc, wd, demo_urgent_background, day, DEMO_ST_SATO,
                       DEMO_URGENCY_URGENT);
        s = db_write(w->d, demo_write_assessments, w);
    }
    if (s == DB_OK)
        *case_id = cc.id;
    db_case_free(&cc);
    return s;
}

/* The ad-hoc 支援会議 the urgent case called, held two days later, and
 * what it decided (nothing that moves the case: it shared and split the
 * visits). */
static db_status demo_urgent_meeting(demo_council *c, int64_t case_id, demo_theme theme)
{
    demo_worker *w = c->w;
    char on[DEMO_DATE_MAX];
    demo_day_iso(w->days - 1 - DEMO_URGENT_MET, on, sizeof on);
    db_meeting m = {
        .kind_id = c->kinds[DEMO_MK_SHIEN], .held_on = on, .starts_at = DEMO_URGENT_TIME,
        .place = DEMO_URGENT_PLACE, .regular = false, .state = DEMO_LEND(DOM_MEETING_PLANNED),
        .note = DEMO_LEND(demo_note_adhoc),
    };
    db_meeting_member ms[DEMO_MAX_MEMBERS_M];
    size_t n = demo_members(c, demo_urgent_members, false, ms);
    db_status s = demo_refused(dom_meeting_invalid(&m));
    demo_act(w, DEMO_ST_SATO);
    if (s == DB_OK)
        s = dom_meeting_create(w->d, &m, ms, n);
    if (s != DB_OK)
        return s;
    /* dom_meeting_create read the meeting back into m. */
    demo_meeting *dm = demo_meeting_note(c, &m, DEMO_MK_SHIEN, demo_urgent_members);
    db_meeting_free(&m);
    if (dm == NULL)
        return DB_NOMEM;
    dm->n_items = 1;
    db_case cc;
    if ((s = demo_settle(c, dm)) != DB_OK || (s = db_case_get(w->d, case_id, &cc)) != DB_OK)
        return s;
    demo_item it = {
        .meeting = (int)(dm - c->m), .case_id = case_id, .person_id = cc.person_id,
        .moment = dom_agenda_moments[DEMO_MO_URGENT], .decision = dom_decisions[DEMO_DE_SHARE],
        .note = demo_note_urgent, .gap = demo_gaps[theme][0],
    };
    db_case_free(&cc);
    return demo_item_write(c, &it);
}

/* The first meeting of a kind after the demo's end; -1 when none. */
static int demo_next_meeting(const demo_council *c, int kind)
{
    int next = -1;
    for (int i = 0; i < c->n; i++)
        if (c->m[i].kind == kind && !demo_past(c, c->m[i].day) &&
            (next < 0 || c->m[i].day < c->m[next].day))
            next = i;
    return next;
}

/* The stages of dom_case_stages that are open; returns how many. */
static size_t demo_open_stages(const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < dom_n_case_stages && n < DEMO_N_CS; i++)
        if (!dom_case_closed(dom_case_stages[i]))
            out[n++] = dom_case_stages[i];
    return n;
}

/* Put part of the candidates on the next meeting of a kind, in the order
 * the domain proposes them: at most `most`, none of the fixed households
 * (their cases stay proposals, as the tests know them), and at a 支援会議
 * only persons without consent in force, who can go nowhere else.
 * *last receives the person last placed (0: none). */
static db_status demo_upcoming(demo_council *c, int kind, int most, int64_t *last)
{
    *last = 0;
    int next = demo_next_meeting(c, kind);
    if (next < 0)
        return DB_OK;
    const char *open[DEMO_N_CS];
    size_t n_open = demo_open_stages(open);
    db_case_status *cs = NULL;
    size_t n = 0;
    db_status s = db_case_statuses(c->w->d, open, n_open, &cs, &n);
    dom_candidate *cand = s == DB_OK ? calloc(n > 0 ? n : 1, sizeof *cand) : NULL;
    if (s == DB_OK && cand == NULL)
        s = DB_NOMEM;
    bool confidential = kind == DEMO_MK_SHIEN;
    size_t k = s == DB_OK ? dom_agenda_candidates(cs, n, confidential,
                                                  demo_day_date(c->m[next].day), cand) : 0;
    int placed = 0;
    for (size_t i = 0; s == DB_OK && i < k && placed < most; i++) {
        const db_case_status *st = cand[i].status;
        bool consent = dom_consent_state_of(st->in_force, st->consents) == DOM_CONSENT_GIVEN;
        if (demo_fixed_person(c->pp, st->person_id) || (confidential && consent))
            continue;
        demo_item it = {
            .meeting = next, .case_id = st->case_id, .person_id = st->person_id,
            .plan_id = st->plan_id, .moment = cand[i].moment,
        };
        s = demo_item_write(c, &it);
        placed++;
        *last = st->person_id;
    }
    free(cand);
    db_case_status_list_free(cs, n);
    return s;
}

/* A person placed on the next 重層的支援会議 withdraws every consent in
 * force, a day before the demo's end: the item stays, left off its paper. */
static db_status demo_withdraw_placed(demo_council *c, int64_t pid)
{
    db_consent *cs = NULL;
    size_t n = 0;
    int64_t ids[DEMO_MAX_ITEMS];
    int k = 0;
    db_status s = db_consent_list(c->w->d, pid, &cs, &n);
    for (size_t i = 0; s == DB_OK && i < n && k < DEMO_MAX_ITEMS; i++)
        if (dom_consent_in_force(&cs[i]))
            ids[k++] = cs[i].id;
    db_consent_list_free(cs, n);
    for (int i = 0; s == DB_OK && i < k; i++)
        s = demo_withdraw(c->w, pid, ids[i], c->w->days - 1 - DEMO_WITHDRAW_BEFORE,
                          demo_withdraw_placed_reason, DEMO_ST_SATO);
    return s;
}

/* The year's meetings and their agendas, the urgent case, and the next
 * meetings' agendas. */
static db_status demo_council_run(demo_council *c)
{
    db_status s = demo_meeting_kinds(c);
    for (int k = 0; s == DB_OK && k < DEMO_N_MK; k++)
        s = demo_series_make(c, k);
    if (s == DB_OK)
        s = demo_plan_year(c);
    for (int i = 0; s == DB_OK && i < c->n; i++)
        s = demo_settle(c, &c->m[i]);
    if (s == DB_OK)
        s = demo_write_year(c);
    int64_t urgent = 0, placed = 0;
    demo_theme theme = DEMO_TH_NONE;
    if (s == DB_OK)
        s = demo_urgent_case(c, &urgent, &theme);
    if (s == DB_OK && urgent > 0)
        s = demo_urgent_meeting(c, urgent, theme);
    if (s == DB_OK)
        s = demo_upcoming(c, DEMO_MK_SHIEN, DEMO_PLACED_SHIEN, &placed);
    if (s == DB_OK)
        s = demo_upcoming(c, DEMO_MK_JUSOTEKI, DEMO_PLACED_JUSOTEKI, &placed);
    if (s == DB_OK && placed > 0)
        s = demo_withdraw_placed(c, placed);
    return s;
}

/* Write the meetings part of the town, from a generator of its own. */
static db_status demo_meetings(db *d, unsigned seed, const demo_people *pp,
                               const demo_ids *ids, demo_stats *st)
{
    demo_worker w = {
        .d = d, .r = { (uint64_t)seed ^ DEMO_MEETING_SALT }, .ids = ids, .st = st,
        .days = demo_span_days(),
        .as = calloc(DEMO_MAX_ASSESSMENTS, sizeof *w.as),
    };
    demo_council *c = calloc(1, sizeof *c);
    db_status s = w.as && c ? DB_OK : DB_NOMEM;
    w.end = demo_day_date(w.days - 1);
    int64_t actor = db_actor(d);
    if (s == DB_OK) {
        c->w = &w;
        c->pp = pp;
        s = demo_council_run(c);
    }
    db_set_actor(d, actor);
    free(c);
    free(w.as);
    return s;
}

/* Refuse a database that already has residents or the demo's agencies. */
static db_status demo_check_empty(db *d)
{
    int64_t n = 0;
    db_status s = db_person_count(d, &n);
    if (s != DB_OK)
        return s;
    if (n > 0)
        return DB_EXISTS;
    db_agency a;
    s = db_agency_by_name(d, demo_agencies[DEMO_AG_WINDOW].name, &a);
    if (s == DB_OK) {
        db_agency_free(&a);
        return DB_EXISTS;
    }
    return s == DB_NOTFOUND ? DB_OK : s;
}

/* The next kind of drawn household: a required one now and then (always
 * once the town is big enough), otherwise one drawn by weight. */
static int demo_next_kind(demo_rng *r, int pending[], bool town_full)
{
    int left = 0;
    for (int k = 0; k < DEMO_N_KINDS; k++)
        left += pending[k];
    if (left > 0 && (town_full || demo_chance(r, DEMO_PCT_PICK_REQUIRED))) {
        int x = demo_below(r, left);
        for (int k = 0; k < DEMO_N_KINDS; k++) {
            if (x < pending[k]) {
                pending[k]--;
                return k;
            }
            x -= pending[k];
        }
    }
    int total = 0;
    for (int k = 0; k < DEMO_N_KINDS; k++)
        total += demo_kinds[k].weight;
    int x = demo_below(r, total);
    int kind = 0;
    for (int k = 0; k < DEMO_N_KINDS; k++) {
        if (x < demo_kinds[k].weight) {
            kind = k;
            break;
        }
        x -= demo_kinds[k].weight;
    }
    if (pending[kind] > 0)
        pending[kind]--;
    return kind;
}

/* Fill an empty database with a plausible demo town. */
db_status demo_populate(db *d, unsigned seed, demo_stats *stats)
{
    demo_stats st = { 0 };
    if (stats)
        *stats = st;
    db_status s = demo_check_empty(d);
    if (s != DB_OK)
        return s;

    demo_ids ids;
    memset(&ids, 0, sizeof ids);
    if ((s = db_write(d, demo_write_agencies, ids.agencies)) != DB_OK)
        return s;
    st.agencies = DEMO_N_AGENCIES;
    if (stats)
        *stats = st;
    if ((s = db_write(d, demo_write_staff, &ids)) != DB_OK)
        return s;

    demo_people *pp = calloc(1, sizeof *pp);
    if (pp == NULL)
        return DB_NOMEM;
    /* Who comes to the counter is drawn apart from the town, so that the
     * town a seed gives is the one it gave before consultations existed. */
    demo_rng cr = { ~(uint64_t)seed };
    demo_house h;
    memset(&h, 0, sizeof h);
    h.agency_ids = ids.agencies;
    for (int i = 0; i < DEMO_COUNT(demo_fixed_houses); i++) {
        demo_fixed_plan(&h, i);
        if ((s = demo_commit_house(d, &h, &st, pp, i, &cr)) != DB_OK)
            goto out;
    }

    demo_rng r = { seed };
    int pending[DEMO_N_KINDS];
    for (int k = 0; k < DEMO_N_KINDS; k++)
        pending[k] = demo_kinds[k].required;
    for (;;) {
        bool full = st.persons >= DEMO_TARGET_PERSONS;
        int left = 0;
        for (int k = 0; k < DEMO_N_KINDS; k++)
            left += pending[k];
        if (full && left == 0)
            break;
        demo_kinds[demo_next_kind(&r, pending, full)].build(&h, &r);
        if ((s = demo_commit_house(d, &h, &st, pp, -1, &cr)) != DB_OK)
            goto out;
    }
    s = demo_consultations(d, seed, pp, ids.staff, &st);
    if (s == DB_OK)
        s = demo_casework(d, seed, pp, &ids, &st);
    if (s == DB_OK)
        s = demo_meetings(d, seed, pp, &ids, &st);
out:
    free(pp);
    if (stats)
        *stats = st;
    return s;
}
