// Traces as the tracing plugin reports them (agent/qemu-plugin/trace.c), and their
// comparison: within each group of cases, every trace must equal the group's first.

/** One op run between the marks: how many instructions and data accesses, their hashes, the
 *  traced instructions per timing class (agent/qemu-plugin/classify.h names), and each multiply
 *  and divide that ran (the plugin's line before the trace). */
export interface Trace { insns: number; insnHash: string; accesses: number; dataHash: string; classes: Record<string, number>; sites?: Sites }

/** Multiply and divide instructions by address: class and how often they ran; `lost` when the
 *  plugin's table was full (some are missing). */
export interface Sites { lost: boolean; at: { pc: number; cls: string; n: number }[] }

/** A capmark-sites line, or undefined when the line is something else. */
export function parseSitesLine(line: string): Sites | undefined {
  const words = line.trim().split(' ');
  if (words[0] !== 'capmark-sites') return undefined;
  const at = words.slice(1).flatMap((w) => {
    const m = /^([0-9a-f]+):([a-z_]+)=(\d+)$/.exec(w);
    return m ? [{ pc: parseInt(m[1], 16), cls: m[2], n: Number(m[3]) }] : [];
  });
  return { lost: words.includes('lost'), at };
}

export type TraceKind = 'instruction-trace' | 'data-trace';

const LINE = /^capmark-trace (\d+) ([0-9a-f]{16}) (\d+) ([0-9a-f]{16})((?: [a-z_]+=\d+)*)$/;

/** A plugin log line, or undefined when the line is something else. */
export function parseTraceLine(line: string): Trace | undefined {
  const m = LINE.exec(line.trim());
  if (!m) return undefined;
  const classes = Object.fromEntries(m[5].trim().split(' ').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  return { insns: Number(m[1]), insnHash: m[2], accesses: Number(m[3]), dataHash: m[4], classes };
}

/** Which trace differs first: the instruction trace (a different path, which moves the data
 *  accesses too) or, with the same path, the data trace (different addresses). */
export function traceDifference(a: Trace, b: Trace): TraceKind | undefined {
  if (a.insns !== b.insns || a.insnHash !== b.insnHash) return 'instruction-trace';
  if (a.accesses !== b.accesses || a.dataHash !== b.dataHash) return 'data-trace';
  return undefined;
}

export const sameTrace = (a: Trace, b: Trace) => traceDifference(a, b) === undefined;

/** A case whose trace differs from its group's first case (the reference). */
export interface Difference<T> { reference: T; other: T; kind: TraceKind }

/**
 * Compares each case with the first of its group. One difference per distinct trace: cases
 * that share a trace need no second look.
 */
export function differences<T extends { group: string; trace: Trace }>(cases: T[]): Difference<T>[] {
  const out: Difference<T>[] = [];
  const reference = new Map<string, T>();
  for (const c of cases) {
    const ref = reference.get(c.group);
    if (!ref) { reference.set(c.group, c); continue; }
    const kind = traceDifference(ref.trace, c.trace);
    if (kind && !out.some((d) => d.reference === ref && sameTrace(d.other.trace, c.trace))) out.push({ reference: ref, other: c, kind });
  }
  return out;
}

/** How many distinct traces the cases left. */
export const distinctTraces = (traces: Trace[]) =>
  new Set(traces.map((t) => `${t.insns}/${t.insnHash}/${t.accesses}/${t.dataHash}`)).size;
