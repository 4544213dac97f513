// Constant time in verdicts (issue 12): a need whose ops handle a long-term secret reports what
// `capmark ct` found for them on the board (results constant_time[]); a profile with
// policy.constant_time "required" fails such a need where one of its secret ops leaks, and
// leaves it incomplete where one is unchecked or runs operand-dependent instructions.
import type { KernelSpec } from '../kernels/types.ts';
import type { ConstantTimeRecord } from '../results/types.ts';
import { opKey, type Subject } from './subject.ts';
import type { ConstantTime, CtStatus, NeedKind } from './types.ts';

/** The long-term secret each need kind's ops handle (the others handle public data or
 *  session keys: secure boot verifies with a public key, transport encrypts under session keys,
 *  key agreement is ephemeral in capmark's candidates). */
export const LONG_TERM_SECRETS: Partial<Record<NeedKind, string>> = {
  attestation: 'the attestation key (DICE DeviceID/Alias private key)',
  'data-at-rest': 'the device storage key',
};

/** Worst first: the status a need reports is its worst op's. */
const ORDER: CtStatus[] = ['leaks', 'unchecked', 'operand-dependent', 'allowed-variation', 'trace-equal'];

/** What the constant-time check says about the secret ops among `steps` on this subject, or
 *  undefined when the need handles no long-term secret. */
export function constantTimeOf(kind: NeedKind, steps: { kernel: KernelSpec; op: string }[], s: Subject): ConstantTime | undefined {
  const secret = LONG_TERM_SECRETS[kind];
  if (!secret) return undefined;
  const ops: ConstantTime['ops'] = [];
  for (const { kernel, op } of steps) {
    const spec = kernel.ops.find((o) => o.op === op);
    const key = opKey(kernel.id, op);
    if (!spec?.ct || ops.some((o) => o.op === key)) continue; // public data only
    const r: ConstantTimeRecord | undefined = s.constant_time.get(key);
    // An allowed variation that also runs operand-dependent instructions is not constant time either.
    const status = r?.status === 'allowed-variation' && r.operand_dependent_instructions ? 'operand-dependent' : r?.status;
    if (r) ops.push({ op: key, status: status!, operand_dependent_instructions: r.operand_dependent_instructions, detail: r.detail });
    else {
      const why = 'unchecked' in spec.ct ? `capmark ct cannot vary it: ${spec.ct.unchecked}`
        : `no constant-time record on ${s.constant_time_board ?? s.facts.id}: run capmark ct --board <id> --kernels ${kernel.id}`;
      ops.push({ op: key, status: 'unchecked', detail: why });
    }
  }
  if (!ops.length) return undefined;
  const status = ORDER.find((st) => ops.some((o) => o.status === st))!;
  return { secret, status, ops, ...(s.constant_time_board ? { traced_on: s.constant_time_board } : {}) };
}

/** One line for a terminal or a reason: "X25519 shared operand-dependent (201,320 ...)". */
export function describeConstantTime(ct: ConstantTime): string {
  const worst = ct.ops.filter((o) => o.status === ct.status);
  return `${ct.status} for ${ct.secret}: ${worst.map((o) => `${o.op}: ${o.detail}`).join('; ')}`;
}
