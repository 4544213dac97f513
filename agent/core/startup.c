/* Start-up shared by every architecture: copy .data, zero .bss, then main(); and the fault
 * line the architecture's fault handlers print (agent/arch/<arch>/), so the profiler can report
 * a crashed board instead of waiting forever. */
#include <stdint.h>
#include <string.h>
#include "agent_board.h"
#include "port.h"

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);

/* A 0x00 first ends any half-sent frame, so the host's deframer sees the text on its own. */
void capmark_fault(const char *what) {
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
