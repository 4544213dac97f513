// Reads JSON data files and checks them against JSON schemas (ajv), turning the first
// schema violation into a DataError that names the file, the field and the reason.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { DataError } from './errors.ts';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const compiled = new Map<object, ValidateFunction>();

/** Field path in dotted form ("needs[2].max_time_ms") from an ajv error. */
function fieldOf(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//, '').split('/').filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
  const extra = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty
    : e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : '';
  return extra ? (base ? `${base}.${extra}` : extra) : base;
}

function reasonOf(e: ErrorObject): string {
  if (e.keyword === 'required') return 'is required but missing';
  if (e.keyword === 'additionalProperties') return 'is not a known field (check its spelling)';
  if (e.keyword === 'enum') return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'const') return `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  return e.message ?? 'is invalid';
}

/** The most useful error first: a wrong/missing field beats the oneOf/anyOf summary. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject) => (['oneOf', 'anyOf', 'if'].includes(e.keyword) ? 1 : 0);
  return [...errors].sort((a, b) => rank(a) - rank(b) || b.instancePath.length - a.instancePath.length)[0];
}

/** Validates `data` against `schema`; throws DataError('DATA_INVALID') naming file and field. */
export function validate<T>(schema: object, data: unknown, file: string): T {
  let fn = compiled.get(schema);
  if (!fn) { fn = ajv.compile(schema); compiled.set(schema, fn); }
  if (!fn(data)) {
    const e = pickError(fn.errors ?? []);
    throw new DataError('DATA_INVALID', file, fieldOf(e), reasonOf(e));
  }
  return data as T;
}

/** Reads and parses a JSON file; a missing file or bad JSON becomes DataError('DATA_UNREADABLE'). */
export function readJson(file: string): unknown {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err) {
    throw new DataError('DATA_UNREADABLE', file, '', `cannot be read (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  try { return JSON.parse(text); } catch (err) {
    throw new DataError('DATA_UNREADABLE', file, '', `is not valid JSON (${(err as Error).message})`);
  }
}

/** A `{ value, source }` fact: every catalogue and power figure says where it comes from. */
export const sourced = (value: object) => ({
  type: 'object', additionalProperties: false, required: ['value', 'source'],
  properties: {
    value,
    source: { type: 'string', minLength: 3, description: 'where the figure comes from; say "approximate" when it is' },
  },
});
