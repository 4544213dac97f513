// TLS 1.3 handshake scores in the manner of EEMBC SecureMark-TLS, from measured primitives:
// score = 1000 / sum(weight_i x seconds_i), i.e. handshakes per 1000 s of CPU time.
// Weights are our own, documented: the operation counts of one TLS 1.3 handshake with mutual
// certificate authentication (RFC 8446 §2; one intermediate certificate), not EEMBC's tables.
import { OP_ROLES, timeAt, type Role, type Subject } from '../verdict/index.ts';

export interface SuiteItem { kernel: string; role: Role; bytes?: number; weight: number; why: string }
export interface Suite { id: string; title: string; items: SuiteItem[] }

const HANDSHAKE_BYTES = 4096; // transcript hashed and records protected during one handshake (approximate)
const tls = (kx: string, sig: string, aead: string, hash: string): SuiteItem[] => [
  { kernel: kx, role: 'keygen', weight: 1, why: 'ephemeral key share (ClientHello key_share)' },
  { kernel: kx, role: 'agree', weight: 1, why: 'shared secret from the server key share' },
  { kernel: sig, role: 'verify', weight: 2, why: 'server CertificateVerify + one certificate in the chain' },
  { kernel: sig, role: 'sign', weight: 1, why: 'client CertificateVerify (mutual authentication)' },
  { kernel: aead, role: 'encrypt', bytes: HANDSHAKE_BYTES, weight: 1, why: 'protected handshake records' },
  { kernel: hash, role: 'hash', bytes: HANDSHAKE_BYTES, weight: 1, why: 'transcript hash and HKDF inputs (approximate)' },
];

export const SUITES: Suite[] = [
  { id: 'light', title: 'Light (X25519, Ed25519, ChaCha20-Poly1305, SHA-256)', items: tls('x25519', 'ed25519', 'chacha20-poly1305', 'sha256') },
  { id: 'medium', title: 'Medium (P-256, AES-128-GCM, SHA-256)', items: tls('ecdh-p256', 'ecdsa-p256', 'aes-128-gcm', 'sha256') },
  { id: 'heavy', title: 'Heavy (P-384, AES-256-GCM, SHA-384)', items: tls('ecdh-p384', 'ecdsa-p384', 'aes-256-gcm', 'sha384') },
  { id: 'secure-boot', title: 'Secure boot (RSA-2048 verify over a SHA-256 digest of 64 KiB)', items: [
    { kernel: 'rsa-2048-pkcs1-verify', role: 'verify', weight: 1, why: 'image signature' },
    { kernel: 'sha256', role: 'hash', bytes: 65536, weight: 1, why: 'image digest' },
  ] },
];

export interface SuiteScore { suite: string; title: string; score?: number; seconds?: number; missing: string[] }

function seconds(s: Subject, item: SuiteItem): number | undefined {
  for (const op of OP_ROLES[item.role]) {
    const t = timeAt(s, item.kernel, op, item.bytes);
    if (t) return t.us / 1e6;
  }
  return undefined;
}

export function secureMarkScores(s: Subject): SuiteScore[] {
  return SUITES.map((suite) => {
    let total = 0;
    const missing: string[] = [];
    for (const item of suite.items) {
      const sec = seconds(s, item);
      if (sec === undefined) missing.push(`${item.kernel} ${item.role}`);
      else total += item.weight * sec;
    }
    return missing.length
      ? { suite: suite.id, title: suite.title, missing }
      : { suite: suite.id, title: suite.title, score: 1000 / total, seconds: total, missing };
  });
}
