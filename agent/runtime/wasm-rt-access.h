/* WebAssembly loads and stores on cores without unaligned word access (ARMv6-M, ARMv8-M
 * Baseline, strict-alignment RISC-V). wasm2c copies every access with memcpy (wasm-rt.h):
 * there gcc cannot use one word access, so it calls memcpy (ARMv6-M) or copies byte by byte
 * through the stack (RISC-V). The agent's accesses are nearly all naturally aligned: those
 * become one access, only the rest take the copy. Force-included (-include) for those cores. */
#ifndef CAPMARK_WASM_RT_ACCESS_H
#define CAPMARK_WASM_RT_ACCESS_H
#include <stdint.h>
#include <string.h>
#include "wasm-rt.h"

typedef uint32_t __attribute__((may_alias)) capmark_u32;
typedef uint16_t __attribute__((may_alias)) capmark_u16;

static inline void *capmark_access_copy(void *dst, const void *src, size_t n) {
  uintptr_t both = (uintptr_t)dst | (uintptr_t)src;
  if (n == 4 && (both & 3) == 0) {
    *(capmark_u32 *)dst = *(const capmark_u32 *)src;
  } else if (n == 8 && (both & 3) == 0) {
    ((capmark_u32 *)dst)[0] = ((const capmark_u32 *)src)[0];
    ((capmark_u32 *)dst)[1] = ((const capmark_u32 *)src)[1];
  } else if (n == 2 && (both & 1) == 0) {
    *(capmark_u16 *)dst = *(const capmark_u16 *)src;
  } else if (n == 1) {
    *(uint8_t *)dst = *(const uint8_t *)src;
  } else {
    __builtin_memcpy(dst, src, n);
  }
  return dst;
}

#undef wasm_rt_memcpy
#define wasm_rt_memcpy capmark_access_copy
#endif
