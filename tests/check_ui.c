/* check_ui.c - unit tests of the editing logic under the screens: the
 * one-line field (cursor by character, a full-width character deleted as
 * one, input-method bursts), long-text wrapping by display width, and
 * the context lines a form's draft carries.  No
 * terminal is needed: these parts only compute. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* Feed the characters of a UTF-8 string to a field, as wget_wch would
 * deliver an input method's burst. */
static void tui_type(ui_field *f, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += txt_utf8_next(s + i, len - i, &cp);
        ui_key k = { UI_KEY_CHAR, (wchar_t)cp, 0 };
        ui_field_key(f, &k);
    }
}

/* Press a non-character key on a field. */
static bool tui_press(ui_field *f, ui_key_kind kind)
{
    ui_key k = { kind, 0, 0 };
    return ui_field_key(f, &k);
}

START_TEST(test_field_backspace_full_width)
{
    ui_field f;
    ui_field_init(&f, 0);
    tui_type(&f, "山田　花子");
    ck_assert(tui_press(&f, UI_KEY_BACKSPACE));
    ck_assert_str_eq(ui_field_text(&f), "山田　花");
    tui_press(&f, UI_KEY_LEFT);
    tui_press(&f, UI_KEY_LEFT);
    ck_assert(tui_press(&f, UI_KEY_DELETE));
    ck_assert_str_eq(ui_field_text(&f), "山田花");
    tui_type(&f, "𠮷");
    ck_assert_str_eq(ui_field_text(&f), "山田𠮷花");
    tui_press(&f, UI_KEY_HOME);
    ck_assert(!tui_press(&f, UI_KEY_BACKSPACE));
    ck_assert_uint_eq(f.cursor, 0);
    tui_press(&f, UI_KEY_END);
    ck_assert_uint_eq(f.cursor, strlen("山田𠮷花"));
    ui_field_free(&f);
}
END_TEST

START_TEST(test_field_limit_and_kill)
{
    ui_field f;
    ui_field_init(&f, 3);
    tui_type(&f, "ｱｲｳｴｵ");
    ck_assert_str_eq(ui_field_text(&f), "ｱｲｳ");
    ck_assert(tui_press(&f, UI_KEY_KILL));
    ck_assert_str_eq(ui_field_text(&f), "");
    ui_field_free(&f);
}
END_TEST

START_TEST(test_wrap_by_width)
{
    size_t n;
    /* Five cells: two kanji fit, the third goes to the next line whole. */
    ui_line *l = ui_text_wrap("山田太郎", 5, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(l[0].start, 0);
    ck_assert_uint_eq(l[0].end, strlen("山田"));
    ck_assert_uint_eq(l[1].start, strlen("山田"));
    ck_assert_uint_eq(l[1].end, strlen("山田太郎"));
    free(l);
    /* Half-width kana are one cell each. */
    l = ui_text_wrap("ﾔﾏﾀﾞﾀﾛｳ", 5, &n);
    ck_assert_uint_eq(n, 2);
    free(l);
}
END_TEST

START_TEST(test_wrap_newlines_and_marks)
{
    size_t n;
    const char *t = "あ\n\nいう";
    ui_line *l = ui_text_wrap(t, 10, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(l[1].start, l[1].end);   /* the empty line */
    free(l);
    /* か + combining dakuten stays together at the edge of the line. */
    const char *k = "あか\xe3\x82\x99";
    l = ui_text_wrap(k, 3, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(l[1].start, strlen("あ"));
    ck_assert_uint_eq(l[1].end, strlen(k));
    free(l);
    l = ui_text_wrap("", 10, &n);
    ck_assert_uint_eq(n, 1);
    free(l);
}
END_TEST

START_TEST(test_text_enter_and_vertical)
{
    ui_text t;
    ui_field_init(&t.f, 0);
    t.first = 0;
    tui_type(&t.f, "一行目");
    ui_key enter = { UI_KEY_ENTER, 0, 0 }, up = { UI_KEY_UP, 0, 0 }, down = { UI_KEY_DOWN, 0, 0 };
    bool changed;
    ck_assert(ui_text_key(&t, &enter, 20, &changed));
    ck_assert(changed);
    tui_type(&t.f, "二");
    ck_assert_str_eq(ui_field_text(&t.f), "一行目\n二");
    /* Up goes to the same column of the line above; Up again is not ours. */
    ck_assert(ui_text_key(&t, &up, 20, &changed));
    ck_assert_uint_eq(t.f.cursor, strlen("一"));
    ck_assert(!ui_text_key(&t, &up, 20, &changed));
    ck_assert(ui_text_key(&t, &down, 20, &changed));
    ck_assert(!ui_text_key(&t, &down, 20, &changed));
    ui_field_free(&t.f);
}
END_TEST

/* A form's draft carries the numbers a screen needs to open it again and
 * the values it was typed on; setting a line twice keeps the last. */
START_TEST(test_draft_context)
{
    ui_panel p;
    memset(&p, 0, sizeof p);
    p.open = true;
    ui_panel_context(&p, UI_DRAFT_PERSON, 12);
    ui_panel_context(&p, UI_DRAFT_CASE, 7);
    ui_panel_context_base(&p, "sources\t面談\nbackground\t民生委員から\\n電話\n");
    ui_panel_context(&p, UI_DRAFT_CASE, 8);
    ui_panel_context_base(&p, "background\t紹介状\n");
    const char *data = "goal\t働く\n#personal\t99\n";
    char *all = malloc(strlen(data) + strlen(p.context) + 1);
    ck_assert_ptr_nonnull(all);
    strcpy(all, data);
    strcat(all, p.context);
    ck_assert_int_eq(ui_keep_context(all, UI_DRAFT_PERSON), 12);   /* not #personal */
    ck_assert_int_eq(ui_keep_context(all, UI_DRAFT_CASE), 8);
    ck_assert_int_eq(ui_keep_context(all, UI_DRAFT_REPLACES), 0);
    char *base = ui_keep_base(all);
    ck_assert_str_eq(base, "background\t紹介状\n");
    free(base);
    base = ui_keep_base(data);
    ck_assert_str_eq(base, "");
    free(base);
    free(all);
    free(p.context);
}
END_TEST

/* The suite of screen logic that needs no terminal. */
static Suite *tui_suite(void)
{
    Suite *s = suite_create("ui");
    TCase *tc = tcase_create("editing");
    tcase_add_test(tc, test_field_backspace_full_width);
    tcase_add_test(tc, test_field_limit_and_kill);
    tcase_add_test(tc, test_wrap_by_width);
    tcase_add_test(tc, test_wrap_newlines_and_marks);
    tcase_add_test(tc, test_text_enter_and_vertical);
    tcase_add_test(tc, test_draft_context);
    suite_add_tcase(s, tc);
    return s;
}

/* Run the suite; the exit status says whether anything failed. */
int main(void)
{
    SRunner *sr = srunner_create(tui_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
