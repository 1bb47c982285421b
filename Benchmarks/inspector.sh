#!/usr/bin/env bash
# The inspector benchmark (`make bench-ui`), on the real loop with a terminal that keeps frames:
#  (a) key press to finished frame, p50 / p99 / max, with no records arriving and while 5,000
#      records a second arrive (the ratio of the two p99s); goal: p99 under 16 ms.
#  (b) opening a log of RECORDS records and drawing its first full page, without and then with the
#      sidecar index, and the peak memory; goal: under 0.5 s and under 150 MB.
#  (c) building the visible rows while paging through the log: from the records' summaries (what
#      the inspector does) against decoding each whole record (what it did before), per row.
# Usage: Benchmarks/inspector.sh [RECORDS]   (default 1000000; SECONDS_PER_PHASE, default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${1:-1000000}"
PHASE="${SECONDS_PER_PHASE:-15}"
OUT="bench-out/inspector"
mkdir -p "$OUT"

swift build -c release --product InspectorBenchmark >/dev/null
swift build -c release --product CaptureLogBenchmark >/dev/null
BIN=.build/release

echo "== making a log of $RECORDS records (CaptureLogBenchmark)"
"$BIN/CaptureLogBenchmark" --records "$RECORDS" --dir "$OUT/log" --events-file "$OUT/events.jsonl" >/dev/null
LOG="$OUT/log/capture.jsonl"

echo
echo "== (a) InspectorBenchmark --keys --seed $LOG --rate 5000 --seconds $PHASE"
"$BIN/InspectorBenchmark" --keys --seed "$LOG" --rate 5000 --seconds "$PHASE"

echo
echo "== (b) InspectorBenchmark --open $LOG"
rm -f "$LOG.idx"
echo -n "  no sidecar index (the first open): "; "$BIN/InspectorBenchmark" --open "$LOG"
echo -n "  with the sidecar index:            "; "$BIN/InspectorBenchmark" --open "$LOG"
echo "  goals: under 500 ms, under 150 MB"

echo
echo "== (c) InspectorBenchmark --rows $LOG --pages 2000"
"$BIN/InspectorBenchmark" --rows "$LOG" --pages 2000
