#!/usr/bin/env bash
# scripts/production-stack.sh — the production layout on loopback (tests/production/stack.py):
# nginx with TLS in front of two ASGI processes under cop_site.settings.production, the task worker,
# and a two-node Elasticsearch cluster with TLS and security on, over PostgreSQL and Redis.
#
#   scripts/production-stack.sh up      start it all (PostgreSQL and Redis too, if they are not running)
#   scripts/production-stack.sh env     `export NAME=value` lines, for eval "$(scripts/production-stack.sh env)"
#   scripts/production-stack.sh down    stop what `up` started, and only that
#   scripts/production-stack.sh check   up, the tests in tests/production/, down (even when they fail)
#
# Ports and databases: COP_STACK_HTTPS_PORT (8443), COP_STACK_ASGI_PORTS (8441,8442),
# COP_STACK_ES_PORTS (9250,9251), COP_STACK_ES_TRANSPORT_PORTS (9350,9351), COP_STACK_DB
# (cop_production_check), COP_STACK_REDIS_URL (redis://127.0.0.1:6379/15); files in COP_STACK_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || { echo "production-stack: no .venv (run make test or make run once)" >&2; exit 1; }

services_started=""
ensure_services() {
    # PostgreSQL and Redis are shared; start them only when nothing answers, and stop only those then.
    if ! scripts/services.sh status pg redis >/dev/null 2>&1; then
        scripts/services.sh up pg redis >&2
        services_started=1
    fi
}

case "${1:-}" in
    up)
        ensure_services
        exec "$PY" -m tests.production.stack up
        ;;
    env | down)
        exec "$PY" -m tests.production.stack "$1"
        ;;
    check)
        ensure_services
        cleanup() {
            "$PY" -m tests.production.stack down || echo "production-stack: could not stop everything cleanly" >&2
            if [ -n "$services_started" ]; then scripts/services.sh down redis pg >&2 || true; fi
        }
        trap cleanup EXIT
        "$PY" -m tests.production.stack up
        eval "$("$PY" -m tests.production.stack env)"
        COP_PRODUCTION_STACK=1 "$PY" -m pytest -p no:xdist tests/production "${@:2}"
        ;;
    *)
        sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
