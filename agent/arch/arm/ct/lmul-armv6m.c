/* Branch-free 64-bit multiply for cores without a 32x32->64 multiply (ARMv6-M: Cortex-M0/M0+;
 * ARMv8-M Baseline: M23), linked ahead of libgcc on those cores only (profiler/build/cores.ts).
 *
 * Why: gcc turns every WebAssembly i64.mul into a call to libgcc's __aeabi_lmul (= __muldi3,
 * gcc 12.2), which adds the carry of the middle partial products after a compare and a
 * conditional branch (`cmp r3, r4; bls` at __muldi3+0x32, longlong.h's generic umul_ppmm).
 * `capmark ct` found 22 secret ops leaking there on microbit-profiling (X25519, Ed25519,
 * P-256/P-384, RSA, ML-DSA sign, attestation evidence: docs/constant-time.md, Findings).
 * Here the partial products are 16x16->32 MULS, and every sum is a 64-bit add, which gcc emits
 * as ADDS/ADCS: the carries travel in the flags, never through a branch. The object's
 * disassembly is checked for conditional branches and calls by tests/build/ct-mul.test.ts. */
#include <stdint.h>

/* a * b as 64 bits from four 16x16 products; the middle sum (up to 2^33) keeps its carry. */
static inline __attribute__((always_inline)) uint64_t mul32x32(uint32_t a, uint32_t b) {
  uint32_t al = a & 0xffff, ah = a >> 16, bl = b & 0xffff, bh = b >> 16;
  uint64_t mid = (uint64_t)(al * bh) + (ah * bl);
  return (uint64_t)(al * bl) + (mid << 16) + ((uint64_t)(ah * bh) << 32);
}

/* a * b mod 2^64: the cross products only reach the high word, so 32-bit MULS suffice there. */
uint64_t __aeabi_lmul(uint64_t a, uint64_t b) {
  uint32_t alo = (uint32_t)a, ahi = (uint32_t)(a >> 32), blo = (uint32_t)b, bhi = (uint32_t)(b >> 32);
  return mul32x32(alo, blo) + ((uint64_t)(alo * bhi + ahi * blo) << 32);
}

/* libgcc defines both names in one object: defining both keeps that object out of the link. */
uint64_t __muldi3(uint64_t a, uint64_t b) __attribute__((alias("__aeabi_lmul")));
