#!/usr/bin/env bash
# Benchmarks the real server on loopback with wrk. Every figure is also given as a ratio to the
# server's own /health/live measured in the same run, because these machines are noisy.
# Usage: bench/run.sh [--postgres] [--duration SECONDS]   (results also in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

duration=5
database="sqlite"
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --duration) duration="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || apt_install wrk

bench_database "$database" bench
export SPOLUPLAN_LOGIN_FAILURES_PER_ACCOUNT=1000000 SPOLUPLAN_LOGIN_FAILURES_PER_ADDRESS=1000000
step "Seeding the demo (for its sign-in) and 100 synthetic plans (5 goals x 4 measures, 20 comments each)"
"$spoluplan" seed demo >/dev/null
"$spoluplan" seed synthetic --plans 100 --goals-per-plan 5 --measures-per-goal 4 --comments 20 >/dev/null
bench_serve
plan=$(curl -fsS "$base/plans?status=implementation&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
# The synthetic region: 200 ORPs below it, the plans spread over them.
region=$(curl -fsS "$base/territories?kind=region&limit=200" | python3 -c 'import json,sys; print(next(t["id"] for t in json.load(sys.stdin)["items"] if t["name"] == "Syntetický kraj"))')

mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$database.md"
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status"; }

{
  echo "# Spoluplán benchmark ($database, ${duration}s per row, wrk -t2 -c16, $(date -u +%FT%TZ))"
  echo
  echo "| endpoint | req/s | p99 ms | non-2xx | req/s ÷ /health/live |"
  echo "|---|---|---|---|---|"
} | tee "$report"
read -r base_rps base_p99 base_err < <(measure "$base/health/live")
echo "| /health/live | $base_rps | $base_p99 | $base_err | 1.00 |" | tee -a "$report"
for path in "/plans" "/plans?territory_id=$region" "/plans/$plan/tree" "/measures?plan_id=$plan" "/plans/$plan/goals" "/plans/$plan/export?format=html"; do
  read -r rps p99 err < <(measure "$base$path")
  ratio=$(python3 -c "print(f'{$rps/$base_rps:.2f}')")
  [ "$path" = "/plans" ] && plans_rps=$rps
  [ "$path" = "/plans?territory_id=$region" ] && region_rps=$rps
  shown=${path//$plan/{id\}}
  echo "| ${shown//$region/{region\}} | $rps | $p99 | $err | $ratio |" | tee -a "$report"
done
echo "| /plans?territory_id={region} ÷ /plans (a region with 200 ORPs) | | | | $(python3 -c "print(f'{$region_rps/$plans_rps:.2f}')") |" | tee -a "$report"

step "Sign-ins (argon2id, 19 MiB, capped at the core count)"
before=$(rss)
read -r login_rps login_p99 login_err < <(measure -s bench/login.lua "$base/auth/login")
# Reads while sign-ins flood the server.
wrk -t1 -c8 -d"${duration}s" -s bench/login.lua "$base/auth/login" >/dev/null 2>&1 &
flood=$!
read -r busy_rps busy_p99 busy_err < <(measure "$base/plans/$plan/tree")
wait "$flood" || true
# 1,000 sign-ins, then the server's memory.
python3 - "$base" <<'PY'
import json, sys, urllib.request, concurrent.futures
base = sys.argv[1]
body = json.dumps({"email": "koordinator@example.cz", "password": "spoluplan-demo"}).encode()
def login(_):
    req = urllib.request.Request(base + "/auth/login", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return r.status
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(login, range(1000)))
assert all(s == 200 for s in statuses), set(statuses)
PY
after=$(rss)
{
  echo
  echo "| sign-in figure | value |"
  echo "|---|---|"
  echo "| sign-ins per second | $login_rps (non-2xx $login_err) |"
  echo "| sign-in p99 | $login_p99 ms |"
  echo "| /plans/{id}/tree p99 while sign-ins flood | $busy_p99 ms ($busy_rps req/s, non-2xx $busy_err) |"
  echo "| server memory before sign-ins | $before MB |"
  echo "| server memory after 1,000 more sign-ins | $after MB (goal: under 150 MB) |"
} | tee -a "$report"
echo
echo "Report: $report"
