// A small, fast, seeded generator for fuzz inputs (SplitMix32): input `index` of a run seeded
// with `seed` is the same bytes on every machine, so a finding is reproduced from two numbers.
// Not for keys or cases (profiler/kernels/rng.ts); fuzzing needs tens of millions per minute.

export class Prng {
  private s: number;
  constructor(seed: number, index = 0) { this.s = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(index | 0, 0x85ebca6b) ^ 0x5bd1e995) | 0; }

  u32(): number {
    let z = (this.s = (this.s + 0x9e3779b9) | 0);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number { return Math.floor((this.u32() / 0x100000000) * n); }
  chance(p: number): boolean { return this.u32() < p * 0x100000000; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.u32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = v >>> (8 * k);
    }
    return out;
  }

  /** A picker of the keys of `weights` with probability proportional to each weight. */
  static weights<K extends string>(weights: Record<K, number>): (r: Prng) => K {
    const keys = Object.keys(weights) as K[], cumulative: number[] = [];
    let sum = 0;
    for (const k of keys) cumulative.push(sum += weights[k]);
    return (r) => {
      const x = (r.u32() / 0x100000000) * sum;
      let i = 0;
      while (cumulative[i] <= x) i++;
      return keys[i];
    };
  }
}
