// The protocol client against the real agent (Node's WebAssembly) through a link that can
// corrupt, drop and duplicate bytes: HELLO, LOAD, BENCH and READ still give right answers;
// the regressions of issue 13 (cached answer after garbage, sessions, damaged large answers,
// errors that name the link, attestation after a trap).
import { describe, it, expect } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { AgentClient, type Link } from '../../profiler/protocol/client.ts';
import { encodeFrame, Deframer, type Frame } from '../../profiler/protocol/frame.ts';
import { CMD, encodeBench, encodeLoad, encodeHello } from '../../profiler/protocol/messages.ts';
import { hostAgent, inProcessLink } from '../../profiler/transport/inprocess.ts';
import { runAttestOp } from '../../profiler/attest/session.ts';
import { WASM_PATH } from '../support/agent.ts';
import { faultyLink } from '../support/fault-link.ts';
import { createRng } from '../../profiler/kernels/rng.ts';

/** Wraps a link; `mangle` may rewrite each chunk the agent sends back. */
function faulty(link: Link, mangle: (chunk: Uint8Array, n: number) => Uint8Array[]): Link {
  let n = 0;
  return {
    description: 'faulty link', write: (b) => link.write(b), close: () => link.close(),
    onData(l) { link.onData((c) => { for (const m of mangle(c, n++)) l(m); }); },
  };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();

async function hashOnAgent(client: AgentClient, msg: Uint8Array) {
  const hello = await client.hello();
  const kernel = hello.kernels.findIndex((k) => k.name === 'sha256');
  await client.load(msg);
  const r = await client.bench({ kernel, op: 0, iterations: 3, warmup: 1, inputLength: msg.length }, 2000);
  const out = await client.read(r.outputLength);
  return { hello, r, out };
}

describe('AgentClient with the in-process agent', () => {
  it('HELLO announces versions, limits and the kernel table', async () => {
    const client = new AgentClient(await inProcessLink(WASM_PATH));
    const hello = await client.hello();
    expect(hello.protocolVersion).toBe(2);
    expect(hello.maxFrame).toBe(2048);
    expect(hello.traps).toBe(0);
    expect(hello.agentVersion).toBe('0.2.0');
    expect(hello.inputCapacity).toBeGreaterThanOrEqual(16384);
    expect(hello.memoryBytes % 65536).toBe(0);
    expect(hello.info.board).toBe('node');
    expect(hello.kernels.map((k) => k.name)).toContain('sha256');
  });

  it('LOAD + BENCH + READ hash 16 KiB correctly', async () => {
    const client = new AgentClient(await inProcessLink(WASM_PATH));
    const msg = randomBytes(16384);
    const { r, out } = await hashOnAgent(client, msg);
    expect(r.status).toBe(32);
    expect(r.consistent).toBe(true);
    expect(Buffer.from(r.digest).equals(sha(sha(msg)))).toBe(true);
    expect(Buffer.from(out).equals(sha(msg))).toBe(true);
  });

  it('announces the same kernel table after kernels have used (and reset) the heap', async () => {
    const client = new AgentClient(await inProcessLink(WASM_PATH));
    const before = (await hashOnAgent(client, randomBytes(100))).hello.kernels;
    expect((await client.hello()).kernels).toEqual(before);
  });

  it('recovers from corrupted, dropped and duplicated response bytes', async () => {
    const link = faulty(await inProcessLink(WASM_PATH), (c, n) => {
      if (n % 3 === 1) { const bad = Uint8Array.from(c); bad[Math.floor(bad.length / 2)] ^= 0x40; return [bad]; }
      if (n % 5 === 2) return [c.subarray(1)];
      if (n % 4 === 3) return [c, c];
      return [c];
    });
    const client = new AgentClient(link, { timeoutMs: 100, retries: 8 });
    const msg = randomBytes(5000);
    const { out } = await hashOnAgent(client, msg);
    expect(Buffer.from(out).equals(sha(msg))).toBe(true);
    expect(client.stats.resent).toBeGreaterThan(0);
  });

  it('LOAD 16 KiB, BENCH and READ come through 1 damaged byte in 100, both ways (seeded relay)', async () => {
    const link = faultyLink(await inProcessLink(WASM_PATH), { rate: 1 / 100, seed: 13 });
    const client = new AgentClient(link, { timeoutMs: 500 });
    const msg = createRng('noisy').bytes(16384);
    const { r, out } = await hashOnAgent(client, msg);
    expect(Buffer.from(r.digest).equals(sha(sha(msg)))).toBe(true);
    expect(Buffer.from(out).equals(sha(msg))).toBe(true);
    expect(link.faults.corrupted + link.faults.dropped + link.faults.duplicated).toBeGreaterThan(100);
  });

  it('waits in proportion on a slow link instead of resending frames still on their way', async () => {
    // A wire that moves 5,000 bytes a second each way: a 2 KB piece takes 0.4 s, over the 0.3 s timeout.
    const inner = await inProcessLink(WASM_PATH);
    const wire = (msPerByte: number) => {
      let freeAt = 0;
      return (bytes: Uint8Array, deliver: () => void) => {
        freeAt = Math.max(Date.now(), freeAt) + bytes.length * msPerByte;
        setTimeout(deliver, freeAt - Date.now());
      };
    };
    const up = wire(0.2), down = wire(0.2);
    const slow: Link = {
      description: 'slow link', close: () => inner.close(),
      write: async (b) => up(b, () => void inner.write(b)),
      onData: (l) => inner.onData((c) => down(c, () => l(c))),
    };
    const client = new AgentClient(slow, { timeoutMs: 300 });
    const msg = createRng('slow').bytes(8192);
    const { r } = await hashOnAgent(client, msg);
    expect(Buffer.from(r.digest).equals(sha(sha(msg)))).toBe(true);
    expect(client.stats.resent).toBe(0);
  });

  it('gives up with NO_ANSWER when the agent never answers', async () => {
    const link = faulty(await inProcessLink(WASM_PATH), () => []);
    const client = new AgentClient(link, { timeoutMs: 30, retries: 2 });
    await expect(client.hello()).rejects.toMatchObject({ code: 'NO_ANSWER' });
  });

  it('reports agent-side errors with their code', async () => {
    const client = new AgentClient(await inProcessLink(WASM_PATH));
    await client.hello();
    await expect(client.request(0x42, new Uint8Array(0))).rejects.toMatchObject({ code: 'AGENT_UNKNOWN_COMMAND' });
    await expect(client.bench({ kernel: 1, op: 0, iterations: 0, warmup: 0, inputLength: 0 }, 500))
      .rejects.toMatchObject({ code: 'AGENT_BAD_REQUEST' });
  });

  it('the agent answers a damaged request with a NAK and the client resends', async () => {
    const inner = await inProcessLink(WASM_PATH);
    let first = true;
    const link: Link = {
      ...inner, onData: (l) => inner.onData(l),
      async write(b) {
        if (first) { first = false; const bad = Uint8Array.from(b); bad[2] ^= 0x80; return inner.write(bad); }
        return inner.write(b);
      },
    };
    const client = new AgentClient(link, { timeoutMs: 5000 });
    const t0 = Date.now();
    await client.hello();
    expect(Date.now() - t0).toBeLessThan(1000); // resent on the NAK, not after the timeout
    expect(client.stats.damaged).toBe(1);
  });

  it('answers a repeated request after garbage from its cache, never with the garbage\'s error', async () => {
    const frames: Frame[] = [];
    const deframer = new Deframer();
    const agent = await hostAgent(WASM_PATH, (b) => deframer.push(b).forEach((e) => e.kind === 'frame' && frames.push(e.frame)));
    agent.feed(encodeFrame(CMD.HELLO, 1, encodeHello(7)));
    const load = encodeFrame(CMD.LOAD, 2, encodeLoad(0, Uint8Array.of(1, 2, 3)));
    agent.feed(load);
    const answer = frames.at(-1)!;
    agent.feed(Uint8Array.of(0x11, 0x22, 0x33, 0x00)); // line noise: a damaged frame
    expect(frames.at(-1)).toMatchObject({ type: 0x7f, seq: 0xffff });
    agent.feed(load);
    expect(frames.at(-1)).toEqual(answer);
    expect(frames).toHaveLength(4);
  });

  it('a reconnecting client never collides with the sequence numbers of the previous one', async () => {
    const link = await inProcessLink(WASM_PATH);
    // The previous host's last request was a BENCH numbered 1, the number a new client starts at.
    const answered = new Promise((resolve) => link.onData(resolve));
    await link.write(encodeFrame(CMD.BENCH, 1, encodeBench({ kernel: 0, op: 0, iterations: 1, warmup: 0, inputLength: 0 })));
    await answered;
    const msg = randomBytes(100);
    const { r } = await hashOnAgent(new AgentClient(link), msg);
    expect(Buffer.from(r.digest).equals(sha(sha(msg)))).toBe(true);
  });

  it('HELLO and a 4.6 KB READ get through a link that damages every frame over 200 bytes', async () => {
    const link = faulty(await inProcessLink(WASM_PATH), (c) => {
      if (c.length <= 200) return [c];
      const bad = Uint8Array.from(c); bad[100] ^= 0x01; return [bad];
    });
    const client = new AgentClient(link, { timeoutMs: 1000 });
    const hello = await client.hello();
    expect(hello.kernels.length).toBeGreaterThan(30);
    const mldsa = hello.kernels.findIndex((k) => k.name === 'ml-dsa-87');
    await client.load(randomBytes(32));
    const r = await client.bench({ kernel: mldsa, op: 0, iterations: 1, warmup: 0, inputLength: 32 }, 10_000);
    expect(r.outputLength).toBe(2592 + 4896);
    const out = await client.read(r.outputLength);
    expect(Buffer.from(sha(out)).equals(Buffer.from(r.digest))).toBe(true);
    expect(client.stats.damaged).toBeGreaterThan(0);
  });

  it('names the link, not the board\'s power, when every answer arrives damaged', async () => {
    const link = faulty(await inProcessLink(WASM_PATH), (c) => { const bad = Uint8Array.from(c); bad[1] ^= 0x10; return [bad]; });
    const client = new AgentClient(link, { timeoutMs: 200, damagedRetries: 4 });
    const e = await client.hello().catch((x) => x);
    expect(e).toMatchObject({ code: 'LINK_DAMAGED' });
    expect(e.message).toMatch(/faulty link damaged \d+ of \d+ answers.*check the cable/);
    expect(e.message).not.toMatch(/power/);
  });

  it('survives a kernel trap: TRAPPED for that request, the trap counted, attestation still works', async () => {
    const client = new AgentClient(await inProcessLink(WASM_PATH));
    const t = { client, hello: await client.hello() };
    const before = await runAttestOp(t, 'device-id', Uint8Array.of(0));
    await expect(client.bench({ kernel: 0, op: t.hello.kernels[0].ops.indexOf('trap'), iterations: 1, warmup: 0, inputLength: 0 }, 2000))
      .rejects.toMatchObject({ code: 'AGENT_TRAPPED' });
    expect((await client.hello()).traps).toBe(1);
    // the module's memory started afresh, the UDS stays latched: the CDIs come from retained memory
    expect(Buffer.from(await runAttestOp(t, 'device-id', Uint8Array.of(0))).equals(Buffer.from(before))).toBe(true);
  });
});
