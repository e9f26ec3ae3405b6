#!/usr/bin/env bash
# Runs PortalGrains locally in one command: installs what is missing, starts Azurite (data in Azurite/data) and
# the dev identity provider on http://127.0.0.1:9010 (the portal's login IdP and an API IdP to register clients
# at) when nothing listens on their ports, builds and starts the host on http://127.0.0.1:5080 in Development,
# and stops what it started on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

LOG_DIR="$ROOT/.run/logs"
mkdir -p "$LOG_DIR"
URL="${PORTAL_URL:-http://127.0.0.1:5080}"

trap 'stop_started' EXIT
trap 'exit 130' INT TERM

start_azurite 10002 "$ROOT/Azurite/data"
DATA_FILE="$ROOT/deploy/dev-idp/data/store.json" start_dev_idp 9010
start_dev_bridge 9020 9010
start_smtp 1025 1080

log "building"
dotnet build src/PortalGrains.Host -nologo -v q -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet src/PortalGrains.Host/bin/Debug/net10.0/PortalGrains.Host.dll --urls "$URL" &
STARTED_PIDS+=($!)

deadline=$((SECONDS + 120))
until curl -fsS "$URL/healthz" >/dev/null 2>&1; do
  if ! kill -0 "${STARTED_PIDS[-1]}" 2>/dev/null; then log "the host exited"; exit 1; fi
  if [ "$SECONDS" -ge "$deadline" ]; then log "the host did not become healthy in time"; exit 1; fi
  sleep 0.5
done

cat <<MSG

PortalGrains is running.
  GraphQL:  $URL/graphql   (POST application/json, or GET ?query=...)
  Health:   $URL/healthz
  Dev IdP:  http://127.0.0.1:9010 (login tokens for the portal, and client registration)
  Bridge:   http://127.0.0.1:9020 (an HTTP_BRIDGE provider's registrationEndpoint; API key dev-bridge-api-key)
  Mail:     http://127.0.0.1:1080/messages (what the portal sent developers)
  Logs of the servers it started: $LOG_DIR
Press Ctrl-C to stop.

MSG
wait "${STARTED_PIDS[-1]}"
