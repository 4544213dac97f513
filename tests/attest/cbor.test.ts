// Deterministic CBOR codec (profiler/attest/cbor.ts): RFC 8949 Appendix A examples, round
// trips on random values, and rejection of every non-deterministic or malformed encoding.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decode, encode, Tagged, type CborValue } from '../../profiler/attest/cbor.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

describe('cbor encode', () => {
  it('matches RFC 8949 Appendix A', () => {
    const cases: [CborValue, string][] = [
      [0, '00'], [23, '17'], [24, '1818'], [100, '1864'], [1000, '1903e8'], [1000000, '1a000f4240'],
      [1000000000000, '1b000000e8d4a51000'], [-1, '20'], [-1000, '3903e7'], ['IETF', '6449455446'],
      [unhex('01020304'), '4401020304'], [[1, [2, 3], [4, 5]], '8301820203820405'],
      [new Map<number | string, CborValue>([['a', 1], ['b', [2, 3]]]), 'a26161016162820203'],
      [new Tagged(1, 1363896240), 'c11a514b67b0'], [false, 'f4'], [true, 'f5'], [null, 'f6'],
    ];
    for (const [v, want] of cases) expect(hex(encode(v))).toBe(want);
  });
  it('sorts map keys by their encoded bytes (RFC 8949 §4.2.1)', () => {
    const m = new Map<number | string, CborValue>([[273, 0], [10, 0], [-1, 0], [256, 0], ['a', 0]]);
    expect([...(decode(encode(m)) as Map<number | string, CborValue>).keys()]).toEqual([10, 256, 273, -1, 'a']);
  });
});

describe('cbor decode', () => {
  const value = fc.letrec<{ v: CborValue }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' },
      fc.integer(), fc.string(), fc.uint8Array({ maxLength: 40 }), fc.boolean(), fc.constant(null),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.uniqueArray(fc.tuple(fc.integer({ min: -300, max: 300 }), tie('v')), { maxLength: 4, selector: (e) => e[0] })
        .map((es) => new Map<number | string, CborValue>(es))),
  })).v;

  it('round-trips random values to identical bytes', () => {
    fc.assert(fc.property(value, (v) => { const b = encode(v); expect(hex(encode(decode(b)))).toBe(hex(b)); }), { numRuns: 300 });
  });
  it.each([
    ['non-shortest integer', '1817'], ['non-shortest length', '590001ff'], ['indefinite array', '9f01ff'],
    ['unsorted map keys', 'a20201010a'], ['duplicate map key', 'a201010102'], ['trailing bytes', '0000'],
    ['truncated string', '4301'], ['float', 'f93c00'], ['invalid UTF-8', '61ff'], ['map key is bytes', 'a14101'],
  ])('rejects %s', (_what, bytes) => {
    expect(() => decode(unhex(bytes))).toThrow(/malformed CBOR/);
  });
});
