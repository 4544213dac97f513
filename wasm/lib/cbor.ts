// A minimal CBOR writer (RFC 8949) for the attestation kernel: heads in preferred (shortest)
// form, so maps whose keys the caller writes in ascending encoded order are deterministic
// encodings (§4.2.1). Every function writes at p and returns the position after what it wrote.

export const MAJOR_UINT: u32 = 0;
export const MAJOR_NINT: u32 = 1;
export const MAJOR_BYTES: u32 = 2;
export const MAJOR_TEXT: u32 = 3;
export const MAJOR_ARRAY: u32 = 4;
export const MAJOR_MAP: u32 = 5;
export const MAJOR_TAG: u32 = 6;

/** Initial byte and argument in the shortest form (§3, §4.2.1). */
export function cborHead(p: usize, major: u32, v: u32): usize {
  const m = <u8>(major << 5);
  if (v < 24) { store<u8>(p, m | <u8>v); return p + 1; }
  if (v < 0x100) { store<u8>(p, m | 24); store<u8>(p + 1, <u8>v); return p + 2; }
  if (v < 0x10000) { store<u8>(p, m | 25); store<u16>(p + 1, bswap<u16>(<u16>v)); return p + 3; }
  store<u8>(p, m | 26); store<u32>(p + 1, bswap<u32>(v)); return p + 5;
}

/** An integer label or value: major 0 for v >= 0, major 1 (-1 - v) below. */
export function cborInt(p: usize, v: i32): usize {
  return v >= 0 ? cborHead(p, MAJOR_UINT, <u32>v) : cborHead(p, MAJOR_NINT, <u32>(-1 - v));
}

/** A byte string copied from src. */
export function cborBytes(p: usize, src: usize, len: i32): usize {
  p = cborHead(p, MAJOR_BYTES, <u32>len);
  memory.copy(p, src, len);
  return p + len;
}

/** A text string from an ASCII AssemblyScript literal (static data: nothing is allocated). */
export function cborAscii(p: usize, s: string): usize {
  const n = s.length;
  p = cborHead(p, MAJOR_TEXT, <u32>n);
  for (let i = 0; i < n; i++) store<u8>(p + i, <u8>s.charCodeAt(i));
  return p + n;
}

/** Bytes written by cborHead for an argument v (to size a byte-string header in advance). */
export function cborHeadBytes(v: u32): i32 {
  return v < 24 ? 1 : v < 0x100 ? 2 : v < 0x10000 ? 3 : 5;
}
