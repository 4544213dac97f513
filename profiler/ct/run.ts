// A virtual board under the tracing plugin: runs one case at a time, checks the output against
// the case like a profile does, and returns the trace with the plugin's dump of the run
// (checkpoints, or a window of entries, as asked per run through its control file).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '../boards/index.ts';
import { buildPlugin, type FirmwareManifest } from '../build/index.ts';
import { CapmarkError } from '../errors.ts';
import { checkDigest, checkOutput, checkableByDigest } from '../kernels/check.ts';
import type { Case } from '../kernels/index.ts';
import { AgentClient } from '../protocol/client.ts';
import type { Hello } from '../protocol/messages.ts';
import { launchVirtualBoard, type VirtualBoard } from '../qemu/launch.ts';
import { parseDump, type Dump } from './diverge.ts';
import { parseSitesLine, parseTraceLine, type Sites, type Trace } from './trace.ts';

/** What the plugin dumps of a run: checkpoints every n entries, and/or a window of entries. */
export interface DumpSettings { every?: number; insnFrom?: number; dataFrom?: number; window?: number }

export interface TracedRun { trace: Trace; ok: boolean; reason?: string; dump?: Dump }

const BENCH_TIMEOUT_MS = 120_000;
const TRACE_TIMEOUT_MS = 5_000;

const controlText = (d: DumpSettings) => Object.entries({ every: d.every, insn_from: d.insnFrom, data_from: d.dataFrom, window: d.window })
  .filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ');

export class TraceBoard {
  private traces: Trace[] = [];
  private waiters: (() => void)[] = [];
  private vb!: VirtualBoard;
  private client!: AgentClient;
  hello!: Hello;
  qemuVersion = 'unknown';

  private constructor(private dir: string) {}

  /** `dir`, an existing folder the caller removes, holds the plugin's dump and control files;
   *  the instructions in `skip` are left out of the traces. */
  static async open(board: Board, fw: FirmwareManifest, dir: string, skip: { start: number; end: number }[] = []): Promise<TraceBoard> {
    const t = new TraceBoard(dir);
    const hex = (n: number) => n.toString(16);
    let sites: Sites | undefined;
    t.vb = await launchVirtualBoard(board, fw, 10_000, {
      path: buildPlugin('trace'),
      args: [`dump=${join(dir, 'dump')}`, `control=${join(dir, 'control')}`, ...skip.map((r) => `skip=${hex(r.start)}-${hex(r.end)}`)],
      onLine: (line) => {
        sites = parseSitesLine(line) ?? sites;
        const tr = parseTraceLine(line);
        if (tr) { t.traces.push({ ...tr, sites }); sites = undefined; t.waiters.splice(0).forEach((w) => w()); }
      },
    });
    t.qemuVersion = t.vb.qemuVersion;
    t.client = new AgentClient(t.vb.link);
    try { t.hello = await t.client.hello(); } catch (e) { await t.close(); throw e; }
    return t;
  }

  /** Wire ids of a device kernel's op, or undefined when this agent lacks it. */
  ids(device: string, op: string): { kernel: number; op: number } | undefined {
    const kernel = this.hello.kernels.findIndex((k) => k.name === device);
    const opId = kernel < 0 ? -1 : this.hello.kernels[kernel].ops.indexOf(op);
    return opId < 0 ? undefined : { kernel, op: opId };
  }

  async run(ids: { kernel: number; op: number }, c: Case, dump?: DumpSettings): Promise<TracedRun> {
    this.traces.length = 0;
    const control = join(this.dir, 'control');
    if (dump) writeFileSync(control, controlText(dump)); else rmSync(control, { force: true });
    await this.client.load(c.input);
    const r = await this.client.bench({ ...ids, iterations: 1, warmup: 0, inputLength: c.input.length }, BENCH_TIMEOUT_MS);
    const [trace] = await this.takeTraces(1);
    const verdict = checkableByDigest(c) ? checkDigest(c, r.status, r.digest)
      : checkOutput(c, r.status, r.outputLength > 0 ? await this.client.read(r.outputLength) : new Uint8Array(0));
    return { trace, ok: verdict.ok, reason: verdict.reason, dump: dump && parseDump(readFileSync(join(this.dir, 'dump'), 'utf8')) };
  }

  private async takeTraces(n: number): Promise<Trace[]> {
    const deadline = Date.now() + TRACE_TIMEOUT_MS;
    while (this.traces.length < n) {
      if (Date.now() > deadline) throw new CapmarkError('NO_TRACE', `the tracing plugin printed ${this.traces.length} of ${n} traces`);
      await new Promise<void>((resolve) => { this.waiters.push(resolve); setTimeout(resolve, 50); });
    }
    return this.traces.splice(0, n);
  }

  async close(): Promise<void> {
    await this.client?.close().catch(() => {});
    await this.vb.stop();
  }
}
