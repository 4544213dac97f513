// JSON-schema validation of data files with errors that name the file, the field and the
// reason (STYLE.md convention 6).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CapmarkError } from '../errors.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

export function validate<T>(schemaPath: string, data: unknown, file: string): T {
  let check = compiled.get(schemaPath);
  if (!check) { check = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8'))); compiled.set(schemaPath, check); }
  if (!check(data)) {
    const problems = check.errors!.map((e) => {
      const field = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as any).additionalProperty}"` : '';
      const allowed = e.keyword === 'enum' ? ` (${(e.params as any).allowedValues.join(', ')})` : '';
      return `${field}: ${e.message}${extra}${allowed}`;
    });
    throw new CapmarkError('INVALID_FILE', `${file}: ${problems.join('; ')}`, { file, problems });
  }
  return data as T;
}

/** Reads and validates a JSON file; a syntax error also names the file. */
export function readJson<T>(schemaPath: string, file: string): T {
  let data: unknown;
  try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e: any) {
    throw new CapmarkError(e.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INVALID_FILE', `${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, { file });
  }
  return validate<T>(schemaPath, data, file);
}
