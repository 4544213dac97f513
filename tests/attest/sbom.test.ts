// The CycloneDX 1.5 SBOM of a firmware build (profiler/attest/sbom.ts): fields the 1.5 schema
// requires, every kernel source listed with its digest, consistent references, same bytes per build.
// (Checked once against CycloneDX/specification schema/bom-1.5.schema.json with ajv when written.)
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSbom } from '../../profiler/attest/sbom.ts';
import { ROOT } from '../../profiler/util/paths.ts';

const inputs = { board: 'mps2-an386', imageSha256: 'ab'.repeat(32), compiler: 'arm-none-eabi-gcc 12.2.1', wasm2c: '1.0.32' };
const COMPONENT_TYPES = ['application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device',
  'device-driver', 'firmware', 'file', 'machine-learning-model', 'data'];

describe('CycloneDX SBOM', () => {
  const bom = makeSbom(inputs);
  const all = [bom.metadata.component, ...bom.components];

  it('has the 1.5 header, a UUID serial number and the image digest on the firmware component', () => {
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1 });
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata.component).toMatchObject({ type: 'firmware', hashes: [{ alg: 'SHA-256', content: inputs.imageSha256 }] });
  });

  it('lists every kernel source with its SHA-256, the runtime, picolibc and the build tools', () => {
    for (const f of readdirSync(join(ROOT, 'wasm', 'kernels')).filter((x) => x.endsWith('.ts'))) {
      const c = bom.components.find((x) => x.properties?.some((p) => p.value === `wasm/kernels/${f}`));
      expect(c, f).toBeDefined();
      expect(c!.hashes![0].content).toBe(createHash('sha256').update(readFileSync(join(ROOT, 'wasm', 'kernels', f))).digest('hex'));
    }
    const names = bom.components.map((c) => c.name);
    for (const n of ['capmark-agent', 'wasm2c-runtime', 'picolibc', 'arm-none-eabi-gcc', 'wabt', 'assemblyscript']) expect(names).toContain(n);
    expect(bom.components.find((c) => c.name === 'arm-none-eabi-gcc')).toMatchObject({ scope: 'excluded', version: inputs.compiler });
  });

  it('uses only 1.5 component types, unique bom-refs, and dependencies on existing refs', () => {
    for (const c of all) expect(COMPONENT_TYPES).toContain(c.type);
    const refs = all.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    for (const d of bom.dependencies) for (const r of [d.ref, ...d.dependsOn]) expect(refs).toContain(r);
  });

  it('is deterministic (no timestamp): the same build gives the same bytes', () => {
    expect(JSON.stringify(makeSbom(inputs))).toBe(JSON.stringify(bom));
    expect(JSON.stringify(makeSbom({ ...inputs, imageSha256: 'cd'.repeat(32) }))).not.toBe(JSON.stringify(bom));
  });
});
