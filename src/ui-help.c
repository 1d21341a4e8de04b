/* ui-help.c - the help screen (F1): the keys, in Japanese. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-int.h"

#define UI_HELP_HEADING "【"
#define UI_HELP_TITLE_MAX 128

static const char *const ui_help_lines[] = {
    "【全体】",
    "  F1  ヘルプ（この画面）         ESC 1 でも同じです",
    "  F2  クイック検索               ESC 2 でも同じです",
    "  F3  相談受付票（入力中の票に戻る）  ESC 3 でも同じです",
    "  F4  本人同意  F5 つなぎ  F6 ケース（画面の人について）",
    "  F10 終了                       ESC 0 でも同じです",
    "  ESC 前の画面に戻る             Ctrl-L 画面の再描画",
    "  「他の端末が書き込み中です」と出ている間は、ESC で保存を取り消せます。",
    "  F キーが効かない端末では ESC に続けて数字を押してください。",
    "",
    "【クイック検索】",
    "  氏名・フリガナ・電話番号・住所・番号を入力すると、一文字ごとに候補が出ます。",
    "  ひらがな・カタカナ・半角カナ、髙/高・﨑/崎などの異体字は区別しません。",
    "  電話番号は下4桁だけでも探せます。ハイフンの有無は問いません。",
    "  番号で探すときは #123 のように # を付けます。",
    "  上下キー・PageUp/PageDown で選び、Enter で人の概要を開きます。",
    "  Ctrl-U で入力を消去、ESC で検索語を空にします。",
    "  検索中に F3 を押すと、選んだ人の相談受付票を開きます。",
    "",
    "【人の概要】",
    "  世帯の構成（続柄・年齢）、連絡先、関係機関を表示します。",
    "  開いた記録は閲覧履歴（監査記録）に残ります。",
    "  相談の記録（支援経過）を新しい順に表示します。F3 でこの人の相談を受付。",
    "  Ctrl-K で、匿名で受け付けた相談をこの人に結び付けます。",
    "  上下キーでスクロール、ESC で検索に戻ります。",
    "  名前の横に同意の状態（同意あり・同意なし・撤回）、対応中のケースの段階・",
    "  主担当・次の予定（モニタリング・評価）、返事待ちのつなぎを表示します。",
    "",
    "【本人同意】",
    "  同意の記録を新しい順に表示します。記録は書き換えず、撤回も記録として残ります。",
    "  N 新しい同意（同意日・方法・範囲・同意書の番号）  W 選んだ同意の撤回",
    "  範囲を「選んだ機関だけ」にすると、共有してよい機関をスペースで選べます。",
    "  同意がない・撤回されたケースは、支援会議（守秘義務）でのみ扱えます。",
    "",
    "【つなぎ】",
    "  人を選んで開くと、その人のつなぎ（依頼・受理・差戻し・対応中・完了）を表示。",
    "  N 新しいつなぎ  Enter か S 状態を変える（差戻しは理由が必要）。",
    "  回答期限を過ぎた依頼は【期限切れ】と出ます。",
    "  個人の情報を伝えるには、その機関を含む本人同意が必要です。ない場合は、",
    "    1 口頭で同意を得た  2 個人の情報を伝えずにつなぐ  3 支援会議で扱う",
    "  人を選ばずに開くと全員の一覧。J 状態で絞り込み  K 機関で絞り込み",
    "  他の職員が先に状態を変えていたときは、両方を見て 1 自分の変更 2 相手のまま。",
    "",
    "【ケース】",
    "  O ケースを開く（多機関協働では基準1〜3と、これまでに試みたことが必要）",
    "  Enter ケースの詳細と経過。M 段階を進める（終結・中断は理由が必要）",
    "  L 主担当  A アセスメント  P プラン（種類は本人同意で決まります）  S プランの状態",
    "  他の職員が先に更新していたときは、両方の内容を見てどちらにするか選べます。",
    "",
    "【会議】",
    "  会議の一覧（一年前から、次の会議を選んだ状態）。Enter で会議を開く。",
    "  N 新しい会議  G 定例をまとめて作る（初回と同じ週・曜日で N か月ごと）",
    "  会議では: C 候補から議題に入れる  # ケース番号で入れる  [ ] 順番  Del 外す",
    "    S 状態（予定・開催済・中止）  A 出席者  Enter 決定を記録  P 資料を書き出す",
    "  同意のないケースは重層的支援会議に入れられません（支援会議を案内します）。",
    "  決定はケースの段階とプランの状態・期日を進め、ケースの経過に残ります。",
    "  同意が撤回された議題は【同意なし・資料に載せない】と出て、資料に載りません。",
    "",
    "【予定】",
    "  今日と今後の会議、モニタリング・評価の期限、回答待ちのつなぎ、",
    "  自分の下書き、会議待ちのケース。Enter でその画面を開きます。",
    "  クイック検索で何も入力していないときにも、同じ内容を短く表示します。",
    "",
    "【相談受付票】",
    "  Tab・Enter・下キーで次の項目、Shift-Tab・上キーで前の項目。* は必須。",
    "  選択肢はスペースか左右キー、数字キーで選びます。",
    "  相談内容の分類はスペースで選び、* で最も困っていること（主）にします。",
    "  氏名・フリガナ・生年月日・電話を入れると、似た人が下に出ます。",
    "    Ctrl-N 次の候補  Ctrl-K 本人として結び付け  Ctrl-O その人の世帯に追加",
    "    Ctrl-R 結び付けを解除",
    "  結び付けた人の電話・住所などを直して保存すると、その人の記録も更新します。",
    "  Ctrl-S で保存。誤りがあれば項目の下に理由が出ます（入力は消えません）。",
    "  ESC で離れても、手を止めても、回線が切れても、下書きとして残ります。",
    "  次に起動したとき、下書きの一覧から続きを入力できます。",
    "",
    "【下書き】",
    "  保存していない入力の一覧です（保存した時刻・様式・本人・内容）。",
    "  受付票のほか、同意・撤回・つなぎ・ケース・アセスメント・プランの様式も、",
    "  手を止めるたびと回線が切れたときに、ここへ残ります。",
    "  Enter で元の画面（本人・ケース）に戻って続きを入力。Delete 二回で破棄。",
    "  同意・つなぎ・ケースの様式は、ほかの画面を見ても閉じません。",
    "  F4・F5・F6 で戻り、Ctrl-S で保存、ESC で取りやめ（下書きも消えます）。",
};

#define UI_HELP_N_LINES ((int)(sizeof ui_help_lines / sizeof ui_help_lines[0]))

/* Open the help at the section of the screen it was asked from. */
void ui_help_open(ui_app *a, const char *screen_title)
{
    char heading[UI_HELP_TITLE_MAX];
    snprintf(heading, sizeof heading, "【%s】", screen_title);
    a->help_scroll = 0;
    for (int i = 0; i < UI_HELP_N_LINES; i++)
        if (strcmp(ui_help_lines[i], heading) == 0)
            a->help_scroll = i;
    ui_go(a, UI_SCREEN_HELP);
}

/* Draw the help text from its scroll position. */
static void ui_help_draw(ui_app *a)
{
    int top = ui_body_top(), rows = ui_body_bottom() - top + 1;
    if (a->help_scroll > UI_HELP_N_LINES - rows)
        a->help_scroll = UI_HELP_N_LINES - rows > 0 ? UI_HELP_N_LINES - rows : 0;
    for (int i = 0; i < rows && a->help_scroll + i < UI_HELP_N_LINES; i++) {
        const char *line = ui_help_lines[a->help_scroll + i];
        bool heading = strncmp(line, UI_HELP_HEADING, strlen(UI_HELP_HEADING)) == 0;
        ui_puts(top + i, 1, heading ? UI_HEADING : UI_NORMAL, line);
    }
    if (a->help_scroll + rows < UI_HELP_N_LINES)
        ui_puts(ui_body_bottom(), ui_cols() - 24, UI_DIM, "下キーで続きを表示");
}

/* Scroll with the arrows and pages; ESC leaves the help for the screen it
 * was opened from. */
static bool ui_help_key(ui_app *a, const ui_key *k)
{
    int page = ui_body_bottom() - ui_body_top();
    switch (k->kind) {
    case UI_KEY_UP: a->help_scroll -= a->help_scroll > 0; return true;
    case UI_KEY_DOWN: a->help_scroll++; return true;
    case UI_KEY_PGUP: a->help_scroll = a->help_scroll > page ? a->help_scroll - page : 0; return true;
    case UI_KEY_PGDN: a->help_scroll += page; return true;
    case UI_KEY_BACK: ui_go(a, a->help_return); return true;
    default: return false;
    }
}

const ui_screen ui_help_screen = {
    "ヘルプ", 0, ui_help_draw, ui_help_key,
};
