// The host-side kernel registry: every kernel the profiler knows how to measure and check.
// Plans, results and verdicts come from this list; nothing else names kernels.
import type { KernelSpec } from './types.ts';
import { hashKernels } from './hashes.ts';
import { macKernels } from './macs.ts';
import { arxKernels } from './arx.ts';
import { aesKernels } from './aes.ts';
import { curve25519Kernels } from './curve25519.ts';
import { mldsaKernels } from './mldsa.ts';
import { slhdsaKernels } from './slhdsa.ts';
import { eccKernels } from './ecc.ts';
import { rsaKernels } from './rsa.ts';
import { mlKemKernels } from './mlkem.ts';
import { lmsKernels } from './lms.ts';
import { attestKernels } from './attest.ts';
import { trngKernels } from './trng.ts';

export type { KernelSpec, OpSpec, Case, Rng, KernelKind, SecretCases, FunctionNote } from './types.ts';
export { quantumResistant, isSecretCases } from './types.ts';
export { CT_CONTROL } from './control.ts';
export { createRng, concat } from './rng.ts';

/** The measurement baseline: an op that returns at once (dispatch and marker overhead). */
export const BASELINE: KernelSpec = {
  id: 'null', device: 'null', algorithm: 'baseline (empty op)', kind: 'baseline', standard: '-',
  securityBits: 0, quantumSecurityBits: 0,
  ops: [{ op: 'none', paramName: 'none', params: [0], secret: false,
    makeCase: () => ({ input: new Uint8Array(0), expected: new Uint8Array(0) }) }],
};

export const KERNELS: KernelSpec[] = [
  ...hashKernels,
  ...macKernels,
  ...arxKernels,
  ...aesKernels,
  ...curve25519Kernels,
  ...mldsaKernels,
  ...slhdsaKernels,
  ...eccKernels,
  ...rsaKernels,
  ...mlKemKernels,
  ...lmsKernels,
  ...attestKernels,
  ...trngKernels,
];

export function kernelById(id: string): KernelSpec | undefined {
  return id === BASELINE.id ? BASELINE : KERNELS.find((k) => k.id === id);
}
