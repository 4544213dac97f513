// Compiles the agent (wasm/agent.ts) to build/agent.wasm with the flags in docs/agent.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ASC_FLAGS = ['--runtime', 'stub', '-O3', '--noAssert', '--initialMemory', '1',
  '--maximumMemory', '16', '--use', 'abort='];

export function buildWasm(root = fileURLToPath(new URL('..', import.meta.url))) {
  mkdirSync(`${root}/build`, { recursive: true });
  execFileSync(`${root}/node_modules/.bin/asc`, ['wasm/agent.ts', '-o', 'build/agent.wasm',
    '-t', 'build/agent.wat', ...ASC_FLAGS],
  { cwd: root, stdio: 'inherit' });
  return `${root}/build/agent.wasm`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildWasm();
