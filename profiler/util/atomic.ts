// Writes a file atomically: a temp file beside it, then a rename, so a reader or a crash never
// sees half a file.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    if (existsSync(tmp)) rmSync(tmp);
  }
}
