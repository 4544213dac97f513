// The classifying, counting QEMU plugin (agent/qemu-plugin/count.c with the instruction
// decoder classify.c), built with the host gcc.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from '../util/paths.ts';
import { tool } from './toolchain.ts';

export const PLUGIN_PATH = join(BUILD, 'qemu-plugin', 'libcapmark-count.so');

export function buildPlugin(): string {
  const dir = join(ROOT, 'agent', 'qemu-plugin');
  const sources = ['count.c', 'classify.c'].map((f) => join(dir, f));
  const newest = Math.max(...[...sources, join(dir, 'classify.h'), join(dir, 'plugin-api.h')].map((f) => statSync(f).mtimeMs));
  if (existsSync(PLUGIN_PATH) && statSync(PLUGIN_PATH).mtimeMs >= newest) return PLUGIN_PATH;
  mkdirSync(join(BUILD, 'qemu-plugin'), { recursive: true });
  execFileSync(tool('hostcc'), ['-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-Wall', '-o', PLUGIN_PATH, ...sources], { stdio: 'inherit' });
  return PLUGIN_PATH;
}
