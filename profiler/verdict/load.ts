// Loads requirement profiles and results files, validating each against its schema; results
// files of another schema version, or of several versions together, are refused by name.
import { DataError, readJson, validate } from '../schema/index.ts';
import { RESULTS_SCHEMA, type ResultsFile } from '../results/types.ts';
import { requirementProfileSchema } from './profile-schema.ts';
import { resultsSchema } from './results-schema.ts';
import type { RequirementProfile } from './types.ts';

export function loadRequirementProfile(path: string): RequirementProfile {
  const profile = validate<RequirementProfile>(requirementProfileSchema, readJson(path), path);
  const ids = new Set<string>();
  profile.needs.forEach((n, i) => {
    if (ids.has(n.id)) throw new DataError('DATA_INVALID', path, `needs[${i}].id`, `duplicates need id "${n.id}"`);
    ids.add(n.id);
  });
  return { ...profile, file: path };
}

/** Checks one parsed results file; `file` names it in errors. */
export function checkResults(data: unknown, file: string): ResultsFile {
  const version = (data as { schema?: unknown } | null)?.schema;
  if (typeof version === 'string' && version.startsWith('capmark.results/') && version !== RESULTS_SCHEMA) {
    throw new DataError('RESULTS_VERSION', file, 'schema',
      `is "${version}" but this capmark reads "${RESULTS_SCHEMA}"; re-run "capmark profile" or use the matching capmark version`);
  }
  return validate<ResultsFile>(resultsSchema, data, file);
}

/** Loads results files; refuses to mix schema versions rather than compare unlike numbers. */
export function loadResults(paths: string[]): ResultsFile[] {
  const raw = paths.map((p) => ({ path: p, data: readJson(p) }));
  const versions = new Map<string, string>();
  for (const { path, data } of raw) {
    const v = String((data as { schema?: unknown } | null)?.schema ?? '(none)');
    if (!versions.has(v)) versions.set(v, path);
  }
  if (versions.size > 1) {
    const list = [...versions].map(([v, p]) => `${p} is "${v}"`).join(', ');
    const [, second] = [...versions.values()];
    throw new DataError('RESULTS_MIXED', second, 'schema', `results of different schema versions cannot be mixed: ${list}`);
  }
  return raw.map(({ path, data }) => checkResults(data, path));
}
