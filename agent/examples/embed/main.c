/* A worked example of the agent in your own firmware (docs/embedding.md): at boot it hashes a
 * message and attests itself by calling the agent's kernels from C (capmark.h, and the ids in
 * the agent's generated capmark_kernels.h), prints the results on the UART as text lines, then
 * serves the host link so that `capmark profile --port` and `capmark attest --port` run
 * against this very image. Built for any board; tested on netduinoplus2 (STM32F405). */
#include <stdint.h>
#include "capmark.h"
#include "capmark_kernels.h"
#include "port.h"

static void put(const char *s) { while (*s) port_uart_putc((uint8_t)*s++); }

static void put_hex(const uint8_t *p, int32_t n) {
  static const char digits[] = "0123456789abcdef";
  for (int32_t i = 0; i < n; i++) { port_uart_putc((uint8_t)digits[p[i] >> 4]); port_uart_putc((uint8_t)digits[p[i] & 15]); }
}

static void put_result(const char *label, const uint8_t *out, int32_t n) {
  put(label);
  if (n < 0) put(" error");   /* a kernel status (wasm/kernels/status.ts) or CAPMARK_TRAPPED */
  else { put(" "); put_hex(out, n); }
  put("\n");
}

static uint8_t out[1024];

int main(void) {
  port_init();
  if (capmark_agent_start() != 0) for (;;) {}

  static const uint8_t abc[] = { 'a', 'b', 'c' };
  put_result("sha256(abc)", out, capmark_run(CAPMARK_KERNEL_SHA256, CAPMARK_OP_SHA256_HASH, abc, sizeof abc, out, sizeof out));

  /* DICE identity, then evidence for a nonce: here a fixed demo nonce; in a product the
   * verifier's challenge arrives over the product's own link. Input: key type 0 (Ed25519). */
  static const uint8_t identity_request[] = { 0 };
  put_result("device-id", out, capmark_run(CAPMARK_KERNEL_ATTEST_ED25519, CAPMARK_OP_ATTEST_ED25519_DEVICE_ID, identity_request, 1, out, sizeof out));
  uint8_t evidence_request[1 + 32] = { 0 };
  for (int i = 0; i < 32; i++) evidence_request[1 + i] = (uint8_t)i;
  put_result("evidence", out, capmark_run(CAPMARK_KERNEL_ATTEST_ED25519, CAPMARK_OP_ATTEST_ED25519_EVIDENCE, evidence_request, sizeof evidence_request, out, sizeof out));

  /* From here on the host link: the profiler's protocol, as in agent/core/main.c. */
  port_uart_putc(0);
  for (;;) {
    int byte = port_uart_getc();
    if (byte >= 0) capmark_agent_rx((uint8_t)byte);
  }
}
