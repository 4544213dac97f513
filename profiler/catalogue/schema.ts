// JSON schema of a catalogue entry (boards/catalogue/<id>.json): one real MCU with its
// datasheet facts, each as { value, source }.
import { sourced } from '../schema/index.ts';
import { powerModelSchema } from '../energy/index.ts';

export const CORES = [
  'cortex-m0', 'cortex-m0plus', 'cortex-m3', 'cortex-m4', 'cortex-m7', 'cortex-m23', 'cortex-m33', 'cortex-m55',
  'rv32imc', 'rv32imac', 'xtensa-lx6', 'xtensa-lx7', 'msp430x',
] as const;
export type Core = (typeof CORES)[number];

export const ACCELERATORS = ['aes', 'sha-256', 'sha-512', 'sha-3', 'ecc', 'rsa', 'chacha20', 'hmac', 'puf'] as const;
export const PRICE_BANDS = ['<1', '1-2', '2-4', '4-8', '>8'] as const;
/** On-chip radios a product profile can ask for (`connectivity`). */
export const RADIOS = ['ble', '802.15.4', 'wifi', 'nfc', 'sub-ghz', 'cellular'] as const;
export type Radio = (typeof RADIOS)[number];

export const catalogueEntrySchema = {
  $id: 'capmark.catalogue/1',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'id', 'name', 'vendor', 'datasheet', 'core', 'clock_hz', 'ram_bytes', 'flash_bytes',
    'code_fetch', 'power', 'crypto_accelerators', 'trng', 'secure_boot_rom', 'trustzone', 'otp', 'key_storage',
    'price_band_usd', 'typical_use'],
  properties: {
    schema: { const: 'capmark.catalogue/1' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    name: { type: 'string', minLength: 2 },
    vendor: { type: 'string', minLength: 2 },
    datasheet: { type: 'string', minLength: 3, description: 'the main document the facts come from' },
    core: sourced({ enum: CORES }),
    clock_hz: sourced({ type: 'integer', minimum: 1000000 }),
    ram_bytes: sourced({ type: 'integer', minimum: 1024 }),
    flash_bytes: sourced({ type: 'integer', minimum: 0, description: '0 when code runs from external flash' }),
    code_fetch: sourced({
      type: 'object', additionalProperties: false, required: ['memory', 'wait_states', 'cache'],
      properties: {
        memory: { enum: ['internal-flash', 'external-xip', 'fram', 'rram', 'mram'] },
        wait_states: { type: 'integer', minimum: 0, description: 'at the maximum clock' },
        cache: { type: 'boolean', description: 'instruction cache or prefetch accelerator in front of code memory' },
      },
    }),
    multiplier_cycles: sourced({ enum: [1, 32], description: 'Cortex-M0/M0+/M23 multiplier option: MULS takes 1 (fast) or 32 (small) cycles; absent: unknown, the timing band spans both' }),
    power: powerModelSchema,
    crypto_accelerators: sourced({ type: 'array', uniqueItems: true, items: { enum: ACCELERATORS } }),
    trng: sourced({ type: 'boolean' }),
    secure_boot_rom: sourced({ type: 'boolean' }),
    trustzone: sourced({ type: 'boolean' }),
    debug_lock: sourced({ type: 'boolean', description: 'the debug port (SWD/JTAG) can be locked for production' }),
    otp: sourced({ type: 'boolean' }),
    key_storage: sourced({ type: 'boolean', description: 'hardware-protected key storage (secure element, key slots, PUF, TrustZone-isolated)' }),
    radios: sourced({ type: 'array', uniqueItems: true, items: { enum: RADIOS }, description: 'on-chip radios; [] for none' }),
    price_band_usd: sourced({ enum: PRICE_BANDS }),
    typical_use: { type: 'string' },
  },
} as const;

/** The subset of a virtual board file (boards/virtual/<id>.json, written by the profiler's
 *  board layer) that verdicts use; other fields are left to that layer's own schema. */
export const virtualBoardFactsSchema = {
  type: 'object',
  required: ['id', 'core', 'clock_hz'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    core: { type: 'string' },
    clock_hz: { type: 'number', exclusiveMinimum: 0 },
    ram_bytes: { type: 'integer', minimum: 0 },
    flash_bytes: { type: 'integer', minimum: 0 },
    power: powerModelSchema,
    features: {
      type: 'object', additionalProperties: { type: 'boolean' },
      description: 'security features verdicts read: trng, key_storage, secure_boot_rom, trustzone, debug_lock (others allowed)',
    },
  },
} as const;
