// The board's true random number generator through the board contract's `random` import,
// checked on the device by the continuous health tests of NIST SP 800-90B §4.4 (repetition
// count and adaptive proportion, wasm/kernels/trng.ts): the host expects "passed" (one byte 1).
// Runs only where the board reports a TRNG (HELLO trng=1); elsewhere the plan names the gap.
import type { KernelSpec } from './types.ts';

export const trngKernels: KernelSpec[] = [{
  id: 'trng', device: 'trng', algorithm: 'TRNG with SP 800-90B health tests', kind: 'rng', standard: 'NIST SP 800-90B §4.4',
  securityBits: 0, quantumSecurityBits: 0, requires: 'trng',
  ops: [{
    // 32 B: a 256-bit seed; 512 B: one full adaptive-proportion window.
    op: 'health', paramName: 'msg_bytes', params: [32, 512], secret: false, heapBytes: 64,
    makeCase: (n) => ({ input: new Uint8Array(n), expected: new Uint8Array([1]) }),
  }],
}];
