// Hash and XOF kernels: SHA-2 (FIPS 180-4), SHA-3 and SHAKE (FIPS 202). Outputs checked
// against node:crypto. Strengths: collision resistance, n/2 for an n-bit digest (SP 800-57
// Pt 1 Rev 5 Table 3); SHAKE128/256 as FIPS 202 Table 4 states them (128/256 for outputs of at
// least 256/512 bits, which the cases use). Quantum: Grover's preimage search costs 2^(n/2),
// and NIST's PQC security categories 2 and 4 (Call for Proposals 2016 §4.A.5) treat quantum
// collision search as no better than classical, so the quantum strength equals the classical.
import { createHash } from 'node:crypto';
import type { KernelSpec, OpSpec } from './types.ts';
import { concat } from './rng.ts';

export const MESSAGE_SIZES = [16, 64, 256, 1024, 4096, 16384];

const hash = (algo: string) => (m: Uint8Array) => new Uint8Array(createHash(algo).update(m).digest());
const xof = (algo: string, outputLength: number) =>
  (m: Uint8Array) => new Uint8Array(createHash(algo, { outputLength }).update(m).digest());
const u32le = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b; };

/** A one-input hash op over every message size, checked against `reference`. */
export const hashOp = (reference: (m: Uint8Array) => Uint8Array): OpSpec => ({
  op: 'hash', paramName: 'msg_bytes', params: MESSAGE_SIZES, secret: false,
  makeCase: (n, rng) => { const m = rng.bytes(n); return { input: m, expected: reference(m) }; },
});

/** An XOF op (input out_len u32 LE || message) squeezing outBytes, over every message size. */
const xofOp = (algo: string, outBytes: number): OpSpec => ({
  op: 'xof', paramName: 'msg_bytes', params: MESSAGE_SIZES, secret: false,
  makeCase: (n, rng) => {
    const m = rng.bytes(n);
    return { input: concat(u32le(outBytes), m), expected: xof(algo, outBytes)(m) };
  },
});

const sha = (id: string, algorithm: string, standard: string, bits: number): KernelSpec => ({
  id, device: id, algorithm, kind: 'hash', standard, securityBits: bits, quantumSecurityBits: bits,
  ops: [hashOp(hash(id))],
});

export const hashKernels: KernelSpec[] = [
  sha('sha256', 'SHA-256', 'FIPS 180-4', 128),
  {
    // The same hash in native C in the firmware: only the probe for the WebAssembly overhead.
    id: 'sha256-native', device: 'sha256-native', algorithm: 'SHA-256 (native C probe)', kind: 'hash',
    standard: 'FIPS 180-4', securityBits: 128, quantumSecurityBits: 128, ops: [hashOp(hash('sha256'))],
  },
  sha('sha224', 'SHA-224', 'FIPS 180-4', 112),
  sha('sha384', 'SHA-384', 'FIPS 180-4', 192),
  sha('sha512', 'SHA-512', 'FIPS 180-4', 256),
  sha('sha3-256', 'SHA3-256', 'FIPS 202', 128),
  sha('sha3-384', 'SHA3-384', 'FIPS 202', 192),
  sha('sha3-512', 'SHA3-512', 'FIPS 202', 256),
  {
    id: 'shake128', device: 'shake128', algorithm: 'SHAKE128 (256-bit output)', kind: 'xof', standard: 'FIPS 202',
    securityBits: 128, quantumSecurityBits: 128, ops: [xofOp('shake128', 32)],
  },
  {
    id: 'shake256', device: 'shake256', algorithm: 'SHAKE256 (512-bit output)', kind: 'xof', standard: 'FIPS 202',
    securityBits: 256, quantumSecurityBits: 256, ops: [xofOp('shake256', 64)],
  },
];
