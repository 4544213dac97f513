// The build: AssemblyScript -> build/agent.wasm -> wasm2c C -> one ELF per virtual board,
// plus the counting QEMU plugin. `buildAll` is what `capmark build` and `capmark profile` run.
import type { Board } from '../boards/index.ts';
import { buildFirmware, type FirmwareManifest } from './firmware.ts';
import { withBuildLock } from './lock.ts';
import { buildPlugin } from './plugin.ts';
import { buildWasm } from './wasm.ts';
import { generateC, type Bounds } from './wasm2c.ts';

export { WASM_PATH } from './wasm.ts';
export { PLUGIN_PATH } from './plugin.ts';
export { coreOf } from './firmware.ts';
export { CORES, type Arch, type CoreBuild } from './cores.ts';
export type { FirmwareManifest, Fit } from './firmware.ts';
export type { Bounds } from './wasm2c.ts';
export { codeGraph, elfCode, reach, type CodeGraph, type Unit } from './footprint.ts';

export interface BuildResult { wasm: string; plugin: string; firmware: Map<string, FirmwareManifest> }

export function buildAll(boards: Board[], bounds: Bounds = 'mask', log: (s: string) => void = () => {}): Promise<BuildResult> {
  return withBuildLock(() => build(boards, bounds, log));
}

async function build(boards: Board[], bounds: Bounds, log: (s: string) => void): Promise<BuildResult> {
  log('build: AssemblyScript agent -> build/agent.wasm');
  const wasm = buildWasm();
  log(`build: wasm2c (bounds=${bounds})`);
  const agentC = generateC(wasm, bounds);
  log(`build: firmware for ${boards.map((b) => `${b.id} (${b.core})`).join(', ')}`);
  const manifests = await Promise.all(boards.map((b) => buildFirmware(b, agentC, bounds)));
  const firmware = new Map(manifests.map((m) => [m.board, m]));
  const plugin = buildPlugin();
  return { wasm, plugin, firmware };
}
