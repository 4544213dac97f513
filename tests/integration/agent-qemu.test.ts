// The agent's robustness on a real QEMU board (mps2-an386): a kernel trap is answered TRAPPED,
// counted, and attestation still works after it (the CDIs live in the board's retained memory);
// a short on-device fuzz run answers byte for byte as agent.wasm does in Node.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { buildAll, type FirmwareManifest } from '../../profiler/build/index.ts';
import { launchVirtualBoard, type VirtualBoard } from '../../profiler/qemu/launch.ts';
import { AgentClient } from '../../profiler/protocol/client.ts';
import { runAttestOp } from '../../profiler/attest/session.ts';
import { fuzzDevice } from '../../profiler/fuzz/index.ts';
import { BUILD } from '../../profiler/util/paths.ts';
import { WASM_PATH } from '../support/agent.ts';

const board = boardById('mps2-an386', loadBoards());
let fw: FirmwareManifest;
const boards: VirtualBoard[] = [];
beforeAll(async () => { fw = (await buildAll([board], 'mask', () => {})).firmware.get(board.id)!; }, 300_000);
afterAll(async () => { for (const b of boards) await b.stop(); });
const launch = async () => { const b = await launchVirtualBoard(board, fw); boards.push(b); return b; };

describe('agent on mps2-an386', () => {
  it('answers a trap with TRAPPED, counts it, and still attests with the same identity', async () => {
    const client = new AgentClient((await launch()).link);
    const t = { client, hello: await client.hello() };
    expect(t.hello.traps).toBe(0);
    const before = await runAttestOp(t, 'device-id', Uint8Array.of(1));
    const trap = t.hello.kernels[0].ops.indexOf('trap');
    await expect(client.bench({ kernel: 0, op: trap, iterations: 1, warmup: 0, inputLength: 0 }, 10_000)).rejects.toMatchObject({ code: 'AGENT_TRAPPED' });
    expect((await client.hello()).traps).toBe(1);
    expect(Buffer.from(await runAttestOp(t, 'device-id', Uint8Array.of(1))).equals(Buffer.from(before))).toBe(true);
  }, 120_000);

  it('answers 100 fuzz sequences exactly as agent.wasm in Node configured as this board', async () => {
    const uds = new Uint8Array(Buffer.from(readFileSync(`${BUILD}/fw/${board.id}.uds`, 'utf8').trim(), 'hex'));
    const s = await fuzzDevice({ link: (await launch()).link, wasmPath: WASM_PATH, board: { uds, image: new Uint8Array(readFileSync(fw.image!.file)) }, seed: 13, start: 0, end: 100, batch: 50 });
    expect(s.findings).toEqual([]);
    expect(s.executions).toBe(100);
    expect(s.answersCompared).toBeGreaterThan(200);
  }, 180_000);
});
