// One build at a time per checkout, across processes (parallel test workers, two CLIs): a
// lock directory in build/ holding the owner's pid; a lock whose owner died is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD } from '../util/paths.ts';

const LOCK = join(BUILD, '.lock');

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

export async function withBuildLock<T>(job: () => Promise<T>): Promise<T> {
  mkdirSync(BUILD, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try { owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8')); } catch { /* being created */ }
      if (owner && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try { return await job(); } finally { rmSync(LOCK, { recursive: true, force: true }); }
}
