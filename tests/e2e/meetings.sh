#!/bin/sh
# meetings.sh - 会議 (F7) on a real terminal, end to end: a 支援会議 and a
# 重層的支援会議 made from their forms; an agenda built from the proposed
# candidates (none without consent on the 重層的支援会議) and from a case
# number; a case without consent refused there with the 支援会議 offered;
# the cap's warning; the meeting held, attendance and a decision that
# moves the case and approves the plan from the meeting's day; the paper
# written to a file and printed by `tsunagi agenda` (CP932 too); and a
# consent withdrawn after placing, which flags the item and keeps the
# person off every paper.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
T=$TSUNAGI_BIN
export TSUNAGI_FORMS="$TSUNAGI_SRCDIR/forms"
export TSUNAGI_PAPERS="$E2E_DIR/papers"
q() { sqlite3 "$db" "$1"; }
is() { test "$(q "$1")" = "$2"; }
next() { n=$1; while [ "$n" -gt 0 ]; do e2e_keys Tab; n=$((n - 1)); done; }
# A digit within 0.6 s of ESC is read as an F-key (ESC 1 = F1): wait.
after_esc() { sleep 0.8; }
# The screen shows both texts on one row.
row_has() { e2e_until screen_row_has "$@"; }
screen_row_has() { e2e_screen | grep -F -- "$1" | grep -qF -- "$2"; }
# Every row fits in 80 cells.
fits() { e2e_until screen_fits; }
screen_fits() {
    e2e_screen > "$E2E_DIR/fit"
    [ "$("$TSUNAGI_TESTBIN/screencol" --width < "$E2E_DIR/fit" | awk '$1 > 80' | wc -l)" -eq 0 ]
}
# The case numbers the candidate list shows, one per line.
shown_cases() { e2e_screen | grep -oE 'ケース[0-9]+' | sed 's/ケース//'; }
# Every case the candidates show has consent in force (a 重層的支援会議's).
all_consented() {
    shown_cases > "$E2E_DIR/cands"
    [ -s "$E2E_DIR/cands" ] || return 1
    while read -r c; do
        [ "$(q "SELECT count(*) FROM consent n JOIN support_case s ON s.person_id = n.person_id
                WHERE s.id = $c AND n.withdrawn_on = ''")" -gt 0 ] || return 1
    done < "$E2E_DIR/cands"
}

today=$(q "SELECT date('now', 'localtime')")
week=$(q "SELECT date('now', 'localtime', '+7 days')")
latest_plan() { q "SELECT id FROM plan WHERE case_id = $1 ORDER BY seq DESC LIMIT 1"; }
# A case at プラン作成 whose plan is a 案, its person consenting; one whose
# person does not; and another consenting open case.
pc=$(q "SELECT c.id FROM support_case c WHERE c.stage = 'プラン作成'
        AND (SELECT state FROM plan p WHERE p.case_id = c.id ORDER BY seq DESC LIMIT 1) = '案'
        AND EXISTS (SELECT 1 FROM consent n WHERE n.person_id = c.person_id AND n.withdrawn_on = '')
        ORDER BY c.id LIMIT 1")
nc=$(q "SELECT c.id FROM support_case c WHERE c.stage NOT IN ('終結', '中断', '包括的相談支援に戻す')
        AND NOT EXISTS (SELECT 1 FROM consent n WHERE n.person_id = c.person_id AND n.withdrawn_on = '')
        ORDER BY c.id LIMIT 1")
oc=$(q "SELECT c.id FROM support_case c WHERE c.stage NOT IN ('終結', '中断', '包括的相談支援に戻す')
        AND c.id <> $pc
        AND EXISTS (SELECT 1 FROM consent n WHERE n.person_id = c.person_id AND n.withdrawn_on = '')
        ORDER BY c.id LIMIT 1")
pc_name=$(q "SELECT p.name FROM support_case c JOIN person p ON p.id = c.person_id WHERE c.id = $pc")
pc_person=$(q "SELECT person_id FROM support_case WHERE id = $pc")
pc_plan=$(latest_plan "$pc")
e2e_check "cases to use: $pc (consent, plan 案), $nc (no consent), $oc (consent)" \
    test -n "$pc" -a -n "$nc" -a -n "$oc" -a -n "$pc_name"
meetings=$(q "SELECT count(*) FROM meeting")

e2e_start 80 24 xterm-256color "$T" --db "$db"
e2e_wait "クイック検索" >/dev/null

# ---- a 支援会議 next week, then a 重層的支援会議 today ----
e2e_keys F7
e2e_check "F7 opens the meetings" e2e_wait "会議の一覧"
e2e_keys n
e2e_wait "開催日" >/dev/null
e2e_keys 2                                   # 種類: 支援会議
next 1; e2e_keys C-u; e2e_type "$week"
next 1; e2e_type "14:00"
next 1; e2e_type "福祉センター 相談室"
e2e_keys C-s
e2e_check "the 支援会議 is made" e2e_wait "会議を作りました（会議番号 "
sid=$(q "SELECT max(id) FROM meeting")
e2e_check "stored as a 支援会議 next week at 14:00, 予定" \
    is "SELECT k.name || '|' || m.held_on || '|' || m.starts_at || '|' || m.state FROM meeting m JOIN meeting_kind k ON k.id = m.kind_id WHERE m.id = $sid" \
    "支援会議|$week|14:00|予定"
e2e_keys n
e2e_wait "開催日" >/dev/null
e2e_keys 1                                   # 種類: 重層的支援会議
next 2; e2e_type "13:30"
next 1; e2e_type "役場 第1会議室"
next 2; e2e_keys Space                       # 構成員: the first agency
e2e_keys C-s
e2e_check "the 重層的支援会議 is made" e2e_wait "会議を作りました（会議番号 "
mid=$(q "SELECT max(id) FROM meeting")
e2e_check "stored today with one member, 定例" \
    is "SELECT m.held_on || '|' || m.regular || '|' || (SELECT count(*) FROM meeting_member WHERE meeting_id = m.id) FROM meeting m WHERE m.id = $mid" \
    "$today|1|1"
e2e_check "two meetings more than before" is "SELECT count(*) FROM meeting" $((meetings + 2))
e2e_check "the list fits 80 columns" fits

# ---- the agenda from the candidates ----
e2e_keys Enter
e2e_check "Enter opens the meeting" e2e_wait "議題 0件（上限 12件）"
e2e_keys c
e2e_check "C proposes candidates" e2e_wait "議題の候補（緊急度と期限の順）"
e2e_check "none of them lacks consent (a 重層的支援会議)" e2e_until all_consented
e2e_check "the case with a plan in 案 is proposed for プラン策定" row_has "ケース$pc" "プラン策定"
idx=$(shown_cases | grep -nx "$pc" | cut -d: -f1)
i=1; while [ "$i" -lt "$idx" ]; do e2e_keys Down; i=$((i + 1)); done
e2e_keys Enter
e2e_check "Enter puts it on the agenda" e2e_wait "ケース $pc を議題に入れました（プラン策定、1件目）"
e2e_check "stored with its moment and plan" \
    is "SELECT position || '|' || moment || '|' || plan_id FROM agenda_item WHERE meeting_id = $mid AND case_id = $pc" \
    "1|プラン策定|$pc_plan"
e2e_check "it is no longer proposed" sh -c "! tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -q 'ケース$pc '"
e2e_keys Escape
e2e_wait "議題 1件" >/dev/null
after_esc

# ---- a case without consent: refused here, the 支援会議 offered ----
e2e_keys '#'
e2e_wait "議題に入れるケースの番号" >/dev/null
e2e_type "$nc"
e2e_keys Enter
e2e_wait "議題にする理由" >/dev/null
e2e_keys 1                                   # プラン策定
e2e_check "the screen says why" e2e_wait "この会議では扱えません。支援会議（守秘義務）で扱ってください"
e2e_check "and offers the 支援会議" e2e_wait "1 次の支援会議の議題に入れる"
e2e_check "nothing was put on the 重層的支援会議" \
    is "SELECT count(*) FROM agenda_item WHERE meeting_id = $mid AND case_id = $nc" 0
e2e_keys 1
e2e_check "1 puts it on the next 支援会議" e2e_wait "ケース $nc を議題に入れました"
e2e_check "stored on the 支援会議" is "SELECT count(*) FROM agenda_item WHERE meeting_id = $sid AND case_id = $nc" 1
e2e_check "the 支援会議 shows its 守秘義務 notice" e2e_wait "【守秘義務】支援会議です"
e2e_keys Escape
e2e_wait "会議の一覧" >/dev/null
after_esc

# ---- the administrator's settings and kinds ----
"$T" setting --db "$db" agenda_cap 0 2>"$E2E_DIR/err"; rc=$?
e2e_check "a cap out of bounds is refused, saying the bounds" \
    sh -c "[ $rc -eq 2 ] && grep -q '1〜99' '$E2E_DIR/err'"
e2e_check "the cap is set" sh -c "\"$T\" setting --db '$db' agenda_cap 1 | grep -q 'agenda_cap を 1 にしました'"
e2e_check "the settings list shows it" \
    sh -c "\"$T\" setting --db '$db' | grep -q '^agenda_cap	1	'"
e2e_check "a kind of the municipality's own is added" \
    sh -c "\"$T\" kinds --db '$db' add 支援調整会議 --consent | grep -q '支援調整会議'"
"$T" kinds --db "$db" add 支援調整会議 --consent 2>/dev/null; rc=$?
e2e_check "a kind's name is not taken twice" test $rc -eq 2
e2e_check "kinds lists it, not under 守秘義務" \
    sh -c "\"$T\" kinds --db '$db' | grep -qx '3	支援調整会議	0	1'"

# ---- the cap, set by the administrator ----
e2e_keys F7
e2e_wait "会議の一覧" >/dev/null
e2e_keys Enter
e2e_check "the coming meeting is selected: today's" e2e_wait "議題 1件（上限 1件）"
e2e_keys '#'
e2e_wait "議題に入れるケースの番号" >/dev/null
e2e_type "$oc"
e2e_keys Enter
e2e_wait "議題にする理由" >/dev/null
e2e_keys 3                                   # 終結判断
e2e_check "past the cap the screen warns" e2e_wait "議題が上限（1件）を超えています（2件）"
e2e_check "and the head says so" e2e_wait "議題 2件（上限 1件を超えています）"
e2e_keys ']'
e2e_check "] cannot move the last item further down" e2e_wait "これ以上下へは動かせません"
e2e_keys '['
e2e_check "[ moves the second item up" \
    e2e_until sh -c "[ \"\$(sqlite3 '$db' 'SELECT case_id FROM agenda_item WHERE meeting_id = $mid ORDER BY position')\" = \"$(printf '%s\n%s' "$oc" "$pc")\" ]"
e2e_keys Delete
e2e_check "Delete takes the selected item off" e2e_wait "ケース $oc を議題から外しました"
e2e_check "one item left, numbered 1" \
    is "SELECT case_id || '|' || position FROM agenda_item WHERE meeting_id = $mid" "$pc|1"

# ---- held: state, attendance, a decision ----
e2e_keys s
e2e_wait "会議の状態" >/dev/null
e2e_keys 2
e2e_check "S 2 marks it held" e2e_wait "会議を「開催済」にしました"
e2e_check "stored as 開催済" is "SELECT state FROM meeting WHERE id = $mid" "開催済"
e2e_keys a
e2e_wait "出席者（Space" >/dev/null
e2e_keys Space Enter
e2e_check "attendance is recorded" e2e_wait "出席者を記録しました（1人・機関）"
e2e_check "stored" is "SELECT sum(attended) FROM meeting_member WHERE meeting_id = $mid" 1
e2e_keys Enter
e2e_check "Enter opens the decision form" e2e_wait "決定を記録: 1. プラン策定"
e2e_keys 1                                   # 承認
next 1; e2e_type "役割分担を確認した"
next 1; e2e_type "夜間の見守りの担い手がいない"
e2e_keys C-s
e2e_check "the decision is recorded and moves the case" \
    e2e_wait "決定を記録しました（承認）。ケースはいま 支援決定 です"
e2e_check "the case is at 支援決定" is "SELECT stage FROM support_case WHERE id = $pc" "支援決定"
e2e_check "its plan approved from the meeting's day" \
    is "SELECT state || '|' || approved_on FROM plan WHERE id = $pc_plan" "承認|$today"
e2e_check "the item keeps the decision, note and gap" \
    is "SELECT decision || '|' || decision_note || '|' || resource_gap FROM agenda_item WHERE meeting_id = $mid" \
    "承認|役割分担を確認した|夜間の見守りの担い手がいない"
e2e_check "the case's timeline has the meeting" \
    is "SELECT count(*) FROM case_event WHERE case_id = $pc AND kind = '会議' AND to_stage = '支援決定'" 1
e2e_check "the meeting's screen fits 80 columns" fits

# ---- the paper ----
e2e_keys p
e2e_check "P writes the paper to a file" e2e_wait "資料を書き出しました: $TSUNAGI_PAPERS/meeting-$mid-$today.txt"
paper="$TSUNAGI_PAPERS/meeting-$mid-$today.txt"
e2e_check "it is the record of the meeting" grep -q "重層的支援会議 記録" "$paper"
e2e_check "with the person, the decision and the gap" \
    sh -c "grep -qF '$pc_name' '$paper' && grep -q '決定: 承認' '$paper' && grep -q '社会資源の不足: 夜間の見守りの担い手がいない' '$paper'"
e2e_check "only its writer may read it" test "$(stat -c %a "$paper")" = 600
e2e_check "the command line prints the same paper" \
    sh -c "\"$T\" agenda --db '$db' $mid | cmp -s - '$paper'"
e2e_check "and in CP932 for Windows" \
    sh -c "\"$T\" agenda --db '$db' $mid --encoding cp932 | iconv -f CP932 -t UTF-8 | grep -q '重層的支援会議 記録'"
e2e_check "tsunagi meetings lists it with its item" \
    sh -c "\"$T\" meetings --db '$db' --from '$today' --to '$today' | grep -qx '$mid	重層的支援会議	$today	開催済	1'"
e2e_check "every paper is in the audit trail" \
    test "$(q "SELECT count(*) FROM audit WHERE action = 'print' AND entity = 'meeting'")" -ge 3

# ---- the gaps noted across meetings ----
e2e_keys Escape
e2e_wait "会議の一覧" >/dev/null
after_esc
e2e_keys r
e2e_check "R lists the resource gaps noted across meetings" \
    e2e_wait "会議で挙がった社会資源の不足（$(q "SELECT count(*) FROM agenda_item WHERE resource_gap <> ''")件、新しい順）"
e2e_check "this meeting's among them" row_has "重層的支援会議" "夜間の見守りの担い手がいない"
e2e_keys Escape
e2e_wait "会議の一覧" >/dev/null
after_esc
e2e_keys Enter
e2e_wait "議題 1件" >/dev/null

# ---- consent withdrawn after placing: flagged, off every paper ----
q "UPDATE consent SET withdrawn_on = '$today', withdraw_reason = '本人の申し出' WHERE person_id = $pc_person AND withdrawn_on = ''"
e2e_keys Escape
e2e_wait "会議の一覧" >/dev/null
after_esc
e2e_keys Enter
e2e_check "the item is flagged" e2e_wait "【同意なし・資料に載せない】"
e2e_keys p
e2e_check "the paper says one item was left out" \
    e2e_wait "資料を書き出しました: $paper（同意が有効でない 1 件は載せていません）"
e2e_check "and never names the person" sh -c "! grep -qF '$pc_name' '$paper'"
e2e_check "nor does the command line's" \
    sh -c "! \"$T\" agenda --db '$db' $mid | grep -qF '$pc_name'"
e2e_check "it counts what it left out" grep -q "本人同意が有効でない議題 1 件" "$paper"

e2e_keys F10
e2e_wait "[exit 0]" >/dev/null
e2e_check "the database is intact" sh -c "\"$T\" check --db '$db' | grep -qx ok"
e2e_done
