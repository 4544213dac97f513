// An MQTT connection that stays up: after the first connect it reconnects with exponential
// backoff (0.5 s doubling to 30 s), subscribes again and runs the owner's re-announce hooks,
// and logs one line on every state change. Requests carry a response topic and correlation
// data (MQTT 5 properties, or on 3.1.1 brokers the CBOR envelope [response_topic,
// correlation_data, body]); malformed envelopes are dropped here, before any handler.
import type { Socket } from 'node:net';
import { connectAsync, type IClientPublishOptions, type MqttClient } from 'mqtt';
import { CapmarkError } from '../errors.ts';
import { decode, encode } from './cbor.ts';

export type Log = (line: string) => void;
export interface Reply { responseTopic?: string; correlationData?: Uint8Array }
export interface BusOptions {
  /** false for MQTT 3.1.1 brokers (the embedded aedes). */
  v5?: boolean;
  clientId?: string;
  /** State changes and dropped messages (default: stderr). */
  log?: Log;
}

export const BACKOFF_MS = { first: 500, max: 30_000 } as const;
/** How long a clean disconnect may wait for the broker before the socket is dropped. */
const CLOSE_MS = 2000;
/** Small request/response messages: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms a hop. */
const noDelay = (client: MqttClient) => (client.stream as Partial<Socket>).setNoDelay?.(true);
const errorText = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

/** A topic name a client may publish to (MQTT 5 §4.7.3, 3.1.1 §4.7.3): not empty, no
 *  wildcard, no U+0000; a broker drops the connection of a client that publishes to another. */
export function isTopicName(t: unknown): t is string {
  return typeof t === 'string' && t.length > 0 && !/[+#\u0000]/.test(t) && Buffer.byteLength(t) <= 65535;
}

/** The 3.1.1 request envelope [response_topic, correlation_data, body], or undefined. */
function openEnvelope(payload: Buffer): { body: Buffer; reply: Reply } | undefined {
  let v: unknown;
  try { v = decode(payload); } catch { return undefined; }
  if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string' || !(v[1] instanceof Uint8Array) || !(v[2] instanceof Uint8Array)) return undefined;
  return { body: Buffer.from(v[2]), reply: { responseTopic: v[0] || undefined, correlationData: v[1] } };
}

export class Bus {
  private filters = new Set<string>();
  private hooks: (() => Promise<void> | void)[] = [];
  private closing = false;
  private delayMs: number = BACKOFF_MS.first;
  private timer?: NodeJS.Timeout;
  private lastError = '';
  private downSince = 0;

  private constructor(readonly client: MqttClient, readonly url: string, readonly v5: boolean, readonly log: Log) {
    client.on('error', (e) => { this.lastError = errorText(e); });
    // MQTT 5: the broker says why it drops us (e.g. 0x82 protocol error).
    client.on('disconnect', (p) => { this.lastError = `broker sent DISCONNECT, reason 0x${(p.reasonCode ?? 0).toString(16)}`; });
    client.on('close', () => this.onClose());
    client.on('connect', () => { void this.onReconnected(); });
  }

  /** Connects once (a broker that does not answer is an error now, not a retry loop). */
  static async connect(url: string, o: BusOptions = {}): Promise<Bus> {
    const v5 = o.v5 ?? true;
    try {
      // reconnectPeriod 0: reconnection is ours (backoff, resubscription, re-announcement).
      const client = await connectAsync(url, { protocolVersion: v5 ? 5 : 4, clientId: o.clientId, reconnectPeriod: 0, connectTimeout: 5000 });
      noDelay(client);
      const bus = new Bus(client, url, v5, o.log ?? ((l) => console.error(l)));
      bus.log(`mqtt: connected to ${url} (MQTT ${v5 ? 5 : '3.1.1'})`);
      return bus;
    } catch (e) {
      throw new CapmarkError('MQTT_CONNECT', `cannot connect to the MQTT broker ${url}: ${(e as Error).message}; check the URL and that the broker runs`);
    }
  }

  /** MQTT 5 where the broker speaks it, else 3.1.1 (the embedded aedes): both ends of a
   *  deployment then agree, as they talk to the same broker. */
  static async connectBest(url: string, o: Omit<BusOptions, 'v5'> = {}): Promise<Bus> {
    try { return await Bus.connect(url, { ...o, v5: true }); } catch { return Bus.connect(url, { ...o, v5: false }); }
  }

  get connected(): boolean { return this.client.connected; }

  /** Runs after every reconnection, once the subscriptions are back (e.g. publish retained state again). */
  onReconnect(hook: () => Promise<void> | void) { this.hooks.push(hook); }

  private onClose() {
    if (this.closing) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, BACKOFF_MS.max);
    const why = this.lastError ? ` (${this.lastError})` : '';
    this.lastError = '';
    if (!this.downSince) { this.downSince = Date.now(); this.log(`mqtt: connection to ${this.url} lost${why}; reconnecting in ${delay / 1000} s`); }
    else this.log(`mqtt: reconnecting to ${this.url} failed${why}; next try in ${delay / 1000} s`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // The same stores: QoS 1 messages queued while offline go out after the reconnection.
      if (!this.closing) this.client.reconnect({ incomingStore: this.client.incomingStore, outgoingStore: this.client.outgoingStore });
    }, delay);
  }

  private async onReconnected() {
    if (!this.downSince) return; // the first connection
    this.log(`mqtt: reconnected to ${this.url} after ${((Date.now() - this.downSince) / 1000).toFixed(1)} s`);
    this.downSince = 0;
    this.delayMs = BACKOFF_MS.first;
    noDelay(this.client);                                   // a new socket
    try {
      if (this.filters.size) await this.client.subscribeAsync([...this.filters], { qos: 1 });
      for (const hook of this.hooks) await hook();
    } catch (e) { this.log(`mqtt: after reconnecting to ${this.url}: ${(e as Error).message}`); }
  }

  async publish(topic: string, body: Uint8Array | string, o: { retain?: boolean } & Reply = {}) {
    if (!isTopicName(topic)) throw new CapmarkError('MQTT_TOPIC', `not a topic name one may publish to: ${JSON.stringify(topic)}`);
    if (o.responseTopic !== undefined && !isTopicName(o.responseTopic)) throw new CapmarkError('MQTT_TOPIC', `not a response topic: ${JSON.stringify(o.responseTopic)}`);
    const opts: IClientPublishOptions = { qos: 1, retain: o.retain };
    let payload: Uint8Array | string = body;
    if (o.responseTopic || o.correlationData) {
      if (this.v5) opts.properties = { responseTopic: o.responseTopic, correlationData: o.correlationData && Buffer.from(o.correlationData) };
      else payload = encode([o.responseTopic ?? '', o.correlationData ?? new Uint8Array(0), typeof body === 'string' ? new Uint8Array(Buffer.from(body)) : new Uint8Array(body)]);
    }
    await this.client.publishAsync(topic, typeof payload === 'string' ? payload : Buffer.from(payload), opts);
  }

  /** Subscribes (again after every reconnection); with `withReply` the handler also gets the
   *  response topic and correlation data, and 3.1.1 payloads that are not a well-formed
   *  envelope are dropped with a log line. */
  async subscribe(filter: string, withReply: boolean, handler: (topic: string, body: Buffer, reply: Reply) => void) {
    this.client.on('message', (topic, payload, packet) => {
      if (!matches(filter, topic)) return;
      if (!withReply || this.v5) {
        const p = packet.properties;
        handler(topic, payload, { responseTopic: p?.responseTopic, correlationData: p?.correlationData && new Uint8Array(p.correlationData) });
        return;
      }
      const request = openEnvelope(payload);
      if (!request) { this.log(`mqtt: dropped a message on ${topic}: not a [response_topic, correlation_data, body] envelope`); return; }
      handler(topic, request.body, request.reply);
    });
    this.filters.add(filter);
    await this.client.subscribeAsync(filter, { qos: 1 });
  }

  /** Disconnects within CLOSE_MS whatever the broker does: a clean DISCONNECT waits for
   *  in-flight messages, which a lost connection never acknowledges. */
  async close() {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.timer);
    const ended = this.client.endAsync(!this.client.connected).then(() => true, () => true);
    const inTime = await Promise.race([ended, new Promise<boolean>((r) => setTimeout(() => r(false), CLOSE_MS).unref())]);
    if (!inTime) this.client.stream.destroy();
    this.log(`mqtt: disconnected from ${this.url}`);
  }
}

function matches(filter: string, topic: string): boolean {
  const f = filter.split('/'), t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
