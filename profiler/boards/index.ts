// Virtual boards as data: boards/virtual/<id>.json, validated against
// boards/schema/board.schema.json. Adding a board of a known port family is adding a file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { BOARDS } from '../util/paths.ts';
import { readJson } from '../util/schema.ts';

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
/** The board the README's main command profiles. */
export const DEFAULT_BOARD = 'mps2-an386';

export function loadBoard(file: string): Board {
  const board = readJson<Board>(BOARD_SCHEMA, file);
  const expected = file.split('/').pop()!.replace(/\.json$/, '');
  if (board.id !== expected) throw new CapmarkError('INVALID_FILE', `${file}: id: "${board.id}" must match the file name "${expected}"`);
  return board;
}

export function loadBoards(dir = join(BOARDS, 'virtual')): Board[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => loadBoard(join(dir, f)));
}

export function boardById(id: string, boards = loadBoards()): Board {
  const board = boards.find((b) => b.id === id);
  if (!board) throw new CapmarkError('UNKNOWN_BOARD', `no board "${id}"; known boards: ${boards.map((b) => b.id).join(', ')} (capmark boards lists them)`);
  return board;
}
