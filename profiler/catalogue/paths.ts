// Where the shipped data lives (boards/catalogue, boards/virtual, boards/requirements): found
// from the working directory or from this module's location, so it works bundled or not.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `rel` (e.g. "boards/catalogue") in the capmark checkout. */
export function dataPath(rel: string): string {
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, rel)) && existsSync(join(dir, 'package.json'))) return join(dir, rel);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return resolve(rel);
}
