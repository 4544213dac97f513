// Reading and writing results files: written atomically (temp file + rename, so a crash
// never leaves half a file), read back only when their schema version is this one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { RESULTS } from '../util/paths.ts';
import { RESULTS_SCHEMA, type ResultsFile } from './types.ts';

export const resultsPath = (board: string, dir = RESULTS) => join(dir, `${board}.json`);

export function writeResults(results: ResultsFile, file = resultsPath(results.board)): string {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
  renameSync(tmp, file);
  return file;
}

export function readResults(file: string): ResultsFile {
  let data: any;
  try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e: any) {
    throw new CapmarkError(e.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INVALID_FILE', `${file}: ${e.code === 'ENOENT' ? 'no such results file (run capmark profile first)' : e.message}`);
  }
  if (data?.schema !== RESULTS_SCHEMA) {
    throw new CapmarkError('SCHEMA_VERSION', `${file}: schema: "${data?.schema}" is not ${RESULTS_SCHEMA}; re-run capmark profile for this board rather than mixing result versions`);
  }
  for (const field of ['board', 'conditions', 'capability', 'measurements'] as const) {
    if (data[field] === undefined) throw new CapmarkError('INVALID_FILE', `${file}: ${field}: missing`);
  }
  return data as ResultsFile;
}
