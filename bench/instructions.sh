#!/bin/sh
# Instructions executed by a 50,000-row import, counted by callgrind: unlike seconds,
# the count does not move with the load of a shared machine, so it shows whether a
# change made the import cheaper. Needs valgrind and a release build. (Valgrind runs
# SHA-256 without the CPU's SHA instructions, so Statement::open looks dearer here.)
#   usage: bench/instructions.sh [ROWS]
set -eu
rows=${1:-50000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$rows" > "$work/statement.csv"
valgrind --tool=callgrind --callgrind-out-file="$work/out" \
    "$here/../target/release/gagyebu" --db "$work/store.sqlite3" import "$work/statement.csv" \
    > /dev/null 2> "$work/log"
total=$(grep -o 'Collected : [0-9]*' "$work/log" | grep -o '[0-9]*$')
echo "import of $rows rows: $total instructions ($((total / rows)) per row)"
callgrind_annotate --inclusive=yes "$work/out" 2>/dev/null \
    | grep -E 'prepare_rows|import_file \[|Rows as|sqlite3_step|bind_parameter|Statement::open|categorize_index|parse_amount|text::fold|Records as' \
    | sed 's/ \[.*//' | head -12
