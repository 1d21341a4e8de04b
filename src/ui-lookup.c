/* ui-lookup.c - quick lookup, the first screen: the person is found while
 * the name is still being typed, in any kana form, width or variant. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ui-int.h"

/* Rows fetched per search: more than a screen shows, few enough that
 * every keystroke stays fast. */
#define UI_LOOKUP_LIMIT 50
#define UI_LOOKUP_QUERY_MAX 64
#define UI_LOOKUP_LABEL "検索語: "
#define UI_CELL_MAX 64

enum { UI_COL_ID, UI_COL_NAME, UI_COL_KANA, UI_COL_CONSENT, UI_COL_AGE, UI_COL_BIRTH,
       UI_COL_ADDRESS, UI_COL_PHONE, UI_N_COLS };

/* The result columns; the address takes whatever width is left. */
static const struct {
    const char *label;
    int width;           /* 0: flexible */
    bool right;          /* right-aligned */
} ui_lookup_cols[UI_N_COLS] = {
    [UI_COL_ID] = { "番号", 6, true },
    [UI_COL_NAME] = { "氏名", 14, false },
    [UI_COL_KANA] = { "フリガナ", 12, false },
    [UI_COL_CONSENT] = { "同意", 4, false },
    [UI_COL_AGE] = { "年齢", 5, true },
    [UI_COL_BIRTH] = { "生年月日", 9, false },
    [UI_COL_ADDRESS] = { "住所", 0, false },
    [UI_COL_PHONE] = { "電話", 13, false },
};

/* The consent column's word for each state: short, so that the address
 * keeps its room; the summary and F4 say it in full. */
static const char *const ui_lookup_consent_words[] = {
    [DOM_CONSENT_NONE] = "なし",
    [DOM_CONSENT_GIVEN] = "あり",
    [DOM_CONSENT_WITHDRAWN] = "撤回",
};

/* An empty lookup with an empty query. */
void ui_lookup_init(ui_lookup *l)
{
    memset(l, 0, sizeof *l);
    ui_field_init(&l->query, UI_LOOKUP_QUERY_MAX);
}

/* Forget the rows of the last search. */
static void ui_lookup_clear_rows(ui_lookup *l)
{
    db_person_list_free(l->rows, l->n_rows);
    free(l->consent);
    l->consent = NULL;
    l->rows = NULL;
    l->n_rows = 0;
    l->more = false;
    l->selected = 0;
    l->top = 0;
}

/* Free the lookup's rows and query. */
void ui_lookup_free(ui_lookup *l)
{
    ui_lookup_clear_rows(l);
    ui_field_free(&l->query);
    free(l->searched);
    l->searched = NULL;
}

/* Run the pending search, if the query changed since the last one. */
void ui_lookup_refresh(ui_app *a)
{
    ui_lookup *l = &a->lookup;
    const char *q = ui_field_text(&l->query);
    if (l->searched && strcmp(l->searched, q) == 0)
        return;
    ui_lookup_clear_rows(l);
    free(l->searched);
    l->searched = strdup(q);
    if (db_search(a->d, q, UI_LOOKUP_LIMIT, &l->rows, &l->n_rows, &l->more) != DB_OK ||
        (l->n_rows > 0 && (l->consent = calloc(l->n_rows, sizeof *l->consent)) == NULL)) {
        ui_message(a, UI_ALERT, "検索できません: %s", db_errtext(a->d));
        /* Search again at the next chance: the query is kept. */
        free(l->searched);
        l->searched = NULL;
    }
}

/* The width of the flexible column at this terminal width. */
static int ui_lookup_flex(void)
{
    int used = 0;
    for (int c = 0; c < UI_N_COLS; c++)
        used += ui_lookup_cols[c].width + 1;
    return ui_cols() - used - 1;
}

/* Draw one cell of a row and return the column after it and its gap. */
static int ui_lookup_cell(int y, int x, int c, ui_attr attr, const char *text)
{
    int w = ui_lookup_cols[c].width ? ui_lookup_cols[c].width : ui_lookup_flex();
    if (ui_lookup_cols[c].right) {
        int tw = txt_width(text, strlen(text));
        if (tw < w)
            x = ui_put(y, x, w - tw, attr, "");
        w = tw < w ? tw : w;
    }
    x = ui_put(y, x, w, attr, text);
    return ui_put(y, x, 1, attr, "");
}

/* Draw the column headings. */
static void ui_lookup_heading(int y)
{
    int x = 1;
    for (int c = 0; c < UI_N_COLS; c++)
        x = ui_lookup_cell(y, x, c, UI_HEADING, ui_lookup_cols[c].label);
}

/* The consent word of row i, read when the row is first shown (only the
 * rows on screen cost a query; "" when it cannot be read). */
static const char *ui_lookup_consent(ui_app *a, size_t i)
{
    ui_lookup *l = &a->lookup;
    if (l->consent[i] == 0) {
        int in_force = 0, total = 0;
        if (db_consent_counts(a->d, l->rows[i].id, &in_force, &total) != DB_OK)
            return "";
        l->consent[i] = (signed char)(dom_consent_state_of(in_force, total) + 1);
    }
    return ui_lookup_consent_words[l->consent[i] - 1];
}

/* Draw one result row. */
static void ui_lookup_row(int y, const db_person *p, const char *consent, bool selected,
                          txt_date today)
{
    ui_attr attr = selected ? UI_SELECTED : UI_NORMAL;
    char id[UI_CELL_MAX], age[UI_CELL_MAX], birth[UI_CELL_MAX] = "";
    snprintf(id, sizeof id, "%lld", (long long)p->id);
    int years = dom_person_age(p, today);
    if (years >= 0)
        snprintf(age, sizeof age, "%d歳", years);
    else
        age[0] = '\0';
    txt_date b;
    if (p->birth[0] && txt_date_parse(p->birth, strlen(p->birth), &b) == 0)
        txt_date_wareki_short(b, birth, sizeof birth);
    ui_put(y, 0, 1, attr, selected ? ">" : " ");
    const char *cells[UI_N_COLS] = {
        [UI_COL_ID] = id, [UI_COL_NAME] = p->name, [UI_COL_KANA] = p->kana,
        [UI_COL_CONSENT] = consent,
        [UI_COL_AGE] = age, [UI_COL_BIRTH] = birth,
        [UI_COL_ADDRESS] = p->address, [UI_COL_PHONE] = p->phone,
    };
    int x = 1;
    for (int c = 0; c < UI_N_COLS; c++)
        x = ui_lookup_cell(y, x, c, attr, cells[c]);
}

/* The first row of the result list on screen. */
static int ui_lookup_list_top(void)
{
    return ui_body_top() + 3;
}

/* How many result rows fit. */
static size_t ui_lookup_visible(void)
{
    int n = ui_body_bottom() - ui_lookup_list_top() + 1;
    return n > 0 ? (size_t)n : 0;
}

/* Draw the lookup screen. */
static void ui_lookup_draw(ui_app *a)
{
    ui_lookup *l = &a->lookup;
    int y = ui_body_top();
    int x = ui_puts(y, 0, UI_HEADING, UI_LOOKUP_LABEL);
    int cx = ui_field_draw(&l->query, y, x, ui_cols() - x - 1, UI_NORMAL);
    if (ui_field_text(&l->query)[0] == '\0')
        ui_puts(y + 1, 0, UI_DIM, "氏名・フリガナ（ひらがな・カタカナ・半角可）・電話（下4桁可）・住所・#番号");
    else if (l->n_rows == 0)
        ui_puts(y + 1, 0, UI_NORMAL, "該当する人はいません");
    else
        ui_putf(y + 1, 0, UI_NORMAL, "%zu件%s  上下キーで選び Enter で開く",
                l->n_rows, l->more ? "以上（続けて入力して絞り込めます）" : "");
    if (ui_field_text(&l->query)[0] == '\0') {
        /* Nothing typed yet: the day's 予定 where the results will be. */
        ui_dashboard_brief(a, y + 2, ui_body_bottom());
        ui_cursor(y, cx);
        return;
    }
    ui_lookup_heading(y + 2);
    size_t vis = ui_lookup_visible();
    if (l->selected < l->top)
        l->top = l->selected;
    if (vis > 0 && l->selected >= l->top + vis)
        l->top = l->selected - vis + 1;
    txt_date today = dom_today();
    for (size_t i = 0; i < vis && l->top + i < l->n_rows; i++)
        ui_lookup_row(ui_lookup_list_top() + (int)i, &l->rows[l->top + i],
                      ui_lookup_consent(a, l->top + i), l->top + i == l->selected, today);
    ui_cursor(y, cx);
}

/* At a quiet moment: read the day's 予定 when the empty lookup shows it. */
bool ui_lookup_idle(ui_app *a)
{
    return ui_field_text(&a->lookup.query)[0] == '\0' && ui_dashboard_refresh(a);
}

/* Move the selection by delta rows, within the list. */
static void ui_lookup_move(ui_lookup *l, long delta)
{
    if (l->n_rows == 0)
        return;
    long s = (long)l->selected + delta;
    if (s < 0)
        s = 0;
    if (s >= (long)l->n_rows)
        s = (long)l->n_rows - 1;
    l->selected = (size_t)s;
}

/* Take a key on the lookup screen. */
static bool ui_lookup_key(ui_app *a, const ui_key *k)
{
    ui_lookup *l = &a->lookup;
    long page = (long)ui_lookup_visible();
    switch (k->kind) {
    case UI_KEY_UP: ui_lookup_move(l, -1); return true;
    case UI_KEY_DOWN: ui_lookup_move(l, 1); return true;
    case UI_KEY_PGUP: ui_lookup_move(l, -page); return true;
    case UI_KEY_PGDN: ui_lookup_move(l, page); return true;
    case UI_KEY_ENTER:
        if (l->n_rows > 0)
            ui_summary_open(a, l->rows[l->selected].id);
        return true;
    case UI_KEY_BACK:
        /* ESC on the first screen empties the query for the next caller. */
        ui_field_set(&l->query, "");
        return true;
    default:
        ui_field_key(&l->query, k);
        return k->kind != UI_KEY_FN;
    }
}

const ui_screen ui_lookup_screen = {
    "クイック検索", 0, ui_lookup_draw, ui_lookup_key,
};
