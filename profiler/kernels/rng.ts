// Deterministic case data: SHA-256 in counter mode over a seed string, so that every run
// measures the same inputs and a failing case can be reproduced from its seed.
import { createHash } from 'node:crypto';
import type { Rng } from './types.ts';

export function createRng(seed: string): Rng {
  let counter = 0;
  let pool: Uint8Array = new Uint8Array(0);
  const refill = () => {
    const block = createHash('sha256').update(seed).update(String(counter++)).digest();
    pool = concat(pool, block);
  };
  return {
    bytes(n) {
      while (pool.length < n) refill();
      const out = pool.slice(0, n);
      pool = pool.slice(n);
      return out;
    },
    int(maxExclusive) {
      const b = this.bytes(4);
      return (((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0) % maxExclusive;
    },
  };
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
