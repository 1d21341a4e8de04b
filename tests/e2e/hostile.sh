#!/bin/sh
# hostile.sh - data that must never break the screen: escape sequences,
# BEL, invalid UTF-8, C1 controls, bidi overrides and a 10,000-character
# name, shown through the real binary on a real terminal.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db="$E2E_DIR/hostile.db"
"$TSUNAGI_TESTBIN/seed" "$db" hostile > /dev/null || { echo "FAIL - seed"; exit 1; }

# Wide enough that every hostile name shows whole in its column.
COLS=160
e2e_start $COLS 24 xterm-256color "$TSUNAGI_BIN" --db "$db"
e2e_wait "クイック検索" >/dev/null
e2e_type "キケン"
e2e_check "the hostile rows are found" e2e_wait "山田^[[2J太郎"
e2e_check "ESC in data is shown as ^[ and did not clear the screen" e2e_wait "つなぎ  クイック検索"
e2e_check "BEL is shown as ^G" e2e_wait "佐藤^G花子"
e2e_check "invalid bytes are shown as hex and the name is intact" e2e_wait "鈴木<FF><FE>一郎"
e2e_check "a lone 0x9b byte is shown as hex" e2e_wait "中村<9B>31m次郎"
e2e_check "the C1 control U+009B is shown visibly" e2e_until sh -c "[ \$(tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -c '中村<9B>31m次郎') -ge 2 ]"
e2e_check "RIGHT-TO-LEFT OVERRIDE is shown as a code" e2e_wait "<U+202E>田中"
e2e_screen > "$E2E_DIR/screen"
w=$("$TSUNAGI_TESTBIN/screencol" --width < "$E2E_DIR/screen" | sort -n | tail -1)
e2e_check "no line is wider than the terminal (widest $w)" test "$w" -le $COLS
e2e_check "the 10,000-character name is cut, its phone still in its column" \
    sh -c "grep -F '長長長' '$E2E_DIR/screen' | grep -q '0569-00-0000'"
e2e_check "the status and key lines are intact" sh -c "tail -1 '$E2E_DIR/screen' | grep -q 'F10終了'"

# the summary of a hostile person keeps the screen intact too
e2e_keys Enter
e2e_check "the summary opens" e2e_wait "人の概要"
e2e_check "the summary shows the escape visibly" e2e_wait "^[[2J"
e2e_check "the key bar survives the summary" e2e_until sh -c "tmux -S '$E2E_SOCK' capture-pane -p -t t | tail -1 | grep -q 'F10終了'"
e2e_keys F10
e2e_check "F10 quits" e2e_wait "[exit 0]"

# the command line never passes control bytes through either
"$TSUNAGI_BIN" search --db "$db" キケン > "$E2E_DIR/out"
e2e_check "search output holds no control bytes" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' \"\$(tr -d '\t\n' < '$E2E_DIR/out' > '$E2E_DIR/out2'; echo '$E2E_DIR/out2')\""
e2e_done
