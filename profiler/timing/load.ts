// Loads and validates the timing tables and calibration records once; a bad file is rejected
// naming the file, the field and the reason.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, readJson, validate } from '../schema/index.ts';
import { ROOT } from '../util/paths.ts';
import { calibrationSchema, timingTableSchema } from './schema.ts';
import type { CalibrationCase, CalibrationFile, TimingTable } from './types.ts';

export const TIMING_DIR = join(ROOT, 'boards', 'timing');

const jsonFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : []);

/** Core id -> its table, from every boards/timing/*.json (each names the cores it covers). */
export function loadTables(dir = TIMING_DIR): Map<string, TimingTable> {
  const tables = new Map<string, TimingTable>();
  for (const file of jsonFiles(dir)) {
    const t = validate<TimingTable>(timingTableSchema, readJson(file), file);
    for (const core of t.cores) {
      if (tables.has(core)) throw new DataError('DATA_INVALID', file, 'cores', `${core} already has a timing table`);
      tables.set(core, t);
    }
  }
  return tables;
}

/** Every recorded silicon calibration case (boards/timing/calibration/*.json). */
export function loadCalibration(dir = join(TIMING_DIR, 'calibration')): (CalibrationCase & { file: CalibrationFile })[] {
  return jsonFiles(dir).flatMap((file) => {
    const f = validate<CalibrationFile>(calibrationSchema, readJson(file), file);
    return f.cases.map((c) => ({ ...c, file: f }));
  });
}
