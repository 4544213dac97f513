/* RISC-V trap report: "capmark-fault: trap mcause=0x.. mepc=0x.. mtval=0x.." (RISC-V
 * privileged spec 3.1.15/3.1.16: mcause 2 = illegal instruction, 4/6 = misaligned load/store,
 * 5/7 = access fault). wasm2c's own traps never come here: they longjmp (agent/runtime/). */
#include <stdint.h>
#include "agent_board.h"

static char *hex(char *at, const char *label, uint32_t v) {
  while (*label) *at++ = *label++;
  for (int shift = 28; shift >= 0; shift -= 4) *at++ = "0123456789abcdef"[(v >> shift) & 0xf];
  return at;
}

void capmark_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  char line[64];
  char *at = hex(line, "trap mcause=0x", mcause);
  at = hex(at, " mepc=0x", mepc);
  at = hex(at, " mtval=0x", mtval);
  *at = 0;
  capmark_fault(line);
}
