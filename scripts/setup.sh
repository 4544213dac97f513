#!/usr/bin/env bash
# Set-up from nothing on Debian/Ubuntu, idempotent: the Debian packages capmark needs, the npm
# packages, then the agent and the firmware for every virtual board. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Toolchain, emulator and test services (Mosquitto for the MQTT tests, Chromium for the report).
PACKAGES="qemu-system-arm gcc-arm-none-eabi picolibc-arm-none-eabi binutils-arm-none-eabi wabt gcc make mosquitto chromium"
PACKAGES="$PACKAGES qemu-system-misc gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf" # RISC-V boards
missing=""
for p in $PACKAGES; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages:$missing"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
fi

if ! npm ls --depth=0 >/dev/null 2>&1; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi

node bin/capmark.mjs build
