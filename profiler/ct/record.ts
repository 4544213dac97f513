// Keeps the findings in the board's results file (constant_time[], one record per op): an
// existing file keeps its measurements and the records of ops not checked this time; without
// one, a file holding only the records is started (status partial: nothing measured yet).
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Board } from '../boards/index.ts';
import type { FirmwareManifest } from '../build/index.ts';
import { RESULTS_SCHEMA, readResults, resultsPath, writeResults, type ConstantTimeRecord, type ResultsFile } from '../results/index.ts';
import type { BoardReport } from './board.ts';
import type { OpReport } from './check.ts';

/** The record of one op; none for ops that were not checked or failed to run. */
export function toRecord(r: OpReport): ConstantTimeRecord | undefined {
  if (r.status === 'unchecked' || r.status === 'failed') return undefined;
  return {
    kernel: r.kernel, op: r.op, status: r.status, secrets: r.secrets,
    ...(r.diverged ? { diverged: r.diverged, location: r.location } : {}),
    ...(r.operandDependent ? { operand_dependent_instructions: r.operandDependent.instructions } : {}), detail: r.detail,
  };
}

const sameOp = (a: { kernel: string; op: string }, b: { kernel: string; op: string }) => a.kernel === b.kernel && a.op === b.op;

/** Writes the report's records into `file` (atomically); returns the file. */
export function recordResults(report: BoardReport, board: Board, fw: FirmwareManifest, file = resultsPath(report.board)): string {
  const records = report.ops.map(toRecord).filter((r): r is ConstantTimeRecord => r !== undefined);
  const now = new Date();
  const base: ResultsFile = existsSync(file) ? readResults(file) : {
    schema: RESULTS_SCHEMA, board: report.board, status: 'partial',
    partial_reason: 'only the constant-time check ran (capmark ct); capmark profile measures the kernels',
    started_at: new Date(now.getTime() - report.ms).toISOString(), finished_at: now.toISOString(), duration_ms: report.ms,
    conditions: {
      transport: 'qemu', qemu_machine: board.qemu.machine, qemu_version: report.qemuVersion, icount: 'shift=0 (1 instruction = 1 ns of virtual time)',
      compiler: fw.compiler, cflags: fw.cflags, runtime: `${fw.wasm2c} bounds=${fw.bounds}`, clock_hz: board.clock_hz,
      core: board.core, linear_memory_bytes: fw.fit.linear_memory_bytes, host: hostname(),
    },
    capability: { hostable: true, verdict: `hosts the agent with ${fw.fit.linear_memory_bytes} B of linear memory` },
    measurements: [],
  };
  const kept = (base.constant_time ?? []).filter((old) => !records.some((r) => sameOp(r, old)));
  return writeResults({ ...base, constant_time: [...kept, ...records] }, file);
}
