#!/usr/bin/env bash
# Times GET /surveys/{id}/results for a closed survey with 10,000 responses (five questions: single
# and multiple choice, scale, number, text) on the release server with wrk, with /health/live in the
# same run as the yardstick. One connection gives the time of one request; sixteen the throughput.
# Usage: bench/surveys.sh [--postgres] [--duration SECONDS] [--responses N]   (results in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

duration=5
database="sqlite"
responses=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --duration) duration="$2"; shift ;;
    --responses) responses="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || apt_install wrk

bench_database "$database" surveys
step "Seeding the demo and a survey with $responses responses"
"$spoluplan" seed demo >/dev/null
survey=$("$spoluplan" seed survey --responses "$responses" | tail -1)
bench_serve
answered=$(curl -fsS "$base/surveys/$survey/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["responses"])')
[ "$answered" = "$responses" ] || { echo "the survey has $answered responses, not $responses"; exit 1; }

mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-surveys-$database.md"
{
  echo "# Survey results benchmark ($database, $responses responses, ${duration}s per row, $(date -u +%FT%TZ))"
  echo
  echo "| endpoint | connections | req/s | p99 ms | mean ms | non-2xx | req/s ÷ /health/live |"
  echo "|---|---|---|---|---|---|---|"
} | tee "$report"
for connections in 1 16; do
  read -r base_rps _ _ < <(measure -t1 -c"$connections" "$base/health/live")
  read -r rps p99 err < <(measure -t1 -c"$connections" "$base/surveys/$survey/results")
  mean=$(python3 -c "print(f'{$connections * 1000 / $rps:.2f}')")
  ratio=$(python3 -c "print(f'{$rps/$base_rps:.3f}')")
  echo "| /health/live | $connections | $base_rps | | | | 1.00 |" | tee -a "$report"
  echo "| /surveys/{id}/results | $connections | $rps | $p99 | $mean | $err | $ratio |" | tee -a "$report"
done
echo
echo "Report: $report"
