/* Cortex-M start-up shared by every port: the vector table, copying .data and zeroing
 * .bss, then main(). Faults print one line on the host link and halt, so the profiler can
 * report a crashed board instead of waiting forever. */
#include <stdint.h>
#include <string.h>
#include "port.h"

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);

/* A 0x00 first ends any half-sent frame, so the host's deframer sees the text on its own. */
static void fault_line(const char *what) {
  static const char prefix[] = "capmark-fault: ";
  port_uart_putc(0);
  for (const char *p = prefix; *p; p++) port_uart_putc((uint8_t)*p);
  while (*what) port_uart_putc((uint8_t)*what++);
  port_uart_putc('\n');
  for (;;) {}
}

void reset_handler(void) {
  memcpy(&__data_start, &__data_load, (uintptr_t)&__data_end - (uintptr_t)&__data_start);
  memset(&__bss_start, 0, (uintptr_t)&__bss_end - (uintptr_t)&__bss_start);
  main();
  for (;;) {}
}

static void hard_fault(void) { fault_line("hard fault"); }
static void other_fault(void) { fault_line("fault"); }

__attribute__((section(".vectors"), used))
const void *const vectors[16] = {
  &__stack_top, reset_handler, other_fault /* NMI */, hard_fault, other_fault /* MemManage */,
  other_fault /* BusFault */, other_fault /* UsageFault */, other_fault /* SecureFault */,
  0, 0, 0, other_fault /* SVC */, 0, 0, other_fault /* PendSV */, other_fault /* SysTick */,
};
