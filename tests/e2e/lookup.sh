#!/bin/sh
# lookup.sh - quick lookup on a real terminal: incremental search in any
# kana form, aligned columns, and the person summary with its audit row.
. "${TSUNAGI_SRCDIR:-.}/tests/e2e/lib.sh"
db=$(e2e_demo_db) || { echo "FAIL - demo database"; exit 1; }

e2e_start 80 24 xterm-256color "$TSUNAGI_BIN" --db "$db"
e2e_check "the first screen is quick lookup" e2e_wait "クイック検索"

# the first keystrokes of a reading in hiragana find the katakana reading
e2e_type "やまだ"
e2e_check "hiragana finds the katakana reading" e2e_wait "山田　太郎"
e2e_keys C-u
e2e_check "Ctrl-U empties the query" e2e_wait "氏名・フリガナ"

# half-width katakana, typed as an old system would
e2e_type "ﾔﾏﾀﾞ"
e2e_check "half-width katakana finds the person" e2e_wait "山田　太郎"
e2e_keys C-u

# a one-kanji query finds names that contain it anywhere
e2e_type "林"
e2e_check "a one-kanji query finds 林" e2e_wait "林　"
e2e_check "a one-kanji query finds 小林 too" e2e_wait "小林"
e2e_keys C-u

# itaiji: 高橋 finds 髙橋
e2e_type "高橋"
e2e_check "高橋 finds 髙橋" e2e_wait "髙橋　一郎"
e2e_keys C-u

# the last four digits of a phone number
e2e_type "5678"
e2e_check "the last four phone digits find the person" e2e_wait "090-1234-5678"
e2e_keys C-u

# full-width digits and a person's kana with a space
e2e_type "０９０１２３４"
e2e_check "full-width digits find the phone" e2e_wait "山田　太郎"
e2e_keys C-u

# columns line up with full- and half-width text: search a common kana
# reading and check that the phone column starts at one cell on every row
e2e_type "タ"
e2e_wait "件" >/dev/null
e2e_screen > "$E2E_DIR/screen"
cols=$(grep -oE '[0-9]{2,4}-[0-9]{2,4}-[0-9]{4}' "$E2E_DIR/screen" | while read -r ph; do
    grep -F -- "$ph" "$E2E_DIR/screen" | head -1 | "$TSUNAGI_TESTBIN/screencol" "$ph"; done | sort -u | wc -l)
rows=$(grep -cE '[0-9]{2,4}-[0-9]{2,4}-[0-9]{4}' "$E2E_DIR/screen")
e2e_check "several rows with phones are shown ($rows)" test "$rows" -ge 5
e2e_check "the phone column starts at one cell on every row" test "$cols" -eq 1
# every row is exactly as wide as the screen allows: nothing wraps
wide=$("$TSUNAGI_TESTBIN/screencol" --width < "$E2E_DIR/screen" | awk '$1 > 80' | wc -l)
e2e_check "no line runs past 80 cells" test "$wide" -eq 0
e2e_keys C-u

# Enter opens the summary: household with 続柄 and age, and an audit row
views_before=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action='view'")
e2e_type "やまだたろう"
e2e_wait "山田　太郎" >/dev/null
e2e_keys Enter
e2e_check "Enter opens the person summary" e2e_wait "人の概要"
e2e_check "the summary shows the household" e2e_wait "世帯:"
e2e_check "the summary shows 続柄" e2e_wait "世帯主"
e2e_check "the summary shows ages" e2e_wait "歳"
e2e_check "the summary shows the 和暦 birth date" e2e_until sh -c "tmux -S '$E2E_SOCK' capture-pane -p -t t | grep -qE '(昭和|平成|令和|大正)[0-9元]+年'"
e2e_check "the summary shows the agencies" e2e_wait "関係機関"
views_after=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action='view' AND entity='person'")
e2e_check "opening the summary wrote an audit row" test "$views_after" -eq $((views_before + 1))
e2e_keys Escape
e2e_check "ESC goes back to the lookup with the query kept" e2e_wait "やまだたろう"

e2e_keys F10
e2e_check "F10 quits" e2e_wait "[exit 0]"
e2e_done
