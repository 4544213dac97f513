// Policy tables over a support window: the year boundaries of SP 800-57, IR 8547, BSI and CNSA 2.0.
import { describe, expect, it } from 'vitest';
import {
  FRAMEWORKS, RULES, algorithmFacts, evaluatePolicy, familyOf, isMultiTree, statusIn, supportWindow,
  type Component, type Match, type Rule, type Use,
} from '../../profiler/policy/index.ts';
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

describe('every rule of every framework (boards/policy)', () => {
  // A component the rule's match selects, with the strength just under its threshold.
  const exemplar = (m: Match, securityBits?: number): Component => ({
    role: m.standalone === false ? 'pq-half' : 'single', use: m.uses?.[0] ?? 'authentication',
    facts: { id: 'exemplar', family: m.families?.[0] ?? 'exemplar', kind: 'signature', keyBits: m.key_bits_below ? m.key_bits_below - 1 : undefined,
      securityBits: securityBits ?? (m.security_bits_below ? m.security_bits_below - 1 : m.security_bits_at_least ?? 128),
      quantumSecurityBits: m.quantum_vulnerable ? 0 : 128, quantumVulnerable: m.quantum_vulnerable ?? false, multiTree: m.multi_tree ?? false },
  });
  const hits = (rule: Rule, year: number, c = exemplar(rule.match)) => statusIn(year, c, [rule.framework]).filter((f) => f.rule.id === rule.id);
  it.each(RULES.map((r) => [r.id, r]))('%s cites its clause', (_id, rule) => {
    expect(rule.source).toMatch(/§|Table|p\.\s?\d|FAQ/);
  });
  it.each(RULES.map((r) => [r.id, r]))('%s starts in its year and not the year before', (_id, rule) => {
    for (const [from, status] of [[rule.deprecated_from, 'deprecated'], [rule.disallowed_from, 'disallowed']] as const) {
      if (from === undefined) continue;
      expect(hits(rule, Math.max(from, 2026)).map((f) => f.status)).toContain(status);
      if (from > 0) expect(hits(rule, from - 1).map((f) => f.status)).not.toContain(status);
    }
  });
  it.each(RULES.filter((r) => r.match.security_bits_below).map((r) => [r.id, r]))('%s spares the threshold strength itself', (_id, rule) => {
    expect(hits(rule, 2050, exemplar(rule.match, rule.match.security_bits_below))).toEqual([]);
  });
});

describe('hash-based signatures (SP 800-208)', () => {
  it('match HSS to the LMS family and name multi-tree keys', () => {
    expect(familyOf('hss-sha256-l2-h10-w4')).toBe('lms');
    expect(isMultiTree('hss-sha256-l2-h10-w4')).toBe(true);
    expect(isMultiTree('hss-sha256-l1-h10-w4')).toBe(false);
    expect(isMultiTree('lms-sha256-h10-w4')).toBe(false);
    expect(familyOf('xmssmt-sha2-20-2-256')).toBe('xmss');
  });
  it('accept HSS for firmware signing under NIST for the whole window', () => {
    expect(ok(one('hss-sha256-l2-h10-w4', 'firmware-signing'), 2045, ['nist-sp800-57', 'nist-ir8547'])).toBe(true);
  });
  it('under CNSA 2.0 reject multi-tree HSS by the FAQ clause, not as a non-LMS algorithm', () => {
    const r = evaluatePolicy(one('hss-sha256-l2-h10-w4', 'firmware-signing'), [2027, 2041], { frameworks: ['cnsa-2.0'] });
    expect(r.findings.map((f) => f.rule.id)).toEqual(['cnsa.no-multi-tree']);
    expect(r.findings[0].rule.source).toMatch(/FAQ.*HSS/);
  });
  it('rate LMS SHA-256/192 at 192 bits, acceptable to NIST, BSI and CNSA 2.0 past 2035', () => {
    expect(k('lms-sha256-192-h10-w4').securityBits).toBe(192);
    expect(ok(one('lms-sha256-192-h10-w4', 'firmware-signing'), 2045, ['nist-sp800-57', 'nist-ir8547', 'bsi-tr-02102-1', 'cnsa-2.0'])).toBe(true);
  });
});

describe('hybrid key establishment by framework', () => {
  it('is judged by its quantum-resistant part where the framework says so (NIST)', () => {
    expect(FRAMEWORKS['nist-sp800-57'].hybrids.treatment).toBe('strongest-quantum-resistant-part');
    // A 112-bit classical half would fail SP 800-57 from 2031 on its own; in a hybrid it does not count.
    const weak = { ...algorithmFacts(k('x25519')), securityBits: 112 };
    const c: Component[] = [{ facts: weak, use: 'key-establishment', role: 'classical-half' }, hybrid('x25519', 'ml-kem-768')[1]];
    expect(ok(c, 2041, ['nist-sp800-57'])).toBe(true);
    expect(ok([{ facts: weak, use: 'key-establishment', role: 'single' }], 2041, ['nist-sp800-57'])).toBe(false);
  });
  it('keeps every part under the rules where the framework judges each part (CNSA 2.0)', () => {
    expect(FRAMEWORKS['cnsa-2.0'].hybrids.treatment).toBe('each-part');
    const r = evaluatePolicy(hybrid('x25519', 'ml-kem-1024'), [2027, 2030], { frameworks: ['cnsa-2.0'] });
    expect(r.findings.map((f) => `${f.algorithm} ${f.rule.id}`)).toEqual(['x25519 cnsa.classical-192']);
    expect(ok(hybrid('ecdh-p384', 'ml-kem-1024'), 2041, ['cnsa-2.0'])).toBe(true);
  });
});
