#!/bin/sh
# referral.sh - つなぎ (F5) on a real terminal: a person's details go to an
# agency only under a consent that covers it (or one taken aloud there and
# then, which joins the consent history); the states and their events;
# 差戻し needs its reason; overdue answers are flagged; everyone's
# referrals by state and by agency; and a change someone else made first
# is shown, never overwritten.
#
# The demo data may hold referrals and consents of its own: the persons
# used here are ones it leaves without either, and the lists across
# everyone are compared with the database, not with fixed numbers.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
T=$TSUNAGI_BIN
export TSUNAGI_FORMS="$TSUNAGI_SRCDIR/forms"
q() { sqlite3 "$db" "$1"; }

# Referrals shown at once at 80x24: the body less header, headings, the
# pane under the list and the key line.
LIST_ROWS=12

# The form offers the active agencies by field, then name: digit N picks
# the N-th.
agency_id() { q "SELECT id FROM agency WHERE active = 1 ORDER BY field, name LIMIT 1 OFFSET $(($1 - 1))"; }
agency_name() { q "SELECT name FROM agency WHERE active = 1 ORDER BY field, name LIMIT 1 OFFSET $(($1 - 1))"; }
# The start of a name, short enough never to be cut by a column.
short() { q "SELECT substr(name, 1, 6) FROM $1 WHERE id = $2"; }
# A person with a name and no consent or referral yet, after the one given.
fresh_person() {
    q "SELECT id FROM person p WHERE name <> '' AND id > $1
       AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.person_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id) ORDER BY id LIMIT 1"
}
# The latest consultation of a person, or "none" (what a referral links).
latest_consult() {
    q "SELECT COALESCE((SELECT id FROM consultation WHERE person_id = $1
       ORDER BY received_at DESC, id DESC LIMIT 1), 'none')"
}
# A digit within 0.6 s of ESC is read as an F-key (ESC 1 = F1): wait.
after_esc() { sleep 0.8; }
# The screen has a row holding both texts.
row_has() { e2e_until screen_row_has "$@"; }
screen_row_has() { e2e_screen | grep -F -- "$1" | grep -qF -- "$2"; }
# The screen has a row that is exactly this text.
row_is() { e2e_until screen_row_is "$@"; }
screen_row_is() { e2e_screen | grep -qxF -- "$1"; }
# Every row fits in 80 cells and no chrome is of ambiguous width.
fits() { e2e_until screen_fits; }
screen_fits() {
    e2e_screen > "$E2E_DIR/fit"
    [ "$("$TSUNAGI_TESTBIN/screencol" --width < "$E2E_DIR/fit" | awk '$1 > 80' | wc -l)" -eq 0 ] &&
        [ -z "$("$TSUNAGI_TESTBIN/screencol" --ambiguous < "$E2E_DIR/fit")" ]
}
# Find a person by number and wait for the name.
find_person() {
    e2e_keys F2 C-u
    e2e_type "#$1"
    e2e_wait "$2" >/dev/null
}
# list_matches WHERE: the rows of everyone's list are the first referrals
# of the database under WHERE, the earliest due first: each with its due
# date in short 和暦 (the demo's dates are all 令和), the start of its
# person's and agency's names, its state, and 【期限切れ】 exactly when a
# 依頼 is past its due date.
list_matches() { e2e_until screen_list_matches "$@"; }
screen_list_matches() {
    e2e_screen | grep -E '^R[0-9]+\.[0-9]+\.[0-9]+ ' > "$E2E_DIR/rows"
    q "SELECT 'R' || (CAST(strftime('%Y', r.due_on) AS INTEGER) - 2018) || '.'
              || CAST(strftime('%m', r.due_on) AS INTEGER) || '.'
              || CAST(strftime('%d', r.due_on) AS INTEGER)
              || '|' || COALESCE(substr(p.name, 1, 4), '（匿名）') || '|' || substr(a.name, 1, 6)
              || '|' || r.state || '|' || (r.state = '依頼' AND r.due_on < date('now', 'localtime'))
       FROM referral r LEFT JOIN person p ON p.id = r.person_id JOIN agency a ON a.id = r.agency_id
       $1 ORDER BY r.due_on, r.id LIMIT $LIST_ROWS" > "$E2E_DIR/want"
    [ "$(wc -l < "$E2E_DIR/rows")" -eq "$(wc -l < "$E2E_DIR/want")" ] || return 1
    # (lm_ names: e2e_check keeps the check's name in $name)
    lm_i=0
    while IFS='|' read -r lm_due lm_person lm_agency lm_state lm_late; do
        lm_i=$((lm_i + 1))
        lm_line=$(sed -n "${lm_i}p" "$E2E_DIR/rows")
        case $lm_line in "$lm_due "*) ;; *) echo "row $lm_i: not due $lm_due: $lm_line"; return 1 ;; esac
        for lm_part in "$lm_person" "$lm_agency" " $lm_state"; do
            case $lm_line in
                *"$lm_part"*) ;;
                *) echo "row $lm_i: no '$lm_part': $lm_line"; return 1 ;;
            esac
        done
        case $lm_late$lm_line in
            1*【期限切れ】*|0*) ;;
            *) echo "row $lm_i: not flagged: $lm_line"; return 1 ;;
        esac
        case $lm_late$lm_line in 0*【期限切れ】*) echo "row $lm_i: flagged: $lm_line"; return 1 ;; esac
    done < "$E2E_DIR/want"
}

today=$(q "SELECT date('now', 'localtime')")
due=$(q "SELECT date('now', 'localtime', '+14 days')")
me=$(q "SELECT id FROM staff WHERE login = '$(id -un)'")
# Another worker of the demo, who changes referrals behind the screen's back.
other=$(q "SELECT id FROM staff WHERE login = 'demo-sugiura'")
other_name=$(q "SELECT name FROM staff WHERE id = $other")
p1=$(fresh_person 0); p2=$(fresh_person "$p1"); p3=$(fresh_person "$p2")
n1=$(q "SELECT name FROM person WHERE id = $p1")
n2=$(q "SELECT name FROM person WHERE id = $p2")
n3=$(q "SELECT name FROM person WHERE id = $p3")
a3=$(agency_id 3); a3_short=$(short agency "$a3")
a4=$(agency_id 4); a4_short=$(short agency "$a4")
a5=$(agency_id 5); a5_name=$(agency_name 5)
e2e_check "three persons without consent or referral ($p1 $p2 $p3)" \
    test -n "$p1" -a -n "$p2" -a -n "$p3" -a -n "$other"
referrals=$(q "SELECT count(*) FROM referral")
consents=$(q "SELECT count(*) FROM consent")

e2e_start 80 24 xterm-256color "$T" --db "$db"
e2e_wait "クイック検索" >/dev/null

# ---- F5 for a person: a view row, then a new referral ----
find_person "$p1" "$n1"
views=$(q "SELECT count(*) FROM audit WHERE action = 'view' AND entity = 'referral' AND entity_id = $p1")
e2e_keys F5
e2e_check "F5 opens the person's referrals" e2e_wait "本人: $n1（番号 $p1）  【同意なし】"
e2e_check "none yet" e2e_wait "つなぎの記録はまだありません"
e2e_check "opening them wrote one view row" \
    test "$(q "SELECT count(*) FROM audit WHERE action = 'view' AND entity = 'referral' AND entity_id = $p1")" -eq $((views + 1))
e2e_keys N
e2e_check "N opens the referral form" e2e_wait "新しいつなぎ（Ctrl-S 送る、ESC 取りやめ）"
e2e_check "the answer is due in 14 days by default" e2e_wait "回答期限            $due"
e2e_keys 3 Tab
e2e_type "介護保険の申請を手伝ってほしい"
e2e_keys Tab
e2e_type "氏名、電話番号、母の介護の状況"
e2e_keys C-s

# ---- no consent: refused, with the reason and the three ways on ----
e2e_check "without consent the screen refuses and says why" \
    e2e_wait "本人同意がないため、個人の情報は共有できません"
e2e_check "it offers a consent taken aloud" e2e_wait "1 口頭で同意を得た"
e2e_check "it offers a referral without the details" e2e_wait "2 個人の情報を伝えずにつなぐ"
e2e_check "it offers the 支援会議" e2e_wait "3 支援会議で扱う"
e2e_check "the refusal fits 80 columns, no ambiguous-width chrome" fits
e2e_check "nothing was sent" test "$(q "SELECT count(*) FROM referral")" -eq "$referrals"
e2e_keys 3
e2e_check "3 sends nothing and points to the 支援会議" \
    e2e_wait "送っていません。この件は支援会議（守秘義務）で扱ってください"
e2e_check "the typed form is kept" e2e_wait "氏名、電話番号、母の介護の状況"
e2e_check "still nothing sent, no consent made" \
    test "$(q "SELECT count(*) FROM referral") $(q "SELECT count(*) FROM consent")" = "$referrals $consents"

# ---- 1: consent taken aloud, recorded with the referral ----
e2e_keys C-s
e2e_wait "本人同意がないため" >/dev/null
e2e_keys 1
e2e_check "1 sends it" e2e_wait "つなぎを記録しました（回答期限 "
e2e_check "and says the consent joined the history" \
    e2e_wait "口頭の同意（この機関のみ）を同意の記録に加えました"
r1=$(q "SELECT id FROM referral WHERE person_id = $p1")
c1=$(q "SELECT id FROM consent WHERE person_id = $p1")
e2e_check "one referral, to the agency chosen, due in 14 days" \
    test "$(q "SELECT count(*) || '|' || agency_id || '|' || due_on || '|' || state FROM referral WHERE person_id = $p1")" = "1|$a3|$due|依頼"
e2e_check "it keeps what was shared" \
    test "$(q "SELECT shared FROM referral WHERE id = $r1")" = "氏名、電話番号、母の介護の状況"
e2e_check "it comes from the person's latest consultation" \
    test "$(q "SELECT COALESCE(consultation_id, 'none') FROM referral WHERE id = $r1")" = "$(latest_consult "$p1")"
e2e_check "one new consent: 口頭, today, by the user, not for all agencies" \
    test "$(q "SELECT count(*) || '|' || method || '|' || given_on || '|' || taken_by || '|' || all_agencies FROM consent WHERE person_id = $p1")" = "1|口頭|$today|$me|0"
e2e_check "the consent covers that agency only" \
    test "$(q "SELECT group_concat(agency_id) FROM consent_agency WHERE consent_id = $c1")" = "$a3"
e2e_check "the referral names that consent" test "$(q "SELECT consent_id FROM referral WHERE id = $r1")" = "$c1"
e2e_check "its first event is 依頼" \
    test "$(q "SELECT group_concat(state) FROM referral_event WHERE referral_id = $r1")" = "依頼"
e2e_check "the header now says 同意あり" e2e_wait "本人: $n1（番号 $p1）  【同意あり】"
e2e_check "the list shows it as 依頼" row_has "$a3_short" " 依頼 "
e2e_check "what was shared shows with its consent" e2e_wait "伝えた情報: 氏名、電話番号、母の介護の状況（同意 番号 $c1）"
find_person "$p1" "$n1"
e2e_keys F4
e2e_check "the consent screen has the oral consent in the history" row_has "口頭  $a3_short" "有効"
e2e_keys F5
e2e_check "F5 from the consent screen opens the same person's referrals" \
    e2e_wait "本人: $n1（番号 $p1）  【同意あり】"

# ---- 受理, then 完了: only the allowed moves, each an event ----
e2e_keys Enter
e2e_wait "変える先:" >/dev/null
e2e_check "from 依頼 only 受理 and 差戻し are offered" row_is "変える先: 1 受理  2 差戻し"
e2e_keys 1
e2e_check "a note is asked for" e2e_wait "メモ（任意）:"
e2e_type "保健師の担当が決まった"
e2e_keys Enter
e2e_check "受理 is saved" e2e_wait "状態を「受理」にしました"
e2e_check "the list shows 受理" row_has "$a3_short" " 受理 "
e2e_keys Enter
e2e_wait "変える先:" >/dev/null
e2e_check "from 受理 only 対応中 and 完了 are offered" row_is "変える先: 1 対応中  2 完了"
e2e_keys 2 Enter
e2e_check "完了 is saved" e2e_wait "状態を「完了」にしました"
e2e_check "the events are 依頼, 受理, 完了 in order" \
    test "$(q "SELECT group_concat(state) FROM (SELECT state FROM referral_event WHERE referral_id = $r1 ORDER BY id)")" = "依頼,受理,完了"
e2e_check "the 受理 event keeps its note" \
    test "$(q "SELECT note FROM referral_event WHERE referral_id = $r1 AND state = '受理'")" = "保健師の担当が決まった"
e2e_check "the referral is 完了 at version 3" \
    test "$(q "SELECT state || '|' || version FROM referral WHERE id = $r1")" = "完了|3"
e2e_keys Enter
e2e_check "a 完了 referral offers no move" e2e_wait "完了 のつなぎは、これ以上状態を変えられません"

# ---- a consent for one agency does not cover another ----
e2e_keys N
e2e_wait "新しいつなぎ" >/dev/null
e2e_keys 4 Tab
e2e_type "障がいの手帳の相談"
e2e_keys Tab
e2e_type "氏名と病名"
e2e_keys C-s
e2e_check "the consent's scope is checked per agency" \
    e2e_wait "本人同意の範囲にこの機関が含まれていません"
consents=$(q "SELECT count(*) FROM consent")
e2e_keys 2
e2e_check "2 sends it without the details" e2e_wait "個人の情報は伝えていません"
r2=$(q "SELECT max(id) FROM referral WHERE person_id = $p1")
e2e_check "stored without what was shared and without a consent" \
    test "$(q "SELECT agency_id || '|' || shared || '|' || COALESCE(consent_id, 'none') FROM referral WHERE id = $r2")" = "$a4||none"
e2e_check "2 made no consent" test "$(q "SELECT count(*) FROM consent")" -eq "$consents"
e2e_check "the new referral is listed first" \
    e2e_until sh -c "tmux -S '$E2E_SOCK' capture-pane -p -t t | sed -n 4p | grep -qF '$a4_short'"

# ---- the consent's own agency: sent at once, under that consent ----
e2e_keys N
e2e_wait "新しいつなぎ" >/dev/null
e2e_keys 3 Tab
e2e_type "訪問の日程の相談"
e2e_keys Tab
e2e_type "住所"
e2e_keys C-s
e2e_check "covered by the consent, it is sent without asking" e2e_wait "つなぎを記録しました（回答期限 "
r3=$(q "SELECT max(id) FROM referral WHERE person_id = $p1")
e2e_check "it names the consent that covers it" \
    test "$(q "SELECT consent_id || '|' || shared FROM referral WHERE id = $r3")" = "$c1|住所"

# ---- 差戻し needs its reason ----
e2e_keys Enter
e2e_wait "変える先: 1 受理  2 差戻し" >/dev/null
e2e_keys 2
e2e_check "差戻し asks for its reason" e2e_wait "差戻しの理由（必須）:"
e2e_keys Enter
e2e_check "差戻し without a reason is refused" e2e_wait "差戻しの理由を入力してください"
e2e_check "and not saved" test "$(q "SELECT state || '|' || version FROM referral WHERE id = $r3")" = "依頼|1"
e2e_type "訪問は社協の担当"
e2e_keys Enter
e2e_check "差戻し with its reason is saved" e2e_wait "状態を「差戻し」にしました"
e2e_check "the reason is stored on the referral and its event" \
    test "$(q "SELECT r.state || '|' || r.state_note || '|' || e.note FROM referral r JOIN referral_event e ON e.referral_id = r.id AND e.state = '差戻し' WHERE r.id = $r3")" = "差戻し|訪問は社協の担当|訪問は社協の担当"
e2e_check "the reason shows under the list" e2e_wait "差戻しの理由: 訪問は社協の担当"
e2e_keys Enter
e2e_wait "変える先:" >/dev/null
e2e_check "a returned referral may only be sent again" row_is "変える先: 1 依頼"
e2e_keys Escape
e2e_check "ESC leaves the move unsaved" e2e_wait "取りやめました（何も保存していません）"
after_esc

# ---- an answer past its due date is flagged ----
q "UPDATE referral SET due_on = date('now', 'localtime', '-3 days') WHERE id = $r2"
e2e_keys F5
e2e_check "F5 on the screen shows the person's referrals again" e2e_wait "本人: $n1（番号 $p1）"
e2e_check "the overdue one is flagged" row_has "$a4_short" "【期限切れ】"
e2e_check "only that one" e2e_until sh -c "[ \$(tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -cF '【期限切れ】') -eq 1 ]"
e2e_check "the person's list fits 80 columns" fits
e2e_keys Escape
e2e_check "ESC goes back where F5 was pressed: the consent screen" e2e_wait "同意日     方法"
after_esc

# ---- another person, from the summary; ESC returns there ----
find_person "$p2" "$n2"
e2e_keys Enter
e2e_wait "人の概要" >/dev/null
e2e_keys F5
e2e_check "F5 from the summary opens that person's referrals" e2e_wait "本人: $n2（番号 $p2）"
e2e_keys N
e2e_wait "新しいつなぎ" >/dev/null
e2e_keys 5 Tab
e2e_type "就労の相談"
e2e_keys C-s
e2e_check "nothing personal shared: no consent needed" e2e_wait "つなぎを記録しました（回答期限 "
r4=$(q "SELECT id FROM referral WHERE person_id = $p2")
e2e_check "it is stored for that person" \
    test "$(q "SELECT agency_id || '|' || state || '|' || COALESCE(consent_id, 'none') FROM referral WHERE id = $r4")" = "$a5|依頼|none"

# ---- someone else moves it first: both shown, mine applied on request ----
e2e_keys Enter
e2e_wait "変える先: 1 受理" >/dev/null
e2e_keys 1
e2e_type "面談の日が決まった"
q "UPDATE referral SET state_note = '電話で確認中', version = version + 1 WHERE id = $r4"
q "INSERT INTO referral_event(referral_id, at, staff_id, state, note) VALUES ($r4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), $other, '依頼', '電話で確認中')"
e2e_keys Enter
e2e_check "a conflict is reported" e2e_wait "他の職員が先にこのつなぎを更新しました（あなたの変更はまだ保存していません）"
e2e_check "it shows the state chosen" e2e_wait "あなたの変更: 「受理」  メモ: 面談の日が決まった"
e2e_check "and the state stored, with who" e2e_wait "いまの記録:   「依頼」（$other_name）  メモ: 電話で確認中"
e2e_check "nothing was overwritten" test "$(q "SELECT state || '|' || state_note || '|' || version FROM referral WHERE id = $r4")" = "依頼|電話で確認中|2"
e2e_keys 1
e2e_check "1 applies mine from the stored version" e2e_wait "状態を「受理」にしました"
e2e_check "stored as mine, one version on" \
    test "$(q "SELECT state || '|' || state_note || '|' || version FROM referral WHERE id = $r4")" = "受理|面談の日が決まった|3"
e2e_keys Escape
e2e_check "ESC goes back to the summary" e2e_wait "人の概要"
after_esc

# ---- a conflict where mine no longer applies: theirs is kept ----
find_person "$p3" "$n3"
e2e_keys F5
e2e_wait "本人: $n3" >/dev/null
e2e_keys N
e2e_wait "新しいつなぎ" >/dev/null
e2e_keys 5 Tab
e2e_type "居場所の紹介"
e2e_keys C-s
e2e_wait "つなぎを記録しました" >/dev/null
r5=$(q "SELECT id FROM referral WHERE person_id = $p3")
e2e_keys Enter
e2e_wait "変える先: 1 受理" >/dev/null
e2e_keys 1
q "UPDATE referral SET state = '差戻し', state_note = '対象外', version = version + 1 WHERE id = $r5"
q "INSERT INTO referral_event(referral_id, at, staff_id, state, note) VALUES ($r5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), $other, '差戻し', '対象外')"
e2e_keys Enter
e2e_check "the stored 差戻し is shown" e2e_wait "いまの記録:   「差戻し」（$other_name）  メモ: 対象外"
e2e_check "mine is said not to apply from there" e2e_wait "いまの状態からは「受理」にできません。2 いまの記録のままにする"
e2e_keys 1
e2e_check "1 refuses a move the stored state does not allow" \
    e2e_wait "いまの状態（差戻し）からは「受理」に変えられません"
e2e_keys 2
e2e_check "2 keeps theirs" e2e_wait "他の職員の変更のままにしました（あなたの変更は保存していません）"
e2e_check "the stored state is theirs, untouched" \
    test "$(q "SELECT state || '|' || state_note || '|' || version FROM referral WHERE id = $r5")" = "差戻し|対象外|2"

# ---- nobody on screen: everyone's, by state and by agency ----
total=$(q "SELECT count(*) FROM referral")
e2e_keys F2 C-u
e2e_wait "氏名・フリガナ" >/dev/null
e2e_keys F5
e2e_check "F5 with nobody chosen lists everyone's ($total)" e2e_wait "全員のつなぎ  状態: すべて  機関: すべて  ${total}件"
e2e_check "the rows are the earliest due, each flagged when overdue" list_matches ""
e2e_check "everyone's list fits 80 columns" fits
e2e_keys J
n=$(q "SELECT count(*) FROM referral WHERE state = '依頼'")
e2e_check "J filters by state: 依頼 ($n)" e2e_wait "状態: 依頼  機関: すべて  ${n}件"
e2e_check "the rows are the 依頼 ones" list_matches "WHERE r.state = '依頼'"
e2e_keys J J
n=$(q "SELECT count(*) FROM referral WHERE state = '差戻し'")
e2e_check "J twice more: 差戻し ($n)" e2e_wait "状態: 差戻し  機関: すべて  ${n}件"
e2e_check "the rows are the 差戻し ones" list_matches "WHERE r.state = '差戻し'"
e2e_check "of several persons, these two among them" \
    sh -c "[ \$(sqlite3 '$db' \"SELECT count(DISTINCT person_id) FROM referral WHERE state = '差戻し'\") -ge 2 ] &&
           [ \$(sqlite3 '$db' \"SELECT count(*) FROM referral WHERE state = '差戻し' AND person_id IN ($p1, $p3)\") -eq 2 ]"
e2e_keys J J J
e2e_check "J cycles back to every state" e2e_wait "状態: すべて  機関: すべて  ${total}件"
e2e_keys K K K K K
n=$(q "SELECT count(*) FROM referral WHERE agency_id = $a5")
e2e_check "K steps through the agencies: the 5th" e2e_wait "状態: すべて  機関: $a5_name"
e2e_check "its count ($n)" e2e_wait "$a5_name  ${n}件"
e2e_check "the rows are that agency's" list_matches "WHERE r.agency_id = $a5"
e2e_keys N
e2e_check "N needs a person" e2e_wait "つなぐ人を検索で選んでから F5 を押してください"
e2e_keys Escape
e2e_check "ESC goes back to the lookup" e2e_wait "クイック検索"

# ---- F5 from a case's detail: the referral belongs to that case ----
cp_id=$(q "SELECT c.person_id FROM support_case c WHERE c.stage NOT IN ('終結', '中断', '包括的相談支援に戻す') ORDER BY c.id LIMIT 1")
cp_name=$(q "SELECT name FROM person WHERE id = $cp_id")
case_id=$(q "SELECT id FROM support_case WHERE person_id = $cp_id AND stage NOT IN ('終結', '中断', '包括的相談支援に戻す') ORDER BY opened_on DESC, id DESC LIMIT 1")
find_person "$cp_id" "$cp_name"
e2e_keys F6
e2e_wait "ケース" >/dev/null
e2e_keys Enter
e2e_wait "経過" >/dev/null
case_events=$(q "SELECT count(*) FROM case_event WHERE case_id = $case_id AND kind = 'つなぎ'")
e2e_keys F5
e2e_check "F5 on a case opens that person's referrals" e2e_wait "本人: $cp_name"
e2e_keys N
e2e_wait "新しいつなぎ" >/dev/null
e2e_keys 3 Tab
e2e_type "ケースからのつなぎ"
e2e_keys C-s
e2e_check "a referral from a case is sent" e2e_wait "つなぎを記録しました"
e2e_check "it names the case" \
    test "$(q "SELECT count(*) FROM referral WHERE case_id = $case_id AND reason = 'ケースからのつなぎ'")" -eq 1
e2e_check "and the case's timeline has it" \
    test "$(q "SELECT count(*) FROM case_event WHERE case_id = $case_id AND kind = 'つなぎ'")" -eq $((case_events + 1))
e2e_keys Escape
e2e_wait "ケース" >/dev/null
e2e_keys F2

# ---- F6 from a person's referral: the case opened comes from it ----
find_person "$p1" "$n1"
e2e_keys F5
e2e_wait "本人: $n1" >/dev/null
ref_id=$(q "SELECT id FROM referral WHERE person_id = $p1 ORDER BY sent_on DESC, id DESC LIMIT 1")
e2e_keys F6
e2e_wait "ケース" >/dev/null
e2e_keys o
e2e_wait "ケースを開く" >/dev/null
e2e_keys 2                                   # 事業: アウトリーチ
e2e_keys C-s
e2e_check "a case opened from the referral screen opens" e2e_wait "ケースを開きました（アウトリーチ・受付）"
e2e_check "it remembers the referral it came from" \
    test "$(q "SELECT count(*) FROM support_case WHERE person_id = $p1 AND referral_id = $ref_id")" -eq 1
e2e_keys F2

e2e_keys F10
e2e_wait "[exit 0]" >/dev/null
e2e_check "the database is intact after all this" sh -c "\"$T\" check --db '$db' | grep -qx ok"
e2e_done
