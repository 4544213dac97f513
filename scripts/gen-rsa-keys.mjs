// Writes profiler/kernels/fixtures/rsa-keys.json: one RSA key per measured size (e = 65537),
// generated once with node:crypto, so that every profile measures RSA on the same keys and two
// runs give the same instruction counts (issue 13). Kept: keys whose modulus and primes have
// their top bit set (the kernel's fixed-length CRT inputs need it). Run: node scripts/gen-rsa-keys.mjs
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const topBit = (s, bytes) => { const b = Buffer.from(s, 'base64url'); return b.length === bytes && b[0] >= 0x80; };
const keys = {};
for (const bits of [2048, 3072, 4096]) {
  for (;;) {
    const jwk = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 }).privateKey.export({ format: 'jwk' });
    if (topBit(jwk.n, bits / 8) && topBit(jwk.p, bits / 16) && topBit(jwk.q, bits / 16)) { keys[bits] = jwk; break; }
  }
}
const source = `Generated once with node:crypto generateKeyPairSync('rsa', { modulusLength, publicExponent: 65537 }) `
  + `(${process.version}, scripts/gen-rsa-keys.mjs), keeping keys whose modulus and primes have their top bit set. Test keys: never use them to protect anything.`;
writeFileSync(new URL('../profiler/kernels/fixtures/rsa-keys.json', import.meta.url), JSON.stringify({ source, keys }, null, 1) + '\n');
