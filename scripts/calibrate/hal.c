/* The calibration harness's minimal board support for QEMU's MPS2 boards (mps2-an385 Cortex-M3,
 * mps2-an386 Cortex-M4F): vector table, .data/.bss set-up, the FPU enabled where there is one
 * (-DFPU: the m4f implementations keep values in FP registers), deterministic randombytes, and
 * exit through Arm semihosting (SYS_EXIT). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);

static void semihost_exit(int code) {
  /* SYS_EXIT (0x18): ADP_Stopped_ApplicationExit (0x20026) makes QEMU exit with status 0,
   * ADP_Stopped_RunTimeErrorUnknown (0x20023) with 1. */
  register uint32_t op __asm__("r0") = 0x18, arg __asm__("r1") = code ? 0x20023 : 0x20026;
  __asm__ volatile("bkpt 0xab" : : "r"(op), "r"(arg) : "memory");
}

void reset_handler(void) {
  memcpy(&__data_start, &__data_load, (uintptr_t)&__data_end - (uintptr_t)&__data_start);
  memset(&__bss_start, 0, (uintptr_t)&__bss_end - (uintptr_t)&__bss_start);
#ifdef FPU
  *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20; /* CPACR: CP10, CP11 full access */
  __asm__ volatile("dsb\n isb");
#endif
  semihost_exit(main());
  for (;;) {}
}

static void fault(void) { for (;;) {} }

__attribute__((section(".vectors"), used))
const void *const vectors[16] = { &__stack_top, reset_handler, fault, fault, fault, fault, fault };

/* xorshift32 from a fixed seed: every run of the recipe draws the same bytes. Not random,
 * and need not be: only the instruction mix of the code under test matters here. */
static uint32_t state = 0x12345678;
int PQCLEAN_randombytes(uint8_t *out, size_t n) { /* randombytes.h's name for it */
  while (n--) { state ^= state << 13; state ^= state >> 17; state ^= state << 5; *out++ = (uint8_t)state; }
  return 0;
}
