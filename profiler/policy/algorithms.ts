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
}

// Longest prefix wins ("ml-kem" before "ml", "sha3" before "sha").
const FAMILIES = [
  'aes', 'chacha20', 'xchacha20', 'ascon', 'ecdsa', 'ecdh', 'ed25519', 'ed448', 'x25519', 'x448',
  'rsa', 'ml-kem', 'ml-dsa', 'slh-dsa', 'lms', 'xmss', 'hmac', 'hkdf', 'sha3', 'shake', 'sha', 'kmac',
].sort((a, b) => b.length - a.length);

/** Family of a registry id, e.g. "aes-128-gcm" -> "aes", "ml-kem-768" -> "ml-kem". */
export function familyOf(id: string): string {
  return FAMILIES.find((f) => id === f || id.startsWith(`${f}-`) || (f === 'sha' && /^sha\d/.test(id)))
    ?? id.split('-')[0];
}

const PUBLIC_KEY_KINDS = new Set(['signature', 'key-agreement', 'kem', 'attestation']);

export function algorithmFacts(k: KernelSpec): AlgorithmFacts {
  return {
    id: k.id, family: familyOf(k.id), kind: k.kind, securityBits: k.securityBits,
    quantumSecurityBits: k.quantumSecurityBits, keyBits: k.keyBits,
    quantumVulnerable: PUBLIC_KEY_KINDS.has(k.kind) && k.quantumSecurityBits === 0,
  };
}
