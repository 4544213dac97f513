/* The C side of the board contract (docs/board-contract.md): the functions the agent
 * WebAssembly module imports from module "board". wasm2c names them Z_boardZ_<name>; this
 * header documents them once, and agent/core/board.c implements them on top of a port. */
#ifndef CAPMARK_AGENT_BOARD_H
#define CAPMARK_AGENT_BOARD_H
#include <stdint.h>

/* Measurement markers: the counting QEMU plugin (agent/qemu-plugin/) counts the guest
 * instructions executed from capmark_mark_begin to capmark_mark_end. Never inlined, so that
 * their addresses (read from the ELF) mark the region exactly. */
void capmark_mark_begin(void) __attribute__((noinline));
void capmark_mark_end(void) __attribute__((noinline));

/* Stack painting (agent/core/stack.c): paint the free stack below the caller, then report
 * the deepest byte written since. */
void stack_paint(void);
uint32_t stack_used_bytes(void);

/* Start-up (agent/core/startup.c): prints "capmark-fault: <what>" on the host link and halts;
 * the architecture's fault and trap handlers (agent/arch/) end here. */
void capmark_fault(const char *what) __attribute__((noreturn));

/* Native C SHA-256 (agent/probe/), the WebAssembly overhead probe. */
void native_sha256(const uint8_t *in, uint32_t len, uint8_t out[32]);

#endif
