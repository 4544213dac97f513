// Reading and writing results files: written atomically (temp file + rename, so a crash
// never leaves half a file); read back through one path that validates them and upgrades
// older schema versions in memory, saying so in the file's `notes`.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { DataError, readJson, validate } from '../schema/index.ts';
import { RESULTS } from '../util/paths.ts';
import { resultsSchema } from './schema.ts';
import { READABLE_RESULTS_SCHEMAS, RESULTS_SCHEMA, type ResultsFile } from './types.ts';

export const resultsPath = (board: string, dir = RESULTS) => join(dir, `${board}.json`);

/** Writes a results file atomically. When that fails (the folder went away, a full disk) the
 *  results are not lost: they go to the temp folder, and the error says where. */
export function writeResults(results: ResultsFile, file = resultsPath(results.board)): string {
  const json = JSON.stringify(results, null, 2) + '\n';
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, json);
    renameSync(tmp, file);
    return file;
  } catch (e) {
    if (existsSync(tmp)) rmSync(tmp);
    const rescue = join(tmpdir(), `capmark-${results.board}-${process.pid}-${Date.now()}.json`);
    writeFileSync(rescue, json);
    throw new CapmarkError('RESULTS_WRITE', `cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the results are saved in ${rescue}`);
  }
}

/** What a version-1 file lacks, said once wherever its numbers are shown. */
const V1_NOTE = 'written by an older capmark (capmark.results/1): no working sets, no per-op flash, '
  + 'no instruction classes or error bands; re-run "capmark profile" for them';

/** Brings an older results file up to the current version in memory (never rewritten on disk). */
function upgrade(data: Record<string, unknown>): Record<string, unknown> {
  if (data.schema !== 'capmark.results/1') return data;
  return { ...data, schema: RESULTS_SCHEMA, status: 'complete', upgraded_from: 'capmark.results/1', notes: [...((data.notes as string[]) ?? []), V1_NOTE] };
}

/** Checks one parsed results file (any readable version); `file` names it in errors. */
export function parseResults(data: unknown, file: string): ResultsFile {
  const version = (data as { schema?: unknown } | null)?.schema;
  if (typeof version === 'string' && version.startsWith('capmark.results/') && !(READABLE_RESULTS_SCHEMAS as readonly string[]).includes(version)) {
    throw new DataError('RESULTS_VERSION', file, 'schema',
      `is "${version}" but this capmark reads ${READABLE_RESULTS_SCHEMAS.map((v) => `"${v}"`).join(' and ')}; re-run "capmark profile" or use the matching capmark version`);
  }
  const upgraded = data && typeof data === 'object' ? upgrade(data as Record<string, unknown>) : data;
  return validate<ResultsFile>(resultsSchema, upgraded, file);
}

/** Reads one results file; a missing or invalid file is a DataError naming file and field. */
export function readResults(file: string): ResultsFile {
  try { return parseResults(readJson(file), file); } catch (e) {
    if (e instanceof DataError && e.code === 'DATA_UNREADABLE' && e.reason.includes('ENOENT')) {
      throw new DataError('DATA_UNREADABLE', file, '', 'no such results file (run capmark profile first)');
    }
    throw e;
  }
}

/** Reads several results files (older versions upgraded, each saying so in its notes). */
export const loadResults = (paths: string[]): ResultsFile[] => paths.map(readResults);
