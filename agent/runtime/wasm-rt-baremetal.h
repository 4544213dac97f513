/* The bare-metal wasm2c runtime (agent/runtime/wasm-rt-baremetal.c): static linear memory,
 * a fixed pool for function types and tables, traps through setjmp/longjmp. */
#ifndef CAPMARK_WASM_RT_BAREMETAL_H
#define CAPMARK_WASM_RT_BAREMETAL_H
#include <setjmp.h>
#include "wasm-rt.h"

/* Bytes of linear memory this board backs: a power of two (see docs/agent.md "bounds"). */
#ifndef CAPMARK_MEM_BYTES
#error "CAPMARK_MEM_BYTES must be set by the board build"
#endif

/* The landing point of a trap. Use CAPMARK_TRY() in the frame that calls into the module:
 * it returns 0 first, and the trap code when a trap unwinds to it. */
extern jmp_buf capmark_trap_jmp;
#define CAPMARK_TRY() (wasm_rt_call_stack_depth = 0, setjmp(capmark_trap_jmp))

#endif
