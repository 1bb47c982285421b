#!/usr/bin/env bash
# The capture log benchmark (`make bench-log`), in one run on a generated log of N records:
#  (a) append throughput, durability fsync and os, records/s
#  (b) time to open the log and decode its last 50 records, and the peak memory
#  (c) `trackscope log filter 'event:purchase user.id:42' --events` against
#      `jq -c 'select(...)'` on an events file with the same events: same number of results, times, ratio.
#  (d) `trackscope log stats` (counts by direction, event, status, severity, dialect) against jq
#      counting the same log's records by event name: times, ratio.
#  (e) `trackscope log import EVENTS --format events --durability os` into a fresh log against
#      `jq -c . EVENTS >/dev/null` (reading and printing the same events): same record count, times, ratio.
# Usage: Benchmarks/capture-log.sh [RECORDS]   (default 1000000; 200000 for a quicker run)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${1:-1000000}"
OUT="bench-out/capture-log"
mkdir -p "$OUT"

swift build -c release --product trackscope --product CaptureLogBenchmark >/dev/null 2>&1 \
  || swift build -c release --product trackscope
swift build -c release --product CaptureLogBenchmark >/dev/null
BIN=.build/release

echo "== (a) and (b): .build/release/CaptureLogBenchmark --records $RECORDS"
"$BIN/CaptureLogBenchmark" --records "$RECORDS" --dir "$OUT/log" --events-file "$OUT/events.jsonl"

LOG="$OUT/log/capture.jsonl"
EVENTS="$OUT/events.jsonl"
QUERY='event:purchase user.id:42'
JQ_FILTER='select(.event_name == "purchase" and .user.id == "42")'

echo
echo "== (c) filter: trackscope log filter '$QUERY' --events   vs   jq -c '$JQ_FILTER'"
ours=$("$BIN/trackscope" log filter "$QUERY" --events --log "$LOG" | wc -l)
theirs=$(jq -c "$JQ_FILTER" "$EVENTS" | wc -l)
echo "results: trackscope $ours, jq $theirs"
if [ "$ours" != "$theirs" ]; then
  echo "MISMATCH: the two filters disagree" >&2
  exit 1
fi

# best_of_both NAME TRACKSCOPE_COMMAND JQ_COMMAND: prints the best wall-clock seconds of each (hyperfine,
# 3 runs after a warm-up; without hyperfine, the best of 3 timed runs), trackscope's first.
best_of_both() {
  local name=$1 ours=$2 theirs=$3
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 3 --export-json "$OUT/$name.json" ${PREPARE:+--prepare "$PREPARE"} \
      -n trackscope "$ours" -n jq "$theirs" >&2
    echo "$(jq '.results[] | select(.command=="trackscope") | .min' "$OUT/$name.json")" \
         "$(jq '.results[] | select(.command=="jq") | .min' "$OUT/$name.json")"
  else
    echo "(hyperfine not found: best of 3 timed runs)" >&2
    echo "$(best_of 3 "$ours")" "$(best_of 3 "$theirs")"
  fi
}

best_of() { # RUNS COMMAND: the best wall-clock seconds of RUNS runs of the shell command
  local runs=$1 command=$2 best=""
  for _ in $(seq "$runs"); do
    local start end elapsed
    if [ -n "${PREPARE:-}" ]; then sh -c "$PREPARE"; fi
    start=$(date +%s.%N)
    sh -c "$command" >/dev/null
    end=$(date +%s.%N)
    elapsed=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$elapsed < $best" | bc -l)" = 1 ]; then best=$elapsed; fi
  done
  printf '%.3f' "$best"
}

read -r ours_s jq_s < <(best_of_both filter "$BIN/trackscope log filter '$QUERY' --events --log $LOG" "jq -c '$JQ_FILTER' $EVENTS")
printf 'trackscope log filter: %.3f s (log %s MB)\n' "$ours_s" "$(( $(stat -c %s "$LOG") / 1000000 ))"
printf 'jq -c select:          %.3f s (events %s MB)\n' "$jq_s" "$(( $(stat -c %s "$EVENTS") / 1000000 ))"
printf 'ratio (jq / trackscope): %.1fx   (goal: at least 5x)\n' "$(echo "$jq_s / $ours_s" | bc -l)"

echo
echo "== (d) summary: trackscope log stats   vs   jq -r '.events[0] // \"(none)\"' | sort | uniq -c"
JQ_COUNT="jq -r '.events[0] // \"(none)\"' $LOG | sort | uniq -c"
read -r stats_s count_s < <(best_of_both stats "$BIN/trackscope log stats --log $LOG" "$JQ_COUNT")
printf 'trackscope log stats:  %.3f s\n' "$stats_s"
printf 'jq count by event:     %.3f s\n' "$count_s"
printf 'ratio (jq / trackscope): %.1fx\n' "$(echo "$count_s / $stats_s" | bc -l)"

echo
echo "== (e) import: trackscope log import EVENTS --format events --durability os   vs   jq -c . EVENTS >/dev/null"
IMPORTED="$OUT/imported/capture.jsonl"
rm -rf "$OUT/imported"
"$BIN/trackscope" log import "$EVENTS" --format events --durability os --log "$IMPORTED" 2>/dev/null
imported=$(( $(wc -l <"$IMPORTED") - 1 ))
events=$(grep -cv '^[[:space:]]*$' "$EVENTS")
imported_mb=$(( $(stat -c %s "$IMPORTED") / 1000000 ))
echo "records: imported $imported, event lines $events"
if [ "$imported" != "$events" ]; then
  echo "MISMATCH: the import did not give one record per event line" >&2
  exit 1
fi
read -r import_s print_s < <(PREPARE="rm -rf $OUT/imported" best_of_both import \
  "$BIN/trackscope log import $EVENTS --format events --durability os --log $IMPORTED" "jq -c . $EVENTS")
printf 'trackscope log import: %.3f s (log %s MB)\n' "$import_s" "$imported_mb"
printf 'jq -c . (read, print): %.3f s (events %s MB)\n' "$print_s" "$(( $(stat -c %s "$EVENTS") / 1000000 ))"
printf 'ratio (import / jq): %.2fx   (goal: at most 2x)\n' "$(echo "$import_s / $print_s" | bc -l)"
