// Builds build/agent.wasm once before any suite runs, so every test sees the current sources.
// Every test process (and what it starts: CLI, QEMU, Chromium, Mosquitto) gets a temp folder
// of its own for the run, removed at the end; anything left in it is named, as a leak to fix.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWasm } from '../../profiler/build/wasm.ts';

export default function setup() {
  buildWasm();
  const run = mkdtempSync(join(tmpdir(), 'capmark-test-run-'));
  process.env.TMPDIR = run;
  return () => {
    const left = readdirSync(run);
    if (left.length) console.error(`tests left ${left.length} entries in the temp folder (removed now): ${left.join(', ')}`);
    rmSync(run, { recursive: true, force: true });
  };
}
