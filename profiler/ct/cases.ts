// The secret-varying cases of one op: n secrets (the edge values first, then seeded random
// ones), each run with every public-input variant the op's spec lists, all public inputs
// drawn from one seed so that only the secret differs.
import { createRng, isSecretCases, type Case, type KernelSpec, type OpSpec, type SecretCases } from '../kernels/index.ts';

export interface CtCase {
  /** "zero", "ones", "one", "top bit", or "random #i": enough to reproduce it with the seed. */
  secret: string;
  variant: string;
  /** Cases of the same group must leave identical traces. */
  group: string;
  case: Case;
}

/** An op to check: its spec, and its cases or why it has none. */
export interface CtOp { spec: KernelSpec; op: OpSpec; cases?: SecretCases; unchecked?: string }

/** The edge secrets, as big-endian numbers of `bytes` bytes (reversed for little-endian kernels). */
function edgeSecrets(c: SecretCases): { label: string; bytes: Uint8Array }[] {
  const n = c.bytes;
  const one = new Uint8Array(n); one[n - 1] = 1;
  const top = new Uint8Array(n); top[0] = 0x80;
  const edges = [
    { label: 'zero', bytes: new Uint8Array(n) },
    { label: 'ones', bytes: new Uint8Array(n).fill(0xff) },
    { label: 'one', bytes: one },
    { label: 'top bit', bytes: top },
  ];
  return c.littleEndian ? edges.map((e) => ({ ...e, bytes: e.bytes.reverse() })) : edges;
}

/** The n secrets of an op: edges first (unless the spec says they do not apply), then random. */
export function secretsFor(spec: KernelSpec, op: OpSpec, c: SecretCases, n: number): { label: string; bytes: Uint8Array }[] {
  const edges = c.edges === false ? [] : edgeSecrets(c).slice(0, n);
  const random = Array.from({ length: n - edges.length }, (_, i) =>
    ({ label: `random #${i + 1}`, bytes: createRng(`ct/${spec.id}/${op.op}/secret/${i + 1}`).bytes(c.bytes) }));
  return [...edges, ...random];
}

/** Every case of an op: each secret with each variant. */
export function casesFor(spec: KernelSpec, op: OpSpec, c: SecretCases, n: number): CtCase[] {
  const variants = c.variants ?? ['-'];
  return secretsFor(spec, op, c, n).flatMap((s, index) => variants.map((variant) => ({
    secret: s.label, variant, group: c.variantsAlike ? 'all' : variant,
    case: c.make(s.bytes, { pub: createRng(`ct/${spec.id}/${op.op}/public`), variant, index }),
  })));
}

/** The secret ops of these kernels, one per op name (a kernel may list an op twice, e.g. a
 *  forged-tag decrypt beside the valid one; the entry that has constant-time cases counts). */
export function secretOps(specs: KernelSpec[]): CtOp[] {
  const out: CtOp[] = [];
  for (const spec of specs) {
    for (const name of new Set(spec.ops.filter((o) => o.secret).map((o) => o.op))) {
      const ops = spec.ops.filter((o) => o.op === name);
      const op = ops.find((o) => o.ct) ?? ops[0];
      if (isSecretCases(op.ct)) out.push({ spec, op, cases: op.ct });
      else out.push({ spec, op, unchecked: op.ct?.unchecked ?? 'no secret-varying cases in its kernel spec' });
    }
  }
  return out;
}
