// The host-side kernel registry types: what each device kernel computes, at which security
// strength, which parameters to measure and how to check every output on the host.
// The device side (wasm/kernels/index.ts) names kernels and ops; entries here refer to them.

export type KernelKind =
  | 'baseline' | 'hash' | 'xof' | 'mac' | 'kdf' | 'cipher' | 'aead'
  | 'key-agreement' | 'signature' | 'kem' | 'attestation' | 'rng';

/** Deterministic bytes for reproducible cases (see rng.ts). */
export interface Rng { bytes(n: number): Uint8Array; int(maxExclusive: number): number }

/** One input for a device op and how to check what the device returned. */
export interface Case {
  /** Bytes LOADed into the agent's input buffer, laid out as the kernel file documents. */
  input: Uint8Array;
  /** The exact output expected (computed by an independent implementation). */
  expected?: Uint8Array;
  /** For outputs that are not unique (randomised signatures, key pairs): checks them. */
  check?: (output: Uint8Array) => boolean;
  /** Expected status when it is not "expected.length" (e.g. -2 for a tampered tag). */
  expectedStatus?: number;
}

export interface OpSpec {
  /** Device op name, as listed in the device registry table. */
  op: string;
  /** What the measured parameter is; 'msg_bytes' makes results report per-byte costs. */
  paramName: 'msg_bytes' | 'none';
  /** Parameter values to measure (message sizes in bytes; [0] when there is no parameter). */
  params: number[];
  makeCase(param: number, rng: Rng): Case;
  /** True when the op handles secrets and must be constant-time (documented in the kernel). */
  secret: boolean;
  /** Kernel heap the op needs beyond its input/output buffers, in bytes (for fit checks). */
  heapBytes?: number;
  /** Distinct inputs to average over when cost depends on the data (e.g. ML-DSA signing). */
  cases?: number;
  /** Labels of parameter values that select another case of the same op rather than a size,
   *  e.g. { 1: 'tampered message' }: results record them as `variant`, tables show them. */
  variants?: Record<number, string>;
}

export interface KernelSpec {
  /** Unique id used in results, plans and verdicts, e.g. "aes-128-gcm". */
  id: string;
  /** Device kernel name from the agent's table, e.g. "aes-gcm". */
  device: string;
  /** Human name, e.g. "AES-128-GCM". */
  algorithm: string;
  kind: KernelKind;
  /** Classical security strength in bits (NIST SP 800-57 Pt 1 Rev 5, Table 2). */
  securityBits: number;
  /** Strength against a quantum adversary: Grover halves symmetric strength; 0 when Shor breaks it. */
  quantumSecurityBits: number;
  keyBits?: number;
  /** The standard the kernel implements, e.g. "FIPS 180-4". */
  standard: string;
  /** A board feature the kernel needs (HELLO's board_info says whether the board has it). */
  requires?: 'trng';
  ops: OpSpec[];
}

export const quantumResistant = (k: KernelSpec) => k.quantumSecurityBits >= 64;
