// JSON schema for results files (profiler/results/types.ts), covering the fields verdicts and
// reports read; extra fields written by newer profilers of the same version are allowed.
import { RESULTS_SCHEMA } from '../results/types.ts';

const METHODS = ['measured', 'exact-emulated', 'timer-emulated', 'modelled', 'predicted'];
const stat = (extra: Record<string, object> = {}) => ({
  type: 'object', required: ['min', 'median', 'max', ...Object.keys(extra)],
  properties: { min: { type: 'number' }, median: { type: 'number', minimum: 0 }, max: { type: 'number' }, ...extra },
});

export const resultsSchema = {
  $id: RESULTS_SCHEMA,
  type: 'object',
  required: ['schema', 'board', 'started_at', 'finished_at', 'conditions', 'capability', 'measurements'],
  properties: {
    schema: { const: RESULTS_SCHEMA },
    board: { type: 'string', minLength: 1 },
    started_at: { type: 'string' },
    finished_at: { type: 'string' },
    duration_ms: { type: 'number' },
    conditions: {
      type: 'object', required: ['transport', 'clock_hz', 'host'],
      properties: {
        transport: { enum: ['qemu', 'serial', 'in-process'] },
        clock_hz: { type: 'number', exclusiveMinimum: 0 },
        core: { type: 'string' },
        host: { type: 'string' },
      },
    },
    capability: {
      type: 'object', required: ['hostable', 'verdict'],
      properties: {
        hostable: { type: 'boolean' }, verdict: { type: 'string' },
        required_ram_bytes: { type: 'number' }, available_ram_bytes: { type: 'number' }, shortfall_bytes: { type: 'number' },
        features: { type: 'object', additionalProperties: { type: 'boolean' } },
      },
    },
    measurements: {
      type: 'array',
      items: {
        type: 'object', required: ['kernel', 'op', 'param_name', 'param', 'status', 'output_verified'],
        properties: {
          kernel: { type: 'string', minLength: 1 },
          device_kernel: { type: 'string' },
          op: { type: 'string', minLength: 1 },
          param_name: { enum: ['msg_bytes', 'none'] },
          param: { type: 'number', minimum: 0 },
          iterations: { type: 'integer', minimum: 0 },
          status: { enum: ['ok', 'failed', 'skipped'] },
          reason: { type: 'string' },
          instructions: stat({ method: { enum: METHODS } }),
          cycles: stat({ method: { enum: METHODS }, source: { type: 'string' } }),
          time_us: stat({ method: { enum: METHODS } }),
          stack_bytes: { type: 'number', minimum: 0 },
          code_bytes: { type: 'number', minimum: 0 },
          output_verified: { type: 'boolean' },
          energy_uj: { type: 'number', minimum: 0 },
        },
      },
    },
  },
} as const;
