/* Branch-free multiplies for RV32 cores without the M extension (RV32EC), linked ahead of
 * libgcc on those cores only (profiler/build/cores.ts).
 *
 * Why: without M, gcc calls libgcc's __mulsi3 for an i32.mul and __muldi3 for an i64.mul;
 * both are shift-and-add loops that stop at the multiplier's highest set bit, so their time
 * follows the operand. `capmark ct` found 38 secret ops leaking there on riscv-virt-rv32ec,
 * among them ML-KEM decapsulation, whose valid and tampered ciphertexts traced differently (a
 * timing oracle: docs/constant-time.md, Findings). Here every multiply runs all 32 multiplier
 * bits, fully unrolled, each added under a mask made from the bit (an arithmetic shift), with
 * carries computed by SLTU: no branch, no call. The objects' disassembly is checked for
 * branches and calls by tests/build/ct-mul.test.ts. */
#include <stdint.h>

/* The multiplier's top bit as a mask (all ones or zero). */
#define TOP_MASK(x) ((uint32_t)((int32_t)(x) >> 31))

/* a * b mod 2^32, Horner over b's bits from the top: r = 2r + (bit ? a : 0). */
uint32_t __mulsi3(uint32_t a, uint32_t b) {
  uint32_t r = 0;
#pragma GCC unroll 32
  for (int i = 0; i < 32; i++) {
    r = (r << 1) + (a & TOP_MASK(b));
    b <<= 1;
  }
  return r;
}

/* a * b mod 2^64 = alo*blo + 2^32 (ahi*blo + alo*bhi): one Horner pass over blo and bhi
 * together; the cross products only reach the high word. */
uint64_t __muldi3(uint64_t a, uint64_t b) {
  uint32_t alo = (uint32_t)a, ahi = (uint32_t)(a >> 32), blo = (uint32_t)b, bhi = (uint32_t)(b >> 32);
  uint32_t lo = 0, hi = 0;
#pragma GCC unroll 32
  for (int i = 0; i < 32; i++) {
    uint32_t mlo = TOP_MASK(blo), add = alo & mlo;
    hi = ((hi << 1) | (lo >> 31)) + (ahi & mlo) + (alo & TOP_MASK(bhi));
    lo = (lo << 1) + add;
    hi += lo < add; /* the carry out of the low word, as a value (SLTU) */
    blo <<= 1;
    bhi <<= 1;
  }
  return (uint64_t)hi << 32 | lo;
}
