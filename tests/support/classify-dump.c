/* Test driver for agent/qemu-plugin/classify.c: decodes a raw instruction stream (one
 * straight-line block) and prints "<offset> <size> <class> <regs>" per instruction.
 * Usage: classify-dump thumb|rv32 <file.bin> */
#include <stdio.h>
#include <string.h>
#include "../../agent/qemu-plugin/classify.h"

int main(int argc, char **argv) {
  static uint8_t buf[1 << 16];
  if (argc != 3) { fprintf(stderr, "usage: classify-dump thumb|rv32 <file.bin>\n"); return 2; }
  FILE *f = fopen(argv[2], "rb");
  if (!f) { perror(argv[2]); return 2; }
  size_t len = fread(buf, 1, sizeof buf, f), at = 0;
  fclose(f);
  int thumb = strcmp(argv[1], "thumb") == 0;
  struct cm_thumb_state st = { 0, 0 };
  while (at < len) {
    struct cm_insn d;
    int n = thumb ? cm_decode_thumb(buf + at, len - at, &st, &d) : cm_decode_rv32(buf + at, len - at, &d);
    if (!n) break;
    printf("%zu %d %s %d\n", at, n, cm_counter_name(d.cls), d.regs);
    at += n;
  }
  return 0;
}
