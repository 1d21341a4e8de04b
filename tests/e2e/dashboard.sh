#!/bin/sh
# dashboard.sh - 予定 (F8) on a real terminal: its short form fills the
# quick lookup while nothing is typed (the first thing seen after login)
# and is read again only when stale, not on every key; the full screen
# lists today's and the coming meetings, the plans due or overdue for
# monitoring or evaluation, the referrals awaiting an answer, the user's
# drafts and the cases waiting for a meeting, with 【期限切れ】 exactly
# where a date has passed; each line opens its own screen; it scrolls at
# 80x24 and every row fits 80 columns.
#
# The demo data may hold meetings, plans and referrals of its own (and
# more of them as it grows): what the test needs is made here with
# sqlite3, and every list is compared with the database, not with fixed
# numbers.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
T=$TSUNAGI_BIN
export TSUNAGI_FORMS="$TSUNAGI_SRCDIR/forms"
q() { sqlite3 "$db" "$1"; }

# The window of each list, as the screen has it.
MEETING_DAYS=30
DUE_DAYS=14
# A tall terminal, where every section shows at once.
TALL=100
NOW="strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
CLOSED="('終結', '中断', '包括的相談支援に戻す')"
TAB=$(printf '\t')

# An ISO date column as short 和暦 (the demo's dates are all 令和).
wareki() {
    echo "'R' || (CAST(strftime('%Y', $1) AS INTEGER) - 2018) || '.'
          || CAST(strftime('%m', $1) AS INTEGER) || '.' || CAST(strftime('%d', $1) AS INTEGER)"
}
# A digit within 0.6 s of ESC is read as an F-key (ESC 1 = F1): wait.
after_esc() { sleep 0.8; }
# The screen has a row holding both texts.
row_has() { e2e_until screen_row_has "$@"; }
screen_row_has() { e2e_screen | grep -F -- "$1" | grep -qF -- "$2"; }
# The screen has a row that is exactly this text.
row_is() { e2e_until screen_row_is "$@"; }
screen_row_is() { e2e_screen | grep -qxF -- "$1"; }
# The selected row (marked ">") holds both texts.
selected_has() { e2e_until screen_selected_has "$@"; }
screen_selected_has() { e2e_screen | grep '^>' | grep -F -- "$1" | grep -qF -- "$2"; }
# Every row fits in 80 cells and no chrome is of ambiguous width.
fits() { e2e_until screen_fits; }
screen_fits() {
    e2e_screen > "$E2E_DIR/fit"
    [ "$("$TSUNAGI_TESTBIN/screencol" --width < "$E2E_DIR/fit" | awk '$1 > 80' | wc -l)" -eq 0 ] &&
        [ -z "$("$TSUNAGI_TESTBIN/screencol" --ambiguous < "$E2E_DIR/fit")" ]
}
# section HEADING: the rows under a heading of the full screen, without
# their indent or selection mark (a heading starts at the first column).
section() {
    e2e_screen | awk -v h="$1" 'index($0, h) == 1 { on = 1; next }
                                 on && !/^[ >]/ { exit }
                                 on { print substr($0, 3) }'
}
# Press Down n times.
downs() {
    d_i=0
    while [ "$d_i" -lt "$1" ]; do
        e2e_keys Down
        d_i=$((d_i + 1))
    done
}
# "N" or "N（期限切れ M）", as the short form counts.
with_late() {
    if [ "$2" -gt 0 ]; then echo "$1（期限切れ $2）"; else echo "$1"; fi
}

today=$(q "SELECT date('now', 'localtime')")
me=$(q "SELECT id FROM staff WHERE login = '$(id -un)'")
kind_j=$(q "SELECT id FROM meeting_kind WHERE name = '重層的支援会議'")
kind_s=$(q "SELECT id FROM meeting_kind WHERE name = '支援会議'")

# ---- what the test needs, made before the program starts ----
meeting() {   # meeting KIND DAYS TIME PLACE STATE: insert one, print its id
    q "INSERT INTO meeting(kind_id, held_on, starts_at, place, regular, state, note, created_by,
                           created_at, updated_at)
       VALUES ($1, date('now', 'localtime', '$2 days'), '$3', '$4', 1, '$5', '', $me, $NOW, $NOW);
       SELECT last_insert_rowid()"
}
m_today=$(meeting "$kind_j" 0 '13:30' 'テスト役場' '予定')
m_soon=$(meeting "$kind_s" 5 '10:00' 'テスト会議室' '予定')
meeting "$kind_j" 3 '09:00' 'テスト中止' '中止' >/dev/null
meeting "$kind_j" 45 '09:00' 'テスト遠く' '予定' >/dev/null

# Open cases whose latest plan is live (承認 or 実施中), of named persons.
live_case() {
    q "SELECT c.id FROM support_case c JOIN person p ON p.id = c.person_id
       JOIN plan pl ON pl.id = (SELECT id FROM plan WHERE case_id = c.id ORDER BY seq DESC LIMIT 1)
       WHERE c.stage NOT IN $CLOSED AND pl.state IN ('承認', '実施中') AND p.name <> ''
       ORDER BY c.id DESC LIMIT 1 OFFSET $1"
}
latest_plan() { q "SELECT id FROM plan WHERE case_id = $1 ORDER BY seq DESC LIMIT 1"; }
c_late=$(live_case 0)
c_soon=$(live_case 1)
e2e_check "two open cases with a live plan ($c_late $c_soon)" test -n "$c_late" -a -n "$c_soon"
# An evaluation three days late (its monitoring long past), and a
# monitoring five days away.
q "UPDATE plan SET monitor_on = date('now', 'localtime', '-40 days'),
                   evaluate_on = date('now', 'localtime', '-3 days') WHERE id = $(latest_plan "$c_late")"
q "UPDATE plan SET monitor_on = date('now', 'localtime', '+5 days'),
                   evaluate_on = date('now', 'localtime', '+100 days') WHERE id = $(latest_plan "$c_soon")"
late_person=$(q "SELECT person_id FROM support_case WHERE id = $c_late")
late_name=$(q "SELECT name FROM person WHERE id = $late_person")

# A referral two days past its due date, for a person with no other.
r_person=$(q "SELECT id FROM person p WHERE name <> ''
              AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id) ORDER BY id LIMIT 1")
r_name=$(q "SELECT name FROM person WHERE id = $r_person")
r_agency=$(q "SELECT id FROM agency WHERE active = 1 ORDER BY id LIMIT 1")
r_id=$(q "INSERT INTO referral(person_id, agency_id, reason, due_on, state, sent_by, sent_on,
                               created_at, updated_at)
          VALUES ($r_person, $r_agency, 'テストの依頼', date('now', 'localtime', '-2 days'), '依頼', $me,
                  date('now', 'localtime', '-16 days'), $NOW, $NOW);
          SELECT last_insert_rowid()")
q "INSERT INTO referral_event(referral_id, at, staff_id, state, note) VALUES ($r_id, $NOW, $me, '依頼', '')"

# A draft of the user's (the program offers it at the start).
q "INSERT INTO draft(staff_id, form_id, data, saved_at)
   VALUES ($me, 'referral', '#person$TAB$r_person', $NOW)"
e2e_check "the data is made ($m_today $m_soon $r_id)" test -n "$m_today" -a -n "$m_soon" -a -n "$r_id"

# ---- what the screen should say, from the database ----
# The plans due: an open case's latest live plan, its next date as
# dom_plan_next says (monitoring until its date passes, then evaluation),
# within DUE_DAYS or past; the earliest first.
DUE_SQL="WITH live AS (
    SELECT c.id AS case_id, c.person_id, p.name, c.stage, pl.monitor_on AS mo, pl.evaluate_on AS ev
    FROM support_case c LEFT JOIN person p ON p.id = c.person_id
    JOIN plan pl ON pl.id = (SELECT id FROM plan WHERE case_id = c.id ORDER BY seq DESC LIMIT 1)
    WHERE c.stage NOT IN $CLOSED AND pl.state IN ('承認', '実施中')),
  nxt AS (
    SELECT *, CASE WHEN mo <> '' AND mo >= '$today' THEN 'モニタリング'
                   WHEN ev <> '' THEN '評価' WHEN mo <> '' THEN 'モニタリング' END AS what,
              CASE WHEN mo <> '' AND mo >= '$today' THEN mo
                   WHEN ev <> '' THEN ev WHEN mo <> '' THEN mo END AS d
    FROM live)
  SELECT * FROM nxt WHERE what IS NOT NULL AND d <= date('$today', '+$DUE_DAYS days')"
due_count() { q "SELECT count(*) FROM ($DUE_SQL) WHERE $1"; }
MEETING_SQL="FROM meeting m JOIN meeting_kind k ON k.id = m.kind_id WHERE m.state = '予定'
    AND m.held_on BETWEEN '$today' AND date('$today', '+$MEETING_DAYS days')"
meetings_today=$(q "SELECT count(*) $MEETING_SQL AND m.held_on = '$today'")
meetings_coming=$(q "SELECT count(*) $MEETING_SQL AND m.held_on > '$today'")
monitor=$(due_count "what = 'モニタリング'")
monitor_late=$(due_count "what = 'モニタリング' AND d < '$today'")
evaluate=$(due_count "what = '評価'")
evaluate_late=$(due_count "what = '評価' AND d < '$today'")
waiting=$(q "SELECT count(*) FROM referral WHERE state = '依頼'")
waiting_late=$(q "SELECT count(*) FROM referral WHERE state = '依頼' AND due_on < '$today'")
drafts=$(q "SELECT count(*) FROM draft WHERE staff_id = $me")
views=$(q "SELECT count(*) FROM audit WHERE action = 'view'")

# ---- the start: the draft is offered, then the lookup with its 予定 ----
e2e_start 80 24 xterm-256color "$T" --db "$db"
e2e_check "the draft is offered first" e2e_wait "つなぎ  下書き"
e2e_keys Escape
e2e_check "ESC: the lookup" e2e_wait "つなぎ  クイック検索"
e2e_check "its empty body is the 予定" e2e_wait "予定（F8 で詳しく）"
e2e_check "meetings: today $meetings_today, in $MEETING_DAYS days $meetings_coming" \
    row_is "会議      今日 $meetings_today・今後${MEETING_DAYS}日 $meetings_coming"
e2e_check "dues: monitoring $monitor ($monitor_late late), evaluation $evaluate ($evaluate_late late)" \
    row_is "期限      モニタリング $(with_late "$monitor" "$monitor_late")・評価 $(with_late "$evaluate" "$evaluate_late")"
e2e_check "referrals awaiting an answer: $waiting ($waiting_late late)" \
    row_is "回答待ち  $(with_late "$waiting" "$waiting_late")"
e2e_check "drafts: $drafts" row_is "下書き    $drafts"
e2e_check "cases waiting, per meeting" e2e_until sh -c \
    "tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -qE '^会議待ち  重層的支援会議 [0-9]+・支援会議 [0-9]+\$'"
brief_j=$(e2e_screen | sed -n 's/^会議待ち  重層的支援会議 \([0-9]*\)・支援会議 [0-9]*$/\1/p')
brief_s=$(e2e_screen | sed -n 's/^会議待ち  重層的支援会議 [0-9]*・支援会議 \([0-9]*\)$/\1/p')
e2e_check "the next meetings: today's, marked 今日" row_has "今日 13:30 重層的支援会議" "テスト役場"
first_late=$(q "SELECT name || '|' || case_id FROM ($DUE_SQL) WHERE d < '$today' ORDER BY d, case_id LIMIT 1")
e2e_check "the earliest overdue plan is listed, flagged" \
    row_has "ケース ${first_late#*|} " "${first_late%%|*}"
e2e_check "... with 【期限切れ】" row_has "ケース ${first_late#*|} " "【期限切れ】"
e2e_check "no cancelled or far meeting in the short form" \
    sh -c "! tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -qE 'テスト中止|テスト遠く'"
e2e_check "the short form fits 80 columns, no ambiguous-width chrome" fits

# ---- it is not read again on every key ----
q "INSERT INTO draft(staff_id, form_id, data, saved_at) VALUES ($me, 'case', '', $NOW)"
e2e_type "x"
e2e_wait "検索語: x" >/dev/null
e2e_keys BSpace
e2e_wait "予定（F8 で詳しく）" >/dev/null
e2e_check "keys on the lookup do not read it again" row_is "下書き    $drafts"

# ---- F8: the full screen, read afresh ----
e2e_keys F8
e2e_check "F8 opens 予定" e2e_wait "つなぎ  予定"
e2e_check "it says when it was read" e2e_wait "現在の予定（F8 で読み直し）"
n_meetings=$((meetings_today + meetings_coming))
n_due=$(q "SELECT count(*) FROM ($DUE_SQL)")
e2e_check "the meetings' heading and count ($n_meetings)" \
    row_is "会議（今日と今後 $MEETING_DAYS 日）  ${n_meetings}件"
e2e_check "the dues' heading and count ($n_due)" \
    row_is "モニタリング・評価の期限（$DUE_DAYS 日以内と期限切れ）  ${n_due}件"
e2e_check "the first meeting row is selected" e2e_until sh -c \
    "tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -A1 '^会議（今日と今後' | tail -1 | grep -q '^> R'"
e2e_check "the full screen fits 80 columns" fits
e2e_check "listing the names wrote no view audit rows" \
    test "$(q "SELECT count(*) FROM audit WHERE action = 'view'")" -eq "$views"

# ---- it scrolls at 80x24 ----
e2e_keys PageDown PageDown PageDown PageDown PageDown
e2e_check "PageDown reaches the last section" e2e_wait "会議待ちのケース（支援会議）"
e2e_check "and the first heading has scrolled away" e2e_wait_gone "会議（今日と今後"
e2e_check "the selection stays on a row, never a heading" e2e_until sh -c \
    "tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -q '^> '"
e2e_check "scrolled, it still fits 80 columns" fits
e2e_keys PageUp PageUp PageUp PageUp PageUp
e2e_check "PageUp comes back to the top" e2e_wait "会議（今日と今後 $MEETING_DAYS 日）"

# ---- Enter on a meeting: the 会議 screen ----
pos=$(q "SELECT count(*) $MEETING_SQL AND (m.held_on, m.starts_at, m.id) < ('$today', '13:30', $m_today)")
e2e_keys Escape
e2e_wait "つなぎ  クイック検索" >/dev/null
after_esc
e2e_keys F8
e2e_wait "つなぎ  予定" >/dev/null
downs "$pos"
e2e_check "Down reaches today's meeting" selected_has "今日 13:30" "テスト役場"
e2e_keys Enter
e2e_check "Enter opens the 会議 screen" e2e_wait "つなぎ  会議"

# ---- Enter on an overdue plan: the case screen ----
e2e_keys F8
e2e_wait "つなぎ  予定" >/dev/null
late_pos=$(q "SELECT count(*) FROM ($DUE_SQL) WHERE d < (SELECT d FROM ($DUE_SQL) WHERE case_id = $c_late)
              OR (d = (SELECT d FROM ($DUE_SQL) WHERE case_id = $c_late) AND case_id < $c_late)")
downs $((n_meetings + late_pos))
e2e_check "the late evaluation is a row: 評価, the person, the case, flagged" \
    selected_has "評価          $(q "SELECT substr(name, 1, 4) FROM person WHERE id = $late_person")" \
    "ケース $c_late "
e2e_check "... and 【期限切れ】" selected_has "ケース $c_late " "【期限切れ】"
e2e_keys Enter
e2e_check "Enter opens the case screen" e2e_wait "つなぎ  ケース"
e2e_check "for that person" e2e_wait "本人: $late_name"
e2e_keys Escape
e2e_check "ESC comes back to 予定" e2e_wait "つなぎ  予定"
after_esc

# ---- Enter on an overdue referral: the person's referrals ----
e2e_keys F2
e2e_wait "つなぎ  クイック検索" >/dev/null
e2e_keys F8
e2e_wait "つなぎ  予定" >/dev/null
r_pos=$(q "SELECT count(*) FROM (SELECT id, due_on FROM referral WHERE state = '依頼')
           WHERE due_on < date('now', 'localtime', '-2 days')
              OR (due_on = date('now', 'localtime', '-2 days') AND id < $r_id)")
downs $((n_meetings + n_due + r_pos))
e2e_check "the late referral is a row: the person, flagged" \
    selected_has "$(q "SELECT substr(name, 1, 4) FROM person WHERE id = $r_person")" "【期限切れ】"
e2e_keys Enter
e2e_check "Enter opens the person's referrals" e2e_wait "本人: $r_name（番号 $r_person）"
e2e_keys Escape
e2e_check "ESC comes back to 予定" e2e_wait "つなぎ  予定"
after_esc

# ---- Enter on a draft: the drafts ----
downs $((waiting - r_pos))
e2e_check "Down from the last referral reaches the newest draft" selected_has "ケースを開く" "case"
e2e_keys Enter
e2e_check "Enter offers the drafts" e2e_wait "つなぎ  下書き"
e2e_keys Escape
e2e_check "ESC there: the lookup" e2e_wait "つなぎ  クイック検索"
e2e_check "read again on the way back: the new draft counts" row_is "下書き    $((drafts + 1))"
after_esc

# ---- ESC from 予定: the lookup, which still finds people at once ----
e2e_keys F8
e2e_wait "つなぎ  予定" >/dev/null
e2e_keys Escape
e2e_check "ESC on 予定 goes back to the lookup" e2e_wait "つなぎ  クイック検索"
e2e_check "with its 予定" e2e_wait "予定（F8 で詳しく）"
after_esc
e2e_type "#$r_person"
e2e_check "typing a number finds the person at once" row_has "$r_person" "$r_name"
e2e_check "the results replace the 予定" e2e_wait_gone "予定（F8 で詳しく）"
e2e_keys C-u
e2e_check "an empty query brings the 予定 back" e2e_wait "予定（F8 で詳しく）"
e2e_keys F10
e2e_wait "[exit 0]" >/dev/null

# ---- every section against the database, on a tall terminal ----
e2e_start 80 "$TALL" xterm-256color "$T" --db "$db"
e2e_wait "つなぎ  下書き" >/dev/null
e2e_keys Escape
e2e_wait "予定（F8 で詳しく）" >/dev/null
e2e_keys F8
e2e_wait "会議待ちのケース（支援会議）" >/dev/null

# meeting_rows: the meetings are today's and the coming ones, 予定 only,
# by date and time: date, 今日 on today's only, time, kind, place, items.
meeting_rows() { e2e_until screen_meeting_rows; }
screen_meeting_rows() {
    section "会議（今日と今後" > "$E2E_DIR/rows"
    q "SELECT $(wareki m.held_on) || '|' || (m.held_on = '$today') || '|' || m.starts_at || '|'
              || substr(k.name, 1, 8) || '|' || substr(m.place, 1, 8) || '|'
              || (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id)
       $MEETING_SQL ORDER BY m.held_on, m.starts_at, m.id" > "$E2E_DIR/want"
    [ "$(wc -l < "$E2E_DIR/rows")" -eq "$(wc -l < "$E2E_DIR/want")" ] || return 1
    mr_i=0
    while IFS='|' read -r mr_date mr_today mr_time mr_kind mr_place mr_items; do
        mr_i=$((mr_i + 1))
        mr_line=$(sed -n "${mr_i}p" "$E2E_DIR/rows")
        case $mr_line in "$mr_date "*) ;; *) echo "row $mr_i: not $mr_date: $mr_line"; return 1 ;; esac
        for mr_part in " $mr_time " "$mr_kind" "$mr_place" "議題 ${mr_items}件"; do
            case $mr_line in *"$mr_part"*) ;; *) echo "row $mr_i: no '$mr_part'"; return 1 ;; esac
        done
        case $mr_today$mr_line in 1*" 今日 "*|0*) ;; *) echo "row $mr_i: not 今日"; return 1 ;; esac
        case $mr_today$mr_line in 0*" 今日 "*) echo "row $mr_i: 今日"; return 1 ;; esac
    done < "$E2E_DIR/want"
}
e2e_check "the meetings are the database's 予定 in $MEETING_DAYS days, 今日 marked" meeting_rows

# due_rows: the plans due, the earliest first: date, what, person, case,
# stage, and 【期限切れ】 exactly when the date has passed.
due_rows() { e2e_until screen_due_rows; }
screen_due_rows() {
    section "モニタリング・評価の期限" > "$E2E_DIR/rows"
    q "SELECT $(wareki d) || '|' || what || '|' || substr(name, 1, 4) || '|' || case_id || '|'
              || stage || '|' || (d < '$today')
       FROM ($DUE_SQL) ORDER BY d, case_id" > "$E2E_DIR/want"
    [ "$(wc -l < "$E2E_DIR/rows")" -eq "$(wc -l < "$E2E_DIR/want")" ] || return 1
    dr_i=0
    while IFS='|' read -r dr_date dr_what dr_person dr_case dr_stage dr_late; do
        dr_i=$((dr_i + 1))
        dr_line=$(sed -n "${dr_i}p" "$E2E_DIR/rows")
        case $dr_line in "$dr_date "*) ;; *) echo "row $dr_i: not $dr_date: $dr_line"; return 1 ;; esac
        for dr_part in " $dr_what " "$dr_person" "ケース $dr_case " "$dr_stage"; do
            case $dr_line in *"$dr_part"*) ;; *) echo "row $dr_i: no '$dr_part'"; return 1 ;; esac
        done
        case $dr_late$dr_line in 1*【期限切れ】*|0*) ;; *) echo "row $dr_i: not flagged"; return 1 ;; esac
        case $dr_late$dr_line in 0*【期限切れ】*) echo "row $dr_i: flagged"; return 1 ;; esac
    done < "$E2E_DIR/want"
}
e2e_check "the dues are the database's, the earliest first, flagged exactly when late" due_rows
e2e_check "the monitoring five days away is listed" \
    row_has "モニタリング  $(q "SELECT substr(p.name, 1, 4) FROM support_case c JOIN person p ON p.id = c.person_id WHERE c.id = $c_soon")" "ケース $c_soon "

# referral_rows: the referrals in 依頼, the earliest due first: due date,
# person, agency, and 【期限切れ】 exactly when the due date has passed.
referral_rows() { e2e_until screen_referral_rows; }
screen_referral_rows() {
    section "回答待ちのつなぎ" > "$E2E_DIR/rows"
    q "SELECT $(wareki r.due_on) || '|' || COALESCE(substr(p.name, 1, 4), '（匿名）') || '|'
              || substr(a.name, 1, 6) || '|' || (r.due_on < '$today')
       FROM referral r LEFT JOIN person p ON p.id = r.person_id JOIN agency a ON a.id = r.agency_id
       WHERE r.state = '依頼' ORDER BY r.due_on, r.id" > "$E2E_DIR/want"
    [ "$(wc -l < "$E2E_DIR/rows")" -eq "$(wc -l < "$E2E_DIR/want")" ] || return 1
    rr_i=0
    while IFS='|' read -r rr_due rr_person rr_agency rr_late; do
        rr_i=$((rr_i + 1))
        rr_line=$(sed -n "${rr_i}p" "$E2E_DIR/rows")
        case $rr_line in "$rr_due "*) ;; *) echo "row $rr_i: not $rr_due: $rr_line"; return 1 ;; esac
        for rr_part in "$rr_person" "$rr_agency"; do
            case $rr_line in *"$rr_part"*) ;; *) echo "row $rr_i: no '$rr_part'"; return 1 ;; esac
        done
        case $rr_late$rr_line in 1*【期限切れ】*|0*) ;; *) echo "row $rr_i: not flagged"; return 1 ;; esac
        case $rr_late$rr_line in 0*【期限切れ】*) echo "row $rr_i: flagged"; return 1 ;; esac
    done < "$E2E_DIR/want"
}
e2e_check "the referrals awaiting an answer are the database's, flagged exactly when late" \
    referral_rows
drafts=$((drafts + 1))
e2e_check "the drafts' heading counts the user's ($drafts)" row_is "下書き  ${drafts}件"
e2e_check "each draft names its form" row_has "つなぎ（紹介・依頼）  referral" ""
flags=$((monitor_late + evaluate_late + waiting_late))
e2e_check "【期限切れ】 shows on the late ones only ($flags)" e2e_until sh -c \
    "[ \$(tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -cF '【期限切れ】') -eq $flags ]"
e2e_check "the waiting counts are the short form's ($brief_j, $brief_s)" \
    row_is "会議待ちのケース（重層的支援会議）  ${brief_j}件"
e2e_check "... for the 支援会議 too" row_is "会議待ちのケース（支援会議）  ${brief_s}件"
e2e_check "no cancelled or far meeting" \
    sh -c "! tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -qE 'テスト中止|テスト遠く'"
e2e_check "every row fits 80 columns, no ambiguous-width chrome" fits

# ---- a case put on a coming agenda is no longer waiting ----
placed=$(section "会議待ちのケース（重層的支援会議）" | sed -n '1s/.*ケース \([0-9]*\).*/\1/p')
e2e_check "a case waits for the 重層的支援会議 ($placed)" test -n "$placed"
q "INSERT INTO agenda_item(meeting_id, case_id, position, moment, added_by, created_at, updated_at)
   VALUES ($m_today, $placed, 1, '情報共有', $me, $NOW, $NOW)"
e2e_keys F8
e2e_check "F8 reads it again: one fewer waiting" \
    row_is "会議待ちのケース（重層的支援会議）  $((brief_j - 1))件"
e2e_check "that case is not among them" e2e_until sh -c \
    "! { tmux -S '$E2E_SOCK' capture-pane -p -t t | awk 'index(\$0, \"会議待ちのケース（重層的支援会議）\") == 1 { on = 1; next }
       on && !/^[ >]/ { exit } on' | grep -qE 'ケース $placed( |\$)'; }"
e2e_check "today's meeting now has one item" row_has "テスト役場" "議題 1件"
e2e_keys F10
e2e_wait "[exit 0]" >/dev/null
e2e_check "the database is intact after all this" sh -c "\"$T\" check --db '$db' | grep -qx ok"
e2e_done
