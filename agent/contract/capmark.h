/* The capmark agent in your own firmware (docs/embedding.md): start it, run its kernels from
 * C, and (optionally) feed it the bytes of a host link so that the same image can be profiled
 * and attested with `capmark profile --port` / `capmark attest --port`.
 *
 * Your firmware provides the board contract (agent/contract/port.h):
 *   byte transport   port_uart_putc / port_uart_getc (any byte link: UART, USB CDC, BLE)
 *   counter          port_counter, port_counter_mask, port_counter_name
 *   TRNG             port_random (optional: -1 = none, reported as a capability gap)
 *   key storage      port_device_secret: the 32-byte DICE UDS from OTP/PUF (optional)
 *   monotonic count  port_boot_count: boots since provisioning (optional)
 * Kernel and op ids of the agent you built are in its generated capmark_kernels.h. */
#ifndef CAPMARK_H
#define CAPMARK_H
#include <stdint.h>

/* Instantiates the agent module. Call once after port_init(); returns 0, or the trap code
 * when instantiation trapped (the linear memory cannot hold the module's data). */
int capmark_agent_start(void);

/* Runs one kernel op: copies in_len bytes into the agent's input buffer, runs it and copies
 * the output (at most out_cap bytes) to out. Returns the output length, a negative kernel
 * status (wasm/kernels/status.ts), or CAPMARK_TRAPPED when the kernel trapped (the agent is
 * then instantiated anew and stays usable). */
#define CAPMARK_TRAPPED (-1000)
#define CAPMARK_TOO_LARGE (-1001)   /* in_len beyond the agent's input buffer */
int32_t capmark_run(uint32_t kernel, uint32_t op, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_cap);

/* Hands one byte received on the host link to the agent's protocol (HELLO, LOAD, BENCH,
 * READ); a trap while handling it is recovered and reported to the host. */
void capmark_agent_rx(uint8_t byte);

/* Optional board functions, weak defaults in agent/core/board.c: the virtual boards' UDS is
 * a per-checkout random secret linked into the image (build/fw/<board>.uds), boot count 1. */
int port_device_secret(uint8_t out[32]);   /* 0, or -1 where there is none */
uint32_t port_boot_count(void);

#endif
