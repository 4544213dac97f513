// The constant-time records in a results file: a file is started when there is none (status
// partial, no measurements) and valid; a second run replaces the records of the ops it checked
// and keeps the others; ops that were not checked or failed leave no record.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import type { FirmwareManifest } from '../../profiler/build/index.ts';
import type { BoardReport, OpReport } from '../../profiler/ct/index.ts';
import { recordResults } from '../../profiler/ct/record.ts';
import { readResults } from '../../profiler/results/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'capmark-ct-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const board = boardById('mps2-an386', loadBoards());
const fw = {
  board: board.id, key: 'k', bounds: 'mask', compiler: 'gcc 12.2.1', wasm2c: 'wasm2c 1.0.32', cflags: '-O2',
  fit: { hostable: true, linear_memory_bytes: 1048576 },
} as unknown as FirmwareManifest;
const op = (kernel: string, name: string, status: OpReport['status'], extra: Partial<OpReport> = {}): OpReport =>
  ({ kernel, op: name, status, secrets: 4, cases: 4, detail: `${status} detail`, ms: 1, ...extra });
const report = (ops: OpReport[]): BoardReport => ({
  board: board.id, core: board.core, hostable: true, qemuVersion: '7.2.22', secrets: 4, control: [op('ct-control', 'compare', 'leaks')],
  ops, untraced: [], ms: 1000,
});

describe('constant-time records', () => {
  const file = join(dir, 'mps2-an386.json');
  it('start a valid results file holding only them when there is none', () => {
    recordResults(report([
      op('x25519', 'shared', 'trace-equal'),
      op('ml-dsa-44', 'sign', 'allowed-variation', { diverged: 'instruction-trace', location: 'wasm/kernels/mldsa.ts run (w2c+0x10)' }),
      op('attest-p256', 'device-id', 'unchecked'), op('aes-128-gcm', 'decrypt', 'failed'),
    ]), board, fw, file);
    const r = readResults(file);
    expect(r.status).toBe('partial');
    expect(r.partial_reason).toMatch(/only the constant-time check ran/);
    expect(r.measurements).toEqual([]);
    expect(r.conditions).toMatchObject({ transport: 'qemu', qemu_version: '7.2.22', clock_hz: board.clock_hz, core: 'cortex-m4' });
    expect(r.constant_time).toEqual([
      { kernel: 'x25519', op: 'shared', status: 'trace-equal', secrets: 4, detail: 'trace-equal detail' },
      { kernel: 'ml-dsa-44', op: 'sign', status: 'allowed-variation', secrets: 4, diverged: 'instruction-trace', location: 'wasm/kernels/mldsa.ts run (w2c+0x10)', detail: 'allowed-variation detail' },
    ]);
  });
  it('replace the records of the ops checked again and keep the rest', () => {
    recordResults(report([op('x25519', 'shared', 'leaks', { diverged: 'data-trace', location: 'somewhere' })]), board, fw, file);
    const r = readResults(file);
    expect(r.constant_time!.map((c) => `${c.kernel} ${c.op} ${c.status}`)).toEqual(['ml-dsa-44 sign allowed-variation', 'x25519 shared leaks']);
  });
});
