#!/usr/bin/env bash
# make bench-replay: `trackscope replay` against wrk, and the accuracy of --rate, in one run.
#  (a) replays RECORDS recorded events (CaptureLogBenchmark's corpus) into a local
#      `trackscope collect`, --concurrency 32, and prints events per second; in the same run wrk
#      (-t1 -c32 -d10s) posts to the same collector: the ratio replay / wrk (goal: at least 0.5).
#  (b) replays 5,000 of them with --rate 500/s and prints the rate achieved, from the first to the
#      last request the collector received (goal: within 2% of 500).
# Usage: Benchmarks/replay.sh [RECORDS]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-100000}
for tool in wrk jq; do
  command -v "$tool" >/dev/null || { echo "bench-replay needs $tool (make system-packages-bench)" >&2; exit 1; }
done
echo "building release ..."
swift build -c release --product trackscope >/dev/null
swift build -c release --product CaptureLogBenchmark >/dev/null
BIN=$(swift build -c release --show-bin-path)

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_collector() { # LOG: starts a collector writing LOG (its output in LOG.out)
  "$BIN/trackscope" collect --port 0 --log "$1" >"$1.out" 2>&1 &
  PIDS+=($!)
}

port_of() { # LOG -> prints the port of the collector writing LOG
  for _ in $(seq 200); do
    local port
    port=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$1.out" | grep -oE '[0-9]+$' | head -1 || true)
    if [ -n "$port" ]; then echo "$port"; return 0; fi
    sleep 0.1
  done
  echo "collector did not start:" >&2; cat "$1.out" >&2; exit 1
}

seconds() { date +%s.%N; }

echo "== corpus: $RECORDS recorded events"
"$BIN/CaptureLogBenchmark" --records "$RECORDS" --durable-records 1000 --dir "$WORK/source" --events-file "$WORK/events.jsonl" >/dev/null
SOURCE="$WORK/source/capture.jsonl"

start_collector "$WORK/target.jsonl"
PORT=$(port_of "$WORK/target.jsonl")
URL="http://127.0.0.1:$PORT"

echo "== (a) wrk -t1 -c32 -d10s against the collector"
head -1 "$WORK/events.jsonl" >"$WORK/one-event.json"
wrk_rate=$(timeout 60 wrk -t1 -c32 -d10s -s Benchmarks/collector-post.lua "$URL/events?tc_s=29" -- "$WORK/one-event.json" \
  | awk '/Requests\/sec/ {print $2}')
echo "wrk: $wrk_rate requests/s"

echo "== (a) trackscope replay --concurrency 32 of $RECORDS events"
start=$(seconds)
"$BIN/trackscope" replay --log "$SOURCE" --to "$URL" --concurrency 32 >"$WORK/replay.out" 2>&1 || { cat "$WORK/replay.out" >&2; exit 1; }
end=$(seconds)
replay_rate=$(echo "$RECORDS / ($end - $start)" | bc -l)
printf 'replay: %.0f events/s (%d events in %.2f s)\n' "$replay_rate" "$RECORDS" "$(echo "$end - $start" | bc -l)"
printf 'ratio (replay / wrk): %.2f   (goal: at least 0.5)\n' "$(echo "$replay_rate / $wrk_rate" | bc -l)"
grep -E '^(sent|latency|answers)' "$WORK/replay.out" || true

echo
echo "== (b) trackscope replay 'seq<=5000' --rate 500/s"
start_collector "$WORK/paced.jsonl"
PORT_B=$(port_of "$WORK/paced.jsonl")
"$BIN/trackscope" replay 'seq<=5000' --log "$SOURCE" --to "http://127.0.0.1:$PORT_B" --rate 500/s >"$WORK/paced.out" 2>&1 || { cat "$WORK/paced.out" >&2; exit 1; }
read -r count first last < <(tail -n +2 "$WORK/paced.jsonl" | jq -s -r '[length, (map(.ts_ms) | min), (map(.ts_ms) | max)] | @tsv')
achieved=$(echo "($count - 1) * 1000 / ($last - $first)" | bc -l)
printf 'rate achieved: %.1f requests/s over %d requests (%.2f s from the first to the last); off by %.2f%%   (goal: within 2%%)\n' \
  "$achieved" "$count" "$(echo "($last - $first) / 1000" | bc -l)" "$(echo "($achieved - 500) * 100 / 500" | bc -l | tr -d '-')"
