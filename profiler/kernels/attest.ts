// DICE attestation kernel (wasm/kernels/attest.ts): the cost of producing identity and
// evidence, one entry per key type. Outputs depend on the board's UDS and image, so they are
// checked structurally: the signature chain verifies (node:crypto, @noble/post-quantum), the
// UEID is derived from the DeviceID key and the evidence carries the case's nonce.
// Strength: the key's, capped at 128 by the DICE chain's SHA-256 / HMAC-SHA-256 digests.
import { createHash } from 'node:crypto';
import type { KernelSpec } from './types.ts';
import { SIGNING_CT } from './mldsa.ts';
import { concat } from './rng.ts';
import { encode } from '../attest/cbor.ts';
import { ALG_ML_DSA_65, parseSign1, verifySign1 } from '../attest/cose.ts';
import { HDR_KCWT, HDR_KID, KEY_TYPES, parseAliasCert, parseClaims, parseDeviceIdentity, type KeyTypeName } from '../attest/eat.ts';

const NONCE_BYTES = 32;
const ML_DSA_65_SIG_BYTES = 3309;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const safely = (f: () => boolean) => { try { return f(); } catch { return false; } };

/** device-id output: the Alias CWT verifies under the DeviceID key, UEID = 0x01 || SHA-256(COSE_Key). */
export const checkIdentity = (out: Uint8Array) => safely(() => {
  const id = parseDeviceIdentity(out), cert = parseAliasCert(id.aliasCert);
  const ueid = concat(Uint8Array.of(1), createHash('sha256').update(encode(id.deviceId.coseKey)).digest());
  return verifySign1(cert.sign1, id.deviceId) && hex(id.ueid) === hex(ueid) && hex(cert.ueid) === hex(ueid);
});

/** evidence output: carries the nonce and verifies under the Alias key of its kcwt header.
 *  ML-DSA-65 evidence names its CWT by kid (not in this output), so only its form is checked:
 *  alg -49, a 32-byte kid and a signature of 3309 bytes (tests/attest verify it in full). */
export const checkEvidence = (nonce: Uint8Array) => (out: Uint8Array) => safely(() => {
  const msg = parseSign1(out), claims = parseClaims(msg.payload);
  if (hex(claims.nonce) !== hex(nonce)) return false;
  const kid = msg.unprotectedHeader.get(HDR_KID);
  if (kid instanceof Uint8Array) {
    return msg.protectedHeader.get(1) === ALG_ML_DSA_65 && kid.length === 32 && msg.signature.length === ML_DSA_65_SIG_BYTES;
  }
  const cert = parseAliasCert(msg.unprotectedHeader.get(HDR_KCWT) ?? null);
  return hex(claims.ueid) === hex(cert.ueid) && verifySign1(msg, cert.aliasKey);
});

interface AttestKey {
  key: KeyTypeName; name: string; securityBits: number; quantumSecurityBits: number; keyBits?: number;
  /** Kernel heap of the largest call (the first after boot, or an ML-DSA-65 device-id, which
   *  re-signs its Alias CWT); measured with heap_used(), checked by tests/attest, rounded up. */
  heapBytes: number;
  /** Nonces to average evidence cost over: ML-DSA signing's rejection loop makes it vary
   *  per message (device-id cannot vary: one signature per board and image). */
  evidenceCases?: number;
}

const attestKernel = (k: AttestKey): KernelSpec => ({
  id: `attest-${k.key}`, device: `attest-${k.key}`, algorithm: `DICE + EAT/COSE_Sign1 (${k.name})`, kind: 'attestation',
  standard: 'TCG DICE, RFC 9711, RFC 9052', securityBits: k.securityBits, quantumSecurityBits: k.quantumSecurityBits, keyBits: k.keyBits,
  ops: [
    {
      op: 'device-id', paramName: 'none', params: [0], secret: true, heapBytes: k.heapBytes,
      makeCase: () => ({ input: Uint8Array.of(KEY_TYPES[k.key]), check: checkIdentity }),
      ct: { unchecked: 'its secret is the board\'s DICE UDS, built into the firmware and readable once per boot; what it runs on it (HMAC, HKDF, key generation, signing) is checked as those kernels' },
    },
    {
      op: 'evidence', paramName: 'none', params: [0], secret: true, heapBytes: k.heapBytes, cases: k.evidenceCases,
      makeCase: (_, rng) => {
        const nonce = rng.bytes(NONCE_BYTES);
        return { input: concat(Uint8Array.of(KEY_TYPES[k.key]), nonce), check: checkEvidence(nonce) };
      },
      // The key is the board's; each nonce changes what is signed and so the signature's
      // secret values (RFC 8032 r, RFC 6979 k, ML-DSA's y).
      ct: {
        secret: 'verifier nonce (changes each signature\'s secret nonce; the key is the board\'s)', bytes: NONCE_BYTES,
        make: (nonce) => ({ input: concat(Uint8Array.of(KEY_TYPES[k.key]), nonce), check: checkEvidence(nonce) }),
        ...(k.key === 'ml-dsa-65' ? SIGNING_CT : {}),
      },
    },
  ],
});

export const ATTEST_KEYS: AttestKey[] = [
  { key: 'ed25519', name: 'Ed25519', securityBits: 128, quantumSecurityBits: 0, keyBits: 255, heapBytes: 14336 },
  { key: 'p256', name: 'ECDSA P-256', securityBits: 128, quantumSecurityBits: 0, keyBits: 256, heapBytes: 28672 },
  // ML-DSA-65 is category 3; the chain's SHA-256 digests bound the whole to 128 (also vs Grover).
  { key: 'ml-dsa-65', name: 'ML-DSA-65', securityBits: 128, quantumSecurityBits: 128, heapBytes: 122880, evidenceCases: 16 },
];

export const attestKernels: KernelSpec[] = ATTEST_KEYS.map(attestKernel);
