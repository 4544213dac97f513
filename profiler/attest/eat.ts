// The device's attestation messages (layouts in wasm/kernels/attest.ts) as typed objects:
// the identity bundle of op device-id, the Alias CWT (RFC 8392) and the EAT claims (RFC 9711).
import { CapmarkError } from '../errors.ts';
import { decode, encode, type CborMap, type CborValue } from './cbor.ts';
import { parseSign1, publicKeyFromCose, type PublicKey, type Sign1 } from './cose.ts';

/** Claim keys (RFC 8392 §4, RFC 8747 §3.1, RFC 9711 §4) and header labels used here. */
export const CLAIM = {
  cnf: 8, nonce: 10, ueid: 256, dbgstat: 263, eatProfile: 265, bootcount: 267, swname: 270, swversion: 271, measurements: 273,
} as const;
export const CNF_COSE_KEY = 1;
/** kcwt header parameter (RFC 9528 §3.5.3.1): the Alias CWT travels with the evidence. */
export const HDR_KCWT = 13;
/** kid header parameter (RFC 9052 §3.1): ML-DSA-65 evidence names its Alias key by SHA-256 of
 *  its COSE_Key instead of carrying the CWT (CWT and signature exceed the 8 KiB output buffer). */
export const HDR_KID = 4;
/** CoAP content format application/cbor: the measurement list inside claim 273. */
export const CONTENT_CBOR = 60;
/** Key type byte of the attest kernel ops. */
export const KEY_TYPES = { ed25519: 0, p256: 1, 'ml-dsa-65': 2 } as const;
export type KeyTypeName = keyof typeof KEY_TYPES;

export interface Component { name: string; digest: Uint8Array; alg: string }
export interface DeviceIdentity { keyType: number; deviceId: PublicKey; ueid: Uint8Array; aliasCert: Uint8Array }
export interface AliasCert {
  sign1: Sign1; aliasKey: PublicKey; ueid: Uint8Array; components: Component[];
  /** The DICE mode the Alias key was derived in (claim 263); undefined from firmware that does not state it. */
  debugEnabled?: boolean;
}
export interface Claims {
  nonce: Uint8Array; ueid: Uint8Array; debugEnabled: boolean; profile: string; bootCount: number;
  swName: string; swVersion: string; components: Component[];
}

const bad = (what: string) => new CapmarkError('EVIDENCE', `malformed attestation message: ${what}`);

function field<T extends CborValue>(m: CborMap, key: number, check: (v: CborValue) => v is T, what: string): T {
  const v = m.get(key);
  if (!check(v)) throw bad(`${what} (key ${key}) missing or of the wrong type`);
  return v;
}
const isBytes = (v: CborValue): v is Uint8Array => v instanceof Uint8Array;
const isText = (v: CborValue): v is string => typeof v === 'string';
const isUint = (v: CborValue): v is number => typeof v === 'number' && v >= 0;
const isMap = (v: CborValue): v is CborMap => v instanceof Map;
const isArray = (v: CborValue): v is CborValue[] => Array.isArray(v);

/** measurements (273): [[60, bstr .cbor [{1: name, 2: digest, 6: alg}]]]. */
export function parseMeasurements(v: CborValue): Component[] {
  if (!isArray(v)) throw bad('measurements is not an array');
  const out: Component[] = [];
  for (const entry of v) {
    if (!isArray(entry) || entry.length !== 2 || entry[0] !== CONTENT_CBOR || !isBytes(entry[1])) {
      throw bad('measurement entry is not [60, bstr]');
    }
    const list = decode(entry[1]);
    if (!isArray(list)) throw bad('measurement list is not an array');
    for (const c of list) {
      if (!isMap(c)) throw bad('software component is not a map');
      out.push({ name: field(c, 1, isText, 'component name'), digest: field(c, 2, isBytes, 'component digest'), alg: field(c, 6, isText, 'digest algorithm') });
    }
  }
  return out;
}

/** The output of op device-id: [key_type, DeviceID COSE_Key, ueid, Alias CWT]. */
export function parseDeviceIdentity(bytes: Uint8Array): DeviceIdentity {
  const v = decode(bytes);
  if (!isArray(v) || v.length !== 4 || !isUint(v[0]) || !isBytes(v[2])) throw bad('identity is not [key_type, COSE_Key, ueid, CWT]');
  // The decoder accepts deterministic encodings only, so re-encoding gives back the exact bytes.
  return { keyType: v[0], deviceId: publicKeyFromCose(v[1]), ueid: v[2], aliasCert: encode(v[3]) };
}

/** The Alias CWT: COSE_Sign1 by DeviceID over {8: {1: COSE_Key}, 256: ueid, 263: dbgstat, 273: measurements}. */
export function parseAliasCert(v: Uint8Array | CborValue): AliasCert {
  const sign1 = parseSign1(v);
  const claims = decode(sign1.payload);
  if (!isMap(claims)) throw bad('Alias CWT claims are not a map');
  const cnf = field(claims, CLAIM.cnf, isMap, 'cnf');
  return {
    sign1, aliasKey: publicKeyFromCose(cnf.get(CNF_COSE_KEY)), ueid: field(claims, CLAIM.ueid, isBytes, 'ueid'),
    components: parseMeasurements(claims.get(CLAIM.measurements)),
    debugEnabled: claims.has(CLAIM.dbgstat) ? field(claims, CLAIM.dbgstat, isUint, 'Alias CWT dbgstat') === 0 : undefined,
  };
}

/** EAT claims of an evidence payload. */
export function parseClaims(payload: Uint8Array): Claims {
  const m = decode(payload);
  if (!isMap(m)) throw bad('claims are not a map');
  const swVersion = field(m, CLAIM.swversion, isArray, 'swversion');
  if (!isText(swVersion[0])) throw bad('swversion[0] is not text');
  return {
    nonce: field(m, CLAIM.nonce, isBytes, 'nonce'),
    ueid: field(m, CLAIM.ueid, isBytes, 'ueid'),
    debugEnabled: field(m, CLAIM.dbgstat, isUint, 'dbgstat') === 0,
    profile: field(m, CLAIM.eatProfile, isText, 'eat_profile'),
    bootCount: field(m, CLAIM.bootcount, isUint, 'bootcount'),
    swName: field(m, CLAIM.swname, isText, 'swname'),
    swVersion: swVersion[0],
    components: parseMeasurements(m.get(CLAIM.measurements)),
  };
}
