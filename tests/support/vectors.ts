// Published test vectors are read in place from ../shared/vectors (beside the repository,
// with their sources in SOURCES.md); they are never copied into the repo. Short RFC/FIPS
// known-answer values live in tests/vectors/ with tests/vectors/SOURCES.md.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

export const SHARED_VECTORS = fileURLToPath(new URL('../../../shared/vectors/', import.meta.url));
export const LOCAL_VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));

/** True when ../shared/vectors is present. CI always has it, so absence there is a failure. */
export const sharedVectorsPresent = existsSync(SHARED_VECTORS);

/** Reads a file under ../shared/vectors (e.g. "wycheproof/hmac_sha256_test.json"). */
export function sharedVector(rel: string): string {
  return readFileSync(SHARED_VECTORS + rel, 'utf8');
}
export const sharedJson = <T = any>(rel: string): T => JSON.parse(sharedVector(rel));
export const localJson = <T = any>(rel: string): T => JSON.parse(readFileSync(LOCAL_VECTORS + rel, 'utf8'));

/**
 * Declares a test that needs ../shared/vectors. Where the folder is absent it says so plainly:
 * in CI (CI=true) the test fails; elsewhere it is reported as skipped with the reason.
 */
export function itWithVectors(name: string, fn: () => void | Promise<void>, timeout?: number): void {
  if (sharedVectorsPresent) { it(name, fn, timeout); return; }
  const why = `${name}: needs published vectors in ${SHARED_VECTORS} (absent)`;
  if (process.env.CI) it(name, () => { throw new Error(why); });
  else it.skip(why, () => {});
}

export const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
