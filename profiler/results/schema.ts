// JSON schema for results files (types.ts), covering the fields verdicts and reports read;
// extra fields written by newer profilers of the same version are allowed.
import { RESULTS_SCHEMA } from './types.ts';

const METHODS = ['measured', 'exact-emulated', 'timer-emulated', 'modelled', 'predicted'];
const bytes = { type: 'number', minimum: 0 };
const stat = (extra: Record<string, object> = {}, optional: Record<string, object> = {}) => ({
  type: 'object', required: ['min', 'median', 'max', ...Object.keys(extra)],
  properties: { min: { type: 'number' }, median: { type: 'number', minimum: 0 }, max: { type: 'number' }, ...extra, ...optional },
});
const band = {
  type: 'object', required: ['low_pct', 'high_pct', 'basis'],
  properties: { low_pct: { type: 'number', maximum: 0 }, high_pct: { type: 'number', minimum: 0 }, basis: { type: 'string' } },
};

export const resultsSchema = {
  $id: RESULTS_SCHEMA,
  type: 'object',
  required: ['schema', 'board', 'status', 'started_at', 'finished_at', 'conditions', 'capability', 'measurements'],
  properties: {
    schema: { const: RESULTS_SCHEMA },
    board: { type: 'string', minLength: 1 },
    status: { enum: ['complete', 'partial'] },
    partial_reason: { type: 'string' },
    started_at: { type: 'string' },
    finished_at: { type: 'string' },
    duration_ms: { type: 'number' },
    conditions: {
      type: 'object', required: ['transport', 'clock_hz', 'host'],
      properties: {
        transport: { enum: ['qemu', 'serial', 'in-process'] },
        clock_hz: { type: 'number', exclusiveMinimum: 0 },
        core: { type: 'string' },
        twin_of: { type: 'string' },
        timing_model: { type: 'string' },
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
          variant: { type: 'string' },
          iterations: { type: 'integer', minimum: 0 },
          status: { enum: ['ok', 'failed', 'skipped'] },
          reason: { type: 'string' },
          instructions: stat({ method: { enum: METHODS } }),
          instruction_classes: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } },
          operand_dependent: {
            type: 'object', required: ['instructions', 'classes'],
            properties: { instructions: bytes, classes: { type: 'array', items: { type: 'string' } } },
          },
          cycles: stat({ method: { enum: METHODS }, source: { type: 'string' } }, { band }),
          time_us: stat({ method: { enum: METHODS } }),
          stack_bytes: bytes, heap_bytes: bytes, input_bytes: bytes, output_bytes: bytes,
          working_set_bytes: bytes, code_bytes: bytes, const_bytes: bytes,
          output_verified: { type: 'boolean' },
          energy_uj: bytes,
        },
      },
    },
    constant_time: {
      type: 'array',
      items: {
        type: 'object', required: ['kernel', 'op', 'status', 'secrets', 'detail'],
        properties: {
          kernel: { type: 'string' }, op: { type: 'string' },
          status: { enum: ['trace-equal', 'leaks', 'operand-dependent', 'allowed-variation'] },
          secrets: { type: 'integer', minimum: 1 },
          diverged: { enum: ['instruction-trace', 'data-trace'] },
          location: { type: 'string' }, operand_dependent_instructions: bytes, detail: { type: 'string' },
        },
      },
    },
    footprint: {
      type: 'object', required: ['kernels', 'flash_bytes', 'ram_bytes', 'linear_memory_bytes', 'method'],
      properties: {
        kernels: { type: 'array', items: { type: 'string' } },
        flash_bytes: bytes, ram_bytes: bytes, linear_memory_bytes: bytes, method: { const: 'measured-elf' },
      },
    },
    code_map: {
      type: 'object', required: ['source', 'units', 'ops', 'runtime'],
      properties: {
        source: { type: 'string' },
        units: {
          type: 'array',
          items: { type: 'object', required: ['name', 'bytes', 'kind'], properties: { name: { type: 'string' }, bytes, kind: { enum: ['code', 'const'] } } },
        },
        ops: { type: 'object', additionalProperties: { type: 'array', items: { type: 'integer', minimum: 0 } } },
        runtime: { type: 'array', items: { type: 'integer', minimum: 0 } },
      },
    },
    upgraded_from: { type: 'string' },
    notes: { type: 'array', items: { type: 'string' } },
  },
} as const;
