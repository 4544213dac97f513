// Flash and RAM of the agent a product ships, exact from the firmware ELF's sections, with the
// conditions (run: npx tsx scripts/bench-footprint.ts [--board mps2-an386]):
//   the full agent (every kernel), the ble-cgm product agent (the verdict's choices on the
//   board's measured results) and the attestation-only agent (Ed25519 DICE + EAT), against the
//   targets of issue 14 (attestation-only <= 48 KiB flash, <= 24 KiB RAM on the M4).
// First profiles the board with the kernels ble-cgm can use (a temporary results file: the
// verdict chooses from it, and its stack figures size the product agents' stacks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { boardById, loadBoards } from '../profiler/boards/index.ts';
import { buildAll, type FirmwareManifest } from '../profiler/build/index.ts';
import { agentOf, kernelsForRequirements, kernelsNamed, planProduct } from '../profiler/product/index.ts';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import { loadRequirementProfile } from '../profiler/verdict/index.ts';
import { profilePath } from '../profiler/commands/args.ts';

const { values } = parseArgs({ options: { board: { type: 'string' } } });
const board = boardById(values.board ?? 'mps2-an386', loadBoards());
const KIB = 1024;
const TARGET = { flash_bytes: 48 * KIB, ram_bytes: 24 * KIB };
const tmp = mkdtempSync(join(tmpdir(), 'capmark-bench-footprint-'));

try {
  const measured = (await profileVirtualBoard(board, {
    kernels: ['sha256', 'chacha20-poly1305', 'aes-128-ccm', 'x25519', 'ed25519', 'lms-sha256-h10-w4', 'attest-ed25519'],
    iterations: 1, out: join(tmp, 'measured.json'),
  })).results;
  const profile = loadRequirementProfile(profilePath('ble-cgm'));
  const chosen = kernelsForRequirements(profile, measured);
  const bleCgm = await planProduct('ble-cgm', chosen.kernels, { requirements: 'ble-cgm', results: measured, resultsFile: 'a profile of the kernels above', notes: chosen.notes });
  const attestOnly = await planProduct('attest-only', kernelsNamed(['attest-ed25519']), { results: measured, resultsFile: 'the same profile' });

  const firmware = async (agent?: ReturnType<typeof agentOf>): Promise<FirmwareManifest> =>
    (await buildAll([board], 'mask', () => {}, agent)).firmware.get(board.id)!;
  const rows: [string, FirmwareManifest][] = [
    ['full agent (every kernel)', await firmware()],
    [`ble-cgm agent (${bleCgm.devices.join(', ')})`, await firmware(agentOf(bleCgm))],
    ['attestation-only agent (attest-ed25519: DICE + EAT, Ed25519)', await firmware(agentOf(attestOnly))],
  ];
  const fw = rows[0][1];
  console.log(`Footprint of the agent firmware on ${board.id} (${board.core}, ${board.name}); exact, from the ELF's sections (size -A):`);
  console.log(`  flash = .text + .ARM.exidx + .data load image; RAM = .data + .bss (linear memory inside) + reserved .stack`);
  console.log(`  ${fw.compiler}; flags: ${fw.cflags.split(' ').filter((f) => /^-(m|O|g|f)/.test(f)).join(' ')}; ${fw.wasm2c}`);
  console.log('');
  console.log(`  ${'agent'.padEnd(64)} ${'bounds'.padEnd(6)} ${'flash B'.padStart(9)} ${'RAM B'.padStart(9)} ${'linear B'.padStart(9)} ${'stack B'.padStart(8)} ${'data B'.padStart(7)}`);
  for (const [label, m] of rows) {
    const mem = m.memory!;
    console.log(`  ${label.padEnd(64)} ${m.bounds.padEnd(6)} ${String(mem.flash_bytes).padStart(9)} ${String(mem.ram_bytes).padStart(9)} ${String(mem.linear_memory_bytes).padStart(9)} ${String(mem.stack_bytes).padStart(8)} ${String(mem.ram_bytes - mem.linear_memory_bytes - mem.stack_bytes).padStart(7)}`);
  }
  const a = rows[2][1].memory!;
  const verdict = (what: 'flash_bytes' | 'ram_bytes') =>
    (a[what] <= TARGET[what] ? `meets ${TARGET[what]} B` : `misses ${TARGET[what]} B by ${a[what] - TARGET[what]} B`);
  console.log('');
  console.log(`  attestation-only target (issue 14): flash ${verdict('flash_bytes')}; RAM ${verdict('ram_bytes')}; fits a 32 KiB-RAM part: ${a.ram_bytes <= 32 * KIB ? 'yes' : 'no'}`);
  console.log('  sizing:');
  for (const n of [...bleCgm.notes.map((x) => `ble-cgm: ${x}`), ...attestOnly.notes.map((x) => `attest-only: ${x}`)]) console.log(`    ${n}`);
  console.log(`  the full agent's stack is the board's (${board.stack_bytes} B) and its linear memory what the board backs (up to 1 MiB)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
