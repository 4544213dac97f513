// CycloneDX 1.5 SBOM (JSON) of one firmware build, written as plain JSON (the CycloneDX
// library is not a dependency): the firmware image, the agent module, each kernel source, the
// wasm2c runtime, picolibc, and the build tools (gcc, wabt, asc) as excluded-scope components.
// No timestamp: the same build gives the same bytes, so the SBOM digest is a reference value.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { BUILD, ROOT } from '../util/paths.ts';
import { sbomPath, sha256Hex } from './reference.ts';

interface Hash { alg: 'SHA-256'; content: string }
interface Component {
  type: 'application' | 'firmware' | 'library';
  'bom-ref': string; name: string; version?: string; scope?: 'required' | 'excluded';
  description?: string; hashes?: Hash[]; purl?: string; properties?: { name: string; value: string }[];
}
export interface CycloneDxBom {
  bomFormat: 'CycloneDX'; specVersion: '1.5'; serialNumber: string; version: number;
  metadata: { tools: { components: Component[] }; component: Component };
  components: Component[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

const sha = (content: string): Hash[] => [{ alg: 'SHA-256', content }];

/** Debian package version, or 'unknown' off Debian. */
function debVersion(pkg: string): string {
  try { return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'unknown'; } catch { return 'unknown'; }
}

/** RFC 4122 name-based (version 5 layout) UUID from the image digest: one build, one serial. */
function serialOf(imageSha256: string): string {
  const h = createHash('sha1').update(`capmark-firmware:${imageSha256}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50; h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export interface SbomInputs { board: string; imageSha256: string; compiler: string; wasm2c: string; agentWasm?: string }

/** The SBOM of a board's firmware build from its manifest fields and the checkout. */
export function makeSbom(i: SbomInputs): CycloneDxBom {
  const agentWasm = i.agentWasm ?? join(BUILD, 'agent.wasm');
  const kernelsDir = join(ROOT, 'wasm', 'kernels');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const ascVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'assemblyscript', 'package.json'), 'utf8')).version;
  const kernels: Component[] = readdirSync(kernelsDir).filter((f) => f.endsWith('.ts')).sort().map((f) => ({
    type: 'library', 'bom-ref': `kernel:${f.replace(/\.ts$/, '')}`, name: `capmark-kernel-${f.replace(/\.ts$/, '')}`, version: pkg.version,
    hashes: sha(sha256Hex(readFileSync(join(kernelsDir, f)))), properties: [{ name: 'capmark:source', value: `wasm/kernels/${f}` }],
  }));
  const agent: Component = {
    type: 'application', 'bom-ref': 'agent', name: 'capmark-agent', version: pkg.version,
    description: 'AssemblyScript agent (build/agent.wasm), compiled to C by wasm2c',
    hashes: existsSync(agentWasm) ? sha(sha256Hex(readFileSync(agentWasm))) : undefined,
  };
  const picolibc = debVersion('picolibc-arm-none-eabi');
  const runtime: Component[] = [
    { type: 'library', 'bom-ref': 'wasm2c-runtime', name: 'wasm2c-runtime', version: i.wasm2c, description: 'wasm-rt runtime of WABT wasm2c', purl: `pkg:deb/debian/wabt@${debVersion('wabt')}` },
    { type: 'library', 'bom-ref': 'picolibc', name: 'picolibc', version: picolibc, purl: `pkg:deb/debian/picolibc-arm-none-eabi@${picolibc}` },
  ];
  const gccDeb = debVersion('gcc-arm-none-eabi');
  const tools: Component[] = [
    { type: 'application', 'bom-ref': 'tool:gcc', name: 'arm-none-eabi-gcc', version: i.compiler, scope: 'excluded', purl: `pkg:deb/debian/gcc-arm-none-eabi@${gccDeb}` },
    { type: 'application', 'bom-ref': 'tool:wabt', name: 'wabt', version: i.wasm2c, scope: 'excluded' },
    { type: 'application', 'bom-ref': 'tool:asc', name: 'assemblyscript', version: ascVersion, scope: 'excluded', purl: `pkg:npm/assemblyscript@${ascVersion}` },
  ];
  const firmware: Component = {
    type: 'firmware', 'bom-ref': 'firmware', name: `capmark-firmware-${i.board}`, version: pkg.version, hashes: sha(i.imageSha256),
    properties: [{ name: 'capmark:board', value: i.board }],
  };
  return {
    bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: serialOf(i.imageSha256), version: 1,
    metadata: { tools: { components: [{ type: 'application', 'bom-ref': 'tool:capmark', name: 'capmark', version: pkg.version }] }, component: firmware },
    components: [agent, ...kernels, ...runtime, ...tools],
    dependencies: [
      { ref: 'firmware', dependsOn: ['agent', 'wasm2c-runtime', 'picolibc'] },
      { ref: 'agent', dependsOn: kernels.map((k) => k['bom-ref']) },
    ],
  };
}

/** Writes build/fw/<board>.cdx.json from build/fw/<board>.json (or the same under a
 *  per-product agent's `dir`); returns its path. */
export function writeSbom(board: string, dir = BUILD): string {
  const manifest = join(dir, 'fw', `${board}.json`);
  if (!existsSync(manifest)) throw new CapmarkError('NO_FIRMWARE', `${manifest} missing: build the firmware first (capmark build --board ${board})`);
  const fw = JSON.parse(readFileSync(manifest, 'utf8'));
  if (!fw.image?.sha256) throw new CapmarkError('NO_FIRMWARE', `${manifest}: field "image.sha256" missing; rebuild the firmware`);
  const bom = makeSbom({ board, imageSha256: fw.image.sha256, compiler: fw.compiler, wasm2c: fw.wasm2c, agentWasm: join(dir, 'agent.wasm') });
  const out = sbomPath(board, dir);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, `${JSON.stringify(bom, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
  return out;
}
