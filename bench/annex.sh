#!/usr/bin/env bash
# The server's memory while 64 clients download the settlement register's HTML annex of a
# 5,000-comment consultation at once (and the CSV, and the JSON a page at a time).
# Usage: bench/annex.sh [--postgres] [--comments N] [--rounds N]   (results also in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

database="sqlite"
comments=5000
rounds=4
parallel=64
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --comments) comments="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done

bench_database "$database" annex
step "Seeding one plan in consultation with $comments consultation comments"
"$spoluplan" seed synthetic --plans 1 --goals-per-plan 5 --measures-per-goal 4 --comments "$comments" >/dev/null
bench_serve
plan=$(curl -fsS "$base/plans?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
annex="$base/plans/$plan/consultation-report?format=html"

mib() { awk -v key="$1:" '$1 == key {print int($2/1024)}' "/proc/$server/status"; }
# $parallel clients at once, $rounds downloads each; fails unless every download is whole.
downloads() {
  seq 1 $((parallel * rounds)) | xargs -P "$parallel" -I{} sh -c \
    'curl -fsS "$1" -o /dev/null -w "%{size_download}\n"' _ "$1" > "$work/sizes"
  sort -u "$work/sizes" | tr '\n' ' '
}

# One download first, so pools and caches are warm before the baseline.
size=$(curl -fsS "$annex" | wc -c)
before=$(mib VmRSS)
start=$(date +%s.%N)
sizes=$(downloads "$annex")
seconds=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
peak=$(mib VmHWM)
after=$(mib VmRSS)
csv_sizes=$(downloads "$base/plans/$plan/consultation-report?format=csv")
csv_peak=$(mib VmHWM)

mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-annex-$database.md"
{
  echo "# Settlement register downloads ($database, $comments comments, $parallel parallel × $rounds, $(date -u +%FT%TZ))"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| HTML annex size | $((size / 1024)) KiB (every download: $sizes bytes) |"
  echo "| $((parallel * rounds)) annex downloads, $parallel at a time | $seconds s |"
  echo "| server memory before (VmRSS) | $before MiB |"
  echo "| server memory at peak (VmHWM) | $peak MiB (+$((peak - before)) MiB; goal: under +100 MiB) |"
  echo "| server memory after (VmRSS) | $after MiB |"
  echo "| peak after as many CSV downloads (VmHWM) | $csv_peak MiB (CSV sizes: $csv_sizes bytes) |"
} | tee "$report"
echo
echo "Report: $report"
