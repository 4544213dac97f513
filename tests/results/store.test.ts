// Writing results: atomic, and never lost: when the target cannot be written at the end of a
// long profile, the results go to the temp folder and the error says where.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCapmarkError } from '../../profiler/errors.ts';
import { readResults, writeResults } from '../../profiler/results/store.ts';
import { makeResults } from '../support/results-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('results');

describe('writeResults', () => {
  it('writes a file that reads back the same, leaving no temporary file', () => {
    const results = makeResults({ board: 'mps2-an386' });
    const file = writeResults(results, join(dir, 'sub', 'r.json'));
    expect(readResults(file).measurements).toEqual(results.measurements);
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
  });

  it('saves the results elsewhere and names the place when the target cannot be written', () => {
    const results = makeResults({ board: 'mps2-an386' });
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    let rescue = '';
    try { writeResults(results, join(blocker, 'r.json')); expect.unreachable(); } catch (e) {
      expect(isCapmarkError(e) && e.code, String(e)).toBe('RESULTS_WRITE');
      const m = (e as Error).message.match(/^cannot write .*a-file\/r\.json \(E[A-Z]+\); the results are saved in (.+)$/);
      expect(m, (e as Error).message).not.toBeNull();
      rescue = m![1];
    }
    expect(JSON.parse(readFileSync(rescue, 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    rmSync(rescue);
  });
});
