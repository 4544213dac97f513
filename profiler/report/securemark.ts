// TLS 1.3 handshake scores in the manner of EEMBC SecureMark-TLS, from measured primitives:
// score = 1000 / sum(weight_i x seconds_i), i.e. handshakes per 1000 s of CPU time.
// Weights are our own, documented: the operation counts of one TLS 1.3 handshake with mutual
// certificate authentication (RFC 8446 §2; one intermediate certificate), not EEMBC's tables.
import { FRAMEWORKS } from '../policy/index.ts';
import type { ResultsFile } from '../results/types.ts';
import { checkRequirements, OP_ROLES, timeAt, type CheckContext, type RequirementProfile, type Role, type Subject } from '../verdict/index.ts';

export interface SuiteItem { kernel: string; role: Role; bytes?: number; weight: number; why: string }
/** `label`: short, for chart rows. */
export interface Suite { id: string; label: string; title: string; items: SuiteItem[] }

const HANDSHAKE_BYTES = 4096; // transcript hashed and records protected during one handshake (approximate)
const tls = (kx: string, sig: string, aead: string, hash: string): SuiteItem[] => [
  { kernel: kx, role: 'keygen', weight: 1, why: 'ephemeral key share (ClientHello key_share)' },
  { kernel: kx, role: 'agree', weight: 1, why: 'shared secret from the server key share' },
  { kernel: sig, role: 'verify', weight: 2, why: 'server CertificateVerify + one certificate in the chain' },
  { kernel: sig, role: 'sign', weight: 1, why: 'client CertificateVerify (mutual authentication)' },
  { kernel: aead, role: 'encrypt', bytes: HANDSHAKE_BYTES, weight: 1, why: 'protected handshake records' },
  { kernel: hash, role: 'hash', bytes: HANDSHAKE_BYTES, weight: 1, why: 'transcript hash and HKDF inputs (approximate)' },
];

/** EEMBC's TLS handshake suites (light, medium, heavy). Their secure-boot suite verifies RSA-2048,
 *  which NIST IR 8547 deprecates after 2030: capmark's secure-boot suite is what the product's
 *  policy accepts instead (secureBootSuite). */
export const SUITES: Suite[] = [
  { id: 'light', label: 'light (X25519, Ed25519)', title: 'Light (X25519, Ed25519, ChaCha20-Poly1305, SHA-256)', items: tls('x25519', 'ed25519', 'chacha20-poly1305', 'sha256') },
  { id: 'medium', label: 'medium (P-256)', title: 'Medium (P-256, AES-128-GCM, SHA-256)', items: tls('ecdh-p256', 'ecdsa-p256', 'aes-128-gcm', 'sha256') },
  { id: 'heavy', label: 'heavy (P-384)', title: 'Heavy (P-384, AES-256-GCM, SHA-384)', items: tls('ecdh-p384', 'ecdsa-p384', 'aes-256-gcm', 'sha384') },
];

const IMAGE_KIB = 64;

/** The secure-boot suite: verify a 64 KiB image with the fastest signature (and digest) the
 *  product's policy accepts over its support window, chosen by the verdict engine on the first
 *  board and used for every board so scores compare. Without a product: every shipped framework
 *  over the next 15 years. Undefined when no measured signature is acceptable. */
export function secureBootSuite(results: ResultsFile[], product: RequirementProfile | undefined, ctx: CheckContext, year: number): Suite | undefined {
  if (!results.length) return undefined;
  const frameworks = product?.policy.frameworks ?? Object.keys(FRAMEWORKS);
  const window = product ? `${product.first_ship_year}-${product.first_ship_year + product.support_years - 1}` : `${year}-${year + 14}`;
  const probe: RequirementProfile = {
    schema: 'capmark.requirements/1', id: 'securemark-secure-boot', name: 'secure-boot suite',
    first_ship_year: product?.first_ship_year ?? year, support_years: product?.support_years ?? 15,
    policy: product?.policy ?? { frameworks }, budgets: { crypto_ram_bytes: 1 << 30, crypto_flash_bytes: 1 << 30 },
    duty_cycle: { description: 'one boot' },
    needs: [{ id: 'secure-boot', kind: 'secure-boot', description: `verify a ${IMAGE_KIB} KiB image`, image_kib: IMAGE_KIB, traces_to: [] }],
  };
  const pick = checkRequirements(probe, [results[0]], ctx).find((v) => v.need === 'secure-boot')?.choice;
  if (!pick) return undefined;
  const [sig, hash] = pick.kernels;
  const names = frameworks.map((f) => FRAMEWORKS[f]?.title.split(/ \(|, /)[0] ?? f).join(', ');
  return {
    id: 'secure-boot', label: `secure boot (${pick.algorithm.split(' over ')[0]})`,
    title: `Secure boot (${pick.algorithm}, ${IMAGE_KIB} KiB image): the fastest signature ${product ? "the product's policy" : 'every shipped framework'} accepts (${names}, ${window}), not EEMBC's RSA-2048`,
    items: hash
      ? [{ kernel: sig, role: 'verify', weight: 1, why: 'image signature' }, { kernel: hash, role: 'hash', bytes: IMAGE_KIB * 1024, weight: 1, why: 'image digest' }]
      : [{ kernel: sig, role: 'verify', bytes: IMAGE_KIB * 1024, weight: 1, why: 'image signature over the image' }],
  };
}

export interface SuiteScore { suite: string; label: string; title: string; score?: number; seconds?: number; missing: string[] }

function seconds(s: Subject, item: SuiteItem): number | undefined {
  for (const op of OP_ROLES[item.role]) {
    const t = timeAt(s, item.kernel, op, item.bytes);
    if (t) return t.us / 1e6;
  }
  return undefined;
}

export function secureMarkScores(s: Subject, suites: Suite[] = SUITES): SuiteScore[] {
  return suites.map((suite) => {
    let total = 0;
    const missing: string[] = [];
    for (const item of suite.items) {
      const sec = seconds(s, item);
      if (sec === undefined) missing.push(`${item.kernel} ${item.role}`);
      else total += item.weight * sec;
    }
    return missing.length
      ? { suite: suite.id, label: suite.label, title: suite.title, missing }
      : { suite: suite.id, label: suite.label, title: suite.title, score: 1000 / total, seconds: total, missing };
  });
}
