// The fuzz harness (profiler/fuzz): a short seeded run of the protocol fuzz on the agent in
// Node's WebAssembly finds nothing; the model catches the cache bug of issue 13 when shown it;
// the watchdog turns a hang into a finding. Long runs: scripts/bench-fuzz.ts.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '../../profiler/protocol/frame.ts';
import { CMD, encodeLoad } from '../../profiler/protocol/messages.ts';
import { hostAgent } from '../../profiler/transport/inprocess.ts';
import { handshake, ProtocolModel, runWithWatchdog } from '../../profiler/fuzz/index.ts';
import { concatBytes } from '../../profiler/fuzz/node.ts';
import { WASM_PATH } from '../support/agent.ts';

/** (module (memory (export "memory") 1) (func (export "agent_init")) (func (export "agent_rx") (param i32) (loop $l (br $l)))
 *   (func (export "agent_seq") (result i32) (i32.const 0)) (func (export "agent_report_trap") (param i32 i32))), by wat2wasm. */
const HANGING_AGENT = '0061736d0100000001110460000060017f006000017f60027f7f00030504000102030503010001074205066d656d6f727902000a6167656e745f696e69740000086167656e745f72780001096167656e745f7365710002116167656e745f7265706f72745f7472617000030a140402000b070003400c000b0b040041000b02000b';

describe('protocol fuzz', () => {
  it('5,000 seeded executions: every answer is the one docs/protocol.md gives', async () => {
    const s = await runWithWatchdog({ kind: 'protocol', wasmPath: WASM_PATH, seed: 13, start: 0, end: 5000 }, { hangMs: 20_000 });
    expect(s.executions).toBe(5000);
    expect(s.answers).toBeGreaterThan(10_000);
    expect(s.traps).toBeGreaterThan(0); // the deliberate null:trap, recovered from
    expect(s.findings).toEqual([]);
  }, 120_000);

  it('the model reports a repeat after garbage answered with the garbage\'s error (the agent 0.1.0 bug)', async () => {
    let out: Uint8Array[] = [];
    const agent = await hostAgent(WASM_PATH, (b) => out.push(b));
    const take = () => { const r = concatBytes(out); out = []; return r; };
    const { facts, last } = await handshake(async (f) => { agent.feed(f); return take(); });
    const model = new ProtocolModel(facts, last);
    const load = encodeFrame(CMD.LOAD, 9, encodeLoad(0, Uint8Array.of(5)));
    const input = concatBytes([load, Uint8Array.of(0x42, 0x42, 0), load]);
    agent.feed(input);
    const output = take();
    expect(model.check(input, output)).toEqual([]);
    const first = output.indexOf(0), second = output.indexOf(0, first + 1);
    const nak = output.subarray(first + 1, second + 1);
    const buggy = concatBytes([output.subarray(0, second + 1), nak]); // the repeat answered with the NAK
    const fresh = new ProtocolModel(facts, last);
    expect(fresh.check(input, buggy).join()).toMatch(/repeat of request type 0x2 seq 9.*not the cached answer/);
  });

  it('the watchdog turns an execution that never returns into a finding and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capmark-fuzz-'));
    try {
      const wasm = join(dir, 'hang.wasm');
      writeFileSync(wasm, Buffer.from(HANGING_AGENT, 'hex'));
      const s = await runWithWatchdog({ kind: 'protocol', wasmPath: wasm, seed: 1, start: 0, end: 2 }, { hangMs: 1000 });
      expect(s.hangs).toBe(2);
      expect(s.findings.map((f) => f.what)).toEqual([0, 1].map((i) => `hang: protocol execution ${i} ran over 1000 ms without returning`));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});
