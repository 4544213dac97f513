// Policy tables over a support window: the year boundaries of SP 800-57, IR 8547, BSI and CNSA 2.0.
import { describe, expect, it } from 'vitest';
import { algorithmFacts, evaluatePolicy, familyOf, supportWindow, type Component, type Use } from '../../profiler/policy/index.ts';
import { TEST_REGISTRY } from '../support/results-fixture.ts';

const k = (id: string) => TEST_REGISTRY.find((x) => x.id === id)!;
const one = (id: string, use: Use): Component[] => [{ facts: algorithmFacts(k(id)), use, role: 'single' }];
const hybrid = (c: string, q: string): Component[] => [
  { facts: algorithmFacts(k(c)), use: 'key-establishment', role: 'classical-half' },
  { facts: algorithmFacts(k(q)), use: 'key-establishment', role: 'pq-half' },
];
const ok = (cs: Component[], to: number, frameworks: any[], accept_deprecated = false, from = 2026) =>
  evaluatePolicy(cs, [from, to], { frameworks, accept_deprecated }).acceptable;

describe('support window', () => {
  it('covers first ship year to first + years - 1', () => {
    expect(supportWindow(2027, 15)).toEqual([2027, 2041]);
    expect(supportWindow(2030, 1)).toEqual([2030, 2030]);
  });
});

describe('families', () => {
  it('derive from registry ids', () => {
    expect(familyOf('ml-kem-768')).toBe('ml-kem');
    expect(familyOf('aes-128-gcm')).toBe('aes');
    expect(familyOf('sha256')).toBe('sha');
    expect(familyOf('lms-sha256-h10-w4')).toBe('lms');
    expect(familyOf('rsa-2048-pkcs1-verify')).toBe('rsa');
  });
});

describe('NIST SP 800-57: 112-bit strength', () => {
  const sp = ['nist-sp800-57'];
  it('is acceptable through 2030', () => expect(ok(one('rsa-2048-pkcs1-verify', 'firmware-signing'), 2030, sp)).toBe(true));
  it('is disallowed from 2031', () => {
    const r = evaluatePolicy(one('rsa-2048-pkcs1-verify', 'firmware-signing'), [2026, 2031], { frameworks: sp as any });
    expect(r.acceptable).toBe(false);
    expect(r.findings[0]).toMatchObject({ year: 2031, status: 'disallowed' });
    expect(r.findings[0].rule.source).toMatch(/800-57/);
  });
  it('does not touch 128-bit algorithms', () => expect(ok(one('ecdsa-p256', 'firmware-signing'), 2060, sp)).toBe(true));
});

describe('NIST IR 8547: RSA and ECC', () => {
  const ir = ['nist-ir8547'];
  it('keeps 128-bit ECC acceptable through 2035', () => expect(ok(one('ecdsa-p256', 'authentication'), 2035, ir)).toBe(true));
  it('disallows ECC from 2036', () => {
    const r = evaluatePolicy(one('ecdsa-p256', 'authentication'), [2027, 2041], { frameworks: ir as any });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ year: 2036, status: 'disallowed' });
  });
  it('deprecates 112-bit RSA from 2031 (2030 clean; deprecated accepted only on request)', () => {
    expect(ok(one('rsa-2048-pkcs1-verify', 'firmware-signing'), 2030, ir)).toBe(true);
    expect(ok(one('rsa-2048-pkcs1-verify', 'firmware-signing'), 2031, ir)).toBe(false);
    expect(ok(one('rsa-2048-pkcs1-verify', 'firmware-signing'), 2035, ir, true)).toBe(true);
    expect(ok(one('rsa-2048-pkcs1-verify', 'firmware-signing'), 2036, ir, true)).toBe(false);
  });
  it('leaves post-quantum and symmetric algorithms alone', () => {
    expect(ok(one('ml-dsa-44', 'firmware-signing'), 2060, ir)).toBe(true);
    expect(ok(one('aes-128-gcm', 'encryption'), 2060, ir)).toBe(true);
  });
  it('accepts a hybrid whose PQ half is acceptable, but not the classical scheme alone', () => {
    expect(ok(hybrid('x25519', 'ml-kem-768'), 2041, ir)).toBe(true);
    expect(ok(one('x25519', 'key-establishment'), 2041, ir)).toBe(false);
  });
});

describe('BSI TR-02102-1', () => {
  const bsi = ['bsi-tr-02102-1'];
  it('wants 120-bit strength from 2023', () => expect(ok(one('rsa-2048-pkcs1-verify', 'firmware-signing'), 2026, bsi)).toBe(false));
  it('recommends AES, not ChaCha20-Poly1305 or Ascon', () => {
    expect(ok(one('aes-128-gcm', 'encryption'), 2040, bsi)).toBe(true);
    expect(ok(one('chacha20-poly1305', 'encryption'), 2040, bsi)).toBe(false);
    expect(ok(one('ascon-aead128', 'encryption'), 2040, bsi)).toBe(false);
  });
  it('takes ML-KEM only in a hybrid and at category 3 or above', () => {
    expect(ok(one('ml-kem-768', 'key-establishment'), 2030, bsi)).toBe(false);
    expect(ok(hybrid('x25519', 'ml-kem-768'), 2030, bsi)).toBe(true);
    expect(ok(hybrid('x25519', 'ml-kem-512'), 2030, bsi)).toBe(false);
  });
});

describe('CNSA 2.0 firmware signing', () => {
  const cnsa = ['cnsa-2.0'];
  it('accepts ECDSA P-384 through 2029 and not in 2030', () => {
    expect(ok(one('ecdsa-p384', 'firmware-signing'), 2029, cnsa)).toBe(true);
    expect(ok(one('ecdsa-p384', 'firmware-signing'), 2030, cnsa)).toBe(false);
  });
  it('accepts LMS and ML-DSA-87, not ML-DSA-44 or P-256', () => {
    expect(ok(one('lms-sha256-h10-w4', 'firmware-signing'), 2045, cnsa)).toBe(true);
    expect(ok(one('ml-dsa-87', 'firmware-signing'), 2045, cnsa)).toBe(true);
    expect(ok(one('ml-dsa-44', 'firmware-signing'), 2026, cnsa)).toBe(false);
    expect(ok(one('ecdsa-p256', 'firmware-signing'), 2026, cnsa)).toBe(false);
  });
  it('wants AES-256 and SHA-384', () => {
    expect(ok(one('aes-256-gcm', 'encryption'), 2045, cnsa)).toBe(true);
    expect(ok(one('aes-128-gcm', 'encryption'), 2026, cnsa)).toBe(false);
    expect(ok(one('sha256', 'hashing'), 2026, cnsa)).toBe(false);
    expect(ok(one('sha384', 'hashing'), 2045, cnsa)).toBe(true);
  });
});
