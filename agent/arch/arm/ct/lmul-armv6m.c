/* Branch-free 64-bit multiply for cores without a 32x32->64 multiply (ARMv6-M: Cortex-M0/M0+;
 * ARMv8-M Baseline: M23), linked ahead of libgcc on those cores only (profiler/build/cores.ts).
 *
 * Why: gcc turns every WebAssembly i64.mul into a call to libgcc's __aeabi_lmul (= __muldi3,
 * gcc 12.2), which adds the carry of the middle partial products after a compare and a
 * conditional branch (`cmp r3, r4; bls` at __muldi3+0x32, longlong.h's generic umul_ppmm).
 * `capmark ct` found 22 secret ops leaking there on microbit-profiling (X25519, Ed25519,
 * P-256/P-384, RSA, ML-DSA sign, attestation evidence: docs/constant-time.md, Findings).
 * Here the partial products are 16x16->32 MULS and every sum is a 64-bit add, which gcc emits as
 * ADDS/ADCS: the carries travel in the flags, never through a branch (30 instructions with gcc
 * 12.2 -O2, against libgcc's 46). The object's disassembly is checked for conditional branches
 * and calls by tests/build/ct-mul.test.ts. */
#include <stdint.h>

/* a * b mod 2^64 = alo*blo + 2^32 (alo*bhi + ahi*blo), the first from its four 16-bit halves'
 * products: (ah*bh + cross) : al*bl, plus the two middle products shifted by 16 as 64-bit adds. */
uint64_t __aeabi_lmul(uint64_t a, uint64_t b) {
  uint32_t alo = (uint32_t)a, blo = (uint32_t)b;
  uint32_t cross = alo * (uint32_t)(b >> 32) + (uint32_t)(a >> 32) * blo;
  uint32_t al = alo & 0xffff, ah = alo >> 16, bl = blo & 0xffff, bh = blo >> 16;
  uint64_t r = (uint64_t)(ah * bh + cross) << 32 | al * bl;
  r += (uint64_t)(al * bh) << 16;
  r += (uint64_t)(ah * bl) << 16;
  return r;
}

/* libgcc defines both names in one object: defining both keeps that object out of the link. */
uint64_t __muldi3(uint64_t a, uint64_t b) __attribute__((alias("__aeabi_lmul")));
