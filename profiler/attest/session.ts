// One attestation round over the agent protocol: the kernel ops of wasm/kernels/attest.ts run
// through LOAD / BENCH (1 iteration) / READ like any kernel; no protocol command of its own.
import { CapmarkError } from '../errors.ts';
import type { AgentClient } from '../protocol/client.ts';
import type { Hello } from '../protocol/messages.ts';
import { KEY_TYPES, parseDeviceIdentity, type DeviceIdentity, type KeyTypeName } from './eat.ts';
import type { AttestationResult, ReferenceValues, Verifier } from './verifier.ts';

export const DEVICE_KERNEL = 'attest';

export interface AttestTarget { client: AgentClient; hello: Hello }

export interface AttestOptions {
  verifier: Verifier;
  reference: ReferenceValues;
  keyType?: KeyTypeName;
  /** Enrol the DeviceID key on first sight (trust on first use); otherwise it must be enrolled. */
  enrol?: boolean;
  timeoutMs?: number;
}

export interface AttestOutcome { identity: DeviceIdentity; evidence: Uint8Array; result: AttestationResult }

/** Runs one op of the attest kernel once and returns its output. */
export async function runAttestOp(t: AttestTarget, op: 'device-id' | 'evidence', input: Uint8Array, timeoutMs = 60_000): Promise<Uint8Array> {
  const kernel = t.hello.kernels.findIndex((k) => k.name === DEVICE_KERNEL);
  const opId = kernel >= 0 ? t.hello.kernels[kernel].ops.indexOf(op) : -1;
  if (opId < 0) throw new CapmarkError('NO_ATTEST_KERNEL', `the agent has no ${DEVICE_KERNEL}:${op} kernel op; rebuild the firmware from this checkout`);
  await t.client.load(input);
  const r = await t.client.bench({ kernel, op: opId, iterations: 1, warmup: 0, inputLength: input.length }, timeoutMs);
  if (r.status < 0) {
    const hint = r.status === -7 ? ' (no device secret: the UDS was already read this boot and nothing is cached, or the board has none; reset the board)' : '';
    throw new CapmarkError('ATTEST_DEVICE', `${DEVICE_KERNEL}:${op} returned status ${r.status}${hint}`);
  }
  return t.client.read(r.outputLength);
}

/** Identity (enrolling it if asked), a fresh challenge, the evidence, and its appraisal. */
export async function attestOnce(t: AttestTarget, o: AttestOptions): Promise<AttestOutcome> {
  const keyType = KEY_TYPES[o.keyType ?? 'ed25519'];
  const identity = parseDeviceIdentity(await runAttestOp(t, 'device-id', Uint8Array.of(keyType), o.timeoutMs));
  if (o.enrol ?? true) o.verifier.enrol(identity, t.hello.info.board);
  else o.verifier.identify(identity);
  const nonce = o.verifier.challenge(identity.ueid);
  const evidence = await runAttestOp(t, 'evidence', Uint8Array.of(keyType, ...nonce), o.timeoutMs);
  return { identity, evidence, result: o.verifier.verify(evidence, o.reference) };
}
