// The check of one op: run every case, compare the traces within each group, and for every
// distinct difference find where it starts; a difference in a function the spec allows (a
// documented variation on public data or a rejection loop) is allowed, any other is a leak.
// Equal traces that run instructions of operand-dependent latency on this core are reported
// as such (operand.ts), not as a clean pass.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '../boards/index.ts';
import { casesFor, type CtCase, type CtOp } from './cases.ts';
import { firstDivergence, formatWindow, sharedPrefix, type Divergence, type Dump } from './diverge.ts';
import type { TraceBoard } from './run.ts';
import { describeOperandDependent, operandDependentOf, whereOperandDependent, withoutPublicDivides, type OperandDependent } from './operand.ts';
import { baseSymbol, describeLocation, type Locate } from './symbols.ts';
import { differences, distinctTraces, type Difference, type Trace, type TraceKind } from './trace.ts';

export type OpStatus = 'trace-equal' | 'operand-dependent' | 'leaks' | 'allowed-variation' | 'unchecked' | 'failed';

export interface OpReport {
  kernel: string;
  op: string;
  status: OpStatus;
  /** What was varied (the spec's words). */
  secret?: string;
  secrets: number;
  cases: number;
  /** Instructions per traced run (min and max over the cases; exact, from the plugin). */
  instructions?: { min: number; max: number };
  distinct?: number;
  /** Instructions of operand-dependent latency on this core per run (the most over the cases). */
  operandDependent?: OperandDependent;
  /** The first leak, or the first allowed divergence. */
  diverged?: TraceKind;
  location?: string;
  detail: string;
  /** Wall-clock time to trace the op (and to locate its divergences). */
  ms: number;
}

/** Entries between the plugin's checkpoints: the window dumped to find a divergence. */
const CHECKPOINT_EVERY = 4096;

export interface CheckContext {
  board: Board;
  target: TraceBoard;
  locate: Locate;
  secrets: number;
  /** Write the dumped windows of every located divergence here. */
  dumpDir?: string;
}

type Traced = CtCase & { trace: Trace; checkpoints: Dump };

export async function checkOp(ctx: CheckContext, o: CtOp): Promise<OpReport> {
  const t0 = Date.now();
  const base = { kernel: o.spec.id, op: o.op.op, secrets: 0, cases: 0 };
  if (!o.cases) return { ...base, status: 'unchecked', detail: o.unchecked!, ms: 0 };
  const ids = ctx.target.ids(o.spec.device, o.op.op);
  if (!ids) return { ...base, status: 'failed', detail: `the agent on this board has no ${o.spec.device}:${o.op.op} (older firmware?)`, ms: 0 };
  // As capmark profile's plan skips it: the op cannot run in this board's linear memory.
  const heap = ctx.target.hello.heapBytes;
  if (o.op.heapBytes !== undefined && o.op.heapBytes > heap) {
    return { ...base, status: 'unchecked', detail: `needs ${o.op.heapBytes} B of kernel heap, the agent has ${heap} B on this board (short by ${o.op.heapBytes - heap} B)`, ms: 0 };
  }

  const cases = casesFor(o.spec, o.op, o.cases, ctx.secrets);
  // One untraced run first, so that no case meets first-call state (the attestation kernel
  // derives and caches its keys on its first call after boot). Each case then starts from the
  // state the one before left: state carried over from another secret would show too.
  await ctx.target.run(ids, cases[0].case);
  const traced: Traced[] = [];
  for (const c of cases) {
    const r = await ctx.target.run(ids, c.case, { every: CHECKPOINT_EVERY });
    if (!r.ok) return { ...base, secrets: ctx.secrets, cases: cases.length, status: 'failed', detail: `secret ${label(c)}: wrong output (${r.reason})`, ms: Date.now() - t0 };
    traced.push({ ...c, trace: r.trace, checkpoints: r.dump! });
  }
  const insns = traced.map((c) => c.trace.insns);
  const sites = traced[0].trace.sites;
  const pub = withoutPublicDivides(mostPerClass(traced.map((c) => c.trace.classes)), sites, ctx.locate);
  const od = operandDependentOf(ctx.board.core, pub.classes);
  const summary = {
    ...base, secret: o.cases.secret, secrets: ctx.secrets, cases: cases.length,
    instructions: { min: Math.min(...insns), max: Math.max(...insns) }, distinct: distinctTraces(traced.map((c) => c.trace)),
    ...(od?.instructions ? { operandDependent: od } : {}),
  };
  const publicDivides = pub.left
    ? `; ${pub.left} divides of public values left out (${pub.reasons.join('; ')})` : '';
  const butOperands = (od?.instructions
    ? `; but ${describeOperandDependent(ctx.board.core, od)}${sites ? `; ${whereOperandDependent(od, sites, ctx.locate)}` : ''}` : '') + publicDivides;
  const v = o.cases.variants;
  const over = `${ctx.secrets} secrets${v ? ` x ${v.length} variants (${v.join(', ')}; ${o.cases.variantsAlike ? 'all alike' : 'each with itself'})` : ''}`;

  const diffs = differences(traced);
  if (!diffs.length) {
    return { ...summary, status: od?.instructions ? 'operand-dependent' : 'trace-equal', detail: `identical instruction and data traces over ${over}${butOperands}`, ms: Date.now() - t0 };
  }
  const reasons: string[] = [];
  let first: { kind: TraceKind; where: string } | undefined;
  const windows = new Map<string, Dump>();
  for (const d of diffs) {
    const div = await locate(ctx, ids, d, `${o.spec.id}-${o.op.op}`, windows);
    const loc = div && ctx.locate(div.pc);
    const where = div ? describeLocation(div.pc, loc) : 'not located (the dumped windows agree)';
    const allowed = loc && o.cases.allowed?.find((a) => a.functions.test(baseSymbol(loc.symbol)));
    if (!allowed) {
      const next = div ? `; next ${div.kind === 'instruction-trace' ? 'instruction' : 'access'}: ${div.a} vs ${div.b}` : '';
      return {
        ...summary, status: 'leaks', diverged: d.kind, location: where,
        detail: `the ${d.kind} differs between secret ${label(d.reference)} and ${label(d.other)} (${over}): first at ${where}${next}${butOperands}`,
        ms: Date.now() - t0,
      };
    }
    first ??= { kind: d.kind, where };
    if (!reasons.includes(allowed.reason)) reasons.push(allowed.reason);
  }
  return {
    ...summary, status: 'allowed-variation', diverged: first!.kind, location: first!.where,
    detail: `${summary.distinct} distinct traces over ${over}, each parting first where the kernel allows it: ${reasons.join('; ')}${butOperands}`,
    ms: Date.now() - t0,
  };
}

/** Per class, the most any case ran (equal traces run equal classes; others differ a little). */
function mostPerClass(runs: Record<string, number>[]): Record<string, number> {
  const most: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of Object.entries(r)) most[k] = Math.max(most[k] ?? 0, n);
  return most;
}

const label = (c: CtCase) => (c.variant === '-' ? `"${c.secret}"` : `"${c.secret}" (${c.variant})`);

/** Where a difference starts: the checkpoints of both runs give the last entry they surely
 *  share; a second run of each dumps the window after it, and the two windows part exactly.
 *  `windows` keeps the reference's windows, which several differences may share. */
async function locate(ctx: CheckContext, ids: { kernel: number; op: number }, d: Difference<Traced>, name: string, windows: Map<string, Dump>): Promise<Divergence | undefined> {
  const insn = d.kind === 'instruction-trace';
  const [a, b] = [d.reference.checkpoints, d.other.checkpoints];
  const from = Math.max(0, sharedPrefix(insn ? a.insnCheckpoints : a.dataCheckpoints, insn ? b.insnCheckpoints : b.dataCheckpoints) - 1);
  const window = { window: CHECKPOINT_EVERY + 2, ...(insn ? { insnFrom: from } : { dataFrom: from }) };
  const key = `${d.reference.secret}/${d.reference.variant}/${d.kind}/${from}`;
  if (!windows.has(key)) windows.set(key, (await ctx.target.run(ids, d.reference.case, window)).dump!);
  const wa = windows.get(key)!;
  const wb = (await ctx.target.run(ids, d.other.case, window)).dump!;
  if (ctx.dumpDir) {
    const tag = (c: CtCase) => `${c.secret}${c.variant === '-' ? '' : `-${c.variant}`}`;
    const file = `${ctx.board.id}-${name}-${tag(d.reference)}-vs-${tag(d.other)}`.replace(/[^A-Za-z0-9.-]+/g, '_');
    writeFileSync(join(ctx.dumpDir, `${file}.txt`), `# ${d.kind} from entry ${from}\n# secret ${label(d.reference)}\n${formatWindow(wa, ctx.locate)}`
      + `# secret ${label(d.other)}\n${formatWindow(wb, ctx.locate)}`);
  }
  return firstDivergence(d.kind, wa, wb);
}
