// scripts/setup.sh on a machine without a suitable Node (Debian 12 ships 18.x): it stops
// before installing anything and says what to do; its package lists keep the tests' extras
// (Mosquitto, Chromium) out of the main job.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../profiler/util/paths.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('setup');
const SETUP = join(ROOT, 'scripts', 'setup.sh');

/** A PATH with only what setup.sh needs before its Node check, plus a fake `node` if given. */
function pathWith(nodeVersion?: string): string {
  const bin = join(dir, nodeVersion ?? 'none');
  mkdirSync(bin);
  for (const tool of ['dirname', 'sed', 'sort', 'head']) symlinkSync(spawnSync('which', [tool], { encoding: 'utf8' }).stdout.trim(), join(bin, tool));
  if (nodeVersion) { writeFileSync(join(bin, 'node'), `#!/bin/sh\necho ${nodeVersion}\n`); chmodSync(join(bin, 'node'), 0o755); }
  return bin;
}
const setup = (args: string[], PATH = process.env.PATH) => spawnSync('/bin/bash', [SETUP, ...args], { encoding: 'utf8', env: { ...process.env, PATH } });

describe('scripts/setup.sh', () => {
  it('stops on Debian 12\'s Node 18, naming the version needed (from package.json) and where to get one', () => {
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
    const r = setup([], pathWith('18.19.0'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`capmark needs Node.js ${engines.replace(">=", ">= ")}, found 18.19.0`);
    expect(r.stderr).toMatch(/Install Node\.js 20 or 22 LTS from\nsetup: https:\/\/nodejs\.org/);
    expect(r.stdout).not.toMatch(/installing/);
  });

  it('stops when there is no node at all, and accepts a new enough one only as far as its npm check', () => {
    const none = setup([], pathWith());
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/needs Node\.js >= [\d.]+, and there is no 'node' on PATH/);
    const newer = setup([], pathWith('20.19.1'));
    expect(newer.stderr).toMatch(/Node\.js 20\.19\.1 has no npm on PATH/);
  });

  it('installs Mosquitto and Chromium only for the tests', () => {
    const main = setup(['--list']).stdout.trim().split(' ');
    const tests = setup(['--list', '--test']).stdout.trim().split(' ');
    expect(main).toContain('qemu-system-arm');
    expect(main).not.toContain('chromium');
    expect(main).not.toContain('mosquitto');
    expect(tests).toEqual([...main, 'mosquitto', 'chromium']);
  });
});
