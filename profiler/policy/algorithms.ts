// What the policy needs to know about an algorithm, derived from the kernel registry entry:
// family (from the registry id), kind, classical and quantum strength, key length.
import type { KernelSpec } from '../kernels/types.ts';

/** How an algorithm is used; policies differ by use (CNSA 2.0 treats firmware signing apart). */
export type Use = 'firmware-signing' | 'authentication' | 'key-establishment' | 'encryption' | 'hashing';

export interface AlgorithmFacts {
  id: string;
  family: string;
  kind: KernelSpec['kind'];
  securityBits: number;
  quantumSecurityBits: number;
  keyBits?: number;
  /** Shor's algorithm breaks it: RSA, finite-field and elliptic-curve schemes. */
  quantumVulnerable: boolean;
  /** A multi-tree hash-based signature: HSS with two or more levels, or XMSS^MT. */
  multiTree: boolean;
}

// Longest prefix wins ("ml-kem" before "ml", "sha3" before "sha").
const FAMILIES = [
  'aes', 'chacha20', 'xchacha20', 'ascon', 'ecdsa', 'ecdh', 'ed25519', 'ed448', 'x25519', 'x448',
  'rsa', 'ml-kem', 'ml-dsa', 'slh-dsa', 'lms', 'xmss', 'hmac', 'hkdf', 'sha3', 'shake', 'sha', 'kmac',
].sort((a, b) => b.length - a.length);

/** Multi-tree forms named apart in registries, and the family whose rules bind them:
 *  SP 800-208 §1 approves "LMS and HSS" and "XMSS and XMSS^MT" as two schemes each with its
 *  multi-tree variant (RFC 8554 §6: HSS is a tree of LMS trees; RFC 8391 §4.2 for XMSS^MT). */
const MULTI_TREE: Record<string, string> = { hss: 'lms', xmssmt: 'xmss', 'xmss-mt': 'xmss' };

/** Family of a registry id, e.g. "aes-128-gcm" -> "aes", "ml-kem-768" -> "ml-kem", "hss-..." -> "lms". */
export function familyOf(id: string): string {
  const alias = Object.keys(MULTI_TREE).find((a) => id === a || id.startsWith(`${a}-`));
  if (alias) return MULTI_TREE[alias];
  return FAMILIES.find((f) => id === f || id.startsWith(`${f}-`) || (f === 'sha' && /^sha\d/.test(id)))
    ?? id.split('-')[0];
}

/** HSS with L >= 2 levels ("-l2-" in the id) or XMSS^MT; an HSS key of one level is an LMS
 *  key with a 4-byte level count in front (RFC 8554 §6.1), so it is single-tree. */
export function isMultiTree(id: string): boolean {
  if (/^xmss-?mt(-|$)/.test(id)) return true;
  const levels = /^hss-.*?-l(\d+)(-|$)/.exec(id);
  return levels !== null && Number(levels[1]) >= 2;
}

const PUBLIC_KEY_KINDS = new Set(['signature', 'key-agreement', 'kem', 'attestation']);

export function algorithmFacts(k: KernelSpec): AlgorithmFacts {
  return {
    id: k.id, family: familyOf(k.id), kind: k.kind, securityBits: k.securityBits,
    quantumSecurityBits: k.quantumSecurityBits, keyBits: k.keyBits,
    quantumVulnerable: PUBLIC_KEY_KINDS.has(k.kind) && k.quantumSecurityBits === 0,
    multiTree: isMultiTree(k.id),
  };
}
