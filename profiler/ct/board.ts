// `capmark ct` on one virtual board: build its firmware, trace the positive control (the
// check must catch it, each leak by the right trace) and then every secret op, restarting the
// board when it goes down, and keep the results.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardById, loadBoards } from '../boards/index.ts';
import { buildAll, coreOf } from '../build/index.ts';
import { CapmarkError, isCapmarkError } from '../errors.ts';
import { CT_CONTROL, KERNELS, type FunctionNote, type KernelSpec } from '../kernels/index.ts';
import { checkOp, type OpReport } from './check.ts';
import { secretOps, type CtOp } from './cases.ts';
import { TraceBoard } from './run.ts';
import { recordResults } from './record.ts';
import { readSymbols } from './symbols.ts';
import type { TraceKind } from './trace.ts';

export interface CtOptions {
  /** Kernel ids, id prefixes or device names, as for `capmark profile --kernels`. */
  kernels?: string[];
  secrets?: number;
  dumpDir?: string;
  /** Results file to record into (default results/<board>.json); false: record nothing. */
  out?: string | false;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface BoardReport {
  board: string;
  core: string;
  hostable: boolean;
  /** Why the board cannot host the agent. */
  reason?: string;
  qemuVersion?: string;
  secrets: number;
  /** The positive control's ops; each must leak through the trace named in CONTROL_EXPECTED. */
  control: OpReport[];
  ops: OpReport[];
  ms: number;
  /** Functions left out of every trace on this run (the checked ops' untraced, resolved). */
  untraced: { symbols: string[]; reason: string }[];
  /** The results file the records went to. */
  file?: string;
}

/** Which trace must catch each op of the positive control (wasm/kernels/ct-control.ts). */
export const CONTROL_EXPECTED: Record<string, TraceKind> = { compare: 'instruction-trace', lookup: 'data-trace' };

export const DEFAULT_SECRETS = 16;

/** Errors after which the board must be restarted (as in profiler/profile/run.ts). */
const BOARD_DOWN = new Set(['NO_ANSWER', 'BOARD_FAULT', 'BOARD_EXITED', 'NO_TRACE', 'LINK_WRITE']);

/** The registry kernels a --kernels filter names; a name that matches none is an error. */
export function selectKernels(filter?: string[], specs: KernelSpec[] = KERNELS): KernelSpec[] {
  if (!filter) return specs;
  const hits = (f: string) => specs.filter((k) => k.id === f || k.id.startsWith(`${f}-`) || k.device === f);
  const unknown = filter.filter((f) => hits(f).length === 0);
  if (unknown.length) throw new CapmarkError('UNKNOWN_KERNEL', `--kernels: no kernel ${unknown.map((u) => `"${u}"`).join(', ')} (kernel ids are listed in the results of capmark profile, e.g. aes-128-gcm, x25519, ml-kem-768)`);
  return specs.filter((k) => filter.some((f) => hits(f).includes(k)));
}

/** The untraced functions of these ops, each once. */
const untracedOf = (ops: CtOp[]): FunctionNote[] =>
  [...new Map(ops.flatMap((o) => o.cases?.untraced ?? []).map((u) => [u.functions.source, u])).values()];

/** Whether the control was caught: each op leaks, through the expected trace. */
export const controlCaught = (r: BoardReport) =>
  r.control.length === Object.keys(CONTROL_EXPECTED).length && r.control.every((c) => c.status === 'leaks' && c.diverged === CONTROL_EXPECTED[c.op]);

export async function checkBoard(boardId: string, o: CtOptions = {}): Promise<BoardReport> {
  const t0 = Date.now();
  const board = boardById(boardId, loadBoards());
  const secrets = o.secrets ?? DEFAULT_SECRETS;
  if (!Number.isInteger(secrets) || secrets < 2) throw new CapmarkError('USAGE', `secrets must be an integer >= 2 (two to compare), got ${secrets}`);
  const specs = selectKernels(o.kernels);
  const { firmware } = await buildAll([board]);
  const fw = firmware.get(board.id)!;
  const report: BoardReport = { board: board.id, core: board.core, hostable: fw.fit.hostable, secrets, control: [], ops: [], untraced: [], ms: 0 };
  if (!fw.fit.hostable) {
    report.reason = `cannot host the agent: short by ${fw.fit.shortfall_bytes} B of RAM`;
    return { ...report, ms: Date.now() - t0 };
  }
  const symbols = readSymbols(fw.elf!, coreOf(board).arch);
  const todo = [...secretOps([CT_CONTROL]), ...secretOps(specs)];
  const untraced = untracedOf(todo);
  report.untraced = untraced.map((u) => ({ symbols: symbols.ranges(u.functions).map((r) => r.name), reason: u.reason }));
  const skip = untraced.flatMap((u) => symbols.ranges(u.functions));
  const dir = mkdtempSync(join(tmpdir(), 'capmark-ct-'));
  let target: TraceBoard | undefined;
  try {
    target = await TraceBoard.open(board, fw, dir, skip);
    report.qemuVersion = target.qemuVersion;
    for (const [i, op] of todo.entries()) {
      o.onProgress?.(i, todo.length, `${op.spec.id} ${op.op.op}`);
      let r: OpReport;
      try {
        r = await checkOp({ board, target, locate: symbols.locate, secrets, dumpDir: o.dumpDir }, op);
      } catch (e) {
        if (!isCapmarkError(e)) throw e;
        r = { kernel: op.spec.id, op: op.op.op, status: 'failed', secrets, cases: 0, detail: `${e.code}: ${e.message}`, ms: 0 };
        if (BOARD_DOWN.has(e.code)) { await target.close(); target = await TraceBoard.open(board, fw, dir, skip); }
      }
      (op.spec === CT_CONTROL ? report.control : report.ops).push(r);
    }
    o.onProgress?.(todo.length, todo.length, 'done');
  } finally {
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.ms = Date.now() - t0;
  if (o.out !== false) report.file = recordResults(report, board, fw, o.out);
  return report;
}
