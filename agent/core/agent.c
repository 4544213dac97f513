/* The agent as a C library (agent/contract/capmark.h): instantiate the wasm2c module, run its
 * kernels from C, feed it host-link bytes, and recover from a trap by instantiating it anew. */
#include <string.h>
#include "agent.h"
#include "capmark.h"
#include "wasm-rt-baremetal.h"

Z_agent_instance_t capmark_agent;

static void instantiate(void) {
  Z_agent_instantiate(&capmark_agent, NULL);
  Z_agentZ_agent_init(&capmark_agent);
}

int capmark_agent_start(void) {
  wasm_rt_init();
  Z_agent_init_module();
  int trap = CAPMARK_TRY();
  if (trap == 0) instantiate();
  return trap;
}

/* After a trap: read the pending request's sequence number, instantiate anew, report it. */
static void restart_after_trap(int code, int report) {
  volatile uint32_t seq = 0xffff;
  if (report && CAPMARK_TRY() == 0) seq = Z_agentZ_agent_seq(&capmark_agent);
  Z_agent_free(&capmark_agent);
  if (CAPMARK_TRY() != 0) for (;;) {} /* a trap while instantiating: nothing left to run */
  instantiate();
  if (report && CAPMARK_TRY() == 0) Z_agentZ_agent_report_trap(&capmark_agent, seq, (uint32_t)code);
}

void capmark_agent_rx(uint8_t byte) {
  int trap = CAPMARK_TRY();
  if (trap == 0) Z_agentZ_agent_rx(&capmark_agent, byte);
  else restart_after_trap(trap, 1);
}

int32_t capmark_run(uint32_t kernel, uint32_t op, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_cap) {
  volatile int32_t status = CAPMARK_TRAPPED;
  int trap = CAPMARK_TRY();
  if (trap != 0) { restart_after_trap(trap, 0); return CAPMARK_TRAPPED; }
  if (in_len > (uint32_t)Z_agentZ_io_input_cap(&capmark_agent)) return CAPMARK_TOO_LARGE;
  uint8_t *mem = capmark_agent.w2c_memory.data;
  memcpy(mem + Z_agentZ_io_input(&capmark_agent), in, in_len);
  status = (int32_t)Z_agentZ_kernel_run(&capmark_agent, kernel, op, in_len);
  if (status > 0) memcpy(out, mem + Z_agentZ_io_output(&capmark_agent), (uint32_t)status < out_cap ? (uint32_t)status : out_cap);
  return status;
}
