// Byte-level helpers shared by the agent core and the kernels (little/big-endian loads
// and stores, constant-time comparison, zeroization). Internal to wasm/.

@inline export function load32be(p: usize): u32 { return bswap<u32>(load<u32>(p)); }
@inline export function store32be(p: usize, v: u32): void { store<u32>(p, bswap<u32>(v)); }
@inline export function load64be(p: usize): u64 { return bswap<u64>(load<u64>(p)); }
@inline export function store64be(p: usize, v: u64): void { store<u64>(p, bswap<u64>(v)); }

/** Constant-time equality of two byte strings of the same length: no data-dependent branch. */
export function ctEqual(a: usize, b: usize, len: i32): bool {
  let diff: u32 = 0;
  for (let i = 0; i < len; i++) diff |= <u32>(load<u8>(a + i) ^ load<u8>(b + i));
  return diff == 0;
}

/** Overwrites `len` bytes with zeros (secrets, failed AEAD output). */
export function zeroize(p: usize, len: i32): void { memory.fill(p, 0, len); }
