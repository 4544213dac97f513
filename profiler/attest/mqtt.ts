// Attestation over MQTT: a gateway next to a board answers challenges with evidence, a
// verifier service challenges every device it sees. The device id (UEID hex) is in every topic:
//   capmark/<id>/identity          retained: the device-id output (DeviceID key, Alias CWT)
//   capmark/<id>/profile           retained: board info, agent version, kernel table (JSON)
//   capmark/<id>/attest/challenge  verifier -> gateway: the nonce
//   capmark/<id>/attest/evidence/<verifier>  gateway -> verifier: the evidence (response topic)
//   capmark/<id>/attest/result     retained: the latest attestation result (EAR JSON)
// Connections (bus.ts) reconnect with backoff. Every inbound message is checked before it
// touches state: device ids, the profile against its JSON schema, nonce lengths, and response
// topics (only this device's evidence topic: a wildcard there would get the gateway
// disconnected by the broker, any other topic would make it a reflector).
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { CapmarkError } from '../errors.ts';
import { DataError, validate } from '../schema/index.ts';
import { Bus, type Reply } from './bus.ts';
import { KEY_TYPES, parseDeviceIdentity } from './eat.ts';
import { runAttestOp, type AttestTarget } from './session.ts';
import type { AttestationResult, ReferenceValues, Verifier } from './verifier.ts';

export { Bus } from './bus.ts';

export const topics = {
  identity: (id: string) => `capmark/${id}/identity`,
  profile: (id: string) => `capmark/${id}/profile`,
  challenge: (id: string) => `capmark/${id}/attest/challenge`,
  evidence: (id: string, verifier: string) => `capmark/${id}/attest/evidence/${verifier}`,
  result: (id: string) => `capmark/${id}/attest/result`,
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A device id: the UEID in hex (0x01 RAND type + 32 bytes, RFC 9711 §4.2.1). */
const DEVICE_ID = /^01[0-9a-f]{64}$/;
/** A verifier id in an evidence topic (this service makes "v" + 8 hex digits). */
const VERIFIER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** RFC 9711 §4.1: nonces of 8 to 64 bytes. */
const NONCE_BYTES = { min: 8, max: 64 } as const;
const MAX_CORRELATION_BYTES = 64;

/** The retained profile a gateway publishes (and the verifier accepts). */
export const deviceProfileSchema = {
  type: 'object', additionalProperties: false, required: ['board', 'agent_version', 'info', 'kernels'],
  properties: {
    board: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    agent_version: { type: 'string', maxLength: 64 },
    info: { type: 'object', maxProperties: 64, additionalProperties: { type: 'string', maxLength: 256 } },
    kernels: {
      type: 'array', maxItems: 255,
      items: { type: 'object', additionalProperties: false, required: ['name', 'ops'], properties: {
        name: { type: 'string', maxLength: 64 }, ops: { type: 'array', maxItems: 255, items: { type: 'string', maxLength: 64 } },
      } },
    },
  },
} as const;
export interface DeviceProfile { board: string; agent_version: string; info: Record<string, string>; kernels: { name: string; ops: string[] }[] }

/** Why a challenge to `device` cannot be answered, or undefined when it can. */
function challengeProblem(device: string, nonce: Buffer, reply: Reply): string | undefined {
  if (nonce.length < NONCE_BYTES.min || nonce.length > NONCE_BYTES.max) return `nonce of ${nonce.length} bytes (RFC 9711: ${NONCE_BYTES.min} to ${NONCE_BYTES.max})`;
  const prefix = topics.evidence(device, '');
  const rt = reply.responseTopic;
  if (typeof rt !== 'string' || !rt.startsWith(prefix) || !VERIFIER_ID.test(rt.slice(prefix.length))) {
    return `response topic ${JSON.stringify(rt ?? null)} is not ${topics.evidence(device, '<verifier id>')}`;
  }
  if (reply.correlationData && reply.correlationData.length > MAX_CORRELATION_BYTES) return `correlation data of ${reply.correlationData.length} bytes (at most ${MAX_CORRELATION_BYTES})`;
  return undefined;
}

/** The in-process broker used when no --broker URL is given (MQTT 3.1.1). */
export async function startEmbeddedBroker(port = 0, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const url = `mqtt://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    // Connected clients are cut off: server.close() alone waits for them to leave.
    close: () => new Promise<void>((resolve) => { broker.close(() => { server.close(() => resolve()); sockets.forEach((s) => s.destroy()); }); }),
  };
}

export interface Gateway { device: string; close(): Promise<void> }

/** Publishes the board's identity and profile (retained; again after every reconnection, as a
 *  restarted broker may have lost them) and answers its challenges with evidence. */
export async function startGateway(bus: Bus, t: AttestTarget, keyType: keyof typeof KEY_TYPES = 'ed25519'): Promise<Gateway> {
  const kt = KEY_TYPES[keyType];
  const identityBytes = await runAttestOp(t, 'device-id', Uint8Array.of(kt));
  const device = hex(parseDeviceIdentity(identityBytes).ueid);
  const h = t.hello;
  const profile: DeviceProfile = { board: h.info.board, agent_version: h.agentVersion, info: h.info, kernels: h.kernels };
  const announce = async () => {
    await bus.publish(topics.profile(device), JSON.stringify(profile), { retain: true });
    await bus.publish(topics.identity(device), identityBytes, { retain: true });
  };
  let queue = Promise.resolve();
  await bus.subscribe(topics.challenge(device), true, (_topic, nonce, reply) => {
    const problem = challengeProblem(device, nonce, reply);
    if (problem) { bus.log(`gateway ${device}: ignored a challenge: ${problem}`); return; }
    // The agent answers one request at a time: challenges are served in arrival order.
    queue = queue.then(async () => {
      const evidence = await runAttestOp(t, 'evidence', Uint8Array.of(kt, ...nonce));
      await bus.publish(reply.responseTopic!, evidence, { correlationData: reply.correlationData });
    }).catch((e) => bus.log(`gateway ${device}: ${(e as Error).message}`));
  });
  // Announced once subscribed: a verifier challenges as soon as it sees the identity.
  await announce();
  bus.onReconnect(announce);
  return { device, close: () => bus.close() };
}

export interface VerifierServiceOptions {
  verifier: Verifier;
  /** Reference values for a device, given its retained profile (schema-checked). */
  reference: (device: string, profile: DeviceProfile | undefined) => ReferenceValues;
  /** Enrol devices whose identity appears on the bus (trust on first use). */
  enrol?: boolean;
  /** Challenge each device as soon as its identity appears. */
  autoAttest?: boolean;
  onResult?: (device: string, r: AttestationResult) => void;
  timeoutMs?: number;
}

/** The verifier on the bus: enrols identities, challenges devices, publishes results. */
export class VerifierService {
  readonly id = `v${hex(randomBytes(4))}`;
  readonly devices = new Map<string, { profile?: DeviceProfile }>();
  private waiting = new Map<string, { device: string; resolve(r: AttestationResult): void; reject(e: Error): void; timer: NodeJS.Timeout }>();

  private constructor(private bus: Bus, private o: VerifierServiceOptions) {}

  static async start(bus: Bus, o: VerifierServiceOptions): Promise<VerifierService> {
    const s = new VerifierService(bus, o);
    // A message under a topic that is not a device id is dropped before it touches state.
    const fromDevice = (topic: string, body: Buffer, then: (device: string, body: Buffer) => void) => {
      const device = topic.split('/')[1];
      if (!DEVICE_ID.test(device)) { bus.log(`verifier: ignored ${topic}: "${device}" is not a device id (UEID hex)`); return; }
      if (body.length) then(device, body);                      // empty: a retained message cleared
    };
    await bus.subscribe(topics.profile('+'), false, (topic, body) => fromDevice(topic, body, (d, b) => s.onProfile(topic, d, b)));
    await bus.subscribe(topics.evidence('+', s.id), true, (topic, body, reply) => fromDevice(topic, body, (d, b) => s.onEvidence(d, b, reply.correlationData)));
    await bus.subscribe(topics.identity('+'), false, (topic, body) => fromDevice(topic, body, (d, b) => s.onIdentity(d, b)));
    return s;
  }

  private entry(device: string) {
    let e = this.devices.get(device);
    if (!e) { e = {}; this.devices.set(device, e); }
    return e;
  }

  /** A profile replaces the stored one only when it is JSON matching deviceProfileSchema. */
  private onProfile(topic: string, device: string, body: Buffer) {
    try {
      let data: unknown;
      try { data = JSON.parse(body.toString('utf8')); } catch { throw new DataError('DATA_UNREADABLE', topic, '', 'is not valid JSON'); }
      this.entry(device).profile = validate<DeviceProfile>(deviceProfileSchema, data, topic);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      this.bus.log(`verifier: ignored a profile: ${e.message}`);
    }
  }

  private onIdentity(device: string, body: Buffer) {
    try {
      const id = parseDeviceIdentity(new Uint8Array(body));
      if (hex(id.ueid) !== device) throw new CapmarkError('MQTT_IDENTITY', `identity on ${topics.identity(device)} is for device ${hex(id.ueid)}`);
      if (this.o.enrol ?? true) this.o.verifier.enrol(id);
      else this.o.verifier.identify(id);
      this.entry(device);
      if (this.o.autoAttest) this.attest(device).catch((e) => this.bus.log(`verifier: ${device}: ${e.message}`));
    } catch (e) { this.bus.log(`verifier: ${(e as Error).message}`); }
  }

  /** One challenge-response round with a device; resolves with the published result. */
  attest(device: string): Promise<AttestationResult> {
    if (!this.bus.connected) return Promise.reject(new CapmarkError('MQTT_OFFLINE', `the verifier is not connected to the broker ${this.bus.url} (reconnecting); no challenge sent to ${device}`));
    const nonce = this.o.verifier.challenge(device);
    const correlation = new Uint8Array(randomBytes(16));
    const ms = this.o.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const key = hex(correlation);
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new CapmarkError('MQTT_TIMEOUT', this.bus.connected ? `device ${device} sent no evidence within ${ms} ms; is its gateway connected?`
          : `no evidence from device ${device} within ${ms} ms: the verifier lost its connection to the broker ${this.bus.url}`));
      }, ms);
      this.waiting.set(key, { device, resolve, reject, timer });
      this.bus.publish(topics.challenge(device), nonce, { responseTopic: topics.evidence(device, this.id), correlationData: correlation })
        .catch((e) => { clearTimeout(timer); this.waiting.delete(key); reject(e); });
    });
  }

  private onEvidence(device: string, body: Buffer, correlation?: Uint8Array) {
    const w = correlation && this.waiting.get(hex(correlation));
    if (!w || w.device !== device) return; // not ours, or late
    this.waiting.delete(hex(correlation!));
    clearTimeout(w.timer);
    let result: AttestationResult;
    try { result = this.o.verifier.verify(new Uint8Array(body), this.o.reference(device, this.devices.get(device)?.profile)); } catch (e) { w.reject(e as Error); return; }
    this.o.onResult?.(device, result);
    this.bus.publish(topics.result(device), JSON.stringify(result), { retain: true, ...(this.bus.v5 ? { correlationData: correlation } : {}) })
      .then(() => w.resolve(result), w.reject);
  }

  close() { for (const w of this.waiting.values()) clearTimeout(w.timer); return this.bus.close(); }
}
