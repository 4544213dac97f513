// Step 1 of the build: the AssemblyScript agent (wasm/agent.ts) to <agent dir>/agent.wasm, with
// the kernel registry generated for the agent's kernels (registry.ts) and served to asc as
// wasm/kernels/registry.ts (asc-virtual.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { ROOT } from '../util/paths.ts';
import { asc } from './toolchain.ts';
import { FULL_AGENT, subPage, wasm2cDir, wasmPath, type AgentBuild } from './agent.ts';
import { FULL_IO, kernelDeclarations, kernelsHeader, REGISTRY_MODULE, registrySource, selectKernels } from './registry.ts';

/** asc flags (docs/agent.md): the stub runtime (a bump heap the agent resets per kernel
 *  call), 1 initial page that the agent grows to what the board backs (at most 16). */
export const ASC_FLAGS = ['--runtime', 'stub', '-O3', '--noAssert', '--initialMemory', '1',
  '--maximumMemory', '16', '--use', 'abort=',
  // Keeps the name section (no code change): wasm2c then names C functions after their
  // AssemblyScript source, which attributes firmware code size to kernels.
  '--debug'];
/** The full agent's module. */
export const WASM_PATH = wasmPath(FULL_AGENT);

/** Hash of every wasm/ source, the generated registry and the flags: asc runs only when it changed. */
function sourcesKey(registry: string, flags: string[], dir = join(ROOT, 'wasm')): string {
  const h = createHash('sha256').update(flags.join(' ')).update(registry);
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p); else if (p !== REGISTRY_MODULE) h.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** The C header of the agent's kernel and op ids, written beside its wasm2c output. */
export const KERNELS_HEADER = 'capmark_kernels.h';

/** The registry module of `agent` (its kernels in wire-id order, its buffer sizes) and the C
 *  header of their ids. */
function generated(agent: AgentBuild): { registry: string; header: string } {
  const all = kernelDeclarations();
  const kernels = selectKernels(all, agent.kernels);
  return { registry: registrySource(kernels, { ...FULL_IO, ...agent.io }, all), header: kernelsHeader(kernels, agent.name) };
}
/** Writes the full agent's registry module to wasm/kernels/registry.ts (gitignored), for the
 *  AssemblyScript specs: as-pect compiles from the disk, where the build serves it to asc. */
export function writeFullRegistry(): string {
  writeFileSync(REGISTRY_MODULE, generated(FULL_AGENT).registry);
  return REGISTRY_MODULE;
}

/** asc flags of `agent`: a sub-page agent knows its memory size at build time (ASC_LOW_MEMORY_LIMIT,
 *  wasm/core/io.ts) and never grows its memory. */
export const ascFlags = (agent: AgentBuild) => [...ASC_FLAGS, ...(subPage(agent) ? ['--lowMemoryLimit', String(agent.linear_memory_bytes)] : [])];

export function buildWasm(agent: AgentBuild = FULL_AGENT): string {
  asc();   // installed, or a TOOLCHAIN_MISSING error saying how to get it
  const out = wasmPath(agent);
  const { registry, header } = generated(agent);
  const flags = ascFlags(agent);
  mkdirSync(wasm2cDir(agent), { recursive: true });
  writeFileSync(join(wasm2cDir(agent), KERNELS_HEADER), header);
  const key = sourcesKey(registry, flags);
  const keyFile = `${out}.key`;
  if (existsSync(out) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return out;
  // Written under a unique name then renamed: concurrent builds never see half a file.
  const tmp = join(agent.dir, `agent.${process.pid}.wasm`);
  const r = spawnSync(process.execPath, [join(ROOT, 'profiler', 'build', 'asc-virtual.mjs'), REGISTRY_MODULE, 'wasm/agent.ts', '-o', tmp, ...flags],
    { cwd: ROOT, input: registry, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    rmSync(tmp, { force: true });
    throw new CapmarkError('AGENT_BUILD_FAILED', `asc could not build the ${agent.name} agent: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  }
  renameSync(tmp, out);
  writeFileSync(keyFile, key);
  return out;
}
