#!/usr/bin/env bash
# make bench-replay: `trackscope replay` against wrk, and the accuracy of --rate, in one run.
#  (a) replays RECORDS recorded events (CaptureLogBenchmark's corpus) into a local
#      `trackscope collect`, --concurrency 32, and prints events per second; in the same run wrk
#      (-t1 -c32 -d10s) posts to the same collector: the ratio replay / wrk (goal: at least 0.5).
#      For the why, also in the same run: BareClient (AsyncHTTPClient alone, recording nothing,
#      32 in flight) against the same collector, and the CPU time per request (utime + stime) of
#      wrk, the bare client, the replay and the collector in each phase.
#  (b) replays 5,000 of them (10 s) with --rate 500/s and prints the rate achieved, from the first
#      to the last request the collector received (goal: within 2% of 500).
# Usage: Benchmarks/replay.sh [RECORDS]   (default 100000; 5000 or more keeps (b) at 10 s)
#        REPLAY_BIN=/path/to/other/trackscope Benchmarks/replay.sh ...   replays with another build
#        (an older one, to compare), against this build's collector.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-100000}
for tool in wrk jq; do
  command -v "$tool" >/dev/null || { echo "bench-replay needs $tool (make system-packages-bench)" >&2; exit 1; }
done
echo "building release ..."
swift build -c release --product trackscope >/dev/null
swift build -c release --product CaptureLogBenchmark >/dev/null
swift build -c release --product BareClient >/dev/null
BIN=$(swift build -c release --show-bin-path)
REPLAY_BIN=${REPLAY_BIN:-$BIN/trackscope}

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

TICKS=$(getconf CLK_TCK)
cpu_of() { # PID -> prints its utime + stime so far, in seconds
  awk -v ticks="$TICKS" '{ sub(/^.*\) /, ""); print ($12 + $13) / ticks }' "/proc/$1/stat"
}
TIMEFORMAT='%U %S'
timed() { # OUT_FILE COMMAND...: runs COMMAND (output to OUT_FILE); prints its user + system CPU seconds
  local out=$1; shift
  local cpu
  cpu=$( { time "$@" >"$out" 2>&1; } 2>&1 ) || { cat "$out" >&2; exit 1; }
  echo "$cpu" | awk '{ print $1 + $2 }'
}
per_request() { # CPU_SECONDS REQUESTS -> microseconds of CPU per request
  echo "$1 * 1000000 / $2" | bc -l | xargs printf '%.0f'
}

echo "== corpus: $RECORDS recorded events"
"$BIN/CaptureLogBenchmark" --records "$RECORDS" --durable-records 1000 --dir "$WORK/source" --events-file "$WORK/events.jsonl" >/dev/null
SOURCE="$WORK/source/capture.jsonl"

start_collector "$WORK/target.jsonl"
PORT=$(port_of "$WORK/target.jsonl")
URL="http://127.0.0.1:$PORT"

COLLECTOR_PID=${PIDS[-1]}
echo "== (a) wrk -t1 -c32 -d10s against the collector"
head -1 "$WORK/events.jsonl" >"$WORK/one-event.json"
collector_before=$(cpu_of "$COLLECTOR_PID")
wrk_cpu=$(timed "$WORK/wrk.out" timeout 60 wrk -t1 -c32 -d10s -s Benchmarks/collector-post.lua "$URL/events?tc_s=29" -- "$WORK/one-event.json")
collector_wrk_cpu=$(echo "$(cpu_of "$COLLECTOR_PID") - $collector_before" | bc -l)
wrk_rate=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
wrk_requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
echo "wrk: $wrk_rate requests/s"

echo "== (a) BareClient (AsyncHTTPClient alone, nothing recorded) --concurrency 32, $RECORDS requests"
collector_before=$(cpu_of "$COLLECTOR_PID")
bare_cpu=$(timed "$WORK/bare.out" "$BIN/BareClient" --url "$URL/events?tc_s=29" --body "$WORK/one-event.json" --count "$RECORDS" --concurrency 32)
collector_bare_cpu=$(echo "$(cpu_of "$COLLECTOR_PID") - $collector_before" | bc -l)
bare_rate=$(grep -oE 'bare_client=[0-9]+' "$WORK/bare.out" | cut -d= -f2)
echo "bare client: $bare_rate requests/s"

echo "== (a) trackscope replay --concurrency 32 of $RECORDS events"
collector_before=$(cpu_of "$COLLECTOR_PID")
start=$(seconds)
replay_cpu=$(timed "$WORK/replay.out" "$REPLAY_BIN" replay --log "$SOURCE" --to "$URL" --concurrency 32)
end=$(seconds)
collector_replay_cpu=$(echo "$(cpu_of "$COLLECTOR_PID") - $collector_before" | bc -l)
replay_rate=$(echo "$RECORDS / ($end - $start)" | bc -l)
printf 'replay: %.0f events/s (%d events in %.2f s, reading the log included)\n' "$replay_rate" "$RECORDS" "$(echo "$end - $start" | bc -l)"
grep -E '^(replayed|latency|answers)' "$WORK/replay.out" || true
echo
printf 'ratio (replay / wrk): %.2f   (goal: at least 0.5)\n' "$(echo "$replay_rate / $wrk_rate" | bc -l)"
printf 'ratio (bare client / wrk): %.2f   (the most an AsyncHTTPClient client reached here)\n' "$(echo "$bare_rate / $wrk_rate" | bc -l)"
printf 'ratio (replay / bare client): %.2f\n' "$(echo "$replay_rate / $bare_rate" | bc -l)"
echo "CPU per request (utime + stime), microseconds:"
printf '  client side:    wrk %s   bare client %s   replay %s\n' \
  "$(per_request "$wrk_cpu" "$wrk_requests")" "$(per_request "$bare_cpu" "$RECORDS")" "$(per_request "$replay_cpu" "$RECORDS")"
printf '  collector side: under wrk %s   under bare client %s   under replay %s\n' \
  "$(per_request "$collector_wrk_cpu" "$wrk_requests")" "$(per_request "$collector_bare_cpu" "$RECORDS")" "$(per_request "$collector_replay_cpu" "$RECORDS")"

echo
echo "== (b) trackscope replay 'seq<=5000' --rate 500/s"
start_collector "$WORK/paced.jsonl"
PORT_B=$(port_of "$WORK/paced.jsonl")
"$REPLAY_BIN" replay 'seq<=5000' --log "$SOURCE" --to "http://127.0.0.1:$PORT_B" --rate 500/s >"$WORK/paced.out" 2>&1 || { cat "$WORK/paced.out" >&2; exit 1; }
read -r count first last < <(tail -n +2 "$WORK/paced.jsonl" | jq -s -r '[length, (map(.ts_ms) | min), (map(.ts_ms) | max)] | @tsv')
achieved=$(echo "($count - 1) * 1000 / ($last - $first)" | bc -l)
printf 'rate achieved: %.1f requests/s over %d requests (%.2f s from the first to the last); off by %.2f%%   (goal: within 2%%)\n' \
  "$achieved" "$count" "$(echo "($last - $first) / 1000" | bc -l)" "$(echo "($achieved - 500) * 100 / 500" | bc -l | tr -d '-')"
