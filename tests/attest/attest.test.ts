// Attestation end to end in Node's WebAssembly: the attest kernel behind the real protocol
// (inProcessLink + AgentClient), appraised by the host verifier. The DICE derivation and the
// evidence bytes are recomputed independently (node:crypto; @noble/curves p256 and
// @noble/post-quantum ml_dsa65 for the other key types) and compared exactly.
import { describe, it, expect } from 'vitest';
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessLink } from '../../profiler/transport/inprocess.ts';
import { AgentClient } from '../../profiler/protocol/client.ts';
import { attestOnce, runAttestOp, type AttestTarget } from '../../profiler/attest/session.ts';
import { Verifier, statusOf, SUBMOD, type AttestationResult } from '../../profiler/attest/verifier.ts';
import { VerifierStore } from '../../profiler/attest/store.ts';
import { referenceForImage } from '../../profiler/attest/reference.ts';
import { decode, encode, Tagged, type CborMap, type CborValue } from '../../profiler/attest/cbor.ts';
import { ALG_EDDSA, ALG_ES256, ALG_ML_DSA_65, parseSign1, signSign1 } from '../../profiler/attest/cose.ts';
import { HDR_KCWT, HDR_KID, KEY_TYPES, parseAliasCert, parseClaims, parseDeviceIdentity, type KeyTypeName } from '../../profiler/attest/eat.ts';
import { ed25519Public, ed25519Sign } from '../../profiler/kernels/curve25519.ts';
import { WASM_PATH } from '../support/agent.ts';
import { p256 } from '@noble/curves/nist.js';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { tempDir } from '../support/tmp.ts';

const tmp = tempDir('attest');

const IMAGE = new Uint8Array(readFileSync(WASM_PATH));
const UDS = new Uint8Array(32).map((_, i) => i * 7 + 1);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const sha256 = (...parts: Uint8Array[]) => { const h = createHash('sha256'); parts.forEach((p) => h.update(p)); return new Uint8Array(h.digest()); };
const hmac = (key: Uint8Array, msg: Uint8Array) => new Uint8Array(createHmac('sha256', key).update(msg).digest());

async function device(image = IMAGE, uds = UDS, debug = true): Promise<AttestTarget> {
  const client = new AgentClient(await inProcessLink(WASM_PATH, { image, uds, debug }));
  return { client, hello: await client.hello() };
}
const sub = (r: AttestationResult) => r.submods[SUBMOD];
const ref = referenceForImage(IMAGE, 'agent.wasm under test');

/** The DICE chain of wasm/kernels/attest.ts, recomputed on the host (DICE mode 2 debug, the
 *  Node board's default, or 1 normal). */
function hostDice(uds: Uint8Array, image: Uint8Array, mode = 2) {
  const cdi0 = hmac(uds, sha256(ascii('capmark-dice-l0/1')));
  const m = sha256(image);
  const cdi1 = hmac(cdi0, sha256(m, Uint8Array.of(mode)));
  // HKDF-Expand for 32 bytes is T(1) = HMAC(PRK, info || 0x01) (RFC 5869 §2.3).
  const seed = (cdi: Uint8Array, label: string) => hmac(cdi, new Uint8Array([...ascii(label), 0, 1]));
  return { m, devSeed: seed(cdi0, 'capmark DeviceID key'), aliasSeed: seed(cdi1, 'capmark Alias key') };
}
const coseKey = (x: Uint8Array) => new Map<number, CborValue>([[1, 1], [-1, 6], [-2, x]]);
const measurements = (m: Uint8Array) =>
  [[60, encode([new Map<number, CborValue>([[1, 'firmware'], [2, m], [6, 'sha-256']])])]];
function hostSign1(seed: Uint8Array, payload: Uint8Array, unprot: CborMap) {
  const prot = encode(new Map([[1, ALG_EDDSA]]));
  const sig = ed25519Sign(seed, encode(['Signature1', prot, new Uint8Array(0), payload]));
  return encode(new Tagged(18, [prot, unprot, payload, sig]));
}

describe('attestation (in-process agent)', () => {
  it('affirms a genuine device, and its identity and evidence match an independent DICE recomputation byte for byte', async () => {
    const t = await device(), v = new Verifier({ allowDebug: true });
    const { identity, evidence, result } = await attestOnce(t, { verifier: v, reference: ref });
    expect(statusOf(result), JSON.stringify(sub(result)['capmark.reasons'])).toBe('affirming');
    expect(sub(result)['ear.trustworthiness-vector']).toEqual({ 'instance-identity': 2, configuration: 2, executables: 2 });

    const d = hostDice(UDS, IMAGE);
    const devPub = ed25519Public(d.devSeed), aliasPub = ed25519Public(d.aliasSeed);
    const ueid = new Uint8Array([1, ...sha256(encode(coseKey(devPub)))]);
    expect(hex(encode(identity.deviceId.coseKey))).toBe(hex(encode(coseKey(devPub))));
    expect(hex(identity.ueid)).toBe(hex(ueid));
    const cert = hostSign1(d.devSeed, encode(new Map<number, CborValue>([[8, new Map([[1, coseKey(aliasPub)]])], [256, ueid], [263, 0], [273, measurements(d.m)]])), new Map());
    expect(hex(identity.aliasCert)).toBe(hex(cert));
    const { payload } = parseSign1(evidence);
    const claims = new Map<number, CborValue>([[10, parseClaims(payload).nonce], [256, ueid], [263, 0], [265, 'tag:capmark.dev,2026:eat-dice/1'],
      [267, 1], [270, 'capmark-agent'], [271, [t.hello.agentVersion]], [273, measurements(d.m)]]);
    expect(hex(payload)).toBe(hex(encode(claims)));
    expect(hex(evidence)).toBe(hex(hostSign1(d.aliasSeed, encode(claims), new Map([[HDR_KCWT, decode(cert)]]))));
    // No private seed (nor the UDS) ever appears in what the device sends.
    const outputs = hex(new Uint8Array([...(await runAttestOp(t, 'device-id', Uint8Array.of(0))), ...evidence]));
    for (const secret of [d.devSeed, d.aliasSeed, UDS]) expect(outputs.includes(hex(secret))).toBe(false);
  });

  it('contraindicates an image with one byte changed (measurement), though the DeviceID chain holds', async () => {
    const v = new Verifier({ allowDebug: true });
    await attestOnce(await device(), { verifier: v, reference: ref });
    const image = IMAGE.slice(); image[100] ^= 1;
    const { result } = await attestOnce(await device(image), { verifier: v, reference: ref, enrol: false });
    expect(statusOf(result)).toBe('contraindicated');
    expect(sub(result)['ear.trustworthiness-vector']).toMatchObject({ 'instance-identity': 2, executables: 96 });
    expect(sub(result)['capmark.reasons'].join()).toMatch(/firmware measurement .* differs from the reference/);
  });

  it('contraindicates replayed evidence', async () => {
    const v = new Verifier({ allowDebug: true });
    const { evidence, result } = await attestOnce(await device(), { verifier: v, reference: ref });
    expect(statusOf(result)).toBe('affirming');
    const again = v.verify(evidence, ref);
    expect(statusOf(again)).toBe('contraindicated');
    expect(sub(again)['capmark.reasons'].join()).toMatch(/already used \(replay\)/);
  });

  it('contraindicates evidence for a nonce other than the one issued', async () => {
    const t = await device(), v = new Verifier({ allowDebug: true });
    const { ueid } = v.enrol(await runAttestOp(t, 'device-id', Uint8Array.of(0)));
    const issued = v.challenge(ueid);
    const other = issued.map((b) => b ^ 0xff);
    const r = v.verify(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...other)), ref);
    expect(statusOf(r)).toBe('contraindicated');
    expect(sub(r)['capmark.reasons'].join()).toMatch(/nonce not issued/);
    // The issued nonce is still pending and answerable.
    expect(statusOf(v.verify(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...issued)), ref))).toBe('affirming');
  });

  it('contraindicates evidence re-signed by another key, and evidence from a device that is not enrolled', async () => {
    const t = await device(), v = new Verifier({ allowDebug: true });
    const { ueid } = v.enrol(await runAttestOp(t, 'device-id', Uint8Array.of(0)));
    const nonce = v.challenge(ueid);
    const genuine = parseSign1(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...nonce)));
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = signSign1(genuine.payload, privateKey, ALG_EDDSA, genuine.unprotectedHeader);
    const r = v.verify(forged, ref);
    expect(statusOf(r)).toBe('contraindicated');
    expect(sub(r)['ear.trustworthiness-vector']['instance-identity']).toBe(96);
    expect(sub(r)['capmark.reasons'].join()).toMatch(/not signed by the endorsed Alias key/);

    const stranger = await device(IMAGE, new Uint8Array(32).fill(0xa5));
    const n2 = v.challenge(parseDeviceIdentity(await runAttestOp(stranger, 'device-id', Uint8Array.of(0))).ueid);
    const r2 = v.verify(await runAttestOp(stranger, 'evidence', Uint8Array.of(0, ...n2)), ref);
    expect(statusOf(r2)).toBe('contraindicated');
    expect(sub(r2)['ear.trustworthiness-vector']['instance-identity']).toBe(97);
  });

  it('loses no pending challenge or result across a verifier restart (state file rewritten atomically)', async () => {
    const file = join(tmp, 'state.json');
    const t = await device();
    const first = new Verifier({ store: new VerifierStore(file), allowDebug: true });
    const { ueid } = first.enrol(await runAttestOp(t, 'device-id', Uint8Array.of(0)));
    const pendingNonce = first.challenge(ueid);
    const answered = await attestOnce(t, { verifier: first, reference: ref });
    // "Restart": a new verifier on the same file.
    const second = new Verifier({ store: new VerifierStore(file), allowDebug: true });
    expect(second.store.pendingCount()).toBe(1);
    const r = second.verify(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...pendingNonce)), ref);
    expect(statusOf(r)).toBe('affirming');
    const nonce = Buffer.from(answered.result.eat_nonce!, 'base64url');
    expect(second.resultFor(new Uint8Array(nonce))).toEqual(answered.result);
    expect(new VerifierStore(file).pendingCount()).toBe(0);
  });

  it('contraindicates evidence that answers an expired challenge', async () => {
    let now = 1_000_000;
    const t = await device(), v = new Verifier({ allowDebug: true, nonceLifetimeMs: 5000, now: () => now });
    const { ueid } = v.enrol(await runAttestOp(t, 'device-id', Uint8Array.of(0)));
    const nonce = v.challenge(ueid);
    now += 5001;
    const r = v.verify(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...nonce)), ref);
    expect(sub(r)['capmark.reasons'].join()).toMatch(/nonce expired/);
    expect(statusOf(r)).toBe('contraindicated');
  });

  it('warns about an open debug port unless the policy allows it', async () => {
    const { result } = await attestOnce(await device(), { verifier: new Verifier(), reference: ref });
    expect(statusOf(result)).toBe('warning');
    expect(sub(result)['ear.trustworthiness-vector'].configuration).toBe(32);
    // The same board with its debug port locked is affirmed under the same policy.
    const locked = await attestOnce(await device(IMAGE, UDS, false), { verifier: new Verifier(), reference: ref });
    expect(statusOf(locked.result), JSON.stringify(sub(locked.result)['capmark.reasons'])).toBe('affirming');
    expect(parseAliasCert(locked.identity.aliasCert).debugEnabled).toBe(false);
  });

  it('binds the DICE mode into the Alias CWT: evidence from a debug-mode Alias key claiming debug disabled is not affirmed', async () => {
    const t = await device();                                     // debug port open: DICE mode 2
    const v = new Verifier({ allowDebug: false });
    const { ueid } = v.enrol(await runAttestOp(t, 'device-id', Uint8Array.of(0)));
    const genuine = parseSign1(await runAttestOp(t, 'evidence', Uint8Array.of(0, ...v.challenge(ueid))));
    // Whoever holds the debug port can read the Alias key (recomputed here from the UDS) and
    // sign claims of their choice, keeping the device's genuine Alias CWT.
    const claims = decode(genuine.payload) as CborMap;
    claims.set(263, 1);                                           // dbgstat: disabled
    const lie = hostSign1(hostDice(UDS, IMAGE).aliasSeed, encode(claims), genuine.unprotectedHeader);
    expect(parseClaims(parseSign1(lie).payload).debugEnabled).toBe(false);
    const r = v.verify(lie, ref);
    expect(sub(r)['ear.trustworthiness-vector']['instance-identity']).toBe(2);   // the signatures do hold
    expect(statusOf(r)).not.toBe('affirming');
    expect(sub(r)['ear.trustworthiness-vector'].configuration).toBe(96);
    expect(sub(r)['capmark.reasons'].join()).toMatch(/claims debug disabled, but its Alias key was derived in debug mode/);
  });

  it('binds each nonce to the device it was issued to: a nonce for device A is refused in evidence from enrolled device B', async () => {
    const a = await device(), b = await device(IMAGE, new Uint8Array(32).fill(0x3c));
    const v = new Verifier({ allowDebug: true });
    const ueidA = v.enrol(await runAttestOp(a, 'device-id', Uint8Array.of(0))).ueid;
    const ueidB = v.enrol(await runAttestOp(b, 'device-id', Uint8Array.of(0))).ueid;
    const forA = v.challenge(ueidA);
    const r = v.verify(await runAttestOp(b, 'evidence', Uint8Array.of(0, ...forA)), ref);
    expect(statusOf(r)).toBe('contraindicated');
    expect(sub(r)['capmark.reasons'].join()).toMatch(new RegExp(`nonce was issued to device ${ueidA}, not to ${ueidB}`));
    expect(statusOf(v.verify(await runAttestOp(b, 'evidence', Uint8Array.of(0, ...v.challenge(ueidB))), ref))).toBe('affirming');
  });

  it('rejects malformed evidence and bad kernel inputs', async () => {
    const t = await device(), v = new Verifier({ allowDebug: true });
    expect(statusOf(v.verify(Uint8Array.of(0xd2, 0x84), ref))).toBe('contraindicated');
    const { evidence } = await attestOnce(t, { verifier: v, reference: ref });
    const tampered = evidence.slice(); tampered[tampered.length - 70] ^= 1;
    expect(statusOf(v.verify(tampered, ref))).toBe('contraindicated');
    for (const input of [Uint8Array.of(), Uint8Array.of(3), Uint8Array.of(0, 1, 2, 3), new Uint8Array(66)]) {
      const op = input.length <= 1 ? 'device-id' : 'evidence';
      await expect(runAttestOp(t, op, input)).rejects.toThrow(/status -1/);
    }
    expect(parseDeviceIdentity(await runAttestOp(t, 'device-id', Uint8Array.of(0))).keyType).toBe(0);
  });
});


/** Key derivations of wasm/kernels/attest.ts for P-256 and ML-DSA-65, recomputed on the host. */
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const hkdf32 = (cdi: Uint8Array, info: Uint8Array) => hmac(cdi, new Uint8Array([...info, 1]));
interface HostKey { coseKey: Map<number, CborValue>; alg: number; sign(tbs: Uint8Array): Uint8Array; secret: Uint8Array }
function hostKey(key: Exclude<KeyTypeName, 'ed25519'>, cdi: Uint8Array, label: string): HostKey {
  const kt = KEY_TYPES[key];
  if (key === 'p256') {
    for (let i = 0; ; i++) {
      const d = hkdf32(cdi, new Uint8Array([...ascii(label), kt, i]));
      const v = BigInt(`0x${hex(d)}`);
      if (v === 0n || v >= P256_N) continue;                      // FIPS 186-5 A.2.2 rejection
      const q = p256.getPublicKey(d, false);
      return {
        coseKey: new Map<number, CborValue>([[1, 2], [-1, 1], [-2, q.slice(1, 33)], [-3, q.slice(33)]]), alg: ALG_ES256, secret: d,
        sign: (tbs) => p256.sign(tbs, d, { lowS: false }),       // SHA-256, RFC 6979 nonce, r || s
      };
    }
  }
  const xi = hkdf32(cdi, new Uint8Array([...ascii(label), kt]));
  const { publicKey, secretKey } = ml_dsa65.keygen(xi);
  return {
    coseKey: new Map<number, CborValue>([[1, 7], [3, ALG_ML_DSA_65], [-1, publicKey]]), alg: ALG_ML_DSA_65, secret: xi,
    sign: (tbs) => ml_dsa65.sign(tbs, secretKey, { extraEntropy: false }), // pure, empty context, rnd = 0
  };
}
function hostSign1With(k: HostKey, payload: Uint8Array, unprot: CborMap) {
  const prot = encode(new Map([[1, k.alg]]));
  return encode(new Tagged(18, [prot, unprot, payload, k.sign(encode(['Signature1', prot, new Uint8Array(0), payload]))]));
}

describe.each(['p256', 'ml-dsa-65'] as const)('attestation with %s keys (in-process agent)', (key) => {
  const kt = KEY_TYPES[key];

  it('affirms, and identity and evidence equal an independent recomputation from the same UDS and image', async () => {
    const t = await device(), v = new Verifier({ allowDebug: true });
    const { identity, evidence, result } = await attestOnce(t, { verifier: v, reference: ref, keyType: key });
    expect(statusOf(result), JSON.stringify(sub(result)['capmark.reasons'])).toBe('affirming');
    expect(sub(result)['ear.trustworthiness-vector']).toEqual({ 'instance-identity': 2, configuration: 2, executables: 2 });

    const d = hostDice(UDS, IMAGE);
    const cdi0 = hmac(UDS, sha256(ascii('capmark-dice-l0/1')));
    const cdi1 = hmac(cdi0, sha256(d.m, Uint8Array.of(2)));
    const dev = hostKey(key, cdi0, 'capmark DeviceID key'), alias = hostKey(key, cdi1, 'capmark Alias key');
    expect(identity.keyType).toBe(kt);
    expect(hex(encode(identity.deviceId.coseKey))).toBe(hex(encode(dev.coseKey)));
    const ueid = new Uint8Array([1, ...sha256(encode(dev.coseKey))]);
    expect(hex(identity.ueid)).toBe(hex(ueid));
    // Deterministic signatures (RFC 6979; ML-DSA with rnd = 0): the whole messages are unique.
    const cert = hostSign1With(dev, encode(new Map<number, CborValue>([[8, new Map([[1, alias.coseKey]])], [256, ueid], [263, 0], [273, measurements(d.m)]])), new Map());
    expect(hex(identity.aliasCert)).toBe(hex(cert));
    const claims = new Map<number, CborValue>([[10, parseClaims(parseSign1(evidence).payload).nonce], [256, ueid], [263, 0],
      [265, 'tag:capmark.dev,2026:eat-dice/1'], [267, 1], [270, 'capmark-agent'], [271, [t.hello.agentVersion]], [273, measurements(d.m)]]);
    const unprot = key === 'ml-dsa-65'
      ? new Map<number, CborValue>([[HDR_KID, sha256(encode(alias.coseKey))]])
      : new Map<number, CborValue>([[HDR_KCWT, decode(cert)]]);
    expect(hex(evidence)).toBe(hex(hostSign1With(alias, encode(claims), unprot)));
    // The device-id output is the same on every call (ML-DSA-65 rebuilds it), and holds no secret.
    const again = await runAttestOp(t, 'device-id', Uint8Array.of(kt));
    expect(hex(again)).toBe(hex(encode([kt, dev.coseKey, ueid, decode(cert)])));
    const outputs = hex(new Uint8Array([...again, ...evidence]));
    for (const secret of [dev.secret, alias.secret, UDS]) expect(outputs.includes(hex(secret))).toBe(false);
  });

  it('contraindicates tampered evidence and evidence signed by another key', async () => {
    const t = await device(), v = new Verifier({ allowDebug: true });
    const { ueid } = v.enrol(await runAttestOp(t, 'device-id', Uint8Array.of(kt)));
    const evidence = await runAttestOp(t, 'evidence', Uint8Array.of(kt, ...v.challenge(ueid)));
    const tampered = evidence.slice(); tampered[tampered.length - 20] ^= 1;       // in the signature
    const r = v.verify(tampered, ref);
    expect(statusOf(r)).toBe('contraindicated');
    expect(sub(r)['ear.trustworthiness-vector']['instance-identity']).toBe(96);
    expect(sub(r)['capmark.reasons'].join()).toMatch(/not signed by the endorsed Alias key/);

    const genuine = parseSign1(await runAttestOp(t, 'evidence', Uint8Array.of(kt, ...v.challenge(ueid))));
    const other = hostKey(key, new Uint8Array(32).fill(9), 'capmark Alias key');
    const forged = hostSign1With(other, genuine.payload, genuine.unprotectedHeader);
    const r2 = v.verify(forged, ref);
    expect(statusOf(r2)).toBe('contraindicated');
    expect(sub(r2)['ear.trustworthiness-vector']['instance-identity']).toBe(96);
    expect(statusOf(v.verify(await runAttestOp(t, 'evidence', Uint8Array.of(kt, ...v.challenge(ueid))), ref))).toBe('affirming');
  });
});

describe('ML-DSA-65 evidence by kid', () => {
  it('is contraindicated by a verifier that has not seen the identity endorsing its Alias key', async () => {
    const t = await device(), enrolled = new Verifier({ allowDebug: true });
    const idBytes = await runAttestOp(t, 'device-id', Uint8Array.of(KEY_TYPES['ml-dsa-65']));
    const { ueid } = enrolled.enrol(idBytes);
    // Same enrolment in the durable store, but a fresh process that saw no identity yet.
    const fresh = new Verifier({ store: enrolled.store, allowDebug: true });
    const r = fresh.verify(await runAttestOp(t, 'evidence', Uint8Array.of(2, ...fresh.challenge(ueid))), ref);
    expect(statusOf(r)).toBe('contraindicated');
    expect(sub(r)['capmark.reasons'].join()).toMatch(/not endorsed by any device identity seen/);
    fresh.identify(idBytes);
    expect(statusOf(fresh.verify(await runAttestOp(t, 'evidence', Uint8Array.of(2, ...fresh.challenge(ueid))), ref))).toBe('affirming');
  });

  it('keeps the kernel heap within the registry figure for every key type', async () => {
    const { loadAgent } = await import('../support/agent.ts');
    const { ATTEST_KEYS } = await import('../../profiler/kernels/attest.ts');
    for (const k of ATTEST_KEYS) {
      const kt = KEY_TYPES[k.key];
      let peak = 0;                                     // over both orders after boot
      for (const first of ['device-id', 'evidence'] as const) {
        const agent = await loadAgent();
        for (const op of [first, 'device-id', 'evidence'] as const) {
          expect(agent.run('attest', op, op === 'device-id' ? Uint8Array.of(kt) : Uint8Array.of(kt, ...new Uint8Array(32))).status).toBeGreaterThan(0);
          peak = Math.max(peak, Number(agent.exports.heap_used()) - 16);   // heap_used's own block
        }
      }
      expect(peak, k.key).toBeLessThanOrEqual(k.heapBytes);
      expect(peak, k.key).toBeGreaterThan(k.heapBytes * 0.75);
    }
  });
});

describe('capmark attest --key', () => {
  it('selects each key type by name and names the choices when the name is unknown', async () => {
    const { parseKey } = await import('../../profiler/commands/attest.ts');
    for (const k of Object.keys(KEY_TYPES)) expect(parseKey(k)).toBe(k);
    expect(parseKey(undefined)).toBe('ed25519');
    expect(() => parseKey('rsa')).toThrow(/--key must be one of ed25519, p256, ml-dsa-65/);
  });
});
