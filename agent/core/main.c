/* The agent firmware's main loop: instantiate the agent module, feed it every received
 * byte, and recover from a trap by instantiating it anew and reporting the trap. */
#include "agent.h"
#include "port.h"
#include "wasm-rt-baremetal.h"

Z_agent_instance_t capmark_agent;

static void instantiate(void) {
  Z_agent_instantiate(&capmark_agent, NULL);
  Z_agentZ_agent_init(&capmark_agent);
}

static void restart_after_trap(int code) {
  volatile uint32_t seq = 0xffff;
  if (CAPMARK_TRY() == 0) seq = Z_agentZ_agent_seq(&capmark_agent);
  Z_agent_free(&capmark_agent);
  if (CAPMARK_TRY() != 0) for (;;) {} /* a trap while instantiating: nothing left to run */
  instantiate();
  if (CAPMARK_TRY() == 0) Z_agentZ_agent_report_trap(&capmark_agent, seq, (uint32_t)code);
}

int main(void) {
  port_init();
  wasm_rt_init();
  Z_agent_init_module();
  if (CAPMARK_TRY() != 0) for (;;) {}
  instantiate();
  /* "Ready": a bare frame delimiter, harmless to any deframer. A launcher waits for it before
   * talking: bytes sent while the firmware is still starting stall QEMU's pty input. */
  port_uart_putc(0);
  for (;;) {
    int byte = port_uart_getc();
    if (byte < 0) continue;
    int trap = CAPMARK_TRY();
    if (trap == 0) Z_agentZ_agent_rx(&capmark_agent, (uint32_t)byte);
    else restart_after_trap(trap);
  }
}
