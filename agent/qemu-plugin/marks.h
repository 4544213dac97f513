/* The measurement marks, shared by capmark's QEMU plugins: the profiler passes the addresses
 * of capmark_mark_begin and capmark_mark_end (from the firmware ELF's symbols) as plugin
 * arguments begin=<hex>,end=<hex>; a plugin acts on the first instruction of each. */
#ifndef CAPMARK_MARKS_H
#define CAPMARK_MARKS_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct capmark_marks { uint64_t begin, end; };
#define CAPMARK_MARKS_UNSET { UINT64_MAX, UINT64_MAX }

/* Takes a begin=/end= argument into m; returns 0 when arg is not one of them. Thumb symbols
 * carry bit 0 set; instruction addresses do not. RISC-V (and any other target) addresses are at
 * least 2-byte aligned, so the mask leaves them unchanged. */
static inline int capmark_mark_arg(const char *arg, struct capmark_marks *m) {
  if (strncmp(arg, "begin=", 6) == 0) { m->begin = strtoull(arg + 6, NULL, 16) & ~1ull; return 1; }
  if (strncmp(arg, "end=", 4) == 0) { m->end = strtoull(arg + 4, NULL, 16) & ~1ull; return 1; }
  return 0;
}

static inline int capmark_marks_set(const struct capmark_marks *m) { return m->begin != UINT64_MAX && m->end != UINT64_MAX; }

#endif
