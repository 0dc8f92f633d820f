#!/usr/bin/env bash
# Local single-node Elasticsearch for development, tests and CI.
#
#   scripts/elasticsearch.sh start    download (once), configure and start the node, wait until healthy
#   scripts/elasticsearch.sh stop     stop the node started by this script
#   scripts/elasticsearch.sh status   say whether it runs, and where (exit 0 = healthy, 3 = not running)
#   scripts/elasticsearch.sh url      print the node URL (http://127.0.0.1:$ES_PORT)
#   scripts/elasticsearch.sh check    smoke-test the running node (hunspell en_US / es_ES stemming)
#   scripts/elasticsearch.sh install  download (once) and extract the distribution, start nothing
#   scripts/elasticsearch.sh repo     print the snapshot directory (path.repo) used by `manage.py backup`
#
# Environment:
#   ES_VERSION        Elasticsearch version (default 8.19.21)
#   ES_PORT           HTTP port on 127.0.0.1 (default 9200)
#   ES_JAVA_OPTS      JVM options (default "-Xms512m -Xmx512m")
#   ES_JAVA_HOME      JDK used by the node (default: $JAVA_HOME, else the JDK of `java` on PATH)
#   ES_START_TIMEOUT  seconds to wait for a yellow cluster (default 120)
#   ES_USER           unprivileged account the node runs as when invoked as root (default elasticsearch)
# A node of a cluster (scripts/stack.sh starts two this way; unset, the node is a cluster of its own):
#   ES_SEED_HOSTS             comma-separated transport addresses of the cluster's nodes (127.0.0.1:9311,...)
#   ES_INITIAL_MASTER_NODES   node names that elect the first master of a new cluster (default: this node)
#   ES_TRANSPORT_PORT         this node's transport port (default: Elasticsearch's, 9300-9399)
#   ES_CLUSTER_NAME           cluster name (default cbp-ecommerce-local); ES_NODE_NAME (default local-$ES_PORT)
#   ES_PATH_REPO      directory for snapshot repositories (path.repo; default <node dir>/snapshots); set
#                     ELASTICSEARCH_SNAPSHOT_PATH to it for `manage.py backup` (`scripts/elasticsearch.sh repo`)
#
# The distribution is the real Elasticsearch build published on Maven Central as
# org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip (the "integ-test"
# zip: core server + transport-netty4 + x-pack-core + x-pack-security + apm, no bundled JDK,
# no analysis-common, no ingest-geoip, no ML). See docs/elasticsearch.md.
#
# Directory layout
#   <repo>/.cache/elasticsearch/elasticsearch-<v>.zip      download cache (ignored by git)
#   <base>/elasticsearch-<v>/                             extracted distribution (ES_HOME)
#   <base>/node-<v>-<port>/{config,data,logs,tmp}         node config (ES_PATH_CONF), data, logs
#   <base>/node-<v>-<port>/elasticsearch.pid              pid file
# where <base> is chosen as follows:
#   * not root: <base> = <repo>/.cache/elasticsearch.
#   * root: Elasticsearch refuses to run as root, so the node runs as $ES_USER (a system
#     account created on demand). That account must be able to reach ES_HOME and the node
#     directory. If it can traverse <repo> (e.g. /work/main with 755 parents), <base> is
#     <repo>/.cache/elasticsearch as well and the node directory is chown'ed to $ES_USER.
#     If it cannot (e.g. a CI clone under /root, mode 700), <base> falls back to
#     /var/tmp/cbp-ecommerce-es-<first 12 hex of sha1(repo path)>, so every clone gets its own
#     node directory; the zip is still cached in <repo>/.cache/elasticsearch and extracted there.
#   The choice depends only on the repo path and its permissions, so start/stop/status agree.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd -P)

ES_VERSION=${ES_VERSION:-8.19.21}
ES_PORT=${ES_PORT:-9200}
ES_JAVA_OPTS=${ES_JAVA_OPTS:--Xms512m -Xmx512m}
ES_START_TIMEOUT=${ES_START_TIMEOUT:-120}
ES_USER=${ES_USER:-elasticsearch}

ES_URL="http://127.0.0.1:${ES_PORT}"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
CACHE_DIR="$REPO_ROOT/.cache/elasticsearch"
ZIP="$CACHE_DIR/elasticsearch-${ES_VERSION}.zip"
HUNSPELL_SRC=/usr/share/hunspell
HUNSPELL_LOCALES=(en_US es_ES)

log() { printf '[elasticsearch] %s\n' "$*" >&2; }
die() { printf '[elasticsearch] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------------------------------------
# Paths

choose_base() {
    if ! is_root; then
        BASE="$CACHE_DIR"
        return
    fi
    if id -u "$ES_USER" >/dev/null 2>&1 && runuser -u "$ES_USER" -- test -x "$REPO_ROOT" -a -r "$REPO_ROOT" 2>/dev/null; then
        BASE="$CACHE_DIR"
    else
        BASE="/var/tmp/cbp-ecommerce-es-$(printf '%s' "$REPO_ROOT" | sha1sum | cut -c1-12)"
    fi
}

set_paths() {
    choose_base
    ES_HOME="$BASE/elasticsearch-${ES_VERSION}"
    NODE_DIR="$BASE/node-${ES_VERSION}-${ES_PORT}"
    CONF_DIR="$NODE_DIR/config"
    PID_FILE="$NODE_DIR/elasticsearch.pid"
    CLI_LOG="$NODE_DIR/logs/startup.log"
    CLUSTER_NAME=${ES_CLUSTER_NAME:-cbp-ecommerce-local}
    NODE_NAME=${ES_NODE_NAME:-local-$ES_PORT}
    SERVER_LOG="$NODE_DIR/logs/${CLUSTER_NAME}.log"
    PATH_REPO=${ES_PATH_REPO:-$NODE_DIR/snapshots}
}

# ---------------------------------------------------------------------------------------------
# Prerequisites

APT_UPDATED=0
apt_install() {
    # apt_install PKG... : install Debian packages (root only).
    is_root || die "missing Debian package(s): $*  -> run: sudo apt-get install -y $*"
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tools() {
    local missing=()
    command -v curl >/dev/null || missing+=(curl)
    command -v unzip >/dev/null || missing+=(unzip)
    command -v mvn >/dev/null || missing+=(maven)
    if [[ ${#missing[@]} -gt 0 ]]; then apt_install "${missing[@]}"; fi
}

find_java_home() {
    local java_bin
    if [[ -n ${ES_JAVA_HOME:-} ]]; then
        :
    elif [[ -n ${JAVA_HOME:-} ]]; then
        ES_JAVA_HOME=$JAVA_HOME
    else
        java_bin=$(command -v java) || die "no java on PATH; install a JDK (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
        java_bin=$(readlink -f "$java_bin")
        ES_JAVA_HOME=$(dirname "$(dirname "$java_bin")")
    fi
    [[ -x $ES_JAVA_HOME/bin/java ]] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
    export ES_JAVA_HOME
}

ensure_hunspell() {
    local loc missing=()
    for loc in "${HUNSPELL_LOCALES[@]}"; do
        if [[ ! -r $HUNSPELL_SRC/$loc.aff || ! -r $HUNSPELL_SRC/$loc.dic ]]; then
            case $loc in
                en_US) missing+=(hunspell-en-us) ;;
                es_ES) missing+=(hunspell-es) ;;
            esac
        fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    is_root || die "hunspell dictionaries missing under $HUNSPELL_SRC; install them: sudo apt-get install -y ${missing[*]}"
    apt_install "${missing[@]}"
    for loc in "${HUNSPELL_LOCALES[@]}"; do
        [[ -r $HUNSPELL_SRC/$loc.aff && -r $HUNSPELL_SRC/$loc.dic ]] || die "$HUNSPELL_SRC/$loc.{aff,dic} still missing after installing ${missing[*]}"
    done
}

ensure_user() {
    is_root || return 0
    id -u "$ES_USER" >/dev/null 2>&1 && return 0
    log "creating system user $ES_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
}

# ---------------------------------------------------------------------------------------------
# Download + extraction

download() {
    [[ -s $ZIP ]] && return 0
    mkdir -p "$CACHE_DIR"
    log "downloading $ARTIFACT from Maven Central"
    local t0=$SECONDS tmp="$CACHE_DIR/download.$$"
    rm -rf "$tmp"
    # dependency:copy needs no pom; --strict-checksums makes a corrupt download fail.
    # The artifact is also kept in the local Maven repository (~/.m2).
    # Maven's output goes to a log file (Debian's maven 3.8 prints stray ANSI codes even with -q).
    if ! (cd "$CACHE_DIR" && mvn -B -q --strict-checksums dependency:copy \
        -Dartifact="$ARTIFACT" -Dtransitive=false -DoutputDirectory="$tmp" \
        -Dmdep.overWriteReleases=true) >"$tmp.log" 2>&1; then
        cat "$tmp.log" >&2
        rm -rf "$tmp" "$tmp.log"
        die "maven could not fetch $ARTIFACT (is ES_VERSION=$ES_VERSION published? is Maven Central reachable?)"
    fi
    mv "$tmp/elasticsearch-${ES_VERSION}.zip" "$ZIP"
    rm -rf "$tmp" "$tmp.log"
    log "downloaded $(du -h "$ZIP" | cut -f1) in $((SECONDS - t0))s -> $ZIP"
}

extract() {
    [[ -f $ES_HOME/.extracted ]] && return 0
    local t0=$SECONDS tmp="$BASE/extract.$$"
    log "extracting into $ES_HOME"
    mkdir -p "$BASE"
    rm -rf "$tmp" "$ES_HOME"
    mkdir -p "$tmp"
    unzip -q "$ZIP" -d "$tmp"
    mv "$tmp/elasticsearch-${ES_VERSION}" "$ES_HOME"
    rm -rf "$tmp"
    # The node's user only needs to read the distribution (root may run with umask 077).
    chmod -R a+rX "$ES_HOME"
    touch "$ES_HOME/.extracted"
    log "extracted in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------------------------------------
# Node configuration (rewritten on every start; data and keystore are kept)

configure() {
    mkdir -p "$CONF_DIR" "$NODE_DIR/data" "$NODE_DIR/logs" "$NODE_DIR/tmp" "$PATH_REPO"
    if is_root; then
        # Parents of the node directory must be traversable by $ES_USER.
        chmod a+rx "$BASE"
        if [[ $BASE == "$CACHE_DIR" ]]; then chmod a+rx "$REPO_ROOT/.cache" "$CACHE_DIR"; fi
    fi
    # Stock config files (log4j2.properties, jvm.options, x-pack security files, ...).
    cp -R "$ES_HOME/config/." "$CONF_DIR/"
    # jvm.options writes gc.log / heap dumps / hs_err files relative to the working directory;
    # send them to the node's log directory instead.
    sed -i \
        -e "s#file=gc.log#file=$NODE_DIR/logs/gc.log#" \
        -e "s#^-XX:ErrorFile=.*#-XX:ErrorFile=$NODE_DIR/logs/hs_err_pid%p.log#" \
        "$CONF_DIR/jvm.options"
    echo "-XX:HeapDumpPath=$NODE_DIR/data" >"$CONF_DIR/jvm.options.d/heapdump.options"

    local discovery
    if [[ -n ${ES_SEED_HOSTS:-} ]]; then
        # A node of a cluster on this machine, loopback only (this keeps production bootstrap checks off).
        discovery="discovery.seed_hosts: [${ES_SEED_HOSTS}]
cluster.initial_master_nodes: [${ES_INITIAL_MASTER_NODES:-$NODE_NAME}]"
    else
        # Local, single node, loopback only (this also keeps production bootstrap checks off).
        discovery="discovery.type: single-node"
    fi
    cat >"$CONF_DIR/elasticsearch.yml" <<EOF
# Generated by scripts/elasticsearch.sh -- edits are overwritten on every start.
cluster.name: $CLUSTER_NAME
node.name: $NODE_NAME
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
$discovery
network.host: 127.0.0.1
http.port: $ES_PORT
${ES_TRANSPORT_PORT:+transport.port: $ES_TRANSPORT_PORT}
# Snapshot repositories (manage.py backup / restore) may only live under this directory.
path.repo: ["$PATH_REPO"]
# Plain HTTP without authentication (x-pack-security is in the distribution, on by default).
xpack.security.enabled: false
# Do not turn indices read-only when the disk is fairly full.
cluster.routing.allocation.disk.threshold_enabled: false
# Let tests delete indices by wildcard.
action.destructive_requires_name: false
# Nothing in this distribution downloads anything: no ingest-geoip (GeoIP downloader),
# no ML (model downloads), no monitoring/telemetry exporters; APM tracing/metrics are off by default.
EOF

    # Hunspell dictionaries: ES looks for <path.conf>/hunspell/<locale>/*.aff|*.dic.
    local loc
    for loc in "${HUNSPELL_LOCALES[@]}"; do
        mkdir -p "$CONF_DIR/hunspell/$loc"
        cp -L "$HUNSPELL_SRC/$loc.aff" "$HUNSPELL_SRC/$loc.dic" "$CONF_DIR/hunspell/$loc/"
    done

    if is_root; then chown -R "$ES_USER:" "$NODE_DIR" "$PATH_REPO"; fi
}

# ---------------------------------------------------------------------------------------------
# Process helpers

healthy() {
    curl -fsS -o /dev/null --max-time 5 "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null
}

listening() {
    curl -sS -o /dev/null --max-time 3 "$ES_URL/" 2>/dev/null
}

node_pid() {
    # Print the pid of our node if it is alive.
    local pid
    [[ -r $PID_FILE ]] || return 1
    pid=$(tr -dc '0-9' <"$PID_FILE")
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

show_logs() {
    local f
    for f in "$CLI_LOG" "$SERVER_LOG"; do
        if [[ -s $f ]]; then
            log "---- last lines of $f ----"
            tail -n 60 "$f" >&2
        fi
    done
}

wait_healthy() {
    # wait_healthy CLI_PID: wait for a yellow cluster, printing dots.
    local cli_pid=${1:-} deadline=$((SECONDS + ES_START_TIMEOUT)) rc
    printf '[elasticsearch] waiting for %s ' "$ES_URL" >&2
    while ((SECONDS < deadline)); do
        if healthy; then
            printf ' up\n' >&2
            return 0
        fi
        if [[ -n $cli_pid ]] && ! kill -0 "$cli_pid" 2>/dev/null; then
            rc=0
            wait "$cli_pid" || rc=$?
            cli_pid=
            if [[ $rc -ne 0 ]]; then
                printf ' failed\n' >&2
                log "the elasticsearch launcher exited with status $rc"
                return 1
            fi
        fi
        printf '.' >&2
        sleep 1
    done
    printf ' timeout\n' >&2
    log "no yellow cluster on $ES_URL after ${ES_START_TIMEOUT}s"
    return 1
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_install() {
    # Download and extract the distribution (what `start` does first), so that several nodes can then start at once.
    ensure_tools
    find_java_home
    ensure_hunspell
    download
    ensure_user
    set_paths
    extract
}

cmd_start() {
    set_paths
    local pid
    if healthy; then
        log "already running and healthy at $ES_URL"
        return 0
    fi
    if pid=$(node_pid); then
        log "node (pid $pid) is starting; waiting"
        wait_healthy || { show_logs; exit 1; }
        return 0
    fi
    if listening; then
        die "something else answers on $ES_URL but is not a healthy cluster; pick another ES_PORT"
    fi

    local t0=$SECONDS
    ensure_tools
    find_java_home
    ensure_hunspell
    download
    ensure_user
    set_paths # the user may just have been created, which can change the base directory
    extract
    configure
    rm -f "$PID_FILE"

    log "starting Elasticsearch $ES_VERSION as $(is_root && echo "$ES_USER" || id -un) (ES_HOME=$ES_HOME, node dir $NODE_DIR)"
    # -d daemonizes the server; the launcher returns once the node has started (or failed).
    # setsid detaches the node from the caller's session/process group (Ctrl-C, CI job control).
    # The working directory is the node directory, which the node's user can always access.
    local as_user=()
    if is_root; then as_user=(runuser -u "$ES_USER" --); fi
    (
        cd "$NODE_DIR"
        exec setsid -w "${as_user[@]}" env \
            HOME="$NODE_DIR" \
            ES_HOME="$ES_HOME" \
            ES_PATH_CONF="$CONF_DIR" \
            ES_JAVA_HOME="$ES_JAVA_HOME" \
            ES_JAVA_OPTS="$ES_JAVA_OPTS" \
            ES_TMPDIR="$NODE_DIR/tmp" \
            "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE"
    ) </dev/null >"$CLI_LOG" 2>&1 &
    local cli_pid=$!
    if ! wait_healthy "$cli_pid"; then
        show_logs
        # setsid made the launcher the leader of a new process group that also holds the
        # server JVM: kill whatever is left of it so that a retry starts clean.
        if kill -0 -- "-$cli_pid" 2>/dev/null; then
            log "stopping the node that did not become healthy"
            kill -TERM -- "-$cli_pid" 2>/dev/null || true
            local i
            for i in $(seq 1 60); do
                kill -0 -- "-$cli_pid" 2>/dev/null || break
                sleep 0.5
            done
            kill -KILL -- "-$cli_pid" 2>/dev/null || true
        fi
        rm -f "$PID_FILE"
        exit 1
    fi
    log "started in $((SECONDS - t0))s (pid $(node_pid || echo '?')): $ES_URL"
}

cmd_stop() {
    set_paths
    local pid deadline
    if ! pid=$(node_pid); then
        rm -f "$PID_FILE" 2>/dev/null || true
        if listening; then
            log "no node started by this script (no live pid in $PID_FILE), but something answers on $ES_URL; leaving it alone"
        else
            log "not running"
        fi
        return 0
    fi
    log "stopping pid $pid"
    kill -TERM "$pid"
    deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            log "still alive after 60s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
            break
        fi
        sleep 0.5
    done
    rm -f "$PID_FILE" 2>/dev/null || true
    log "stopped"
}

cmd_status() {
    set_paths
    local pid
    if pid=$(node_pid); then
        if healthy; then
            echo "running (pid $pid, healthy) at $ES_URL"
            echo "node directory: $NODE_DIR"
            return 0
        fi
        echo "running (pid $pid) but not healthy yet at $ES_URL"
        echo "node directory: $NODE_DIR"
        return 1
    fi
    if healthy; then
        echo "a cluster answers at $ES_URL, but it was not started by this script (no live pid in $PID_FILE)"
        return 0
    fi
    echo "not running ($ES_URL)"
    return 3
}

cmd_check() {
    # Quick smoke test of the running node: hunspell stemming for both locales.
    healthy || die "no healthy node at $ES_URL"
    local out
    out=$(curl -fsS -H 'Content-Type: application/json' "$ES_URL/_analyze" \
        -d '{"tokenizer":"standard","filter":["lowercase",{"type":"hunspell","locale":"en_US","dedup":true}],"text":"Chargers"}')
    [[ $out == *'"token":"charger"'* ]] || die "en_US hunspell check failed: $out"
    out=$(curl -fsS -H 'Content-Type: application/json' "$ES_URL/_analyze" \
        -d '{"tokenizer":"standard","filter":["lowercase",{"type":"hunspell","locale":"es_ES","dedup":true}],"text":"medicamentos"}')
    [[ $out == *'"token":"medicamento"'* ]] || die "es_ES hunspell check failed: $out"
    echo "ok: $ES_URL answers, hunspell en_US and es_ES work"
}

case ${1:-} in
    start) cmd_start ;;
    install) cmd_install ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "$ES_URL" ;;
    repo)
        set_paths
        echo "$PATH_REPO"
        ;;
    check) cmd_check ;;
    *)
        echo "usage: $0 start|stop|status|url|check|install|repo" >&2
        exit 2
        ;;
esac
