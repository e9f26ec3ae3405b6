#!/usr/bin/env bash
# A PortalGrains cluster on this machine: Redis (cluster membership), Azurite (grain storage), the dev identity
# provider, an SMTP sink, N silos on loopback and haproxy in front of them on one port, health-checking /healthz.
#
#   cluster.sh up N          start what is missing so that silos 1..N run (stops silos above N); idempotent
#   cluster.sh add           start one more silo and put it behind the balancer
#   cluster.sh remove SILO   stop a silo gracefully and take it out of the balancer (SILO: 2 or silo2)
#   cluster.sh restart SILO  SIGTERM, wait for the exit, start it again on the same ports
#   cluster.sh release       build the host and make that build the one silos start from (then restart each)
#   cluster.sh status        processes, ports, /healthz of every silo and the balancer's view of them
#   cluster.sh plan N        print the services and ports `up N` runs, without starting anything
#   cluster.sh haproxy-config N   print the balancer configuration for N silos
#   cluster.sh down [--purge]     stop everything this script started (--purge: delete logs and data too)
#
# Silo i listens on HTTP port LB+i (5101, 5102...), Orleans silo port 11100+i, gateway port 30100+i and serves
# Prometheus' /metrics on port 9460+i (Telemetry:MetricsPort). Servers
# already listening on their port (Redis, Azurite, the IdP, the SMTP sink) are used as they are and left running
# by `down`. State (pids, logs, releases, haproxy.cfg, data) lives in deploy/local/.state or CLUSTER_STATE_DIR.
#
# Environment (read by `up`; later commands use what `up` recorded in the state directory):
#   CLUSTER_LB_PORT (5100)  CLUSTER_LB_ADMIN_PORT (5190, haproxy's runtime API on loopback)
#   CLUSTER_SILO_BASE_PORT (11100)  CLUSTER_GATEWAY_BASE_PORT (30100)  CLUSTER_METRICS_BASE_PORT (9460)
#   CLUSTER_REDIS_PORT (6390)  CLUSTER_AZURITE_PORT (10012)  CLUSTER_IDP_PORT (9010)
#   CLUSTER_SMTP_PORT (1025)  CLUSTER_SMTP_API_PORT (1080)
#   CLUSTER_ID, CLUSTER_SERVICE_ID (portal-local)  CLUSTER_DRAIN_SECONDS (5)
#   CLUSTER_SKIP_BUILD (0: `up` and `release` build the host first)
#   CLUSTER_HOST_OUTPUT (src/PortalGrains.Host/bin/Debug/net10.0: the build the releases copy)
#   ASPNETCORE_ENVIRONMENT (Production) and variables named Portal__*, Telemetry__*, IdentityProviders__*,
#   GraphQL__*, Logging__* and OTEL_* are passed to every silo, and recorded so that a restarted silo gets them again.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/services.sh
source "$HERE/../../scripts/services.sh"

STATE_DIR="${CLUSTER_STATE_DIR:-$HERE/.state}"
LOG_DIR="$STATE_DIR/logs"
SETTINGS_FILE="$STATE_DIR/cluster.env"
SILO_ENV_FILE="$STATE_DIR/silo.env"
MAX_SILOS=9
PASS_THROUGH='^(ASPNETCORE_ENVIRONMENT|Portal__|Telemetry__|IdentityProviders__|GraphQL__|Logging__|OTEL_)'

load_settings() {
  if [ -f "$SETTINGS_FILE" ]; then
    # shellcheck source=/dev/null
    source "$SETTINGS_FILE"
    return
  fi
  LB_PORT="${CLUSTER_LB_PORT:-5100}"
  LB_ADMIN_PORT="${CLUSTER_LB_ADMIN_PORT:-5190}"
  SILO_BASE_PORT="${CLUSTER_SILO_BASE_PORT:-11100}"
  GATEWAY_BASE_PORT="${CLUSTER_GATEWAY_BASE_PORT:-30100}"
  METRICS_BASE_PORT="${CLUSTER_METRICS_BASE_PORT:-9460}"
  REDIS_PORT="${CLUSTER_REDIS_PORT:-6390}"
  AZURITE_PORT="${CLUSTER_AZURITE_PORT:-10012}"
  IDP_PORT="${CLUSTER_IDP_PORT:-9010}"
  SMTP_PORT="${CLUSTER_SMTP_PORT:-1025}"
  SMTP_API_PORT="${CLUSTER_SMTP_API_PORT:-1080}"
  ORLEANS_CLUSTER_ID="${CLUSTER_ID:-portal-local}"
  ORLEANS_SERVICE_ID="${CLUSTER_SERVICE_ID:-portal-local}"
  DRAIN_SECONDS="${CLUSTER_DRAIN_SECONDS:-5}"
}

save_settings() {
  mkdir -p "$STATE_DIR"
  {
    local name
    for name in LB_PORT LB_ADMIN_PORT SILO_BASE_PORT GATEWAY_BASE_PORT METRICS_BASE_PORT REDIS_PORT AZURITE_PORT IDP_PORT SMTP_PORT \
      SMTP_API_PORT ORLEANS_CLUSTER_ID ORLEANS_SERVICE_ID DRAIN_SECONDS; do
      printf '%s=%q\n' "$name" "${!name}"
    done
  } >"$SETTINGS_FILE"
  # The pass-through settings of the silos, one KEY=VALUE a line.
  env | grep -E "$PASS_THROUGH" >"$SILO_ENV_FILE" || true
}

http_port() { echo $((LB_PORT + $1)); }
silo_port() { echo $((SILO_BASE_PORT + $1)); }
gateway_port() { echo $((GATEWAY_BASE_PORT + $1)); }
metrics_port() { echo $((${METRICS_BASE_PORT:-9460} + $1)); }
azure_tables() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
}

pid_file() { echo "$STATE_DIR/$1.pid"; }
pid_of() { local f; f="$(pid_file "$1")"; [ -f "$f" ] && cat "$f"; }
running() { local pid; pid="$(pid_of "$1")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

silo_index() {
  local index="${1#silo}"
  if ! [[ "$index" =~ ^[1-9]$ ]]; then
    log "a silo is named 1..$MAX_SILOS (or silo1..silo$MAX_SILOS), not '$1'"
    exit 2
  fi
  echo "$index"
}

# Starts a command in its own session with every standard stream redirected, so that it outlives this script and
# holds no pipe of the caller open; records its pid.
spawn() {
  local name=$1 log_file=$2
  shift 2
  setsid "$@" </dev/null >>"$log_file" 2>&1 &
  echo $! >"$(pid_file "$name")"
}

# Waits until a process exits, up to a deadline in seconds; 1 if it is still running then.
wait_exit() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

stop_process() {
  local name=$1 pid
  pid="$(pid_of "$name")" || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_exit "$pid" 15; then
      log "$name ($pid) did not exit within 15 s of SIGTERM: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "$name: stopped"
  fi
  rm -f "$(pid_file "$name")"
}

# ---- servers the silos depend on ------------------------------------------------------------------------------

start_server() {
  local name=$1 port=$2
  shift 2
  if running "$name"; then return 0; fi
  if port_open "$port"; then
    log "$name: using what already listens on 127.0.0.1:$port"
    return 0
  fi
  spawn "$name" "$LOG_DIR/$name.log" "$@"
  wait_port "$port" "$name" 60
  log "$name: started on 127.0.0.1:$port"
}

start_dependencies() {
  mkdir -p "$STATE_DIR/data"
  if ! running redis && ! port_open "$REDIS_PORT"; then ensure_redis_server; fi
  start_server redis "$REDIS_PORT" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no

  if ! running azurite && ! port_open "$AZURITE_PORT"; then ensure_npm_packages "$ROOT/Azurite"; fi
  start_server azurite "$AZURITE_PORT" "$ROOT/Azurite/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 \
    --tablePort "$AZURITE_PORT" --location "$STATE_DIR/data/azurite" --skipApiVersionCheck --disableProductStyleUrl --silent

  if ! running dev-idp && ! port_open "$IDP_PORT"; then ensure_npm_packages "$ROOT/deploy/dev-idp"; fi
  start_server dev-idp "$IDP_PORT" env -C "$ROOT/deploy/dev-idp" PORT="$IDP_PORT" \
    DATA_FILE="$STATE_DIR/data/dev-idp-store.json" node server.js

  if ! running smtp && ! port_open "$SMTP_PORT"; then ensure_npm_packages "$ROOT/deploy/dev-smtp"; fi
  start_server smtp "$SMTP_PORT" env -C "$ROOT/deploy/dev-smtp" SMTP_PORT="$SMTP_PORT" HTTP_PORT="$SMTP_API_PORT" node server.js
}

# ---- the host build the silos run ------------------------------------------------------------------------------

# Silos run from a copy of the build output, so that building the source tree again (tests, another change) does
# not replace the files of running silos; `release` then restarts roll the new copy out.
make_release() {
  if [ "${CLUSTER_SKIP_BUILD:-0}" != 1 ]; then
    log "building src/PortalGrains.Host"
    dotnet build "$ROOT/src/PortalGrains.Host" -nologo -v q -clp:ErrorsOnly >&2
  fi
  local output="${CLUSTER_HOST_OUTPUT:-$ROOT/src/PortalGrains.Host/bin/Debug/net10.0}"
  if [ ! -f "$output/PortalGrains.Host.dll" ]; then
    log "$output/PortalGrains.Host.dll is missing: build the host first (dotnet build src/PortalGrains.Host)"
    exit 1
  fi
  local release
  release="$STATE_DIR/releases/$(date +%Y%m%d-%H%M%S)-$$"
  mkdir -p "$STATE_DIR/releases"
  cp -a "$output" "$release"
  ln -sfn "$release" "$STATE_DIR/current"
  # Keep the three newest releases; a running silo may still use an older one until it restarts.
  find "$STATE_DIR/releases" -mindepth 1 -maxdepth 1 -type d | sort | head -n -3 | while read -r old; do
    if ! grep -qs "$old" "$STATE_DIR"/silo*.release 2>/dev/null; then rm -rf "$old"; fi
  done
  log "release: ${release#"$STATE_DIR"/}"
}

# ---- silos -----------------------------------------------------------------------------------------------------

silo_environment() {
  local i=$1
  # Defaults, then the pass-through settings (env keeps the last of equal names, so the caller's win), then what
  # the cluster fixes: each silo's own ports (one value for every silo would clash) and the servers it runs on.
  cat <<ENV
ASPNETCORE_ENVIRONMENT=Production
DOTNET_NOLOGO=1
Logging__Console__TimestampFormat=HH:mm:ss.fff 
Portal__Outbound__BlockLoopback=false
Portal__Auth__Authority=http://127.0.0.1:$IDP_PORT
Portal__Auth__Audience=portal
Portal__Auth__RequireHttpsMetadata=false
Portal__Notifications__Smtp__Host=127.0.0.1
Portal__Notifications__Smtp__Port=$SMTP_PORT
Portal__Notifications__PortalUrl=http://127.0.0.1:$LB_PORT
Portal__Shutdown__DrainSeconds=$DRAIN_SECONDS
ENV
  [ -f "$SILO_ENV_FILE" ] && cat "$SILO_ENV_FILE"
  cat <<ENV
Orleans__Clustering=Redis
Orleans__Storage=AzureTables
Orleans__ClusterId=$ORLEANS_CLUSTER_ID
Orleans__ServiceId=$ORLEANS_SERVICE_ID
Orleans__SiloPort=$(silo_port "$i")
Orleans__GatewayPort=$(gateway_port "$i")
Telemetry__MetricsPort=$(metrics_port "$i")
Orleans__AdvertisedIPAddress=127.0.0.1
ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT
ConnectionStrings__AzureTables=$(azure_tables)
ENV
}

start_silo() {
  local i=$1 name="silo$1"
  if running "$name"; then return 0; fi
  local release
  release="$(readlink -f "$STATE_DIR/current")"
  echo "$release" >"$STATE_DIR/$name.release"
  local -a environment=()
  mapfile -t environment < <(silo_environment "$i")
  echo "---- $(date -Is) starting $name from ${release#"$STATE_DIR"/}" >>"$LOG_DIR/$name.log"
  spawn "$name" "$LOG_DIR/$name.log" env "${environment[@]}" dotnet "$release/PortalGrains.Host.dll" \
    --urls "http://127.0.0.1:$(http_port "$i")"
}

wait_healthy() {
  local i=$1 name="silo$1" deadline=$((SECONDS + ${2:-120}))
  local url
  url="http://127.0.0.1:$(http_port "$i")/healthz"
  until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    if ! running "$name"; then
      log "$name exited before it became healthy; the end of its log ($LOG_DIR/$name.log):"
      tail -n 20 "$LOG_DIR/$name.log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name did not answer 200 at $url in time; see $LOG_DIR/$name.log"
      return 1
    fi
    sleep 0.25
  done
  log "$name: healthy on http://127.0.0.1:$(http_port "$i") (silo port $(silo_port "$i"), gateway $(gateway_port "$i"))"
}

stop_silo() {
  local name="silo$1" pid started=$SECONDS
  pid="$(pid_of "$name")" || return 0
  if ! kill -0 "$pid" 2>/dev/null; then rm -f "$(pid_file "$name")"; return 0; fi
  log "$name: SIGTERM (drains for ${DRAIN_SECONDS} s, then stops)"
  kill -TERM "$pid"
  if ! wait_exit "$pid" $((DRAIN_SECONDS + 60)); then
    log "$name did not exit in time: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_exit "$pid" 10 || true
  fi
  rm -f "$(pid_file "$name")"
  log "$name: stopped after $((SECONDS - started)) s"
}

running_silos() {
  local i
  for i in $(seq 1 "$MAX_SILOS"); do
    if running "silo$i"; then echo "$i"; fi
  done
}

# ---- load balancer ---------------------------------------------------------------------------------------------

ensure_haproxy() {
  command -v haproxy >/dev/null && return 0
  log "installing haproxy from Debian's packages"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq haproxy >/dev/null
}

# Every silo slot is declared; slots without a running silo start disabled (maintenance) and are switched on and
# off through the runtime API, so scaling never reloads the balancer.
haproxy_config() {
  local count=$1 i state
  cat <<CFG
# Generated by deploy/local/cluster.sh for silos 1..$count of $MAX_SILOS slots.
global
    log stdout format raw local0 info
    maxconn 4096
    stats socket ipv4@127.0.0.1:$LB_ADMIN_PORT level admin

defaults
    mode http
    log global
    option httplog
    option dontlognull
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout queue 10s
    timeout check 3s
    # A request is sent again, to another silo, only when its connection could not be made: the silo cannot have
    # seen it, which keeps POST mutations safe. Silos that stop drain first (/healthz answers 503 while they
    # still serve), so the balancer takes them out before they stop listening.
    retries 3
    option redispatch 1
    retry-on conn-failure

frontend portal
    bind 127.0.0.1:$LB_PORT
    default_backend silos

backend silos
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server check inter 1s fastinter 500ms downinter 1s rise 2 fall 2
CFG
  for i in $(seq 1 "$MAX_SILOS"); do
    state=""
    if [ "$i" -gt "$count" ]; then state=" disabled"; fi
    echo "    server silo$i 127.0.0.1:$(http_port "$i")$state"
  done
}

# One command on haproxy's runtime API; it answers and closes the connection.
haproxy_command() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$LB_ADMIN_PORT"
    printf '%s\n' "$1" >&3
    cat <&3
  ) 2>/dev/null
}

start_haproxy() {
  local count=$1
  if running haproxy; then return 0; fi
  ensure_haproxy
  haproxy_config "$count" >"$STATE_DIR/haproxy.cfg"
  haproxy -c -q -f "$STATE_DIR/haproxy.cfg"
  spawn haproxy "$LOG_DIR/haproxy.log" haproxy -db -f "$STATE_DIR/haproxy.cfg"
  wait_port "$LB_PORT" haproxy 30
  wait_port "$LB_ADMIN_PORT" "haproxy runtime API" 30
  log "haproxy: http://127.0.0.1:$LB_PORT (runtime API on 127.0.0.1:$LB_ADMIN_PORT)"
}

lb_enable() { if running haproxy; then haproxy_command "enable server silos/silo$1" >/dev/null || true; fi; }
lb_disable() { if running haproxy; then haproxy_command "disable server silos/silo$1" >/dev/null || true; fi; }

# Waits until the balancer reports a silo UP (or, with "down", no longer UP).
wait_lb_state() {
  local i=$1 want=$2 deadline=$((SECONDS + 30)) state
  while true; do
    state="$(haproxy_command "show servers state silos" | awk -v s="silo$i" '$4 == s { print $6 }')"
    # srv_op_state 2 is running (UP); see haproxy's management guide, "show servers state".
    if [ "$want" = up ] && [ "$state" = 2 ]; then return 0; fi
    if [ "$want" = down ] && [ "$state" != 2 ]; then return 0; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "the balancer did not see silo$i $want within 30 s (state $state)"
      return 1
    fi
    sleep 0.2
  done
}

# ---- commands --------------------------------------------------------------------------------------------------

cmd_up() {
  local count=${1:-}
  if ! [[ "$count" =~ ^[1-9]$ ]]; then log "usage: cluster.sh up N (1..$MAX_SILOS)"; exit 2; fi
  load_settings
  mkdir -p "$LOG_DIR"
  local -a already
  mapfile -t already < <(running_silos)
  if [ "${#already[@]}" -eq 0 ] && ! running haproxy; then
    # Nothing runs (first start, or left over from a crash): take the settings from the environment again.
    rm -f "$SETTINGS_FILE"
    load_settings
    save_settings
    make_release
  fi
  start_dependencies

  local i
  local -a started=()
  for i in $(seq 1 "$count"); do
    if ! running "silo$i"; then
      start_silo "$i"
      started+=("$i")
    fi
  done
  for i in "${started[@]}"; do wait_healthy "$i" || exit 1; done

  if running haproxy; then
    for i in "${started[@]}"; do lb_enable "$i"; done
  else
    start_haproxy "$count"
  fi
  for i in $(seq 1 "$count"); do wait_lb_state "$i" up || exit 1; done

  for i in $(running_silos); do
    if [ "$i" -gt "$count" ]; then cmd_remove "$i"; fi
  done
  log "cluster up: $count silo(s) behind http://127.0.0.1:$LB_PORT"
}

cmd_add() {
  load_settings
  require_up
  local i
  for i in $(seq 1 "$MAX_SILOS"); do
    if ! running "silo$i"; then
      start_silo "$i"
      wait_healthy "$i" || exit 1
      lb_enable "$i"
      wait_lb_state "$i" up || exit 1
      log "silo$i added"
      return 0
    fi
  done
  log "all $MAX_SILOS silo slots run already"
  exit 1
}

cmd_remove() {
  local i
  i="$(silo_index "${1:-}")"
  load_settings
  # The silo drains itself: the balancer sees /healthz turn 503 and stops sending it requests before it stops.
  stop_silo "$i"
  lb_disable "$i"
  log "silo$i removed"
}

cmd_restart() {
  local i
  i="$(silo_index "${1:-}")"
  load_settings
  require_up
  stop_silo "$i"
  start_silo "$i"
  wait_healthy "$i" || exit 1
  if running haproxy; then wait_lb_state "$i" up || exit 1; fi
  log "silo$i restarted"
}

cmd_release() {
  load_settings
  require_up
  make_release
  log "silos start from the new release when restarted: cluster.sh restart 1, then 2, ..."
}

require_up() {
  if [ ! -f "$SETTINGS_FILE" ]; then
    log "no cluster in $STATE_DIR: run cluster.sh up N first"
    exit 1
  fi
  mkdir -p "$LOG_DIR"
}

cmd_status() {
  load_settings
  if [ ! -f "$SETTINGS_FILE" ]; then echo "no cluster in $STATE_DIR"; return 0; fi
  local name pid code i lb_states=""
  printf '%-8s %-8s %-8s %s\n' NAME PID STATE DETAIL
  for name in redis azurite dev-idp smtp haproxy; do
    pid="$(pid_of "$name" || true)"
    if running "$name"; then printf '%-8s %-8s %-8s %s\n' "$name" "$pid" running "started by cluster.sh"
    else printf '%-8s %-8s %-8s %s\n' "$name" - - "not started by cluster.sh"; fi
  done
  if running haproxy; then
    lb_states="$(haproxy_command "show servers state silos" || true)"
  fi
  for i in $(seq 1 "$MAX_SILOS"); do
    name="silo$i"
    [ -f "$(pid_file "$name")" ] || continue
    pid="$(pid_of "$name")"
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$(http_port "$i")/healthz" || true)"
    local lb
    lb="$(awk -v s="$name" '$4 == s { print ($6 == 2 ? "UP" : "DOWN") }' <<<"$lb_states")"
    if running "$name"; then
      printf '%-8s %-8s %-8s http %s healthz %s, silo %s, gateway %s, balancer %s\n' "$name" "$pid" running \
        "$(http_port "$i")" "$code" "$(silo_port "$i")" "$(gateway_port "$i")" "${lb:-?}"
    else
      printf '%-8s %-8s %-8s %s\n' "$name" "$pid" exited "see $LOG_DIR/$name.log"
    fi
  done
  echo "balancer: http://127.0.0.1:$LB_PORT  cluster: $ORLEANS_CLUSTER_ID/$ORLEANS_SERVICE_ID  state: $STATE_DIR"
}

cmd_plan() {
  local count=${1:-3} i
  load_settings
  echo "lb $LB_PORT admin=$LB_ADMIN_PORT"
  echo "redis $REDIS_PORT"
  echo "azurite $AZURITE_PORT"
  echo "dev-idp $IDP_PORT"
  echo "smtp $SMTP_PORT api=$SMTP_API_PORT"
  for i in $(seq 1 "$count"); do
    echo "silo$i http=$(http_port "$i") silo=$(silo_port "$i") gateway=$(gateway_port "$i") metrics=$(metrics_port "$i")"
  done
  echo "environment (silo1):"
  SILO_ENV_FILE=/dev/null silo_environment 1 | sed 's/^/  /'
}

cmd_down() {
  load_settings
  local i
  if [ -f "$SETTINGS_FILE" ]; then
    # Silos first, all at once: each drains and leaves the cluster while the others still run.
    local -a pids=()
    for i in $(running_silos); do
      stop_silo "$i" &
      pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || true; done
    rm -f "$STATE_DIR"/silo*.pid "$STATE_DIR"/silo*.release
    local name
    for name in haproxy smtp dev-idp azurite redis; do stop_process "$name"; done
    rm -f "$SETTINGS_FILE" "$SILO_ENV_FILE"
    log "cluster down"
  fi
  if [ "${1:-}" = --purge ]; then
    rm -rf "$STATE_DIR"
    log "removed $STATE_DIR"
  fi
}

case "${1:-}" in
  up) cmd_up "${2:-}" ;;
  add) cmd_add ;;
  remove) cmd_remove "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  release) cmd_release ;;
  status) cmd_status ;;
  plan) cmd_plan "${2:-3}" ;;
  haproxy-config) load_settings; haproxy_config "${2:-3}" ;;
  down) cmd_down "${2:-}" ;;
  *)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 2
    ;;
esac
