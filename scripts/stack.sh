#!/usr/bin/env bash
# The production topology on this machine, from the files in deploy/ (`make stack`, `make stack-stop`).
#
#   scripts/stack.sh start     install what is missing (Debian packages, as root), then start everything, print URLs
#   scripts/stack.sh stop      stop everything this script started (PostgreSQL, which was already there, keeps running)
#   scripts/stack.sh status    what runs, where
#   scripts/stack.sh env       the stack's environment as `export` lines: eval "$(scripts/stack.sh env)"
#   scripts/stack.sh jobs      the scheduler loop (started by `start`; runs deploy/scheduled-jobs.sh)
#   scripts/stack.sh es-node N start|stop   one Elasticsearch node (0 or 1), for bench/stack_faults.py
#   scripts/stack.sh worker    the db_worker, started again 5 s after it exits (started by `start`, as systemd's
#                              Restart=always does in production)
#   scripts/stack.sh worker-start           start that loop again if it was stopped
#
# What runs:
#   nginx          https://localhost:$STACK_HTTPS_PORT (deploy/nginx/shop-safe.conf: static files, the page cache,
#                  the report size limit, a locally made certificate); purge server on 127.0.0.1:$STACK_PURGE_PORT
#   gunicorn       website.settings.production on 127.0.0.1:$STACK_APP_PORT (deploy/gunicorn.conf.py)
#   db_worker      manage.py db_worker (background tasks, page purges)
#   scheduler      deploy/scheduled-jobs.sh frequent every $STACK_JOBS_INTERVAL s, hourly and daily in turn
#   PostgreSQL     the installed cluster, database from $STACK_DATABASE_URL (created when missing)
#   Redis          Debian's redis-server on 127.0.0.1:$STACK_REDIS_PORT (Django's cache)
#   Elasticsearch  a two-node cluster (scripts/elasticsearch.sh) on $STACK_ES_PORTS, one replica per index
# Nothing here touches `make run` (its SQLite database, port 8000) or the single-node Elasticsearch on 9200.
#
# Environment (defaults in brackets): STACK_HOST [localhost], STACK_HTTPS_PORT [8543], STACK_HTTP_PORT [8580],
# STACK_PURGE_PORT [8581], STACK_APP_PORT [8510], STACK_REDIS_PORT [6391], STACK_ES_PORTS [9211 9212],
# STACK_ES_TRANSPORT_PORTS [9311 9312], STACK_ES_JAVA_OPTS [-Xms384m -Xmx384m], STACK_GUNICORN_WORKERS [2],
# STACK_DATABASE_URL [postgres://cbp:cbp@127.0.0.1:5432/cbp_stack], STACK_JOBS_INTERVAL [300].
# State (logs, pid files, certificate, static files, report files, the page cache): .cache/stack/, or as root
# /var/tmp/cbp-stack-<hash of the repo path> (nginx's workers, Redis and Elasticsearch run as their own
# unprivileged accounts and must reach it).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd -P)
cd "$REPO_ROOT"

STACK_HOST=${STACK_HOST:-localhost}
STACK_HTTPS_PORT=${STACK_HTTPS_PORT:-8543}
STACK_HTTP_PORT=${STACK_HTTP_PORT:-8580}
STACK_PURGE_PORT=${STACK_PURGE_PORT:-8581}
STACK_APP_PORT=${STACK_APP_PORT:-8510}
STACK_REDIS_PORT=${STACK_REDIS_PORT:-6391}
read -r -a ES_PORTS <<<"${STACK_ES_PORTS:-9211 9212}"
read -r -a ES_TRANSPORT_PORTS <<<"${STACK_ES_TRANSPORT_PORTS:-9311 9312}"
STACK_ES_JAVA_OPTS=${STACK_ES_JAVA_OPTS:--Xms384m -Xmx384m}
STACK_GUNICORN_WORKERS=${STACK_GUNICORN_WORKERS:-2}
STACK_DATABASE_URL=${STACK_DATABASE_URL:-postgres://cbp:cbp@127.0.0.1:5432/cbp_stack}
STACK_JOBS_INTERVAL=${STACK_JOBS_INTERVAL:-300}
PYTHON=$REPO_ROOT/.venv/bin/python
ES=$REPO_ROOT/scripts/elasticsearch.sh
ES_CLUSTER=cbp-stack

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [[ $(id -u) -eq 0 ]]; }

if is_root; then
    STATE=/var/tmp/cbp-stack-$(printf '%s' "$REPO_ROOT" | sha1sum | cut -c1-12)
else
    STATE=$REPO_ROOT/.cache/stack
fi
RUN=$STATE/run
LOGS=$STATE/logs
ENV_FILE=$STATE/stack.env
STACK_URL="https://$STACK_HOST:$STACK_HTTPS_PORT"

# ---------------------------------------------------------------------------------------------
# Debian packages and PostgreSQL

ensure_packages() {
    local pkg missing=()
    for pkg in nginx libnginx-mod-http-cache-purge redis-server openssl postgresql-client curl; do
        if [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) != installed ]]; then missing+=("$pkg"); fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    is_root || die "missing Debian packages: ${missing[*]} -> run: sudo apt-get install -y ${missing[*]}"
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # policy-rc.d-less machines would start Debian's own nginx and Redis on 80 and 6379: the stack runs its own.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

database_part() {
    # database_part FIELD: one part of STACK_DATABASE_URL (host, port, user, password, name).
    "$PYTHON" -c 'import sys; from urllib.parse import urlsplit; u = urlsplit(sys.argv[1]); print({"host": u.hostname, "port": u.port or 5432, "user": u.username, "password": u.password or "", "name": u.path.lstrip("/")}[sys.argv[2]])' "$STACK_DATABASE_URL" "$1"
}

ensure_postgres() {
    local host port user password name version
    host=$(database_part host) port=$(database_part port) user=$(database_part user)
    password=$(database_part password) name=$(database_part name)
    if ! pg_isready -q -h "$host" -p "$port"; then
        is_root && command -v pg_lsclusters >/dev/null || die "PostgreSQL does not answer on $host:$port; start it"
        version=$(pg_lsclusters -h | awk '$2 == "main" { print $1 }' | sort -n | tail -n 1)
        [[ -n $version ]] || die "no PostgreSQL cluster installed (apt-get install postgresql)"
        log "starting PostgreSQL $version/main"
        pg_ctlcluster "$version" main start
        for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
    fi
    if is_root && [[ $host == 127.0.0.1 || $host == localhost ]]; then
        # As .ci/run does: the role and the database, idempotently, as the postgres account.
        (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres) <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
        CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password';
    END IF;
END \$\$;
SQL
    fi
    if [[ $(PGPASSWORD=$password psql -X -tA -h "$host" -p "$port" -U "$user" -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$name'") != 1 ]]; then
        log "creating database $name"
        PGPASSWORD=$password psql -X -q -h "$host" -p "$port" -U "$user" -d postgres -c "CREATE DATABASE $name"
    fi
}

# ---------------------------------------------------------------------------------------------
# Processes started here: pid files in $RUN

alive() { [[ -r $RUN/$1.pid ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

start_detached() {
    # start_detached NAME COMMAND...: run in its own session (its own process group), log to $LOGS/NAME.log.
    local name=$1
    shift
    if alive "$name"; then
        log "$name already running (pid $(cat "$RUN/$name.pid"))"
        return 0
    fi
    setsid "$@" </dev/null >>"$LOGS/$name.log" 2>&1 &
    echo $! >"$RUN/$name.pid"
    log "$name started (pid $!, log $LOGS/$name.log)"
}

stop_pid() {
    # stop_pid NAME [SIGNAL]: stop the process group started by start_detached (or the pid in NAME.pid).
    local name=$1 signal=${2:-TERM} pid
    [[ -r $RUN/$name.pid ]] || return 0
    pid=$(cat "$RUN/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
        log "stopping $name (pid $pid)"
        kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            log "$name still running after 30s: SIGKILL"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$RUN/$name.pid"
}

wait_for() {
    # wait_for WHAT SECONDS COMMAND...: run COMMAND until it succeeds.
    local what=$1 seconds=$2 deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "$what did not come up in ${seconds}s (logs: $LOGS)"
        sleep 1
    done
}

# ---------------------------------------------------------------------------------------------
# Components

write_env() {
    local secret
    [[ -s $STATE/secret_key ]] || (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STATE/secret_key")
    secret=$(cat "$STATE/secret_key")
    local es_urls=() port
    for port in "${ES_PORTS[@]}"; do es_urls+=("http://127.0.0.1:$port"); done
    (
        umask 077
        cat >"$ENV_FILE" <<EOF
# Written by scripts/stack.sh: the stack's environment (deploy/shop-safe.env.example, with local values).
DJANGO_SETTINGS_MODULE=website.settings.production
SECRET_KEY=$secret
ALLOWED_HOSTS=$STACK_HOST,127.0.0.1
CSRF_TRUSTED_ORIGINS=$STACK_URL
WAGTAILADMIN_BASE_URL=$STACK_URL
DATABASE_URL=$STACK_DATABASE_URL
DATABASE_CONN_MAX_AGE=60
REDIS_URL=redis://127.0.0.1:$STACK_REDIS_PORT/0
ELASTICSEARCH_URL=$(IFS=,; echo "${es_urls[*]}")
ELASTICSEARCH_REPLICAS=1
ELASTICSEARCH_INDEX_PREFIX=cbp-stack
STATIC_ROOT=$STATE/static
MEDIA_ROOT=$STATE/media
REPORT_FILES_ROOT=$STATE/report-files
TRIAGE_EXPORTS_ROOT=$STATE/triage-exports
REPORTS_TRUSTED_PROXY_COUNT=1
PUBLIC_PAGE_CACHE_SECONDS=300
FRONTEND_CACHE_PURGE_URLS=http://127.0.0.1:$STACK_PURGE_PORT
EMAIL_DISABLED=true
GUNICORN_BIND=127.0.0.1:$STACK_APP_PORT
GUNICORN_WORKERS=$STACK_GUNICORN_WORKERS
EOF
    )
}

load_env() {
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    set +a
}

start_redis() {
    if redis-cli -p "$STACK_REDIS_PORT" ping >/dev/null 2>&1; then
        log "Redis already answers on 127.0.0.1:$STACK_REDIS_PORT"
        return 0
    fi
    mkdir -p "$STATE/redis"
    # A cache only: nothing written to disk, oldest keys dropped when full.
    cat >"$STATE/redis/redis.conf" <<EOF
bind 127.0.0.1
port $STACK_REDIS_PORT
protected-mode yes
daemonize yes
pidfile $RUN/redis.pid
logfile $LOGS/redis.log
dir $STATE/redis
save ""
appendonly no
maxmemory 128mb
maxmemory-policy allkeys-lru
EOF
    if is_root; then
        chown -R redis: "$STATE/redis"
        touch "$LOGS/redis.log" "$RUN/redis.pid" && chown redis: "$LOGS/redis.log" "$RUN/redis.pid"
        runuser -u redis -- redis-server "$STATE/redis/redis.conf"
    else
        redis-server "$STATE/redis/redis.conf"
    fi
    wait_for "Redis" 20 redis-cli -p "$STACK_REDIS_PORT" ping
    log "Redis on 127.0.0.1:$STACK_REDIS_PORT"
}

es_node() {
    # es_node N COMMAND: scripts/elasticsearch.sh COMMAND for node N (0 or 1) of the stack's cluster.
    local n=$1 seeds=() port
    for port in "${ES_TRANSPORT_PORTS[@]}"; do seeds+=("127.0.0.1:$port"); done
    ES_PORT=${ES_PORTS[$n]} ES_TRANSPORT_PORT=${ES_TRANSPORT_PORTS[$n]} ES_CLUSTER_NAME=$ES_CLUSTER \
        ES_NODE_NAME=stack-$((n + 1)) ES_INITIAL_MASTER_NODES=stack-1 ES_SEED_HOSTS=$(IFS=,; echo "${seeds[*]}") \
        ES_JAVA_OPTS=$STACK_ES_JAVA_OPTS ES_START_TIMEOUT=${ES_START_TIMEOUT:-300} "$ES" "$2"
}

start_elasticsearch() {
    # Both nodes start at once (node 1 elects itself, node 2 joins), in the background while the site is prepared.
    es_node 0 install
    es_node 0 start >>"$LOGS/elasticsearch-1.log" 2>&1 &
    ES_STARTERS=($!)
    es_node 1 start >>"$LOGS/elasticsearch-2.log" 2>&1 &
    ES_STARTERS+=($!)
    log "Elasticsearch nodes starting (logs: $LOGS/elasticsearch-{1,2}.log)"
}

wait_elasticsearch() {
    local pid
    for pid in "${ES_STARTERS[@]}"; do
        wait "$pid" || { tail -n 30 "$LOGS"/elasticsearch-*.log >&2; die "an Elasticsearch node did not start"; }
    done
    log "waiting for a green two-node cluster"
    curl -fsS --max-time 130 \
        "http://127.0.0.1:${ES_PORTS[0]}/_cluster/health?wait_for_nodes=2&wait_for_status=green&timeout=120s" >/dev/null ||
        die "the Elasticsearch cluster is not green with two nodes"
}

prepare_site() {
    log "migrations, static files, site and demo content"
    # One Python process for the five commands (each start of Django costs seconds).
    "$PYTHON" - "$STACK_HOST" "$STACK_HTTPS_PORT" >>"$LOGS/prepare.log" 2>&1 <<'PY' || die "preparing the site failed (log: $LOGS/prepare.log)"
import sys

import django
from django.core.management import call_command

django.setup()
call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
call_command("write_error_pages", verbosity=0)
call_command("setup_site", hostname=sys.argv[1], port=int(sys.argv[2]))
call_command("load_demo_content")
PY
    mkdir -p "$MEDIA_ROOT" "$REPORT_FILES_ROOT" "$TRIAGE_EXPORTS_ROOT"
    # nginx's workers read the static and media files (root may run with umask 077).
    chmod -R a+rX "$STATE/static" "$MEDIA_ROOT"
    chmod a+x "$STATE"
}

build_indexes() {
    # The first time, when updates cannot be caught up, or when the indexes differ from the database (its
    # database is shared by every checkout on the machine, each with its own Elasticsearch data): build them;
    # later the worker keeps them current.
    if [[ ! -f $STATE/indexes-built ]] || ! "$PYTHON" manage.py search_index --catch-up >>"$LOGS/prepare.log" 2>&1 ||
        ! "$PYTHON" manage.py search_index --check >>"$LOGS/prepare.log" 2>&1; then
        log "building the search indexes"
        "$PYTHON" manage.py search_index --rebuild >>"$LOGS/prepare.log" 2>&1 || die "search_index --rebuild failed"
        touch "$STATE/indexes-built"
    fi
}

start_app() {
    start_detached gunicorn "$REPO_ROOT/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py
    wait_for "gunicorn" 60 curl -fsS -o /dev/null -H "Host: $STACK_HOST" -H "X-Forwarded-Proto: https" \
        "http://127.0.0.1:$STACK_APP_PORT/"
    start_detached worker "$SCRIPT_DIR/stack.sh" worker
    start_detached scheduler "$SCRIPT_DIR/stack.sh" jobs
}

make_certificate() {
    local tls=$STATE/tls
    [[ -s $tls/certificate.pem && -s $tls/key.pem ]] && return 0
    mkdir -p "$tls"
    log "making a local certificate for $STACK_HOST"
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$STACK_HOST" \
        -addext "subjectAltName=DNS:$STACK_HOST,DNS:localhost,IP:127.0.0.1" \
        -keyout "$tls/key.pem" -out "$tls/certificate.pem" 2>/dev/null)
    chmod 644 "$tls/certificate.pem"
}

start_nginx() {
    local conf=$STATE/nginx https_suffix=":$STACK_HTTPS_PORT" max_body
    [[ $STACK_HTTPS_PORT == 443 ]] && https_suffix=
    max_body=$(( ${REPORT_MAX_REQUEST_BYTES:-57671680} + 1048576 ))
    mkdir -p "$conf/tmp" "$STATE/page-cache"
    sed -e "s#@SERVER_NAME@#$STACK_HOST#g" \
        -e "s#@HTTP_PORT@#$STACK_HTTP_PORT#g" \
        -e "s#@HTTPS_PORT@#$STACK_HTTPS_PORT#g" \
        -e "s#@HTTPS_SUFFIX@#$https_suffix#g" \
        -e "s#@PURGE_PORT@#$STACK_PURGE_PORT#g" \
        -e "s#@APP@#127.0.0.1:$STACK_APP_PORT#g" \
        -e "s#@STATIC_ROOT@#$STATE/static#g" \
        -e "s#@MEDIA_ROOT@#$MEDIA_ROOT#g" \
        -e "s#@CACHE_DIR@#$STATE/page-cache#g" \
        -e "s#@CERTIFICATE@#$STATE/tls/certificate.pem#g" \
        -e "s#@CERTIFICATE_KEY@#$STATE/tls/key.pem#g" \
        -e "s#@MAX_BODY_SIZE@#$max_body#g" \
        deploy/nginx/shop-safe.conf >"$conf/shop-safe.conf"
    if grep -v '^\s*#' "$conf/shop-safe.conf" | grep -q '@[A-Z_]*@'; then die "a placeholder is left in $conf/shop-safe.conf"; fi
    cat >"$conf/nginx.conf" <<EOF
# Written by scripts/stack.sh: a minimal main configuration around deploy/nginx/shop-safe.conf.
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
$(is_root && echo "user www-data;")
worker_processes 1;
pid $RUN/nginx.pid;
error_log $LOGS/nginx-error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    log_format stack '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent \$request_time cache=\$upstream_cache_status';
    access_log $LOGS/nginx-access.log stack;
    client_body_temp_path $conf/tmp/body;
    proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi;
    uwsgi_temp_path $conf/tmp/uwsgi;
    scgi_temp_path $conf/tmp/scgi;
    include $conf/shop-safe.conf;
}
EOF
    if is_root; then chown -R www-data: "$conf/tmp" "$STATE/page-cache"; fi
    if alive nginx; then
        nginx -e "$LOGS/nginx-error.log" -p "$conf" -c "$conf/nginx.conf" -s reload
        log "nginx reloaded"
        return 0
    fi
    nginx -e "$LOGS/nginx-error.log" -p "$conf" -c "$conf/nginx.conf" -t -q || die "nginx refuses $conf/nginx.conf"
    nginx -e "$LOGS/nginx-error.log" -p "$conf" -c "$conf/nginx.conf"
    wait_for "nginx" 20 curl -fsS -o /dev/null --cacert "$STATE/tls/certificate.pem" "$STACK_URL/static/css/site.css"
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_start() {
    local t0=$SECONDS
    mkdir -p "$RUN" "$LOGS"
    ensure_packages
    [[ -x $PYTHON ]] || die "no .venv: run make install first"
    write_env
    load_env
    ensure_postgres
    start_redis
    start_elasticsearch
    prepare_site
    wait_elasticsearch
    build_indexes
    make_certificate
    start_nginx  # first, so the purges the worker sends find it
    start_app
    log "started in $((SECONDS - t0))s"
    cat <<EOF

  The stack runs (production settings, state in $STATE):
    site           $STACK_URL/   (certificate: $STATE/tls/certificate.pem; curl --cacert it, or -k)
    staff          $STACK_URL/admin/   (make an account: eval "\$(scripts/stack.sh env)"; .venv/bin/python manage.py createsuperuser)
    plain HTTP     http://$STACK_HOST:$STACK_HTTP_PORT/ redirects to HTTPS
    Elasticsearch  $(IFS=,; echo "${ES_PORTS[*]/#/http://127.0.0.1:}")   (cluster $ES_CLUSTER, one replica)
    Redis          redis://127.0.0.1:$STACK_REDIS_PORT/0
    PostgreSQL     $STACK_DATABASE_URL
    logs           $LOGS/
  Stop it with:    make stack-stop

EOF
}

cmd_stop() {
    [[ -d $RUN ]] || { log "not running"; return 0; }
    if alive nginx; then
        log "stopping nginx"
        kill -QUIT "$(cat "$RUN/nginx.pid")"
        for _ in $(seq 1 40); do alive nginx || break; sleep 0.5; done
    fi
    stop_pid scheduler
    stop_pid worker
    stop_pid gunicorn
    if alive redis; then
        log "stopping Redis"
        kill -TERM "$(cat "$RUN/redis.pid")"
        for _ in $(seq 1 40); do alive redis || break; sleep 0.5; done
    fi
    es_node 1 stop || true
    es_node 0 stop || true
    log "stopped (PostgreSQL keeps running; the stack's data stays in $STATE and $STACK_DATABASE_URL)"
}

cmd_status() {
    local name rc=0
    for name in nginx gunicorn worker scheduler redis; do
        if alive "$name"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; rc=3; fi
    done
    curl -fsS "http://127.0.0.1:${ES_PORTS[0]}/_cluster/health?filter_path=status,number_of_nodes" 2>/dev/null &&
        echo || { echo "elasticsearch: stopped"; rc=3; }
    return $rc
}

cmd_worker() {
    # The db_worker, started again 5 s after it exits, as systemd does with deploy/systemd/shop-safe-worker.service
    # (Restart=always, RestartSec=5): the worker exits when PostgreSQL goes away (a restart, a failover).
    local child=
    load_env
    trap '[[ -n $child ]] && kill -TERM "$child" 2>/dev/null; wait; exit 0' TERM INT
    while true; do
        "$PYTHON" manage.py db_worker &
        child=$!
        wait "$child" && rc=0 || rc=$?
        printf '[stack] db_worker exited (status %s); starting it again in 5 s\n' "$rc"
        sleep 5
    done
}

cmd_jobs() {
    # The stack's scheduler: what the systemd timers (or cron lines) in deploy/ do in production.
    local round=0
    load_env
    while true; do
        deploy/scheduled-jobs.sh frequent || true
        if ((round % (3600 / STACK_JOBS_INTERVAL) == 0)); then deploy/scheduled-jobs.sh hourly || true; fi
        if ((round % (86400 / STACK_JOBS_INTERVAL) == 0)); then deploy/scheduled-jobs.sh daily || true; fi
        round=$((round + 1))
        sleep "$STACK_JOBS_INTERVAL"
    done
}

case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) [[ -r $ENV_FILE ]] || die "the stack was never started"; sed -n 's/^\([A-Z_]*=.*\)$/export \1/p' "$ENV_FILE" | sed "s/=\(.*\)$/='\1'/" ;;
    jobs) cmd_jobs ;;
    # For bench/stack_faults.py: one Elasticsearch node (0 or 1) stopped or started again; the worker started
    # again after it was killed.
    es-node)
        [[ ${2:-} == [01] && ( ${3:-} == start || ${3:-} == stop ) ]] || die "usage: $0 es-node 0|1 start|stop"
        es_node "$2" "$3"
        ;;
    worker) cmd_worker ;;
    worker-start)
        mkdir -p "$RUN" "$LOGS"
        start_detached worker "$SCRIPT_DIR/stack.sh" worker
        ;;
    *)
        echo "usage: $0 start|stop|status|env|jobs|worker|es-node N start|stop|worker-start" >&2
        exit 2
        ;;
esac
