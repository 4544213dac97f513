// CSV exports (RFC 4180 quoting): one file of measurements, one of verdicts.
import type { ReportModel } from './model.ts';
import { VERDICT_HEAD, verdictRows } from './text.ts';

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (head: string[], rows: unknown[][]) => [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

export const MEASUREMENT_HEAD = ['board', 'kernel', 'op', 'param_name', 'param', 'status', 'time_us', 'band', 'method', 'instructions',
  'stack_bytes', 'energy_uj', 'energy_method', 'clock_hz', 'conditions'];

export function measurementsCsv(m: ReportModel): string {
  return csv(MEASUREMENT_HEAD, m.measurements.map((r) => [r.board, r.kernel, r.op, r.param_name, r.param, r.status, r.time_us,
    r.band, r.method, r.instructions, r.stack_bytes, r.energy_uj, r.energy_method, r.clock_hz, r.conditions]));
}

export function verdictsCsv(m: ReportModel): string {
  return csv([...VERDICT_HEAD, 'traces_to'], verdictRows(m.verdicts).map((r, i) =>
    [...r, m.verdicts[i].traces_to.map((t) => `${t.regulation}: ${t.clause}`).join('; ')]));
}
