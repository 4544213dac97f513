// The published tables a requirement profile can choose as its crypto policy, encoded as
// rules with their sources. A rule says from which year (inclusive) matching uses of an
// algorithm are deprecated or disallowed. "Disallowed after 2035" is encoded as from 2036.
import type { Use } from './algorithms.ts';

export type FrameworkId = 'nist-sp800-57' | 'nist-ir8547' | 'bsi-tr-02102-1' | 'cnsa-2.0';

export const FRAMEWORKS: Record<FrameworkId, { title: string; reference: string }> = {
  'nist-sp800-57': {
    title: 'NIST SP 800-57 Part 1 Rev. 5, Recommendation for Key Management (May 2020)',
    reference: 'https://doi.org/10.6028/NIST.SP.800-57pt1r5',
  },
  'nist-ir8547': {
    title: 'NIST IR 8547 (initial public draft), Transition to Post-Quantum Cryptography Standards (Nov 2024)',
    reference: 'https://doi.org/10.6028/NIST.IR.8547.ipd',
  },
  'bsi-tr-02102-1': {
    title: 'BSI TR-02102-1, Cryptographic Mechanisms: Recommendations and Key Lengths (version 2025-01)',
    reference: 'https://www.bsi.bund.de/EN/Themen/Unternehmen-und-Organisationen/Standards-und-Zertifizierung/Technische-Richtlinien/TR-nach-Thema-sortiert/tr02102/tr02102_node.html',
  },
  'cnsa-2.0': {
    title: 'NSA Commercial National Security Algorithm Suite 2.0 (CSA, Sep 2022; FAQ Dec 2024)',
    reference: 'https://media.defense.gov/2022/Sep/07/2003071834/-1/-1/0/CSA_CNSA_2.0_ALGORITHMS_.PDF',
  },
};

/** Which algorithms a rule applies to; every given field must match. */
export interface Match {
  uses?: Use[];
  families?: string[];
  quantumVulnerable?: boolean;
  securityBitsBelow?: number;
  securityBitsAtLeast?: number;
  keyBitsBelow?: number;
  /** Post-quantum algorithms used alone (not as the PQ half of a hybrid). */
  standalone?: boolean;
}

export interface Rule {
  framework: FrameworkId;
  id: string;
  match: Match;
  /** Algorithms matching any of these are exempt (e.g. the CNSA 2.0 firmware-signing list). */
  except?: Match[];
  deprecatedFrom?: number;
  disallowedFrom?: number;
  /** Where the rule comes from, to the table or section. */
  source: string;
  /** True where the encoding simplifies or the figure is not verbatim from the source. */
  approximate?: boolean;
}

const ALWAYS = 0;
const PK_USES: Use[] = ['firmware-signing', 'authentication', 'key-establishment'];

export const RULES: Rule[] = [
  // --- NIST SP 800-57 Part 1 Rev. 5 ---
  { framework: 'nist-sp800-57', id: 'sp800-57.below-112', match: { securityBitsBelow: 112 }, disallowedFrom: ALWAYS,
    source: 'SP 800-57 Pt 1 Rev 5 §5.6.3, Table 4: security strength < 112 disallowed for applying protection' },
  { framework: 'nist-sp800-57', id: 'sp800-57.112-to-2030', match: { securityBitsBelow: 128 }, disallowedFrom: 2031,
    source: 'SP 800-57 Pt 1 Rev 5 §5.6.3, Table 4: 112-bit strength acceptable through 2030, disallowed for applying protection from 2031' },
  // --- NIST IR 8547 ipd ---
  { framework: 'nist-ir8547', id: 'ir8547.qv-112', match: { uses: PK_USES, quantumVulnerable: true, securityBitsBelow: 128 },
    deprecatedFrom: 2031, disallowedFrom: 2036,
    source: 'NIST IR 8547 ipd §4.1.1 Table 2 (signatures) and §4.1.2 Table 3 (key establishment): 112-bit RSA/ECC deprecated after 2030, disallowed after 2035' },
  { framework: 'nist-ir8547', id: 'ir8547.qv-128plus', match: { uses: PK_USES, quantumVulnerable: true, securityBitsAtLeast: 128 },
    disallowedFrom: 2036,
    source: 'NIST IR 8547 ipd §4.1.1 Table 2 and §4.1.2 Table 3: RSA/ECC at >= 128-bit strength disallowed after 2035' },
  // --- BSI TR-02102-1 ---
  { framework: 'bsi-tr-02102-1', id: 'bsi.level-120', match: { securityBitsBelow: 120 }, disallowedFrom: 2023,
    source: 'BSI TR-02102-1 §1.1 and Table 1.1: security level of at least 120 bits for use from 2023 (RSA >= 3000 bits, ECC >= 250 bits)' },
  { framework: 'bsi-tr-02102-1', id: 'bsi.aead-list', match: { uses: ['encryption'] }, except: [{ families: ['aes'] }],
    disallowedFrom: ALWAYS, approximate: true,
    source: 'BSI TR-02102-1 §2.1-2.2: recommended block cipher AES with GCM/CCM/CTR+MAC; ChaCha20-Poly1305 and Ascon are not among the recommended mechanisms (approximate reading)' },
  { framework: 'bsi-tr-02102-1', id: 'bsi.pq-category-3', match: { families: ['ml-kem', 'ml-dsa'], securityBitsBelow: 192 },
    disallowedFrom: ALWAYS, approximate: true,
    source: 'BSI TR-02102-1 §3.3 / §5.3: ML-KEM-768/-1024 recommended (not ML-KEM-512); ML-DSA at category 3 or above (approximate reading)' },
  { framework: 'bsi-tr-02102-1', id: 'bsi.pq-hybrid-only', match: { uses: ['key-establishment'], families: ['ml-kem'], standalone: true },
    disallowedFrom: ALWAYS,
    source: 'BSI TR-02102-1 §3.3: post-quantum key establishment only in combination (hybrid) with a classical mechanism' },
  // --- CNSA 2.0 ---
  { framework: 'cnsa-2.0', id: 'cnsa.firmware-signing', match: { uses: ['firmware-signing'] },
    except: [{ families: ['lms', 'xmss'] }, { families: ['ml-dsa'], securityBitsAtLeast: 256 }], disallowedFrom: 2030,
    source: 'CNSA 2.0 CSA (2022) p.3-4: software/firmware signing with LMS/XMSS (SP 800-208) or ML-DSA-87, used exclusively by 2030' },
  { framework: 'cnsa-2.0', id: 'cnsa.classical-192', match: { quantumVulnerable: true, securityBitsBelow: 192 }, disallowedFrom: ALWAYS,
    source: 'CNSA 1.0/2.0 transition: classical ECC only P-384, RSA >= 3072 bits' },
  { framework: 'cnsa-2.0', id: 'cnsa.classical-2033', match: { uses: PK_USES, quantumVulnerable: true }, disallowedFrom: 2034,
    approximate: true,
    source: 'CNSA 2.0 CSA (2022) timeline: quantum-resistant algorithms exclusively by 2033 for most equipment classes' },
  { framework: 'cnsa-2.0', id: 'cnsa.pq-level-5', match: { families: ['ml-kem', 'ml-dsa'], securityBitsBelow: 256 }, disallowedFrom: ALWAYS,
    source: 'CNSA 2.0 CSA (2022) table: ML-KEM-1024 and ML-DSA-87 only (category 5)' },
  { framework: 'cnsa-2.0', id: 'cnsa.aes-256', match: { uses: ['encryption'] }, except: [{ families: ['aes'], securityBitsAtLeast: 256 }],
    disallowedFrom: ALWAYS, source: 'CNSA 2.0 CSA (2022) table: AES-256 for symmetric encryption' },
  { framework: 'cnsa-2.0', id: 'cnsa.sha-384', match: { uses: ['hashing'], securityBitsBelow: 192 }, disallowedFrom: ALWAYS,
    source: 'CNSA 2.0 CSA (2022) table: SHA-384 or SHA-512 for hashing' },
];
