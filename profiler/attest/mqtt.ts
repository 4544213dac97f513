// Attestation over MQTT: a gateway next to a board answers challenges with evidence, a
// verifier service challenges every device it sees. The device id (UEID hex) is in every topic:
//   capmark/<id>/identity          retained: the device-id output (DeviceID key, Alias CWT)
//   capmark/<id>/profile           retained: board info, agent version, kernel table (JSON)
//   capmark/<id>/attest/challenge  verifier -> gateway: the nonce
//   capmark/<id>/attest/evidence/<verifier>  gateway -> verifier: the evidence (response topic)
//   capmark/<id>/attest/result     retained: the latest attestation result (EAR JSON)
// MQTT 5 carries the response topic and correlation data as properties. The embedded broker
// (aedes) speaks MQTT 3.1.1 only, so there the two travel in the payload instead, as the CBOR
// array [response_topic, correlation_data, body].
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { connectAsync, type IClientPublishOptions, type MqttClient } from 'mqtt';
import { Aedes } from 'aedes';
import { CapmarkError } from '../errors.ts';
import { decode, encode } from './cbor.ts';
import { KEY_TYPES, parseDeviceIdentity } from './eat.ts';
import { runAttestOp, type AttestTarget } from './session.ts';
import type { AttestationResult, ReferenceValues, Verifier } from './verifier.ts';

export const topics = {
  identity: (id: string) => `capmark/${id}/identity`,
  profile: (id: string) => `capmark/${id}/profile`,
  challenge: (id: string) => `capmark/${id}/attest/challenge`,
  evidence: (id: string, verifier: string) => `capmark/${id}/attest/evidence/${verifier}`,
  result: (id: string) => `capmark/${id}/attest/result`,
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** An MQTT connection that sends requests with a response topic and correlation data. */
export class Bus {
  private constructor(readonly client: MqttClient, readonly v5: boolean) {}

  /** `v5: false` for MQTT 3.1.1 brokers (the embedded aedes). */
  static async connect(url: string, v5 = true, clientId?: string): Promise<Bus> {
    try {
      const client = await connectAsync(url, { protocolVersion: v5 ? 5 : 4, clientId, reconnectPeriod: 0, connectTimeout: 5000 });
      // Small request/response messages: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms a hop.
      (client.stream as Partial<Socket>).setNoDelay?.(true);
      return new Bus(client, v5);
    } catch (e) {
      throw new CapmarkError('MQTT_CONNECT', `cannot connect to the MQTT broker ${url}: ${(e as Error).message}; check the URL and that the broker runs`);
    }
  }

  async publish(topic: string, body: Uint8Array | string, o: { retain?: boolean; responseTopic?: string; correlationData?: Uint8Array } = {}) {
    const opts: IClientPublishOptions = { qos: 1, retain: o.retain };
    let payload: Uint8Array | string = body;
    if (o.responseTopic || o.correlationData) {
      if (this.v5) opts.properties = { responseTopic: o.responseTopic, correlationData: o.correlationData && Buffer.from(o.correlationData) };
      else payload = encode([o.responseTopic ?? '', o.correlationData ?? new Uint8Array(0), typeof body === 'string' ? body : new Uint8Array(body)]);
    }
    await this.client.publishAsync(topic, typeof payload === 'string' ? payload : Buffer.from(payload), opts);
  }

  /** Subscribes; with `withReply` the handler also gets the response topic and correlation data
   *  (enveloped in the payload on MQTT 3.1.1). */
  async subscribe(filter: string, withReply: boolean, handler: (topic: string, body: Buffer, reply: { responseTopic?: string; correlationData?: Uint8Array }) => void) {
    this.client.on('message', (topic, payload, packet) => {
      if (!matches(filter, topic)) return;
      if (!withReply || this.v5) {
        const p = packet.properties;
        handler(topic, payload, { responseTopic: p?.responseTopic, correlationData: p?.correlationData && new Uint8Array(p.correlationData) });
        return;
      }
      try {
        const [responseTopic, correlationData, body] = decode(payload) as [string, Uint8Array, Uint8Array];
        handler(topic, Buffer.from(body), { responseTopic: responseTopic || undefined, correlationData });
      } catch { /* not an enveloped request: ignored */ }
    });
    await this.client.subscribeAsync(filter, { qos: 1 });
  }

  /** MQTT 5 where the broker speaks it, else 3.1.1 (the embedded aedes): both ends of a
   *  deployment then agree, as they talk to the same broker. */
  static async connectBest(url: string, clientId?: string): Promise<Bus> {
    try { return await Bus.connect(url, true, clientId); } catch { return Bus.connect(url, false, clientId); }
  }

  close() { return this.client.endAsync(); }
}

function matches(filter: string, topic: string): boolean {
  const f = filter.split('/'), t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** The in-process broker used when no --broker URL is given (MQTT 3.1.1). */
export async function startEmbeddedBroker(port = 0, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server = createServer((socket) => { socket.setNoDelay(true); broker.handle(socket); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const url = `mqtt://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => { broker.close(() => server.close(() => resolve())); }),
  };
}

export interface Gateway { device: string; close(): Promise<void> }

/** Publishes the board's identity and profile (retained) and answers its challenges with evidence. */
export async function startGateway(bus: Bus, t: AttestTarget, keyType: keyof typeof KEY_TYPES = 'ed25519'): Promise<Gateway> {
  const kt = KEY_TYPES[keyType];
  const identityBytes = await runAttestOp(t, 'device-id', Uint8Array.of(kt));
  const device = hex(parseDeviceIdentity(identityBytes).ueid);
  const h = t.hello;
  await bus.publish(topics.profile(device), JSON.stringify({ board: h.info.board, agent_version: h.agentVersion, info: h.info, kernels: h.kernels }), { retain: true });
  await bus.publish(topics.identity(device), identityBytes, { retain: true });
  let queue = Promise.resolve();
  await bus.subscribe(topics.challenge(device), true, (_topic, nonce, reply) => {
    if (!reply.responseTopic) return;
    // The agent answers one request at a time: challenges are served in arrival order.
    queue = queue.then(async () => {
      const evidence = await runAttestOp(t, 'evidence', Uint8Array.of(kt, ...nonce));
      await bus.publish(reply.responseTopic!, evidence, { correlationData: reply.correlationData });
    }).catch((e) => console.error(`gateway ${device}: ${(e as Error).message}`));
  });
  return { device, close: () => bus.close() };
}

export interface VerifierServiceOptions {
  verifier: Verifier;
  /** Reference values for a device, given its retained profile. */
  reference: (device: string, profile: Record<string, unknown> | undefined) => ReferenceValues;
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
  readonly devices = new Map<string, { profile?: Record<string, unknown> }>();
  private waiting = new Map<string, { device: string; resolve(r: AttestationResult): void; reject(e: Error): void; timer: NodeJS.Timeout }>();

  private constructor(private bus: Bus, private o: VerifierServiceOptions) {}

  static async start(bus: Bus, o: VerifierServiceOptions): Promise<VerifierService> {
    const s = new VerifierService(bus, o);
    await bus.subscribe(topics.profile('+'), false, (topic, body) => {
      const device = topic.split('/')[1];
      try { s.entry(device).profile = JSON.parse(body.toString('utf8')); } catch { /* malformed profile: no reference hints */ }
    });
    await bus.subscribe(topics.evidence('+', s.id), true, (topic, body, reply) => s.onEvidence(topic.split('/')[1], body, reply.correlationData));
    await bus.subscribe(topics.identity('+'), false, (topic, body) => s.onIdentity(topic.split('/')[1], body));
    return s;
  }

  private entry(device: string) {
    let e = this.devices.get(device);
    if (!e) { e = {}; this.devices.set(device, e); }
    return e;
  }

  private onIdentity(device: string, body: Buffer) {
    try {
      const id = parseDeviceIdentity(new Uint8Array(body));
      if (hex(id.ueid) !== device) throw new CapmarkError('MQTT_IDENTITY', `identity on ${topics.identity(device)} is for device ${hex(id.ueid)}`);
      if (this.o.enrol ?? true) this.o.verifier.enrol(id);
      else this.o.verifier.identify(id);
      this.entry(device);
      if (this.o.autoAttest) this.attest(device).catch((e) => console.error(`verifier: ${device}: ${e.message}`));
    } catch (e) { console.error(`verifier: ${(e as Error).message}`); }
  }

  /** One challenge-response round with a device; resolves with the published result. */
  attest(device: string): Promise<AttestationResult> {
    const nonce = this.o.verifier.challenge(device);
    const correlation = new Uint8Array(randomBytes(16));
    return new Promise((resolve, reject) => {
      const key = hex(correlation);
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new CapmarkError('MQTT_TIMEOUT', `device ${device} sent no evidence within ${this.o.timeoutMs ?? 30_000} ms; is its gateway connected?`));
      }, this.o.timeoutMs ?? 30_000);
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
