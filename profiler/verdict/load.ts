// Loads requirement profiles, validating each against its schema (results files are read by
// profiler/results, which also upgrades older versions).
import { DataError, readJson, validate } from '../schema/index.ts';
import { requirementProfileSchema } from './profile-schema.ts';
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
