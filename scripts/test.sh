#!/usr/bin/env bash
# Runs every test: the vitest suites (host, kernels in Node's WebAssembly, QEMU boards,
# MQTT, browser) and the as-pect AssemblyScript specs; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test >/dev/null || { echo "test: set-up failed; run bash scripts/setup.sh --test to see why"; exit 1; }
mkdir -p build
npx vitest run --reporter=default --reporter=json --outputFile=build/vitest.json
npx asp --config as-pect.config.js --summary 2>&1 | tee build/aspect.txt
node scripts/test-summary.mjs build/vitest.json build/aspect.txt
