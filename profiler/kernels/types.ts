// The host-side kernel registry types: what each device kernel computes, at which security
// strength, which parameters to measure and how to check every output on the host.
// The device side (the @kernel declarations in wasm/kernels/) names kernels and ops; entries here refer to them.

export type KernelKind =
  | 'baseline' | 'hash' | 'xof' | 'mac' | 'kdf' | 'cipher' | 'aead'
  | 'key-agreement' | 'signature' | 'kem' | 'attestation' | 'rng'
  /** A deliberately leaky positive control for a check (ct-control); never a candidate. */
  | 'control';

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
  /** For secret ops: how the constant-time check varies the secret, or why it cannot. */
  ct?: SecretCases | { unchecked: string };
}

/** The inputs `capmark ct` (profiler/ct) runs an op on: one case per secret, every public
 *  input the same. The check adds the edge secrets (all zero, all ones, one, top bit set)
 *  before seeded random ones, and runs every secret with every variant. */
export interface SecretCases {
  /** What is varied, for the report: "key", "scalar d", "message m under a fixed key pair". */
  secret: string;
  bytes: number;
  /** The kernel reads the secret little-endian (X25519): "one" and "top bit set" follow it. */
  littleEndian?: boolean;
  /** False when edge values mean nothing for this secret (an RSA key): random ones only. */
  edges?: boolean;
  /** Public-input variants run with every secret, e.g. valid and tampered ciphertexts. */
  variants?: string[];
  /** Every variant must leave the same traces (ML-KEM's implicit rejection). Otherwise each
   *  variant is compared only with itself: that a tag was rejected is public anyway. */
  variantsAlike?: boolean;
  /** The case for one secret; `pub` is seeded alike for every case, so public inputs are equal.
   *  `index` numbers the cases, e.g. to tamper a different byte each time. */
  make(secret: Uint8Array, c: { pub: Rng; variant: string; index: number }): Case;
  /** Documented trace differences that are not leaks, by the function they first show in
   *  (the traces are compared up to there). */
  allowed?: FunctionNote[];
  /** Functions that only ever see public data and branch on it: left out of the traces (their
   *  own instructions and accesses; what they call is still traced) on the whole board run. */
  untraced?: FunctionNote[];
}

/** Firmware functions (by their ELF symbol) and why the check treats them specially. */
export interface FunctionNote { functions: RegExp; reason: string }

/** Message length in constant-time cases: several blocks of every cipher, quick to trace. */
export const CT_MESSAGE_BYTES = 64;

export const isSecretCases = (ct: OpSpec['ct']): ct is SecretCases => ct !== undefined && !('unchecked' in ct);

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
