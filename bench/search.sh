#!/usr/bin/env bash
# Search at the national size: the demo, a synthetic set of 1,000 plans × 10 goals × 10 measures
# (100,000 measures, the same few words in every one of them) with 1,000 comments each (a million,
# which search does not read but the database holds), and the register's 7,000 services of about
# 2,100 providers (bench/rpss_file.py, imported). Each query is timed with wrk on one connection
# (the time of one request: the goal is a p99 under 50 ms) and on sixteen, beside /health/live
# measured just before it. The queries run from a rare word typed without accents to a two-letter
# prefix that nearly every entry holds.
# Usage: bench/search.sh [--postgres] [--duration SECONDS] [--plans N] [--services N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

duration=5
database="sqlite"
plans=1000
services=7000
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --duration) duration="$2"; shift ;;
    --plans) plans="$2"; shift ;;
    --services) services="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || apt_install wrk

bench_database "$database" search
step "Seeding the demo, $plans synthetic plans (10 goals × 10 measures, 1,000 comments each) and $services register services"
"$spoluplan" seed demo >/dev/null
"$spoluplan" seed synthetic --plans "$plans" --goals-per-plan 10 --measures-per-goal 10 --comments 1000 >/dev/null
python3 bench/rpss_file.py "$work/rpss.json" --services "$services" >/dev/null
"$spoluplan" import rpss "$work/rpss.json" >/dev/null
bench_serve

mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-search-$database.md"
{
  echo "# Search benchmark ($database, $plans plans, $services services, ${duration}s per row, $(date -u +%FT%TZ))"
  echo
  echo "| query | hits on the first page | connections | req/s | p99 ms | non-2xx | req/s ÷ /health/live |"
  echo "|---|---|---|---|---|---|---|"
} | tee "$report"
for q in "pecovatelska" "domov%20pro%20seniory" "osobni%20asist" "opatreni" "popis%20cile" "po"; do
  first=$(curl -fsS "$base/search?q=$q" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  for connections in 1 16; do
    read -r base_rps _ _ < <(measure -t1 -c"$connections" "$base/health/live")
    read -r rps p99 err < <(measure -t1 -c"$connections" "$base/search?q=$q")
    ratio=$(python3 -c "print(f'{$rps/$base_rps:.3f}')")
    echo "| \`$q\` | $first | $connections | $rps | $p99 | $err | $ratio |" | tee -a "$report"
  done
done
echo
echo "Report: $report"
