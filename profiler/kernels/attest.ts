// DICE attestation kernel (wasm/kernels/attest.ts): the cost of producing identity and
// evidence. Outputs depend on the board's UDS and image, so they are checked structurally:
// the signature chain verifies (node:crypto), the UEID is derived from the DeviceID key and
// the evidence carries the case's nonce. Strength: Ed25519 (RFC 8032), 128 bits, 0 quantum.
import { createHash } from 'node:crypto';
import type { KernelSpec } from './types.ts';
import { concat } from './rng.ts';
import { encode } from '../attest/cbor.ts';
import { parseSign1, verifySign1 } from '../attest/cose.ts';
import { HDR_KCWT, KEY_TYPES, parseAliasCert, parseClaims, parseDeviceIdentity } from '../attest/eat.ts';

/** Kernel heap of the first call after boot, which derives the keys (wasm/kernels/attest.ts
 *  header: 9.3 KiB measured), rounded up. */
const ATTEST_HEAP_BYTES = 10240;
const NONCE_BYTES = 32;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const safely = (f: () => boolean) => { try { return f(); } catch { return false; } };

/** device-id output: the Alias CWT verifies under the DeviceID key, UEID = 0x01 || SHA-256(COSE_Key). */
export const checkIdentity = (out: Uint8Array) => safely(() => {
  const id = parseDeviceIdentity(out), cert = parseAliasCert(id.aliasCert);
  const ueid = concat(Uint8Array.of(1), createHash('sha256').update(encode(id.deviceId.coseKey)).digest());
  return verifySign1(cert.sign1, id.deviceId) && hex(id.ueid) === hex(ueid) && hex(cert.ueid) === hex(ueid);
});

/** evidence output: carries the nonce and verifies under the Alias key of its kcwt header. */
export const checkEvidence = (nonce: Uint8Array) => (out: Uint8Array) => safely(() => {
  const msg = parseSign1(out), claims = parseClaims(msg.payload);
  const cert = parseAliasCert(msg.unprotectedHeader.get(HDR_KCWT) ?? null);
  return hex(claims.nonce) === hex(nonce) && hex(claims.ueid) === hex(cert.ueid) && verifySign1(msg, cert.aliasKey);
});

export const attestKernels: KernelSpec[] = [{
  id: 'attest-ed25519', device: 'attest', algorithm: 'DICE + EAT/COSE_Sign1 (Ed25519)', kind: 'attestation',
  standard: 'TCG DICE, RFC 9711, RFC 9052', securityBits: 128, quantumSecurityBits: 0, keyBits: 255,
  ops: [
    {
      op: 'device-id', paramName: 'none', params: [0], secret: true, heapBytes: ATTEST_HEAP_BYTES,
      makeCase: () => ({ input: Uint8Array.of(KEY_TYPES.ed25519), check: checkIdentity }),
    },
    {
      op: 'evidence', paramName: 'none', params: [0], secret: true, heapBytes: ATTEST_HEAP_BYTES,
      makeCase: (_, rng) => {
        const nonce = rng.bytes(NONCE_BYTES);
        return { input: concat(Uint8Array.of(KEY_TYPES.ed25519), nonce), check: checkEvidence(nonce) };
      },
    },
  ],
}];
