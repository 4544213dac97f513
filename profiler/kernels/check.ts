// Checks what a kernel returned against its case: the one place that decides whether an
// output is verified, used by the profiler (device over serial) and the in-process tests.
import { createHash } from 'node:crypto';
import type { Case } from './types.ts';

export interface Verdict { ok: boolean; reason?: string }

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function expectedStatus(c: Case): number {
  return c.expectedStatus ?? (c.expected ? c.expected.length : 0);
}

/** True when the case can be checked from the output digest alone (no READ needed). */
export const checkableByDigest = (c: Case) => c.check === undefined;

/** Checks a status and the SHA-256 digest of the output (as the agent reports it). */
export function checkDigest(c: Case, status: number, digest: Uint8Array): Verdict {
  const want = expectedStatus(c);
  if (c.check === undefined && status !== want) return { ok: false, reason: `status ${status}, expected ${want}` };
  if (c.expected === undefined) return { ok: true };
  const wantDigest = sha256(status > 0 ? c.expected : new Uint8Array(0));
  return hex(wantDigest) === hex(digest) ? { ok: true } : { ok: false, reason: 'output differs from the reference' };
}

/** Checks a status and the full output bytes. */
export function checkOutput(c: Case, status: number, output: Uint8Array): Verdict {
  if (c.check) {
    if (status < 0) return { ok: false, reason: `status ${status}` };
    return c.check(output) ? { ok: true } : { ok: false, reason: 'output rejected by the reference check' };
  }
  return checkDigest(c, status, sha256(output));
}
