#!/usr/bin/env bash
# Benchmarks the real server on loopback with wrk. Every figure is also given as a ratio to the
# server's own /health/live measured in the same run, because these machines are noisy.
# Usage: bench/run.sh [--postgres] [--duration SECONDS] [--scale demo|national]
#   (results also in bench/results/)
# --scale national loads the national-size set (200 plans × 10 goals × 10 measures with 5,000
# comments each: a million comments and 20,000 measures; 20,000 needs; the register's 7,000
# services) and measures each list and tree for the public and for a signed-in coordinator (whose
# answers are never cached), then mixed public reads at a fixed rate with oha.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

duration=5
database="sqlite"
scale="demo"
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --duration) duration="$2"; shift ;;
    --scale) scale="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || apt_install wrk

bench_database "$database" bench
export SPOLUPLAN_LOGIN_FAILURES_PER_ACCOUNT=1000000 SPOLUPLAN_LOGIN_FAILURES_PER_ADDRESS=1000000
"$spoluplan" seed demo >/dev/null
case "$scale" in
  demo)
    step "Seeding the demo (for its sign-in) and 100 synthetic plans (5 goals x 4 measures, 20 comments each)"
    "$spoluplan" seed synthetic --plans 100 --goals-per-plan 5 --measures-per-goal 4 --comments 20 >/dev/null
    ;;
  national)
    step "Seeding the national set: 200 plans x 10 goals x 10 measures, 5,000 comments each, 20,000 needs, 7,000 services"
    "$spoluplan" seed synthetic --plans 200 --goals-per-plan 10 --measures-per-goal 10 --comments 5000 --needs 20000 >/dev/null
    python3 bench/rpss_file.py "$work/rpss.json" --services 7000 >/dev/null
    "$spoluplan" import rpss "$work/rpss.json" >/dev/null
    ;;
  *) echo "unknown scale $scale (demo or national)"; exit 2 ;;
esac
bench_serve
# The last synthetic plan: its comments lie at the far end of the table.
plan=$(curl -fsS "$base/plans?status=implementation&limit=200" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][-1]["id"])')
# The synthetic region: 200 ORPs below it, the plans spread over them.
region=$(curl -fsS "$base/territories?kind=region&limit=200" | python3 -c 'import json,sys; print(next(t["id"] for t in json.load(sys.stdin)["items"] if t["name"] == "Syntetický kraj"))')
token=$(curl -fsS -H 'Content-Type: application/json' -d '{"email":"koordinator@example.cz","password":"spoluplan-demo"}' "$base/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$database.md"
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status"; }

{
  echo "# Spoluplán benchmark ($database, $scale set, ${duration}s per row, wrk -t2 -c16, $(date -u +%FT%TZ), $(git rev-parse --short HEAD))"
  echo
  echo "| endpoint | caller | req/s | p99 ms | non-2xx | req/s ÷ /health/live |"
  echo "|---|---|---|---|---|---|"
} | tee "$report"
read -r base_rps base_p99 base_err < <(measure "$base/health/live")
echo "| /health/live | | $base_rps | $base_p99 | $base_err | 1.00 |" | tee -a "$report"
paths=("/plans" "/plans?territory_id=$region" "/plans/$plan/tree" "/measures?plan_id=$plan" "/plans/$plan/goals"
  "/comments?plan_id=$plan" "/comments?target_type=plan&target_id=$plan" "/comments")
[ "$scale" = national ] && paths+=("/services" "/services?territory_id=$region" "/organizations" "/needs" "/needs?territory_id=$region")
paths+=("/plans/$plan/export?format=html")
# Signed in, nothing comes from the public cache: those rows are what the database costs.
for caller in public coordinator; do
  auth=()
  [ "$caller" = coordinator ] && auth=(-H "Authorization: Bearer $token")
  for path in "${paths[@]}"; do
    read -r rps p99 err < <(measure "${auth[@]}" "$base$path")
    ratio=$(python3 -c "print(f'{$rps/$base_rps:.3f}')")
    [ "$caller/$path" = "public//plans" ] && plans_rps=$rps
    [ "$caller/$path" = "public//plans?territory_id=$region" ] && region_rps=$rps
    shown=${path//$plan/{id\}}
    echo "| ${shown//$region/{region\}} | $caller | $rps | $p99 | $err | $ratio |" | tee -a "$report"
  done
done
echo "| /plans?territory_id={region} ÷ /plans (a region with 200 ORPs) | public | | | | $(python3 -c "print(f'{$region_rps/$plans_rps:.2f}')") |" | tee -a "$report"

step "Mixed public reads at a fixed rate (oha, 1,000 requests/s)"
command -v oha >/dev/null || cargo install --locked -q oha
printf '%s\n' "${paths[@]/#/$base}" >"$work/urls.txt"
oha --no-tui -z "$((duration * 2))s" -q 1000 -c 32 --urls-from-file "$work/urls.txt" --output-format json >"$work/oha.json" 2>/dev/null
python3 - "$work/oha.json" <<'PY' | tee -a "$report"
import json, sys
r = json.load(open(sys.argv[1]))
p = r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
ok = sum(v for k, v in codes.items() if k.startswith("2"))
print()
print("| fixed-rate mixed public reads | value |")
print("|---|---|")
print(f"| requests/s asked, answered | 1000, {r['summary']['requestsPerSec']:.0f} |")
print(f"| p50, p99 ms | {p['p50'] * 1000:.2f}, {p['p99'] * 1000:.2f} (goal: p99 ≤ 20) |")
print(f"| answers 2xx, other | {ok}, {sum(codes.values()) - ok} |")
PY

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
