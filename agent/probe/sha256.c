/* Native C SHA-256 (FIPS 180-4), compiled into the firmware only as the overhead probe:
 * the same algorithm as wasm/kernels/sha256.ts without WebAssembly, so that the cost of
 * the wasm2c path can be measured on the same board. */
#include <stdint.h>
#include <string.h>
#include "agent_board.h"

static const uint32_t K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One word load and a byte swap (REV), as the WebAssembly kernel's load + bswap. */
static uint32_t be32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}

#define S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define s0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define s1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) ^ ((z) & ((x) ^ (y))))
/* One round with rotating roles (no moves), as in wasm/kernels/sha256.ts. */
#define R(a, b, c, d, e, f, g, h, i) \
  h += S1(e) + CH(e, f, g) + K[t + (i)] + w[i]; d += h; h += S0(a) + MAJ(a, b, c)

/* W[t] in w[t mod 16], updated in place (constant indices, so the words stay in registers). */
#define W(i) w[i] += s1(w[((i) + 14) & 15]) + w[((i) + 9) & 15] + s0(w[((i) + 1) & 15])

/* The same formulation as the WebAssembly kernel (16-word schedule updated in place, rounds
 * unrolled by 16), so that the ratio measures the WebAssembly path, not the algorithm. */
static void compress(uint32_t st[8], const uint8_t *block) {
  uint32_t w[16];
  for (int i = 0; i < 16; i++) w[i] = be32(block + 4 * i);
  uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
  for (int t = 0;; t += 16) {
    R(a, b, c, d, e, f, g, h, 0); R(h, a, b, c, d, e, f, g, 1); R(g, h, a, b, c, d, e, f, 2); R(f, g, h, a, b, c, d, e, 3);
    R(e, f, g, h, a, b, c, d, 4); R(d, e, f, g, h, a, b, c, 5); R(c, d, e, f, g, h, a, b, 6); R(b, c, d, e, f, g, h, a, 7);
    R(a, b, c, d, e, f, g, h, 8); R(h, a, b, c, d, e, f, g, 9); R(g, h, a, b, c, d, e, f, 10); R(f, g, h, a, b, c, d, e, 11);
    R(e, f, g, h, a, b, c, d, 12); R(d, e, f, g, h, a, b, c, 13); R(c, d, e, f, g, h, a, b, 14); R(b, c, d, e, f, g, h, a, 15);
    if (t == 48) break;
    W(0); W(1); W(2); W(3); W(4); W(5); W(6); W(7); W(8); W(9); W(10); W(11); W(12); W(13); W(14); W(15);
  }
  st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

void native_sha256(const uint8_t *in, uint32_t len, uint8_t out[32]) {
  uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
  uint8_t block[64];
  uint64_t bits = (uint64_t)len * 8;
  for (; len >= 64; len -= 64, in += 64) compress(h, in);
  memcpy(block, in, len);
  block[len++] = 0x80;
  if (len > 56) { memset(block + len, 0, 64 - len); compress(h, block); len = 0; }
  memset(block + len, 0, 56 - len);
  for (int i = 0; i < 8; i++) block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
  compress(h, block);
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(h[i] >> 24); out[4 * i + 1] = (uint8_t)(h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h[i] >> 8); out[4 * i + 3] = (uint8_t)h[i];
  }
}
