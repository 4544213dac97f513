// Reference values for the verifier, from the build: the golden firmware image digest
// (build/fw/<id>.json image.sha256), the agent module digest (build/agent.wasm) and the
// digest of the firmware's CycloneDX SBOM (build/fw/<id>.cdx.json, written by sbom.ts).
// A per-product agent's build has the same layout under build/agents/<name>/ (`dir`).
// The device measures only its image; the agent and the SBOM are bound to that image here.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { BUILD } from '../util/paths.ts';
import type { ReferenceValues } from './verifier.ts';

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
export const sbomPath = (boardId: string, dir = BUILD) => join(dir, 'fw', `${boardId}.cdx.json`);

/** Reference values for a known image (in-process agents, tests). */
export function referenceForImage(image: Uint8Array, source: string, extra: Partial<ReferenceValues> = {}): ReferenceValues {
  return { source, firmware_sha256: sha256Hex(image), ...extra };
}

/** Reference values of a board's last firmware build (of the agent built in `dir`). */
export function referenceFromBuild(boardId: string, dir = BUILD): ReferenceValues {
  const manifest = join(dir, 'fw', `${boardId}.json`);
  if (!existsSync(manifest)) throw new CapmarkError('NO_REFERENCE', `${manifest} missing: build the firmware first (capmark build --board ${boardId})`);
  const fw = JSON.parse(readFileSync(manifest, 'utf8'));
  const digest = fw?.image?.sha256;
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) {
    throw new CapmarkError('NO_REFERENCE', `${manifest}: field "image.sha256" missing or not a SHA-256 hex digest; rebuild the firmware`);
  }
  const agent = join(dir, 'agent.wasm'), sbom = sbomPath(boardId, dir);
  return {
    source: manifest, firmware_sha256: digest,
    agent_sha256: existsSync(agent) ? sha256Hex(readFileSync(agent)) : undefined,
    sbom_sha256: existsSync(sbom) ? sha256Hex(readFileSync(sbom)) : undefined,
  };
}
