// Per-product agents: the kernels a product needs — the verdict's choices for its requirement
// profile on a measured board, or named with --kernels — in an agent of their own
// (build/agents/<name>/), its linear memory sized to those kernels' measured working sets and
// its stack to their measured stack. `capmark build --requirements/--kernels` makes one;
// `capmark profile --agent` and `capmark attest --agent` run against it.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildWasm, productAgent, type AgentBuild } from '../build/index.ts';
import { CapmarkError } from '../errors.ts';
import { KERNELS, type KernelSpec } from '../kernels/index.ts';
import { AgentClient } from '../protocol/client.ts';
import { makePlan, selects } from '../profile/plan.ts';
import { measureFootprints } from '../profile/working-set.ts';
import type { ResultsFile } from '../results/types.ts';
import { inProcessLink } from '../transport/inprocess.ts';
import { BUILD } from '../util/paths.ts';
import { checkRequirements, type RequirementProfile } from '../verdict/index.ts';

/** A per-product agent as `capmark build` made it (build/agents/<name>/product.json). */
export interface Product {
  name: string;
  /** Host registry ids (what the profiler plans) and the device kernels they run on. */
  kernels: string[];
  devices: string[];
  /** The requirement profile and results file the kernels were chosen from. */
  requirements?: string;
  results?: string;
  linear_memory_bytes: number;
  /** Measured (results) stack of the kernels plus the firmware's own frames; absent: the board's. */
  stack_bytes?: number;
  /** How each figure was chosen, for the build's printout. */
  notes: string[];
}

const PAGE = 65536;
/** The frames above the measured region (main loop, protocol, bench loop) and the trap path:
 *  the painted stack figure starts below them. 1 KiB, rounded up from the M4 disassembly. */
const FIRMWARE_FRAMES_BYTES = 1024;
/** Attestation kernel per signature algorithm the attestation need may choose. */
const ATTEST_FOR: Record<string, string> = { ed25519: 'attest-ed25519', 'ecdsa-p256': 'attest-p256', 'ml-dsa-65': 'attest-ml-dsa-65' };

const productFile = (name: string) => join(BUILD, 'agents', name, 'product.json');
export const agentOf = (p: Product): AgentBuild =>
  ({ ...productAgent(p.name, p.devices), linear_memory_bytes: p.linear_memory_bytes, stack_bytes: p.stack_bytes });

/** Host kernels named with --kernels (ids, families or device kernels, as for profile). */
export function kernelsNamed(names: string[]): KernelSpec[] {
  return KERNELS.filter((k) => names.some((n) => selects(k, n)));
}

/** The kernels the verdict chooses (or, where nothing passes, comes closest with) for each of
 *  the profile's needs on the results' board, plus the DICE attestation kernel of the
 *  attestation need's key when the profile asks for attestation. */
export function kernelsForRequirements(profile: RequirementProfile, results: ResultsFile): { kernels: KernelSpec[]; notes: string[] } {
  const notes: string[] = [];
  const ids = new Set<string>();
  for (const v of checkRequirements(profile, [results])) {
    if (!profile.needs.some((n) => n.id === v.need) || v.kind === 'hardware') continue;
    const pick = v.choice ?? v.closest;
    if (!pick) { notes.push(`${v.need}: nothing chosen (${v.reasons[0] ?? 'no candidate measured'}); no kernel for it`); continue; }
    notes.push(`${v.need}: ${pick.algorithm} (${v.choice ? `verdict ${v.status}` : 'closest, nothing passes'})`);
    pick.kernels.forEach((k) => ids.add(k));
    if (v.kind === 'attestation') {
      const attest = pick.kernels.map((k) => ATTEST_FOR[k]).find(Boolean);
      ids.add(attest ?? 'attest-ed25519');
      notes.push(`attestation: DICE + EAT with ${attest ?? 'attest-ed25519'}${attest ? '' : ` (no DICE kernel for ${pick.algorithm}; Ed25519 used)`}`);
    }
  }
  if (profile.needs.some((n) => n.kind === 'attestation') && ![...ids].some((k) => k.startsWith('attest-'))) {
    ids.add('attest-ed25519');
    notes.push('attestation: DICE + EAT with attest-ed25519 (the attestation need has no measured signature)');
  }
  if (!ids.size) throw new CapmarkError('NO_KERNELS', `${profile.id}: the verdict on ${results.board} chose no algorithm for any need; profile the board with the kernels the needs can use first`);
  return { kernels: KERNELS.filter((k) => ids.has(k.id)), notes };
}

const pow2AtLeast = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(n, 1)));

/** Builds the product's agent.wasm, sizes its linear memory (static data + the largest kernel
 *  heap of its ops, on the ops' own cases in Node) and stack (results' stack_bytes, when the
 *  results measured every op), and records it in build/agents/<name>/product.json. */
export async function planProduct(name: string, kernels: KernelSpec[], from: { requirements?: string; results?: ResultsFile; resultsFile?: string; notes?: string[] } = {}): Promise<Product> {
  const devices = [...new Set(kernels.map((k) => k.device))];
  const wasm = buildWasm(productAgent(name, devices));
  const client = new AgentClient(await inProcessLink(wasm));
  const hello = await client.hello();
  await client.close();
  const ids = kernels.map((k) => k.id);
  const { items } = makePlan(hello, { kernels: ids, devices });
  const fp = await measureFootprints(items, wasm);
  const heap = Math.max(0, ...[...fp.items.values()].map((f) => f.heap_bytes));
  const staticBytes = hello.memoryBytes - hello.heapBytes;
  const need = staticBytes + heap;
  const linear = Math.max(PAGE, pow2AtLeast(need));
  const notes = [...(from.notes ?? []),
    `linear memory ${linear} B: static data and buffers ${staticBytes} B + largest kernel heap ${heap} B (the ops' cases in Node) = ${need} B, rounded up to a power of two${linear === PAGE && need < PAGE ? ' (one 64 KiB WebAssembly page at least)' : ''}`];
  let stack: number | undefined;
  const measured = from.results?.measurements.filter((m) => ids.includes(m.kernel) && m.stack_bytes !== undefined) ?? [];
  const unmeasured = ids.filter((id) => !measured.some((m) => m.kernel === id));
  if (measured.length && !unmeasured.length) {
    const deepest = Math.max(...measured.map((m) => m.stack_bytes!));
    stack = Math.ceil((deepest + FIRMWARE_FRAMES_BYTES) / 256) * 256;
    notes.push(`stack ${stack} B: deepest measured op ${deepest} B (stack painting, ${from.resultsFile ?? 'results'}) + ${FIRMWARE_FRAMES_BYTES} B for the firmware's own frames`);
  } else {
    notes.push(`stack: the board's (${unmeasured.length ? `no measured stack for ${unmeasured.join(', ')}` : 'no results given'})`);
  }
  const product: Product = { name, kernels: ids, devices, requirements: from.requirements, results: from.resultsFile, linear_memory_bytes: linear, stack_bytes: stack, notes };
  mkdirSync(join(BUILD, 'agents', name), { recursive: true });
  writeFileSync(productFile(name), `${JSON.stringify(product, null, 2)}\n`);
  return product;
}

/** The product agent `name` that `capmark build --requirements/--kernels` made. */
export function loadProduct(name: string): Product {
  const file = productFile(name);
  if (!existsSync(file)) throw new CapmarkError('UNKNOWN_AGENT', `no per-product agent "${name}" (${file} missing): make it with capmark build --requirements <profile> or --kernels a,b`);
  return JSON.parse(readFileSync(file, 'utf8')) as Product;
}
