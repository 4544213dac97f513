// The attestation verifier: issues single-use nonces bound to one device, enrols DeviceID keys,
// appraises evidence (signature chain DeviceID -> Alias CWT -> EAT, nonce freshness and device,
// DICE mode against the debug policy, reference values)
// and returns an attestation result in EAR form (draft-ietf-rats-ear: ear.status,
// ear.trustworthiness-vector with AR4SI values, ear.verifier-id, iat, eat_nonce).
import { createHash, randomBytes } from 'node:crypto';
import { CapmarkError, isCapmarkError } from '../errors.ts';
import { decode, encode, type CborValue } from './cbor.ts';
import { parseSign1, publicKeyFromCose, verifySign1 } from './cose.ts';
import { HDR_KCWT, HDR_KID, parseAliasCert, parseClaims, parseDeviceIdentity, type Claims, type Component, type DeviceIdentity } from './eat.ts';
import { VerifierStore } from './store.ts';

/** Golden values from the build (see reference.ts). Digests are lowercase hex SHA-256. */
export interface ReferenceValues { source: string; firmware_sha256: string; agent_sha256?: string; sbom_sha256?: string }

export interface VerifierOptions {
  store?: VerifierStore;
  /** Nonce bytes (RFC 9711 §4.1 allows 8..64; 32 by default). */
  nonceBytes?: number;
  /** How long a challenge stays answerable. */
  nonceLifetimeMs?: number;
  /** Accept an open debug port (virtual boards have no debug lock) as affirming. */
  allowDebug?: boolean;
  now?: () => number;
}

export type EarStatus = 'affirming' | 'warning' | 'contraindicated';
/** AR4SI trustworthiness claims used here (draft-ietf-rats-ar4si §2.3). */
export interface TrustVector { 'instance-identity': number; configuration: number; executables: number }

export interface AttestationResult {
  eat_profile: 'tag:github.com,2023:veraison/ear';
  iat: number;
  'ear.verifier-id': { developer: string; build: string };
  eat_nonce?: string;
  submods: Record<string, {
    'ear.status': EarStatus;
    'ear.trustworthiness-vector': TrustVector;
    'ear.appraisal-policy-id': string;
    'capmark.reasons': string[];
    'capmark.claims'?: Record<string, unknown>;
    'capmark.reference'?: ReferenceValues;
  }>;
}

export const SUBMOD = 'capmark-agent';
export const POLICY_ID = 'capmark/dice-eat/1';
const VERIFIER_BUILD = 'capmark-verifier/0.1.0';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** Alias CWTs kept for evidence that names their key by kid (ML-DSA-65), the oldest dropped first;
 *  in memory only: identities come again with every round (retained on MQTT). */
const MAX_ALIAS_CERTS = 1024;
const tier = (v: number): EarStatus => (v >= 96 ? 'contraindicated' : v >= 32 ? 'warning' : 'affirming');

export const statusOf = (r: AttestationResult): EarStatus => r.submods[SUBMOD]['ear.status'];

export class Verifier {
  readonly store: VerifierStore;
  private readonly nonceBytes: number;
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  private readonly aliasCerts = new Map<string, Uint8Array>();

  constructor(private o: VerifierOptions = {}) {
    this.store = o.store ?? new VerifierStore();
    this.nonceBytes = o.nonceBytes ?? 32;
    if (this.nonceBytes < 8 || this.nonceBytes > 64) throw new CapmarkError('USAGE', `nonceBytes must be 8..64 (RFC 9711 §4.1), got ${this.nonceBytes}`);
    this.lifetimeMs = o.nonceLifetimeMs ?? 60_000;
    this.now = o.now ?? Date.now;
  }

  /** A fresh nonce for one evidence request from the device `ueid` (hex, or its bytes); it is
   *  recorded (durably) as pending, and evidence from any other device is refused for it. */
  challenge(ueid: string | Uint8Array): Uint8Array {
    const nonce = new Uint8Array(randomBytes(this.nonceBytes));
    const t = this.now();
    this.store.addPending({ nonce: hex(nonce), issued_at_ms: t, expires_at_ms: t + this.lifetimeMs, device: typeof ueid === 'string' ? ueid.toLowerCase() : hex(ueid) });
    return nonce;
  }

  /** Records a device's DeviceID key under its UEID (trust on first use: the caller decides
   *  the channel is the factory's). A different key for an enrolled UEID is refused. */
  enrol(identity: Uint8Array | DeviceIdentity, label?: string): { ueid: string; newly: boolean } {
    const id = this.identify(identity);
    const ueid = hex(id.ueid), key = hex(encode(id.deviceId.coseKey));
    const known = this.store.device(ueid);
    if (known) {
      if (known.device_id_key !== key) throw new CapmarkError('ENROL_MISMATCH', `device ${ueid} is enrolled with another DeviceID key; re-provisioning needs the old entry removed from ${this.store.file ?? 'the verifier state'}`);
      return { ueid, newly: false };
    }
    this.store.enrol(ueid, { device_id_key: key, key_type: id.keyType, enrolled_at_ms: this.now(), label });
    return { ueid, newly: true };
  }

  /** Notes a device's identity without enrolling it: its Alias CWT, for evidence that names
   *  the Alias key by kid (ML-DSA-65). Verification still needs the DeviceID key enrolled. */
  identify(identity: Uint8Array | DeviceIdentity): DeviceIdentity {
    const id = identity instanceof Uint8Array ? parseDeviceIdentity(identity) : identity;
    const kid = hex(createHash('sha256').update(encode(parseAliasCert(id.aliasCert).aliasKey.coseKey)).digest());
    this.aliasCerts.delete(kid);
    this.aliasCerts.set(kid, id.aliasCert);
    if (this.aliasCerts.size > MAX_ALIAS_CERTS) this.aliasCerts.delete(this.aliasCerts.keys().next().value!);
    return id;
  }

  /** The Alias CWT of evidence: carried inline (kcwt), or the CWT of the Alias key named by
   *  kid = SHA-256(Alias COSE_Key). */
  private aliasCertOf(msg: ReturnType<typeof parseSign1>): Uint8Array | CborValue {
    const inline = msg.unprotectedHeader.get(HDR_KCWT);
    if (inline !== undefined) return inline;
    const kid = msg.unprotectedHeader.get(HDR_KID);
    if (!(kid instanceof Uint8Array)) throw new CapmarkError('EVIDENCE', 'malformed attestation message: evidence has neither a kcwt (13) nor a kid (4) header');
    const cert = this.aliasCerts.get(hex(kid));
    if (!cert) throw new CapmarkError('EVIDENCE', `evidence names Alias key ${hex(kid)}, not endorsed by any device identity seen; read the device's identity (device-id) first`);
    return cert;
  }

  /** Appraises one evidence message against the reference values; records and returns the result. */
  verify(evidence: Uint8Array, ref: ReferenceValues): AttestationResult {
    const reasons: string[] = [];
    const tv: TrustVector = { 'instance-identity': 0, configuration: 0, executables: 0 };
    let claims: Claims | undefined;
    let fresh = false;
    try {
      const msg = parseSign1(evidence);
      claims = parseClaims(msg.payload);
      fresh = this.checkNonce(claims.nonce, hex(claims.ueid), reasons);
      const cert = parseAliasCert(this.aliasCertOf(msg));
      tv['instance-identity'] = this.checkChain(msg, cert, claims, reasons);
      tv.executables = checkMeasurements(claims.components, cert.components, ref, reasons);
      tv.configuration = checkDebug(cert.debugEnabled, claims.debugEnabled, this.o.allowDebug ?? false, reasons);
    } catch (e) {
      if (!isCapmarkError(e)) throw e;
      reasons.push(e.message);
      tv['instance-identity'] = 99;
    }
    const worst = [...Object.values(tv).map(tier), fresh ? 'affirming' : 'contraindicated'];
    const status: EarStatus = worst.includes('contraindicated') ? 'contraindicated' : worst.includes('warning') ? 'warning' : 'affirming';
    const result: AttestationResult = {
      eat_profile: 'tag:github.com,2023:veraison/ear',
      iat: Math.floor(this.now() / 1000),
      'ear.verifier-id': { developer: 'capmark', build: VERIFIER_BUILD },
      eat_nonce: claims ? Buffer.from(claims.nonce).toString('base64url') : undefined,
      submods: { [SUBMOD]: {
        'ear.status': status, 'ear.trustworthiness-vector': tv, 'ear.appraisal-policy-id': POLICY_ID,
        'capmark.reasons': reasons, 'capmark.claims': claims && summary(claims), 'capmark.reference': ref,
      } },
    };
    if (claims && fresh) this.store.putResult(hex(claims.nonce), result);
    return result;
  }

  /** A result already produced for a nonce (hex), e.g. after a restart. */
  resultFor(nonce: Uint8Array): AttestationResult | undefined {
    return this.store.result(hex(nonce)) as AttestationResult | undefined;
  }

  /** Fresh: issued here, to this device (UEID hex), not used and not expired; consumed whatever the outcome. */
  private checkNonce(nonce: Uint8Array, ueid: string, reasons: string[]): boolean {
    const { entry, expired } = this.store.takePending(hex(nonce), this.now());
    if (!entry) { reasons.push('nonce not issued by this verifier or already used (replay)'); return false; }
    if (entry.device !== ueid) { reasons.push(`nonce was issued to device ${entry.device ?? '(none)'}, not to ${ueid}`); return false; }
    if (expired) { reasons.push(`nonce expired at ${new Date(entry.expires_at_ms).toISOString()}`); return false; }
    return true;
  }

  /** AR4SI instance-identity: 2 enrolled and every signature valid; 96 a signature fails;
   *  97 the device is not enrolled. */
  private checkChain(msg: ReturnType<typeof parseSign1>, cert: ReturnType<typeof parseAliasCert>, claims: Claims, reasons: string[]): number {
    const ueid = hex(cert.ueid);
    const enrolled = this.store.device(ueid);
    if (!enrolled) { reasons.push(`device ${ueid} is not enrolled`); return 97; }
    const deviceId = parseDeviceIdentityKey(enrolled.device_id_key);
    if (!verifySign1(cert.sign1, deviceId)) { reasons.push('Alias CWT not signed by the enrolled DeviceID key'); return 96; }
    if (hex(claims.ueid) !== ueid) { reasons.push('evidence ueid differs from the Alias CWT ueid'); return 96; }
    if (!verifySign1(msg, cert.aliasKey)) { reasons.push('evidence not signed by the endorsed Alias key'); return 96; }
    return 2;
  }
}

/** AR4SI configuration from the debug state: the DICE mode the Alias key was derived in (its
 *  CWT, signed by DeviceID) and the evidence's own dbgstat. 2 closed (or open and allowed);
 *  32 open against the policy, or a mode the CWT does not state; 96 the evidence claims debug
 *  disabled while its key was derived in debug mode: its claims contradict their endorsement. */
function checkDebug(modeDebug: boolean | undefined, claimedDebug: boolean, allowDebug: boolean, reasons: string[]): number {
  if (modeDebug && !claimedDebug) {
    reasons.push('evidence claims debug disabled, but its Alias key was derived in debug mode (dbgstat of the Alias CWT)');
    return 96;
  }
  if (modeDebug === undefined) reasons.push('the Alias CWT does not state the DICE mode (no dbgstat; firmware older than the mode binding): debug state unverified');
  const open = modeDebug !== false || claimedDebug;
  if (!open) return 2;
  if (modeDebug !== undefined) reasons.push(allowDebug ? 'debug port open (allowed by policy)' : 'debug port open');
  return allowDebug ? 2 : 32;
}

const parseDeviceIdentityKey = (coseHex: string) => publicKeyFromCose(decode(Buffer.from(coseHex, 'hex')));

/** AR4SI executables: 2 when the measured firmware matches the golden image and the Alias
 *  CWT was endorsed for that same measurement; 96 otherwise. */
function checkMeasurements(evidence: Component[], endorsed: Component[], ref: ReferenceValues, reasons: string[]): number {
  const fw = evidence.find((c) => c.name === 'firmware');
  const certFw = endorsed.find((c) => c.name === 'firmware');
  if (!fw || fw.alg !== 'sha-256') { reasons.push('no sha-256 firmware measurement in the evidence'); return 96; }
  if (!certFw || hex(certFw.digest) !== hex(fw.digest)) { reasons.push('Alias CWT endorses another firmware measurement'); return 96; }
  if (hex(fw.digest) !== ref.firmware_sha256.toLowerCase()) {
    reasons.push(`firmware measurement ${hex(fw.digest)} differs from the reference ${ref.firmware_sha256} (${ref.source})`);
    return 96;
  }
  return 2;
}

function summary(c: Claims): Record<string, unknown> {
  return {
    ueid: hex(c.ueid), bootcount: c.bootCount, dbgstat: c.debugEnabled ? 'enabled' : 'disabled', eat_profile: c.profile,
    swname: c.swName, swversion: c.swVersion, measurements: Object.fromEntries(c.components.map((x) => [x.name, `${x.alg}:${hex(x.digest)}`])),
  };
}
