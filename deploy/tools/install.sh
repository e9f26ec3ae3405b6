#!/usr/bin/env bash
# Installs the pinned node tools of deploy/tools (kubernetes-models, yaml, dockerfilelint) when they are missing or
# package.json changed. Source it and call ensure_deploy_tools, or run it.

ensure_deploy_tools() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "installing the deploy tools in $dir" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
    touch "$dir/node_modules"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_deploy_tools
fi
