// Hash kernels: SHA-2 (FIPS 180-4). Outputs checked against node:crypto.
import { createHash } from 'node:crypto';
import type { KernelSpec, OpSpec } from './types.ts';

export const MESSAGE_SIZES = [16, 64, 256, 1024, 4096, 16384];

const hash = (algo: string) => (m: Uint8Array) => new Uint8Array(createHash(algo).update(m).digest());

/** A one-input hash op over every message size, checked against `reference`. */
export const hashOp = (reference: (m: Uint8Array) => Uint8Array): OpSpec => ({
  op: 'hash', paramName: 'msg_bytes', params: MESSAGE_SIZES, secret: false,
  makeCase: (n, rng) => { const m = rng.bytes(n); return { input: m, expected: reference(m) }; },
});

export const hashKernels: KernelSpec[] = [
  {
    id: 'sha256', device: 'sha256', algorithm: 'SHA-256', kind: 'hash', standard: 'FIPS 180-4',
    securityBits: 128, quantumSecurityBits: 128, ops: [hashOp(hash('sha256'))],
  },
  {
    // The same hash in native C in the firmware: only the probe for the WebAssembly overhead.
    id: 'sha256-native', device: 'sha256-native', algorithm: 'SHA-256 (native C probe)', kind: 'hash',
    standard: 'FIPS 180-4', securityBits: 128, quantumSecurityBits: 128, ops: [hashOp(hash('sha256'))],
  },
];
