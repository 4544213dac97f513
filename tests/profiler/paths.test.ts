// The CLI runs as one esbuild bundle in dist/, where import.meta.url is not the source
// file's: only profiler/util/paths.ts may derive paths from it (it walks up to the root).
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../profiler/util/paths.ts';

const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

describe('paths in the bundled CLI', () => {
  it('no profiler module but util/paths.ts resolves files from import.meta.url', () => {
    const offenders = sources(join(ROOT, 'profiler'))
      .filter((f) => !f.endsWith(join('util', 'paths.ts')) && /import\.meta\.url/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
