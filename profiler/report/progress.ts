// A dependency-free progress bar for long runs: redraws one line on a TTY, prints every 10% when
// output goes to a log (CI), and always ends with a newline.
import type { Writable } from 'node:stream';

export interface Progress { tick(label?: string, n?: number): void; done(): void }

export function progressBar(total: number, title: string, out: Writable & { isTTY?: boolean; columns?: number } = process.stderr): Progress {
  let done = 0, lastDecile = -1;
  const draw = (label = '') => {
    const frac = total ? Math.min(1, done / total) : 1;
    if (out.isTTY) {
      const width = Math.max(10, Math.min(40, (out.columns ?? 80) - title.length - label.length - 20));
      const filled = Math.round(frac * width);
      out.write(`\r${title} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, (out.columns ?? 200) - 1).padEnd(Math.min(out.columns ?? 80, 120) - 1));
    } else {
      const decile = Math.floor(frac * 10);
      if (decile !== lastDecile) { lastDecile = decile; out.write(`${title}: ${done}/${total} ${label}\n`); }
    }
  };
  return {
    tick(label, n = 1) { done += n; draw(label); },
    done() { done = total; draw('done'); if (out.isTTY) out.write('\n'); },
  };
}
