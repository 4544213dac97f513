/* Test driver for the branch-free multiplies (agent/arch/<arch>/ct/), built natively with
 * one of them: reads "<a> <b>" per line (64-bit hex) and prints "<a*b mod 2^64> <lo(a)*lo(b)
 * mod 2^32>" in hex, "-" where the linked file has no __mulsi3. */
#include <inttypes.h>
#include <stdio.h>

uint64_t __muldi3(uint64_t a, uint64_t b);
uint32_t __mulsi3(uint32_t a, uint32_t b) __attribute__((weak));

int main(void) {
  uint64_t a, b;
  while (scanf("%" SCNx64 " %" SCNx64, &a, &b) == 2) {
    printf("%016" PRIx64, __muldi3(a, b));
    if (__mulsi3) printf(" %08" PRIx32 "\n", __mulsi3((uint32_t)a, (uint32_t)b));
    else printf(" -\n");
  }
  return 0;
}
