// Step 2: build/agent.wasm to C with wasm2c, in the two memory-safety modes the firmware
// can be built with (docs/agent.md "Bounds"):
//   trap  wasm2c's own bounds check on every access (compare and branch; spec traps);
//   mask  every address is masked into the power-of-two linear memory (one AND; an
//         out-of-bounds access wraps inside the sandbox instead of trapping).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { tool } from './toolchain.ts';

export type Bounds = 'trap' | 'mask';

/** Generates <dir>/agent.h and agent-<bounds>.c (dir: the agent's wasm2c/); returns the C file for `bounds`. */
export function generateC(wasmPath: string, bounds: Bounds, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const plain = join(dir, 'agent.c');
  const key = createHash('sha256').update(readFileSync(wasmPath)).digest('hex');
  const keyFile = join(dir, 'agent.key');
  if (!(existsSync(plain) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key)) {
    // Generated beside and renamed into place: a reader never sees half a file.
    const tmp = join(dir, `tmp-${process.pid}`);
    mkdirSync(tmp, { recursive: true });
    execFileSync(tool('wasm2c'), [wasmPath, '-o', join(tmp, 'agent.c'), '-n', 'agent']);
    renameSync(join(tmp, 'agent.h'), join(dir, 'agent.h'));
    renameSync(join(tmp, 'agent.c'), plain);
    rmSync(tmp, { recursive: true, force: true });
    writeFileSync(keyFile, key);
  }
  if (bounds === 'trap') return plain;
  const source = readFileSync(plain, 'utf8');
  // The little-endian load/store helpers index mem->data[addr]; mask the index.
  const masked = source.replaceAll('&mem->data[addr]', '&mem->data[(addr) & (CAPMARK_MEM_BYTES - 1)]');
  const count = (source.length - source.replaceAll('&mem->data[addr]', '').length) / '&mem->data[addr]'.length;
  if (count !== 2) throw new CapmarkError('WASM2C_UNEXPECTED', `wasm2c output changed (found ${count} load/store helpers, expected 2): the bounds=mask rewrite needs updating`);
  const out = join(dir, 'agent-mask.c');
  if (!existsSync(out) || readFileSync(out, 'utf8') !== masked) writeFileSync(out, masked);
  return out;
}
