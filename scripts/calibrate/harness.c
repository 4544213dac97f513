/* Calibration harness: runs one pqm4/PQClean KEM or signature implementation on the virtual
 * board, each operation between the counting plugin's markers, RUNS times, then exits
 * through semihosting with 0 when every result checked out. Built by scripts/calibrate.ts with
 * the implementation's api.h on the include path; replaces the suite's speed.c and HAL. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "api.h"

#define PASTER(x, y) x##y
#define EVALUATOR(x, y) PASTER(x, y)
#define NAMESPACE(fun) EVALUATOR(MUPQ_NAMESPACE, fun)

/* Distinct bodies, so gcc cannot fold the two markers into one address. */
volatile int capmark_marks;
void __attribute__((noinline)) capmark_mark_begin(void) { capmark_marks = 1; }
void __attribute__((noinline)) capmark_mark_end(void) { capmark_marks = 2; }
#define MEASURE(call) do { capmark_mark_begin(); call; capmark_mark_end(); } while (0)

#ifdef KEM
static uint8_t pk[NAMESPACE(CRYPTO_PUBLICKEYBYTES)], sk[NAMESPACE(CRYPTO_SECRETKEYBYTES)];
static uint8_t ct[NAMESPACE(CRYPTO_CIPHERTEXTBYTES)], ka[NAMESPACE(CRYPTO_BYTES)], kb[NAMESPACE(CRYPTO_BYTES)];
int main(void) {
  for (int i = 0; i < RUNS; i++) {
    MEASURE(NAMESPACE(crypto_kem_keypair)(pk, sk));
    MEASURE(NAMESPACE(crypto_kem_enc)(ct, ka, pk));
    MEASURE(NAMESPACE(crypto_kem_dec)(kb, ct, sk));
    if (memcmp(ka, kb, sizeof ka)) return 1;
  }
  return 0;
}
#else
#define MLEN 32
static uint8_t pk[NAMESPACE(CRYPTO_PUBLICKEYBYTES)], sk[NAMESPACE(CRYPTO_SECRETKEYBYTES)];
static uint8_t sm[MLEN + NAMESPACE(CRYPTO_BYTES)], m[MLEN], m2[MLEN + NAMESPACE(CRYPTO_BYTES)];
int main(void) {
  size_t smlen, mlen;
  for (int i = 0; i < RUNS; i++) {
    m[0] = (uint8_t)i;
    MEASURE(NAMESPACE(crypto_sign_keypair)(pk, sk));
    MEASURE(NAMESPACE(crypto_sign)(sm, &smlen, m, MLEN, sk));
    int bad;
    MEASURE(bad = NAMESPACE(crypto_sign_open)(m2, &mlen, sm, smlen, pk));
    if (bad || mlen != MLEN || memcmp(m, m2, MLEN)) return 1;
  }
  return 0;
}
#endif
