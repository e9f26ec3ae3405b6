#!/usr/bin/env bash
# Starts Azurite's table service on 127.0.0.1 (port AZURITE_TABLE_PORT, default 10002) with data in Azurite/data.
# Installs the pinned azurite package first when it is missing. Runs in the foreground.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite-table ]; then
  npm install --no-audit --no-fund --loglevel=error >&2
fi
mkdir -p data
exec node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "${AZURITE_TABLE_PORT:-10002}" \
  --location ./data --skipApiVersionCheck --disableProductStyleUrl --silent
