// Boards are data: every shipped board validates, and a wrong board file is rejected with
// the file, the field and the reason.
import { describe, it, expect } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOARDS } from '../../profiler/util/paths.ts';
import { boardById, loadBoard, loadBoards } from '../../profiler/boards/index.ts';
import { CORES, type FirmwareManifest } from '../../profiler/build/index.ts';
import { loadCatalogue } from '../../profiler/catalogue/index.ts';
import { qemuArgs } from '../../profiler/qemu/launch.ts';
import { coreTiming } from '../../profiler/timing/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('boards');
const an386 = JSON.parse(readFileSync(join(BOARDS, 'virtual', 'mps2-an386.json'), 'utf8'));
const write = (name: string, data: unknown) => { const f = join(dir, `${name}.json`); writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data)); return f; };

describe('board files', () => {
  it('every shipped virtual board validates', () => {
    expect(loadBoards().map((b) => b.id)).toEqual(expect.arrayContaining(['mps2-an385', 'mps2-an386', 'mps2-an500', 'mps2-an505', 'lm3s6965evb']));
  });

  it('names the file, the field and the reason for a wrong value', () => {
    const f = write('bad-clock', { ...an386, id: 'bad-clock', clock_hz: 'fast' });
    expect(() => loadBoard(f)).toThrow(`${f}: clock_hz: must be integer`);
  });

  it('names a misspelt field, a missing one and a value outside the allowed set', () => {
    const { ram_bytes, ...noRam } = an386;
    expect(() => loadBoard(write('b0', { ...an386, id: 'b0', ram_bytez: ram_bytes }))).toThrow(/b0\.json: ram_bytez: is not a known field/);
    expect(() => loadBoard(write('b1', { ...noRam, id: 'b1' }))).toThrow(/b1\.json: ram_bytes: is required but missing/);
    expect(() => loadBoard(write('b2', { ...an386, id: 'b2', core: 'pentium' }))).toThrow(/b2\.json: core: must be one of "cortex-m0", /);
    expect(() => loadBoard(write('b3', { ...an386, id: 'b3', port: { ...an386.port, uart_base: '40004000' } }))).toThrow(/b3\.json: port\.uart_base: must match pattern/);
  });

  it('rejects an id that does not match the file name, and broken JSON', () => {
    expect(() => loadBoard(write('other-name', an386))).toThrow(/other-name\.json: id: "mps2-an386" must match the file name "other-name"/);
    expect(() => loadBoard(write('broken', '{ "id": '))).toThrow(/broken\.json: \(top level\): is not valid JSON/);
  });

  it('skips a bad file for the other boards, reporting it, and names it when that board is asked for', () => {
    const vdir = join(dir, 'virtual');
    mkdirSync(vdir);
    writeFileSync(join(vdir, 'mps2-an386.json'), JSON.stringify(an386));
    writeFileSync(join(vdir, 'typo.json'), JSON.stringify({ ...an386, id: 'typo', clock_hz: 'fast' }));
    const skipped: string[] = [];
    const boards = loadBoards(vdir, (e) => skipped.push(e.message));
    expect(boards.map((b) => b.id)).toEqual(['mps2-an386']);
    expect(skipped).toEqual([`${join(vdir, 'typo.json')}: clock_hz: must be integer`]);
    expect(boardById('mps2-an386', boards, vdir).id).toBe('mps2-an386');
    expect(() => boardById('typo', boards, vdir)).toThrow(`${join(vdir, 'typo.json')}: clock_hz: must be integer`);
  });

  it('an unknown board id lists the known ones', () => {
    expect(() => boardById('nope')).toThrow(/no board "nope"; known boards: .*mps2-an386/);
  });
});

describe('cores and twins', () => {
  it('every core the board schema allows has a firmware build, and every build core is allowed', () => {
    const schema = JSON.parse(readFileSync(join(BOARDS, 'schema', 'board.schema.json'), 'utf8'));
    expect([...schema.properties.core.enum].sort()).toEqual(Object.keys(CORES).sort());
  });

  it('every core the firmware is built for has a timing table (boards/timing)', () => {
    for (const core of Object.keys(CORES)) expect(coreTiming(core)?.table.cores, core).toContain(core);
  });

  it('a real-SoC twin names a part of the catalogue with the same core', () => {
    const parts = new Map(loadCatalogue().map((e) => [e.id, e]));
    const twins = loadBoards().filter((b) => b.twin_of);
    expect(twins.map((b) => b.id)).toEqual(expect.arrayContaining(['microbit', 'microbit-profiling', 'netduinoplus2', 'stm32vldiscovery']));
    for (const b of twins) expect(parts.get(b.twin_of!)?.core.value, b.id).toBe(b.core);
  });

  it('QEMU arguments take the board\'s sizes from its fields', () => {
    const board = boardById('microbit-profiling');
    const args = qemuArgs(board, { elf: 'fw.elf', marks: { begin: '0x1', end: '0x2' } } as FirmwareManifest);
    expect(args).toContain(`nrf51-soc.sram-size=${board.ram_bytes}`);
    expect(args).toContain(`nrf51-soc.flash-size=${board.flash_bytes}`);
    expect(args.join(' ')).not.toContain('${');
  });
});
