/* ui-panel.c - a form file shown in the body of a screen and filled in:
 * what the consent, referral and case screens ask for.  The form, its
 * values and the messages under its fields live here; the screen reads
 * the values by field id and puts its own messages under them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* Longer than any normalised value (an ISO date, a number). */
#define UI_PANEL_NORM_MAX 64

/* Close the panel (its form stays loaded for the next opening). */
void ui_panel_close(ui_panel *p)
{
    if (p->open) {
        ui_form_free(&p->ui);
        form_values_free(&p->values);
    }
    free(p->errors);
    p->errors = NULL;
    p->open = false;
}

/* Free everything, the form too. */
void ui_panel_free(ui_panel *p)
{
    ui_panel_close(p);
    if (p->form) {
        form_free(p->form);
        free(p->form);
    }
    memset(p, 0, sizeof *p);
}

/* Open an empty form_id; false (with a message) when the file is bad. */
bool ui_panel_open(ui_app *a, ui_panel *p, const char *form_id)
{
    ui_panel_close(p);
    if (p->form && strcmp(p->form->id, form_id) != 0) {
        form_free(p->form);
        free(p->form);
        p->form = NULL;
    }
    char err[FORM_ERR_MAX] = "メモリが不足しています";
    if (p->form == NULL) {
        p->form = calloc(1, sizeof *p->form);
        if (p->form == NULL || form_find(form_id, p->form, err, sizeof err) != 0) {
            free(p->form);
            p->form = NULL;
            ui_message(a, UI_ALERT, "様式を読めません: %s", err);
            return false;
        }
    }
    p->errors = calloc(p->form->n_fields + 1, sizeof *p->errors);
    if (p->errors == NULL || form_values_init(&p->values, p->form) != 0) {
        free(p->errors);
        p->errors = NULL;
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return false;
    }
    ui_form_init(&p->ui, p->form, &p->values, p->errors);
    p->open = true;
    return true;
}

/* The index of a field, or -1. */
static long ui_panel_index(const ui_panel *p, const char *id)
{
    const form_field *fl = p->form ? form_field_by_id(p->form, id) : NULL;
    return fl ? fl - p->form->fields : -1;
}

/* A field's value ("" when the form has no such field). */
const char *ui_panel_get(const ui_panel *p, const char *id)
{
    long i = ui_panel_index(p, id);
    return i >= 0 && p->open ? p->values.v[i] : "";
}

/* Set a field's value and show it. */
void ui_panel_set(ui_panel *p, const char *id, const char *value)
{
    long i = ui_panel_index(p, id);
    if (i >= 0 && p->open) {
        form_values_set(&p->values, (size_t)i, value);
        ui_form_reload(&p->ui);
    }
}

/* Give a choice field the choices only the program knows. */
bool ui_panel_choices(ui_panel *p, const char *id, const char *const *choices, size_t n)
{
    return p->form && form_set_choices(p->form, id, choices, n) == 0;
}

/* Put a message under a field and move there. */
void ui_panel_error(ui_panel *p, const char *id, const char *msg)
{
    long i = ui_panel_index(p, id);
    if (i < 0 || !p->open)
        return;
    p->errors[i] = msg;
    ui_form_focus(&p->ui, (size_t)i);
}

/* Check every field as its type and `required` say (dates become ISO);
 * the first one wrong gets the focus.  Returns how many are wrong. */
size_t ui_panel_check(ui_panel *p)
{
    ui_form_commit(&p->ui);
    size_t bad = 0;
    long first = -1;
    char norm[UI_PANEL_NORM_MAX];
    for (size_t i = 0; i < p->form->n_fields; i++) {
        norm[0] = '\0';
        p->errors[i] = form_check(&p->form->fields[i], p->values.v[i], norm, sizeof norm);
        if (p->errors[i] == NULL && norm[0])
            form_values_set(&p->values, i, norm);
        if (p->errors[i] != NULL && bad++ == 0)
            first = (long)i;
    }
    ui_form_reload(&p->ui);
    if (first >= 0)
        ui_form_focus(&p->ui, (size_t)first);
    return bad;
}

/* Take a key: Ctrl-S asks to save, ESC to leave; the rest edits. */
ui_panel_result ui_panel_key(ui_panel *p, const ui_key *k)
{
    if (k->kind == UI_KEY_CTRL && k->ch == 's')
        return UI_PANEL_SAVE;
    if (k->kind == UI_KEY_BACK)
        return UI_PANEL_CANCEL;
    bool changed = false;
    bool used = ui_form_key(&p->ui, k, &changed);
    if (changed)
        p->errors[p->ui.focus] = NULL;
    return used ? UI_PANEL_USED : UI_PANEL_UNUSED;
}

/* Draw the form in rows [top, bottom]. */
void ui_panel_draw(ui_panel *p, int top, int bottom)
{
    if (p->open)
        ui_form_draw(&p->ui, top, bottom);
}
