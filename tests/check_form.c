/* check_form.c - unit tests of forms as data (include/form.h): the two
 * default forms, every way a form file can be wrong and the exact
 * "FILE:LINE: reason" it gives, the search order of form_find, and the
 * check of typed values.
 *
 * The default forms are found through $TSUNAGI_SRCDIR (the Makefile sets
 * it to the source directory), else the current directory.  Bad files are
 * written into a fresh temporary directory. */
#include "config.h"

#include <check.h>
#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>
#include <unistd.h>

#include "form.h"
#include "text.h"

#define TFORM_PATH_MAX 4096
/* The source directory, leaving room in a path for forms/ID.form. */
#define TFORM_SRC_MAX (TFORM_PATH_MAX - 256)
/* A temporary directory, and a file in it, with room for any reason. */
#define TFORM_DIR_MAX 256
#define TFORM_FILE_MAX (TFORM_DIR_MAX + 64)
#define TFORM_WANT_MAX (TFORM_FILE_MAX + FORM_ERR_MAX)
#define TFORM_NORM_MAX 32
#define TFORM_TMP_TEMPLATE "/tmp/check_form.XXXXXX"
/* The limit the form loader reports for inih's 200-byte line buffer. */
#define TFORM_LINE_MAX 198
/* Lines the inih probe records. */
#define TFORM_PROBE_MAX 16

static char g_srcdir[TFORM_SRC_MAX];
static char g_tmp[TFORM_DIR_MAX];

/* ---- helpers ------------------------------------------------------------ */

/* The path of a default form in the source tree. */
static void tform_default(const char *id, char *buf, size_t n)
{
    snprintf(buf, n, "%s/forms/%s.form", g_srcdir, id);
}

/* Write text into DIR/NAME and put the path into buf. */
static void tform_write(const char *dir, const char *name, const char *text,
                        char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", dir, name);
    FILE *fp = fopen(buf, "w");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fputs(text, fp) >= 0, 1);
    ck_assert_int_eq(fclose(fp), 0);
}

/* A fresh directory under /tmp, for one test's files. */
static void tform_mkdtemp(char *buf, size_t n)
{
    snprintf(buf, n, "%s", TFORM_TMP_TEMPLATE);
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

/* Remove DIR/NAME and the directory, ignoring what is not there. */
static void tform_rm(const char *dir, const char *name)
{
    char path[TFORM_FILE_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    rmdir(dir);
}

/* Load text as bad.form and require exactly "PATH:LINE: reason". */
static void tform_expect(const char *text, int line, const char *reason)
{
    char path[TFORM_FILE_MAX], want[TFORM_WANT_MAX], err[FORM_ERR_MAX];
    tform_write(g_tmp, "bad.form", text, path, sizeof path);
    form f;
    int rc = form_load(path, &f, err, sizeof err);
    snprintf(want, sizeof want, "%s:%d: %s", path, line, reason);
    ck_assert_int_eq(rc, -1);
    ck_assert_str_eq(err, want);
    /* nothing is left half-read */
    ck_assert_uint_eq(f.n_fields, 0);
    ck_assert_ptr_null(f.fields);
    ck_assert_ptr_null(f.id);
}

/* Load text as good.form, which must succeed. */
static void tform_good(const char *text, form *f)
{
    char path[TFORM_FILE_MAX], err[FORM_ERR_MAX];
    tform_write(g_tmp, "good.form", text, path, sizeof path);
    int rc = form_load(path, f, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
}

/* A field by id that must exist. */
static const form_field *tform_field(const form *f, const char *id)
{
    const form_field *fl = form_field_by_id(f, id);
    ck_assert_msg(fl != NULL, "no field %s", id);
    return fl;
}

/* The 1-based line of the first line of a file that equals text. */
static int tform_line_of(const char *path, const char *text)
{
    FILE *fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    char buf[TFORM_PATH_MAX];
    int line = 0, found = 0;
    while (!found && fgets(buf, sizeof buf, fp)) {
        line++;
        buf[strcspn(buf, "\n")] = '\0';
        if (strcmp(buf, text) == 0)
            found = line;
    }
    fclose(fp);
    return found;
}

/* The choices of a field joined by "|", for one comparison. */
static void tform_choices(const form_field *fl, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fl->n_choices && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "|" : "", fl->choices[i]);
}

/* The minimal head every bad file shares: [form] on lines 1-3. */
#define HEAD "[form]\nid = t\ntitle = テスト\n"

/* ---- libinih's behaviour the loader relies on ---------------------------- */

typedef struct tform_probe {
    FILE *fp;
    int lineno;
    int at[TFORM_PROBE_MAX];   /* the reader's count when the handler ran */
    char names[TFORM_PROBE_MAX][TFORM_PROBE_MAX];
    int n;
} tform_probe;

/* A reader that counts the lines it returns. */
static char *tform_probe_read(char *str, int num, void *stream)
{
    tform_probe *p = stream;
    char *r = fgets(str, num, p->fp);
    if (r)
        p->lineno++;
    return r;
}

/* A handler that records the reader's count at each call. */
static int tform_probe_key(void *user, const char *section, const char *name,
                           const char *value)
{
    tform_probe *p = user;
    (void)section;
    (void)value;
    if (p->n < TFORM_PROBE_MAX) {
        p->at[p->n] = p->lineno;
        snprintf(p->names[p->n], sizeof p->names[p->n], "%s", name);
        p->n++;
    }
    return 1;
}

START_TEST(test_inih_calls_handler_after_its_line)
{
    char path[TFORM_PATH_MAX];
    tform_write(g_tmp, "probe.ini",
                "; comment\n"          /* 1 */
                "[a]\n"                /* 2 */
                "x = 1\n"              /* 3 */
                "\n"                   /* 4 */
                "# other comment\n"    /* 5 */
                "y = 2 ; inline\n"     /* 6 */
                "[b]\n"                /* 7 */
                "z = 3\n",             /* 8 */
                path, sizeof path);
    tform_probe p;
    memset(&p, 0, sizeof p);
    p.fp = fopen(path, "r");
    ck_assert_ptr_nonnull(p.fp);
    int rc = ini_parse_stream(tform_probe_read, &p, tform_probe_key, &p);
    fclose(p.fp);
    unlink(path);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(p.n, 3);
    ck_assert_str_eq(p.names[0], "x");
    ck_assert_int_eq(p.at[0], 3);
    ck_assert_str_eq(p.names[1], "y");
    ck_assert_int_eq(p.at[1], 6);
    ck_assert_str_eq(p.names[2], "z");
    ck_assert_int_eq(p.at[2], 8);
}
END_TEST

START_TEST(test_inih_multiline_does_not_reach_the_loader)
{
    /* Debian's libinih 55 is built with multi-line values on: an indented
     * line continues the key above.  The loader strips indentation before
     * inih sees it and joins continuations itself, so the result is the
     * same however inih was built. */
    char path[TFORM_PATH_MAX];
    tform_write(g_tmp, "multi.ini", "[a]\nx = 1\n  more\n", path, sizeof path);
    tform_probe p;
    memset(&p, 0, sizeof p);
    p.fp = fopen(path, "r");
    ck_assert_ptr_nonnull(p.fp);
    int rc = ini_parse_stream(tform_probe_read, &p, tform_probe_key, &p);
    fclose(p.fp);
    unlink(path);
    /* either a second call for x (multi-line on) or a syntax error (off) */
    ck_assert(rc == 0 ? p.n == 2 && strcmp(p.names[1], "x") == 0 : rc == 3);

    form f;
    tform_good(HEAD "[a]\nlabel = A\ntype = choice\nchoices = 一、二\n  三\n", &f);
    ck_assert_uint_eq(f.fields[0].n_choices, 3);
    ck_assert_str_eq(f.fields[0].choices[2], "三");
    form_free(&f);
}
END_TEST

/* ---- the default forms -------------------------------------------------- */

START_TEST(test_intake_form)
{
    char path[TFORM_PATH_MAX], err[FORM_ERR_MAX], buf[FORM_ERR_MAX * 2];
    tform_default("intake", path, sizeof path);
    form f;
    int rc = form_load(path, &f, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_str_eq(f.id, "intake");
    ck_assert_str_eq(f.title, "相談受付票");
    ck_assert_str_eq(f.path, path);

    static const struct {
        const char *id, *label;
        form_type type;
        const char *column;
        bool required;
    } want[] = {
        { "received_at", "受付日時", FORM_TEXT, "consultation.received_at", false },
        { "staff", "受付者", FORM_TEXT, "consultation.staff", false },
        { "channel", "相談経路", FORM_CHOICE, "consultation.channel", true },
        { "visitor", "来談者", FORM_TEXT, "consultation.visitor", false },
        { "visitor_relation", "本人との関係", FORM_CHOICE, "consultation.visitor_relation", false },
        { "name", "氏名", FORM_TEXT, "person.name", false },
        { "kana", "フリガナ", FORM_TEXT, "person.kana", false },
        { "sex", "性別", FORM_CHOICE, "person.sex", false },
        { "birth", "生年月日", FORM_DATE, "person.birth", false },
        { "address", "住所", FORM_TEXT, "person.address", false },
        { "phone", "電話", FORM_PHONE, "person.phone", false },
        { "contact_hours", "連絡のつく時間帯", FORM_TEXT, "", false },
        { "referrer", "紹介元", FORM_TEXT, "consultation.referrer", false },
        { "concerns", "相談内容の分類", FORM_MULTI, "consultation.concerns", false },
        { "content", "相談内容", FORM_LONGTEXT, "consultation.content", true },
        { "urgency", "緊急度", FORM_CHOICE, "consultation.urgency", true },
        { "next_contact", "次回連絡日", FORM_DATE, "consultation.next_contact", false },
        { "disposition", "対応", FORM_CHOICE, "consultation.disposition", true },
    };
    size_t n = sizeof want / sizeof want[0];
    ck_assert_uint_eq(f.n_fields, n);
    for (size_t i = 0; i < n; i++) {
        const form_field *fl = &f.fields[i];
        ck_assert_str_eq(fl->id, want[i].id);
        ck_assert_str_eq(fl->label, want[i].label);
        ck_assert_int_eq(fl->type, want[i].type);
        ck_assert_str_eq(fl->column, want[i].column);
        ck_assert_int_eq(fl->required, want[i].required);
        ck_assert_ptr_nonnull(fl->help);
        ck_assert_int_gt(fl->width, 0);
        /* each field knows the line of its header */
        snprintf(buf, sizeof buf, "[%s]", fl->id);
        ck_assert_int_eq(fl->line, tform_line_of(path, buf));
    }

    const form_field *fl = tform_field(&f, "received_at");
    ck_assert_int_eq(fl->fill, FORM_FILL_NOW);
    ck_assert_int_eq(tform_field(&f, "staff")->fill, FORM_FILL_STAFF);
    ck_assert_int_eq(tform_field(&f, "name")->fill, FORM_FILL_NONE);

    tform_choices(tform_field(&f, "channel"), buf, sizeof buf);
    ck_assert_str_eq(buf, "窓口|電話|訪問|メール|LINE|その他");
    tform_choices(tform_field(&f, "sex"), buf, sizeof buf);
    ck_assert_str_eq(buf, "男|女|その他|不明");
    tform_choices(tform_field(&f, "urgency"), buf, sizeof buf);
    ck_assert_str_eq(buf, "緊急|高|通常");
    tform_choices(tform_field(&f, "disposition"), buf, sizeof buf);
    ck_assert_str_eq(buf, "窓口で対応・終了|つなぎ|多機関協働へ|アウトリーチへ|参加支援へ|継続相談");
    tform_choices(tform_field(&f, "visitor_relation"), buf, sizeof buf);
    ck_assert_str_eq(buf, "本人|家族|民生委員|近隣住民|関係機関|その他");

    fl = tform_field(&f, "concerns");
    ck_assert(fl->primary);
    tform_choices(fl, buf, sizeof buf);
    ck_assert_str_eq(buf, "健康・障害|住まい|収入|家賃|税・公共料金|債務|仕事探し|職場|地域|"
                     "家族|子育て|介護|ひきこもり・不登校|DV・虐待|食べるものがない|8050|"
                     "ダブルケア|ヤングケアラー|社会的孤立|その他");
    /* defaults and given widths */
    ck_assert_int_eq(tform_field(&f, "birth")->width, 16);
    ck_assert_int_eq(tform_field(&f, "content")->width, 6);
    ck_assert_int_eq(tform_field(&f, "phone")->width, 16);
    ck_assert_ptr_null(f.fields[0].choices);
    ck_assert_uint_eq(f.fields[0].n_choices, 0);
    form_free(&f);
}
END_TEST

START_TEST(test_assessment_form)
{
    char path[TFORM_PATH_MAX], err[FORM_ERR_MAX], buf[FORM_ERR_MAX * 2];
    tform_default("assessment", path, sizeof path);
    form f;
    int rc = form_load(path, &f, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_str_eq(f.id, "assessment");
    ck_assert_str_eq(f.title, "インテーク・アセスメントシート");
    /* the assessment is all extra fields: no core column */
    for (size_t i = 0; i < f.n_fields; i++)
        ck_assert_str_eq(f.fields[i].column, "");

    static const struct {
        const char *id;
        form_type type;
        bool required;
    } want[] = {
        { "assessed_on", FORM_DATE, true },
        { "assessor", FORM_TEXT, false },
        { "background", FORM_LONGTEXT, true },
        { "household_size", FORM_NUMBER, false },
        { "household_members", FORM_LONGTEXT, false },
        { "household_issues", FORM_MULTI, false },
        { "family_relations", FORM_LONGTEXT, false },
        { "health", FORM_LONGTEXT, false },
        { "disability_card", FORM_MULTI, false },
        { "care_level", FORM_CHOICE, false },
        { "work", FORM_CHOICE, false },
        { "income_sources", FORM_MULTI, false },
        { "monthly_income", FORM_NUMBER, false },
        { "housing", FORM_CHOICE, false },
        { "housing_risk", FORM_YESNO, false },
        { "debts", FORM_MULTI, false },
        { "agencies", FORM_LONGTEXT, false },
        { "person_wish", FORM_LONGTEXT, true },
        { "strengths", FORM_LONGTEXT, false },
        { "view", FORM_LONGTEXT, true },
        { "issues", FORM_LONGTEXT, true },
        { "urgency", FORM_CHOICE, true },
        { "direction", FORM_CHOICE, true },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const form_field *fl = tform_field(&f, want[i].id);
        ck_assert_msg(fl->type == want[i].type, "%s", want[i].id);
        ck_assert_msg(fl->required == want[i].required, "%s", want[i].id);
    }
    ck_assert_int_eq(tform_field(&f, "assessor")->fill, FORM_FILL_STAFF);
    tform_choices(tform_field(&f, "household_issues"), buf, sizeof buf);
    ck_assert_str_eq(buf, "8050|ダブルケア|ヤングケアラー|老老介護|社会的孤立|ひきこもり|"
                     "生活困窮|DV・虐待|介護・養育の放棄|その他");
    tform_choices(tform_field(&f, "care_level"), buf, sizeof buf);
    ck_assert_str_eq(buf, "なし|要支援1|要支援2|要介護1|要介護2|要介護3|要介護4|要介護5|"
                     "申請中|不明");
    tform_choices(tform_field(&f, "urgency"), buf, sizeof buf);
    ck_assert_str_eq(buf, "緊急|高|通常");
    /* a continued help joins Japanese lines without a space */
    const char *help = tform_field(&f, "household_members")->help;
    ck_assert_ptr_nonnull(strstr(help, "状況。別に暮らす"));
    form_free(&f);
}
END_TEST

/* Whether every character of s has the same width in a CJK terminal as in
 * a Western one (no East Asian ambiguous characters). */
static bool tform_unambiguous(const char *s, const char **bad)
{
    size_t len = strlen(s);
    uint32_t cp;
    for (size_t i = 0, step; i < len; i += step) {
        step = txt_utf8_next(s + i, len - i, &cp);
        if (uc_width(cp, "EUC-JP") != uc_width(cp, "UTF-8")) {
            *bad = s + i;
            return false;
        }
    }
    return true;
}

START_TEST(test_default_forms_have_no_ambiguous_width)
{
    static const char *const ids[] = { "intake", "assessment", "consent", "withdraw", "referral",
                                       "case", "plan", "meeting", "series", "decision" };
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        char path[TFORM_PATH_MAX], err[FORM_ERR_MAX];
        tform_default(ids[k], path, sizeof path);
        form f;
        ck_assert_msg(form_load(path, &f, err, sizeof err) == 0, "%s", err);
        const char *bad = NULL;
        ck_assert_msg(tform_unambiguous(f.title, &bad), "%s", bad);
        for (size_t i = 0; i < f.n_fields; i++) {
            const form_field *fl = &f.fields[i];
            ck_assert_msg(tform_unambiguous(fl->label, &bad), "%s: %s", fl->id, bad);
            ck_assert_msg(tform_unambiguous(fl->help, &bad), "%s: %s", fl->id, bad);
            for (size_t j = 0; j < fl->n_choices; j++)
                ck_assert_msg(tform_unambiguous(fl->choices[j], &bad), "%s: %s", fl->id, bad);
        }
        form_free(&f);
    }
    /* the check itself can fail */
    const char *bad = NULL;
    ck_assert(!tform_unambiguous("◎収入", &bad));
    ck_assert_str_eq(bad, "◎収入");
}
END_TEST

/* ---- bad files ----------------------------------------------------------- */

START_TEST(test_bad_unknown_type)
{
    tform_expect(HEAD "\n[name]\nlabel = 氏名\ntype = texxt\n", 7,
                 "種類 'texxt' は使えません（text, longtext, date, choice, multi, yesno, number, phone）");
}
END_TEST

START_TEST(test_bad_missing_label)
{
    tform_expect(HEAD "[name]\ntype = text\n[kana]\nlabel = フリガナ\ntype = text\n", 4,
                 "欄 'name' に label がありません");
    /* also for the last field, and for an empty section */
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\n[kana]\n", 7,
                 "欄 'kana' に label がありません");
    tform_expect(HEAD "[name]\nlabel =\ntype = text\n", 5, "label が空です");
}
END_TEST

START_TEST(test_bad_missing_type)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\n\n[kana]\n", 4, "欄 'name' に type がありません");
}
END_TEST

START_TEST(test_bad_duplicate_id)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\n[kana]\nlabel = カナ\ntype = text\n"
                 "[name]\nlabel = 氏名2\ntype = text\n",
                 10, "欄 'name' が二度あります（4 行目にもあります）");
    /* right after the first, where inih alone would see one section */
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\n[name]\n", 7,
                 "欄 'name' が二度あります（4 行目にもあります）");
    tform_expect(HEAD "[form]\n", 4, "[form] が二度あります（1 行目にもあります）");
}
END_TEST

START_TEST(test_bad_duplicate_key)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nlabel = 名前\n", 7,
                 "キー 'label' が二度あります（5 行目にもあります）");
}
END_TEST

START_TEST(test_bad_choices_on_text)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\nchoices = 甲、乙\ntype = text\n", 6,
                 "choices は種類 choice と multi にだけ書けます（この欄は text）");
}
END_TEST

START_TEST(test_bad_multi_without_choices)
{
    tform_expect(HEAD "[c]\nlabel = 分類\ntype = multi\nprimary = yes\n", 6,
                 "種類 multi には choices が必要です");
    tform_expect(HEAD "[c]\nlabel = 分類\ntype = choice\nchoices = 、 ,\n", 7,
                 "choices に選択肢がありません");
    tform_expect(HEAD "[c]\nlabel = 分類\ntype = choice\nchoices = 甲、乙、甲\n", 7,
                 "選択肢 '甲' が二度あります");
    tform_expect(HEAD "[c]\nlabel = 分類\ntype = multi\nchoices = 甲、*乙\n", 7,
                 "選択肢 '*乙' は '*' で始められません（主の印と紛れます）");
}
END_TEST

START_TEST(test_bad_width)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nwidth = 0\n", 7,
                 "width '0' は 1 から 200 の整数にしてください");
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nwidth = 12cells\n", 7,
                 "width '12cells' は 1 から 200 の整数にしてください");
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nwidth = -3\n", 7,
                 "width '-3' は 1 から 200 の整数にしてください");
    tform_expect(HEAD "[memo]\nlabel = メモ\nwidth = 41\ntype = longtext\n", 6,
                 "width 41 は大きすぎます（longtext は 40 行まで）");
}
END_TEST

START_TEST(test_bad_column)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\ncolumn = person.nmae\n", 7,
                 "列 'person.nmae' はありません（使える列は forms/README.md にあります）");
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\ncolumn = person.name\n"
                 "[name2]\nlabel = 名前\ntype = text\ncolumn = person.name\n", 11,
                 "列 'person.name' は欄 'name'（4 行目）でも使われています");
    tform_expect(HEAD "[birth]\nlabel = 生年月日\ncolumn = person.birth\ntype = text\n", 6,
                 "列 person.birth に種類 text は使えません（date）");
    tform_expect(HEAD "[c]\nlabel = 分類\ncolumn = consultation.concerns\ntype = choice\n"
                 "choices = 甲\n", 6,
                 "列 consultation.concerns に種類 choice は使えません（multi）");
}
END_TEST

START_TEST(test_bad_key)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nlenght = 3\n", 7,
                 "キー 'lenght' は使えません（label, type, width, required, choices, primary, "
                 "column, fill, help）");
    tform_expect("[form]\nid = t\nname = x\n", 3, "キー 'name' は使えません（id, title）");
    tform_expect("id = t\n[form]\n", 1,
                 "キー 'id' が欄の外にあります（先に [form] か [欄名] を書いてください）");
}
END_TEST

START_TEST(test_bad_values)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nrequired = はい\n", 7,
                 "required 'はい' は yes か no にしてください");
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\nfill = today\n", 7,
                 "fill 'today' は now か staff にしてください");
    tform_expect(HEAD "[d]\nlabel = 日\ntype = date\nfill = staff\n", 7,
                 "fill = staff は種類 date に使えません（text）");
    tform_expect(HEAD "[Name]\nlabel = 氏名\ntype = text\n", 4,
                 "欄名 'Name' には英小文字・数字・_ だけが使えます");
    tform_expect(HEAD "[]\n", 4, "欄名が空です");
    tform_expect("[form]\nid = t-1\ntitle = x\n", 2, "id 't-1' には英小文字・数字・_ だけが使えます");
    tform_expect(HEAD "[a23456789012345678901234567890123456789012]\n", 4,
                 "欄名 'a23456789012345678901234567890123456789012' が長すぎます（40 文字まで）");
}
END_TEST

START_TEST(test_bad_primary)
{
    tform_expect(HEAD "[c]\nlabel = 経路\ntype = choice\nchoices = 甲、乙\nprimary = yes\n", 8,
                 "primary は種類 multi にだけ書けます（この欄は choice）");
    tform_expect(HEAD "[c]\nlabel = 経路\ntype = multi\nchoices = 甲、乙\nprimary = maybe\n", 8,
                 "primary 'maybe' は yes か no にしてください");
}
END_TEST

START_TEST(test_bad_syntax)
{
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype text\n", 6, "「キー = 値」の形になっていません");
    tform_expect(HEAD "\n[name\nlabel = 氏名\n", 5, "'[' に対応する ']' がありません");
    tform_expect(HEAD "[name] x\n", 4, "']' の後ろに余計な文字があります");
    /* an indented line continues only label, title, choices and help */
    tform_expect(HEAD "[name]\nlabel = 氏名\ntype = text\n  line\n", 7,
                 "キー 'type' は次の行に続けられません（行頭に空白のある行は前の行の続きになります）");
}
END_TEST

START_TEST(test_bad_whole_file)
{
    tform_expect("[name]\nlabel = 氏名\ntype = text\n", 1,
                 "[form] がありません（id と title を書く節です）");
    tform_expect("[form]\ntitle = x\n[name]\nlabel = 氏名\ntype = text\n", 1,
                 "[form] に id がありません");
    tform_expect("[form]\nid = t\n[name]\nlabel = 氏名\ntype = text\n", 1,
                 "[form] に title がありません");
    tform_expect("# nothing but the header\n" HEAD, 2, "欄が一つもありません");
    tform_expect("", 1, "[form] がありません（id と title を書く節です）");
}
END_TEST

START_TEST(test_bad_bytes)
{
    char long_line[TFORM_PATH_MAX], text[TFORM_PATH_MAX * 2], reason[FORM_ERR_MAX];
    /* one byte over what fits inih's buffer */
    memset(long_line, 'x', TFORM_LINE_MAX + 1);
    long_line[TFORM_LINE_MAX + 1] = '\0';
    snprintf(text, sizeof text, HEAD "[n]\nlabel = 氏名\ntype = text\nhelp = %s\n", long_line);
    snprintf(reason, sizeof reason, "行が長すぎます（%d バイト、日本語でおよそ %d 字まで。"
             "choices と help は字下げした次の行に続けられます）", TFORM_LINE_MAX, TFORM_LINE_MAX / 3);
    tform_expect(text, 7, reason);
    /* exactly the limit fits */
    form f;
    snprintf(text, sizeof text, HEAD "[n]\nlabel = 氏名\ntype = text\nhelp = %.*s\n",
             TFORM_LINE_MAX - (int)strlen("help = "), long_line);
    tform_good(text, &f);
    ck_assert_uint_eq(strlen(f.fields[0].help), TFORM_LINE_MAX - strlen("help = "));
    form_free(&f);
    /* 氏名 in Shift_JIS, as Notepad or Excel may save it */
    tform_expect(HEAD "[n]\nlabel = \x8e\x81\x96\xbc\ntype = text\n", 5,
                 "UTF-8 として読めない文字があります（Shift_JIS などで保存していませんか）");
}
END_TEST

START_TEST(test_missing_file)
{
    char err[FORM_ERR_MAX], path[TFORM_FILE_MAX];
    snprintf(path, sizeof path, "%s/none.form", g_tmp);
    form f;
    ck_assert_int_eq(form_load(path, &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, path));
    ck_assert_ptr_nonnull(strstr(err, "開けません"));
    ck_assert_ptr_null(f.fields);
}
END_TEST

/* ---- what a good file may look like -------------------------------------- */

START_TEST(test_layout_freedom)
{
    /* BOM, CRLF, indented keys, comments and inline comments, continued
     * choices and help, a commented continuation; the line numbers stay
     * right through all of it. */
    form f;
    tform_good("\xEF\xBB\xBF[form]\r\n"                    /* 1 */
               "id = t\r\n"                                /* 2 */
               "title = 題 ; comment\r\n"                   /* 3 */
               "\r\n"                                      /* 4 */
               "  [c]\r\n"                                 /* 5 */
               "  label = 分類\r\n"                         /* 6 */
               "  type = multi\r\n"                        /* 7 */
               "  choices = 甲、乙,\r\n"                    /* 8 */
               "     丙 , 丁 ; not a choice\r\n"            /* 9 */
               "     戊\r\n"                                /* 10 */
               "  help = Press the\r\n"                    /* 11 */
               "    space key. 空白で\r\n"                  /* 12 */
               "    選びます\r\n"                           /* 13 */
               "  primary = no\r\n"                        /* 14 */
               "[x]\r\n"                                   /* 15 */
               "label = 追加\r\n"                           /* 16 */
               "type = text\r\n"                           /* 17 */
               "column =\r\n",                             /* 18 */
               &f);
    ck_assert_str_eq(f.title, "題");
    ck_assert_uint_eq(f.n_fields, 2);
    const form_field *c = &f.fields[0];
    ck_assert_int_eq(c->line, 5);
    char buf[FORM_ERR_MAX];
    tform_choices(c, buf, sizeof buf);
    ck_assert_str_eq(buf, "甲|乙|丙|丁|戊");
    ck_assert_str_eq(c->help, "Press the space key. 空白で選びます");
    ck_assert(!c->primary);
    ck_assert_int_eq(c->width, 40);
    ck_assert_int_eq(f.fields[1].line, 15);
    ck_assert_str_eq(f.fields[1].column, "");
    ck_assert_str_eq(f.fields[1].help, "");
    form_free(&f);

    /* errors after continuation lines carry the right line */
    tform_expect(HEAD "[c]\nlabel = 分類\ntype = multi\nchoices = 甲\n  乙\n  丙\nwidth = x\n",
                 10, "width 'x' は 1 から 200 の整数にしてください");
}
END_TEST

START_TEST(test_free_is_safe)
{
    form f;
    memset(&f, 0, sizeof f);
    form_free(&f);
    form_free(&f);
    form_free(NULL);
    tform_good(HEAD "[a]\nlabel = A\ntype = yesno\n", &f);
    ck_assert_int_eq(f.fields[0].width, 6);
    form_free(&f);
    ck_assert_ptr_null(f.fields);
    ck_assert_uint_eq(f.n_fields, 0);
    form_free(&f);
}
END_TEST

/* ---- form_find ----------------------------------------------------------- */

START_TEST(test_find_order)
{
    char dir[TFORM_DIR_MAX], path[TFORM_FILE_MAX], err[FORM_ERR_MAX], want[TFORM_WANT_MAX];
    form f;

    /* $TSUNAGI_FORMS wins over the source tree */
    tform_mkdtemp(dir, sizeof dir);
    tform_write(dir, "intake.form",
                "[form]\nid = intake\ntitle = 町の受付票\n[memo]\nlabel = メモ\ntype = longtext\n",
                path, sizeof path);
    ck_assert_int_eq(setenv("TSUNAGI_FORMS", dir, 1), 0);
    ck_assert_msg(form_find("intake", &f, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(f.path, path);
    ck_assert_str_eq(f.title, "町の受付票");
    ck_assert_uint_eq(f.n_fields, 1);
    form_free(&f);

    /* a bad file there is an error, not a silent fall back */
    tform_write(dir, "intake.form", "[form]\nid = intake\ntitle = 町\n[memo]\nlabel = メモ\n"
                "type = memo\n", path, sizeof path);
    ck_assert_int_eq(form_find("intake", &f, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:6: 種類 'memo' は使えません（text, longtext, date, choice, "
             "multi, yesno, number, phone）", path);
    ck_assert_str_eq(err, want);

    /* so is a file that names another form */
    tform_write(dir, "intake.form", "[form]\nid = other\ntitle = 町\n[memo]\nlabel = メモ\n"
                "type = text\n", path, sizeof path);
    ck_assert_int_eq(form_find("intake", &f, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:2: id 'other' がファイル名 'intake.form' と合いません", path);
    ck_assert_str_eq(err, want);
    tform_rm(dir, "intake.form");

    /* a directory without the file: the next place is used */
    tform_mkdtemp(dir, sizeof dir);
    ck_assert_int_eq(setenv("TSUNAGI_FORMS", dir, 1), 0);
    ck_assert_msg(form_find("assessment", &f, err, sizeof err) == 0, "%s", err);
    ck_assert(strncmp(f.path, dir, strlen(dir)) != 0);
    ck_assert_str_eq(f.id, "assessment");
    form_free(&f);
    tform_rm(dir, "");
    ck_assert_int_eq(unsetenv("TSUNAGI_FORMS"), 0);
}
END_TEST

START_TEST(test_find_errors)
{
    char err[FORM_ERR_MAX];
    form f;
    ck_assert_int_eq(form_find("../etc/passwd", &f, err, sizeof err), -1);
    ck_assert_str_eq(err, "様式名 '../etc/passwd' が正しくありません");
    ck_assert_int_eq(form_find("", &f, err, sizeof err), -1);
    ck_assert_int_eq(form_find("no_such_form", &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "様式 no_such_form.form が見つかりません"));
    ck_assert_ptr_nonnull(strstr(err, "/etc/tsunagi/forms"));
    ck_assert_ptr_null(f.fields);
}
END_TEST

/* ---- lookups ------------------------------------------------------------- */

START_TEST(test_lookups)
{
    char path[TFORM_PATH_MAX], err[FORM_ERR_MAX];
    tform_default("intake", path, sizeof path);
    form f;
    ck_assert_msg(form_load(path, &f, err, sizeof err) == 0, "%s", err);
    const form_field *fl = form_field_by_id(&f, "birth");
    ck_assert_ptr_nonnull(fl);
    ck_assert_str_eq(fl->label, "生年月日");
    ck_assert_ptr_eq(form_field_by_column(&f, "person.birth"), fl);
    fl = form_field_by_column(&f, "consultation.disposition");
    ck_assert_ptr_nonnull(fl);
    ck_assert_str_eq(fl->id, "disposition");
    ck_assert_ptr_null(form_field_by_id(&f, "nope"));
    ck_assert_ptr_null(form_field_by_id(&f, "Birth"));
    ck_assert_ptr_null(form_field_by_column(&f, "person.nope"));
    /* extra fields have no column and are not found by "" */
    ck_assert_ptr_null(form_field_by_column(&f, ""));
    ck_assert_ptr_null(form_field_by_column(&f, NULL));
    form_free(&f);

    ck_assert_str_eq(form_type_label(FORM_TEXT), "一行");
    ck_assert_str_eq(form_type_label(FORM_DATE), "日付");
    ck_assert_str_eq(form_type_label(FORM_MULTI), "複数選択");
    ck_assert_str_eq(form_type_label(FORM_PHONE), "電話番号");
    for (form_type t = FORM_TEXT; t < FORM_N_TYPES; t++)
        ck_assert_str_ne(form_type_label(t), "?");
    ck_assert_str_eq(form_type_label(FORM_N_TYPES), "?");
}
END_TEST

/* ---- form_check ---------------------------------------------------------- */

/* A field of the given type for the value checks. */
static form_field tform_make(form_type type, bool required)
{
    form_field fl;
    memset(&fl, 0, sizeof fl);
    fl.id = (char *)"x";
    fl.label = (char *)"X";
    fl.column = (char *)"";
    fl.help = (char *)"";
    fl.type = type;
    fl.required = required;
    return fl;
}

START_TEST(test_check_required)
{
    char norm[TFORM_NORM_MAX];
    for (form_type t = FORM_TEXT; t < FORM_N_TYPES; t++) {
        form_field fl = tform_make(t, true);
        ck_assert_str_eq(form_check(&fl, "", norm, sizeof norm), "必須です");
        ck_assert_str_eq(form_check(&fl, NULL, norm, sizeof norm), "必須です");
        ck_assert_str_eq(form_check(&fl, " \xE3\x80\x80 ", norm, sizeof norm), "必須です");
        fl.required = false;
        ck_assert_ptr_null(form_check(&fl, "", norm, sizeof norm));
        ck_assert_str_eq(norm, "");
    }
}
END_TEST

START_TEST(test_check_text)
{
    form_field fl = tform_make(FORM_TEXT, false);
    ck_assert_ptr_null(form_check(&fl, "山田 太郎", NULL, 0));
    ck_assert_str_eq(form_check(&fl, "一行目\n二行目", NULL, 0), "改行は入れられません");
    ck_assert_str_eq(form_check(&fl, "bad \xff byte", NULL, 0), "文字が正しくありません");
    fl.type = FORM_LONGTEXT;
    ck_assert_ptr_null(form_check(&fl, "一行目\n二行目", NULL, 0));
}
END_TEST

START_TEST(test_check_date)
{
    form_field fl = tform_make(FORM_DATE, false);
    char norm[TFORM_NORM_MAX];
    static const char *const bad = "日付として読めません（例: 令和8年4月1日、R8.4.1、2026-04-01）";
    static const struct { const char *in, *iso; } good[] = {
        { "S45.3.1", "1970-03-01" },
        { "昭和45年3月1日", "1970-03-01" },
        { "令和元年5月1日", "2019-05-01" },
        { "R8.4.1", "2026-04-01" },
        { "２０２６－０４－０１", "2026-04-01" },
        { "2026/4/1", "2026-04-01" },
        { " 2026-04-01 ", "2026-04-01" },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        strcpy(norm, "junk");
        ck_assert_msg(form_check(&fl, good[i].in, norm, sizeof norm) == NULL, "%s", good[i].in);
        ck_assert_str_eq(norm, good[i].iso);
    }
    ck_assert_str_eq(form_check(&fl, "平成31年5月1日", norm, sizeof norm), bad);
    ck_assert_str_eq(norm, "");
    ck_assert_str_eq(form_check(&fl, "令和8年2月30日", norm, sizeof norm), bad);
    ck_assert_str_eq(form_check(&fl, "あした", norm, sizeof norm), bad);
    /* norm may be NULL */
    ck_assert_ptr_null(form_check(&fl, "S45.3.1", NULL, 0));
}
END_TEST

START_TEST(test_check_number)
{
    form_field fl = tform_make(FORM_NUMBER, false);
    char norm[TFORM_NORM_MAX];
    static const char *const bad = "整数で入れてください（例: 3、-2）";
    ck_assert_ptr_null(form_check(&fl, "42", norm, sizeof norm));
    ck_assert_str_eq(norm, "42");
    ck_assert_ptr_null(form_check(&fl, "３", norm, sizeof norm));
    ck_assert_str_eq(norm, "3");
    ck_assert_ptr_null(form_check(&fl, "-007", norm, sizeof norm));
    ck_assert_str_eq(norm, "-7");
    ck_assert_ptr_null(form_check(&fl, "－１２", norm, sizeof norm));
    ck_assert_str_eq(norm, "-12");
    ck_assert_ptr_null(form_check(&fl, "0", norm, sizeof norm));
    ck_assert_str_eq(norm, "0");
    ck_assert_ptr_null(form_check(&fl, "999999999", norm, sizeof norm));
    ck_assert_str_eq(norm, "999999999");
    ck_assert_str_eq(form_check(&fl, "1000000000", norm, sizeof norm), "数が大きすぎます（9 桁まで）");
    ck_assert_str_eq(form_check(&fl, "1.5", norm, sizeof norm), bad);
    ck_assert_str_eq(form_check(&fl, "3,000", norm, sizeof norm), bad);
    ck_assert_str_eq(form_check(&fl, "三", norm, sizeof norm), bad);
    ck_assert_str_eq(form_check(&fl, "-", norm, sizeof norm), bad);
    ck_assert_str_eq(form_check(&fl, "12a", norm, sizeof norm), bad);
}
END_TEST

START_TEST(test_check_phone)
{
    form_field fl = tform_make(FORM_PHONE, false);
    ck_assert_ptr_null(form_check(&fl, "090-1234-5678", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "０９０－１２３４－５６７８", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "０２３８ー８４ー２１１１", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "(0238) 84‐2111", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "（０２３８）８４　２１１１", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "1234", NULL, 0));
    ck_assert_str_eq(form_check(&fl, "123", NULL, 0), "電話番号の数字が足りません（4 桁以上）");
    ck_assert_str_eq(form_check(&fl, "--(1)--", NULL, 0), "電話番号の数字が足りません（4 桁以上）");
    ck_assert_str_eq(form_check(&fl, "0123456789012345", NULL, 0),
                     "電話番号の数字が多すぎます（15 桁まで）");
    ck_assert_str_eq(form_check(&fl, "090-1234-5678 内線", NULL, 0),
                     "電話番号には数字・ハイフン・空白・かっこだけが使えます");
    ck_assert_str_eq(form_check(&fl, "+81-90-1234-5678", NULL, 0),
                     "電話番号には数字・ハイフン・空白・かっこだけが使えます");
}
END_TEST

START_TEST(test_check_choice_and_yesno)
{
    char *choices[] = { (char *)"窓口", (char *)"電話", (char *)"LINE" };
    form_field fl = tform_make(FORM_CHOICE, true);
    fl.choices = choices;
    fl.n_choices = sizeof choices / sizeof choices[0];
    ck_assert_ptr_null(form_check(&fl, "電話", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "LINE", NULL, 0));
    ck_assert_str_eq(form_check(&fl, "line", NULL, 0), "選択肢にありません");
    ck_assert_str_eq(form_check(&fl, "電", NULL, 0), "選択肢にありません");
    ck_assert_str_eq(form_check(&fl, "電話\n窓口", NULL, 0), "選択肢にありません");

    form_field yn = tform_make(FORM_YESNO, false);
    ck_assert_ptr_null(form_check(&yn, "はい", NULL, 0));
    ck_assert_ptr_null(form_check(&yn, "いいえ", NULL, 0));
    ck_assert_str_eq(form_check(&yn, "yes", NULL, 0), "「はい」か「いいえ」を選んでください");
    ck_assert_str_eq(form_check(&yn, "はいいいえ", NULL, 0), "「はい」か「いいえ」を選んでください");
}
END_TEST

START_TEST(test_check_multi)
{
    char *choices[] = { (char *)"住まい", (char *)"収入", (char *)"債務", (char *)"8050" };
    form_field fl = tform_make(FORM_MULTI, false);
    fl.choices = choices;
    fl.n_choices = sizeof choices / sizeof choices[0];
    fl.primary = true;
    char value[FORM_ERR_MAX];
    snprintf(value, sizeof value, "住まい%s%s債務%s8050", FORM_MULTI_SEP, FORM_PRIMARY_MARK,
             FORM_MULTI_SEP);
    ck_assert_ptr_null(form_check(&fl, value, NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "収入", NULL, 0));
    ck_assert_ptr_null(form_check(&fl, "*収入", NULL, 0));
    ck_assert_str_eq(form_check(&fl, "*収入\n*債務", NULL, 0), "主（最も重要な項目）は一つだけです");
    ck_assert_str_eq(form_check(&fl, "収入\n家賃", NULL, 0), "選択肢にない項目があります");
    ck_assert_str_eq(form_check(&fl, "収入\n\n債務", NULL, 0), "空の項目があります");
    ck_assert_str_eq(form_check(&fl, "収入\n", NULL, 0), "空の項目があります");
    ck_assert_str_eq(form_check(&fl, "*", NULL, 0), "空の項目があります");
    ck_assert_str_eq(form_check(&fl, "収入\n*収入", NULL, 0), "同じ項目が二度あります");
    ck_assert_str_eq(form_check(&fl, "収入、債務", NULL, 0), "選択肢にない項目があります");
    fl.primary = false;
    ck_assert_ptr_null(form_check(&fl, "収入\n債務", NULL, 0));
    ck_assert_str_eq(form_check(&fl, "*収入\n債務", NULL, 0), "この欄では主（最も重要な項目）を選べません");
}
END_TEST

START_TEST(test_check_intake_fields)
{
    /* the values the intake screen writes pass the loaded form's checks */
    char path[TFORM_PATH_MAX], err[FORM_ERR_MAX], norm[TFORM_NORM_MAX];
    tform_default("intake", path, sizeof path);
    form f;
    ck_assert_msg(form_load(path, &f, err, sizeof err) == 0, "%s", err);
    ck_assert_ptr_null(form_check(tform_field(&f, "concerns"), "*8050\n介護\nひきこもり・不登校",
                                  norm, sizeof norm));
    ck_assert_ptr_null(form_check(tform_field(&f, "birth"), "S45.3.1", norm, sizeof norm));
    ck_assert_str_eq(norm, "1970-03-01");
    ck_assert_ptr_null(form_check(tform_field(&f, "phone"), "０２３８－８４－２１１１", norm, sizeof norm));
    ck_assert_str_eq(form_check(tform_field(&f, "channel"), "FAX", norm, sizeof norm), "選択肢にありません");
    ck_assert_str_eq(form_check(tform_field(&f, "content"), "", norm, sizeof norm), "必須です");
    ck_assert_ptr_null(form_check(tform_field(&f, "name"), "", norm, sizeof norm));
    form_free(&f);
}
END_TEST

/* ---- the runner --------------------------------------------------------- */

/* The tests of form files. */
static Suite *load_suite(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("inih");
    tcase_add_test(tc, test_inih_calls_handler_after_its_line);
    tcase_add_test(tc, test_inih_multiline_does_not_reach_the_loader);
    suite_add_tcase(s, tc);
    tc = tcase_create("defaults");
    tcase_add_test(tc, test_intake_form);
    tcase_add_test(tc, test_assessment_form);
    tcase_add_test(tc, test_default_forms_have_no_ambiguous_width);
    tcase_add_test(tc, test_lookups);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad");
    tcase_add_test(tc, test_bad_unknown_type);
    tcase_add_test(tc, test_bad_missing_label);
    tcase_add_test(tc, test_bad_missing_type);
    tcase_add_test(tc, test_bad_duplicate_id);
    tcase_add_test(tc, test_bad_duplicate_key);
    tcase_add_test(tc, test_bad_choices_on_text);
    tcase_add_test(tc, test_bad_multi_without_choices);
    tcase_add_test(tc, test_bad_width);
    tcase_add_test(tc, test_bad_column);
    tcase_add_test(tc, test_bad_key);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_bad_primary);
    tcase_add_test(tc, test_bad_syntax);
    tcase_add_test(tc, test_bad_whole_file);
    tcase_add_test(tc, test_bad_bytes);
    tcase_add_test(tc, test_missing_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("good");
    tcase_add_test(tc, test_layout_freedom);
    tcase_add_test(tc, test_free_is_safe);
    suite_add_tcase(s, tc);
    tc = tcase_create("find");
    tcase_add_test(tc, test_find_order);
    tcase_add_test(tc, test_find_errors);
    suite_add_tcase(s, tc);
    return s;
}

/* The tests of typed values. */
static Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("types");
    tcase_add_test(tc, test_check_required);
    tcase_add_test(tc, test_check_text);
    tcase_add_test(tc, test_check_date);
    tcase_add_test(tc, test_check_number);
    tcase_add_test(tc, test_check_phone);
    tcase_add_test(tc, test_check_choice_and_yesno);
    tcase_add_test(tc, test_check_multi);
    tcase_add_test(tc, test_check_intake_fields);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    const char *src = getenv("TSUNAGI_SRCDIR");
    snprintf(g_srcdir, sizeof g_srcdir, "%s", src && src[0] ? src : ".");
    /* the search order is under test: a developer's setting must not leak in */
    unsetenv("TSUNAGI_FORMS");
    snprintf(g_tmp, sizeof g_tmp, "%s", TFORM_TMP_TEMPLATE);
    if (mkdtemp(g_tmp) == NULL) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }

    SRunner *sr = srunner_create(load_suite());
    srunner_add_suite(sr, check_suite());
    srunner_run_all(sr, CK_ENV);  /* CK_VERBOSITY=verbose lists every case */
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);

    static const char *const files[] = { "bad.form", "good.form", "probe.ini", "multi.ini" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[TFORM_FILE_MAX];
        snprintf(path, sizeof path, "%s/%s", g_tmp, files[i]);
        unlink(path);
    }
    rmdir(g_tmp);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
