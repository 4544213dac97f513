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
  /** Input and output buffers, sized to the largest case input and output of its ops. */
  io: { input_bytes: number; output_bytes: number; max_frame: number };
  /** Measured (results) stack of the kernels plus the firmware's own frames; absent: the board's. */
  stack_bytes?: number;
  /** How each figure was chosen, for the build's printout. */
  notes: string[];
}

const PAGE = 65536;
/** Largest protocol frame of a per-product agent: the host splits LOAD and READ to HELLO's
 *  max_frame, and 512 B hold its HELLO; the full agent's 2048 B cost 4.5 KiB more of buffers. */
const MAX_FRAME = 512;
/** A sub-page agent's memory is a whole number of these (the heap's 16-byte blocks with room). */
const SUB_PAGE_GRAIN = 256;
/** An allowance for the frames above the painted region (main loop, protocol, bench loop, the
 *  trap path), which stack painting does not see: 1 KiB, not measured. The sub-page
 *  attestation-only agent ran every op with 2.5 KiB reserved (its painted figure: 1.1 KiB). */
const FIRMWARE_FRAMES_BYTES = 1024;
/** Attestation kernel per signature algorithm the attestation need may choose. */
const ATTEST_FOR: Record<string, string> = { ed25519: 'attest-ed25519', 'ecdsa-p256': 'attest-p256', 'ml-dsa-65': 'attest-ml-dsa-65' };

const productFile = (name: string) => join(BUILD, 'agents', name, 'product.json');
export const agentOf = (p: Product): AgentBuild =>
  ({ ...productAgent(p.name, p.devices), linear_memory_bytes: p.linear_memory_bytes, stack_bytes: p.stack_bytes, io: p.io });

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
const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

const helloOf = async (wasm: string) => {
  const client = new AgentClient(await inProcessLink(wasm));
  try { return await client.hello(); } finally { await client.close(); }
};

/** Builds the product's agent.wasm and sizes it on its ops' own cases, run in Node: input and
 *  output buffers to the largest case, linear memory to static data + the largest kernel heap
 *  (below 64 KiB a sub-page agent of exactly that, rounded up to 256 B; above, a power of two
 *  of pages), stack to the results' measured stack when they measured every op; records it in
 *  build/agents/<name>/product.json. */
export async function planProduct(name: string, kernels: KernelSpec[], from: { requirements?: string; results?: ResultsFile; resultsFile?: string; notes?: string[] } = {}): Promise<Product> {
  const devices = [...new Set(kernels.map((k) => k.device))];
  const ids = kernels.map((k) => k.id);
  const probe = buildWasm(productAgent(name, devices));
  const { items } = makePlan(await helloOf(probe), { kernels: ids, devices });
  const fp = [...(await measureFootprints(items, probe)).items.values()];
  if (!fp.length) throw new CapmarkError('NO_KERNELS', `agent ${name}: none of ${ids.join(', ')} ran on its own cases in Node`);
  // The registry's declared heap (rounded up, checked against the measured one by the kernel
  // tests) is what the profiler's plan requires of HELLO's kernel heap: the larger of the two.
  const measuredHeap = Math.max(...fp.map((f) => f.heap_bytes));
  const declaredHeap = Math.max(0, ...kernels.flatMap((k) => k.ops.map((o) => o.heapBytes ?? 0)));
  const heap = Math.max(measuredHeap, declaredHeap);
  const io = { input_bytes: roundUp(Math.max(16, ...fp.map((f) => f.input_bytes)), 16), output_bytes: roundUp(Math.max(16, ...fp.map((f) => f.output_bytes)), 16), max_frame: MAX_FRAME };
  const sized = await helloOf(buildWasm({ ...productAgent(name, devices), io }));
  const staticBytes = sized.memoryBytes - sized.heapBytes;
  const need = staticBytes + heap;
  const linear = need < PAGE ? roundUp(need, SUB_PAGE_GRAIN) : pow2AtLeast(need);
  const notes = [...(from.notes ?? []),
    `buffers: input ${io.input_bytes} B, output ${io.output_bytes} B (the largest case of its ops), frames of ${MAX_FRAME} B`,
    `linear memory ${linear} B: static data and buffers ${staticBytes} B + largest kernel heap ${heap} B (${heap === measuredHeap ? 'measured on the ops\' cases in Node' : `the registry's declared heapBytes; measured on the ops' cases in Node: ${measuredHeap} B`}) = ${need} B, ${linear < PAGE ? 'a sub-page agent (bounds=trap, docs/embedding.md)' : 'rounded up to a power of two of 64 KiB pages'}`];
  const final = await helloOf(buildWasm({ ...productAgent(name, devices), io, linear_memory_bytes: linear }));
  if (final.heapBytes < heap) throw new CapmarkError('BUILD_BROKEN', `agent ${name}: ${final.heapBytes} B of kernel heap after sizing, its ops need ${heap} B`);
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
  const product: Product = { name, kernels: ids, devices, requirements: from.requirements, results: from.resultsFile, linear_memory_bytes: linear, io, stack_bytes: stack, notes };
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
