// Attestation over MQTT: a gateway with an in-process agent and the verifier service meet on
// a real Mosquitto (MQTT 5: response topic and correlation data as properties) and on the
// embedded aedes broker (MQTT 3.1.1: the two enveloped in the payload).
import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { inProcessLink } from '../../profiler/transport/inprocess.ts';
import { AgentClient } from '../../profiler/protocol/client.ts';
import { Bus, startEmbeddedBroker, startGateway, topics, VerifierService } from '../../profiler/attest/mqtt.ts';
import { referenceForImage, statusOf, SUBMOD, Verifier } from '../../profiler/attest/index.ts';
import type { KeyTypeName } from '../../profiler/attest/eat.ts';
import { WASM_PATH } from '../support/agent.ts';
import { startMosquitto } from '../support/mosquitto.ts';

const IMAGE = new Uint8Array(readFileSync(WASM_PATH));
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => {}); });

async function round(url: string, v5: boolean, keyType: KeyTypeName = 'ed25519') {
  const client = new AgentClient(await inProcessLink(WASM_PATH, { image: IMAGE }));
  const target = { client, hello: await client.hello() };
  const gw = await startGateway(await Bus.connect(url, v5), target, keyType);
  cleanups.push(() => gw.close());
  const svc = await VerifierService.start(await Bus.connect(url, v5), {
    verifier: new Verifier({ allowDebug: true }), reference: () => referenceForImage(IMAGE, 'agent.wasm'), timeoutMs: 10_000,
  });
  cleanups.push(() => svc.close());
  for (let i = 0; i < 100 && !svc.devices.has(gw.device); i++) await new Promise((r) => setTimeout(r, 20));
  expect(svc.devices.get(gw.device)?.profile).toMatchObject({ agent_version: target.hello.agentVersion });
  const result = await svc.attest(gw.device);
  expect(statusOf(result), JSON.stringify(result.submods[SUBMOD]['capmark.reasons'])).toBe('affirming');
  // A late subscriber sees the retained profile and result for the device.
  const late = await Bus.connect(url, v5);
  cleanups.push(() => late.close());
  const seen = new Map<string, string>();
  await late.subscribe(`capmark/${gw.device}/#`, false, (topic, body) => seen.set(topic, body.toString('utf8')));
  for (let i = 0; i < 100 && seen.size < 3; i++) await new Promise((r) => setTimeout(r, 20));
  expect(JSON.parse(seen.get(topics.result(gw.device))!).eat_nonce).toBe(result.eat_nonce);
  expect(seen.has(topics.profile(gw.device)) && seen.has(topics.identity(gw.device))).toBe(true);
  return { svc, device: gw.device };
}

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
    const intruder = await Bus.connect(broker.url, false);
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
