// The terminal table printed after a profile run: one line per measurement, every number
// with its method, the conditions above it.
import type { ResultsFile } from '../results/types.ts';

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));

export function resultsTable(r: ResultsFile): string {
  const c = r.conditions;
  const lines = [
    `board ${r.board}: ${r.capability.verdict}`,
    `conditions: ${c.transport}${c.qemu_version ? ` (QEMU ${c.qemu_version}, icount ${c.icount})` : ''}; runtime ${c.runtime ?? '-'}; ${c.compiler ?? ''}; clock ${fmt(c.clock_hz)} Hz` +
      (c.baseline_instructions !== undefined ? `; baseline ${c.baseline_instructions} instructions subtracted` : ''),
  ];
  if (!r.measurements.length) return lines.join('\n');
  const rows = [['kernel', 'op', 'param', 'instructions', 'instr/B', 'cycles', 'band', 'time µs', 'stack B', 'verified']];
  for (const m of r.measurements) {
    if (m.kernel === 'null') continue;
    rows.push([
      m.kernel, m.op, m.param_name === 'msg_bytes' ? `${m.param} B` : '-',
      m.status === 'ok' ? fmt(m.instructions?.median) : m.status,
      fmt(m.instructions_per_byte, 1), fmt(m.cycles?.median), m.cycles?.band ? `${m.cycles.band.low_pct}/+${m.cycles.band.high_pct}%` : '-', fmt(m.time_us?.median, 1), fmt(m.stack_bytes),
      m.status === 'ok' ? (m.output_verified ? 'yes' : 'no') : (m.reason ?? '').slice(0, 60),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const methods = new Set(r.measurements.flatMap((m) => [m.instructions?.method, m.cycles?.method]).filter(Boolean));
  lines.push(...rows.map((row) => row.map((cell, i) => (i < 3 || i === 9 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')));
  const cycles = r.measurements.find((m) => m.cycles)?.cycles;
  lines.push(`medians; instructions ${[...methods].includes('exact-emulated') ? 'exact-emulated (QEMU counting plugin)' : '-'}; cycles ${cycles?.method ?? '-'} (${cycles?.source ?? ''})` +
    (cycles?.band ? `; band: how far silicon may differ, time and energy alike (${cycles.band.basis})` : ''));
  return lines.join('\n');
}
