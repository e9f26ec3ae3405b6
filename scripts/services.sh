#!/usr/bin/env bash
# Shared functions for run.sh and test.sh: install and start the servers PortalGrains needs, stop them after.
# Each start_* function starts its server only when nothing listens on its port yet, and records the PID of
# what it started in STARTED_PIDS so that stop_started can stop exactly that.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STARTED_PIDS=()

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2 deadline=$((SECONDS + ${3:-60}))
  until port_open "$port"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name did not start listening on 127.0.0.1:$port; see its log in $LOG_DIR"
      return 1
    fi
    sleep 0.2
  done
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_redis_server() {
  command -v redis-server >/dev/null && return 0
  log "installing redis-server from Debian's packages"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
}

ensure_npm_packages() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules" ]; then
    log "installing npm packages in ${dir#"$ROOT"/}"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2)
    touch "$dir/node_modules"
  fi
}

start_azurite() {
  local port=$1 data=$2
  if port_open "$port"; then log "Azurite: already listening on $port"; return 0; fi
  ensure_npm_packages "$ROOT/Azurite"
  mkdir -p "$data"
  "$ROOT/Azurite/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$port" --location "$data" \
    --skipApiVersionCheck --disableProductStyleUrl --silent >"$LOG_DIR/azurite.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_port "$port" Azurite
  log "Azurite: table service on 127.0.0.1:$port, data in $data"
}

start_redis() {
  local port=$1
  if port_open "$port"; then log "Redis: already listening on $port"; return 0; fi
  ensure_redis_server
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$LOG_DIR/redis.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_port "$port" Redis
  log "Redis: 127.0.0.1:$port"
}

start_dev_idp() {
  local port=$1
  if port_open "$port"; then log "dev IdP: already listening on $port"; return 0; fi
  ensure_npm_packages "$ROOT/deploy/dev-idp"
  (cd "$ROOT/deploy/dev-idp" && PORT="$port" DATA_FILE="${DATA_FILE:-}" exec node server.js) >"$LOG_DIR/dev-idp-$port.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_port "$port" "dev IdP"
  log "dev IdP: http://127.0.0.1:$port"
}

# The dev HTTP bridge (Kong Konnect's DCR HTTP integration) in front of the dev IdP on idp_port; no npm packages.
start_dev_bridge() {
  local port=$1 idp_port=$2
  if port_open "$port"; then log "dev HTTP bridge: already listening on $port"; return 0; fi
  (cd "$ROOT/deploy/dev-bridge" && PORT="$port" IDP_URL="http://127.0.0.1:$idp_port" exec node server.js) >"$LOG_DIR/dev-bridge-$port.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_port "$port" "dev HTTP bridge"
  log "dev HTTP bridge: http://127.0.0.1:$port (X-API-KEY dev-bridge-api-key) -> dev IdP on $idp_port"
}

start_smtp() {
  local smtp_port=$1 http_port=$2
  if port_open "$smtp_port"; then log "SMTP sink: already listening on $smtp_port"; return 0; fi
  ensure_npm_packages "$ROOT/deploy/dev-smtp"
  (cd "$ROOT/deploy/dev-smtp" && SMTP_PORT="$smtp_port" HTTP_PORT="$http_port" exec node server.js) >"$LOG_DIR/smtp-sink-$smtp_port.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_port "$smtp_port" "SMTP sink" && wait_port "$http_port" "SMTP sink API"
  log "SMTP sink: smtp://127.0.0.1:$smtp_port, received messages at http://127.0.0.1:$http_port/messages"
}

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}
