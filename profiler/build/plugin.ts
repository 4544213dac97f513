// capmark's QEMU plugins (agent/qemu-plugin/), built with the host gcc: "count" (exact
// instruction counts, every profile) and "trace" (instruction and data-access traces, capmark ct).
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
  const src = join(SRC, `${name}.c`);
  const headers = readdirSync(SRC).filter((f) => f.endsWith('.h')).map((f) => join(SRC, f));
  const newest = Math.max(...[src, ...headers].map((f) => statSync(f).mtimeMs));
  if (existsSync(out) && statSync(out).mtimeMs >= newest) return out;
  mkdirSync(join(BUILD, 'qemu-plugin'), { recursive: true });
  execFileSync(tool('hostcc'), ['-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-Wall', '-o', out, src], { stdio: 'inherit' });
  return out;
}
