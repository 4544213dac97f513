// Where the shipped data lives (boards/catalogue, boards/virtual, boards/requirements): found
// from the checkout root (profiler/util/paths.ts), so it works bundled or not.
import { join } from 'node:path';
import { ROOT } from '../util/paths.ts';

/** Absolute path of `rel` (e.g. "boards/catalogue") in the capmark checkout. */
export const dataPath = (rel: string): string => join(ROOT, rel);
