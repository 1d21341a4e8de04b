#!/bin/sh
# case.sh - the case screen (F6) on a real terminal: a 多機関協働 case
# opened for a demo person (the criteria asked for first), its stages with
# notes and reasons, the whole-household assessment, plans whose type
# follows the consent, approval dates, a re-plan that keeps the old
# version, closing and reopening, the 主担当, the 支援会議 notice after a
# withdrawal, and conflicts with another terminal's saves shown both ways.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
T=$TSUNAGI_BIN
export TSUNAGI_FORMS="$TSUNAGI_SRCDIR/forms"
q() { sqlite3 "$db" "$1"; }

# The screen shows TEXT (waiting), and the database answers QUERY with WANT.
is() { test "$(q "$1")" = "$2"; }

# add_months N: today plus N months as ISO, the day clamped to the month's
# end (what dom_date_add_months does).
add_months() {
    y=$(date +%Y) m=$(date +%m) d=$(date +%d)
    m=${m#0} d=${d#0}
    t=$((y * 12 + m - 1 + $1))
    ny=$((t / 12)) nm=$((t % 12 + 1))
    last=$(date -d "$(printf '%04d-%02d-01' "$ny" "$nm") +1 month -1 day" +%d)
    last=${last#0}
    [ "$d" -gt "$last" ] && d=$last
    printf '%04d-%02d-%02d' "$ny" "$nm" "$d"
}
today=$(date +%Y-%m-%d)

# Tab N times.
next() { n=$1; while [ "$n" -gt 0 ]; do e2e_keys Tab; n=$((n - 1)); done; }

# The persons, chosen from the demo data as it is: no consent and no case
# yet, a household of two or more, a consultation, and a name no other
# name starts with (so that typing it selects them first in the lookup).
pick() {
    q "SELECT p.id FROM person p
       WHERE p.id NOT IN (SELECT person_id FROM consent)
         AND p.id NOT IN (SELECT person_id FROM support_case)
         AND p.id IN (SELECT person_id FROM consultation WHERE person_id IS NOT NULL)
         AND p.household_id IN (SELECT household_id FROM person GROUP BY household_id
                                HAVING count(*) >= 2)
         AND (SELECT count(*) FROM person o WHERE substr(o.name_key, 1, length(p.name_key)) = p.name_key) = 1
         AND p.name <> '' AND p.id NOT IN (${1:-0})
       ORDER BY p.id LIMIT 1"
}
p1=$(pick)
p2=$(pick "$p1")
name1=$(q "SELECT name FROM person WHERE id = $p1")
name2=$(q "SELECT name FROM person WHERE id = $p2")
hh1=$(q "SELECT household_id FROM person WHERE id = $p1")
consult1=$(q "SELECT id FROM consultation WHERE person_id = $p1 ORDER BY received_at DESC, id DESC LIMIT 1")
# An agency for a role line, and a worker with an agency for the 主担当.
agency=$(q "SELECT name FROM agency WHERE active = 1 ORDER BY id LIMIT 1")
agency_id=$(q "SELECT id FROM agency WHERE name = '$agency'")
lead=$(q "SELECT name FROM staff WHERE active = 1 AND login <> 'root' AND agency_id IS NOT NULL ORDER BY login LIMIT 1")
lead_ids=$(q "SELECT id || '|' || agency_id FROM staff WHERE name = '$lead'")
lead_agency=$(q "SELECT a.name FROM staff s JOIN agency a ON a.id = s.agency_id WHERE s.name = '$lead'")
[ -n "$p1" ] && [ -n "$p2" ] && [ -n "$agency" ] && [ -n "$lead" ] ||
    { echo "FAIL - the demo data has no persons or staff to use"; exit 1; }

# lookup NAME: type a name into an empty quick lookup and wait for it.
lookup() {
    e2e_keys C-u
    e2e_type "$1"
    e2e_wait "$1" >/dev/null
}

# below NAME TEXT: the row after the one showing NAME shows TEXT (the
# second row of a case in a list).
below() {
    e2e_screen | grep -A1 -F -- "$1" | tail -1 | grep -qF -- "$2"
}

e2e_start 80 24 xterm-256color "$T" --db "$db"
e2e_wait "クイック検索" >/dev/null

# ---- a person without consent: F6 from the lookup ----
lookup "$name1"
views=$(q "SELECT count(*) FROM audit WHERE action = 'view' AND entity = 'case' AND entity_id = $p1")
e2e_keys F6
e2e_check "F6 opens the person's cases" e2e_wait "ケースはまだありません。O で開きます"
e2e_check "the header names the person and the consent state" \
    e2e_wait "本人: $name1（番号 $p1）  【同意なし】  会議: 支援会議"
e2e_check "without consent the 支援会議 notice shows" \
    e2e_wait "本人同意がありません。ケースは支援会議（守秘義務）でのみ扱えます"
e2e_check "the view is recorded in the audit trail" \
    is "SELECT count(*) FROM audit WHERE action = 'view' AND entity = 'case' AND entity_id = $p1" \
    $((views + 1))

# ---- opening a 多機関協働 case: the criteria are asked for first ----
e2e_keys o
e2e_wait "ケースを開く（Ctrl-S 保存、ESC 取りやめ）" >/dev/null
e2e_keys 1                                   # 事業: 多機関協働
e2e_keys C-s
e2e_check "without criteria the case is refused, the reason under the field" \
    e2e_wait "多機関協働につなぐ理由（基準1〜3）を一つ以上選んでください"
e2e_check "nothing was saved" is "SELECT count(*) FROM support_case WHERE person_id = $p1" 0
e2e_keys Space Right Right Space             # 1 and 3 (the focus went to the criteria)
next 1
e2e_keys C-s
e2e_check "without what was tried the case is refused" \
    e2e_wait "窓口や既存の支援でこれまでに試みたことを入力してください"
e2e_type "窓口で家計の相談に二回応じた"
next 1
e2e_type "地域包括から紹介"
e2e_keys C-s
e2e_check "the case opens" e2e_wait "ケースを開きました（多機関協働・受付）"
case_id=$(q "SELECT id FROM support_case WHERE person_id = $p1")
sc() { q "SELECT $1 FROM support_case WHERE id = $case_id"; }
e2e_check "the criteria are stored as their numbers" \
    test "$(sc "business || '|' || stage || '|' || criteria")" = "多機関協働|受付|1,3"
e2e_check "what was tried is stored" test "$(sc tried)" = "窓口で家計の相談に二回応じた"
e2e_check "the case names the household, the latest consultation and the user as lead" \
    test "$(sc "household_id || '|' || consultation_id || '|' || lead_staff_id || '|' || opened_on")" \
    = "$hh1|$consult1|1|$today"
e2e_check "the detail shows the criteria marks" e2e_wait "基準: 1・3"
e2e_check "the timeline starts with the opening and its note" e2e_wait "root 開始 受付  地域包括から紹介"

# ---- 受付 to アセスメント with a note ----
e2e_keys m
e2e_check "M offers the next stage first" e2e_wait "> アセスメント"
e2e_check "only the allowed stages are offered" e2e_until sh -c "! tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -q '支援決定'"
e2e_type "面談の日程を決めた"
e2e_keys C-s
e2e_check "the stage moves" e2e_wait "段階を移しました: 受付からアセスメントへ"
e2e_check "the stage is stored" test "$(sc stage)" = "アセスメント"
e2e_check "the move is an event with who, from, to and the note" \
    is "SELECT staff_id || '|' || from_stage || '|' || to_stage || '|' || note FROM case_event WHERE kind = '段階' AND case_id = $case_id" \
    "1|受付|アセスメント|面談の日程を決めた"
e2e_check "the timeline shows it" e2e_wait "段階 受付からアセスメントへ  面談の日程を決めた"

# ---- the assessment: the whole household, required fields checked ----
e2e_keys a
e2e_check "A opens the assessment sheet" e2e_wait "インテーク・アセスメントシート（Ctrl-S 保存、ESC 取りやめ）"
next 2
e2e_type "民生委員から母の介護の相談があった"
e2e_keys C-s
e2e_check "a missing required field is reported" e2e_wait "入力内容を確認してください"
e2e_type "母の介護を続けたい"                  # 本人の思い・希望 (the focus went there)
e2e_keys C-s; e2e_wait "必須です" >/dev/null
e2e_type "介護と家計の両方が限界に近い"        # 支援者の見立て
e2e_keys C-s; e2e_wait "必須です" >/dev/null
e2e_type "母の介護保険の申請"                  # 課題の整理
e2e_keys C-s; e2e_wait "必須です" >/dev/null
e2e_keys 3                                   # 緊急性: 通常
e2e_keys C-s; e2e_wait "必須です" >/dev/null
e2e_keys 1                                   # 今後の方向: 多機関協働で支援プラン
e2e_keys C-s
e2e_check "the assessment saves" e2e_wait "アセスメントを保存しました"
e2e_check "one assessment row for the case" \
    is "SELECT count(*) FROM assessment WHERE case_id = $case_id" 1
q "SELECT data FROM assessment WHERE case_id = $case_id" > "$E2E_DIR/assessment"
e2e_check "it holds what was typed" grep -q '民生委員から母の介護の相談があった' "$E2E_DIR/assessment"
q "SELECT name FROM person WHERE household_id = $hh1" > "$E2E_DIR/members"
e2e_check "it covers the whole household (every member listed)" \
    sh -c "while read -r m; do grep -qF \"\$m\" '$E2E_DIR/assessment' || exit 1; done < '$E2E_DIR/members'"
e2e_check "the save is an event of the case" e2e_wait "記録  アセスメントを作成しました"
e2e_keys a
e2e_check "A again loads the stored assessment" e2e_wait "民生委員から母の介護の相談があった"
e2e_keys C-s
e2e_wait "アセスメントを保存しました" >/dev/null
e2e_check "a second save updates the same row (version 2)" \
    is "SELECT count(*) || '|' || max(version) FROM assessment WHERE case_id = $case_id" "1|2"

# ---- the assessment changed by another terminal while it is being edited ----
e2e_keys a
e2e_wait "民生委員から母の介護の相談があった" >/dev/null
q "UPDATE assessment SET data = replace(data, '民生委員から', '民生委員の田中さんから'),
   version = version + 1 WHERE case_id = $case_id"
next 1; e2e_type "本人と面談"                 # 情報の出どころ
e2e_keys C-s
e2e_check "the assessment conflict is shown" \
    e2e_wait "他の職員が先に保存しました。どちらの内容にするか選んでください"
e2e_check "the field the user changed shows both" e2e_wait "本人と面談"
e2e_check "the field only the other changed is kept as stored" \
    e2e_wait "相談に至った経緯（あなたは変えていません。保存済みの内容が残ります）"
e2e_check "the other terminal's text is shown" e2e_wait "民生委員の田中さんから母の介護の相談があった"
e2e_check "nothing was overwritten yet" \
    is "SELECT version FROM assessment WHERE case_id = $case_id" 3
e2e_keys 1
e2e_check "1 saves the user's change on top" e2e_wait "アセスメントを保存しました"
q "SELECT data FROM assessment WHERE case_id = $case_id" > "$E2E_DIR/assessment"
e2e_check "the user's field is saved" grep -q '本人と面談' "$E2E_DIR/assessment"
e2e_check "and the other terminal's change is kept" \
    grep -q '民生委員の田中さんから母の介護の相談があった' "$E2E_DIR/assessment"
e2e_check "still one assessment, at version 4" \
    is "SELECT count(*) || '|' || max(version) FROM assessment WHERE case_id = $case_id" "1|4"

# ---- a plan without consent: 世帯丸ごと支援プラン, and why ----
e2e_keys p
e2e_check "P says the type before the form" e2e_wait "作成するプラン: 世帯丸ごと支援プラン"
e2e_check "and why" e2e_wait "本人同意がないので世帯丸ごと支援プランです（支援会議で協議します）"
e2e_keys Enter
e2e_wait "本人目標" >/dev/null
e2e_type "母の介護を続けながら働く"
next 1; e2e_type "介護保険の申請と家計の見直し"
next 1; e2e_type "$agency：母の介護保険の申請"
e2e_keys Enter; e2e_type "近所の田中さん: 見守り"
e2e_keys Enter; e2e_type "役割だけの行"
e2e_keys C-s
e2e_check "a role line without a colon is refused" \
    e2e_wait "役割分担は一行に一つ「機関名：役割」の形で書いてください"
e2e_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
e2e_keys C-s
e2e_check "the plan is made as a draft" e2e_wait "世帯丸ごと支援プランを作成しました（案）"
e2e_check "the plan is stored with its type and reason" \
    is "SELECT seq || '|' || type || '|' || state || '|' || type_reason FROM plan WHERE case_id = $case_id" \
    "1|世帯丸ごと支援プラン|案|本人同意がないので世帯丸ごと支援プランです（支援会議で協議します）"
plan1=$(q "SELECT id FROM plan WHERE case_id = $case_id AND seq = 1")
e2e_check "a registered agency's role points at the agency" \
    is "SELECT seq || '|' || agency_id || '|' || role FROM plan_role WHERE plan_id = $plan1 AND seq = 1" \
    "1|$agency_id|母の介護保険の申請"
e2e_check "another name is kept as who, without an agency" \
    is "SELECT seq || '|' || who || '|' || role FROM plan_role WHERE plan_id = $plan1 AND agency_id IS NULL" \
    "2|近所の田中さん|見守り"

# ---- approval sets monitoring (3 months) and evaluation (6 months) ----
e2e_keys s
e2e_check "S approves and shows the dates" e2e_wait "プランを承認しました。モニタリング"
e2e_check "approved today, monitoring and evaluation 3 and 6 months later" \
    is "SELECT state || '|' || approved_on || '|' || monitor_on || '|' || evaluate_on FROM plan WHERE id = $plan1" \
    "承認|$today|$(add_months 3)|$(add_months 6)"

# ---- a re-plan: version 2, linked, version 1 still readable ----
e2e_keys p
e2e_check "a second plan is a re-plan of the first" e2e_wait "第1版の再プランとして第2版を作ります。"
e2e_keys Enter
e2e_check "the re-plan starts from the first plan's text" e2e_wait "母の介護を続けながら働く"
e2e_keys C-u; e2e_type "週三日働きながら母の介護を続ける"
e2e_keys C-s
e2e_wait "世帯丸ごと支援プランを作成しました（案）" >/dev/null
e2e_check "version 2 replaces version 1" \
    is "SELECT seq || '|' || replaces_id || '|' || state FROM plan WHERE case_id = $case_id AND seq = 2" "2|$plan1|案"
e2e_check "version 1 is kept as it was" \
    is "SELECT state || '|' || goal FROM plan WHERE id = $plan1" "承認|母の介護を続けながら働く"
e2e_check "the re-plan is an event" e2e_wait "プラン  再プランを作成しました"
e2e_keys Down Enter
e2e_check "the old version opens" e2e_wait "第1版  世帯丸ごと支援プラン  状態: 承認  ＜古い版＞"
e2e_check "with its goal" e2e_wait "母の介護を続けながら働く"
e2e_check "and its roles" e2e_wait "近所の田中さん：見守り"
e2e_keys Escape Up

# ---- a plan state changed by another terminal meanwhile ----
q "UPDATE plan SET state = '承認', version = version + 1 WHERE case_id = $case_id AND seq = 2"
e2e_keys s
e2e_check "the plan conflict shows what was meant" e2e_wait "プランの状態: 案から承認へ"
e2e_check "and what is stored" e2e_wait "第2版の状態: 承認"
e2e_check "a change no longer allowed is not offered" \
    e2e_wait "1 （いまの内容からは、あなたの変更はできません）"
e2e_keys 2
e2e_check "2 keeps what is stored" e2e_wait "保存されている内容のままにしました"
e2e_check "the other terminal's state stays" is "SELECT state || '|' || version FROM plan WHERE case_id = $case_id AND seq = 2" "承認|2"

# ---- through the stages to 終結 ----
for stage in プラン作成 支援決定 支援中; do
    e2e_keys m
    e2e_wait "段階を移す（いま:" >/dev/null
    e2e_keys C-s
    e2e_wait "から${stage}へ" >/dev/null
done
e2e_check "the case reaches 支援中" test "$(sc stage)" = "支援中"
e2e_keys m
e2e_wait "> モニタリング" >/dev/null
e2e_keys Down
e2e_check "終結 can be chosen from 支援中" e2e_wait "> 終結"
e2e_keys C-s
e2e_check "終結 without a reason is refused" e2e_wait "終結の理由を入力してください"
e2e_check "and not saved" test "$(sc stage)" = "支援中"

# ---- meanwhile another terminal moves the case to モニタリング ----
q "UPDATE support_case SET stage = 'モニタリング', version = version + 1 WHERE id = $case_id"
e2e_type "家族の支援が整った"
e2e_keys C-s
e2e_check "the conflict is shown" e2e_wait "他の職員が先に保存しました。どちらの内容にするか選んでください"
e2e_check "with the user's change" e2e_wait "段階: 支援中から終結へ  記録: 家族の支援が整った"
e2e_check "and the stored version" e2e_wait "段階: モニタリング  主担当: root"
e2e_check "nothing was overwritten yet" test "$(sc stage)" = "モニタリング"
e2e_check "the change is still allowed from there" e2e_wait "1 あなたの変更をいまの内容に重ねて保存する"
e2e_keys 1
e2e_check "1 applies it on the new version" e2e_wait "段階を移しました: モニタリングから終結へ"
e2e_check "the case is closed" test "$(sc stage)" = "終結"
e2e_check "the reason is recorded" \
    is "SELECT from_stage || '|' || note FROM case_event WHERE case_id = $case_id AND to_stage = '終結'" \
    "モニタリング|家族の支援が整った"
e2e_check "a closed case offers reopening" e2e_wait "M 再開（アセスメントへ）"

# ---- reopening ----
e2e_keys m
e2e_check "the only move is back to アセスメント" e2e_wait "> アセスメント（ケースを再開）"
e2e_type "本人から再び相談"
e2e_keys C-s
e2e_check "the case reopens" e2e_wait "段階を移しました: 終結からアセスメントへ"
e2e_check "at アセスメント" test "$(sc stage)" = "アセスメント"

# ---- the 主担当 ----
e2e_keys l
e2e_wait "主担当を決める" >/dev/null
i=0
while ! e2e_shows "> $lead" && [ $i -lt 30 ]; do e2e_keys Up; sleep 0.1; i=$((i + 1)); done
e2e_check "the lead chooser moves to a worker" e2e_wait "> $lead"
e2e_check "the agency follows the worker's own" e2e_wait "主担当: $lead・$lead_agency  （ESC 取りやめ）"
e2e_keys Enter
e2e_check "the lead is saved" e2e_wait "主担当を $lead・$lead_agency にしました"
e2e_check "the lead is stored" test "$(sc "lead_staff_id || '|' || lead_agency_id")" = "$lead_ids"
e2e_check "the lead change is an event" \
    is "SELECT count(*) FROM case_event WHERE kind = '主担当' AND case_id = $case_id" 1
e2e_check "every change is in the timeline" \
    is "SELECT group_concat(kind, ',') FROM (SELECT kind FROM case_event WHERE case_id = $case_id ORDER BY id)" \
    "開始,段階,記録,記録,記録,プラン,プラン,段階,段階,段階,段階,段階,主担当"

e2e_keys Escape
e2e_check "ESC goes back to the list" e2e_wait "主担当: $lead・$lead_agency"
e2e_keys Escape
e2e_check "ESC again goes back to the lookup" e2e_wait "クイック検索"

# ---- another person, with consent: 支援プラン ----
q "INSERT INTO consent(person_id, given_on, method, all_agencies, taken_by, created_at, updated_at)
   VALUES ($p2, '$today', '署名', 1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
lookup "$name2"
e2e_keys F6
e2e_check "with consent the route is the 重層的支援会議" \
    e2e_wait "本人: $name2（番号 $p2）  【同意あり】  会議: 重層的支援会議"
e2e_check "and no notice" e2e_until sh -c "! tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -q '守秘義務'"
e2e_keys o
e2e_wait "ケースを開く" >/dev/null
e2e_keys 1
next 1; e2e_keys Space
next 1; e2e_type "家族で話し合いを続けた"
e2e_keys C-s
e2e_wait "ケースを開きました" >/dev/null
e2e_keys p
e2e_check "with consent the plan is a 支援プラン" e2e_wait "作成するプラン: 支援プラン"
e2e_check "and the screen says why" e2e_wait "本人同意があるので支援プランです（重層的支援会議で協議します）"
e2e_keys Escape
e2e_wait "取りやめました" >/dev/null

# ---- the consent is withdrawn (F4 W) while the case is open ----
e2e_keys F2
e2e_wait "$name2" >/dev/null
e2e_keys F4
e2e_wait "本人同意" >/dev/null
e2e_keys w
e2e_wait "同意の撤回" >/dev/null
next 1; e2e_type "本人の申し出"
e2e_keys C-s
e2e_check "the withdrawal is saved" e2e_wait "同意の撤回を記録しました"
e2e_keys F6
e2e_check "F6 now shows the withdrawn state" \
    e2e_wait "本人: $name2（番号 $p2）  【撤回】  会議: 支援会議"
e2e_check "and the 支援会議 notice on the list" \
    e2e_wait "本人同意は撤回されています。ケースは支援会議（守秘義務）でのみ扱えます"
e2e_keys Enter
e2e_check "the case's detail shows the notice too" \
    e2e_wait "本人同意は撤回されています。ケースは支援会議（守秘義務）でのみ扱えます"
e2e_check "the withdrawal is in the case's timeline" e2e_wait "同意  本人同意は撤回されています"
e2e_keys p
e2e_check "a plan now is a 世帯丸ごと支援プラン, and why" \
    e2e_wait "本人同意が撤回されているので世帯丸ごと支援プランです（支援会議で協議します）"
e2e_keys Escape Escape Escape
e2e_check "ESC from the list returns to the consent screen" e2e_wait "W 選んだ同意の撤回"

# ---- everyone's open cases: F6 with nobody chosen ----
e2e_keys F2 C-u
e2e_wait "クイック検索" >/dev/null
e2e_keys F6
e2e_check "F6 with nobody chosen lists everyone's open cases" \
    e2e_wait "開いているケース（全員・新しい順）"
e2e_check "the case without consent is listed, flagged on its row" \
    e2e_until below "$name1" "【同意なし・支援会議のみ】"
e2e_check "the case whose consent was withdrawn too" e2e_until below "$name2" "【撤回・支援会議のみ】"
e2e_keys F10
e2e_check "the program ends cleanly" e2e_wait "[exit 0]"
e2e_done
