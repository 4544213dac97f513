// The progress bar: redraws in place on a TTY, prints about every 10% to logs, ends with a newline.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../profiler/report/index.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const w = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } }) as Writable & { isTTY?: boolean; columns?: number };
  w.isTTY = isTTY; w.columns = 100;
  return { w, text: () => chunks.join(''), chunks };
}

describe('progressBar', () => {
  it('redraws one line on a TTY', () => {
    const s = sink(true);
    const q = progressBar(4, 'profile', s.w);
    for (let i = 0; i < 4; i++) q.tick(`kernel ${i}`);
    q.done();
    expect(s.text()).toMatch(/\rprofile \[#+\] 4\/4 done/);
    expect(s.text().endsWith('\n')).toBe(true);
    expect(s.text().split('\n')).toHaveLength(2);
  });
  it('prints about every 10% when not a TTY', () => {
    const s = sink(false);
    const q = progressBar(100, 'bench', s.w);
    for (let i = 0; i < 100; i++) q.tick();
    q.done();
    const lines = s.text().trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.at(-1)).toMatch(/bench: 100\/100/);
  });
});
