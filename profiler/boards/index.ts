// Virtual boards as data: boards/virtual/<id>.json, validated against
// boards/schema/board.schema.json. Adding a board of a known port family is adding a file.
// A bad file is skipped (and reported) by commands that do not need it, and named with its
// field and reason when that board is asked for.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { DataError, readJson, validate } from '../schema/index.ts';
import { BOARDS } from '../util/paths.ts';

export interface Board {
  id: string;
  name: string;
  /** The catalogue part whose SoC this QEMU machine models (a real-SoC twin). */
  twin_of?: string;
  kind: 'virtual';
  core: string;
  clock_hz: number;
  flash_bytes: number;
  ram_bytes: number;
  stack_bytes: number;
  /** gcc flags after the core's (e.g. -mfloat-abi=softfp lets gcc use a Cortex-M55's MVE). */
  cflags?: string[];
  memory: { flash_origin: string; ram_origin: string };
  qemu: { machine: string; cpu?: string; args?: string[] };
  port: { family: string; uart_base: string; counter_base: string; counter_hz: number };
  features?: Record<string, boolean>;
  power?: Record<string, unknown>;
}

export const BOARD_SCHEMA = join(BOARDS, 'schema', 'board.schema.json');
export const VIRTUAL_BOARDS = join(BOARDS, 'virtual');
/** The board the README's main command profiles. */
export const DEFAULT_BOARD = 'mps2-an386';

/** The board schema without its `$schema` line (the validator speaks one draft for every data file). */
const { $schema: _draft, ...boardSchema } = JSON.parse(readFileSync(BOARD_SCHEMA, 'utf8'));

/** Reads one board file; a bad one is a DataError naming the file, the field and the reason. */
export function loadBoard(file: string): Board {
  const board = validate<Board>(boardSchema, readJson(file), file);
  const expected = file.split('/').pop()!.replace(/\.json$/, '');
  if (board.id !== expected) throw new DataError('DATA_INVALID', file, 'id', `"${board.id}" must match the file name "${expected}"`);
  return board;
}

const reported = new Set<string>();
/** Says once per process on stderr which board file was skipped and why. */
const warnSkipped = (e: DataError) => {
  if (!reported.has(e.file)) { reported.add(e.file); console.error(`capmark: skipped a bad board file: ${e.message}`); }
};

/** Every valid board in dir; each bad file goes to `onSkip` (default: one line on stderr). */
export function loadBoards(dir = VIRTUAL_BOARDS, onSkip: (e: DataError) => void = warnSkipped): Board[] {
  const boards: Board[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    try { boards.push(loadBoard(join(dir, f))); } catch (e) {
      if (!(e instanceof DataError)) throw e;
      onSkip(e);
    }
  }
  return boards;
}

/** The board `id`; a bad file of that name is named with its error, an unknown id lists the known ones. */
export function boardById(id: string, boards = loadBoards(), dir = VIRTUAL_BOARDS): Board {
  const board = boards.find((b) => b.id === id);
  if (board) return board;
  const file = join(dir, `${id}.json`);
  if (/^[a-z0-9][a-z0-9-]*$/.test(id) && existsSync(file)) loadBoard(file); // throws its DataError
  throw new CapmarkError('UNKNOWN_BOARD', `no board "${id}"; known boards: ${boards.map((b) => b.id).join(', ')} (capmark boards lists them)`);
}
