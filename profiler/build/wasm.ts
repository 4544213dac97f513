// Step 1 of the build: the AssemblyScript agent (wasm/agent.ts) to build/agent.wasm.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from '../util/paths.ts';
import { asc } from './toolchain.ts';

/** asc flags (docs/agent.md): the stub runtime (a bump heap the agent resets per kernel
 *  call), 1 initial page that the agent grows to what the board backs (at most 16). */
export const ASC_FLAGS = ['--runtime', 'stub', '-O3', '--noAssert', '--initialMemory', '1',
  '--maximumMemory', '16', '--use', 'abort=',
  // Keeps the name section (no code change): wasm2c then names C functions after their
  // AssemblyScript source, which attributes firmware code size to kernels.
  '--debug'];
export const WASM_PATH = join(BUILD, 'agent.wasm');

/** Hash of every wasm/ source and the flags: asc runs only when it changed. */
function sourcesKey(dir = join(ROOT, 'wasm')): string {
  const h = createHash('sha256').update(ASC_FLAGS.join(' '));
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p); else h.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

export function buildWasm(): string {
  mkdirSync(BUILD, { recursive: true });
  const key = sourcesKey();
  const keyFile = `${WASM_PATH}.key`;
  if (existsSync(WASM_PATH) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return WASM_PATH;
  // Written under a unique name then renamed: concurrent builds never see half a file.
  const tmp = join(BUILD, `agent.${process.pid}.wasm`);
  execFileSync(asc(), ['wasm/agent.ts', '-o', tmp, ...ASC_FLAGS], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(tmp, WASM_PATH);
  writeFileSync(keyFile, key);
  return WASM_PATH;
}
