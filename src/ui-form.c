/* ui-form.c - a form from a form file on screen: one row per field (long
 * text and an open checklist take more), the focused field edited in
 * place, its message right below it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "ui-int.h"

#define UI_FORM_LABEL 20       /* cells of the label column */
#define UI_FORM_ITEM 23        /* cells of one checklist item: marker, the longest default item (ひきこもり・不登校), a gap */
#define UI_FORM_ITEM_INDENT 2
#define UI_FORM_REQUIRED "*"
#define UI_FORM_LONGTEXT_LINES 3
#define UI_FORM_MAX_DIGIT 9
#define UI_FORM_LINE_MAX 1024
#define UI_FORM_YES "はい"
#define UI_FORM_NO "いいえ"
/* The most pressing concern is marked with a wide character, never ◎,
 * which is ambiguous-width and shifts Tera Term's Japanese preset. */
#define UI_FORM_PRIMARY_LABEL "（主）"

/* Whether a field is edited as a line of text. */
static bool ui_form_is_line(const form_field *fl)
{
    return fl->type == FORM_TEXT || fl->type == FORM_DATE ||
           fl->type == FORM_NUMBER || fl->type == FORM_PHONE;
}

/* Set up a form on screen with the focus on its first typed field. */
void ui_form_init(ui_form *uf, const form *f, form_values *fv, const char **errors)
{
    memset(uf, 0, sizeof *uf);
    uf->f = f;
    uf->values = fv;
    uf->errors = errors;
    ui_field_init(&uf->line, 0);
    ui_field_init(&uf->text.f, 0);
    /* Start at the first field a person types; filled-in ones stay
     * reachable with the up key. */
    size_t first = 0;
    while (first + 1 < f->n_fields && f->fields[first].fill != FORM_FILL_NONE)
        first++;
    uf->focus = first;
    ui_form_reload(uf);
}

/* Free the editors. */
void ui_form_free(ui_form *uf)
{
    ui_field_free(&uf->line);
    ui_field_free(&uf->text.f);
}

/* Put what the editor holds back into the values. */
void ui_form_commit(ui_form *uf)
{
    const form_field *fl = &uf->f->fields[uf->focus];
    if (ui_form_is_line(fl))
        form_values_set(uf->values, uf->focus, ui_field_text(&uf->line));
    else if (fl->type == FORM_LONGTEXT)
        form_values_set(uf->values, uf->focus, ui_field_text(&uf->text.f));
}

/* Reload the focused field's editor from the values. */
void ui_form_reload(ui_form *uf)
{
    const char *v = uf->values->v[uf->focus];
    ui_field_set(&uf->line, v);
    ui_field_set(&uf->text.f, v);
    uf->text.first = 0;
    uf->item = 0;
}

/* Move the focus to field i (committing the one left). */
void ui_form_focus(ui_form *uf, size_t i)
{
    if (i >= uf->f->n_fields)
        return;
    ui_form_commit(uf);
    uf->focus = i;
    ui_form_reload(uf);
}

/* The cells available for values right of the labels. */
static int ui_form_value_cells(void)
{
    return ui_cols() - UI_FORM_LABEL - 2;
}

/* Checklist items per row. */
static int ui_form_items_per_row(void)
{
    int n = (ui_cols() - UI_FORM_ITEM_INDENT - 1) / UI_FORM_ITEM;
    return n > 0 ? n : 1;
}

/* How many screen rows field i takes now. */
static int ui_form_rows_of(const ui_form *uf, size_t i)
{
    const form_field *fl = &uf->f->fields[i];
    int rows = 1;
    if (fl->type == FORM_LONGTEXT)
        rows = fl->width > 0 ? fl->width : UI_FORM_LONGTEXT_LINES;
    else if (fl->type == FORM_MULTI && i == uf->focus) {
        int per = ui_form_items_per_row();
        rows = 1 + ((int)fl->n_choices + per - 1) / per;
    }
    if (uf->errors && uf->errors[i])
        rows++;
    return rows;
}

/* Whether the stored multi value holds item, and whether as primary. */
static bool ui_form_multi_has(const char *value, const char *item, bool *primary)
{
    size_t ilen = strlen(item), mlen = strlen(FORM_PRIMARY_MARK);
    for (const char *p = value; *p;) {
        size_t len = strcspn(p, FORM_MULTI_SEP);
        bool prim = len >= mlen && strncmp(p, FORM_PRIMARY_MARK, mlen) == 0;
        const char *name = prim ? p + mlen : p;
        size_t nlen = prim ? len - mlen : len;
        if (nlen == ilen && strncmp(name, item, ilen) == 0) {
            if (primary)
                *primary = prim;
            return true;
        }
        p += len;
        if (*p)
            p += strlen(FORM_MULTI_SEP);
    }
    return false;
}

/* A multi value as a readable line: the primary first, marked （主）. */
static void ui_form_multi_summary(const form_field *fl, const char *value,
                                  char *buf, size_t n)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < fl->n_choices; i++) {
            bool prim = false;
            if (!ui_form_multi_has(value, fl->choices[i], &prim) || prim != (pass == 0))
                continue;
            if (b.len)
                txt_buf_adds(&b, "、");
            txt_buf_adds(&b, fl->choices[i]);
            if (prim)
                txt_buf_adds(&b, UI_FORM_PRIMARY_LABEL);
        }
    snprintf(buf, n, "%s", b.data ? b.data : "");
    txt_buf_free(&b);
}

/* Rebuild a multi value with item toggled (or made primary). */
static void ui_form_multi_toggle(ui_form *uf, size_t item, bool make_primary)
{
    const form_field *fl = &uf->f->fields[uf->focus];
    const char *value = uf->values->v[uf->focus];
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (size_t i = 0; i < fl->n_choices; i++) {
        bool prim = false;
        bool has = ui_form_multi_has(value, fl->choices[i], &prim);
        if (i == item) {
            has = make_primary ? true : !has;
            prim = make_primary ? !prim : false;
        } else if (make_primary) {
            prim = false;   /* only one item is the most pressing */
        }
        if (!has)
            continue;
        if (b.len)
            txt_buf_adds(&b, FORM_MULTI_SEP);
        if (prim)
            txt_buf_adds(&b, FORM_PRIMARY_MARK);
        txt_buf_adds(&b, fl->choices[i]);
    }
    char *v = txt_buf_take(&b);
    if (v)
        form_values_set(uf->values, uf->focus, v);
    free(v);
}

/* Draw an open checklist below its label row; returns the cursor cell. */
static void ui_form_draw_checklist(const ui_form *uf, int y, int *cy, int *cx)
{
    const form_field *fl = &uf->f->fields[uf->focus];
    int per = ui_form_items_per_row();
    for (size_t i = 0; i < fl->n_choices; i++) {
        int row = y + (int)i / per;
        int x = UI_FORM_ITEM_INDENT + ((int)i % per) * UI_FORM_ITEM;
        bool prim = false;
        bool has = ui_form_multi_has(uf->values->v[uf->focus], fl->choices[i], &prim);
        ui_attr attr = i == uf->item ? UI_SELECTED : UI_NORMAL;
        x = ui_put(row, x, 4, attr, prim ? "[主]" : has ? "[x]" : "[ ]");
        ui_put(row, x, UI_FORM_ITEM - 4, attr, fl->choices[i]);
        if (i == uf->item) {
            *cy = row;
            *cx = x - 3;
        }
    }
}

/* The text shown for a value that is not being edited. */
static void ui_form_value_text(const form_field *fl, const char *value, char *buf, size_t n)
{
    if (fl->type == FORM_MULTI)
        ui_form_multi_summary(fl, value, buf, n);
    else
        snprintf(buf, n, "%s", value);
}

/* A hint for the focused field, shown right of a short value. */
static const char *ui_form_hint(const form_field *fl)
{
    switch (fl->type) {
    case FORM_CHOICE: return "  スペース・左右キーで選択、数字で直接選択";
    case FORM_MULTI:
        return fl->primary ? "  スペースで選択、* で最も困っていること（主）" : "  スペースで選択";
    case FORM_YESNO: return "  スペースで切り替え";
    case FORM_DATE: return "  和暦も可（例: S45.3.1、令和8年4月1日）";
    default: return fl->help && fl->help[0] ? fl->help : "";
    }
}

/* Draw field i at row y (its label, value, editor and message). */
static void ui_form_draw_field(ui_form *uf, size_t i, int y, int top, int bottom,
                               int *cy, int *cx)
{
    const form_field *fl = &uf->f->fields[i];
    bool focused = i == uf->focus;
    char label[UI_FORM_LINE_MAX], value[UI_FORM_LINE_MAX];
    snprintf(label, sizeof label, "%s%s", fl->required ? UI_FORM_REQUIRED : " ", fl->label);
    int rows = ui_form_rows_of(uf, i);
    bool visible = y >= top && y <= bottom;
    if (visible)
        ui_put(y, 0, UI_FORM_LABEL, focused ? UI_SELECTED : UI_HEADING, label);
    int x = UI_FORM_LABEL + 1, w = ui_form_value_cells();
    if (focused && ui_form_is_line(fl) && visible) {
        int vw = fl->width > 0 && fl->width < w ? fl->width : w;
        *cy = y;
        *cx = ui_field_draw(&uf->line, y, x, vw, UI_NORMAL);
        ui_put(y, x + vw, w - vw, UI_DIM, ui_form_hint(fl));
    } else if (fl->type == FORM_LONGTEXT) {
        int lines = fl->width > 0 ? fl->width : UI_FORM_LONGTEXT_LINES;
        if (focused && y >= top && y + lines - 1 <= bottom) {
            ui_text_draw(&uf->text, y, x, w, lines, UI_NORMAL, cy, cx);
        } else if (y >= top && y + lines - 1 <= bottom) {
            /* Not focused: the text from its start, in a throwaway editor. */
            ui_text shown;
            ui_field_init(&shown.f, 0);
            ui_field_set(&shown.f, uf->values->v[i]);
            shown.first = 0;
            shown.f.cursor = 0;
            ui_text_draw(&shown, y, x, w, lines, UI_NORMAL, NULL, NULL);
            ui_field_free(&shown.f);
        }
    } else if (visible) {
        ui_form_value_text(fl, uf->values->v[i], value, sizeof value);
        int used = ui_puts(y, x, UI_NORMAL, value) - x;
        if (focused) {
            ui_put(y, x + used, w - used, UI_DIM, ui_form_hint(fl));
            *cy = y;
            *cx = x;
        }
    }
    if (focused && fl->type == FORM_MULTI && y + rows - 1 <= bottom)
        ui_form_draw_checklist(uf, y + 1, cy, cx);
    if (uf->errors && uf->errors[i] && y + rows - 1 >= top && y + rows - 1 <= bottom)
        ui_put(y + rows - 1, x, w, UI_ALERT, uf->errors[i]);
}

/* Scroll so that the focused field is whole on screen. */
static void ui_form_scroll(ui_form *uf, int height)
{
    int row = 0, focus_row = 0;
    for (size_t i = 0; i < uf->focus; i++)
        row += ui_form_rows_of(uf, i);
    focus_row = row;
    int rows = ui_form_rows_of(uf, uf->focus);
    if (focus_row < uf->scroll)
        uf->scroll = focus_row;
    if (focus_row + rows > uf->scroll + height)
        uf->scroll = focus_row + rows - height;
}

/* Draw the fields in rows [top, bottom]. */
void ui_form_draw(ui_form *uf, int top, int bottom)
{
    int cy = -1, cx = 0;
    ui_form_scroll(uf, bottom - top + 1);
    int y = top - uf->scroll;
    for (size_t i = 0; i < uf->f->n_fields; i++) {
        int rows = ui_form_rows_of(uf, i);
        if (y + rows - 1 >= top && y <= bottom)
            ui_form_draw_field(uf, i, y, top, bottom, &cy, &cx);
        y += rows;
    }
    ui_cursor(cy, cx);
}

/* Step the focus to the next (dir 1) or previous (-1) field that can be
 * typed in; false at either end. */
static bool ui_form_step(ui_form *uf, int dir)
{
    size_t i = uf->focus;
    do {
        if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= uf->f->n_fields))
            return false;
        i = (size_t)((long)i + dir);
    } while (uf->f->fields[i].fill == FORM_FILL_STAFF);
    ui_form_focus(uf, i);
    return true;
}

/* Keys of a choice or yes/no field: cycle, or pick by digit. */
static bool ui_form_choice_key(ui_form *uf, const ui_key *k, bool *changed)
{
    const form_field *fl = &uf->f->fields[uf->focus];
    static const char *const yesno[] = { UI_FORM_YES, UI_FORM_NO };
    const char *const *choices = fl->type == FORM_YESNO ? yesno : (const char *const *)fl->choices;
    int n = fl->type == FORM_YESNO ? 2 : (int)fl->n_choices;
    int at = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(choices[i], uf->values->v[uf->focus]) == 0)
            at = i;
    int next;
    if (k->kind == UI_KEY_CHAR && k->ch == L' ')
        next = (at + 1) % n;
    else if (k->kind == UI_KEY_RIGHT)
        next = at + 1 < n ? at + 1 : 0;
    else if (k->kind == UI_KEY_LEFT)
        next = at > 0 ? at - 1 : n - 1;
    else if (k->kind == UI_KEY_CHAR && k->ch >= L'1' && k->ch <= L'0' + UI_FORM_MAX_DIGIT &&
             k->ch - L'1' < n)
        next = (int)(k->ch - L'1');
    else if (k->kind == UI_KEY_BACKSPACE || k->kind == UI_KEY_DELETE || k->kind == UI_KEY_KILL)
        next = -1;
    else
        return false;
    form_values_set(uf->values, uf->focus, next >= 0 ? choices[next] : "");
    *changed = true;
    return true;
}

/* Keys of an open checklist. */
static bool ui_form_multi_key(ui_form *uf, const ui_key *k, bool *changed)
{
    const form_field *fl = &uf->f->fields[uf->focus];
    size_t n = fl->n_choices, per = (size_t)ui_form_items_per_row();
    switch (k->kind) {
    case UI_KEY_RIGHT: uf->item = uf->item + 1 < n ? uf->item + 1 : uf->item; return true;
    case UI_KEY_LEFT: uf->item = uf->item > 0 ? uf->item - 1 : 0; return true;
    case UI_KEY_DOWN:
        if (uf->item + per >= n)
            return false;
        uf->item += per;
        return true;
    case UI_KEY_UP:
        if (uf->item < per)
            return false;
        uf->item -= per;
        return true;
    case UI_KEY_CHAR:
        if (k->ch != L' ' && !(k->ch == L'*' && fl->primary))
            return false;
        ui_form_multi_toggle(uf, uf->item, k->ch == L'*');
        *changed = true;
        return true;
    default:
        return false;
    }
}

/* Keys that edit the focused field. */
static bool ui_form_edit_key(ui_form *uf, const ui_key *k, bool *changed)
{
    const form_field *fl = &uf->f->fields[uf->focus];
    if (fl->fill == FORM_FILL_STAFF)
        return false;
    switch (fl->type) {
    case FORM_LONGTEXT:
        return ui_text_key(&uf->text, k, ui_form_value_cells(), changed);
    case FORM_CHOICE: case FORM_YESNO:
        return ui_form_choice_key(uf, k, changed);
    case FORM_MULTI:
        return ui_form_multi_key(uf, k, changed);
    default:
        if (k->kind == UI_KEY_ENTER || k->kind == UI_KEY_UP || k->kind == UI_KEY_DOWN)
            return false;
        *changed = ui_field_key(&uf->line, k);
        return k->kind != UI_KEY_FN && k->kind != UI_KEY_BACK &&
               k->kind != UI_KEY_TAB && k->kind != UI_KEY_BTAB;
    }
}

/* Apply a key: edit the focused field, or move between fields. */
bool ui_form_key(ui_form *uf, const ui_key *k, bool *changed)
{
    *changed = false;
    if (ui_form_edit_key(uf, k, changed)) {
        if (*changed)
            ui_form_commit(uf);
        return true;
    }
    switch (k->kind) {
    case UI_KEY_TAB: case UI_KEY_DOWN: case UI_KEY_ENTER:
        ui_form_step(uf, 1);
        return true;
    case UI_KEY_BTAB: case UI_KEY_UP:
        ui_form_step(uf, -1);
        return true;
    case UI_KEY_PGDN:
        for (int i = 0; i < ui_lines() / 2 && ui_form_step(uf, 1); i++)
            ;
        return true;
    case UI_KEY_PGUP:
        for (int i = 0; i < ui_lines() / 2 && ui_form_step(uf, -1); i++)
            ;
        return true;
    default:
        return false;
    }
}
