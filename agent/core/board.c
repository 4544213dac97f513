/* The board contract's C side: the "board" imports of the agent module, implemented on a
 * port (UART, counter), stack painting, the native probe and retained memory. */
#include <string.h>
#include "agent.h"
#include "agent_board.h"
#include "capmark.h"
#include "port.h"
#include "wasm-rt-baremetal.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* The agent instance lives in main.c; the imports reach its memory through it. */
extern Z_agent_instance_t capmark_agent;
static uint8_t *mem(uint32_t addr) { return capmark_agent.w2c_memory.data + addr; }
static int in_memory(uint32_t addr, uint32_t len) {
  return addr <= capmark_agent.w2c_memory.size && len <= capmark_agent.w2c_memory.size - addr;
}

static uint32_t t0, elapsed;

void Z_boardZ_write(struct Z_board_instance_t *b, u32 ptr, u32 len) {
  (void)b;
  if (!in_memory(ptr, len)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  for (uint32_t i = 0; i < len; i++) port_uart_putc(*mem(ptr + i));
}

void Z_boardZ_bench_begin(struct Z_board_instance_t *b) {
  (void)b;
  stack_paint();
  t0 = port_counter();
  capmark_mark_begin();
}

u32 Z_boardZ_bench_end(struct Z_board_instance_t *b) {
  (void)b;
  capmark_mark_end();
  elapsed = (port_counter() - t0) & port_counter_mask;
  return elapsed;
}

u32 Z_boardZ_stack_used(struct Z_board_instance_t *b) { (void)b; return stack_used_bytes(); }

u32 Z_boardZ_board_info(struct Z_board_instance_t *b, u32 ptr, u32 cap) {
  (void)b;
  static const char prefix[] =
      "board=" CAPMARK_BOARD_ID ";runtime=wasm2c-" CAPMARK_WABT_VERSION " bounds=" CAPMARK_BOUNDS
      ";cc=" CAPMARK_CC ";counter_hz=" STR(CAPMARK_COUNTER_HZ) ";counter=";
  uint32_t n = 0;
  if (!in_memory(ptr, cap)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  for (const char *p = prefix; *p && n < cap; p++) *mem(ptr + n++) = (uint8_t)*p;
  for (const char *p = port_counter_name; *p && n < cap; p++) *mem(ptr + n++) = (uint8_t)*p;
  for (const char *p = port_random(0, 0) == 0 ? ";trng=1" : ";trng=0"; *p && n < cap; p++) *mem(ptr + n++) = (uint8_t)*p;
  return n;
}

/* A port without a TRNG keeps this default; the agent then reports the gap (trng=0). */
__attribute__((weak)) int port_random(uint8_t *out, uint32_t len) { (void)out; (void)len; return -1; }

u32 Z_boardZ_random(struct Z_board_instance_t *b, u32 ptr, u32 len) {
  (void)b;
  if (!in_memory(ptr, len)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  return (u32)port_random(mem(ptr), len);
}

u32 Z_boardZ_native_sha256(struct Z_board_instance_t *b, u32 in, u32 len, u32 out) {
  (void)b;
  if (!in_memory(in, len) || !in_memory(out, 32)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  native_sha256(mem(in), len, mem(out));
  return 0;
}

/* DICE unique device secret. Virtual boards get a per-build random secret linked in by the
 * build (build/fw/<id>.uds.c, never a compiler flag: flags end up in logs and results); a real
 * board reads OTP or a PUF. Readable once per boot: after the first read the latch closes. */
/* Your firmware overrides port_device_secret (capmark.h) with its key storage. */
extern const uint8_t capmark_uds[32];
__attribute__((weak)) int port_device_secret(uint8_t out[32]) { memcpy(out, capmark_uds, 32); return 0; }

static int uds_read;
u32 Z_boardZ_uds(struct Z_board_instance_t *b, u32 ptr, u32 len) {
  (void)b;
  if (uds_read || len != 32) return (u32)-1;
  if (!in_memory(ptr, len)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  uds_read = 1;
  return port_device_secret(mem(ptr)) == 0 ? 0 : (u32)-1;
}

/* The image as flashed: from the vector table to the end of .data's load image (linker
 * symbols); the build computes the same bytes' digest as the golden measurement. */
extern const uint8_t __image_start[], __image_end[];
u32 Z_boardZ_image_size(struct Z_board_instance_t *b) { (void)b; return (u32)(__image_end - __image_start); }

u32 Z_boardZ_image_read(struct Z_board_instance_t *b, u32 offset, u32 ptr, u32 len) {
  (void)b;
  u32 size = (u32)(__image_end - __image_start);
  if (offset >= size) return 0;
  if (len > size - offset) len = size - offset;
  if (!in_memory(ptr, len)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  memcpy(mem(ptr), __image_start + offset, len);
  return len;
}

/* A monotonic counter: your firmware overrides port_boot_count (capmark.h); virtual boards boot once. */
__attribute__((weak)) uint32_t port_boot_count(void) { return 1; }
u32 Z_boardZ_boot_count(struct Z_board_instance_t *b) { (void)b; return port_boot_count(); }

/* Virtual boards always have their debug port open (QEMU's gdbstub can attach). */
u32 Z_boardZ_debug_enabled(struct Z_board_instance_t *b) { (void)b; return CAPMARK_DEBUG_ENABLED; }

/* Retained memory (board contract retain_store/retain_load): a few small slots in the
 * firmware's own RAM, outside the module's linear memory, so they survive the module's
 * re-instantiation after a trap; cleared at boot with .bss. */
#define RETAIN_KEYS 4
#define RETAIN_BYTES 128
static struct { uint32_t len; uint8_t bytes[RETAIN_BYTES]; } retained[RETAIN_KEYS];

u32 Z_boardZ_retain_store(struct Z_board_instance_t *b, u32 key, u32 ptr, u32 len) {
  (void)b;
  if (key >= RETAIN_KEYS || len > RETAIN_BYTES) return (u32)-1;
  if (!in_memory(ptr, len)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  memcpy(retained[key].bytes, mem(ptr), len);
  retained[key].len = len + 1; /* 0 = nothing kept */
  return 0;
}

u32 Z_boardZ_retain_load(struct Z_board_instance_t *b, u32 key, u32 ptr, u32 len) {
  (void)b;
  if (key >= RETAIN_KEYS || retained[key].len == 0) return (u32)-1;
  u32 n = retained[key].len - 1;
  if (n > len) n = len;
  if (!in_memory(ptr, n)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  memcpy(mem(ptr), retained[key].bytes, n);
  return n;
}
