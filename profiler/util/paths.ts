// Where things live in the checkout (the CLI bundle and the TypeScript sources agree).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor holding package.json and boards/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'boards')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('capmark: cannot find the repository root (package.json + boards/)');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();
export const BUILD = join(ROOT, 'build');
export const RESULTS = join(ROOT, 'results');
export const BOARDS = join(ROOT, 'boards');

/** Text (compiler flags, logs) with this checkout's absolute path left out, so results files say
 *  `-Iagent/runtime` and do not depend on, or reveal, where the repository was cloned. */
export const relativeToRoot = (text: string): string => text.split(`${ROOT}/`).join('');
