// The external tools the build and the profiler need, with the Debian package that brings
// each, so that a missing tool becomes an error that says how to get it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { ROOT } from '../util/paths.ts';

export const TOOLS = {
  wasm2c: { cmd: 'wasm2c', pkg: 'wabt' },
  cc: { cmd: 'arm-none-eabi-gcc', pkg: 'gcc-arm-none-eabi picolibc-arm-none-eabi' },
  size: { cmd: 'arm-none-eabi-size', pkg: 'binutils-arm-none-eabi' },
  nm: { cmd: 'arm-none-eabi-nm', pkg: 'binutils-arm-none-eabi' },
  objcopy: { cmd: 'arm-none-eabi-objcopy', pkg: 'binutils-arm-none-eabi' },
  objdump: { cmd: 'arm-none-eabi-objdump', pkg: 'binutils-arm-none-eabi' },
  wasmObjdump: { cmd: 'wasm-objdump', pkg: 'wabt' },
  qemu: { cmd: 'qemu-system-arm', pkg: 'qemu-system-arm' },
  hostcc: { cmd: 'gcc', pkg: 'gcc' },
} as const;
export type Tool = keyof typeof TOOLS;

const found = new Map<string, string>();

/** The path of a tool, or a TOOLCHAIN_MISSING error naming the package to install. */
export function tool(name: Tool): string {
  const { cmd, pkg } = TOOLS[name];
  if (found.has(cmd)) return found.get(cmd)!;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) { found.set(cmd, p); return p; }
  }
  throw new CapmarkError('TOOLCHAIN_MISSING', `${cmd} not found: install the Debian package(s) ${pkg}, or run the README's set-up command (npm run setup)`);
}

export function asc(): string {
  const p = join(ROOT, 'node_modules', '.bin', 'asc');
  if (!existsSync(p)) throw new CapmarkError('TOOLCHAIN_MISSING', 'AssemblyScript compiler missing: run npm install');
  return p;
}

/** First line of `<tool> --version`, for the conditions recorded with results. */
const versions = new Map<Tool, string>();
export function toolVersion(name: Tool): string {
  if (!versions.has(name)) {
    let v = 'unknown';
    try { v = execFileSync(tool(name), ['--version'], { encoding: 'utf8' }).split('\n')[0].trim(); } catch { /* reported as unknown */ }
    versions.set(name, v);
  }
  return versions.get(name)!;
}
