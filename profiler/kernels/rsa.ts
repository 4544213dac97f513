// RSA signature kernels (RFC 8017): PKCS#1 v1.5 and PSS verification, PKCS#1 v1.5 signing with
// the CRT. Keys are fixed (fixtures/rsa-keys.json, made once with node:crypto) and PSS salts
// come from the case's seeded generator, so every run measures the same inputs; signatures
// are made with node:crypto (PSS: our EMSA-PSS encoding, node's raw private operation, checked
// with node's PSS verify). capmark ct needs n distinct keys instead: seededRsaKey.
import { constants, createHash, createPrivateKey, createPublicKey, privateEncrypt, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelSpec, OpSpec, Rng } from './types.ts';
import { concat, createRng } from './rng.ts';
import { ROOT } from '../util/paths.ts';

export const RSA_HASH_IDS: Record<string, number> = { sha256: 0, sha384: 1, sha512: 2 };

const u32 = (v: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return b; };
const fromB64u = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

/** Big-endian integer bytes exactly n long (leading zeros stripped or added). */
export function beFixed(b: Uint8Array, n: number): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0 && b.length - i > n) i++;
  const t = b.subarray(i);
  if (t.length > n) throw new Error(`integer of ${t.length} bytes does not fit ${n}`);
  return concat(new Uint8Array(n - t.length), t);
}

export interface RsaKey { bits: number; privateKey: KeyObject; publicKey: KeyObject; jwk: Record<string, string> }

const keyCache = new Map<number, RsaKey>();

/** The fixed test key of `bits` bits (2048, 3072, 4096; e = 65537, top bits of n, p, q set). */
export function rsaKey(bits: number): RsaKey {
  let key = keyCache.get(bits);
  if (!key) {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'profiler', 'kernels', 'fixtures', 'rsa-keys.json'), 'utf8'));
    const jwk = fixture.keys[bits] as Record<string, string> | undefined;
    if (!jwk) throw new Error(`no ${bits}-bit key in fixtures/rsa-keys.json`);
    const privateKey = createPrivateKey({ format: 'jwk', key: jwk });
    key = { bits, privateKey, publicKey: createPublicKey(privateKey), jwk };
    keyCache.set(bits, key);
  }
  return key;
}

/** MGF1 with SHA-256 (RFC 8017 B.2.1). */
function mgf1(seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let c = 0, at = 0; at < len; c++, at += 32) {
    const ctr = new Uint8Array(4); new DataView(ctr.buffer).setUint32(0, c);
    out.set(createHash('sha256').update(seed).update(ctr).digest().subarray(0, len - at), at);
  }
  return out;
}

/** RSASSA-PSS signature (SHA-256, MGF1-SHA-256) with the given salt: EMSA-PSS-ENCODE (RFC 8017
 *  §9.1.1, emBits = 8k - 1) and node's raw private operation; node's PSS verify must accept it. */
export function pssSign(key: RsaKey, msg: Uint8Array, salt: Uint8Array): Uint8Array {
  const k = key.bits / 8, hLen = 32;
  const mHash = createHash('sha256').update(msg).digest();
  const H = createHash('sha256').update(new Uint8Array(8)).update(mHash).update(salt).digest();
  const db = new Uint8Array(k - hLen - 1);
  db[db.length - salt.length - 1] = 1;
  db.set(salt, db.length - salt.length);
  const masked = mgf1(H, db.length).map((m, i) => m ^ db[i]);
  masked[0] &= 0x7f;
  const sig = new Uint8Array(privateEncrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, concat(masked, H, Uint8Array.of(0xbc))));
  if (!nodeVerify('sha256', msg, { key: key.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: salt.length }, sig)) {
    throw new Error('pssSign: node:crypto rejects the PSS signature');
  }
  return sig;
}

// --- Seeded keys (node cannot seed generateKeyPairSync): the constant-time check needs n
// distinct keys that a finding can be reproduced with. -----------------------------------

/** Odd primes below 2000, to sieve candidates before Miller-Rabin. */
const SMALL_PRIMES: bigint[] = [];
for (let n = 3; n < 2000; n += 2) if (SMALL_PRIMES.every((p) => BigInt(n) % p !== 0n)) SMALL_PRIMES.push(BigInt(n));
const toBig = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
const b64u = (x: bigint) => { const h = x.toString(16); return Buffer.from(h.length % 2 ? `0${h}` : h, 'hex').toString('base64url'); };

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) { const q = r0 / r1; [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1]; }
  return ((s0 % m) + m) % m;
}

/** Miller-Rabin with bases from rng: 5 rounds, enough for random 1024-bit candidates (FIPS 186-5 Table B.1). */
function probablyPrime(n: bigint, rng: Rng): boolean {
  let d = n - 1n, r = 0;
  while (!(d & 1n)) { d >>= 1n; r++; }
  for (let round = 0; round < 5; round++) {
    let x = modPow(2n + toBig(rng.bytes(16)) % (n - 3n), d, n);
    if (x === 1n || x === n - 1n) continue;
    let i = 1;
    for (; i < r && x !== n - 1n; i++) x = (x * x) % n;
    if (x !== n - 1n) return false;
  }
  return true;
}

/** A prime of `bits` bits with the top two set (so p*q has exactly 2*bits), p-1 prime to e. */
function seededPrime(bits: number, e: bigint, rng: Rng): bigint {
  for (;;) {
    const bytes = rng.bytes(bits / 8);
    bytes[0] |= 0xc0;
    bytes[bytes.length - 1] |= 1;
    const p = toBig(bytes);
    if (SMALL_PRIMES.some((s) => p % s === 0n) || (p - 1n) % e === 0n) continue;
    if (probablyPrime(p, rng)) return p;
  }
}

/** A deterministic key of `bits` bits (e = 65537) from rng, in the form rsaKey() returns. */
export function seededRsaKey(bits: number, rng: Rng): RsaKey {
  const e = 65537n;
  const p = seededPrime(bits / 2, e, rng);
  let q = seededPrime(bits / 2, e, rng);
  while (q === p) q = seededPrime(bits / 2, e, rng);
  const n = p * q, d = modInverse(e, (p - 1n) * (q - 1n));
  const jwk = { kty: 'RSA', n: b64u(n), e: b64u(e), d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(modInverse(q, p)) };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { bits, privateKey, publicKey: createPublicKey(privateKey), jwk };
}

/** Big-endian bytes of a public exponent (no leading zeros). */
export function exponentBytes(e: number | bigint): Uint8Array {
  const h = BigInt(e).toString(16);
  return new Uint8Array(Buffer.from(h.length % 2 ? '0' + h : h, 'hex'));
}

/** rsa-pkcs1 / rsa-pss verify input: k || n || e_len || e || sig || hash_alg || [salt_len] || digest. */
export function rsaVerifyInput(n: Uint8Array, e: number | bigint, sig: Uint8Array, hash: string, digest: Uint8Array, saltLen?: number) {
  const k = n.length, eb = exponentBytes(e);
  return concat(u32(k), n, u32(eb.length), eb, sig, u32(RSA_HASH_IDS[hash]), saltLen === undefined ? new Uint8Array(0) : u32(saltLen), digest);
}

/** rsa-pkcs1 sign input: k || p || q || dp || dq || qinv || hash_alg || digest. */
export function rsaSignInput(key: RsaKey, hash: string, digest: Uint8Array) {
  const h = key.bits / 16;
  const f = (s: string) => beFixed(fromB64u(s), h);
  const j = key.jwk;
  return concat(u32(key.bits / 8), f(j.p), f(j.q), f(j.dp), f(j.dq), f(j.qi), u32(RSA_HASH_IDS[hash]), digest);
}

export const modulusOf = (key: RsaKey) => fromB64u(key.jwk.n);

const verifyOp = (bits: number, pss: boolean): OpSpec => ({
  op: 'verify', paramName: 'none', params: [0], secret: false,
  heapBytes: 2048 + 10 * (bits / 8),                                // measured in Node, rounded up
  makeCase: (_p, rng: Rng) => {
    const key = rsaKey(bits), msg = rng.bytes(64);
    const digest = new Uint8Array(createHash('sha256').update(msg).digest());
    const sig = pss ? pssSign(key, msg, rng.bytes(32)) : new Uint8Array(nodeSign('sha256', msg, key.privateKey));
    return { input: rsaVerifyInput(modulusOf(key), 65537, sig, 'sha256', digest, pss ? 32 : undefined), expected: Uint8Array.of(1) };
  },
});

const signCase = (key: RsaKey, msg: Uint8Array) => {
  const digest = new Uint8Array(createHash('sha256').update(msg).digest());
  return { input: rsaSignInput(key, 'sha256', digest), expected: new Uint8Array(nodeSign('sha256', msg, key.privateKey)) };
};

const signOp = (bits: number): OpSpec => ({
  op: 'sign', paramName: 'none', params: [0], secret: true, heapBytes: 40 * (bits / 8),      // measured: ~9.8 KB at 2048 bits
  makeCase: (_p, rng) => signCase(rsaKey(bits), rng.bytes(64)),
  ct: {
    secret: 'private key (p, q, dp, dq, qinv; a seeded key per secret)', bytes: 32, edges: false,
    make: (seed, { pub }) => signCase(seededRsaKey(bits, createRng(Buffer.from(seed).toString('hex'))), pub.bytes(64)),
  },
});

const spec = (id: string, device: string, algorithm: string, bits: number, securityBits: number, op: OpSpec): KernelSpec => ({
  id, device, algorithm, kind: 'signature', standard: 'RFC 8017', securityBits, quantumSecurityBits: 0,
  keyBits: bits, ops: [op],
});

// Strengths: NIST SP 800-57 Pt 1 Rev 5 Table 2 (2048 -> 112, 3072 -> 128; 4096 lies between the
// 3072 and 7680 rows, ~152 by the GNFS estimate used there).
export const rsaKernels: KernelSpec[] = [
  spec('rsa-2048-pkcs1-verify', 'rsa-pkcs1', 'RSA-2048 PKCS#1 v1.5 verify', 2048, 112, verifyOp(2048, false)),
  spec('rsa-3072-pkcs1-verify', 'rsa-pkcs1', 'RSA-3072 PKCS#1 v1.5 verify', 3072, 128, verifyOp(3072, false)),
  spec('rsa-4096-pkcs1-verify', 'rsa-pkcs1', 'RSA-4096 PKCS#1 v1.5 verify', 4096, 152, verifyOp(4096, false)),
  spec('rsa-2048-pss-verify', 'rsa-pss', 'RSA-2048 PSS verify (SHA-256, MGF1, 32-byte salt)', 2048, 112, verifyOp(2048, true)),
  spec('rsa-2048-pkcs1-sign', 'rsa-pkcs1', 'RSA-2048 PKCS#1 v1.5 sign (CRT)', 2048, 112, signOp(2048)),
];
