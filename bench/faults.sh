#!/usr/bin/env bash
# Fault runs on loopback (see bench/faults.py): writers post comments while the disk fails, fills
# up or is deleted, or PostgreSQL hangs or goes away; every comment answered 201 is then looked for
# in the database. Needs root (it mounts a tmpfs and an ext4 image on a loop device).
# Usage: bench/faults.sh [--postgres] [--seconds S]   (the table also in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

command -v socat >/dev/null || apt_install socat
step "Building the release server"
cargo build --release --locked -q
for arg in "$@"; do [ "$arg" = --postgres ] && ensure_postgres; done
mkdir -p bench/results
report="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-faults.md"
step "Fault runs"
python3 bench/faults.py "$@" | tee "$report"
echo "written to $report"
