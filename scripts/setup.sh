#!/usr/bin/env bash
# Set-up from nothing on Debian/Ubuntu, idempotent: checks Node, installs the Debian packages
# capmark needs (without recommends), the npm packages, then builds the agent and the firmware
# for every virtual board. Safe to run again.
#   --test   also what only the tests need: Mosquitto (MQTT tests), Chromium (HTML report test)
#   --list   print the Debian packages it would install (with --test: the tests' too) and exit
set -euo pipefail
cd "$(dirname "$0")/.."

# Build and profile: Arm toolchain with picolibc, wasm2c, QEMU, a host C compiler and the C
# library headers for the QEMU counting plugin (gcc only recommends libc6-dev).
PACKAGES="qemu-system-arm gcc-arm-none-eabi picolibc-arm-none-eabi binutils-arm-none-eabi wabt gcc libc6-dev"
PACKAGES="$PACKAGES qemu-system-misc gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf" # RISC-V boards
TEST_PACKAGES="mosquitto chromium"

tests=0 list=0
for arg in "$@"; do
  case "$arg" in
    --test) tests=1 ;;
    --list) list=1 ;;
    *) echo "usage: bash scripts/setup.sh [--test] [--list]" >&2; exit 2 ;;
  esac
done
[ "$tests" = 1 ] && PACKAGES="$PACKAGES $TEST_PACKAGES"
if [ "$list" = 1 ]; then echo "$PACKAGES"; exit 0; fi

# Node first: package.json's "engines" is the one place the minimum version is written.
need=$(sed -n 's/.*"node": *">=\([0-9.]*\)".*/\1/p' package.json)
have=$(node -p process.versions.node 2>/dev/null || true)
if [ -z "$have" ] || [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" != "$need" ]; then
  if [ -z "$have" ]; then echo "setup: capmark needs Node.js >= $need, and there is no 'node' on PATH." >&2
  else echo "setup: capmark needs Node.js >= $need, found $have." >&2; fi
  echo "setup: Debian 12's own nodejs package is 18.x, too old. Install Node.js 20 or 22 LTS from" >&2
  echo "setup: https://nodejs.org/en/download (or NodeSource's Debian packages," >&2
  echo "setup: https://github.com/nodesource/distributions), check 'node --version', and run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "setup: Node.js $have has no npm on PATH; install the npm that comes with it (nodejs.org builds include it) and run this again." >&2
  exit 1
fi

missing=""
for p in $PACKAGES; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages:$missing"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

if ! npm ls --depth=0 >/dev/null 2>&1; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi

node bin/capmark.mjs build
