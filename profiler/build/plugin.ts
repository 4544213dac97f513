// The instruction-counting QEMU plugin (agent/qemu-plugin/count.c), built with the host gcc.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from '../util/paths.ts';
import { tool } from './toolchain.ts';

export const PLUGIN_PATH = join(BUILD, 'qemu-plugin', 'libcapmark-count.so');

export function buildPlugin(): string {
  const src = join(ROOT, 'agent', 'qemu-plugin', 'count.c');
  const header = join(ROOT, 'agent', 'qemu-plugin', 'plugin-api.h');
  const newest = Math.max(statSync(src).mtimeMs, statSync(header).mtimeMs);
  if (existsSync(PLUGIN_PATH) && statSync(PLUGIN_PATH).mtimeMs >= newest) return PLUGIN_PATH;
  mkdirSync(join(BUILD, 'qemu-plugin'), { recursive: true });
  execFileSync(tool('hostcc'), ['-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-Wall', '-o', PLUGIN_PATH, src], { stdio: 'inherit' });
  return PLUGIN_PATH;
}
