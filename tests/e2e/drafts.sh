#!/bin/sh
# drafts.sh - the forms of F4, F5 and F6 (consent, referral, case,
# assessment, plan) lose nothing to a dropped session: a pause keeps what
# was typed as a draft, a hang-up (SIGHUP, as a dropped SSH session sends)
# keeps the last keystrokes too, and the next start offers each draft back
# on its own screen, in its own case, to be saved as if nothing had
# happened.  A kept assessment still meets another terminal's save made
# meanwhile.  Leaving a typed form for another screen never closes it.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
T=$TSUNAGI_BIN
export TSUNAGI_FORMS="$TSUNAGI_SRCDIR/forms"
q() { sqlite3 "$db" "$1"; }
is() { test "$(q "$1")" = "$2"; }

# Tab N times.
next() { n=$1; while [ "$n" -gt 0 ]; do e2e_keys Tab; n=$((n - 1)); done; }
# A pause longer than the one that keeps a form (UI_AUTOSAVE_MS).
pause() { sleep 2.5; }
start() {
    e2e_start 80 24 xterm-256color "$T" --db "$db"
    e2e_wait "クイック検索" >/dev/null || e2e_wait "下書き" >/dev/null
}
# The session drops: SIGHUP, and the program ends by itself.
hang_up() {
    kill -HUP "$(e2e_pid)"
    e2e_wait "[exit 0]"
}
# Find a person by number and wait for the name.
find_person() {
    e2e_keys F2 C-u
    e2e_type "#$1"
    e2e_wait "$2" >/dev/null
}
# A draft of this form holds this text.
draft_has() { q "SELECT data FROM draft WHERE form_id = '$1'" | grep -qF -- "$2"; }
# The screen has a row holding both texts.
row_has() { e2e_until screen_row_has "$@"; }
screen_row_has() { e2e_screen | grep -F -- "$1" | grep -qF -- "$2"; }
drafts() { q "SELECT count(*) FROM draft"; }

# A person whose only case is open and has an assessment and a plan; a
# person with no consent yet.
case_id=$(q "SELECT c.id FROM support_case c
             WHERE c.stage NOT IN ('終結', '中断', '包括的相談支援に戻す')
               AND (SELECT count(*) FROM support_case o WHERE o.person_id = c.person_id) = 1
               AND EXISTS (SELECT 1 FROM assessment a WHERE a.case_id = c.id)
               AND EXISTS (SELECT 1 FROM plan p WHERE p.case_id = c.id)
             ORDER BY c.id LIMIT 1")
cp=$(q "SELECT person_id FROM support_case WHERE id = $case_id")
cp_name=$(q "SELECT name FROM person WHERE id = $cp")
np=$(q "SELECT id FROM person p WHERE name <> ''
        AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.person_id = p.id) ORDER BY id LIMIT 1")
np_name=$(q "SELECT name FROM person WHERE id = $np")
e2e_check "a person with an open case ($cp, case $case_id) and one without consent ($np)" \
    test -n "$case_id" -a -n "$cp" -a -n "$np" -a -n "$cp_name" -a -n "$np_name"
plans=$(q "SELECT count(*) FROM plan WHERE case_id = $case_id")

# ---- a plan cut off by a hang-up ----
start
find_person "$cp" "$cp_name"
e2e_keys F6
e2e_wait "ケース" >/dev/null
e2e_keys Enter
e2e_wait "経過" >/dev/null
e2e_keys p
e2e_wait "作成するプラン" >/dev/null
e2e_keys Enter
e2e_wait "本人目標" >/dev/null
e2e_keys C-u; e2e_type "切断の前に決めた本人目標"
next 1; e2e_keys C-u; e2e_type "方針の一行目"
pause
e2e_check "a pause kept the plan as a draft" draft_has plan "切断の前に決めた本人目標"
e2e_keys Enter; e2e_type "切断の直前に打った二行目"
e2e_check "SIGHUP mid-plan ends the program cleanly" hang_up
e2e_check "the last words were kept too, in the same draft" \
    sh -c "[ \$(sqlite3 '$db' 'SELECT count(*) FROM draft') -eq 1 ] &&
           sqlite3 '$db' \"SELECT data FROM draft WHERE form_id = 'plan'\" | grep -qF '切断の直前に打った二行目'"
e2e_check "no plan was made" is "SELECT count(*) FROM plan WHERE case_id = $case_id" "$plans"

start
e2e_check "the next start offers the plan" e2e_wait "保存されていない入力（下書き）が 1 件あります"
e2e_check "the list names the form and the person" row_has "支援プラン" "$cp_name"
e2e_keys F1
e2e_check "F1 there explains the drafts" e2e_wait "【下書き】"
e2e_keys Escape
e2e_wait "下書き（途中で閉じた入力）" >/dev/null
sleep 0.8                                    # a key right after ESC could pair with it
e2e_keys Enter
e2e_check "Enter opens the plan form again" e2e_wait "切断の前に決めた本人目標"
e2e_check "with the words typed just before the hang-up" e2e_wait "切断の直前に打った二行目"
e2e_keys C-s
e2e_check "the resumed plan saves" e2e_wait "を作成しました（案）"
e2e_check "in its own case, as a re-plan of the latest" \
    is "SELECT count(*) FROM plan WHERE case_id = $case_id AND goal = '切断の前に決めた本人目標'
        AND policy = '方針の一行目' || char(10) || '切断の直前に打った二行目'
        AND replaces_id = (SELECT max(id) FROM plan o WHERE o.case_id = $case_id AND o.id < plan.id)" 1
e2e_check "the save removed the draft" is "SELECT count(*) FROM draft" 0

# ---- an assessment: kill -9 after a pause; another terminal saved meanwhile ----
e2e_keys a
e2e_wait "インテーク・アセスメントシート" >/dev/null
next 2; e2e_keys C-u; e2e_type "停電で途切れた聞き取り"      # 情報の出どころ
pause
kill -9 "$(e2e_pid)"
e2e_check "a pause kept the assessment before the kill" draft_has assessment "停電で途切れた聞き取り"
version=$(q "SELECT version FROM assessment WHERE case_id = $case_id")
q "UPDATE assessment SET data = data || 'caregiver' || char(9) || '他の端末で入れた介護者' || char(10),
   version = version + 1 WHERE case_id = $case_id"
start
e2e_wait "保存されていない入力（下書き）が 1 件あります" >/dev/null
e2e_check "the list names the assessment" row_has "インテーク・アセスメントシート" "$cp_name"
e2e_keys Enter
e2e_check "the assessment opens again with what was typed" e2e_wait "停電で途切れた聞き取り"
e2e_keys C-s
e2e_check "the other terminal's save is caught, not overwritten" \
    e2e_wait "他の職員が先に保存しました。どちらの内容にするか選んでください"
e2e_check "the field only the other changed is kept as stored" \
    e2e_wait "主な介護者・養育者（あなたは変えていません。保存済みの内容が残ります）"
e2e_check "nothing was written yet" \
    is "SELECT version FROM assessment WHERE case_id = $case_id" $((version + 1))
e2e_keys 1
e2e_check "1 saves the resumed text on top" e2e_wait "アセスメントを保存しました"
q "SELECT data FROM assessment WHERE case_id = $case_id" > "$E2E_DIR/assessment"
e2e_check "the resumed field is saved" grep -qF '停電で途切れた聞き取り' "$E2E_DIR/assessment"
e2e_check "and the other terminal's field is kept" grep -qF '他の端末で入れた介護者' "$E2E_DIR/assessment"
e2e_check "no draft is left" is "SELECT count(*) FROM draft" 0

# ---- a referral from the case: hang-up, resumed, sent from that case ----
e2e_keys F5
e2e_wait "本人: $cp_name" >/dev/null
e2e_keys N
e2e_wait "新しいつなぎ" >/dev/null
e2e_keys 3 Tab
e2e_type "切断をはさんだつなぎ"
pause
e2e_check "SIGHUP mid-referral ends the program cleanly" hang_up
e2e_check "the referral was kept" draft_has referral "切断をはさんだつなぎ"
start
e2e_wait "保存されていない入力（下書き）が 1 件あります" >/dev/null
e2e_keys Enter
e2e_check "the referral form opens again" e2e_wait "切断をはさんだつなぎ"
e2e_keys C-s
e2e_wait "本人同意" >/dev/null || e2e_wait "つなぎを記録しました" >/dev/null
e2e_shows "つなぎを記録しました" || e2e_keys 2   # no consent covers it: send without details
e2e_check "the resumed referral is sent" e2e_wait "つなぎを記録しました"
e2e_check "it still belongs to the case it was made from" \
    is "SELECT count(*) FROM referral WHERE case_id = $case_id AND person_id = $cp AND reason = '切断をはさんだつなぎ'" 1
e2e_check "no draft is left" is "SELECT count(*) FROM draft" 0

# ---- a consent: leaving it for another person keeps it; a hang-up keeps it ----
find_person "$np" "$np_name"
e2e_keys F4
e2e_wait "本人: $np_name" >/dev/null
e2e_keys N
e2e_wait "新しい同意" >/dev/null
next 1; e2e_keys 2                           # 方法: 口頭
next 3; e2e_keys 1                           # 範囲: すべて
next 2; e2e_type "切断前の同意書"            # 同意書の番号
find_person "$cp" "$cp_name"
e2e_keys F4
e2e_check "F4 for another person goes back to the form typed" e2e_wait "入力中の本人同意に戻りました"
e2e_check "with its person and text" \
    e2e_until sh -c "tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -qF '本人: $np_name' &&
           tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -qF '切断前の同意書'"
e2e_check "SIGHUP mid-consent ends the program cleanly" hang_up
e2e_check "the consent was kept with the person it is for" \
    sh -c "sqlite3 '$db' \"SELECT data FROM draft WHERE form_id = 'consent'\" | grep -qF '切断前の同意書' &&
           sqlite3 '$db' \"SELECT data FROM draft WHERE form_id = 'consent'\" | grep -qx '#person	$np'"
start
e2e_wait "保存されていない入力（下書き）が 1 件あります" >/dev/null
e2e_check "the list names the consent and its person" row_has "本人同意" "$np_name"
e2e_keys Enter
e2e_check "the consent form opens again for that person" e2e_wait "本人: $np_name"
e2e_check "with what was typed" e2e_wait "切断前の同意書"
e2e_keys C-s
e2e_check "the resumed consent is recorded" e2e_wait "本人同意を記録しました"
e2e_check "for that person, as typed" \
    is "SELECT count(*) FROM consent WHERE person_id = $np AND method = '口頭' AND all_agencies = 1 AND form_no = '切断前の同意書'" 1
e2e_check "no draft is left" is "SELECT count(*) FROM draft" 0

# ---- a new meeting (F7): hang-up, resumed, saved ----
meetings=$(q "SELECT count(*) FROM meeting")
e2e_keys F7
e2e_wait "会議の一覧" >/dev/null
e2e_keys n
e2e_wait "開催日" >/dev/null
e2e_keys 2                                   # 種類: 支援会議
next 3; e2e_type "切断前に決めた会場"
pause
e2e_check "SIGHUP mid-meeting form ends the program cleanly" hang_up
e2e_check "the meeting form was kept" draft_has meeting "切断前に決めた会場"
start
e2e_wait "保存されていない入力（下書き）が 1 件あります" >/dev/null
e2e_check "the list names the meeting form" row_has "会議" "$(date +%H)"
e2e_keys Enter
e2e_check "the meeting form opens again" e2e_wait "切断前に決めた会場"
e2e_keys C-s
e2e_check "the resumed meeting is made" e2e_wait "会議を作りました（会議番号 "
e2e_check "stored as a 支援会議 at that place" \
    is "SELECT count(*) FROM meeting m JOIN meeting_kind k ON k.id = m.kind_id WHERE k.name = '支援会議' AND m.place = '切断前に決めた会場'" 1
e2e_check "one meeting more" is "SELECT count(*) FROM meeting" $((meetings + 1))
e2e_check "no draft is left" is "SELECT count(*) FROM draft" 0
find_person "$np" "$np_name"
e2e_keys F4
e2e_wait "本人: $np_name" >/dev/null

# ---- ESC gives a form up, and its draft with it ----
e2e_keys W
e2e_wait "同意の撤回" >/dev/null
next 1; e2e_type "取りやめる撤回の理由"
pause
e2e_check "the withdrawal was kept while typed" draft_has withdraw "取りやめる撤回の理由"
e2e_keys Escape
e2e_check "ESC gives it up" e2e_wait "取りやめました（何も保存していません）"
e2e_check "and removes its draft" is "SELECT count(*) FROM draft" 0
e2e_check "nothing was withdrawn" is "SELECT count(*) FROM consent WHERE person_id = $np AND withdrawn_on <> ''" 0
sleep 0.8                                    # a digit right after ESC is an F-key
e2e_keys F10
e2e_check "F10 quits with nothing to keep" e2e_wait "[exit 0]"
e2e_check "the database is intact" sh -c "\"$T\" check --db '$db' | grep -qx ok"
e2e_done
