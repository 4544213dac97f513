// The cores the agent firmware is built for: each core's instruction-set architecture (which
// cross toolchain, QEMU and start-up code) and gcc's flags for it. A board file names its core;
// a new core of a known architecture is one line here.

/** Instruction-set families with their own toolchain, QEMU binary and start-up (agent/arch/). */
export type Arch = 'arm' | 'riscv32';

export interface CoreBuild {
  arch: Arch;
  /** The instruction set the code is compiled for (reported in `capmark boards` and results). */
  isa: string;
  cflags: string[];
  /** No unaligned word access in hardware (ARMv6-M; strict-alignment RISC-V): wasm loads and
   *  stores take an aligned fast path with a byte-wise fallback (agent/runtime/wasm-rt-access.h)
   *  instead of gcc's out-of-line memcpy or byte-by-byte copies. */
  strict_align?: boolean;
  /** The core lacks a multiply gcc needs (ARMv6-M, ARMv8-M Baseline: 32x32->64; RV32 without
   *  M: any), so gcc calls libgcc's, whose path depends on the operands: this branch-free
   *  replacement (agent/arch/<arch>/ct/<file>) is linked ahead of libgcc instead
   *  (docs/constant-time.md, Findings). */
  ct_multiply?: string;
}

/** Soft float everywhere: the kernels use no floating point. */
export const CORES: Record<string, CoreBuild> = {
  'cortex-m0': { arch: 'arm', isa: 'armv6-m', cflags: ['-mcpu=cortex-m0', '-mthumb'], strict_align: true, ct_multiply: 'lmul-armv6m.c' },
  'cortex-m0plus': { arch: 'arm', isa: 'armv6-m', cflags: ['-mcpu=cortex-m0plus', '-mthumb'], strict_align: true, ct_multiply: 'lmul-armv6m.c' },
  'cortex-m3': { arch: 'arm', isa: 'armv7-m', cflags: ['-mcpu=cortex-m3', '-mthumb'] },
  'cortex-m4': { arch: 'arm', isa: 'armv7e-m', cflags: ['-mcpu=cortex-m4', '-mfloat-abi=soft', '-mthumb'] },
  'cortex-m7': { arch: 'arm', isa: 'armv7e-m', cflags: ['-mcpu=cortex-m7', '-mfloat-abi=soft', '-mthumb'] },
  'cortex-m23': { arch: 'arm', isa: 'armv8-m.base', cflags: ['-mcpu=cortex-m23', '-mthumb'], strict_align: true, ct_multiply: 'lmul-armv6m.c' },
  'cortex-m33': { arch: 'arm', isa: 'armv8-m.main+dsp', cflags: ['-mcpu=cortex-m33', '-mfloat-abi=soft', '-mthumb'] },
  'cortex-m55': { arch: 'arm', isa: 'armv8.1-m.main+mve', cflags: ['-mcpu=cortex-m55', '-mfloat-abi=soft', '-mthumb'] },
  'rv32imc': { arch: 'riscv32', isa: 'rv32imc', cflags: ['-march=rv32imc', '-mabi=ilp32'], strict_align: true },
  'rv32imac': { arch: 'riscv32', isa: 'rv32imac', cflags: ['-march=rv32imac', '-mabi=ilp32'], strict_align: true },
  'rv32ec': { arch: 'riscv32', isa: 'rv32ec', cflags: ['-march=rv32ec', '-mabi=ilp32e'], strict_align: true, ct_multiply: 'mul-rv32e.c' },
};
