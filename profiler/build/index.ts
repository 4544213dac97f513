// The build: AssemblyScript -> agent.wasm -> wasm2c C -> one ELF per virtual board, plus the
// counting QEMU plugin. `buildAll` is what `capmark build` and `capmark profile` run: the full
// agent in build/, or a per-product agent (agent.ts) in build/agents/<name>/.
import type { Board } from '../boards/index.ts';
import { buildFirmware, type FirmwareManifest } from './firmware.ts';
import { withBuildLock } from './lock.ts';
import { buildPlugin } from './plugin.ts';
import { buildWasm } from './wasm.ts';
import { generateC, type Bounds } from './wasm2c.ts';
import { FULL_AGENT, subPage, wasm2cDir, type AgentBuild } from './agent.ts';

export { WASM_PATH, buildWasm } from './wasm.ts';
export { FULL_AGENT, productAgent, wasmPath, firmwareDir, type AgentBuild } from './agent.ts';
export { kernelDeclarations, selectKernels, type KernelDeclaration } from './registry.ts';
export { PLUGIN_PATH, buildPlugin } from './plugin.ts';
export { coreOf } from './firmware.ts';
export { CORES, type Arch, type CoreBuild } from './cores.ts';
export type { FirmwareManifest, Fit } from './firmware.ts';
export { wasmSourceOf } from './firmware.ts';
export type { Bounds } from './wasm2c.ts';
export { codeGraph, elfCode, reach, type CodeGraph, type Unit } from './footprint.ts';

export interface BuildResult { wasm: string; plugin: string; firmware: Map<string, FirmwareManifest> }

export function buildAll(boards: Board[], bounds: Bounds = 'mask', log: (s: string) => void = () => {}, agent: AgentBuild = FULL_AGENT): Promise<BuildResult> {
  return withBuildLock(() => build(boards, bounds, log, agent));
}

async function build(boards: Board[], requested: Bounds, log: (s: string) => void, agent: AgentBuild): Promise<BuildResult> {
  // A sub-page agent's safety is wasm2c's checks against the real size (docs/embedding.md).
  const bounds = subPage(agent) ? 'trap' : requested;
  const wasm = buildWasm(agent);
  log(`build: AssemblyScript agent (${agent.name}) -> ${wasm}`);
  log(`build: wasm2c (bounds=${bounds})`);
  const agentC = generateC(wasm, bounds, wasm2cDir(agent));
  log(`build: firmware for ${boards.map((b) => `${b.id} (${b.core})`).join(', ')}`);
  const manifests = await Promise.all(boards.map((b) => buildFirmware(b, agentC, bounds, agent)));
  const firmware = new Map(manifests.map((m) => [m.board, m]));
  const plugin = buildPlugin();
  return { wasm, plugin, firmware };
}
