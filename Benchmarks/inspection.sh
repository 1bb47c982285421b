#!/usr/bin/env bash
# make bench-inspect: does a slow inspection query hold up event intake? Fills a capture log
# (`trackscope collect --durability os` under wrk for FILL seconds), restarts the collector on it
# with default durability, then measures intake (wrk -t1 -c32, the product brief's corrected
# example) alone and, in the same run, while CLIENTS scripts each run QUERIES queries of
# `GET /_trackscope/events?q=QUERY` over that log. Prints both throughputs, their ratio and how
# long the queries took. Environment: FILL (default 20s), DURATION (10s), QUERY (event:nosuchevent:
# the byte pre-check rules out every line; try 'seq<0' to decode them all), CLIENTS (2), QUERIES (3),
# TRACKSCOPE (the binary to measure, to compare builds; default: this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."

FILL=${FILL:-20s}
DURATION=${DURATION:-10s}
QUERY=${QUERY:-event:nosuchevent}
CLIENTS=${CLIENTS:-2}
QUERIES=${QUERIES:-3}
BODY=Tests/Fixtures/legacy-brief-corrected.json
LUA=Benchmarks/collector-post.lua

for tool in wrk jq curl; do
  command -v "$tool" >/dev/null || { echo "bench-inspect needs $tool (make system-packages-bench)" >&2; exit 1; }
done

echo "building release ..."
swift build -c release --product trackscope >/dev/null
TRACKSCOPE=${TRACKSCOPE:-$(swift build -c release --show-bin-path)/trackscope}

WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
LOG="$WORK/capture.jsonl"

# Starts the collector on $LOG (extra arguments passed on); sets PID and PORT once it answers.
start_collector() {
  "$TRACKSCOPE" collect --port 0 --log "$LOG" "$@" >"$WORK/collect.out" 2>&1 &
  PID=$!
  PORT=
  for _ in $(seq 600); do
    PORT=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$WORK/collect.out" | grep -oE '[0-9]+$' | head -1 || true)
    if [ -n "$PORT" ] && curl -fs -o /dev/null "http://127.0.0.1:$PORT/_trackscope/health"; then return 0; fi
    sleep 0.1
  done
  echo "collector did not start:" >&2; cat "$WORK/collect.out" >&2; exit 1
}

stop_collector() {
  kill -TERM "$PID"
  for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  PID=
}

run_wrk() {
  timeout 120 wrk -t1 -c32 -d"$DURATION" --latency -s "$LUA" "http://127.0.0.1:$PORT/v2/1234/events" -- "$BODY"
}

echo "filling the log for $FILL ..."
start_collector --durability os
timeout 120 wrk -t1 -c32 -d"$FILL" -s "$LUA" "http://127.0.0.1:$PORT/v2/1234/events" -- "$BODY" >/dev/null
stop_collector
sync
RECORDS=$(($(wc -l <"$LOG") - 1))
echo "log: $RECORDS records, $(du -m "$LOG" | cut -f1) MB"

start_collector
echo
echo "== intake alone =="
ALONE=$(run_wrk)
echo "$ALONE" | grep -E "Requests/sec|Latency |99%|Socket errors"

echo
echo "== intake while $CLIENTS clients run $QUERIES queries each (q=$QUERY) =="
ENCODED=$(jq -rn --arg q "$QUERY" '$q | @uri')
for client in $(seq "$CLIENTS"); do
  (
    for _ in $(seq "$QUERIES"); do
      curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 300 \
        "http://127.0.0.1:$PORT/_trackscope/events?q=$ENCODED" >>"$WORK/queries.$client"
    done
  ) &
done
LOADED=$(run_wrk)
echo "$LOADED" | grep -E "Requests/sec|Latency |99%|Socket errors"
wait_for_queries() { for client in $(seq "$CLIENTS"); do while [ "$(wc -l <"$WORK/queries.$client" 2>/dev/null || echo 0)" -lt "$QUERIES" ]; do sleep 0.2; done; done; }
wait_for_queries
stop_collector

ALONE_RPS=$(echo "$ALONE" | awk '/Requests\/sec/ {print $2}')
LOADED_RPS=$(echo "$LOADED" | awk '/Requests\/sec/ {print $2}')
cat "$WORK"/queries.* >"$WORK/queries"
echo
printf 'intake alone:        %10.1f requests/s\n' "$ALONE_RPS"
printf 'intake with queries: %10.1f requests/s\n' "$LOADED_RPS"
awk -v l="$LOADED_RPS" -v a="$ALONE_RPS" 'BEGIN { printf "ratio with/alone: %.3f\n", l / a }'
awk '{ n++; if ($1 != 200) bad++; t += $2; if ($2 > max) max = $2 }
     END { printf "queries: %d (%d not answered 200), mean %.2f s, slowest %.2f s\n", n, bad, t / n, max }' "$WORK/queries"
