// Which agent a build makes: the full agent (every declared kernel, build/agent.wasm and
// build/fw/) or a per-product agent with only some kernels, kept apart under
// build/agents/<name>/ so that the default build is never touched by it.
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { BUILD } from '../util/paths.ts';

export interface AgentBuild {
  /** "full", or the product's name (a requirement profile id, or one made from --kernels). */
  name: string;
  /** Device kernel names (wasm/kernels @kernel declarations); undefined: every kernel. */
  kernels?: string[];
  /** Where its agent.wasm, wasm2c/ and fw/ go. */
  dir: string;
  /** Linear memory the agent needs (a power of two), when it is sized to its kernels' working
   *  sets; the full agent takes what the board can back, up to 1 MiB. */
  linear_memory_bytes?: number;
  /** Stack reserved for the firmware when sized to the kernels' measured stack; else the board's. */
  stack_bytes?: number;
  /** Input and output buffer sizes when sized to the kernels' cases; else the full agent's. */
  io?: { input_bytes: number; output_bytes: number; max_frame?: number };
  /** Your firmware's own main C file in place of agent/core/main.c (docs/embedding.md). */
  main?: string;
}

/** Below one 64 KiB page the agent is built as a sub-page agent (docs/embedding.md). */
export const subPage = (a: AgentBuild) => a.linear_memory_bytes !== undefined && a.linear_memory_bytes < 65536;

export const FULL_AGENT: AgentBuild = { name: 'full', dir: BUILD };

const NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** A per-product agent with `kernels` (device names) under build/agents/<name>/. */
export function productAgent(name: string, kernels: string[]): AgentBuild {
  if (!NAME.test(name) || name === FULL_AGENT.name) throw new CapmarkError('USAGE', `agent name "${name}": lower-case letters, digits, ".", "_" and "-", not "full"`);
  return { name, kernels: [...new Set(kernels)].sort(), dir: join(BUILD, 'agents', name) };
}

export const wasmPath = (a: AgentBuild) => join(a.dir, 'agent.wasm');
export const wasm2cDir = (a: AgentBuild) => join(a.dir, 'wasm2c');
export const firmwareDir = (a: AgentBuild) => join(a.dir, 'fw');
