// The device-side kernel registry: the table announced in HELLO and the dispatch to each
// kernel's run(op, input, inLen, output, outCap). A kernel's id on the wire is its position
// in TABLE; its op id is the position of the op name in its list. To add a kernel: one
// AssemblyScript file exporting run(), one line in TABLE and one case in runKernel.
// The host-side registry (profiler/kernels/) says what to measure and how to check it.

import { STATUS_UNKNOWN_OP } from "./status";
import * as sha256 from "./sha256";
import * as probe from "./probe";
import * as sha512 from "./sha512";
import * as sha3 from "./sha3";
import * as hmac from "./hmac";
import * as hkdf from "./hkdf";
import * as chacha20 from "./chacha20";
import * as poly1305 from "./poly1305";
import * as chacha20poly1305 from "./chacha20poly1305";
import * as ascon from "./ascon";
import * as mldsa from "./mldsa";
import * as slhdsa from "./slhdsa";
import * as mlkem from "./mlkem";
import * as lms from "./lms";
import * as aes from "./aes";
import * as x25519 from "./x25519";
import * as ed25519 from "./ed25519";
import * as ecc from "./ecc";
import * as rsa from "./rsa";
import * as attest from "./attest";
import * as trng from "./trng";
import * as ctControl from "./ct-control";

/** "name:op,op;name:op" — position = kernel id. One literal, so it lives in static data
 *  (a concatenation would be built on the heap, which is reset before every kernel call). */
export const TABLE = "null:none,trap;sha256:hash,stream;sha256-native:hash;sha512:hash,stream;sha384:hash,stream;sha3-256:hash,stream;sha3-384:hash,stream;sha3-512:hash,stream;shake128:xof,stream;shake256:xof,stream;sha224:hash,stream;hmac-sha256:mac;hmac-sha384:mac;hmac-sha512:mac;hkdf-sha256:derive;hkdf-sha384:derive;chacha20:encrypt;poly1305:mac;chacha20-poly1305:encrypt,decrypt;ascon-aead128:encrypt,decrypt;ascon-hash256:hash;ml-dsa-44:keygen,sign,verify,sign-mu,sign-lowmem;ml-dsa-65:keygen,sign,verify,sign-mu,sign-lowmem;ml-dsa-87:keygen,sign,verify,sign-mu,sign-lowmem;slh-dsa-sha2-128s:verify;ml-kem-512:keygen,encaps,decaps;ml-kem-768:keygen,encaps,decaps;ml-kem-1024:keygen,encaps,decaps;lms:verify;aes-ctr:encrypt;aes-gcm:encrypt,decrypt;aes-ccm:encrypt,decrypt;x25519:keygen,shared;ed25519:keygen,sign,verify;ecdsa-p256:keygen,sign,verify;ecdsa-p384:keygen,sign,verify;ecdh-p256:keygen,shared;ecdh-p384:keygen,shared;rsa-pkcs1:verify,sign;rsa-pss:verify;attest:device-id,evidence;trng:health;ct-control:compare,lookup";

/** "null": op none is the measurement baseline (returns at once); op trap executes
 *  `unreachable`, the one deliberate trap, so every board's trap recovery can be tested. */
function runNull(op: i32): i32 {
  if (op == 0) return 0;
  if (op == 1) unreachable();
  return STATUS_UNKNOWN_OP;
}

export function runKernel(id: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  switch (id) {
    case 0: return runNull(op);
    case 1: return sha256.run(op, input, inLen, output, outCap);
    case 2: return probe.runNativeSha256(op, input, inLen, output, outCap);
    case 3: return sha512.runSha512(op, input, inLen, output, outCap);
    case 4: return sha512.runSha384(op, input, inLen, output, outCap);
    case 5: return sha3.runSha3_256(op, input, inLen, output, outCap);
    case 6: return sha3.runSha3_384(op, input, inLen, output, outCap);
    case 7: return sha3.runSha3_512(op, input, inLen, output, outCap);
    case 8: return sha3.runShake128(op, input, inLen, output, outCap);
    case 9: return sha3.runShake256(op, input, inLen, output, outCap);
    case 10: return sha256.runSha224(op, input, inLen, output, outCap);
    case 11: return hmac.runHmacSha256(op, input, inLen, output, outCap);
    case 12: return hmac.runHmacSha384(op, input, inLen, output, outCap);
    case 13: return hmac.runHmacSha512(op, input, inLen, output, outCap);
    case 14: return hkdf.runHkdfSha256(op, input, inLen, output, outCap);
    case 15: return hkdf.runHkdfSha384(op, input, inLen, output, outCap);
    case 16: return chacha20.run(op, input, inLen, output, outCap);
    case 17: return poly1305.run(op, input, inLen, output, outCap);
    case 18: return chacha20poly1305.run(op, input, inLen, output, outCap);
    case 19: return ascon.runAead(op, input, inLen, output, outCap);
    case 20: return ascon.runHash(op, input, inLen, output, outCap);
    case 21: return mldsa.run(44, op, input, inLen, output, outCap);
    case 22: return mldsa.run(65, op, input, inLen, output, outCap);
    case 23: return mldsa.run(87, op, input, inLen, output, outCap);
    case 24: return slhdsa.run(op, input, inLen, output, outCap);
    case 25: return mlkem.run(2, op, input, inLen, output, outCap);
    case 26: return mlkem.run(3, op, input, inLen, output, outCap);
    case 27: return mlkem.run(4, op, input, inLen, output, outCap);
    case 28: return lms.run(op, input, inLen, output, outCap);
    case 29: return aes.runCtr(op, input, inLen, output, outCap);
    case 30: return aes.runGcm(op, input, inLen, output, outCap);
    case 31: return aes.runCcm(op, input, inLen, output, outCap);
    case 32: return x25519.run(op, input, inLen, output, outCap);
    case 33: return ed25519.run(op, input, inLen, output, outCap);
    case 34: return ecc.runEcdsa(ecc.CURVE_P256, op, input, inLen, output, outCap);
    case 35: return ecc.runEcdsa(ecc.CURVE_P384, op, input, inLen, output, outCap);
    case 36: return ecc.runEcdh(ecc.CURVE_P256, op, input, inLen, output, outCap);
    case 37: return ecc.runEcdh(ecc.CURVE_P384, op, input, inLen, output, outCap);
    case 38: return rsa.runPkcs1(op, input, inLen, output, outCap);
    case 39: return rsa.runPss(op, input, inLen, output, outCap);
    case 40: return attest.run(op, input, inLen, output, outCap);
    case 41: return trng.run(op, input, inLen, output, outCap);
    case 42: return ctControl.run(op, input, inLen, output, outCap); // positive control of capmark ct
  }
  return STATUS_UNKNOWN_OP;
}
