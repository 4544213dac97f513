// Results files generated from the kernel registry for verdict and report tests: the same shape
// `capmark profile` writes, with costs from a documented model instead of a board run.
// Kernels the registry does not have yet (other branches add them) get metadata-only stand-ins
// with the ids, kinds and strengths their registry entries will carry.
import { KERNELS } from '../../profiler/kernels/index.ts';
import type { KernelSpec, KernelKind, OpSpec } from '../../profiler/kernels/types.ts';
import { RESULTS_SCHEMA, type CodeMap, type Measurement, type ResultsFile } from '../../profiler/results/types.ts';
import { familyOf } from '../../profiler/policy/index.ts';

const SIZES = [16, 64, 256, 1024, 4096, 16384];
const op = (name: string, msg = false, heapBytes = 0): OpSpec => ({
  op: name, paramName: msg ? 'msg_bytes' : 'none', params: msg ? SIZES : [0], secret: name !== 'verify',
  heapBytes, makeCase: () => { throw new Error('metadata-only stand-in'); },
});
const spec = (id: string, algorithm: string, kind: KernelKind, securityBits: number, quantumSecurityBits: number,
  ops: OpSpec[], keyBits?: number): KernelSpec => ({ id, device: id, algorithm, kind, securityBits, quantumSecurityBits, keyBits, standard: '-', ops });

const AEAD = [op('encrypt', true), op('decrypt', true)];
const SIG = (heap = 0) => [op('keygen', false, heap), op('sign', false, heap), op('verify', false, heap)];
const KEM = (heap: number) => [op('keygen', false, heap), op('encaps', false, heap), op('decaps', false, heap)];

/** Stand-ins for kernels being added on other branches (strengths per SP 800-57 / FIPS 203-204). */
export const STAND_INS: KernelSpec[] = [
  spec('aes-128-gcm', 'AES-128-GCM', 'aead', 128, 64, AEAD, 128),
  spec('aes-256-gcm', 'AES-256-GCM', 'aead', 256, 128, AEAD, 256),
  spec('chacha20-poly1305', 'ChaCha20-Poly1305', 'aead', 256, 128, AEAD, 256),
  spec('ascon-aead128', 'Ascon-AEAD128', 'aead', 128, 64, AEAD, 128),
  spec('sha384', 'SHA-384', 'hash', 192, 192, [op('hash', true)]),
  spec('hmac-sha256', 'HMAC-SHA-256', 'mac', 256, 128, [op('mac', true)], 256),
  spec('ecdsa-p256', 'ECDSA P-256', 'signature', 128, 0, SIG(), 256),
  spec('ecdsa-p384', 'ECDSA P-384', 'signature', 192, 0, SIG(), 384),
  spec('ed25519', 'Ed25519', 'signature', 128, 0, SIG(), 256),
  spec('rsa-2048-pkcs1-verify', 'RSA-2048 PKCS#1 v1.5 verify', 'signature', 112, 0, [op('verify')], 2048),
  spec('rsa-3072-pkcs1-verify', 'RSA-3072 PKCS#1 v1.5 verify', 'signature', 128, 0, [op('verify')], 3072),
  spec('x25519', 'X25519', 'key-agreement', 128, 0, [op('keygen'), op('shared')], 256),
  spec('ecdh-p256', 'ECDH P-256', 'key-agreement', 128, 0, [op('keygen'), op('shared')], 256),
  spec('ml-kem-512', 'ML-KEM-512', 'kem', 128, 128, KEM(6_000)),
  spec('ml-kem-768', 'ML-KEM-768', 'kem', 192, 192, KEM(9_000)),
  spec('ml-kem-1024', 'ML-KEM-1024', 'kem', 256, 256, KEM(12_000)),
  spec('ml-dsa-44', 'ML-DSA-44', 'signature', 128, 128, SIG(40_000)),
  spec('ml-dsa-65', 'ML-DSA-65', 'signature', 192, 192, SIG(60_000)),
  spec('ml-dsa-87', 'ML-DSA-87', 'signature', 256, 256, SIG(90_000)),
  spec('lms-sha256-h10-w4', 'LMS SHA-256 H10 W4', 'signature', 128, 128, [op('verify')]),
];

/** The registry the tests use: the real one, completed by stand-ins for kernels it lacks. */
export const TEST_REGISTRY: KernelSpec[] = [
  ...KERNELS, ...STAND_INS.filter((s) => !KERNELS.some((k) => k.id === s.id)),
];

/** Cortex-M4 cycle model. Public-key ops: published counts (DESIGN.md reference table: pqm4
 *  clean, Emill P-256/X25519) x 1.4 for the WebAssembly path (wasm2c -O2, DESIGN.md);
 *  unlisted sizes scaled from their neighbours. Symmetric: cycles per byte + fixed setup. */
const WASM = 1.4;
const FIXED: Record<string, Record<string, number>> = {
  'ecdsa-p256': { keygen: 375e3, sign: 375e3, verify: 976e3 },
  'ecdsa-p384': { keygen: 940e3, sign: 940e3, verify: 2.44e6 },
  ed25519: { keygen: 420e3, sign: 450e3, verify: 1.1e6 },
  'rsa-2048-pkcs1-verify': { verify: 1.2e6 },
  'rsa-3072-pkcs1-verify': { verify: 2.6e6 },
  x25519: { keygen: 548_873, shared: 548_873 },
  'ecdh-p256': { keygen: 375e3, shared: 900e3 },
  'ml-kem-512': { keygen: 640e3, encaps: 740e3, decaps: 900e3 },
  'ml-kem-768': { keygen: 988_722, encaps: 1_138_225, decaps: 1_387_984 },
  'ml-kem-1024': { keygen: 1.53e6, encaps: 1.76e6, decaps: 2.15e6 },
  'ml-dsa-44': { keygen: 1_874_405, sign: 7_925_955, verify: 2_063_096 },
  'ml-dsa-65': { keygen: 3_205_533, sign: 12_359_056, verify: 3_377_305 },
  'ml-dsa-87': { keygen: 5.3e6, sign: 16e6, verify: 5.6e6 },
  'lms-sha256-h10-w4': { verify: 1.6e6 },
};
const CPB: Record<string, number> = {
  sha256: 97, 'sha256-native': 70, sha384: 150, 'hmac-sha256': 97, 'aes-128-gcm': 180, 'aes-256-gcm': 240,
  'chacha20-poly1305': 95, 'ascon-aead128': 296,
};

export function modelCycles(kernel: string, opName: string, bytes: number): number {
  const fixed = FIXED[kernel]?.[opName];
  if (fixed !== undefined) return fixed * WASM;
  return ((CPB[kernel] ?? 100) * bytes + 2000) * WASM;
}

export interface FixtureOptions {
  board?: string;
  core?: string;
  clock_hz?: number;
  /** Multiplies every cycle count (a slower or faster core). */
  scale?: number;
  registry?: KernelSpec[];
  stack_bytes?: number;
  hostable?: boolean;
  features?: ResultsFile['capability']['features'];
  /** Kernel ids whose outputs the host rejected. */
  wrong?: string[];
  /** Kernel ids to leave out, as if not measured. */
  omit?: string[];
  /** false: no working sets and no code map, as in a capmark.results/1 file. */
  footprint?: boolean;
}

/** Working set of an op (stack + heap + buffers): the registry's heap, the message twice (in and
 *  out) and 128 B of keys and headers. A model for tests, not a measurement. */
const workingSet = (stack: number, s: OpSpec, param: number) => stack + (s.heapBytes ?? 0) + 2 * param + 128;

/** A code map in the results' shape: a 4 KiB runtime, 6 KiB of shared code per algorithm family
 *  (field arithmetic, hash core), 2 KiB per op and 512 B of constants per kernel. A model for tests. */
export function modelCodeMap(registry: KernelSpec[]): CodeMap {
  const units: CodeMap['units'] = [{ name: 'runtime', bytes: 4096, kind: 'code' }];
  const index = (name: string, bytes: number, kind: 'code' | 'const') => {
    const i = units.findIndex((u) => u.name === name);
    return i >= 0 ? i : units.push({ name, bytes, kind }) - 1;
  };
  const ops: CodeMap['ops'] = {};
  for (const k of registry) {
    for (const o of k.ops) {
      ops[`${k.id}/${o.op}`] = [index(`lib/${familyOf(k.id)}`, 6144, 'code'), index(`${k.id}/${o.op}`, 2048, 'code'), index(`${k.id} tables`, 512, 'const')];
    }
  }
  return { source: 'test model (tests/support/results-fixture.ts)', units, ops, runtime: [0] };
}

/** A results file for a virtual board, one measurement per registry kernel x op x param. */
export function makeResults(o: FixtureOptions = {}): ResultsFile {
  const clock = o.clock_hz ?? 25_000_000;
  const measurements: Measurement[] = [];
  for (const k of o.registry ?? TEST_REGISTRY) {
    if (o.omit?.includes(k.id)) continue;
    for (const s of k.ops) {
      for (const param of s.params) {
        const cycles = Math.round(modelCycles(k.id, s.op, param) * (o.scale ?? 1));
        const instr = Math.round(cycles / 1.25);
        const us = (cycles / clock) * 1e6;
        const wrong = o.wrong?.includes(k.id);
        measurements.push({
          kernel: k.id, device_kernel: k.device, op: s.op, param_name: s.paramName, param, iterations: 5,
          status: wrong ? 'failed' : 'ok', reason: wrong ? 'output differs from the reference' : undefined,
          instructions: { min: instr, median: instr, max: instr, method: 'exact-emulated' },
          time_us: { min: us, median: us, max: us, method: 'exact-emulated' },
          instructions_per_byte: s.paramName === 'msg_bytes' ? instr / param : undefined,
          stack_bytes: o.stack_bytes ?? 2048, output_verified: !wrong,
          ...(o.footprint === false ? {} : { working_set_bytes: workingSet(o.stack_bytes ?? 2048, s, param) }),
        });
      }
    }
  }
  return {
    schema: RESULTS_SCHEMA, status: 'complete', board: o.board ?? 'mps2-an386', started_at: '2026-01-01T00:00:00Z', finished_at: '2026-01-01T00:01:00Z',
    duration_ms: 60_000,
    conditions: { transport: 'qemu', qemu_machine: 'mps2-an386', icount: 'shift=0', clock_hz: clock, core: o.core ?? 'cortex-m4', host: 'fixture' },
    capability: { hostable: o.hostable ?? true, verdict: o.hostable === false ? 'needs 65536 B RAM, board has 16384 B' : 'hosts the agent',
      required_ram_bytes: 65_536, features: o.features ?? { trng: true, key_storage: true } },
    measurements,
    ...(o.footprint === false ? {} : { code_map: modelCodeMap(o.registry ?? TEST_REGISTRY) }),
  };
}
