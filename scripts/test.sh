#!/usr/bin/env bash
# The whole test command (`npm test`): what the tests need, type-check, lint, the builds the tests inspect,
# then every jest suite (unit, integration, contract, race, browser). Prints `N passed, N failed` last.
set -uo pipefail
cd "$(dirname "$0")/.."

step() {
  echo "==> $1"
  shift
  if ! "$@"; then
    echo "step failed: $*"
    echo
    echo "0 passed, 1 failed"
    exit 1
  fi
}

ensure_chromium() {
  local bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  local need=()
  [ -x "$bin" ] || need+=(chromium)
  # Chinese text in the browser tests' screenshots needs a CJK font.
  if ! { command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; }; then need+=(fonts-noto-cjk); fi
  [ "${#need[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${need[*]} for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null && return 0
  fi
  if [ -x "$bin" ]; then
    echo "fonts-noto-cjk is missing (screenshots will show boxes for Chinese): sudo apt-get install -y fonts-noto-cjk"
    return 0
  fi
  echo "Chromium is missing: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH."
  return 1
}

step "npm packages" test -d node_modules/@tarojs/cli
step "chromium" ensure_chromium
step "type-check" npx tsc -p . --noEmit
step "lint" npx eslint .
step "build cloud functions" npm run --silent build:functions
step "build H5 app" npm run --silent build:h5
step "build mini-program" npm run --silent build:weapp
npx jest --ci "$@"
