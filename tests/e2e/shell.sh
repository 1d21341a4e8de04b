#!/bin/sh
# shell.sh - the terminal shell: title and status lines, the F-key bar,
# F1/F2/F10 and their ESC-digit forms, ESC as back, resizing, TERM=vt100,
# and a terminal that is not UTF-8.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }
me=$(id -un)

for term in xterm-256color vt100; do
    e2e_start 80 24 $term "$TSUNAGI_BIN" --db "$db"
    e2e_check "$term: the title line names the screen" e2e_wait "つなぎ  クイック検索"
    e2e_check "$term: the status line names the database" e2e_wait "DB:demo.db"
    e2e_check "$term: the status line shows the role of $me" e2e_wait "（管理者）"
    bar=$(e2e_screen | tail -1)
    e2e_check "$term: the key bar shows F1 F2 F3 F10" \
        sh -c "printf '%s' '$bar' | grep -q 'F1ヘルプ' && printf '%s' '$bar' | grep -q 'F2検索' && printf '%s' '$bar' | grep -q 'F3受付' && printf '%s' '$bar' | grep -q 'F10終了'"
    e2e_check "$term: the key bar shows F9 地域" \
        sh -c "printf '%s' '$bar' | grep -q 'F9地域'"
    e2e_keys F1
    e2e_check "$term: F1 opens the help" e2e_wait "【クイック検索】"
    e2e_keys Escape
    e2e_check "$term: ESC leaves the help" e2e_wait "つなぎ  クイック検索"
    e2e_keys Escape 1
    e2e_check "$term: ESC 1 opens the help like F1" e2e_wait "【クイック検索】"
    e2e_keys Escape 2
    e2e_check "$term: ESC 2 goes to the lookup like F2" e2e_wait "つなぎ  クイック検索"
    # ESC 9: vt100 has no F9 of its own (ESC and a digit is every F-key).
    e2e_keys Escape 9
    e2e_check "$term: ESC 9 opens the region tabs like F9" e2e_wait "つなぎ  アウトリーチ"
    e2e_keys Escape 0
    e2e_check "$term: ESC 0 quits like F10" e2e_wait "[exit 0]"
done

# the chrome uses no ambiguous-width character (Tera Term's Japanese
# preset draws them double and the screen would shift)
e2e_start 80 24 xterm-256color "$TSUNAGI_BIN" --db "$db"
e2e_wait "クイック検索" >/dev/null
: > "$E2E_DIR/chrome"
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys F1
e2e_wait "【クイック検索】" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys Escape
e2e_type "ヤマダタロウ"
e2e_wait "山田　太郎" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys Enter
e2e_wait "人の概要" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys F4
e2e_wait "本人同意" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys Escape
e2e_wait "人の概要" >/dev/null
e2e_keys F9
e2e_wait "Tab 切替" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys F7
e2e_wait "会議の一覧" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
e2e_keys F8
e2e_wait "予定" >/dev/null
e2e_screen >> "$E2E_DIR/chrome"
amb=$("$TSUNAGI_TESTBIN/screencol" --ambiguous < "$E2E_DIR/chrome")
e2e_check "no ambiguous-width characters on the screens ($amb)" test -z "$amb"

# a save that waits for another terminal's lock shows the wait, then goes on
e2e_keys Escape
e2e_wait "クイック検索" >/dev/null
(echo "BEGIN IMMEDIATE;"
 echo "INSERT INTO household(name, created_at, updated_at) VALUES ('lock', 'x', 'x');"
 sleep 4
 echo "COMMIT;") | sqlite3 "$db" &
holder=$!
sleep 0.5
e2e_keys Enter
e2e_check "the status line shows the lock wait" e2e_wait "他の端末が書き込み中です"
wait $holder
e2e_check "after the lock is released the summary opens" e2e_wait "人の概要"
e2e_check "the wait notice is gone" e2e_wait_gone "他の端末が書き込み中です"

# ESC gives a wait up at once instead of blocking for the busy timeout
e2e_keys Escape
e2e_wait "クイック検索" >/dev/null
(echo "BEGIN IMMEDIATE;"
 echo "INSERT INTO household(name, created_at, updated_at) VALUES ('lock', 'x', 'x');"
 sleep 20
 echo "COMMIT;") | sqlite3 "$db" &
holder=$!
sleep 0.5
e2e_keys Enter
e2e_wait "他の端末が書き込み中です" >/dev/null
e2e_keys Escape
e2e_check "ESC cancels the wait with a Japanese message" e2e_wait "書き込みを待たずに取り消"
e2e_check "the screen answers while the other terminal still writes" \
    sh -c "tmux -S '$E2E_SOCK' send-keys -t t F1; sleep 0.5; tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -q '【クイック検索】'"
kill $holder 2>/dev/null
pkill -f "sqlite3 $db" 2>/dev/null
wait $holder 2>/dev/null
e2e_keys F10
e2e_wait "[exit 0]" >/dev/null

# resizing: down to 40x12 shows a notice and keeps the query; back again
e2e_start 80 24 xterm-256color "$TSUNAGI_BIN" --db "$db"
e2e_wait "クイック検索" >/dev/null
e2e_type "すずき"
e2e_wait "鈴木" >/dev/null
e2e_resize 40 12
e2e_check "40x12: a too-small notice" e2e_wait "画面が小さすぎます"
e2e_resize 100 30
e2e_check "back to 100x30: the query survived" e2e_wait "すずき"
e2e_check "back to 100x30: the results are back" e2e_wait "鈴木"
w=$("$TSUNAGI_TESTBIN/screencol" --width <<EOF2 | sort -n | tail -1
$(e2e_screen)
EOF2
)
e2e_check "at 100 columns the lines use the width (widest $w)" test "$w" -gt 80
e2e_keys F10
e2e_check "F10 quits after a resize" e2e_wait "[exit 0]"

# SIGHUP (the SSH session drops) ends the program cleanly
e2e_start 80 24 xterm-256color "$TSUNAGI_BIN" --db "$db"
e2e_wait "クイック検索" >/dev/null
kill -HUP "$(e2e_pid)"
e2e_check "SIGHUP ends the program without a crash" e2e_wait "[exit 0]"

# an SSH session with no LANG at all still shows Japanese
e2e_start 80 24 xterm-256color env -u LANG -u LC_ALL -u LC_CTYPE "$TSUNAGI_BIN" --db "$db"
e2e_check "no LANG: the screen still shows Japanese" e2e_wait "つなぎ  クイック検索"
e2e_keys F10
e2e_wait "[exit 0]" >/dev/null

# EUC-JP and Shift_JIS terminals: the screen comes out in their encoding,
# and ESC 0 quits.  tmux only speaks UTF-8, so script(1) gives the program
# its pty here.
for enc in eucJP:EUC-JP SJIS:CP932; do
    loc=ja_JP.${enc%%:*}; charset=${enc##*:}
    if ! locale -a | grep -qix "$loc"; then
        e2e_fail "the $loc locale is missing (./setup makes it)"
        continue
    fi
    (sleep 2; printf '\0330'; sleep 2) | timeout 20 script -qfec \
        "env LANG=$loc LC_ALL=$loc TERM=vt100 COLUMNS=80 LINES=24 $TSUNAGI_BIN --db $db" \
        "$E2E_DIR/$charset.raw" > /dev/null 2>&1
    rc=$?
    e2e_check "$loc: ESC 0 quits cleanly" test $rc -eq 0
    e2e_check "$loc: the title comes out in $charset" \
        sh -c "iconv -f $charset -t UTF-8 < '$E2E_DIR/$charset.raw' | grep -aq 'クイック検索'"
    e2e_check "$loc: no UTF-8 reaches the terminal" \
        sh -c "! grep -aq 'クイック検索' '$E2E_DIR/$charset.raw'"
done

e2e_done
