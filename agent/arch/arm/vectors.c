/* Cortex-M entry: the vector table (initial stack, reset, faults). Faults print one line on
 * the host link and halt (agent/core/startup.c). */
#include "agent_board.h"

extern uint32_t __stack_top;
void reset_handler(void);

static void hard_fault(void) { capmark_fault("hard fault"); }
static void other_fault(void) { capmark_fault("fault"); }

__attribute__((section(".vectors"), used))
const void *const vectors[16] = {
  &__stack_top, reset_handler, other_fault /* NMI */, hard_fault, other_fault /* MemManage */,
  other_fault /* BusFault */, other_fault /* UsageFault */, other_fault /* SecureFault */,
  0, 0, 0, other_fault /* SVC */, 0, 0, other_fault /* PendSV */, other_fault /* SysTick */,
};
