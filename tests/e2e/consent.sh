#!/bin/sh
# consent.sh - 本人同意 (F4) end to end: taken at the counter, scoped to
# listed agencies, shown wherever the person appears (lookup, summary),
# withdrawn with a reason, and kept as history; every view and change in
# the audit trail.
. "$TSUNAGI_SRCDIR/tests/e2e/lib.sh"
T=$TSUNAGI_BIN
TSUNAGI_FORMS=$TSUNAGI_SRCDIR/forms
export TSUNAGI_FORMS
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
q() { sqlite3 "$db" "$1"; }
next() { n=$1; while [ "$n" -gt 0 ]; do e2e_keys Tab; n=$((n - 1)); done; }

# A demo person with no consent yet.
pid=$(q "SELECT id FROM person WHERE name <> '' AND id NOT IN (SELECT person_id FROM consent) ORDER BY id LIMIT 1")
pname=$(q "SELECT name FROM person WHERE id = $pid")
agency=$(q "SELECT name FROM agency WHERE active = 1 ORDER BY field, name LIMIT 1")
agency_id=$(q "SELECT id FROM agency WHERE name = '$agency'")

e2e_start 80 24 xterm-256color "$T" --db "$db"
e2e_wait "クイック検索" >/dev/null
e2e_type "#$pid"
e2e_wait "$pname" >/dev/null
e2e_check "the lookup row says there is no consent" e2e_until sh -c "tmux -S '$E2E_SOCK' capture-pane -p -t t | grep '$pname' | grep -q 'なし'"
e2e_keys F4
e2e_check "F4 opens the consent screen for the person selected" e2e_wait "本人: $pname"
e2e_check "it says there is no consent" e2e_wait "【同意なし】"
e2e_check "and what that means for a case" e2e_wait "支援会議（守秘義務）でのみ扱えます"
e2e_check "the view is audited" test "$(q "SELECT count(*) FROM audit WHERE action = 'view' AND entity = 'consent' AND entity_id = $pid")" -eq 1

# ---- a consent given orally, for one agency only ----
e2e_keys N
e2e_check "N opens a new consent dated today" e2e_wait "新しい同意"
next 1; e2e_keys 2                           # 方法: 口頭
next 3; e2e_keys 2                           # 範囲: 選んだ機関だけ
e2e_keys C-s
e2e_check "a listed scope without agencies is refused" e2e_wait "共有してよい機関）を選んでください"
e2e_keys Space                               # the focus is on 機関: the first
next 1; e2e_type "A-123"                     # 同意書の番号
e2e_keys C-s
e2e_check "the consent is recorded" e2e_wait "本人同意を記録しました"
e2e_check "the state is now 同意あり" e2e_wait "【同意あり】"
e2e_check "the history shows method and scope" e2e_wait "口頭  $agency"
e2e_check "one consent row, oral, for that agency only" \
    test "$(q "SELECT count(*) FROM consent c JOIN consent_agency a ON a.consent_id = c.id WHERE c.person_id = $pid AND c.method = '口頭' AND c.all_agencies = 0 AND a.agency_id = $agency_id AND c.form_no = 'A-123'")" -eq 1

# ---- the summary shows it ----
e2e_keys Escape
e2e_wait "クイック検索" >/dev/null
e2e_keys Enter
e2e_check "the summary shows the consent state" e2e_wait "【同意あり】"

# ---- withdrawn: a reason is needed, history kept ----
e2e_keys F4
e2e_wait "本人同意" >/dev/null
e2e_keys W
e2e_check "W opens the withdrawal" e2e_wait "同意の撤回"
e2e_keys C-s
e2e_check "a withdrawal without a reason is refused" e2e_wait "必須です"
e2e_type "本人から電話で申し出"              # the focus went to 理由
e2e_keys C-s
e2e_check "the withdrawal is recorded" e2e_wait "同意の撤回を記録しました"
e2e_check "the state is now 撤回" e2e_wait "【撤回】"
e2e_check "the history keeps the consent with its withdrawal" e2e_wait "撤回 R"
e2e_check "the row was not replaced: one consent, withdrawn" \
    test "$(q "SELECT count(*) FROM consent WHERE person_id = $pid AND withdrawn_on <> '' AND withdraw_reason = '本人から電話で申し出'")" -eq 1
e2e_check "a consent cannot be changed behind the history's back" \
    sh -c "! sqlite3 '$db' \"UPDATE consent SET method = '署名' WHERE person_id = $pid\" 2>/dev/null"
e2e_keys W
e2e_check "a withdrawn consent cannot be withdrawn again" e2e_wait "撤回できる（有効な）同意を選んでください"
e2e_check "taking and withdrawing are audited" \
    test "$(q "SELECT count(*) FROM audit WHERE entity = 'consent' AND action IN ('create', 'withdraw')")" -ge 2
e2e_keys Escape
e2e_check "ESC goes back to the summary, which says 撤回" e2e_wait "【撤回】F4"
e2e_keys F10
e2e_wait "[exit 0]" >/dev/null
e2e_done
