// Published figures of optimised implementations and hardware accelerators
// (boards/published/implementations.json, schema capmark.published/1): what verdicts quote,
// labelled "published", when a need fails on time or energy alone. Never mixed with measurements.
import { DataError, readJson, validate } from '../schema/index.ts';
import { ACCELERATORS } from './schema.ts';
import { dataPath } from './paths.ts';

export interface PublishedFigure {
  kernel: string;
  op: string;
  /** The cores the figure was measured on (the code is written for them). */
  cores?: string[];
  /** Or: the catalogue part whose accelerator the figure is for. */
  part?: string;
  accelerator?: (typeof ACCELERATORS)[number];
  /** Cycles per op, or per byte for bulk ops (one of the two). */
  cycles?: number;
  cycles_per_byte?: number;
  implementation: string;
  source: string;
}

export const publishedSchema = {
  $id: 'capmark.published/1',
  type: 'object', additionalProperties: false, required: ['schema', 'entries'],
  properties: {
    schema: { const: 'capmark.published/1' },
    about: { type: 'string' },
    entries: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['kernel', 'op', 'implementation', 'source'],
        oneOf: [{ required: ['cycles'] }, { required: ['cycles_per_byte'] }],
        properties: {
          kernel: { type: 'string', minLength: 1 }, op: { type: 'string', minLength: 1 },
          cores: { type: 'array', minItems: 1, items: { type: 'string' } },
          part: { type: 'string' }, accelerator: { enum: ACCELERATORS },
          cycles: { type: 'number', exclusiveMinimum: 0 }, cycles_per_byte: { type: 'number', exclusiveMinimum: 0 },
          implementation: { type: 'string', minLength: 3 }, source: { type: 'string', minLength: 3 },
        },
      },
    },
  },
} as const;

/** The published figures; an entry must name cores or a part. */
export function loadPublished(file = dataPath('boards/published/implementations.json')): PublishedFigure[] {
  const data = validate<{ entries: PublishedFigure[] }>(publishedSchema, readJson(file), file);
  data.entries.forEach((e, i) => {
    if (!e.cores && !e.part) throw new DataError('DATA_INVALID', file, `entries[${i}]`, 'names neither cores nor a part');
  });
  return data.entries;
}

/** Figures that apply to `kernel`/`op` on a part with this core (software) or this part (accelerator). */
export const publishedFor = (all: PublishedFigure[], kernel: string, op: string, core: string, part: string) =>
  all.filter((e) => e.kernel === kernel && e.op === op && (e.part ? e.part === part : e.cores!.includes(core)));
