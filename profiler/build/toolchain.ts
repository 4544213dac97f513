// The external tools the build and the profiler need, with the Debian package that brings
// each, so that a missing tool becomes an error that says how to get it. Cross tools and QEMU
// come per instruction-set architecture (profiler/build/cores.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { ROOT } from '../util/paths.ts';
import type { Arch } from './cores.ts';

const CROSS: Record<Arch, { prefix: string; gcc: string; binutils: string; qemu: string; qemuPkg: string }> = {
  arm: { prefix: 'arm-none-eabi-', gcc: 'gcc-arm-none-eabi picolibc-arm-none-eabi', binutils: 'binutils-arm-none-eabi', qemu: 'qemu-system-arm', qemuPkg: 'qemu-system-arm' },
  // Debian's riscv64-unknown-elf toolchain carries the rv32 multilibs (rv32im, rv32imac, rv32e, ...).
  riscv32: { prefix: 'riscv64-unknown-elf-', gcc: 'gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf', binutils: 'binutils-riscv64-unknown-elf', qemu: 'qemu-system-riscv32', qemuPkg: 'qemu-system-misc' },
};
const binutil = (name: string) => (a: Arch) => ({ cmd: `${CROSS[a].prefix}${name}`, pkg: CROSS[a].binutils });

export const TOOLS = {
  wasm2c: () => ({ cmd: 'wasm2c', pkg: 'wabt' }),
  wasmObjdump: () => ({ cmd: 'wasm-objdump', pkg: 'wabt' }),
  cc: (a: Arch) => ({ cmd: `${CROSS[a].prefix}gcc`, pkg: CROSS[a].gcc }),
  size: binutil('size'),
  nm: binutil('nm'),
  objcopy: binutil('objcopy'),
  objdump: binutil('objdump'),
  qemu: (a: Arch) => ({ cmd: CROSS[a].qemu, pkg: CROSS[a].qemuPkg }),
  hostcc: () => ({ cmd: 'gcc', pkg: 'gcc' }),
} as const;
export type Tool = keyof typeof TOOLS;

const found = new Map<string, string>();

/** The path of a tool (for `arch` where it is a cross tool), or a TOOLCHAIN_MISSING error
 *  naming the package to install. */
export function tool(name: Tool, arch: Arch = 'arm'): string {
  const { cmd, pkg } = TOOLS[name](arch);
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
const versions = new Map<string, string>();
export function toolVersion(name: Tool, arch: Arch = 'arm'): string {
  const key = `${name}/${arch}`;
  if (!versions.has(key)) {
    let v = 'unknown';
    try { v = execFileSync(tool(name, arch), ['--version'], { encoding: 'utf8' }).split('\n')[0].trim(); } catch { /* reported as unknown */ }
    versions.set(key, v);
  }
  return versions.get(key)!;
}
