// Host-side Ascon-AEAD128 / Ascon-Hash256 reference (NIST SP 800-232), only to compute the
// expected outputs of registry cases: neither node:crypto nor @noble/ciphers 2.4 has Ascon.
// Written independently of the device kernel (spec-literal u64 lanes as BigInt, no bit
// interleaving), not constant-time, not for protecting data; tests/wasm/arx.test.ts checks
// it against the ascon-c KATs and Wycheproof before it is trusted as a reference.

const MASK = (1n << 64n) - 1n;
const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK;
const not = (x: bigint) => x ^ MASK;

/** SP 800-232 §3: the permutation p^rounds on five u64 lanes, in place. */
function permute(s: bigint[], rounds: number): void {
  for (let i = 12 - rounds; i < 12; i++) {
    s[2] ^= BigInt(((0xf - i) << 4) | i);
    s[0] ^= s[4]; s[4] ^= s[3]; s[2] ^= s[1];
    const t = s.map((x, j) => not(x) & s[(j + 1) % 5]);
    for (let j = 0; j < 5; j++) s[j] ^= t[(j + 1) % 5];
    s[1] ^= s[0]; s[0] ^= s[4]; s[3] ^= s[2]; s[2] = not(s[2]);
    const r: [bigint, bigint][] = [[19n, 28n], [61n, 39n], [1n, 6n], [10n, 17n], [7n, 41n]];
    for (let j = 0; j < 5; j++) s[j] ^= rotr(s[j], r[j][0]) ^ rotr(s[j], r[j][1]);
  }
}

/** Little-endian u64 from up to 8 bytes (SP 800-232 byte order). */
function le64(b: Uint8Array, at = 0, n = 8): bigint {
  let v = 0n;
  for (let i = Math.min(n, b.length - at) - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[at + i]);
  return v;
}

function putLe64(v: bigint, out: Uint8Array, at: number, n = 8): void {
  for (let i = 0; i < n; i++) out[at + i] = Number((v >> BigInt(8 * i)) & 0xffn);
}

/** Data padded with 0x01 then zeros to a multiple of `rate` bytes (SP 800-232 §2.1). */
function pad(data: Uint8Array, rate: number): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / rate) + 1) * rate);
  out.set(data);
  out[data.length] = 1;
  return out;
}

function aead(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, input: Uint8Array, decrypt: boolean) {
  const k0 = le64(key, 0), k1 = le64(key, 8);
  const s = [0x00001000808c0001n, k0, k1, le64(nonce, 0), le64(nonce, 8)];
  permute(s, 12);
  s[3] ^= k0; s[4] ^= k1;
  if (ad.length > 0) {
    const a = pad(ad, 16);
    for (let i = 0; i < a.length; i += 16) { s[0] ^= le64(a, i); s[1] ^= le64(a, i + 8); permute(s, 8); }
  }
  s[4] ^= 1n << 63n;
  const out = new Uint8Array(input.length);
  const full = input.length - (input.length % 16);
  for (let i = 0; i < full; i += 16) {
    const c0 = le64(input, i), c1 = le64(input, i + 8);
    putLe64(s[0] ^ c0, out, i); putLe64(s[1] ^ c1, out, i + 8);
    if (decrypt) { s[0] = c0; s[1] = c1; } else { s[0] ^= c0; s[1] ^= c1; }
    permute(s, 8);
  }
  const tail = input.subarray(full);
  const rate = new Uint8Array(16);
  putLe64(s[0], rate, 0); putLe64(s[1], rate, 8);
  for (let i = 0; i < tail.length; i++) {
    out[full + i] = rate[i] ^ tail[i];
    rate[i] = decrypt ? tail[i] : out[full + i];
  }
  rate[tail.length] ^= 1;
  s[0] = le64(rate, 0); s[1] = le64(rate, 8);
  s[2] ^= k0; s[3] ^= k1;
  permute(s, 12);
  const tag = new Uint8Array(16);
  putLe64(s[3] ^ k0, tag, 0); putLe64(s[4] ^ k1, tag, 8);
  return { out, tag };
}

/** Ascon-AEAD128 encryption: ciphertext || 16-byte tag. */
export function asconAead128Encrypt(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, pt: Uint8Array): Uint8Array {
  const { out, tag } = aead(key, nonce, ad, pt, false);
  const r = new Uint8Array(out.length + 16);
  r.set(out); r.set(tag, out.length);
  return r;
}

/** Ascon-AEAD128 decryption of ciphertext || tag: the plaintext, or undefined when the tag is wrong. */
export function asconAead128Decrypt(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, ctTag: Uint8Array): Uint8Array | undefined {
  const ct = ctTag.subarray(0, ctTag.length - 16);
  const { out, tag } = aead(key, nonce, ad, ct, true);
  return Buffer.from(tag).equals(ctTag.subarray(ct.length)) ? out : undefined;
}

/** Ascon-Hash256 (SP 800-232 §5.1): 32-byte digest. */
export function asconHash256(msg: Uint8Array): Uint8Array {
  const s = [0x0000080100cc0002n, 0n, 0n, 0n, 0n];
  permute(s, 12);
  const m = pad(msg, 8);
  for (let i = 0; i < m.length; i += 8) { s[0] ^= le64(m, i); permute(s, 12); }
  const out = new Uint8Array(32);
  for (let i = 0; i < 4; i++) {
    if (i > 0) permute(s, 12);
    putLe64(s[0], out, 8 * i);
  }
  return out;
}
