// JSON schema of a requirement profile (boards/requirements/<id>.json): what a product must do,
// its budgets, lifetime, crypto policy, and the regulatory clause each need traces to.
import { FRAMEWORKS } from '../policy/index.ts';
import { RADIOS } from '../catalogue/index.ts';

/** `hardware`: a need met by the part's features alone (e.g. a hardware root of trust). */
export const NEED_KINDS = ['secure-boot', 'transport', 'key-agreement', 'attestation', 'data-at-rest', 'hardware'] as const;
export const FEATURES = ['trng', 'key_storage', 'secure_boot_rom', 'trustzone', 'debug_lock'] as const;
export const REGULATIONS = ['fda-premarket', 'eu-mdr-annex-i', 'mdcg-2019-16', 'iec-62443-4-2', 'en-18031-1', 'other'] as const;

const positive = { type: 'number', exclusiveMinimum: 0 };
const count = { type: 'number', minimum: 0 };

/** Fields each need kind must state (besides id, kind, traces_to). */
export const NEED_FIELDS: Record<(typeof NEED_KINDS)[number], string[]> = {
  'secure-boot': ['image_kib', 'max_time_ms', 'per_day'],
  transport: ['min_kbytes_per_s', 'record_bytes', 'bytes_per_day'],
  'key-agreement': ['max_time_ms', 'per_day'],
  attestation: ['max_time_ms', 'per_day'],
  'data-at-rest': ['record_bytes', 'max_time_ms', 'per_day'],
  hardware: ['requires'],
};

const needSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'description', 'traces_to'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    kind: { enum: NEED_KINDS },
    description: { type: 'string' },
    image_kib: { ...positive, description: 'secure boot: size of the image whose signature is verified' },
    record_bytes: { type: 'integer', minimum: 1, description: 'transport/data at rest: bytes per AEAD call' },
    min_kbytes_per_s: { ...positive, description: 'transport: sustained AEAD throughput (1 kB = 1000 B)' },
    bytes_per_day: { ...count, description: 'transport: bytes protected per day (for energy)' },
    token_bytes: { type: 'integer', minimum: 1, description: 'attestation: bytes signed (default 256)' },
    max_time_ms: positive,
    per_day: { ...count, description: 'operations per day in the duty cycle (for energy)' },
    requires: { type: 'array', uniqueItems: true, minItems: 1, items: { enum: FEATURES } },
    traces_to: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', additionalProperties: false, required: ['regulation', 'clause'],
        properties: { regulation: { enum: REGULATIONS }, clause: { type: 'string', minLength: 2 } },
      },
    },
  },
  allOf: NEED_KINDS.map((k) => ({
    if: { properties: { kind: { const: k } }, required: ['kind'] },
    then: { required: NEED_FIELDS[k] },
  })),
};

export const requirementProfileSchema = {
  $id: 'capmark.requirements/1',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'id', 'name', 'first_ship_year', 'support_years', 'policy', 'budgets', 'duty_cycle', 'needs'],
  properties: {
    schema: { const: 'capmark.requirements/1' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    name: { type: 'string', minLength: 2 },
    description: { type: 'string' },
    first_ship_year: { type: 'integer', minimum: 2000, maximum: 2100 },
    support_years: { type: 'integer', minimum: 1, maximum: 50 },
    policy: {
      type: 'object', additionalProperties: false, required: ['frameworks'],
      properties: {
        frameworks: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(FRAMEWORKS) } },
        accept_deprecated: { type: 'boolean' },
        constant_time: {
          enum: ['required', 'reported'],
          description: 'needs handling a long-term secret (attestation, data at rest): "required" fails one whose secret op leaks in capmark ct and leaves it incomplete when an op is unchecked or runs operand-dependent instructions on the core; "reported" (default) only reports',
        },
        rationale: { type: 'string' },
      },
    },
    budgets: {
      type: 'object', additionalProperties: false, required: ['crypto_ram_bytes', 'crypto_flash_bytes'],
      properties: {
        crypto_ram_bytes: { type: 'integer', minimum: 0 },
        crypto_flash_bytes: { type: 'integer', minimum: 0 },
        energy: {
          type: 'object', additionalProperties: false,
          required: ['battery_capacity_mah', 'battery_voltage_v', 'battery_life_days', 'crypto_share_max'],
          properties: {
            battery_capacity_mah: positive, battery_voltage_v: positive, battery_life_days: positive,
            crypto_share_max: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            source: { type: 'string' },
          },
        },
        mains_powered: { type: 'boolean' },
      },
    },
    connectivity: {
      type: 'array', uniqueItems: true, items: { enum: RADIOS },
      description: 'radios the product uses; parts without them on chip rank after those with them',
    },
    duty_cycle: {
      type: 'object', additionalProperties: false, required: ['description'],
      properties: { description: { type: 'string' } },
    },
    needs: { type: 'array', minItems: 1, items: needSchema },
  },
} as const;
