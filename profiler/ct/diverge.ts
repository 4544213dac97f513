// Where two traces first differ, from the tracing plugin's diagnosis dumps: checkpoints (the
// hash after every n entries) narrow it to a window of n entries, and the entries of that
// window, dumped in a second run, give the exact instruction or access.
import type { Locate } from './symbols.ts';
import type { TraceKind } from './trace.ts';

export interface Checkpoint { count: number; hash: string }
export interface InsnEntry { index: number; pc: number }
export interface DataEntry { index: number; pc: number; addr: number; bytes: number; rw: 'r' | 'w' }

export interface Dump {
  insnCheckpoints: Checkpoint[];
  dataCheckpoints: Checkpoint[];
  insns: InsnEntry[];
  data: DataEntry[];
}

/** Parses a dump file (trace.c: "i|d <count> <hash>", "I <index> <pc>", "D <index> <pc> <addr> <bytes> <r|w>"). */
export function parseDump(text: string): Dump {
  const d: Dump = { insnCheckpoints: [], dataCheckpoints: [], insns: [], data: [] };
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'i' || f[0] === 'd') (f[0] === 'i' ? d.insnCheckpoints : d.dataCheckpoints).push({ count: Number(f[1]), hash: f[2] });
    else if (f[0] === 'I') d.insns.push({ index: Number(f[1]), pc: parseInt(f[2], 16) });
    else if (f[0] === 'D') d.data.push({ index: Number(f[1]), pc: parseInt(f[2], 16), addr: parseInt(f[3], 16), bytes: Number(f[4]), rw: f[5] as 'r' | 'w' });
  }
  return d;
}

/** The number of leading entries the two traces certainly share: the last count at which
 *  both have a checkpoint with the same hash, before the first at which they differ. */
export function sharedPrefix(a: Checkpoint[], b: Checkpoint[]): number {
  const other = new Map(b.map((c) => [c.count, c.hash]));
  let shared = 0;
  for (const c of [...a].sort((x, y) => x.count - y.count)) {
    const h = other.get(c.count);
    if (h === undefined) continue;
    if (h !== c.hash) break;
    shared = c.count;
  }
  return shared;
}

/** The first divergence within two dumped windows: for the instruction trace, the last shared
 *  instruction (the branch that went two ways) and where each run went next; for the data
 *  trace, the instruction whose access differs and the two accesses. */
export interface Divergence {
  kind: TraceKind;
  /** Entry index (from the start of the region) of the first difference. */
  index: number;
  /** The instruction to blame. */
  pc: number;
  /** What each run did there: next instruction address, or the access; "end" when it had returned. */
  a: string;
  b: string;
}

const hex = (n: number) => `0x${n.toString(16)}`;
const access = (e?: DataEntry) => (e ? `${e.rw === 'w' ? 'write' : 'read'} of ${e.bytes} B at ${hex(e.addr)}` : 'end');
const sameAccess = (x: DataEntry, y: DataEntry) => x.addr === y.addr && x.bytes === y.bytes && x.rw === y.rw;

export function firstDivergence(kind: TraceKind, a: Dump, b: Dump): Divergence | undefined {
  if (kind === 'instruction-trace') {
    const at = new Map(b.insns.map((e) => [e.index, e.pc]));
    for (const [i, e] of a.insns.entries()) {
      if (at.get(e.index) === e.pc) continue;
      const prev = a.insns[i - 1] ?? e;
      return { kind, index: e.index, pc: prev.pc, a: hex(e.pc), b: at.has(e.index) ? hex(at.get(e.index)!) : 'end' };
    }
    const seen = new Set(a.insns.map((e) => e.index));
    const extra = b.insns.find((e) => !seen.has(e.index));
    if (extra) return { kind, index: extra.index, pc: a.insns[a.insns.length - 1]?.pc ?? extra.pc, a: 'end', b: hex(extra.pc) };
    return undefined;
  }
  const at = new Map(b.data.map((e) => [e.index, e]));
  for (const e of a.data) {
    const o = at.get(e.index);
    if (o && sameAccess(e, o)) continue;
    return { kind, index: e.index, pc: e.pc, a: access(e), b: access(o) };
  }
  const seen = new Set(a.data.map((e) => e.index));
  const extra = b.data.find((e) => !seen.has(e.index));
  return extra ? { kind, index: extra.index, pc: extra.pc, a: 'end', b: access(extra) } : undefined;
}

/** A dumped window as text, one entry per line with the function it ran in (capmark ct --dump). */
export function formatWindow(d: Dump, locate: Locate): string {
  const where = (pc: number) => { const l = locate(pc); return l ? `${l.symbol}+0x${l.offset.toString(16)}` : '?'; };
  return [
    ...d.insns.map((e) => `insn ${e.index} ${hex(e.pc)} ${where(e.pc)}`),
    ...d.data.map((e) => `data ${e.index} ${hex(e.pc)} ${access(e)} ${where(e.pc)}`),
  ].join('\n') + '\n';
}
