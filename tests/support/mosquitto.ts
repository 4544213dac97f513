// Starts a throwaway Mosquitto broker on a free loopback port for integration tests
// (Debian's 2.0 refuses anonymous clients unless a listener is configured explicitly).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO = process.env.MOSQUITTO ?? '/usr/sbin/mosquitto';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const c = createConnection(port, '127.0.0.1');
  c.once('connect', () => { c.destroy(); resolve(true); });
  c.once('error', () => resolve(false));
});

export interface Mosquitto { url: string; stop(): Promise<void>; restart(downMs?: number): Promise<void> }

/** A Mosquitto on a free loopback port; `restart` stops it and starts it again on the same
 *  port (no persistence: retained messages and sessions are gone, as after a crash). */
export async function startMosquitto(): Promise<Mosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'capmark-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nset_tcp_nodelay true\n`);
  let p: ChildProcess;
  const launch = async () => {
    p = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d) => { err += d; });
    for (let i = 0; i < 100 && !(await accepts(port)); i++) {
      if (p.exitCode !== null) throw new Error(`mosquitto exited: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const halt = () => new Promise<void>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });
  await launch();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => { await halt(); rmSync(dir, { recursive: true, force: true }); },
    restart: async (downMs = 500) => { await halt(); await new Promise((r) => setTimeout(r, downMs)); await launch(); },
  };
}
