# Shared steps of scripts/start.sh and scripts/test.sh.

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# PostgreSQL at 127.0.0.1:5432 for the PostgreSQL half of the tests; started when it is down.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  step "Starting PostgreSQL"
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
  if [ -n "$version" ]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster "$version" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL is not reachable at 127.0.0.1:5432 (PostgreSQL tests are skipped outside CI)"
}

ensure_node_packages() {
  if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
  step "Installing the web app's packages"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
}

# Debian's Chromium for the browser tests (never a downloaded browser build).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  step "Installing Debian's Chromium"
  apt_install chromium fonts-dejavu-core
}

# openapi-spec-validator from PyPI checks openapi.yaml against the OpenAPI 3.1 schema.
ensure_spec_validator() {
  python3 -c 'import openapi_spec_validator' 2>/dev/null && return
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore openapi-spec-validator
}

# schemathesis from PyPI checks the running server against its OpenAPI document.
ensure_schemathesis() {
  command -v schemathesis >/dev/null && schemathesis --version | grep -q 'version 4\.' && return
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore 'schemathesis>=4,<5'
}
