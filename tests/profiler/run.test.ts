// The plan runner against the real agent in Node's WebAssembly (fault injection beside the
// QEMU end-to-end tests): outputs are verified, skips name their reason, and a board that
// goes silent mid-run is reported on that measurement and restarted, and the run goes on.
import { describe, it, expect } from 'vitest';
import { AgentClient, type Link } from '../../profiler/protocol/client.ts';
import { runPlan, type Target } from '../../profiler/profile/run.ts';
import { inProcessLink } from '../../profiler/transport/inprocess.ts';
import { WASM_PATH } from '../support/agent.ts';

async function target(dieAfterBench = Infinity): Promise<Target> {
  const inner = await inProcessLink(WASM_PATH);
  let benches = 0;
  const link: Link = {
    ...inner, onData: (l) => inner.onData(l),
    async write(bytes) {
      if (bytes.length > 4 && bytes[2] === 0x03 && ++benches > dieAfterBench) return; // a BENCH the dead board never sees
      return inner.write(bytes);
    },
  };
  const client = new AgentClient(link, { timeoutMs: 50, retries: 1 });
  return { client, hello: await client.hello(), close: () => client.close() };
}

const options = { core: 'cortex-m4', clockHz: 25_000_000, iterations: 2, warmup: 0, kernels: ['sha256', 'chacha20'], benchTimeoutMs: 200 };

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

  it('gives up after three failures in a row', async () => {
    await expect(runPlan(await target(1), () => target(0), options)).rejects.toMatchObject({ code: 'BOARD_DOWN' });
  });
});
