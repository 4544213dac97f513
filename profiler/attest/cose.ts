// COSE_Sign1 (RFC 9052 §4.2, §4.4) and COSE_Key (RFC 9053 §7, RFC 9964 AKP) on node:crypto
// (Ed25519, ES256) and @noble/post-quantum (ML-DSA-65): parse, verify, and sign (the host
// signs only in tests, to forge evidence under the wrong key).
import { createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { CapmarkError } from '../errors.ts';
import { decode, encode, Tagged, type CborMap, type CborValue } from './cbor.ts';

export const COSE_SIGN1_TAG = 18;
export const ALG_EDDSA = -8;
export const ALG_ES256 = -7;
/** RFC 9964 (was draft-ietf-cose-dilithium): ML-DSA-65; its keys are AKP (kty 7, public key -1). */
export const ALG_ML_DSA_65 = -49;
export const KTY_AKP = 7;
const ML_DSA_65_PK_BYTES = 1952;
const HDR_ALG = 1;

export interface Sign1 {
  protectedBytes: Uint8Array;
  protectedHeader: CborMap;
  unprotectedHeader: CborMap;
  payload: Uint8Array;
  signature: Uint8Array;
}

/** A verification key: node:crypto for Ed25519/ES256, raw bytes for ML-DSA-65 (noble). */
export interface PublicKey { alg: number; coseKey: CborMap; key?: KeyObject; raw?: Uint8Array }

const bad = (what: string) => new CapmarkError('COSE', `malformed COSE: ${what}`);

/** A COSE_Sign1, tagged (18) or not, from its bytes or decoded value. */
export function parseSign1(v: Uint8Array | CborValue): Sign1 {
  let x = v instanceof Uint8Array ? decode(v) : v;
  if (x instanceof Tagged) {
    if (x.tag !== COSE_SIGN1_TAG) throw bad(`tag ${x.tag}, expected ${COSE_SIGN1_TAG} (COSE_Sign1)`);
    x = x.value;
  }
  if (!Array.isArray(x) || x.length !== 4) throw bad('COSE_Sign1 is not a 4-element array');
  const [prot, unprot, payload, signature] = x;
  if (!(prot instanceof Uint8Array) || !(unprot instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    throw bad('COSE_Sign1 fields have the wrong types (bstr, map, bstr, bstr)');
  }
  const protectedHeader = prot.length ? decode(prot) : new Map();
  if (!(protectedHeader instanceof Map)) throw bad('protected header is not a map');
  return { protectedBytes: prot, protectedHeader, unprotectedHeader: unprot, payload, signature };
}

/** Sig_structure for COSE_Sign1 with empty external AAD (RFC 9052 §4.4). */
export const sigStructure = (protectedBytes: Uint8Array, payload: Uint8Array) =>
  encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** A COSE_Key map (OKP Ed25519, EC2 P-256 or AKP ML-DSA-65) as a verification key. */
export function publicKeyFromCose(v: CborValue): PublicKey {
  if (!(v instanceof Map)) throw bad('COSE_Key is not a map');
  const kty = v.get(1), crv = v.get(-1), x = v.get(-2), y = v.get(-3);
  if (kty === 1 && crv === 6 && x instanceof Uint8Array && x.length === 32) {
    return { alg: ALG_EDDSA, coseKey: v, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(x) }, format: 'jwk' }) };
  }
  if (kty === 2 && crv === 1 && x instanceof Uint8Array && y instanceof Uint8Array && x.length === 32 && y.length === 32) {
    return { alg: ALG_ES256, coseKey: v, key: createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(x), y: b64url(y) }, format: 'jwk' }) };
  }
  // AKP (RFC 9964): the key names its algorithm (label 3); label -1 is the public key.
  const akpPub = v.get(-1);
  if (kty === KTY_AKP && v.get(3) === ALG_ML_DSA_65 && akpPub instanceof Uint8Array && akpPub.length === ML_DSA_65_PK_BYTES) {
    return { alg: ALG_ML_DSA_65, coseKey: v, raw: akpPub };
  }
  throw bad(`unsupported COSE_Key (kty ${String(kty)}, alg ${String(v.get(3))}): Ed25519 (kty 1, crv 6), P-256 (kty 2, crv 1) and ML-DSA-65 (kty 7, alg -49) only`);
}

/** True iff msg carries the key's algorithm in its protected header and a valid signature. */
export function verifySign1(msg: Sign1, pub: PublicKey): boolean {
  if (msg.protectedHeader.get(HDR_ALG) !== pub.alg) return false;
  const data = sigStructure(msg.protectedBytes, msg.payload);
  try {
    // ML-DSA-65: pure ML-DSA with an empty context, i.e. Verify_internal over 0x00 || 0x00 || data.
    if (pub.alg === ALG_ML_DSA_65) return ml_dsa65.verify(msg.signature, data, pub.raw!);
    return pub.alg === ALG_EDDSA
      ? nodeVerify(null, data, pub.key!, msg.signature)
      : nodeVerify('sha256', data, { key: pub.key!, dsaEncoding: 'ieee-p1363' }, msg.signature);
  } catch { return false; }
}

/** Tagged COSE_Sign1 bytes of payload under a node:crypto private key. */
export function signSign1(payload: Uint8Array, privateKey: KeyObject, alg: number, unprotected: CborMap = new Map()): Uint8Array {
  const prot = encode(new Map([[HDR_ALG, alg]]));
  const data = sigStructure(prot, payload);
  const signature = alg === ALG_EDDSA ? nodeSign(null, data, privateKey)
    : nodeSign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return encode(new Tagged(COSE_SIGN1_TAG, [prot, unprotected, payload, new Uint8Array(signature)]));
}

/** The COSE_Key of a node:crypto Ed25519 public key. */
export function coseKeyOfEd25519(pub: KeyObject): CborMap {
  const x = Buffer.from(pub.export({ format: 'jwk' }).x as string, 'base64url');
  return new Map<number, CborValue>([[1, 1], [-1, 6], [-2, new Uint8Array(x)]]);
}
