#!/usr/bin/env bash
# Installs and starts every server the tests need (Azurite, redis-server, the dev IdP, an SMTP sink), builds
# the solution with warnings as errors, runs every test, stops what it started, and ends with one line
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/portalgrains-test.XXXXXX")"
LOG_DIR="$RUN_DIR/logs"
RESULTS_DIR="$RUN_DIR/results"
mkdir -p "$LOG_DIR" "$RESULTS_DIR"
trap 'stop_started' EXIT
trap 'exit 130' INT TERM

# TEST_PORT_OFFSET moves every server to other ports, so that two runs can share one machine.
PORT_OFFSET=${TEST_PORT_OFFSET:-0}
AZURITE_PORT=$((10102 + PORT_OFFSET))
REDIS_PORT=$((6380 + PORT_OFFSET))
IDP_PORT=$((9010 + PORT_OFFSET))
SMTP_PORT=$((2525 + PORT_OFFSET))
SMTP_API_PORT=$((2580 + PORT_OFFSET))

start_azurite "$AZURITE_PORT" "$RUN_DIR/azurite" || exit 1
start_redis "$REDIS_PORT" || exit 1
start_dev_idp "$IDP_PORT" || exit 1
start_smtp "$SMTP_PORT" "$SMTP_API_PORT" || exit 1
# The graphql-ws and graphql-sse clients the subscription tests and the benchmark drive.
ensure_npm_packages "$ROOT/tests/subscription-clients"

export PG_TEST_AZURE_TABLES="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
export PG_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export PG_TEST_IDP_URL="http://127.0.0.1:$IDP_PORT"
export PG_TEST_IDP_INITIAL_TOKEN="dev-initial-access-token"
export PG_TEST_SMTP_HOST="127.0.0.1"
export PG_TEST_SMTP_PORT="$SMTP_PORT"
export PG_TEST_SMTP_API="http://127.0.0.1:$SMTP_API_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "building"
if ! dotnet build PortalGrains.sln -warnaserror -nologo -v q -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

log "testing"
dotnet test PortalGrains.sln --no-build --nologo -v q \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS_DIR"
test_exit=$?

read -r passed failed skipped < <(python3 - "$RESULTS_DIR" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + '/**/*.trx', recursive=True):
    counters = ET.parse(path).getroot().find('t:ResultSummary/t:Counters', ns)
    if counters is None:
        continue
    c = {k: int(v) for k, v in counters.attrib.items()}
    passed += c.get('passed', 0)
    failed += c.get('failed', 0) + c.get('error', 0) + c.get('timeout', 0) + c.get('aborted', 0)
    skipped += c.get('notExecuted', 0)
print(passed, failed, skipped)
PY
)

if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  log "the test run failed without a failed test result (crash or time-out); logs in $LOG_DIR"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$test_exit" -eq 0 ] && [ "$failed" -eq 0 ]
