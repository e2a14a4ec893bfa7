#!/usr/bin/env bash
# Instructions per `MoveDetector.detect` call on the 25-word benchmark reply, counted by
# callgrind (exact, unlike wall-clock time on a shared machine). docs/performance.md.
#
#   scripts/callgrind-detect.sh [LEXICON_DIR] [EXTRA_WORDS]
#
# LEXICON_DIR defaults to scenarios/lexicons. EXTRA_WORDS (default 0) inserts that many
# dummy one-word patterns before English greeting's first pattern, which renumbers every
# later word atom: how the figures' dependence on atom numbering was measured.
set -euo pipefail
cd "$(dirname "$0")/.."
lexicons=${1:-scenarios/lexicons}
extra=${2:-0}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product coach > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
# valgrind 3.19 cannot read the DWARF 5 of Swift 6.3 binaries: keep the symbols only.
cp .build/release/coach "$work/coach"
objcopy --strip-debug "$work/coach"
mkdir "$work/lexicons"
cp "$lexicons"/*.yaml "$work/lexicons/"
if [ "$extra" -gt 0 ]; then
    python3 - "$work/lexicons/en.yaml" "$extra" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
text = open(path).read()
anchor = '      - "hello"\n'
assert anchor in text, "greeting's first pattern is not \"hello\" any more"
extra = "".join('      - "zzq%dx"\n' % n for n in range(count))
open(path, "w").write(text.replace(anchor, extra + anchor, 1))
PY
fi
reply="I'm so sorry, Mrs Varga. I can see the parcel never reached you, so I'll send a replacement by express courier today. Is that okay?"
calls=2000
for _ in $(seq $calls); do echo "$reply"; done > "$work/replies.txt"
valgrind --tool=callgrind --callgrind-out-file="$work/out" --toggle-collect='*MoveDetector*detect*' \
    "$work/coach" moves --customer Varga --lexicons "$work/lexicons" < "$work/replies.txt" > /dev/null 2> "$work/log"
total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log")
echo "$((total / calls)) instructions per reply ($calls replies, lexicons: $lexicons, extra words: $extra)"
