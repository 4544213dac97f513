// capmark's QEMU plugins (agent/qemu-plugin/), built with the host gcc: "count" (exact
// instruction counts and classes, every profile) and "trace" (instruction and data-access
// traces, capmark ct); both link the instruction decoder classify.c.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from '../util/paths.ts';
import { tool } from './toolchain.ts';

type PluginName = 'count' | 'trace';

const SRC = join(ROOT, 'agent', 'qemu-plugin');
const pluginPath = (name: PluginName) => join(BUILD, 'qemu-plugin', `libcapmark-${name}.so`);
export const PLUGIN_PATH = pluginPath('count');

export function buildPlugin(name: PluginName = 'count'): string {
  const out = pluginPath(name);
  const sources = [`${name}.c`, 'classify.c'].map((f) => join(SRC, f));
  const headers = readdirSync(SRC).filter((f) => f.endsWith('.h')).map((f) => join(SRC, f));
  const newest = Math.max(...[...sources, ...headers].map((f) => statSync(f).mtimeMs));
  if (existsSync(out) && statSync(out).mtimeMs >= newest) return out;
  mkdirSync(join(BUILD, 'qemu-plugin'), { recursive: true });
  execFileSync(tool('hostcc'), ['-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-Wall', '-o', out, ...sources], { stdio: 'inherit' });
  return out;
}
