// The terminal report of `capmark ct`: per board, the positive control's outcome, one line per
// secret op (with where and why for anything but trace-equal), and a count.
import { controlCaught, CONTROL_EXPECTED, type BoardReport } from './board.ts';
import type { OpReport } from './check.ts';

const int = (n: number) => n.toLocaleString('en-US');
const range = (r?: { min: number; max: number }) => (!r ? '' : r.min === r.max ? int(r.min) : `${int(r.min)}-${int(r.max)}`);
const STATUS_TEXT: Record<OpReport['status'], string> = {
  'trace-equal': 'trace-equal', 'operand-dependent': 'operand-dependent', leaks: 'LEAKS', 'allowed-variation': 'allowed-variation', unchecked: 'not checked', failed: 'FAILED',
};

function opLines(r: OpReport): string[] {
  const line = `  ${r.kernel.padEnd(22)} ${r.op.padEnd(11)} ${STATUS_TEXT[r.status].padEnd(17)} ${String(r.cases || '-').padStart(5)} ${range(r.instructions).padStart(23)} ${(r.ms / 1000).toFixed(1).padStart(6)}`;
  return r.status === 'trace-equal' ? [line] : [line, `      ${r.detail}`];
}

export function formatBoard(r: BoardReport): string {
  if (!r.hostable) return `${r.board} (${r.core}): ${r.reason}; not checked`;
  const ok = controlCaught(r);
  const expected = Object.entries(CONTROL_EXPECTED).map(([op, trace]) => `${op} by the ${trace}`).join(', ');
  const counts = new Map<string, number>();
  for (const o of r.ops) counts.set(STATUS_TEXT[o.status], (counts.get(STATUS_TEXT[o.status]) ?? 0) + 1);
  const cases = [...r.control, ...r.ops].reduce((n, o) => n + o.cases, 0);
  return [
    `${r.board} (${r.core}), QEMU ${r.qemuVersion ?? '?'} -icount shift=0: ${r.secrets} secrets per op; instruction and data-address traces exact-emulated (TCG plugin)`,
    `  ${'kernel'.padEnd(22)} ${'op'.padEnd(11)} ${'result'.padEnd(17)} ${'cases'.padStart(5)} ${'instructions per run'.padStart(23)} ${'s'.padStart(6)}`,
    ...r.control.flatMap(opLines),
    `  positive control ${ok ? 'caught' : 'NOT CAUGHT: THE CHECK DOES NOT WORK ON THIS BOARD'} (it must leak: ${expected})`,
    ...r.untraced.map((u) => `  left out of every trace: ${u.symbols.join(', ') || 'no function (none matches)'}: ${u.reason}`),
    ...r.ops.flatMap(opLines),
    `  ${r.ops.length} secret ops: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}; ${int(cases)} traced runs in ${(r.ms / 1000).toFixed(0)} s (build included)`,
  ].join('\n');
}

/** Real leaks, failures, or a control the check did not catch: `capmark ct` exits 1. */
export const boardFails = (r: BoardReport) =>
  r.hostable && (!controlCaught(r) || r.ops.some((o) => o.status === 'leaks' || o.status === 'failed'));
