/* The agent firmware's main loop: start the agent and feed it every byte received on the host
 * link (agent/core/agent.c recovers from traps). Your own firmware does the same through
 * agent/contract/capmark.h (docs/embedding.md). */
#include "capmark.h"
#include "port.h"

int main(void) {
  port_init();
  if (capmark_agent_start() != 0) for (;;) {}
  /* "Ready": a bare frame delimiter, harmless to any deframer. A launcher waits for it before
   * talking: bytes sent while the firmware is still starting stall QEMU's pty input. */
  port_uart_putc(0);
  for (;;) {
    int byte = port_uart_getc();
    if (byte >= 0) capmark_agent_rx((uint8_t)byte);
  }
}
