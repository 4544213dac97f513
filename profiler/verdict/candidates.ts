// Which registry algorithms can serve each kind of need, and the operations one use costs.
// Derived from kernel kinds and op names only, so a new registry kernel needs no change here.
import type { KernelSpec } from '../kernels/types.ts';
import { algorithmFacts, type Component, type Use } from '../policy/index.ts';
import type { Need, NeedKind } from './types.ts';

/** Op names the registry uses for each role (first match wins). */
export const OP_ROLES = {
  verify: ['verify'],
  sign: ['sign'],
  keygen: ['keygen', 'keypair', 'generate'],
  agree: ['shared', 'agree', 'derive', 'dh', 'ecdh', 'scalarmult'],
  encaps: ['encaps', 'encapsulate'],
  decaps: ['decaps', 'decapsulate'],
  encrypt: ['encrypt', 'seal'],
  hash: ['hash', 'digest'],
} as const;
export type Role = keyof typeof OP_ROLES;

export const opFor = (k: KernelSpec, role: Role) => k.ops.find((o) => (OP_ROLES[role] as readonly string[]).includes(o.op));

export const USE_OF: Record<Exclude<NeedKind, 'hardware'>, Use> = {
  'secure-boot': 'firmware-signing', attestation: 'authentication', 'key-agreement': 'key-establishment',
  transport: 'encryption', 'data-at-rest': 'encryption',
};

/** One operation of a candidate: `bytes` for msg_bytes ops, `count` times per use. */
export interface Step { kernel: KernelSpec; op: string; bytes?: number; count: number }

export interface Candidate {
  label: string;
  kernels: KernelSpec[];
  components: Component[];
  steps: Step[];
  notes: string[];
}

const single = (k: KernelSpec, use: Use): Component => ({ facts: algorithmFacts(k), use, role: 'single' });
const msgBytes = (k: KernelSpec, op: string, bytes: number) =>
  (k.ops.find((o) => o.op === op)?.paramName === 'msg_bytes' ? bytes : undefined);

function secureBoot(need: Need, reg: KernelSpec[]): Candidate[] {
  const image = Math.round((need.image_kib ?? 0) * 1024);
  const out: Candidate[] = [];
  for (const sig of reg.filter((k) => k.kind === 'signature' && opFor(k, 'verify'))) {
    const verify = opFor(sig, 'verify')!.op;
    if (msgBytes(sig, verify, image) !== undefined) {
      out.push({ label: sig.algorithm, kernels: [sig], components: [single(sig, 'firmware-signing')],
        steps: [{ kernel: sig, op: verify, bytes: image, count: 1 }], notes: [] });
      continue;
    }
    // Hash-then-verify: a signature over a digest is as strong as the weaker of the two (SP 800-57
    // Pt 1 §5.6.1.2), so a digest weaker than the signature is paired only when it still has 128
    // bits; the policy then judges both parts. "-native" kernels are native-C probes, not candidates.
    const digestBits = Math.min(sig.securityBits, 128);
    for (const h of reg.filter((k) => k.kind === 'hash' && opFor(k, 'hash') && k.securityBits >= digestBits && !k.id.endsWith('-native'))) {
      out.push({ label: `${sig.algorithm} over ${h.algorithm} digest`, kernels: [sig, h],
        components: [single(sig, 'firmware-signing'), single(h, 'hashing')],
        steps: [{ kernel: h, op: opFor(h, 'hash')!.op, bytes: image, count: 1 }, { kernel: sig, op: verify, count: 1 }],
        notes: [] });
    }
  }
  return out;
}

function attestation(need: Need, reg: KernelSpec[]): Candidate[] {
  const token = need.token_bytes ?? 256;
  return reg.filter((k) => k.kind === 'signature' && opFor(k, 'sign')).map((k) => {
    const op = opFor(k, 'sign')!.op;
    return { label: k.algorithm, kernels: [k], components: [single(k, 'authentication')],
      steps: [{ kernel: k, op, bytes: msgBytes(k, op, token), count: 1 }], notes: [] };
  });
}

/** Device side of one session: ephemeral key pair + shared secret (ECDH), or as KEM initiator
 *  keygen + decapsulation (the TLS 1.3 client role); hybrids do both. */
function classicalSteps(k: KernelSpec): Step[] | undefined {
  const keygen = opFor(k, 'keygen'), agree = opFor(k, 'agree');
  if (keygen && agree) return [{ kernel: k, op: keygen.op, count: 1 }, { kernel: k, op: agree.op, count: 1 }];
  if (agree) return [{ kernel: k, op: agree.op, count: 2 }];
  return undefined;
}
function kemSteps(k: KernelSpec): Step[] | undefined {
  const keygen = opFor(k, 'keygen'), decaps = opFor(k, 'decaps');
  return keygen && decaps ? [{ kernel: k, op: keygen.op, count: 1 }, { kernel: k, op: decaps.op, count: 1 }] : undefined;
}

function keyAgreement(reg: KernelSpec[]): Candidate[] {
  const classical = reg.filter((k) => k.kind === 'key-agreement' && classicalSteps(k));
  const kems = reg.filter((k) => k.kind === 'kem' && kemSteps(k));
  const out: Candidate[] = [];
  for (const c of classical) {
    out.push({ label: c.algorithm, kernels: [c], components: [single(c, 'key-establishment')], steps: classicalSteps(c)!, notes: [] });
  }
  for (const q of kems) {
    out.push({ label: q.algorithm, kernels: [q], components: [single(q, 'key-establishment')], steps: kemSteps(q)!,
      notes: ['device as KEM initiator (keygen + decapsulation)'] });
    for (const c of classical) {
      out.push({ label: `${c.algorithm} + ${q.algorithm} hybrid`, kernels: [c, q],
        components: [{ facts: algorithmFacts(c), use: 'key-establishment', role: 'classical-half' },
          { facts: algorithmFacts(q), use: 'key-establishment', role: 'pq-half' }],
        steps: [...classicalSteps(c)!, ...kemSteps(q)!], notes: ['hybrid: both shared secrets enter the key derivation'] });
    }
  }
  return out;
}

function aead(need: Need, reg: KernelSpec[]): Candidate[] {
  const bytes = need.record_bytes ?? 1024;
  return reg.filter((k) => k.kind === 'aead' && opFor(k, 'encrypt')).map((k) => ({
    label: k.algorithm, kernels: [k], components: [single(k, 'encryption')],
    steps: [{ kernel: k, op: opFor(k, 'encrypt')!.op, bytes, count: 1 }], notes: [],
  }));
}

/** Every algorithm (or pair) the registry offers for `need`. */
export function candidatesFor(need: Need, registry: KernelSpec[]): Candidate[] {
  switch (need.kind) {
    case 'secure-boot': return secureBoot(need, registry);
    case 'attestation': return attestation(need, registry);
    case 'key-agreement': return keyAgreement(registry);
    case 'transport':
    case 'data-at-rest': return aead(need, registry);
    case 'hardware': return [];
  }
}
