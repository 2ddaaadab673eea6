#!/usr/bin/env bash
# Installs the VS Code the extension's tests run in: Node 24 (from npm), then code-server,
# mocha and playwright-core with that Node, since code-server's install builds native modules
# for it. Needs Debian's chromium, libkrb5-dev and pkg-config (.ci/run installs them).
# Idempotent: does nothing when the installed lock files match.
set -euo pipefail
cd "$(dirname "$0")"

installed() { [ -f "$1/node_modules/.package-lock.json" ] && cmp -s "$1/package-lock.json" "$1/node_modules/.ratsfeder-lock"; }

if ! installed node24; then
  (cd node24 && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.ratsfeder-lock)
fi
NODE24="$PWD/node24/node_modules/node/bin"
"$NODE24/node" --version >/dev/null

if ! installed .; then
  # npm must run on Node 24 itself: code-server's postinstall checks the version and node-gyp
  # builds against the running Node's headers (an npmrc `nodedir` would point at another Node).
  headers="$(dirname "$(find "$PWD/node24/node_modules" -path '*/include/node/node_version.h' | head -1)")"
  PATH="$NODE24:$PATH" npm_config_nodedir="${headers%/include/node}" \
    npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.ratsfeder-lock
fi
echo "VS Code for tests: $(PATH="$NODE24:$PATH" node_modules/.bin/code-server --version | head -1)"
