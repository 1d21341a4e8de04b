/* ui-help.c - the help screen (F1): the keys, in Japanese. */
#include "config.h"

#include <string.h>

#include "ui-int.h"

#define UI_HELP_HEADING "【"

static const char *const ui_help_lines[] = {
    "【全体】",
    "  F1  ヘルプ（この画面）         ESC 1 でも同じです",
    "  F2  クイック検索               ESC 2 でも同じです",
    "  F10 終了                       ESC 0 でも同じです",
    "  ESC 前の画面に戻る             Ctrl-L 画面の再描画",
    "  F キーが効かない端末では ESC に続けて数字を押してください。",
    "",
    "【クイック検索】",
    "  氏名・フリガナ・電話番号・住所・番号を入力すると、一文字ごとに候補が出ます。",
    "  ひらがな・カタカナ・半角カナ、髙/高・﨑/崎などの異体字は区別しません。",
    "  電話番号は下4桁だけでも探せます。ハイフンの有無は問いません。",
    "  上下キー・PageUp/PageDown で選び、Enter で人の概要を開きます。",
    "  Ctrl-U で入力を消去、ESC で検索語を空にします。",
    "",
    "【人の概要】",
    "  世帯の構成（続柄・年齢）、連絡先、関係機関を表示します。",
    "  開いた記録は閲覧履歴（監査記録）に残ります。",
    "  上下キーでスクロール、ESC で検索に戻ります。",
};

/* Draw the help text. */
static void ui_help_draw(ui_app *a)
{
    (void)a;
    int y = ui_body_top();
    for (size_t i = 0; i < sizeof ui_help_lines / sizeof ui_help_lines[0]; i++) {
        if (y + (int)i > ui_body_bottom())
            break;
        ui_puts(y + (int)i, 1, strncmp(ui_help_lines[i], UI_HELP_HEADING, strlen(UI_HELP_HEADING)) == 0
                    ? UI_HEADING : UI_NORMAL,
                ui_help_lines[i]);
    }
}

/* ESC leaves the help for the screen it was opened from. */
static bool ui_help_key(ui_app *a, const ui_key *k)
{
    if (k->kind != UI_KEY_BACK)
        return false;
    ui_go(a, a->help_return);
    return true;
}

const ui_screen ui_help_screen = {
    "ヘルプ", 0, ui_help_draw, ui_help_key,
};
