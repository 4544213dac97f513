/* Stack high-water measurement by painting: fill the free stack below the caller with a
 * pattern before a measured region, then find the deepest word that no longer holds it. */
#include <stdint.h>
#include "agent_board.h"

#define PAINT 0xc5c5c5c5u
extern uint32_t __stack_limit;
static uint32_t *painted_top;

void stack_paint(void) {
  uint32_t here;
  /* Everything below this frame is free. The kernel's frames start a few words higher (at
   * the caller of bench_begin), so the figure excludes those <= 32 bytes of marker frames. */
  painted_top = (uint32_t *)((uintptr_t)&here & ~(uintptr_t)3);
  for (uint32_t *p = &__stack_limit; p < painted_top; p++) *p = PAINT;
}

uint32_t stack_used_bytes(void) {
  uint32_t *p = &__stack_limit;
  while (p < painted_top && *p == PAINT) p++;
  return (uint32_t)((uintptr_t)painted_top - (uintptr_t)p);
}
