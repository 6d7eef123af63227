#!/usr/bin/env bash
# Downloads the largest open dataset, the settled consultation comments, as CSV and as JSON from the
# release server while sampling the server's resident memory every 50 ms, at two sizes of the
# synthetic set (the second ten times the first): streamed a page at a time, the peak must not grow
# with the rows. /health/live's time in the same run is the yardstick for the machine.
# Usage: bench/open-data.sh [--postgres] [--comments N]   (N comments a plan at the large size,
# 10 plans; default 100,000, a million comments)           (results in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

database="sqlite"
comments=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --comments) comments="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done

mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-open-data-$database.md"
{
  echo "# Open data download benchmark ($database, $(date -u +%FT%TZ))"
  echo
  echo "| comments in the database | format | rows | MB | seconds | rows/s | server RSS before MB | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$report"

# download FORMAT: fetches the dataset, sampling the server's RSS, and appends a row to the report.
download() {
  local format="$1" out="$work/comments.$1" before peak sampler
  before=$(ps -o rss= -p "$server")
  ( peak=0; while kill -0 "$server" 2>/dev/null; do
      rss=$(ps -o rss= -p "$server" || echo 0); [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" >"$work/peak"
      sleep 0.05; done ) &
  sampler=$!
  local start end
  start=$(date +%s.%N)
  curl -fsS -o "$out" "$base/open-data/consultation-comments.$format"
  end=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  peak=$(cat "$work/peak" 2>/dev/null || echo "$before")
  python3 - "$format" "$out" "$start" "$end" "$before" "$peak" "$total" >>"$report" <<'PY'
import csv, json, os, sys
fmt, path, start, end, before, peak, total = sys.argv[1:]
rows = sum(1 for _ in csv.reader(open(path, encoding="utf-8", newline=""))) - 1 if fmt == "csv" else len(json.load(open(path, encoding="utf-8")))
secs = float(end) - float(start)
print(f"| {int(total):,} | {fmt} | {rows:,} | {os.path.getsize(path)/1e6:.1f} | {secs:.1f} | {rows/secs:,.0f} | {int(before)/1024:.0f} | {int(peak)/1024:.0f} |")
PY
}

for per_plan in $((comments / 10)) "$comments"; do
  bench_database "$database" opendata
  total=$((per_plan * 10))
  step "Seeding 10 plans with $per_plan comments each"
  "$spoluplan" seed synthetic --plans 10 --goals-per-plan 5 --measures-per-goal 4 --comments "$per_plan" >/dev/null
  bench_serve
  download csv
  download json
  bench_cleanup
  trap - EXIT
done
cat "$report"
echo
echo "Report: $report"
