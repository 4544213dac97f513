// Checks of command-line arguments, run before any work starts (build, QEMU, a broker, a long
// profile): each failure is a CapmarkError('USAGE') naming the flag, what it got and what is
// allowed, so a mistake costs a second instead of a lost run.
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { dataPath } from '../catalogue/index.ts';
import { KERNELS, type KernelSpec } from '../kernels/index.ts';
import { selects } from '../profile/plan.ts';
import { loadRequirementProfile, type RequirementProfile } from '../verdict/index.ts';

const usage = (message: string) => new CapmarkError('USAGE', message);

/** An integer flag within [min, max] (e.g. `--iterations 1e12` is refused, not wrapped). */
export function integerIn(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\s*[+-]?\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw usage(`${flag} must be an integer ${max === Infinity ? `>= ${min}` : `from ${min} to ${max}`}, got "${text}"`);
  }
  return n;
}

/** A number flag within [min, max] (seconds and the like). */
export function numberIn(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw usage(`${flag} must be a number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** BENCH runs 1..64 iterations per request (docs/protocol.md; the agent keeps 64 tick samples). */
export const ITERATIONS = { min: 1, max: 64 } as const;
/** Linux termios rates run from B50 to B4000000. */
export const BAUD = { min: 50, max: 4_000_000 } as const;

/** `--kernels a,b`: every name must select at least one kernel (an id, an id family such as
 *  "ml-dsa" or "aes-128", or a device kernel such as "lms"). */
export function kernelNames(text: string, specs: KernelSpec[] = KERNELS): string[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw usage(`--kernels names no kernel ("${text}")`);
  const unknown = names.filter((n) => !specs.some((k) => selects(k, n)));
  if (unknown.length) {
    throw usage(`--kernels: no kernel ${unknown.map((n) => `"${n}"`).join(', ')}; known kernels (a family such as "ml-dsa" or "aes-128" selects all of its members): ${specs.map((k) => k.id).join(', ')}`);
  }
  return names;
}

const kindOf = (s: Stats) => (s.isFile() ? 'a file' : s.isDirectory() ? 'a directory' : s.isFIFO() ? 'a named pipe' : s.isSocket() ? 'a socket'
  : s.isCharacterDevice() ? 'a character device' : s.isBlockDevice() ? 'a block device' : 'not a regular file or folder');

/** Creates dir if needed and proves a file can be created in it (the results are written as
 *  a temporary file renamed into place, so that is what is tried). */
function checkWritableDir(flag: string, path: string, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.capmark-write-test.${process.pid}.tmp`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? `a part of ${dir} is a file, not a folder`
      : code === 'EACCES' || code === 'EPERM' ? `no permission to create files in ${dir}`
      : code === 'EROFS' ? `${dir} is on a read-only file system`
      : `files cannot be created in ${dir} (${code ?? (e as Error).message})`;
    throw usage(`${flag} ${path}: ${why}; choose another path`);
  }
}

/** `--out <file>`: a regular file (or none yet) in a folder where files can be created. */
export function outputFile(flag: string, path: string): string {
  const file = resolve(path);
  if (existsSync(file)) {
    const s = statSync(file);
    if (!s.isFile()) throw usage(`${flag} ${path} is ${kindOf(s)}; name a file${s.isDirectory() ? `, e.g. ${join(path, 'results.json')}` : ''}`);
  }
  checkWritableDir(flag, path, dirname(file));
  return file;
}

/** `--out <dir>`: a folder (made if missing) where files can be created. */
export function outputDir(flag: string, path: string): string {
  const dir = resolve(path);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw usage(`${flag} ${path} is ${kindOf(statSync(dir))}; name a folder`);
  checkWritableDir(flag, path, dir);
  return dir;
}

/** `--port <path>`: a character device (a USB-UART such as /dev/ttyACM0, or a pty). */
export function serialPort(path: string): string {
  let s: Stats;
  try { s = statSync(path); } catch {
    throw usage(`cannot open serial port ${path}: no such file (is the board plugged in? check the path, e.g. /dev/ttyACM0)`);
  }
  if (!s.isCharacterDevice()) throw usage(`--port ${path} is ${kindOf(s)}, not a serial port (a character device such as /dev/ttyACM0 or /dev/ttyUSB0)`);
  return path;
}

/** A product profile argument as a path: a file, or the id of a shipped profile in boards/requirements/. */
export function profilePath(arg: string): string {
  if (existsSync(arg) || arg.endsWith('.json') || arg.includes('/')) return arg;
  const shipped = dataPath('boards/requirements');
  const file = join(shipped, `${arg}.json`);
  if (existsSync(file)) return file;
  const ids = readdirSync(shipped).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  throw usage(`--requirements "${arg}" is neither a file nor a shipped profile (${ids.join(', ')})`);
}

/** `--requirements <profile>`, loaded and schema-checked. */
export const requirementProfile = (arg: string): RequirementProfile => loadRequirementProfile(profilePath(arg));
