// The board catalogue: at least 20 real MCUs, each fact with a source, validated; virtual boards
// without a power model default to a representative part, labelled as such.
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, loadCatalogue, REPRESENTATIVE_PART, virtualBoardFacts, boardFacts } from '../../profiler/catalogue/index.ts';
import { DataError } from '../../profiler/schema/index.ts';
import { tempDir } from '../support/tmp.ts';

const tmp = tempDir('catalogue');

const catalogue = loadCatalogue();

describe('catalogue', () => {
  it('has at least 20 entries including the common medical/IoT parts', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(20);
    for (const id of ['nrf52840', 'nrf5340', 'stm32l476rg', 'stm32u585ai', 'stm32wb55rg', 'esp32-c3', 'rp2040', 'rp2350',
      'atsaml11e16a', 'lpc55s69', 'mimxrt1062', 'efr32mg24', 'msp430fr5994']) {
      expect(catalogue.map((e) => e.id)).toContain(id);
    }
  });
  it('states debug lock and radios for every shipped part, with a source', () => {
    for (const e of catalogue) {
      expect(typeof e.debug_lock?.value, e.id).toBe('boolean');
      expect(Array.isArray(e.radios?.value), e.id).toBe(true);
    }
    expect(catalogue.find((e) => e.id === 'rp2040')!.debug_lock!.value).toBe(false);
  });
  it('gives every fact a source', () => {
    for (const e of catalogue) {
      for (const [k, v] of Object.entries(e)) {
        if (v && typeof v === 'object' && 'value' in v) expect((v as { source: string }).source.length, `${e.id}.${k}`).toBeGreaterThan(3);
      }
      expect(e.power.run_current.source.length).toBeGreaterThan(3);
      expect(e.price_band_usd.source).toMatch(/approximate/);
    }
  });
  it('has a representative part for each defaulted core', () => {
    for (const id of Object.values(REPRESENTATIVE_PART)) expect(catalogue.map((e) => e.id)).toContain(id);
  });
  it('rejects an entry with a missing source, naming file and field', () => {
    const dir = join(tmp, 'catalogue');
    mkdirSync(dir);
    const entry = JSON.parse(readFileSync(join(dataPath('boards/catalogue'), 'nrf52840.json'), 'utf8'));
    delete entry.trng.source;
    writeFileSync(join(dir, 'nrf52840.json'), JSON.stringify(entry));
    try { loadCatalogue([dir]); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).field).toBe('trng.source');
      expect((e as DataError).file).toContain('nrf52840.json');
    }
  });
});

describe('virtual board facts', () => {
  const dir = tempDir('vb');
  it('defaults the power model from the representative part of its core, labelled', () => {
    const f = join(dir, 'mps2-an386.json');
    // The shape of boards/virtual/<id>.json as the board layer writes it (boards/schema/board.schema.json).
    writeFileSync(f, JSON.stringify({ $schema: '../schema/board.schema.json', id: 'mps2-an386', name: 'MPS2 AN386', kind: 'virtual',
      core: 'cortex-m4', clock_hz: 25_000_000, flash_bytes: 4 << 20, ram_bytes: 4 << 20,
      memory: { flash_origin: '0x00000000', ram_origin: '0x20000000' }, qemu: { machine: 'mps2-an386' },
      port: { family: 'cmsdk', uart_base: '0x40004000', counter_base: '0x40000000', counter_hz: 25_000_000 }, stack_bytes: 32768 }));
    const facts = virtualBoardFacts(f, catalogue);
    expect(facts.power?.representative_of).toBe('stm32l476rg');
    expect(facts.power_note).toMatch(/defaulted from .*STM32L476RG/);
    expect(facts.features_note).toMatch(/treated as absent/);
    expect(boardFacts('mps2-an386', catalogue, dir)?.kind).toBe('virtual');
    expect(boardFacts('nrf52840', catalogue, dir)?.kind).toBe('catalogue');
  });
  it('reads features from the board file, other feature names allowed', () => {
    const f = join(dir, 'feat.json');
    writeFileSync(f, JSON.stringify({ id: 'feat', core: 'cortex-m33', clock_hz: 25e6, features: { trng: false, trustzone: true, mpu: true } }));
    const facts = virtualBoardFacts(f, catalogue);
    expect(facts.features).toMatchObject({ trng: false, trustzone: true });
    expect(facts.features_note).toBe('board file');
    expect(facts.power?.representative_of).toBe('stm32u585ai');
  });
  it('rejects a bad power model naming the field', () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify({ id: 'bad', core: 'cortex-m4', clock_hz: 25e6, power: { supply_voltage_v: { value: -1, source: 'x' } } }));
    expect(() => virtualBoardFacts(f, catalogue)).toThrow(/bad.json: power/);
  });
});
