#!/usr/bin/env bash
# The national register's import from the command line: a generated file of the register's
# national size (bench/rpss_file.py, about 7,000 services, 40+ MB), imported twice into a fresh
# database under /usr/bin/time -v; wall time and peak resident memory of each run, and the second
# run's summary (it must change nothing).
# Usage: bench/rpss.sh [--postgres] [--services N]   (results also in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

database="sqlite"
services=7000
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) database="postgres" ;;
    --services) services="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done

bench_database "$database" rpss
server=""  # no server: bench_cleanup stops one only when it runs
trap bench_cleanup EXIT
step "Writing a register file of $services services"
python3 bench/rpss_file.py "$work/rpss.json" --services "$services"
size=$(stat -c %s "$work/rpss.json")
"$spoluplan" migrate
mkdir -p bench/results
report="bench/results/rpss-$database-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "rpss import, $database, $services services, $((size / 1000000)) MB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in first second; do
    /usr/bin/time -v "$spoluplan" import rpss "$work/rpss.json" >"$work/$run.json" 2>"$work/$run.time"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/$run.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$run.time")
    counts=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(", ".join(f"{k} {s[k]}" for k in ("created","updated","unchanged","ended","skipped","organizations_created","organizations_updated")))' "$work/$run.json")
    echo "$run run: wall $wall, max RSS $((rss / 1024)) MiB; $counts"
  done
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if s["created"]==s["updated"]==s["ended"]==s["organizations_created"]==s["organizations_updated"]==0 else "the second run changed something")' "$work/second.json"
  echo "second run changes nothing: yes"
} | tee "$report"
