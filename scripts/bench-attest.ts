// Attestation figures with their conditions (run: npx tsx scripts/bench-attest.ts [--rounds n]):
//  1. device cost per key type on mps2-an386 in QEMU: exact emulated instructions of the first
//     call after boot (UDS read, image hash, DICE derivation, keys, Alias CWT) and of each op after;
//  2. verifier throughput: evidence appraisals per second on one core (Node, this host);
//  3. MQTT challenge-to-result round trip on loopback (Mosquitto MQTT 5, embedded aedes 3.1.1)
//     with an in-process agent, next to the agent's own evidence time in the same process.
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { boardById, loadBoards } from '../profiler/boards/index.ts';
import { buildAll } from '../profiler/build/index.ts';
import { WASM_PATH } from '../profiler/build/wasm.ts';
import { AgentClient } from '../profiler/protocol/client.ts';
import { launchVirtualBoard } from '../profiler/qemu/launch.ts';
import { inProcessLink } from '../profiler/transport/inprocess.ts';
import { KEY_TYPES, parseDeviceIdentity } from '../profiler/attest/eat.ts';
import { Bus, startEmbeddedBroker, startGateway, VerifierService } from '../profiler/attest/mqtt.ts';
import { referenceForImage } from '../profiler/attest/reference.ts';
import { runAttestOp } from '../profiler/attest/session.ts';
import { statusOf, Verifier } from '../profiler/attest/verifier.ts';
import { VerifierStore } from '../profiler/attest/store.ts';
import { startMosquitto } from '../tests/support/mosquitto.ts';
import { modelFromInstructions, TIMING_MODEL } from '../profiler/timing/index.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, board: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 200);
const BOARD = values.board ?? 'mps2-an386';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function deviceCost() {
  const board = boardById(BOARD, loadBoards());
  const fw = (await buildAll([board])).firmware.get(board.id)!;
  const vb = await launchVirtualBoard(board, fw);
  const client = new AgentClient(vb.link);
  try {
    const hello = await client.hello();
    const id = (name: string) => hello.kernels.findIndex((k) => k.name === name);
    const measure = async (kernel: number, op: number, input: Uint8Array, iterations: number) => {
      vb.clearCounts();
      await client.load(input);
      const r = await client.bench({ kernel, op, iterations, warmup: 0, inputLength: input.length }, 120_000);
      if (r.status < 0) throw new Error(`status ${r.status}`);
      return (await vb.takeCounts(iterations)).map((c) => c.instructions);
    };
    const baseline = median(await measure(id('null'), 0, new Uint8Array(0), 3));
    console.log(`\n1. Device cost, ${board.id} (${board.core}, ${board.clock_hz / 1e6} MHz) in QEMU ${vb.qemuVersion}, icount shift=0; ${fw.compiler}; wasm2c ${fw.wasm2c} bounds=${fw.bounds}; image ${fw.image?.bytes} B`);
    console.log('   exact emulated instructions (QEMU counting plugin), baseline', baseline, `subtracted; cycles modelled by ${TIMING_MODEL} for ${board.core} (the calibration cases' mean instruction mix)`);
    const cycles = (n: number) => modelFromInstructions(board.core, n)?.cycles ?? NaN;
    for (const [key, kt] of Object.entries(KEY_TYPES)) {
      const k = id('attest');
      const [first] = await measure(k, 0, Uint8Array.of(kt), 1);
      const idOp = median(await measure(k, 0, Uint8Array.of(kt), 3));
      const ev = median(await measure(k, 1, Uint8Array.of(kt, ...new Uint8Array(32).fill(7)), 3));
      const row = (what: string, n: number) => console.log(`   ${key.padEnd(9)} ${what.padEnd(44)} ${fmt(n - baseline).padStart(12)} instr  ${fmt(cycles(n - baseline)).padStart(12)} cycles  ${(cycles(n - baseline) / board.clock_hz * 1e3).toFixed(1).padStart(7)} ms`);
      row(kt === 0 ? 'first call after boot (DICE derivation)' : 'first call for this key type (keys, CWT)', first);
      row(key === 'ml-dsa-65' ? 'device-id (rebuilt: 2 keygens, 1 signature)' : 'device-id (cached)', idOp);
      row('evidence, 32-byte nonce', ev);
    }
  } finally { await client.close().catch(() => {}); await vb.stop(); }
}

async function inProcessTarget(image: Uint8Array) {
  const client = new AgentClient(await inProcessLink(WASM_PATH, { image }));
  return { client, hello: await client.hello() };
}

async function verifierThroughput(image: Uint8Array) {
  const t = await inProcessTarget(image);
  const ref = referenceForImage(image, 'agent.wasm');
  const identity = await runAttestOp(t, 'device-id', Uint8Array.of(0));
  const ueid = parseDeviceIdentity(identity).ueid;
  console.log(`\n2. Verifier throughput, one core (${cpus()[0].model}, Node ${process.version}), ${ROUNDS} Ed25519 evidence messages;`);
  console.log('   each: CBOR decode, 2 Ed25519 verifications (Alias CWT, evidence) with node:crypto, nonce check, result recorded');
  const dir = mkdtempSync(join(tmpdir(), 'capmark-bench-'));
  const stateFile = join(dir, 'state.json');
  for (const [label, store] of [['state in memory', new VerifierStore()], ['state file (2 atomic fsync\'d rewrites per verification)', new VerifierStore(stateFile)]] as const) {
    const v = new Verifier({ allowDebug: true, nonceLifetimeMs: 3_600_000, store });
    v.enrol(identity);
    const evidence: Uint8Array[] = [];
    for (let i = 0; i < ROUNDS; i++) evidence.push(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...v.challenge(ueid))));
    const t0 = performance.now();
    for (const e of evidence) if (statusOf(v.verify(e, ref)) !== 'affirming') throw new Error('verification failed');
    const ms = performance.now() - t0;
    console.log(`   ${label.padEnd(56)} ${fmt(ROUNDS / (ms / 1000)).padStart(6)} verifications/s (${(ms / ROUNDS).toFixed(3)} ms each)`);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function mqttRoundTrip(image: Uint8Array) {
  const t = await inProcessTarget(image);
  const device: number[] = [];
  for (let i = 0; i < 20; i++) { const s = performance.now(); await runAttestOp(t, 'evidence', Uint8Array.of(0, ...new Uint8Array(32))); device.push(performance.now() - s); }
  console.log(`\n3. MQTT challenge-to-result round trip on loopback, in-process agent (its evidence alone: median ${median(device).toFixed(2)} ms), ${ROUNDS} sequential rounds, QoS 1:`);
  const brokers: [string, () => Promise<{ url: string; stop(): Promise<unknown> }>, boolean][] = [
    ['Mosquitto 2 (MQTT 5)', async () => startMosquitto(), true],
    ['embedded aedes (MQTT 3.1.1)', async () => { const b = await startEmbeddedBroker(); return { url: b.url, stop: b.close }; }, false],
  ];
  for (const [name, start, v5] of brokers) {
    const broker = await start();
    const gw = await startGateway(await Bus.connect(broker.url, { v5 }), t);
    const svc = await VerifierService.start(await Bus.connect(broker.url, { v5 }), {
      verifier: new Verifier({ allowDebug: true }), reference: () => referenceForImage(image, 'agent.wasm'),
    });
    while (!svc.devices.has(gw.device)) await new Promise((r) => setTimeout(r, 10));
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const s = performance.now();
      if (statusOf(await svc.attest(gw.device)) !== 'affirming') throw new Error('round not affirmed');
      times.push(performance.now() - s);
    }
    console.log(`   ${name.padEnd(28)} median ${median(times).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms`);
    await svc.close(); await gw.close(); await broker.stop();
  }
}

const image = new Uint8Array(readFileSync(WASM_PATH));
console.log(`capmark attestation benchmark, ${new Date().toISOString()}`);
await deviceCost();
await verifierThroughput(image);
await mqttRoundTrip(image);
process.exit(0);
