// The terminal table printed after a profile run: one line per measurement, every number
// with its method, the conditions above it.
import type { ResultsFile } from '../results/types.ts';
import { kernelById } from '../kernels/index.ts';
import { bandText, bytes } from '../util/format.ts';

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));

/** Kinds whose cost grows with the data: a per-byte figure means something for them only
 *  (a signature's message is hashed once; its cost is per message). */
const BULK_KINDS = new Set(['hash', 'xof', 'mac', 'kdf', 'cipher', 'aead']);
const perByte = (m: ResultsFile['measurements'][number]) => BULK_KINDS.has(kernelById(m.kernel)?.kind ?? '');

/** What the param column shows: the message size, the case a variant measures, or '-'. */
const paramCell = (m: ResultsFile['measurements'][number]) =>
  [m.param_name === 'msg_bytes' ? `${m.param} B` : '', m.variant ?? ''].filter(Boolean).join(', ') || '-';

export function resultsTable(r: ResultsFile): string {
  const c = r.conditions;
  const lines = [
    `board ${r.board}: ${r.capability.verdict}`,
    `conditions: ${c.transport}${c.qemu_version ? ` (QEMU ${c.qemu_version}, icount ${c.icount})` : ''}; runtime ${c.runtime ?? '-'}; ${c.compiler ?? ''}; clock ${fmt(c.clock_hz)} Hz` +
      (c.baseline_instructions !== undefined ? `; baseline ${c.baseline_instructions} instructions subtracted` : ''),
  ];
  if (!r.measurements.length) return lines.join('\n');
  const rows = [['kernel', 'op', 'param', 'instructions', 'instr/B', 'cycles', 'band', 'time µs', 'stack', 'working set', 'code', 'verified']];
  for (const m of r.measurements) {
    if (m.kernel === 'null') continue;
    rows.push([
      m.kernel, m.op, paramCell(m),
      m.status === 'ok' ? fmt(m.instructions?.median) : m.status,
      perByte(m) ? fmt(m.instructions_per_byte, 1) : '-', fmt(m.cycles?.median), bandText(m.cycles?.band) ?? '-', fmt(m.time_us?.median, 1),
      m.stack_bytes === undefined ? '-' : bytes(m.stack_bytes), m.working_set_bytes === undefined ? '-' : bytes(m.working_set_bytes),
      m.code_bytes === undefined ? '-' : bytes(m.code_bytes + (m.const_bytes ?? 0)),
      m.status === 'ok' ? (m.output_verified ? 'yes' : 'no') : (m.reason ?? ''),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const last = rows[0].length - 1;
  const methods = new Set(r.measurements.flatMap((m) => [m.instructions?.method, m.cycles?.method]).filter(Boolean));
  lines.push(...rows.map((row) => row.map((cell, i) => (i < 3 || i === last ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()));
  const cycles = r.measurements.find((m) => m.cycles)?.cycles;
  lines.push(`medians; instructions ${[...methods].includes('exact-emulated') ? 'exact-emulated (QEMU counting plugin)' : '-'}; cycles ${cycles?.method ?? '-'} (${cycles?.source ?? ''})` +
    (cycles?.band ? `; band: how far silicon may differ, time and energy alike (${cycles.band.basis})` : ''));
  lines.push('working set = stack + kernel heap + input + output (heap from the same agent.wasm in Node); code = flash of the code the op reaches and its constants (ELF attribution, build/footprint.ts)');
  return lines.join('\n');
}
