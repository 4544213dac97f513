// JSON schemas of the timing data: per-core cycle tables (boards/timing/<core>.json) and the
// silicon calibration records (boards/timing/calibration/*.json).

/** Counter names the classifying plugin prints (agent/qemu-plugin/classify.h). */
export const CLASSES = ['alu', 'load', 'store', 'load_multi', 'store_multi', 'load_pc', 'mul', 'mla', 'mul_long',
  'mla_long', 'div', 'branch', 'branch_cond', 'it', 'fp', 'system'] as const;
export const EXTRA_COUNTERS = ['load_regs', 'store_regs', 'load_pipelined', 'branch_cond_taken'] as const;
export const COUNTERS = [...CLASSES, ...EXTRA_COUNTERS];

const entry = {
  type: 'object', additionalProperties: false, required: ['value', 'source'],
  properties: {
    value: { type: 'number' },
    range: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[fewest, most] cycles, e.g. operand-dependent latency' },
    source: { type: 'string', minLength: 3 },
  },
};

export const timingTableSchema = {
  $id: 'capmark.timing/1',
  type: 'object', additionalProperties: false,
  required: ['schema', 'cores', 'reference', 'cycles', 'operand_dependent'],
  properties: {
    schema: { const: 'capmark.timing/1' },
    cores: { type: 'array', minItems: 1, items: { type: 'string' } },
    reference: { type: 'string', minLength: 3, description: 'the manual the cycle figures come from' },
    approximation: { type: 'string', description: 'what is approximated and why, when the figures are not the core\'s own' },
    cycles: {
      type: 'object', additionalProperties: false, required: COUNTERS,
      properties: Object.fromEntries(COUNTERS.map((c) => [c, entry])),
    },
    operand_dependent: {
      type: 'object', additionalProperties: false, required: ['classes', 'source'],
      properties: { classes: { type: 'array', items: { enum: CLASSES } }, source: { type: 'string', minLength: 3 } },
    },
  },
} as const;

const counts = { type: 'object', additionalProperties: false, properties: Object.fromEntries(COUNTERS.map((c) => [c, { type: 'number', minimum: 0 }])) };

export const calibrationSchema = {
  $id: 'capmark.calibration/1',
  type: 'object', additionalProperties: false,
  required: ['schema', 'source', 'silicon_conditions', 'emulated_conditions', 'cases'],
  properties: {
    schema: { const: 'capmark.calibration/1' },
    source: { type: 'string', minLength: 3 },
    silicon_conditions: { type: 'string', minLength: 3 },
    emulated_conditions: { type: 'string', minLength: 3 },
    cases: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', additionalProperties: false,
        required: ['id', 'core', 'code', 'published_cycles', 'instructions', 'instruction_classes'],
        properties: {
          id: { type: 'string' }, core: { type: 'string' }, code: { type: 'string' },
          published_cycles: { type: 'number', exclusiveMinimum: 0 },
          instructions: { type: 'number', exclusiveMinimum: 0 },
          instruction_classes: counts,
        },
      },
    },
  },
} as const;
