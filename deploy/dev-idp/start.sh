#!/usr/bin/env bash
# Starts the development OpenID provider in the foreground (default http://127.0.0.1:9010).
# Installs the pinned dependencies first when they are missing. Configuration: see README.md.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/oidc-provider/package.json ]; then
  npm install --no-audit --no-fund --loglevel=error >&2
fi
exec node server.js
