/* ui-region.c - 地域 (F9): the screens of the two businesses the counter
 * does not reach by waiting, アウトリーチ and 参加支援, as tabs of one key:
 * the outreach list, the resource registry, the matchings and the needs
 * no resource meets.  Tab and Shift-Tab step between them, so that a
 * coordinator goes from a need to a resource to a matching without
 * hunting for keys. */
#include "config.h"

#include <stddef.h>

#include "ui-int.h"

/* The tabs, in the order of the strip. */
static const struct ui_region_tab {
    ui_screen_id id;
    const ui_screen *screen;
} ui_region_tabs[] = {
    { UI_SCREEN_OUTREACH, &ui_outreach_screen },
    { UI_SCREEN_RESOURCE, &ui_resource_screen },
    { UI_SCREEN_MATCHING, &ui_matching_screen },
    { UI_SCREEN_NEED, &ui_need_screen },
};
#define UI_REGION_N_TABS (sizeof ui_region_tabs / sizeof ui_region_tabs[0])

/* The place of a screen in the strip, or UI_REGION_N_TABS. */
static size_t ui_region_index(ui_screen_id s)
{
    size_t i = 0;
    while (i < UI_REGION_N_TABS && ui_region_tabs[i].id != s)
        i++;
    return i;
}

/* Open a tab as a worker expects it: the list as it was left. */
static void ui_region_show(ui_app *a, ui_screen_id s)
{
    switch (s) {
    case UI_SCREEN_RESOURCE: ui_resource_open(a); break;
    case UI_SCREEN_MATCHING: ui_matching_open(a, -1, 0); break;
    case UI_SCREEN_NEED: ui_need_open(a); break;
    default: ui_outreach_open(a, 0); break;
    }
}

/* F9: a person's participation support when one is on screen, else the
 * tab last shown (the outreach list the first time). */
void ui_region_open(ui_app *a, int64_t person_id, int64_t case_id)
{
    if (person_id > 0 && ui_region_index(a->screen) == UI_REGION_N_TABS) {
        ui_matching_open(a, person_id, case_id);
        return;
    }
    ui_screen_id s = ui_region_index(a->region_tab) < UI_REGION_N_TABS ? a->region_tab
                                                                      : UI_SCREEN_OUTREACH;
    ui_region_show(a, s);
}

/* Tab and Shift-Tab: the next or the previous tab. */
bool ui_region_key(ui_app *a, const ui_key *k)
{
    if (k->kind != UI_KEY_TAB && k->kind != UI_KEY_BTAB)
        return false;
    size_t i = ui_region_index(a->screen);
    if (i == UI_REGION_N_TABS)
        return false;
    size_t step = k->kind == UI_KEY_TAB ? 1 : UI_REGION_N_TABS - 1;
    ui_region_show(a, ui_region_tabs[(i + step) % UI_REGION_N_TABS].id);
    return true;
}

/* The strip: every tab's name, the current one marked. */
void ui_region_draw_tabs(const ui_app *a, int y)
{
    int x = 0;
    for (size_t i = 0; i < UI_REGION_N_TABS; i++) {
        bool here = ui_region_tabs[i].id == a->screen;
        x = ui_putf(y, x, here ? UI_SELECTED : UI_DIM, here ? "[%s]" : " %s ",
                    ui_region_tabs[i].screen->title);
        x = ui_puts(y, x, UI_NORMAL, " ");
    }
    ui_puts(y, x, UI_DIM, "Tab 切替");
}
