// Launches a virtual board: QEMU halted (-S) with the UART on a pty, the monitor on stdio and
// the counting plugin; opens the pty, then continues the CPU (QEMU drops UART output while
// nobody holds the pty). Every QEMU started here dies with the profiler: killed when it exits
// or is interrupted (killAllOnExit), and by the kernel when it is killed outright (spawnQemu).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Board } from '../boards/index.ts';
import type { FirmwareManifest } from '../build/index.ts';
import { PLUGIN_PATH, coreOf } from '../build/index.ts';
import { tool } from '../build/toolchain.ts';
import { CapmarkError } from '../errors.ts';
import type { Link } from '../protocol/client.ts';
import { openSerial } from '../transport/serial.ts';

/** What the plugin printed for one measured region: exact instructions and their classes
 *  (agent/qemu-plugin/classify.h names). */
export interface RegionCount { instructions: number; classes: Record<string, number> }

export interface VirtualBoard {
  link: Link;
  /** Exact counts printed by the plugin, one per measured region, in order. */
  takeCounts(n: number, timeoutMs?: number): Promise<RegionCount[]>;
  /** Drops counts not yet taken (after a failed request). */
  clearCounts(): void;
  qemuVersion: string;
  /** Wall-clock time from continuing the CPU to the firmware's first byte. */
  bootMs: number;
  args: string[];
  stop(): Promise<void>;
}

const live = new Set<ChildProcessWithoutNullStreams>();
let hooked = false;

/** Kills every QEMU this process started when it exits or is interrupted. */
function killAllOnExit() {
  if (hooked) return;
  hooked = true;
  const killAll = () => { for (const p of live) p.kill('SIGKILL'); live.clear(); };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // A command that handles the signal itself (gateway: shuts down, then returns 0) keeps
    // running; its QEMUs are gone already.
    process.on(sig, () => { killAll(); if (process.listenerCount(sig) <= 1) process.exit(sig === 'SIGINT' ? 130 : 143); });
  }
}

/** Another plugin than the counting one (capmark ct's tracer): its library, its arguments
 *  besides the marks, and a reader for the lines it prints on QEMU's log. */
export interface PluginRun { path: string; args?: string[]; onLine?: (line: string) => void }

/** util-linux setpriv (Essential in Debian): sets a parent-death signal, then execs. */
const SETPRIV = '/usr/bin/setpriv';

/**
 * Starts QEMU so that it dies with this process even on SIGKILL, when no exit handler runs:
 * setpriv sets the Linux parent-death signal (prctl PR_SET_PDEATHSIG, no privilege needed)
 * to SIGKILL and execs QEMU in place, so the pid is QEMU's. The signal follows the thread
 * that spawned it, which in Node is the event-loop thread of the spawning (worker) thread.
 * Where setpriv is missing, only the exit handlers remain.
 */
function spawnQemu(qemu: string, args: string[]): ChildProcessWithoutNullStreams {
  const [cmd, argv] = existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', qemu, ...args]] : [qemu, args];
  return spawn(cmd, argv, { stdio: 'pipe' });
}

/** The board's own QEMU arguments, with ${ram_bytes} and ${flash_bytes} replaced by its sizes
 *  (so a SoC model's memory properties state each size once, in the board file's fields). */
const boardArgs = (board: Board) => (board.qemu.args ?? []).map((a) =>
  a.replaceAll('${ram_bytes}', String(board.ram_bytes)).replaceAll('${flash_bytes}', String(board.flash_bytes)));

export function qemuArgs(board: Board, fw: FirmwareManifest, plugin?: PluginRun): string[] {
  const pluginArgs = [plugin?.path ?? PLUGIN_PATH, `begin=${fw.marks!.begin}`, `end=${fw.marks!.end}`, ...(plugin?.args ?? [])];
  return [
    '-machine', board.qemu.machine, ...(board.qemu.cpu ? ['-cpu', board.qemu.cpu] : []), ...boardArgs(board),
    '-kernel', fw.elf!, '-icount', 'shift=0', '-S', '-monitor', 'stdio', '-serial', 'pty',
    '-display', 'none', '-nodefaults',
    '-plugin', pluginArgs.join(','), '-d', 'plugin',
  ];
}

export async function launchVirtualBoard(board: Board, fw: FirmwareManifest, startTimeoutMs = 10_000, plugin?: PluginRun): Promise<VirtualBoard> {
  killAllOnExit();
  const args = qemuArgs(board, fw, plugin);
  const qemu = spawnQemu(tool('qemu', coreOf(board).arch), args);
  live.add(qemu);
  const counts: RegionCount[] = [];
  const countWaiters: (() => void)[] = [];
  let output = '';
  let version = 'unknown';
  let exited = false;
  qemu.on('exit', () => { exited = true; live.delete(qemu); countWaiters.forEach((w) => w()); });

  const pty = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CapmarkError('QEMU_START', `QEMU did not start ${board.id} within ${startTimeoutMs} ms: ${output.slice(-500)}`)), startTimeoutMs);
    const scan = (chunk: Buffer) => {
      output += chunk.toString();
      const v = output.match(/QEMU (\d+\.\d+\.\d+) monitor/);
      if (v) version = v[1];
      const m = output.match(/char device redirected to (\/dev\/pts\/\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    qemu.stdout.on('data', scan);
    qemu.stderr.on('data', scan);
    qemu.on('exit', (code) => { clearTimeout(timer); reject(new CapmarkError('QEMU_START', `QEMU exited (code ${code}) while starting ${board.id}: ${output.slice(-500).trim()}`)); });
    qemu.on('error', (e) => { clearTimeout(timer); reject(new CapmarkError('QEMU_START', `cannot run QEMU: ${e.message}`)); });
  });

  let pending = '';
  let insns: number | undefined;
  qemu.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      // The plugin prints a region as two lines: the count, then its classes.
      const m = line.match(/^capmark-insns (\d+)$/);
      if (m) insns = Number(m[1]);
      else if (/^capmark-classes( |$)/.test(line) && insns !== undefined) {
        counts.push({ instructions: insns, classes: Object.fromEntries(line.split(' ').slice(1).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)])) });
        insns = undefined;
        countWaiters.splice(0).forEach((w) => w());
      } else plugin?.onLine?.(line);
    }
  });

  const stop = async () => {
    if (exited || qemu.killed) return;
    qemu.stdin.write('quit\n');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { qemu.kill('SIGKILL'); resolve(); }, 2000);
      qemu.once('exit', () => { clearTimeout(t); resolve(); });
    });
  };

  /* QEMU 7.2 race (seen here): the guest's first UART write marks the pty connected and adds
   * its read watch from the vCPU thread without waking the main loop, which may then sleep
   * in ppoll() without the pty until some other event arrives, and never read the host's
   * bytes. A monitor command is such an event; its answer shows the loop has run. */
  const wakeMainLoop = () => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CapmarkError('QEMU_MONITOR', `QEMU monitor of ${board.id} did not answer`)), startTimeoutMs);
    const onOut = (chunk: Buffer) => { if (/VM status/.test(chunk.toString())) { clearTimeout(timer); qemu.stdout.off('data', onOut); resolve(); } };
    qemu.stdout.on('data', onOut);
    qemu.stdin.write('info status\n');
  });

  let link: Link;
  let bootMs = 0;
  try {
    link = await openSerial(await pty);
    // Talk only after the firmware's first byte (a 0x00 sent once its UART is on).
    const t0 = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CapmarkError('NO_BOOT', `${board.id} sent nothing within ${startTimeoutMs} ms of starting; is build/fw/${board.id}.elf a capmark agent for this machine?`)), startTimeoutMs);
      link.onData(() => { clearTimeout(timer); resolve(); });
      qemu.stdin.write('cont\n');
    });
    bootMs = Date.now() - t0;
    await wakeMainLoop();
  } catch (e) { await stop(); throw e; }

  return {
    link: { ...link, description: `${board.id} (QEMU ${board.qemu.machine})`, close: async () => { await link.close(); await stop(); } },
    qemuVersion: version,
    bootMs,
    args,
    clearCounts: () => { counts.length = 0; },
    async takeCounts(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (counts.length < n) {
        if (exited) throw new CapmarkError('BOARD_EXITED', `QEMU for ${board.id} exited`);
        if (Date.now() > deadline) throw new CapmarkError('NO_COUNTS', `the counting plugin printed ${counts.length} of ${n} counts for ${board.id}`);
        await new Promise<void>((resolve) => { countWaiters.push(resolve); setTimeout(resolve, 50); });
      }
      return counts.splice(0, n);
    },
    async stop() { await link.close(); await stop(); },
  };
}
