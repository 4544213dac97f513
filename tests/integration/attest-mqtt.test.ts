// Attestation over MQTT: a gateway with an in-process agent and the verifier service meet on
// a real Mosquitto (MQTT 5: response topic and correlation data as properties) and on the
// embedded aedes broker (MQTT 3.1.1: the two enveloped in the payload). Hostile and broken
// inputs: every malformed class of challenge, profile and envelope is dropped without losing
// the connection, and both ends come back after Mosquitto restarts mid-session.
import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { inProcessLink } from '../../profiler/transport/inprocess.ts';
import { AgentClient } from '../../profiler/protocol/client.ts';
import { Bus, startEmbeddedBroker, startGateway, topics, VerifierService } from '../../profiler/attest/mqtt.ts';
import { referenceForImage, statusOf, SUBMOD, Verifier } from '../../profiler/attest/index.ts';
import type { KeyTypeName } from '../../profiler/attest/eat.ts';
import { connectAsync } from 'mqtt';
import { encode, type CborValue } from '../../profiler/attest/cbor.ts';
import { WASM_PATH } from '../support/agent.ts';
import { startMosquitto } from '../support/mosquitto.ts';

const IMAGE = new Uint8Array(readFileSync(WASM_PATH));
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => {}); });

async function round(url: string, v5: boolean, keyType: KeyTypeName = 'ed25519') {
  const client = new AgentClient(await inProcessLink(WASM_PATH, { image: IMAGE }));
  const target = { client, hello: await client.hello() };
  const logs = { gateway: [] as string[], verifier: [] as string[] };
  const gwBus = await Bus.connect(url, { v5, log: (l) => logs.gateway.push(l) });
  const gw = await startGateway(gwBus, target, keyType);
  cleanups.push(() => gw.close());
  const vBus = await Bus.connect(url, { v5, log: (l) => logs.verifier.push(l) });
  const svc = await VerifierService.start(vBus, {
    verifier: new Verifier({ allowDebug: true }), reference: () => referenceForImage(IMAGE, 'agent.wasm'), timeoutMs: 10_000,
  });
  cleanups.push(() => svc.close());
  for (let i = 0; i < 100 && !svc.devices.has(gw.device); i++) await new Promise((r) => setTimeout(r, 20));
  expect(svc.devices.get(gw.device)?.profile).toMatchObject({ agent_version: target.hello.agentVersion });
  const result = await svc.attest(gw.device);
  expect(statusOf(result), JSON.stringify(result.submods[SUBMOD]['capmark.reasons'])).toBe('affirming');
  // A late subscriber sees the retained profile and result for the device.
  const late = await Bus.connect(url, { v5, log: () => {} });
  cleanups.push(() => late.close());
  const seen = new Map<string, string>();
  await late.subscribe(`capmark/${gw.device}/#`, false, (topic, body) => seen.set(topic, body.toString('utf8')));
  for (let i = 0; i < 100 && seen.size < 3; i++) await new Promise((r) => setTimeout(r, 20));
  expect(JSON.parse(seen.get(topics.result(gw.device))!).eat_nonce).toBe(result.eat_nonce);
  expect(seen.has(topics.profile(gw.device)) && seen.has(topics.identity(gw.device))).toBe(true);
  return { svc, device: gw.device, gwBus, vBus, logs, profile: svc.devices.get(gw.device)!.profile };
}

const until = async (test: () => boolean, ms: number, what: string) => {
  for (const t0 = Date.now(); !test();) {
    if (Date.now() - t0 > ms) throw new Error(`${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('attestation over MQTT', () => {
  it('runs a challenge round trip through Mosquitto with MQTT 5 response topic and correlation data', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const { svc, device } = await round(broker.url, true);
    // A second round gets a fresh nonce and is affirmed too; rounds do not cross.
    const [a, b] = await Promise.all([svc.attest(device), svc.attest(device)]);
    expect([statusOf(a), statusOf(b)]).toEqual(['affirming', 'affirming']);
    expect(a.eat_nonce).not.toBe(b.eat_nonce);
  });

  it('runs the same round through the embedded broker (MQTT 3.1.1) and ignores an identity under another device id', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const { svc, device } = await round(broker.url, false);
    const intruder = await Bus.connect(broker.url, { v5: false, log: () => {} });
    cleanups.push(() => intruder.close());
    const seen = new Map<string, Buffer>();
    await intruder.subscribe(topics.identity(device), false, (_t, body) => seen.set('id', body));
    for (let i = 0; i < 100 && !seen.size; i++) await new Promise((r) => setTimeout(r, 20));
    const other = 'ff'.repeat(33);
    await intruder.publish(topics.identity(other), seen.get('id')!);
    await new Promise((r) => setTimeout(r, 200));
    expect(svc.devices.has(other)).toBe(false);
    await expect(svc.attest(device)).resolves.toMatchObject({ eat_profile: 'tag:github.com,2023:veraison/ear' });
  });

  it('affirms ML-DSA-65 evidence, whose Alias CWT comes from the retained identity (kid)', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    await round(broker.url, false, 'ml-dsa-65');
  });
});

describe('MQTT: hostile and broken inputs', () => {
  const nonce = new Uint8Array(32).fill(7);
  for (const [name, v5] of [['Mosquitto (MQTT 5)', true], ['the embedded broker (MQTT 3.1.1)', false]] as const) {
    it(`drops every malformed challenge on ${name} without losing the gateway's connection or publishing elsewhere`, async () => {
      const broker = v5 ? await startMosquitto() : await startEmbeddedBroker();
      cleanups.push(() => ('stop' in broker ? broker.stop() : broker.close()));
      const { svc, device, gwBus, logs } = await round(broker.url, v5);
      const attacker = await connectAsync(broker.url, { protocolVersion: v5 ? 5 : 4, reconnectPeriod: 0 });
      cleanups.push(() => attacker.endAsync(true));
      const published: string[] = [];
      // Live messages only (retained ones are the round above, delivered on subscription).
      attacker.on('message', (topic, _payload, packet) => { if (!packet.retain) published.push(topic); });
      await attacker.subscribeAsync('#', { qos: 1 });
      const ok = topics.evidence(device, 'v0123abcd');
      // [label, response topic, correlation data, body]: the response topic classes first.
      const classes: [string, unknown, unknown, unknown][] = [
        ['wildcard # response topic', `capmark/${device}/#`, new Uint8Array(4), nonce],
        ['wildcard + response topic', `capmark/+/attest/evidence/x`, new Uint8Array(4), nonce],
        ['another topic (reflection)', topics.result(device), new Uint8Array(4), nonce],
        ['another device\'s evidence topic', topics.evidence('01'.padEnd(66, 'a'), 'v1'), new Uint8Array(4), nonce],
        ['no response topic', '', new Uint8Array(4), nonce],
        ['a nonce of 4 bytes', ok, new Uint8Array(4), new Uint8Array(4)],
        ['a nonce of 65 bytes', ok, new Uint8Array(4), new Uint8Array(65)],
        ['correlation data of 65 bytes', ok, new Uint8Array(65), nonce],
      ];
      if (!v5) {
        classes.push(['a number as response topic', 42, new Uint8Array(4), nonce], ['text as nonce', ok, new Uint8Array(4), 'abcdefghij'],
          ['a two-element envelope', ok, nonce, undefined], ['not CBOR', undefined, undefined, undefined]);
      }
      for (const [label, rt, cd, body] of classes) {
        const before = logs.gateway.length;
        if (v5) {
          await attacker.publishAsync(topics.challenge(device), Buffer.from(body as Uint8Array), { qos: 1,
            properties: { ...(rt ? { responseTopic: rt as string } : {}), correlationData: Buffer.from(cd as Uint8Array) } });
        } else {
          const payload = label === 'not CBOR' ? Buffer.from([0xff, 0x00]) : Buffer.from(encode((body === undefined ? [rt, cd] : [rt, cd, body]) as CborValue));
          await attacker.publishAsync(topics.challenge(device), payload, { qos: 1 });
        }
        await until(() => logs.gateway.length > before, 5000, `a log line for ${label}`);
        expect(logs.gateway.slice(before).join('\n'), label).toMatch(/ignored a challenge|dropped a message/);
        expect(gwBus.connected, label).toBe(true);
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(published.filter((t) => !t.endsWith('/attest/challenge')), 'the gateway published nothing').toEqual([]);
      expect(logs.gateway.join('\n')).not.toMatch(/connection .* lost/);
      expect(statusOf(await svc.attest(device))).toBe('affirming');
    });
  }

  it('keeps the stored profile when the profile topic carries valid JSON with wrong fields, or no JSON', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const { svc, device, logs, profile } = await round(broker.url, false);
    const attacker = await connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
    cleanups.push(() => attacker.endAsync(true));
    const bad = [
      JSON.stringify({ board: 'mps2-an386' }),                                       // fields missing
      JSON.stringify({ ...profile, board: '../../etc/passwd' }),                      // a path, not a board id
      JSON.stringify({ ...profile, kernels: 'none' }),                               // wrong type
      JSON.stringify({ ...profile, extra: true }),                                   // unknown field
      '{"board": ',                                                                   // not JSON
    ];
    for (const body of bad) {
      const before = logs.verifier.length;
      await attacker.publishAsync(topics.profile(device), body, { qos: 1, retain: true });
      await until(() => logs.verifier.length > before, 5000, 'a log line');
      expect(logs.verifier.slice(before).join('\n')).toMatch(new RegExp(`ignored a profile: ${topics.profile(device)}: `));
      expect(svc.devices.get(device)!.profile).toEqual(profile);
    }
    await attacker.publishAsync(topics.profile('not-a-device'), JSON.stringify(profile), { qos: 1 });
    await until(() => logs.verifier.some((l) => l.includes('"not-a-device" is not a device id')), 5000, 'the bad device id logged');
    expect([...svc.devices.keys()]).toEqual([device]);
    expect(statusOf(await svc.attest(device))).toBe('affirming');
  });

  it('both ends reconnect with backoff after Mosquitto restarts mid-session, logging every state change, and attest again', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const { svc, device, gwBus, vBus, logs } = await round(broker.url, true);
    const restarting = broker.restart(1800);                    // down long enough for a few tries
    await until(() => !vBus.connected, 5000, 'the verifier noticing');
    // While it is offline the verifier says so, instead of blaming the device's gateway.
    await expect(svc.attest(device)).rejects.toThrow(/the verifier is not connected to the broker mqtt:.* \(reconnecting\)/);
    await restarting;
    await until(() => gwBus.connected && vBus.connected, 20_000, 'both reconnected');
    for (const log of [logs.gateway, logs.verifier]) {
      const text = log.join('\n');
      expect(text).toMatch(/connection to mqtt:\/\/127\.0\.0\.1:\d+ lost( \(.*\))?; reconnecting in 0\.5 s/);
      expect(text).toMatch(/reconnecting to .* failed \(ECONNREFUSED\); next try in 1 s/);
      expect(text).toMatch(/reconnected to .* after \d+\.\d s/);
    }
    // Persistence is off: the broker forgot the retained identity; the gateway published it
    // again, and the verifier, subscribed again, challenges it.
    expect(statusOf(await svc.attest(device))).toBe('affirming');
  });

  it('a connection whose broker is gone closes at once, even with a message in flight (Ctrl-C used to hang)', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const bus = await Bus.connect(broker.url, { log: () => {} });
    await broker.stop();
    await until(() => !bus.connected, 5000, 'the loss noticed');
    void bus.publish('capmark/x/profile', '{}').catch(() => {});   // queued for a reconnection that never comes
    const closed = await Promise.race([bus.close().then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    expect(closed).toBe(true);
  });
});
