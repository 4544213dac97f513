// The plan runner against the real agent in Node's WebAssembly (fault injection beside the
// QEMU end-to-end tests): outputs are verified, skips name their reason, a board that goes
// silent mid-run is reported on that measurement and restarted, and the run goes on; a board
// that stays down ends the run with what it measured, its link closed; a resumed run keeps
// the measurements of the interrupted one.
import { describe, it, expect } from 'vitest';
import { AgentClient, type Link } from '../../profiler/protocol/client.ts';
import { runPlan, type Target } from '../../profiler/profile/run.ts';
import { inProcessLink } from '../../profiler/transport/inprocess.ts';
import { WASM_PATH } from '../support/agent.ts';

let opened = 0, closed = 0, benchesSent = 0;

async function target(dieAfterBench = Infinity): Promise<Target> {
  const inner = await inProcessLink(WASM_PATH);
  let benches = 0;
  const link: Link = {
    ...inner, onData: (l) => inner.onData(l),
    async write(bytes) {
      if (bytes.length > 4 && bytes[2] === 0x03) { benchesSent++; if (++benches > dieAfterBench) return; } // a BENCH the dead board never sees
      return inner.write(bytes);
    },
  };
  const client = new AgentClient(link, { timeoutMs: 200, retries: 1 });
  opened++;
  return { client, hello: await client.hello(), close: async () => { closed++; await client.close(); } };
}

const options = { core: 'cortex-m4', clockHz: 25_000_000, iterations: 2, warmup: 0, kernels: ['sha256', 'chacha20'], benchTimeoutMs: 500 };

describe('runPlan', () => {
  it('verifies every output of the planned kernels', async () => {
    const { measurements } = await runPlan(await target(), () => target(), options);
    const ran = measurements.filter((m) => m.kernel !== 'null');
    expect(ran.length).toBeGreaterThan(5);
    for (const m of ran) {
      expect(m.status, `${m.kernel} ${m.param}: ${m.reason}`).toBe('ok');
      expect(m.output_verified).toBe(true);
    }
  });

  it('reports a board that went silent and carries on after restarting it', async () => {
    let restarts = 0;
    const { measurements } = await runPlan(await target(2), async () => { restarts++; return target(); }, options);
    const failed = measurements.filter((m) => m.status === 'failed');
    expect(restarts).toBe(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatch(/^NO_ANSWER: /);
    expect(measurements.slice(measurements.indexOf(failed[0]) + 1).every((m) => m.status === 'ok')).toBe(true);
  });

  it('stops after three failures in a row with what it measured, and closes every link it opened', async () => {
    opened = closed = 0;
    const run = await runPlan(await target(1), () => target(0), options);
    expect(run.stopped).toMatch(/^stopped after \d+ of \d+ plan items: three in a row failed \(NO_ANSWER\)/);
    expect(run.measurements.filter((m) => m.status === 'ok').map((m) => m.kernel)).toEqual(['null']);
    expect(run.measurements.filter((m) => m.status === 'failed')).toHaveLength(3);
    expect(closed).toBe(opened);
  });

  it('resumes: keeps the measurements of the interrupted run, checkpoints after each new one', async () => {
    const first = await runPlan(await target(3), () => target(0), options); // measures 3 items, then the board stays down
    expect(first.stopped).toBeDefined();
    benchesSent = 0;
    const checkpoints: number[] = [];
    const second = await runPlan(await target(), () => target(), { ...options, done: first.measurements, onMeasurement: (ms) => checkpoints.push(ms.length) });
    expect(second.stopped).toBeUndefined();
    expect(second.resumed).toBe(3);
    expect(second.measurements.slice(0, 3)).toEqual(first.measurements.slice(0, 3));
    expect(second.measurements.every((m) => m.status === 'ok' && m.output_verified)).toBe(true);
    expect(benchesSent).toBe(second.measurements.length - 3);
    expect(checkpoints).toEqual(Array.from({ length: second.measurements.length - 3 }, (_, i) => i + 4));
  });
});
