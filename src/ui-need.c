/* ui-need.c - 社会資源の不足 (F9 tab): placeholder until the screen lands in this
 * same series of commits. */
#include "config.h"

#include <stddef.h>

#include "ui-int.h"

/* Placeholder: the tab is shown with a note. */
static void ui_need_draw(ui_app *a)
{
    ui_region_draw_tabs(a, ui_body_top());
    ui_puts(ui_body_top() + 2, 0, UI_DIM, "この画面は作成中です");
}

/* Placeholder: only the tab keys. */
static bool ui_need_key(ui_app *a, const ui_key *k)
{
    return ui_region_key(a, k);
}

/* The screen's draft, if the draft is its own. */
bool ui_need_resume(ui_app *a, const db_draft *dr)
{
    (void)a;
    (void)dr;
    return false;
}

/* Its form (none yet). */
ui_panel *ui_need_panel(ui_app *a)
{
    (void)a;
    return NULL;
}

/* Nothing held yet. */
void ui_need_free(ui_app *a)
{
    (void)a;
}

const ui_screen ui_need_screen = {
    "社会資源の不足", UI_FKEY(9), ui_need_draw, ui_need_key,
};

/* Open the tab. */
void ui_need_open(ui_app *a)
{
    a->region_tab = UI_SCREEN_NEED;
    ui_go(a, UI_SCREEN_NEED);
}
