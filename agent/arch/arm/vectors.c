/* Cortex-M entry: the vector table (initial stack, reset, faults). Faults print one line on
 * the host link and halt (agent/core/startup.c). */
#include "agent_board.h"

extern uint32_t __stack_top;
void reset_handler(void);

/* A build that may use the FPU or MVE (Helium) registers (-mfloat-abi=softfp/hard) must grant
 * coprocessors 10 and 11 first: CPACR.CP10/CP11 = full access (Armv8-M ARM, B3.2.20). */
static void arm_reset(void) {
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
  __asm__ volatile("dsb\n isb" ::: "memory");
#endif
  reset_handler();
}

static void hard_fault(void) { capmark_fault("hard fault"); }
static void other_fault(void) { capmark_fault("fault"); }

__attribute__((section(".vectors"), used))
const void *const vectors[16] = {
  &__stack_top, arm_reset, other_fault /* NMI */, hard_fault, other_fault /* MemManage */,
  other_fault /* BusFault */, other_fault /* UsageFault */, other_fault /* SecureFault */,
  0, 0, 0, other_fault /* SVC */, 0, 0, other_fault /* PendSV */, other_fault /* SysTick */,
};
