// Temporary folders for tests, removed when the test file ends (each run used to leave ~15
// capmark-* folders in the system temp folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh folder `<tmp>/capmark-<prefix>-XXXXXX`, deleted with its contents after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `capmark-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
