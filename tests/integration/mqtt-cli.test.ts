// `capmark gateway` and `capmark verifier` as a user runs them: two CLI processes, a virtual
// board (mps2-an386 in QEMU, launched by the gateway) and a real Mosquitto (MQTT 5) or the
// embedded broker (--listen, MQTT 3.1.1). The test reads the retained attestation result with
// its own MQTT client; Ctrl-C on the gateway leaves no QEMU behind; a bad broker URL is a
// clear error without a stack trace; both processes reconnect after Mosquitto restarts; a
// malformed envelope is dropped without losing the gateway's connection.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { buildAll } from '../../profiler/build/index.ts';
import { writeSbom } from '../../profiler/attest/index.ts';
import { encode } from '../../profiler/attest/cbor.ts';
import { ROOT } from '../../profiler/util/paths.ts';
import { freePort, startMosquitto } from '../support/mosquitto.ts';
import { tempDir } from '../support/tmp.ts';

const CLI = join(ROOT, 'bin', 'capmark.mjs');
const BOARD = 'mps2-an386';
const dir = tempDir('mqtt-cli');
const children: ChildProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

interface Cli { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> }

function capmark(args: string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '', err = '';
  child.stdout!.on('data', (c) => { out += c; });
  child.stderr!.on('data', (c) => { err += c; });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

/** Resolves when `test` holds, or fails after `ms` with what the processes printed. */
async function until(test: () => boolean, ms: number, what: string, ...clis: Cli[]) {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > ms) throw new Error(`${what} not within ${ms} ms:\n${clis.map((c) => c.err() + c.out()).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(cli: Cli, signal: NodeJS.Signals = 'SIGINT', ms = 10_000): Promise<number | null> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
  return Promise.race([cli.exit, new Promise<null>((_, reject) => setTimeout(() => reject(new Error(`${cli.child.spawnargs.join(' ')} did not exit within ${ms} ms`)), ms))]);
}

const qemuChildren = (pid: number) => spawnSync('pgrep', ['-P', String(pid), 'qemu-system-arm'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
// Gone, or a zombie waiting for init to reap it (it no longer runs).
const running = (pid: string) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** Connects a plain MQTT client and collects the retained result under capmark/+/attest/result. */
async function watchResults(url: string, v5: boolean) {
  const client: MqttClient = await connectAsync(url, { protocolVersion: v5 ? 5 : 4, reconnectPeriod: 0, connectTimeout: 5000 });
  cleanups.push(() => client.endAsync());
  const results = new Map<string, { retain: boolean; body: any }>();
  client.on('message', (topic, payload, packet) => {
    try { results.set(topic, { retain: packet.retain, body: JSON.parse(payload.toString('utf8')) }); } catch { /* not JSON */ }
  });
  await client.subscribeAsync('capmark/+/attest/result', { qos: 1 });
  return { client, results };
}

/** The device id the gateway printed ("... is device <ueid>; serving challenges"). */
const deviceOf = (gw: Cli) => gw.err().match(/is device ([0-9a-f]+); serving challenges/)?.[1];

/** Starts a gateway with the virtual board and a verifier, waits for the result, checks it. */
async function roundTrip(gwArgs: string[], vArgs: string[], url: string, v5: boolean) {
  const gw = capmark(['gateway', '--board', BOARD, ...gwArgs]);
  await until(() => !!deviceOf(gw) || gw.child.exitCode !== null, 40_000, 'gateway serving', gw);
  const device = deviceOf(gw)!;
  expect(device, gw.err()).toMatch(/^01[0-9a-f]{64}$/);
  expect(qemuChildren(gw.child.pid!).length).toBe(1);
  // The observer subscribes before the verifier starts: it sees the result published live
  // (retained on the broker) and, reconnecting later, as a retained message.
  const watch = await watchResults(url, v5);
  const v = capmark(['verifier', '--state', join(dir, `verifier-${Date.now()}.json`), ...vArgs]);
  const topic = `capmark/${device}/attest/result`;
  await until(() => watch.results.has(topic) || v.child.exitCode !== null, 15_000, 'attestation result', gw, v);
  const live = watch.results.get(topic)!.body;
  expect(live.submods['capmark-agent']['ear.status'], JSON.stringify(live.submods['capmark-agent']['capmark.reasons'])).toBe('affirming');
  expect(live.eat_profile).toBe('tag:github.com,2023:veraison/ear');
  expect(live.submods['capmark-agent']['capmark.claims'].measurements.firmware).toBe(`sha-256:${JSON.parse(readFileSync(join(ROOT, 'build', 'fw', `${BOARD}.json`), 'utf8')).image.sha256}`);
  await until(() => v.out().includes(device), 5000, 'verifier log line', v);
  expect(v.out()).toMatch(new RegExp(`${device} affirming`));
  // A late subscriber gets the same result, flagged retained.
  const late = await watchResults(url, v5);
  await until(() => late.results.has(topic), 5000, 'retained result', gw, v);
  expect(late.results.get(topic)).toEqual({ retain: true, body: live });
  return { gw, v, device };
}

beforeAll(async () => {
  // The gateway builds the firmware itself; building here first keeps its start within bounds.
  await buildAll([boardById(BOARD, loadBoards())]);
  writeSbom(BOARD);
}, 300_000);

afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGINT');
    await new Promise((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r(undefined); }, 5000); child.once('exit', () => { clearTimeout(t); r(undefined); }); });
  }
});

describe('capmark gateway / verifier over MQTT', () => {
  it('affirms a virtual board through Mosquitto (MQTT 5); Ctrl-C on the gateway leaves no QEMU', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const { gw, v } = await roundTrip(['--broker', broker.url], ['--broker', broker.url], broker.url, true);
    const qemu = qemuChildren(gw.child.pid!);
    expect(qemu.length).toBe(1);
    const code = await stop(gw);
    expect(code, gw.err()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of qemu) expect(running(pid), `QEMU ${pid} still running`).toBe(false);
    expect(await stop(v), v.err()).toBe(0);
  }, 60_000);

  it('affirms a virtual board through the embedded broker of the verifier (--listen, MQTT 3.1.1)', async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    // The verifier hosts the broker here, so it starts first; the gateway then connects to it.
    const vFirst = capmark(['verifier', '--listen', String(port), '--state', join(dir, 'verifier-embedded.json')]);
    await until(() => /embedded MQTT broker \(3\.1\.1\) at mqtt:\/\/127\.0\.0\.1:\d+/.test(vFirst.err()) && /waiting for devices/.test(vFirst.err()) || vFirst.child.exitCode !== null, 15_000, 'embedded broker', vFirst);
    expect(vFirst.err()).toContain(`at ${url}`);
    const watch = await watchResults(url, false);
    const gw = capmark(['gateway', '--board', BOARD, '--broker', url]);
    await until(() => !!deviceOf(gw) || gw.child.exitCode !== null, 40_000, 'gateway serving', gw);
    const topic = `capmark/${deviceOf(gw)}/attest/result`;
    await until(() => watch.results.has(topic), 15_000, 'attestation result', gw, vFirst);
    expect(watch.results.get(topic)!.body.submods['capmark-agent']['ear.status']).toBe('affirming');
    // Malformed envelopes (a wildcard response topic used to get the gateway disconnected; any
    // other malformed one used to drop its connection): dropped, the connection kept.
    const device = deviceOf(gw)!;
    await watch.client.publishAsync(`capmark/${device}/attest/challenge`, Buffer.from(encode([`capmark/${device}/#`, new Uint8Array(4), new Uint8Array(32)])), { qos: 1 });
    await watch.client.publishAsync(`capmark/${device}/attest/challenge`, Buffer.from([0x83, 0x01]), { qos: 1 });
    await until(() => /ignored a challenge: response topic/.test(gw.err()) && /dropped a message on .*not a \[response_topic/.test(gw.err()), 5000, 'both dropped', gw);
    expect(gw.err()).not.toMatch(/connection to .* lost/);
    const qemu = qemuChildren(gw.child.pid!);
    expect(await stop(gw), gw.err()).toBe(0);
    expect(await stop(vFirst), vFirst.err()).toBe(0);
    for (const pid of qemu) expect(running(pid), `QEMU ${pid} still running`).toBe(false);
  }, 60_000);

  it('both processes reconnect after Mosquitto restarts and attest again; Ctrl-C then stops QEMU and both processes', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const { gw, v, device } = await roundTrip(['--broker', broker.url], ['--broker', broker.url], broker.url, true);
    await broker.restart(1000);
    await until(() => /reconnected to /.test(gw.err()) && /reconnected to /.test(v.err()), 30_000, 'both reconnected', gw, v);
    for (const cli of [gw, v]) expect(cli.err()).toMatch(/connection to mqtt:.* lost.*; reconnecting in 0\.5 s/);
    // The restarted broker lost every retained message: a result there is a new round.
    const watch = await watchResults(broker.url, true);
    const topic = `capmark/${device}/attest/result`;
    await until(() => watch.results.has(topic), 15_000, 'a result after the restart', gw, v);
    expect(watch.results.get(topic)!.body.submods['capmark-agent']['ear.status']).toBe('affirming');
    const qemu = qemuChildren(gw.child.pid!);
    expect(qemu.length).toBe(1);
    expect(await stop(gw), gw.err()).toBe(0);
    expect(await stop(v), v.err()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of qemu) expect(running(pid), `QEMU ${pid} still running`).toBe(false);
  }, 90_000);

  it('a broker that does not answer is a clear error, exit 2, no stack trace, no QEMU left', async () => {
    const port = await freePort(); // nothing listens there
    for (const command of ['verifier', 'gateway']) {
      const cli = capmark([command, '--broker', `mqtt://127.0.0.1:${port}`, ...(command === 'gateway' ? ['--board', BOARD] : [])]);
      const code = await Promise.race([cli.exit, new Promise<string>((r) => setTimeout(() => r('hung'), 30_000))]);
      // A hung CLI: SIGTERM lets it kill its QEMU on the way out (SIGKILL would orphan it).
      if (code === 'hung') await stop(cli, 'SIGTERM').catch(() => stop(cli, 'SIGKILL'));
      expect(code, cli.err()).toBe(2);
      expect(cli.err()).toMatch(new RegExp(`capmark ${command}: cannot connect to the MQTT broker mqtt://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
      noStackTrace(cli.err());
      expect(qemuChildren(cli.child.pid!)).toEqual([]);
    }
    const bad = capmark(['verifier', '--broker', 'not a url']);
    expect(await bad.exit).toBe(2);
    expect(bad.err()).toMatch(/cannot connect to the MQTT broker not a url/);
    noStackTrace(bad.err());
  }, 60_000);
});
