// The agent's robustness on every virtual board that hosts it (each core, Arm and RISC-V, with its
// own start-up and UART): a kernel trap is answered TRAPPED, counted, and attestation still works
// after it (the CDIs live in the board's retained memory); a short on-device fuzz run answers
// byte for byte as agent.wasm does in Node.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadBoards } from '../../profiler/boards/index.ts';
import { buildAll, coreOf } from '../../profiler/build/index.ts';
import { launchVirtualBoard, type VirtualBoard } from '../../profiler/qemu/launch.ts';
import { AgentClient } from '../../profiler/protocol/client.ts';
import { runAttestOp } from '../../profiler/attest/session.ts';
import { fuzzDevice } from '../../profiler/fuzz/index.ts';
import { kernelById } from '../../profiler/kernels/index.ts';
import { BUILD } from '../../profiler/util/paths.ts';
import { WASM_PATH } from '../support/agent.ts';

const all = loadBoards();
const { firmware } = await buildAll(all, 'mask', () => {});   // the shared compile cache makes this quick
const hostable = all.filter((b) => firmware.get(b.id)!.fit.hostable).map((b) => [b.id, b] as const);
const boards: VirtualBoard[] = [];
afterAll(async () => { for (const b of boards) await b.stop(); });   // also those of a test that timed out

it('covers a board of every architecture', () => {
  expect(new Set(hostable.map(([, b]) => coreOf(b).arch)).size).toBe(2);
  expect(hostable.length).toBeGreaterThan(1);
});

/** Kernel heap Ed25519 attestation needs (a one-page board has less: the plan skips it there). */
const ATTEST_HEAP = kernelById('attest-ed25519')!.ops[0].heapBytes!;

describe.each(hostable)('agent on %s', (_id, board) => {
  const fw = firmware.get(board.id)!;
  /** A running board for one test, stopped at its end (a QEMU left idle spins a core). */
  async function withBoard(test: (b: VirtualBoard) => Promise<void>) {
    const b = await launchVirtualBoard(board, fw);
    boards.push(b);
    try { await test(b); } finally { await b.stop(); }
  }

  it('answers a trap with TRAPPED and counts it; attestation keeps its identity across it where the heap holds it', () => withBoard(async (b) => {
    const client = new AgentClient(b.link);
    const t = { client, hello: await client.hello() };
    expect(t.hello.traps).toBe(0);
    const before = t.hello.heapBytes >= ATTEST_HEAP ? await runAttestOp(t, 'device-id', Uint8Array.of(0)) : undefined;
    const trap = t.hello.kernels[0].ops.indexOf('trap');
    await expect(client.bench({ kernel: 0, op: trap, iterations: 1, warmup: 0, inputLength: 0 }, 10_000)).rejects.toMatchObject({ code: 'AGENT_TRAPPED' });
    expect((await client.hello()).traps).toBe(1);
    if (before) expect(Buffer.from(await runAttestOp(t, 'device-id', Uint8Array.of(0))).equals(Buffer.from(before))).toBe(true);
  }), 120_000);

  it('answers 100 fuzz sequences exactly as agent.wasm in Node configured as this board', () => withBoard(async (b) => {
    const uds = new Uint8Array(Buffer.from(readFileSync(`${BUILD}/fw/${board.id}.uds`, 'utf8').trim(), 'hex'));
    const s = await fuzzDevice({ link: b.link, wasmPath: WASM_PATH, board: { uds, image: new Uint8Array(readFileSync(fw.image!.file)) }, seed: 13, start: 0, end: 100, batch: 50 });
    expect(s.findings).toEqual([]);
    expect(s.executions).toBe(100);
    expect(s.answersCompared).toBeGreaterThan(200);
  }), 180_000);
});
