// A fault-injecting relay around a Link (test support, and scripts/bench-link.ts): every byte
// in either direction is, with probability `rate`, corrupted (one bit flipped), dropped or
// duplicated — equally likely — from a seeded generator, as a noisy serial line would.
import type { Link } from '../../profiler/protocol/client.ts';
import { Prng } from '../../profiler/fuzz/prng.ts';

export interface FaultCounts { bytes: number; corrupted: number; dropped: number; duplicated: number }

export function faultyLink(link: Link, o: { rate: number; seed: number }): Link & { faults: FaultCounts } {
  const r = new Prng(o.seed);
  const faults: FaultCounts = { bytes: 0, corrupted: 0, dropped: 0, duplicated: 0 };
  const damage = (bytes: Uint8Array): Uint8Array => {
    const out: number[] = [];
    for (const b of bytes) {
      faults.bytes++;
      if (!r.chance(o.rate)) { out.push(b); continue; }
      const kind = r.int(3);
      if (kind === 0) { out.push(b ^ (1 << r.int(8))); faults.corrupted++; }
      else if (kind === 1) faults.dropped++;
      else { out.push(b, b); faults.duplicated++; }
    }
    return Uint8Array.from(out);
  };
  return {
    description: link.description, faults,
    write: (bytes) => link.write(damage(bytes)),
    onData: (l) => link.onData((chunk) => { const d = damage(chunk); if (d.length) l(d); }),
    close: () => link.close(),
  };
}
