// JSON schema of a board's power model (the `power` field of boards/virtual/<id>.json and of
// catalogue entries). Each figure carries the source it comes from.

const figure = (unitNote: string, extra: Record<string, object> = {}) => ({
  type: 'object', additionalProperties: false, required: ['source', ...Object.keys(extra).filter((k) => k !== 'at_clock_hz')],
  description: unitNote,
  properties: { source: { type: 'string', minLength: 3 }, ...extra },
});

export const powerModelSchema = {
  $id: 'capmark.power/1',
  type: 'object',
  additionalProperties: false,
  required: ['supply_voltage_v', 'run_current', 'sleep_current_ua'],
  properties: {
    supply_voltage_v: figure('supply voltage in volts', { value: { type: 'number', exclusiveMinimum: 0, maximum: 6 } }),
    run_current: {
      description: 'CPU running from flash at the given clock: either per MHz or one figure at a clock',
      oneOf: [
        figure('run current per MHz in microamps', { ua_per_mhz: { type: 'number', exclusiveMinimum: 0 } }),
        { ...figure('run current in milliamps at at_clock_hz', { ma: { type: 'number', exclusiveMinimum: 0 }, at_clock_hz: { type: 'number', exclusiveMinimum: 0 } }),
          required: ['source', 'ma', 'at_clock_hz'] },
      ],
    },
    sleep_current_ua: figure('deepest sleep that keeps RAM and an RTC, in microamps', { value: { type: 'number', minimum: 0 } }),
    representative_of: { type: 'string', description: 'set when the figures are defaulted from a silicon part (catalogue id)' },
  },
} as const;

export interface PowerModel {
  supply_voltage_v: { value: number; source: string };
  run_current: { ua_per_mhz: number; source: string } | { ma: number; at_clock_hz: number; source: string };
  sleep_current_ua: { value: number; source: string };
  representative_of?: string;
}
